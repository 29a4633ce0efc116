//! Provider share lists in the forms people write them (percent first,
//! spaced percent signs, names joined by `and`, `&`, `+`), read from a CSV
//! as Excel saves it and an openpyxl workbook: the shares scored, the
//! did-you-mean for a misspelt provider and the note for an unknown one.

use serde_json::Value;

use crate::common::{self, Workdir, fixture, problem_lines, project, validate_json};

const CSV: &str = "intake/provider_lists.csv";
const XLSX: &str = "intake/provider_lists.xlsx";

/// `airoi score --json` on one fixture: the exit status and the document.
fn score(name: &str) -> (i32, Value) {
    let wd = Workdir::new();
    let file = wd.copy(&fixture(name), name.rsplit('/').next().unwrap_or(name));
    common::score_json(&wd, "2026-01-31", &[file.to_str().unwrap()])
}

fn infrastructure(json: &Value, id: &str) -> (String, f64, f64) {
    let check = &project(json, id)["checks"]["diversification"];
    let dim = &check["dimensions"]["infrastructure"];
    let shown = check["evidence"]["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .find(|i| i["field"] == "providers")
        .expect("the providers input")["value"]
        .as_str()
        .expect("text")
        .to_string();
    let round = |v: &Value| (v.as_f64().expect("a number") * 1000.0).round() / 1000.0;
    (
        shown,
        round(&dim["top_share"]),
        round(&dim["effective_providers"]),
    )
}

fn notes(json: &Value, id: &str) -> Vec<String> {
    project(json, id)["checks"]["diversification"]["evidence"]["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().expect("text").to_string())
        .collect()
}

#[test]
fn excel_csv_provider_lists_score_the_shares_written() {
    let (_, json) = score(CSV);
    let ninety_ten = ("Azure 90%, AWS 10%".to_string(), 90.0, 1.22);
    let halves = |a: &str, b: &str| (format!("{a} 50%, {b} 50%"), 50.0, 2.0);
    assert_eq!(infrastructure(&json, "PL-1"), ninety_ten);
    assert_eq!(infrastructure(&json, "PL-2"), ninety_ten);
    assert_eq!(infrastructure(&json, "PL-3"), halves("AWS", "Azure"));
    assert_eq!(infrastructure(&json, "PL-4"), halves("Azure", "AWS"));
    assert_eq!(
        notes(&json, "PL-3"),
        ["providers: no shares given for AWS, Azure; an equal split was assumed"]
    );
    assert_eq!(
        infrastructure(&json, "PL-6"),
        ("acme_cloud 40%, Azure 60%".to_string(), 60.0, 1.923)
    );
    assert_eq!(
        notes(&json, "PL-6"),
        [
            "providers: \"Acme Cloud\" is not a known provider; read as a provider of its own, acme_cloud (if it is another name for a known one, add it to that one's aliases under [providers] in a --rules file)"
        ]
    );
    // The forms read before read as before.
    let seventy_thirty = ("Azure 70%, AWS 30%".to_string(), 70.0, 1.724);
    assert_eq!(infrastructure(&json, "PL-7"), seventy_thirty);
    assert_eq!(infrastructure(&json, "PL-8"), seventy_thirty);
    assert_eq!(
        infrastructure(&json, "PL-9"),
        ("AWS 60%, Google Cloud 40%".to_string(), 60.0, 1.923)
    );
    assert_eq!(
        infrastructure(&json, "PL-10"),
        ("AWS 100%".to_string(), 100.0, 1.0)
    );
    let model = &project(&json, "PL-7")["checks"]["diversification"]["dimensions"]["model"];
    assert_eq!(model["top_share"], 50.0);
    assert_eq!(model["effective_providers"], 2.0);
}

#[test]
fn excel_csv_misspelt_provider_is_refused_with_a_did_you_mean() {
    let wd = Workdir::new();
    let file = wd.copy(&fixture(CSV), "provider_lists.csv");
    let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
    assert_eq!(code, 1, "one row rejected, the others read");
    assert_eq!(json["projects"], 9);
    assert_eq!(
        problem_lines(&json),
        [
            "provider_lists!F6: providers: \"Azrue 50%, Azure 50%\" names \"Azrue\", which is not a known provider; did you mean Azure? (if it is a provider of its own, add it as [providers.azrue] in a --rules file)"
        ]
    );
}

#[test]
fn openpyxl_provider_lists_score_the_shares_written() {
    let (_, json) = score(XLSX);
    let ninety_ten = ("Azure 90%, AWS 10%".to_string(), 90.0, 1.22);
    assert_eq!(infrastructure(&json, "PX-1"), ninety_ten);
    assert_eq!(infrastructure(&json, "PX-2"), ninety_ten);
    assert_eq!(
        infrastructure(&json, "PX-3"),
        ("Google Cloud 50%, On-premises 50%".to_string(), 50.0, 2.0)
    );
    assert_eq!(
        infrastructure(&json, "PX-4"),
        ("AWS 50%, Google Cloud 50%".to_string(), 50.0, 2.0)
    );
    assert_eq!(
        infrastructure(&json, "PX-6"),
        ("hetzner 100%".to_string(), 100.0, 1.0)
    );
    assert_eq!(
        notes(&json, "PX-6"),
        [
            "providers: \"Hetzner\" is not a known provider; read as a provider of its own, hetzner (if it is another name for a known one, add it to that one's aliases under [providers] in a --rules file)"
        ]
    );
    assert_eq!(
        infrastructure(&json, "PX-7"),
        ("Azure 70%, AWS 30%".to_string(), 70.0, 1.724)
    );
    assert_eq!(
        infrastructure(&json, "PX-8"),
        ("Azure 75%, Google Cloud 25%".to_string(), 75.0, 1.6)
    );
    assert_eq!(
        notes(&json, "PX-8"),
        ["providers: shares read as fractions of 1"]
    );
    let model = &project(&json, "PX-1")["checks"]["diversification"]["dimensions"]["model"];
    assert_eq!(model["top_share"], 50.0);
}

#[test]
fn openpyxl_misspelt_alias_is_refused_with_a_did_you_mean() {
    let wd = Workdir::new();
    let file = wd.copy(&fixture(XLSX), "provider_lists.xlsx");
    let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
    assert_eq!(code, 1, "one row rejected, the others read");
    assert_eq!(json["projects"], 7);
    assert_eq!(
        problem_lines(&json),
        [
            "Projects!F6: providers: \"Amazon Web Servics 100%\" names \"Amazon Web Servics\", which is not a known provider; did you mean \"amazon web services\" (AWS)? (if it is a provider of its own, add it as [providers.amazon_web_servics] in a --rules file)"
        ]
    );
}
