//! Reads every input of a run into one portfolio: projects in input order,
//! duplicates across files rejected naming the first place, cash flows
//! attached, and a record of each input.

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::decimal::DecimalConvention;
use super::error::SourceError;
use super::guard::ReadingFile;
use super::intake::{Collect, ImportOptions, Intake, IntakeSink};
use super::merge::Merger;
use super::open::AnySource;
use super::table::find::Table;
use super::table::read::{TableCtx, TableRow};
use super::table::row::Currency;
use super::values::ProviderNames;
use crate::model::{FxRate, InputRecord, InputState, Ruleset};

/// The run currency once decided, and every rate known so far with its source.
#[derive(Debug, Default)]
struct Rates {
    run: Option<String>,
    fx: BTreeMap<String, (f64, String)>,
    used: BTreeSet<String>,
}

/// What every table of one file is read with, and where the file is.
struct FileCtx<'a> {
    opts: &'a ImportOptions,
    ruleset: &'a Ruleset,
    provider_names: &'a ProviderNames,
    path: &'a Path,
    /// Where the file is read from when not at `path`.
    read_from: Option<&'a Path>,
    /// The file's bytes when they are already in memory.
    bytes: Option<&'a [u8]>,
    /// The file's place among the inputs.
    input: usize,
    /// Cash flows were read from some input (the second pass knows).
    flows_given: bool,
}

impl FileCtx<'_> {
    fn table<'a>(&'a self, decimal: &'a DecimalConvention) -> TableCtx<'a> {
        TableCtx {
            read: &self.opts.read,
            ruleset: self.ruleset,
            provider_names: self.provider_names,
            path: self.path,
            flows_given: self.flows_given,
            decimal,
        }
    }
}

