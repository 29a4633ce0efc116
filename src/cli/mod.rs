//! The `airoi` command line: one file per subcommand, each with its own
//! `clap::Args` and a `run` that builds a [`crate::pipeline`] plan from the
//! flags and prints what the run gives back.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bill_order;
mod bills;
mod bills_sql;
mod caps;
mod diagnostics;
mod diff;
mod explain;
mod fragile;
mod inputs;
mod locate;
mod panic;
mod progress;
mod reading;
mod rules;
mod scenarios;
mod score;
mod template;
mod validate;
mod verify;

pub use crate::pipeline::ExitStatus;

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(match status {
            ExitStatus::Clean => 0,
            ExitStatus::SomeRejected => 1,
            ExitStatus::Failure => 2,
        })
    }
}

/// Grades AI projects against the checklist: ROI 3:1 on compute within 18
/// months, diversified infrastructure, agents rather than chatbots.
#[derive(Debug, Parser)]
#[command(name = "airoi", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score projects against the checklist and write the graded workbook.
    Score(Box<score::ScoreArgs>),
    /// Check that an output is reproduced exactly from the inputs it records.
    Verify(verify::VerifyArgs),
    /// Show what changed between two runs' JSON documents.
    Diff(diff::DiffArgs),
    /// Read and check spreadsheets without scoring them.
    Validate(validate::ValidateArgs),
    /// Write the intake template business units fill in.
    Template(template::TemplateArgs),
    /// Print the ruleset in force as TOML, ready to edit.
    Rules(rules::RulesArgs),
    /// Print the SQL query that sums FOCUS bills in a warehouse as `score --bills` does.
    ///
    /// The result (per project, UTC month, provider and model vendor; the
    /// unallocated AI spend; conflicts; row counts) saved as CSV or Parquet is read by
    /// `airoi score INTAKE --bills-aggregate FILE`, with the same figures as
    /// reading the bills themselves. Each dialect assumes its warehouse's
    /// FOCUS export, columns by their FOCUS names: spark and duckdb a `Tags`
    /// JSON string; bigquery `Tags` of type JSON (Google's FOCUS view);
    /// snowflake `Tags` an OBJECT or VARIANT, columns quoted in FOCUS's mixed
    /// case (`"ProviderName"`). Months are calendar months of
    /// `ChargePeriodStart` in UTC (spark: in the session time zone, which
    /// must be UTC, Databricks' default; duckdb: text without an offset in
    /// the session time zone). The query's opening comment says what it
    /// assumes.
    BillsSql(bills_sql::BillsSqlArgs),
    /// Explain what a check (or the review grade) decides, why it matters, and its thresholds.
    Explain(explain::ExplainArgs),
}

/// Parses the command line, runs it and maps the outcome to an exit code.
#[must_use]
pub fn main() -> ExitCode {
    panic::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // An intake typed after `--bills`, the only input: say so, not
            // that an input is missing.
            let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
            if err.kind() == clap::error::ErrorKind::MissingRequiredArgument
                && let Some(refusal) = bill_order::refusal_of_raw(&raw)
            {
                let _ = writeln!(std::io::stderr(), "airoi: error: {refusal}");
                return ExitStatus::Failure.into();
            }
            let _ = err.print();
            return if err.use_stderr() {
                ExitStatus::Failure.into()
            } else {
                ExitStatus::Clean.into()
            };
        }
    };
    match run(cli) {
        Ok(status) => status.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitStatus::Clean.into();
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "airoi: error: {err}");
            for cause in err.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitStatus::Failure.into()
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Score(args) => score::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Template(args) => template::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::BillsSql(args) => bills_sql::run(&args),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind);
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}
