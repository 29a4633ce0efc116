//! The Sources sheet: how every table read was understood, one line per
//! fact so an analyst can filter it — the table (where its header is, the
//! conventions its texts were read with), each column and the field read
//! from it with what was applied, the fields defaulted or missing, and what
//! became of the rows. An input read without a table gets one line saying why.
//! And [`SourceNames`]: how other sheets name an input file in a cell.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet};

use super::layout::{HEADER_HEIGHT, Pages, fit_text, row_height, wrapped_lines};
use super::options::WorkbookOptions;
use super::styles::Styles;
use crate::export::ExportError;
use crate::model::{FieldId, Finding, GradedRun, InputRecord, TableReading};

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

/// Each input a check used with its value and source place,
/// `Field label = value (PATH · Sheet!A1)`, or `(default)`: the path as given,
/// which [`SourceNames::shorten`] names as the sheet shows it.
pub(crate) fn input_places(finding: &Finding) -> String {
    finding
        .inputs
        .iter()
        .map(|i| {
            let place = i.cell.as_ref().map_or("default".to_string(), |cell| {
                format!("{} · {}!{}", cell.origin.file, cell.origin.sheet, cell.pos)
            });
            format!("{} = {} ({place})", FieldId::label_of(i.field), i.value)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// How a cell names an input file: by its file name (`portfolio.xlsx`),
/// the path as given staying in the run record and on Summary; by that
/// path where two inputs of the run share a file name.
pub(crate) struct SourceNames(HashMap<String, String>);

impl SourceNames {
    /// The names of `run`'s inputs.
    pub fn new(run: &GradedRun) -> Self {
        let name = |path: &str| {
            Path::new(path)
                .file_name()
                .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
        };
        let mut uses: HashMap<String, usize> = HashMap::new();
        for input in &run.run.inputs {
            *uses.entry(name(&input.path)).or_default() += 1;
        }
        SourceNames(
            run.run
                .inputs
                .iter()
                .map(|input| {
                    let short = name(&input.path);
                    let shown = if uses[&short] > 1 {
                        input.path.clone()
                    } else {
                        short
                    };
                    (input.path.clone(), shown)
                })
                .collect(),
        )
    }

    /// `text` with each source place `(PATH · Sheet!A1)` of an input
    /// naming the file as [`SourceNames`] does. A path that is no input's
    /// stays as it is.
    pub fn shorten<'a>(&self, text: &'a str) -> Cow<'a, str> {
        const MARK: &str = " · ";
        let mut out = String::new();
        let mut done = 0;
        for (at, _) in text.match_indices(MARK) {
            // The place opens at a `(` before the mark; the path itself
            // may hold one, so each is tried from the nearest.
            let before = &text[done..at];
            let path = before
                .match_indices('(')
                .rev()
                .map(|(open, _)| (done + open + 1, &before[open + 1..]))
                .find_map(|(start, path)| self.0.get(path).map(|shown| (start, shown)));
            if let Some((start, shown)) = path {
                out.push_str(&text[done..start]);
                out.push_str(shown);
                done = at;
            }
        }
        if done == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[done..]);
        Cow::Owned(out)
    }
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

    #[test]
    fn inputs_are_named_by_file_name_unless_two_share_one() {
        let mut run = fixture::graded_run();
        let mut input = run.run.inputs[0].clone();
        input.path = "intake/finance (old)/portfolio.xlsx".into();
        run.run.inputs = vec![input.clone(), input.clone(), input];
        run.run.inputs[1].path = "intake/ops/portfolio.xlsx".into();
        run.run.inputs[2].path = "intake/costs.csv".into();
        let names = SourceNames::new(&run);
        assert_eq!(
            names.shorten(
                "a = 1 (intake/costs.csv · costs!B2); b = x (y) (intake/finance (old)/portfolio.xlsx · P!C3); c = 2 (elsewhere.csv · e!A1)"
            ),
            "a = 1 (costs.csv · costs!B2); b = x (y) (intake/finance (old)/portfolio.xlsx · P!C3); c = 2 (elsewhere.csv · e!A1)"
        );
        assert_eq!(names.shorten("a = 1 (default)"), "a = 1 (default)");
        run.run.inputs.truncate(1);
        assert_eq!(
            SourceNames::new(&run).shorten("b = 2 (intake/finance (old)/portfolio.xlsx · P!C3)"),
            "b = 2 (portfolio.xlsx · P!C3)"
        );
    }
}
