//! `airoi score --bills`: FOCUS cloud bills read and allocated to projects.
//! The generated AI-service bills (`tests/fixtures/bills/`, written by
//! `make_fixtures.py ai_bills`) are small enough to add up by hand; every
//! expected figure below is the sum of the fixture rows named beside it.
//! The FOCUS 1.2 samples are in `bills_samples`.

use serde_json::{Value, json};

use crate::common::{Workdir, fixture, path_of, score_bills, stderr, stdout};

/// The rows read from each bill file of a `files` list, in order.
pub fn file_rows(files: &Value) -> Vec<u64> {
    files
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rows"].as_u64().unwrap())
        .collect()
}

/// A figure rounded to the cent, as money is compared.
pub fn cents(v: &Value) -> i64 {
    (v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")) * 100.0).round() as i64
}

pub fn months(bills: &Value, project: &str) -> Vec<(String, i64)> {
    bills["per_project"][project]["months"]
        .as_object()
        .unwrap_or_else(|| panic!("{project} has no months: {bills:#}"))
        .iter()
        .map(|(m, v)| (m.clone(), cents(v)))
        .collect()
}

pub fn by(bills: &Value, project: &str, key: &str) -> Vec<(String, i64)> {
    bills["per_project"][project][key]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(m, v)| (m.clone(), cents(v)))
        .collect()
}

fn m(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

#[test]
fn ai_bills_are_allocated_by_month_provider_and_model_vendor() {
    let wd = Workdir::new();
    wd.write("fx.csv", "EUR,1.1\n");
    let bills = path_of("bills/ai");
    let (code, doc, err) = score_bills(
        &wd,
        &fixture("bills/projects.csv"),
        &["--fx", "fx.csv", "--bills", &bills],
    );
    assert_eq!(code, 0, "{err}");
    let b = &doc["bills"];
    assert_eq!(b["cost_basis"], "effective");
    // FIN-001, AWS: January Bedrock 1000 + SageMaker 200 (EffectiveCost of
    // usage the savings plan covers; the plan's purchase is left out; the
    // January tax is left out), February 1200 − 150 credit, March 900.
    assert_eq!(
        months(b, "FIN-001"),
        m(&[
            ("2026-01", 120_000),
            ("2026-02", 105_000),
            ("2026-03", 90_000)
        ])
    );
    assert_eq!(by(b, "FIN-001", "by_provider"), m(&[("aws", 315_000)]));
    assert_eq!(
        by(b, "FIN-001", "by_publisher"),
        m(&[("amazon", 20_000), ("anthropic", 205_000), ("meta", 90_000)])
    );
    assert_eq!(b["per_project"]["FIN-001"]["matched_rows"], 5);
    // FIN-002: Azure OpenAI in EUR × 1.1 (1000, 1100, 1000 → 1100, 1210,
    // 1100) and Vertex AI 500 (January), 600 (22:00 UTC on 28 February,
    // written with a −02:00 offset), tagged `ai-project: fin-002` in lower case.
    assert_eq!(
        months(b, "FIN-002"),
        m(&[
            ("2026-01", 160_000),
            ("2026-02", 181_000),
            ("2026-03", 110_000)
        ])
    );
    assert_eq!(
        by(b, "FIN-002", "by_provider"),
        m(&[("azure", 341_000), ("gcp", 110_000)])
    );
    assert_eq!(
        by(b, "FIN-002", "by_publisher"),
        m(&[("google", 110_000), ("openai", 341_000)])
    );
    // The 300 charge tagged team=shared is split 60/40 by the declared shares.
    assert_eq!(months(b, "FIN-005"), m(&[("2026-03", 18_000)]));
    assert_eq!(months(b, "FIN-006"), m(&[("2026-03", 12_000)]));
    // The 250 charge tagged CostCenter=cc-7 matches FIN-003 and FIN-004,
    // neither with a share: a conflict, counted to none.
    assert_eq!(b["conflicts"][0]["projects"], json!(["FIN-003", "FIN-004"]));
    assert_eq!(cents(&b["conflicts"][0]["amount"]), 25_000);
    assert!(
        b["conflicts"][0]["first"]
            .as_str()
            .unwrap()
            .ends_with("aws_bedrock.csv:10")
    );
    assert!(b["per_project"].get("FIN-003").is_none());
    assert_eq!(
        b["unmatched"],
        json!([{"project_id": "FIN-007", "rule": "subaccount:999"}])
    );
    assert!(
        err.contains("FIN-007: no bill row matches `subaccount:999`"),
        "{err}"
    );
    // Untagged AI spend: Bedrock 400 on AWS, Azure OpenAI 200 EUR = 220.
    let unallocated: Vec<(String, String, i64)> = b["unallocated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["provider"].as_str().unwrap().to_string(),
                u["service"].as_str().unwrap().to_string(),
                cents(&u["amount"]),
            )
        })
        .collect();
    assert_eq!(
        unallocated,
        vec![
            ("AWS".into(), "Amazon Bedrock".into(), 40_000),
            ("Microsoft Azure".into(), "Azure OpenAI".into(), 22_000)
        ]
    );
    // Google Cloud's export stops in February: March stays plan.
    assert_eq!(b["actual_months"], json!(["2026-01", "2026-02"]));
    assert_eq!(
        b["plan_months"],
        json!([{"month": "2026-03", "reason": "no charges from Google Cloud"}])
    );
    // Spend: AWS 4600 (its EC2 500 is neither AI nor allocated), Azure
    // 3630, Google Cloud 1100; AI spend is all but the EC2 500.
    let t = &b["totals"];
    assert_eq!(cents(&t["spend"]), 933_000);
    assert_eq!(cents(&t["ai_spend"]), 883_000);
    assert_eq!(cents(&t["allocated"]), 796_000);
    assert_eq!(cents(&t["unallocated_ai"]), 62_000);
    assert_eq!(cents(&t["tax_excluded"]), 10_000);
    // The savings plan's January purchase, billed 600.
    assert_eq!(cents(&t["commitment_purchases_excluded"]), 60_000);
    // The folder's README is passed over, and every file read is recorded.
    assert_eq!(b["skipped"].as_array().unwrap().len(), 1);
    assert_eq!(file_rows(&doc["run"]["bills"]["files"]), [11, 4, 2]);
    assert_eq!(doc["run"]["fx"][0]["currency"], "EUR");
}

