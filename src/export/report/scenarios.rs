//! The report's scenario section: per scenario (and the plan) its shocks,
//! grade distribution, validated count and portfolio ratio, and the
//! projects each scenario breaks (their ROI status or grade worse than on
//! the plan), named up to a limit.

use serde::Serialize;

use crate::format;
use crate::model::{Grade, GradedRun};

/// Projects a scenario's list names at most; the rest are counted.
const NAMED_MAX: usize = 12;

/// The section; `None` when the run scored no scenarios.
#[derive(Debug, Serialize)]
pub struct ScenariosView {
    /// The plan first, then each scenario.
    pub rows: Vec<ScenarioRowView>,
    /// Per scenario that breaks any project, the projects it breaks.
    pub broken: Vec<BrokenView>,
}

/// One line of the table.
#[derive(Debug, Serialize)]
pub struct ScenarioRowView {
    pub label: String,
    /// The shocks in words; empty for the plan.
    pub shocks: String,
    /// Projects per grade, A to F.
    pub grades: Vec<String>,
    pub validated: String,
    pub ratio: String,
    /// Projects it breaks; empty for the plan.
    pub broken: String,
}

/// The projects one scenario breaks.
#[derive(Debug, Serialize)]
pub struct BrokenView {
    pub label: String,
    /// `OPS-002 A → B`, one a project the report details.
    pub projects: Vec<String>,
    /// Broken projects not named (beyond the limit, or not detailed).
    pub more: usize,
}

/// The section of a run; `None` when it scored no scenarios.
pub fn scenarios_view(run: &GradedRun) -> Option<ScenariosView> {
    let card = &run.scorecard;
    if card.scenarios.is_empty() {
        return None;
    }
    let count = |grades: &std::collections::BTreeMap<Grade, usize>| {
        Grade::ALL
            .iter()
            .map(|g| format::count(grades.get(g).copied().unwrap_or(0) as u64))
            .collect()
    };
    let ratio = |r: Option<f64>| r.map_or_else(|| "n/a".into(), |r| format::ratio(r, 2));
    let p = &card.portfolio;
    let mut rows = vec![ScenarioRowView {
        label: "Plan".into(),
        shocks: "as submitted".into(),
        grades: count(&p.grades),
        validated: format::count(p.validated as u64),
        ratio: ratio(p.ratio),
        broken: String::new(),
    }];
    let mut broken = Vec::new();
    for (i, s) in card.scenarios.iter().enumerate() {
        rows.push(ScenarioRowView {
            label: s.scenario.label.clone(),
            shocks: crate::rules::scenarios::shocks(&s.scenario),
            grades: count(&s.grades),
            validated: format::count(s.validated as u64),
            ratio: ratio(s.ratio),
            broken: format::count(s.broken as u64),
        });
        if s.broken == 0 {
            continue;
        }
        let named: Vec<String> = card
            .projects
            .iter()
            .filter_map(|p| crate::rules::scenarios::what_broke(p, i))
            .take(NAMED_MAX)
            .collect();
        broken.push(BrokenView {
            label: s.scenario.label.clone(),
            more: s.broken.saturating_sub(named.len()),
            projects: named,
        });
    }
    Some(ScenariosView { rows, broken })
}
