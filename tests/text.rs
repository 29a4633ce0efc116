//! Text as the file means it: spreadsheet error cells worded alike in every
//! format, UTF-16 CSV without a byte-order mark, the decimal separator
//! decided per file, and a CSV quote left open; on the fixtures under
//! `tests/fixtures/text/` that `make_fixtures.py` writes with LibreOffice
//! and as Excel, Google Sheets and export tools write CSV (by hand).

// Amounts in whole and half units are exact in binary and compared exactly.
#![allow(clippy::float_cmp)]

use crate::common::{Workdir, fixture, problem_lines, project, score_json, validate_json};

fn path(rel: &str) -> String {
    fixture(&format!("text/{rel}"))
        .to_str()
        .expect("a UTF-8 path")
        .to_string()
}

/// The monthly compute cost scored for a project without upfront cost or
/// growth: its compute total over the 18-month horizon, per month.
fn monthly_compute(json: &serde_json::Value, id: &str) -> f64 {
    project(json, id)["checks"]["roi"]["compute_total"]
        .as_f64()
        .unwrap_or_else(|| panic!("{id} has no compute total: {json:#}"))
        / 18.0
}

#[test]
fn error_cells_are_worded_alike_in_every_format() {
    let wd = Workdir::new();
    for name in ["errors.xlsx", "errors.xls", "errors.ods", "errors.csv"] {
        let (_, json) = validate_json(&wd, &[&path(name)]);
        let error = |cell: &str, column: &str, shown: &str| {
            format!(
                "errors!{cell}: {column}: the cell shows the spreadsheet error {shown}; expected a number"
            )
        };
        assert_eq!(
            problem_lines(&json),
            [
                error("C2", "monthly_compute_cost", "#DIV/0!"),
                error("D3", "monthly_benefit", "#N/A"),
                error("D4", "monthly_benefit", "#REF!"),
                error("C5", "monthly_compute_cost", "#VALUE!"),
                error("C6", "monthly_compute_cost", "#NAME?"),
            ],
            "{name}"
        );
    }
}

#[test]
fn utf16_csv_without_a_byte_order_mark_is_read() {
    for (name, encoding) in [
        ("utf16le_no_bom.csv", "decoded as UTF-16LE"),
        ("utf16be_no_bom.csv", "decoded as UTF-16BE"),
    ] {
        let wd = Workdir::new();
        let (code, json) = score_json(&wd, "2026-06-30", &[&path(name)]);
        assert_eq!(code, 0, "{name}: {json:#}");
        let first = project(&json, "U16-1");
        assert_eq!(first["project_name"], "Réconciliation", "{name}");
        assert_eq!(monthly_compute(&json, "U16-1"), 1200.0, "{name}");
        assert_eq!(monthly_compute(&json, "U16-2"), 800.5, "{name}");
        let notes = &json["run"]["inputs"][0]["notes"];
        assert!(
            notes.as_array().unwrap().iter().any(|n| n == encoding),
            "{name}: {notes}"
        );
    }
}
