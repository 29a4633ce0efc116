//! Cloud bills: FOCUS cost-and-usage exports (CSV, CSV.gz or Parquet,
//! files or folders of them, as exports are partitioned) read in one pass and
//! allocated to the run's projects by their `cost_allocation` rules.
//!
//! - `focus` finds the FOCUS columns and reads a row (month, cost basis);
//! - `matcher` compiles the allocation rules and finds a row's projects;
//! - `tags` reads a row's `Tags`;
//! - `tally` keeps the sums and decides which months are actual;
//! - `read` reads one file into a tally;
//! - `aggregate` reads the same sums as a warehouse computed them with
//!   the query `airoi bills-sql` writes;
//! - `parquet` reads a Parquet file's columns for `read`.
//!
//! What comes back is [`BilledSpend`]: plain data for the scoring on
//! actuals and the outputs. Memory grows with projects × months; no row
//! is kept.

mod aggregate;
mod focus;
mod matcher;
mod misplaced;
mod parquet;
mod read;
mod tags;
mod tally;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::import::providers::{NameTable, ProviderNames};
use crate::model::{
    AllocationRule, BadRows, BillFile, BilledSpend, CostBasis, ProviderDimension, Ruleset,
    SkippedFile,
};
use matcher::Matcher;
use tally::Tally;

pub use aggregate::{
    AggregateRow, AggregateSource, COLUMNS as AGGREGATE_COLUMNS, CsvAggregate, PROJECT_SEPARATOR,
    read_aggregate, settings_text,
};
pub use misplaced::intake_among_bills;

/// A project as the bills see it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectAllocation {
    /// The project's id.
    pub project_id: String,
    /// Its `cost_allocation` as written; `None` takes the ruleset's default.
    pub rule: Option<String>,
    /// Its `allocation_share`, in percent.
    pub share: Option<f64>,
}

/// What a bill reading needs from the run.
#[derive(Debug, Clone, Copy)]
pub struct BillsOptions<'a> {
    /// Which cost column counts.
    pub basis: CostBasis,
    /// The run's as-of date: months over by then may be actual.
    pub as_of: NaiveDate,
    /// The run currency.
    pub currency: &'a str,
    /// Rates into the run currency, by ISO 4217 code.
    pub fx: &'a BTreeMap<String, f64>,
    /// The run's ruleset (`[bills]`, provider names).
    pub ruleset: &'a Ruleset,
}

/// Why bills could not be read at all (a single file that cannot is
/// refused and listed instead).
#[derive(Debug, thiserror::Error)]
pub enum BillsError {
    /// A path given with `--bills` does not exist.
    #[error("--bills {0}: no such file or folder")]
    Missing(String),
    /// A folder could not be listed.
    #[error("--bills: reading the folder {path}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A warehouse's result of the `airoi bills-sql` query that cannot be
    /// read, or that was computed for other projects or settings.
    #[error("--bills-aggregate: {0}")]
    Aggregate(String),
    /// A project's allocation rule does not read (checked on import, so only
    /// for callers that skip the import).
    #[error("project {project_id}: cost_allocation {rule:?} {why}")]
    Rule {
        /// The project.
        project_id: String,
        /// The rule.
        rule: String,
        /// What is wrong with it.
        why: String,
    },
}

/// The request, with the rules as text and the names to read providers.
struct Request<'a> {
    basis: CostBasis,
    currency: &'a str,
    fx: &'a BTreeMap<String, f64>,
    ruleset: &'a Ruleset,
    names: ProviderNames,
    /// Each project's id, rule and share, in project order.
    projects: Vec<(String, String, Option<f64>)>,
}

/// A reading in progress.
struct Reading {
    tally: Tally,
    files: Vec<BillFile>,
    bad_rows: BadRows,
    matcher: Matcher,
    /// `ProviderName` → provider id, and `PublisherName` → model vendor id,
    /// each name read through the ruleset once.
    provider_ids: HashMap<String, String>,
    publisher_ids: HashMap<String, String>,
    /// Bill currencies converted into the run currency.
    currencies: Vec<String>,
}

