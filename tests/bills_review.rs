//! The bills feed the review: `score --bills` on the generated AI-service
//! bills of `tests/fixtures/bills/ai` (their sums are in `bills.rs`) with
//! the openpyxl intake `tests/fixtures/bills_review/intake.xlsx`, as of
//! 10 April 2026. The bills count January and February as actual (Google
//! Cloud's export stops in February, so March stays plan).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use crate::bills::cents;
use crate::common::{Workdir, fixture, path_of, project, score_bills, stderr};

/// `score --json` of `intake` with the generated AI bills (EUR at 1.1)
/// and `extra` after them; the exit code is 0: the document and stderr.
fn scored_with(wd: &Workdir, intake: &Path, extra: &[&str]) -> (Value, String) {
    wd.write("fx.csv", "EUR,1.1\n");
    let bills = path_of("bills/ai");
    let mut args = vec!["--fx", "fx.csv", "--bills", &bills];
    args.extend_from_slice(extra);
    let (code, doc, err) = score_bills(wd, intake, &args);
    assert_eq!(code, 0, "{err}");
    (doc, err)
}

/// `score --json` of the intake with the bills; the document and stderr.
fn scored(wd: &Workdir) -> (Value, String) {
    scored_with(wd, &fixture("bills_review/intake.xlsx"), &[])
}

fn month(review: &Value, m: u64) -> &Value {
    review["months"]
        .as_array()
        .and_then(|ms| ms.iter().find(|x| x["month"] == m))
        .unwrap_or_else(|| panic!("no month {m}: {review:#}"))
}

#[test]
fn billed_compute_with_on_premises_compute_added_is_the_actual_compute() {
    let wd = Workdir::new();
    let (doc, err) = scored(&wd);
    let r = &project(&doc, "FIN-001")["review"];
    assert_eq!(r["actual_months"], json!([1, 2]));
    // January: AWS 1,200 billed + 150.25 on-premises from the intake.
    let january = month(r, 1);
    assert_eq!(cents(&january["actual_compute"]), 135_025);
    let source = &january["actual_compute_source"];
    assert_eq!(source["from"], "both");
    assert_eq!(
        (cents(&source["billed"]), cents(&source["intake"])),
        (120_000, 15_025)
    );
    assert_eq!(month(r, 2)["actual_compute_source"]["from"], "bills");
    assert_eq!(cents(&month(r, 2)["actual_compute"]), 105_000);
    // 1,350.25 + 1,050 against 2 × 1,000.
    let c = &r["compute_variance"];
    assert_eq!((cents(&c["plan"]), cents(&c["actual"])), (200_000, 240_025));
    assert_eq!(cents(&c["amount"]), 40_025);
    assert_eq!(cents(&c["pct"]), 2_001); // +20.01%
    // Benefit: 4,000 + 4,500 realised against 2 × 5,000.
    assert_eq!(cents(&r["benefit_variance"]["amount"]), -150_000);
    // (8,500 + 16 × 5,000) / (2,400.25 + 16 × 1,000) = 4.81: on track.
    assert_eq!(r["on_track"], true);
    assert_eq!(r["grade"], "D");
    assert_eq!(r["total"], 50.0);
    // Why the others stay plan: March is incomplete in the bills, April
    // not over; the intake's March figures are not used.
    assert_eq!(month(r, 3)["basis"], "plan");
    assert_eq!(month(r, 3)["plan_reason"], "no charges from Google Cloud");
    assert_eq!(
        month(r, 4)["plan_reason"],
        "not ended by the as-of date 2026-04-10"
    );
    assert_eq!(
        r["notes"],
        json!([
            "the intake's actual figures for month 3 (2026-03) are not used: no charges from Google Cloud"
        ])
    );
    assert_eq!(r["bills"]["month_one"], "start_date");
    assert_eq!(r["bills"]["actual"], json!([1, 2]));
    assert!(
        err.contains(
            "airoi: bills: FIN-001: month 1 is 2026-01 (start_date); actual months: \
             1 (2026-01), 2 (2026-02); month 3 (2026-03) stays plan: no charges from Google Cloud"
        ),
        "{err}"
    );
}

#[test]
fn the_review_judges_diversification_on_the_billed_mix_and_warns() {
    let wd = Workdir::new();
    let (doc, err) = scored(&wd);
    let p = project(&doc, "FIN-002");
    let r = &p["review"];
    // Azure OpenAI EUR 1,000 and 1,100 at 1.1, plus Vertex AI 500 and 600,
    // in the run currency: 1,600 + 1,810 against 2 × 1,500.
    let c = &r["compute_variance"];
    assert_eq!((cents(&c["plan"]), cents(&c["actual"])), (300_000, 341_000));
    assert_eq!(cents(&c["amount"]), 41_000);
    // No actual benefit: the plan's, unverified.
    assert_eq!(r["unverified_benefit_months"], json!([1, 2]));
    // Declared 40/60 diversifies; billed Azure 3,410 of 4,510 (75.6%) is
    // concentrated, so the review grade falls below the plan's.
    assert_eq!(p["checks"]["diversification"]["status"], "pass");
    assert_eq!(r["checks"]["diversification"]["status"], "warn");
    assert!(
        r["checks"]["diversification"]["explanation"]
            .as_str()
            .is_some_and(
                |t| t.starts_with("On the mix billed: Azure carries 75.6% of the core AI workload")
            ),
        "{:#}",
        r["checks"]["diversification"]
    );
    assert_eq!(
        (p["grade"].as_str(), r["grade"].as_str()),
        (Some("B"), Some("C"))
    );
    let warning = "billed provider mix differs from the declared by 35.6 points: \
                   declared Azure 40 / Google Cloud 60, billed Azure 75.6 / Google Cloud 24.4";
    assert_eq!(r["bills"]["mix"][0]["warning"], warning);
    assert!(r["notes"].as_array().unwrap().contains(&json!(warning)));
    assert!(
        err.contains(&format!("airoi: bills: warning: FIN-002: {warning}")),
        "{err}"
    );
}

