//! The tornado's delay and growth swings are the ruleset's own
//! (`confidence.tornado_delay_months`, `confidence.tornado_growth_points`):
//! the scenarios a run chooses leave every tornado as it is, the keys move
//! it to the recomputed value, and a bad value is refused by key.

use serde_json::Value;

use crate::common::{Workdir, project, run_at_root, score_json_at_root, stderr, stdout};

/// `score --json` on the sample CSV from the repository root: the document.
fn scored(wd: &Workdir, extra: &[&str]) -> Value {
    let mut args = vec!["--no-simulation"];
    args.extend_from_slice(extra);
    args.push("samples/portfolio.csv");
    score_json_at_root(wd, "2026-01-31", &args).1
}

/// Every project's tornado, in order.
fn tornadoes(json: &Value) -> Vec<Value> {
    json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| p["margins"]["tornado"].clone())
        .collect()
}

/// The swing of one input in a project's tornado.
fn swing<'a>(json: &'a Value, id: &str, input: &str) -> &'a Value {
    project(json, id)["margins"]["tornado"]["swings"]
        .as_array()
        .expect("swings")
        .iter()
        .find(|s| s["input"] == input)
        .unwrap_or_else(|| panic!("{id} has no {input} swing"))
}

#[test]
fn the_scenarios_chosen_leave_every_tornado_as_it_is() {
    let wd = Workdir::new();
    let all = scored(&wd, &[]);
    // The defaults: 3 months late, growth ± 1 point (OPS-002 grows 1%).
    let late = swing(&all, "FIN-001", "benefit_delay");
    assert_eq!(
        (late["low"].as_f64(), late["high"].as_f64()),
        (Some(0.0), Some(3.0))
    );
    let grown = swing(&all, "OPS-002", "compute_growth");
    assert_eq!(
        (grown["low"].as_f64(), grown["high"].as_f64()),
        (Some(0.0), Some(2.0))
    );

    let none = scored(&wd, &["--no-scenarios"]);
    assert_eq!(tornadoes(&none), tornadoes(&all));
    let one = scored(&wd, &["--scenario", "compute_up"]);
    assert_eq!(tornadoes(&one), tornadoes(&all));
    // A scenario 9 months late with 5 points of growth is a scenario only.
    let rules = wd.write(
        "harsh.toml",
        "[[scenarios]]\nname = \"harsh\"\nlabel = \"harsh\"\n\
         benefit_delay_months = 9\ngrowth_points = 5.0\n",
    );
    let harsh = scored(
        &wd,
        &["--rules", rules.to_str().expect("a UTF-8 temp path")],
    );
    assert_eq!(tornadoes(&harsh), tornadoes(&all));
}

#[test]
fn the_ruleset_keys_move_the_tornado_to_the_recomputed_swing() {
    let wd = Workdir::new();
    let rules = wd.write(
        "tornado.toml",
        "[confidence]\ntornado_delay_months = 5\ntornado_growth_points = 2.0\n",
    );
    let rules = rules.to_str().expect("a UTF-8 temp path");
    let json = scored(&wd, &["--rules", rules]);
    // FIN-001 five months late: 550,000 of benefit on 195,000 of compute.
    let late = swing(&json, "FIN-001", "benefit_delay");
    assert_eq!(late["high"].as_f64(), Some(5.0));
    let ratio = late["ratio_at_high"].as_f64().expect("a ratio");
    assert!((ratio - 550_000.0 / 195_000.0).abs() < 1e-9, "{ratio}");
    // OPS-002's 1% growth swung ± 2 points, further than ± 1.
    let grown = swing(&json, "OPS-002", "compute_growth");
    assert_eq!(
        (grown["low"].as_f64(), grown["high"].as_f64()),
        (Some(-1.0), Some(3.0))
    );
    let default = scored(&wd, &[]);
    let before = swing(&default, "OPS-002", "compute_growth");
    assert!(grown["ratio_at_high"].as_f64() < before["ratio_at_high"].as_f64());

    let shown = stdout(&run_at_root(&["rules", "--rules", rules]));
    assert!(
        shown.contains("tornado_delay_months = 5\ntornado_growth_points = 2.0\n"),
        "{shown}"
    );
    let explained = stdout(&run_at_root(&["explain", "confidence", "--rules", rules]));
    assert!(
        explained.contains("  confidence.tornado_delay_months = 5\n"),
        "{explained}"
    );
    assert!(
        explained.contains("  confidence.tornado_growth_points = 2\n"),
        "{explained}"
    );
}

#[test]
fn a_tornado_setting_outside_its_range_is_refused_by_key() {
    let wd = Workdir::new();
    for (text, message) in [
        (
            "[confidence]\ntornado_delay_months = 0\n",
            "key `confidence.tornado_delay_months`: expected a whole number of months from 1 \
             to the horizon (18), found 0",
        ),
        (
            "[confidence]\ntornado_delay_months = 19\n",
            "key `confidence.tornado_delay_months`: expected a whole number of months from 1 \
             to the horizon (18), found 19",
        ),
        (
            "[confidence]\ntornado_growth_points = 0.0\n",
            "key `confidence.tornado_growth_points`: expected a number above 0, found 0",
        ),
    ] {
        let bad = wd.write("bad.toml", text);
        let out = run_at_root(&["rules", "--rules", bad.to_str().expect("a UTF-8 temp path")]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
}
