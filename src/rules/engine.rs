//! The engine: findings → total → grade (with gates) → phase, per project
//! (on the plan, and on actuals where a project gives them), and the
//! scorecard of a whole portfolio. Pure: same projects and ruleset,
//! same scorecard.

use crate::model::{
    GateApplied, Grade, GradeBands, Phase, Project, ProjectScore, ReviewGrade, Ruleset, Status,
};

use super::finance::{ge, round1};
use super::{RULES, Series};

/// Scores every project and sums the portfolio figures, projects in input
/// order: the whole-portfolio reference the tests hold the streamed path
/// (`score_project_with` and `PortfolioAccumulator`, one project at a time)
/// to.
#[cfg(test)]
#[must_use]
pub fn score(projects: Vec<Project>, ruleset: &Ruleset) -> crate::model::Scorecard {
    let mut buffer = Series::default();
    let mut portfolio = super::PortfolioAccumulator::new();
    let mut scored = Vec::with_capacity(projects.len());
    for project in projects {
        let score = score_project_with(project, ruleset, &mut buffer);
        portfolio.add(&score);
        scored.push(score);
    }
    let breakdown = portfolio.finish();
    crate::model::Scorecard {
        projects: scored,
        portfolio: breakdown.portfolio,
        by_business_unit: breakdown.by_business_unit,
        by_stage: breakdown.by_stage,
        simulation: None,
        scenarios: Vec::new(),
    }
}

/// Scores one project: the three findings, the total, the grade, the gate
/// that capped it (if any) and the phase.
#[cfg(test)]
#[must_use]
pub fn score_project(project: Project, ruleset: &Ruleset) -> ProjectScore {
    score_project_with(project, ruleset, &mut Series::default())
}

/// Scores one project: the three findings, the total, the grade, the gate
/// that capped it (if any) and the phase.
///
/// `buffer` holds the project's monthly series while its checks run; reuse
/// one across calls, so scoring a long stream of projects does not allocate
/// a fresh series for each. Same project and ruleset, same score, whatever
/// the buffer held before.
#[must_use]
pub fn score_project_with(
    project: Project,
    ruleset: &Ruleset,
    buffer: &mut Series,
) -> ProjectScore {
    buffer.fill(&project, ruleset);
    let plan = grade_series(&project, buffer, ruleset);
    let margins = super::margins::margins(buffer, &project, &plan.findings[0], plan.total, ruleset);
    let review = project
        .actuals
        .as_ref()
        .map(|actuals| super::review::review(&project, actuals, buffer, ruleset));
    ProjectScore {
        project,
        margins,
        simulation: None,
        total: plan.total,
        grade: plan.grade,
        gate: plan.gate,
        phase: plan.phase,
        findings: plan.findings,
        review,
        scenarios: Vec::new(),
    }
}

/// The three findings on one monthly series, the total, the grade, the gate
/// that capped it (if any) and the phase: the plan's grade on the plan's
/// series, the review grade on the review's.
#[must_use]
pub(crate) fn grade_series(project: &Project, series: &Series, ruleset: &Ruleset) -> ReviewGrade {
    let findings = RULES.map(|rule| rule.evaluate(project, series, ruleset));
    let w = &ruleset.weights;
    // The total is computed from the rounded scores, as the report shows them.
    let total = round1(
        w.roi * findings[0].score
            + w.diversification * findings[1].score
            + w.agentic * findings[2].score,
    );
    let banded = grade(total, &ruleset.grade_bands);
    let roi = findings[0].status;
    let cap = match roi {
        Status::Fail => Some(("max_grade_if_fail", ruleset.gates.max_grade_if_fail)),
        Status::Warn => Some(("max_grade_if_warn", ruleset.gates.max_grade_if_warn)),
        Status::Pass => None,
    };
    // Grades order best first (A < F), so the cap is the larger of the two.
    let gate = cap
        .filter(|(_, cap)| banded < *cap)
        .map(|(key, cap)| GateApplied {
            key,
            from: banded,
            to: cap,
        });
    ReviewGrade {
        total,
        grade: gate.as_ref().map_or(banded, |g| g.to),
        gate,
        phase: if roi == Status::Pass {
            Phase::Validated
        } else {
            Phase::Speculative
        },
        findings,
    }
}

/// The grade a (rounded) total earns under the bands alone, before gates.
#[must_use]
pub fn grade(total: f64, bands: &GradeBands) -> Grade {
    [
        (bands.a, Grade::A),
        (bands.b, Grade::B),
        (bands.c, Grade::C),
        (bands.d, Grade::D),
    ]
    .into_iter()
    .find(|(min, _)| ge(total, *min))
    .map_or(Grade::F, |(_, grade)| grade)
}

// Rounded scores and exact inputs are compared exactly: that is what the
// spec promises (the report's arithmetic is what decided).
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
