//! What every sheet of the workbook respects: Excel's limits, sheets that
//! continue on further pages, column widths fitted as rows pass, and the
//! heights of rows whose text wraps.

use std::borrow::Cow;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use crate::export::ExportError;

/// Excel's rows per sheet.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;
/// Excel's characters per cell (UTF-16 units).
pub const EXCEL_MAX_TEXT: usize = 32_767;
/// Excel's characters per sheet name.
pub const EXCEL_MAX_SHEET_NAME: usize = 31;

/// Cuts text to Excel's cell limit, saying so at the end of the cell.
#[must_use]
pub fn fit_text(text: &str) -> Cow<'_, str> {
    // UTF-8 never takes fewer bytes than UTF-16 units, so a short text
    // needs no counting.
    if text.len() <= EXCEL_MAX_TEXT {
        return Cow::Borrowed(text);
    }
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

/// How every wrapped text is broken: lines of at most `width` characters,
/// between words (a word longer than a line is cut), never inside a
/// hyphenated word — so the row heights the workbook counts and the lines
/// the Summary writes come from one rule.
fn options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width.max(1)).word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// `text` broken into lines of at most `width` characters, between words
/// where it can (a word longer than a line is cut).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, options(width))
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// Lines `text` takes when word-wrapped in a column `width` characters wide,
/// broken as [`wrap`] breaks it, so wrapped rows can be given their height
/// (`LibreOffice` does not grow rows to fit wrapped text it opens). It runs
/// for every wrapped cell of a big portfolio, so it counts the lines
/// textwrap's own first-fit wrapping makes without building them; a line
/// of plain ASCII is counted by [`first_fit_lines`], the same first fit
/// step for step without textwrap's word objects (a property test holds the
/// two to the same count).
#[must_use]
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let widths = [width as f64];
    text.split('\n')
        .map(|line| {
            // A character is at least as many bytes as columns wide.
            if line.len() <= width {
                return 1;
            }
            if let Some(lines) = first_fit_lines(line.as_bytes(), width) {
                return lines;
            }
            let words = textwrap::WordSeparator::AsciiSpace.find_words(line);
            let words = textwrap::core::break_words(words, width);
            textwrap::wrap_algorithms::wrap_first_fit(&words, &widths)
                .len()
                .max(1)
        })
        .sum::<usize>()
        .max(1)
}

/// textwrap's first fit over a line of printable ASCII, where every
/// character is one column wide: words are runs of non-spaces with the
/// spaces after them (`WordSeparator::AsciiSpace`), a word wider than the
/// line is cut into pieces of the line's width with its spaces on the last
/// (`core::break_words`), and a piece goes to a new line when it does not
/// fit after what the line holds (`wrap_first_fit`).
/// `None` for a line with any other character.
fn first_fit_lines(line: &[u8], width: usize) -> Option<usize> {
    let (mut lines, mut used, mut first_on_line) = (1, 0, true);
    let mut place = |piece: usize, spaces: usize| {
        if used + piece > width && !first_on_line {
            lines += 1;
            used = 0;
        }
        first_on_line = false;
        used += piece + spaces;
    };
    let mut at = 0;
    while at < line.len() {
        let word_end = at + line[at..].iter().take_while(|&&b| b != b' ').count();
        if !line[at..word_end].iter().all(|b| (b'!'..=b'~').contains(b)) {
            return None;
        }
        let next = word_end + line[word_end..].iter().take_while(|&&b| b == b' ').count();
        let (word, spaces) = (word_end - at, next - word_end);
        if word > width {
            let (whole, rest) = (word / width, word % width);
            for _ in 1..whole {
                place(width, 0);
            }
            if rest == 0 {
                place(width, spaces);
            } else {
                place(width, 0);
                place(rest, spaces);
            }
        } else {
            place(word, spaces);
        }
        at = next;
    }
    Some(lines)
}

/// Excel's manual page breaks per sheet.
pub const EXCEL_MAX_PAGE_BREAKS: usize = 1_023;

