//! The odds of reaching the target: per project, the probability that its
//! ratio reaches the target within the horizon and the spread of the ratio
//! over the draws; per run, the expected number of validated projects.
//! Plain data; `rules::simulation` computes it.

use serde::Serialize;

/// The ranges a project's draws come from, each a multiple of the likely
/// value (the figure graded): benefit 0.6–1.2 is 40% less to 20% more.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ranges {
    /// The lowest benefit, as a multiple of the likely benefit.
    pub benefit_low: f64,
    /// The highest benefit, as a multiple of the likely benefit.
    pub benefit_high: f64,
    /// The lowest compute, as a multiple of the likely compute.
    pub compute_low: f64,
    /// The highest compute, as a multiple of the likely compute.
    pub compute_high: f64,
    /// Whether any bound came from the ruleset rather than the intake:
    /// outputs then say "assumed ranges".
    pub assumed: bool,
}

/// One project's simulated odds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProjectSimulation {
    /// The share of draws whose ratio reaches the target (0–1).
    pub p_target: f64,
    /// The 10th percentile ratio over the draws.
    pub p10: f64,
    /// The median ratio over the draws.
    pub p50: f64,
    /// The 90th percentile ratio over the draws.
    pub p90: f64,
    /// The ranges drawn from.
    pub ranges: Ranges,
    /// How many draws were made.
    pub draws: u32,
}

/// The run's simulated odds over the whole portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PortfolioSimulation {
    /// The run seed every project's stream derives from.
    pub seed: u64,
    /// Draws per project.
    pub draws: u32,
    /// Σ of the projects' probabilities of reaching the target.
    pub expected_validated: f64,
    /// The 10th percentile of the number of validated projects over the
    /// portfolio's draws.
    pub validated_p10: u64,
    /// The 90th percentile of that number.
    pub validated_p90: u64,
}

/// A project's own low and high estimates of its monthly benefit and
/// monthly compute (intake `benefit_low`, `benefit_high`, `compute_low`,
/// `compute_high`), in the run currency; `None` where the row gives none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Estimates {
    /// The lowest monthly benefit expected.
    pub benefit_low: Option<super::Field<f64>>,
    /// The highest monthly benefit expected.
    pub benefit_high: Option<super::Field<f64>>,
    /// The lowest monthly compute expected.
    pub compute_low: Option<super::Field<f64>>,
    /// The highest monthly compute expected.
    pub compute_high: Option<super::Field<f64>>,
}
