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

/// Opens bytes as a source of the format their content shows. Returns the
/// source, its format and, for text, the encoding it was decoded from.
pub fn open(
    bytes: Vec<u8>,
    stem: &str,
    limits: super::Limits,
) -> Result<(Box<dyn Source>, super::open::Format, &'static str), SourceError> {
    use super::open::Format;
    limits.check_file_size(bytes.len() as u64)?;
    let format = super::open::detect(&bytes).map_err(|e| SourceError(e.to_string()))?;
    Ok(match format {
        Format::Csv => {
            let csv = super::csv::CsvSource::from_vec(bytes, stem);
            let encoding = csv.encoding;
            (Box::new(csv), format, encoding)
        }
        _ => (
            Box::new(super::workbook::WorkbookSource::open(
                bytes, format, limits,
            )?),
            format,
            "",
        ),
    })
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
