//! `airoi verify OUTPUT`: proves an output came from exactly the files its
//! run record names. Finds the inputs (where the run read them, beside the
//! output, or under `--inputs`: see [`super::locate`]), checks their
//! SHA-256, re-scores with the recorded ruleset and options, and compares
//! the result with the output byte for byte.
//!
//! This file holds the flags, the steps in order and the verdict printed;
//! `plan` rebuilds the recorded run (ruleset, options, moved bills),
//! `redraw` draws the output again, and `compare` lists the differences.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;

use super::ExitStatus;
use crate::export::json::record::read_run_record;
use crate::pipeline::grade;

mod compare;
mod plan;
mod redraw;

/// Check that an output is reproduced exactly from the inputs it records.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A graded workbook, JSON document or audit report written by `airoi score`.
    pub output: PathBuf,

    /// The report template the run used, when the report records one
    /// (`--report-template`); checked against its recorded SHA-256.
    #[arg(long, value_name = "FILE")]
    pub report_template: Option<PathBuf>,

    /// A folder holding the inputs now (subfolders included): each is
    /// found there by its recorded SHA-256, whatever its name. Without it,
    /// an input missing from its recorded path is looked for beside the
    /// output.
    #[arg(long, value_name = "DIR")]
    pub inputs: Option<PathBuf>,

    /// Most memory one input may cost, as for `score`.
    #[arg(long, value_name = "MB", default_value_t = crate::import::limits::DEFAULT_MAX_INPUT_MB)]
    pub max_input_mb: u64,
}

/// Runs `airoi verify`.
pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitStatus> {
    let bytes = std::fs::read(&args.output)
        .with_context(|| format!("reading {}", args.output.display()))?;
    let (kind, record) = read_run_record(&args.output, &bytes)?;
    let mut out = std::io::stdout().lock();
    if let Some(dir) = args.inputs.as_ref().filter(|d| !d.is_dir()) {
        bail!("--inputs {}: not a folder", dir.display());
    }
    let located = super::locate::locate(&record.files(), &args.output, args.inputs.as_deref());
    for line in &located.found {
        writeln!(out, "{line}")?;
    }
    if !located.differences.is_empty() {
        return report(&mut out, &args.output, &located.differences);
    }
    let mut plan = plan::plan_from(&record, args.max_input_mb)?;
    plan.read_from = located.read_from;
    let mut outcome = grade(&plan)?;
    // Every output of a run whose report was capped records the cap.
    outcome.run.run.outputs.report_projects = record.report_projects();
    let (fresh, chart_differences) = redraw::redraw(
        (kind, &record),
        outcome.run,
        (&args.output, args.report_template.as_deref()),
        plan.cash_flows_cap,
    )?;
    if fresh == bytes && chart_differences.is_empty() {
        writeln!(
            out,
            "{}: reproduced exactly from {} {} (ruleset {}, as of {})",
            args.output.display(),
            plan.inputs.files.len(),
            if plan.inputs.files.len() == 1 {
                "input"
            } else {
                "inputs"
            },
            plan.ruleset_record.name,
            plan.as_of
        )?;
        return Ok(ExitStatus::Clean);
    }
    let differences = compare::differences((kind, &record), &bytes, &fresh, chart_differences);
    report(&mut out, &args.output, &differences)
}

/// Prints the verdict "NOT reproduced" and the first 50 differences.
fn report(
    out: &mut dyn Write,
    output: &Path,
    differences: &[String],
) -> anyhow::Result<ExitStatus> {
    writeln!(out, "{}: NOT reproduced", output.display())?;
    for d in differences.iter().take(50) {
        writeln!(out, "  {d}")?;
    }
    if differences.len() > 50 {
        writeln!(out, "  ... and {} more differences", differences.len() - 50)?;
    }
    Ok(ExitStatus::SomeRejected)
}
