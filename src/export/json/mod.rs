//! The JSON document, a contract for pipelines (see `docs/json.md`): writing
//! it, and reading back the run record any output embeds.
//!
//! - `document`: the document's shape, serialised as the run is walked.
//! - `scenarios`: each scenario over the portfolio, and a project under each.
//! - `spool`: the projects of a streamed run, serialised as they pass.
//! - [`record`]: the run record read back from a workbook, report or
//!   document, for `airoi verify`, and whole documents for `airoi diff`.

use std::io::Write;
use std::path::Path;

use crate::model::GradedRun;

mod document;
pub mod record;
pub(crate) mod relative;
mod review;
mod scenarios;
pub(crate) mod spool;

use document::{Document, Projects, RunJson};
pub use record::read_document;

/// Writes the JSON document of a run, pretty-printed, followed by a newline.
pub fn write_json(run: &GradedRun, w: &mut dyn Write) -> std::io::Result<()> {
    let mut spool = spool::JsonSpool::new()?;
    for p in &run.scorecard.projects {
        spool.add(p)?;
    }
    spool.write_document(run, None, w)
}

/// The JSON document as a value, for comparing runs in memory.
pub fn to_value(run: &GradedRun) -> serde_json::Result<serde_json::Value> {
    serde_json::to_value(Document {
        run,
        projects: Projects(&run.scorecard.projects),
        folder: None,
    })
}

/// The run record alone (the document's `run` object) as compact JSON, for
/// embedding in the workbook and the report so `airoi verify` can read it;
/// `folder` is where that output is written.
pub fn run_record_json(run: &GradedRun, folder: Option<&Path>) -> serde_json::Result<String> {
    serde_json::to_string(&RunJson::new(run, folder))
}
