//! Tests of the shared arithmetic, including numpy-financial's published
//! NPV and IRR reference values.

use super::*;

#[test]
fn comparisons_use_the_spec_tolerance() {
    assert!(ge(3.0 - 1e-10, 3.0));
    assert!(!ge(3.0 - 1e-8, 3.0));
    assert!(!gt(75.0 + 1e-8, 75.0));
    assert!(gt(75.0 + 1e-6, 75.0));
    // Tolerance is relative for large thresholds, absolute below 1.
    assert!(ge(1e12 - 100.0, 1e12));
    assert!(!ge(0.5 - 2e-9, 0.5));
}

#[test]
fn rounding_is_half_away_from_zero() {
    assert_eq!(round1(0.05), 0.1);
    assert_eq!(round1(0.15), 0.2);
    assert_eq!(round1(0.25), 0.3);
    assert_eq!(round1(0.35), 0.4);
    assert_eq!(round1(96.04), 96.0);
    assert_eq!(round1(-0.05), -0.1);
    assert_eq!(round1(-0.04), 0.0);
    assert!(round1(-0.04).is_sign_positive());
    assert_eq!(round1(0.5 * 100.0 + 0.25 * 96.0 + 0.25 * 80.0), 94.0);
    assert_eq!(round1(94.05), 94.1);
    assert_eq!(round1(0.25 * 96.3), 24.1);
    assert_eq!(round1(-2.25), -2.3);
}

#[test]
fn monthly_rate_compounds_to_the_annual_rate() {
    let m = monthly_rate(0.10);
    assert!(((1.0 + m).powi(12) - 1.10).abs() < 1e-14);
}

#[test]
fn excel_npv_discounts_the_first_flow() {
    assert!((npv(0.1, &[110.0]) - 100.0).abs() < 1e-12);
    assert!((npv(0.1, &[0.0, 121.0]) - 100.0).abs() < 1e-12);
    assert!(npv(-1.0, &[1.0]).is_nan());
}

#[test]
fn payback_and_target_month_need_positive_compute() {
    assert_eq!(payback_month(&[0.0, 10.0], &[5.0, 5.0], 2), Some(2));
    assert_eq!(payback_month(&[10.0, 10.0], &[0.0, 5.0], 2), None);
    assert_eq!(
        target_month(&[10.0, 0.0, 0.0], &[0.0, 20.0, 10.0], 3.0, 3),
        Some(3)
    );
    assert_eq!(target_month(&[0.0, 0.0], &[5.0, 5.0], 3.0, 2), None);
}

/// In profit in month 1 and losing money by the horizon is no payback; one
/// that falls back before the horizon pays back from when it recovers; a
/// month after the horizon counts on its own.
#[test]
fn payback_and_target_month_must_last_through_the_horizon() {
    let compute = [10.0, 10.0, 10.0, 10.0];
    // Cumulative benefit 20, 20, 20, 20 against 10, 20, 30, 40.
    assert_eq!(payback_month(&compute, &[20.0, 0.0, 0.0, 0.0], 3), None);
    // 20, 20, 40, 60 against 10, 20, 30, 40: covered in 1, 2, 3, 4.
    assert_eq!(
        payback_month(&compute, &[20.0, 0.0, 20.0, 20.0], 3),
        Some(1)
    );
    // 20, 20, 25, 60: month 3 falls short, so it pays back from month 4,
    // past a horizon of 3.
    assert_eq!(payback_month(&compute, &[20.0, 0.0, 5.0, 35.0], 3), Some(4));
    // Ratio 2.0 in month 1, 1.0 in 2, 3.0 in 3 and on: 3:1 from month 3.
    assert_eq!(
        target_month(&compute, &[20.0, 0.0, 70.0, 30.0], 3.0, 3),
        Some(3)
    );
}

#[test]
fn an_irr_only_for_an_investment_shaped_series() {
    assert_eq!(investment_shape(&[0.0, -100.0, 0.0, 60.0, 60.0]), Ok(()));
    assert_eq!(
        investment_shape(&[50.0, -10.0, -10.0]),
        Err(NoIrr::NotAnOutlay)
    );
    assert_eq!(investment_shape(&[0.0, 0.0]), Err(NoIrr::NotAnOutlay));
    assert_eq!(investment_shape(&[-10.0, -10.0]), Err(NoIrr::NeverPositive));
    assert_eq!(
        investment_shape(&[-100.0, 80.0, -10.0, 80.0]),
        Err(NoIrr::SignChanges)
    );
    // A money-losing project in profit in month 1 has no IRR, not +253%.
    let loses = [5_000.0, -1_000.0, -2_000.0, -3_000.0];
    assert_eq!(shaped_annual_irr(&loses, 0.1), Err(NoIrr::NotAnOutlay));
    let shaped = shaped_annual_irr(&[-100.0, 110.0], 0.1).expect("shaped");
    assert!(shaped.is_some_and(|r| (r - (1.1f64.powi(12) - 1.0)).abs() < 1e-9));
}

