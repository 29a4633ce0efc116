//! The review's months and mixes in words, on a project joined to bills
//! by hand: January and February actual, March kept plan by the bills,
//! the rest not ended by the as-of date.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::model::{BilledSpend, PlanMonth, Project, ProjectBills, YearMonth};
use crate::rules::default_ruleset;
use crate::rules::engine::score_project;
use crate::rules::review::bills::join;
use crate::rules::testing::{flat, shares};

fn ym(year: i32, month: u32) -> YearMonth {
    YearMonth { year, month }
}

/// P-1, declared AWS 50 / Azure 50, billed 900 a month on AWS alone for
/// January to March and 300 in April; Azure's export stops in February;
/// as of 10 April.
fn reviewed() -> (Project, Review, BilledSpend) {
    let mut p = flat(1_000.0, 5_000.0);
    p.project_id = "P-1".to_owned();
    p.start_date = NaiveDate::from_ymd_opt(2026, 1, 1);
    p.providers.value = shares(&[("aws", 50.0), ("azure", 50.0)]);
    let billed = ProjectBills {
        rule: "tag:ai-project=P-1".to_owned(),
        months: BTreeMap::from([
            (ym(2026, 1), 900.0),
            (ym(2026, 2), 900.0),
            (ym(2026, 3), 900.0),
            (ym(2026, 4), 300.0),
        ]),
        by_provider: BTreeMap::from([("aws".to_owned(), 3_000.0)]),
        ..ProjectBills::default()
    };
    let mut bills = BilledSpend {
        actual_months: vec![ym(2026, 1), ym(2026, 2)],
        plan_months: vec![
            PlanMonth {
                month: ym(2026, 3),
                reason: "no charges from Microsoft Azure".to_owned(),
            },
            PlanMonth {
                month: ym(2026, 4),
                reason: "not ended by the as-of date 2026-04-10".to_owned(),
            },
        ],
        per_project: BTreeMap::from([("P-1".to_owned(), billed)]),
        ..BilledSpend::default()
    };
    let ruleset = default_ruleset();
    let as_of = NaiveDate::from_ymd_opt(2026, 4, 10).unwrap_or_default();
    join(&mut p, &bills, &ruleset, as_of);
    let score = score_project(p, &ruleset);
    if let Some(entry) = bills.per_project.get_mut("P-1") {
        entry.review = score.project.actuals.as_ref().and_then(|a| a.bills.clone());
    }
    let review = score.review.unwrap_or_else(|| panic!("a review"));
    (score.project, review, bills)
}

#[test]
fn the_months_line_gives_ranges_with_their_calendar_and_reasons() {
    let (p, r, _) = reviewed();
    assert_eq!(
        months_line(&r, p.actuals.as_ref()).as_deref(),
        Some(
            "months 1\u{2013}2 actual (2026-01 to 2026-02); month 3 plan (2026-03): no charges \
             from Microsoft Azure; months 4\u{2013}18 plan (2026-04 to 2027-06): not ended by \
             the as-of date 2026-04-10"
        )
    );
}

#[test]
fn a_month_note_marks_unverified_benefit_and_why_a_billed_month_stays_plan() {
    let (p, r, _) = reviewed();
    let note = |m: usize| month_note(&r, &r.months[m - 1], p.actuals.as_ref());
    // No actual_benefit: the plan's benefit counts, unverified.
    assert_eq!(note(1).as_deref(), Some("benefit unverified: plan kept"));
    assert_eq!(note(3).as_deref(), Some("no charges from Microsoft Azure"));
    // April is billed but not ended; May is past the bills: no note (the
    // months line says why).
    assert_eq!(
        note(4).as_deref(),
        Some("not ended by the as-of date 2026-04-10")
    );
    assert_eq!(note(5), None);
    assert_eq!(
        unverified_lines(&r),
        [
            "benefit of months 1\u{2013}2 unverified: no actual_benefit given, the plan's benefit kept"
        ]
    );
}

#[test]
fn mix_warnings_and_departures_are_the_reviews_own_words() {
    let (p, r, bills) = reviewed();
    let warning = "billed provider mix differs from the declared by 50 points: \
                   declared AWS 50 / Azure 50, billed AWS 100 / Azure 0";
    assert_eq!(mix_warnings(p.actuals.as_ref()), [warning]);
    assert!(r.notes.iter().any(|n| n == warning), "{:?}", r.notes);
    assert_eq!(mix_departures(&bills), [format!("P-1: {warning}")]);
    assert_eq!(sentence("months 1–2"), "Months 1–2");
    assert_eq!(sentence(""), "");
}
