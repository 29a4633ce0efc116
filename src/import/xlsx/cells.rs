//! Reading an xlsx sheet's cells through calamine: each cell with its
//! style, so a percentage cell reads as the percent it shows; the hidden
//! rows from the sheet's scan ([`super::scan`]); and, only where the scan
//! saw a formula without a saved value, a formula pass first that finds
//! those formulas. A whole sheet is read on a thread of its own, unzipping
//! and parsing while this thread reads the rows it has sent (on two cores
//! that halves the time `validate` takes on a large sheet); a look at a
//! sheet's first rows is read here.

use std::ops::ControlFlow;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{DataRef, Xlsx};

use super::scan::SheetScan;
use super::{Shared, percent_styles};
use crate::import::cell::{CellValue, Row};
use crate::import::error::SourceError;
use crate::import::gather::RowGatherer;
use crate::import::guard::contain;

/// Cells the reading thread sends at a time, and batches it may have
/// waiting: a few megabytes at most, however large the sheet.
const BATCH_CELLS: usize = 4096;
const BATCHES_WAITING: usize = 4;

/// What the reading thread sends.
enum Batch {
    /// Cells in sheet order: 0-based row and column, and value.
    Cells(Vec<(u32, u32, CellValue)>),
    /// The sheet's XML could not be read from here on.
    Failed(String),
    /// calamine panicked on the file (its message).
    Panicked(String),
}

/// A cell's value; `None` for an empty cell (unless it holds a formula
/// with no saved value, found in `unsaved`).
fn cell_value(
    (r, c): (u32, u32),
    value: &DataRef<'_>,
    percent: bool,
    unsaved: &[((u32, u32), String)],
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
/// at the first rows, which needs neither hidden rows nor formulas and is
/// read on this thread).
pub(crate) fn visit_xlsx<B>(
    book: &mut Xlsx<Shared>,
    scan: Option<&SheetScan>,
    name: &str,
    f: &mut dyn FnMut(Row) -> ControlFlow<B>,
) -> Result<ControlFlow<B>, SourceError> {
    let xml_error = |reason: String| SourceError::Sheet {
        sheet: name.to_string(),
        reason,
    };
    let Some(scan) = scan else {
        let mut rows = RowGatherer::new(f, Vec::new());
        let mut reader = book
            .worksheet_cells_reader(name)
            .map_err(|e| xml_error(e.to_string()))?;
        let percent = percent_styles(&reader);
        while let Some((cell, style)) = reader
            .next_cell_with_style_id()
            .map_err(|e| rows.broke_off(xml_error(e.to_string())))?
        {
            let pos = cell.get_position();
            let shown = percent.get(style).copied().unwrap_or(false);
            if let Some(value) = cell_value(pos, cell.get_value(), shown, &[]) {
                if let ControlFlow::Break(stop) = rows.push(pos.0, pos.1, value) {
                    return Ok(ControlFlow::Break(stop));
                }
            }
        }
        return Ok(rows.flush());
    };
    // Cells that hold a formula but no saved value read as empty; find them first.
    // The scan tells when there are none to find, saving a pass.
    let unsaved = if scan.unsaved_formulas {
        unsaved_formulas(book, name).map_err(|e| xml_error(e.to_string()))?
    } else {
        Vec::new()
    };
    let mut rows = RowGatherer::new(f, scan.hidden_rows.clone());
    let (send, receive) = sync_channel(BATCHES_WAITING);
    std::thread::scope(|scope| {
        let unsaved = &unsaved;
        let reading = std::thread::Builder::new()
            .name("airoi-xlsx".into())
            .spawn_scoped(scope, move || {
                if let Err(message) = contain(|| send_cells(book, name, unsaved, &send)) {
                    // The rows are gone with the sheet; a closed channel
                    // means they are no longer wanted.
                    let _ = send.send(Batch::Panicked(message));
                }
            });
        let read = match reading {
            Ok(_) => take_cells(&receive, &mut rows, xml_error),
            Err(e) => Err(SourceError::ReaderFailed(format!(
                "the sheet reader could not start: {e}"
            ))),
        };
        // A visitor that stopped early leaves the reader blocked on a
        // full channel: closing it ends the reader before the scope joins.
        drop(receive);
        read
    })
}

/// The reading thread: every cell of the sheet, in batches, until the
/// sheet ends, its XML fails, or the rows are no longer wanted.
fn send_cells(book: &mut Xlsx<Shared>, name: &str, unsaved: &Formulas, send: &SyncSender<Batch>) {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(e) => {
            let _ = send.send(Batch::Failed(e.to_string()));
            return;
        }
    };
    let percent = percent_styles(&reader);
    let mut batch = Vec::with_capacity(BATCH_CELLS);
    loop {
        match reader.next_cell_with_style_id() {
            Ok(Some((cell, style))) => {
                let pos = cell.get_position();
                let shown = percent.get(style).copied().unwrap_or(false);
                if let Some(value) = cell_value(pos, cell.get_value(), shown, unsaved) {
                    batch.push((pos.0, pos.1, value));
                }
                if batch.len() == BATCH_CELLS {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_CELLS));
                    if send.send(Batch::Cells(full)).is_err() {
                        return;
                    }
                }
            }
            Ok(None) => {
                let _ = send.send(Batch::Cells(batch));
                return;
            }
            Err(e) => {
                let _ = send.send(Batch::Cells(batch));
                let _ = send.send(Batch::Failed(e.to_string()));
                return;
            }
        }
    }
}

/// This thread: the cells as they come, gathered into rows for the visitor.
fn take_cells<B>(
    receive: &Receiver<Batch>,
    rows: &mut RowGatherer<'_, B>,
    xml_error: impl Fn(String) -> SourceError,
) -> Result<ControlFlow<B>, SourceError> {
    // The channel closes when the reader is done.
    while let Ok(batch) = receive.recv() {
        match batch {
            Batch::Cells(cells) => {
                for (r, c, value) in cells {
                    if let ControlFlow::Break(stop) = rows.push(r, c, value) {
                        return Ok(ControlFlow::Break(stop));
                    }
                }
            }
            Batch::Failed(reason) => return Err(rows.broke_off(xml_error(reason))),
            Batch::Panicked(message) => {
                return Err(rows.broke_off(SourceError::reader_failed(&message)));
            }
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
