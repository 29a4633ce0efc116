//! The engine end to end: the spec's worked example, gates, the portfolio.

use super::*;
use crate::model::{BenefitMetric, CheckId, Field, FieldId, Figures, Grade, Phase, Stage, Status};
use crate::rules::portfolio::UNASSIGNED_BUSINESS_UNIT;
use crate::rules::testing::{shares, worked_example};
use crate::rules::{PortfolioAccumulator, default_ruleset};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn worked_example_end_to_end() {
    let score = score_project(worked_example(), &default_ruleset());
    let roi = score.finding(CheckId::Roi);
    let Figures::Roi(f) = &roi.figures else {
        panic!("roi figures")
    };
    assert!(close(f.compute_total, 195_000.0, 1e-6));
    assert!(close(f.benefit_total, 800_000.0, 1e-6));
    let ratio = f.ratio.unwrap_or_default();
    assert!(close(ratio, 800.0 / 195.0, 1e-12), "{ratio}");
    assert_eq!(format!("{ratio:.3}"), "4.103");
    assert_eq!(roi.status, Status::Pass);
    assert_eq!(roi.score, 100.0);
    assert_eq!(roi.verdict, "Quantified 3:1");
    assert_eq!(
        format!("{:.1}", f.net_roi.unwrap_or_default() * 100.0),
        "310.3"
    );
    assert_eq!(f.payback_month, Some(3));
    assert_eq!(f.target_month, Some(8));
    assert_eq!(format!("{:.2}", f.npv), "554671.16");
    assert_eq!(
        format!("{:.3}", f.benefit_factor_needed.unwrap_or_default()),
        "0.731"
    );
    assert_eq!(
        format!("{:.3}", f.compute_factor_needed.unwrap_or_default()),
        "1.368"
    );
    assert!(close(f.net_benefit, 605_000.0, 1e-6));
    assert!(f.irr.is_some_and(|irr| irr > 1.0), "{:?}", f.irr);

    let div = score.finding(CheckId::Diversification);
    let Figures::Diversification(d) = &div.figures else {
        panic!("diversification figures")
    };
    assert!(close(d.hhi, 5_200.0, 1e-9));
    assert_eq!(d.top_share, 60.0);
    assert_eq!(
        (div.status, div.score, div.verdict.as_str()),
        (Status::Pass, 96.0, "Diversified")
    );

    let agentic = score.finding(CheckId::Agentic);
    let Figures::Agentic(a) = &agentic.figures else {
        panic!("agentic figures")
    };
    assert_eq!(a.capabilities, 4);
    assert_eq!(
        a.met,
        [
            FieldId::MultiStep,
            FieldId::Stateful,
            FieldId::SystemsIntegrated,
            FieldId::Autonomy
        ]
    );
    assert_eq!(
        (agentic.status, agentic.score, agentic.verdict.as_str()),
        (Status::Pass, 80.0, "Agent")
    );

    assert_eq!(score.total, 94.0);
    assert_eq!(score.grade, Grade::A);
    assert_eq!(score.gate, None);
    assert_eq!(score.phase, Phase::Validated);
}

#[test]
fn bands_grade_the_rounded_total() {
    let bands = default_ruleset().grade_bands;
    assert_eq!(grade(85.0, &bands), Grade::A);
    assert_eq!(grade(84.9, &bands), Grade::B);
    assert_eq!(grade(70.0, &bands), Grade::B);
    assert_eq!(grade(55.0, &bands), Grade::C);
    assert_eq!(grade(40.0, &bands), Grade::D);
    assert_eq!(grade(39.9, &bands), Grade::F);
    assert_eq!(grade(0.0, &bands), Grade::F);
}

#[test]
fn failing_roi_caps_the_grade_at_c() {
    // Benefit 40% of the example's: ratio 1.64, roi fail, score 54.7 —
    // the total (27.35 + 24 + 20 = 71.4) earns a B the gate lowers to C.
    let mut p = worked_example();
    p.monthly_benefit = Field::read(20_000.0, "20,000", 4);
    let score = score_project(p, &default_ruleset());
    assert_eq!(score.finding(CheckId::Roi).status, Status::Fail);
    assert_eq!(score.total, 71.4);
    assert_eq!(score.grade, Grade::C);
    let gate = score.gate.as_ref().map(|g| (g.key, g.from, g.to));
    assert_eq!(gate, Some(("max_grade_if_fail", Grade::B, Grade::C)));
    assert_eq!(score.phase, Phase::Speculative);
}

