// Parsed values are compared exactly: the parsers must not lose a digit.
#![allow(clippy::float_cmp)]

use chrono::NaiveDate;

use super::*;
use crate::model::ProviderDimension;

const INFRA: ProviderDimension = ProviderDimension::Infrastructure;

fn with_ctx<T>(f: impl FnOnce(&ParseCtx) -> T) -> T {
    let names = ProviderNames::new(&crate::rules::default_ruleset());
    f(&ParseCtx::plain(&names))
}

fn t(s: &str) -> CellValue {
    CellValue::Text(s.to_string())
}

fn n(v: f64) -> CellValue {
    CellValue::Number {
        value: v,
        percent: false,
    }
}

fn amount(s: &str) -> Option<f64> {
    amount_text(s, false).map(|(v, _)| v)
}

#[test]
fn amounts_in_the_forms_people_write() {
    assert_eq!(amount("1,200"), Some(1200.0));
    assert_eq!(amount("$1,200.50"), Some(1200.5));
    assert_eq!(amount("12.500,00"), Some(12500.0));
    assert_eq!(amount("0,75"), Some(0.75));
    assert_eq!(amount("1.200.000"), Some(1_200_000.0));
    assert_eq!(amount("(1,200)"), Some(-1200.0));
    assert_eq!(amount("1200-"), Some(-1200.0));
    assert_eq!(amount("1.2k"), Some(1200.0));
    assert_eq!(amount("3M"), Some(3_000_000.0));
    assert_eq!(amount("EUR 12 500"), Some(12500.0));
    assert_eq!(amount("12 500 €"), Some(12500.0));
    assert_eq!(amount("1\u{a0}234"), Some(1234.0));
    assert_eq!(amount("tbd"), None);
    assert_eq!(amount("1,2,3"), None);
    assert_eq!(amount(""), None);
    assert_eq!(amount("12abc"), None);
}

#[test]
fn currency_written_in_the_cell_is_reported() {
    assert_eq!(
        amount_text("€ 1.234,50", false),
        Some((1234.5, Some("EUR")))
    );
    assert_eq!(amount_text("USD 100", false), Some((100.0, Some("USD"))));
    assert_eq!(amount_text("100 gbp", false), Some((100.0, Some("GBP"))));
}

#[test]
fn decimal_comma_flag_reads_texts_that_read_either_way_with_a_comma() {
    assert_eq!(amount_text("1,200", true).map(|x| x.0), Some(1.2));
    assert_eq!(amount_text("1.200,5", true).map(|x| x.0), Some(1200.5));
    // A form that cannot hold a decimal comma is read as it is written.
    assert_eq!(amount_text("$1,200.50", true).map(|x| x.0), Some(1200.5));
    assert_eq!(
        amount_text("1,200,000", true).map(|x| x.0),
        Some(1_200_000.0)
    );
}

#[test]
fn money_rejects_negatives_and_words_with_the_value() {
    with_ctx(|ctx| {
        assert_eq!(
            money(&t("tbd"), ctx).unwrap_err(),
            "\"tbd\" is not an amount"
        );
        assert!(money(&t("(1,200)"), ctx).unwrap_err().contains("negative"));
        assert_eq!(money(&n(10.0), ctx).unwrap(), (10.0, None));
        assert!(
            money(&CellValue::Error("#DIV/0!".into()), ctx)
                .unwrap_err()
                .contains("#DIV/0!")
        );
        assert!(
            money(&CellValue::NoSavedValue("B2*2".into()), ctx)
                .unwrap_err()
                .contains("no saved value")
        );
        assert!(money(&n(f64::NAN), ctx).unwrap_err().contains("finite"));
    });
}

#[test]
fn percents_read_as_displayed() {
    with_ctx(|ctx| {
        let formatted = CellValue::Number {
            value: 0.025,
            percent: true,
        };
        assert_eq!(percent(&formatted, ctx).unwrap(), 2.5);
        assert_eq!(percent(&n(2.5), ctx).unwrap(), 2.5);
        assert_eq!(percent(&n(0.5), ctx).unwrap(), 0.5);
        assert_eq!(percent(&t("2.5%"), ctx).unwrap(), 2.5);
        assert_eq!(percent(&t("-3 %"), ctx).unwrap(), -3.0);
        assert!(percent(&t("fast"), ctx).is_err());
    });
}

