//! airoi grades an enterprise's AI projects against a three-point checklist:
//! is the ROI quantifiable (3:1 on compute within 18 months), is the
//! infrastructure diversified, and is it an agent rather than a chatbot.
//!
//! The pipeline runs one way, and the modules say so:
//!
//! 1. [`import`] reads project spreadsheets (xlsx, xlsm, xlsb, xls, ods, csv)
//!    into [`model::Project`]s, and every row it cannot use into a
//!    [`model::RejectedRow`] naming the cell at fault; [`import::bills`]
//!    reads FOCUS cloud bills into each project's billed spend
//!    ([`model::BilledSpend`]).
//! 2. [`model`] is plain data: projects, rulesets, findings, scorecards.
//! 3. [`rules`] is a pure function from (projects, ruleset) to a
//!    [`model::ProjectScore`] per project, recording the evidence of every
//!    verdict.
//! 4. [`export`] renders a finished run as a graded workbook, JSON and an
//!    audit report; it computes nothing new.
//!
//! Inside the crate, `pipeline` runs the stages for a plan, streaming each
//! scored project into the outputs; `cli` turns the `airoi` command line
//! into plans and prints what comes back; `format` is how every stage
//! writes numbers for people.
//!
//! # The public surface
//!
//! airoi is a command line first; the library exists for the binary and for
//! the code that exercises it from outside. What is public, and why:
//!
//! - [`run_cli`]: the whole `airoi` command, for `src/main.rs`.
//! - [`import::read_portfolio`], [`import::read_bytes`] and their
//!   [`import::ImportOptions`] / [`import::Intake`]: reading inputs, for the
//!   integration tests, the benchmarks and the fuzz targets.
//! - [`import::cell`], [`import::values`], [`import::Limits`] and
//!   [`import::panic_is_contained`]: the cell parsers and the reader's
//!   panic fence, for the fuzz targets.
//! - [`rules::default_ruleset`], [`rules::ruleset_from_toml`],
//!   [`rules::score_project_with`], [`rules::Series`] and
//!   [`rules::finance`]: rulesets and scoring, for the benchmarks, the fuzz
//!   targets and the integration tests.
//! - [`import::bills`]: reading FOCUS cloud bills and allocating them to
//!   projects, for the scoring on actuals and the benchmarks to come.
//! - [`model`]: the plain data all of the above take and give back.
//! - [`export::report::markdown_text`]: the report's escaping, for the
//!   integration tests of the Markdown report.
//!
//! Everything else (the sources and scanners behind the importer, the
//! spools and writers behind the exporter, the pipeline and the command
//! line's own modules) is private to the crate and may change freely.

pub mod export;
pub mod import;
pub mod model;
pub mod rules;

mod cli;
mod format;
mod pipeline;

pub use cli::main as run_cli;

// The test-only check for `../shared/external/`, shared with the integration
// tests so that unit and integration tests skip or fail alike.
#[cfg(test)]
#[path = "../tests/common/external_data.rs"]
mod external_data;
