//! Margins of safety and the fragile flag where people read them: the
//! Scores sheet and its CSV twin, the Findings sheet's roi row, and the
//! audit report's roi block and executive summary, for the sample
//! portfolio (FIN-001 is the spec's worked example; OPS-002 is fragile).

use calamine::{Data, Range, Reader, Xlsx, open_workbook};

use crate::common::{Workdir, run_at_root, stderr};

const SAMPLE: &str = "samples/portfolio.xlsx";
const AS_OF: &str = "2026-01-31";

/// Scores the sample into `wd` with the workbook, the CSV and a report
/// named `report`.
fn score_sample(wd: &Workdir, report: &str) {
    let path = |name: &str| {
        wd.path(name)
            .to_str()
            .expect("a UTF-8 temp path")
            .to_owned()
    };
    let (graded, csv, report) = (path("graded.xlsx"), path("scores.csv"), path(report));
    let out = run_at_root(&[
        "score", SAMPLE, "--as-of", AS_OF, "-q", "-o", &graded, "--csv", &csv, "--report", &report,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn sheet(wd: &Workdir, name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(wd.path("graded.xlsx")).expect("the workbook");
    book.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The cells of `id`'s first row under `headers`, by the sheet's headers.
fn row_of(rows: &[Vec<String>], id: &str, headers: &[&str]) -> Vec<String> {
    let at = |h: &str| {
        rows[0]
            .iter()
            .position(|c| c == h)
            .unwrap_or_else(|| panic!("no column {h} in {:?}", rows[0]))
    };
    let row = rows
        .iter()
        .find(|r| r[0] == id)
        .unwrap_or_else(|| panic!("no row for {id}"));
    headers.iter().map(|h| row[at(h)].clone()).collect()
}

fn sheet_rows(range: &Range<Data>) -> Vec<Vec<String>> {
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}

fn csv_rows(wd: &Workdir) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(wd.path("scores.csv")).expect("the CSV");
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let mut rows = vec![header];
    rows.extend(
        reader
            .records()
            .map(|r| r.expect("a CSV row").iter().map(String::from).collect()),
    );
    rows
}

#[test]
fn scores_and_csv_show_the_margin_toward_zero_the_need_away_from_it_and_the_fragile_flag() {
    let wd = Workdir::new();
    score_sample(&wd, "audit.html");
    let scores = sheet_rows(&sheet(&wd, "Scores"));
    let csv = csv_rows(&wd);
    for rows in [&scores, &csv] {
        let cols = ["Fragile", "Margin of Safety", "Needs"];
        let fin = row_of(rows, "FIN-001", &cols);
        // 26.875% and 36.752% shown toward zero: a margin read never breaks.
        assert_eq!(
            fin,
            ["", "to warn: benefit -26.8% or compute +36.7%", ""],
            "FIN-001 passes and is not fragile"
        );
        let ops = row_of(rows, "OPS-002", &cols);
        assert_eq!(ops, ["yes", "to warn: benefit -4.8% or compute +5.1%", ""]);
        // A warning project reads both steps; a failing one what it needs,
        // rounded away from zero.
        let mkt = row_of(rows, "MKT-004", &cols);
        assert_eq!(
            mkt,
            [
                "yes",
                "to fail: benefit -17.2% or compute +20.9%",
                "to pass: benefit +24.1% or compute -19.4%"
            ]
        );
        let leg = row_of(rows, "LEG-005", &cols);
        assert_eq!(leg, ["", "", "to warn: benefit +45.7% or compute -31.4%"]);
    }
}

#[test]
fn the_findings_roi_row_carries_the_margin_and_the_fragile_reason() {
    let wd = Workdir::new();
    score_sample(&wd, "audit.html");
    let findings = sheet_rows(&sheet(&wd, "Findings"));
    let notes = row_of(&findings, "OPS-002", &["Check", "Notes"]);
    assert_eq!(notes[0], "ROI");
    assert!(
        notes[1].contains("Margin of safety: to warn: benefit -4.8%"),
        "{}",
        notes[1]
    );
    assert!(
        notes[1].contains("Fragile: 15% less benefit turns the ROI check from pass to warn"),
        "{}",
        notes[1]
    );
}

#[test]
fn the_report_names_the_fragile_projects_and_gives_each_roi_block_its_margin() {
    let wd = Workdir::new();
    score_sample(&wd, "audit.html");
    let html = std::fs::read_to_string(wd.path("audit.html")).expect("the report");
    assert!(
        html.contains(
            "<th>Fragile grades</th><td>5: OPS-002, MKT-004, CS-006, FIN-009, SAL-010</td>"
        ),
        "the summary names the fragile ids"
    );
    let section = |id: &str| {
        let from = html
            .find(&format!("<h2>{id} — "))
            .unwrap_or_else(|| panic!("{id}'s section"));
        let to = from + html[from..].find("</section>").expect("its end");
        &html[from..to]
    };
    let fin = section("FIN-001");
    assert!(fin.contains(
        "<strong>Margin of safety:</strong> to warn: benefit -26.8%, compute +36.7% or benefit 5 months late."
    ));
    assert!(!fin.contains("<strong>Fragile:</strong>"));
    let ops = section("OPS-002");
    assert!(ops.contains("<strong>Fragile:</strong> 15% less benefit turns the ROI check from pass to warn (it holds up to 4.8% less)"), "{ops}");

    let md_dir = Workdir::new();
    score_sample(&md_dir, "audit.md");
    let md = std::fs::read_to_string(md_dir.path("audit.md")).expect("the Markdown report");
    assert!(md.contains("| Fragile grades | 5: OPS-002, MKT-004, CS-006, FIN-009, SAL-010 |"));
    assert!(md.contains("\n\nMargin of safety: to warn: benefit -4.8%, compute +5.1% or benefit 1 month late. Fragile: 15% less benefit"));
}
