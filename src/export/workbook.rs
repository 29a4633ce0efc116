//! The graded workbook: Summary, Scores, Findings, Cash flows, Rejected and
//! Ruleset, written deterministically and atomically.
//!
//! The big sheets are written row by row in constant-memory mode, so a
//! million projects cost a few rows of memory; a sheet that would pass
//! Excel's 1,048,576 rows continues on `Scores (2)` and so on. This file owns
//! the entry points and the rules every sheet shares (text limits, paging,
//! the atomic write); each sheet lives in its own module.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};
use thiserror::Error;

use super::stream::{RunWriter, Targets};
use crate::model::GradedRun;

/// Excel's rows per sheet.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;
/// Excel's characters per cell (UTF-16 units).
pub const EXCEL_MAX_TEXT: usize = 32_767;
/// Excel's characters per sheet name.
pub const EXCEL_MAX_SHEET_NAME: usize = 31;

/// The deflate level of the workbook's zip container. Saving (XML and
/// compression) is most of the time a big run takes; measured on a
/// 100,000-project workbook (benches/README.md), level 4 costs about 7%
/// less CPU than the library's default 6 for a file 13% larger, while
/// levels 1-3 save a little more time for files 26-81% larger, which
/// people notice when they mail a workbook round.
pub const ZIP_LEVEL: u8 = 4;

/// Choices that shape the workbook without changing any number in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookOptions {
    /// Projects above this count are left off the per-month Cash flows sheet
    /// (Summary says so): 18+ cells a project add up fast.
    pub cash_flows_cap: usize,
    /// Projects plotted in the return-ratio scatter chart; charts with more
    /// points are unreadable and slow to open.
    pub chart_points_cap: usize,
    /// Rows a sheet may hold before it continues on a further sheet. Excel's
    /// limit; smaller values exist so tests can exercise continuation.
    pub rows_per_sheet: u32,
}

impl Default for WorkbookOptions {
    fn default() -> Self {
        WorkbookOptions {
            cash_flows_cap: 5_000,
            chart_points_cap: 5_000,
            rows_per_sheet: EXCEL_MAX_ROWS,
        }
    }
}

/// Why a workbook or CSV could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The output path names one of the run's input files.
    #[error("refusing to write {}: it is one of the run's inputs", .0.display())]
    WouldOverwriteInput(PathBuf),
    /// The spreadsheet library refused something.
    #[error("building the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    /// Writing or renaming the file failed.
    #[error("writing {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Writing a CSV record failed.
    #[error("writing {}: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },
    /// The report template failed to parse or render.
    #[error("rendering the report: {0}")]
    Report(#[from] minijinja::Error),
    /// A report chart could not be drawn.
    #[error("drawing a report chart: {0}")]
    Chart(String),
}

/// Writes the graded workbook of `run` to `path`.
///
/// The file is built beside `path` under a temporary name and renamed into
/// place, so a reader never sees half a workbook. Its creation time is the
/// run's as-of date, so the same run always gives the same bytes. The
/// projects go through the same [`RunWriter`] a
/// streamed run uses.
///
/// # Errors
///
/// [`ExportError::WouldOverwriteInput`] when `path` is one of the run's
/// inputs; otherwise whatever building or saving the workbook reports.
pub fn write_workbook(
    run: &GradedRun,
    path: &Path,
    opts: &WorkbookOptions,
) -> Result<(), ExportError> {
    let mut writer = RunWriter::new(&run.run.currency, &run.ruleset, opts, false)?;
    for p in &run.scorecard.projects {
        writer.add(p)?;
    }
    writer.finish(
        run,
        &Targets {
            workbook: Some(path),
            json: None,
            csv: None,
        },
        &super::stream::Silent,
    )
}

/// Name of the hidden sheet holding the run record as JSON.
pub const RUN_RECORD_SHEET: &str = "Run record";

/// The run record as JSON in a hidden sheet, for `airoi verify`: column A,
/// in pieces below Excel's cell limit.
pub(crate) fn write_run_record(sheet: &mut Worksheet, run: &GradedRun) -> Result<(), ExportError> {
    sheet.set_name(RUN_RECORD_SHEET)?;
    sheet.set_hidden(true);
    let json = super::json::run_record_json(run).map_err(|e| ExportError::Io {
        path: std::path::PathBuf::from(RUN_RECORD_SHEET),
        source: std::io::Error::other(e),
    })?;
    let mut rest = json.as_str();
    let mut row = 0;
    while !rest.is_empty() {
        let mut cut = rest.len().min(30_000);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        sheet.write_string(row, 0, &rest[..cut])?;
        rest = &rest[cut..];
        row += 1;
    }
    Ok(())
}

pub(crate) fn properties(run: &GradedRun) -> Result<DocProperties, XlsxError> {
    use chrono::Datelike;
    let as_of = run.run.as_of;
    let created =
        ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8)?;
    Ok(DocProperties::new()
        .set_title("AI portfolio scorecard")
        .set_subject(format!("Graded against ruleset {}", run.run.ruleset.name))
        .set_author(format!("{} {}", run.run.tool, run.run.version))
        .set_comment("ROI 3:1 on compute, diversified infrastructure, agents not chatbots")
        .set_creation_datetime(&created))
}

/// Cuts text to Excel's cell limit, saying so at the end of the cell.
#[must_use]
pub fn fit_text(text: &str) -> Cow<'_, str> {
    let units: usize = text.chars().map(char::len_utf16).sum();
    if units <= EXCEL_MAX_TEXT {
        return Cow::Borrowed(text);
    }
    let note = format!(" [cut: {units} characters, Excel cells hold {EXCEL_MAX_TEXT}]");
    let budget = EXCEL_MAX_TEXT - note.len();
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= budget
        })
        .collect();
    Cow::Owned(kept + &note)
}

