//! The first pass over a file that decides its decimal convention: every
//! text below a table's header that reads as a number, except in columns
//! whose field holds no number (names, dates, enumerations, provider
//! lists), so that an id such as `2.1` or a date such as `03.04` is no
//! evidence. Number cells say nothing and are passed over.

use std::ops::ControlFlow;

use super::{DecimalConvention, DecimalMark, Reading, Shown};
use crate::import::cell::{CellValue, Row};
use crate::import::source::Source;
use crate::import::table::find::Table;
use crate::import::table::header::{Column, HeaderMap, TableKind};
use crate::import::values::text_reading;
use crate::model::{CASH_FLOW_FIELDS, FIELDS, Kind, column_letters};

/// What the pass has seen so far.
#[derive(Default)]
struct Evidence {
    comma: Option<Shown>,
    point: Option<Shown>,
    ambiguous: Option<Shown>,
}

impl Evidence {
    fn complete(&self) -> bool {
        self.comma.is_some() && self.point.is_some() && self.ambiguous.is_some()
    }

    fn see(&mut self, cell: impl FnOnce() -> String, text: &str, reading: Reading) {
        let slot = match reading {
            Reading::Plain(_) => return,
            Reading::Shows(DecimalMark::Comma, _) => &mut self.comma,
            Reading::Shows(DecimalMark::Point, _) => &mut self.point,
            Reading::Ambiguous { .. } => &mut self.ambiguous,
        };
        if slot.is_none() {
            *slot = Some(Shown {
                cell: cell(),
                text: text.trim().to_string(),
            });
        }
    }
}

fn may_show_a_mark(text: &str) -> bool {
    text.bytes().any(|b| b == b',' || b == b'.') && text.bytes().any(|b| b.is_ascii_digit())
}

/// Whether a text is a number that shows a decimal mark or reads either
/// way: evidence, or a text the evidence decides.
pub(crate) fn shows_a_mark(text: &str) -> bool {
    may_show_a_mark(text) && text_reading(text).is_some_and(|r| !matches!(r, Reading::Plain(_)))
}

/// The columns of a table whose texts are no evidence: those of fields
/// that hold no number.
fn passed_over(table: &Table) -> Vec<u32> {
    let fields = match table.kind {
        TableKind::Projects => FIELDS,
        TableKind::CashFlows => CASH_FLOW_FIELDS,
    };
    HeaderMap::new(&table.header, fields, &[])
        .columns
        .iter()
        .filter_map(|(col, column)| match column {
            Column::Field(spec)
                if !matches!(
                    spec.kind,
                    Kind::Money | Kind::Percent | Kind::Integer { .. }
                ) =>
            {
                Some(*col)
            }
            _ => None,
        })
        .collect()
}

/// Decides the convention of a file from the texts of its tables;
/// `decimal_comma` is the default for a file that shows neither mark. A
/// sheet that breaks off gives the evidence before the damage (reading
/// the table meets the damage again and says so).
pub(crate) fn decide<'t>(
    source: &mut impl Source,
    tables: impl IntoIterator<Item = &'t Table>,
    decimal_comma: bool,
) -> DecimalConvention {
    let mut seen = Evidence::default();
    let many_sheets = source.sheets().len() > 1;
    for table in tables {
        if seen.complete() {
            break;
        }
        // Where the format tells that no text could show anything, the
        // sheet's cells are not read for it.
        if !source.may_show_a_decimal_mark(table.sheet) {
            continue;
        }
        let skip = passed_over(table);
        let sheet = source.sheets()[table.sheet].name.clone();
        let _ = source.visit(table.sheet, &mut |row: Row| {
            if row.number <= table.header_row {
                return ControlFlow::Continue(());
            }
            for (col, value) in &row.cells {
                let CellValue::Text(text) = value else {
                    continue;
                };
                // Only a text with a digit and a separator can show a mark.
                if skip.contains(col) || !may_show_a_mark(text) {
                    continue;
                }
                if let Some(reading) = text_reading(text) {
                    let cell = || {
                        let at = format!("{}{}", column_letters(*col), row.number);
                        if many_sheets {
                            format!("{sheet}!{at}")
                        } else {
                            at
                        }
                    };
                    seen.see(cell, text, reading);
                }
            }
            if seen.complete() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
    }
    DecimalConvention::from_evidence(decimal_comma, seen.comma, seen.point, seen.ambiguous)
}
