//! Scenarios: each project re-scored through the same engine under each
//! named set of shocks of the ruleset, and the portfolio summed per
//! scenario one project at a time.
//!
//! The shocks act on the project's monthly series (`series`), in this
//! order, with m the project month:
//! - growth + z points: compute(m) = upfront·[m = 1] + monthly·(1 + (g + z)/100)^(m-1)
//!   for parametric inputs; explicit cash flows' compute × (1 + z/100)^(m-1);
//! - compute price + x% from month k: compute(m) × (1 + x/100) for m ≥ k,
//!   upfront included;
//! - benefit - y%: benefit(m) × (1 - y/100);
//! - benefit delayed n months: benefit'(m) = benefit(m - n), nothing before
//!   month n + 1 (the delay of `margins`);
//! - the largest provider removed: its share moves to the next-largest
//!   (ties: the first written); a single-provider list stays as it is.

/// `airoi explain confidence`, after the margins: the scenarios in plain
/// words, with each shock's formula and the worked example under the
/// defaults. Markdown, as the margins' text is.
pub(crate) const EXPLAIN: &str = "# Scenarios

Each scenario of the ruleset (`[[scenarios]]`, listed by `airoi rules`) is a
set of shocks applied to every project at once; the whole portfolio is then
re-scored through the same checks, weights, bands and gates as the plan. With
m the project month, g the monthly compute growth (`compute_growth_pct`, in
percent a month) and the shocks in this order:

  growth + z points         compute(m) = upfront·[m = 1] + monthly·(1 + (g + z)/100)^(m-1)
                            (explicit cash flows: compute(m) · (1 + z/100)^(m-1))
  compute price + x%        compute(m) · (1 + x/100) for m ≥ k, upfront included
    from month k
  benefit - y%              benefit(m) · (1 - y/100)
  benefit n months late     benefit'(m) = benefit(m - n), nothing before month n + 1
  largest provider removed  its share moves to the next-largest provider (a
                            single-provider project stays single); the
                            diversification check is scored on that list

A scenario breaks a project when its ROI status or its grade is worse than on
the plan; the first scenario that does is named in every output, with the
project's worst grade. `score --scenario NAME` scores only the named ones,
`--no-scenarios` none; the plan's grades never change.

The defaults: compute +25% (compute_up), benefit -30% (benefit_down) and
benefits 3 months late (benefit_late). The worked example (FIN-001) at
4.10:1 holds its pass under compute +25% (800,000 / 243,750 = 3.28:1) and 3
months late (650,000 / 195,000 = 3.33:1), but warns under benefit -30%
(560,000 / 195,000 = 2.87:1): the gate caps it at B, so benefit -30% breaks
it.
";

use crate::model::{
    CheckId, Figures, Grade, Project, ProjectScore, Ruleset, Scenario, ScenarioResult,
    ScenarioSummary, Share, ShareList, breaks,
};

use std::fmt::Write as _;

use super::Series;
use super::engine::grade_series;
use crate::format;

/// A parametric project's compute month by month, its growth raised by
/// `points` a month: the run rate grown from month 1, the upfront added to
/// month 1.
pub(crate) fn grown_compute(project: &Project, points: f64) -> impl Iterator<Item = f64> {
    let step = 1.0 + (project.compute_growth_pct.value + points) / 100.0;
    let upfront = project.upfront_compute_cost.value;
    std::iter::successors(Some(project.monthly_compute_cost.value), move |r| {
        Some(r * step)
    })
    .enumerate()
    .map(move |(i, run_rate)| if i == 0 { run_rate + upfront } else { run_rate })
}

/// Applies a scenario's series shocks to `series`, already filled with the
/// project's plan.
pub(crate) fn shock_series(series: &mut Series, project: &Project, scenario: &Scenario) {
    let z = scenario.growth_points;
    if z != 0.0 {
        if project.cash_flows.is_some() {
            let step = 1.0 + z / 100.0;
            let mut factor = 1.0;
            for compute in &mut series.compute {
                *compute *= factor;
                factor *= step;
            }
        } else {
            for (compute, grown) in series.compute.iter_mut().zip(grown_compute(project, z)) {
                *compute = grown;
            }
        }
    }
    if scenario.compute_price_pct != 0.0 {
        let factor = 1.0 + scenario.compute_price_pct / 100.0;
        let from = scenario.compute_price_from_month.max(1) as usize - 1;
        for compute in series.compute.iter_mut().skip(from) {
            *compute *= factor;
        }
    }
    if scenario.benefit_cut_pct != 0.0 {
        let factor = 1.0 - scenario.benefit_cut_pct / 100.0;
        for benefit in &mut series.benefit {
            *benefit *= factor;
        }
    }
    let delay = scenario.benefit_delay_months as usize;
    if delay > 0 {
        let months = series.benefit.len();
        for i in (0..months).rev() {
            series.benefit[i] = if i >= delay {
                series.benefit[i - delay]
            } else {
                0.0
            };
        }
    }
}

