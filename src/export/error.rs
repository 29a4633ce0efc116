//! [`ExportError`]: why an output could not be written, naming the file,
//! sheet or stage that failed.

use std::path::PathBuf;

use rust_xlsxwriter::XlsxError;
use thiserror::Error;

/// Why an output could not be written: each variant names what failed, a
/// file by its path, a sheet by its name, a spool or thread by its role.
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
    /// A spool, the temporary file a streamed run's rows wait in until the
    /// run ends, could not be written or read back; `spool` says whose rows.
    #[error("spooling {spool}: {source}")]
    Spool {
        spool: &'static str,
        source: std::io::Error,
    },
    /// The spool of the JSON document's projects could not be written or
    /// read back.
    #[error("spooling the JSON document's projects: {0}")]
    JsonSpool(#[source] std::io::Error),
    /// A sheet was written from its spool and the spool failed.
    #[error("writing the sheet {sheet}: {source}")]
    Sheet {
        sheet: String,
        source: std::io::Error,
    },
    /// A paged sheet was handed more pages than it counted beforehand.
    #[error("writing the sheet {0}: more pages than counted")]
    PagesMiscounted(String),
    /// The run record could not be serialised into its hidden sheet.
    #[error("serialising the run record: {0}")]
    RunRecord(#[source] serde_json::Error),
    /// A writer thread could not be started.
    #[error("starting {thread}: {source}")]
    ThreadStart {
        thread: &'static str,
        source: std::io::Error,
    },
    /// A writer thread stopped taking projects without saying why.
    #[error("{0} stopped")]
    Stopped(&'static str),
    /// A writer thread panicked (the panic has been reported already).
    #[error("{0} panicked")]
    Panicked(&'static str),
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

#[cfg(test)]
mod tests {
    use super::ExportError;

    #[test]
    fn messages_name_the_sheet_spool_or_thread_that_failed() {
        let disk_full = || std::io::Error::other("disk full");
        let said = [
            ExportError::Sheet {
                sheet: "Scores".into(),
                source: disk_full(),
            },
            ExportError::Spool {
                spool: "the Findings rows",
                source: disk_full(),
            },
            ExportError::JsonSpool(disk_full()),
            ExportError::PagesMiscounted("Findings".into()),
            ExportError::Stopped("the workbook writer"),
        ]
        .map(|e| e.to_string());
        assert_eq!(
            said,
            [
                "writing the sheet Scores: disk full",
                "spooling the Findings rows: disk full",
                "spooling the JSON document's projects: disk full",
                "writing the sheet Findings: more pages than counted",
                "the workbook writer stopped",
            ]
        );
    }
}
