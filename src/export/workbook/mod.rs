//! The graded workbook: Summary, Scores, Findings, Cash flows, Actuals (when
//! a project gives actual figures, and the Actuals Chart of the largest),
//! Scenarios (when the run scores any), Rejected, Sources, Ruleset and Odds
//! (when the run simulates), written deterministically and atomically.
//!
//! The big sheets are written row by row in constant-memory mode, so a
//! million projects cost a few rows of memory; a sheet that would pass
//! Excel's 1,048,576 rows continues on `Scores (2)` and so on.
//!
//! - [`write_workbook`] and [`WorkbookOptions`]: the entry point and its choices.
//! - `layout`: Excel's limits, pages, column widths and wrapped rows.
//! - one module per sheet: `summary` (its cloud bills in `summary_bills`,
//!   its odds of 3:1 in `summary_odds`),
//!   `odds` (the simulated odds of 3:1, when the run simulates), `scores`,
//!   `findings`, `cash_flows`, `actuals`, `scenarios`, `changes`, `sheets` (Rejected and Ruleset), `sources` (how each
//!   table was read), and `run_record`.
//! - [`styles`]: every cell format, in one place; `columns`: the Scores
//!   columns; `charts`: the Summary's charts; `point_labels`: how the
//!   scatters name their points; `sections`: how the Summary
//!   is written, section by section; `paged`: sheets written a project at
//!   a time.

use std::path::Path;

use crate::export::ExportError;
use crate::export::progress::Silent;
use crate::export::stream::{RunWriter, Targets};
use crate::model::GradedRun;

pub(crate) mod actuals;
pub(crate) mod actuals_chart;
pub(crate) mod cash_flows;
pub(crate) mod changes;
mod charts;
pub(crate) mod columns;
pub(crate) mod findings;
pub(crate) mod layout;
pub(crate) mod odds;
pub(crate) mod options;
pub(crate) mod paged;
mod point_labels;
pub(crate) mod run_record;
pub(crate) mod scenarios;
pub(crate) mod score_rows;
pub(crate) mod scores;
mod sections;
pub(crate) mod sheets;
pub(crate) mod sources;
pub(crate) mod styles;
pub(crate) mod summary;
pub(crate) mod summary_bills;
pub(crate) mod summary_odds;

pub use options::WorkbookOptions;

/// Writes the graded workbook of `run` to `path`.
///
/// The file is built beside `path` under a temporary name and renamed into
/// place, so a reader never sees half a workbook. Its creation time is the
/// run's as-of date, so the same run always gives the same bytes. The
/// projects go through the same [`RunWriter`] a
/// streamed run uses.
///
/// # Errors
///
/// [`ExportError::WouldOverwriteInput`] when `path` is one of the run's
/// inputs; otherwise whatever building or saving the workbook reports.
pub fn write_workbook(
    run: &GradedRun,
    path: &Path,
    opts: &WorkbookOptions,
) -> Result<(), ExportError> {
    let mut writer = RunWriter::new(&run.run.currency, &run.ruleset, opts, false)?;
    for p in &run.scorecard.projects {
        writer.add(p)?;
    }
    writer.finish(
        run,
        &Targets {
            workbook: Some(path),
            json: None,
            csv: None,
        },
        &Silent,
    )
}
