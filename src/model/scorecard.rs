//! The engine's output: every project's findings, total, grade and phase,
//! and the portfolio figures.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Project;
use super::finding::{CheckId, Finding, Status};
use super::project::{Share, Stage};
use super::ruleset::Grade;

/// Validated when the ROI check passes, speculative otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Phase {
    /// The ROI check passes: the returns are demonstrated.
    Validated,
    /// The ROI check does not pass: the returns are still a bet.
    Speculative,
}

/// A gate that capped a project's grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateApplied {
    /// Ruleset key (`max_grade_if_fail`).
    pub key: &'static str,
    /// The grade the bands alone gave.
    pub from: Grade,
    /// The grade after the cap.
    pub to: Grade,
}

impl GateApplied {
    /// Why the grade was capped, in words for people (the ruleset key is
    /// for the ruleset): `the ROI check warns`.
    #[must_use]
    pub fn because(&self) -> &'static str {
        if self.key == "max_grade_if_warn" {
            "the ROI check warns"
        } else {
            "the ROI check fails"
        }
    }

    /// The cap in words: `A → B: the ROI check warns`.
    #[must_use]
    pub fn describe(&self) -> String {
        format!(
            "{} → {}: {}",
            self.from.letter(),
            self.to.letter(),
            self.because()
        )
    }
}

/// One project's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectScore {
    /// The project as read.
    pub project: Project,
    /// Findings in checklist order: roi, diversification, agentic.
    pub findings: [Finding; 3],
    /// Weighted total of the rounded scores, rounded to one decimal.
    pub total: f64,
    /// The letter grade: the total's band, capped by a gate if one applied.
    pub grade: Grade,
    /// The gate that capped the grade, if any.
    pub gate: Option<GateApplied>,
    /// Whether the project's returns are validated or speculative.
    pub phase: Phase,
    /// The review on actual figures, when the project gives any.
    pub review: Option<super::Review>,
    /// How far its inputs can move before the ROI status changes, and
    /// whether its grade is fragile.
    pub margins: super::Margins,
    /// The simulated odds of reaching the target; `None` under
    /// `--no-simulation` or when the ratio cannot be drawn.
    pub simulation: Option<super::ProjectSimulation>,
    /// The project under each scenario of the run, in the run's order;
    /// empty when the run has none.
    pub scenarios: Vec<super::ScenarioResult>,
}

impl ProjectScore {
    /// The worst grade among the plan's and the scenarios'.
    #[must_use]
    pub fn worst_grade(&self) -> Grade {
        self.scenarios
            .iter()
            .map(|r| r.grade)
            .fold(self.grade, Grade::max)
    }

    /// The first scenario (its index in the run's list) under which the
    /// ROI status or the grade is worse than on the plan.
    #[must_use]
    pub fn broken_by(&self) -> Option<usize> {
        let plan = self.finding(CheckId::Roi).status;
        self.scenarios
            .iter()
            .position(|r| super::breaks(r, self.grade, plan))
    }

    /// The finding of one check.
    #[must_use]
    pub fn finding(&self, check: CheckId) -> &Finding {
        &self.findings[check as usize]
    }
}

/// How many projects pass, warn and fail one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StatusCounts {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
}

impl StatusCounts {
    /// Counts one more status.
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Warn => self.warn += 1,
            Status::Fail => self.fail += 1,
        }
    }
}

/// Portfolio figures for a whole run or one slice of it (a business unit, a stage).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PortfolioFigures {
    /// Projects scored.
    pub projects: usize,
    /// Σ compute over the horizon, all projects.
    pub compute_total: f64,
    /// Σ benefit over the horizon, all projects.
    pub benefit_total: f64,
    /// `benefit_total` / `compute_total`; `None` when compute is zero.
    pub ratio: Option<f64>,
    /// HHI of the compute-weighted infrastructure shares; `None` when compute is zero.
    pub hhi: Option<f64>,
    /// Compute-weighted infrastructure mix, largest first.
    pub provider_mix: Vec<Share>,
    pub grades: BTreeMap<Grade, usize>,
    pub checks: BTreeMap<CheckId, StatusCounts>,
    /// Projects whose ROI check passes.
    pub validated: usize,
    pub speculative: usize,
    /// Projects whose agentic check passes.
    pub agentic: usize,
    /// Projects whose agentic check fails.
    pub chatbot: usize,
    /// How the projects with actual figures stand on them.
    pub reviews: super::ReviewCounts,
}

/// The whole scorecard of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// Projects in input order.
    pub projects: Vec<ProjectScore>,
    pub portfolio: PortfolioFigures,
    pub by_business_unit: BTreeMap<String, PortfolioFigures>,
    pub by_stage: BTreeMap<Option<Stage>, PortfolioFigures>,
    /// The simulated odds over the portfolio; `None` under `--no-simulation`.
    pub simulation: Option<super::PortfolioSimulation>,
    /// Each scenario of the run over the whole portfolio, in the run's
    /// order; empty when the run has none.
    pub scenarios: Vec<super::ScenarioSummary>,
}

/// Everything an exporter renders: the run record, the scorecard, the
/// rejected rows and the effective ruleset.
#[derive(Debug, Clone)]
pub struct GradedRun {
    pub run: super::RunRecord,
    pub ruleset: super::Ruleset,
    pub scorecard: Scorecard,
    pub rejected: Vec<super::RejectedRow>,
    /// Business units expected (`--expect`) that sent no project; `None`
    /// when no list was given.
    pub missing_units: Option<Vec<String>>,
    /// What moved since the baseline run (`--baseline`), when one was given.
    pub changes: Option<super::Changes>,
    /// The cloud bills allocated to the projects (`--bills`), when given.
    pub bills: Option<super::BilledSpend>,
}
