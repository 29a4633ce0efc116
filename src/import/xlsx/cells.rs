//! Reading an xlsx sheet's cells through calamine: the first full read,
//! with the sheet's scan ([`super::scan`]) running beside it, and the
//! exact reads that use styles and a separate formula pass (for a look at
//! the first rows, for later reads, and where the scan cannot place a
//! percent cell).

use std::ops::ControlFlow;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{DataRef, Xlsx};

use super::scan::{Fed, Feed, SheetScan};
use super::{Bytes, Shared, percent_styles};
use crate::import::cell::{CellValue, Row};
use crate::import::error::SourceError;
use crate::import::gather::RowGatherer;
use crate::import::guard;

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
    visit_xlsx_after(book, scan, (name, 0), f)
}

/// [`visit_xlsx`] past the first `taken` cells with a value, which were
/// handed over already.
fn visit_xlsx_after<B>(
    book: &mut Xlsx<Shared>,
    scan: Option<&SheetScan>,
    (name, taken): (&str, usize),
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
    let mut skip = taken;
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| rows.broke_off(xml_error(e)))?
    {
        let pos = cell.get_position();
        let shown = percent.get(style).copied().unwrap_or(false);
        let Some(value) = cell_value(pos, cell.get_value(), shown, &unsaved) else {
            continue;
        };
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if let ControlFlow::Break(stop) = rows.push(pos.0, pos.1, value) {
            return Ok(ControlFlow::Break(stop));
        }
    }
    Ok(rows.flush())
}

/// Cells read ahead at most while the rows wait for a sheet's scan (a few
/// dozen megabytes); past this the reading waits too.
pub(crate) const READ_AHEAD_CELLS: usize = 1 << 19;

/// Cells handed from the reading thread to the rows at a time.
const BATCH_CELLS: usize = 2048;

/// The first full read of an xlsx sheet, on three threads: calamine's
/// formula reader reads the cells on one, handing over each value with its
/// formula (a formula with no saved value comes with its text) to take
/// rather than copy, but not its style; the scan of the sheet's XML says
/// which cells show a percent and which rows are hidden, on another, and
/// runs ahead of the reading; and the calling thread gathers the cells
/// into rows and hands them to `f` as soon as the scan has passed them,
/// while the next cells are being read. Returns the scan, for later reads.
pub(crate) fn visit_xlsx_scanning<B>(
    book: &mut Xlsx<Shared>,
    bytes: &Bytes,
    (name, read_ahead): (&str, usize),
    f: &mut dyn FnMut(Row) -> ControlFlow<B>,
) -> Result<(SheetScan, ControlFlow<B>), SourceError> {
    let xml_error = |e: calamine::XlsxError| SourceError::Sheet {
        sheet: name.to_string(),
        reason: e.to_string(),
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(xml_error)?;
    let percent = percent_styles(&reader);
    let batch = read_ahead.clamp(1, BATCH_CELLS);
    // At most `read_ahead` cells wait in the queue (none: each batch waits
    // for the rows to take it).
    let queued = (read_ahead / batch).min(READ_AHEAD_CELLS / BATCH_CELLS);
    let feed = Feed::default();
    let read = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("xlsx scan".into())
            .spawn_scoped(scope, || {
                // Whatever happens to the scan, the reading does not wait forever.
                let _abandon = Abandon(&feed);
                super::scan::scan_feeding(bytes.as_ref(), name, &percent, Some(&feed));
            })
            .map_err(|e| thread_error(&e))?;
        let (cells, batches) = sync_channel::<Vec<Cell>>(queued);
        // Emptied batches go back to be filled again rather than the
        // reading thread asking for fresh memory for each.
        let (spare, spares) = sync_channel::<Vec<Cell>>(queued + 2);
        let reading = std::thread::Builder::new()
            .name("xlsx cells".into())
            .spawn_scoped(scope, move || {
                // calamine runs on this thread: a panic in it is the file's
                // read error, as on the calling thread.
                guard::contain(move || send_cells(&mut reader, batch, &cells, &spares))
            })
            .map_err(|e| thread_error(&e))?;
        let mut known = Known::default();
        let mut rows = RowGatherer::new(f, Vec::new());
        let mut taken = 0;
        for mut batch in batches {
            for (pos, mut value) in batch.drain(..) {
                let row = pos.0.saturating_add(1);
                if !known.covers(row) {
                    known.learn(
                        &feed.wait(|fed| fed.done || known.in_order(row) && row <= fed.through),
                        &mut rows.hidden,
                    );
                }
                if known.unplaced_at(row) {
                    // From here the cells showing a percent are not known:
                    // the rest is read again, with styles.
                    let scan = feed.take_whole();
                    if let ControlFlow::Break(stop) = rows.flush() {
                        return Ok(Scanned::Read(scan, ControlFlow::Break(stop)));
                    }
                    return Ok(Scanned::Again { scan, taken });
                }
                known.last_row = row;
                if let CellValue::Number { percent, .. } = &mut value {
                    *percent = known.percent_cells.binary_search(&pos).is_ok();
                }
                taken += 1;
                if let ControlFlow::Break(stop) = rows.push(pos.0, pos.1, value) {
                    return Ok(Scanned::Read(feed.take_whole(), ControlFlow::Break(stop)));
                }
            }
            let _ = spare.try_send(batch);
        }
        // Every cell was sent, or the reading stopped at an error.
        match reading.join() {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => return Err(rows.broke_off(xml_error(e))),
            Ok(Err(panicked)) => return Err(SourceError::reader_failed(&panicked)),
            Err(payload) => {
                return Err(SourceError::reader_failed(&guard::panic_message(
                    payload.as_ref(),
                )));
            }
        }
        let flow = rows.flush();
        Ok(Scanned::Read(feed.take_whole(), flow))
    })?;
    match read {
        Scanned::Read(scan, flow) => Ok((scan, flow)),
        Scanned::Again { scan, taken } => {
            let flow = visit_xlsx_after(book, Some(&scan), (name, taken), f)?;
            Ok((scan, flow))
        }
    }
}