#[test]
fn irr_of_a_simple_loan() {
    // -100 now, 110 a period later: 10% a period.
    let r = irr(&[-100.0, 110.0], 0.1).unwrap_or(f64::NAN);
    assert!((r - 0.1).abs() < 1e-14, "{r}");
    assert_eq!(irr(&[0.0, 0.0], 0.1), None);
    assert_eq!(irr(&[], 0.1), None);
}

#[test]
fn annual_irr_annualises_the_monthly_rate() {
    let m = monthly_rate(0.25);
    let flows = [-100.0, 100.0 * (1.0 + m)];
    let a = annual_irr(&flows, 0.1).unwrap_or(f64::NAN);
    assert!((a - 0.25).abs() < 1e-12, "{a}");
}

fn parse_flows(text: &str) -> Vec<f64> {
    text.split(';')
        .map(|v| {
            v.trim()
                .parse::<f64>()
                .unwrap_or_else(|e| panic!("{v}: {e}"))
        })
        .collect()
}

/// numpy-financial's `npv(rate, values)` does not discount `values[0]`.
fn numpy_npv(rate: f64, values: &[f64]) -> f64 {
    values[0] + npv(rate, &values[1..])
}

fn check_expected(name: &str, got: Option<f64>, expected: &str, tolerance: &str) {
    match tolerance {
        "isnan" | "raise_exceptions=True" => {
            assert!(
                got.is_none_or(f64::is_nan),
                "{name}: expected no value, got {got:?}"
            );
            return;
        }
        _ => {}
    }
    let want: f64 = expected
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {expected}: {e}"));
    let got = got.unwrap_or_else(|| panic!("{name}: expected {want}, got none"));
    let ok = if let Some(rtol) = tolerance.strip_prefix("rtol=") {
        let rtol: f64 = rtol.parse().unwrap_or(0.0);
        (got - want).abs() <= rtol * want.abs()
    } else if let Some(atol) = tolerance.strip_prefix("atol=") {
        let atol: f64 = atol.parse().unwrap_or(0.0);
        (got - want).abs() <= atol
    } else if let Some(places) = tolerance.strip_prefix("round") {
        let scale = 10f64.powi(places.parse().unwrap_or(0));
        (got * scale).round() == (want * scale).round()
    } else {
        panic!("{name}: unknown tolerance {tolerance}")
    };
    assert!(ok, "{name}: got {got}, expected {want} ({tolerance})");
}

#[test]
fn numpy_financial_reference_vectors() {
    let Some(path) = crate::external_data::external_data(
        "numpy-financial-vectors/npv_irr_mirr_vectors.csv",
        "numpy_financial_reference_vectors",
    ) else {
        return;
    };
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let (mut npv_rows, mut irr_rows, mut congruence_rows) = (0, 0, 0);
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let (function, rate, flows) = (field(0), field(1), parse_flows(field(3)));
        let (expected, tolerance) = (field(4), field(5));
        let name = format!("{function} {} ({})", field(3), field(6));
        match function {
            "npv" => {
                let rate: f64 = rate.parse().unwrap_or(f64::NAN);
                let got = numpy_npv(rate, &flows);
                check_expected(
                    &name,
                    Some(got).filter(|v| !v.is_nan()),
                    expected,
                    tolerance,
                );
                npv_rows += 1;
            }
            "irr" => {
                check_expected(&name, irr(&flows, 0.1), expected, tolerance);
                irr_rows += 1;
            }
            "irr_npv_congruence" => {
                let r = irr(&flows, 0.1).unwrap_or_else(|| panic!("{name}: no irr"));
                let residual = numpy_npv(r, &flows);
                let atol: f64 = tolerance.trim_start_matches("atol=").parse().unwrap_or(0.0);
                assert!(
                    residual.abs() <= atol,
                    "{name}: npv at irr {r} is {residual}"
                );
                congruence_rows += 1;
            }
            // MIRR is not a figure airoi reports.
            _ => {}
        }
    }
    assert!(
        npv_rows >= 9 && irr_rows >= 11 && congruence_rows >= 1,
        "too few vectors read: npv {npv_rows}, irr {irr_rows}, congruence {congruence_rows}"
    );
}
