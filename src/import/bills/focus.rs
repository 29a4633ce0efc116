//! The FOCUS columns airoi reads, found by header, and one bill row read
//! from them: its month (`ChargePeriodStart` in UTC), its cost on the run's
//! cost basis, and the text fields allocation rules look at.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use csv::ByteRecord;

use crate::model::{CostBasis, YearMonth};

/// The columns a FOCUS file must have, as FOCUS 1.0–1.2 name them.
pub(super) const REQUIRED: [&str; 12] = [
    "ChargePeriodStart",
    "EffectiveCost",
    "BilledCost",
    "BillingCurrency",
    "ChargeCategory",
    "ProviderName",
    "PublisherName",
    "ServiceCategory",
    "ServiceName",
    "SubAccountId",
    "ResourceId",
    "Tags",
];

/// Where each column used is in a file.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    period: usize,
    effective: usize,
    billed: usize,
    currency: usize,
    category: usize,
    provider: usize,
    publisher: usize,
    service_category: usize,
    service: usize,
    sub_account: usize,
    resource: usize,
    tags: usize,
    /// `CommitmentDiscountId`: a conditional FOCUS column, absent from
    /// exports without commitments.
    commitment: Option<usize>,
}

impl Columns {
    /// The columns of a header row, or the required ones it lacks.
    pub(super) fn find(header: &ByteRecord) -> Result<Columns, Vec<&'static str>> {
        let names: Vec<String> = header
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
            })
            .collect();
        let at = |name: &str| names.iter().position(|n| *n == name.to_ascii_lowercase());
        let missing: Vec<&'static str> = REQUIRED.into_iter().filter(|c| at(c).is_none()).collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let col = |name: &str| at(name).unwrap_or_default();
        Ok(Columns {
            period: col("ChargePeriodStart"),
            effective: col("EffectiveCost"),
            billed: col("BilledCost"),
            currency: col("BillingCurrency"),
            category: col("ChargeCategory"),
            provider: col("ProviderName"),
            publisher: col("PublisherName"),
            service_category: col("ServiceCategory"),
            service: col("ServiceName"),
            sub_account: col("SubAccountId"),
            resource: col("ResourceId"),
            tags: col("Tags"),
            commitment: at("CommitmentDiscountId"),
        })
    }
}

/// What kind of charge a row is, for the cost basis and the tax rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// Usage, credits, adjustments, refunds and other purchases: counted.
    Counted,
    /// `Tax`.
    Tax,
    /// A `Purchase` of a commitment (it carries a `CommitmentDiscountId`),
    /// with its `BilledCost` (its `EffectiveCost` is 0 in a conformant
    /// export: the cost reaches the usage rows).
    CommitmentPurchase { billed: f64 },
}

impl Kind {
    /// The kind of a charge of `ChargeCategory` `category`, with or
    /// without a `CommitmentDiscountId`, whose `BilledCost` is `billed`.
    pub(super) fn of(category: &str, commitment: bool, billed: impl FnOnce() -> f64) -> Kind {
        if category.eq_ignore_ascii_case("tax") {
            Kind::Tax
        } else if category.eq_ignore_ascii_case("purchase") && commitment {
            Kind::CommitmentPurchase { billed: billed() }
        } else {
            Kind::Counted
        }
    }
}

/// One bill row, borrowed from its record.
#[derive(Debug)]
pub(super) struct Charge<'r> {
    pub month: YearMonth,
    /// The cost on the run's basis, in the bill's currency.
    pub cost: f64,
    pub currency: &'r str,
    pub kind: Kind,
    pub provider: &'r str,
    pub publisher: &'r str,
    pub service_category: &'r str,
    pub service: &'r str,
    pub sub_account: &'r str,
    pub resource: &'r str,
    pub tags: &'r str,
}

fn field(record: &ByteRecord, i: usize) -> &str {
    record
        .get(i)
        .and_then(|b| std::str::from_utf8(b).ok())
        .map_or("", str::trim)
}