/// Where the printed pages of a sheet of sections break: before a section
/// that would not end on the page it starts on, so that a section shorter
/// than a page never splits and no page holds a lone title; a section
/// longer than a page breaks every `page_rows` rows. `sections` are the
/// rows the sections start at, in order, the last ending before `end`; no
/// page breaks before `keep` (what sits beside the first rows, such as
/// charts, stays on the first page). The pages after the first are filled
/// evenly: as many pages as filling each to `page_rows` takes, each
/// holding as few rows as that number of pages allows, so the last page
/// is never a lone section left over.
#[must_use]
pub fn section_breaks(sections: &[u32], end: u32, page_rows: u32, keep: u32) -> Vec<u32> {
    let page_rows = page_rows.max(1);
    let full = fill(sections, end, page_rows, page_rows, keep);
    // The longest section after the first page bounds how far the later
    // pages may shrink: a section that fits a page never splits.
    let first_end = full.first().copied().unwrap_or(end);
    let ends = sections.iter().skip(1).copied().chain([end]);
    let longest = sections
        .iter()
        .zip(ends)
        .filter(|(start, _)| **start >= first_end)
        .map(|(start, end)| end - start)
        .max()
        .unwrap_or(0)
        .min(page_rows);
    let mut breaks = (longest.max(1)..page_rows)
        .map(|rows| fill(sections, end, page_rows, rows, keep))
        .find(|b| b.len() == full.len() && b.first() == full.first())
        .unwrap_or(full);
    breaks.truncate(EXCEL_MAX_PAGE_BREAKS);
    breaks
}

/// The breaks when the first page holds up to `first_rows` rows and every
/// later page up to `rows`.
fn fill(sections: &[u32], end: u32, first_rows: u32, rows: u32, keep: u32) -> Vec<u32> {
    let mut breaks = Vec::new();
    let mut page = 0;
    let cap = |breaks: &Vec<u32>| if breaks.is_empty() { first_rows } else { rows };
    let ends = sections.iter().skip(1).copied().chain([end]);
    for (&start, end) in sections.iter().zip(ends) {
        if end - page > cap(&breaks) && start > page && start >= keep {
            breaks.push(start);
            page = start;
        }
        while end - page > cap(&breaks) {
            page += cap(&breaks);
            breaks.push(page);
        }
        if breaks.len() > EXCEL_MAX_PAGE_BREAKS {
            break;
        }
    }
    breaks
}

/// Row height for `lines` lines of the default font.
#[must_use]
pub fn row_height(lines: usize) -> f64 {
    15.0 * lines.clamp(1, 27) as f64
}

#[cfg(test)]
mod tests {
    use super::{section_breaks, wrap, wrapped_lines};

    #[test]
    fn pages_break_between_sections_and_inside_longer_ones() {
        // Sections at 0, 20, 45 and 60; pages of 50 rows.
        assert_eq!(section_breaks(&[0, 20, 45, 60], 70, 50, 0), [45]);
        // Everything fits one page.
        assert_eq!(section_breaks(&[0, 20], 50, 50, 0), Vec::<u32>::new());
        // A section of 120 rows breaks inside, every page.
        assert_eq!(section_breaks(&[0, 10, 130], 140, 50, 0), [10, 60, 110]);
        // Rows before 30 stay on the first page: the section starting at 20
        // is split where the page is full instead.
        assert_eq!(section_breaks(&[0, 20, 70], 80, 50, 30), [50]);
    }

    #[test]
    fn later_pages_are_filled_evenly() {
        // The Summary of the sample with bills: the charts keep rows 0–42
        // on the first page; mix, odds, business units, stages and bills
        // after them take two pages, which share them 27 and 23 rows
        // rather than 33 and a lone bills section of 17.
        let sections = [0, 3, 15, 29, 35, 43, 50, 56, 70, 76];
        assert_eq!(section_breaks(&sections, 93, 45, 43), [43, 70]);
        // What fits the pages filled in full still fits: no extra page.
        assert_eq!(section_breaks(&[0, 20, 45, 60], 70, 50, 0), [45]);
        // A section longer than the page still breaks every page.
        assert_eq!(section_breaks(&[0, 10, 130], 140, 50, 0), [10, 60, 110]);
    }

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
        assert_eq!(wrapped_lines(message, 40), lines.len());
        assert_eq!(wrapped_lines("one two\nthree", 40), 2);
        assert_eq!(wrapped_lines("", 40), 1);
    }

    proptest::proptest! {
        /// Row heights count exactly the lines the Summary's wrapping writes.
        #[test]
        fn counted_lines_are_the_wrapped_lines(
            text in "[a-z\\- é\\n\\r\\t]{0,200}|[a-zA-Z0-9 .,:;()%-]{0,300}",
            width in 1usize..60,
        ) {
            proptest::prop_assert_eq!(wrapped_lines(&text, width), wrap(&text, width).len().max(1));
        }
    }
}