#[test]
fn billed_cost_keeps_every_purchase_and_tax_counts_when_the_ruleset_says_so() {
    let wd = Workdir::new();
    wd.write("fx.csv", "EUR,1.1\n");
    let bills = path_of("bills/ai");
    let extra = [
        "--fx",
        "fx.csv",
        "--cost-basis",
        "billed",
        "--bills",
        &bills,
    ];
    let (_, doc, _) = score_bills(&wd, &fixture("bills/projects.csv"), &extra);
    let b = &doc["bills"];
    assert_eq!(b["cost_basis"], "billed");
    // January: Bedrock 1000; the SageMaker usage is billed 0 (the plan paid it).
    assert_eq!(months(b, "FIN-001")[0], ("2026-01".to_string(), 100_000));
    // The 600 savings-plan purchase counts (untagged, so allocated to none):
    // AWS 1000 + 1200 + 900 + 600 − 150 + 400 + 250 + 300 + 500 = 5000.
    assert_eq!(cents(&b["totals"]["spend"]), (5000 + 3630 + 1100) * 100);
    wd.write("tax.toml", "[bills]\ninclude_tax = true\n");
    let (_, doc, _) = score_bills(
        &wd,
        &fixture("bills/projects.csv"),
        &["--fx", "fx.csv", "--rules", "tax.toml", "--bills", &bills],
    );
    // January with the 100 sales tax: 1000 + 200 + 100.
    assert_eq!(
        months(&doc["bills"], "FIN-001")[0],
        ("2026-01".to_string(), 130_000)
    );
    assert_eq!(cents(&doc["bills"]["totals"]["tax_excluded"]), 0);
}

#[test]
fn a_gzipped_export_reads_as_the_plain_one() {
    let wd = Workdir::new();
    let (_, plain, _) = score_bills(
        &wd,
        &fixture("bills/projects.csv"),
        &["--bills", &path_of("bills/ai/aws_bedrock.csv")],
    );
    let (_, gz, _) = score_bills(
        &wd,
        &fixture("bills/projects.csv"),
        &["--bills", &path_of("bills/gz")],
    );
    assert_eq!(gz["bills"]["per_project"], plain["bills"]["per_project"]);
    assert_eq!(gz["bills"]["totals"], plain["bills"]["totals"]);
    assert_eq!(gz["bills"]["files"][0]["rows"], 11);
    assert_ne!(
        gz["bills"]["files"][0]["sha256"],
        plain["bills"]["files"][0]["sha256"]
    );
}

