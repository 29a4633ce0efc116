//! The report's long lists, each item built when the template reaches it
//! ([`LazyList`], read by templates through [`Lazy`]), so a large portfolio never holds every project's text
//! and chart at once: the overview table's lines ([`ScoreRow`]), the
//! project sections ([`super::project`]) and the rejected rows' problem
//! lines ([`super::rejected`]).

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use serde::Serialize;

use super::project::project_view;
use super::rejected::{problem_count, rejected_lines, rejected_view};
use crate::model::{GradedRun, Phase, ProjectScore};

/// A project's line in the overview table.
#[derive(Debug, Serialize)]
pub struct ScoreRow {
    pub number: usize,
    pub id: String,
    pub name: String,
    pub grade: &'static str,
    pub total: String,
    pub phase: &'static str,
    /// Each check's status word (`pass`, `warn`, `fail`) for styling.
    pub statuses: [&'static str; 3],
    /// Each check as `pass Quantified 3:1`.
    pub roi: String,
    pub diversification: String,
    pub agentic: String,
}

fn score_row(index: usize, score: &ProjectScore) -> ScoreRow {
    let check = |i: usize| {
        let f = &score.findings[i];
        format!("{} {}", f.status.word(), f.verdict)
    };
    ScoreRow {
        number: index + 1,
        id: score.project.project_id.clone(),
        name: score.project.project_name.clone(),
        grade: score.grade.letter(),
        total: format!("{:.1}", score.total),
        phase: match score.phase {
            Phase::Validated => "Validated",
            Phase::Speculative => "Speculative",
        },
        statuses: score.findings.each_ref().map(|f| f.status.word()),
        roi: check(0),
        diversification: check(1),
        agentic: check(2),
    }
}

/// The overview table's lines, one per scored project.
pub fn scores(run: &Arc<GradedRun>) -> Value {
    Value::from_object(Lazy(LazyRows {
        run: Arc::clone(run),
        links: None,
        kind: RowKind::Scores,
        len: run.scorecard.projects.len(),
    }))
}

/// The project sections, in input order; `links` is the chart folder's
/// link prefix for a Markdown report, `None` when charts are inline.
pub fn projects(run: &Arc<GradedRun>, links: Option<Arc<str>>) -> Value {
    Value::from_object(Lazy(LazyRows {
        run: Arc::clone(run),
        links,
        kind: RowKind::Projects,
        len: run.scorecard.projects.len(),
    }))
}

/// The rejected rows' problem lines.
pub fn rejected(run: &Arc<GradedRun>) -> Value {
    Value::from_object(Lazy(LazyRows {
        run: Arc::clone(run),
        links: None,
        kind: RowKind::Rejected,
        len: problem_count(run),
    }))
}

#[derive(Debug, Clone, Copy)]
enum RowKind {
    Scores,
    Projects,
    Rejected,
}

/// A sequence whose items are built when the template reaches them.
///
/// Looking a rejected line up by index walks the rows, so iteration (what
/// templates do) hands the lines out in one pass instead.
#[derive(Debug)]
struct LazyRows {
    run: Arc<GradedRun>,
    /// The chart folder's link prefix, for project rows of a Markdown report.
    links: Option<Arc<str>>,
    kind: RowKind,
    len: usize,
}

impl LazyList for LazyRows {
    fn len(&self) -> usize {
        self.len
    }

    fn item(&self, index: usize) -> Option<Value> {
        match self.kind {
            RowKind::Scores => {
                let score = self.run.scorecard.projects.get(index)?;
                Some(Value::from_serialize(score_row(index, score)))
            }
            RowKind::Projects => {
                let score = self.run.scorecard.projects.get(index)?;
                Some(Value::from_serialize(project_view(
                    &self.run,
                    index,
                    score,
                    self.links.as_deref(),
                )))
            }
            RowKind::Rejected => rejected_view(&self.run, index).map(|v| Value::from_serialize(&v)),
        }
    }

    fn items(list: Arc<Lazy<Self>>) -> Box<dyn Iterator<Item = Value> + Send + Sync> {
        match list.0.kind {
            RowKind::Scores | RowKind::Projects => {
                Box::new((0..list.0.len).filter_map(move |i| list.0.item(i)))
            }
            RowKind::Rejected => {
                Box::new(rejected_lines(Arc::clone(&list.0.run)).map(Value::from_serialize))
            }
        }
    }
}

/// A list whose items are built when a template reaches them; [`Lazy`]
/// hands it to templates as a sequence.
pub(super) trait LazyList: std::fmt::Debug + Send + Sync + Sized + 'static {
    /// How many items the list holds.
    fn len(&self) -> usize;

    /// Item `index`, built now; `None` past the end or for an item left out.
    fn item(&self, index: usize) -> Option<Value>;

    /// Every item in order, as a template's loop reads them.
    fn items(list: Arc<Lazy<Self>>) -> Box<dyn Iterator<Item = Value> + Send + Sync> {
        Box::new((0..list.0.len()).filter_map(move |i| list.0.item(i)))
    }
}

/// A [`LazyList`] as a template's sequence.
#[derive(Debug)]
pub(super) struct Lazy<L>(pub L);

impl<L: LazyList> Object for Lazy<L> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0.item(key.as_usize()?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Iter(L::items(Arc::clone(self)))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.0.len())
    }
}
