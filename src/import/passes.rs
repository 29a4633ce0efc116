//! The two passes over one input file: the first opens it (bytes, their
//! SHA-256, format), reads its settings and rates, decides its decimal separator and
//! reads its cash-flow tables; the second reads its projects tables row by
//! row, reopening the file only when it was too large to keep open.

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::ops::ControlFlow;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::decimal::DecimalConvention;
use super::error::SourceError;
use super::intake::ImportOptions;
use super::merge::Merger;
use super::open::AnySource;
use super::table::find::Table;
use super::table::read::{TableCtx, TableRow};
use super::table::row::Currency;
use super::values::ProviderNames;
use crate::model::{InputRecord, Ruleset};

/// The run currency once decided, and every rate known so far with its source.
#[derive(Debug, Default)]
pub(super) struct Rates {
    pub(super) run: Option<String>,
    pub(super) fx: BTreeMap<String, (f64, String)>,
    pub(super) used: BTreeSet<String>,
}

/// What every table of one file is read with, and where the file is.
pub(super) struct FileCtx<'a> {
    pub(super) opts: &'a ImportOptions,
    pub(super) ruleset: &'a Ruleset,
    pub(super) provider_names: &'a ProviderNames,
    pub(super) path: &'a Path,
    /// Where the file is read from when not at `path`.
    pub(super) read_from: Option<&'a Path>,
    /// The file's bytes when they are already in memory.
    pub(super) bytes: Option<&'a [u8]>,
    /// The file's place among the inputs.
    pub(super) input: usize,
    /// Cash flows were read from some input (the second pass knows).
    pub(super) flows_given: bool,
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

/// What the first pass learnt about a file for the second.
pub(super) struct Prepared {
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
pub(super) const KEEP_OPEN: u64 = 256 << 20;

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
pub(super) fn prepare(
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
        // Only what the file itself says: `verify` reads a file again with
        // the run currency given, and must describe it alike.
        file_default_from: if settings.currency.is_some() {
            "the file's Settings sheet".to_string()
        } else {
            String::new()
        },
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
pub(super) fn read_projects<B>(
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