#[test]
fn a_file_that_is_not_focus_is_refused_and_bad_rows_are_listed() {
    let wd = Workdir::new();
    let (code, doc, err) = score_bills(
        &wd,
        &fixture("bills/projects.csv"),
        &["--bills", &path_of("bills/bad")],
    );
    assert_eq!(code, 1, "{err}");
    let files = &doc["bills"]["files"];
    assert_eq!(files[0]["rows"], 3);
    assert_eq!(files[0]["rows_bad"], 2);
    let refused = files[1]["refused"].as_str().unwrap();
    assert_eq!(
        refused,
        "is not a FOCUS cost and usage export: it lacks the columns ChargePeriodStart, \
         EffectiveCost, BilledCost, BillingCurrency, ChargeCategory, ProviderName, \
         PublisherName, ServiceCategory, ServiceName, SubAccountId, ResourceId, Tags"
    );
    assert!(
        err.contains("not_focus.csv refused: it is not a FOCUS"),
        "{err}"
    );
    let bad = &doc["bills"]["bad_rows"];
    assert_eq!(bad["count"], 2);
    let lines: Vec<String> = bad["first"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{}: {}", r["line"], r["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lines,
        [
            "3: ChargePeriodStart \"yesterday\" is not an ISO 8601 date and time",
            "4: EffectiveCost \"n/a\" is not a number"
        ]
    );
    assert!(
        err.contains("bad_rows.csv:4: EffectiveCost \"n/a\""),
        "{err}"
    );
    // The readable row still counts.
    assert_eq!(months(&doc["bills"], "FIN-001"), m(&[("2026-01", 5_000)]));
}

#[test]
fn a_currency_without_a_rate_refuses_the_file_naming_the_rate() {
    let wd = Workdir::new();
    let yen = path_of("bills/yen");
    let (code, doc, _) = score_bills(&wd, &fixture("bills/projects.csv"), &["--bills", &yen]);
    assert_eq!(code, 1);
    assert_eq!(
        doc["bills"]["files"][0]["refused"],
        "has BillingCurrency JPY on line 2, with no exchange rate into USD; add a `JPY,RATE` \
         row to the --fx table"
    );
    assert!(doc["bills"]["per_project"].get("FIN-001").is_none());
    wd.write("fx.csv", "JPY,0.0067\n");
    let (code, doc, _) = score_bills(
        &wd,
        &fixture("bills/projects.csv"),
        &["--fx", "fx.csv", "--bills", &yen],
    );
    assert_eq!(code, 0);
    // 15,000 JPY × 0.0067.
    assert_eq!(months(&doc["bills"], "FIN-001"), m(&[("2026-01", 10_050)]));
    assert_eq!(doc["run"]["fx"][0]["currency"], "JPY");
}

#[test]
fn a_bad_allocation_rule_is_refused_naming_the_cell() {
    let wd = Workdir::new();
    wd.copy(&fixture("bills/projects_bad_rule.csv"), "rules.csv");
    let out = wd.run(&["score", "rules.csv", "--bills", &path_of("bills/ai")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "rules.csv:rules!H2: cost_allocation: `team:claims`: unknown kind `team`; expected \
             tag:KEY=VALUE, service:NAME, subaccount:ID, resource:GLOB or provider:NAME"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn verify_reads_the_bills_again_and_checks_their_hashes() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("bills")).unwrap();
    wd.copy(&fixture("bills/ai/aws_bedrock.csv"), "bills/aws.csv");
    wd.copy(&fixture("bills/projects.csv"), "projects.csv");
    let out = wd.run(&[
        "score",
        "projects.csv",
        "--as-of",
        "2026-04-10",
        "-q",
        "--json",
        "run.json",
        "--bills",
        "bills",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = wd.run(&["verify", "run.json"]);
    assert!(
        stdout(&out).contains("run.json: reproduced exactly"),
        "{}",
        stdout(&out)
    );
    let mut bill = std::fs::read_to_string(wd.path("bills/aws.csv")).unwrap();
    let row = bill.lines().nth(1).unwrap().to_string();
    bill.push_str(&row);
    bill.push('\n');
    wd.write("bills/aws.csv", bill);
    let out = wd.run(&["verify", "run.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("bill bills/aws.csv: SHA-256 is "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_bill_path_that_does_not_exist_stops_the_run() {
    let wd = Workdir::new();
    let intake = path_of("bills/projects.csv");
    let out = wd.run(&["score", &intake, "--bills", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bills nowhere: no such file or folder"));
}
