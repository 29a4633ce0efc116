//! The plan that re-scores a recorded run: its ruleset (checked against
//! its recorded SHA-256), options, scenarios and inputs, and the bills it
//! read, expanded again or found where they moved.

use std::path::PathBuf;

use anyhow::bail;

use crate::export::WorkbookOptions;
use crate::export::json::record::RunRecord;
use crate::import::ImportOptions;
use crate::import::portfolio::sha256_hex;
use crate::pipeline::{Expanded, Plan};

/// The plan that reproduces a recorded run.
pub(super) fn plan_from(record: &RunRecord, max_input_mb: u64) -> anyhow::Result<Plan> {
    // The recorded text is checked against its own hash, not re-written
    // first: a ruleset recorded by an earlier airoi (one alias table for
    // both provider lists) is still read, though its canonical text is now
    // written in another layout.
    let text = record.ruleset_toml()?;
    if Some(sha256_hex(text.as_bytes()).as_str()) != record.ruleset_sha256() {
        bail!("the recorded ruleset does not match its recorded SHA-256; the record was altered");
    }
    let ruleset = crate::rules::ruleset_from_toml(text)?;
    let ruleset_record = crate::rules::ruleset_record(&ruleset, record.ruleset_path());
    let (fx, fx_source) = record.fx();
    let as_of = record.as_of()?;
    // A run records the scenarios it scored; none is a run with none.
    let names = record.scenarios();
    let scenarios = crate::cli::scenarios::select(&ruleset, &names, names.is_empty())?;
    Ok(Plan {
        scenarios,
        inputs: Expanded {
            files: record.input_paths(),
            skipped: Vec::new(),
        },
        import: ImportOptions {
            read: record.read_options(),
            currency: record.currency(),
            fx,
            fx_source,
            as_of: None,
            limits: crate::import::Limits::from_mb(max_input_mb),
            reopen: false,
        },
        ruleset,
        ruleset_record,
        as_of,
        expect: record.expect_path(),
        baseline: record.baseline_path(),
        cash_flows_cap: record
            .cash_flows_cap()
            .unwrap_or(WorkbookOptions::default().cash_flows_cap),
        report_template_sha256: record.report_template_sha256().map(str::to_string),
        read_from: std::collections::BTreeMap::new(),
        // The outputs are re-written with the relative paths recorded, none
        // where an earlier airoi recorded none.
        relative_paths: crate::model::RelativePaths::Recorded,
        recorded_relative: record.input_relative_paths(),
        bills: record
            .bills()
            .map(|(paths, basis, aggregate)| bills_plan_from(record, paths, basis, aggregate))
            .transpose()?,
    })
}

/// The bills a recorded run read: its folders expanded again where they
/// are still there, else the files it recorded (each found where
/// [`crate::cli::locate`] found it), with their recorded relative paths.
fn bills_plan_from(
    record: &RunRecord,
    mut paths: Vec<PathBuf>,
    basis: crate::model::CostBasis,
    aggregate: bool,
) -> anyhow::Result<crate::pipeline::BillsPlan> {
    let files = record.bill_files();
    let mut plan = match paths.pop() {
        Some(path) if aggregate && paths.is_empty() => {
            crate::pipeline::bills_aggregate_plan(path, basis)
        }
        last => {
            paths.extend(last);
            if paths.iter().all(|p| p.exists()) {
                crate::pipeline::bills_plan(paths, basis)?
            } else {
                // Moved: the files as recorded; a moved folder's files
                // that were not bills are not listed again.
                crate::pipeline::BillsPlan {
                    files: files.iter().map(|(p, _)| PathBuf::from(p)).collect(),
                    paths,
                    skipped: Vec::new(),
                    basis,
                    aggregate: false,
                    recorded_relative: std::collections::BTreeMap::new(),
                }
            }
        }
    };
    plan.recorded_relative = files
        .into_iter()
        .filter_map(|(path, relative)| Some((path, relative?)))
        .collect();
    Ok(plan)
}
