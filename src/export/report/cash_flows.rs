//! The report's appendix of explicit cash flows: for each project that gave
//! them, the months the ROI check used, each with its source cell.
//!
//! A project's section keeps to its page budget (about one printed page,
//! two at most) whatever its horizon: it says how many months it used and
//! links here, where a row per month has room.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use serde::Serialize;

use super::project::{InputView, input_view, is_monthly};
use crate::model::{CheckId, GradedRun};

/// One project's months of cash flows.
#[derive(Debug, Serialize)]
pub struct CashFlowsView {
    /// The project's number in the report, as its section's anchor uses.
    pub number: usize,
    pub id: String,
    pub name: String,
    pub rows: Vec<InputView>,
}

/// The projects with explicit cash flows, built one at a time as the
/// template reaches them.
#[derive(Debug)]
pub struct CashFlowProjects {
    run: Arc<GradedRun>,
    /// Indices of the projects whose ROI check used explicit cash flows.
    with_flows: Vec<usize>,
}

impl CashFlowProjects {
    pub fn new(run: &Arc<GradedRun>) -> Self {
        let with_flows = run
            .scorecard
            .projects
            .iter()
            .enumerate()
            .filter(|(_, s)| s.finding(CheckId::Roi).inputs.iter().any(is_monthly))
            .map(|(i, _)| i)
            .collect();
        CashFlowProjects {
            run: Arc::clone(run),
            with_flows,
        }
    }

    pub fn len(&self) -> usize {
        self.with_flows.len()
    }

    fn item(&self, nth: usize) -> Option<Value> {
        let index = *self.with_flows.get(nth)?;
        let score = self.run.scorecard.projects.get(index)?;
        let rows = score
            .finding(CheckId::Roi)
            .inputs
            .iter()
            .filter(|i| is_monthly(i))
            .map(input_view)
            .collect();
        Some(Value::from_serialize(CashFlowsView {
            number: index + 1,
            id: score.project.project_id.clone(),
            name: score.project.project_name.clone(),
            rows,
        }))
    }
}

impl Object for CashFlowProjects {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.item(key.as_usize()?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let this = Arc::clone(self);
        Enumerator::Iter(Box::new(
            (0..self.with_flows.len()).filter_map(move |i| this.item(i)),
        ))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.with_flows.len())
    }
}
