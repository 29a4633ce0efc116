//! Where every imported value came from: file, sheet, row and column.
//!
//! Users fix spreadsheets, so every message and every piece of audit evidence
//! points at a cell (`finance.xlsx:Projects!D7`). Places are shared per sheet
//! (`Origin`) and per value are only a row and a column, so a million projects
//! stay small in memory.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// The file and sheet a table was read from. CSV files have the sheet name
/// of the file stem, as Excel shows a CSV it opens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Origin {
    /// The input path as the user gave it.
    pub file: String,
    /// The sheet name.
    pub sheet: String,
}

/// A shared handle to an [`Origin`].
pub type OriginRef = Arc<Origin>;

/// A cell: 1-based row (as a spreadsheet application shows it) and 0-based
/// column index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellPos {
    /// 1-based row number, the header row counted.
    pub row: u32,
    /// 0-based column index (`A` is 0).
    pub col: u32,
}

impl CellPos {
    /// The cell's A1 reference.
    ///
    /// ```
    /// use airoi::model::CellPos;
    /// assert_eq!(CellPos { row: 7, col: 3 }.a1(), "D7");
    /// assert_eq!(CellPos { row: 1, col: 16_383 }.a1(), "XFD1");
    /// ```
    #[must_use]
    pub fn a1(self) -> String {
        format!("{}{}", column_letters(self.col), self.row)
    }
}

impl Serialize for CellPos {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for CellPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.a1())
    }
}

/// Spreadsheet column letters for a 0-based column index (`0` → `A`, `27` → `AB`).
#[must_use]
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell in a named file and sheet, printed as `file:Sheet!D7`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceCell {
    /// File and sheet.
    pub origin: OriginRef,
    /// The cell.
    pub pos: CellPos,
}

impl fmt::Display for SourceCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}!{}", self.origin.file, self.origin.sheet, self.pos)
    }
}

impl Serialize for SourceCell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A value read for one field, with the evidence an auditor needs: the raw
/// text as it stood in the file, and its column (none when a default was applied).
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    /// The interpreted value.
    pub value: T,
    /// The cell's text as the file held it; `None` when the default was applied.
    pub raw: Option<Box<str>>,
    /// The 0-based column it came from; `None` when the default was applied.
    pub col: Option<u32>,
}

impl<T> Field<T> {
    /// A value that was not in the file: the ruleset's or the spec's default.
    pub fn default_value(value: T) -> Self {
        Field {
            value,
            raw: None,
            col: None,
        }
    }

    /// A value read from a cell.
    pub fn read(value: T, raw: impl Into<Box<str>>, col: u32) -> Self {
        Field {
            value,
            raw: Some(raw.into()),
            col: Some(col),
        }
    }

    /// Whether the value came from the file (not a default).
    pub fn is_given(&self) -> bool {
        self.col.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_cover_excel_range() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16_383), "XFD");
    }
}
