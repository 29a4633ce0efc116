//! `airoi verify` where the files moved: outputs moved together with their
//! inputs, inputs renamed into another folder (`--inputs`, by SHA-256), an
//! input changed since, a run record from before relative paths; what it
//! says of a file that is no output. And folder inputs: a note or a PDF
//! among the intakes skipped with a line, each file read listed.

use std::path::Path;

use crate::common::{Workdir, root, stderr, stdout};

const AS_OF: &str = "2026-06-30";

/// The sample's header and its first row under `id`, as a unit's CSV.
fn unit_csv(ids: &[&str]) -> String {
    let sample = std::fs::read_to_string(root().join("samples/portfolio.csv")).unwrap();
    let mut lines = sample.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let mut text = format!("{header}\n");
    for id in ids {
        text.push_str(&row.replacen("FIN-001", id, 1));
        text.push('\n');
    }
    text
}

/// `proj/units/{finance.xlsx, ops.csv}` scored into `proj/out/` as a
/// workbook, JSON and both reports.
fn scored_project(wd: &Workdir) {
    std::fs::create_dir_all(wd.path("proj/units")).unwrap();
    std::fs::create_dir_all(wd.path("proj/out")).unwrap();
    wd.copy(
        &root().join("samples/portfolio.xlsx"),
        "proj/units/finance.xlsx",
    );
    wd.write("proj/units/ops.csv", unit_csv(&["OPS-101"]));
    for (workbook, report) in [
        ("proj/out/units.graded.xlsx", "proj/out/units.html"),
        ("proj/out/units2.graded.xlsx", "proj/out/units.md"),
    ] {
        let out = wd.run(&[
            "score",
            "proj/units",
            "--as-of",
            AS_OF,
            "-q",
            "-o",
            workbook,
            "--json",
            "proj/out/units.json",
            "--report",
            report,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
}

fn run_record(wd: &Workdir, json: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(wd.path(json)).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["run"].clone()
}

#[test]
fn outputs_moved_with_their_inputs_verify_saying_where_the_inputs_were() {
    let wd = Workdir::new();
    scored_project(&wd);
    // Every output records each input as given and beside it its path
    // from the output's folder.
    let run = run_record(&wd, "proj/out/units.json");
    assert_eq!(run["inputs"][0]["path"], "proj/units/finance.xlsx");
    assert_eq!(run["inputs"][0]["relative_path"], "../units/finance.xlsx");
    assert_eq!(run["inputs"][1]["relative_path"], "../units/ops.csv");
    let markdown = std::fs::read_to_string(wd.path("proj/out/units.md")).unwrap();
    assert!(
        markdown.contains(r#""path":"proj/units/ops.csv","relative_path":"../units/ops.csv""#),
        "{markdown}"
    );
    std::fs::rename(wd.path("proj"), wd.path("moved")).unwrap();
    for output in [
        "units.json",
        "units.graded.xlsx",
        "units2.graded.xlsx",
        "units.html",
        "units.md",
    ] {
        let path = format!("moved/out/{output}");
        let v = wd.run(&["verify", &path]);
        assert_eq!(v.status.code(), Some(0), "{output}: {}", stdout(&v));
        assert_eq!(
            stdout(&v),
            format!(
                "input proj/units/finance.xlsx: found beside the output: moved/units/finance.xlsx\n\
                 input proj/units/ops.csv: found beside the output: moved/units/ops.csv\n\
                 {path}: reproduced exactly from 2 inputs (ruleset default, as of {AS_OF})\n"
            )
        );
    }
}

#[test]
fn inputs_renamed_into_another_folder_are_found_by_sha256() {
    let wd = Workdir::new();
    scored_project(&wd);
    std::fs::create_dir_all(wd.path("archive/2026-06")).unwrap();
    std::fs::rename(
        wd.path("proj/units/finance.xlsx"),
        wd.path("archive/2026-06/finance (final).xlsx"),
    )
    .unwrap();
    std::fs::rename(
        wd.path("proj/units/ops.csv"),
        wd.path("archive/ops-june.csv"),
    )
    .unwrap();
    let v = wd.run(&[
        "verify",
        "proj/out/units.graded.xlsx",
        "--inputs",
        "archive",
    ]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    assert_eq!(
        stdout(&v),
        format!(
            "input proj/units/finance.xlsx: found in --inputs by SHA-256: archive/2026-06/finance (final).xlsx\n\
             input proj/units/ops.csv: found in --inputs by SHA-256: archive/ops-june.csv\n\
             proj/out/units.graded.xlsx: reproduced exactly from 2 inputs (ruleset default, as of {AS_OF})\n"
        )
    );
    // Without --inputs, the missing inputs are said, with the way out.
    let v = wd.run(&["verify", "proj/out/units.json"]);
    assert_eq!(v.status.code(), Some(1));
    assert!(
        stdout(&v).contains(
            "input proj/units/ops.csv: cannot be read (No such file or directory (os error 2)), \
             nor found beside the output; pass --inputs DIR to say where the inputs are now"
        ),
        "{}",
        stdout(&v)
    );
}

fn sha256(path: &Path) -> String {
    use std::fmt::Write;
    let digest = <sha2::Sha256 as sha2::Digest>::digest(std::fs::read(path).unwrap());
    digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[test]
fn an_input_changed_since_the_run_is_reported_naming_both_files() {
    let wd = Workdir::new();
    scored_project(&wd);
    let recorded = sha256(&wd.path("proj/units/ops.csv"));
    std::fs::rename(wd.path("proj"), wd.path("moved")).unwrap();
    wd.write("moved/units/ops.csv", unit_csv(&["OPS-101", "OPS-102"]));
    let now = sha256(&wd.path("moved/units/ops.csv"));
    let v = wd.run(&["verify", "moved/out/units.json"]);
    assert_eq!(v.status.code(), Some(1));
    assert_eq!(
        stdout(&v),
        format!(
            "input proj/units/finance.xlsx: found beside the output: moved/units/finance.xlsx\n\
             moved/out/units.json: NOT reproduced\n  \
             input proj/units/ops.csv: changed: moved/units/ops.csv beside the output has its \
             name but SHA-256 {now}, the run recorded {recorded}\n"
        )
    );
    let v = wd.run(&["verify", "moved/out/units.json", "--inputs", "moved/units"]);
    assert_eq!(v.status.code(), Some(1));
    assert!(
        stdout(&v).contains(&format!(
            "input proj/units/ops.csv: changed: moved/units/ops.csv in --inputs has its name but \
             SHA-256 {now}, the run recorded {recorded}"
        )),
        "{}",
        stdout(&v)
    );
}

#[test]
fn a_record_without_relative_paths_still_verifies() {
    let wd = Workdir::new();
    scored_project(&wd);
    // As an earlier airoi wrote it: no relative_path.
    let text = std::fs::read_to_string(wd.path("proj/out/units.json")).unwrap();
    let old: String = text
        .split_inclusive('\n')
        .filter(|l| !l.trim_start().starts_with("\"relative_path\""))
        .collect();
    assert_ne!(old, text);
    wd.write("proj/out/old.json", &old);
    let v = wd.run(&["verify", "proj/out/old.json"]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    assert_eq!(
        stdout(&v),
        format!(
            "proj/out/old.json: reproduced exactly from 2 inputs (ruleset default, as of {AS_OF})\n"
        )
    );
    // Moved, it is found with --inputs; its re-written record keeps no
    // relative path either.
    std::fs::rename(wd.path("proj"), wd.path("moved")).unwrap();
    let v = wd.run(&["verify", "moved/out/old.json", "--inputs", "moved"]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    assert!(
        stdout(&v).ends_with(&format!(
            "moved/out/old.json: reproduced exactly from 2 inputs (ruleset default, as of {AS_OF})\n"
        )),
        "{}",
        stdout(&v)
    );
}

#[test]
fn a_file_that_is_no_output_is_refused_naming_what_verify_reads() {
    let wd = Workdir::new();
    wd.write("readme.txt", "Intakes for June.\n");
    wd.write("other.json", r#"{"tool": "something else"}"#);
    wd.write("scan.pdf", "%PDF-1.4\n");
    wd.write("notes.md", "# Notes\n");
    wd.copy(&root().join("samples/portfolio.xlsx"), "intake.xlsx");
    wd.copy(&root().join("templates/intake.xlsx"), "template.xlsx");
    for (file, what) in [
        ("readme.txt", "is not an output of `airoi score`"),
        ("other.json", "is JSON but not an airoi document"),
        ("scan.pdf", "is not an output of `airoi score`"),
        ("notes.md", "is not an output of `airoi score`"),
        (
            "intake.xlsx",
            "is a workbook without a run record, not one written by `airoi score`",
        ),
        (
            "template.xlsx",
            "is a workbook without a run record, not one written by `airoi score`",
        ),
    ] {
        let v = wd.run(&["verify", file]);
        assert_eq!(v.status.code(), Some(2), "{file}");
        assert_eq!(
            stderr(&v),
            format!(
                "airoi: error: {file} {what}; airoi verify reads the outputs of `airoi score`, \
                 which carry their run record: a graded workbook (.xlsx, -o), a JSON document \
                 (.json, --json) or an audit report (.html or .md, --report)\n"
            ),
            "{file}"
        );
    }
}

#[test]
fn a_note_in_an_intake_folder_is_skipped_and_each_file_read_is_listed() {
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path("units/emea")).unwrap();
    wd.copy(&root().join("samples/portfolio.xlsx"), "units/finance.xlsx");
    wd.write("units/emea/ops.csv", unit_csv(&["OPS-101", "OPS-102"]));
    wd.write("units/readme.txt", "Send your intake by the 5th.\n");
    wd.write("units/minutes.pdf", "%PDF-1.4\n");
    wd.write("units/.DS_Store", [0u8, 0, 0, 1, b'B', b'u', b'd', b'1']);
    let out = wd.run(&[
        "score",
        "units",
        "--as-of",
        AS_OF,
        "-o",
        "units.graded.xlsx",
        "--json",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Standard output is the JSON alone.
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["run"]["inputs"].as_array().unwrap().len(), 2);
    let reads = "not a spreadsheet; airoi reads .xlsx, .xlsm, .xls, .xlsb, .ods, .csv, .tsv \
                 and tab-separated .txt";
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "units/emea/ops.csv: read, 2 projects, 0 rows rejected",
            "units/finance.xlsx: read, 13 projects, 18 cash-flow rows, 0 rows rejected",
            "units/.DS_Store: skipped (hidden or temporary file)",
            &format!("units/minutes.pdf: skipped ({reads})"),
            &format!("units/readme.txt: skipped ({reads})"),
        ],
        "{err}"
    );
    assert!(
        lines[5].starts_with(
            "airoi: 15 projects scored (A 5, B 2, C 3, D 1, F 4), 0 rows rejected; 2 files read, \
             3 skipped; wrote units.graded.xlsx in "
        ),
        "{err}"
    );
    // validate skips them alike, and the run is whole.
    let out = wd.run(&["validate", "units"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).ends_with("2 files read, 3 skipped; 15 projects read, 0 rows rejected\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_big_folder_lists_its_first_files_then_counts_the_rest() {
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path("units")).unwrap();
    for i in 0..25 {
        wd.write(
            &format!("units/u{i:02}.csv"),
            unit_csv(&[&format!("U-{i:02}")]),
        );
    }
    let out = wd.run(&["score", "units", "--as-of", AS_OF, "-o", "all.graded.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "units/u00.csv: read, 1 project, 0 rows rejected");
    assert_eq!(lines[19], "units/u19.csv: read, 1 project, 0 rows rejected");
    assert_eq!(
        lines[20],
        "... and 5 more files read (each is in the run record and the Sources sheet)"
    );
    assert!(lines[21].starts_with("airoi: 25 projects scored"), "{err}");
}