#[test]
fn integers_and_yes_no() {
    with_ctx(|ctx| {
        assert_eq!(integer(&n(3.0), 0, ctx).unwrap(), 3);
        assert_eq!(integer(&t(" 4 "), 0, ctx).unwrap(), 4);
        assert!(integer(&n(2.5), 0, ctx).is_err());
        assert!(integer(&n(0.0), 1, ctx).unwrap_err().contains("from 1"));
    });
    for yes in ["yes", "Y", "TRUE", "1", "x", "X"] {
        assert_eq!(yes_no(&t(yes)), Ok(true), "{yes}");
    }
    for no in ["no", "N", "false", "0"] {
        assert_eq!(yes_no(&t(no)), Ok(false), "{no}");
    }
    assert_eq!(yes_no(&CellValue::Bool(true)), Ok(true));
    assert_eq!(yes_no(&n(1.0)), Ok(true));
    assert!(yes_no(&t("maybe")).unwrap_err().contains("maybe"));
}

#[test]
fn enums_in_any_case_or_spacing() {
    use crate::model::{BenefitMetric, InteractionPattern};
    assert_eq!(
        enumeration::<BenefitMetric>(&t("Cost Reduction")),
        Ok(BenefitMetric::CostReduction)
    );
    assert_eq!(
        enumeration::<BenefitMetric>(&t("cost-reduction")),
        Ok(BenefitMetric::CostReduction)
    );
    assert_eq!(
        enumeration::<InteractionPattern>(&t("  Workflow  Agent ")),
        Ok(InteractionPattern::WorkflowAgent)
    );
    let err = enumeration::<BenefitMetric>(&t("vibes")).unwrap_err();
    assert!(
        err.contains("\"vibes\" is not one of efficiency, cost_reduction"),
        "{err}"
    );
}

#[test]
fn dates_from_cells_serials_and_text() {
    with_ctx(|ctx| {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(date(&n(45_658.0), ctx).unwrap(), d(2025, 1, 1));
        assert_eq!(date(&n(59.0), ctx).unwrap(), d(1900, 2, 28));
        assert_eq!(date(&n(61.0), ctx).unwrap(), d(1900, 3, 1));
        assert_eq!(date(&t("2026-03-04"), ctx).unwrap(), d(2026, 3, 4));
        assert_eq!(date(&t("2026-03"), ctx).unwrap(), d(2026, 3, 1));
        assert_eq!(
            date(&t("2024-10-01 00:00:00"), ctx).unwrap(),
            d(2024, 10, 1)
        );
        assert!(
            date(&t("03/04/2026"), ctx)
                .unwrap_err()
                .contains("ambiguous")
        );
        let dmy = ParseCtx {
            date_order: Some(DateOrder::Dmy),
            ..*ctx
        };
        assert_eq!(date(&t("03/04/2026"), &dmy).unwrap(), d(2026, 4, 3));
        let mdy = ParseCtx {
            date_order: Some(DateOrder::Mdy),
            ..*ctx
        };
        assert_eq!(date(&t("03/04/2026"), &mdy).unwrap(), d(2026, 3, 4));
        let y1904 = ParseCtx {
            is_1904: true,
            ..*ctx
        };
        // Excel for Mac shows serial 0 as 1 January 1904.
        assert_eq!(date(&n(0.0), &y1904).unwrap(), d(1904, 1, 1));
        assert_eq!(date(&n(1.0), &y1904).unwrap(), d(1904, 1, 2));
    });
}

#[test]
fn ids_keep_their_text() {
    assert_eq!(text(&n(123.0)).unwrap(), "123");
    assert_eq!(text(&t("00123")).unwrap(), "00123");
}

