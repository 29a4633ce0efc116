//! Cell parsers: one function per kind of intake value, each turning a
//! [`CellValue`] into a typed value or a message saying what was found and
//! what was expected. The conventions are the spec's "Reading values".

use chrono::{Duration, NaiveDate};

use super::cell::{CellValue, number_text};
use super::dates;
use super::decimal::{DecimalConvention, DecimalMark, Reading, number_reading};
use super::errors_shown::spreadsheet_error;
use crate::model::{DateOrder, EnumWords};

/// Numbers written as text have the decimal separator's module.
pub use super::decimal::plain_number;
/// Share lists have a file of their own, beside the provider names they read.
pub use super::providers::ProviderNames;
pub use super::shares::shares;

/// Everything a parser needs to know beyond the cell.
#[derive(Debug, Clone, Copy)]
pub struct ParseCtx<'a> {
    /// The file's decimal separator, for texts that read either way.
    pub decimal: &'a DecimalConvention,
    /// Day-month order for slash dates.
    pub date_order: Option<DateOrder>,
    /// The workbook counts serial dates from 1904.
    pub is_1904: bool,
    /// The ruleset's provider names, a table for each dimension.
    pub provider_names: &'a ProviderNames,
    /// How far a share list may be from 100.
    pub share_tolerance: f64,
    /// The calendar month (1–12) a fiscal year starts in.
    pub fiscal_year_start_month: u32,
}

/// A file that shows neither decimal mark, read with the point: the
/// convention the unit tests read with.
#[cfg(test)]
static NO_EVIDENCE: DecimalConvention = DecimalConvention::without_evidence(false);

#[cfg(test)]
impl<'a> ParseCtx<'a> {
    /// What the unit tests read with: decimal point, slash dates only where
    /// unambiguous, the 1900 date system, a share tolerance of 1, fiscal
    /// years from January.
    pub(crate) fn plain(provider_names: &'a ProviderNames) -> Self {
        ParseCtx {
            decimal: &NO_EVIDENCE,
            date_order: None,
            is_1904: false,
            provider_names,
            share_tolerance: 1.0,
            fiscal_year_start_month: 1,
        }
    }
}

/// Longest text a value may have before it is refused.
pub(crate) const MAX_VALUE_CHARS: usize = 32_767;

pub(crate) fn quoted(cell: &CellValue) -> String {
    // Borrow text cells: a message quotes 60 characters, so a 100,000
    // character cell is not copied to say so.
    let text = match cell {
        CellValue::Text(t) => std::borrow::Cow::Borrowed(t.as_str()),
        other => std::borrow::Cow::Owned(other.display()),
    };
    let shown: String = text.chars().take(60).collect();
    if shown.len() < text.len() {
        format!("\"{shown}…\"")
    } else {
        format!("\"{shown}\"")
    }
}

/// Why a cell cannot be read as any value: it shows a spreadsheet error
/// (worded alike in every format), has no saved result, or is too long.
/// `expected` says what the field takes (`a number`).
fn unusable(cell: &CellValue, expected: &str) -> Option<String> {
    if let Some(error) = spreadsheet_error(cell) {
        return Some(format!(
            "the cell shows the spreadsheet error {error}; expected {expected}"
        ));
    }
    match cell {
        CellValue::Broken { why, .. } => Some(why.clone()),
        CellValue::NoSavedValue(f) => Some(format!(
            "the formula ={f} has no saved value; open the file in Excel or LibreOffice, let it calculate and save it again"
        )),
        // Bytes bound characters, so most text is passed without counting.
        CellValue::Text(t) if t.len() > MAX_VALUE_CHARS => {
            let chars = t.chars().count();
            (chars > MAX_VALUE_CHARS).then(|| {
                format!("the text is {chars} characters long; expected at most {MAX_VALUE_CHARS}")
            })
        }
        _ => None,
    }
}

/// Plain text: numbers read as Excel shows them (`123`, never `123.0`).
pub fn text(cell: &CellValue) -> Result<String, String> {
    if let Some(msg) = unusable(cell, "a value") {
        return Err(msg);
    }
    Ok(match cell {
        CellValue::Number { value, .. } => number_text(*value),
        other => other.display().trim().to_string(),
    })
}

