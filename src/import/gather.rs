//! Cells that arrive one by one in row order, gathered into the rows a
//! [`Source`](super::source::Source) hands over: sorted, each column once,
//! marked hidden, and the point a broken sheet stopped at remembered.

use std::ops::ControlFlow;

use super::cell::{CellValue, Row};
use super::error::SourceError;

/// Gathers streamed cells, which arrive in row order, into rows.
pub(crate) struct RowGatherer<'f, B> {
    current: Row,
    f: &'f mut dyn FnMut(Row) -> ControlFlow<B>,
    /// 1-based hidden rows, ascending.
    pub(crate) hidden: Vec<u32>,
    /// The number of the last row handed over.
    handed: u32,
}

impl<'f, B> RowGatherer<'f, B> {
    pub(crate) fn new(f: &'f mut dyn FnMut(Row) -> ControlFlow<B>, hidden: Vec<u32>) -> Self {
        RowGatherer {
            current: Row::default(),
            f,
            hidden,
            handed: 0,
        }
    }

    /// A reading error part way through the sheet, saying how far the
    /// rows were read. The row being gathered when the sheet broke off may
    /// be cut short, so it is not handed over.
    pub(crate) fn broke_off(&self, cause: SourceError) -> SourceError {
        match self.handed {
            0 => cause,
            rows_read => SourceError::BrokeOff {
                cause: Box::new(cause),
                rows_read,
            },
        }
    }

    /// Adds the cell at 0-based (`r`, `c`); `Break` when the visitor is done.
    pub(crate) fn push(&mut self, r: u32, c: u32, value: CellValue) -> ControlFlow<B> {
        let number = r.saturating_add(1);
        if number != self.current.number {
            self.flush()?;
            self.current.number = number;
        }
        self.current.cells.push((c, value));
        ControlFlow::Continue(())
    }

    /// Hands over the row gathered so far, if it has cells.
    pub(crate) fn flush(&mut self) -> ControlFlow<B> {
        if self.current.cells.is_empty() {
            return ControlFlow::Continue(());
        }
        // The next row likely has as many cells: room for them up front
        // rather than growing a cell at a time.
        let room = self.current.cells.len();
        let mut row = std::mem::replace(
            &mut self.current,
            Row {
                cells: Vec::with_capacity(room),
                ..Row::default()
            },
        );
        if !row.cells.is_sorted_by_key(|(col, _)| *col) {
            row.cells.sort_by_key(|(col, _)| *col);
        }
        // A duplicated cell position (a damaged file) keeps its first value,
        // so a row's columns stay unique for lookups.
        row.cells.dedup_by_key(|(col, _)| *col);
        row.hidden = self.hidden.binary_search(&row.number).is_ok();
        self.handed = row.number;
        // The visitor is airoi's own code: a panic there is airoi's bug,
        // not a damaged file, so it is not contained.
        super::guard::uncontained(|| (self.f)(row))
    }
}
