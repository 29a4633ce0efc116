//! The report's view-model: plain, serialisable data the templates walk.
//!
//! Every number arrives formatted for people (and raw where a template may
//! want to compare or sort), so a template only lays text out. Nothing here
//! decides anything: the figures are the scorecard's, the risk lists are the
//! scorecard's findings filtered by status and ordered by compute spend.
//! Projects and rejected rows are produced one at a time as the template
//! walks them ([`LazyRows`]), so a large portfolio never holds every
//! project's text and chart at once.

use std::path::Path;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use serde::Serialize;

use super::project::{KeyValue, project_view};
use super::summary::{SummaryView, summary_view};
use super::{chart_files, charts};
use crate::format;
use crate::model::{GradedRun, Phase, ProjectScore, RejectedRow};

/// Everything a report template sees.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub title: &'static str,
    pub run: RunView,
    pub summary: SummaryView,
    pub charts: ChartsView,
    /// One line per project for the overview table (see [`ScoreRow`]).
    pub scores: Value,
    /// The scored projects, in input order (see [`super::project::ProjectView`]).
    pub projects: Value,
    pub project_count: usize,
    /// Says so when the report details fewer projects than the run scored;
    /// empty otherwise.
    pub detail_note: String,
    /// The projects whose explicit cash flows the appendix lists (see
    /// [`super::appendix::AppendixSection`]).
    pub cash_flows: Value,
    pub cash_flow_projects: usize,
    /// One entry per problem of each rejected row.
    pub rejected: Value,
    pub rejected_count: usize,
    pub ruleset: RulesetView,
    /// The projects whose months the plan-and-actual appendix lists (see
    /// [`super::appendix::AppendixSection`]).
    pub review_months: Value,
    pub review_month_projects: usize,
    /// The cloud bills' section, in a run given bills.
    pub bills: Option<super::bills::BillsView>,
    /// The scenarios' section; `None` when the run scored none.
    pub scenarios: Option<super::scenarios::ScenariosView>,
    /// The portfolio's simulated odds; `None` when the run drew nothing.
    pub odds: Option<super::odds::OddsView>,
}

/// The run record, formatted.
#[derive(Debug, Serialize)]
pub struct RunView {
    pub tool: &'static str,
    pub version: &'static str,
    pub as_of: String,
    pub currency: String,
    /// How money is written in the report, so sums check by hand.
    pub money_rule: String,
    pub horizon_months: u32,
    pub target: String,
    pub ruleset_name: String,
    pub ruleset_sha256: String,
    /// Keys that differ from the default ruleset; empty for the default.
    pub ruleset_overrides: Vec<String>,
    pub ruleset_path: Option<String>,
    pub inputs: Vec<InputView>,
    /// Reading options that change values, each with its setting.
    pub options: Vec<KeyValue>,
    pub template_sha256: Option<String>,
    /// Exchange rates used, one line each: `1 EUR = 1.1 USD (--fx rates.csv)`.
    pub fx: Vec<String>,
    /// Expected business units that sent nothing; `None` without `--expect`.
    pub missing_units: Option<Vec<String>>,
    /// What moved since the baseline run; `None` without `--baseline`.
    pub changes: Option<ChangesView>,
    /// The run record as JSON, embedded so `airoi verify` can read it back.
    pub record_json: String,
    /// A Markdown code fence longer than any backtick run in `record_json`.
    pub record_fence: String,
}

/// What moved since the baseline run, in sentences and table rows.
#[derive(Debug, Serialize)]
pub struct ChangesView {
    pub previous_as_of: String,
    pub ruleset_changed: bool,
    /// Portfolio figures: name, before, after, change.
    pub portfolio: Vec<[String; 4]>,
    pub added: Vec<String>,
    pub dropped: Vec<String>,
    /// `ID name: C → A (up 2)`.
    pub grade_moves: Vec<String>,
    /// `ID roi: warn → pass; monthly_benefit 2,500 → 4,000`.
    pub status_changes: Vec<String>,
}

fn changes_view(c: &crate::model::Changes) -> ChangesView {
    ChangesView {
        previous_as_of: c.previous_as_of.clone(),
        ruleset_changed: c.ruleset_changed,
        portfolio: c
            .portfolio
            .iter()
            .map(|d| {
                let kind = d.kind();
                let show = |v: Option<f64>| {
                    v.map_or_else(|| "n/a".to_string(), |v| format::figure(kind, v))
                };
                [
                    d.label(),
                    show(d.from),
                    show(d.to),
                    d.shown_change()
                        .map_or_else(String::new, |x| format::figure_change(kind, x)),
                ]
            })
            .collect(),
        added: c
            .added
            .iter()
            .map(|p| format!("{} {} (grade {})", p.project_id, p.project_name, p.grade))
            .collect(),
        dropped: c
            .dropped
            .iter()
            .map(|p| {
                format!(
                    "{} {} (was grade {})",
                    p.project_id, p.project_name, p.grade
                )
            })
            .collect(),
        grade_moves: c
            .grade_moves
            .iter()
            .map(|m| {
                format!(
                    "{} {}: {} → {} ({} {})",
                    m.project_id,
                    m.project_name,
                    m.from,
                    m.to,
                    if m.steps > 0 { "up" } else { "down" },
                    m.steps.abs()
                )
            })
            .collect(),
        status_changes: c
            .status_changes
            .iter()
            .map(|s| {
                format!(
                    "{} {}: {} → {} ({} → {}); {}",
                    s.project_id,
                    s.check_name(),
                    s.from,
                    s.to,
                    s.verdict_from,
                    s.verdict_to,
                    s.why()
                )
            })
            .collect(),
    }
}

