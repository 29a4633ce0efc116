//! Which months are actual, why the others stay plan, and a billed
//! provider mix far from the declared one, as the graded workbook and the
//! audit report say them — the words of the JSON and the console. Inputs:
//! the openpyxl intake `tests/fixtures/bills_review/intake.xlsx` and the
//! generated AI bills of `tests/fixtures/bills/ai` (EUR at 1.1), as of
//! 10 April 2026: January and February actual, March kept plan because
//! Google Cloud's export stops in February; FIN-002 declares Azure 40 /
//! Google Cloud 60 and is billed Azure 75.6 / Google Cloud 24.4, with no
//! actual benefit.

use calamine::{Data, Range, Reader, Xlsx, open_workbook};

use crate::common::{Workdir, fixture, score_ai_bills};

const WARNING: &str = "billed provider mix differs from the declared by 35.6 points: \
                       declared Azure 40 / Google Cloud 60, billed Azure 75.6 / Google Cloud 24.4";

const FIN_001_MONTHS: &str = "Months 1–2 actual (2026-01 to 2026-02); month 3 plan (2026-03): \
                              no charges from Google Cloud; months 4–18 plan (2026-04 to \
                              2027-06): not ended by the as-of date 2026-04-10.";

/// `score` of the intake with the bills, `extra` arguments before `--bills`.
fn score(wd: &Workdir, extra: &[&str]) {
    score_ai_bills(wd, &fixture("bills_review/intake.xlsx"), extra);
}

fn sheet(wd: &Workdir, name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(wd.path("graded.xlsx")).expect("the workbook");
    book.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The rows of a sheet as text, from the row holding `first` in column A.
fn table(range: &Range<Data>, first: &str) -> Vec<Vec<String>> {
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let at = rows
        .iter()
        .position(|r| r[0] == first)
        .unwrap_or_else(|| panic!("no row {first}"));
    rows[at..].to_vec()
}

/// The cell under `header` of the first row whose cells start with `key`.
fn cell(rows: &[Vec<String>], key: &[&str], header: &str) -> String {
    let col = rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header}: {:?}", rows[0]));
    rows.iter()
        .find(|r| r.iter().zip(key).all(|(c, k)| c == k))
        .map_or_else(|| panic!("no row {key:?}"), |r| r[col].clone())
}

#[test]
fn the_actuals_sheet_says_which_months_are_actual_and_why_the_others_stay_plan() {
    let wd = Workdir::new();
    score(&wd, &["-o", "graded.xlsx"]);
    let range = sheet(&wd, "Actuals");
    let legend: Vec<String> = range.rows().take(3).map(|r| text(&r[0])).collect();
    assert!(legend[0].starts_with("Basis: actual = the month's actual figures replace the plan"));
    assert!(legend[1].contains("Note says why a month the bills reach stays plan"));
    assert_eq!(
        legend[2],
        "Benefit unverified: an actual month without actual_benefit keeps the plan's benefit."
    );
    // Column B is the name: rows are found by id and month.
    let rows: Vec<Vec<String>> = table(&range, "Project ID")
        .into_iter()
        .map(|mut r| {
            if r[0] != "Project ID" {
                r[1] = String::new();
            }
            r
        })
        .collect();
    let at = |id: &str, month: &str, header: &str| cell(&rows, &[id, "", month], header);
    assert_eq!(at("FIN-001", "1", "Basis"), "actual");
    assert_eq!(at("FIN-001", "1", "Note"), "");
    assert_eq!(at("FIN-001", "3", "Basis"), "plan");
    assert_eq!(at("FIN-001", "3", "Note"), "no charges from Google Cloud");
    // Past the last month the bills reach: plan, said by the legend.
    assert_eq!(
        (at("FIN-001", "5", "Basis"), at("FIN-001", "5", "Note")),
        ("plan".to_string(), String::new())
    );
    // FIN-002 gives no actual benefit: its actual months keep the plan's.
    assert_eq!(at("FIN-002", "2", "Basis"), "actual");
    assert_eq!(at("FIN-002", "2", "Note"), "benefit unverified: plan kept");
    assert_eq!(at("FIN-002", "2", "Benefit Counted"), "6000");
}

