//! The performance review through the real binary: an openpyxl workbook
//! whose `CashFlows` sheet gives actual compute and benefit per month
//! (`tests/fixtures/actuals/actuals.xlsx`), graded as of the end of March
//! 2026: the review grade beside the plan's, the variances to the cent,
//! on track for 3:1 under each re-forecast, the Actuals sheet, the summary
//! line and `explain review`.

use calamine::{Data, Reader};
use serde_json::Value;

use crate::common::{Workdir, fixture, project, root, score_json, stderr, stdout};

const AS_OF: &str = "2026-03-31";

fn scored(wd: &Workdir, rules: Option<&str>) -> Value {
    let input = fixture("actuals/actuals.xlsx");
    let input = input.to_str().expect("a UTF-8 path");
    let mut inputs = vec![input];
    let path;
    if let Some(text) = rules {
        path = wd.write("rules.toml", text);
        inputs.extend(["--rules", path.to_str().expect("a UTF-8 path")]);
    }
    let (code, json) = score_json(wd, AS_OF, &inputs);
    assert_eq!(code, 0, "{json:#}");
    json
}

fn cents(value: &Value) -> i64 {
    let x = value
        .as_f64()
        .unwrap_or_else(|| panic!("a number: {value}"));
    (x * 100.0).round() as i64
}

#[test]
fn a_project_ahead_of_plan_shows_its_variance_to_the_cent() {
    let wd = Workdir::new();
    let json = scored(&wd, None);
    let p = project(&json, "ACT-AHEAD");
    let r = &p["review"];
    assert_eq!(
        (p["grade"].as_str(), r["grade"].as_str()),
        (Some("A"), Some("A"))
    );
    assert_eq!(r["actual_months"], serde_json::json!([1, 2, 3]));
    // 9,500.50 + 9,750.25 + 10,100.10 against 3 × 10,000.
    let c = &r["compute_variance"];
    assert_eq!(
        (cents(&c["plan"]), cents(&c["actual"])),
        (3_000_000, 2_935_085)
    );
    assert_eq!(cents(&c["amount"]), -64_915);
    assert_eq!(cents(&c["pct"]), -216); // -2.16%
    // 45,000.25 + 41,000.10 + 43,500.00 against 3 × 40,000.
    let b = &r["benefit_variance"];
    assert_eq!(cents(&b["amount"]), 950_035);
    assert_eq!(cents(&b["pct"]), 792); // +7.92%
    assert_eq!(r["on_track"], true);
    // (129,500.35 + 15 × 40,000) / (29,350.85 + 15 × 10,000)
    let ratio = r["ratio"].as_f64().unwrap_or_default();
    assert!((ratio - 729_500.35 / 179_350.85).abs() < 1e-12, "{ratio}");
    assert_eq!(r["months"][0]["actual_compute"], 9500.5);
    assert_eq!(r["months"][0]["actual_compute_source"]["from"], "intake");
    assert_eq!(r["months"].as_array().map(Vec::len), Some(18));
}

#[test]
fn a_project_behind_plan_falls_below_3_to_1_under_run_rate_only() {
    let wd = Workdir::new();
    let plan = scored(&wd, None);
    let r = &project(&plan, "ACT-BEHIND")["review"];
    assert_eq!(r["reforecast"], "plan");
    assert_eq!(r["on_track"], true);
    // 690,000 / 186,000
    let ratio = r["ratio"].as_f64().unwrap_or_default();
    assert!((ratio - 690_000.0 / 186_000.0).abs() < 1e-12, "{ratio}");
    assert_eq!(cents(&r["compute_variance"]["amount"]), 600_000);
    assert_eq!(r["compute_variance"]["pct"], 20.0);
    assert_eq!(cents(&r["benefit_variance"]["amount"]), -3_000_000);
    assert_eq!(r["benefit_variance"]["pct"], -25.0);

    let wd = Workdir::new();
    let run_rate = scored(&wd, Some("reforecast = \"run_rate\"\n"));
    let p = project(&run_rate, "ACT-BEHIND");
    let r = &p["review"];
    assert_eq!(r["run_rate"]["compute"], 1.2);
    assert_eq!(r["run_rate"]["benefit"], 0.75);
    assert_eq!(r["ratio"], 2.5);
    assert_eq!(r["on_track"], false);
    // 2.5:1 warns (score 83.3) and the gate caps the review grade at B;
    // the plan's grade is the plan's.
    assert_eq!(r["checks"]["roi"]["status"], "warn");
    assert_eq!(r["checks"]["roi"]["score"], 83.3);
    assert_eq!(r["grade"], "B");
    assert_eq!(r["gate"]["key"], "max_grade_if_warn");
    assert_eq!(p["grade"], "A");
    assert_eq!(r["months"][17]["basis"], "run_rate");
}

