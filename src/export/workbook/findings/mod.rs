//! The Findings sheet: one row per project and check, with the measured
//! value, the thresholds, the verdict, the explanation and the source cells
//! of every input the check used, named as [`SourceNames`] names them.
//!
//! This file lays the sheet out and writes it, a page at a time, from rows
//! spooled as projects pass; what a row says is in `rows`.

use std::cell::Cell;

use rust_xlsxwriter::Worksheet;

use crate::export::ExportError;
use crate::export::progress::WriteProgress;
use crate::export::spool::{Record, Spool};
use crate::export::workbook::columns::Value;
use crate::export::workbook::layout::{HEADER_HEIGHT, Pages, Widths, row_height};
use crate::export::workbook::options::WorkbookOptions;
use crate::export::workbook::paged::{PageKind, Paged};
use crate::export::workbook::scores::{column_formats, put, put_in_column};
use crate::export::workbook::sources::SourceNames;
use crate::export::workbook::styles::{self, Look, Styles};
use crate::model::ProjectScore;

mod rows;

use rows::{FindingRow, HEADERS, INPUTS_COL, LOOKS, lines_in, rows, wrap_width};

/// Findings rows whose height is fitted to their wrapped text, in a run.
/// The sheet writer keeps a record of every row given a height for as long
/// as the sheet is open (about 300 bytes a row), so past this many rows the
/// rest keep the default height and a million projects stay in bounded memory.
pub const FITTED_ROWS_MAX: usize = 100_000;

/// The Findings sheet's pages: one row per project and check.
pub(crate) struct FindingsKind {
    /// Rows that may still be given a fitted height.
    fitted_left: Cell<usize>,
}

impl FindingsKind {
    pub fn new() -> Self {
        FindingsKind {
            fitted_left: Cell::new(FITTED_ROWS_MAX),
        }
    }
}

/// A Findings page being written.
pub(crate) struct FindingsPage {
    widths: Widths,
    row: u32,
    fitted_left: usize,
}

/// The geometry of the Findings sheet: a project's three rows stay together.
pub(crate) fn pages(opts: &WorkbookOptions) -> Pages<'static> {
    Pages {
        base: "Findings",
        rows_per_item: 3,
        rows_per_sheet: opts.rows_per_sheet,
    }
}

impl PageKind for FindingsKind {
    type Page = FindingsPage;

    fn open(&self, sheet: &mut Worksheet, styles: &Styles) -> Result<FindingsPage, ExportError> {
        for (col, header) in HEADERS.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
        }
        column_formats(sheet, styles, LOOKS)?;
        sheet.set_freeze_panes(1, 1)?;
        sheet.set_row_height(0, HEADER_HEIGHT)?;
        sheet
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_repeat_rows(0, 0)?;
        Ok(FindingsPage {
            widths: Widths::from_headers(HEADERS),
            row: 1,
            fitted_left: self.fitted_left.take(),
        })
    }

    fn close(
        &self,
        sheet: &mut Worksheet,
        page: FindingsPage,
        _styles: &Styles,
    ) -> Result<(), ExportError> {
        self.fitted_left.set(page.fitted_left);
        let last_row = page.row.saturating_sub(1).max(1);
        sheet.autofilter(0, 0, last_row, (HEADERS.len() - 1) as u16)?;
        for rule in &styles::status_rules() {
            sheet.add_conditional_format(1, 3, last_row, 3, rule)?;
        }
        page.widths.apply(sheet, 40)?;
        // Wrapped columns get a fixed width, the one their row heights assumed.
        for (col, look) in LOOKS.iter().enumerate() {
            if *look == Look::Wrap {
                sheet.set_column_width(col as u16, wrap_width(col) as f64)?;
            }
        }
        Ok(())
    }
}

