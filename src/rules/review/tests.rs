//! The review by hand: replacement, unverified benefit, the run-rate
//! re-forecast and the variance, each figure worked out on paper.

use chrono::NaiveDate;

use super::*;
use crate::model::{Actual, ActualSource, Grade};
use crate::rules::engine::score_project;
use crate::rules::testing::flat;
use crate::rules::{default_ruleset, ruleset_from_toml};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// A flat plan of 10,000 compute and 40,000 benefit a month from January
/// 2026 (4:1), with actual figures (month, compute, benefit) as of `as_of`.
fn project(as_of: NaiveDate, given: &[(u32, Option<f64>, Option<f64>)]) -> Project {
    let mut p = flat(10_000.0, 40_000.0);
    p.start_date = Some(date(2026, 1, 1));
    let mut actuals = Actuals::new(p.start_date, as_of);
    for &(m, compute, benefit) in given {
        let figure = |amount| Actual {
            amount,
            source: ActualSource::Bills,
        };
        actuals.month_mut(m).compute = compute.map(figure);
        actuals.month_mut(m).benefit = benefit.map(figure);
    }
    p.actuals = Some(actuals);
    p
}

/// Three months of 12,000 spent and 30,000 gained, complete by 31 March.
fn behind() -> Project {
    let m = (Some(12_000.0), Some(30_000.0));
    project(
        date(2026, 3, 31),
        &[(1, m.0, m.1), (2, m.0, m.1), (3, m.0, m.1)],
    )
}

fn reviewed(p: Project, reforecast: &str) -> Review {
    let ruleset = ruleset_from_toml(&format!("reforecast = \"{reforecast}\""))
        .unwrap_or_else(|e| panic!("{e}"));
    score_project(p, &ruleset)
        .review
        .unwrap_or_else(|| panic!("a review"))
}

#[test]
fn actual_months_replace_the_plan_and_the_rest_follow_it() {
    let r = reviewed(behind(), "plan");
    assert_eq!(r.actual_months, [1, 2, 3]);
    // 3 × 12,000 + 15 × 10,000 = 186,000; 3 × 30,000 + 15 × 40,000 = 690,000.
    let ratio = r.ratio.unwrap_or_default();
    assert!((ratio - 690_000.0 / 186_000.0).abs() < 1e-12);
    assert_eq!(r.on_track, Some(true));
    assert_eq!(r.months[2].compute, 12_000.0);
    assert_eq!(r.months[2].basis, MonthBasis::Actual);
    assert_eq!(r.months[3].compute, 10_000.0);
    assert_eq!(r.months[3].basis, MonthBasis::Plan);
    assert!(r.run_rate.is_none());
    assert!(r.unverified_benefit.is_empty());
}

#[test]
fn variance_is_actual_minus_plan_over_the_months_given() {
    let r = reviewed(behind(), "plan");
    let c = r
        .compute_variance
        .unwrap_or_else(|| panic!("compute variance"));
    assert_eq!((c.plan, c.actual, c.amount), (30_000.0, 36_000.0, 6_000.0));
    assert_eq!(c.pct, Some(20.0));
    let b = r
        .benefit_variance
        .unwrap_or_else(|| panic!("benefit variance"));
    assert_eq!(
        (b.plan, b.actual, b.amount),
        (120_000.0, 90_000.0, -30_000.0)
    );
    assert_eq!(b.pct, Some(-25.0));
    assert_eq!(b.months, [1, 2, 3]);
}

#[test]
fn run_rate_scales_the_remaining_plan_by_the_last_three_months() {
    let r = reviewed(behind(), "run_rate");
    let rate = r.run_rate.clone().unwrap_or_else(|| panic!("a run rate"));
    assert!((rate.compute - 1.2).abs() < 1e-12);
    assert!((rate.benefit - 0.75).abs() < 1e-12);
    assert_eq!(rate.months, [1, 2, 3]);
    assert!((r.months[17].compute - 12_000.0).abs() < 1e-9);
    assert!((r.months[17].benefit - 30_000.0).abs() < 1e-9);
    assert_eq!(r.months[17].basis, MonthBasis::RunRate);
    // 18 × 30,000 / 18 × 12,000 = 2.5:1: a warning, capped at B.
    assert!((r.ratio.unwrap_or_default() - 2.5).abs() < 1e-12);
    assert_eq!(r.on_track, Some(false));
    let graded = r.graded.unwrap_or_else(|| panic!("a review grade"));
    assert_eq!(graded.findings[0].status, Status::Warn);
    assert_eq!(graded.findings[0].score, 83.3);
}

