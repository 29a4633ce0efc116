//! One cell as the importer sees it, whatever format it came from.

use calamine::{Data, DataRef};
use chrono::NaiveDateTime;

/// A cell's value as read from the file, before any field interprets it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// No value: an empty or missing cell.
    Empty,
    /// Text, as the file holds it.
    Text(String),
    /// A number; `percent` when the cell is formatted as a percentage.
    Number {
        /// The number.
        value: f64,
        /// Whether the cell's number format shows it as a percentage (`0.25`
        /// shown as `25%`).
        percent: bool,
    },
    /// A TRUE or FALSE cell.
    Bool(bool),
    /// A date or date-time cell.
    DateTime(NaiveDateTime),
    /// An error cell such as `#DIV/0!`.
    Error(String),
    /// A formula whose result was never saved in the file.
    NoSavedValue(String),
    /// A value the file's own structure leaves in doubt (a CSV quote that
    /// is never closed): the text read, and why it cannot be trusted.
    Broken {
        /// The text read for the cell.
        text: String,
        /// Why it cannot be trusted, as a message says it.
        why: String,
    },
}

impl CellValue {
    /// Whether the cell holds nothing (empty, or only white space).
    #[must_use]
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it, for messages and the audit trail.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(t) => t.clone(),
            CellValue::Number {
                value,
                percent: true,
            } => format!("{}%", number_text(round_sig(value * 100.0))),
            CellValue::Number { value, .. } => number_text(*value),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::DateTime(dt) => {
                use chrono::{Datelike, Timelike};
                // Written out rather than through a format string, which
                // is parsed again for every cell.
                let date = format!("{:04}-{:02}-{:02}", dt.year(), dt.month(), dt.day());
                if dt.time() == chrono::NaiveTime::MIN {
                    date
                } else {
                    format!(
                        "{date} {:02}:{:02}:{:02}",
                        dt.hour(),
                        dt.minute(),
                        dt.second()
                    )
                }
            }
            CellValue::Error(e) => e.clone(),
            CellValue::NoSavedValue(f) => format!("={f}"),
            CellValue::Broken { text, .. } => text.clone(),
        }
    }
}

/// A number as Excel's General format would show it: `123`, not `123.0`;
/// the shortest text that reads back to the same number otherwise.
#[must_use]
pub fn number_text(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        // Whole and within i64: integer formatting, much cheaper than a
        // float's, and -0 reads as 0.
        #[allow(clippy::cast_possible_truncation)]
        (value as i64).to_string()
    } else {
        let mut text = format!("{value}");
        if text == "-0" {
            text = "0".into();
        }
        text
    }
}

/// Rounds away binary noise (`0.025 * 100` is `2.5000000000000004`) so a
/// percent reads as the cell displays it.
#[must_use]
pub(crate) fn round_sig(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let digits = 12 - value.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits.clamp(-300, 300));
    (value * scale).round() / scale
}

/// A row of a table: its 1-based row number and its non-empty cells,
/// sparse, as (0-based column, value) in column order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Row {
    pub(crate) number: u32,
    pub(crate) cells: Vec<(u32, CellValue)>,
    /// The row is hidden in the workbook.
    pub(crate) hidden: bool,
}

impl Row {
    /// Row 1 of text cells, one a column from A: a header row as a test
    /// writes it.
    #[cfg(test)]
    pub(crate) fn header(titles: &[&str]) -> Row {
        Row {
            number: 1,
            cells: titles
                .iter()
                .enumerate()
                .map(|(i, c)| (i as u32, CellValue::Text((*c).to_string())))
                .collect(),
            hidden: false,
        }
    }

    /// The cell at a column, if the row has one.
    #[must_use]
    pub(crate) fn get(&self, col: u32) -> Option<&CellValue> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    /// Whether every cell is blank.
    #[must_use]
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(|(_, v)| v.is_blank())
    }
}

impl CellValue {
    /// A calamine value; `percent` when the cell's number format has a `%`.
    pub(crate) fn from_calamine(value: DataRef<'_>, percent: bool) -> CellValue {
        match value {
            DataRef::Empty => CellValue::Empty,
            DataRef::Int(i) => CellValue::Number {
                value: i as f64,
                percent,
            },
            DataRef::Float(f) => CellValue::Number { value: f, percent },
            DataRef::String(s) | DataRef::DurationIso(s) => CellValue::Text(s),
            DataRef::SharedString(s) => CellValue::Text(s.to_string()),
            DataRef::Bool(b) => CellValue::Bool(b),
            DataRef::DateTime(dt) => match dt.as_datetime() {
                Some(d) if dt.is_datetime() => CellValue::DateTime(d),
                _ => CellValue::Number {
                    value: dt.as_f64(),
                    percent: false,
                },
            },
            DataRef::DateTimeIso(s) => {
                chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S")
                    .or_else(|_| {
                        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                            .map(|d| d.and_time(chrono::NaiveTime::MIN))
                    })
                    .map_or(CellValue::Text(s), CellValue::DateTime)
            }
            DataRef::Error(e) => CellValue::Error(e.to_string()),
        }
    }

    /// A value of a dense calamine range (xls, ods), which carries no
    /// format; `percent` when the file formats the cell as a percentage.
    pub(crate) fn from_calamine_owned(value: &Data, percent: bool) -> CellValue {
        let r: DataRef<'_> = match value {
            Data::Int(i) => DataRef::Int(*i),
            Data::Float(f) => DataRef::Float(*f),
            Data::String(s) => DataRef::SharedString(s),
            Data::Bool(b) => DataRef::Bool(*b),
            Data::DateTime(d) => DataRef::DateTime(*d),
            Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
            Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
            Data::Error(e) => DataRef::Error(e.clone()),
            Data::Empty => DataRef::Empty,
        };
        CellValue::from_calamine(r, percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_print_without_decimals() {
        assert_eq!(number_text(123.0), "123");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(2.5), "2.5");
    }

    #[test]
    fn percent_cells_display_as_shown() {
        let cell = CellValue::Number {
            value: 0.025,
            percent: true,
        };
        assert_eq!(cell.display(), "2.5%");
    }
}
