//! What the cloud bills of a run say, per project: the FOCUS spend each
//! project's allocation rule found, by calendar month and provider, which
//! months the bills hold in full, and the spend no project claims. Plain
//! data, read by `import::bills` and consumed by the scoring on actuals and
//! the outputs.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

use super::{ProviderDimension, Ruleset};

/// A calendar month, `2026-05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The calendar year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl YearMonth {
    /// The month after this one.
    #[must_use]
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Which FOCUS cost column counts as a charge's cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum CostBasis {
    /// `EffectiveCost`: amortised, commitments spread over the usage they
    /// cover; the commitment purchases themselves are left out, so nothing
    /// is counted twice.
    #[default]
    Effective,
    /// `BilledCost`: what the invoice says, every purchase included.
    Billed,
}

impl CostBasis {
    /// The FOCUS column the basis reads.
    #[must_use]
    pub fn column(self) -> &'static str {
        match self {
            CostBasis::Effective => "EffectiveCost",
            CostBasis::Billed => "BilledCost",
        }
    }
}

/// What one project's allocation found in the bills.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ProjectBills {
    /// The allocation rule, as written or as the ruleset's default gives it.
    pub rule: String,
    /// The project's share of charges it shares with others, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation_share: Option<f64>,
    /// Spend allocated to the project by calendar month of
    /// `ChargePeriodStart` (UTC), in the run currency; months not in
    /// [`BilledSpend::actual_months`] are incomplete.
    pub months: BTreeMap<YearMonth, f64>,
    /// The same spend by infrastructure provider (`ProviderName`, read
    /// through the ruleset's provider names): the billed provider mix.
    pub by_provider: BTreeMap<String, f64>,
    /// Spend on AI services by model vendor (`PublisherName`, read through
    /// the ruleset's model-vendor names).
    pub by_publisher: BTreeMap<String, f64>,
    /// Bill rows that counted (wholly or in part) towards the project.
    pub matched_rows: usize,
    /// What the bills gave the project's review, once it is scored (the
    /// JSON carries it in the project's `review.bills`).
    #[serde(skip)]
    pub review: Option<super::BilledActuals>,
}

impl ProjectBills {
    /// Every month's spend added up.
    #[must_use]
    pub fn total(&self) -> f64 {
        self.months.values().sum()
    }
}

/// One bill file a run read, as the run record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillFile {
    /// The path as found.
    pub path: String,
    /// In a run record, the path relative to the output's folder, for
    /// `airoi verify` to find a bill moved with the output (as inputs'
    /// `relative_path`); absent where the two share no folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_path: Option<String>,
    /// SHA-256 of the file's bytes as stored (compressed, for `.csv.gz`).
    pub sha256: String,
    /// Data rows read below the header.
    pub rows: usize,
    /// Rows that could not be read (unparsable period or cost).
    pub rows_bad: usize,
    /// Why the file was refused whole, when it was; its rows count nowhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// A file in a bill folder that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// The path as found.
    pub path: String,
    /// Why it was passed over.
    pub reason: String,
}

/// A month the bills hold some charges in but which stays plan, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanMonth {
    /// The month.
    pub month: YearMonth,
    /// Why it is not actual: not ended by the as-of date, or a provider
    /// with no charges in it.
    pub reason: String,
}

/// AI spend no project's allocation matches, for one provider and service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnallocatedSpend {
    /// `ProviderName` as billed.
    pub provider: String,
    /// The provider as airoi names it elsewhere (the ruleset's label,
    /// `Azure`), or the billed name where the ruleset has no such provider.
    pub label: String,
    /// `ServiceName` as billed.
    pub service: String,
    /// The spend, in the run currency.
    pub amount: f64,
    /// Bill rows it adds up.
    pub rows: usize,
}

/// Charges that match several projects that do not all declare an
/// `allocation_share`: counted to none of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The projects the charges match, in id order.
    pub projects: Vec<String>,
    /// The spend, in the run currency.
    pub amount: f64,
    /// Bill rows it adds up.
    pub rows: usize,
    /// The first such row, `file:line`.
    pub first: String,
}

/// A project whose allocation matches no bill row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    /// The project.
    pub project_id: String,
    /// Its allocation rule.
    pub rule: String,
}

/// How a file's rows are counted where a message points at one: a CSV's
/// by the line a row starts on, a Parquet file's by its 1-based row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowPlace {
    /// A text file's line.
    #[default]
    Line,
    /// A Parquet file's row.
    Row,
}