#[test]
fn share_lists_in_every_form() {
    with_ctx(|ctx| {
        let s = shares(&t("azure:70; aws:30"), ctx, INFRA).unwrap();
        assert_eq!(s.shares.len(), 2);
        assert_eq!(s.shares[0].provider, "azure");
        assert_eq!(s.shares[0].pct, 70.0);
        assert!(s.notes.is_empty());

        let s = shares(
            &t("Microsoft Azure 70%, Amazon Web Services 30%"),
            ctx,
            INFRA,
        )
        .unwrap();
        assert_eq!(s.shares[0].provider, "azure");
        assert_eq!(s.shares[1].provider, "aws");

        let s = shares(&t("aws"), ctx, INFRA).unwrap();
        assert_eq!(s.shares[0].pct, 100.0);
        assert!(s.notes.is_empty());

        let s = shares(&t("aws, azure"), ctx, INFRA).unwrap();
        assert_eq!(s.shares[1].pct, 50.0);
        assert!(s.notes[0].contains("equal split"));

        let s = shares(&t("aws:0.6|gcp:0.4"), ctx, INFRA).unwrap();
        assert_eq!(s.shares[0].pct, 60.0);
        assert!(s.notes[0].contains("fractions"));

        let s = shares(&t("aws:70\nazure:30.5"), ctx, INFRA).unwrap();
        assert!((s.shares.iter().map(|x| x.pct).sum::<f64>() - 100.0).abs() < 1e-9);
        assert!(s.notes[0].contains("normalised"));

        let s = shares(&t("AWS Bedrock: 50; aws: 50"), ctx, INFRA).unwrap();
        assert_eq!(s.shares.len(), 1);
        assert_eq!(s.shares[0].pct, 100.0);

        let s = shares(&t("on-prem (40%), Google Cloud (60%)"), ctx, INFRA).unwrap();
        assert_eq!(s.shares[0].provider, "on_prem");
        assert_eq!(s.shares[1].provider, "gcp");

        let err = shares(&t("aws:60; azure:20"), ctx, INFRA).unwrap_err();
        assert!(err.contains("sum to 80; expected 100 ± 1"), "{err}");
        assert!(
            shares(&t("aws:60; azure"), ctx, INFRA)
                .unwrap_err()
                .contains("some providers")
        );
        assert!(shares(&n(100.0), ctx, INFRA).is_err());
    });
}

/// Found by the `values` fuzz target: a character spanning byte 3 made the
/// leading-currency-code check split inside it and panic.
#[test]
fn amount_with_a_multibyte_character_at_byte_three() {
    assert_eq!(amount_text(".\u{fffd}\0%", false), None);
    assert_eq!(amount_text("1€00", false), None);
    assert_eq!(amount_text("12€", false), Some((12.0, Some("EUR"))));
}

/// Found by the broken-file corpus: serial 0 was refused in the 1904 date
/// system, where it is the system's first day.
#[test]
fn serial_zero_in_the_1904_system() {
    assert_eq!(serial_date(0.0, true), NaiveDate::from_ymd_opt(1904, 1, 1));
    assert_eq!(serial_date(0.0, false), None);
    assert_eq!(serial_date(1.0, false), NaiveDate::from_ymd_opt(1900, 1, 1));
}

#[test]
fn start_dates_in_the_forms_units_write() {
    with_ctx(|ctx| {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let plain = |s: &str| date_read(&t(s), ctx).map(|(date, note)| (date, note.is_some()));
        assert_eq!(plain("1 Mar 2026"), Ok((d(2026, 3, 1), false)));
        assert_eq!(plain("01-Mar-26"), Ok((d(2026, 3, 1), false)));
        assert_eq!(plain("March 2026"), Ok((d(2026, 3, 1), false)));
        assert_eq!(plain("Sept 2026"), Ok((d(2026, 9, 1), false)));
        assert_eq!(plain("March 15, 2026"), Ok((d(2026, 3, 15), false)));
        assert_eq!(plain("Jan-26"), Ok((d(2026, 1, 1), false)));
        assert_eq!(plain("31/12/2026"), Ok((d(2026, 12, 31), false)));
        assert_eq!(plain("12/31/2026"), Ok((d(2026, 12, 31), false)));
        assert_eq!(
            plain("04/04/2026"),
            Ok((d(2026, 4, 4), false)),
            "one reading"
        );
        assert_eq!(plain("03/2026"), Ok((d(2026, 3, 1), false)));
        assert_eq!(plain("Q3 2026"), Ok((d(2026, 7, 1), true)));
        assert_eq!(plain("2026-Q4"), Ok((d(2026, 10, 1), true)));
        assert_eq!(plain("3Q26"), Ok((d(2026, 7, 1), true)));
        assert_eq!(plain("FY27"), Ok((d(2027, 1, 1), true)));
        assert_eq!(plain("FY 2026/27"), Ok((d(2027, 1, 1), true)));
        assert_eq!(plain("Q2 FY27"), Ok((d(2027, 4, 1), true)));
        assert_eq!(
            date_read(&t("Q3 2026"), ctx).unwrap().1.as_deref(),
            Some("read as the first month of Q3 2026, 2026-07")
        );
        // A fiscal year starting in April is named by the year it ends in.
        let april = ParseCtx {
            fiscal_year_start_month: 4,
            ..*ctx
        };
        let (first, note) = date_read(&t("FY27"), &april).unwrap();
        assert_eq!(first, d(2026, 4, 1));
        assert_eq!(
            note.as_deref(),
            Some("read as the first month of fiscal year 2027 (starting in April), 2026-04")
        );
        assert_eq!(date(&t("Q4 FY27"), &april).unwrap(), d(2027, 1, 1));
        // A bare year is not a date, in a text or a number cell.
        for cell in [t("2026"), n(2026.0)] {
            let err = date(&cell, ctx).unwrap_err();
            assert!(err.starts_with("\"2026\" is a year, not a date"), "{err}");
        }
        assert_eq!(
            date(&t("13/13/2026"), ctx).unwrap_err(),
            "\"13/13/2026\" is not a valid date"
        );
        assert!(date(&t("soon"), ctx).unwrap_err().contains("is not a date"));
        assert!(date(&t("26-Jan"), ctx).is_err(), "day and month, no year");
    });
}