/// One input file of the run.
#[derive(Debug, Serialize)]
pub struct InputView {
    pub number: usize,
    pub path: String,
    pub sha256: String,
    pub format: String,
    pub sheets: String,
    pub rows_read: usize,
    pub projects: usize,
    pub cash_flow_rows: usize,
    pub rejected: usize,
    pub skipped: usize,
    /// `read`, or why the file could not be read.
    pub state: String,
    pub notes: Vec<String>,
}

/// The executive summary's three charts, as inline SVG (safe strings), and
/// for the Markdown report the relative links to their files.
#[derive(Debug, Serialize)]
pub struct ChartsView {
    pub scatter: Value,
    /// `audit.charts/portfolio-return.svg`; empty in HTML, which has the
    /// charts inline.
    pub scatter_file: String,
    pub providers_file: String,
    pub grades_file: String,
    /// What the scatter leaves out or clips, in a sentence; empty when nothing.
    pub scatter_note: String,
    pub providers: Value,
    pub grades: Value,
}

/// The effective ruleset as `airoi rules` prints it.
#[derive(Debug, Serialize)]
pub struct RulesetView {
    pub name: String,
    pub toml: String,
    /// `toml` in paragraphs, each with the blank line after it: together
    /// they are `toml`, and the HTML report keeps each on one page.
    pub paragraphs: Vec<String>,
    /// A Markdown code fence longer than any backtick run in `toml`.
    pub fence: String,
}

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

/// One problem of one rejected row, as the JSON lists them.
#[derive(Debug, Serialize)]
pub struct RejectedView {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub cell: String,
    pub column: String,
    pub value: String,
    pub message: String,
}

/// Builds the view of a whole run. `folder` is where the report is
/// written, for its run record; `links` is the chart folder's link prefix
/// for a report whose charts are files beside it (Markdown), `None` when
/// they are inline.
pub fn report_view(
    run: &Arc<GradedRun>,
    folder: Option<&Path>,
    links: Option<&str>,
) -> Result<ReportView, crate::export::ExportError> {
    let summary = summary_view(run);
    let (scatter, scatter_note) = super::scatter::scatter(run)?;
    let link = |name: &str| links.map_or_else(String::new, |dir| format!("{dir}/{name}"));
    let links: Option<Arc<str>> = links.map(Arc::from);
    let cash_flows = super::cash_flows::cash_flow_projects(run);
    let review_months = super::review_months::review_month_projects(run);
    Ok(ReportView {
        title: "AI portfolio audit report",
        run: run_view(run, folder),
        charts: ChartsView {
            scatter: Value::from_safe_string(scatter),
            scatter_file: link(chart_files::SCATTER),
            providers_file: link(chart_files::PROVIDERS),
            grades_file: link(chart_files::GRADES),
            scatter_note,
            providers: Value::from_safe_string(charts::provider_mix(run)?),
            grades: Value::from_safe_string(charts::grades(run)?),
        },
        summary,
        scores: Value::from_object(LazyRows {
            run: Arc::clone(run),
            links: None,
            kind: RowKind::Scores,
            len: run.scorecard.projects.len(),
        }),
        projects: Value::from_object(LazyRows {
            run: Arc::clone(run),
            links,
            kind: RowKind::Projects,
            len: run.scorecard.projects.len(),
        }),
        project_count: run.scorecard.projects.len(),
        detail_note: detail_note(run),
        cash_flow_projects: cash_flows.len(),
        cash_flows: Value::from_object(cash_flows),
        rejected: Value::from_object(LazyRows {
            run: Arc::clone(run),
            links: None,
            kind: RowKind::Rejected,
            len: problem_count(run),
        }),
        rejected_count: problem_count(run),
        ruleset: ruleset_view(run),
        review_month_projects: review_months.len(),
        review_months: Value::from_object(review_months),
        bills: super::bills::bills_view(run),
        scenarios: super::scenarios::scenarios_view(run),
        odds: super::odds::odds_view(run),
    })
}

/// The note on a report that details only the first projects of a big run.
fn detail_note(run: &GradedRun) -> String {
    let (shown, all) = (
        run.scorecard.projects.len(),
        run.scorecard.portfolio.projects,
    );
    if shown >= all {
        return String::new();
    }
    format!(
        "This report details the first {shown} of {all} projects, in input order: the scores table, \
         the lists of projects at risk, the return-ratio chart and the project pages cover those; \
         the portfolio figures and the other charts cover all {all}. The graded workbook and the \
         JSON have every project; `airoi score --report-projects N` details more."
    )
}

