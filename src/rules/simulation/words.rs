//! The simulated odds in words, one wording for every output: the Scores
//! sheet and the CSV, the report's ROI block and summary, the Summary and
//! Odds sheets, and the console's line.

use crate::format;
use crate::model::{PortfolioSimulation, ProjectSimulation};

/// The probability of reaching the target in percent points to one
/// decimal, as people read it (the JSON keeps the exact share): 0.8734 is
/// 87.3.
#[must_use]
pub(crate) fn odds_pct(p: f64) -> f64 {
    (p * 1000.0).round() / 10.0
}

/// The ratio's 10th to 90th percentile over the draws: `2.85–4.33`.
#[must_use]
pub(crate) fn spread(s: &ProjectSimulation) -> String {
    format!("{:.2}–{:.2}", s.p10, s.p90)
}

/// Where the simulated ranges came from: `assumed ranges` when any bound
/// is the ruleset's, `intake estimates` when the intake gave them all.
#[must_use]
pub(crate) fn ranges(s: &ProjectSimulation) -> &'static str {
    if s.ranges.assumed {
        "assumed ranges"
    } else {
        "intake estimates"
    }
}

/// One project's odds on one line: `P(3:1) 87.3%; ratio P10 2.85, P50
/// 3.60, P90 4.33 (assumed ranges, 10,000 draws)`.
#[must_use]
pub(crate) fn project_line(s: &ProjectSimulation, target: &str) -> String {
    format!(
        "P({target}) {}; ratio P10 {:.2}, P50 {:.2}, P90 {:.2} ({}, {} draws)",
        format::pct(odds_pct(s.p_target)),
        s.p10,
        s.p50,
        s.p90,
        ranges(s),
        format::count(u64::from(s.draws)),
    )
}

/// The portfolio's validated count and its spread: `6.3 (P10–P90 5–8)`.
#[must_use]
pub(crate) fn validated(odds: &PortfolioSimulation) -> String {
    format!(
        "{} (P10–P90 {}–{})",
        format::number(odds.expected_validated, 1),
        odds.validated_p10,
        odds.validated_p90
    )
}

/// The run's draws and seed: `10,000 draws a project, seed 17`.
#[must_use]
pub(crate) fn draws(odds: &PortfolioSimulation) -> String {
    format!(
        "{} draws a project, seed {}",
        format::count(u64::from(odds.draws)),
        odds.seed
    )
}

/// Where the method is explained, as every output points to it.
pub(crate) const EXPLAINED: &str = "see `airoi explain confidence`";

/// The terminal's line on the portfolio's odds: "expected validated
/// projects: 6.3 (P10–P90 5–8), from 10,000 simulated draws a project; see
/// `airoi explain confidence`".
#[must_use]
pub(crate) fn summary_line(odds: &PortfolioSimulation) -> String {
    format!(
        "expected validated projects: {}, from {} simulated draws a project; {EXPLAINED}",
        validated(odds),
        format::count(u64::from(odds.draws)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ranges;

    fn odds(assumed: bool) -> ProjectSimulation {
        ProjectSimulation {
            p_target: 0.87345,
            p10: 2.854,
            p50: 3.6,
            p90: 4.3349,
            ranges: Ranges {
                benefit_low: 0.6,
                benefit_high: 1.2,
                compute_low: 0.9,
                compute_high: 1.3,
                assumed,
            },
            draws: 10_000,
        }
    }

    #[test]
    fn a_projects_odds_read_as_one_line() {
        assert_eq!(
            project_line(&odds(true), "3:1"),
            "P(3:1) 87.3%; ratio P10 2.85, P50 3.60, P90 4.33 (assumed ranges, 10,000 draws)"
        );
        assert_eq!(ranges(&odds(false)), "intake estimates");
        assert_eq!(spread(&odds(false)), "2.85–4.33");
    }

    #[test]
    fn the_portfolio_line_says_count_spread_and_where_it_is_explained() {
        let p = PortfolioSimulation {
            seed: 17,
            draws: 10_000,
            expected_validated: 6.349,
            validated_p10: 5,
            validated_p90: 8,
        };
        assert_eq!(validated(&p), "6.3 (P10–P90 5–8)");
        assert_eq!(draws(&p), "10,000 draws a project, seed 17");
        assert_eq!(
            summary_line(&p),
            "expected validated projects: 6.3 (P10–P90 5–8), from 10,000 simulated draws a \
             project; see `airoi explain confidence`"
        );
    }
}
