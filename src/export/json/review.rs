//! A project's `review` object in the JSON document: the review grade on
//! actual figures beside the plan's, the variances, on-track, which months
//! are actual and every month of the review series with the source of each
//! actual figure (see `docs/json.md`). `null` for a project without actual
//! figures.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{Actual, ActualSource, Actuals, Project, Review, ReviewMonth, Status};

/// The `review` object of a project that has one.
pub(crate) struct ReviewJson<'a> {
    pub review: &'a Review,
    pub project: &'a Project,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    status: Status,
    score: f64,
    verdict: &'a str,
    explanation: &'a str,
}

#[derive(Serialize)]
struct MonthJson<'a> {
    #[serde(flatten)]
    month: &'a ReviewMonth,
    actual_compute_source: Option<&'a ActualSource>,
    actual_benefit_source: Option<&'a ActualSource>,
}

impl Serialize for ReviewJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.review;
        let graded = r.graded.as_ref();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("grade", &graded.map(|g| g.grade.letter()))?;
        map.serialize_entry("total", &graded.map(|g| g.total))?;
        map.serialize_entry("gate", &graded.and_then(|g| g.gate.as_ref()))?;
        map.serialize_entry("phase", &graded.map(|g| g.phase))?;
        map.serialize_entry("on_track", &r.on_track)?;
        map.serialize_entry("ratio", &r.ratio)?;
        map.serialize_entry("actual_months", &r.actual_months)?;
        map.serialize_entry("unverified_benefit_months", &r.unverified_benefit)?;
        map.serialize_entry("unverified_compute_months", &r.unverified_compute)?;
        map.serialize_entry("compute_variance", &r.compute_variance)?;
        map.serialize_entry("benefit_variance", &r.benefit_variance)?;
        map.serialize_entry("reforecast", &r.reforecast)?;
        map.serialize_entry("run_rate", &r.run_rate)?;
        let checks: Option<BTreeMap<&str, CheckJson>> = graded.map(|g| {
            g.findings
                .iter()
                .map(|f| {
                    (
                        f.check.id(),
                        CheckJson {
                            status: f.status,
                            score: f.score,
                            verdict: &f.verdict,
                            explanation: &f.explanation,
                        },
                    )
                })
                .collect()
        });
        map.serialize_entry("checks", &checks)?;
        let actuals = self.project.actuals.as_ref();
        let months: Vec<MonthJson> = r.months.iter().map(|m| month_json(m, actuals)).collect();
        map.serialize_entry("months", &months)?;
        map.serialize_entry("notes", &r.notes)?;
        if let Some(billed) = actuals.and_then(|a| a.bills.as_ref()) {
            map.serialize_entry("bills", billed)?;
        }
        map.end()
    }
}

fn month_json<'a>(month: &'a ReviewMonth, actuals: Option<&'a Actuals>) -> MonthJson<'a> {
    let given = actuals.and_then(|a| a.month(month.month));
    let source =
        |figure: Option<f64>, actual: Option<&'a Actual>| figure.and(actual).map(|a| &a.source);
    MonthJson {
        month,
        actual_compute_source: source(month.actual_compute, given.and_then(|g| g.compute.as_ref())),
        actual_benefit_source: source(month.actual_benefit, given.and_then(|g| g.benefit.as_ref())),
    }
}
