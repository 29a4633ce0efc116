//! A temp-dir helper that runs the real binary.

mod bills;
mod external_data;

pub use bills::{path_of, score_ai_bills, score_bills, try_score_bills};
pub use external_data::{external_data, external_data_in};

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// A scratch folder that runs airoi inside it.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Copies a file into the work dir, returning its new path.
    pub fn copy(&self, from: &Path, name: &str) -> PathBuf {
        let to = self.path(name);
        std::fs::copy(from, &to).expect("copy fixture");
        to
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let to = self.path(name);
        std::fs::write(&to, contents).expect("write file");
        to
    }

    /// Runs `airoi ARGS` in the work dir.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("airoi")
            .expect("the airoi binary")
            .current_dir(self.dir())
            .args(args)
            .output()
            .expect("airoi runs")
    }
}

/// stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    let mut text = String::new();
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        if !is_progress_line(line) {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// A plain progress line (`airoi: scoring: 40 of 100 (40%), 5 s`), which a
/// run whose stderr is no terminal prints every few seconds: on a busy
/// machine it can fall between any two lines, so tests of what a run says
/// leave it out.
fn is_progress_line(line: &str) -> bool {
    line.starts_with("airoi: ")
        && line
            .strip_suffix(" s")
            .and_then(|rest| rest.rsplit_once(", "))
            .is_some_and(|(_, secs)| !secs.is_empty() && secs.bytes().all(|b| b.is_ascii_digit()))
}

/// `validate --format json` of some inputs, parsed.
pub fn validate_json(wd: &Workdir, inputs: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["validate", "--format", "json"];
    args.extend_from_slice(inputs);
    let out = wd.run(&args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "validate printed no JSON ({e}): {}{}",
            stdout(&out),
            stderr(&out)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

/// `score --json` of some inputs as of `as_of`, the workbook and JSON
/// written in `wd`: the exit code and the document.
pub fn score_json(wd: &Workdir, as_of: &str, inputs: &[&str]) -> (i32, serde_json::Value) {
    score_json_by(wd, as_of, inputs, |args| wd.run(args))
}

/// [`score_json`] run from the repository root, so inputs can be named by
/// the relative paths the README uses; the outputs still go to `wd`.
pub fn score_json_at_root(wd: &Workdir, as_of: &str, inputs: &[&str]) -> (i32, serde_json::Value) {
    score_json_by(wd, as_of, inputs, run_at_root)
}

/// `score --json` of some inputs, run by `run`, the workbook and JSON
/// written in `wd`.
fn score_json_by(
    wd: &Workdir,
    as_of: &str,
    inputs: &[&str],
    run: impl Fn(&[&str]) -> Output,
) -> (i32, serde_json::Value) {
    let json = wd.path("scores.json");
    let graded = wd.path("graded.xlsx");
    let mut args = vec![
        "score",
        "--as-of",
        as_of,
        "-q",
        "-o",
        graded.to_str().expect("a UTF-8 temp path"),
        "--json",
        json.to_str().expect("a UTF-8 temp path"),
    ];
    args.extend_from_slice(inputs);
    let out = run(&args);
    let text = std::fs::read_to_string(&json)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", stderr(&out)));
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_str(&text).expect("valid JSON"),
    )
}

/// The project with this id in a `score --json` document.
pub fn project<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .find(|p| p["project_id"] == id)
        .unwrap_or_else(|| panic!("project {id} was not scored: {json:#}"))
}

/// Runs `airoi ARGS` from the repository root, so inputs can be named by
/// the relative paths the README uses.
pub fn run_at_root(args: &[&str]) -> Output {
    Command::cargo_bin("airoi")
        .expect("the airoi binary")
        .current_dir(root())
        .args(args)
        .output()
        .expect("airoi runs")
}

/// One entry of a zip package (an xlsx part) as text.
pub fn zip_entry(path: &Path, name: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("open package");
    let mut archive = zip::ZipArchive::new(file).expect("a zip package");
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", path.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8 part");
    text
}

/// Each problem of a `validate --format json` document as
/// `Sheet!CELL: column: message`.
pub fn problem_lines(json: &serde_json::Value) -> Vec<String> {
    lines_of_problems(&json["problems"])
}

/// The ids of a run record's projects, in order.
pub fn project_ids(json: &serde_json::Value) -> Vec<&str> {
    json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| p["project_id"].as_str().expect("an id"))
        .collect()
}

/// The texts of a JSON array of strings (notes, messages).
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

/// The input `field` of a project as its checks' evidence records it
/// (`value`, `cell` ...).
pub fn input_used<'a>(project: &'a serde_json::Value, field: &str) -> &'a serde_json::Value {
    project["checks"]
        .as_object()
        .expect("checks")
        .values()
        .filter_map(|c| c["evidence"]["inputs"].as_array())
        .flatten()
        .find(|i| i["field"] == field)
        .unwrap_or_else(|| panic!("{field} is not among the checks' inputs: {project:#}"))
}

/// The notes of the run's input whose path ends with `file`.
pub fn input_notes(json: &serde_json::Value, file: &str) -> Vec<String> {
    let input = json["run"]["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .find(|i| i["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .unwrap_or_else(|| panic!("{file} is not among the inputs"));
    strings(&input["notes"])
}

/// Each problem of a JSON array of problems (validate's `problems`, a run
/// record's `rejected`) as `Sheet!CELL: column: message`.
pub fn lines_of_problems(problems: &serde_json::Value) -> Vec<String> {
    problems
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            format!(
                "{}!{}: {}: {}",
                p["sheet"].as_str().unwrap_or(""),
                p["cell"].as_str().unwrap_or("-"),
                p["column"].as_str().unwrap_or("-"),
                p["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// Writes the smallest complete projects table onto `sheet`: the required
/// headers in row 1 and one scorable project per id below.
pub fn minimal_intake(sheet: &mut rust_xlsxwriter::Worksheet, ids: &[&str]) {
    use crate::broken_files::{GOOD_ROW, HEADERS};
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header cell");
    }
    for (r, id) in ids.iter().enumerate() {
        for (c, v) in GOOD_ROW.iter().enumerate() {
            let v = if c == 0 { id } else { v };
            sheet
                .write_string(r as u32 + 1, c as u16, *v)
                .expect("value cell");
        }
    }
}

#[test]
fn progress_lines_are_told_from_what_a_run_says() {
    assert!(is_progress_line("airoi: scoring: 40 of 100 (40%), 5 s"));
    assert!(is_progress_line("airoi: saving the workbook, 10 s"));
    assert!(!is_progress_line(
        "airoi: 25 projects scored (A 1), 0 rows rejected; wrote a.xlsx, b.json in 12 s"
    ));
    assert!(!is_progress_line(
        "units/u00.csv: read, 1 project, 0 rows rejected"
    ));
}
