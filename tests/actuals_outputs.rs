//! The review on actual figures and the cloud bills as people read them:
//! the Scores columns (review grade, variances, on track), the Summary's
//! Cloud bills table, the Actuals Chart sheet's native charts, and the
//! audit report's plan-against-actual block and Cloud bills section.
//! Inputs: `tests/fixtures/actuals/actuals.xlsx` graded as of the end of
//! March 2026 (figures as `actuals.rs` adds them up) and the AI bills of
//! `tests/fixtures/bills/` (figures as `bills.rs` adds them up).

use calamine::{Data, Range, Reader, Xlsx, open_workbook};

use crate::common::{Workdir, fixture, score_ai_bills, stderr, zip_entry};

const AS_OF: &str = "2026-03-31";

/// `score` of the actuals fixture with the given outputs; the exit code is 0.
fn score_actuals(wd: &Workdir, outputs: &[&str]) {
    let input = fixture("actuals/actuals.xlsx");
    let mut args = vec!["score", "--as-of", AS_OF, input.to_str().expect("UTF-8")];
    args.extend_from_slice(outputs);
    let out = wd.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn sheet(wd: &Workdir, book: &str, name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(wd.path(book)).expect("the workbook");
    book.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The Scores row of a project as header → cell.
fn scores_row(range: &Range<Data>, id: &str) -> Vec<(String, Data)> {
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| text(Some(c))).collect();
    let row = rows
        .iter()
        .find(|r| text(r.first()) == id)
        .unwrap_or_else(|| panic!("{id} on Scores"));
    header.into_iter().zip(row.iter().cloned()).collect()
}

fn cell<'a>(row: &'a [(String, Data)], header: &str) -> &'a Data {
    &row.iter()
        .find(|(h, _)| h == header)
        .unwrap_or_else(|| panic!("no column {header}"))
        .1
}

/// A number as its cell's format shows it, `decimals` decimals of `scale`
/// times the value, in units of the last decimal: -2.2% is -22.
fn shown(data: &Data, scale: f64, decimals: i32) -> i64 {
    let Data::Float(x) = data else {
        panic!("not a number: {data:?}")
    };
    (x * scale * 10f64.powi(decimals)).round() as i64
}

#[test]
fn scores_show_the_review_beside_the_plan_and_leave_projects_without_one_blank() {
    let wd = Workdir::new();
    score_actuals(&wd, &["-o", "graded.xlsx", "--csv", "scores.csv"]);
    let scores = sheet(&wd, "graded.xlsx", "Scores");
    let ahead = scores_row(&scores, "ACT-AHEAD");
    assert_eq!(text(Some(cell(&ahead, "Review Grade"))), "A");
    assert_eq!(text(Some(cell(&ahead, "Actual Months"))), "1\u{2013}3");
    // 29,350.85 actual against 30,000 planned: -649 and -2.2%.
    assert_eq!(shown(cell(&ahead, "Compute Variance"), 1.0, 0), -649);
    assert_eq!(shown(cell(&ahead, "Compute Variance %"), 100.0, 1), -22);
    // 129,500.35 against 120,000: +9,500 and +7.9%.
    assert_eq!(shown(cell(&ahead, "Benefit Variance"), 1.0, 0), 9500);
    assert_eq!(shown(cell(&ahead, "Benefit Variance %"), 100.0, 1), 79);
    assert_eq!(text(Some(cell(&ahead, "On Track for 3:1"))), "yes");
    let behind = scores_row(&scores, "ACT-BEHIND");
    assert_eq!(shown(cell(&behind, "Benefit Variance %"), 100.0, 1), -250);
    // ACT-PLAN gives no actual figure; ACT-LATER's months have not ended.
    for id in ["ACT-PLAN", "ACT-LATER"] {
        let row = scores_row(&scores, id);
        for header in [
            "Review Grade",
            "Actual Months",
            "Compute Variance",
            "Compute Variance %",
            "Benefit Variance",
            "On Track for 3:1",
        ] {
            assert_eq!(*cell(&row, header), Data::Empty, "{id} {header}");
        }
    }
    // The CSV has the same columns, money in whole units, blanks empty.
    let csv = std::fs::read_to_string(wd.path("scores.csv")).expect("the CSV");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let at = |h: &str| headers.iter().position(|x| x == h).expect(h);
    for record in reader.records() {
        let record = record.expect("a record");
        match &record[0] {
            "ACT-AHEAD" => {
                assert_eq!(&record[at("Compute Variance")], "-649");
                assert_eq!(&record[at("Review Grade")], "A");
                assert_eq!(&record[at("On Track for 3:1")], "yes");
            }
            "ACT-PLAN" => assert_eq!(&record[at("Review Grade")], ""),
            _ => {}
        }
    }
}

