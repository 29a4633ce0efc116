//! Dates written as text, in the forms units write them: ISO, month names
//! (`1 Mar 2026`, `March 2026`, `Jan-26`), slash dates with one valid
//! reading, and quarters and fiscal years read as their first month (spec,
//! "Reading values": Dates). A bare year is refused. `values::date`
//! is the entry point; this module reads the text.

use chrono::NaiveDate;

use crate::model::DateOrder;

/// Why a bare year is refused as a date.
pub(super) const BARE_YEAR: &str =
    "is a year, not a date; write the first month, e.g. 2026-01-01, March 2026 or Q3 2026";

/// A whole number from 1000 to 9999 is a year someone typed, not an Excel
/// serial (those would be dates in 1902–1927).
pub(super) fn is_year_number(value: f64) -> bool {
    value.fract() == 0.0 && (1000.0..=9999.0).contains(&value)
}

/// Calendar months by the names and abbreviations people write.
const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("feb", 2),
    ("february", 2),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("jun", 6),
    ("june", 6),
    ("jul", 7),
    ("july", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
];

/// A piece of a date written as text: a number (with its digit count), a
/// month name, `Q`, `FY`, or anything else.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Num(u32, usize),
    Month(u32),
    Quarter,
    Fiscal,
    Other,
}

/// Splits `Q3 FY27`, `1-Mar-2026`, `2026Q3` into numbers and words.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<Token>| {
        if run.is_empty() {
            return;
        }
        let token = if run.chars().all(|c| c.is_ascii_digit()) {
            run.parse::<u32>()
                .map_or(Token::Other, |n| Token::Num(n, run.len()))
        } else {
            let lower = run.to_lowercase();
            match lower.as_str() {
                "q" => Token::Quarter,
                "fy" => Token::Fiscal,
                _ => MONTHS
                    .iter()
                    .find(|(name, _)| *name == lower)
                    .map_or(Token::Other, |(_, m)| Token::Month(*m)),
            }
        };
        out.push(token);
        run.clear();
    };
    for c in text.chars() {
        let same_kind = run
            .chars()
            .last()
            .is_none_or(|last| last.is_ascii_digit() == c.is_ascii_digit());
        if !c.is_alphanumeric() || !same_kind {
            flush(&mut run, &mut out);
        }
        if c.is_alphanumeric() {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A year of two or four digits (`26` is 2026).
fn year(token: Token) -> Option<i32> {
    match token {
        Token::Num(n, 4) => i32::try_from(n).ok(),
        Token::Num(n, 2) => i32::try_from(2000 + n).ok(),
        _ => None,
    }
}

fn quarter(token: Token) -> Option<u32> {
    match token {
        Token::Num(n @ 1..=4, 1) => Some(n),
        _ => None,
    }
}

/// The first month of a fiscal year, named by the calendar year it ends in,
/// plus `months` months.
fn fiscal_month(ends_in: i32, start_month: u32, months: u32) -> Option<NaiveDate> {
    let start_month = start_month.clamp(1, 12);
    let first_year = if start_month == 1 {
        ends_in
    } else {
        ends_in - 1
    };
    let index = (start_month - 1) + months;
    NaiveDate::from_ymd_opt(
        first_year + i32::try_from(index / 12).ok()?,
        index % 12 + 1,
        1,
    )
}

/// How a note names the fiscal year's first month, when it is not January.
fn fiscal_start_words(start_month: u32) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match start_month {
        2..=12 => format!(" (starting in {})", NAMES[start_month as usize - 1]),
        _ => String::new(),
    }
}

/// A quarter or fiscal year as its first month, with the note saying so.
fn period_date(t: &[Token], fy_start: u32) -> Option<(NaiveDate, String)> {
    use Token::{Fiscal, Quarter};
    let read = |first: NaiveDate, period: String| {
        let note = format!(
            "read as the first month of {period}, {}",
            first.format("%Y-%m")
        );
        Some((first, note))
    };
    let fiscal = |ends: i32, months: u32, quarter: Option<u32>| {
        let first = fiscal_month(ends, fy_start, months)?;
        let year = format!("fiscal year {ends}{}", fiscal_start_words(fy_start));
        read(
            first,
            quarter.map_or_else(|| year.clone(), |q| format!("Q{q} of {year}")),
        )
    };
    match *t {
        // Q3 2026, 2026 Q3, 3Q 2026: a calendar quarter.
        [Quarter, q, y] | [y, Quarter, q] | [q, Quarter, y]
            if quarter(q).is_some() && year(y).is_some() =>
        {
            let (q, y) = (quarter(q)?, year(y)?);
            read(
                NaiveDate::from_ymd_opt(y, 3 * q - 2, 1)?,
                format!("Q{q} {y}"),
            )
        }
        // FY27, FY 2027, FY2026/27: a fiscal year, named by the year it ends in.
        [Fiscal, y] | [y, Fiscal] if year(y).is_some() => fiscal(year(y)?, 0, None),
        [Fiscal, a, b]
            if year(a)
                .zip(year(b))
                .is_some_and(|(a, b)| b % 100 == (a + 1) % 100) =>
        {
            fiscal(year(a)? + 1, 0, None)
        }
        // Q3 FY27, FY27 Q3: a quarter of a fiscal year.
        [Quarter, q, Fiscal, y] | [Fiscal, y, Quarter, q]
            if quarter(q).is_some() && year(y).is_some() =>
        {
            let q = quarter(q)?;
            fiscal(year(y)?, 3 * (q - 1), Some(q))
        }
        _ => None,
    }
}

/// `1 Mar 2026`, `March 1, 2026`, `March 2026`, `Jan-26`, `2026 Mar 1`.
fn month_name_date(t: &[Token]) -> Option<NaiveDate> {
    use Token::{Month, Num};
    let day = |d: Token| match d {
        Num(d @ 1..=31, 1..=2) => Some(d),
        _ => None,
    };
    match *t {
        [d @ Num(..), Month(m), y] | [Month(m), d @ Num(..), y]
            if day(d).is_some() && year(y).is_some() =>
        {
            NaiveDate::from_ymd_opt(year(y)?, m, day(d)?)
        }
        [Num(y, 4), Month(m), d] => NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, day(d)?),
        [Month(m), y] | [y @ Num(_, 4), Month(m)] => NaiveDate::from_ymd_opt(year(y)?, m, 1),
        _ => None,
    }
}

