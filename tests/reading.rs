//! The reading report: how each table was understood, as `airoi validate`
//! prints it, as the run record carries it (`inputs[].tables[]`) and as the
//! graded workbook's Sources sheet shows it; on the sample and on
//! `tests/fixtures/reading/finance.xlsx` (openpyxl: a title above the
//! header, an unknown column, a hidden column, optional fields left out,
//! and rows read, rejected, blank, hidden and totals).

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::{Value, json};

use crate::common::{Workdir, fixture, root, score_json, stdout, validate_json};

const AS_OF: &str = "2026-01-31";

fn finance(wd: &Workdir) -> String {
    wd.copy(&fixture("reading/finance.xlsx"), "finance.xlsx");
    "finance.xlsx".to_string()
}

#[test]
fn validate_prints_a_block_per_table_before_the_problems() {
    let wd = Workdir::new();
    let file = finance(&wd);
    let out = wd.run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(1), "one row is rejected");
    let expected = [
        "finance.xlsx: sheet Projects, projects table, header in row 3",
        "  conventions  decimal point (the file shows neither); slash dates only where unambiguous",
        "  columns      A  Project ID            → Project ID",
        "               B  Project Name          → Project Name",
        "               C  Cost Centre           → not read (kept as an extra column)",
        "               D  Monthly Compute Cost  → Monthly Compute Cost",
        "               E  Monthly Benefit       → Monthly Benefit",
        "               F  Benefit Metric        → Benefit Metric",
        "               G  Providers             → Providers",
        "               H  Interaction Pattern   → Interaction Pattern",
        "               I  Owner                 → Owner [hidden column]",
        "  defaulted    Business Unit left blank; Stage left blank; Start Date = as-of month; Currency = USD;",
        "               Upfront Compute Cost = 0; Compute Growth % = 0; Benefit Start Month = 1;",
        "               Benefit Ramp Months = 0; Model Providers left blank; Multi Step = no; Stateful = no;",
        "               Systems Integrated = 0; Autonomy = none; Proprietary Data = no",
        "  rows         5 read: 2 accepted, 1 rejected, 2 skipped (1 blank, 1 totals); 1 hidden, read like visible ones",
        "",
        "finance.xlsx: note: Projects: column I \"Owner\" is hidden; it was read like a visible one",
        "finance.xlsx: note: Projects: row 8 reads as a totals row and was skipped",
        "finance.xlsx: note: Projects: row 7 is hidden; read like visible ones",
        "finance.xlsx:Projects!D5: monthly_compute_cost: \"tbd\" is not an amount",
        "finance.xlsx: FIN-103: note: the row is hidden in the sheet; it was read like a visible one",
        "1 file read; 2 projects read, 1 row rejected",
    ];
    assert_eq!(stdout(&out).lines().collect::<Vec<_>>(), expected);
}

