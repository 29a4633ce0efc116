//! The performance review on the bundled sample: the README's command,
//! `score samples/portfolio.xlsx --bills samples/bills --as-of 2026-05-01`,
//! from the repository root, gives what `samples/README.md` says the bills
//! show: the review grades, the compute variances to the cent, the months
//! actual, the unallocated AI spend, the mix warning and the commitment
//! purchase left out (or counted, with `--cost-basis billed`).

use serde_json::{Value, json};

use crate::bills::cents;
use crate::common::{Workdir, project, run_at_root, stderr, zip_entry};

/// The README's command, plus `--json` for the figures; the document,
/// stderr and the report.
fn review(wd: &Workdir, extra: &[&str]) -> (Value, String, String) {
    let (xlsx, html, json) = (
        wd.path("review.xlsx"),
        wd.path("review.html"),
        wd.path("review.json"),
    );
    let mut args = vec![
        "score",
        "samples/portfolio.xlsx",
        "--bills",
        "samples/bills",
        "--as-of",
        "2026-05-01",
        "-o",
        xlsx.to_str().expect("a UTF-8 path"),
        "--report",
        html.to_str().expect("a UTF-8 path"),
        "--json",
        json.to_str().expect("a UTF-8 path"),
    ];
    args.extend(extra);
    let out = run_at_root(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let doc = serde_json::from_str(&std::fs::read_to_string(json).expect("the JSON"))
        .expect("valid JSON");
    let report = std::fs::read_to_string(html).expect("the report");
    (doc, err, report)
}

/// (plan, actual, amount) of a project's compute variance, in cents.
fn compute_variance(doc: &Value, id: &str) -> (i64, i64, i64) {
    let c = &project(doc, id)["review"]["compute_variance"];
    (cents(&c["plan"]), cents(&c["actual"]), cents(&c["amount"]))
}

/// A project's actual compute by project month, in cents.
fn actual_compute(doc: &Value, id: &str) -> Vec<(u64, i64)> {
    project(doc, id)["review"]["months"]
        .as_array()
        .expect("months")
        .iter()
        .filter(|m| m["basis"] == "actual")
        .map(|m| {
            (
                m["month"].as_u64().unwrap_or(0),
                cents(&m["actual_compute"]),
            )
        })
        .collect()
}

#[test]
fn the_sample_bills_grade_four_projects_on_what_they_spent() {
    let wd = Workdir::new();
    let (doc, err, report) = review(&wd, &[]);
    let grades: Vec<(&str, &str, &str, bool)> = ["FIN-001", "MKT-004", "LEG-005", "CS-006"]
        .iter()
        .map(|id| {
            let p = project(&doc, id);
            let r = &p["review"];
            (
                *id,
                p["grade"].as_str().unwrap_or(""),
                r["grade"].as_str().unwrap_or(""),
                r["on_track"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        grades,
        [
            ("FIN-001", "A", "B", true),
            ("MKT-004", "C", "D", false),
            ("LEG-005", "F", "F", false),
            ("CS-006", "A", "A", true),
        ]
    );
    assert!(
        err.contains("airoi: 4 projects with actuals: review grades A 1, B 1, D 1, F 1"),
        "{err}"
    );
    // CS-006's months 1–4 (2025-09 to 2025-12) predate the bills.
    assert!(err.contains("; and 1 more plan month\n"), "{err}");
    // The nine projects without tagged charges keep their plan.
    assert_eq!(doc["bills"]["unmatched"].as_array().map(Vec::len), Some(9));
    assert!(project(&doc, "OPS-002")["review"].is_null());

    // January–April are actual; each project from its month 1 on.
    assert_eq!(
        doc["bills"]["actual_months"],
        json!(["2026-01", "2026-02", "2026-03", "2026-04"])
    );
    let months = |id| project(&doc, id)["review"]["actual_months"].clone();
    assert_eq!(months("FIN-001"), json!([1, 2, 3, 4]));
    assert_eq!(months("MKT-004"), json!([1, 2, 3]));
    assert_eq!(months("LEG-005"), json!([1, 2]));
    assert_eq!(months("CS-006"), json!([5, 6, 7, 8]));

    // Compute variance to the cent. FIN-001: 25,000 (with the January
    // fine-tuning run) + 10,000 + 9,500 (a 500 credit) + 10,000 against
    // 25,000 (15,000 upfront) + 3 × 10,000.
    assert_eq!(
        compute_variance(&doc, "FIN-001"),
        (5_500_000, 5_450_000, -50_000)
    );
    // MKT-004 overruns: 22,400 + 23,100 + 23,800 against 20,000 + 2 × 15,000.
    assert_eq!(
        compute_variance(&doc, "MKT-004"),
        (5_000_000, 6_930_000, 1_930_000)
    );
    let pct = project(&doc, "MKT-004")["review"]["compute_variance"]["pct"].clone();
    assert_eq!(cents(&pct), 3_860); // +38.6%
    // CS-006 on track: 12,000 + 11,850 (a 250 credit) + 11,900 + 12,200.
    assert_eq!(
        compute_variance(&doc, "CS-006"),
        (4_800_000, 4_795_000, -5_000)
    );
    assert!(
        report.contains("Review grade B"),
        "the report's review block"
    );

    // The shadow AI figure, by provider and service, largest first.
    let unallocated: Vec<(String, String, i64)> = doc["bills"]["unallocated"]
        .as_array()
        .expect("unallocated")
        .iter()
        .map(|u| {
            (
                u["label"].as_str().unwrap_or("").to_owned(),
                u["service"].as_str().unwrap_or("").to_owned(),
                cents(&u["amount"]),
            )
        })
        .collect();
    let expected = [
        ("Azure", "Azure OpenAI", 560_000),
        ("AWS", "Amazon Bedrock", 240_000),
        ("Google Cloud", "Vertex AI", 200_000),
    ]
    .map(|(p, s, c)| (p.to_owned(), s.to_owned(), c));
    assert_eq!(unallocated, expected);
    assert_eq!(cents(&doc["bills"]["totals"]["unallocated_ai"]), 1_000_000);
    assert!(
        err.contains("airoi: bills: unallocated AI spend: Azure OpenAI on Azure: USD 5,600"),
        "{err}"
    );

    // FIN-001's billed mix departs from its declared one; no other warns.
    let warning = "billed provider mix differs from the declared by 36 points: \
                   declared Azure 60 / AWS 40, billed Azure 96 / AWS 4";
    assert_eq!(
        project(&doc, "FIN-001")["review"]["bills"]["mix"][0]["warning"],
        warning
    );
    assert!(
        err.contains(&format!("airoi: bills: warning: FIN-001: {warning}")),
        "{err}"
    );
    assert_eq!(err.matches("airoi: bills: warning:").count(), 1, "{err}");
    // The report escapes the slash as `&#x2f;`.
    assert!(
        report.contains(&warning.replace('/', "&#x2f;")),
        "the report names the warning"
    );

    // The savings-plan purchase is left out; its cost reaches LEG-005 as
    // amortised usage (6,000 a month on EC2).
    assert_eq!(
        cents(&doc["bills"]["totals"]["commitment_purchases_excluded"]),
        7_200_000
    );
    assert_eq!(
        compute_variance(&doc, "LEG-005"),
        (11_000_000, 11_050_000, 50_000)
    );
    assert_eq!(
        actual_compute(&doc, "LEG-005"),
        [(1, 7_800_000), (2, 3_250_000)]
    );
}

#[test]
fn the_billed_cost_basis_counts_the_commitment_purchase_instead_of_its_amortised_use() {
    let wd = Workdir::new();
    let (effective, _, _) = review(&wd, &[]);
    let (billed, err, _) = review(&wd, &["--cost-basis", "billed"]);
    assert_eq!(billed["bills"]["cost_basis"], "billed");
    assert_eq!(
        cents(&billed["bills"]["totals"]["commitment_purchases_excluded"]),
        0
    );
    // LEG-005: March gains the 72,000 purchase and loses the 6,000 of
    // amortised usage (billed at 0); April loses its 6,000.
    assert_eq!(
        actual_compute(&billed, "LEG-005"),
        [
            (1, 7_800_000 + 7_200_000 - 600_000),
            (2, 3_250_000 - 600_000)
        ]
    );
    let (_, e, _) = compute_variance(&effective, "LEG-005");
    let (_, b, _) = compute_variance(&billed, "LEG-005");
    assert_eq!(b - e, 7_200_000 - 1_200_000);
    // The projects without commitments are billed what they cost.
    for id in ["FIN-001", "MKT-004", "CS-006"] {
        assert_eq!(
            compute_variance(&billed, id),
            compute_variance(&effective, id),
            "{id}"
        );
    }
    assert!(err.contains("cost basis BilledCost"), "{err}");
}

#[test]
fn the_four_charted_projects_print_two_to_a_page() {
    let wd = Workdir::new();
    review(&wd, &[]);
    let book = wd.path("review.xlsx");
    let sheets = zip_entry(&book, "xl/workbook.xml");
    let index = sheets
        .split("<sheet ")
        .skip(1)
        .position(|s| s.starts_with("name=\"Actuals Chart\""))
        .expect("an Actuals Chart sheet");
    let xml = zip_entry(&book, &format!("xl/worksheets/sheet{}.xml", index + 1));
    // Four charts of 15 rows from row 3: one break, before the third (not
    // three and one alone on the second page).
    assert!(
        xml.contains("<rowBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"33\""),
        "{xml}"
    );
}

/// The console's table gives each reviewed project its review grade and
/// whether it is on track beside its plan grade; projects the bills do not
/// reach leave both blank, and a run without actuals has no such columns.
#[test]
fn the_console_table_shows_the_review_grade_beside_the_plan_grade() {
    let wd = Workdir::new();
    let (doc, _, _) = review(&wd, &["--force"]);
    // The console of the sample scored with `extra`, the workbook to `book`.
    let console = |extra: &[&str], book: &str| {
        let book = wd.path(book);
        let mut args = vec!["score", "samples/portfolio.xlsx"];
        args.extend_from_slice(extra);
        args.extend(["--as-of", "2026-05-01", "-o"]);
        args.push(book.to_str().expect("a UTF-8 path"));
        crate::common::stdout(&run_at_root(&args))
    };
    let header_of = |table: &str| -> String {
        table
            .lines()
            .find(|l| l.starts_with("ID "))
            .expect("the table")
            .to_owned()
    };
    let table = console(&["--bills", "samples/bills"], "again.xlsx");
    let header = header_of(&table);
    let columns: Vec<&str> = header
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        columns,
        [
            "ID",
            "Project",
            "Grade",
            "Total",
            "Review",
            "On track",
            "ROI",
            "Diversification",
            "Agentic"
        ]
    );
    let row = |id: &str| -> Vec<String> {
        let line = table.lines().find(|l| l.starts_with(id)).expect("a row");
        let review_at = header.find("Review").expect("Review column");
        let track_at = header.find("On track").expect("On track column");
        let roi_at = header.find("ROI").expect("ROI column");
        vec![
            line[review_at..track_at].trim().to_owned(),
            line[track_at..roi_at].trim().to_owned(),
        ]
    };
    for id in ["FIN-001", "MKT-004", "LEG-005", "CS-006"] {
        let r = &project(&doc, id)["review"];
        let on_track = if r["on_track"] == Value::Bool(true) {
            "yes"
        } else {
            "no"
        };
        assert_eq!(
            row(id),
            [r["grade"].as_str().expect("a review grade"), on_track],
            "{id}"
        );
    }
    assert_eq!(row("FIN-001"), ["B", "yes"]);
    assert_eq!(row("MKT-004"), ["D", "no"]);
    assert_eq!(row("OPS-002"), ["", ""]);

    let header = header_of(&console(&[], "plan.xlsx"));
    assert!(!header.contains("Review"), "{header}");
}
