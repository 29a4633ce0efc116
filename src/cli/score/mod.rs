//! `airoi score`: reads the inputs, scores every project against the
//! ruleset and writes the graded workbook, and on request JSON and CSV.
//!
//! - `args` holds the flags and their `--help`;
//! - `options` turns them into the plan of the run and the paths it
//!   writes, refusing bad ones before anything is read;
//! - `console` prints what people read on the terminal;
//! - this file runs the plan, writes the outputs and lists them.
//!
//! `options` and `console` use `args`; none of them uses this file.

mod args;
mod console;
mod options;

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

pub use args::ScoreArgs;
use options::Prepared;

use super::ExitStatus;
use super::progress::Progress;
use crate::export::{self, WorkbookOptions};
use crate::model::GradedRun;
use crate::pipeline::{Outcome, Outputs, Streaming, grade_into};

/// Runs `airoi score`.
pub fn run(args: &ScoreArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let Prepared {
        plan,
        output,
        report,
    } = options::prepare(args)?;
    let outputs = Outputs {
        workbook: &output,
        json: args.json.as_deref(),
        csv: args.csv.as_deref(),
        report: report.as_ref(),
        options: WorkbookOptions {
            cash_flows_cap: args.cash_flows_cap,
            ..WorkbookOptions::default()
        },
    };
    let progress = Progress::new(args.quiet);
    progress.stage("reading and scoring projects", None);
    let mut streaming = Streaming::new(&outputs, &plan.ruleset);
    // The terminal table and the report need projects in memory; the
    // outputs are written as projects pass.
    let keep = if report.is_some() {
        args.report_projects.max(console::TABLE_MAX + 1)
    } else {
        console::TABLE_MAX + 1
    };
    let Outcome { mut run, status } = grade_into(&plan, keep, &mut streaming, &progress)?;
    let expanded = plan.inputs;
    let scored = run.scorecard.portfolio.projects;
    if report.is_some() && scored > args.report_projects {
        run.scorecard.projects.truncate(args.report_projects);
        run.run.outputs.report_projects = Some(args.report_projects);
    }
    let expanded_limits = plan.import.limits;
    // Shared so the report can build each project's page as it writes it.
    let run = Arc::new(run);
    if scored > 0 {
        streaming.finish(&run, &progress)?;
    }
    progress.finish();

    let mut err = std::io::stderr().lock();
    if !args.quiet {
        console::print_reading(&mut err, args, &run, &expanded)?;
    }
    if scored == 0 {
        writeln!(err, "airoi: nothing could be scored; no outputs written")?;
        return Ok(ExitStatus::Failure);
    }

    let mut written = vec![output.display().to_string()];
    if let Some(path) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        written.push(path.display().to_string());
    }
    if let Some(r) = &report {
        written.push(r.path.display().to_string());
    }
    if let Some(dir) = &args.feedback {
        let (files, unreadable) = feedback_files(&run, dir, expanded_limits)?;
        for why in unreadable {
            writeln!(err, "airoi: {why}")?;
        }
        written.extend(files);
    }
    if let Some(path) = args.csv.as_ref().filter(|p| p.as_os_str() != "-") {
        written.push(path.display().to_string());
    }

    if !args.quiet {
        console::print_results(&mut err, args, &run, &expanded, &written, started)?;
    }
    Ok(status)
}

/// Writes the feedback workbooks; returns their paths and the files that
/// could not be read back for them.
fn feedback_files(
    run: &GradedRun,
    dir: &Path,
    limits: crate::import::Limits,
) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let (files, unreadable) = export::feedback::write_feedback(run, dir, limits)
        .with_context(|| format!("writing feedback into {}", dir.display()))?;
    Ok((
        files.iter().map(|f| f.display().to_string()).collect(),
        unreadable,
    ))
}
