//! The Scores sheet (an Excel table, one row per project) and its CSV twin.

use std::path::Path;

use rust_xlsxwriter::{Table, TableColumn, TableStyle, Workbook, Worksheet, XlsxError};

use super::columns::{self, Column, Value};
use super::layout::{HEADER_HEIGHT, Pages, Widths, fit_text, page_name};
use super::options::WorkbookOptions;
use super::score_rows::{Extras, ScoreRows};
use super::styles::{self, Look, Styles};
use crate::export::progress::WriteProgress;
use crate::export::{ExportError, write_atomically};

/// Widest a Scores column grows; longer text stays readable in the cell.
const MAX_WIDTH: usize = 50;

/// Rows a Scores page may hold and still be an Excel table. `rust_xlsxwriter`
/// keeps an entry per table cell while building a table, so a million-row
/// table would cost over a gigabyte of memory (and Excel is slow to open
/// one); a bigger page is a filtered range with the same header and formats.
pub const TABLE_MAX_ROWS: usize = 100_000;

/// The table's headers: ours, then the extras', made unique.
fn headers(horizon: u32, ours: &[&Column], extras: &Extras) -> Vec<String> {
    let mut all: Vec<String> = ours.iter().map(|c| c.title(horizon)).collect();
    all.extend(extras.headers.iter().map(|h| fit_text(h).into_owned()));
    columns::unique_headers(all)
}

/// The geometry of the Scores sheet: a row a project.
pub(crate) fn pages(opts: &WorkbookOptions) -> Pages<'static> {
    Pages {
        base: "Scores",
        rows_per_item: 1,
        rows_per_sheet: opts.rows_per_sheet,
    }
}

/// Writes the Scores sheet(s) from the spooled rows; returns the pages in order.
pub(crate) fn write(
    workbook: &mut Workbook,
    spool: &mut ScoreRows,
    horizon: u32,
    (styles, opts): (&Styles, &WorkbookOptions),
    progress: &dyn WriteProgress,
) -> Result<Vec<Worksheet>, ExportError> {
    let ours = spool.columns();
    let headers = headers(horizon, &ours, &spool.extras);
    let pages = pages(opts);
    let per_sheet = pages.items_per_sheet();
    let total = spool.len();
    let mut done: Vec<Worksheet> = Vec::new();
    let mut open: Option<(Worksheet, Widths, u32)> = None;
    let mut index = 0usize;
    let every = opts.progress_every.max(1);
    let start_page = |workbook: &mut Workbook, page: usize, rows: usize| {
        let mut sheet = workbook.new_worksheet_with_constant_memory()?;
        sheet.set_name(page_name(pages.base, page))?;
        open_page(&mut sheet, (&headers, &ours), styles, page, rows)?;
        Ok::<_, ExportError>(sheet)
    };
    let io = |source| ExportError::Sheet {
        sheet: "Scores".into(),
        source,
    };
    spool.replay(io, |row| {
        if index % per_sheet == 0 {
            if let Some((mut sheet, widths, rows)) = open.take() {
                close_page(&mut sheet, &ours, &widths, rows)?;
                done.push(sheet);
            }
            let rows = per_sheet.min(total - index);
            let sheet = start_page(workbook, done.len() + 1, rows)?;
            let widths = Widths::from_headers(headers.iter().map(String::as_str));
            open = Some((sheet, widths, rows as u32));
        }
        if let Some((sheet, widths, _)) = open.as_mut() {
            let r = (index % per_sheet) as u32 + 1;
            for (col, value) in row.iter().enumerate() {
                match ours.get(col) {
                    Some(column) => {
                        put_in_column(sheet, widths, styles, (r, col), column.look, value)?;
                    }
                    None => put(sheet, widths, styles, (r, col), Look::Text, value)?,
                }
            }
        }
        index += 1;
        if index % every == 0 {
            progress.advance(every as u64 / 2);
        }
        Ok(())
    })?;
    if open.is_none() && done.is_empty() {
        let sheet = start_page(workbook, 1, 0)?;
        let widths = Widths::from_headers(headers.iter().map(String::as_str));
        open = Some((sheet, widths, 0));
    }
    if let Some((mut sheet, widths, rows)) = open.take() {
        close_page(&mut sheet, &ours, &widths, rows)?;
        done.push(sheet);
    }
    Ok(done)
}

