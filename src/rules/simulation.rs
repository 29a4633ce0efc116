//! The odds of reaching the target: a Monte Carlo over each project's
//! benefit and compute, and the expected number of validated projects.
//!
//! The ratio over the horizon is Σ benefit / Σ compute, and a draw scales
//! benefit by a multiplier mb and compute (all of it, upfront included) by
//! mc, each from a triangular distribution low / 1 / high around the figure
//! graded. The totals are linear in the multipliers, so a draw is
//! (`B_fixed` + B·mb) / (`C_fixed` + C·mc) and never rebuilds the series; the
//! fixed parts are the months a review counts as actual, which no draw
//! moves. Explicit cash flows are scaled column by column the same way.
//!
//! Each project's stream is `ChaCha8` seeded with SHA-256(run seed, project
//! id): the same seed gives the same bytes, and adding a project leaves the
//! others' odds unchanged. The k-th draws of all projects form the k-th
//! draw of the portfolio, so counting the projects that reach the target in
//! each gives the spread of the validated count by simulation.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use sha2::{Digest, Sha256};

use crate::model::{
    Figures, PortfolioSimulation, Project, ProjectScore, ProjectSimulation, Ranges, Ruleset,
    SimulationRules,
};

use super::finance::at_least;

mod sample;
pub(crate) mod words;

pub(crate) use sample::{Triangular, from_order_key, order_key, percentile, percentiles};

/// `airoi explain confidence`, its simulation section: the odds of
/// reaching the target, in plain words with the formulas. Markdown, as the
/// margins' text it follows.
pub(crate) const EXPLAIN: &str = "# The odds of reaching the target

Margins move one input at a time; the simulation moves both at once, as a
forecast can miss both ways. Each project gives (or is assumed to have) a
low, a likely and a high monthly benefit and monthly compute: the intake's
benefit_low / monthly_benefit / benefit_high and compute_low /
monthly_compute_cost / compute_high. Where a bound is not given, the
ruleset's is used around the likely figure (benefit -40% to +20%, compute
-10% to +30%) and the outputs say \"assumed ranges\".

A draw takes a multiplier of the benefit, mb, and of the compute, mc, each
from a triangular distribution with low = low / likely, mode 1 and high =
high / likely, by its inverse CDF (F(mode) = (mode - low) / (high - low)):

  m = low + sqrt(u (high - low)(mode - low))          when u < F(mode)
  m = high - sqrt((1 - u)(high - low)(high - mode))   otherwise

with u uniform in (0, 1). The ratio over the horizon is linear in both, so
a draw is

  ratio = (B_actual + B * mb) / (C_actual + C * mc)

with B and C the benefit and the compute (all of it, upfront included) of
the months still forecast within the horizon, and B_actual, C_actual those
of the months a review counts as actual, which no draw moves (0 without
actuals). Explicit cash flows are scaled column by column, the same way.