fn run_view(run: &GradedRun, folder: Option<&Path>) -> RunView {
    let r = &run.run;
    let record_json = crate::export::json::run_record_json(run, folder).unwrap_or_default();
    let options = &r.options;
    RunView {
        tool: r.tool,
        version: r.version,
        as_of: r.as_of.format("%Y-%m-%d").to_string(),
        currency: r.currency.clone(),
        money_rule: format!(
            "whole {}, rounded from the amounts computed: a total or product is of the \
             amounts before rounding, so adding shown figures may differ by a unit",
            r.currency
        ),
        horizon_months: run.ruleset.horizon_months,
        target: format::target(run.ruleset.target_ratio),
        ruleset_name: r.ruleset.name.clone(),
        ruleset_sha256: r.ruleset.sha256.clone(),
        ruleset_overrides: r.ruleset.overrides.clone(),
        ruleset_path: r.ruleset.path.clone(),
        inputs: r
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| InputView {
                number: i + 1,
                path: input.path.clone(),
                sha256: input.sha256.clone(),
                format: input.format.clone().unwrap_or_else(|| "unknown".into()),
                sheets: input.sheets.join(", "),
                rows_read: input.rows_read,
                projects: input.projects,
                cash_flow_rows: input.cash_flow_rows,
                rejected: input.rejected,
                skipped: input.skipped,
                state: input.state.describe(),
                notes: input.notes.clone(),
            })
            .collect(),
        options: vec![
            KeyValue::new("--decimal-comma", format::yes_no(options.decimal_comma)),
            KeyValue::new(
                "--date-order",
                options
                    .date_order
                    .map_or("none (slash dates rejected)", |o| match o {
                        crate::model::DateOrder::Dmy => "dmy (day first)",
                        crate::model::DateOrder::Mdy => "mdy (month first)",
                    }),
            ),
            KeyValue::new(
                "--sheet",
                options.sheet.as_deref().unwrap_or("detected per file"),
            ),
        ],
        template_sha256: r.report_template_sha256.clone(),
        fx: r
            .fx
            .iter()
            .map(|fx| {
                format!(
                    "1 {} = {} {} ({})",
                    fx.currency, fx.rate, r.currency, fx.source
                )
            })
            .collect(),
        missing_units: run.missing_units.clone(),
        changes: run.changes.as_ref().map(changes_view),
        record_fence: fence_for(&record_json),
        record_json,
    }
}

/// A Markdown code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

fn ruleset_view(run: &GradedRun) -> RulesetView {
    let toml = crate::rules::canonical_toml(&run.ruleset);
    let longest = toml.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    RulesetView {
        name: run.ruleset.name.clone(),
        fence: "`".repeat((longest + 1).max(3)),
        paragraphs: toml.split_inclusive("\n\n").map(str::to_owned).collect(),
        toml,
    }
}

/// Problems across all rejected rows: the appendix has one line for each.
fn problem_count(run: &GradedRun) -> usize {
    run.rejected.iter().map(|r| r.problems.len().max(1)).sum()
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

/// The `index`th problem line of the rejected rows.
fn rejected_view(run: &GradedRun, mut index: usize) -> Option<RejectedView> {
    for row in &run.rejected {
        let lines = row.problems.len().max(1);
        if index < lines {
            return Some(rejected_line(row, index));
        }
        index -= lines;
    }
    None
}

/// Problem `index` of one rejected row; a row without problems (which the
/// importer never produces) still gets a line, so no row goes unlisted.
fn rejected_line(row: &RejectedRow, index: usize) -> RejectedView {
    let problem = row.problems.get(index);
    RejectedView {
        file: row.origin.file.clone(),
        sheet: row.origin.sheet.clone(),
        row: row.row,
        cell: problem
            .and_then(|p| p.cell)
            .map_or_else(|| format!("row {}", row.row), crate::model::CellPos::a1),
        column: problem
            .and_then(|p| p.column)
            .map_or_else(String::new, |c| c.name().to_owned()),
        value: problem.and_then(|p| p.value.clone()).unwrap_or_default(),
        message: problem.map_or_else(|| "rejected".into(), |p| p.message.clone()),
    }
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

impl LazyRows {
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
}

impl Object for LazyRows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.item(key.as_usize()?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let this = Arc::clone(self);
        match self.kind {
            RowKind::Scores | RowKind::Projects => {
                Enumerator::Iter(Box::new((0..self.len).filter_map(move |i| this.item(i))))
            }
            RowKind::Rejected => {
                let rows = (0..self.run.rejected.len()).flat_map(move |r| {
                    let run = Arc::clone(&this.run);
                    let lines = run.rejected[r].problems.len().max(1);
                    (0..lines)
                        .map(move |p| Value::from_serialize(rejected_line(&run.rejected[r], p)))
                });
                Enumerator::Iter(Box::new(rows))
            }
        }
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.len)
    }
}
