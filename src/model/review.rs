//! The performance review of a project: its grade on what did happen (the
//! actual months replacing the plan, the rest re-forecast), beside the
//! plan's grade, with the variance between the two and whether it is on
//! track for the target. Plain data; `rules::review` computes it.

use serde::Serialize;

use super::finding::Finding;
use super::ruleset::Grade;
use super::scorecard::{GateApplied, Phase};

/// How the months after the actual ones are forecast (ruleset key
/// `reforecast`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reforecast {
    /// The remaining months follow the plan.
    #[default]
    Plan,
    /// The remaining months follow the plan scaled by the actual/plan run
    /// rate of the last three actual months.
    RunRate,
}

impl Reforecast {
    /// The ruleset's word for it.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Reforecast::Plan => "plan",
            Reforecast::RunRate => "run_rate",
        }
    }
}

/// What a month of the review series is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthBasis {
    /// A month complete by the as-of date with actual figures.
    Actual,
    /// A month that follows the plan.
    Plan,
    /// A month after the actual ones, the plan scaled by the run rate.
    RunRate,
}

/// One month of the review: the plan, the actual figures given, and what
/// the review grade used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewMonth {
    /// Month number, 1-based.
    pub month: u32,
    /// The plan's compute.
    pub plan_compute: f64,
    /// The plan's benefit.
    pub plan_benefit: f64,
    /// The actual compute of a month counted as actual, where given.
    pub actual_compute: Option<f64>,
    /// The actual benefit of a month counted as actual, where given.
    pub actual_benefit: Option<f64>,
    /// Compute as the review grade counts it.
    pub compute: f64,
    /// Benefit as the review grade counts it.
    pub benefit: f64,
    /// Σ benefit / Σ compute as counted, months 1 to this one; `None`
    /// while compute is zero.
    pub cumulative_ratio: Option<f64>,
    /// Whether the month is actual, plan or re-forecast.
    pub basis: MonthBasis,
    /// Why a month that is not actual stays plan, for a project the bills
    /// matched: not ended by the as-of date, or the bills incomplete in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_reason: Option<String>,
}

/// Actual against plan of one figure over the months that give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variance {
    /// Σ plan over those months.
    pub plan: f64,
    /// Σ actual over those months.
    pub actual: f64,
    /// actual − plan: above zero is more spent (compute) or gained (benefit).
    pub amount: f64,
    /// 100 · (actual − plan) / plan; `None` when the plan is zero.
    pub pct: Option<f64>,
    /// The months compared.
    pub months: Vec<u32>,
}

/// The actual/plan run rate the re-forecast scales the plan by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunRate {
    /// Σ compute as counted / Σ plan compute over `months`.
    pub compute: f64,
    /// Σ benefit as counted / Σ plan benefit over `months`.
    pub benefit: f64,
    /// The last (up to three) actual months it is measured over.
    pub months: Vec<u32>,
}

/// The review grade: the engine's checks, total, grade and gate on the
/// review series.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewGrade {
    /// Findings in checklist order, on the review series.
    pub findings: [Finding; 3],
    /// Weighted total, rounded as the plan's.
    pub total: f64,
    /// The letter grade, capped by a gate as the plan's.
    pub grade: Grade,
    /// The gate that capped it, if any.
    pub gate: Option<GateApplied>,
    /// Validated when the ROI check passes on this series.
    pub phase: Phase,
}

/// A project's review: present when it gives any actual figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The months counted as actual: complete by the as-of date, with a figure.
    pub actual_months: Vec<u32>,
    /// Actual months without `actual_benefit`: their benefit is the plan's.
    pub unverified_benefit: Vec<u32>,
    /// Actual months without actual compute: their compute is the plan's.
    pub unverified_compute: Vec<u32>,
    /// How the remaining months were forecast.
    pub reforecast: Reforecast,
    /// The run rate, under `reforecast = "run_rate"` with actual months.
    pub run_rate: Option<RunRate>,
    /// Compute actual against plan over the months with actual compute.
    pub compute_variance: Option<Variance>,
    /// Benefit actual against plan over the months with actual benefit.
    pub benefit_variance: Option<Variance>,
    /// Σ benefit / Σ compute of the review series over the horizon.
    pub ratio: Option<f64>,
    /// Whether that ratio meets the target with a quantified benefit (the
    /// review's ROI check passes); `None` without actual months.
    pub on_track: Option<bool>,
    /// The review grade; `None` when no month is actual.
    pub graded: Option<ReviewGrade>,
    /// The review series month by month, through the horizon or the last
    /// actual month if later; empty when no month is actual.
    pub months: Vec<ReviewMonth>,
    /// What the review had to leave out or assume, in words.
    pub notes: Vec<String>,
}

/// How the projects of a run (or a slice of it) stand on their actuals.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReviewCounts {
    /// Projects that give any actual figure.
    pub with_actuals: usize,
    /// Of those, projects with a review grade (some month actual).
    pub graded: usize,
    /// Of those, projects on track for the target by the horizon.
    pub on_track: usize,
    /// Review grades, best first.
    pub grades: std::collections::BTreeMap<Grade, usize>,
}

impl ReviewCounts {
    /// Counts one more project's review.
    pub fn add(&mut self, review: &Review) {
        self.with_actuals += 1;
        if let Some(graded) = &review.graded {
            self.graded += 1;
            *self.grades.entry(graded.grade).or_default() += 1;
        }
        if review.on_track == Some(true) {
            self.on_track += 1;
        }
    }
}