#[test]
fn warning_roi_caps_the_grade_at_b() {
    // Ratio 2.46: warn, score 82.1; 41.05 + 24 + 20 = 85.1, an A the gate lowers to B.
    let mut p = worked_example();
    p.monthly_benefit = Field::read(30_000.0, "30,000", 4);
    let score = score_project(p, &default_ruleset());
    assert_eq!(score.finding(CheckId::Roi).status, Status::Warn);
    assert_eq!(score.total, 85.1);
    assert_eq!(score.grade, Grade::B);
    assert_eq!(
        score.gate.as_ref().map(|g| g.key),
        Some("max_grade_if_warn")
    );
}

#[test]
fn gate_not_recorded_when_bands_already_lower() {
    let mut p = worked_example();
    p.benefit_metric = Field::read(BenefitMetric::UserCount, "users", 7);
    let score = score_project(p, &default_ruleset());
    // 0 + 24 + 20 = 44: a D, below the C cap.
    assert_eq!((score.total, score.grade), (44.0, Grade::D));
    assert_eq!(score.gate, None);
}

#[test]
fn portfolio_weights_providers_by_compute() {
    let mut big = worked_example();
    big.project_id = "P-002".to_owned();
    big.monthly_compute_cost = Field::read(100_000.0, "100,000", 3);
    big.upfront_compute_cost = Field::default_value(0.0);
    big.providers = Field::read(shares(&[("aws", 70.0), ("gcp", 30.0)]), "aws 70, gcp 30", 8);
    big.business_unit = None;
    big.stage = Some(Stage::Pilot);
    let card = score(vec![worked_example(), big], &default_ruleset());
    let p = &card.portfolio;
    assert_eq!(p.projects, 2);
    assert!(close(p.compute_total, 195_000.0 + 1_800_000.0, 1e-6));
    assert!(close(p.benefit_total, 1_600_000.0, 1e-6));
    assert!(close(
        p.ratio.unwrap_or_default(),
        1_600_000.0 / 1_995_000.0,
        1e-12
    ));
    // aws 78,000 + 1,260,000; azure 117,000; gcp 540,000 of 1,995,000.
    let mix: Vec<(&str, f64)> = p
        .provider_mix
        .iter()
        .map(|s| (s.provider.as_str(), s.pct))
        .collect();
    assert_eq!(
        mix.iter().map(|m| m.0).collect::<Vec<_>>(),
        ["aws", "gcp", "azure"]
    );
    let pct = |x: f64| 100.0 * x / 1_995_000.0;
    let hhi = pct(1_338_000.0).powi(2) + pct(540_000.0).powi(2) + pct(117_000.0).powi(2);
    assert!(close(p.hhi.unwrap_or_default(), hhi, 1e-6));
    assert_eq!(p.grades.len(), 5);
    assert_eq!(p.grades[&Grade::A], 1);
    assert_eq!(p.grades[&Grade::F], 0);
    assert_eq!(p.checks.len(), 3);
    assert_eq!(
        p.checks[&CheckId::Roi].pass + p.checks[&CheckId::Roi].fail,
        2
    );
    assert_eq!(
        (p.validated, p.speculative, p.agentic, p.chatbot),
        (1, 1, 2, 0)
    );
    assert_eq!(
        card.by_business_unit.keys().collect::<Vec<_>>(),
        ["(unassigned)", "Finance"]
    );
    assert_eq!(card.by_business_unit[UNASSIGNED_BUSINESS_UNIT].projects, 1);
    assert_eq!(card.by_stage[&Some(Stage::Pilot)].projects, 1);
    assert_eq!(card.by_stage[&None].grades.len(), 5);
    assert_eq!(card.projects[1].project.project_id, "P-002");
}

#[test]
fn accumulator_matches_score() {
    let projects = vec![worked_example(), worked_example()];
    let card = score(projects.clone(), &default_ruleset());
    let mut acc = PortfolioAccumulator::new();
    let mut buffer = crate::rules::Series::default();
    for p in projects {
        acc.add(&score_project_with(p, &default_ruleset(), &mut buffer));
    }
    assert_eq!(acc.finish().portfolio, card.portfolio);
}

#[test]
fn empty_portfolio_has_no_ratio_and_zero_counts() {
    let card = score(Vec::new(), &default_ruleset());
    assert_eq!(card.portfolio.ratio, None);
    assert_eq!(card.portfolio.hhi, None);
    assert!(card.portfolio.grades.values().all(|n| *n == 0));
    assert!(card.by_business_unit.is_empty());
}
