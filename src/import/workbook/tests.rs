//! Reading workbooks the way a run does: rows as shown, hidden rows marked,
//! percent cells read as percents, and damaged sheets read in part.

use std::io::Cursor;
use std::ops::ControlFlow;

use super::*;

/// A row as (number, hidden, cells shown).
type Shown = (u32, bool, String);

/// The rows of an xlsx's first sheet as a run reads them, and how the read
/// ended.
fn try_read(bytes: &[u8]) -> (Vec<Shown>, Result<(), SourceError>) {
    try_read_as(bytes, Format::Xlsx)
}

/// The rows of a workbook's first sheet as a run reads them, and how the
/// read ended.
fn try_read_as(bytes: &[u8], format: Format) -> (Vec<Shown>, Result<(), SourceError>) {
    let mut source = WorkbookSource::open(bytes.to_vec(), format, Limits::default()).unwrap();
    let mut rows = Vec::new();
    let end = source.visit(0, &mut |row| {
        rows.push(shown(&row));
        ControlFlow::<()>::Continue(())
    });
    (rows, end.map(|flow| assert!(flow.is_continue())))
}

fn read(bytes: &[u8]) -> Vec<Shown> {
    let (rows, end) = try_read(bytes);
    end.unwrap();
    rows
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
fn percent_cells_and_hidden_rows_are_read_as_shown() {
    let rows = read(&three_thousand_rows());
    assert_eq!(rows.len(), 3000);
    assert_eq!(rows[0], (1, false, "P0|0%|0".to_string()));
    assert_eq!(rows[9], (10, true, "P9|9%|13.5".to_string()));
    assert!(!rows[10].1);
    assert_eq!(rows[2499], (2500, true, "P2499|2499%|3748.5".to_string()));
}

#[test]
fn a_percent_cell_without_a_position_reads_as_a_percent() {
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
    assert_eq!(read(&bytes), [(1, false, "x|25%|7".to_string())]);
}

#[test]
fn a_percent_cell_without_a_position_part_way_reads_as_a_percent() {
    let bytes = rewrite_part(&three_thousand_rows(), "xl/worksheets/sheet1.xml", |xml| {
        assert!(xml.contains(r#"<c r="B2000" s="1">"#));
        xml.replace(r#"<c r="B2000" s="1">"#, r#"<c s="1">"#)
    });
    let rows = read(&bytes);
    assert_eq!(rows.len(), 3000);
    assert_eq!(rows[1999], (2000, false, "P1999|1999%|2998.5".to_string()));
    assert_eq!(rows[2499], (2500, true, "P2499|2499%|3748.5".to_string()));
}

/// The growth fixture as LibreOffice saves it.
const PCT_GROWTH_ODS: &[u8] = include_bytes!("../../../tests/fixtures/percent/pct_growth.ods");
const PCT_GROWTH_XLS: &[u8] = include_bytes!("../../../tests/fixtures/percent/pct_growth.xls");
/// The growth table as an xlsb, written record by record.
const PCT_GROWTH_XLSB: &[u8] = include_bytes!("../../../tests/fixtures/percent/pct_growth.xlsb");

#[test]
fn xlsb_percent_cells_read_as_shown() {
    let (rows, end) = try_read_as(PCT_GROWTH_XLSB, Format::Xlsb);
    end.unwrap();
    // Growth in column F; the start date in K is read as a date through the
    // same cell formats.
    let end = "5000|efficiency|aws|workflow_agent|2026-01-01";
    assert_eq!(
        rows[2..],
        [
            (
                6,
                false,
                format!("PCT-1|Shown as 2.5%|A. Moreau|1000|2.5%|{end}")
            ),
            (7, false, format!("PCT-2|Typed 2.5|1000|2.5|{end}")),
            (8, false, format!("PCT-3|Shown as 10%|1000|10%|{end}")),
            (9, false, format!("PCT-4|Text 2.5%|1000|2.5%|{end}")),
        ]
    );
}

#[test]
fn ods_percent_cells_are_found_where_calamine_puts_them() {
    // Rows and cells repeated, a covered cell, a percent cell with its text:
    // each percent where calamine's grid has it, each other number plain.
    let rows = concat!(
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/>"#,
        r#"<table:table-cell office:value-type="percentage" office:value="0.5" table:number-columns-repeated="2"/>"#,
        r#"<table:table-cell office:value-type="float" office:value="0.5"/></table:table-row>"#,
        r#"<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="7"/>"#,
        r#"<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="9"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="3"/>"#,
        r#"<table:table-cell office:value-type="percentage" office:value="1.5"/></table:table-row>"#,
    );
    let bytes = rewrite_part(PCT_GROWTH_ODS, "content.xml", |xml| {
        let start = xml.find("<table:table-row").unwrap();
        let end = xml.find("</table:table>").unwrap();
        format!("{}{rows}{}", &xml[..start], &xml[end..])
    });
    let (rows, end) = try_read_as(&bytes, Format::Ods);
    end.unwrap();
    assert_eq!(
        rows,
        [
            (3, false, "50%|50%|0.5".to_string()),
            (4, false, "50%|50%|0.5".to_string()),
            (5, false, "7|25%".to_string()),
            (9, false, "150%".to_string()),
        ]
    );
}

#[test]
fn ods_and_xls_percent_cells_read_as_shown() {
    for (bytes, format) in [(PCT_GROWTH_ODS, Format::Ods), (PCT_GROWTH_XLS, Format::Xls)] {
        let mut source = WorkbookSource::open(bytes.to_vec(), format, Limits::default()).unwrap();
        // Column F, the growth, of each row below the header in row 5.
        let mut growth = Vec::new();
        let end = source.visit(0, &mut |row| {
            if row.number > 5 {
                growth.push((row.number, row.get(5).map(CellValue::display)));
            }
            ControlFlow::<()>::Continue(())
        });
        assert!(end.unwrap().is_continue());
        let text = |s: &str| Some(s.to_string());
        assert_eq!(
            growth,
            [
                (6, text("2.5%")),
                (7, text("2.5")),
                (8, text("10%")),
                (9, text("2.5%")),
            ],
            "{format:?}"
        );
    }
}

#[test]
fn a_row_out_of_order_is_read_where_it_stands() {
    // A hostile sheet: row 10 comes again after row 2000, hidden.
    let bytes = rewrite_part(&three_thousand_rows(), "xl/worksheets/sheet1.xml", |xml| {
        let at = xml.find(r#"<row r="2001""#).unwrap();
        let again = r#"<row r="10" hidden="1"><c r="D10" s="1"><v>0.5</v></c></row>"#;
        format!("{}{again}{}", &xml[..at], &xml[at..])
    });
    let rows = read(&bytes);
    assert_eq!(rows.len(), 3001);
    assert_eq!(rows[2000], (10, true, "50%".to_string()));
    assert_eq!(rows[2001], (2001, false, "P2000|2000%|3000".to_string()));
}

#[test]
fn a_formula_without_a_saved_value_is_read_as_such() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "x").unwrap();
    sheet.write_formula(0, 1, "=1+1").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    // Writers that do not calculate leave the result out.
    let bytes = rewrite_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        assert!(xml.contains("<f>1+1</f><v>0</v>"), "{xml}");
        xml.replace("<f>1+1</f><v>0</v>", "<f>1+1</f>")
    });
    let mut source = WorkbookSource::open(bytes, Format::Xlsx, Limits::default()).unwrap();
    let mut cells = Vec::new();
    let end = source.visit(0, &mut |row| {
        cells.extend(row.cells);
        ControlFlow::<()>::Continue(())
    });
    assert_eq!(end, Ok(ControlFlow::Continue(())));
    assert!(
        matches!(&cells[1].1, CellValue::NoSavedValue(f) if f == "1+1"),
        "{cells:?}"
    );
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
    let (rows, end) = try_read(&bytes);
    let message = end.unwrap_err().to_string();
    assert!(message.starts_with("sheet Sheet1: "), "{message}");
    // Row 2000 was being gathered when the sheet broke off: it might have
    // been cut short, so it is not handed over.
    assert!(
        message.ends_with("; the rows up to 1999 were read, the rest of the sheet could not be"),
        "{message}"
    );
    assert_eq!(rows.len(), 1999);
    assert_eq!(rows[1998], (1999, false, "P1998|1998".to_string()));
}

/// The sheet is read on a thread of its own in batches of cells: every
/// row arrives, in order, across many batches; and a visitor that stops
/// early ends the read (the reading thread, blocked on a full channel,
/// stops too) instead of waiting for the rest of the sheet.
#[test]
fn a_large_sheet_arrives_in_order_and_stops_when_the_visitor_does() {
    let bytes = three_thousand_rows();
    let rows = read(&bytes);
    assert_eq!(rows.len(), 3000);
    assert!(rows.windows(2).all(|w| w[0].0 + 1 == w[1].0));
    assert_eq!(rows[2999], (3000, false, "P2999|2999%|4498.5".to_string()));
    let mut source = WorkbookSource::open(bytes, Format::Xlsx, Limits::default()).unwrap();
    let mut seen = 0;
    let end = source.visit(0, &mut |row| {
        seen += 1;
        if row.number == 5 {
            ControlFlow::Break(row.number)
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(end.unwrap(), ControlFlow::Break(5));
    assert_eq!(seen, 5);
}

/// Found by the `import_xls` fuzz target: calamine asserts on some damaged
/// xls files, and the assertion's multi-line text broke the one-line
/// message.
#[test]
fn a_reader_panic_is_one_line() {
    let err = SourceError::reader_failed("assertion `left == right` failed\n  left: 3\n right: 0");
    assert_eq!(
        err.to_string(),
        "the workbook is damaged: its reader failed on it (assertion `left == right` failed)"
    );
}