impl<'r> Charge<'r> {
    /// Reads a row, or says why it cannot be read.
    pub(super) fn read(
        record: &'r ByteRecord,
        cols: &Columns,
        basis: CostBasis,
    ) -> Result<Charge<'r>, String> {
        let period = field(record, cols.period);
        let month = month_of(period).ok_or_else(|| {
            format!("ChargePeriodStart {period:?} is not an ISO 8601 date and time")
        })?;
        let (column, at) = match basis {
            CostBasis::Effective => ("EffectiveCost", cols.effective),
            CostBasis::Billed => ("BilledCost", cols.billed),
        };
        let text = field(record, at);
        let cost = text
            .parse::<f64>()
            .ok()
            .filter(|c| c.is_finite())
            .ok_or_else(|| format!("{column} {text:?} is not a number"))?;
        let category = field(record, cols.category);
        let commitment = cols
            .commitment
            .is_some_and(|c| !field(record, c).is_empty());
        let kind = Kind::of(category, commitment, || {
            field(record, cols.billed).parse().unwrap_or(0.0)
        });
        Ok(Charge {
            month,
            cost,
            currency: field(record, cols.currency),
            kind,
            provider: field(record, cols.provider),
            publisher: field(record, cols.publisher),
            service_category: field(record, cols.service_category),
            service: field(record, cols.service),
            sub_account: field(record, cols.sub_account),
            resource: field(record, cols.resource),
            tags: field(record, cols.tags),
        })
    }
}

/// The calendar month, in UTC, of a FOCUS date-time: `2026-05-01T00:00:00Z`,
/// with fractions of a second or an offset (`+02:00`), with a space for the
/// `T`, without a zone (read as UTC), or a date alone.
pub(super) fn month_of(text: &str) -> Option<YearMonth> {
    month_of_utc_stamp(text.as_bytes()).or_else(|| month_of_parsed(text))
}

