//! The monthly cycle: many units' workbooks scored together, feedback to
//! each submitter, currencies, what changed since last month, and proof
//! that an output came from exactly its inputs.

use calamine::{Data, Reader};
use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::common::{Workdir, fixture, root, stderr, stdout};

const AS_OF: &str = "2026-02-28";

/// A small intake workbook in the template's headers, as a unit would send it.
fn unit_workbook(
    wd: &Workdir,
    name: &str,
    unit: &str,
    rows: &[[&str; 8]],
    settings: Option<(&str, &[(&str, f64)])>,
) -> std::path::PathBuf {
    let path = wd.path(name);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Projects").unwrap();
    let headers = [
        "Project ID",
        "Project Name",
        "Business Unit",
        "Monthly Compute Cost",
        "Monthly Benefit",
        "Benefit Metric",
        "Providers",
        "Interaction Pattern",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let v = if c == 2 { unit } else { v };
            match v.parse::<f64>() {
                Ok(n) if c == 3 || c == 4 => sheet.write_number(r as u32 + 1, c as u16, n).unwrap(),
                _ => sheet.write_string(r as u32 + 1, c as u16, v).unwrap(),
            };
        }
    }
    if let Some((currency, rates)) = settings {
        let s = book.add_worksheet().set_name("Settings").unwrap();
        s.write_string(0, 0, "Setting").unwrap();
        s.write_string(1, 0, "Run currency").unwrap();
        s.write_string(1, 1, currency).unwrap();
        s.write_string(3, 0, "Currency").unwrap();
        s.write_string(3, 1, "Rate").unwrap();
        for (i, (c, r)) in rates.iter().enumerate() {
            s.write_string(4 + i as u32, 0, *c).unwrap();
            s.write_number(4 + i as u32, 1, *r).unwrap();
        }
    }
    book.save(&path).unwrap();
    path
}

fn score(wd: &Workdir, args: &[&str]) -> (i32, Value, String) {
    let json = wd.path("run.json");
    let mut all = vec![
        "score",
        "--as-of",
        AS_OF,
        "-o",
        "graded.xlsx",
        "--json",
        "run.json",
    ];
    all.extend_from_slice(args);
    let out = wd.run(&all);
    let doc =
        std::fs::read_to_string(&json).map_or(Value::Null, |t| serde_json::from_str(&t).unwrap());
    (out.status.code().unwrap_or(-1), doc, stderr(&out))
}

fn three_units(wd: &Workdir) {
    std::fs::create_dir_all(wd.path("intake")).unwrap();
    unit_workbook(
        wd,
        "intake/finance.xlsx",
        "Finance",
        &[[
            "F-1",
            "Close agent",
            "",
            "1000",
            "5000",
            "efficiency",
            "aws:50; azure:50",
            "workflow_agent",
        ]],
        None,
    );
    // A unit that works in euros, with its rate on its Settings sheet.
    unit_workbook(
        wd,
        "intake/germany.xlsx",
        "Germany",
        &[[
            "DE-1",
            "Werk agent",
            "",
            "2000",
            "9000",
            "cost_reduction",
            "gcp:60; aws:40",
            "workflow_agent",
        ]],
        Some(("EUR", &[("EUR", 1.1)])),
    );
    // A unit with errors.
    unit_workbook(
        wd,
        "intake/sales.xlsx",
        "Sales",
        &[
            [
                "S-1",
                "Lead agent",
                "",
                "1500",
                "4000",
                "revenue",
                "aws",
                "copilot",
            ],
            [
                "S-2", "Broken", "", "tbd", "4000", "vibes", "aws", "copilot",
            ],
        ],
        None,
    );
    // An unreadable one, and the lock file Excel leaves while a workbook is open.
    std::fs::write(
        wd.path("intake/legal.xlsx"),
        "<html><body>not a workbook</body></html>",
    )
    .unwrap();
    std::fs::write(wd.path("intake/~$sales.xlsx"), "lock").unwrap();
    std::fs::write(
        wd.path("units.csv"),
        "business_unit\nFinance\nGermany\nSales\nLegal\nMarketing\n",
    )
    .unwrap();
}

