//! Scoring each project as the import hands it over: the bills joined to
//! it, its score, odds and scenarios, then into the portfolio figures and
//! on to the sink, the first few kept in memory.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::sinks::ScoredSink;
use crate::export::WriteProgress;
use crate::import::IntakeSink;
use crate::model::{BilledSpend, Project, ProjectScore, Ruleset};
use crate::rules::scenarios::ScenarioRunner;
use crate::rules::simulation::Simulator;
use crate::rules::{PortfolioAccumulator, Series, score_project_with};

/// Scores each project as the import hands it over: into the portfolio
/// figures, then to the sink; the first `keep` stay in memory.
pub(super) struct Scoring<'a> {
    pub(super) ruleset: &'a Ruleset,
    pub(super) buffer: Series,
    pub(super) portfolio: PortfolioAccumulator,
    /// The odds' draws, unless the run asks for none.
    pub(super) simulator: Option<Simulator>,
    pub(super) scenarios: ScenarioRunner,
    pub(super) units: BTreeSet<String>,
    pub(super) kept: Vec<ProjectScore>,
    pub(super) keep: usize,
    pub(super) scored: usize,
    pub(super) sink: &'a mut dyn ScoredSink,
    pub(super) progress: &'a dyn WriteProgress,
    /// The bills allocated, joined to each project before it is scored.
    pub(super) bills: Option<BilledSpend>,
    pub(super) as_of: NaiveDate,
}

impl IntakeSink for Scoring<'_> {
    type Error = anyhow::Error;

    fn start(&mut self, currency: &str) -> anyhow::Result<()> {
        self.sink.start(currency)
    }

    fn project(&mut self, mut project: Project) -> anyhow::Result<()> {
        if let Some(bills) = &mut self.bills {
            crate::rules::join_bills(&mut project, bills, self.ruleset, self.as_of);
            if let (Some(billed), Some(actuals)) = (
                bills.per_project.get_mut(&project.project_id),
                &project.actuals,
            ) {
                billed.review.clone_from(&actuals.bills);
            }
        }
        let mut score = score_project_with(project, self.ruleset, &mut self.buffer);
        if let Some(simulator) = &mut self.simulator {
            score.simulation = simulator.project(&score);
        }
        self.scenarios.score(&mut score, self.ruleset);
        self.portfolio.add(&score);
        if let Some(unit) = score.project.business_unit.as_deref() {
            if !self.units.contains(unit) {
                self.units.insert(unit.to_string());
            }
        }
        self.scored += 1;
        self.progress.advance(1);
        if self.kept.len() < self.keep {
            self.kept.push(score.clone());
        }
        self.sink.scored(score)
    }
}
