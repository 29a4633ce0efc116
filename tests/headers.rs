//! Which column is read as which field: header variants units write, two
//! columns naming one field, generic headers and look-alike columns, on
//! fixtures written by openpyxl and CSV as Google Sheets writes it.

use serde_json::Value;

use crate::common::{self, Workdir, fixture, project, validate_json};

/// `airoi score --json` of fixtures copied into `wd`; the exit code and the document.
fn score_json(wd: &Workdir, names: &[&str]) -> (i32, Value) {
    for name in names {
        wd.copy(&fixture(&format!("intake/{name}")), name);
    }
    common::score_json(wd, "2026-06-30", names)
}

fn used(project: &Value, field: &str) -> (Value, Value) {
    let input = common::input_used(project, field);
    (input["value"].clone(), input["cell"].clone())
}

fn notes(json: &Value) -> Vec<String> {
    common::strings(&json["run"]["inputs"][0]["notes"])
}

#[test]
fn header_variants_are_read_and_the_right_column_wins() {
    let wd = Workdir::new();
    let (code, json) = score_json(&wd, &["header_variants.xlsx"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["portfolio"]["rejected"], 0);
    let hv1 = project(&json, "HV-1");
    let cell = |c: &str| Value::from(format!("header_variants.xlsx:Projects!{c}"));
    // `# Systems Integrated`, `Level of Autonomy`, `MoM Growth %` name their fields.
    assert_eq!(used(hv1, "systems_integrated"), ("3".into(), cell("J2")));
    assert_eq!(
        used(hv1, "autonomy"),
        ("Approve outcome".into(), cell("K2"))
    );
    assert_eq!(used(hv1, "compute_growth_pct"), ("2%".into(), cell("L2")));
    // The visible `Monthly Compute Cost`, not the hidden FY25 estimate in D;
    // `Monthly Benefit`, not the alias `Benefit` in C.
    assert_eq!(
        used(hv1, "monthly_compute_cost"),
        ("1,000".into(), cell("E2"))
    );
    assert_eq!(used(hv1, "monthly_benefit"), ("5,000".into(), cell("F2")));
    // Scored on 5,000 a month over the look-ahead, not the alias's 999.
    assert_eq!(hv1["checks"]["roi"]["benefit_total"], 90_000.0);
    assert_eq!(hv1["extra"]["Benefit"], "999");
    assert_eq!(
        hv1["extra"]["Monthly Compute Cost (FY25 estimate)"],
        "99999"
    );
    // Status holds no stage: carried, and the row is scored.
    assert_eq!(hv1["stage"], Value::Null);
    assert_eq!(hv1["extra"]["Status"], "On track");
    assert_eq!(
        used(project(&json, "HV-2"), "systems_integrated"),
        ("1".into(), cell("J3"))
    );
    assert_eq!(
        notes(&json),
        [
            "Projects: two columns name monthly_compute_cost: E \"Monthly Compute Cost\" is used, D \"Monthly Compute Cost (FY25 estimate)\" is carried as an extra column (D is hidden)",
            "Projects: two columns name monthly_benefit: F \"Monthly Benefit\" is used, C \"Benefit\" is carried as an extra column (F is the field's own name, C another name for it)",
            "Projects: column M \"Status\" was not read as stage: most of its values are not one of idea, pilot, production, retired (such as \"On track\", \"At risk\"); it is carried as an extra column",
        ]
    );
}

#[test]
fn two_equally_good_columns_refuse_the_header() {
    let wd = Workdir::new();
    let file = wd.copy(&fixture("intake/header_tie.xlsx"), "header_tie.xlsx");
    let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
    assert_eq!(code, 2, "{json:#}");
    let input = &json["inputs"][0];
    assert_eq!(input["state"], "unreadable");
    assert_eq!(
        input["message"],
        "sheet Projects: the header in row 1 names monthly_compute_cost twice, in D \"Monthly Compute Cost (FY25 estimate)\" and E \"Monthly Compute Cost\", both visible and both the field's own name; rename or delete one of them so airoi knows which to read"
    );
}

#[test]
fn generic_headers_whose_values_do_not_fit_are_carried_and_rows_scored() {
    let wd = Workdir::new();
    let (code, json) = score_json(&wd, &["generic_headers.csv"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["portfolio"]["projects"], 2);
    assert_eq!(json["portfolio"]["rejected"], 0);
    let gh1 = project(&json, "GH-1");
    assert_eq!(gh1["stage"], Value::Null);
    for (header, value) in [
        ("Status", "On track"),
        ("State", "CA"),
        ("Mode", "Remote"),
        ("Human in the loop?", "Yes"),
    ] {
        assert_eq!(gh1["extra"][header], value, "{header}");
    }
    let cell = |c: &str| Value::from(format!("generic_headers.csv:generic_headers!{c}"));
    assert_eq!(used(gh1, "systems_integrated"), ("2".into(), cell("L2")));
    assert_eq!(used(gh1, "stateful"), ("no".into(), Value::Null));
    assert_eq!(used(gh1, "autonomy"), ("No autonomy".into(), Value::Null));
    // The annual rate is made monthly, and that is said: 1.12^(1/12) - 1.
    assert_eq!(used(gh1, "compute_growth_pct"), ("0.9%".into(), cell("M2")));
    let g = 1.12_f64.powf(1.0 / 12.0);
    let compute = 1000.0 * (g.powi(18) - 1.0) / (g - 1.0);
    let scored = gh1["checks"]["roi"]["compute_total"]
        .as_f64()
        .unwrap_or_default();
    assert!((scored - compute).abs() < 1e-6, "{scored} vs {compute}");
    assert_eq!(gh1["extra"].get("Annual Compute Growth %"), None);
    assert_eq!(
        notes(&json),
        [
            "generic_headers: column M \"Annual Compute Growth %\" read as compute_growth_pct with the unit its header gives: annual growth → monthly (1 + g)^(1/12) - 1",
            "generic_headers: column C \"Status\" was not read as stage: most of its values are not one of idea, pilot, production, retired (such as \"On track\", \"At risk\"); it is carried as an extra column",
            "generic_headers: column D \"State\" was not read as stage or stateful: most of its values are none of stage (one of idea, pilot, production, retired), stateful (yes or no) (such as \"CA\", \"NY\"); it is carried as an extra column",
            "generic_headers: column F \"Human in the loop?\" was not read as autonomy: most of its values are not one of none, approve_each_step, approve_outcome, autonomous (such as \"Yes\", \"No\"); it is carried as an extra column",
        ]
    );
}

#[test]
fn a_generic_header_whose_values_fit_is_read_as_the_field() {
    let wd = Workdir::new();
    let (code, json) = score_json(&wd, &["status_stage.csv"]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(project(&json, "ST-1")["stage"], "pilot");
    assert_eq!(project(&json, "ST-2")["stage"], "production");
    assert_eq!(
        notes(&json),
        ["status_stage: column C \"Status\" was read as stage: 2 of its 2 values read as one"]
    );
}