#[test]
fn a_batch_of_units_in_one_run() {
    let wd = Workdir::new();
    three_units(&wd);
    let (code, json, err) = score(
        &wd,
        &["intake", "--expect", "units.csv", "--report", "audit.md"],
    );
    let report = std::fs::read_to_string(wd.path("audit.md")).unwrap();
    assert!(
        report.contains("| Units with no projects | Legal, Marketing |"),
        "the report lists them"
    );
    assert!(
        report.contains("| Exchange rate | 1 EUR = 1.1 USD ("),
        "the report lists the rate"
    );
    assert_eq!(
        code, 1,
        "some rows and a file rejected, the rest scored: {err}"
    );
    let paths: Vec<&str> = json["run"]["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "intake/finance.xlsx",
            "intake/germany.xlsx",
            "intake/legal.xlsx",
            "intake/sales.xlsx"
        ]
    );
    assert_eq!(json["run"]["inputs"][2]["state"], "unreadable");
    assert_eq!(json["portfolio"]["projects"], 3);
    assert_eq!(json["portfolio"]["rejected"], 1);
    // The euro unit's figures are converted at its Settings rate, and the rate is recorded.
    let de = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project_id"] == "DE-1")
        .unwrap();
    assert!(
        (de["checks"]["roi"]["compute_total"].as_f64().unwrap() - 2000.0 * 1.1 * 18.0).abs() < 1e-6
    );
    assert_eq!(json["run"]["fx"][0]["currency"], "EUR");
    assert_eq!(json["run"]["fx"][0]["rate"], 1.1);
    assert!(
        json["run"]["fx"][0]["source"]
            .as_str()
            .unwrap()
            .ends_with("germany.xlsx:Settings!B5")
    );
    assert_eq!(json["run"]["currency"], "USD");
    // Units that sent nothing readable: Legal's file is not a workbook, Marketing sent nothing.
    assert_eq!(
        json["missing_units"],
        serde_json::json!(["Legal", "Marketing"])
    );
    assert!(
        err.contains("2 expected units sent no projects: Legal, Marketing"),
        "{err}"
    );
    assert!(
        err.contains("intake/~$sales.xlsx: skipped (office lock file)"),
        "{err}"
    );
    assert!(
        err.contains("3 files read, 1 unreadable, 1 skipped"),
        "{err}"
    );
    // The Summary names them too.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("graded.xlsx")).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    let cells: Vec<String> = summary
        .used_cells()
        .map(|(_, _, v)| v.to_string())
        .collect();
    assert!(
        cells.iter().any(|c| c == "Legal, Marketing"),
        "Summary lists the missing units"
    );
    assert!(
        cells.iter().any(|c| c.starts_with("1 EUR = 1.1 USD")),
        "Summary lists the rate"
    );
}

