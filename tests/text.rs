//! Text as the file means it: spreadsheet error cells worded alike in every
//! format, UTF-16 CSV without a byte-order mark, the decimal separator
//! decided per file, and a CSV quote left open; on the fixtures under
//! `tests/fixtures/text/` that `make_fixtures.py` writes with LibreOffice
//! and as Excel, Google Sheets and export tools write CSV (by hand).

// Amounts in whole and half units are exact in binary and compared exactly.
#![allow(clippy::float_cmp)]

use crate::common::{
    Workdir, fixture, input_notes as notes_of, input_used, problem_lines, project, score_json,
    validate_json,
};

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

/// The value a check's evidence shows for a field (`1.5%`).
fn shown_value(json: &serde_json::Value, id: &str, field: &str) -> serde_json::Value {
    input_used(project(json, id), field)["value"].clone()
}

#[test]
fn a_european_and_a_us_file_in_one_folder_are_each_read_their_way() {
    for flag in [None, Some("--decimal-comma")] {
        let wd = Workdir::new();
        let folder = path("decimals");
        let mut args: Vec<&str> = flag.into_iter().collect();
        args.push(&folder);
        let (code, json) = score_json(&wd, "2026-06-30", &args);
        assert_eq!(code, 0, "{flag:?}: {json:#}");
        // The German unit's `1.200` is 1,200: its file writes `5.000,00`.
        assert_eq!(monthly_compute(&json, "DE-1"), 1200.0, "{flag:?}");
        assert_eq!(monthly_compute(&json, "DE-3"), 800.5, "{flag:?}");
        assert_eq!(shown_value(&json, "DE-2", "compute_growth_pct"), "1.5%");
        assert_eq!(
            shown_value(&json, "DE-2", "monthly_compute_cost"),
            "1,234.50"
        );
        // The US unit's `$1,200` is 1,200 and `1,200.50` is 1200.5, even
        // under --decimal-comma: its file shows a decimal point.
        assert_eq!(monthly_compute(&json, "US-1"), 1200.0, "{flag:?}");
        assert_eq!(monthly_compute(&json, "US-2"), 1200.5, "{flag:?}");
        assert!(
            notes_of(&json, "werk_de.csv").contains(
                &"numbers are read with a decimal comma, as \"5.000,00\" in D2 shows; \"1.200\" in C2 and texts like it are read that way".to_string()
            ),
            "{flag:?}: {json:#}"
        );
        let us = if flag.is_some() {
            "numbers are read with a decimal point, as \"1,200.50\" in C3 shows; --decimal-comma applies only to files that show neither mark"
        } else {
            "numbers are read with a decimal point, as \"1,200.50\" in C3 shows; \"$1,200\" in C2 and texts like it are read that way"
        };
        assert_eq!(notes_of(&json, "plant_us.csv"), [us], "{flag:?}");
        // Each file's reading report says which mark and why.
        let conventions = |file: &str| {
            let inputs = json["run"]["inputs"].as_array().expect("inputs");
            let input = inputs
                .iter()
                .find(|i| i["path"].as_str().is_some_and(|p| p.ends_with(file)))
                .unwrap_or_else(|| panic!("{file}: {json:#}"));
            input["tables"][0]["conventions"].clone()
        };
        assert_eq!(
            conventions("werk_de.csv"),
            serde_json::json!({
                "decimal": "comma",
                "decimal_read": "decimal comma, as \"5.000,00\" in D2 shows",
                "date_order": null,
            })
        );
        assert_eq!(conventions("plant_us.csv")["decimal"], "point");
    }
}

#[test]
fn workbooks_of_text_cells_read_like_the_csv_they_came_from() {
    // LibreOffice's ods, and openpyxl's xlsx (shared strings).
    for name in ["werk_de_text.ods", "werk_de_text.xlsx"] {
        let wd = Workdir::new();
        let (code, json) = score_json(&wd, "2026-06-30", &[&path(name)]);
        assert_eq!(code, 0, "{name}: {json:#}");
        assert_eq!(monthly_compute(&json, "DE-1"), 1200.0, "{name}");
        assert_eq!(monthly_compute(&json, "DE-3"), 800.5, "{name}");
        assert_eq!(shown_value(&json, "DE-2", "monthly_benefit"), "6,000");
    }
}