impl Reading {
    /// The id of a provider (`Infrastructure`) or model vendor name.
    fn id_of(&mut self, dimension: ProviderDimension, name: &str, request: &Request) -> String {
        let ids = match dimension {
            ProviderDimension::Infrastructure => &mut self.provider_ids,
            ProviderDimension::ModelVendor => &mut self.publisher_ids,
        };
        cached_id(ids, request.names.table(dimension), name).to_string()
    }
}

/// The id of a provider or model vendor name in `ids`, read through
/// `table` the first time the name is seen; borrowed, so a bill row costs
/// no allocation.
fn cached_id<'m>(ids: &'m mut HashMap<String, String>, table: &NameTable, name: &str) -> &'m str {
    if !ids.contains_key(name) {
        ids.insert(name.to_string(), matcher::provider_id(table, name));
    }
    &ids[name]
}

/// The bill files `paths` name: files as given, folders searched through
/// their subfolders for `.csv`, `.csv.gz` and `.parquet` files in path order; other
/// files there are passed over, with the reason.
///
/// # Errors
/// A path that does not exist, or a folder that cannot be listed.
pub fn expand_bills(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<SkippedFile>), BillsError> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut skipped)?;
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            return Err(BillsError::Missing(path.display().to_string()));
        }
    }
    Ok((files, skipped))
}

fn walk(
    folder: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<SkippedFile>,
) -> Result<(), BillsError> {
    let listing = std::fs::read_dir(folder).map_err(|source| BillsError::Folder {
        path: folder.display().to_string(),
        source,
    })?;
    let mut entries: Vec<PathBuf> = listing.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, skipped)?;
        } else if is_bill_name(&name) {
            files.push(path);
        } else {
            skipped.push(SkippedFile {
                path: path.display().to_string(),
                reason: "not a .csv, .csv.gz or .parquet file".to_string(),
            });
        }
    }
    Ok(())
}

/// Whether a file name (in lower case) is a CSV, CSV.gz or Parquet export's.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
fn is_bill_name(lower: &str) -> bool {
    lower.ends_with(".csv") || lower.ends_with(".csv.gz") || lower.ends_with(".parquet")
}

/// Reads the bill files and allocates their charges to `projects`.
/// A file named in `read_from` is read from where it says (`airoi verify`
/// found it moved) and still recorded by its name. Bill currencies
/// converted are returned beside the spend, for the run record.
///
/// # Errors
/// A project's rule that does not read (the import checks them first).
pub fn read_bills(
    files: &[PathBuf],
    read_from: &BTreeMap<PathBuf, PathBuf>,
    skipped: Vec<SkippedFile>,
    projects: &[ProjectAllocation],
    options: &BillsOptions,
) -> Result<(BilledSpend, Vec<String>), BillsError> {
    let (request, mut reading) = prepare(projects, options)?;
    for file in files {
        let from = read_from.get(file).map_or(file.as_path(), PathBuf::as_path);
        read::read_file(file, from, &request, &mut reading);
    }
    Ok(finish(&request, reading, skipped, options))
}

/// Each project's rule read, and a reading ready to tally.
fn prepare<'a>(
    projects: &[ProjectAllocation],
    options: &BillsOptions<'a>,
) -> Result<(Request<'a>, Reading), BillsError> {
    let default = &options.ruleset.bills.default_allocation;
    let mut rules = Vec::with_capacity(projects.len());
    let mut listed = Vec::with_capacity(projects.len());
    for p in projects {
        let text = p
            .rule
            .clone()
            .unwrap_or_else(|| default.replace("{project_id}", &p.project_id));
        let rule = AllocationRule::parse(&text, &p.project_id).map_err(|why| BillsError::Rule {
            project_id: p.project_id.clone(),
            rule: text.clone(),
            why,
        })?;
        listed.push((p.project_id.clone(), rule.to_string(), p.share));
        rules.push(rule);
    }
    let names = ProviderNames::new(options.ruleset);
    let request = Request {
        basis: options.basis,
        currency: options.currency,
        fx: options.fx,
        ruleset: options.ruleset,
        projects: listed,
        names,
    };
    let reading = Reading {
        tally: Tally::default(),
        files: Vec::new(),
        bad_rows: BadRows::default(),
        matcher: Matcher::new(
            &rules,
            request.names.table(ProviderDimension::Infrastructure),
        ),
        provider_ids: HashMap::new(),
        publisher_ids: HashMap::new(),
        currencies: Vec::new(),
    };
    Ok((request, reading))
}