#[test]
fn the_findings_scores_and_summary_carry_the_billed_mix_departure() {
    let wd = Workdir::new();
    score(&wd, &["-o", "graded.xlsx"]);
    let rows: Vec<Vec<String>> = table(&sheet(&wd, "Findings"), "Project ID")
        .into_iter()
        .map(|mut r| {
            if r[0] != "Project ID" {
                r[1] = String::new();
            }
            r
        })
        .collect();
    let notes = |id: &str| cell(&rows, &[id, "", "Diversification"], "Notes");
    assert_eq!(
        notes("FIN-002"),
        format!("review on the mix billed: warn; {WARNING}")
    );
    assert_eq!(notes("FIN-001"), "", "billed as declared: AWS alone");

    // Scores: the largest gap between the billed and the declared mix;
    // blank for FIN-008, on no bill.
    let scores = table(&sheet(&wd, "Scores"), "Project ID");
    let gap = |id: &str| cell(&scores, &[id], "Billed Mix Gap (points)");
    assert_eq!(
        gap("FIN-002").parse::<f64>().map(|g| (g * 10.0).round()),
        Ok(356.0)
    );
    assert_eq!(gap("FIN-001"), "0");
    assert_eq!(gap("FIN-008"), "");

    let summary = table(&sheet(&wd, "Summary"), "Cloud bills (USD)");
    let value = |label: &str| {
        summary
            .iter()
            .position(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no {label}"))
    };
    let staying = value("Staying plan");
    assert_eq!(summary[staying][1], "2026-03: no charges from Google Cloud");
    let count = value("Billed mix far from the declared");
    assert_eq!(summary[count][1], "1");
    // The list under the provider table: the warning, wrapped over rows.
    let listed = summary[count + 1..]
        .iter()
        .position(|r| r[0] == "Billed mix far from the declared")
        .map(|i| count + 1 + i)
        .expect("the list of departures");
    let lines: Vec<&str> = summary[listed..]
        .iter()
        .take_while(|r| !r[1].is_empty())
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(lines.join(" "), format!("FIN-002: {WARNING}"));
}

#[test]
fn the_html_report_says_the_months_the_unverified_benefit_and_the_mix_warning() {
    let wd = Workdir::new();
    score(&wd, &["-o", "graded.xlsx", "--report", "audit.html"]);
    // The text as a browser shows it: entities back to characters.
    let html = std::fs::read_to_string(wd.path("audit.html"))
        .expect("the report")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/");
    let section = |n: usize| {
        let at = html
            .find(&format!("id=\"p-{n}\""))
            .unwrap_or_else(|| panic!("project {n}"));
        &html[at..html[at..].find("</section>").map_or(html.len(), |e| at + e)]
    };
    let fin_001 = section(1);
    assert!(
        fin_001.contains(&format!("<p class=\"months\">{FIN_001_MONTHS}</p>")),
        "{fin_001}"
    );
    assert!(!fin_001.contains("Warning:"));
    let fin_002 = section(2);
    assert!(
        fin_002.contains(
            " Benefit of months 1–2 unverified: no actual_benefit given, the plan's benefit kept.</p>"
        ),
        "{fin_002}"
    );
    assert!(
        fin_002.contains(&format!("<p class=\"warn\">Warning: {WARNING}</p>")),
        "{fin_002}"
    );
    // Said once: the warning is not repeated among the notes.
    assert_eq!(fin_002.matches(WARNING).count(), 1);
    let bills = &html[html.find("<h2>Cloud bills</h2>").expect("the bills")..];
    assert!(
        bills.contains(&format!(
            "<h3>Billed provider mix far from the declared (1)</h3>\n<ul>\n<li>FIN-002: {WARNING}</li>"
        )),
        "{bills}"
    );
    // Appendix D: March stays plan, with its reason.
    let appendix = &html[html.find("id=\"rm-1\"").expect("FIN-001 in Appendix D")..];
    assert!(appendix.contains(
        "<td class=\"num\">3</td><td>2026-03</td><td>plan</td><td>no charges from Google Cloud</td>"
    ));
}

#[test]
fn the_markdown_report_says_them_too_and_a_looser_threshold_lists_no_departure() {
    let wd = Workdir::new();
    score(&wd, &["-o", "graded.xlsx", "--report", "audit.md"]);
    let md = std::fs::read_to_string(wd.path("audit.md")).expect("the report");
    assert!(md.contains(&format!("\n\n{FIN_001_MONTHS}\n\n")), "{md}");
    assert!(md.contains(&format!("\n**Warning:** {WARNING}\n")), "{md}");
    assert!(md.contains(&format!("\n- FIN-002: {WARNING}\n")), "{md}");
    assert!(
        md.contains("| 3 | 2026-03 | plan | no charges from Google Cloud | 1,000 |"),
        "{md}"
    );

    let wd = Workdir::new();
    let loose = wd.write("loose.toml", "[bills]\nmix_gap_points = 40\n");
    let loose = loose.to_str().expect("a UTF-8 path");
    score(
        &wd,
        &[
            "-o",
            "graded.xlsx",
            "--report",
            "audit.md",
            "--rules",
            loose,
        ],
    );
    let md = std::fs::read_to_string(wd.path("audit.md")).expect("the report");
    assert!(md.contains(
        "### Billed provider mix far from the declared (0)\n\nNone: every billed mix is within 40 points of the project's declared mix."
    ), "{md}");
    assert!(!md.contains("**Warning:**"), "{md}");
    let summary = table(&sheet(&wd, "Summary"), "Cloud bills (USD)");
    let count = summary
        .iter()
        .find(|r| r[0] == "Billed mix far from the declared")
        .expect("the count");
    assert_eq!(count[1], "0");
}
