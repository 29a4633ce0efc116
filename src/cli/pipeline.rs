//! The scoring pipeline as `score` and `verify` both run it: read every
//! input, score, and assemble the run with its record. No output is
//! written here.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;

use super::ExitStatus;
use super::diagnostics;
use super::inputs::Expanded;
use crate::import::{ImportOptions, read_portfolio};
use crate::model::{FileRef, GradedRun, OutputRecord, Ruleset, RulesetRecord, RunRecord};

/// Everything a run is made from.
#[derive(Debug, Clone)]
pub struct Plan {
    pub inputs: Expanded,
    pub import: ImportOptions,
    pub ruleset: Ruleset,
    pub ruleset_record: RulesetRecord,
    pub as_of: NaiveDate,
    pub expect: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub cash_flows_cap: usize,
    /// SHA-256 of a replacement report template, for the run record.
    pub report_template_sha256: Option<String>,
}

/// A finished run, the diagnostics to show, and the exit status it earns.
pub struct Outcome {
    pub run: GradedRun,
    pub problems: Vec<String>,
    pub status: ExitStatus,
}

fn file_ref(path: &std::path::Path) -> anyhow::Result<FileRef> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(FileRef {
        path: path.display().to_string(),
        sha256: crate::import::portfolio::sha256_hex(&bytes),
    })
}

/// Reads, scores and assembles the run.
pub fn grade(plan: &Plan) -> anyhow::Result<Outcome> {
    let expected = match &plan.expect {
        Some(path) => Some(crate::import::units::read_unit_list(path).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let baseline = plan
        .baseline
        .as_deref()
        .map(super::diff::read_document)
        .transpose()?;
    let outputs = OutputRecord {
        cash_flows_cap: plan.cash_flows_cap,
        expect: plan.expect.as_deref().map(file_ref).transpose()?,
        baseline: plan.baseline.as_deref().map(file_ref).transpose()?,
    };

    let intake = read_portfolio(&plan.inputs.files, &plan.import, &plan.ruleset);
    let missing_units = expected.as_deref().map(|units| {
        crate::import::units::missing_units(units, &intake.projects, &intake.rejected)
    });
    let problems = diagnostics::lines(&intake, &plan.inputs);
    let status = super::validate::exit_status(&intake);
    let scorecard = crate::rules::score(intake.projects, &plan.ruleset);
    let mut run = GradedRun {
        run: RunRecord {
            tool: "airoi",
            version: env!("CARGO_PKG_VERSION"),
            as_of: plan.as_of,
            currency: intake.currency,
            fx: intake.fx_used,
            ruleset: plan.ruleset_record.clone(),
            inputs: intake.inputs,
            options: plan.import.read.clone(),
            outputs,
            report_template_sha256: plan.report_template_sha256.clone(),
        },
        ruleset: plan.ruleset.clone(),
        scorecard,
        rejected: intake.rejected,
        missing_units,
        changes: None,
    };
    if let Some(previous) = &baseline {
        let current = crate::export::json::to_value(&run)?;
        let changes =
            crate::rules::changes::compare(previous, &current).map_err(anyhow::Error::msg)?;
        run.changes = Some(changes);
    }
    Ok(Outcome {
        run,
        problems,
        status,
    })
}
