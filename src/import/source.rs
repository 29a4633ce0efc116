//! One interface over every readable format: a list of sheets, and a visit
//! over a sheet's rows in order, sparse, so that memory follows the cells a
//! file really holds.

use std::ops::ControlFlow;

use super::cell::Row;
use super::error::SourceError;

/// A sheet of a workbook (a CSV file has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    pub hidden: bool,
}

/// The formats airoi reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

impl Format {
    /// The usual extension, as people name the format.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
        }
    }
}

/// A readable spreadsheet.
pub trait Source {
    /// The sheets, in workbook order.
    fn sheets(&self) -> &[SheetInfo];

    /// Whether serial dates count from 1904.
    fn is_1904(&self) -> bool {
        false
    }

    /// Calls `f` with each row of sheet `index` that has a cell, in row
    /// order, until it returns `Break`.
    fn visit(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<()>,
    ) -> Result<(), SourceError>;

    /// As [`Source::visit`], for a look at a sheet's first rows (finding its
    /// header): the rows may come without what only a full read needs to
    /// know, which rows are hidden and which formulas have no saved value.
    fn visit_head(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<()>,
    ) -> Result<(), SourceError> {
        self.visit(index, f)
    }
}
