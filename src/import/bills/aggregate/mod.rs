//! The bills as a warehouse summed them: the result of the query
//! `airoi bills-sql` writes, read into the same tally as the bills read row
//! by row, so [`BilledSpend`] and everything after it is the same either
//! way. The rows come from an [`AggregateSource`]: `CsvAggregate` reads
//! the CSV a warehouse exports, `ParquetAggregate` its Parquet (told by
//! the file's first bytes, `PAR1`, not its name).
//!
//! Each result row is one `record`: `settings` (the cost basis, tax rule
//! and AI service category the query was written for), `rule` (a
//! project's allocation rule and share, as the query applied them),
//! `charges` (a provider's rows and spend in a month and currency, by what
//! became of them), `bad` (rows the warehouse could not read), `project`,
//! `unallocated` and `conflict`. Amounts are in the bill currency; airoi
//! converts them with the run's rates.

use std::collections::HashMap;
use std::path::Path;

mod cells;
mod csv;
mod parquet;

use super::tally::Part;
use super::{BillsError, BillsOptions, ProjectAllocation, Reading, Request, finish, prepare};
use crate::model::ProviderDimension::{Infrastructure, ModelVendor};
use crate::model::{BadRow, BillFile, BilledSpend, RowPlace, YearMonth};
pub use csv::CsvAggregate;
pub use parquet::ParquetAggregate;

/// The columns of the query's result, in order.
pub const COLUMNS: [&str; 10] = [
    "record",
    "project_id",
    "month",
    "provider",
    "publisher",
    "service",
    "currency",
    "amount",
    "row_count",
    "detail",
];

/// Separates the project ids of a `conflict` record.
pub const PROJECT_SEPARATOR: char = '|';

/// One row of the query's result; empty text is `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AggregateRow {
    /// Where the row is, for messages (`file:line`, `file row N`).
    pub at: String,
    /// The row's line (a CSV) or 1-based row (Parquet) in the result.
    pub line: u64,
    /// Whether `line` counts lines or rows.
    pub place: RowPlace,
    /// What the row holds (`project`, `charges`, …).
    pub record: String,
    /// The project, for `project` and `rule` records.
    pub project_id: Option<String>,
    /// The calendar month, `2026-05`.
    pub month: Option<String>,
    /// `ProviderName` as billed.
    pub provider: Option<String>,
    /// `PublisherName` as billed, on AI services.
    pub publisher: Option<String>,
    /// `ServiceName` as billed, for `unallocated` records.
    pub service: Option<String>,
    /// `BillingCurrency`.
    pub currency: Option<String>,
    /// The sum, in the bill currency (a share, for `rule` records).
    pub amount: Option<f64>,
    /// Bill rows summed.
    pub rows: usize,
    /// The settings, a rule's text, a charge class or a conflict's projects.
    pub detail: Option<String>,
}

/// Rows of a query result, one at a time.
pub trait AggregateSource {
    /// The next row, `None` at the end, or why the result cannot be read.
    ///
    /// # Errors
    /// A row that cannot be read, with where it is.
    fn next_row(&mut self) -> Option<Result<AggregateRow, String>>;
}

/// Reads the query result named `named` at `path` (CSV or Parquet; the
/// same path but where `airoi verify` found it moved) into the run's
/// bills, as [`super::read_bills`] reads the bills themselves.
///
/// # Errors
/// A result that cannot be read, or one computed for other projects,
/// rules, cost basis or tax rule than the run's.
pub fn read_aggregate(
    named: &Path,
    path: &Path,
    projects: &[ProjectAllocation],
    options: &BillsOptions,
) -> Result<(BilledSpend, Vec<String>), BillsError> {
    let sha256 = crate::import::portfolio::sha256_file(path)
        .map_err(|e| BillsError::Aggregate(format!("{} cannot be read: {e}", path.display())))?;
    let mut source = open_source(named, path).map_err(BillsError::Aggregate)?;
    let (request, mut reading) = prepare(projects, options)?;
    let mut file = BillFile {
        path: named.display().to_string(),
        relative_path: None,
        sha256,
        rows: 0,
        rows_bad: 0,
        refused: None,
    };
    tally_rows(source.as_mut(), &request, &mut reading, &mut file)
        .map_err(BillsError::Aggregate)?;
    reading.files.push(file);
    Ok(finish(&request, reading, Vec::new(), options))
}

