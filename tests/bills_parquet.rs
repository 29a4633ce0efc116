//! `airoi score --bills` on FOCUS Parquet exports. The files in
//! `tests/fixtures/bills_parquet/` (written by `make_fixtures.py
//! parquet_bills` with pyarrow) are the CSV bills of `tests/bills.rs`
//! written as each cloud writes Parquet: AWS with TIMESTAMP periods,
//! DECIMAL costs and a MAP of tags (Snappy), Azure as text with JSON tags
//! (gzip), Google with text periods, DOUBLE costs and a list of key/value
//! structs (Zstandard). They must give the same figures to the cent.

use serde_json::{Value, json};

use crate::bills::{by, cents, file_rows, months};
use crate::common::{Workdir, fixture, path_of, score_bills};

/// The `bills` section of `score --json` (EUR at 1.1), the exit code and
/// stderr.
fn bills(wd: &Workdir, extra: &[&str]) -> (i32, Value, String) {
    wd.write("fx.csv", "EUR,1.1\n");
    let mut args = vec!["--fx", "fx.csv"];
    args.extend_from_slice(extra);
    let (code, doc, err) = score_bills(wd, &fixture("bills/projects.csv"), &args);
    (code, doc["bills"].clone(), err)
}

/// The figures of a reading, without what names its files.
fn figures(bills: &Value) -> Value {
    let mut figures = bills.clone();
    let map = figures.as_object_mut().expect("bills is an object");
    for key in ["files", "skipped"] {
        map.remove(key);
    }
    for conflict in map["conflicts"].as_array_mut().expect("conflicts") {
        conflict
            .as_object_mut()
            .expect("a conflict")
            .remove("first");
    }
    figures
}

#[test]
fn parquet_bills_give_the_figures_of_their_csv_twins_on_either_cost_basis() {
    let wd = Workdir::new();
    for basis in ["effective", "billed"] {
        let (code, csv, err) = bills(
            &wd,
            &["--cost-basis", basis, "--bills", &path_of("bills/ai")],
        );
        assert_eq!(code, 0, "{err}");
        let (code, parquet, err) = bills(
            &wd,
            &[
                "--cost-basis",
                basis,
                "--bills",
                &path_of("bills_parquet/ai"),
            ],
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(figures(&parquet), figures(&csv), "{basis}");
        assert_eq!(file_rows(&parquet["files"]), [11, 4, 2]);
    }
    // The same sums as tests/bills.rs adds up by hand: FIN-001's Bedrock
    // and SageMaker months (its tags a MAP), FIN-002's Azure OpenAI in EUR
    // and Vertex AI with `-02:00` periods as text (its tags a list).
    let (_, b, _) = bills(&wd, &["--bills", &path_of("bills_parquet/ai")]);
    assert_eq!(
        months(&b, "FIN-001"),
        [
            ("2026-01", 120_000),
            ("2026-02", 105_000),
            ("2026-03", 90_000)
        ]
        .map(|(m, c)| (m.to_string(), c))
    );
    assert_eq!(
        by(&b, "FIN-002", "by_provider"),
        [("azure", 341_000), ("gcp", 110_000)].map(|(m, c)| (m.to_string(), c))
    );
    assert_eq!(cents(&b["totals"]["commitment_purchases_excluded"]), 60_000);
    // A conflict names the Parquet row (1-based, no header row).
    assert!(
        b["conflicts"][0]["first"]
            .as_str()
            .unwrap()
            .ends_with("aws_bedrock.parquet row 9")
    );
}

#[test]
fn parquet_and_csv_files_read_together() {
    let wd = Workdir::new();
    let (code, csv, err) = bills(&wd, &["--bills", &path_of("bills/ai")]);
    assert_eq!(code, 0, "{err}");
    let (code, mixed, err) = bills(
        &wd,
        &[
            "--bills",
            &path_of("bills_parquet/ai/aws_bedrock.parquet"),
            &path_of("bills/ai/azure"),
            &path_of("bills_parquet/ai/gcp_vertex.parquet"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(mixed["per_project"], csv["per_project"]);
    assert_eq!(mixed["totals"], csv["totals"]);
}

#[test]
fn a_parquet_file_without_focus_columns_is_refused_naming_them() {
    let wd = Workdir::new();
    let (code, b, err) = bills(&wd, &["--bills", &path_of("bills_parquet/not_focus")]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        b["files"][0]["refused"],
        "is not a FOCUS cost and usage export: it lacks the columns ChargePeriodStart, \
         EffectiveCost, BilledCost, BillingCurrency, ChargeCategory, ProviderName, \
         PublisherName, ServiceCategory, ServiceName, SubAccountId, ResourceId, Tags"
    );
    assert!(err.contains("not_focus.parquet refused"), "{err}");
}

#[test]
fn bad_parquet_rows_are_listed_with_their_row_numbers() {
    let wd = Workdir::new();
    let (code, b, err) = bills(&wd, &["--bills", &path_of("bills_parquet/bad")]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(b["files"][0]["rows"], 3);
    assert_eq!(b["files"][0]["rows_bad"], 2);
    assert_eq!(
        b["bad_rows"]["first"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| json!([r["line"], r["message"]]))
            .collect::<Vec<_>>(),
        [
            json!([
                2,
                "ChargePeriodStart \"yesterday\" is not an ISO 8601 date and time"
            ]),
            json!([3, "EffectiveCost \"n/a\" is not a number"]),
        ]
    );
    assert_eq!(months(&b, "FIN-001"), [("2026-01".to_string(), 5_000)]);
}

#[test]
fn a_damaged_parquet_file_is_refused_without_a_crash() {
    let wd = Workdir::new();
    let (code, b, err) = bills(&wd, &["--bills", &path_of("bills_parquet/damaged")]);
    assert_eq!(code, 1, "{err}");
    let refused: Vec<&str> = b["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["refused"].as_str().unwrap_or("read"))
        .collect();
    // Overwritten pages; a file cut in half loses its footer.
    assert!(refused[0].starts_with("is damaged: "), "{refused:?}");
    assert!(
        refused[1].starts_with("is not a readable Parquet file: "),
        "{refused:?}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(b["per_project"].as_object().unwrap().is_empty());
}
