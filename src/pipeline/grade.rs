//! Grading as `score` and `verify` both run it: read every input, score,
//! and assemble the run with its record, handing each scored project to a
//! [`ScoredSink`] as it passes, and the exit status the run earns. No
//! output is written here.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Context;

use super::bills::{add_bill_rates, read_plan_bills, recorded_bill_files};
use super::plan::Plan;
use super::scoring::Scoring;
use super::sinks::{Nowhere, ScoredSink};
use crate::export::json::read_document;
use crate::export::{Silent, WriteProgress};
use crate::import::{ImportOptions, Intake, stream_portfolio_from};
use crate::model::{
    BillsRecord, FileRef, GradedRun, OutputRecord, RelativePaths, RunRecord, Scorecard,
};
use crate::rules::scenarios::ScenarioRunner;
use crate::rules::simulation::Simulator;
use crate::rules::{PortfolioAccumulator, Series};

/// How a run ended, which the command line maps to its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything read was scored (exit 0).
    Clean,
    /// Some rows or files were rejected, the rest scored (exit 1).
    SomeRejected,
    /// Nothing could be scored, or a usage error (exit 2).
    Failure,
}

/// A finished run and the exit status it earns. Its inputs and rejected
/// rows say every problem met on the way.
pub struct Outcome {
    pub run: GradedRun,
    pub status: ExitStatus,
}

/// The record of the side file named `path`, read from `from`.
fn file_ref(path: &Path, from: &Path) -> anyhow::Result<FileRef> {
    let bytes = std::fs::read(from).with_context(|| format!("reading {}", from.display()))?;
    Ok(FileRef {
        path: path.display().to_string(),
        sha256: crate::import::portfolio::sha256_hex(&bytes),
    })
}

/// Reads, scores and assembles the run, every project kept in memory.
pub fn grade(plan: &Plan) -> anyhow::Result<Outcome> {
    grade_into(plan, usize::MAX, &mut Nowhere, &Silent)
}

/// Reads and scores the run, handing each scored project to `sink` as it
/// passes and keeping only the first `keep` in memory (all of them when the
/// run is no bigger); returns the run with its figures, rejected rows and
/// record. `progress` counts the projects scored in the stage the caller
/// started.
pub fn grade_into(
    plan: &Plan,
    keep: usize,
    sink: &mut dyn ScoredSink,
    progress: &dyn WriteProgress,
) -> anyhow::Result<Outcome> {
    let at = |path| plan.located(path);
    let expected = match &plan.expect {
        Some(path) => {
            Some(crate::import::units::read_unit_list(at(path)).map_err(anyhow::Error::msg)?)
        }
        None => None,
    };
    let baseline = plan
        .baseline
        .as_deref()
        .map(|p| read_document(at(p)))
        .transpose()?;
    let outputs = OutputRecord {
        cash_flows_cap: plan.cash_flows_cap,
        expect: plan
            .expect
            .as_deref()
            .map(|p| file_ref(p, at(p)))
            .transpose()?,
        baseline: plan
            .baseline
            .as_deref()
            .map(|p| file_ref(p, at(p)))
            .transpose()?,
        report_projects: None,
        scenarios: plan.scenarios.iter().map(|s| s.name.clone()).collect(),
    };

    // A baseline comparison reads the whole current document: keep every project.
    let keep = if baseline.is_some() { usize::MAX } else { keep };
    let import = ImportOptions {
        as_of: Some(plan.as_of),
        ..plan.import.clone()
    };
    let billed = match &plan.bills {
        Some(bills) => Some(read_plan_bills(plan, bills, &import)?),
        None => None,
    };
    let (bills, bill_currencies) = match billed {
        Some((spend, currencies)) => (Some(spend), currencies),
        None => (None, Vec::new()),
    };
    let mut scoring = Scoring {
        ruleset: &plan.ruleset,
        buffer: Series::default(),
        portfolio: PortfolioAccumulator::new(),
        simulator: Simulator::new(&plan.ruleset),
        scenarios: ScenarioRunner::new(&plan.scenarios),
        units: BTreeSet::new(),
        kept: Vec::new(),
        keep,
        scored: 0,
        sink,
        progress,
        bills,
        as_of: plan.as_of,
    };
    let mut intake = stream_portfolio_from(
        &plan.inputs.files,
        &plan.read_from,
        &import,
        &plan.ruleset,
        &mut scoring,
    )?;
    if plan.relative_paths == RelativePaths::Recorded {
        for (input, relative) in intake.inputs.iter_mut().zip(&plan.recorded_relative) {
            input.relative_path.clone_from(relative);
        }
    }
    let missing_units = expected.as_deref().map(|units| {
        crate::import::units::missing_units(
            units,
            scoring.units.iter().map(String::as_str),
            &intake.rejected,
        )
    });
    let mut status = exit_status(scoring.scored, &intake);
    let mut fx = intake.fx_used;
    let bills = scoring.bills.take();
    if let Some(spend) = &bills {
        add_bill_rates(&mut fx, bill_currencies, &intake.fx_rates);
        if !spend.is_clean() && status == ExitStatus::Clean {
            status = ExitStatus::SomeRejected;
        }
    }
    let breakdown = scoring.portfolio.finish();
    let scorecard = Scorecard {
        projects: scoring.kept,
        portfolio: breakdown.portfolio,
        by_business_unit: breakdown.by_business_unit,
        by_stage: breakdown.by_stage,
        simulation: scoring.simulator.map(Simulator::finish),
        scenarios: scoring.scenarios.finish(),
    };
    let mut run = GradedRun {
        run: RunRecord {
            tool: "airoi",
            version: env!("CARGO_PKG_VERSION"),
            as_of: plan.as_of,
            currency: intake.currency,
            fx,
            ruleset: plan.ruleset_record.clone(),
            inputs: intake.inputs,
            options: plan.import.read.clone(),
            outputs,
            report_template_sha256: plan.report_template_sha256.clone(),
            relative_paths: plan.relative_paths,
            bills: bills.as_ref().map(|b| BillsRecord {
                cost_basis: b.cost_basis,
                aggregate: plan.bills.as_ref().is_some_and(|p| p.aggregate),
                paths: plan
                    .bills
                    .iter()
                    .flat_map(|p| &p.paths)
                    .map(|p| p.display().to_string())
                    .collect(),
                files: recorded_bill_files(plan, &b.files),
            }),
        },
        ruleset: plan.ruleset.clone(),
        scorecard,
        rejected: intake.rejected,
        missing_units,
        changes: None,
        bills,
    };
    if let Some(previous) = &baseline {
        let current = crate::export::json::to_value(&run)?;
        let changes =
            crate::rules::changes::compare(previous, &current).map_err(anyhow::Error::msg)?;
        run.changes = Some(changes);
    }
    Ok(Outcome { run, status })
}

/// 0 when everything read was usable, 1 when some rows or files were
/// rejected but something was read, 2 when nothing was; `projects` is how
/// many were scored (or read, for `validate`).
#[must_use]
pub fn exit_status(projects: usize, intake: &Intake) -> ExitStatus {
    let not_whole = intake.inputs.iter().any(|i| !i.state.is_read());
    if projects == 0 {
        ExitStatus::Failure
    } else if not_whole || !intake.rejected.is_empty() {
        ExitStatus::SomeRejected
    } else {
        ExitStatus::Clean
    }
}