#[test]
fn a_run_without_actuals_has_no_review_columns() {
    let wd = Workdir::new();
    let input = crate::common::root().join("samples/portfolio.xlsx");
    let out = wd.run(&[
        "score",
        "--as-of",
        "2026-01-31",
        "-o",
        "graded.xlsx",
        input.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let scores = sheet(&wd, "graded.xlsx", "Scores");
    let header: Vec<String> = scores
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| text(Some(c)))
        .collect();
    assert!(header.contains(&"Cash Flows".to_string()));
    assert!(
        !header
            .iter()
            .any(|h| h.contains("Review") || h.contains("Variance"))
    );
}

#[test]
fn the_summary_shows_allocated_and_unallocated_ai_spend_by_provider() {
    let wd = Workdir::new();
    score_ai_bills(&wd, &fixture("bills/projects.csv"), &["-o", "graded.xlsx"]);
    let summary = sheet(&wd, "graded.xlsx", "Summary");
    // Money as its whole-unit format shows it.
    let as_shown = |c: &Data| match c {
        Data::Float(x) => format!("{}", x.round()),
        other => text(Some(other)),
    };
    let rows: Vec<Vec<String>> = summary
        .rows()
        .map(|r| r.iter().take(4).map(as_shown).collect())
        .collect();
    let start = rows
        .iter()
        .position(|r| r[0] == "Cloud bills (USD)")
        .expect("a Cloud bills section");
    let section = &rows[start..];
    let value = |label: &str| {
        section
            .iter()
            .find(|r| r[0] == label)
            .map_or_else(|| panic!("{label}"), |r| r[1].clone())
    };
    assert_eq!(value("Actual months"), "2026-01 to 2026-02");
    assert_eq!(value("Conflicts (counted to no project)"), "1");
    assert_eq!(value("Unmatched projects"), "1");
    let header = section
        .iter()
        .position(|r| r[0] == "Provider")
        .expect("the table");
    // AWS: FIN-001 3,150 + FIN-005 180 + FIN-006 120 allocated, Bedrock 400
    // unallocated; Azure: FIN-002 3,410 and Azure OpenAI 220; Google 1,100.
    let table: Vec<&[String]> = section[header + 1..header + 5]
        .iter()
        .map(Vec::as_slice)
        .collect();
    assert_eq!(
        table,
        [
            ["AWS", "3450", "400", "3850"],
            ["Azure", "3410", "220", "3630"],
            ["Google Cloud", "1100", "0", "1100"],
            ["Total", "7960", "620", "8580"],
        ]
    );
}

#[test]
fn the_actuals_chart_draws_each_project_from_its_own_rows() {
    let wd = Workdir::new();
    score_actuals(&wd, &["-o", "graded.xlsx"]);
    let actuals = sheet(&wd, "graded.xlsx", "Actuals");
    let book = wd.path("graded.xlsx");
    let workbook = zip_entry(&book, "xl/workbook.xml");
    assert!(workbook.contains("name=\"Actuals Chart\""), "{workbook}");
    let mut charted = 0;
    for id in ["ACT-AHEAD", "ACT-BEHIND", "ACT-COMPUTE"] {
        // Excel rows of the project on Actuals (1-based; the legend and the
        // header above them).
        let rows: Vec<usize> = actuals
            .rows()
            .enumerate()
            .filter(|(_, r)| text(r.first()) == id)
            .map(|(i, _)| i + 1)
            .collect();
        let (first, last) = (rows[0], rows[rows.len() - 1]);
        let xml = (4..=10)
            .map(|n| format!("xl/charts/chart{n}.xml"))
            .map(|part| zip_entry(&book, &part))
            .find(|xml| xml.contains(&format!("<a:t>{id} ")))
            .unwrap_or_else(|| panic!("no chart of {id}"));
        for col in ["C", "G", "H", "J", "K", "O"] {
            let range = format!("<c:f>Actuals!${col}${first}:${col}${last}</c:f>");
            assert!(xml.contains(&range), "{id}: no {range}");
        }
        assert!(xml.contains("Actual benefit") && xml.contains("Plan compute"));
        charted += 1;
    }
    assert_eq!(charted, 3);
}

#[test]
fn the_report_shows_the_variance_table_and_the_cloud_bills() {
    let wd = Workdir::new();
    score_actuals(&wd, &["-o", "graded.xlsx", "--report", "audit.html"]);
    let html = std::fs::read_to_string(wd.path("audit.html")).expect("the report");
    let at = html.find("id=\"p-1\"").expect("ACT-AHEAD's section");
    let section = &html[at..html[at..].find("</section>").map_or(html.len(), |e| at + e)];
    assert!(section.contains("Review grade A"), "{section}");
    for row in [
        "<tr><td>Compute</td><td class=\"num\">30,000</td><td class=\"num\">29,351</td><td class=\"num\">-649</td><td class=\"num\">-2.2%</td><td>1–3</td></tr>",
        "<tr><td>Benefit</td><td class=\"num\">120,000</td><td class=\"num\">129,500</td><td class=\"num\">+9,500</td><td class=\"num\">+7.9%</td><td>1–3</td></tr>",
    ] {
        assert!(section.contains(row), "no {row}");
    }
    assert!(section.contains("On track for 3:1 by month 18: <strong>yes</strong>"));
    assert!(section.contains(
        "<p class=\"months\">Months 1–3 actual (2026-01 to 2026-03); months 4–18 plan (2026-04 to 2027-06).</p>"
    ), "{section}");
    // Month by month in Appendix D: month 1 of ACT-AHEAD as read.
    let appendix = &html[html.find("id=\"rm-1\"").expect("ACT-AHEAD in Appendix D")..];
    assert!(appendix.contains("<tr><td class=\"num\">1</td><td>2026-01</td><td>actual</td><td></td><td class=\"num\">10,000</td><td class=\"num\">9,501</td><td class=\"num\">40,000</td><td class=\"num\">45,000</td><td class=\"num\">4.74:1</td></tr>"));
    assert!(
        !html.contains("id=\"rm-5\""),
        "ACT-PLAN has no months to list"
    );
    assert!(!html.contains("<h2>Cloud bills</h2>"), "no bills given");

    let wd = Workdir::new();
    score_ai_bills(
        &wd,
        &fixture("bills/projects.csv"),
        &["-o", "graded.xlsx", "--report", "audit.html"],
    );
    let html = std::fs::read_to_string(wd.path("audit.html")).expect("the report");
    let at = html
        .find("<h2>Cloud bills</h2>")
        .expect("a Cloud bills section");
    let bills = &html[at..];
    for row in [
        "<tr><td>AWS</td><td class=\"num\">3,450</td><td class=\"num\">400</td><td class=\"num\">3,850</td></tr>",
        "<tr><td>Azure</td><td class=\"num\">3,410</td><td class=\"num\">220</td><td class=\"num\">3,630</td></tr>",
        "<tr><th>Total</th><th class=\"num\">7,960</th><th class=\"num\">620</th><th class=\"num\">8,580</th></tr>",
        "<tr><td>Azure</td><td>Azure OpenAI</td><td class=\"num\">220</td><td class=\"num\">1</td></tr>",
    ] {
        assert!(bills.contains(row), "no {row}");
    }
    assert!(bills.contains("FIN-007: no bill row matches subaccount:999"));
    assert!(bills.contains("Conflicts (1), unmatched projects (1), rows not read (0)"));
}

#[test]
fn the_markdown_report_writes_each_review_chart_beside_it() {
    let wd = Workdir::new();
    score_actuals(&wd, &["-o", "graded.xlsx", "--report", "audit.md"]);
    let md = std::fs::read_to_string(wd.path("audit.md")).expect("the report");
    let charts = wd.path("audit.charts");
    for file in [
        "project-1-ACT-AHEAD.review.svg",
        "project-2-ACT-BEHIND.review.svg",
    ] {
        let svg =
            std::fs::read_to_string(charts.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            svg.starts_with("<svg") && svg.contains("benefit, reviewed"),
            "{file}"
        );
        assert!(
            md.contains(&format!("](audit.charts/{file})")),
            "no link to {file}"
        );
    }
    // ACT-PLAN gives no actual figure: no review chart.
    let names: Vec<String> = std::fs::read_dir(&charts)
        .expect("the chart folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("ACT-PLAN.review")),
        "{names:?}"
    );
    assert!(
        md.contains("| Compute | 30,000 | 29,351 | \\-649 | \\-2.2% | 1–3 |"),
        "{md}"
    );
}