/// Writes one row at the page's next row.
fn write_row(
    sheet: &mut Worksheet,
    page: &mut FindingsPage,
    styles: &Styles,
    (row, names): (&FindingRow, &SourceNames),
) -> Result<(), ExportError> {
    let mut lines = row.lines as usize;
    for (col, value) in row.values.iter().enumerate() {
        let look = row.look(col);
        let shortened;
        let value = match value {
            Value::Text(inputs) if col == INPUTS_COL => {
                let text = names.shorten(inputs);
                lines = lines.max(lines_in(col, &text));
                shortened = Value::Text(text);
                &shortened
            }
            _ => value,
        };
        // A column's cells take its format, but for a measured value
        // shown otherwise than the column's look.
        let write = if LOOKS.get(col) == Some(&look) {
            put_in_column
        } else {
            put
        };
        let at = (page.row, col);
        write(sheet, &mut page.widths, styles, at, look, value)?;
    }
    if lines > 1 && page.fitted_left > 0 {
        sheet.set_row_height(page.row, row_height(lines))?;
        page.fitted_left -= 1;
    }
    page.row += 1;
    Ok(())
}

/// A project's Findings rows, one per check.
impl Record for Vec<FindingRow<'static>> {
    type Written<'a> = [FindingRow<'a>];
}

/// The Findings rows of a streamed run, kept on disk until the run ends, so
/// that the sheet can be written while the Scores sheet is (each on its own
/// core) rather than slowing down the reading: a project's rows are a few
/// hundred bytes here, never held in memory.
pub(crate) struct FindingsSpool(Spool<Vec<FindingRow<'static>>>);

impl FindingsSpool {
    pub fn new() -> std::io::Result<Self> {
        Spool::new().map(FindingsSpool)
    }

    /// Projects spooled.
    pub fn projects(&self) -> usize {
        self.0.len()
    }

    /// Adds one project's rows.
    pub fn add(&mut self, p: &ProjectScore) -> std::io::Result<()> {
        let rows: Vec<FindingRow> = rows(p).collect();
        self.0.push(&rows)
    }

    /// Writes every spooled project into `pages`, in order, naming input
    /// files as `names` does; `sheets` are the (empty) worksheets its pages
    /// are made of, one per page needed.
    pub fn replay(
        &mut self,
        pages: &mut Paged<FindingsKind>,
        sheets: &mut dyn FnMut() -> Result<Worksheet, ExportError>,
        (styles, names): (&Styles, &SourceNames),
        (progress, every): (&dyn WriteProgress, usize),
    ) -> Result<(), ExportError> {
        let every = every.max(1);
        let io = |source| ExportError::Sheet {
            sheet: "Findings".into(),
            source,
        };
        let mut done = 0;
        self.0.replay(io, |rows| {
            done += 1;
            if done % every == 0 {
                progress.advance(every as u64 / 2);
            }
            let (sheet, page) = pages.next_from(sheets, styles)?;
            for row in &rows {
                write_row(sheet, page, styles, (row, names))?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::rows::MEASURED_COL;
    use super::*;
    use crate::export::fixture;

    #[test]
    fn spooled_rows_come_back_as_made_with_their_looks() {
        let run = fixture::graded_run();
        let mut spool = FindingsSpool::new().unwrap();
        for p in &run.scorecard.projects {
            spool.add(p).unwrap();
        }
        assert_eq!(spool.projects(), run.scorecard.projects.len());
        let mut back = Vec::new();
        spool
            .0
            .replay(
                |e| e,
                |rows| {
                    back.push(rows);
                    Ok(())
                },
            )
            .unwrap();
        for (rows, p) in back.iter().zip(&run.scorecard.projects) {
            let made: Vec<FindingRow> = super::rows(p).collect();
            assert_eq!(*rows, made);
            let looks: Vec<Look> = rows.iter().map(|r| r.look(MEASURED_COL)).collect();
            assert_eq!(looks, [Look::Ratio, Look::Percent, Look::Whole]);
        }
    }
}
