//! The Scores sheet (an Excel table, one row per project) and its CSV twin.

use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{Table, TableColumn, TableStyle, Workbook, Worksheet, XlsxError};

use super::columns::{self, SCORE_COLUMNS, Value};
use super::styles::{self, Look, Styles};
use super::workbook::{
    ExportError, HEADER_HEIGHT, Pages, Widths, WorkbookOptions, fit_text, write_atomically,
};
use crate::model::{GradedRun, ProjectScore};

/// Widest a Scores column grows; longer text stays readable in the cell.
const MAX_WIDTH: usize = 50;

/// The unknown input columns: header and occurrence, so a file with two
/// columns of the same header keeps both.
struct Extras<'a> {
    keys: HashMap<(&'a str, usize), usize>,
    headers: Vec<&'a str>,
}

impl<'a> Extras<'a> {
    fn new(projects: &'a [ProjectScore]) -> Self {
        let mut keys = HashMap::new();
        let mut headers = Vec::new();
        for p in projects {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (header, _) in &p.project.extra {
                let n = seen.entry(header.as_str()).or_default();
                keys.entry((header.as_str(), *n)).or_insert_with(|| {
                    headers.push(header.as_str());
                    headers.len() - 1
                });
                *n += 1;
            }
        }
        Extras { keys, headers }
    }

    /// Each of the project's extra values with its index among the extras.
    fn cells<'p>(&self, p: &'p ProjectScore) -> Vec<(usize, &'p str)> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        p.project
            .extra
            .iter()
            .filter_map(|(header, value)| {
                let n = seen.entry(header.as_str()).or_default();
                let index = self.keys.get(&(header.as_str(), *n)).copied();
                *n += 1;
                index.map(|i| (i, value.as_str()))
            })
            .collect()
    }
}

/// The table's headers: ours, then the extras', made unique.
fn headers(run: &GradedRun, extras: &Extras) -> Vec<String> {
    let horizon = run.ruleset.horizon_months;
    let mut all: Vec<String> = SCORE_COLUMNS.iter().map(|c| c.title(horizon)).collect();
    all.extend(extras.headers.iter().map(|h| fit_text(h).into_owned()));
    columns::unique_headers(all)
}

/// Writes the Scores sheet(s); returns their names.
pub(crate) fn write(
    workbook: &mut Workbook,
    run: &GradedRun,
    styles: &Styles,
    opts: &WorkbookOptions,
) -> Result<Vec<String>, ExportError> {
    let projects = &run.scorecard.projects;
    let extras = Extras::new(projects);
    let headers = headers(run, &extras);
    let pages = Pages {
        base: "Scores",
        rows_per_item: 1,
        rows_per_sheet: opts.rows_per_sheet,
    };
    let mut page = 0;
    pages.write(workbook, projects, |sheet, chunk| {
        page += 1;
        write_page(sheet, chunk, &headers, &extras, styles, page)
    })
}

fn write_page(
    sheet: &mut Worksheet,
    chunk: &[ProjectScore],
    headers: &[String],
    extras: &Extras,
    styles: &Styles,
    page: usize,
) -> Result<(), ExportError> {
    let last_col = (headers.len() - 1) as u16;
    // A table needs one data row even when there is nothing to show.
    let last_row = chunk.len().max(1) as u32;
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
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_row_height(0, HEADER_HEIGHT)?;
    sheet
        .set_landscape()
        .set_print_fit_to_pages(3, 0)
        .set_repeat_rows(0, 0)?
        .set_repeat_columns(0, 0)?;

    let mut widths = Widths::from_headers(headers.iter().map(String::as_str));
    let base = SCORE_COLUMNS.len();
    for (i, p) in chunk.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, column) in SCORE_COLUMNS.iter().enumerate() {
            put(
                sheet,
                &mut widths,
                styles,
                (row, col),
                column.look,
                &(column.value)(p),
            )?;
        }
        for (index, value) in extras.cells(p) {
            let value = Value::Text(value.into());
            put(
                sheet,
                &mut widths,
                styles,
                (row, base + index),
                Look::Text,
                &value,
            )?;
        }
    }
    for (col, column) in SCORE_COLUMNS.iter().enumerate() {
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
    (row, col): (u32, usize),
    look: Look,
    value: &Value,
) -> Result<(), XlsxError> {
    let format = styles.for_look(look);
    match value {
        Value::Text(text) => {
            let text = fit_text(text);
            sheet.write_string_with_format(row, col as u16, text.as_ref(), format)?;
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            widths.fit(col, longest);
        }
        Value::Number(n) => {
            sheet.write_number_with_format(row, col as u16, *n, format)?;
            widths.fit(col, styles.shown_len(look, *n));
        }
        Value::Blank => {}
    }
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
pub fn write_scores_csv(run: &GradedRun, path: &Path) -> Result<(), ExportError> {
    let inputs: Vec<&str> = run.run.inputs.iter().map(|i| i.path.as_str()).collect();
    write_atomically(path, &inputs, |tmp| {
        let csv_error = |source| ExportError::Csv {
            path: path.to_path_buf(),
            source,
        };
        let mut out = csv::Writer::from_path(tmp).map_err(csv_error)?;
        let projects = &run.scorecard.projects;
        let extras = Extras::new(projects);
        let headers = headers(run, &extras);
        out.write_record(headers.iter().map(|h| neutralise(h)))
            .map_err(csv_error)?;
        let mut record = vec![String::new(); headers.len()];
        for p in projects {
            record.iter_mut().for_each(String::clear);
            for (col, column) in SCORE_COLUMNS.iter().enumerate() {
                record[col] = match (column.value)(p) {
                    Value::Text(text) => neutralise(&text),
                    Value::Number(n) => n.to_string(),
                    Value::Blank => String::new(),
                };
            }
            for (index, value) in extras.cells(p) {
                record[SCORE_COLUMNS.len() + index] = neutralise(value);
            }
            out.write_record(&record).map_err(csv_error)?;
        }
        out.flush().map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
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
