//! Export: renders a finished [`GradedRun`](crate::model::GradedRun) as the
//! graded workbook and its CSV twin, the JSON document and the audit report,
//! and writes the intake template and the feedback workbooks. Nothing here
//! computes a new figure; every number comes from the scorecard (the Cash
//! flows sheet's months come from [`crate::rules::series()`]).
//!
//! One folder a product:
//! - [`workbook`]: `write_workbook`, its sheets and the limits every sheet respects.
//! - [`report`]: the audit report, HTML or Markdown, from `templates/report.*.j2`.
//! - [`json`]: the JSON document, and reading the run record back from any output.
//! - [`template`]: the intake template business units fill in, and the
//!   feedback workbooks that hand their rejected rows back.
//!
//! Shared by them: [`ExportError`], the atomic writer ([`write_atomically`]),
//! [`check_output`], the run writer that feeds every output as projects
//! stream past ([`RunWriter`]) with its [`WriteProgress`], and the spools
//! and worker thread it uses.

pub mod json;
pub mod report;
pub mod template;
pub mod workbook;

mod atomic;
mod error;
pub mod output;
mod progress;
mod spool;
pub mod stream;
mod worker;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod fixture_checks;
#[cfg(test)]
mod tests;

pub use atomic::write_atomically;
pub use error::ExportError;
pub use output::check_output;
pub use progress::{Silent, WriteProgress};
pub use stream::{BackgroundWriter, RunWriter, Targets};
pub use template::feedback;
pub use workbook::scores::{neutralise, write_scores_csv};
pub use workbook::styles;
pub use workbook::{WorkbookOptions, write_workbook};