#[test]
fn an_xlsx_of_inline_strings_is_read_for_its_decimal_separator_too() {
    // A writer in constant-memory mode keeps its strings in the sheet.
    let wd = Workdir::new();
    let file = wd.path("inline.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book
        .add_worksheet_with_constant_memory()
        .expect("a worksheet");
    let rows = [
        crate::broken_files::HEADERS,
        [
            "IN-1",
            "Either way",
            "1.200",
            "5000",
            "efficiency",
            "aws",
            "workflow_agent",
        ],
        [
            "IN-2",
            "Comma",
            "2.500,50",
            "5000",
            "efficiency",
            "aws",
            "workflow_agent",
        ],
    ];
    // Written row by row, as a constant-memory sheet must be.
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    book.save(&file).expect("saved");
    let (code, json) = score_json(&wd, "2026-06-30", &[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(monthly_compute(&json, "IN-1"), 1200.0);
    assert_eq!(monthly_compute(&json, "IN-2"), 2500.5);
}

#[test]
fn a_file_that_shows_neither_way_takes_the_default_or_the_flag() {
    let wd = Workdir::new();
    let file = path("neither_way.csv");
    let (_, json) = score_json(&wd, "2026-06-30", &[&file]);
    assert_eq!(monthly_compute(&json, "NE-1"), 1200.0);
    assert!(notes_of(&json, "neither_way.csv").is_empty());
    let (_, json) = score_json(&wd, "2026-06-30", &["--decimal-comma", &file]);
    assert!((monthly_compute(&json, "NE-1") - 1.2).abs() < 1e-9);
}

#[test]
fn a_file_that_writes_numbers_both_ways_refuses_what_reads_either_way() {
    let wd = Workdir::new();
    let (_, json) = validate_json(&wd, &[&path("both_ways.csv")]);
    let both = "this file writes numbers both ways (\"1.234,50\" in C2, \"1,234.50\" in C3)";
    assert_eq!(
        problem_lines(&json),
        [format!(
            "both_ways!C4: monthly_compute_cost: \"1.200\" could be 1,200 or 1.2: {both}"
        )]
    );
    assert_eq!(
        json["inputs"][0]["notes"],
        serde_json::json!([format!(
            "{both}: a number that reads either way, such as \"1.200\" in C4, is refused"
        )])
    );
    let (_, json) = score_json(&wd, "2026-06-30", &[&path("both_ways.csv")]);
    // What reads one way is read that way.
    assert_eq!(monthly_compute(&json, "BW-1"), 1234.5);
    assert_eq!(monthly_compute(&json, "BW-2"), 1234.5);
}

#[test]
fn an_unclosed_quote_is_refused_where_it_opens_and_the_rows_after_it_are_read() {
    let wd = Workdir::new();
    let file = path("unclosed_quote.csv");
    let (_, json) = validate_json(&wd, &[&file]);
    let extent = "(it would swallow the 3 lines after it as one value)";
    assert_eq!(
        problem_lines(&json),
        [format!(
            "unclosed_quote!B3: project_name: the quote that opens this cell on line 3 is never closed {extent}; close it or remove it"
        )]
    );
    assert_eq!(
        json["inputs"][0]["notes"],
        serde_json::json!([format!(
            "line 3: the quote that opens column B is never closed {extent}; the cell was refused and the lines after it were read as rows of their own"
        )])
    );
    let (_, json) = score_json(&wd, "2026-06-30", &[&file]);
    assert_eq!(json["portfolio"]["rejected"], 1, "{json:#}");
    for (id, cost) in [
        ("UQ-1", 1000.0),
        ("UQ-3", 1200.0),
        ("UQ-4", 1300.0),
        ("UQ-5", 1400.0),
        ("UQ-6", 1500.0),
    ] {
        assert_eq!(monthly_compute(&json, id), cost, "{id}");
    }
    assert_eq!(project(&json, "UQ-5")["project_name"], "Properly, quoted");
}

#[test]
fn an_unclosed_quote_that_runs_to_the_end_gives_back_the_rows_it_swallowed() {
    let wd = Workdir::new();
    let file = path("unclosed_to_end.csv");
    let (_, json) = validate_json(&wd, &[&file]);
    assert_eq!(
        problem_lines(&json),
        [
            "unclosed_to_end!E3: benefit_metric: the quote that opens this cell on line 3 is never closed (it runs to the end of the file); close it or remove it"
        ]
    );
    let (_, json) = score_json(&wd, "2026-06-30", &[&file]);
    assert_eq!(monthly_compute(&json, "UE-3"), 1200.0);
}
