//! The JSON document, a contract for pipelines (see `docs/json.md`): writing
//! it, and reading back the run record any output embeds.
//!
//! - `document`: the document's shape, serialised as the run is walked.
//! - `spool`: the projects of a streamed run, serialised as they pass.
//! - [`record`]: the run record read back from a workbook, report or
//!   document, for `airoi verify`, and whole documents for `airoi diff`.

use std::io::Write;

use crate::model::GradedRun;

mod document;
pub mod record;
pub(crate) mod spool;

use document::{Document, Projects, RunJson};
pub use record::{
    RecordError, RecordedFile, RecordedOutput, RunRecord, read_document, read_run_record,
};

/// Writes the JSON document of a run, pretty-printed, followed by a newline.
pub fn write_json(run: &GradedRun, w: &mut dyn Write) -> std::io::Result<()> {
    let mut spool = spool::JsonSpool::new()?;
    for p in &run.scorecard.projects {
        spool.add(p)?;
    }
    spool.write_document(run, w)
}

/// The JSON document as a value, for comparing runs in memory.
pub fn to_value(run: &GradedRun) -> serde_json::Result<serde_json::Value> {
    serde_json::to_value(Document {
        run,
        projects: Projects(&run.scorecard.projects),
    })
}

/// Writes the JSON document to `path` atomically, never over an input.
pub fn write_json_file(
    run: &GradedRun,
    path: &std::path::Path,
) -> Result<(), crate::export::ExportError> {
    let inputs: Vec<&str> = run.run.inputs.iter().map(|i| i.path.as_str()).collect();
    crate::export::write_atomically(path, &inputs, |tmp| {
        let io = |source| crate::export::ExportError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::create(tmp).map_err(io)?;
        let mut w = std::io::BufWriter::new(file);
        write_json(run, &mut w).map_err(io)?;
        w.flush().map_err(io)
    })
}

/// The run record alone (the document's `run` object) as compact JSON, for
/// embedding in the workbook and the report so `airoi verify` can read it.
pub fn run_record_json(run: &GradedRun) -> serde_json::Result<String> {
    serde_json::to_string(&RunJson::new(run))
}
