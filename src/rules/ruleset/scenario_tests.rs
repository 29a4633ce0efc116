use super::canonical::canonical_toml;
use super::load::{default_ruleset, overrides, ruleset_from_toml, ruleset_sha256};

fn names(text: &str) -> Vec<String> {
    ruleset_from_toml(text).map_or_else(
        |e| vec![e.to_string()],
        |r| r.scenarios.into_iter().map(|s| s.name).collect(),
    )
}

fn error(text: &str) -> String {
    ruleset_from_toml(text).map_or_else(|e| e.to_string(), |_| "no error".into())
}

#[test]
fn the_default_has_three_scenarios() {
    let r = default_ruleset();
    let labels: Vec<&str> = r.scenarios.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        ["compute +25%", "benefit -30%", "benefits 3 months late"]
    );
    assert_eq!(r.scenarios[0].compute_price_pct, 25.0);
    assert_eq!(r.scenarios[1].benefit_cut_pct, 30.0);
    assert_eq!(r.scenarios[2].benefit_delay_months, 3);
}

#[test]
fn a_files_scenarios_follow_the_defaults_in_its_order() {
    let text = "[scenarios.zeta]\nlabel = \"z\"\ngrowth_points = 2\n\
                [scenarios.alpha]\nlabel = \"a\"\nremove_largest_provider = true\n";
    assert_eq!(
        names(text),
        [
            "compute_up",
            "benefit_down",
            "benefit_late",
            "zeta",
            "alpha"
        ]
    );
    let r = ruleset_from_toml(text).unwrap_or_else(|_| default_ruleset());
    assert_eq!(r.scenarios[3].growth_points, 2.0);
    assert!(r.scenarios[4].remove_largest_provider);
    assert_eq!(overrides(&r), ["scenarios"]);
}

#[test]
fn an_array_of_tables_replaces_a_default_of_the_same_name() {
    let text = "[[scenarios]]\nname = \"compute_up\"\nlabel = \"compute +40% from month 7\"\n\
                compute_price_pct = 40\ncompute_price_from_month = 7\n";
    let r = ruleset_from_toml(text).unwrap_or_else(|_| default_ruleset());
    assert_eq!(r.scenarios.len(), 3);
    assert_eq!(r.scenarios[0].compute_price_pct, 40.0);
    assert_eq!(r.scenarios[0].compute_price_from_month, 7);
    assert_eq!(names("scenarios = []\n"), Vec::<String>::new());
}

#[test]
fn the_scenarios_are_in_the_canonical_text_and_its_hash() {
    let default = default_ruleset();
    let text = "[scenarios.late6]\nlabel = \"benefits 6 months late\"\nbenefit_delay_months = 6\n";
    let r = ruleset_from_toml(text).unwrap_or_else(|_| default_ruleset());
    assert_ne!(ruleset_sha256(&r), ruleset_sha256(&default));
    let canonical = canonical_toml(&r);
    assert!(canonical.contains("name = \"late6\"\nlabel = \"benefits 6 months late\""));
    // The canonical text reads back as the same ruleset.
    assert_eq!(ruleset_from_toml(&canonical).ok(), Some(r));
}

#[test]
fn each_bad_scenario_key_is_named() {
    assert_eq!(
        error("[scenarios.x]\nlabel = \"x\"\nbenefit_cut_pct = \"lots\"\n"),
        "key `scenarios.x.benefit_cut_pct`: expected a number, found string \"lots\""
    );
    assert_eq!(
        error("[scenarios.x]\nlabel = \"x\"\nbenefit_cut = 10\n"),
        "unknown key `scenarios.x.benefit_cut`"
    );
    assert_eq!(
        error("[scenarios.x]\nlabel = \"\"\n"),
        "key `scenarios.x.label`: a scenario's label cannot be empty"
    );
    assert_eq!(
        error("[scenarios.x]\nlabel = \"x\"\nbenefit_cut_pct = 120\n"),
        "key `scenarios.x.benefit_cut_pct`: a benefit cut is at most 100% (no benefit), found 120"
    );
    assert_eq!(
        error("[scenarios.x]\nlabel = \"x\"\ncompute_price_from_month = 0\n"),
        "key `scenarios.x.compute_price_from_month`: the first project month is 1"
    );
    assert_eq!(
        error("[[scenarios]]\nlabel = \"x\"\n"),
        "key `scenarios[1]`: a scenario needs a `name`"
    );
    assert!(error("[scenarios.x]\ncompute_price_pct = 5\n").contains("scenarios.x"));
}
