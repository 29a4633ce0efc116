//! The report's "Cloud bills" section, in a run given bills: each file
//! read with its SHA-256 and rows, the cost basis, which months are
//! actual and which stay plan, spend allocated to projects and
//! unallocated AI spend by provider, the unallocated AI spend by provider and service, projects
//! whose billed provider mix departs from the declared one, conflicts,
//! unmatched projects and the rows that could not be read.

use serde::Serialize;

use crate::export::bills_spend::{self, basis_words, month_span};
use crate::format;
use crate::model::GradedRun;
use crate::rules::review::words;

/// The section, formatted.
#[derive(Debug, Serialize)]
pub struct BillsView {
    pub cost_basis: &'static str,
    pub actual_months: String,
    /// `2026-03: no charges from Google Cloud`.
    pub plan_months: Vec<String>,
    pub files: Vec<BillFileView>,
    /// Files in the bill folders that were not read, with the reason.
    pub skipped: Vec<String>,
    pub providers: Vec<ProviderRow>,
    pub total: ProviderRow,
    /// The providers table's column titles: `Allocated to projects`,
    /// `Unallocated AI spend`.
    pub allocated_title: &'static str,
    pub unallocated_title: &'static str,
    /// What each of the two counts, under the table.
    pub spend_note: String,
    /// Unallocated AI spend by provider and service, largest first.
    pub unallocated: Vec<UnallocatedRow>,
    /// `FIN-002: billed provider mix differs from the declared by 35.6
    /// points: declared …, billed …`, as the console warns.
    pub mix_departures: Vec<String>,
    /// The ruleset's `bills.mix_gap_points`: `15`.
    pub mix_gap_points: String,
    /// `FIN-003, FIN-004: 250 in 1 row (first aws_bedrock.csv:10)`.
    pub conflicts: Vec<String>,
    /// `FIN-007: no bill row matches subaccount:999`.
    pub unmatched: Vec<String>,
    pub bad_rows: usize,
    /// The first bad rows: `file:line: message`.
    pub bad_first: Vec<String>,
}

/// One bill file read.
#[derive(Debug, Serialize)]
pub struct BillFileView {
    pub path: String,
    pub sha256: String,
    pub rows: String,
    pub rows_bad: String,
    /// `read`, or why the file was refused.
    pub state: String,
}

/// Spend of one provider (or the total).
#[derive(Debug, Serialize)]
pub struct ProviderRow {
    pub label: String,
    pub allocated: String,
    pub unallocated_ai: String,
    pub total: String,
}

/// Unallocated AI spend of one provider and service.
#[derive(Debug, Serialize)]
pub struct UnallocatedRow {
    pub provider: String,
    pub service: String,
    pub amount: String,
    pub rows: String,
}

/// The section of a run given bills; `None` otherwise.
pub fn bills_view(run: &GradedRun) -> Option<BillsView> {
    let bills = run.bills.as_ref()?;
    let rows = bills_spend::by_provider(bills, &run.ruleset);
    let row = |label: String, allocated: f64, unallocated_ai: f64| ProviderRow {
        label,
        allocated: format::money(allocated),
        unallocated_ai: format::money(unallocated_ai),
        total: format::money(allocated + unallocated_ai),
    };
    let total = row(
        "Total".into(),
        rows.iter().map(|r| r.allocated).sum(),
        rows.iter().map(|r| r.unallocated_ai).sum(),
    );
    let count = |n: usize| format::count(n as u64);
    Some(BillsView {
        cost_basis: basis_words(bills.cost_basis),
        actual_months: month_span(&bills.actual_months),
        plan_months: words::plan_months(bills),
        files: bills
            .files
            .iter()
            .map(|f| BillFileView {
                path: f.path.clone(),
                sha256: f.sha256.clone(),
                rows: count(f.rows),
                rows_bad: count(f.rows_bad),
                state: f
                    .refused
                    .as_ref()
                    .map_or_else(|| "read".into(), |why| format!("refused: {why}")),
            })
            .collect(),
        skipped: bills
            .skipped
            .iter()
            .map(|s| format!("{}: {}", s.path, s.reason))
            .collect(),
        providers: rows
            .into_iter()
            .map(|r| row(r.label, r.allocated, r.unallocated_ai))
            .collect(),
        total,
        allocated_title: words::ALLOCATED,
        unallocated_title: words::UNALLOCATED_AI,
        spend_note: words::spend_note(&run.ruleset.bills.ai_service_category),
        unallocated: bills
            .unallocated
            .iter()
            .map(|u| UnallocatedRow {
                provider: u.label.clone(),
                service: u.service.clone(),
                amount: format::money(u.amount),
                rows: count(u.rows),
            })
            .collect(),
        mix_departures: words::mix_departures(bills),
        mix_gap_points: format::number(run.ruleset.bills.mix_gap_points, 1),
        conflicts: bills
            .conflicts
            .iter()
            .map(|c| {
                format!(
                    "{}: {} in {} (first {})",
                    c.projects.join(", "),
                    format::money(c.amount),
                    format::counted(c.rows as u64, "row", "rows"),
                    c.first
                )
            })
            .collect(),
        unmatched: bills
            .unmatched
            .iter()
            .map(|u| format!("{}: no bill row matches {}", u.project_id, u.rule))
            .collect(),
        bad_rows: bills.bad_rows.count,
        bad_first: bills
            .bad_rows
            .first
            .iter()
            .map(|b| format!("{}: {}", b.at(), b.message))
            .collect(),
    })
}
