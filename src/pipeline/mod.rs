//! A run from inputs to outputs, as the commands drive it: the [`Plan`]
//! (files, reading options, ruleset), [`grade_into`] which reads and scores
//! each project and hands it to a [`ScoredSink`] as it passes, and the
//! sinks that write the workbook, JSON, CSV and report while the run
//! streams ([`Streaming`]).
//!
//! The command line parses flags into a plan and prints what comes back;
//! everything between is here, so `score`, `verify` and `validate` run the
//! same steps.
//!
//! - `inputs` expands folders and patterns into the files of a run;
//! - `grade` holds the plan, the grading and the exit status it earns;
//! - `sinks` holds where scored projects go.
//!
//! `grade` uses the other two; they use neither `grade` nor each other.

mod grade;
mod inputs;
mod sinks;

pub use grade::{
    BillsPlan, ExitStatus, Outcome, Plan, bills_aggregate_plan, bills_plan, exit_status, grade,
    grade_into,
};
pub use inputs::{Expanded, expand_inputs};
pub use sinks::{Outputs, ReportRequest, Streaming};