/// Ends the scan's findings however the scan thread ends.
struct Abandon<'a>(&'a Feed);

impl Drop for Abandon<'_> {
    fn drop(&mut self) {
        self.0.abandon();
    }
}

/// What the rows know of the scan so far: a copy of the feed's findings,
/// so that a cell needs no lock, brought up to date when a row needs more.
#[derive(Default)]
struct Known {
    /// Rows up to this one are scanned.
    through: u32,
    done: bool,
    /// The row of the first percent cell without a position.
    unplaced: Option<u32>,
    /// Percent cells so far, sorted.
    percent_cells: Vec<(u32, u32)>,
    /// The row of the last cell handed over.
    last_row: u32,
}

impl Known {
    /// A row after the last, or the same: rows that come out of order wait
    /// for the whole scan.
    fn in_order(&self, row: u32) -> bool {
        row >= self.last_row
    }

    /// Whether what is known holds for a cell of `row`.
    fn covers(&self, row: u32) -> bool {
        self.done || self.in_order(row) && row <= self.through
    }

    /// Whether the percent cells of `row` are not known.
    fn unplaced_at(&self, row: u32) -> bool {
        self.unplaced
            .is_some_and(|u| row >= u || !self.in_order(row))
    }

    /// Takes in what the scan has found since the last look; the hidden
    /// rows go straight to the rows' gatherer.
    fn learn(&mut self, fed: &Fed, hidden: &mut Vec<u32>) {
        // The whole scan's hidden rows are put in order, should its rows
        // have come out of order.
        if fed.done {
            hidden.clone_from(&fed.scan.hidden_rows);
        } else {
            let seen = hidden.len();
            hidden.extend_from_slice(fed.scan.hidden_rows.get(seen..).unwrap_or_default());
        }
        let seen = self.percent_cells.len();
        self.percent_cells
            .extend_from_slice(fed.scan.percent_cells.get(seen..).unwrap_or_default());
        if !self.percent_cells[seen.saturating_sub(1)..].is_sorted() {
            self.percent_cells.sort_unstable();
        }
        self.through = fed.through;
        self.done = fed.done;
        self.unplaced = fed.scan.percent_unplaced;
    }
}

/// Reads a sheet's non-empty cells in batches of `batch` and sends them,
/// taking emptied batches back from `spares`; stops early when nobody
/// takes them any more. The cells before an error are sent too.
fn send_cells(
    reader: &mut calamine::XlsxCellReader<'_, Shared>,
    batch: usize,
    cells: &SyncSender<Vec<Cell>>,
    spares: &Receiver<Vec<Cell>>,
) -> Result<(), calamine::XlsxError> {
    let mut next = Vec::with_capacity(batch);
    let end = loop {
        let cell = match reader.next_cell_with_formula() {
            Ok(Some(cell)) => cell,
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        };
        let value = match (cell.value, cell.formula) {
            (DataRef::Empty, Some(formula)) => CellValue::NoSavedValue(formula),
            (DataRef::Empty, None) => continue,
            (value, _) => CellValue::from_calamine(value, false),
        };
        next.push((cell.pos, value));
        if next.len() == batch {
            let empty = spares
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(batch));
            if cells.send(std::mem::replace(&mut next, empty)).is_err() {
                return Ok(());
            }
        }
    };
    let _ = cells.send(next);
    end
}

fn thread_error(e: &std::io::Error) -> SourceError {
    SourceError::ThreadStart(e.to_string())
}

/// How the first read of a sheet ended.
enum Scanned<B> {
    /// Every row was handed over, or the visitor stopped the reading.
    Read(SheetScan, ControlFlow<B>),
    /// Which cells show a percent is not known past the first `taken`
    /// cells: read the rest again, with styles.
    Again { scan: SheetScan, taken: usize },
}

/// A cell read: its 0-based position and value.
type Cell = ((u32, u32), CellValue);

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