/// The spend a finished reading found, and the bill currencies converted.
fn finish(
    request: &Request,
    reading: Reading,
    skipped: Vec<SkippedFile>,
    options: &BillsOptions,
) -> (BilledSpend, Vec<String>) {
    let billed_names = billed_names(request, &reading);
    let mut tally = reading.tally;
    // A bill's provider for people: the ruleset's label, else the bill's text.
    let label = |provider: &str| {
        let id = matcher::provider_id(
            request.names.table(ProviderDimension::Infrastructure),
            provider,
        );
        request
            .ruleset
            .providers
            .get(&id)
            .map_or_else(|| provider.to_owned(), |known| known.label.clone())
    };
    let (actual_months, plan_months) = tally.completeness(options.as_of, label);
    let (per_project, unmatched) = tally.per_project(&request.projects);
    let mut unallocated = tally.unallocated_list();
    for u in &mut unallocated {
        u.label = label(&u.provider);
    }
    let spend = BilledSpend {
        cost_basis: options.basis,
        currency: options.currency.to_string(),
        providers: tally.months.keys().cloned().collect(),
        billed_names,
        unallocated,
        conflicts: tally.conflict_list(&request.projects),
        files: reading.files,
        skipped,
        actual_months,
        plan_months,
        per_project,
        unmatched,
        bad_rows: reading.bad_rows,
        totals: tally.totals,
    };
    let mut currencies = reading.currencies;
    currencies.sort();
    (spend, currencies)
}

/// The ids the ruleset does not know, of providers and model vendors the
/// bills name, each with the name a bill wrote (the first in order, where
/// bills spell one differently).
fn billed_names(
    request: &Request,
    reading: &Reading,
) -> BTreeMap<(ProviderDimension, String), String> {
    let mut out = BTreeMap::new();
    for (dimension, ids) in [
        (ProviderDimension::Infrastructure, &reading.provider_ids),
        (ProviderDimension::ModelVendor, &reading.publisher_ids),
    ] {
        let table = request.ruleset.provider_table(dimension);
        let mut names: Vec<(&String, &String)> = ids
            .iter()
            .filter(|(name, id)| !name.trim().is_empty() && table.get(id.as_str()).is_none())
            .collect();
        names.sort();
        for (name, id) in names {
            out.entry((dimension, id.clone()))
                .or_insert_with(|| name.trim().to_string());
        }
    }
    out
}

/// The `ProviderName`s, in lower case, that a rule's `provider:NAME` holds
/// for: every name the ruleset gives the same provider (id, label,
/// aliases), or the name itself for a provider the ruleset lacks. The
/// query `airoi bills-sql` writes compares bills against these.
#[must_use]
pub fn provider_spellings(ruleset: &Ruleset, name: &str) -> Vec<String> {
    let names = ProviderNames::new(ruleset);
    let id = matcher::provider_id(names.table(ProviderDimension::Infrastructure), name);
    let mut out = vec![name.trim().to_lowercase(), id.clone(), id.replace('_', " ")];
    if let Some(known) = ruleset.providers.get(&id) {
        out.push(known.label.to_lowercase());
        out.extend(known.aliases.iter().map(|a| a.to_lowercase()));
    }
    out.sort();
    out.dedup();
    out
}
