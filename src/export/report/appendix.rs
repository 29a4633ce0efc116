//! A report appendix with a section per project: the projects it lists,
//! chosen once, and each one's rows, built only as the template reaches
//! them so a big run's appendix costs one project's rows at a time.
//!
//! Appendix C (months of explicit cash flows, `cash_flows.rs`) and
//! Appendix D (plan and actual by month, `review_months.rs`) are two of
//! them: each says which projects it lists and how a project's rows read.

use std::fmt::Debug;
use std::sync::Arc;

use minijinja::Value;
use serde::Serialize;

use super::rows::LazyList;
use crate::model::{GradedRun, ProjectScore};

/// One project's section of an appendix.
#[derive(Debug, Serialize)]
pub struct AppendixSection<R> {
    /// The project's number in the report, as its section's anchor uses.
    pub number: usize,
    pub id: String,
    pub name: String,
    pub rows: Vec<R>,
}

/// The projects an appendix lists, each section built as the template
/// reaches it.
pub struct Appendix<R> {
    run: Arc<GradedRun>,
    /// Indices of the projects listed, in the run's order.
    listed: Vec<usize>,
    /// A listed project's rows; `None` leaves it out.
    rows: fn(&ProjectScore) -> Option<Vec<R>>,
}

impl<R> Debug for Appendix<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Appendix")
            .field("listed", &self.listed)
            .finish_non_exhaustive()
    }
}

impl<R: Serialize + Send + Sync + 'static> Appendix<R> {
    /// The appendix of the projects for which `lists` holds, whose rows
    /// `rows` builds.
    pub fn new(
        run: &Arc<GradedRun>,
        lists: fn(&ProjectScore) -> bool,
        rows: fn(&ProjectScore) -> Option<Vec<R>>,
    ) -> Self {
        let listed = run
            .scorecard
            .projects
            .iter()
            .enumerate()
            .filter(|(_, s)| lists(s))
            .map(|(i, _)| i)
            .collect();
        Appendix {
            run: Arc::clone(run),
            listed,
            rows,
        }
    }
}

impl<R: Serialize + Send + Sync + 'static> LazyList for Appendix<R> {
    fn len(&self) -> usize {
        self.listed.len()
    }

    fn item(&self, nth: usize) -> Option<Value> {
        let index = *self.listed.get(nth)?;
        let score = self.run.scorecard.projects.get(index)?;
        Some(Value::from_serialize(AppendixSection {
            number: index + 1,
            id: score.project.project_id.clone(),
            name: score.project.project_name.clone(),
            rows: (self.rows)(score)?,
        }))
    }
}
