//! The scenarios of a run on the command line: which of the ruleset's a
//! run scores (`--scenario NAME`, `--no-scenarios`), and the lines after
//! the scores table saying which projects each scenario breaks.

use std::fmt::Write as _;

use anyhow::bail;

use super::diagnostics::plural;
use crate::model::{GradedRun, Ruleset, Scenario};

/// Projects a line names at most; the rest are counted.
const NAMED_MAX: usize = 10;

/// The scenarios a run scores: the ones `names` gives (in the ruleset's
/// order), all of the ruleset's when it gives none, none with `none`. A
/// scenario is given by its name or its label (see [`is_named`]).
///
/// # Errors
/// A name the ruleset does not have; the message lists the names it has.
pub(super) fn select(
    ruleset: &Ruleset,
    names: &[String],
    none: bool,
) -> anyhow::Result<Vec<Scenario>> {
    if none {
        return Ok(Vec::new());
    }
    if names.is_empty() {
        return Ok(ruleset.scenarios.clone());
    }
    for name in names {
        if !ruleset.scenarios.iter().any(|s| is_named(s, name)) {
            let known: Vec<String> = ruleset
                .scenarios
                .iter()
                .map(|s| format!("{} ({})", s.name, s.label))
                .collect();
            if known.is_empty() {
                bail!("--scenario {name}: the ruleset has no scenarios");
            }
            bail!(
                "--scenario {name}: the ruleset has no scenario of that name; it has {}",
                known.join(", ")
            );
        }
    }
    Ok(ruleset
        .scenarios
        .iter()
        .filter(|s| names.iter().any(|n| is_named(s, n)))
        .cloned()
        .collect())
}

/// Whether `given` names the scenario: its name, or its label, either in
/// any case, with a minus written as `-` or as the Unicode minus `−` the
/// default labels once used (`benefit −30%`).
fn is_named(scenario: &Scenario, given: &str) -> bool {
    let plain = |text: &str| text.trim().replace('\u{2212}', "-").to_lowercase();
    scenario.name.eq_ignore_ascii_case(given) || plain(&scenario.label) == plain(given)
}

/// One line a scenario: `airoi: benefit -30%: 2 projects lose their grade
/// (MKT-004 B → C, OPS-002 ROI pass → warn)`; the projects are named when the
/// run holds them all in memory.
pub(super) fn console_lines(run: &GradedRun) -> Vec<String> {
    let card = &run.scorecard;
    let all_here = card.projects.len() == card.portfolio.projects;
    card.scenarios
        .iter()
        .enumerate()
        .map(|(i, summary)| {
            let label = &summary.scenario.label;
            let n = summary.broken;
            if n == 0 {
                return format!("airoi: {label}: every grade and ROI status holds");
            }
            let mut line = format!(
                "airoi: {label}: {n} {}",
                plural(
                    n,
                    "project loses its grade or ROI status",
                    "projects lose their grade or ROI status"
                )
            );
            if all_here {
                let named: Vec<String> = card
                    .projects
                    .iter()
                    .filter_map(|p| crate::rules::scenarios::what_broke(p, i))
                    .collect();
                let _ = write!(line, " ({})", crate::format::first_named(&named, NAMED_MAX));
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::select;
    use crate::rules::default_ruleset;

    fn names(given: &[&str]) -> Vec<String> {
        let given: Vec<String> = given.iter().map(|&g| g.to_owned()).collect();
        select(&default_ruleset(), &given, false).map_or_else(
            |e| vec![e.to_string()],
            |s| s.into_iter().map(|s| s.name).collect(),
        )
    }

    #[test]
    fn a_scenario_is_given_by_name_or_label_with_either_minus() {
        assert_eq!(names(&["BENEFIT_DOWN"]), ["benefit_down"]);
        assert_eq!(names(&["benefit -30%"]), ["benefit_down"]);
        assert_eq!(names(&["Benefit \u{2212}30%"]), ["benefit_down"]);
        assert_eq!(
            names(&["benefit -31%"]),
            [
                "--scenario benefit -31%: the ruleset has no scenario of that name; it has \
              compute_up (compute +25%), benefit_down (benefit -30%), benefit_late \
              (benefits 3 months late)"
            ]
        );
    }
}