/// Money: an amount ≥ 0, with the currency code written in the cell if any.
pub fn money(cell: &CellValue, ctx: &ParseCtx) -> Result<(f64, Option<&'static str>), String> {
    if let Some(msg) = unusable(cell, "a number") {
        return Err(msg);
    }
    let (value, code) = match cell {
        CellValue::Number { value, .. } => (*value, None),
        CellValue::Text(t) => {
            let (reading, code) =
                amount_reading(t).ok_or_else(|| format!("{} is not an amount", quoted(cell)))?;
            (ctx.decimal.read(t, reading)?, code)
        }
        _ => return Err(format!("{} is not an amount", quoted(cell))),
    };
    if !value.is_finite() {
        return Err(format!("{} is not a finite amount", quoted(cell)));
    }
    if value < 0.0 {
        return Err(format!(
            "{} is negative; expected an amount of 0 or more",
            quoted(cell)
        ));
    }
    Ok((value, code))
}

const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("CHF", "CHF"),
    ("Fr.", "CHF"),
    ("kr", "SEK"),
    ("R$", "BRL"),
    ("A$", "AUD"),
    ("C$", "CAD"),
];

/// Reads an amount written as text. Returns the value and the currency
/// written with it, or `None` when the text is not an amount. A text that
/// reads either way (`1,200`) is read with a decimal comma when
/// `decimal_comma`, else with a point.
#[must_use]
pub fn amount_text(text: &str, decimal_comma: bool) -> Option<(f64, Option<&'static str>)> {
    let mark = if decimal_comma {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    };
    amount_reading(text).map(|(reading, code)| (reading.value(mark), code))
}

/// A number written as text, as an amount (`€ 1.234,50`) or a percent
/// (`2,5%`): what it says about the decimal separator.
#[must_use]
pub(crate) fn text_reading(text: &str) -> Option<Reading> {
    if let Some((reading, _)) = amount_reading(text) {
        return Some(reading);
    }
    let trimmed = text.trim();
    let body = trimmed.strip_suffix('%')?.trim();
    let body = body.strip_prefix(['-', '−', '+']).unwrap_or(body).trim();
    number_reading(body)
}

/// Reads an amount written as text: what it says about the decimal
/// separator, and the currency written with it; `None` when the text is
/// not an amount.
#[must_use]
pub fn amount_reading(text: &str) -> Option<(Reading, Option<&'static str>)> {
    let spacing = [' ', '\u{a0}', '\u{202f}', '\t', '\''];
    let mut s: String = if text.contains(spacing) {
        text.chars().filter(|c| !spacing.contains(c)).collect()
    } else {
        text.to_owned()
    };
    let mut code = None;
    let mut negative = false;
    // `1.200,-` (and `1,200.-`): a dash for no cents, which also says which
    // separator is the decimal one; not a trailing minus.
    let mut dash_mark = None;
    let dashes: &[(&str, bool)] = if s.contains(['-', '–']) {
        &[
            (",--", true),
            (",-", true),
            (",–", true),
            (".--", false),
            (".-", false),
        ]
    } else {
        &[]
    };
    for &(dash, comma) in dashes {
        let Some(at) = s.find(dash) else { continue };
        let (before, after) = (&s[..at], &s[at + dash.len()..]);
        if before.ends_with(|c: char| c.is_ascii_digit())
            && !after.contains(|c: char| c.is_ascii_digit() || c == '-')
        {
            s = format!("{before}{after}");
            dash_mark = Some(if comma {
                DecimalMark::Comma
            } else {
                DecimalMark::Point
            });
            break;
        }
    }
    if s.starts_with('(') && s.ends_with(')') && s.len() > 2 {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    if let Some(rest) = s.strip_suffix('-') {
        negative = true;
        s = rest.to_string();
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_string();
    }
    // A currency sign or ISO code before or after the number.
    for (sign, iso) in CURRENCY_SIGNS {
        if let Some(rest) = s.strip_prefix(sign) {
            s = rest.to_string();
            code = Some(*iso);
            break;
        }
        if let Some(rest) = s.strip_suffix(sign) {
            s = rest.to_string();
            code = Some(*iso);
            break;
        }
    }
    if code.is_none() && s.len() > 3 {
        // `get` rather than `split_at`: byte 3 may fall inside a character
        // (`1€0`), which is simply not a leading currency code.
        if let Some(iso) = s.get(..3).and_then(iso_code) {
            code = Some(iso);
            s = s[3..].to_string();
        } else if let Some(split) = s.len().checked_sub(3).filter(|i| s.is_char_boundary(*i)) {
            let (num, suffix) = s.split_at(split);
            if suffix.chars().all(|c| c.is_ascii_alphabetic()) {
                if let Some(iso) = iso_code(suffix) {
                    code = Some(iso);
                    s = num.to_string();
                }
            }
        }
        if code.is_none()
            && s.chars()
                .any(|c| c.is_ascii_alphabetic() && !"kKmMbB".contains(c))
        {
            return None;
        }
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_string();
    }
    let mut multiplier = 1.0;
    for (suffix, m) in [
        ("bn", 1e9),
        ("k", 1e3),
        ("K", 1e3),
        ("M", 1e6),
        ("m", 1e6),
        ("B", 1e9),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            multiplier = m;
            s = rest.to_string();
            break;
        }
    }
    let mut reading = number_reading(&s)?;
    if let Some(mark) = dash_mark {
        reading = Reading::Shows(mark, reading.value(mark));
    }
    let sign = if negative { -1.0 } else { 1.0 };
    Some((reading.map(|v| v * multiplier * sign), code))
}

