//! The ROI check: every status and verdict, its sentence and its notes.

use super::*;
use crate::model::{CellPos, Field, MonthFlow, RoiFigures, SourceCell};
use crate::rules::default_ruleset;
use crate::rules::testing::{evaluate, flat, json, worked_example};

fn roi(project: &Project) -> (Finding, RoiFigures) {
    let finding = evaluate(&RoiCheck, project, &default_ruleset());
    let Figures::Roi(figures) = finding.figures.clone() else {
        panic!("roi figures")
    };
    (finding, figures)
}

#[test]
fn worked_example_finding() {
    let (finding, _) = roi(&worked_example());
    assert_eq!(
        finding.explanation,
        "Returns 4.1:1 on compute over 18 months, meeting the 3:1 target; it pays back in \
         month 3 and reaches 3:1 in month 8."
    );
    insta::assert_snapshot!(json(&finding));
}

#[test]
fn inputs_point_at_their_cells_or_say_default() {
    let (finding, _) = roi(&worked_example());
    let upfront = &finding.inputs[0];
    assert_eq!(upfront.field, "upfront_compute_cost");
    assert_eq!(upfront.value, "15,000");
    assert_eq!(upfront.raw.as_deref(), Some("15,000"));
    assert_eq!(
        upfront.cell.as_ref().map(ToString::to_string).as_deref(),
        Some("portfolio.xlsx:Projects!C7")
    );
    let growth = &finding.inputs[2];
    assert_eq!(
        (growth.field, growth.value.as_str()),
        ("compute_growth_pct", "0%")
    );
    assert_eq!((growth.raw.as_ref(), growth.cell.as_ref()), (None, None));
}

#[test]
fn warn_says_what_would_reach_the_target() {
    let (finding, f) = roi(&flat(10_000.0, 24_000.0));
    assert_eq!(f.ratio, Some(2.4));
    assert_eq!(
        (finding.status, finding.score, finding.verdict.as_str()),
        (Status::Warn, 80.0, "Below 3:1")
    );
    assert_eq!(
        finding.explanation,
        "Returns 2.4:1 on compute over 18 months, below the 3:1 target but at least the 2:1 \
         warning level; benefit would need to rise 25% or compute to fall 20%."
    );
}

#[test]
fn fail_below_the_warning_level() {
    let (finding, _) = roi(&flat(10_000.0, 12_000.0));
    assert_eq!(
        (finding.status, finding.score, finding.verdict.as_str()),
        (Status::Fail, 40.0, "Below 2:1")
    );
    assert_eq!(
        finding.explanation,
        "Returns 1.2:1 on compute over 18 months, below both the 3:1 target and the 2:1 \
         warning level; benefit would need to rise 150% or compute to fall 60%."
    );
}

#[test]
fn user_counts_are_not_quantified_whatever_the_ratio() {
    let mut p = worked_example();
    p.benefit_metric = Field::read(BenefitMetric::UserCount, "User count", 7);
    let (finding, f) = roi(&p);
    assert_eq!(
        (finding.status, finding.score, finding.verdict.as_str()),
        (Status::Fail, 0.0, "Not quantifiable")
    );
    assert!(!f.quantified);
    assert!(f.ratio.is_some());
    assert_eq!(
        finding.explanation,
        "Its benefit is counted in users, not in efficiency, cost, revenue or risk, so the \
         4.1:1 it shows on compute over 18 months is not a quantified return."
    );
    p.benefit_metric = Field::read(BenefitMetric::None, "none", 7);
    let (finding, _) = roi(&p);
    assert!(
        finding
            .explanation
            .starts_with("It names no benefit metric"),
        "{}",
        finding.explanation
    );
}

#[test]
fn zero_compute_is_not_assessable() {
    let (finding, f) = roi(&flat(0.0, 5_000.0));
    assert_eq!(
        (finding.status, finding.score, finding.verdict.as_str()),
        (Status::Fail, 0.0, "Not assessable")
    );
    assert_eq!(
        (f.ratio, f.payback_month, f.target_month),
        (None, None, None)
    );
    assert_eq!(
        (f.benefit_factor_needed, f.compute_factor_needed, f.irr),
        (None, None, None)
    );
    assert_eq!(
        finding.explanation,
        "No compute spend was given for the 18-month horizon, so the return on compute cannot \
         be assessed."
    );
}

