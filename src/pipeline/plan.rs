//! What a run is made from: the [`Plan`] the commands fill from their
//! flags or from a recorded run, and the [`BillsPlan`] of the cloud bills
//! to allocate. Plain data and the constructors that expand bill folders;
//! nothing is read here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::inputs::Expanded;
use crate::import::ImportOptions;
use crate::model::{CostBasis, RelativePaths, Ruleset, RulesetRecord, Scenario, SkippedFile};

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
    /// Files read from elsewhere than the path they are recorded by (path
    /// → where it is), for `airoi verify` of a run moved since; empty for
    /// a fresh run.
    pub read_from: BTreeMap<PathBuf, PathBuf>,
    /// Where the outputs take each input's relative path from; recorded
    /// ones come in `recorded_relative`, in input order.
    pub relative_paths: RelativePaths,
    /// Each input's relative path as an earlier run recorded it.
    pub recorded_relative: Vec<Option<String>>,
    /// The cloud bills to allocate to the projects, when given.
    pub bills: Option<BillsPlan>,
    /// The scenarios every project is re-scored under, in order.
    pub scenarios: Vec<Scenario>,
}

impl Plan {
    /// Where the file recorded as `path` is read from.
    #[must_use]
    pub fn located<'a>(&'a self, path: &'a Path) -> &'a Path {
        self.read_from.get(path).map_or(path, PathBuf::as_path)
    }
}

/// The bill files of a run and how to count them.
#[derive(Debug, Clone)]
pub struct BillsPlan {
    /// The files and folders as given.
    pub paths: Vec<PathBuf>,
    /// The files, folders expanded.
    pub files: Vec<PathBuf>,
    /// Files in the folders that are not bills.
    pub skipped: Vec<SkippedFile>,
    /// Which cost column counts.
    pub basis: CostBasis,
    /// Whether `paths` is one warehouse result of the `airoi bills-sql`
    /// query (`--bills-aggregate`) rather than the bills themselves.
    pub aggregate: bool,
    /// Each file's `relative_path` as a run recorded it (path → relative),
    /// for `airoi verify` to write the record again as it was.
    pub recorded_relative: BTreeMap<String, String>,
}

/// The plan of one warehouse result of the `airoi bills-sql` query.
#[must_use]
pub fn bills_aggregate_plan(path: PathBuf, basis: CostBasis) -> BillsPlan {
    BillsPlan {
        paths: vec![path.clone()],
        files: vec![path],
        skipped: Vec::new(),
        basis,
        aggregate: true,
        recorded_relative: BTreeMap::new(),
    }
}

/// The plan of the bills given as `paths` (files or folders), expanded.
///
/// # Errors
/// A path that does not exist or a folder that cannot be listed.
pub fn bills_plan(paths: Vec<PathBuf>, basis: CostBasis) -> anyhow::Result<BillsPlan> {
    let (files, skipped) = crate::import::bills::expand_bills(&paths)?;
    Ok(BillsPlan {
        paths,
        files,
        skipped,
        basis,
        aggregate: false,
        recorded_relative: BTreeMap::new(),
    })
}