/// SHA-256 of bytes as lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of a file's bytes, lower-case hex, read a block at a time (a
/// bill export may be larger than memory).
pub fn sha256_file(path: &std::path::Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

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

/// What the first pass learnt about a file for the second.
struct Prepared {
    currency: Currency,
    /// The projects tables, in sheet order and down each sheet.
    projects: Vec<Table>,
    /// The file, still open, when it was small enough to keep (see [`KEEP_OPEN`]).
    source: Option<AnySource>,
    /// Where in the file's notes those of the projects table belong (they
    /// came before the cash-flow tables' when one pass read everything).
    notes_at: usize,
    /// Where in the file's tables the projects table belongs, likewise.
    tables_at: usize,
    /// The file's decimal separator, decided from all its tables.
    decimal: DecimalConvention,
}

/// Input bytes the first pass may keep open for the second, over all files.
/// A run of many files reopens the ones past it rather than hold them all.
const KEEP_OPEN: u64 = 256 << 20;

/// Opens a file: its bytes, their SHA-256 and format, and a source over
/// them; and the file's size.
fn open(file: &FileCtx, record: &mut InputRecord) -> Result<(AnySource, u64), SourceError> {
    let limits = file.opts.limits;
    let bytes = match file.bytes {
        Some(bytes) => bytes.to_vec(),
        None => limits.read_file(file.read_from.unwrap_or(file.path))?,
    };
    // The second pass reads the file again; its hash is the first pass's.
    if record.sha256.is_empty() {
        record.sha256 = sha256_hex(&bytes);
    }
    let stem = file.path.file_stem().map_or_else(
        || "Sheet1".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let size = bytes.len() as u64;
    if let Some(output) = super::output::in_text(&bytes) {
        return Err(SourceError::AiroiOutput(output));
    }
    let (mut source, format, encoding) = super::open::open(bytes, &stem, limits)?;
    if let Some(output) = super::output::in_workbook(&mut source) {
        return Err(SourceError::AiroiOutput(output));
    }
    record.format = Some(format.name().to_string());
    let note = format!("decoded as {encoding}");
    if !encoding.is_empty() && encoding != "UTF-8" && !record.notes.contains(&note) {
        record.notes.push(note);
    }
    for note in source.notes() {
        if !record.notes.contains(&note) {
            record.notes.push(note);
        }
    }
    Ok((source, size))
}

/// The first pass over one file: settings, rates, tables, cash flows.
fn prepare(
    file: &FileCtx,
    record: &mut InputRecord,
    rates: &mut Rates,
    merger: &mut Merger,
    keep_open: &mut u64,
) -> Result<Option<Prepared>, SourceError> {
    let path = file.path;
    let (mut source, size) = open(file, record)?;
    let settings = super::settings::read_settings(&mut source)?.unwrap_or_default();
    let run = rates
        .run
        .get_or_insert_with(|| {
            settings
                .currency
                .clone()
                .unwrap_or_else(|| "USD".to_string())
        })
        .clone();
    for (code, rate, cell) in &settings.fx {
        let place = format!("{}:{cell}", path.display());
        match rates.fx.get(code) {
            None => {
                rates.fx.insert(code.clone(), (*rate, place));
            }
            Some((known, from)) if (known - rate).abs() > f64::EPSILON * known.abs() => {
                record.notes.push(format!(
                    "the {code} rate {rate} at {place} differs from {known} given by {from}; {known} is used"
                ));
            }
            Some(_) => {}
        }
    }
    let currency = Currency {
        code: run.clone(),
        fx: rates.fx.iter().map(|(c, (r, _))| (c.clone(), *r)).collect(),
        file_default: settings.currency.unwrap_or(run),
    };
    let tables =
        super::sheets::choose_tables(&mut source, file.opts.read.sheet.as_deref(), record)?;
    let decimal_comma = file.opts.read.decimal_comma;
    let decimal = super::decimal::decide::decide(
        &mut source,
        tables.projects.iter().chain(&tables.cash_flows),
        decimal_comma,
    );
    record.notes.extend(decimal.note(decimal_comma));
    let notes_at = record.notes.len();
    let tables_at = record.tables.len();
    let mut projects = tables.projects;
    super::sheets::read_flow_tables(
        &mut source,
        tables.cash_flows,
        &mut projects,
        &file.table(&decimal),
        &currency,
        record,
        &mut |row| {
            match row {
                TableRow::Flow(id, flow, values) => merger.add_flow(file.input, id, *flow, values),
                TableRow::Rejected(rej) => merger.rejected.push((file.input, rej)),
                TableRow::Project(_) => {}
            }
            ControlFlow::<Infallible>::Continue(())
        },
    )?;
    // Kept for the second pass when the budget allows: it saves reading,
    // unzipping and scanning the file again.
    let source = (!projects.is_empty() && size <= *keep_open).then(|| {
        *keep_open -= size;
        source
    });
    Ok(Some(Prepared {
        currency,
        projects,
        source,
        notes_at,
        tables_at,
        decimal,
    }))
}

/// The second pass over one file: its projects tables in order, row by
/// row, each row handed to `each`.
fn read_projects<B>(
    file: &FileCtx,
    plan: &mut Prepared,
    record: &mut InputRecord,
    each: &mut dyn FnMut(TableRow) -> ControlFlow<B>,
) -> Result<ControlFlow<B>, SourceError> {
    if plan.projects.is_empty() {
        return Ok(ControlFlow::Continue(()));
    }
    let mut source = match plan.source.take() {
        Some(source) => source,
        None => open(file, record)?.0,
    };
    // The projects tables' notes go where a single pass would have put them.
    let later = record.notes.split_off(plan.notes_at);
    let later_tables = record.tables.split_off(plan.tables_at);
    let read = super::sheets::read_project_tables(
        &mut source,
        std::mem::take(&mut plan.projects),
        &file.table(&plan.decimal),
        &plan.currency,
        record,
        each,
    );
    record.notes.extend(later);
    record.tables.extend(later_tables);
    read
}
