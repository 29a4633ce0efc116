//! [`ExportError`]: why an output could not be written, naming the file,
//! sheet or stage that failed.

use std::path::PathBuf;

use rust_xlsxwriter::XlsxError;
use thiserror::Error;

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