#[test]
fn a_row_in_a_currency_without_a_rate_says_which_rate_is_missing() {
    let wd = Workdir::new();
    let f = unit_workbook(
        &wd,
        "de.xlsx",
        "Germany",
        &[[
            "DE-1",
            "Werk agent",
            "",
            "2000",
            "9000",
            "cost_reduction",
            "gcp",
            "workflow_agent",
        ]],
        Some(("EUR", &[])),
    );
    let out = wd.run(&["validate", "--currency", "USD", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("currency: no exchange rate from EUR to the run currency USD"),
        "{}",
        stdout(&out)
    );
    // Alone, the file's Settings sheet makes the run a euro run: no rate needed.
    let out = wd.run(&["validate", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn feedback_workbooks_round_trip_to_a_clean_score() {
    let wd = Workdir::new();
    let messy = wd.copy(&fixture("intake/messy_finance.xlsx"), "messy_finance.xlsx");
    let out = wd.run(&[
        "score",
        messy.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-o",
        "graded.xlsx",
        "--feedback",
        "feedback",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let feedback = wd.path("feedback/messy_finance.feedback.xlsx");
    assert!(feedback.exists());

    // The rejected rows as sent, an error column, and the cells at fault marked.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&feedback).unwrap();
    let range = book.worksheet_range("Projects").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header[0], "project id");
    assert_eq!(header.last().unwrap(), "airoi problems");
    let ids: Vec<String> = range.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(ids, ["FIN-BAD", "FIN-NEG", "FIN-FX"]);
    let problems = range.rows().nth(1).unwrap().last().unwrap().to_string();
    assert!(
        problems.contains("monthly_compute_cost: \"tbd\" is not an amount"),
        "{problems}"
    );
    let xml = crate::common::zip_entry(&feedback, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("<dataValidation"),
        "drop-downs like the template's"
    );
    let comments = crate::common::zip_entry(&feedback, "xl/comments1.xml");
    assert!(
        comments.contains("is not one of efficiency"),
        "a note on the cell at fault"
    );

    // The unit fixes the marked cells in place and sends it back.
    let fixes: &[(u32, u16, Data)] = &[
        (1, 6, Data::Float(8000.0)),
        (1, 11, Data::String("efficiency".into())),
        (1, 12, Data::String("aws:60; azure:40".into())),
        (1, 14, Data::String("yes".into())),
        (2, 4, Data::String("2026-04-03".into())),
        (2, 5, Data::Float(1200.0)),
        (3, 6, Data::Float(16000.0)),
    ];
    let repaired = wd.path("feedback/messy_finance.fixed.xlsx");
    let mut out_book = Workbook::new();
    let sheet = out_book.add_worksheet().set_name("Projects").unwrap();
    for (r, row) in range.rows().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let v = fixes
                .iter()
                .find(|f| f.0 == r && f.1 == c)
                .map_or(v, |f| &f.2);
            match v {
                Data::Float(n) => sheet.write_number(r, c, *n).unwrap(),
                Data::Int(n) => sheet.write_number(r, c, *n as f64).unwrap(),
                Data::Bool(b) => sheet.write_boolean(r, c, *b).unwrap(),
                Data::Empty => sheet,
                other => sheet.write_string(r, c, other.to_string()).unwrap(),
            };
        }
    }
    out_book.save(&repaired).unwrap();
    let out = wd.run(&[
        "score",
        repaired.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-o",
        "fixed.graded.xlsx",
        "--json",
        "fixed.json",
        "-q",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the fixed file scores cleanly: {}",
        stderr(&out)
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(wd.path("fixed.json")).unwrap()).unwrap();
    assert_eq!(json["portfolio"]["projects"], 3);
    assert!(
        json["projects"][0]["extra"].get("airoi problems").is_none(),
        "the problems column is not carried"
    );
}

#[test]
fn what_changed_since_last_month() {
    let wd = Workdir::new();
    let jan = unit_workbook(
        &wd,
        "jan.xlsx",
        "Ops",
        &[
            [
                "A-1",
                "Agent one",
                "",
                "1000",
                "2500",
                "efficiency",
                "aws:50; azure:50",
                "workflow_agent",
            ],
            [
                "A-2",
                "Retired bot",
                "",
                "500",
                "100",
                "user_count",
                "aws",
                "query_response",
            ],
        ],
        None,
    );
    let out = wd.run(&[
        "score",
        jan.to_str().unwrap(),
        "--as-of",
        "2026-01-31",
        "-o",
        "jan.graded.xlsx",
        "--json",
        "jan.json",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let feb = unit_workbook(
        &wd,
        "feb.xlsx",
        "Ops",
        &[
            [
                "A-1",
                "Agent one",
                "",
                "1000",
                "4000",
                "efficiency",
                "aws:50; azure:50",
                "workflow_agent",
            ],
            [
                "A-3",
                "New agent",
                "",
                "100",
                "900",
                "revenue",
                "gcp:50; aws:50",
                "workflow_agent",
            ],
        ],
        None,
    );
    let out = wd.run(&[
        "score",
        feb.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-o",
        "feb.graded.xlsx",
        "--json",
        "feb.json",
        "--baseline",
        "jan.json",
        "--report",
        "feb.md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Grade moves\n  A-1  Agent one  "), "{text}");
    let report = std::fs::read_to_string(wd.path("feb.md")).unwrap();
    assert!(
        report.contains("## Changes since 2026-01-31"),
        "the report has a changes section"
    );
    assert!(
        report.contains(
            "A-1 ROI: warn → pass (Below 3:1 → Quantified 3:1); Monthly Benefit 2,500 → 4,000"
        ),
        "{report}"
    );
    assert!(text.contains("ROI: warn → pass"), "{text}");
    assert!(text.contains("Monthly Benefit 2,500 → 4,000"), "{text}");
    assert!(text.contains("New projects\n  A-3  New agent"), "{text}");
    assert!(
        text.contains("Dropped projects\n  A-2  Retired bot"),
        "{text}"
    );

    let diff = wd.run(&["diff", "jan.json", "feb.json"]);
    assert_eq!(diff.status.code(), Some(0));
    assert!(
        stdout(&diff).contains("ROI: warn → pass"),
        "{}",
        stdout(&diff)
    );
    let as_json = wd.run(&["diff", "jan.json", "feb.json", "--json"]);
    let changes: Value = serde_json::from_slice(&as_json.stdout).unwrap();
    assert_eq!(
        changes["status_changes"][0]["inputs"][0]["field"],
        "monthly_benefit"
    );

    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("feb.graded.xlsx")).unwrap();
    assert_eq!(book.sheet_names()[1], "Changes");
    let changes_sheet = book.worksheet_range("Changes").unwrap();
    assert!(
        changes_sheet
            .used_cells()
            .any(|(_, _, v)| *v == Data::String("A-3".into()))
    );
}

#[test]
fn verify_proves_an_output_came_from_its_inputs() {
    let wd = Workdir::new();
    let input = wd.copy(&root().join("samples/portfolio.xlsx"), "portfolio.xlsx");
    for (graded, extra) in [
        ("graded.xlsx", ["--json", "run.json"]),
        ("graded2.xlsx", ["--report", "audit.html"]),
        ("graded3.xlsx", ["--report", "audit.md"]),
    ] {
        let mut args = vec![
            "score",
            input.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "-o",
            graded,
            "-q",
        ];
        args.extend(extra);
        let out = wd.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    for output in ["run.json", "graded.xlsx", "audit.html", "audit.md"] {
        let v = wd.run(&["verify", output]);
        assert_eq!(v.status.code(), Some(0), "{output}: {}", stdout(&v));
        assert!(
            stdout(&v).contains("reproduced exactly from 1 input"),
            "{}",
            stdout(&v)
        );
    }
    // A tampered output is caught, with the difference named.
    let text = std::fs::read_to_string(wd.path("run.json"))
        .unwrap()
        .replacen("\"grade\":\"A\"", "\"grade\":\"B\"", 1);
    std::fs::write(wd.path("tampered.json"), text).unwrap();
    let v = wd.run(&["verify", "tampered.json"]);
    assert_eq!(v.status.code(), Some(1));
    assert!(
        stdout(&v).contains("projects[0].grade: the output has \"B\", re-scoring gives \"A\""),
        "{}",
        stdout(&v)
    );
    // A changed input is caught before anything is re-scored.
    std::fs::write(&input, b"changed").unwrap();
    let v = wd.run(&["verify", "graded.xlsx"]);
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).contains("SHA-256 is"), "{}", stdout(&v));
}
