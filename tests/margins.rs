//! Margins of safety and the fragile flag through the real binary: the
//! spec's worked example (FIN-001 in the sample), what a failing project
//! needs, the sample's fragile projects and their reasons, a delay of
//! explicit cash flows, the ruleset keys, and margins rounded toward zero
//! wherever people read them.

use serde_json::Value;

use crate::common::{Workdir, project, run_at_root, score_json_at_root, stderr, stdout};

const AS_OF: &str = "2026-01-31";

/// `score --json` from the repository root: the document.
fn scored(wd: &Workdir, extra: &[&str]) -> Value {
    score_json_at_root(wd, AS_OF, extra).1
}

fn pct(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

#[test]
fn worked_example_margins_match_the_spec() {
    let wd = Workdir::new();
    let json = scored(&wd, &["samples/portfolio.csv"]);
    let m = &project(&json, "FIN-001")["margins"];
    assert_eq!(m["reason"], Value::Null);
    assert!(
        (pct(&m["benefit_shortfall_to_warn_pct"]) - 26.875).abs() < 1e-9,
        "{m}"
    );
    assert!(
        (pct(&m["benefit_shortfall_to_fail_pct"]) - 51.25).abs() < 1e-9,
        "{m}"
    );
    assert_eq!(
        format!("{:.3}", pct(&m["compute_overrun_to_warn_pct"])),
        "36.752"
    );
    assert_eq!(
        format!("{:.3}", pct(&m["compute_overrun_to_fail_pct"])),
        "105.128"
    );
    // 4 months late it still passes (3.08:1), 5 months late it warns (2.82:1).
    assert_eq!(m["delay_months_to_warn"], 5);
    assert_eq!(m["delay_months_to_fail"], 9);
    assert_eq!(m["needs"], Value::Null);
    assert_eq!(m["fragile"]["is"], false);
    assert_eq!(m["fragile"]["reasons"], serde_json::json!([]));
}

#[test]
fn a_failing_project_says_what_it_needs() {
    let wd = Workdir::new();
    let json = scored(&wd, &["samples/portfolio.csv"]);
    let leg = project(&json, "LEG-005");
    assert_eq!(leg["checks"]["roi"]["status"], "fail");
    let r = pct(&leg["checks"]["roi"]["ratio"]);
    let m = &leg["margins"];
    let needs = &m["needs"];
    let close = |v: &Value, want: f64| (pct(v) - want).abs() < 1e-9 * want.max(1.0);
    assert!(
        close(
            &needs["benefit_increase_to_warn_pct"],
            100.0 * (2.0 / r - 1.0)
        ),
        "{needs}"
    );
    assert!(
        close(
            &needs["benefit_increase_to_pass_pct"],
            100.0 * (3.0 / r - 1.0)
        ),
        "{needs}"
    );
    assert!(
        close(&needs["compute_cut_to_warn_pct"], 100.0 * (1.0 - r / 2.0)),
        "{needs}"
    );
    assert!(
        close(&needs["compute_cut_to_pass_pct"], 100.0 * (1.0 - r / 3.0)),
        "{needs}"
    );
    for margin in ["benefit_shortfall_to_fail_pct", "delay_months_to_fail"] {
        assert_eq!(m[margin], Value::Null, "{margin}");
    }
    // A warning project needs only the pass, and keeps its margin to fail.
    let mkt = &project(&json, "MKT-004")["margins"];
    assert_eq!(mkt["needs"]["benefit_increase_to_warn_pct"], Value::Null);
    assert!(pct(&mkt["needs"]["benefit_increase_to_pass_pct"]) > 0.0);
    assert!(pct(&mkt["benefit_shortfall_to_fail_pct"]) > 0.0);
    assert_eq!(mkt["benefit_shortfall_to_warn_pct"], Value::Null);
}

#[test]
fn projects_without_margins_say_why() {
    let wd = Workdir::new();
    let json = scored(&wd, &["samples/portfolio.csv"]);
    for (id, why) in [
        ("HR-003", "the benefit is not quantified"),
        ("RND-008", "no compute spend was given"),
    ] {
        let m = &project(&json, id)["margins"];
        let reason = m["reason"].as_str().unwrap_or_default();
        assert!(reason.starts_with(why), "{id}: {reason}");
        assert_eq!(m["benefit_shortfall_to_fail_pct"], Value::Null, "{id}");
        assert_eq!(m["needs"], Value::Null, "{id}");
    }
}

/// The sample's fragile projects, each with its reason codes.
fn fragile(json: &Value) -> Vec<(String, Vec<String>)> {
    json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter(|p| p["margins"]["fragile"]["is"] == true)
        .map(|p| {
            let codes = p["margins"]["fragile"]["reasons"]
                .as_array()
                .expect("reasons")
                .iter()
                .map(|r| r["code"].as_str().unwrap_or_default().to_owned())
                .collect();
            (
                p["project_id"].as_str().unwrap_or_default().to_owned(),
                codes,
            )
        })
        .collect()
}

#[test]
fn the_sample_flags_its_fragile_projects_with_reasons() {
    let wd = Workdir::new();
    let json = scored(&wd, &["samples/portfolio.csv"]);
    let both = vec!["benefit_move".to_owned(), "compute_move".to_owned()];
    assert_eq!(
        fragile(&json),
        [
            ("OPS-002".to_owned(), both.clone()),
            ("MKT-004".to_owned(), vec!["grade_band".to_owned()]),
            ("CS-006".to_owned(), both),
            ("SAL-010".to_owned(), vec!["benefit_move".to_owned()]),
        ]
    );
    // SAL-010 holds its warning to 13.235…% less benefit: shown 13.2%.
    let sal = &project(&json, "SAL-010")["margins"];
    assert_eq!(
        format!("{:.3}", pct(&sal["benefit_shortfall_to_fail_pct"])),
        "13.235"
    );
    assert_eq!(
        sal["fragile"]["reasons"][0]["text"],
        "15% less benefit turns the ROI check from warn to fail (it holds up to 13.2% less)"
    );
    assert_eq!(
        project(&json, "MKT-004")["margins"]["fragile"]["reasons"][0]["text"],
        "the total 55.3 is within 2 points of the C band at 55"
    );
}

#[test]
fn score_names_the_fragile_projects_after_the_table() {
    let wd = Workdir::new();
    let graded = wd.path("graded.xlsx");
    let out = run_at_root(&[
        "score",
        "--as-of",
        AS_OF,
        "-o",
        graded.to_str().expect("a UTF-8 temp path"),
        "samples/portfolio.csv",
    ]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "airoi: 4 projects fragile: OPS-002 (benefit, compute), MKT-004 (grade band), \
             CS-006 (benefit, compute), SAL-010 (benefit); see `airoi explain confidence`\n"
        ),
        "{err}"
    );
    // The line comes before the run's summary, and the table is untouched.
    let fragile_at = err.find("projects fragile").unwrap_or(usize::MAX);
    assert!(
        fragile_at < err.find("projects scored").unwrap_or(0),
        "{err}"
    );
    let table = stdout(&out);
    assert!(table.starts_with("ID  "), "{table}");
    assert!(!table.contains("fragile"), "{table}");
}