/// The header of a Scores page of `rows` rows: an Excel table up to
/// [`TABLE_MAX_ROWS`], a filtered range beyond.
fn open_page(
    sheet: &mut Worksheet,
    (headers, ours): (&[String], &[&Column]),
    styles: &Styles,
    page: usize,
    rows: usize,
) -> Result<(), ExportError> {
    let last_col = (headers.len() - 1) as u16;
    // A table needs one data row even when there is nothing to show.
    let last_row = rows.max(1) as u32;
    if rows <= TABLE_MAX_ROWS {
        let table_columns: Vec<TableColumn> = headers
            .iter()
            .map(|h| {
                // LibreOffice ignores table styles, so the header carries its own look.
                TableColumn::new()
                    .set_header(h)
                    .set_header_format(&styles.header)
            })
            .collect();
        let name = if page == 1 {
            "Scores".to_string()
        } else {
            format!("Scores_{page}")
        };
        let table = Table::new()
            .set_name(name)
            .set_style(TableStyle::Medium2)
            .set_columns(&table_columns);
        sheet.add_table(0, 0, last_row, last_col, &table)?;
    } else {
        for (col, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, header, &styles.header)?;
        }
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    column_formats(sheet, styles, ours.iter().map(|c| c.look))?;
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_row_height(0, HEADER_HEIGHT)?;
    sheet
        .set_landscape()
        .set_print_fit_to_pages(3, 0)
        .set_repeat_rows(0, 0)?
        .set_repeat_columns(0, 0)?;
    Ok(())
}

fn close_page(
    sheet: &mut Worksheet,
    ours: &[&Column],
    widths: &Widths,
    rows: u32,
) -> Result<(), ExportError> {
    let last_row = rows.max(1);
    for (col, column) in ours.iter().enumerate() {
        let rules = match column.look {
            Look::Status => styles::status_rules(),
            Look::Grade => styles::grade_rules(),
            _ => continue,
        };
        for rule in &rules {
            sheet.add_conditional_format(1, col as u16, last_row, col as u16, rule)?;
        }
    }
    widths.apply(sheet, MAX_WIDTH)?;
    Ok(())
}

/// Writes one value: text always as text (never a formula), numbers in the
/// look's format; and notes its width.
pub(crate) fn put(
    sheet: &mut Worksheet,
    widths: &mut Widths,
    styles: &Styles,
    pos: (u32, usize),
    look: Look,
    value: &Value,
) -> Result<(), XlsxError> {
    let format = styles.for_look(look);
    put_as(sheet, widths, styles, pos, (look, Some(format)), value)
}

/// Gives each column of a page the format of its look, so that its cells
/// can be written with [`put_in_column`]: a workbook looks a cell's format
/// up for every cell written with one, which for the Scores and Findings
/// of a large portfolio is a sixth of the run.
pub(crate) fn column_formats(
    sheet: &mut Worksheet,
    styles: &Styles,
    looks: impl IntoIterator<Item = Look>,
) -> Result<(), XlsxError> {
    for (col, look) in looks.into_iter().enumerate() {
        sheet.set_column_format(col as u16, styles.for_look(look))?;
    }
    Ok(())
}

/// [`put`] in a column whose format is its look's ([`column_formats`]):
/// the cell takes the column's format.
pub(crate) fn put_in_column(
    sheet: &mut Worksheet,
    widths: &mut Widths,
    styles: &Styles,
    pos: (u32, usize),
    look: Look,
    value: &Value,
) -> Result<(), XlsxError> {
    put_as(sheet, widths, styles, pos, (look, None), value)
}

