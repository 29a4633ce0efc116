//! Reads every input of a run into one portfolio: projects in input order,
//! duplicates across files rejected naming the first place, cash flows
//! attached, and a record of each input. Each file is read in two passes
//! (`passes`, which also hashes inputs); this module runs them over all
//! inputs.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::guard::ReadingFile;
use super::intake::{Collect, ImportOptions, Intake, IntakeSink};
use super::merge::Merger;
use super::passes::{FileCtx, KEEP_OPEN, Rates, prepare, read_projects};
pub use super::passes::{sha256_file, sha256_hex};
use super::table::read::TableRow;
use super::values::ProviderNames;
use crate::model::{FxRate, InputRecord, InputState, Ruleset};

/// Reads every input. A file that cannot be read is recorded as unreadable
/// and the others still count.
#[must_use]
pub fn read_portfolio(paths: &[PathBuf], opts: &ImportOptions, ruleset: &Ruleset) -> Intake {
    let mut collect = Collect(Vec::new());
    let Ok(mut intake) = stream_portfolio(paths, opts, ruleset, &mut collect);
    intake.projects = collect.0;
    intake
}

/// Reads one input from bytes already in memory, named `name` in every
/// message, exactly as [`read_portfolio`] reads a file of those bytes.
#[must_use]
// Owned bytes, as callers (the fuzz targets) hand over a buffer they are done with.
#[allow(clippy::needless_pass_by_value)]
pub fn read_bytes(name: &str, bytes: Vec<u8>, opts: &ImportOptions, ruleset: &Ruleset) -> Intake {
    let mut collect = Collect(Vec::new());
    let inputs = [Input {
        path: Path::new(name),
        read_from: None,
        bytes: Some(&bytes),
    }];
    let Ok(mut intake) = stream_inputs(&inputs, opts, ruleset, &mut collect);
    intake.projects = collect.0;
    intake
}

/// One input: a file, or bytes already in memory under a name.
struct Input<'a> {
    path: &'a Path,
    /// Where the file is read from when not at `path`, its name.
    read_from: Option<&'a Path>,
    bytes: Option<&'a [u8]>,
}

/// Reads every input and hands each project to `sink` as soon as it is
/// merged, so no more than one project is held at a time. The returned
/// intake has everything but the projects.
///
/// Two passes: the first reads each file's settings and cash-flow tables
/// (small, and a project's may come from a later file); the second reads
/// the projects tables in input order.
///
/// # Errors
///
/// Whatever the sink reports; reading problems are never errors, they are
/// rejected rows and unreadable inputs in the intake.
pub fn stream_portfolio<S: IntakeSink>(
    paths: &[PathBuf],
    opts: &ImportOptions,
    ruleset: &Ruleset,
    sink: &mut S,
) -> Result<Intake, S::Error> {
    stream_portfolio_from(paths, &BTreeMap::new(), opts, ruleset, sink)
}

/// [`stream_portfolio`] with some files read from elsewhere than the
/// path they are named by (`read_from`: name → where the file is), as
/// `airoi verify` reads the inputs of a run moved since.
///
/// # Errors
///
/// Whatever the sink reports.
pub fn stream_portfolio_from<S: IntakeSink>(
    paths: &[PathBuf],
    read_from: &BTreeMap<PathBuf, PathBuf>,
    opts: &ImportOptions,
    ruleset: &Ruleset,
    sink: &mut S,
) -> Result<Intake, S::Error> {
    let inputs: Vec<Input> = paths
        .iter()
        .map(|path| Input {
            path,
            read_from: read_from.get(path).map(PathBuf::as_path),
            bytes: None,
        })
        .collect();
    stream_inputs(&inputs, opts, ruleset, sink)
}

fn stream_inputs<S: IntakeSink>(
    files: &[Input],
    opts: &ImportOptions,
    ruleset: &Ruleset,
    sink: &mut S,
) -> Result<Intake, S::Error> {
    let provider_names = ProviderNames::new(ruleset);
    let mut merger = Merger::default();
    merger.lookahead = ruleset.lookahead();
    // Without --as-of (`airoi validate`), the month it runs in.
    merger.as_of = opts
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut inputs = Vec::new();
    let mut prepared = Vec::new();
    let mut rates = Rates {
        run: opts.currency.clone(),
        fx: opts
            .fx
            .iter()
            .map(|(c, r)| (c.clone(), (*r, opts.fx_source.clone())))
            .collect(),
        used: BTreeSet::new(),
    };
    let mut keep_open = if opts.reopen { 0 } else { KEEP_OPEN };
    for (index, file) in files.iter().enumerate() {
        let path = file.path;
        let mut record = InputRecord {
            path: path.display().to_string(),
            relative_path: None,
            sha256: String::new(),
            format: None,
            sheets: Vec::new(),
            rows_read: 0,
            projects: 0,
            rejected: 0,
            skipped: 0,
            cash_flow_rows: 0,
            state: InputState::Read,
            notes: Vec::new(),
            tables: Vec::new(),
        };
        let ctx = FileCtx {
            opts,
            ruleset,
            provider_names: &provider_names,
            path,
            read_from: file.read_from,
            bytes: file.bytes,
            input: index,
            flows_given: false,
        };
        let _reading = ReadingFile::start(&record.path);
        match prepare(&ctx, &mut record, &mut rates, &mut merger, &mut keep_open) {
            Ok(plan) => prepared.push(plan),
            Err(err) => {
                record.state = InputState::Unreadable(err.to_string());
                prepared.push(None);
            }
        }
        inputs.push(record);
    }
    let run = rates.run.clone().unwrap_or_else(|| "USD".to_string());
    sink.start(&run)?;
    for (index, (file, plan)) in files.iter().zip(prepared).enumerate() {
        let Some(mut plan) = plan else { continue };
        let ctx = FileCtx {
            opts,
            ruleset,
            provider_names: &provider_names,
            path: file.path,
            read_from: file.read_from,
            bytes: file.bytes,
            input: index,
            flows_given: merger.has_flows(),
        };
        let _reading = ReadingFile::start(&inputs[index].path.clone());
        let read = read_projects(&ctx, &mut plan, &mut inputs[index], &mut |row| {
            match row {
                TableRow::Project(draft) => {
                    if let Some(project) = merger.project(index, *draft) {
                        if let Err(err) = sink.project(project) {
                            return ControlFlow::Break(err);
                        }
                    }
                }
                TableRow::Rejected(rej) => merger.rejected.push((index, rej)),
                TableRow::Flow(..) => {}
            }
            ControlFlow::Continue(())
        });
        match read {
            Ok(ControlFlow::Continue(())) => {}
            Ok(ControlFlow::Break(err)) => return Err(err),
            Err(err) => {
                // Rows read before the damage stay scored or rejected.
                let input = &mut inputs[index];
                input.state = if input.rows_read > 0 {
                    InputState::Damaged(err.to_string())
                } else {
                    InputState::Unreadable(err.to_string())
                };
            }
        }
    }
    let (rejected, converted) = merger.finish(&mut inputs);
    rates.used = converted;
    let fx_used = rates
        .used
        .iter()
        .filter_map(|c| {
            rates.fx.get(c).map(|(rate, source)| FxRate {
                currency: c.clone(),
                rate: *rate,
                source: source.clone(),
            })
        })
        .collect();
    Ok(Intake {
        projects: Vec::new(),
        rejected,
        inputs,
        currency: run,
        fx_used,
        fx_rates: rates.fx,
    })
}