#[test]
fn the_run_record_carries_each_tables_reading() {
    let wd = Workdir::new();
    let file = finance(&wd);
    let (code, doc) = score_json(&wd, AS_OF, &[&file]);
    assert_eq!(code, 1);
    let tables = &doc["run"]["inputs"][0]["tables"];
    assert_eq!(tables.as_array().map(Vec::len), Some(1), "{tables:#}");
    let table = &tables[0];
    assert_eq!(table["sheet"], "Projects");
    assert_eq!(table["kind"], "projects");
    assert_eq!(table["header_row"], 3);
    assert_eq!(
        table["conventions"],
        json!({"decimal": "point", "decimal_read": "decimal point (the file shows neither)", "date_order": null})
    );
    let column = |letter: &str| {
        table["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["column"] == letter)
            .cloned()
            .unwrap_or(Value::Null)
    };
    // The column airoi does not know is not read, and carried as an extra column.
    assert_eq!(
        column("C"),
        json!({"column": "C", "header": "Cost Centre", "field": null, "applied": [], "hidden": false})
    );
    assert_eq!(
        column("I"),
        json!({"column": "I", "header": "Owner", "field": "owner", "applied": [], "hidden": true})
    );
    assert_eq!(table["columns"].as_array().unwrap().len(), 9);
    assert_eq!(table["missing"], json!([]));
    let defaulted = table["defaulted"].as_array().unwrap();
    for (field, default) in [
        ("autonomy", "none"),
        ("multi_step", "no"),
        ("systems_integrated", "0"),
        ("currency", "USD"),
        ("business_unit", ""),
    ] {
        assert!(
            defaulted.contains(&json!({"field": field, "default": default})),
            "{field}: {defaulted:?}"
        );
    }
    assert!(
        !defaulted.iter().any(|d| d["field"] == "owner"),
        "a hidden column still gives its field"
    );
    assert_eq!(
        table["rows"],
        json!({
            "read": 5,
            "accepted": 2,
            "rejected": 1,
            "skipped": [{"reason": "blank", "rows": 1}, {"reason": "totals", "rows": 1}],
            "hidden": 1,
        })
    );
    // validate's JSON carries the same reading.
    let (_, validated) = validate_json(&wd, &[&file]);
    assert_eq!(&validated["inputs"][0]["tables"], tables);
}

/// The Sources sheet's cells, row by row, as text.
fn sources_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("the graded workbook");
    let range = book.worksheet_range("Sources").expect("a Sources sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_workbook_has_a_sources_sheet() {
    let wd = Workdir::new();
    wd.copy(&root().join("samples/portfolio.xlsx"), "portfolio.xlsx");
    let out = wd.run(&[
        "score",
        "portfolio.xlsx",
        "--as-of",
        AS_OF,
        "-q",
        "-o",
        "graded.xlsx",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let rows = sources_rows(&wd.path("graded.xlsx"));
    let row = |cells: [&str; 7]| cells.map(str::to_string).to_vec();
    assert_eq!(
        rows[0],
        row([
            "File", "Sheet", "Item", "Column", "Header", "Read as", "Details"
        ])
    );
    assert_eq!(
        rows[1],
        row([
            "portfolio.xlsx",
            "Projects",
            "table",
            "",
            "header in row 1",
            "projects table",
            "decimal point (the file shows neither); slash dates only where unambiguous",
        ])
    );
    assert_eq!(
        rows[2],
        row([
            "portfolio.xlsx",
            "Projects",
            "column",
            "A",
            "Project ID",
            "Project ID",
            ""
        ])
    );
    assert_eq!(
        rows[23],
        row([
            "portfolio.xlsx",
            "Projects",
            "column",
            "V",
            "Cost Centre",
            "not read",
            "kept as an extra column",
        ])
    );
    let tail: Vec<Vec<String>> = rows[25..].to_vec();
    assert_eq!(
        tail,
        [
            row([
                "portfolio.xlsx",
                "Projects",
                "default",
                "",
                "",
                "Currency",
                "no column; every row takes USD",
            ]),
            row([
                "portfolio.xlsx",
                "Projects",
                "rows",
                "",
                "",
                "13 read",
                "13 accepted, 0 rejected, 0 skipped",
            ]),
            row([
                "portfolio.xlsx",
                "CashFlows",
                "table",
                "",
                "header in row 1",
                "cash flows table",
                "decimal point (the file shows neither); slash dates only where unambiguous",
            ]),
            row([
                "portfolio.xlsx",
                "CashFlows",
                "column",
                "A",
                "Project ID",
                "Project ID",
                ""
            ]),
            row([
                "portfolio.xlsx",
                "CashFlows",
                "column",
                "B",
                "Month",
                "Month",
                ""
            ]),
            row([
                "portfolio.xlsx",
                "CashFlows",
                "column",
                "C",
                "Compute Cost",
                "Compute Cost",
                ""
            ]),
            row([
                "portfolio.xlsx",
                "CashFlows",
                "column",
                "D",
                "Benefit",
                "Benefit",
                ""
            ]),
            row([
                "portfolio.xlsx",
                "CashFlows",
                "rows",
                "",
                "",
                "18 read",
                "18 accepted, 0 rejected, 0 skipped",
            ]),
        ]
    );
}

#[test]
fn a_record_from_before_the_reading_report_still_serves_as_a_baseline() {
    let wd = Workdir::new();
    let file = finance(&wd);
    let (_, mut doc) = score_json(&wd, AS_OF, &[&file]);
    // A record written before `tables` existed.
    for input in doc["run"]["inputs"].as_array_mut().unwrap() {
        input.as_object_mut().unwrap().remove("tables");
    }
    wd.write("old.json", serde_json::to_string(&doc).unwrap());
    let out = wd.run(&[
        "score",
        &file,
        "--as-of",
        AS_OF,
        "-q",
        "--json",
        "new.json",
        "-o",
        "new.xlsx",
        "--baseline",
        "old.json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        crate::common::stderr(&out)
    );
    let diff = wd.run(&["diff", "old.json", "new.json"]);
    assert_eq!(diff.status.code(), Some(0), "{}", stdout(&diff));
    // The new record is verified exactly, its reading report included.
    let verify = wd.run(&["verify", "new.json"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stdout(&verify));
}

#[test]
fn each_inputs_tables_add_up_to_its_counts() {
    let wd = Workdir::new();
    let intake = fixture("intake");
    let reading = fixture("reading");
    let (_, json) = validate_json(&wd, &[intake.to_str().unwrap(), reading.to_str().unwrap()]);
    let inputs = json["inputs"].as_array().unwrap();
    let mut tables_seen = 0;
    for input in inputs {
        let tables = input["tables"].as_array().unwrap();
        tables_seen += tables.len();
        let sum = |key: &str| -> u64 {
            tables
                .iter()
                .map(|t| t["rows"][key].as_u64().unwrap())
                .sum()
        };
        let skipped: u64 = tables
            .iter()
            .flat_map(|t| t["rows"]["skipped"].as_array().unwrap())
            .map(|s| s["rows"].as_u64().unwrap())
            .sum();
        let n = |key: &str| input[key].as_u64().unwrap();
        assert_eq!(sum("read"), n("rows_read"), "{input:#}");
        assert_eq!(sum("rejected"), n("rejected"), "{input:#}");
        assert_eq!(skipped, n("skipped"), "{input:#}");
        assert_eq!(
            sum("accepted"),
            n("projects") + n("cash_flow_rows"),
            "{input:#}"
        );
        if input["state"] != "read" {
            continue;
        }
        let sheets: Vec<&Value> = tables.iter().map(|t| &t["sheet"]).collect();
        assert_eq!(
            sheets,
            input["sheets"]
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>()
        );
    }
    assert!(tables_seen > 10, "{tables_seen} tables");
}
