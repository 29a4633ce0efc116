//! Workbooks through calamine. xlsx and xlsb are streamed cell by cell (so a
//! sparse file with cells at A1 and XFD1048576 costs two cells, not a dense
//! grid), with each xlsx number's format consulted so a percentage cell
//! reads as the percent it shows, and formulas checked for a saved value.
//! xls and ods, which calamine only reads whole into dense grids, are priced
//! first ([`super::limits::xls`], [`super::limits::ods`]); every zip-based
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
use super::limits::Limits;
use super::source::{Format, SheetInfo, Source};
use super::xlsx::cells::{READ_AHEAD_CELLS, visit_xlsx, visit_xlsx_scanning};
use super::xlsx::scan::SheetScan;
use super::xlsx::{Bytes, Shared};

enum Book {
    Xlsx(Xlsx<Shared>),
    Xlsb(Xlsb<Cursor<Vec<u8>>>),
    Xls(Xls<Cursor<Vec<u8>>>),
    Ods(Ods<Cursor<Vec<u8>>>),
}

/// An open workbook.
pub struct WorkbookSource {
    book: Book,
    sheets: Vec<SheetInfo>,
    limits: Limits,
    /// xlsx only: the file's bytes, for the sheet scans.
    bytes: Bytes,
    /// xlsx only: hidden rows and possible unsaved formulas of the sheets
    /// read so far, by sheet name.
    scans: HashMap<String, SheetScan>,
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
        match format {
            Format::Xls => super::limits::xls::check(&bytes, limits)?,
            Format::Ods => super::limits::ods::check(&bytes, limits)?,
            _ => {}
        }
        let (shared, bytes) = if format == Format::Xlsx {
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
                Format::Xlsb => Book::Xlsb(Xlsb::new(cursor).map_err(open_error)?),
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
        })
    }
}

/// Streams an xlsb sheet row by row.
fn visit_xlsb<B>(
    book: &mut Xlsb<Cursor<Vec<u8>>>,
    name: &str,
    f: &mut dyn FnMut(Row) -> ControlFlow<B>,
) -> Result<ControlFlow<B>, SourceError> {
    let bin_error = |e: calamine::XlsbError| SourceError::Sheet {
        sheet: name.to_string(),
        reason: e.to_string(),
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(bin_error)?;
    let mut rows = RowGatherer::new(f, Vec::new());
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| rows.broke_off(bin_error(e)))?
    {
        let (r, c) = cell.get_position();
        let value = CellValue::from_calamine(cell.get_value().clone(), false);
        if value == CellValue::Empty {
            continue;
        }
        if let ControlFlow::Break(stop) = rows.push(r, c, value) {
            return Ok(ControlFlow::Break(stop));
        }
    }
    Ok(rows.flush())
}