#[test]
fn yes_no_words_and_boxes() {
    for yes in ["ja", "Oui", "sí", "☑", "✅"] {
        assert_eq!(yes_no(&t(yes)), Ok(true), "{yes}");
    }
    for no in ["☐", "nein", "non", "✗"] {
        assert_eq!(yes_no(&t(no)), Ok(false), "{no}");
    }
    assert_eq!(
        yes_no(&t("☒")).unwrap_err(),
        "\"☒\" is not yes or no; expected yes/no, y/n, true/false, 1/0 or x/blank"
    );
}

#[test]
fn a_dash_for_no_cents_is_not_a_minus() {
    assert_eq!(amount_text("€ 1.200,-", false), Some((1200.0, Some("EUR"))));
    assert_eq!(amount_text("1.200,- €", false), Some((1200.0, Some("EUR"))));
    assert_eq!(amount_text("1.200,--", false), Some((1200.0, None)));
    assert_eq!(amount_text("5,-", false), Some((5.0, None)));
    assert_eq!(amount_text("$1,200.-", true), Some((1200.0, Some("USD"))));
    assert_eq!(
        amount("1200-"),
        Some(-1200.0),
        "a trailing minus still is one"
    );
    with_ctx(|ctx| {
        assert_eq!(money(&t("€ 1.200,-"), ctx), Ok((1200.0, Some("EUR"))));
    });
}

#[test]
fn month_names_with_the_year_first() {
    with_ctx(|ctx| {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(date(&t("2026 Mar 15"), ctx).unwrap(), d(2026, 3, 15));
        assert_eq!(date(&t("15 Mar 26"), ctx).unwrap(), d(2026, 3, 15));
        assert_eq!(date(&t("31.12.2026"), ctx).unwrap(), d(2026, 12, 31));
    });
}

#[test]
fn spreadsheet_errors_are_worded_alike_whether_cell_or_text() {
    with_ctx(|ctx| {
        let shown = "the cell shows the spreadsheet error #DIV/0!; expected a number";
        assert_eq!(
            money(&CellValue::Error("#DIV/0!".into()), ctx).unwrap_err(),
            shown
        );
        // ods files and CSV exports hold the error as the cell's text.
        assert_eq!(money(&t("#DIV/0!"), ctx).unwrap_err(), shown);
        assert_eq!(
            percent(&t(" #n/a "), ctx).unwrap_err(),
            "the cell shows the spreadsheet error #n/a; expected a number"
        );
        assert_eq!(
            date(&t("#VALUE!"), ctx).unwrap_err(),
            "the cell shows the spreadsheet error #VALUE!; expected a date"
        );
        assert_eq!(
            yes_no(&CellValue::Error("#REF!".into())).unwrap_err(),
            "the cell shows the spreadsheet error #REF!; expected yes or no"
        );
        assert_eq!(money(&t("#1"), ctx).unwrap_err(), "\"#1\" is not an amount");
    });
}
