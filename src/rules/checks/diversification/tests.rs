//! The diversification check: thresholds, the worse of two dimensions, notes.

use super::*;
use crate::model::{DiversificationFigures, Field};
use crate::rules::default_ruleset;
use crate::rules::testing::{evaluate, json, shares, worked_example};

fn with(infra: &[(&str, f64)], model: Option<&[(&str, f64)]>) -> (Finding, DiversificationFigures) {
    let mut p = worked_example();
    p.providers = Field::read(shares(infra), "as written", 8);
    p.model_providers = model.map(|m| Field::read(shares(m), "as written", 16));
    let finding = evaluate(&DiversificationCheck, &p, &default_ruleset());
    let Figures::Diversification(figures) = finding.figures.clone() else {
        panic!("figures")
    };
    (finding, figures)
}

#[test]
fn worked_example_finding() {
    let (finding, f) = with(&[("azure", 60.0), ("aws", 40.0)], None);
    assert_eq!((finding.status, finding.score), (Status::Pass, 96.0));
    assert!((f.effective_providers - 10_000.0 / 5_200.0).abs() < 1e-12);
    assert_eq!(
        finding.explanation,
        "2 providers share the core AI workload; the largest, Azure, holds 60%, within the 75% \
         concentration limit (HHI 5,200, 1.9 effective providers)."
    );
    insta::assert_snapshot!(json(&finding));
}

#[test]
fn thresholds_are_inclusive_as_the_spec_says() {
    // top > 75 warns, so exactly 75 passes; top >= 95 fails, so exactly 95 fails.
    assert_eq!(
        with(&[("a", 75.0), ("b", 25.0)], None).0.status,
        Status::Pass
    );
    let (warn, _) = with(&[("azure", 80.0), ("aws", 20.0)], None);
    assert_eq!(
        (warn.status, warn.score, warn.verdict.as_str()),
        (Status::Warn, 64.0, "Concentrated")
    );
    assert_eq!(
        warn.explanation,
        "Azure carries 80% of the core AI workload, above the 75% concentration limit (HHI \
         6,800); moving 5 percentage points to other providers would diversify it."
    );
    let (fail, _) = with(&[("a", 95.0), ("b", 5.0)], None);
    assert_eq!(
        (fail.status, fail.verdict.as_str()),
        (Status::Fail, "Single-source")
    );
}

#[test]
fn a_top_share_alone_gets_the_checks_status_and_verdict() {
    let r = default_ruleset();
    let judged = |top: f64| {
        let status = concentration(top, &r);
        (status, verdict(status))
    };
    assert_eq!(judged(75.0), (Status::Pass, "Diversified"));
    assert_eq!(judged(75.0 + 1e-10), (Status::Pass, "Diversified"));
    assert_eq!(judged(75.01), (Status::Warn, "Concentrated"));
    assert_eq!(judged(95.0 - 1e-10), (Status::Fail, "Single-source"));
    assert_eq!(judged(100.0), (Status::Fail, "Single-source"));
    // The same answer the check gives a project with that top share.
    for top in [40.0, 75.0, 80.0, 95.0] {
        let (finding, _) = with(&[("a", top), ("b", 100.0 - top)], None);
        assert_eq!(judged(top.max(100.0 - top)).0, finding.status);
    }
}

#[test]
fn single_provider_scores_zero() {
    let (finding, f) = with(&[("aws", 100.0)], None);
    assert_eq!((finding.status, finding.score), (Status::Fail, 0.0));
    assert_eq!(
        (f.hhi, f.effective_providers, f.top_share),
        (10_000.0, 1.0, 100.0)
    );
    assert_eq!(
        finding.explanation,
        "AWS carries 100% of the core AI workload, a single-source dependency at or above the \
         95% line (HHI 10,000); no provider above 75% would diversify it."
    );
}

#[test]
fn the_worse_dimension_decides_and_both_are_reported() {
    let (finding, f) = with(
        &[("azure", 50.0), ("aws", 50.0)],
        Some(&[("openai", 100.0)]),
    );
    assert_eq!(
        (finding.status, f.deciding, f.top_share),
        (Status::Fail, "model", 100.0)
    );
    assert_eq!(f.infrastructure.status, Status::Pass);
    assert_eq!(
        f.model.as_ref().map(|m| m.top_provider.as_str()),
        Some("openai")
    );
    assert!(
        finding.explanation.contains("of model usage"),
        "{}",
        finding.explanation
    );
    assert_eq!(finding.inputs.len(), 2);
    // Same status: the lower score decides.
    let (_, f) = with(
        &[("a", 50.0), ("b", 50.0)],
        Some(&[("x", 40.0), ("y", 30.0), ("z", 30.0)]),
    );
    assert_eq!(f.deciding, "infrastructure");
    assert_eq!(f.hhi, 5_000.0);
}

#[test]
fn share_list_notes_are_carried_with_their_field() {
    let mut p = worked_example();
    p.providers
        .value
        .notes
        .push("shares summed to 99.5 and were normalised to 100".to_owned());
    let finding = evaluate(&DiversificationCheck, &p, &default_ruleset());
    assert_eq!(
        finding.notes,
        ["providers: shares summed to 99.5 and were normalised to 100"]
    );
}