#[test]
fn actual_compute_alone_leaves_the_benefit_unverified() {
    let wd = Workdir::new();
    let json = scored(&wd, None);
    let p = project(&json, "ACT-COMPUTE");
    let r = &p["review"];
    assert_eq!(p["checks"]["roi"]["cash_flows_used"], true);
    assert_eq!(r["actual_months"], serde_json::json!([1, 2]));
    assert_eq!(r["unverified_benefit_months"], serde_json::json!([1, 2]));
    assert_eq!(r["benefit_variance"], Value::Null);
    assert_eq!(cents(&r["compute_variance"]["amount"]), 200_000);
    assert_eq!(r["compute_variance"]["pct"], 10.0);
    assert_eq!(r["months"][0]["benefit"], 35_000.0);
    assert_eq!(r["months"][0]["actual_benefit"], Value::Null);
    // 18 × 35,000 / (2 × 11,000 + 16 × 10,000) = 3.46:1: still on track.
    let ratio = r["ratio"].as_f64().unwrap_or_default();
    assert!((ratio - 630_000.0 / 182_000.0).abs() < 1e-12, "{ratio}");
    assert_eq!(r["on_track"], true);
}

#[test]
fn no_month_ended_by_the_as_of_date_gives_no_review_grade() {
    let wd = Workdir::new();
    let json = scored(&wd, None);
    let r = &project(&json, "ACT-LATER")["review"];
    assert_eq!(r["grade"], Value::Null);
    assert_eq!(r["on_track"], Value::Null);
    assert_eq!(r["actual_months"], serde_json::json!([]));
    assert_eq!(
        r["notes"][0],
        "actual figures for month 1 (2026-04) are not used: not ended by the as-of date 2026-03-31"
    );
    // A project without actual figures has no review at all.
    assert_eq!(project(&json, "ACT-PLAN")["review"], Value::Null);
}

#[test]
fn the_workbook_gets_an_actuals_sheet_and_the_summary_a_review_line() {
    let wd = Workdir::new();
    let input = fixture("actuals/actuals.xlsx");
    let out = wd.run(&[
        "score",
        "--as-of",
        AS_OF,
        "-o",
        "graded.xlsx",
        input.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "airoi: 4 projects with actuals: review grades A 3; 3 on track for 3:1 by month 18, 0 not; 1 with no actual month yet"
        ),
        "{}",
        stderr(&out)
    );
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(wd.path("graded.xlsx")).expect("the workbook");
    let names = book.sheet_names();
    let cash_flows = names.iter().position(|n| n == "Cash flows");
    let actuals = names.iter().position(|n| n == "Actuals");
    assert!(actuals > cash_flows && cash_flows.is_some(), "{names:?}");
    let sheet = book.worksheet_range("Actuals").expect("the Actuals sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    // Three lines of legend, then the titles.
    assert!(
        matches!(&rows[0][0], Data::String(s) if s.starts_with("Basis: actual = ")),
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[3][5], Data::String("Note".into()));
    assert_eq!(rows[3][8], Data::String("Compute Variance".into()));
    // ACT-AHEAD's month 1: plan 10,000, actual 9,500.50, variance -499.50.
    let first = rows[4];
    assert_eq!(first[0], Data::String("ACT-AHEAD".into()));
    assert_eq!(first[3], Data::String("2026-01".into()));
    assert_eq!(first[4], Data::String("actual".into()));
    assert_eq!(first[5], Data::Empty);
    assert_eq!(first[6], Data::Float(10_000.0));
    assert_eq!(first[7], Data::Float(9_500.5));
    assert_eq!(first[8], Data::Float(-499.5));
    // Three projects with actual months, 18 months each.
    assert_eq!(rows.len(), 4 + 3 * 18);
    // A run without actual figures has no Actuals sheet.
    let sample = root().join("samples/portfolio.xlsx");
    let out = wd.run(&[
        "score",
        "--as-of",
        AS_OF,
        "-q",
        "-o",
        "plan.xlsx",
        sample.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("plan.xlsx")).expect("plan");
    assert!(!book.sheet_names().iter().any(|n| n == "Actuals"));
}

#[test]
fn explain_review_gives_the_formulas_and_the_setting_in_force() {
    let wd = Workdir::new();
    let out = wd.run(&["explain", "review"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for words in [
        "Replacement: in each actual month the actual figure replaces the plan's.",
        "run rate = Σ actual ÷ Σ plan over the last",
        "Variance: Σ actual - Σ plan over the months that give the",
        "reforecast = \"plan\"",
    ] {
        assert!(text.contains(words), "{words:?} not in:\n{text}");
    }
}

#[test]
fn actuals_without_a_start_date_are_said_to_need_one() {
    let wd = Workdir::new();
    wd.write(
        "projects.csv",
        "project_id,project_name,monthly_compute_cost,monthly_benefit,benefit_metric,providers,interaction_pattern\n\
         NS-1,No start date,10000,40000,efficiency,azure:60; aws:40,workflow_agent\n",
    );
    wd.write(
        "actuals.csv",
        "project_id,month,actual_compute,actual_benefit\nNS-1,1,12000,30000\n",
    );
    let (code, json) = score_json(&wd, AS_OF, &["projects.csv", "actuals.csv"]);
    assert_eq!(code, 0, "{json:#}");
    let p = project(&json, "NS-1");
    // The plan stays the money fields': actual figures alone are no plan.
    assert_eq!(p["checks"]["roi"]["cash_flows_used"], false);
    assert_eq!(p["checks"]["roi"]["ratio"], 4.0);
    let r = &p["review"];
    assert_eq!(r["grade"], Value::Null);
    assert_eq!(
        r["notes"][0],
        "actual figures are given but no start_date: without the calendar month of month 1 \
         no month can be placed in time, so none counts as actual; give the project a start_date"
    );
}
