//! Units in headers as units write them.

use super::*;
use crate::import::cell::Row;
use crate::import::table::unit_words::strip_period;
use crate::model::{CASH_FLOW_FIELDS, FIELDS};

fn unit(header: &str) -> ColumnUnit {
    ColumnUnit::of_header(header)
}

#[test]
fn scales_currencies_and_periods_are_read_from_brackets() {
    let k = Some(1e3);
    let m = Some(1e6);
    for (header, scale, currency, period) in [
        ("Monthly Compute Cost ($K)", k, Some("USD"), None),
        ("Monthly Benefit (USD thousands)", k, Some("USD"), None),
        ("Monthly Benefit (k€)", k, Some("EUR"), None),
        ("Monthly Benefit (K)", k, None, None),
        ("Monthly Benefit (M)", m, None, None),
        ("Monthly Benefit ($M)", m, Some("USD"), None),
        ("Monthly Benefit (USD millions)", m, Some("USD"), None),
        ("Monthly Benefit (mn)", m, None, None),
        ("Monthly Benefit (in USD '000)", k, Some("USD"), None),
        ("Monthly Benefit [EUR]", None, Some("EUR"), None),
        ("Monthly Benefit (£)", None, Some("GBP"), None),
        ("Compute Cost (annual)", None, None, Some(Period::Annual)),
        ("Benefit ($/yr)", None, Some("USD"), Some(Period::Annual)),
        ("Benefit (per year)", None, None, Some(Period::Annual)),
        ("Benefit (EURk p.a.)", k, Some("EUR"), Some(Period::Annual)),
    ] {
        let u = unit(header);
        assert_eq!(
            (u.scale, u.currency.as_deref(), u.period),
            (scale, currency, period),
            "{header}"
        );
    }
    let growth = unit("Growth (% per year)");
    assert!(growth.percent);
    assert_eq!(growth.period, Some(Period::Annual));
    assert_eq!(unit("Growth (% p.a.)").period, Some(Period::Annual));
    assert_eq!(
        unit("Compute Cost (hours)").measure.as_deref(),
        Some("hours")
    );
}

#[test]
fn other_bracketed_words_are_no_unit() {
    for header in [
        "Monthly Compute Cost (FY25 estimate)",
        "Providers (comma separated)",
        "Multi Step (Y/N)",
        "Provider(s)",
        "Use Case ID [#]",
        "Monthly Benefit (net of tax, M&A excluded)",
    ] {
        assert!(unit(header).is_empty(), "{header}: {:?}", unit(header));
    }
}

#[test]
fn values_are_scaled_and_made_monthly() {
    let mut u = unit("Compute Cost ($K)");
    assert!((u.money(12.0) - 12_000.0).abs() < 1e-9);
    u = unit("Benefit (USD thousands, annual)");
    assert!((u.money(120.0) - 10_000.0).abs() < 1e-9);
    u = unit("Growth (% p.a.)");
    // (1.12)^(1/12) - 1 = 0.9488793 %
    assert!((u.growth(12.0) - 0.948_879_293_458_4).abs() < 1e-9);
    u.field = Some(FieldId::ComputeGrowthPct);
    assert_eq!(u.describe(), "annual growth → monthly (1 + g)^(1/12) - 1");
    let mut u = unit("Benefit (k€/yr)");
    u.field = Some(FieldId::MonthlyBenefit);
    assert_eq!(u.describe(), "×1,000, EUR, annual ÷ 12");
}

#[test]
fn a_period_around_the_name_is_read() {
    let words = |h: &str| crate::import::table::header::header_words(h);
    let stripped = |h: &str| strip_period(&words(h)).map(|(w, p, _)| (w.concat(), p));
    assert_eq!(
        stripped("Annual Benefit"),
        Some(("benefit".into(), Period::Annual))
    );
    assert_eq!(
        stripped("Compute cost per year"),
        Some(("computecost".into(), Period::Annual))
    );
    assert_eq!(stripped("Annual"), None);
    assert_eq!(stripped("Monthly Benefit"), None);
}

#[test]
fn headers_carry_their_units_to_the_fields() {
    let row = Row::header(&[
        "Project ID",
        "Yearly compute cost",
        "Annual Benefit (k€)",
        "Annual Compute Growth %",
        "Upfront Compute Cost ($M)",
    ]);
    let map = HeaderMap::new(&row, FIELDS, &[]);
    assert!(map.refused.is_none(), "{:?}", map.refused);
    let of = |id: FieldId| map.unit(map.column_of(id).expect("column")).cloned();
    assert_eq!(
        of(FieldId::MonthlyComputeCost).and_then(|u| u.period),
        Some(Period::Annual)
    );
    let benefit = of(FieldId::MonthlyBenefit).expect("unit");
    assert_eq!(benefit.describe(), "×1,000, EUR, annual ÷ 12");
    assert_eq!(
        of(FieldId::ComputeGrowthPct).and_then(|u| u.period),
        Some(Period::Annual)
    );
    assert_eq!(
        of(FieldId::UpfrontComputeCost).and_then(|u| u.scale),
        Some(1e6)
    );
    assert_eq!(map.money_currency(), None);
    assert_eq!(
        map.notes[1],
        "column C \"Annual Benefit (k€)\" read as monthly_benefit with the unit its header gives: ×1,000, EUR, annual ÷ 12"
    );
}

#[test]
fn units_a_field_cannot_take_refuse_the_header() {
    for (header, why) in [
        (
            "Compute Growth % (K)",
            "compute_growth_pct is a percent and cannot be scaled",
        ),
        (
            "Compute Growth % (EUR)",
            "compute_growth_pct is a percent and has no currency",
        ),
        (
            "Systems Integrated (K)",
            "systems_integrated cannot be scaled by ×1,000",
        ),
        (
            "Systems Integrated (annual)",
            "systems_integrated is not a figure per period (annual)",
        ),
        (
            "Providers (USD)",
            "providers is not money and has no currency (USD)",
        ),
        (
            "Monthly Compute Cost (hours)",
            "monthly_compute_cost is not counted in hours",
        ),
        (
            "Monthly Benefit (%)",
            "monthly_benefit is an amount of money, not a percent",
        ),
        (
            "Upfront Compute Cost (annual)",
            "upfront_compute_cost is a one-off amount spent in month 1, not an annual one",
        ),
        (
            "Monthly Benefit (USD, EUR)",
            "it names two currencies, USD and EUR",
        ),
        (
            "Monthly Benefit (annual)",
            "it names two periods, monthly and annual",
        ),
    ] {
        let map = HeaderMap::new(&Row::header(&["Project ID", header]), FIELDS, &[]);
        let refused = map
            .refused
            .unwrap_or_else(|| panic!("{header} was not refused"));
        assert_eq!(refused.why, why, "{header}");
        assert_eq!(refused.column, format!("B \"{header}\""));
    }
    let flows = HeaderMap::new(
        &Row::header(&["project_id", "month", "compute_cost (annual)"]),
        CASH_FLOW_FIELDS,
        &[],
    );
    assert_eq!(
        flows.refused.map(|r| r.why).as_deref(),
        Some("a cash flow is the amount of one month, not an annual one")
    );
    // Months on a count of months is what it is.
    let ramp = HeaderMap::new(
        &Row::header(&["Project ID", "Benefit Ramp Months (months)"]),
        FIELDS,
        &[],
    );
    assert!(ramp.refused.is_none());
}