/// The rows of the result named `named` at `path`: the one place its
/// format is told, by its first bytes (`PAR1` opens a Parquet file),
/// whatever its name.
fn open_source(named: &Path, path: &Path) -> Result<Box<dyn AggregateSource>, String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4);
    std::fs::File::open(path)
        .and_then(|f| f.take(4).read_to_end(&mut head))
        .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    if head == b"PAR1" {
        Ok(Box::new(ParquetAggregate::open(named, path)?))
    } else {
        Ok(Box::new(CsvAggregate::open(named, path)?))
    }
}

/// Adds every row of `source` into `reading`, checking that the query was
/// written for this run's projects and rules.
fn tally_rows(
    source: &mut dyn AggregateSource,
    request: &Request,
    reading: &mut Reading,
    file: &mut BillFile,
) -> Result<(), String> {
    let index: HashMap<&str, u32> = request
        .projects
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| (id.as_str(), i as u32))
        .collect();
    let mut ruled = vec![false; request.projects.len()];
    let mut settings = false;
    while let Some(row) = source.next_row() {
        let row = row?;
        let at = &row.at;
        let amount = row.amount.unwrap_or(0.0);
        match row.record.as_str() {
            "settings" => {
                check_settings(&row, request)?;
                settings = true;
            }
            "rule" => {
                let i = project_of(&row, &index)?;
                check_rule(&row, &request.projects[i as usize])?;
                ruled[i as usize] = true;
            }
            "bad" if row.rows == 0 => {}
            "bad" => {
                file.rows += row.rows;
                file.rows_bad += row.rows;
                reading.bad_rows.count += row.rows;
                reading.bad_rows.first.push(BadRow {
                    file: file.path.clone(),
                    line: row.line,
                    place: row.place,
                    message: format!(
                        "{} bill rows have a ChargePeriodStart, cost or Tags the warehouse could not read",
                        row.rows
                    ),
                });
            }
            "charges" => {
                let month = month(&row)?;
                let provider = row.provider.as_deref().unwrap_or_default();
                let amount = amount * rate(&row, request, reading)?;
                file.rows += row.rows;
                reading.tally.saw(provider, month);
                let t = &mut reading.tally.totals;
                match row.detail.as_deref().unwrap_or_default() {
                    "counted" => t.spend += amount,
                    "counted_ai" => {
                        t.spend += amount;
                        t.ai_spend += amount;
                    }
                    "tax_excluded" => t.tax_excluded += amount,
                    "commitment_excluded" => t.commitment_purchases_excluded += amount,
                    other => return Err(format!("{at}: unknown charge class {other:?}")),
                }
            }
            "project" => {
                let i = project_of(&row, &index)?;
                let month = month(&row)?;
                let amount = amount * rate(&row, request, reading)?;
                let provider = row.provider.as_deref().unwrap_or_default();
                let provider = reading.id_of(Infrastructure, provider, request);
                let publisher = row
                    .publisher
                    .as_deref()
                    .map(|p| reading.id_of(ModelVendor, p, request));
                let part = Part {
                    month,
                    amount,
                    provider_id: &provider,
                    publisher_id: publisher.as_deref(),
                    rows: row.rows,
                };
                reading.tally.allocate(i, &part);
            }
            "unallocated" => {
                let amount = amount * rate(&row, request, reading)?;
                let provider = row.provider.as_deref().unwrap_or_default();
                let service = row.service.as_deref().unwrap_or_default();
                reading
                    .tally
                    .unallocated(provider, service, amount, row.rows);
            }
            "conflict" => {
                let amount = amount * rate(&row, request, reading)?;
                let mut projects = Vec::new();
                for id in row
                    .detail
                    .as_deref()
                    .unwrap_or_default()
                    .split(PROJECT_SEPARATOR)
                {
                    let Some(&i) = index.get(id.trim()) else {
                        return Err(format!("{at}: project {id:?} is not in this run"));
                    };
                    projects.push(i);
                }
                projects.sort_unstable();
                reading
                    .tally
                    .conflict(&projects, amount, row.rows, || at.clone());
            }
            other => return Err(format!("{at}: unknown record {other:?}")),
        }
    }
    if !settings {
        return Err(
            "the result has no settings row; it was not written by `airoi bills-sql`".into(),
        );
    }
    if let Some(i) = ruled.iter().position(|r| !r) {
        return Err(format!(
            "project {} is not in the query that made the result; write the query again with `airoi bills-sql` for this intake",
            request.projects[i].0
        ));
    }
    Ok(())
}