fn put_as(
    sheet: &mut Worksheet,
    widths: &mut Widths,
    styles: &Styles,
    (row, col): (u32, usize),
    (look, format): (Look, Option<&rust_xlsxwriter::Format>),
    value: &Value,
) -> Result<(), XlsxError> {
    let pos = (row, col);
    match value {
        // A rate past the cap is words for people (the CSV keeps the number).
        Value::Number(n) if look == Look::Rate && *n > crate::format::RATE_CAP => {
            put_text(sheet, widths, pos, crate::format::RATE_ABOVE, format)
        }
        Value::Text(text) => put_text(sheet, widths, pos, &fit_text(text), format),
        Value::Number(n) => {
            // The percent format shows a fraction; a share is held in points.
            let shown = if look == Look::Share { n / 100.0 } else { *n };
            match format {
                Some(format) => sheet.write_number_with_format(row, col as u16, shown, format)?,
                None => sheet.write_number(row, col as u16, shown)?,
            };
            widths.fit(col, styles.shown_len(look, *n));
            Ok(())
        }
        Value::Blank => Ok(()),
    }
}

/// Writes text in `format`, or in its column's without one, and notes the
/// width of its longest line.
fn put_text(
    sheet: &mut Worksheet,
    widths: &mut Widths,
    (row, col): (u32, usize),
    text: &str,
    format: Option<&rust_xlsxwriter::Format>,
) -> Result<(), XlsxError> {
    match format {
        Some(format) => sheet.write_string_with_format(row, col as u16, text, format)?,
        None => sheet.write_string(row, col as u16, text)?,
    };
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    widths.fit(col, longest);
    Ok(())
}

/// Writes the Scores table as CSV for pipelines: the same columns as the
/// sheet, numbers at full precision, and text that a spreadsheet would take
/// for a formula neutralised with a leading `'` (OWASP CSV injection).
///
/// # Errors
///
/// [`ExportError::WouldOverwriteInput`] when `path` is one of the run's
/// inputs; otherwise the I/O error.
#[cfg(test)]
pub fn write_scores_csv(run: &crate::model::GradedRun, path: &Path) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut spool = ScoreRows::new().map_err(io)?;
    for p in &run.scorecard.projects {
        spool.add(p, &run.ruleset).map_err(io)?;
    }
    let inputs: Vec<&str> = run.run.inputs.iter().map(|i| i.path.as_str()).collect();
    write_csv(&mut spool, run.ruleset.horizon_months, path, &inputs)
}

/// Writes the scores CSV from the spooled rows, atomically, never over an input.
pub(crate) fn write_csv(
    spool: &mut ScoreRows,
    horizon: u32,
    path: &Path,
    inputs: &[&str],
) -> Result<(), ExportError> {
    if path.as_os_str() == "-" {
        return write_csv_to(spool, horizon, path, std::io::stdout().lock());
    }
    write_atomically(path, inputs, |tmp| {
        let file = std::fs::File::create(tmp).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        write_csv_to(spool, horizon, path, file)
    })
}

/// The Scores table as CSV into `out`; `path` names it in errors.
fn write_csv_to(
    spool: &mut ScoreRows,
    horizon: u32,
    path: &Path,
    out: impl std::io::Write,
) -> Result<(), ExportError> {
    let csv_error = |source| ExportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut out = csv::Writer::from_writer(out);
    let ours = spool.columns();
    let headers = headers(horizon, &ours, &spool.extras);
    out.write_record(headers.iter().map(|h| neutralise(h)))
        .map_err(csv_error)?;
    let mut record = vec![String::new(); headers.len()];
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    spool.replay(io, |row| {
        for (col, (cell, value)) in record.iter_mut().zip(row).enumerate() {
            *cell = match value {
                Value::Text(text) => neutralise(text),
                // Money in the whole units people read in the workbook.
                Value::Number(n) if ours.get(col).is_some_and(|c| c.look == Look::Money) => {
                    crate::format::money_data(*n).to_string()
                }
                Value::Number(n) => n.to_string(),
                Value::Blank => String::new(),
            };
        }
        out.write_record(&record)
            .map_err(|e| io(std::io::Error::from(e)))
    })?;
    out.flush().map_err(io)
}

/// Prefixes `'` to text a spreadsheet would run as a formula.
#[must_use]
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
