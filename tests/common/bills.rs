//! `score --bills` runs the bill tests share: the JSON run as of
//! 10 April 2026 (the generated bills' last month is March) and the run
//! of an intake with the generated AI bills of `tests/fixtures/bills/ai`.

use std::path::Path;

use serde_json::Value;

use super::{Workdir, fixture, stderr};

/// The as-of date of the bill fixtures' runs.
const BILLS_AS_OF: &str = "2026-04-10";

/// `score INTAKE --json` as of [`BILLS_AS_OF`], writing `graded.xlsx` and
/// `scores.json` in `wd`, with `extra` after the intake: the exit code,
/// the JSON document (`None` when none was written) and stderr.
pub fn try_score_bills(
    wd: &Workdir,
    intake: &Path,
    extra: &[&str],
) -> (i32, Option<Value>, String) {
    let mut args = vec![
        "score",
        "--as-of",
        BILLS_AS_OF,
        "-o",
        "graded.xlsx",
        "--json",
        "scores.json",
        intake.to_str().expect("a UTF-8 path"),
    ];
    args.extend_from_slice(extra);
    let out = wd.run(&args);
    let doc = std::fs::read_to_string(wd.path("scores.json"))
        .ok()
        .map(|text| serde_json::from_str(&text).expect("valid JSON"));
    (out.status.code().unwrap_or(-1), doc, stderr(&out))
}

/// [`try_score_bills`] of a run that writes its JSON: the exit code, the
/// document and stderr.
pub fn score_bills(wd: &Workdir, intake: &Path, extra: &[&str]) -> (i32, Value, String) {
    let (code, doc, err) = try_score_bills(wd, intake, extra);
    let doc = doc.unwrap_or_else(|| panic!("no JSON: {err}"));
    (code, doc, err)
}

/// `score` of `intake` as of [`BILLS_AS_OF`] with the generated AI bills
/// (EUR at 1.1, `fx.csv` written in `wd`) and the given outputs; the exit
/// code is 0. The outputs come before `--bills`, which takes every path
/// after it.
pub fn score_ai_bills(wd: &Workdir, intake: &Path, outputs: &[&str]) {
    wd.write("fx.csv", "EUR,1.1\n");
    let bills = fixture("bills/ai");
    let mut args = vec![
        "score",
        "--as-of",
        BILLS_AS_OF,
        "--fx",
        "fx.csv",
        intake.to_str().expect("a UTF-8 path"),
    ];
    args.extend_from_slice(outputs);
    args.extend(["--bills", bills.to_str().expect("a UTF-8 path")]);
    let out = wd.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A fixture's path as text, as a command line names it.
pub fn path_of(rel: &str) -> String {
    fixture(rel).display().to_string()
}
