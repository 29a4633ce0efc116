//! The decimal separator, decided per file (the spec's "Reading values",
//! Money): what a number written as text shows about it ([`Reading`]),
//! and the convention a file's ambiguous texts (`1.200`, `1,200`) are read
//! with ([`DecimalConvention`]), decided from the file's own unambiguous
//! texts (`decide`).

pub(crate) mod decide;

use super::cell::number_text;
use crate::model::Conventions;

pub use crate::model::DecimalMark;

/// What a number written as text says about its decimal separator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// No separator that tells (`1200`, `12`).
    Plain(f64),
    /// Readable one way only, which shows the file's mark: `1.234,50`,
    /// `0,75`, `1,5` show a comma; `1,234.50`, `0.75` a point.
    Shows(DecimalMark, f64),
    /// One separator and exactly three digits after it (`1.200`,
    /// `1,200`): a thousands separator or a decimal one.
    Ambiguous {
        /// The value with a decimal point.
        point: f64,
        /// The value with a decimal comma.
        comma: f64,
    },
}

impl Reading {
    /// The same reading with its values changed by `f` (a sign, a `k`).
    #[must_use]
    pub fn map(self, f: impl Fn(f64) -> f64) -> Reading {
        match self {
            Reading::Plain(v) => Reading::Plain(f(v)),
            Reading::Shows(mark, v) => Reading::Shows(mark, f(v)),
            Reading::Ambiguous { point, comma } => Reading::Ambiguous {
                point: f(point),
                comma: f(comma),
            },
        }
    }

    /// The value under a convention that reads ambiguous texts with `mark`.
    #[must_use]
    pub fn value(self, mark: DecimalMark) -> f64 {
        match (self, mark) {
            (Reading::Plain(v) | Reading::Shows(_, v), _)
            | (Reading::Ambiguous { point: v, .. }, DecimalMark::Point)
            | (Reading::Ambiguous { comma: v, .. }, DecimalMark::Comma) => v,
        }
    }
}

/// Digits with optional separators: what each says, or `None` when the
/// text is not such a number (`1,2,3`, `1.23.4`).
#[must_use]
pub fn number_reading(s: &str) -> Option<Reading> {
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        || !s.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let parse = |t: String| t.parse::<f64>().ok();
    let reading = match (commas, dots) {
        (0, 0) => Reading::Plain(parse(s.to_string())?),
        (_, _) if commas > 0 && dots > 0 => {
            // The last separator is the decimal one; the other groups thousands.
            let (mark, decimal, group) = if s.rfind(',') > s.rfind('.') {
                (DecimalMark::Comma, ',', '.')
            } else {
                (DecimalMark::Point, '.', ',')
            };
            let at = s.rfind(decimal)?;
            if s.matches(decimal).count() > 1 || !grouped(&s[..at], group) {
                return None;
            }
            let whole = s[..at].replace(group, "");
            Reading::Shows(mark, parse(format!("{whole}.{}", &s[at + 1..]))?)
        }
        (1, 0) | (0, 1) => {
            let sep = if commas == 1 { ',' } else { '.' };
            let mark = if sep == ',' {
                DecimalMark::Comma
            } else {
                DecimalMark::Point
            };
            let at = s.find(sep)?;
            let (before, after) = (&s[..at], &s[at + 1..]);
            let decimal = parse(format!("{before}.{after}"))?;
            if after.len() == 3
                && !before.is_empty()
                && before.len() <= 3
                && !before.starts_with('0')
            {
                let thousands = parse(format!("{before}{after}"))?;
                match mark {
                    DecimalMark::Point => Reading::Ambiguous {
                        point: decimal,
                        comma: thousands,
                    },
                    DecimalMark::Comma => Reading::Ambiguous {
                        point: thousands,
                        comma: decimal,
                    },
                }
            } else if after.is_empty() {
                Reading::Plain(decimal)
            } else {
                Reading::Shows(mark, decimal)
            }
        }
        // Several of one separator and none of the other: thousands groups,
        // which shows that the other is the decimal mark.
        (_, 0) if grouped(s, ',') => Reading::Shows(DecimalMark::Point, parse(s.replace(',', ""))?),
        (0, _) if grouped(s, '.') => Reading::Shows(DecimalMark::Comma, parse(s.replace('.', ""))?),
        _ => return None,
    };
    Some(reading)
}

/// A number with optional thousands separators and a decimal point or
/// comma. A text that reads either way (`1,200`) is read with a decimal
/// comma when `decimal_comma`, else with a point; one that reads one way
/// (`0,75`, `1,200.50`) is read that way whatever `decimal_comma` says.
#[must_use]
pub fn plain_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let mark = if decimal_comma {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    };
    number_reading(s).map(|r| r.value(mark))
}

/// Whether `s` is digits in groups of three after a first group of one to three.
fn grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 || !first.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut any = false;
    for part in parts {
        any = true;
        if part.len() != 3 || !part.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    any
}

/// Where the convention of a file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecidedBy {
    /// The file's own unambiguous texts.
    FileEvidence,
    /// `--decimal-comma`, for a file that shows neither mark.
    Flag,
    /// The decimal point, for a file that shows neither mark.
    Default,
}

/// A text of the file and its cell (`D4`, or `Sheet!D4` in a workbook of
/// several sheets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The cell.
    pub cell: String,
    /// The text, as the file holds it.
    pub text: String,
}

impl Shown {
    fn quoted(&self) -> String {
        format!("\"{}\" in {}", self.text, self.cell)
    }
}