fn iso_code(text: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
        "HUF", "INR", "CNY", "HKD", "SGD", "KRW", "BRL", "MXN", "ZAR", "AED", "SAR", "ILS", "TRY",
    ];
    let upper = text.to_ascii_uppercase();
    CODES.iter().copied().find(|c| *c == upper)
}

/// A percent: `2.5%` is 2.5; a percentage-formatted 0.025 is 2.5; any other
/// number is percent points.
pub fn percent(cell: &CellValue, ctx: &ParseCtx) -> Result<f64, String> {
    if let Some(msg) = unusable(cell, "a number") {
        return Err(msg);
    }
    let value = match cell {
        CellValue::Number {
            value,
            percent: true,
        } => super::cell::round_sig(value * 100.0),
        CellValue::Number { value, .. } => *value,
        CellValue::Text(t) => {
            let trimmed = t.trim();
            let body = trimmed.strip_suffix('%').unwrap_or(trimmed).trim();
            let (negative, body) = match body.strip_prefix('-').or_else(|| body.strip_prefix('−'))
            {
                Some(rest) => (true, rest.trim()),
                None => (false, body.strip_prefix('+').unwrap_or(body).trim()),
            };
            let reading =
                number_reading(body).ok_or_else(|| format!("{} is not a percent", quoted(cell)))?;
            let v = ctx.decimal.read(body, reading)?;
            if negative { -v } else { v }
        }
        _ => return Err(format!("{} is not a percent", quoted(cell))),
    };
    if !value.is_finite() {
        return Err(format!("{} is not a finite percent", quoted(cell)));
    }
    Ok(value)
}

/// A whole number of at least `min`.
pub fn integer(cell: &CellValue, min: u32, ctx: &ParseCtx) -> Result<u32, String> {
    if let Some(msg) = unusable(cell, "a whole number") {
        return Err(msg);
    }
    let value = match cell {
        CellValue::Number { value, .. } => *value,
        CellValue::Text(t) => {
            let reading = number_reading(t.trim())
                .ok_or_else(|| format!("{} is not a whole number", quoted(cell)))?;
            ctx.decimal.read(t, reading)?
        }
        _ => return Err(format!("{} is not a whole number", quoted(cell))),
    };
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(format!("{} is not a whole number", quoted(cell)));
    }
    if value < f64::from(min) || value > 100_000.0 {
        return Err(format!(
            "{} is out of range; expected a whole number from {min} to 100000",
            quoted(cell)
        ));
    }
    Ok(value as u32)
}

/// yes/no, y/n, true/false, 1/0, x, ticked boxes, `ja`/`oui`/`sí`, and
/// typed booleans.
// A typed 1 or 0 is compared exactly: 0.9999 is not a yes.
#[allow(clippy::float_cmp)]
pub fn yes_no(cell: &CellValue) -> Result<bool, String> {
    if let Some(msg) = unusable(cell, "yes or no") {
        return Err(msg);
    }
    match cell {
        CellValue::Bool(b) => Ok(*b),
        CellValue::Number { value, .. } if *value == 1.0 => Ok(true),
        CellValue::Number { value, .. } if *value == 0.0 => Ok(false),
        CellValue::Text(t) => match t.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" | "x" | "✓" | "✔" | "☑" | "✅" | "ja" | "oui" | "si"
            | "sí" | "sim" => Ok(true),
            "no" | "n" | "false" | "0" | "-" | "☐" | "✗" | "✘" | "❌" | "nein" | "non" | "nee" => {
                Ok(false)
            }
            _ => Err(not_yes_no(cell)),
        },
        _ => Err(not_yes_no(cell)),
    }
}

