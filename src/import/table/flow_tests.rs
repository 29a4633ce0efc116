//! Cash-flow months as units write them, and amounts checked against
//! their project.

use std::sync::Arc;

use super::*;
use crate::import::values::ProviderNames;
use crate::model::Origin;

fn parse(provider_names: &ProviderNames) -> ParseCtx<'_> {
    ParseCtx::plain(provider_names)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

#[test]
fn months_are_numbers_or_calendar_months() {
    let names = ProviderNames::new(&crate::rules::default_ruleset());
    let p = parse(&names);
    let text = |t: &str| month(&CellValue::Text(t.into()), &p);
    let number = |v: f64| {
        month(
            &CellValue::Number {
                value: v,
                percent: false,
            },
            &p,
        )
    };
    assert_eq!(number(3.0), Ok(FlowMonth::Number(3)));
    assert_eq!(text("7"), Ok(FlowMonth::Number(7)));
    // A bare year is a month number (and refused later as beyond the look-ahead).
    assert_eq!(number(2026.0), Ok(FlowMonth::Number(2026)));
    assert_eq!(number(46023.0), Ok(FlowMonth::Date(ymd(2026, 1, 1))));
    for t in ["2026-03", "Mar 2026", "2026-03-01", "March 2026"] {
        assert_eq!(
            text(t).map(|m| match m {
                FlowMonth::Date(d) => (d.year(), d.month()),
                FlowMonth::Number(_) => (0, 0),
            }),
            Ok((2026, 3)),
            "{t}"
        );
    }
    assert_eq!(
        text("Q3 2026"),
        Err(
            "\"Q3 2026\" is a quarter or fiscal year, not one month; give one row per month".into()
        )
    );
    assert_eq!(
        text("soon"),
        Err("\"soon\" is not a month; expected a month number from 1 (the project's month 1) or a calendar month such as 2026-03 or Mar 2026".into())
    );
    assert_eq!(month_index(ymd(2026, 3, 1), ymd(2026, 3, 31)), 1);
    assert_eq!(month_index(ymd(2026, 11, 1), ymd(2027, 2, 1)), 4);
    assert_eq!(month_index(ymd(2026, 3, 1), ymd(2026, 2, 1)), 0);
}

fn draft(month: FlowMonth, currency: Option<(&str, bool)>) -> FlowDraft {
    FlowDraft {
        month,
        month_col: 1,
        month_raw: "m".into(),
        compute: Some(FlowAmount {
            amount: 1_000.0,
            currency: currency.map(|(c, h)| (c.to_string(), h)),
            col: 2,
            raw: "1000".into(),
        }),
        benefit: None,
        actual_compute: None,
        actual_benefit: None,
        source: SourceCell {
            origin: Arc::new(Origin {
                file: "f.csv".into(),
                sheet: "f".into(),
            }),
            pos: CellPos { row: 5, col: 0 },
        },
    }
}

#[test]
fn flows_take_their_projects_currency_and_month_one() {
    let terms = FlowTerms {
        project_id: "P-1",
        currency: "EUR",
        rate: 1.1,
        month_one: ymd(2026, 3, 1),
        from_start: true,
        lookahead: 60,
    };
    let flow = draft(FlowMonth::Date(ymd(2026, 5, 20)), Some(("EUR", false)))
        .resolve(&terms)
        .expect("a month")
        .flow;
    assert_eq!(flow.month, 3);
    assert!((flow.compute - 1_100.0).abs() < 1e-9);
    assert!(flow.benefit.abs() < f64::EPSILON);
    let refused = |d: FlowDraft| -> Vec<String> {
        d.resolve(&terms)
            .expect_err("refused")
            .into_iter()
            .map(|p| {
                format!(
                    "{}: {}",
                    p.cell.map(|c| c.to_string()).unwrap_or_default(),
                    p.message
                )
            })
            .collect()
    };
    assert_eq!(
        refused(draft(FlowMonth::Number(61), Some(("USD", true)))),
        [
            "B5: month 61 is beyond the ruleset's look-ahead of 60 months (lookahead_months); no month after it is scored",
            "C5: is in USD, as its column's header says, but project P-1's currency is EUR; give its cash flows in EUR",
        ]
    );
    assert_eq!(
        refused(draft(FlowMonth::Date(ymd(2031, 3, 1)), None)),
        [
            "B5: 2031-03 is month 61 of project P-1 (month 1 is 2026-03 (its start date)), beyond the ruleset's look-ahead of 60 months (lookahead_months); no month after it is scored"
        ]
    );
}

#[test]
fn a_row_of_actual_figures_alone_gives_no_plan() {
    let terms = FlowTerms {
        project_id: "P-1",
        currency: "EUR",
        rate: 1.1,
        month_one: ymd(2026, 3, 1),
        from_start: true,
        lookahead: 60,
    };
    let mut d = draft(FlowMonth::Number(2), None);
    d.actual_benefit = d.compute.take();
    let resolved = d.resolve(&terms).expect("a month");
    assert!(!resolved.plan);
    assert_eq!(resolved.actual_compute, None);
    assert!((resolved.actual_benefit.unwrap_or_default() - 1_100.0).abs() < 1e-9);
    // A row with neither plan nor actual amounts is a month planned at zero.
    let mut empty = draft(FlowMonth::Number(3), None);
    empty.compute = None;
    assert!(empty.resolve(&terms).expect("a month").plan);
    // Actual figures in another currency than the project's are refused.
    let mut usd = draft(FlowMonth::Number(2), Some(("USD", false)));
    usd.actual_compute = usd.compute.take();
    let problems = usd.resolve(&terms).expect_err("refused");
    assert_eq!(problems[0].column, Some(FieldId::ActualCompute));
}