impl RowPlace {
    /// Where row `n` of `file` is, as messages say it: `bill.csv:7` for a
    /// line, `bill.parquet row 7` for a row.
    #[must_use]
    pub fn at(self, file: &str, n: u64) -> String {
        match self {
            RowPlace::Line => format!("{file}:{n}"),
            RowPlace::Row => format!("{file} row {n}"),
        }
    }
}

/// A bill row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// The file.
    pub file: String,
    /// The 1-based line the row starts on (a Parquet file's 1-based row).
    pub line: u64,
    /// Whether `line` counts lines or Parquet rows.
    #[serde(skip)]
    pub place: RowPlace,
    /// What is wrong.
    pub message: String,
}

impl BadRow {
    /// Where the row is, as messages say it.
    #[must_use]
    pub fn at(&self) -> String {
        self.place.at(&self.file, self.line)
    }
}

/// Bill rows that could not be read: the first few in full, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct BadRows {
    /// Every bad row of every file.
    pub count: usize,
    /// The first ones.
    pub first: Vec<BadRow>,
}

/// Spend in every bill row read, by what became of it, in the run currency.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct BillTotals {
    /// Every counted charge (after the cost basis and tax rule).
    pub spend: f64,
    /// The part in `ServiceCategory` "AI and Machine Learning".
    pub ai_spend: f64,
    /// The part allocated to projects.
    pub allocated: f64,
    /// AI spend matching no project.
    pub unallocated_ai: f64,
    /// Spend matching several projects without shares.
    pub conflicts: f64,
    /// Tax left out (the ruleset's `bills.include_tax` is off).
    pub tax_excluded: f64,
    /// Commitment purchases left out under the effective cost basis, at
    /// their `BilledCost`.
    pub commitment_purchases_excluded: f64,
}

/// What the run record keeps of a run's bills, so `airoi verify` reads
/// the same files again and checks their hashes and row counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillsRecord {
    /// Which cost column counted.
    pub cost_basis: CostBasis,
    /// Whether the run read a warehouse's result of the `airoi bills-sql`
    /// query (`--bills-aggregate`, the one path) instead of the bills.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub aggregate: bool,
    /// The files and folders given (`--bills`), as given.
    pub paths: Vec<String>,
    /// The files read, in order.
    pub files: Vec<BillFile>,
}

/// The cloud bills of a run, read and allocated to its projects.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct BilledSpend {
    /// Which cost column counted.
    pub cost_basis: CostBasis,
    /// Every amount is in this currency (the run's).
    pub currency: String,
    /// The files read, in path order.
    pub files: Vec<BillFile>,
    /// Files found in the bill folders that are not bills, with the reason.
    pub skipped: Vec<SkippedFile>,
    /// The providers the bills hold charges from (`ProviderName`).
    pub providers: Vec<String>,
    /// Provider and model vendor ids the ruleset does not know, each with
    /// the name a bill gave it (`ProviderName`, `PublisherName`): how the
    /// billed mixes show them (`Nebius`, not `nebius`). Evidence stays in
    /// the ids; this is only for people.
    #[serde(skip)]
    pub billed_names: BTreeMap<(ProviderDimension, String), String>,
    /// Months complete by the as-of date with charges from every provider:
    /// the months that count as actual.
    pub actual_months: Vec<YearMonth>,
    /// Months with some charges that stay plan, with the reason.
    pub plan_months: Vec<PlanMonth>,
    /// The spend each project's allocation found, by project id.
    pub per_project: BTreeMap<String, ProjectBills>,
    /// Projects whose allocation matches no bill row (one whose rows are
    /// all in conflicts is named there instead).
    pub unmatched: Vec<Unmatched>,
    /// AI spend that matches no project, largest first.
    pub unallocated: Vec<UnallocatedSpend>,
    /// Charges that match several projects without shares.
    pub conflicts: Vec<Conflict>,
    /// Rows that could not be read.
    pub bad_rows: BadRows,
    /// The spend, by what became of it.
    pub totals: BillTotals,
}

impl BilledSpend {
    /// How people read a provider or model vendor id the bills hold: the
    /// ruleset's label, else the name as billed, else the id.
    #[must_use]
    pub fn label<'a>(
        &'a self,
        ruleset: &'a Ruleset,
        dimension: ProviderDimension,
        id: &'a str,
    ) -> &'a str {
        match ruleset.provider_table(dimension).get(id) {
            Some(known) => known.label.as_str(),
            None => self
                .billed_names
                .get(&(dimension, id.to_string()))
                .map_or(id, String::as_str),
        }
    }

    /// Whether every bill file was read whole and every row was readable.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.bad_rows.count == 0 && self.files.iter().all(|f| f.refused.is_none())
    }
}
