//! airoi grades an enterprise's AI projects against a three-point checklist:
//! is the ROI quantifiable (3:1 on compute within 18 months), is the
//! infrastructure diversified, and is it an agent rather than a chatbot.
//!
//! The pipeline runs one way, and the modules say so:
//!
//! 1. [`import`] reads project spreadsheets (xlsx, xlsm, xlsb, xls, ods, csv)
//!    into [`model::Project`]s, and every row it cannot use into a
//!    [`model::RejectedRow`] naming the cell at fault.
//! 2. [`model`] is plain data: projects, rulesets, findings, scorecards.
//! 3. [`rules`] is a pure function from (projects, ruleset) to a
//!    [`model::Scorecard`], recording the evidence of every verdict.
//! 4. [`export`] renders a finished run as a graded workbook, JSON and an
//!    audit report; it computes nothing new.
//!
//! [`pipeline`] runs the stages for a plan, streaming each scored project
//! into the outputs; [`cli`] turns the `airoi` command line into plans and
//! prints what comes back. [`format`](mod@format) is how every stage writes
//! numbers for people.

pub mod cli;
pub mod export;
pub mod format;
pub mod import;
pub mod model;
pub mod pipeline;
pub mod rules;

// The test-only check for `../shared/external/`, shared with the integration
// tests so that unit and integration tests skip or fail alike.
#[cfg(test)]
#[path = "../tests/common/external_data.rs"]
mod external_data;
