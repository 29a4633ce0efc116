//! The rules engine: a pure function from (projects, ruleset) to a scorecard
//! that records the evidence of every verdict.
//!
//! - [`series`](mod@series) builds each project's monthly compute and benefit;
//! - [`checks`] holds one check per file behind the [`Rule`] trait —
//!   [`roi`](checks::roi), [`diversification`](checks::diversification),
//!   [`agentic`](checks::agentic) — listed in [`RULES`];
//! - [`engine`] weighs the checks into a total, a grade and a phase, and
//!   [`PortfolioAccumulator`] sums the portfolio figures one project at a time;
//! - [`ruleset`] owns the default ruleset (`templates/ruleset.toml`), user
//!   overrides, validation and the canonical text a run record hashes;
//! - [`finance`] holds the shared arithmetic; explanations write their
//!   numbers with [`crate::format`](mod@crate::format).

pub mod changes;
pub mod checks;
pub mod engine;
pub mod finance;
mod portfolio;
pub mod ruleset;
pub mod series;

// Scores are compared exactly: they are rounded values by design.
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod proptests;
#[cfg(test)]
pub(crate) mod testing;

use crate::model::{CheckId, Field, FieldId, Finding, InputUsed, Project, Ruleset, Threshold};

/// The way numbers are written for people, shared with export and the
/// command line; kept under this name for code that reaches it through
/// `rules`.
pub use crate::format;
pub use engine::{grade, score, score_project, score_project_with};
pub use portfolio::{PortfolioAccumulator, PortfolioBreakdown, UNASSIGNED_BUSINESS_UNIT};
pub use ruleset::{
    RulesetError, canonical_toml, default_ruleset, effective_ruleset, load_ruleset, overrides,
    ruleset_from_toml, ruleset_record, ruleset_sha256, validate,
};
pub use series::{Series, series};

/// One check of the checklist.
///
/// A rule is stateless: everything it decides comes from the project, its
/// monthly series and the ruleset, so the engine can run it anywhere.
pub trait Rule: Sync {
    /// Which check this is.
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
pub static RULES: [&dyn Rule; 3] = [
    &checks::roi::RoiCheck,
    &checks::diversification::DiversificationCheck,
    &checks::agentic::AgenticCheck,
];

/// The rule implementing `check`.
#[must_use]
pub fn rule(check: CheckId) -> &'static dyn Rule {
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
