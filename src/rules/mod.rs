//! The rules engine: a pure function from (projects, ruleset) to a scorecard
//! that records the evidence of every verdict.
//!
//! - `series` builds each project's monthly compute and benefit ([`Series`]);
//! - `checks` holds one check per file behind the `Rule` trait — `roi`,
//!   `diversification`, `agentic` — listed in `RULES`;
//! - `engine` weighs the checks into a total, a grade and a phase
//!   ([`score_project_with`]), and `PortfolioAccumulator` sums the portfolio
//!   figures one project at a time;
//! - `review` grades a project on its actual months beside its plan, with
//!   the variance and the re-forecast to the horizon;
//! - `ruleset` owns the default ruleset (`templates/ruleset.toml`), user
//!   overrides, validation and the canonical text a run record hashes
//!   ([`default_ruleset`], [`ruleset_from_toml`]);
//! - `margins` says how far each input can move before the ROI status
//!   changes, and whether a grade is fragile;
//! - `simulation` draws each project's benefit and compute from their
//!   ranges: the odds of reaching the target, and of the portfolio's count;
//! - `scenarios` re-scores each project under the ruleset's named shocks
//!   and sums each scenario's portfolio;
//! - [`finance`] holds the shared arithmetic; explanations write their
//!   numbers with the crate's `format` module.
//!
//! Public, for the benchmarks, the fuzz targets and the integration tests:
//! the rulesets, scoring one project, its series and the arithmetic. The
//! checks, the engine's portfolio sums and the ruleset's record are the
//! crate's own.

pub(crate) mod changes;
pub(crate) mod checks;
pub(crate) mod engine;
pub mod finance;
pub(crate) mod margins;
mod portfolio;
pub(crate) mod review;
pub(crate) mod ruleset;
pub(crate) mod scenarios;
pub(crate) mod series;
pub(crate) mod simulation;

// Scores are compared exactly: they are rounded values by design.
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod proptests;
#[cfg(test)]
pub(crate) mod testing;

use crate::model::{CheckId, Field, FieldId, Finding, InputUsed, Project, Ruleset, Threshold};

pub use engine::score_project_with;
pub(crate) use portfolio::PortfolioAccumulator;
pub(crate) use review::bills::join as join_bills;
pub use ruleset::{RulesetError, default_ruleset, ruleset_from_toml};
pub(crate) use ruleset::{canonical_toml, effective_ruleset, has_one_alias_table, ruleset_record};
pub use series::Series;
pub(crate) use series::series;

/// One check of the checklist.
///
/// A rule is stateless: everything it decides comes from the project, its
/// monthly series and the ruleset, so the engine can run it anywhere.
pub(crate) trait Rule: Sync {
    /// Which check this is.
    #[cfg_attr(
        not(test),
        expect(
            dead_code,
            reason = "the registry test holds RULES to CheckId order with it"
        )
    )]
    fn id(&self) -> CheckId;

    /// What it checks, why it matters and an example, for `airoi explain`.
    fn explain(&self) -> &'static str;

    /// The ruleset keys the check compares against, with their values.
    fn thresholds(&self, ruleset: &Ruleset) -> Vec<Threshold>;

    /// The check's finding on one project, with all its evidence.
    fn evaluate(&self, project: &Project, series: &Series, ruleset: &Ruleset) -> Finding;
}

/// Every check, in checklist order (the order of [`CheckId`], which
/// `ProjectScore::finding` indexes by).
pub(crate) static RULES: [&dyn Rule; 3] = [
    &checks::roi::RoiCheck,
    &checks::diversification::DiversificationCheck,
    &checks::agentic::AgenticCheck,
];

/// The rule implementing `check`.
#[must_use]
pub(crate) fn rule(check: CheckId) -> &'static dyn Rule {
    RULES[check as usize]
}

/// The evidence of one input value: its interpreted value for people, its
/// raw text and source cell, or neither when the default applied.
pub(crate) fn input_used<T>(
    project: &Project,
    id: FieldId,
    field: &Field<T>,
    value: String,
) -> InputUsed {
    InputUsed {
        field: id.name(),
        value,
        raw: field.raw.as_deref().map(str::to_owned),
        cell: project.cell(field.col),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_in_checklist_order() {
        let ids: Vec<CheckId> = RULES.iter().map(|r| r.id()).collect();
        assert_eq!(ids, CheckId::ALL);
        for check in CheckId::ALL {
            assert_eq!(rule(check).id(), check);
        }
    }

    #[test]
    fn every_rule_explains_itself() {
        for rule in RULES {
            let text = rule.explain();
            for heading in ["What it checks", "Why it matters", "Example"] {
                assert!(text.contains(heading), "{:?} lacks {heading}", rule.id());
            }
        }
    }
}