/// The month of `YYYY-MM-DDTHH:MM:SS`, with a fraction of a second and a
/// `Z` or neither: how exports write periods, read from its digits with
/// every part checked as the date-time parser checks it. `None` for
/// anything else (an offset, a leap second, another form), which
/// [`month_of_parsed`] reads.
fn month_of_utc_stamp(text: &[u8]) -> Option<YearMonth> {
    let (stamp, rest) = text.split_at_checked(19)?;
    let number = |from: usize, to: usize| {
        stamp[from..to].iter().try_fold(0_u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, b)| stamp[at] != b) {
        return None;
    }
    let year = i32::try_from(number(0, 4)?).ok().filter(|&y| y > 0)?;
    let (month, day) = (number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let rest = rest.strip_suffix(b"Z").unwrap_or(rest);
    let fraction = match rest {
        [] => true,
        [b'.', digits @ ..] => {
            (1..=9).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    };
    let valid = fraction
        && hour < 24
        && minute < 60
        && second < 60
        && NaiveDate::from_ymd_opt(year, month, day).is_some();
    valid.then_some(YearMonth { year, month })
}

/// [`month_of`] by the date-time parser, for every form it takes.
fn month_of_parsed(text: &str) -> Option<YearMonth> {
    let utc = if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        t.naive_utc()
    } else if let Some(t) = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), f).ok())
    {
        t
    } else if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%#z") {
        t.naive_utc()
    } else {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)?
    };
    Some(YearMonth {
        year: utc.year(),
        month: utc.month(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unnecessary_wraps)]
    fn ym(year: i32, month: u32) -> Option<YearMonth> {
        Some(YearMonth { year, month })
    }

    #[test]
    fn the_digits_of_a_utc_stamp_give_the_month_the_parser_gives() {
        for text in [
            "2026-05-01T00:00:00Z",
            "2026-05-31T23:59:59.123456789Z",
            "2026-05-31T23:59:59.1234567891Z",
            "2026-05-31T23:59:59.Z",
            "2026-12-31T23:59:59",
            "2024-02-29T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-05-00T00:00:00Z",
            "2026-05-01T24:00:00Z",
            "2026-05-01T23:60:00Z",
            "2026-05-31T23:59:60Z",
            "0000-05-01T00:00:00Z",
            "2026-05-01t00:00:00z",
            "2026-05-01 00:00:00",
            "2026-05-31T23:00:00+02:00",
            "2026-05-31T23:00:00ZZ",
            "2026-5-31T23:00:00Z",
            "2026-05-31T23:00:0xZ",
        ] {
            let fast = month_of_utc_stamp(text.as_bytes());
            assert!(fast.is_none() || fast == month_of_parsed(text), "{text}");
            assert_eq!(month_of(text), month_of_parsed(text), "{text}");
        }
        assert_eq!(month_of_utc_stamp(b"2026-05-31T23:59:59.5Z"), ym(2026, 5));
        assert_eq!(month_of_utc_stamp(b"2026-05-31T23:59:59"), ym(2026, 5));
        assert_eq!(month_of_utc_stamp(b"2025-02-29T00:00:00Z"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_stamp_reads_as_the_parser_reads_it(
            text in "[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{0,11})?Z?"
        ) {
            proptest::prop_assert_eq!(month_of(&text), month_of_parsed(&text));
        }
    }

    #[test]
    fn months_are_calendar_months_in_utc() {
        assert_eq!(month_of("2026-05-01T00:00:00Z"), ym(2026, 5));
        assert_eq!(month_of("2026-05-31T23:00:00.000Z"), ym(2026, 5));
        // An hour before midnight in New York is the next month in UTC.
        assert_eq!(month_of("2026-05-31T20:00:00-04:00"), ym(2026, 6));
        assert_eq!(month_of("2026-06-01T01:00:00+02:00"), ym(2026, 5));
        assert_eq!(month_of("2026-05-01 00:00:00"), ym(2026, 5));
        assert_eq!(month_of("2026-05-01 00:00:00+00:00"), ym(2026, 5));
        assert_eq!(month_of("2026-12-31"), ym(2026, 12));
        assert_eq!(month_of("31/05/2026"), None);
        assert_eq!(month_of(""), None);
    }

    fn record(fields: &[&str]) -> ByteRecord {
        ByteRecord::from(fields.to_vec())
    }

    fn columns() -> Columns {
        let mut header: Vec<&str> = REQUIRED.to_vec();
        header.push("CommitmentDiscountId");
        Columns::find(&record(&header)).unwrap()
    }

    fn row<'a>(category: &'a str, effective: &'a str, commitment: &'a str) -> Vec<&'a str> {
        vec![
            "2026-05-01T00:00:00Z",
            effective,
            "100",
            "USD",
            category,
            "AWS",
            "AWS",
            "AI and Machine Learning",
            "Amazon Bedrock",
            "1",
            "r",
            "{}",
            commitment,
        ]
    }

    #[test]
    fn the_cost_basis_picks_the_column_and_spots_commitment_purchases() {
        let cols = columns();
        let usage = record(&row("Usage", "80", "cd-1"));
        let charge = Charge::read(&usage, &cols, CostBasis::Effective).unwrap();
        assert_eq!(
            (charge.cost.to_string(), charge.kind),
            ("80".into(), Kind::Counted)
        );
        let charge = Charge::read(&usage, &cols, CostBasis::Billed).unwrap();
        assert!((charge.cost - 100.0).abs() < 1e-12);
        let purchase = record(&row("Purchase", "0", "cd-1"));
        let charge = Charge::read(&purchase, &cols, CostBasis::Effective).unwrap();
        assert_eq!(charge.kind, Kind::CommitmentPurchase { billed: 100.0 });
        let subscription = record(&row("Purchase", "5", ""));
        let charge = Charge::read(&subscription, &cols, CostBasis::Effective).unwrap();
        assert_eq!(charge.kind, Kind::Counted);
        let tax = record(&row("Tax", "7", ""));
        let charge = Charge::read(&tax, &cols, CostBasis::Effective).unwrap();
        assert_eq!(charge.kind, Kind::Tax);
        let credit = record(&row("Credit", "-12.5", ""));
        let charge = Charge::read(&credit, &cols, CostBasis::Effective).unwrap();
        assert_eq!(
            (charge.cost.to_string(), charge.kind),
            ("-12.5".into(), Kind::Counted)
        );
    }

    #[test]
    fn a_bad_cost_or_period_says_which() {
        let cols = columns();
        let bad = record(&row("Usage", "n/a", ""));
        let err = Charge::read(&bad, &cols, CostBasis::Effective).unwrap_err();
        assert_eq!(err, "EffectiveCost \"n/a\" is not a number");
        let mut fields = row("Usage", "1", "");
        fields[0] = "May 2026";
        let err = Charge::read(&record(&fields), &cols, CostBasis::Effective).unwrap_err();
        assert!(err.starts_with("ChargePeriodStart \"May 2026\""), "{err}");
    }

    #[test]
    fn a_file_without_focus_columns_names_them() {
        let missing = Columns::find(&record(&["date", "cost", "Tags", "ServiceName"])).unwrap_err();
        assert_eq!(missing.len(), 10);
        assert!(missing.contains(&"ChargePeriodStart") && !missing.contains(&"Tags"));
    }
}
