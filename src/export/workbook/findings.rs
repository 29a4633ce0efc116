//! The Findings sheet: one row per project and check, with the measured
//! value, the thresholds, the verdict, the explanation and the source cells
//! of every input the check used.

use std::borrow::Cow;
use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};

use rust_xlsxwriter::Worksheet;

use super::columns::Value;
use super::layout::{HEADER_HEIGHT, Pages, Widths, row_height, wrapped_lines};
use super::options::WorkbookOptions;
use super::paged::{PageKind, Paged};
use super::scores::put;
use super::styles::{self, Look, Styles};
use crate::export::ExportError;
use crate::export::progress::WriteProgress;
use crate::export::spool::{read_u32, read_value, write_value};
use crate::model::{Figures, Finding, ProjectScore};

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

/// What a check measured, and how to show it.
fn measured(finding: &Finding) -> (&'static str, Value<'static>, Look) {
    match &finding.figures {
        Figures::Roi(r) => (
            "return ratio",
            r.ratio.map_or(Value::Blank, Value::Number),
            Look::Ratio,
        ),
        Figures::Diversification(d) => (
            "top provider share",
            Value::Number(d.top_share / 100.0),
            Look::Percent,
        ),
        Figures::Agentic(a) => (
            "capabilities (of 5)",
            Value::Number(f64::from(a.capabilities)),
            Look::Whole,
        ),
    }
}

fn thresholds(finding: &Finding) -> String {
    finding
        .thresholds
        .iter()
        .map(|t| format!("{} = {}", t.key, t.value))
        .collect::<Vec<_>>()
        .join("; ")
}

fn inputs(finding: &Finding) -> String {
    finding
        .inputs
        .iter()
        .map(|i| {
            let place = i
                .cell
                .as_ref()
                .map_or("default".to_string(), ToString::to_string);
            format!("{} = {} ({place})", i.field, i.value)
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
        for col in 9..HEADERS.len() {
            sheet.set_column_width(col as u16, WRAP_WIDTH as f64)?;
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
    Look::Text,
    Look::Wrap,
    Look::Wrap,
    Look::Wrap,
];

/// The column of the measured value.
const MEASURED_COL: usize = 7;

/// A Findings row's cells, and the lines its wrapped text takes.
struct FindingRow<'p> {
    cells: [(Look, Value<'p>); 12],
    lines: usize,
}

/// Lines the row's wrapped cells take.
fn lines_of(cells: &[(Look, Value)]) -> usize {
    cells
        .iter()
        .filter_map(|(look, value)| match (look, value) {
            (Look::Wrap, Value::Text(text)) => Some(wrapped_lines(text, WRAP_WIDTH - 1)),
            _ => None,
        })
        .fold(1, usize::max)
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

/// The Findings rows of a project, one per check.
fn rows(p: &ProjectScore) -> impl Iterator<Item = FindingRow<'_>> {
    p.findings.iter().map(|finding| {
        let (measure, value, look) = measured(finding);
        let values: [Value; 12] = [
            text(&p.project.project_id),
            text(&p.project.project_name),
            text(finding.check.id()),
            text(finding.status.word()),
            Value::Number(finding.score),
            text(&finding.verdict),
            text(measure),
            value,
            Value::Text(Cow::Owned(thresholds(finding))),
            text(&finding.explanation),
            Value::Text(Cow::Owned(inputs(finding))),
            Value::Text(Cow::Owned(finding.notes.join("; "))),
        ];
        let mut i = 0;
        let cells = values.map(|v| {
            let col = i;
            i += 1;
            (
                if col == MEASURED_COL {
                    look
                } else {
                    LOOKS[col]
                },
                v,
            )
        });
        let lines = lines_of(&cells);
        FindingRow { cells, lines }
    })
}

/// Writes one row at the page's next row.
fn write_row(
    sheet: &mut Worksheet,
    page: &mut FindingsPage,
    styles: &Styles,
    cells: &[(Look, Value)],
    lines: usize,
) -> Result<(), ExportError> {
    for (col, (look, value)) in cells.iter().enumerate() {
        put(
            sheet,
            &mut page.widths,
            styles,
            (page.row, col),
            *look,
            value,
        )?;
    }
    if lines > 1 && page.fitted_left > 0 {
        sheet.set_row_height(page.row, row_height(lines))?;
        page.fitted_left -= 1;
    }
    page.row += 1;
    Ok(())
}

/// The looks the measured-value column takes, by their number in the spool.
const MEASURED_LOOKS: [Look; 3] = [Look::Ratio, Look::Percent, Look::Whole];

/// The Findings rows of a streamed run, kept on disk until the run ends, so
/// that the sheet can be written while the Scores sheet is (each on its own
/// core) rather than slowing down the reading: a project's rows are a few
/// hundred bytes here, never held in memory.
pub(crate) struct FindingsSpool {
    out: BufWriter<File>,
    /// Projects spooled.
    pub projects: usize,
}

impl FindingsSpool {
    pub fn new() -> std::io::Result<Self> {
        Ok(FindingsSpool {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            projects: 0,
        })
    }

    /// Adds one project's rows.
    pub fn add(&mut self, p: &ProjectScore) -> std::io::Result<()> {
        self.out.write_all(&[p.findings.len() as u8])?;
        for row in rows(p) {
            let look = MEASURED_LOOKS
                .iter()
                .position(|l| *l == row.cells[MEASURED_COL].0)
                .unwrap_or(0);
            self.out.write_all(&[look as u8])?;
            self.out.write_all(&(row.lines as u32).to_le_bytes())?;
            for (_, value) in &row.cells {
                write_value(&mut self.out, value)?;
            }
        }
        self.projects += 1;
        Ok(())
    }

    /// Writes every spooled project into `pages`, in order; `sheets` are
    /// the (empty) worksheets its pages are made of, one per page needed.
    pub fn replay(
        &mut self,
        pages: &mut Paged<FindingsKind>,
        sheets: &mut dyn FnMut() -> Result<Worksheet, ExportError>,
        styles: &Styles,
        (progress, every): (&dyn WriteProgress, usize),
    ) -> Result<(), ExportError> {
        let every = every.max(1);
        let io = |source| ExportError::Sheet {
            sheet: "Findings".into(),
            source,
        };
        self.out.flush().map_err(io)?;
        let file = self.out.get_mut();
        file.rewind().map_err(io)?;
        let mut input = BufReader::with_capacity(1 << 16, &*file);
        let mut cells = LOOKS.map(|look| (look, Value::Blank));
        for done in 1..=self.projects {
            if done % every == 0 {
                progress.advance(every as u64 / 2);
            }
            let (sheet, page) = pages.next_from(sheets, styles)?;
            let mut count = [0u8; 1];
            input.read_exact(&mut count).map_err(io)?;
            for _ in 0..count[0] {
                let mut look = [0u8; 1];
                input.read_exact(&mut look).map_err(io)?;
                let lines = read_u32(&mut input).map_err(io)? as usize;
                for (col, cell) in cells.iter_mut().enumerate() {
                    cell.1 = read_value(&mut input).map_err(io)?;
                    if col == MEASURED_COL {
                        cell.0 = MEASURED_LOOKS[usize::from(look[0]) % MEASURED_LOOKS.len()];
                    }
                }
                write_row(sheet, page, styles, &cells, lines)?;
            }
        }
        self.out
            .get_mut()
            .seek(std::io::SeekFrom::End(0))
            .map_err(io)?;
        Ok(())
    }
}
