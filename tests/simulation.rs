//! The simulated odds of 3:1 through the real binary: the sample's figures
//! reproduced across runs and across an added project, `--no-simulation`
//! and `--seed`, the intake's three-point estimates and the "assumed
//! ranges" wording, the console line, the ruleset keys, `explain
//! confidence`, and the Odds sheet's native chart.

use serde_json::Value;

use crate::common::{Workdir, project, run_at_root, stderr, stdout, zip_entry};

const AS_OF: &str = "2026-01-31";

/// `score` of `inputs` (paths as given) with `extra` flags, run from the
/// repository root, writing into `wd`: the document and stderr.
fn scored(wd: &Workdir, inputs: &[&str], extra: &[&str]) -> (Value, String) {
    let json = wd.path("scores.json");
    let graded = wd.path("graded.xlsx");
    let csv = wd.path("scores.csv");
    let mut args = vec![
        "score",
        "--as-of",
        AS_OF,
        "-o",
        graded.to_str().expect("a UTF-8 temp path"),
        "--json",
        json.to_str().expect("a UTF-8 temp path"),
        "--csv",
        csv.to_str().expect("a UTF-8 temp path"),
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(inputs);
    let out = run_at_root(&args);
    let text = std::fs::read_to_string(&json)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", stderr(&out)));
    (
        serde_json::from_str(&text).expect("valid JSON"),
        stderr(&out),
    )
}

/// Each project's `simulation`, by id.
fn odds(json: &Value) -> Vec<(String, Value)> {
    json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| {
            (
                p["project_id"].as_str().expect("an id").to_owned(),
                p["simulation"].clone(),
            )
        })
        .collect()
}

/// The sample CSV with `rows` appended.
fn sample_with(wd: &Workdir, name: &str, header_extra: &str, rows: &[&str]) -> String {
    let sample = std::fs::read_to_string(crate::common::root().join("samples/portfolio.csv"))
        .expect("the sample");
    let mut lines = sample.lines();
    let mut text = format!("{}{header_extra}\n", lines.next().expect("a header"));
    let pad = header_extra.matches(',').count();
    for line in lines {
        text.push_str(line);
        text.push_str(&",".repeat(pad));
        text.push('\n');
    }
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    wd.write(name, text).display().to_string()
}

#[test]
fn the_samples_odds_reproduce_across_runs_and_an_added_project() {
    let (a, b) = (Workdir::new(), Workdir::new());
    let (first, err) = scored(&a, &["samples/portfolio.csv"], &[]);
    let (again, _) = scored(&b, &["samples/portfolio.csv"], &[]);
    assert_eq!(odds(&first), odds(&again));
    assert_eq!(first["simulation"], again["simulation"]);
    let fin = &project(&first, "FIN-001")["simulation"];
    assert_eq!(fin["draws"], 10_000);
    assert_eq!(fin["ranges"]["assumed"], true);
    assert_eq!(fin["ranges"]["benefit_low"], 0.6);
    assert_eq!(fin["ranges"]["compute_high"], 1.3);
    let p = fin["p_target"].as_f64().expect("p");
    assert!(
        p > 0.5 && p < 1.0,
        "FIN-001 at 4.10:1 mostly reaches 3:1: {p}"
    );
    let (p10, p50, p90) = (
        fin["p10"].as_f64().expect("p10"),
        fin["p50"].as_f64().expect("p50"),
        fin["p90"].as_f64().expect("p90"),
    );
    assert!(p10 < p50 && p50 < p90 && p50 < 4.1, "{p10} {p50} {p90}");
    // A project without a quantified benefit is not drawn.
    assert_eq!(project(&first, "HR-003")["simulation"], Value::Null);
    let run = &first["simulation"];
    assert_eq!(
        (run["seed"].as_u64(), run["draws"].as_u64()),
        (Some(17), Some(10_000))
    );
    let sum: f64 = odds(&first)
        .iter()
        .filter_map(|(_, o)| o["p_target"].as_f64())
        .sum();
    let expected = run["expected_validated"].as_f64().expect("expected");
    assert!((expected - sum).abs() < 1e-9, "{expected} vs Σ {sum}");
    assert!(
        err.contains(&format!(
            "airoi: expected validated projects: {:.1} (P10–P90 {}–{})",
            expected, run["validated_p10"], run["validated_p90"]
        )),
        "{err}"
    );

    let c = Workdir::new();
    let fin_row = std::fs::read_to_string(crate::common::root().join("samples/portfolio.csv"))
        .expect("the sample")
        .lines()
        .find(|l| l.starts_with("FIN-001,"))
        .expect("FIN-001's row")
        .replacen("FIN-001", "NEW-100", 1);
    let grown = sample_with(&c, "grown.csv", "", &[&fin_row]);
    let (more, _) = scored(&c, &[&grown], &[]);
    let before = odds(&first);
    let after = odds(&more);
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        &after[..before.len()],
        &before[..],
        "an added project moved others' odds"
    );
    // The same figures under another id draw another stream.
    assert_ne!(after.last().expect("NEW-100").1["p50"], fin["p50"]);
}

