//! The report's "Odds of 3:1" part of the summary: the expected number of
//! validated projects and its spread, the draws and the seed, and how many
//! projects were drawn on assumed ranges, in the words every output uses
//! (`rules::simulation::words`).

use serde::Serialize;

use crate::format;
use crate::model::GradedRun;
use crate::rules::simulation::words;

/// The portfolio's odds; `None` when the run drew nothing.
#[derive(Debug, Serialize)]
pub struct OddsView {
    /// `6.3 (P10–P90 5–8)`.
    pub validated: String,
    /// `10,000 draws a project, seed 17`.
    pub draws: String,
    /// Projects drawn, of those the report details: `11 of 13`.
    pub drawn: String,
    /// `assumed ranges for 11, intake estimates for 0`.
    pub ranges: String,
    /// The command that explains the method: `airoi explain confidence`.
    pub explained: &'static str,
}

/// The part of a run that simulated; `None` otherwise.
pub fn odds_view(run: &GradedRun) -> Option<OddsView> {
    let odds = run.scorecard.simulation.as_ref()?;
    let projects = &run.scorecard.projects;
    let drawn: Vec<_> = projects.iter().filter_map(|p| p.simulation).collect();
    let assumed = drawn.iter().filter(|s| s.ranges.assumed).count() as u64;
    Some(OddsView {
        validated: words::validated(odds),
        draws: words::draws(odds),
        drawn: format!(
            "{} of {}",
            format::count(drawn.len() as u64),
            format::count(projects.len() as u64)
        ),
        ranges: format!(
            "assumed ranges for {}, intake estimates for {}",
            format::count(assumed),
            format::count(drawn.len() as u64 - assumed)
        ),
        explained: "airoi explain confidence",
    })
}
