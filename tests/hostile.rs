//! Inputs that attack the outputs, and runs that must not lose work: text
//! from a file never becomes a live formula (xlsx, CSV, JSON; the HTML and
//! Markdown report escape theirs where the report is built), no output is
//! written over an input or left half-written, and a panic is one line
//! saying it is a bug.

use std::io::Read;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::{Workdir, fixture, stderr};

/// What the hostile fixture writes as project names and extra columns.
const HOSTILE: [&str; 8] = [
    "=HYPERLINK(\"http://evil.example/\",\"open me\")",
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-1+1",
    "@SUM(1+1)",
    "=1+2",
    "=2*3",
    "\t=tab",
];

/// Every `<f>` formula in every sheet of a workbook.
fn formulas(xlsx: &std::path::Path) -> Vec<String> {
    let file = std::fs::File::open(xlsx).expect("workbook");
    let mut archive = zip::ZipArchive::new(file).expect("zip");
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        if !entry
            .name()
            .unwrap_or_default()
            .starts_with("xl/worksheets/")
        {
            continue;
        }
        let mut xml = String::new();
        entry.read_to_string(&mut xml).expect("xml");
        let mut rest = xml.as_str();
        while let Some(start) = rest.find("<f>") {
            let end = rest[start..].find("</f>").expect("closed formula") + start;
            out.push(rest[start + 3..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

#[test]
fn formula_injection_stays_text_in_every_output() {
    let wd = Workdir::new();
    let input = wd.copy(&fixture("broken/hostile.csv"), "hostile.csv");
    let out = wd.run(&[
        "score",
        input.to_str().expect("utf-8"),
        "-o",
        "graded.xlsx",
        "--json",
        "graded.json",
        "--csv",
        "graded.csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // xlsx: the Cash flows sheet has its own formulas; none holds input text.
    let all = formulas(&wd.path("graded.xlsx"));
    assert!(!all.is_empty(), "the Cash flows sheet has formulas");
    for f in &all {
        assert!(
            f.starts_with("SUM(") || f.starts_with("IF("),
            "a formula that airoi did not write: {f}"
        );
        for text in ["HYPERLINK", "cmd", "A1:A9", "1+1", "1+2", "2*3", "tab"] {
            assert!(!f.contains(text), "{f} holds input text {text}");
        }
    }

    // CSV: every hostile text is there, neutralised with a leading quote.
    let mut reader = csv::Reader::from_path(wd.path("graded.csv")).expect("csv");
    let mut cells: Vec<String> = reader
        .headers()
        .expect("headers")
        .iter()
        .map(String::from)
        .collect();
    for record in reader.records() {
        cells.extend(record.expect("record").iter().map(String::from));
    }
    for text in HOSTILE {
        assert!(cells.contains(&format!("'{text}")), "{text:?} in {cells:?}");
        assert!(!cells.contains(&text.to_string()), "{text:?} left live");
    }
    assert!(cells.contains(&"'=cmd|' /C calc'!A0".to_string()), "header");

    // JSON: data, exactly as written in the file.
    let json: Value = serde_json::from_slice(&std::fs::read(wd.path("graded.json")).expect("json"))
        .expect("valid JSON");
    let names: Vec<&str> = json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| p["project_name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(names, &HOSTILE[..4]);
}

#[test]
fn no_output_is_written_over_an_input() {
    let wd = Workdir::new();
    let input = wd.copy(
        &crate::common::root().join("samples/portfolio.csv"),
        "in.csv",
    );
    let before = std::fs::read(&input).expect("input");
    let path = input.to_str().expect("utf-8");
    for flag in ["-o", "--json", "--csv"] {
        let out = wd.run(&["score", path, flag, path]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert_eq!(
            stderr(&out),
            format!("airoi: error: refusing to write {path}: it is one of the run's inputs\n"),
            "{flag}"
        );
        assert_eq!(std::fs::read(&input).expect("input"), before, "{flag}");
        // Refused before any work: not even the workbook was written.
        let names: Vec<_> = std::fs::read_dir(wd.dir())
            .expect("dir")
            .flatten()
            .collect();
        assert_eq!(names.len(), 1, "{flag}: {names:?}");
    }
}

#[test]
fn an_unwritable_output_fails_before_reading() {
    let wd = Workdir::new();
    let input = wd.copy(
        &crate::common::root().join("samples/portfolio.csv"),
        "in.csv",
    );
    let path = input.to_str().expect("utf-8");
    // /sys refuses new files even to root.
    let out = wd.run(&["score", path, "-o", "/sys/graded.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "airoi: error: cannot write /sys/graded.xlsx: the folder /sys does not accept new files\n  caused by: Permission denied (os error 13)\n"
    );
    let out = wd.run(&["score", path, "--csv", wd.dir().to_str().expect("utf-8")]);
    assert_eq!(
        stderr(&out),
        format!(
            "airoi: error: cannot write {}: it is a folder\n",
            wd.dir().display()
        )
    );
}

#[test]
fn a_finished_run_leaves_no_temporary_files() {
    let wd = Workdir::new();
    let input = wd.copy(
        &crate::common::root().join("samples/portfolio.csv"),
        "in.csv",
    );
    let out = wd.run(&[
        "score",
        input.to_str().expect("utf-8"),
        "--json",
        "out.json",
        "--csv",
        "out.csv",
    ]);
    // The sample's one rejected row (its money is in the cash-flows file) means exit 1.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(wd.dir())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["in.csv", "in.graded.xlsx", "out.csv", "out.json"]);
}

#[test]
fn a_panic_is_one_line_naming_the_file_and_exit_2() {
    let wd = Workdir::new();
    let input = wd.copy(
        &crate::common::root().join("samples/portfolio.csv"),
        "in.csv",
    );
    let out = Command::cargo_bin("airoi")
        .expect("the airoi binary")
        .current_dir(wd.dir())
        .env("AIROI_TEST_PANIC", "1")
        .args(["validate", input.to_str().expect("utf-8")])
        .output()
        .expect("airoi runs");
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.starts_with("airoi: this is a bug: AIROI_TEST_PANIC is set at src/import/guard.rs:"),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            " (while reading {}); please report it with the file\n",
            input.display()
        )),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "{text}");
}