#[test]
fn a_project_no_bill_row_matches_keeps_its_plan_and_is_listed_and_intake_actuals_still_count() {
    let wd = Workdir::new();
    let (doc, err) = scored(&wd);
    let p = project(&doc, "FIN-007");
    assert!(p["review"].is_null(), "{:#}", p["review"]);
    assert_eq!(p["grade"], "D");
    assert_eq!(
        doc["bills"]["unmatched"],
        json!([
            {"project_id": "FIN-007", "rule": "subaccount:999"},
            {"project_id": "FIN-008", "rule": "subaccount:998"}
        ])
    );
    assert!(
        err.contains(
            "airoi: bills: FIN-007: no bill row matches `subaccount:999`; \
             it keeps its plan, with no review grade from the bills"
        ),
        "{err}"
    );
    // FIN-008 is on no bill but gives on-premises actuals: its review is
    // the intake's alone, March included (it has ended by the as-of date).
    let r = &project(&doc, "FIN-008")["review"];
    assert_eq!(r["actual_months"], json!([1, 2, 3]));
    assert!(r.get("bills").is_none(), "{r:#}");
    assert_eq!(month(r, 1)["actual_compute_source"]["from"], "intake");
    // 3 × 750 against 3 × 800.
    assert_eq!(cents(&r["compute_variance"]["amount"]), -15_000);
    assert!(
        err.contains("airoi: 3 projects with actuals: review grades C 1, D 2"),
        "{err}"
    );
}

#[test]
fn the_mix_threshold_is_a_ruleset_key_shown_and_checked() {
    let wd = Workdir::new();
    let shown = wd.run(&["rules"]);
    assert!(
        crate::common::stdout(&shown).contains("\nmix_gap_points = 15.0\n"),
        "{}",
        crate::common::stdout(&shown)
    );
    let explain = crate::common::stdout(&wd.run(&["explain", "review"]));
    assert!(
        explain.contains("diversification check is judged on the billed mix")
            && explain.contains("\"declared Azure 60 / AWS 40, billed Azure 96 /\nAWS 4\""),
        "{explain}"
    );
    let rules = wd.write("rules.toml", "[bills]\nmix_gap_points = 120\n");
    let out = wd.run(&["rules", "--rules", rules.to_str().expect("a UTF-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("key `bills.mix_gap_points`: expected a number from 0 to 100, found 120"),
        "{}",
        stderr(&out)
    );
    // A looser threshold: the 35.6-point gap of FIN-002 is no longer a warning.
    let loose = wd.write("loose.toml", "[bills]\nmix_gap_points = 40\n");
    let (doc, _) = scored_with(
        &wd,
        &fixture("bills_review/intake.xlsx"),
        &["--rules", loose.to_str().expect("a UTF-8 path")],
    );
    let mix = &project(&doc, "FIN-002")["review"]["bills"]["mix"][0];
    assert!(mix["warning"].is_null(), "{mix:#}");
    assert_eq!(
        mix["gap_points"].as_f64().map(|g| (g * 10.0).round()),
        Some(356.0)
    );
}

#[test]
fn a_streamed_run_joins_the_bills_to_projects_it_does_not_keep() {
    // More projects than the terminal table shows: they are written as they
    // pass, not kept; FIN-002 comes last.
    let wd = Workdir::new();
    let mut csv = String::from(
        "Project ID,Project Name,Start Date,Monthly Compute Cost,Monthly Benefit,\
         Benefit Metric,Providers,Interaction Pattern\n",
    );
    for i in 0..60 {
        let _ = writeln!(
            csv,
            "OPS-{i:03},Filler {i},2026-01-01,100,400,efficiency,aws,copilot"
        );
    }
    csv.push_str(
        "FIN-002,Contract reader,2026-01-01,1500,6000,efficiency,azure:40; gcp:60,copilot\n",
    );
    let intake = wd.write("intake.csv", csv);
    let (doc, err) = scored_with(&wd, &intake, &[]);
    let r = &project(&doc, "FIN-002")["review"];
    assert_eq!(r["actual_months"], json!([1, 2]));
    assert_eq!(cents(&r["compute_variance"]["actual"]), 341_000);
    assert_eq!(r["grade"], "C");
    assert!(
        err.contains("airoi: bills: warning: FIN-002: billed provider mix differs"),
        "{err}"
    );
}
