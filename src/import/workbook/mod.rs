//! Workbooks through calamine. xlsx and xlsb are streamed cell by cell (so a
//! sparse file with cells at A1 and XFD1048576 costs two cells, not a dense
//! grid), with each number's format consulted (xlsb's through
//! [`super::xlsb`]) so a percentage cell reads as the percent it shows, and
//! xlsx formulas checked for a saved value.
//! xls and ods, which calamine only reads whole into dense grids, are priced
//! first ([`super::limits::xls`], [`super::limits::ods`]), which also finds
//! their percent cells ([`super::percent`]); every zip-based
//! file has its declared sizes checked before anything is inflated; and a
//! panic inside calamine on a damaged file is that file's read error.

use std::collections::HashMap;
use std::io::Cursor;
use std::ops::ControlFlow;
use std::sync::Arc;

use calamine::{Data, Ods, Reader, SheetVisible, Xls, Xlsb, Xlsx};

use super::cell::{CellValue, Row};
use super::error::SourceError;
use super::gather::RowGatherer;
use super::guard::contain;
use super::layout::{Merge, SheetLayout};
use super::limits::Limits;
use super::percent::{PercentCells, PercentSheets};
use super::source::{Format, SheetInfo, Source};
use super::xlsx::cells::visit_xlsx;
use super::xlsx::scan::{SheetScan, scan_one};
use super::xlsx::{Bytes, Shared};

enum Book {
    Xlsx(Xlsx<Shared>),
    Xlsb(Xlsb<Shared>),
    Xls(Xls<Cursor<Vec<u8>>>),
    Ods(Ods<Cursor<Vec<u8>>>),
}

/// An open workbook.
pub struct WorkbookSource {
    book: Book,
    sheets: Vec<SheetInfo>,
    limits: Limits,
    /// xlsx and xlsb only: the file's bytes, for the sheet scans.
    bytes: Bytes,
    /// xlsx only: hidden rows and columns and possible unsaved formulas of
    /// the sheets read so far, by sheet name.
    scans: HashMap<String, SheetScan>,
    /// xls, ods and xlsb: the cells that show a percentage, by sheet name
    /// (xlsb's found as each sheet is first read).
    percent: PercentSheets,
    /// xls, ods and xlsb: hidden rows and columns, and (but for xls, whose
    /// calamine reads them) merged ranges, by sheet name; xlsb's found with
    /// its percent cells.
    layouts: HashMap<String, SheetLayout>,
}

fn open_error(err: impl std::fmt::Display) -> SourceError {
    let text = err.to_string();
    if text.to_lowercase().contains("password") {
        SourceError::PasswordProtected
    } else {
        SourceError::Unreadable(text)
    }
}

impl WorkbookSource {
    /// Opens workbook bytes of a detected format, within `limits`.
    pub fn open(bytes: Vec<u8>, format: Format, limits: Limits) -> Result<Self, SourceError> {
        limits.check_zip(&bytes, format)?;
        let (percent, layouts) = match format {
            Format::Xls => super::limits::xls::check(&bytes, limits)?,
            Format::Ods => super::limits::ods::check(&bytes, limits)?,
            _ => (PercentSheets::new(), HashMap::new()),
        };
        let (shared, bytes) = if matches!(format, Format::Xlsx | Format::Xlsb) {
            (Bytes(Arc::new(bytes)), Vec::new())
        } else {
            (Bytes::default(), bytes)
        };
        let cursor = Cursor::new(bytes);
        let book = contain(|| -> Result<Book, SourceError> {
            Ok(match format {
                Format::Xlsx => {
                    Book::Xlsx(Xlsx::new(Cursor::new(shared.clone())).map_err(open_error)?)
                }
                Format::Xlsb => {
                    Book::Xlsb(Xlsb::new(Cursor::new(shared.clone())).map_err(open_error)?)
                }
                Format::Xls => Book::Xls(Xls::new(cursor).map_err(open_error)?),
                Format::Ods => Book::Ods(Ods::new(cursor).map_err(open_error)?),
                Format::Csv => return Err(SourceError::NotAWorkbook),
            })
        })
        .map_err(|m| SourceError::reader_failed(&m))??;
        let metadata = match &book {
            Book::Xlsx(b) => b.sheets_metadata().to_vec(),
            Book::Xlsb(b) => b.sheets_metadata().to_vec(),
            Book::Xls(b) => b.sheets_metadata().to_vec(),
            Book::Ods(b) => b.sheets_metadata().to_vec(),
        };
        let sheets = metadata
            .into_iter()
            .filter(|s| s.typ == calamine::SheetType::WorkSheet)
            .map(|s| SheetInfo {
                name: s.name,
                hidden: s.visible != SheetVisible::Visible,
            })
            .collect();
        Ok(WorkbookSource {
            book,
            sheets,
            limits,
            bytes: shared,
            scans: HashMap::new(),
            percent,
            layouts,
        })
    }
}

