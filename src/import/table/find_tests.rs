//! Which sheets' tables are read: every visible one naming a project,
//! the hidden ones through `--sheet`, the best header when none names one.
use super::*;
use crate::import::Limits;

const HEADER: [&str; 7] = [
    "Project ID",
    "Project Name",
    "Monthly Compute Cost",
    "Monthly Benefit",
    "Benefit Metric",
    "Providers",
    "Interaction Pattern",
];

/// A workbook of (sheet, hidden, header) sheets, each with its header
/// in row 1, opened as a run opens it.
fn book(sheets: &[(&str, bool, &[&str])]) -> AnySource {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, hidden, header) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (col, title) in header.iter().enumerate() {
            sheet.write_string(0, col as u16, *title).unwrap();
        }
        sheet.set_hidden(*hidden);
    }
    let bytes = book.save_to_buffer().unwrap();
    crate::import::open::open(bytes, "book", Limits::default())
        .unwrap()
        .0
}

fn described(tables: &Tables) -> Vec<String> {
    tables.sheets.iter().map(SheetChoice::describe).collect()
}

#[test]
fn every_visible_sheet_naming_a_project_is_read() {
    let summary: &[&str] = &["Business Unit", "Monthly Benefit", "Monthly Compute Cost"];
    let mut source = book(&[
        ("Summary", false, summary),
        ("Retail", false, &HEADER),
        ("Old", true, &HEADER),
        ("Wholesale", false, &HEADER),
    ]);
    let tables = find_tables(&mut source, None).unwrap();
    let read: Vec<usize> = tables.projects.iter().map(|t| t.sheet).collect();
    assert_eq!(read, [1, 3]);
    assert_eq!(
        described(&tables),
        [
            "sheet Summary was skipped: its row 1 names intake fields but has no project_id or project_name column, so it is not read as a projects table",
            "sheet Retail: a projects table (header in row 1) was read",
            "sheet Old is hidden and was skipped; it holds a projects table (header in row 1): name it with --sheet \"Old\" to read it",
            "sheet Wholesale: a projects table (header in row 1) was read",
        ]
    );
    let noted: Vec<bool> = tables.sheets.iter().map(SheetChoice::is_noted).collect();
    assert_eq!(noted, [true, false, true, false]);
}

#[test]
fn a_sheet_named_with_sheet_is_read_alone_hidden_or_not() {
    let mut source = book(&[("Retail", false, &HEADER), ("Old", true, &HEADER)]);
    let tables = find_tables(&mut source, Some("old")).unwrap();
    let read: Vec<usize> = tables.projects.iter().map(|t| t.sheet).collect();
    assert_eq!(read, [1]);
    assert_eq!(tables.sheets[0].used, SheetUse::NotNamed { header_row: 1 });
}

#[test]
fn without_a_sheet_naming_a_project_the_best_header_is_read() {
    let summary: &[&str] = &["Business Unit", "Monthly Benefit", "Monthly Compute Cost"];
    let pair: &[&str] = &["Monthly Benefit", "Monthly Compute Cost"];
    let mut source = book(&[("Pair", false, pair), ("Summary", false, summary)]);
    let tables = find_tables(&mut source, None).unwrap();
    let read: Vec<usize> = tables.projects.iter().map(|t| t.sheet).collect();
    assert_eq!(read, [1]);
    assert_eq!(
        tables.sheets[1].used,
        SheetUse::Read {
            kind: TableKind::Projects,
            header_row: 1
        }
    );
}

#[test]
fn a_group_row_over_the_header_is_not_the_header() {
    let group: &[&str] = &["Project ID", "Project Name", "", "Costs"];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Projects").unwrap();
    for (row, cells) in [(0, group), (1, &HEADER[..])] {
        for (col, title) in cells.iter().enumerate() {
            sheet.write_string(row, col as u16, *title).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let mut source = crate::import::open::open(bytes, "book", Limits::default())
        .unwrap()
        .0;
    let tables = find_tables(&mut source, None).unwrap();
    assert_eq!(tables.projects[0].header_row, 2);
}
