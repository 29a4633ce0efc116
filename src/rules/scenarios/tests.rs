use super::*;
use crate::model::{CellPos, Field, MonthFlow, SourceCell, Status};
use crate::rules::testing::{shares, worked_example};
use crate::rules::{default_ruleset, score_project_with};

fn none(name: &str) -> Scenario {
    Scenario {
        name: name.into(),
        label: name.into(),
        compute_price_pct: 0.0,
        compute_price_from_month: 1,
        benefit_cut_pct: 0.0,
        benefit_delay_months: 0,
        growth_points: 0.0,
        remove_largest_provider: false,
    }
}

/// The worked example's series under a scenario.
fn shocked(project: &Project, scenario: &Scenario) -> Series {
    let mut s = Series::default();
    s.fill(project, &default_ruleset());
    shock_series(&mut s, project, scenario);
    s
}

#[test]
fn compute_price_from_a_month_on_multiplies_those_months_only() {
    let p = worked_example();
    let s = shocked(
        &p,
        &Scenario {
            compute_price_pct: 25.0,
            compute_price_from_month: 3,
            ..none("x")
        },
    );
    // Month 1: 15,000 upfront + 10,000; month 2: 10,000; from month 3: 12,500.
    assert_eq!(&s.compute[..4], &[25_000.0, 10_000.0, 12_500.0, 12_500.0]);
    // 35,000 + 16 × 12,500 over the horizon.
    assert_eq!(s.compute_to(18), 235_000.0);
}

#[test]
fn compute_price_from_the_start_includes_the_upfront() {
    let s = shocked(
        &worked_example(),
        &Scenario {
            compute_price_pct: 25.0,
            ..none("x")
        },
    );
    assert_eq!(s.compute[0], 31_250.0);
    // 195,000 × 1.25: the worked example's ratio 4.1026 falls to 3.28.
    assert_eq!(s.compute_to(18), 243_750.0);
}

#[test]
fn benefit_cut_scales_every_month() {
    let s = shocked(
        &worked_example(),
        &Scenario {
            benefit_cut_pct: 30.0,
            ..none("x")
        },
    );
    assert_eq!(s.benefit[3], 35_000.0);
    assert!((s.benefit_to(18) - 560_000.0).abs() < 1e-6);
}

#[test]
fn benefit_delay_shifts_the_ramp_later() {
    let s = shocked(
        &worked_example(),
        &Scenario {
            benefit_delay_months: 3,
            ..none("x")
        },
    );
    // The ramp started in month 2; three months late it starts in month 5.
    assert_eq!(&s.benefit[..4], &[0.0, 0.0, 0.0, 0.0]);
    assert!((s.benefit[4] - 50_000.0 / 3.0).abs() < 1e-9);
    assert_eq!(s.benefit[6], 50_000.0);
    // 800,000 - 3 × 50,000, the margins' delay.
    assert!((s.benefit_to(18) - 650_000.0).abs() < 1e-6);
    let mut plan = Series::default();
    plan.fill(&worked_example(), &default_ruleset());
    let ruleset = default_ruleset();
    let ratio = s.benefit_to(18) / s.compute_to(18);
    assert!((ratio - crate::rules::margins::delayed_ratio(&plan, 3, &ruleset)).abs() < 1e-12);
}

#[test]
fn growth_points_add_to_the_monthly_growth() {
    let mut p = worked_example();
    p.upfront_compute_cost = Field::default_value(0.0);
    p.compute_growth_pct = Field::default_value(1.0);
    let s = shocked(
        &p,
        &Scenario {
            growth_points: 9.0,
            ..none("x")
        },
    );
    // 1 + 9 points: 10% a month, compounding from month 2.
    assert!((s.compute[0] - 10_000.0).abs() < 1e-9);
    assert!((s.compute[1] - 11_000.0).abs() < 1e-9);
    assert!((s.compute[2] - 12_100.0).abs() < 1e-9);
}

#[test]
fn growth_points_on_cash_flows_compound_each_month() {
    let mut p = worked_example();
    let source = SourceCell {
        origin: p.origin.clone(),
        pos: CellPos { row: 2, col: 0 },
    };
    let flow = |month, compute| MonthFlow {
        month,
        compute,
        benefit: 0.0,
        source: source.clone(),
    };
    p.cash_flows = Some(vec![flow(1, 100.0), flow(2, 100.0), flow(3, 100.0)]);
    let s = shocked(
        &p,
        &Scenario {
            growth_points: 10.0,
            ..none("x")
        },
    );
    assert!((s.compute[0] - 100.0).abs() < 1e-9);
    assert!((s.compute[1] - 110.0).abs() < 1e-9);
    assert!((s.compute[2] - 121.0).abs() < 1e-9);
}

#[test]
fn largest_provider_moves_to_the_next_largest() {
    let moved = without_largest(&shares(&[("aws", 20.0), ("azure", 50.0), ("gcp", 30.0)]));
    let pairs: Vec<(String, f64)> = moved
        .map(|l| l.shares.into_iter().map(|s| (s.provider, s.pct)).collect())
        .unwrap_or_default();
    assert_eq!(pairs, [("aws".into(), 20.0), ("gcp".into(), 80.0)]);
    assert!(without_largest(&shares(&[("azure", 100.0)])).is_none());
}

#[test]
fn the_worked_example_under_the_default_scenarios() {
    let ruleset = default_ruleset();
    let mut score = score_project_with(worked_example(), &ruleset, &mut Series::default());
    let mut runner = ScenarioRunner::new(&ruleset.scenarios);
    runner.score(&mut score, &ruleset);
    let ratios: Vec<f64> = score.scenarios.iter().filter_map(|r| r.ratio).collect();
    // 800,000 / 243,750; 560,000 / 195,000; 650,000 / 195,000.
    assert!((ratios[0] - 3.282_051_282).abs() < 1e-9);
    assert!((ratios[1] - 2.871_794_872).abs() < 1e-9);
    assert!((ratios[2] - 3.333_333_333).abs() < 1e-9);
    let statuses: Vec<Status> = score.scenarios.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Status::Pass, Status::Warn, Status::Pass]);
    // Under benefit -30% the roi check warns: the grade is capped at B.
    assert_eq!(score.scenarios[1].grade, Grade::B);
    assert_eq!(score.broken_by(), Some(1));
    assert_eq!(score.worst_grade(), Grade::B);
    let summaries = runner.finish();
    assert_eq!(summaries[1].validated, 0);
    assert_eq!(summaries[1].broken, 1);
    assert_eq!(summaries[0].validated, 1);
    assert!((summaries[0].ratio.unwrap_or_default() - ratios[0]).abs() < 1e-12);
}

#[test]
fn removing_the_largest_provider_regrades_diversification_and_restores_the_project() {
    let ruleset = default_ruleset();
    let mut score = score_project_with(worked_example(), &ruleset, &mut Series::default());
    let mut runner = ScenarioRunner::new(&[Scenario {
        remove_largest_provider: true,
        ..none("single")
    }]);
    runner.score(&mut score, &ruleset);
    // azure:60; aws:40 becomes aws:100: single-source, diversification 0
    // instead of 96, the total 24 points lower: 94 → 70, the B band.
    assert_eq!(score.scenarios[0].total, 70.0);
    assert_eq!(score.scenarios[0].grade, Grade::B);
    assert_eq!(score.project.providers.value.shares.len(), 2);
}
