//! Export: renders a finished run (`GradedRun`) as the graded workbook and
//! its CSV twin, the JSON document and the audit report, and writes the
//! intake template and the feedback workbooks. Nothing here computes a new
//! figure; every number comes from the scorecard (the Cash flows sheet's
//! months come from the rules' series).
//!
//! One folder a product:
//! - `workbook`: `write_workbook`, its sheets and the limits every sheet respects.
//! - [`report`]: the audit report, HTML or Markdown, from `templates/report.*.j2`.
//! - `json`: the JSON document, and reading the run record back from any output.
//! - [`bills_sql`]: the bills aggregation as one SQL query for a warehouse
//!   (`airoi bills-sql`), with its rules table.
//! - `template`: the intake template business units fill in, and the
//!   feedback workbooks that hand their rejected rows back.
//!
//! Shared by them: `ExportError`, the bills' spend by provider (`bills_spend`), the atomic writer (`write_atomically`),
//! `check_output`, the run writer that feeds every output as projects
//! stream past (`RunWriter`) with its `WriteProgress`, and the spools
//! and worker thread it uses.
//!
//! Public, for the integration tests of the Markdown report: only
//! [`report::markdown_text`]. The writers are the crate's own, driven by
//! the `airoi` command.

pub mod bills_sql;
pub(crate) mod json;
pub mod report;
pub(crate) mod template;
pub(crate) mod workbook;

mod atomic;
pub(crate) mod bills_spend;
mod error;
pub(crate) mod output;
mod progress;
mod spool;
pub(crate) mod stream;
mod worker;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod fixture_checks;
#[cfg(test)]
mod tests;

pub(crate) use atomic::write_atomically;
pub(crate) use error::ExportError;
pub(crate) use output::check_output;
pub(crate) use progress::{Silent, WriteProgress};
pub(crate) use stream::{BackgroundWriter, RunWriter, Targets};
pub(crate) use template::feedback;
pub(crate) use workbook::styles;
pub(crate) use workbook::{WorkbookOptions, write_workbook};