/// `31/12/2026`, `12/31/2026`, `03/2026`: the reading that is a date; two
/// readings need the declared order.
fn numeric_date(
    tokens: &[Token],
    order: Option<DateOrder>,
) -> Result<Option<NaiveDate>, &'static str> {
    use Token::Num;
    match *tokens {
        [Num(first, 1..=2), Num(second, 1..=2), y] if year(y).is_some() => {
            let y = year(y).ok_or("is not a valid date")?;
            let dmy = NaiveDate::from_ymd_opt(y, second, first);
            let mdy = NaiveDate::from_ymd_opt(y, first, second);
            match (dmy, mdy, order) {
                (Some(day_first), Some(month_first), _) if day_first == month_first => {
                    Ok(Some(day_first))
                }
                (Some(day_first), Some(_), Some(DateOrder::Dmy)) | (Some(day_first), None, _) => {
                    Ok(Some(day_first))
                }
                (Some(_), Some(month_first), Some(DateOrder::Mdy))
                | (None, Some(month_first), _) => Ok(Some(month_first)),
                (Some(_), Some(_), None) => Err(
                    "is ambiguous (day or month first?); write YYYY-MM-DD or run with --date-order dmy|mdy",
                ),
                (None, None, _) => Err("is not a valid date"),
            }
        }
        [Num(m @ 1..=12, 1..=2), Num(y, 4)] => Ok(NaiveDate::from_ymd_opt(
            i32::try_from(y).map_err(|_| "is not a valid date")?,
            m,
            1,
        )),
        _ => Ok(None),
    }
}

/// A date written as text, with the note a quarter or fiscal year is read
/// with; or why it is not one.
pub(super) fn text_date(
    t: &str,
    order: Option<DateOrder>,
    fiscal_year_start_month: u32,
) -> Result<(NaiveDate, Option<String>), &'static str> {
    let head = t.split(['T', ' ']).next().unwrap_or(t);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
            return Ok((d, None));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(&format!("{head}-01"), "%Y-%m-%d") {
        return Ok((d, None));
    }
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return Err(BARE_YEAR);
    }
    let t = tokens(t);
    if let Some((d, note)) = period_date(&t, fiscal_year_start_month) {
        return Ok((d, Some(note)));
    }
    if let Some(d) = month_name_date(&t) {
        return Ok((d, None));
    }
    if let Some(d) = numeric_date(&t, order)? {
        return Ok((d, None));
    }
    Err(
        "is not a date; expected a date cell, YYYY-MM-DD, a month such as March 2026, or a quarter such as Q3 2026",
    )
}