#[test]
fn run_rate_takes_only_the_last_three_actual_months() {
    // Months 1 and 2 overspend wildly; 3..5 run at plan compute and
    // half the plan's benefit: the rates are 1 and 0.5.
    let p = project(
        date(2026, 5, 31),
        &[
            (1, Some(90_000.0), Some(0.0)),
            (2, Some(90_000.0), Some(0.0)),
            (3, Some(10_000.0), Some(20_000.0)),
            (4, Some(10_000.0), Some(20_000.0)),
            (5, Some(10_000.0), Some(20_000.0)),
        ],
    );
    let r = reviewed(p, "run_rate");
    let rate = r.run_rate.unwrap_or_else(|| panic!("a run rate"));
    assert_eq!(rate.months, [3, 4, 5]);
    assert_eq!((rate.compute, rate.benefit), (1.0, 0.5));
    assert_eq!(r.months[5].benefit, 20_000.0);
}

#[test]
fn a_month_without_actual_benefit_keeps_the_plan_unverified() {
    let p = project(
        date(2026, 2, 28),
        &[(1, Some(11_000.0), None), (2, Some(11_000.0), None)],
    );
    let r = reviewed(p, "run_rate");
    assert_eq!(r.unverified_benefit, [1, 2]);
    assert!(r.unverified_compute.is_empty());
    assert!(r.benefit_variance.is_none());
    assert_eq!(r.months[0].benefit, 40_000.0);
    assert_eq!(r.months[0].actual_benefit, None);
    // An unverified benefit counts as its plan: its run rate is 1.
    let rate = r.run_rate.unwrap_or_else(|| panic!("a run rate"));
    assert_eq!((rate.compute, rate.benefit), (1.1, 1.0));
    let c = r
        .compute_variance
        .unwrap_or_else(|| panic!("compute variance"));
    assert_eq!((c.amount, c.pct), (2_000.0, Some(10.0)));
}

#[test]
fn months_not_ended_by_as_of_give_no_review_grade() {
    let p = project(date(2026, 1, 30), &[(1, Some(12_000.0), Some(1.0))]);
    let r = reviewed(p, "plan");
    assert!(r.actual_months.is_empty());
    assert!(r.graded.is_none());
    assert_eq!(r.on_track, None);
    assert!(r.months.is_empty());
    assert_eq!(
        r.notes,
        [
            "actual figures for month 1 (2026-01) are not used: not ended by the as-of date 2026-01-30",
            "no month with actual figures has ended by the as-of date 2026-01-30: no review grade",
        ]
    );
}

#[test]
fn without_a_start_date_no_month_is_actual() {
    let mut p = behind();
    p.start_date = None;
    if let Some(a) = p.actuals.as_mut() {
        a.month_one = None;
    }
    let r = reviewed(p, "plan");
    assert!(r.graded.is_none());
    assert!(r.notes[0].contains("no start_date"), "{:?}", r.notes);
}

#[test]
fn the_plan_grade_is_untouched_and_without_actuals_there_is_no_review() {
    let ruleset = default_ruleset();
    let with = score_project(behind(), &ruleset);
    let mut plain = behind();
    plain.actuals = None;
    let without = score_project(plain, &ruleset);
    assert_eq!(with.findings, without.findings);
    assert_eq!((with.total, with.grade), (without.total, without.grade));
    assert_eq!(without.review, None);
    assert_eq!(with.grade, Grade::A);
}

#[test]
fn cumulative_ratio_follows_the_series_as_counted() {
    let r = reviewed(behind(), "plan");
    assert_eq!(r.months[0].cumulative_ratio, Some(2.5));
    // (90,000 + 40,000) / (36,000 + 10,000)
    let fourth = r.months[3].cumulative_ratio.unwrap_or_default();
    assert!((fourth - 130_000.0 / 46_000.0).abs() < 1e-12);
}

#[test]
fn the_summary_line_counts_reviews_on_track_and_waiting() {
    let ruleset = default_ruleset();
    let mut counts = ReviewCounts::default();
    assert_eq!(counts_line(&counts, &ruleset), None);
    for p in [
        behind(),
        project(date(2026, 1, 30), &[(1, Some(1.0), None)]),
    ] {
        if let Some(r) = score_project(p, &ruleset).review {
            counts.add(&r);
        }
    }
    let run_rate = ruleset_from_toml("reforecast = \"run_rate\"").unwrap_or_else(|e| panic!("{e}"));
    if let Some(r) = score_project(behind(), &run_rate).review {
        counts.add(&r);
    }
    assert_eq!(
        counts_line(&counts, &ruleset).as_deref(),
        Some(
            "3 projects with actuals: review grades A 1, B 1; 1 on track for 3:1 by month 18, \
             1 not; 1 with no actual month yet (none ended by the as-of date, or no start_date)"
        )
    );
}
