//! Scenarios: named sets of shocks the ruleset applies to every project
//! (compute price up, benefit down or late, compute growing faster, the
//! largest provider gone), and what each does to a project's grade and to
//! the portfolio. Plain data; `rules::scenarios` applies and scores them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::finding::Status;
use super::ruleset::Grade;

/// One named scenario of the ruleset: its shocks, all applied together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The name `score --scenario` selects it by (`compute_up`).
    pub name: String,
    /// What people read (`compute +25%`).
    pub label: String,
    /// Compute price change, percent: every month's compute (upfront
    /// included) is multiplied by 1 + x / 100 from `compute_price_from_month`.
    #[serde(default)]
    pub compute_price_pct: f64,
    /// The project month (1 = the first) the price change starts in.
    #[serde(default = "first_month")]
    pub compute_price_from_month: u32,
    /// Benefit shortfall, percent: every month's benefit is multiplied by
    /// 1 − y / 100.
    #[serde(default)]
    pub benefit_cut_pct: f64,
    /// Whole months every benefit comes later: benefit'(m) = benefit(m − n).
    #[serde(default)]
    pub benefit_delay_months: u32,
    /// Percentage points added to the monthly compute growth
    /// (`compute_growth_pct`, percent per month).
    #[serde(default)]
    pub growth_points: f64,
    /// The largest infrastructure provider removed, its share moved to the
    /// next-largest (a single-provider project stays single).
    #[serde(default)]
    pub remove_largest_provider: bool,
}

fn first_month() -> u32 {
    1
}

/// One project under one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    /// The scenario's name.
    pub scenario: String,
    /// The grade under the scenario.
    pub grade: Grade,
    /// The ROI status under the scenario.
    pub status: Status,
    /// The total under the scenario.
    pub total: f64,
    /// The ratio under the scenario; `None` without compute.
    pub ratio: Option<f64>,
}

/// One scenario over the whole portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSummary {
    /// The scenario.
    pub scenario: Scenario,
    /// Projects per grade, every grade present.
    pub grades: BTreeMap<Grade, usize>,
    /// Projects whose roi check passes (validated) under the scenario.
    pub validated: usize,
    /// Σ compute over the horizon, all projects.
    pub compute_total: f64,
    /// Σ benefit over the horizon, all projects.
    pub benefit_total: f64,
    /// `benefit_total` / `compute_total`; `None` when compute is zero.
    pub ratio: Option<f64>,
    /// Projects the scenario breaks: their ROI status or grade is worse
    /// than on the plan.
    pub broken: usize,
}

/// Whether a scenario result is worse than the plan: a worse ROI status
/// or a worse grade.
#[must_use]
pub fn breaks(result: &ScenarioResult, plan_grade: Grade, plan_status: Status) -> bool {
    result.status < plan_status || result.grade > plan_grade
}