/// The shocks of a scenario in words: `compute price +25% from month 7;
/// benefit -30%`.
#[must_use]
pub(crate) fn shocks(s: &Scenario) -> String {
    let n = |x: f64| format::number(x, 2);
    let mut parts = Vec::new();
    if s.compute_price_pct != 0.0 {
        let sign = if s.compute_price_pct > 0.0 { "+" } else { "-" };
        let mut part = format!("compute price {sign}{}%", n(s.compute_price_pct.abs()));
        if s.compute_price_from_month > 1 {
            let _ = write!(part, " from month {}", s.compute_price_from_month);
        }
        parts.push(part);
    }
    if s.benefit_cut_pct != 0.0 {
        let sign = if s.benefit_cut_pct > 0.0 { "-" } else { "+" };
        parts.push(format!("benefit {sign}{}%", n(s.benefit_cut_pct.abs())));
    }
    if s.benefit_delay_months > 0 {
        parts.push(format!(
            "benefit {} late",
            format::counted(u64::from(s.benefit_delay_months), "month", "months")
        ));
    }
    if s.growth_points != 0.0 {
        let sign = if s.growth_points > 0.0 { "+" } else { "-" };
        parts.push(format!(
            "compute growth {sign}{} points a month",
            n(s.growth_points.abs())
        ));
    }
    if s.remove_largest_provider {
        parts.push("largest provider removed".into());
    }
    if parts.is_empty() {
        return "no shock".into();
    }
    parts.join("; ")
}

/// A share list without its largest provider, whose share moves to the
/// next-largest; `None` when the list has fewer than two providers.
pub(crate) fn without_largest(list: &ShareList) -> Option<ShareList> {
    if list.shares.len() < 2 {
        return None;
    }
    // The first written wins a tie, for the largest and for the next.
    let largest = |shares: &[Share]| {
        shares.iter().enumerate().fold(
            0,
            |best, (i, s)| if s.pct > shares[best].pct { i } else { best },
        )
    };
    let mut shares = list.shares.clone();
    let gone = shares.remove(largest(&list.shares));
    let next = largest(&shares);
    shares[next].pct += gone.pct;
    Some(ShareList {
        shares,
        notes: list.notes.clone(),
    })
}

/// Scores projects under the run's scenarios and sums each scenario's
/// portfolio figures, one project at a time.
#[derive(Debug, Clone, Default)]
pub(crate) struct ScenarioRunner {
    sums: Vec<ScenarioSummary>,
    buffer: Series,
}

impl ScenarioRunner {
    /// A runner for these scenarios, in this order.
    #[must_use]
    pub(crate) fn new(scenarios: &[Scenario]) -> Self {
        Self {
            sums: scenarios
                .iter()
                .map(|s| ScenarioSummary {
                    scenario: s.clone(),
                    grades: Grade::ALL.iter().map(|g| (*g, 0)).collect(),
                    validated: 0,
                    compute_total: 0.0,
                    benefit_total: 0.0,
                    ratio: None,
                    broken: 0,
                })
                .collect(),
            buffer: Series::default(),
        }
    }

    /// Scores one project under every scenario into `score.scenarios`, and
    /// adds it to each scenario's portfolio.
    pub(crate) fn score(&mut self, score: &mut ProjectScore, ruleset: &Ruleset) {
        if self.sums.is_empty() {
            return;
        }
        let plan_status = score.finding(CheckId::Roi).status;
        let mut results = Vec::with_capacity(self.sums.len());
        for sum in &mut self.sums {
            let scenario = &sum.scenario;
            let project = &mut score.project;
            self.buffer.fill(project, ruleset);
            shock_series(&mut self.buffer, project, scenario);
            let moved = if scenario.remove_largest_provider {
                without_largest(&project.providers.value)
                    .map(|list| std::mem::replace(&mut project.providers.value, list))
            } else {
                None
            };
            let graded = grade_series(project, &self.buffer, ruleset);
            if let Some(original) = moved {
                project.providers.value = original;
            }
            let roi = &graded.findings[CheckId::Roi as usize];
            let (ratio, compute, benefit) = match &roi.figures {
                Figures::Roi(f) => (f.ratio, f.compute_total, f.benefit_total),
                _ => (None, 0.0, 0.0),
            };
            let result = ScenarioResult {
                scenario: scenario.name.clone(),
                grade: graded.grade,
                status: roi.status,
                total: graded.total,
                ratio,
            };
            *sum.grades.entry(result.grade).or_default() += 1;
            if result.status == crate::model::Status::Pass {
                sum.validated += 1;
            }
            sum.compute_total += compute;
            sum.benefit_total += benefit;
            if breaks(&result, score.grade, plan_status) {
                sum.broken += 1;
            }
            results.push(result);
        }
        score.scenarios = results;
    }

    /// Each scenario's portfolio figures.
    #[must_use]
    pub(crate) fn finish(self) -> Vec<ScenarioSummary> {
        self.sums
            .into_iter()
            .map(|mut s| {
                s.ratio = (s.compute_total > 0.0).then(|| s.benefit_total / s.compute_total);
                s
            })
            .collect()
    }
}

// Exact sums of exact inputs are compared exactly.
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;

/// What scenario `i` of the run broke in project `p`, as people read it:
/// `MKT-004 C → D` when its grade fell, `OPS-002 ROI pass → warn` when only
/// its ROI status did; `None` when it holds.
pub(crate) fn what_broke(p: &crate::model::ProjectScore, i: usize) -> Option<String> {
    let r = p.scenarios.get(i)?;
    let plan = p.finding(crate::model::CheckId::Roi).status;
    if r.grade > p.grade {
        Some(format!(
            "{} {} → {}",
            p.project.project_id,
            p.grade.letter(),
            r.grade.letter()
        ))
    } else if r.status < plan {
        Some(format!(
            "{} ROI {} → {}",
            p.project.project_id,
            plan.word(),
            r.status.word()
        ))
    } else {
        None
    }
}