#[test]
fn a_delay_of_explicit_cash_flows_moves_the_benefit_column() {
    let wd = Workdir::new();
    let json = scored(
        &wd,
        &["samples/portfolio.csv", "samples/portfolio.cashflows.csv"],
    );
    let fin = project(&json, "FIN-009");
    assert_eq!(fin["checks"]["roi"]["cash_flows_used"], true);
    assert_eq!(fin["checks"]["roi"]["status"], "warn");
    // By hand from the cash-flows file: delayed d months, months 1..18
    // hold the benefit of months 1..18 - d; compute stays.
    let text =
        std::fs::read_to_string(crate::common::root().join("samples/portfolio.cashflows.csv"))
            .expect("the sample's cash flows");
    let (mut compute, mut benefit) = ([0.0; 19], [0.0; 19]);
    for line in text.lines().skip(1).filter(|l| l.starts_with("FIN-009,")) {
        let cells: Vec<f64> = line
            .split(',')
            .skip(1)
            .map(|c| c.parse().unwrap_or(0.0))
            .collect();
        let month = cells[0] as usize;
        if month <= 18 {
            compute[month] += cells[1];
            benefit[month] += cells[2];
        }
    }
    let c: f64 = compute.iter().sum();
    let fails = (1..=18)
        .find(|d| benefit[..=18 - d].iter().sum::<f64>() / c < 2.0 - 2e-9)
        .expect("some delay fails");
    assert_eq!(fin["margins"]["delay_months_to_fail"], fails);
    assert_eq!(fin["margins"]["delay_months_to_warn"], Value::Null);
}

#[test]
fn explain_confidence_gives_the_formulas_and_rounds_toward_zero() {
    let out = run_at_root(&["explain", "confidence"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for want in [
        "benefit shortfall to warn = 1 - t / r",
        "compute overrun to fail = r / w - 1",
        "falls 26.875% (to exactly 3:1; shown 26.8%)",
        "rises 36.752% (shown\n36.7%)",
        "105.128% more compute (shown 105.1%)",
        "5 months late it warns (550,000 / 195,000 =\n2.82:1)",
        "  confidence.fragile_move_pct = 15\n",
        "  confidence.fragile_band_points = 2\n",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
}

#[test]
fn the_fragile_move_is_a_ruleset_key() {
    let wd = Workdir::new();
    let rules = wd.write("wide.toml", "[confidence]\nfragile_move_pct = 40\n");
    let rules = rules.to_str().expect("a UTF-8 temp path");
    let json = scored(&wd, &["--rules", rules, "samples/portfolio.csv"]);
    // 40% less benefit takes FIN-001 from 4.10:1 to 2.46:1: a warning.
    let reasons = &project(&json, "FIN-001")["margins"]["fragile"]["reasons"];
    assert_eq!(
        reasons[0]["text"],
        "40% less benefit turns the ROI check from pass to warn (it holds up to 26.8% less)"
    );
    let shown = run_at_root(&["rules", "--rules", rules]);
    assert!(
        stdout(&shown)
            .contains("[confidence]\nfragile_move_pct = 40.0\nfragile_band_points = 2.0\n")
    );
    let explained = run_at_root(&["explain", "confidence", "--rules", rules]);
    assert!(stdout(&explained).contains("  confidence.fragile_move_pct = 40\n"));

    let bad = wd.write("bad.toml", "[confidence]\nfragile_move_pct = 150\n");
    let out = run_at_root(&["rules", "--rules", bad.to_str().expect("a UTF-8 temp path")]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "key `confidence.fragile_move_pct`: expected a number from 0 to 100, found 150"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn verify_names_margins_an_older_output_lacks_once() {
    let wd = Workdir::new();
    let mut json = scored(&wd, &["samples/portfolio.csv"]);
    for p in json["projects"].as_array_mut().expect("projects") {
        p.as_object_mut().expect("a project").remove("margins");
    }
    let old = wd.write(
        "old.json",
        serde_json::to_string_pretty(&json).expect("JSON"),
    );
    let out = run_at_root(&["verify", old.to_str().expect("a UTF-8 temp path")]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().skip(1).map(str::trim_start).collect();
    assert!(text.contains("NOT reproduced"), "{text}");
    assert_eq!(
        lines,
        ["projects[].margins: not in the output (written by an earlier airoi?)"],
        "{text}"
    );
}
