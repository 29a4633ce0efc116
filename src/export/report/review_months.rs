//! The report's appendix of plan and actual by month: for each project
//! with actual months, every month of its review series with the plan,
//! the actual figures given, what the review grade counted and the
//! cumulative ratio.
//!
//! A project's section keeps to its page budget: its plan-against-actual
//! block shows the variance table and the chart, and links here, where a
//! row per month has room.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use serde::Serialize;

use crate::format;
use crate::model::{GradedRun, MonthBasis};

/// One project's months.
#[derive(Debug, Serialize)]
pub struct ReviewMonthsView {
    /// The project's number in the report, as its section's anchor uses.
    pub number: usize,
    pub id: String,
    pub name: String,
    pub rows: Vec<MonthRow>,
}

/// One month, formatted; a figure not given is empty.
#[derive(Debug, Serialize)]
pub struct MonthRow {
    pub month: u32,
    /// `2026-01`; empty without a start date.
    pub calendar: String,
    /// `actual`, `plan` or `run rate`.
    pub basis: &'static str,
    pub plan_compute: String,
    pub actual_compute: String,
    pub plan_benefit: String,
    pub actual_benefit: String,
    pub cumulative_ratio: String,
}

/// The projects with review months, built one at a time as the template
/// reaches them.
#[derive(Debug)]
pub struct ReviewMonthProjects {
    run: Arc<GradedRun>,
    /// Indices of the projects with review months.
    with_months: Vec<usize>,
}

impl ReviewMonthProjects {
    pub fn new(run: &Arc<GradedRun>) -> Self {
        let with_months = run
            .scorecard
            .projects
            .iter()
            .enumerate()
            .filter(|(_, s)| s.review.as_ref().is_some_and(|r| !r.months.is_empty()))
            .map(|(i, _)| i)
            .collect();
        ReviewMonthProjects {
            run: Arc::clone(run),
            with_months,
        }
    }

    pub fn len(&self) -> usize {
        self.with_months.len()
    }

    fn item(&self, nth: usize) -> Option<Value> {
        let index = *self.with_months.get(nth)?;
        let score = self.run.scorecard.projects.get(index)?;
        let review = score.review.as_ref()?;
        let actuals = score.project.actuals.as_ref();
        let money = |x: Option<f64>| x.map_or_else(String::new, format::money);
        let rows = review
            .months
            .iter()
            .map(|m| MonthRow {
                month: m.month,
                calendar: actuals
                    .and_then(|a| a.calendar(m.month))
                    .map_or_else(String::new, |d| d.format("%Y-%m").to_string()),
                basis: match m.basis {
                    MonthBasis::Actual => "actual",
                    MonthBasis::Plan => "plan",
                    MonthBasis::RunRate => "run rate",
                },
                plan_compute: format::money(m.plan_compute),
                actual_compute: money(m.actual_compute),
                plan_benefit: format::money(m.plan_benefit),
                actual_benefit: money(m.actual_benefit),
                cumulative_ratio: m
                    .cumulative_ratio
                    .map_or_else(String::new, |r| format::ratio(r, 2)),
            })
            .collect();
        Some(Value::from_serialize(ReviewMonthsView {
            number: index + 1,
            id: score.project.project_id.clone(),
            name: score.project.project_name.clone(),
            rows,
        }))
    }
}

impl Object for ReviewMonthProjects {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.item(key.as_usize()?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let this = Arc::clone(self);
        Enumerator::Iter(Box::new(
            (0..self.with_months.len()).filter_map(move |i| this.item(i)),
        ))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.with_months.len())
    }
}
