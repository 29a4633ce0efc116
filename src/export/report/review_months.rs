//! The report's appendix of plan and actual by month: for each project
//! with actual months, every month of its review series: actual or plan,
//! with the note of the Actuals sheet (why a month the bills reach stays
//! plan, or an actual month's benefit unverified), the plan, the actual
//! figures given and the cumulative ratio.
//!
//! A project's section keeps to its page budget: its plan-against-actual
//! block shows the variance table and the chart, and links here, where a
//! row per month has room.

use std::sync::Arc;

use serde::Serialize;

use super::appendix::Appendix;
use crate::format;
use crate::model::{GradedRun, ProjectScore};
use crate::rules::review::words;

/// One month, formatted; a figure not given is empty.
#[derive(Debug, Serialize)]
pub struct MonthRow {
    pub month: u32,
    /// `2026-01`; empty without a start date.
    pub calendar: String,
    /// `actual`, `plan` or `run rate`.
    pub basis: &'static str,
    /// Why a month the bills reach stays plan, or which figures of an
    /// actual month are the plan's; empty otherwise.
    pub note: String,
    pub plan_compute: String,
    pub actual_compute: String,
    pub plan_benefit: String,
    pub actual_benefit: String,
    pub cumulative_ratio: String,
}

/// Appendix D: the projects with review months, each with its months.
pub fn review_month_projects(run: &Arc<GradedRun>) -> Appendix<MonthRow> {
    Appendix::new(
        run,
        |s| s.review.as_ref().is_some_and(|r| !r.months.is_empty()),
        months,
    )
}

/// A project's months of plan and actual, formatted.
fn months(score: &ProjectScore) -> Option<Vec<MonthRow>> {
    let review = score.review.as_ref()?;
    let actuals = score.project.actuals.as_ref();
    let money = |x: Option<f64>| x.map_or_else(String::new, format::money);
    let rows = review
        .months
        .iter()
        .map(|m| MonthRow {
            month: m.month,
            calendar: actuals
                .and_then(|a| a.calendar(m.month))
                .map_or_else(String::new, |d| d.format("%Y-%m").to_string()),
            basis: words::basis_word(m.basis),
            note: words::month_note(review, m, actuals).unwrap_or_default(),
            plan_compute: format::money(m.plan_compute),
            actual_compute: money(m.actual_compute),
            plan_benefit: format::money(m.plan_benefit),
            actual_benefit: money(m.actual_benefit),
            cumulative_ratio: m
                .cumulative_ratio
                .map_or_else(String::new, |r| format::ratio(r, 2)),
        })
        .collect();
    Some(rows)
}
