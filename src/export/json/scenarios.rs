//! The scenarios in the JSON document: `scenarios` at the top, each
//! scenario's shocks and what it does to the portfolio, and `scenarios` in
//! each project, its grade and ROI status under each (see `docs/json.md`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{Grade, ProjectScore, ScenarioResult, ScenarioSummary};

/// Every scenario of the run, in order.
pub(super) struct Summaries<'a>(pub &'a [ScenarioSummary]);

#[derive(Serialize)]
struct SummaryJson<'a> {
    name: &'a str,
    label: &'a str,
    shocks: Shocks,
    projects_broken: usize,
    grades: BTreeMap<&'static str, usize>,
    validated: usize,
    compute_total: f64,
    benefit_total: f64,
    ratio: Option<f64>,
}

#[derive(Serialize)]
struct Shocks {
    compute_price_pct: f64,
    compute_price_from_month: u32,
    benefit_cut_pct: f64,
    benefit_delay_months: u32,
    growth_points: f64,
    remove_largest_provider: bool,
}

impl Serialize for Summaries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|summary| {
            let sc = &summary.scenario;
            SummaryJson {
                name: &sc.name,
                label: &sc.label,
                shocks: Shocks {
                    compute_price_pct: sc.compute_price_pct,
                    compute_price_from_month: sc.compute_price_from_month,
                    benefit_cut_pct: sc.benefit_cut_pct,
                    benefit_delay_months: sc.benefit_delay_months,
                    growth_points: sc.growth_points,
                    remove_largest_provider: sc.remove_largest_provider,
                },
                projects_broken: summary.broken,
                grades: Grade::ALL
                    .iter()
                    .map(|g| (g.letter(), summary.grades.get(g).copied().unwrap_or(0)))
                    .collect(),
                validated: summary.validated,
                compute_total: summary.compute_total,
                benefit_total: summary.benefit_total,
                ratio: summary.ratio,
            }
        }))
    }
}

/// One project under each scenario of the run.
pub(super) struct ProjectScenarios<'a>(pub &'a ProjectScore);

#[derive(Serialize)]
struct ResultJson {
    grade: &'static str,
    status: crate::model::Status,
    total: f64,
    ratio: Option<f64>,
}

impl Serialize for ProjectScenarios<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let score = self.0;
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("worst_grade", score.worst_grade().letter())?;
        map.serialize_entry(
            "broken_by",
            &score
                .broken_by()
                .and_then(|i| score.scenarios.get(i))
                .map(|r| r.scenario.as_str()),
        )?;
        map.serialize_entry("results", &Results(&score.scenarios))?;
        map.end()
    }
}

/// The results by scenario name, in the run's order.
struct Results<'a>(&'a [ScenarioResult]);

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for r in self.0 {
            map.serialize_entry(
                &r.scenario,
                &ResultJson {
                    grade: r.grade.letter(),
                    status: r.status,
                    total: r.total,
                    ratio: r.ratio,
                },
            )?;
        }
        map.end()
    }
}