#[test]
fn no_simulation_leaves_no_odds_and_a_seed_moves_them() {
    let wd = Workdir::new();
    let (off, err) = scored(&wd, &["samples/portfolio.csv"], &["--no-simulation"]);
    assert_eq!(off["simulation"], Value::Null);
    assert!(odds(&off).iter().all(|(_, o)| o.is_null()));
    assert!(!err.contains("expected validated"), "{err}");
    let book = wd.path("graded.xlsx");
    assert!(!zip_entry(&book, "xl/workbook.xml").contains("name=\"Odds\""));
    let csv = std::fs::read_to_string(wd.path("scores.csv")).expect("the CSV");
    assert!(!csv.contains("assumed ranges"));

    let (base, _) = scored(&Workdir::new(), &["samples/portfolio.csv"], &[]);
    let (seeded, _) = scored(&wd, &["samples/portfolio.csv"], &["--seed", "5"]);
    assert_eq!(seeded["simulation"]["seed"], 5);
    assert_ne!(
        project(&seeded, "FIN-001")["simulation"]["p50"],
        project(&base, "FIN-001")["simulation"]["p50"]
    );
    // Kept in the run record's ruleset, so `verify` draws the same odds.
    assert!(
        seeded["run"]["ruleset"]["overrides"]
            .as_array()
            .expect("overrides")
            .iter()
            .any(|k| k == "simulation.seed")
    );
    let out = run_at_root(&["verify", wd.path("scores.json").to_str().expect("UTF-8")]);
    assert!(
        stdout(&out).contains("reproduced exactly"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn the_intakes_three_point_estimates_set_the_ranges() {
    let wd = Workdir::new();
    let sample = std::fs::read_to_string(crate::common::root().join("samples/portfolio.csv"))
        .expect("the sample");
    let mut text = String::new();
    for (i, line) in sample.lines().enumerate() {
        text.push_str(line);
        text.push_str(match (i, line.starts_with("FIN-001,")) {
            (0, _) => ",Benefit Low (USD),Benefit High (USD),Compute Low (USD),Compute High (USD)",
            (_, true) => ",45000,55000,9500,11000",
            _ => ",,,,",
        });
        text.push('\n');
    }
    let path = wd.write("ranges.csv", text).display().to_string();
    let (json, _) = scored(&wd, &[&path], &[]);
    let fin = &project(&json, "FIN-001")["simulation"];
    assert_eq!(fin["ranges"]["benefit_low"], 0.9);
    assert_eq!(fin["ranges"]["benefit_high"], 1.1);
    assert_eq!(fin["ranges"]["compute_low"], 0.95);
    assert_eq!(fin["ranges"]["compute_high"], 1.1);
    assert_eq!(fin["ranges"]["assumed"], false);
    // 45,000 / (10,000 · 1.1) at worst over the ramp: still above 3:1.
    assert_eq!(fin["p_target"], 1.0);
    assert_eq!(
        project(&json, "OPS-002")["simulation"]["ranges"]["assumed"],
        true
    );
    let mut rows = csv::Reader::from_path(wd.path("scores.csv")).expect("the CSV");
    let headers = rows.headers().expect("a header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (p, spread, ranges) = (col("P(3:1)"), col("Ratio P10–P90"), col("Odds Ranges"));
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("a row")).collect();
    assert_eq!(&records[0][p], "100");
    assert_eq!(&records[0][ranges], "intake estimates");
    assert!(records[0][spread].contains('–'));
    assert_eq!(&records[1][ranges], "assumed ranges");
}

#[test]
fn a_low_above_the_likely_value_is_refused_at_its_cell() {
    let wd = Workdir::new();
    let path = sample_with(
        &wd,
        "bad.csv",
        ",Benefit Low,Compute High",
        &[
            "X-1,Bad range,Finance,A,pilot,2026-01-01,0,1000,0%,5000,1,0,efficiency,aws:100,,\
           copilot,no,no,0,none,no,CC,n,6000,900",
        ],
    );
    let (json, err) = scored(&wd, &[&path], &[]);
    assert!(
        err.contains("bad.csv:bad!X15: benefit_low: 6,000 is above monthly_benefit (5,000)"),
        "{err}"
    );
    assert!(
        err.contains("bad!Y15: compute_high: 900 is below monthly_compute_cost (1,000)"),
        "{err}"
    );
    assert!(
        json["projects"]
            .as_array()
            .expect("projects")
            .iter()
            .all(|p| p["project_id"] != "X-1")
    );
}

#[test]
fn the_ruleset_shows_and_checks_the_simulation_keys() {
    let out = run_at_root(&["rules"]);
    let text = stdout(&out);
    assert!(text.contains("[simulation]\nbenefit_low_pct = -40.0\nbenefit_high_pct = 20.0\ncompute_low_pct = -10.0\ncompute_high_pct = 30.0\ndraws = 10000\nseed = 17\n"), "{text}");
    let wd = Workdir::new();
    let rules = wd.write("r.toml", "[simulation]\nbenefit_low_pct = 10.0\n");
    let out = wd.run(&["rules", "--rules", rules.to_str().expect("UTF-8")]);
    assert!(
        stderr(&out).contains("key `simulation.benefit_low_pct`: expected a number from -100"),
        "{}",
        stderr(&out)
    );
    let out = run_at_root(&["explain", "confidence"]);
    let text = stdout(&out);
    for needle in [
        "THE ODDS OF REACHING THE TARGET",
        "ratio = (B_actual + B * mb) / (C_actual + C * mc)",
        "m = low + sqrt(u (high - low)(mode - low))",
        "simulation.draws = 10,000",
        "simulation.seed = 17",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
}

#[test]
fn the_workbook_charts_the_odds_against_compute_spend() {
    let wd = Workdir::new();
    scored(&wd, &["samples/portfolio.csv"], &[]);
    let book = wd.path("graded.xlsx");
    assert!(zip_entry(&book, "xl/workbook.xml").contains("name=\"Odds\""));
    let charts: Vec<String> = (1..=8)
        .map(|n| format!("xl/charts/chart{n}.xml"))
        .filter(|name| {
            std::fs::File::open(&book)
                .ok()
                .and_then(|f| zip::ZipArchive::new(f).ok())
                .is_some_and(|mut z| z.by_name(name).is_ok())
        })
        .map(|name| zip_entry(&book, &name))
        .collect();
    let odds = charts
        .iter()
        .find(|xml| xml.contains("Probability of 3:1 against compute spend"))
        .expect("the odds chart");
    assert!(odds.contains("<c:scatterChart>"));
    // x: Scores' compute column; y: its P(3:1) column; points named by id.
    assert!(odds.contains("Scores!$N$2:$N$13"), "{odds}");
    assert!(odds.contains("Scores!$W$2:$W$13"), "{odds}");
    assert!(odds.contains("FIN-001"));
}
