//! The bills joined to a project's months, worked out by hand: month 1
//! from the start date or the first billed month, billed months before it
//! left out, months the bills or the as-of date keep plan, on-premises
//! compute from the intake added, and the billed mix against the declared.

use std::collections::BTreeMap;

use super::*;
use crate::model::{PlanMonth, ProjectBills};
use crate::rules::default_ruleset;
use crate::rules::testing::flat;

fn ym(year: i32, month: u32) -> YearMonth {
    YearMonth { year, month }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Bills whose actual months are `actual`, with `plan` (month, reason)
/// staying plan, that found `months` (calendar month, amount) of P-1's spend
/// on `providers`.
fn spend(
    actual: &[YearMonth],
    plan: &[(YearMonth, &str)],
    months: &[(YearMonth, f64)],
    providers: &[(&str, f64)],
) -> BilledSpend {
    let billed = ProjectBills {
        rule: "tag:ai-project=P-1".to_owned(),
        months: months.iter().copied().collect(),
        by_provider: providers
            .iter()
            .map(|(p, a)| ((*p).to_owned(), *a))
            .collect(),
        matched_rows: months.len(),
        ..ProjectBills::default()
    };
    BilledSpend {
        actual_months: actual.to_vec(),
        plan_months: plan
            .iter()
            .map(|(month, reason)| PlanMonth {
                month: *month,
                reason: (*reason).to_owned(),
            })
            .collect(),
        per_project: BTreeMap::from([("P-1".to_owned(), billed)]),
        ..BilledSpend::default()
    }
}

fn project(start: Option<NaiveDate>) -> Project {
    let mut p = flat(1_000.0, 5_000.0);
    p.project_id = "P-1".to_owned();
    p.start_date = start;
    p.providers.value = crate::rules::testing::shares(&[("aws", 100.0)]);
    p
}

fn compute(p: &Project, m: u32) -> Option<f64> {
    p.actuals
        .as_ref()
        .and_then(|a| a.month(m))
        .and_then(|m| m.compute.as_ref())
        .map(|c| c.amount)
}

fn billed(p: &Project) -> &BilledActuals {
    p.actuals
        .as_ref()
        .and_then(|a| a.bills.as_ref())
        .expect("the bills were joined")
}

#[test]
fn calendar_months_count_from_month_one() {
    let one = ym(2026, 11);
    assert_eq!(project_month(one, ym(2026, 11)), 1);
    assert_eq!(project_month(one, ym(2027, 2)), 4);
    assert_eq!(project_month(one, ym(2026, 10)), 0);
    assert_eq!(project_month(one, ym(2025, 11)), -11);
}

#[test]
fn month_one_is_the_start_dates_month_and_an_incomplete_month_stays_plan() {
    let bills = spend(
        &[ym(2026, 1), ym(2026, 2)],
        &[(ym(2026, 3), "no charges from Google Cloud")],
        &[
            (ym(2026, 1), 1_000.0),
            (ym(2026, 2), 1_200.5),
            (ym(2026, 3), 900.0),
        ],
        &[("aws", 3_100.5)],
    );
    let mut p = project(Some(date(2026, 1, 15)));
    join(&mut p, &bills, &default_ruleset(), date(2026, 4, 10));
    assert_eq!(
        (compute(&p, 1), compute(&p, 2)),
        (Some(1_000.0), Some(1_200.5))
    );
    // March's 900 is in the bills but Google Cloud's export stops in February.
    assert_eq!(compute(&p, 3), None);
    let b = billed(&p);
    assert_eq!(b.month_one, MonthOne::StartDate);
    assert_eq!(b.actual, [1, 2]);
    assert_eq!(b.plan_reason(3), Some("no charges from Google Cloud"));
    assert_eq!(
        b.plan_reason(4),
        Some("the bills hold no charges after 2026-03")
    );
    let actuals = p.actuals.as_ref().expect("actuals");
    assert_eq!(actuals.actual_months(), [1, 2]);
    assert!(b.notes.is_empty(), "{:?}", b.notes);
}

#[test]
fn without_a_start_date_the_first_billed_month_is_month_one_with_a_note() {
    let bills = spend(
        &[ym(2026, 1), ym(2026, 2), ym(2026, 3)],
        &[],
        &[(ym(2026, 2), 700.0), (ym(2026, 3), 800.0)],
        &[("aws", 1_500.0)],
    );
    let mut p = project(None);
    join(&mut p, &bills, &default_ruleset(), date(2026, 4, 10));
    let b = billed(&p);
    assert_eq!(b.month_one, MonthOne::FirstBilledMonth);
    assert_eq!(b.month_one_calendar, ym(2026, 2));
    assert_eq!(b.actual, [1, 2]);
    assert_eq!((compute(&p, 1), compute(&p, 2)), (Some(700.0), Some(800.0)));
    assert_eq!(
        b.notes,
        [
            "no start_date: month 1 is the first month the bills hold charges of the project in, 2026-02"
        ]
    );
}

#[test]
fn billed_months_before_a_later_start_date_are_left_out_and_counted() {
    let bills = spend(
        &[ym(2026, 1), ym(2026, 2), ym(2026, 3)],
        &[],
        &[
            (ym(2026, 1), 500.0),
            (ym(2026, 2), 700.0),
            (ym(2026, 3), 800.0),
        ],
        &[("aws", 2_000.0)],
    );
    let mut p = project(Some(date(2026, 2, 1)));
    join(&mut p, &bills, &default_ruleset(), date(2026, 4, 10));
    let b = billed(&p);
    assert_eq!((b.before_month_one, b.before_month_one_spend), (1, 500.0));
    assert_eq!(b.actual, [1, 2]);
    assert_eq!((compute(&p, 1), compute(&p, 2)), (Some(700.0), Some(800.0)));
    assert_eq!(
        b.notes,
        ["1 billed month before month 1 (2026-02) left out: 500"]
    );
}

#[test]
fn a_month_not_ended_by_the_as_of_date_stays_plan() {
    // The bills count March complete, but the run is as of 15 March.
    let bills = spend(
        &[ym(2026, 1), ym(2026, 2), ym(2026, 3)],
        &[],
        &[(ym(2026, 1), 500.0), (ym(2026, 3), 800.0)],
        &[("aws", 1_300.0)],
    );
    let mut p = project(Some(date(2026, 1, 1)));
    join(&mut p, &bills, &default_ruleset(), date(2026, 3, 15));
    let b = billed(&p);
    // February holds no charges of the project in complete bills: a real zero.
    assert_eq!(b.actual, [1, 2]);
    assert_eq!(compute(&p, 2), Some(0.0));
    assert_eq!(compute(&p, 3), None);
    assert_eq!(
        b.plan_reason(3),
        Some("not ended by the as-of date 2026-03-15")
    );
}

#[test]
fn intake_compute_adds_to_the_billed_and_figures_of_a_plan_month_are_not_used() {
    let bills = spend(
        &[ym(2026, 1)],
        &[(ym(2026, 2), "no charges from Microsoft Azure")],
        &[(ym(2026, 1), 1_000.25), (ym(2026, 2), 900.0)],
        &[("aws", 1_900.25)],
    );
    let mut p = project(Some(date(2026, 1, 1)));
    let cell = p.cell(Some(0)).expect("a cell");
    let mut actuals = Actuals::new(p.start_date, date(2026, 4, 10));
    for m in [1, 2] {
        actuals.month_mut(m).compute = Some(Actual {
            amount: 250.5,
            source: ActualSource::Intake { cell: cell.clone() },
        });
    }
    p.actuals = Some(actuals);
    join(&mut p, &bills, &default_ruleset(), date(2026, 4, 10));
    let month = p
        .actuals
        .as_ref()
        .and_then(|a| a.month(1))
        .expect("month 1");
    let c = month.compute.as_ref().expect("compute");
    assert_eq!(c.amount, 1_250.75);
    assert_eq!(
        c.source,
        ActualSource::Both {
            cell,
            billed: 1_000.25,
            intake: 250.5
        }
    );
    assert_eq!(
        p.actuals.as_ref().map(Actuals::actual_months),
        Some(vec![1])
    );
    assert_eq!(
        billed(&p).notes,
        [
            "the intake's actual figures for month 2 (2026-02) are not used: no charges from Microsoft Azure"
        ]
    );
}

#[test]
fn a_billed_mix_far_from_the_declared_warns_with_labels() {
    let bills = spend(
        &[ym(2026, 1)],
        &[],
        &[(ym(2026, 1), 1_000.0)],
        &[("azure", 960.0), ("aws", 40.0)],
    );
    let mut p = project(Some(date(2026, 1, 1)));
    p.providers.value = crate::rules::testing::shares(&[("azure", 60.0), ("aws", 40.0)]);
    join(&mut p, &bills, &default_ruleset(), date(2026, 4, 10));
    let mix = &billed(&p).mix[0];
    assert_eq!(mix.gap_points, 36.0);
    assert_eq!(
        mix.warning.as_deref(),
        Some(
            "billed provider mix differs from the declared by 36 points: \
             declared Azure 60 / AWS 40, billed Azure 96 / AWS 4"
        )
    );
    // Within the threshold: measured, no warning.
    let close = spend(
        &[ym(2026, 1)],
        &[],
        &[(ym(2026, 1), 1_000.0)],
        &[("azure", 700.0), ("aws", 300.0), ("gcp", 0.0)],
    );
    let mut p = project(Some(date(2026, 1, 1)));
    p.providers.value = crate::rules::testing::shares(&[("azure", 60.0), ("aws", 40.0)]);
    join(&mut p, &close, &default_ruleset(), date(2026, 4, 10));
    let mix = &billed(&p).mix[0];
    assert!(mix.warning.is_none());
    assert_eq!(
        mix.billed
            .shares
            .iter()
            .map(|s| s.provider.as_str())
            .collect::<Vec<_>>(),
        ["azure", "aws", "gcp"]
    );
}

#[test]
fn a_project_the_bills_did_not_match_keeps_its_actuals() {
    let bills = spend(&[ym(2026, 1)], &[], &[(ym(2026, 1), 1.0)], &[("aws", 1.0)]);
    let mut p = project(Some(date(2026, 1, 1)));
    p.project_id = "P-2".to_owned();
    join(&mut p, &bills, &default_ruleset(), date(2026, 4, 10));
    assert!(p.actuals.is_none());
}
