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
//! - `plan` holds what a run is made from, the bills' plan with it;
//! - `bills` reads the allocation rules, then the bills allocated to them;
//! - `scoring` scores each project as the import hands it over;
//! - `grade` runs the steps, assembles the run and its exit status;
//! - `sinks` holds where scored projects go.
//!
//! `grade` uses the others; `bills` uses `plan`, `plan` uses `inputs`,
//! `scoring` uses `sinks`, and none of them uses `grade`.

mod bills;
mod grade;
mod inputs;
mod plan;
mod scoring;
mod sinks;

pub use grade::{ExitStatus, Outcome, exit_status, grade, grade_into};
pub use inputs::{Expanded, expand_inputs};
pub use plan::{BillsPlan, Plan, bills_aggregate_plan, bills_plan};
pub use sinks::{Outputs, ReportRequest, Streaming};
