//! `airoi score --bills` on the FOCUS 1.2 samples in `../shared/external`
//! (AWS, Azure and Google Cloud as they write FOCUS): allocated by cost
//! centre and checked, to the cent, against sums computed independently.
//! Skipped, saying so, where `../shared` is not beside the checkout.

use serde_json::json;

use crate::bills::{by, cents, months};
use crate::bills_sql::{score, write_centres};
use crate::common::{Workdir, external_data};

/// Spend per cost centre in the FOCUS 1.2 samples, `EffectiveCost`, tax
/// and commitment purchases left out. Computed independently with Python's
/// `csv`, `json` and `decimal` modules over the three files: rows whose
/// `ChargeCategory` is `Tax`, or `Purchase` with a `CommitmentDiscountId`,
/// skipped; the `Tags` JSON's `CostCenter` or `cost-center` value keys the
/// sum of `EffectiveCost` as `Decimal`.
/// A cost centre, its total, and its spend by provider id.
type Centre = (
    &'static str,
    &'static str,
    [(&'static str, &'static str); 3],
);

const SAMPLE_CENTRES: [Centre; 2] = [
    (
        "cc-1042",
        "57180.8699702758775",
        [
            ("aws", "15787.3757094286375"),
            ("azure", "25422.75246134288"),
            ("gcp", "15970.741799504360"),
        ],
    ),
    (
        "cc-2087",
        "64564.1762013992350",
        [
            ("aws", "14506.568051770175"),
            ("azure", "30049.37803055136"),
            ("gcp", "20008.230119077693"),
        ],
    ),
];

#[test]
fn focus_samples_are_allocated_by_cost_centre_to_the_cent() {
    let Some(dir) = external_data(
        "focus-sample-1.2",
        "focus_samples_are_allocated_by_cost_centre_to_the_cent",
    ) else {
        return;
    };
    let wd = Workdir::new();
    write_centres(&wd);
    let dir = dir.display().to_string();
    let doc = score(&wd, "centres.csv", "run.json", &["--bills", &dir]);
    let b = &doc["bills"];
    let cent = |text: &str| (text.parse::<f64>().unwrap() * 100.0).round() as i64;
    for (centre, total, by_provider) in SAMPLE_CENTRES {
        assert_eq!(
            months(b, centre),
            vec![("2026-05".to_string(), cent(total))]
        );
        let expected: Vec<(String, i64)> = by_provider
            .iter()
            .map(|(p, v)| ((*p).to_string(), cent(v)))
            .collect();
        assert_eq!(by(b, centre, "by_provider"), expected, "{centre}");
    }
    // The three files' SHA-256 as the samples' README records them.
    let hashes: Vec<&str> = b["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["sha256"].as_str().unwrap())
        .collect();
    assert_eq!(
        hashes,
        [
            "dc489473400f14a098f4bbfee1b927a912704f7570f33f0ef2db5958fb1a5ff2",
            "98d3772441e158c77d9d7355ae9ac1e8e7ddbc8cfef529d972a0b8ae9a4d13ac",
            "0f404d4144d8cd1e3d4cc0b23a57bf0975908812729b3bdd7d0789cf70fcb94c"
        ]
    );
    assert_eq!(b["actual_months"], json!(["2026-05"]));
    // No AI services in the samples; tax (about 10% of one row each) left out.
    assert_eq!(cents(&b["totals"]["ai_spend"]), 0);
    assert!(b["totals"]["tax_excluded"].as_f64().unwrap() > 0.0);
}