/// Streams an xlsb sheet row by row, with its `percent` cells and
/// `hidden` rows.
fn visit_xlsb<B>(
    book: &mut Xlsb<Shared>,
    (percent, hidden): (&PercentCells, &[u32]),
    name: &str,
    f: &mut dyn FnMut(Row) -> ControlFlow<B>,
) -> Result<ControlFlow<B>, SourceError> {
    let bin_error = |e: calamine::XlsbError| SourceError::Sheet {
        sheet: name.to_string(),
        reason: e.to_string(),
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(bin_error)?;
    let mut rows = RowGatherer::new(f, hidden.to_vec());
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| rows.broke_off(bin_error(e)))?
    {
        let (r, c) = cell.get_position();
        let value = CellValue::from_calamine(cell.get_value().clone(), percent.contains(r, c));
        if value == CellValue::Empty {
            continue;
        }
        if let ControlFlow::Break(stop) = rows.push(r, c, value) {
            return Ok(ControlFlow::Break(stop));
        }
    }
    Ok(rows.flush())
}

/// Visits a dense calamine range (xls, ods), with its `percent` cells and
/// `hidden` rows.
fn visit_range<B>(
    range: &calamine::Range<Data>,
    percent: Option<&PercentCells>,
    hidden: &[u32],
    f: &mut dyn FnMut(Row) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let Some((r0, c0)) = range.start() else {
        return ControlFlow::Continue(());
    };
    for (i, cells) in range.rows().enumerate() {
        let r = r0 + i as u32;
        let cells: Vec<(u32, CellValue)> = cells
            .iter()
            .enumerate()
            .filter(|(_, v)| !matches!(v, Data::Empty))
            .map(|(j, v)| {
                let c = c0 + j as u32;
                let shown = percent.is_some_and(|p| p.contains(r, c));
                (c, CellValue::from_calamine_owned(v, shown))
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        let row = Row {
            number: r + 1,
            cells,
            hidden: hidden.binary_search(&(r + 1)).is_ok(),
        };
        super::guard::uncontained(|| f(row))?;
    }
    ControlFlow::Continue(())
}

impl WorkbookSource {
    fn sheet_name(&self, index: usize) -> Result<String, SourceError> {
        self.sheets
            .get(index)
            .map(|s| s.name.clone())
            .ok_or(SourceError::NoSheetNumber(index))
    }

    /// Walks an xlsb sheet for its percent cells and layout, once.
    fn load_xlsb(&mut self, name: &str) {
        if !self.percent.contains_key(name) {
            let (percent, layout) = super::xlsb::sheet_facts(self.bytes.as_ref(), name);
            self.percent.insert(name.to_string(), percent);
            self.layouts.insert(name.to_string(), layout);
        }
    }
}

impl Source for WorkbookSource {
    fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    fn is_1904(&self) -> bool {
        match &self.book {
            Book::Xlsx(b) => b.has_1904_epoch(),
            Book::Xlsb(b) => b.has_1904_epoch(),
            _ => false,
        }
    }

    fn visit<B>(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<B>,
    ) -> Result<ControlFlow<B>, SourceError> {
        let name = self.sheet_name(index)?;
        let sheet_error = |e: &dyn std::fmt::Display| SourceError::Sheet {
            sheet: name.clone(),
            reason: e.to_string(),
        };
        if matches!(self.book, Book::Xlsb(_)) {
            self.load_xlsb(&name);
        }
        let no_layout = SheetLayout::default();
        let layout = self.layouts.get(&name).unwrap_or(&no_layout);
        contain(|| {
            let range = match &mut self.book {
                Book::Xlsx(b) => {
                    let scan = self
                        .scans
                        .entry(name.clone())
                        .or_insert_with(|| scan_one(self.bytes.as_ref(), &name));
                    return visit_xlsx(b, Some(scan), &name, f);
                }
                Book::Xlsb(b) => {
                    let percent = self.percent.get(&name).cloned().unwrap_or_default();
                    return visit_xlsb(b, (&percent, &layout.hidden_rows), &name, f);
                }
                Book::Xls(b) => b.worksheet_range(&name).map_err(|e| sheet_error(&e))?,
                Book::Ods(b) => b.worksheet_range(&name).map_err(|e| sheet_error(&e))?,
            };
            // Priced before opening; checked again in case the pricing missed.
            let (h, w) = range.get_size();
            self.limits
                .check_dense_cells((h as u64).saturating_mul(w as u64), Some(&name))?;
            Ok(visit_range(
                &range,
                self.percent.get(&name),
                &layout.hidden_rows,
                f,
            ))
        })
        .map_err(|m| SourceError::reader_failed(&m))?
    }

    fn visit_head<B>(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<B>,
    ) -> Result<ControlFlow<B>, SourceError> {
        let name = self.sheet_name(index)?;
        let Book::Xlsx(book) = &mut self.book else {
            return self.visit(index, f);
        };
        // The sheet is scanned before its head is read (for its merged
        // header cells), but the formula pass a scan may call for is the
        // full read's: a header is found without it, as it always was.
        contain(|| visit_xlsx(book, None, &name, f)).map_err(|m| SourceError::reader_failed(&m))?
    }

    /// xlsx only: the sheet's own strings, looked through by its scan, and
    /// the shared strings tell.
    fn may_show_a_decimal_mark(&mut self, index: usize) -> bool {
        let (Book::Xlsx(_), Ok(name)) = (&self.book, self.sheet_name(index)) else {
            return true;
        };
        let bytes = &self.bytes;
        let own_found = self
            .scans
            .entry(name)
            .or_insert_with_key(|name| scan_one(bytes.as_ref(), name))
            .number_text;
        super::xlsx::texts::may_show_a_decimal_mark(bytes.as_ref(), own_found)
    }

    /// xlsx: from the scan the full read makes anyway (and is kept for
    /// that read); xlsb from its walk; xls and ods from the walk that
    /// priced them.
    fn layout(&mut self, index: usize) -> SheetLayout {
        let Ok(name) = self.sheet_name(index) else {
            return SheetLayout::default();
        };
        match &mut self.book {
            Book::Xlsx(_) => {
                let bytes = &self.bytes;
                self.scans
                    .entry(name)
                    .or_insert_with_key(|name| scan_one(bytes.as_ref(), name))
                    .layout()
            }
            Book::Xlsb(_) => {
                self.load_xlsb(&name);
                self.layouts.get(&name).cloned().unwrap_or_default()
            }
            Book::Xls(book) => {
                let mut layout = self.layouts.get(&name).cloned().unwrap_or_default();
                layout.merged = book
                    .merge_cells_by_sheet_name(&name)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| Merge::new(d.start, d.end))
                    .collect();
                layout
            }
            Book::Ods(_) => self.layouts.get(&name).cloned().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests;
