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
/// order), all of the ruleset's when it gives none, none with `none`.
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
        if !ruleset
            .scenarios
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(name))
        {
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
        .filter(|s| names.iter().any(|n| s.name.eq_ignore_ascii_case(n)))
        .cloned()
        .collect())
}

/// One line a scenario: `airoi: benefit −30%: 2 projects lose their grade
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
                "airoi: {label}: {n} {} lose their grade or ROI status",
                plural(n, "project", "projects")
            );
            if all_here {
                let named: Vec<String> = card
                    .projects
                    .iter()
                    .filter_map(|p| crate::rules::scenarios::what_broke(p, i))
                    .collect();
                let _ = write!(line, " ({}", named[..named.len().min(NAMED_MAX)].join(", "));
                if named.len() > NAMED_MAX {
                    let _ = write!(line, " and {} more", named.len() - NAMED_MAX);
                }
                line.push(')');
            }
            line
        })
        .collect()
}