/// Visits a dense calamine range (xls, xlsb, ods) after checking its size.
fn visit_range<B>(
    range: &calamine::Range<Data>,
    f: &mut dyn FnMut(Row) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let Some((r0, c0)) = range.start() else {
        return ControlFlow::Continue(());
    };
    for (i, cells) in range.rows().enumerate() {
        let cells: Vec<(u32, CellValue)> = cells
            .iter()
            .enumerate()
            .filter(|(_, v)| !matches!(v, Data::Empty))
            .map(|(j, v)| (c0 + j as u32, CellValue::from_calamine_owned(v)))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let row = Row {
            number: r0 + i as u32 + 1,
            cells,
            hidden: false,
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
        contain(|| {
            let range = match &mut self.book {
                Book::Xlsx(b) => {
                    if let Some(scan) = self.scans.get(&name) {
                        return visit_xlsx(b, Some(scan), &name, f);
                    }
                    let (scan, flow) =
                        visit_xlsx_scanning(b, &self.bytes, (&name, READ_AHEAD_CELLS), f)?;
                    self.scans.insert(name.clone(), scan);
                    return Ok(flow);
                }
                Book::Xlsb(b) => return visit_xlsb(b, &name, f),
                Book::Xls(b) => b.worksheet_range(&name).map_err(|e| sheet_error(&e))?,
                Book::Ods(b) => b.worksheet_range(&name).map_err(|e| sheet_error(&e))?,
            };
            // Priced before opening; checked again in case the pricing missed.
            let (h, w) = range.get_size();
            self.limits
                .check_dense_cells((h as u64).saturating_mul(w as u64), Some(&name))?;
            Ok(visit_range(&range, f))
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
        let scan = self.scans.get(&name);
        contain(|| visit_xlsx(book, scan, &name, f)).map_err(|m| SourceError::reader_failed(&m))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row as (number, hidden, cells shown).
    type Shown = (u32, bool, String);

    /// Rows of the first sheet as (number, hidden, cells shown), read
    /// while the scan runs with at most `read_ahead` cells held.
    fn read_scanning(bytes: &[u8], read_ahead: usize) -> (Vec<Shown>, SheetScan) {
        let (rows, scan) = try_read_scanning(bytes, read_ahead);
        (rows, scan.unwrap())
    }

    /// The rows handed over, and how the read ended.
    fn try_read_scanning(
        bytes: &[u8],
        read_ahead: usize,
    ) -> (Vec<Shown>, Result<SheetScan, SourceError>) {
        let mut rows = Vec::new();
        let scan = with_book(bytes, |book, bytes| {
            visit_xlsx_scanning(book, bytes, ("Sheet1", read_ahead), &mut |row| {
                rows.push(shown(&row));
                ControlFlow::<()>::Continue(())
            })
            .map(|(scan, _)| scan)
        });
        (rows, scan)
    }

    /// Runs `read` on `bytes` opened as an xlsx.
    fn with_book<T>(bytes: &[u8], read: impl FnOnce(&mut Xlsx<Shared>, &Bytes) -> T) -> T {
        let mut source =
            WorkbookSource::open(bytes.to_vec(), Format::Xlsx, Limits::default()).unwrap();
        let Book::Xlsx(book) = &mut source.book else {
            panic!("not an xlsx")
        };
        read(book, &source.bytes)
    }

    fn shown(row: &Row) -> Shown {
        let cells: Vec<String> = row.cells.iter().map(|(_, v)| v.display()).collect();
        (row.number, row.hidden, cells.join("|"))
    }

    /// `bytes` with one part of the zip rewritten by `edit`.
    fn rewrite_part(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
        use std::io::{Read, Write};
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            if name == part {
                content = edit(String::from_utf8(content).unwrap()).into_bytes();
            }
            out.start_file(name, deflated).unwrap();
            out.write_all(&content).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_percent_cell_without_a_position_is_read_again_with_styles() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        let percent = rust_xlsxwriter::Format::new().set_num_format("0%");
        sheet.write_string(0, 0, "x").unwrap();
        sheet
            .write_number_with_format(0, 1, 0.25, &percent)
            .unwrap();
        sheet.write_number(0, 2, 7.0).unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        // Some writers leave out a cell's position when it follows the last.
        let bytes = rewrite_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
            assert!(xml.contains(r#"<c r="B1" s="1">"#), "{xml}");
            xml.replace(r#"<c r="B1" s="1">"#, r#"<c s="1">"#)
        });
        let (rows, scan) = read_scanning(&bytes, usize::MAX);
        assert_eq!(scan.percent_unplaced, Some(1));
        assert_eq!(rows, [(1, false, "x|25%|7".to_string())]);
    }

    #[test]
    fn rows_read_while_the_scan_runs_are_the_rows_read_after_it() {
        let bytes = three_thousand_rows();
        let (whole, scan) = read_scanning(&bytes, usize::MAX);
        assert_eq!(scan.hidden_rows, [10, 2500]);
        assert_eq!(whole.len(), 3000);
        assert_eq!(whole[9], (10, true, "P9|9%|13.5".to_string()));
        assert!(!whole[10].1);
        // However far the reading got before the scan was known, the rows
        // handed over are the same.
        for read_ahead in [0, 1, 5, 1000, 8999] {
            assert_eq!(
                read_scanning(&bytes, read_ahead).0,
                whole,
                "{read_ahead} cells ahead"
            );
        }
    }

    /// Rows of the first sheet read the exact way, with styles.
    fn read_exactly(bytes: &[u8]) -> Vec<Shown> {
        let mut rows = Vec::new();
        let flow = with_book(bytes, |book, bytes| {
            let scan = crate::import::xlsx::scan::scan_one(bytes.as_ref(), "Sheet1", &[]);
            visit_xlsx(book, Some(&scan), "Sheet1", &mut |row| {
                rows.push(shown(&row));
                ControlFlow::<()>::Continue(())
            })
        });
        assert_eq!(flow, Ok(ControlFlow::Continue(())));
        rows
    }

    /// 3000 rows of text, a percent and a number; rows 10 and 2500 hidden.
    fn three_thousand_rows() -> Vec<u8> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        let percent = rust_xlsxwriter::Format::new().set_num_format("0%");
        for r in 0..3000u32 {
            sheet.write_string(r, 0, format!("P{r}")).unwrap();
            sheet
                .write_number_with_format(r, 1, f64::from(r) / 100.0, &percent)
                .unwrap();
            sheet.write_number(r, 2, f64::from(r) * 1.5).unwrap();
        }
        for hidden in [9, 2499] {
            sheet.set_row_hidden(hidden).unwrap();
        }
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn a_percent_cell_without_a_position_part_way_is_read_again_from_there() {
        // Row 2000's percent cell loses its position: the rows before it are
        // handed over as read, the rest read again with styles, once each.
        let bytes = rewrite_part(&three_thousand_rows(), "xl/worksheets/sheet1.xml", |xml| {
            assert!(xml.contains(r#"<c r="B2000" s="1">"#));
            xml.replace(r#"<c r="B2000" s="1">"#, r#"<c s="1">"#)
        });
        let exact = read_exactly(&bytes);
        assert_eq!(exact.len(), 3000);
        assert_eq!(exact[1999], (2000, false, "P1999|1999%|2998.5".to_string()));
        assert_eq!(exact[2499], (2500, true, "P2499|2499%|3748.5".to_string()));
        for read_ahead in [0, 1, 5, 1000, usize::MAX] {
            let (rows, scan) = read_scanning(&bytes, read_ahead);
            assert_eq!(scan.percent_unplaced, Some(2000));
            assert_eq!(rows, exact, "{read_ahead} cells ahead");
        }
    }

    #[test]
    fn rows_out_of_order_are_read_as_the_exact_reader_reads_them() {
        // A hostile sheet: row 10 comes again after row 2000, hidden.
        let bytes = rewrite_part(&three_thousand_rows(), "xl/worksheets/sheet1.xml", |xml| {
            let at = xml.find(r#"<row r="2001""#).unwrap();
            let again = r#"<row r="10" hidden="1"><c r="D10" s="1"><v>0.5</v></c></row>"#;
            format!("{}{again}{}", &xml[..at], &xml[at..])
        });
        let exact = read_exactly(&bytes);
        assert_eq!(exact.len(), 3001);
        for read_ahead in [0, 5, usize::MAX] {
            assert_eq!(
                read_scanning(&bytes, read_ahead).0,
                exact,
                "{read_ahead} cells ahead"
            );
        }
    }

    #[test]
    fn a_sheet_that_breaks_off_hands_over_the_rows_before_and_then_the_error() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for r in 0..3000u32 {
            sheet.write_string(r, 0, format!("P{r}")).unwrap();
            sheet.write_number(r, 1, f64::from(r)).unwrap();
        }
        let bytes = workbook.save_to_buffer().unwrap();
        // The sheet's XML ends inside row 2001.
        let bytes = rewrite_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
            let cut = xml.find(r#"<row r="2001""#).unwrap();
            xml[..cut + 40].to_string()
        });
        for read_ahead in [0, 100, usize::MAX] {
            let (rows, end) = try_read_scanning(&bytes, read_ahead);
            let Err(message) = end.map_err(|e| e.to_string()) else {
                panic!("a broken sheet read without an error ({read_ahead} cells ahead)")
            };
            assert!(message.starts_with("sheet Sheet1: "), "{message}");
            // Row 2000 was being gathered when the sheet broke off: it might
            // have been cut short, so it is not handed over.
            assert!(
                message.ends_with(
                    "; the rows up to 1999 were read, the rest of the sheet could not be"
                ),
                "{message}"
            );
            assert_eq!(rows.len(), 1999, "{read_ahead} cells ahead");
            assert_eq!(rows[1998], (1999, false, "P1998|1998".to_string()));
        }
        // The exact read, with styles, ends the same way.
        let mut rows = 0;
        let end = with_book(&bytes, |book, _| {
            visit_xlsx(book, None, "Sheet1", &mut |_| {
                rows += 1;
                ControlFlow::<()>::Continue(())
            })
        });
        assert_eq!(rows, 1999);
        assert!(
            end.unwrap_err()
                .to_string()
                .contains("; the rows up to 1999 were read")
        );
    }

    /// Found by the `import_xls` fuzz target: calamine asserts on some
    /// damaged xls files, and the assertion's multi-line text broke the
    /// one-line message.
    #[test]
    fn a_reader_panic_is_one_line() {
        let err =
            SourceError::reader_failed("assertion `left == right` failed\n  left: 3\n right: 0");
        assert_eq!(
            err.to_string(),
            "the workbook is damaged: its reader failed on it (assertion `left == right` failed)"
        );
    }
}