/// Name of the `page`th sheet (1-based) of a sheet that continues:
/// `Scores`, `Scores (2)`, ... never longer than Excel allows.
#[must_use]
pub fn page_name(base: &str, page: usize) -> String {
    let suffix = if page <= 1 {
        String::new()
    } else {
        format!(" ({page})")
    };
    let room = EXCEL_MAX_SHEET_NAME - suffix.chars().count();
    base.chars().take(room).collect::<String>() + &suffix
}

/// How a sheet that may continue is cut into pages.
pub(crate) struct Pages<'a> {
    pub base: &'a str,
    /// Sheet rows each item takes (a project's three findings stay together).
    pub rows_per_item: u32,
    /// Rows per sheet, header included.
    pub rows_per_sheet: u32,
}

impl Pages<'_> {
    /// Items per sheet below the header row.
    pub fn items_per_sheet(&self) -> usize {
        ((self.rows_per_sheet.saturating_sub(1)) / self.rows_per_item.max(1)).max(1) as usize
    }

    /// Sheets needed for `items` (at least one, so an empty sheet still says so).
    pub fn sheets(&self, items: usize) -> usize {
        items.div_ceil(self.items_per_sheet()).max(1)
    }

    /// Adds one constant-memory sheet per page and lets `write` fill it with
    /// that page's items. Returns the sheet names.
    pub fn write<T>(
        &self,
        workbook: &mut Workbook,
        items: &[T],
        mut write: impl FnMut(&mut Worksheet, &[T]) -> Result<(), ExportError>,
    ) -> Result<Vec<String>, ExportError> {
        let per_sheet = self.items_per_sheet();
        let mut names = Vec::new();
        for page in 0..self.sheets(items.len()) {
            let start = (page * per_sheet).min(items.len());
            let end = (start + per_sheet).min(items.len());
            let name = page_name(self.base, page + 1);
            let sheet = workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name(&name)?;
            write(sheet, &items[start..end])?;
            names.push(name);
        }
        Ok(names)
    }
}

/// Column widths fitted to content as rows are written: constant-memory
/// sheets cannot autofit, and a million rows should not be read twice.
pub(crate) struct Widths(Vec<usize>);

impl Widths {
    /// Starts from the header texts, which wrap onto two lines (see
    /// [`HEADER_HEIGHT`]), so a long title does not widen a column of short numbers.
    pub fn from_headers<'a>(headers: impl IntoIterator<Item = &'a str>) -> Self {
        Widths(
            headers
                .into_iter()
                .map(|h| {
                    let longest_word = h.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
                    longest_word.max(h.chars().count().div_ceil(2) + 2) + 3
                })
                .collect(),
        )
    }

    /// Notes a cell of `len` characters in column `col`.
    pub fn fit(&mut self, col: usize, len: usize) {
        if col >= self.0.len() {
            self.0.resize(col + 1, 8);
        }
        self.0[col] = self.0[col].max(len);
    }

    /// Sets every column's width, between 8 and `max` characters.
    pub fn apply(&self, sheet: &mut Worksheet, max: usize) -> Result<(), XlsxError> {
        for (col, width) in self.0.iter().enumerate() {
            let width = (*width).clamp(8, max) + 1;
            sheet.set_column_width(col as u16, width as f64)?;
        }
        Ok(())
    }
}

/// Height of a header row: two lines, for titles that wrap.
pub const HEADER_HEIGHT: f64 = 30.0;

/// `text` broken into lines of at most `width` characters, between words
/// where it can (a word longer than a line is cut).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// Lines `text` takes when word-wrapped in a column `width` characters wide,
/// so wrapped rows can be given their height (`LibreOffice` does not grow
/// rows to fit wrapped text it opens).
#[must_use]
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    // Counted as the cells have always been measured (a long word takes
    // its length in lines, spaces are not squeezed), without building the
    // lines: this runs for every wrapped cell of a big portfolio.
    let width = width.max(1);
    text.lines()
        .map(|line| {
            let (mut lines, mut used) = (1, 0);
            for word in line.split(' ') {
                let len = word.chars().count();
                if used > 0 && used + 1 + len > width {
                    lines += 1 + len / width;
                    used = len % width;
                } else {
                    used += len + usize::from(used > 0);
                }
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

/// Row height for `lines` lines of the default font.
#[must_use]
pub fn row_height(lines: usize) -> f64 {
    15.0 * lines.clamp(1, 27) as f64
}

/// Whether two paths name the same file: by canonical path when both exist,
/// by spelling otherwise.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes `path` by letting `write` fill a sibling temporary file, then
/// renaming it over `path`. Refuses a path that names one of `inputs`.
pub fn write_atomically(
    path: &Path,
    inputs: &[&str],
    write: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    if inputs.iter().any(|input| same_file(path, Path::new(input))) {
        return Err(ExportError::WouldOverwriteInput(path.to_path_buf()));
    }
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = write(&tmp).and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })
    });
    if result.is_err() {
        // Leave nothing half-written behind; the original error is what matters.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::{wrap, wrapped_lines};

    #[test]
    fn long_text_is_broken_between_words() {
        assert_eq!(wrap("short", 10), ["short"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("abcdefghijkl xy", 5), ["abcde", "fghij", "kl xy"]);
        assert_eq!(wrap("é é é", 3), ["é é", "é"]);
        let message = "sheet Projects: Xml error: syntax error: tag not closed; the rows up to 1999 were read, the rest of the sheet could not be";
        let lines = wrap(message, 40);
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
        assert_eq!(lines.join(" "), message);
        assert_eq!(wrapped_lines("", 40), 1);
    }
}
