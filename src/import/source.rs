//! One interface over every readable format: a list of sheets, and a visit
//! over a sheet's rows in order, sparse, so that memory follows the cells a
//! file really holds.

use std::ops::ControlFlow;

use super::cell::Row;
use super::error::SourceError;
use super::layout::SheetLayout;

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
///
/// A visit hands each row to a visitor that may stop it with a value of
/// its own (`ControlFlow::Break`), such as the error that ended the run;
/// the visit gives that value back, so the reason to stop travels with the
/// stop.
pub trait Source {
    /// The sheets, in workbook order.
    fn sheets(&self) -> &[SheetInfo];

    /// Whether serial dates count from 1904.
    fn is_1904(&self) -> bool {
        false
    }

    /// Calls `f` with each row of sheet `index` that has a cell, in row
    /// order, until it returns `Break`; returns how the visit ended.
    ///
    /// # Errors
    ///
    /// The sheet cannot be read, or breaks off part way (after the rows
    /// before the damage were handed over).
    fn visit<B>(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<B>,
    ) -> Result<ControlFlow<B>, SourceError>;

    /// As [`Source::visit`], for a look at a sheet's first rows (finding its
    /// header): the rows may come without what only a full read needs to
    /// know, which rows are hidden and which formulas have no saved value.
    ///
    /// # Errors
    ///
    /// As [`Source::visit`].
    fn visit_head<B>(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<B>,
    ) -> Result<ControlFlow<B>, SourceError> {
        self.visit(index, f)
    }

    /// Whether sheet `index` may hold a number written as text that shows
    /// a decimal mark or reads either way (`decimal::decide::shows_a_mark`),
    /// where the format can tell without reading the cells (else `true`).
    fn may_show_a_decimal_mark(&mut self, _index: usize) -> bool {
        true
    }

    /// What sheet `index` merges and hides (nothing where the format does
    /// not say).
    fn layout(&mut self, _index: usize) -> SheetLayout {
        SheetLayout::default()
    }
}
