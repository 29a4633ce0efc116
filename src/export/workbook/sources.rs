//! The Sources sheet: how every table read was understood, one line per
//! fact so an analyst can filter it — the table (where its header is, the
//! conventions its texts were read with), each column and the field read
//! from it with what was applied, the fields defaulted or missing, and what
//! became of the rows. An input read without a table gets one line saying why.

use rust_xlsxwriter::{Workbook, Worksheet};

use super::layout::{HEADER_HEIGHT, Pages, fit_text, row_height, wrapped_lines};
use super::options::WorkbookOptions;
use super::styles::Styles;
use crate::export::ExportError;
use crate::model::{GradedRun, InputRecord, TableReading};

/// The sheet's name.
pub const SOURCES_SHEET: &str = "Sources";

const HEADERS: [&str; 7] = [
    "File", "Sheet", "Item", "Column", "Header", "Read as", "Details",
];

/// Widest each column grows before its text wraps.
const MAX_WIDTHS: [usize; 7] = [50, 24, 8, 7, 36, 24, 60];

/// One line of the sheet, a cell a column.
type Line = [String; 7];

/// Lines of one table.
fn table_lines(input: &InputRecord, table: &TableReading) -> Vec<Line> {
    let line = |item: &str, column: &str, header: &str, read_as: &str, details: &str| -> Line {
        [
            input.path.clone(),
            table.sheet.clone(),
            item.to_string(),
            column.to_string(),
            header.to_string(),
            read_as.to_string(),
            details.to_string(),
        ]
    };
    let mut out = vec![line(
        "table",
        "",
        &format!("header in row {}", table.header_row),
        &format!("{} table", table.kind.describe()),
        &table.conventions.describe(),
    )];
    for c in &table.columns {
        let mut details = c.applied.clone();
        let read_as = if let Some(field) = c.field {
            field.label().to_string()
        } else {
            details.push("kept as an extra column".to_string());
            "not read".to_string()
        };
        if c.hidden {
            details.push("hidden column, read like a visible one".to_string());
        }
        // A header's line breaks print as spaces: one line per column.
        let header = c.header.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(line(
            "column",
            &c.column,
            &header,
            &read_as,
            &details.join("; "),
        ));
    }
    for d in &table.defaulted {
        let details = if d.default.is_empty() {
            "no column; left blank".to_string()
        } else {
            format!("no column; every row takes {}", d.default)
        };
        out.push(line("default", "", "", d.field.label(), &details));
    }
    for field in &table.missing {
        out.push(line(
            "missing",
            "",
            "",
            field.label(),
            "required and no column gives it: no row can be read",
        ));
    }
    let rows = &table.rows;
    let fate = rows
        .describe()
        .split_once(": ")
        .map_or_else(String::new, |(_, rest)| rest.to_string());
    out.push(line("rows", "", "", &format!("{} read", rows.read), &fate));
    out
}

/// Every line of the sheet, inputs in run order.
fn lines(run: &GradedRun) -> Vec<Line> {
    let mut out = Vec::new();
    for input in &run.run.inputs {
        if input.tables.is_empty() {
            out.push([
                input.path.clone(),
                String::new(),
                "file".to_string(),
                String::new(),
                String::new(),
                "no table read".to_string(),
                input.state.describe(),
            ]);
        }
        for table in &input.tables {
            out.extend(table_lines(input, table));
        }
    }
    out
}

/// Column widths in characters: the longest text, up to the column's most.
fn widths(lines: &[Line]) -> [usize; 7] {
    let mut widths = HEADERS.map(|h| h.chars().count());
    for line in lines {
        for (col, text) in line.iter().enumerate() {
            widths[col] = widths[col].max(text.chars().count());
        }
    }
    for (w, max) in widths.iter_mut().zip(MAX_WIDTHS) {
        *w = (*w).clamp(6, max);
    }
    widths
}

/// Writes the Sources sheet(s).
pub(crate) fn write_sources(
    workbook: &mut Workbook,
    run: &GradedRun,
    styles: &Styles,
    opts: &WorkbookOptions,
) -> Result<Vec<String>, ExportError> {
    let lines = lines(run);
    let widths = widths(&lines);
    let pages = Pages {
        base: SOURCES_SHEET,
        rows_per_item: 1,
        rows_per_sheet: opts.rows_per_sheet,
    };
    pages.write(workbook, &lines, |sheet, chunk| {
        write_page(sheet, chunk, &widths, styles)
    })
}

fn write_page(
    sheet: &mut Worksheet,
    chunk: &[Line],
    widths: &[usize; 7],
    styles: &Styles,
) -> Result<(), ExportError> {
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
    }
    sheet.set_row_height(0, HEADER_HEIGHT)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_paper_size(9);
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (width + 3) as f64)?;
    }
    if chunk.is_empty() {
        sheet.write_string(1, 0, "none")?;
    }
    for (i, line) in chunk.iter().enumerate() {
        let row = i as u32 + 1;
        let mut lines = 1;
        for (col, text) in line.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let format = if col == 2 && text == "table" {
                &styles.label
            } else {
                &styles.wrap
            };
            sheet.write_string_with_format(row, col as u16, fit_text(text).as_ref(), format)?;
            lines = lines.max(wrapped_lines(text, widths[col] + 1));
        }
        if lines > 1 {
            sheet.set_row_height(row, row_height(lines))?;
        }
    }
    let last_row = chunk.len().max(1) as u32;
    sheet.autofilter(0, 0, last_row, (HEADERS.len() - 1) as u16)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn an_input_without_tables_says_why() {
        let mut run = fixture::graded_run();
        run.run.inputs[0].tables.clear();
        run.run.inputs[0].state = crate::model::InputState::Unreadable("not a workbook".into());
        let first = &lines(&run)[0];
        assert_eq!(first[2], "file");
        assert_eq!(first[5], "no table read");
        assert_eq!(first[6], "unreadable: not a workbook");
    }
}