#[test]
fn quantified_metric_with_no_benefit_is_noted() {
    let (finding, f) = roi(&flat(10_000.0, 0.0));
    assert_eq!((finding.status, finding.score), (Status::Fail, 0.0));
    assert_eq!(f.benefit_factor_needed, None);
    assert_eq!(
        finding.notes,
        ["benefit metric is efficiency but no benefit is given"]
    );
    assert_eq!(
        finding.explanation,
        "Shows no benefit over 18 months against 180,000 of compute, so it returns nothing \
         toward the 3:1 target."
    );
}

#[test]
fn late_start_and_steep_growth_are_noted() {
    let mut p = flat(10_000.0, 50_000.0);
    p.benefit_start_month = Field::read(19, "19", 5);
    p.compute_growth_pct = Field::read(25.0, "25%", 15);
    let (finding, _) = roi(&p);
    assert_eq!(
        finding.notes,
        [
            "benefit starts in month 19, after the 18-month horizon",
            "compute grows 25% a month, above 20% a month: check the figure",
        ]
    );
    // Exactly 20% is not above 20%.
    p.compute_growth_pct = Field::read(20.0, "20%", 15);
    p.benefit_start_month = Field::default_value(1);
    assert!(roi(&p).0.notes.is_empty());
}

#[test]
fn touching_the_target_early_does_not_pass() {
    let mut p = worked_example();
    let source = |row| SourceCell {
        origin: p.origin.clone(),
        pos: CellPos { row, col: 1 },
    };
    p.cash_flows = Some(vec![
        MonthFlow {
            month: 1,
            compute: 10.0,
            benefit: 40.0,
            source: source(2),
        },
        MonthFlow {
            month: 10,
            compute: 100.0,
            benefit: 0.0,
            source: source(3),
        },
    ]);
    let (finding, f) = roi(&p);
    // At 4:1 in month 1 but not by the horizon: no target month either.
    assert_eq!(f.target_month, None);
    assert_eq!(f.payback_month, None);
    assert_eq!(finding.status, Status::Fail);
    assert!(f.cash_flows_used);
    assert_eq!(finding.inputs.len(), 3);
    assert_eq!(finding.inputs[1].value, "month 1: compute 10, benefit 40");
    assert_eq!(
        finding.inputs[2]
            .cell
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("portfolio.xlsx:Projects!B3")
    );
    assert!(
        finding.notes[0].starts_with("its cash-flow table gave compute and benefit"),
        "{:?}",
        finding.notes
    );
}

#[test]
fn verdict_uses_the_configured_target() {
    let mut ruleset = default_ruleset();
    ruleset.target_ratio = 2.5;
    let finding = evaluate(&RoiCheck, &flat(10_000.0, 25_000.0), &ruleset);
    assert_eq!(
        (finding.status, finding.verdict.as_str()),
        (Status::Pass, "Quantified 2.5:1")
    );
}

#[test]
fn ratio_shown_never_contradicts_the_status() {
    assert_eq!(ratio_words(2.96, &[3.0, 2.0]), "2.96:1");
    assert_eq!(ratio_words(2.999_6, &[3.0, 2.0]), "2.9996:1");
    assert_eq!(ratio_words(2.4, &[3.0, 2.0]), "2.4:1");
}

#[test]
fn the_explain_example_holds() {
    let mut p = worked_example();
    p.monthly_benefit = Field::read(25_000.0, "25,000", 4);
    let (finding, f) = roi(&p);
    assert_eq!(format::ratio(f.ratio.unwrap_or_default(), 2), "2.05:1");
    assert_eq!((finding.status, finding.score), (Status::Warn, 68.4));
    assert!(
        finding
            .explanation
            .contains("benefit would need to rise 46%"),
        "{}",
        finding.explanation
    );
    assert!(RoiCheck.explain().contains("score 68.4"));
}
