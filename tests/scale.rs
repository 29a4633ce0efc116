//! A portfolio bigger than the caps: every project still reaches the
//! workbook, the JSON and the CSV; the Cash flows sheet and the audit
//! report's project detail are capped with a note; and every output is
//! reproduced exactly by `airoi verify`.

use std::fmt::Write;

use calamine::{Reader, Xlsx, open_workbook};

use crate::common::{Workdir, root, stderr, stdout};

const AS_OF: &str = "2026-01-31";
/// Copies of the sample portfolio in the test's input.
const COPIES: usize = 40;

/// The sample portfolio's rows, `COPIES` times over with distinct ids.
fn big_portfolio(wd: &Workdir) -> String {
    let text = std::fs::read_to_string(root().join("samples/portfolio.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    let mut csv = format!("{header}\n");
    for copy in 0..COPIES {
        for row in &rows {
            // Ids are the first cell; each copy gets its own.
            let (id, rest) = row.split_once(',').unwrap();
            writeln!(csv, "{id}-{copy},{rest}").unwrap();
        }
    }
    wd.write("big.csv", csv);
    "big.csv".to_string()
}

#[test]
fn a_big_run_writes_every_project_and_caps_the_details_with_a_note() {
    let wd = Workdir::new();
    let input = big_portfolio(&wd);
    let out = wd.run(&[
        "score",
        &input,
        "--as-of",
        AS_OF,
        "-o",
        "big.xlsx",
        "--json",
        "big.json",
        "--csv",
        "big.scores.csv",
        "--report",
        "big.md",
        "--report-projects",
        "7",
        "--cash-flows-cap",
        "5",
    ]);
    let log = stderr(&out);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{log}");
    assert!(
        log.contains("the Cash flows sheet shows the first 5 of"),
        "{log}"
    );

    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(wd.path("big.json")).unwrap()).unwrap();
    let projects = doc["projects"].as_array().unwrap().len();
    assert_eq!(
        projects as u64,
        doc["portfolio"]["projects"].as_u64().unwrap()
    );
    assert!(projects > 7, "every project is in the JSON");
    assert_eq!(doc["run"]["outputs"]["report_projects"], 7);

    let scores = std::fs::read_to_string(wd.path("big.scores.csv")).unwrap();
    assert_eq!(
        scores.lines().count(),
        projects + 1,
        "every project in the CSV"
    );

    let mut book: Xlsx<_> = open_workbook(wd.path("big.xlsx")).unwrap();
    let sheet = book.worksheet_range("Scores").unwrap();
    assert_eq!(sheet.height(), projects + 1, "every project on Scores");
    let findings = book.worksheet_range("Findings").unwrap();
    assert_eq!(findings.height(), 3 * projects + 1);
    let flows = book.worksheet_range("Cash flows").unwrap();
    assert_eq!(flows.height(), 2 * 5 + 1, "Cash flows is capped");

    let report = std::fs::read_to_string(wd.path("big.md")).unwrap();
    assert!(
        report.contains(&format!("details the first 7 of {projects} projects")),
        "the report says it is capped"
    );
    let pages = report
        .lines()
        .filter(|l| {
            l.strip_prefix("### ")
                .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        })
        .count();
    assert_eq!(pages, 7, "seven project pages");

    for output in ["big.json", "big.xlsx", "big.md"] {
        let v = wd.run(&["verify", output]);
        assert_eq!(v.status.code(), Some(0), "{output}: {}", stdout(&v));
    }
}
