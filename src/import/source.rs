//! One interface over every readable format: a list of sheets, and a visit
//! over a sheet's rows in order, sparse, so that memory follows the cells a
//! file really holds.

use std::ops::ControlFlow;

use super::cell::Row;

/// A sheet of a workbook (a CSV file has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    pub hidden: bool,
}

/// A file-level read failure, already worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(pub String);

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
}
