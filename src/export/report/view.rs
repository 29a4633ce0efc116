//! The report's view-model: plain, serialisable data the templates walk.
//!
//! Every number arrives formatted for people (and raw where a template may
//! want to compare or sort), so a template only lays text out. Nothing here
//! decides anything: the figures are the scorecard's, the risk lists are the
//! scorecard's findings filtered by status and ordered by compute spend.
//! Projects and rejected rows are produced one at a time as the template
//! walks them ([`super::rows`]), so a large portfolio never holds every
//! project's text and chart at once.
//!
//! The parts live beside it: [`super::run_record`] (the run record and
//! the ruleset appendix), [`super::rows`] (the overview table, project
//! sections and rejected rows, built lazily) and the sections' own modules.

use std::path::Path;
use std::sync::Arc;

use minijinja::Value;
use serde::Serialize;

use super::rejected::problem_count;
use super::rows::{Lazy, LazyList};
use super::run_record::{RulesetView, RunView, ruleset_view, run_view};
use super::summary::{SummaryView, summary_view};
use super::{chart_files, charts, rows};
use crate::model::GradedRun;

/// Everything a report template sees.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub title: &'static str,
    pub run: RunView,
    pub summary: SummaryView,
    pub charts: ChartsView,
    /// One line per project for the overview table (see [`super::rows::ScoreRow`]).
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
        scores: rows::scores(run),
        projects: rows::projects(run, links),
        project_count: run.scorecard.projects.len(),
        detail_note: detail_note(run),
        cash_flow_projects: cash_flows.len(),
        cash_flows: Value::from_object(Lazy(cash_flows)),
        rejected: rows::rejected(run),
        rejected_count: problem_count(run),
        ruleset: ruleset_view(run),
        review_month_projects: review_months.len(),
        review_months: Value::from_object(Lazy(review_months)),
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
