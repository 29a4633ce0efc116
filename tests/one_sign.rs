//! One way to write a minus: every figure airoi writes (margins, needs,
//! scenario labels, the units a header gives, the ruleset in the run
//! record) uses the ASCII hyphen-minus, never the Unicode minus U+2212, in
//! the JSON, the CSV, every workbook cell, both reports and the console.

use calamine::{Reader, Xlsx, open_workbook};

use crate::common::{Workdir, run_at_root, stderr};

const UNICODE_MINUS: char = '\u{2212}';

/// Every cell's text of every sheet of a workbook, as `Sheet!row,col: text`.
fn cells(path: &std::path::Path) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).expect("the workbook");
    let mut all = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        for (row, col, cell) in range.used_cells() {
            all.push(format!("{name}!{row},{col}: {cell}"));
        }
    }
    all
}

#[test]
fn no_output_writes_a_unicode_minus() {
    let wd = Workdir::new();
    let path = |name: &str| wd.path(name).to_str().expect("UTF-8").to_owned();
    let out = run_at_root(&[
        "score",
        "tests/fixtures/intake",
        "samples/portfolio.xlsx",
        "--as-of",
        "2026-01-31",
        "-o",
        &path("graded.xlsx"),
        "--json",
        &path("scores.json"),
        "--csv",
        &path("scores.csv"),
        "--report",
        &path("report.html"),
    ]);
    // Some fixture rows are rejected on purpose: exit 1, outputs written.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let console = stderr(&out);
    let md = run_at_root(&[
        "score",
        "samples/portfolio.xlsx",
        "--as-of",
        "2026-01-31",
        "-q",
        "-o",
        &path("md.xlsx"),
        "--report",
        &path("report.md"),
    ]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    let read = |name: &str| std::fs::read_to_string(wd.path(name)).expect(name);
    let texts = [
        ("JSON", read("scores.json")),
        ("CSV", read("scores.csv")),
        ("HTML report", read("report.html")),
        ("Markdown report", read("report.md")),
        ("console", console),
        ("workbook", cells(&wd.path("graded.xlsx")).join("\n")),
    ];
    for (what, text) in &texts {
        let bad: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(UNICODE_MINUS))
            .take(3)
            .collect();
        assert!(bad.is_empty(), "{what} writes a Unicode minus: {bad:#?}");
    }
    // The figures that used to carry it are there, with the ASCII sign.
    let [json, csv, html, _, console, workbook] = texts.map(|(_, t)| t);
    assert!(csv.contains("to warn: benefit -26.8% or compute +36.7%"));
    assert!(csv.contains("to pass: benefit +24.1% or compute -19.4%"));
    assert!(html.contains("to warn: benefit -26.8%, compute +36.7% or benefit 5 months late."));
    assert!(json.contains("\"label\": \"benefit -30%\""));
    assert!(console.contains("airoi: benefit -30%: "));
    assert!(workbook.contains(": to warn: benefit -26.8% or compute +36.7%"));
    assert!(workbook.contains("annual growth \u{2192} monthly (1 + g)^(1/12) - 1"));
}
