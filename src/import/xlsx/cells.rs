//! Reading an xlsx sheet's cells through calamine, on one thread: each
//! cell with its style, so a percentage cell reads as the percent it shows;
//! the hidden rows from the sheet's scan ([`super::scan`]); and, only where
//! the scan saw a formula without a saved value, a formula pass first that
//! finds those formulas.

use std::ops::ControlFlow;

use calamine::{DataRef, Xlsx};

use super::scan::SheetScan;
use super::{Shared, percent_styles};
use crate::import::cell::{CellValue, Row};
use crate::import::error::SourceError;
use crate::import::gather::RowGatherer;

/// A cell's value; `None` for an empty cell (unless it holds a formula
/// with no saved value, found in `unsaved`).
fn cell_value(
    (r, c): (u32, u32),
    value: &DataRef<'_>,
    percent: bool,
    unsaved: &Formulas,
) -> Option<CellValue> {
    match value {
        DataRef::Empty => unsaved
            .binary_search_by_key(&(r, c), |(p, _)| *p)
            .ok()
            .map(|i| CellValue::NoSavedValue(unsaved[i].1.clone())),
        v => Some(CellValue::from_calamine(v.clone(), percent)),
    }
}

/// Streams an xlsx sheet row by row, knowing its scan (`None` for a look
/// at the first rows, which needs neither hidden rows nor formulas).
pub(crate) fn visit_xlsx<B>(
    book: &mut Xlsx<Shared>,
    scan: Option<&SheetScan>,
    name: &str,
    f: &mut dyn FnMut(Row) -> ControlFlow<B>,
) -> Result<ControlFlow<B>, SourceError> {
    let xml_error = |e: calamine::XlsxError| SourceError::Sheet {
        sheet: name.to_string(),
        reason: e.to_string(),
    };
    // Cells that hold a formula but no saved value read as empty; find them first.
    // The scan tells when there are none to find, saving a pass.
    let unsaved = if scan.is_some_and(|s| s.unsaved_formulas) {
        unsaved_formulas(book, name).map_err(xml_error)?
    } else {
        Vec::new()
    };
    let hidden = scan.map_or_else(Vec::new, |s| s.hidden_rows.clone());
    let mut reader = book.worksheet_cells_reader(name).map_err(xml_error)?;
    let percent = percent_styles(&reader);
    let mut rows = RowGatherer::new(f, hidden);
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| rows.broke_off(xml_error(e)))?
    {
        let pos = cell.get_position();
        let shown = percent.get(style).copied().unwrap_or(false);
        let Some(value) = cell_value(pos, cell.get_value(), shown, &unsaved) else {
            continue;
        };
        if let ControlFlow::Break(stop) = rows.push(pos.0, pos.1, value) {
            return Ok(ControlFlow::Break(stop));
        }
    }
    Ok(rows.flush())
}

/// Formula text by 0-based (row, column).
type Formulas = Vec<((u32, u32), String)>;

/// Formulas in a sheet with no saved value, by position.
fn unsaved_formulas(book: &mut Xlsx<Shared>, name: &str) -> Result<Formulas, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(name)?;
    let mut out = Vec::new();
    while let Some(cell) = reader.next_cell_with_formula()? {
        if cell.value == DataRef::Empty {
            if let Some(formula) = cell.formula {
                out.push((cell.pos, formula));
            }
        }
    }
    out.sort_by_key(|(p, _)| *p);
    Ok(out)
}