/// How one file's numbers written as text are read: which mark its
/// ambiguous texts are read with, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecimalConvention {
    /// The mark ambiguous texts are read with; `None` when the file
    /// shows both marks and they are refused.
    pub used: Option<DecimalMark>,
    /// Where that came from.
    pub from: DecidedBy,
    /// The first text showing a decimal comma, if any.
    pub comma: Option<Shown>,
    /// The first text showing a decimal point, if any.
    pub point: Option<Shown>,
    /// The first ambiguous text, if any.
    pub ambiguous: Option<Shown>,
}

impl DecimalConvention {
    /// The convention of a file that shows neither mark: the decimal
    /// point, or the comma under `--decimal-comma`.
    #[must_use]
    pub const fn without_evidence(decimal_comma: bool) -> Self {
        DecimalConvention {
            used: Some(if decimal_comma {
                DecimalMark::Comma
            } else {
                DecimalMark::Point
            }),
            from: if decimal_comma {
                DecidedBy::Flag
            } else {
                DecidedBy::Default
            },
            comma: None,
            point: None,
            ambiguous: None,
        }
    }

    /// The convention a file's texts show; `decimal_comma` is the default
    /// for a file that shows neither.
    #[must_use]
    pub fn from_evidence(
        decimal_comma: bool,
        comma: Option<Shown>,
        point: Option<Shown>,
        ambiguous: Option<Shown>,
    ) -> Self {
        let (used, from) = match (&comma, &point) {
            (Some(_), Some(_)) => (None, DecidedBy::FileEvidence),
            (Some(_), None) => (Some(DecimalMark::Comma), DecidedBy::FileEvidence),
            (None, Some(_)) => (Some(DecimalMark::Point), DecidedBy::FileEvidence),
            (None, None) => {
                let assumed = Self::without_evidence(decimal_comma);
                (assumed.used, assumed.from)
            }
        };
        DecimalConvention {
            used,
            from,
            comma,
            point,
            ambiguous,
        }
    }

    /// The conventions a table of this file is read with, for its reading
    /// report; `date_order` as the run sets it.
    #[must_use]
    pub fn conventions(&self, date_order: Option<crate::model::DateOrder>) -> Conventions {
        Conventions {
            decimal: self.used,
            decimal_read: self.describe(),
            date_order,
        }
    }

    /// The convention in a few words, for the reading report:
    /// `decimal comma, as "1.234,50" in D4 shows`.
    #[must_use]
    pub fn describe(&self) -> String {
        match (self.used, self.from) {
            (None, _) => format!("both marks: {}", self.both()),
            (Some(mark), DecidedBy::FileEvidence) => {
                let shown = match mark {
                    DecimalMark::Comma => self.comma.as_ref(),
                    DecimalMark::Point => self.point.as_ref(),
                };
                match shown {
                    Some(s) => format!("{}, as {} shows", mark.describe(), s.quoted()),
                    None => mark.describe().to_string(),
                }
            }
            (Some(mark), DecidedBy::Flag) => {
                format!(
                    "{} (--decimal-comma; the file shows neither)",
                    mark.describe()
                )
            }
            (Some(mark), DecidedBy::Default) => {
                format!("{} (the file shows neither)", mark.describe())
            }
        }
    }

    fn both(&self) -> String {
        let shown: Vec<String> = [&self.comma, &self.point]
            .into_iter()
            .flatten()
            .map(Shown::quoted)
            .collect();
        format!("this file writes numbers both ways ({})", shown.join(", "))
    }

    /// What the file's record says about it: when its evidence decided an
    /// ambiguous text, overrode `--decimal-comma`, or shows both marks.
    #[must_use]
    pub fn note(&self, decimal_comma: bool) -> Option<String> {
        let ambiguous = self.ambiguous.as_ref();
        match (self.used, self.from) {
            (None, _) => Some(format!(
                "{}: a number that reads either way{} is refused",
                self.both(),
                ambiguous.map_or(String::new(), |a| format!(", such as {},", a.quoted()))
            )),
            (Some(DecimalMark::Point), DecidedBy::FileEvidence) if decimal_comma => Some(format!(
                "numbers are read with a {}; --decimal-comma applies only to files that show neither mark",
                self.describe()
            )),
            (Some(_), DecidedBy::FileEvidence) => ambiguous.map(|a| {
                format!(
                    "numbers are read with a {}; {} and texts like it are read that way",
                    self.describe(),
                    a.quoted()
                )
            }),
            _ => None,
        }
    }

    /// The value of a number text under this convention, or why it cannot
    /// be read: an ambiguous text in a file that writes numbers both ways.
    ///
    /// # Errors
    ///
    /// The text reads either way and the file shows both marks.
    pub fn read(&self, text: &str, reading: Reading) -> Result<f64, String> {
        match (reading, self.used) {
            (Reading::Ambiguous { point, comma }, None) => Err(format!(
                "\"{}\" could be {} or {}: {}",
                text.trim(),
                grouped_text(point.max(comma)),
                grouped_text(point.min(comma)),
                self.both()
            )),
            (reading, Some(mark)) => Ok(reading.value(mark)),
            (reading, None) => Ok(reading.value(DecimalMark::Point)),
        }
    }
}

impl Default for DecimalConvention {
    fn default() -> Self {
        Self::without_evidence(false)
    }
}

/// A number with its thousands grouped by commas: `1,200`, `1.2`.
fn grouped_text(value: f64) -> String {
    let text = number_text(value.abs());
    let sign = if value < 0.0 { "-" } else { "" };
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = sign.to_string();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests;
