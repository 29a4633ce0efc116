//! Export: renders a finished [`GradedRun`](crate::model::GradedRun) as the
//! graded workbook and its CSV twin, and writes the intake template. Nothing
//! here computes a new figure; every number comes from the scorecard (the
//! Cash flows sheet's months come from [`crate::rules::series()`]).
//!
//! - [`workbook`]: `write_workbook` and the limits every sheet respects.
//! - [`styles`]: every cell format, in one place.
//! - [`template`]: the intake template business units fill in.
//! - [`report`]: the audit report, HTML or Markdown, from `templates/report.*.j2`.

pub mod json;
pub mod json_stream;
pub mod output;
pub mod report;
pub mod stream;
pub mod styles;
pub mod template;
pub mod workbook;

mod cash_flows;
mod changes;
mod charts;
mod columns;
pub mod feedback;
mod findings;
mod paged;
mod report_change;
mod report_charts;
mod report_project;
mod report_project_chart;
mod report_summary;
mod report_view;
mod scores;
mod sheets;
mod spool;
mod summary;
mod worker;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod fixture_checks;
#[cfg(test)]
mod report_tests;
#[cfg(test)]
mod template_tests;
#[cfg(test)]
mod tests;

pub use output::check_output;
pub use scores::{neutralise, write_scores_csv};
pub use stream::{BackgroundWriter, RunWriter, Silent, Targets, WriteProgress};
pub use workbook::{ExportError, WorkbookOptions, write_atomically, write_workbook};