Per project, over `draws` draws (10,000): P(3:1) is the share of draws
whose ratio reaches the target (with the spec's tolerance), and P10, P50,
P90 the ratios below which 10%, 50% and 90% of the draws fall (nearest
rank). A project whose benefit is not quantified or that gives no compute
is not drawn.

For the portfolio, the expected number of validated projects is the sum of
the projects' P(3:1), and its spread P10-P90 is simulated: the k-th draws
of all projects are one draw of the portfolio, and the count of projects
reaching the target in each gives the distribution of the count (the
projects' draws are independent).

Each project's draws come from its own stream, ChaCha8 seeded with
SHA-256 of the run seed (`seed`, 17, or `--seed N`) and the project id: the
same seed gives the same figures to the last digit, and adding a project
leaves every other project's odds unchanged. The seed is in the run
record. `--no-simulation` draws nothing.
";

/// The ruleset keys the simulation uses, with their values.
#[must_use]
pub(crate) fn thresholds(ruleset: &Ruleset) -> Vec<crate::model::Threshold> {
    let s = &ruleset.simulation;
    [
        ("simulation.benefit_low_pct", s.benefit_low_pct),
        ("simulation.benefit_high_pct", s.benefit_high_pct),
        ("simulation.compute_low_pct", s.compute_low_pct),
        ("simulation.compute_high_pct", s.compute_high_pct),
        ("simulation.draws", f64::from(s.draws)),
        ("simulation.seed", s.seed as f64),
    ]
    .into_iter()
    .map(|(key, value)| crate::model::Threshold { key, value })
    .collect()
}

/// Draws every project of a run and counts, draw by draw, how many reach
/// the target.
#[derive(Debug, Clone)]
pub(crate) struct Simulator {
    rules: SimulationRules,
    target: f64,
    horizon: u32,
    /// The current project's ratios, one a draw, as [`order_key`]s
    /// (reused).
    keys: Vec<u64>,
    /// Per draw index, how many projects reached the target.
    counts: Vec<u32>,
    /// Draws that reached the target, over all projects.
    hits: u64,
}

impl Simulator {
    /// A simulator for the run, or `None` when the ruleset asks for no
    /// draws.
    #[must_use]
    pub(crate) fn new(ruleset: &Ruleset) -> Option<Simulator> {
        let draws = ruleset.simulation.draws as usize;
        (draws > 0).then(|| Simulator {
            rules: ruleset.simulation.clone(),
            target: ruleset.target_ratio,
            horizon: ruleset.horizon_months,
            keys: vec![0; draws],
            counts: vec![0; draws],
            hits: 0,
        })
    }

    /// The project's odds, counted into the portfolio's; `None` when its
    /// benefit is not quantified or it has no compute, where no draw can
    /// say anything about the ratio.
    pub(crate) fn project(&mut self, score: &ProjectScore) -> Option<ProjectSimulation> {
        let Figures::Roi(f) = &score.findings[0].figures else {
            return None;
        };
        if !f.quantified || f.ratio.is_none() {
            return None;
        }
        let totals = self.totals(score, f.benefit_total, f.compute_total);
        if totals.compute_fixed + totals.compute_drawn <= 0.0 {
            return None;
        }
        let ranges = ranges(score, &self.rules);
        let benefit = Triangular::new(ranges.benefit_low, 1.0, ranges.benefit_high);
        let compute = Triangular::new(ranges.compute_low, 1.0, ranges.compute_high);
        let mut rng =
            ChaCha8Rng::from_seed(stream_seed(self.rules.seed, &score.project.project_id));
        let hits = self.draw(&mut rng, benefit, compute, totals);
        self.hits += u64::from(hits);
        let draws = self.rules.draws;
        let [p10, p50, p90] = percentiles(&mut self.keys, [0.10, 0.50, 0.90]).map(from_order_key);
        Some(ProjectSimulation {
            p_target: f64::from(hits) / f64::from(draws),
            p10,
            p50,
            p90,
            ranges,
            draws,
        })
    }

    /// Makes the project's draws into `keys`, counts those reaching the
    /// target into `counts`, and returns how many did.
    ///
    /// The stream's words are taken a block at a time and the arithmetic
    /// run over the block without a branch, so the compiler can keep it in
    /// vector registers; each draw is computed exactly as one at a time.
    fn draw(
        &mut self,
        rng: &mut ChaCha8Rng,
        benefit: Triangular,
        compute: Triangular,
        totals: Totals,
    ) -> u32 {
        const BLOCK: usize = 64;
        let least = at_least(self.target);
        let mut words = [0u64; BLOCK];
        let mut hits = 0u32;
        for (keys, counts) in self
            .keys
            .chunks_mut(BLOCK)
            .zip(self.counts.chunks_mut(BLOCK))
        {
            let words = &mut words[..keys.len()];
            for word in words.iter_mut() {
                *word = rng.next_u64();
            }
            for ((key, count), word) in keys.iter_mut().zip(counts).zip(&*words) {
                // One 64-bit word gives both uniforms: 32 bits each is far
                // finer than any percentile shown.
                let mb = benefit.sample(unit(word >> 32));
                let mc = compute.sample(unit(word & 0xffff_ffff));
                let ratio = (totals.benefit_fixed + totals.benefit_drawn * mb)
                    / (totals.compute_fixed + totals.compute_drawn * mc);
                let reached = u32::from(ratio >= least);
                hits += reached;
                *count += reached;
                *key = order_key(ratio);
            }
        }
        hits
    }

    /// The portfolio's odds once every project is drawn.
    #[must_use]
    pub(crate) fn finish(mut self) -> PortfolioSimulation {
        let draws = self.rules.draws;
        PortfolioSimulation {
            seed: self.rules.seed,
            draws,
            expected_validated: self.hits as f64 / f64::from(draws),
            validated_p10: u64::from(percentile(&mut self.counts, 0.10, u32::cmp)),
            validated_p90: u64::from(percentile(&mut self.counts, 0.90, u32::cmp)),
        }
    }

    /// The horizon's totals split into what a draw moves and what it does
    /// not: with a review, the months it counts as actual stay.
    fn totals(&self, score: &ProjectScore, benefit: f64, compute: f64) -> Totals {
        let Some(review) = score
            .review
            .as_ref()
            .filter(|r| !r.actual_months.is_empty())
        else {
            return Totals {
                benefit_fixed: 0.0,
                benefit_drawn: benefit,
                compute_fixed: 0.0,
                compute_drawn: compute,
            };
        };
        let mut t = Totals::default();
        for month in review.months.iter().filter(|m| m.month <= self.horizon) {
            if month.actual_benefit.is_some() {
                t.benefit_fixed += month.benefit;
            } else {
                t.benefit_drawn += month.benefit;
            }
            if month.actual_compute.is_some() {
                t.compute_fixed += month.compute;
            } else {
                t.compute_drawn += month.compute;
            }
        }
        t
    }
}

/// Σ benefit and Σ compute over the horizon: the part fixed by actual
/// months and the part each draw scales.
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    benefit_fixed: f64,
    benefit_drawn: f64,
    compute_fixed: f64,
    compute_drawn: f64,
}

/// A uniform in (0, 1) from 32 random bits: never 0 or 1, so no draw sits
/// on a range's bound by accident of rounding.
#[inline]
fn unit(bits: u64) -> f64 {
    // `bits` < 2³², so as u32 it is the same number, converted without the
    // steps a 64-bit conversion takes.
    (f64::from(bits as u32) + 0.5) * (1.0 / 4_294_967_296.0)
}

/// The seed of one project's stream: SHA-256 of the run seed (8 bytes,
/// little-endian) and the project id, stable across platforms and Rust
/// versions.
#[must_use]
pub(crate) fn stream_seed(seed: u64, project_id: &str) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"airoi simulation\0");
    hash.update(seed.to_le_bytes());
    hash.update(project_id.as_bytes());
    hash.finalize().into()
}