fn not_yes_no(cell: &CellValue) -> String {
    format!(
        "{} is not yes or no; expected yes/no, y/n, true/false, 1/0 or x/blank",
        quoted(cell)
    )
}

/// Normalises an enum word: any case, spaces or hyphens for underscores.
#[must_use]
pub fn enum_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = if matches!(c, ' ' | '-' | '\u{a0}' | '/') {
            '_'
        } else {
            c
        };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.extend(c.to_lowercase());
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// One of an enum's words.
pub fn enumeration<E: EnumWords>(cell: &CellValue) -> Result<E, String> {
    if let Some(msg) = unusable(cell, &format!("one of {}", E::words().join(", "))) {
        return Err(msg);
    }
    let key = match cell {
        CellValue::Text(t) => enum_key(t),
        _ => String::new(),
    };
    E::from_word(&key)
        .ok_or_else(|| format!("{} is not one of {}", quoted(cell), E::words().join(", ")))
}

/// A date: a date cell, an Excel serial number, ISO text, a month name
/// (`1 Mar 2026`, `March 2026`, `Jan-26`), a slash date with one valid
/// reading (or two under a declared day-month order), or a quarter or
/// fiscal year read as its first month.
pub fn date(cell: &CellValue, ctx: &ParseCtx) -> Result<NaiveDate, String> {
    date_read(cell, ctx).map(|(d, _)| d)
}

/// [`date`], with the note a quarter or fiscal year is read with (its
/// first month stands for the whole period).
pub fn date_read(cell: &CellValue, ctx: &ParseCtx) -> Result<(NaiveDate, Option<String>), String> {
    if let Some(msg) = unusable(cell, "a date") {
        return Err(msg);
    }
    match cell {
        CellValue::DateTime(dt) => Ok((dt.date(), None)),
        CellValue::Number { value, .. } if dates::is_year_number(*value) => {
            Err(format!("{} {}", quoted(cell), dates::BARE_YEAR))
        }
        CellValue::Number { value, .. } => serial_date(*value, ctx.is_1904)
            .map(|d| (d, None))
            .ok_or_else(|| format!("{} is not a date serial number", quoted(cell))),
        CellValue::Text(t) => {
            dates::text_date(t.trim(), ctx.date_order, ctx.fiscal_year_start_month)
                .map_err(|why| format!("{} {why}", quoted(cell)))
        }
        _ => Err(format!("{} is not a date", quoted(cell))),
    }
}

/// An Excel serial date in the 1900 (with its phantom 29 Feb 1900) or 1904 system.
#[must_use]
pub fn serial_date(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    // Serial 0 is 1 January 1904 in the 1904 system, but Excel's
    // "0 January 1900" (no date) in the 1900 system.
    let first = if is_1904 { 0.0 } else { 1.0 };
    if !serial.is_finite() || !(first..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?.checked_add_signed(Duration::days(days))
    } else {
        // Serial 60 is Excel's phantom 1900-02-29; serials after it count one day extra.
        let base = NaiveDate::from_ymd_opt(1899, 12, 31)?;
        let adjust = if days >= 60 { days - 1 } else { days };
        base.checked_add_signed(Duration::days(adjust))
    }
}

/// An ISO 4217 code (three letters), or a currency sign.
pub fn currency(cell: &CellValue) -> Result<String, String> {
    let t = text(cell)?;
    let trimmed = t.trim();
    if let Some((_, iso)) = CURRENCY_SIGNS.iter().find(|(s, _)| *s == trimmed) {
        return Ok((*iso).to_string());
    }
    if trimmed.len() == 3 && trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(trimmed.to_ascii_uppercase());
    }
    Err(format!(
        "{} is not a currency code; expected three letters such as USD or EUR",
        quoted(cell)
    ))
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
