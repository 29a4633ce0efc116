//! The Findings sheet: one row per project and check, with the measured
//! value, the thresholds, the verdict, the explanation and the source cells
//! of every input the check used, named as [`SourceNames`] names them.

use std::borrow::Cow;
use std::cell::Cell;

use rust_xlsxwriter::Worksheet;
use serde::{Deserialize, Serialize};

use super::columns::Value;
use super::layout::{HEADER_HEIGHT, Pages, Widths, row_height, wrapped_lines};
use super::options::WorkbookOptions;
use super::paged::{PageKind, Paged};
use super::scores::{column_formats, put, put_in_column};
use super::sources::{SourceNames, input_places};
use super::styles::{self, Look, Styles};
use crate::export::ExportError;
use crate::export::progress::WriteProgress;
use crate::export::spool::{Record, Spool};
use crate::model::{Figures, Finding, ProjectScore};
use crate::rules::margins::words;
use crate::rules::review::words as review_words;

const HEADERS: [&str; 12] = [
    "Project ID",
    "Project Name",
    "Check",
    "Status",
    "Score",
    "Verdict",
    "Measure",
    "Measured Value",
    "Thresholds",
    "Explanation",
    "Inputs Used (source cells)",
    "Notes",
];

/// Width of the wrapped text columns (explanation, inputs, notes).
const WRAP_WIDTH: usize = 60;
/// The column of the thresholds, which wrap in a narrower one.
const THRESHOLDS_COL: usize = 8;

/// Width of a wrapped column.
fn wrap_width(col: usize) -> usize {
    if col == THRESHOLDS_COL {
        34
    } else {
        WRAP_WIDTH
    }
}

/// How a check's measured value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Measured {
    Ratio,
    Percent,
    Whole,
}

impl Measured {
    fn look(self) -> Look {
        match self {
            Measured::Ratio => Look::Ratio,
            Measured::Percent => Look::Percent,
            Measured::Whole => Look::Whole,
        }
    }
}

/// What a check measured, and how to show it.
fn measured(finding: &Finding) -> (&'static str, Value<'static>, Measured) {
    match &finding.figures {
        Figures::Roi(r) => (
            "return ratio",
            r.ratio.map_or(Value::Blank, Value::Number),
            Measured::Ratio,
        ),
        Figures::Diversification(d) => (
            "top provider share",
            Value::Number(d.top_share / 100.0),
            Measured::Percent,
        ),
        Figures::Agentic(a) => (
            "capabilities (of 5)",
            Value::Number(f64::from(a.capabilities)),
            Measured::Whole,
        ),
    }
}

fn thresholds(finding: &Finding) -> String {
    finding
        .thresholds
        .iter()
        .map(|t| {
            let (label, value) = t.describe();
            format!("{label} {value}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

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

/// How each Findings column is shown; the measured value's look depends on
/// the check (see [`measured`]) and stands here as a ratio.
const LOOKS: [Look; 12] = [
    Look::Text,
    Look::Text,
    Look::Text,
    Look::Status,
    Look::Score,
    Look::Text,
    Look::Text,
    Look::Ratio,
    Look::Wrap,
    Look::Wrap,
    Look::Wrap,
    Look::Wrap,
];

/// The column of the measured value.
const MEASURED_COL: usize = 7;
/// The column of the inputs and their source cells.
const INPUTS_COL: usize = 10;

/// A Findings row: its values, how its measured value is shown and the
/// lines its wrapped text takes but for the inputs, whose files are named
/// when the row is written. Spooled as its project passes, written once
/// the run ends.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct FindingRow<'p> {
    measured: Measured,
    lines: u32,
    values: [Value<'p>; 12],
}

impl FindingRow<'_> {
    /// How the value in column `col` is shown.
    fn look(&self, col: usize) -> Look {
        if col == MEASURED_COL {
            self.measured.look()
        } else {
            LOOKS[col]
        }
    }
}

/// Lines the text of a wrapped column takes.
fn lines_in(col: usize, text: &str) -> usize {
    wrapped_lines(text, wrap_width(col) - 1)
}

/// Lines the row's wrapped cells but the inputs take.
fn lines_of(values: &[Value]) -> usize {
    values
        .iter()
        .zip(LOOKS)
        .enumerate()
        .filter_map(|(col, (value, look))| match (look, value) {
            (Look::Wrap, Value::Text(text)) if col != INPUTS_COL => Some(lines_in(col, text)),
            _ => None,
        })
        .fold(1, usize::max)
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

/// The Findings rows of a project, one per check.
fn rows(p: &ProjectScore) -> impl Iterator<Item = FindingRow<'_>> {
    p.findings.iter().enumerate().map(|(i, finding)| {
        let (measure, value, measured) = measured(finding);
        let mut notes = finding.notes.clone();
        // The roi check comes first; its row carries the margins.
        if i == 0 {
            notes.extend(words::notes(&p.margins, finding.status));
        }
        // The diversification row carries the review's word on the mix billed.
        if i == 1 {
            notes.extend(review_words::diversification_notes(
                p.review.as_ref(),
                p.project.actuals.as_ref(),
            ));
        }
        let values: [Value; 12] = [
            text(&p.project.project_id),
            text(&p.project.project_name),
            text(finding.check.name()),
            text(finding.status.word()),
            Value::Number(finding.score),
            text(&finding.verdict),
            text(measure),
            value,
            Value::Text(Cow::Owned(thresholds(finding))),
            text(&finding.explanation),
            Value::Text(Cow::Owned(input_places(finding))),
            Value::Text(Cow::Owned(notes.join("; "))),
        ];
        let lines = lines_of(&values) as u32;
        FindingRow {
            measured,
            lines,
            values,
        }
    })
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