/// The ranges of a project's draws, as multiples of its likely figures:
/// its own low and high monthly estimates where the intake gives them and
/// its likely figure is above zero, the ruleset's percents otherwise.
#[must_use]
pub(crate) fn ranges(score: &ProjectScore, rules: &SimulationRules) -> Ranges {
    ranges_of(&score.project, rules)
}

/// [`ranges`] of a project not yet scored (the margins' tornado swings
/// the same ranges).
#[must_use]
pub(crate) fn ranges_of(p: &Project, rules: &SimulationRules) -> Ranges {
    let e = &p.estimates;
    let mut assumed = false;
    let mut bound = |given: Option<f64>, likely: f64, pct: f64| match given {
        Some(v) if likely > 0.0 => v / likely,
        _ => {
            assumed = true;
            1.0 + pct / 100.0
        }
    };
    let benefit = p.monthly_benefit.value;
    let compute = p.monthly_compute_cost.value;
    let value = |f: &Option<crate::model::Field<f64>>| f.as_ref().map(|f| f.value);
    let ranges = Ranges {
        benefit_low: bound(value(&e.benefit_low), benefit, rules.benefit_low_pct),
        benefit_high: bound(value(&e.benefit_high), benefit, rules.benefit_high_pct),
        compute_low: bound(value(&e.compute_low), compute, rules.compute_low_pct),
        compute_high: bound(value(&e.compute_high), compute, rules.compute_high_pct),
        assumed: false,
    };
    Ranges { assumed, ..ranges }
}

#[cfg(test)]
mod tests;