fn project_of(row: &AggregateRow, index: &HashMap<&str, u32>) -> Result<u32, String> {
    let id = row.project_id.as_deref().unwrap_or_default();
    index.get(id).copied().ok_or_else(|| {
        format!(
            "{}: project {id:?} is not in this run; write the query again with `airoi bills-sql` for this intake",
            row.at
        )
    })
}

fn month(row: &AggregateRow) -> Result<YearMonth, String> {
    let text = row.month.as_deref().unwrap_or_default();
    let parsed = text.split_once('-').and_then(|(y, m)| {
        let month = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(YearMonth {
            year: y.parse().ok()?,
            month,
        })
    });
    parsed.ok_or_else(|| format!("{}: month {text:?} is not YYYY-MM", row.at))
}

/// The rate from the row's currency into the run's, noting the currency.
fn rate(row: &AggregateRow, request: &Request, reading: &mut Reading) -> Result<f64, String> {
    let Some(code) = row.currency.as_deref().map(str::to_ascii_uppercase) else {
        return Ok(1.0);
    };
    if code.eq_ignore_ascii_case(request.currency) {
        return Ok(1.0);
    }
    let Some(rate) = request.fx.get(&code) else {
        return Err(format!(
            "{}: BillingCurrency {code} has no exchange rate into {}; add a `{code},RATE` row to the --fx table",
            row.at, request.currency
        ));
    };
    if !reading.currencies.contains(&code) {
        reading.currencies.push(code);
    }
    Ok(*rate)
}

/// The settings the query was written for, `cost_basis=effective;…`.
#[must_use]
pub fn settings_text(options: &crate::model::BillsRules, basis: crate::model::CostBasis) -> String {
    format!(
        "cost_basis={};include_tax={};ai_service_category={}",
        match basis {
            crate::model::CostBasis::Effective => "effective",
            crate::model::CostBasis::Billed => "billed",
        },
        options.include_tax,
        options.ai_service_category.to_lowercase()
    )
}

fn check_settings(row: &AggregateRow, request: &Request) -> Result<(), String> {
    let want = settings_text(&request.ruleset.bills, request.basis);
    let got = row.detail.as_deref().unwrap_or_default();
    if got.eq_ignore_ascii_case(&want) {
        Ok(())
    } else {
        Err(format!(
            "{}: the query was written for {got}, this run asks for {want}; write it again with this run's --cost-basis and --rules",
            row.at
        ))
    }
}

fn check_rule(row: &AggregateRow, project: &(String, String, Option<f64>)) -> Result<(), String> {
    let (id, rule, share) = project;
    let got = row.detail.as_deref().unwrap_or_default();
    let same_share = match (row.amount, share) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => false,
    };
    if got == rule && same_share {
        Ok(())
    } else {
        Err(format!(
            "{}: project {id}: the query allocated by `{got}` (share {:?}), this run's intake says `{rule}` (share {share:?}); write the query again with `airoi bills-sql`",
            row.at, row.amount
        ))
    }
}

#[cfg(test)]
mod tests;
