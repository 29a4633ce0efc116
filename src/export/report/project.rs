//! One project's page of the report: grade, phase, the total's arithmetic,
//! and for each check its inputs with their source cells, computed values,
//! thresholds, status, explanation, what would change the verdict and notes.
//!
//! The arithmetic line is written from the ruleset's weights and the rounded
//! scores the engine added up, so it is exactly what decided the grade
//! (`spec/checklist.md`, "Numbers, thresholds and rounding").

use std::fmt::Write as _;

use minijinja::Value;
use serde::Serialize;

use super::change::what_would_change;
use crate::format;
use crate::model::{
    CheckId, EnumWords, FieldId, Figures, Finding, GateApplied, GradedRun, InputUsed, ProjectScore,
    ProviderDimension, Ruleset, Weights,
};
use crate::rules::checks::agentic;
use crate::rules::margins::words;
use crate::rules::simulation::words as odds;

/// A label and a formatted value.
#[derive(Debug, Clone, Serialize)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

impl KeyValue {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValue {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// One project's section.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    /// 1-based position in the report, used for anchors (`p-3`).
    pub number: usize,
    pub id: String,
    pub name: String,
    pub business_unit: String,
    pub owner: String,
    pub stage: String,
    /// `file:Sheet row 7`.
    pub source: String,
    pub grade: &'static str,
    pub total: String,
    pub total_raw: f64,
    pub phase: &'static str,
    /// The gate that capped the grade, in words; empty when none applied.
    pub gate: String,
    /// `0.50 × 100.0 + 0.25 × 96.0 + 0.25 × 80.0 = 94.0 → A`.
    pub arithmetic: String,
    pub checks: Vec<CheckView>,
    /// What the importer noticed about the row.
    pub notes: Vec<String>,
    /// Columns airoi does not know, as read.
    pub extra: Vec<KeyValue>,
    /// Cumulative benefit against target × cumulative compute (inline SVG).
    pub chart: Value,
    /// The chart's file, linked from a Markdown report; empty in HTML or
    /// when the chart could not be drawn.
    pub chart_file: String,
    /// The chart in one sentence, for formats without pictures.
    pub chart_caption: String,
    /// The review on actual figures, when the project gives any.
    pub review: Option<super::review::ReviewView>,
    /// Which input moves the ratio most, shown in the roi check's block;
    /// `None` when the project has no margins.
    pub tornado: Option<super::tornado::TornadoView>,
}

/// One check's verdict on one project, with its evidence.
#[derive(Debug, Serialize)]
pub struct CheckView {
    pub id: &'static str,
    pub title: &'static str,
    pub status: &'static str,
    pub score: String,
    pub score_raw: f64,
    pub weight: String,
    pub verdict: String,
    pub figures: Vec<KeyValue>,
    pub thresholds: Vec<KeyValue>,
    /// The inputs used, but for the months of explicit cash flows.
    pub inputs: Vec<InputView>,
    /// Months of explicit cash flows used, listed in the report's appendix.
    pub monthly_rows: usize,
    pub explanation: String,
    pub change: String,
    /// How far the status is from changing (`to warn: benefit −26.8%, …`);
    /// empty but for the roi check with margins.
    pub margin: String,
    /// Why the grade is fragile; empty when it is not.
    pub fragile: String,
    /// The simulated odds (`P(3:1) 87.3%; ratio P10 2.85, …`); empty but
    /// for the roi check of a project drawn.
    pub odds: String,
    pub notes: Vec<String>,
}

/// An input value a check used.
#[derive(Debug, Serialize)]
pub struct InputView {
    pub field: &'static str,
    pub value: String,
    /// The cell's text as the file held it; empty for defaults.
    pub raw: String,
    /// `file:Sheet!D7`, or `default`.
    pub cell: String,
}

/// Builds the section of the `index`th (0-based) project; `links` is the
/// chart folder's link prefix when the charts are files beside the report.
pub fn project_view(
    run: &GradedRun,
    index: usize,
    score: &ProjectScore,
    links: Option<&str>,
) -> ProjectView {
    let p = &score.project;
    let weights = &run.ruleset.weights;
    let (chart, chart_caption) = super::project_chart::project_chart(run, score);
    let chart_file = match links {
        Some(dir) if !chart.is_empty() => format!(
            "{dir}/{}",
            super::chart_files::project_file(index + 1, &p.project_id)
        ),
        _ => String::new(),
    };
    ProjectView {
        number: index + 1,
        id: p.project_id.clone(),
        name: p.project_name.clone(),
        business_unit: p.business_unit.clone().unwrap_or_default(),
        owner: p.owner.clone().unwrap_or_default(),
        stage: p.stage.map(EnumWords::label).unwrap_or_default(),
        source: format!("{}:{} row {}", p.origin.file, p.origin.sheet, p.row),
        grade: score.grade.letter(),
        total: format!("{:.1}", score.total),
        total_raw: score.total,
        phase: match score.phase {
            crate::model::Phase::Validated => "Validated",
            crate::model::Phase::Speculative => "Speculative",
        },
        gate: score.gate.as_ref().map(gate_words).unwrap_or_default(),
        arithmetic: arithmetic(score, weights),
        checks: score
            .findings
            .iter()
            .map(|f| {
                // The roi check's block says how sure its status is.
                let roi = (f.check == CheckId::Roi).then_some(score);
                check_view(run, f, weight_of(weights, f.check), roi)
            })
            .collect(),
        notes: p.notes.clone(),
        extra: p
            .extra
            .iter()
            .map(|(k, v)| KeyValue::new(k.clone(), v.clone()))
            .collect(),
        chart: Value::from_safe_string(chart),
        chart_file,
        chart_caption,
        review: super::review::review_view(run, index + 1, score, links),
        tornado: super::tornado::project_tornado(run, index + 1, score, links),
    }
}

fn weight_of(w: &Weights, check: CheckId) -> f64 {
    match check {
        CheckId::Roi => w.roi,
        CheckId::Diversification => w.diversification,
        CheckId::Agentic => w.agentic,
    }
}

/// A weight as written in the arithmetic: two decimals when they are exact
/// (`0.50`), otherwise every digit it has (`0.333`).
fn weight(w: f64) -> String {
    let two = format!("{w:.2}");
    if two.parse::<f64>().is_ok_and(|x| (x - w).abs() < 1e-12) {
        two
    } else {
        format!("{w}")
    }
}

/// The total as the engine computed it, term by term, then the grade and
/// the gate that capped it, if one did.
#[must_use]
pub fn arithmetic(score: &ProjectScore, weights: &Weights) -> String {
    let terms: Vec<String> = score
        .findings
        .iter()
        .map(|f| format!("{} × {:.1}", weight(weight_of(weights, f.check)), f.score))
        .collect();
    let banded = score.gate.as_ref().map_or(score.grade, |g| g.from);
    let mut line = format!(
        "{} = {:.1} → {}",
        terms.join(" + "),
        score.total,
        banded.letter()
    );
    if let Some(gate) = &score.gate {
        let _ = write!(
            line,
            "; {} → capped at {}",
            gate.because(),
            gate.to.letter()
        );
    }
    line
}

fn gate_words(gate: &GateApplied) -> String {
    format!(
        "{} by the bands, capped at {} because {}",
        gate.from.letter(),
        gate.to.letter(),
        gate.because()
    )
}

fn check_view(
    run: &GradedRun,
    f: &Finding,
    weight_raw: f64,
    roi: Option<&ProjectScore>,
) -> CheckView {
    let margins = roi.map(|s| &s.margins);
    let target = format::target(run.ruleset.target_ratio);
    CheckView {
        id: f.check.id(),
        title: f.check.title(),
        status: f.status.word(),
        score: format!("{:.1}", f.score),
        score_raw: f.score,
        weight: weight(weight_raw),
        verdict: f.verdict.clone(),
        figures: figures(f, &run.ruleset),
        thresholds: f
            .thresholds
            .iter()
            .map(|t| {
                let (label, value) = t.describe();
                KeyValue::new(label, value)
            })
            .collect(),
        inputs: f
            .inputs
            .iter()
            .filter(|i| !is_monthly(i))
            .map(input_view)
            .collect(),
        monthly_rows: f.inputs.iter().filter(|i| is_monthly(i)).count(),
        explanation: f.explanation.clone(),
        change: what_would_change(f, &run.ruleset),
        margin: margins
            .and_then(|m| words::margin_text(m, f.status))
            .unwrap_or_default(),
        fragile: margins.and_then(words::fragile_text).unwrap_or_default(),
        odds: roi
            .and_then(|s| s.simulation.as_ref())
            .map(|s| odds::project_line(s, &target))
            .unwrap_or_default(),
        notes: f.notes.clone(),
    }
}

/// An input as the report shows it.
pub fn input_view(i: &InputUsed) -> InputView {
    InputView {
        field: FieldId::label_of(i.field),
        value: i.value.clone(),
        raw: i.raw.clone().unwrap_or_default(),
        cell: i
            .cell
            .as_ref()
            .map_or_else(|| "default".into(), ToString::to_string),
    }
}

/// Whether an input is one month of a project's explicit cash flows: the
/// report lists those in an appendix ([`super::cash_flows`]), since a
/// project's page could not hold a row per month.
pub fn is_monthly(i: &InputUsed) -> bool {
    i.field == "cash_flows"
}

fn opt(x: Option<f64>, show: impl Fn(f64) -> String) -> String {
    x.map_or_else(|| "n/a".into(), show)
}

/// A payback or target month, or why there is none: no compute spend
/// given, or never reached so that it lasts through the horizon.
fn month(m: Option<u32>, assessable: bool, missing: &str) -> String {
    match (m, assessable) {
        (Some(m), _) => format!("month {m}"),
        (None, false) => "n/a: no compute spend was given".into(),
        (None, true) => format!("none: {missing}"),
    }
}

/// The check's computed values, labelled for people.
fn figures(f: &Finding, ruleset: &Ruleset) -> Vec<KeyValue> {
    match &f.figures {
        Figures::Roi(r) => vec![
            KeyValue::new("compute over the horizon", format::money(r.compute_total)),
            KeyValue::new("benefit over the horizon", format::money(r.benefit_total)),
            KeyValue::new("return ratio", opt(r.ratio, |x| format::ratio(x, 3))),
            KeyValue::new("net ROI", opt(r.net_roi, |x| format::pct(x * 100.0))),
            KeyValue::new("net benefit", format::money(r.net_benefit)),
            KeyValue::new(
                "payback",
                month(
                    r.payback_month,
                    r.ratio.is_some(),
                    "not in profit from any month through the horizon, nor later",
                ),
            ),
            KeyValue::new(
                "target reached",
                month(
                    r.target_month,
                    r.ratio.is_some(),
                    "not at the target from any month through the horizon, nor later",
                ),
            ),
            KeyValue::new("NPV", format::money(r.npv)),
            KeyValue::new(
                "IRR (annual)",
                match (r.irr, r.irr_reason) {
                    (Some(x), _) => format::rate(x),
                    (None, Some(reason)) if r.ratio.is_none() => format!("n/a: {reason}"),
                    (None, Some(reason)) => format!("none: {reason}"),
                    (None, None) => opt(None, format::rate),
                },
            ),
            KeyValue::new(
                "benefit factor to reach target",
                opt(r.benefit_factor_needed, |x| format::number(x, 3)),
            ),
            KeyValue::new(
                "compute factor to reach target",
                opt(r.compute_factor_needed, |x| format::number(x, 3)),
            ),
            KeyValue::new("benefit quantified", format::yes_no(r.quantified)),
            KeyValue::new("monthly series", r.series_source()),
        ],
        Figures::Diversification(d) => {
            let mut out = vec![KeyValue::new("deciding dimension", d.deciding)];
            let dims = std::iter::once((
                "infrastructure",
                ProviderDimension::Infrastructure,
                &d.infrastructure,
            ))
            .chain(
                d.model
                    .as_ref()
                    .map(|m| ("model", ProviderDimension::ModelVendor, m)),
            );
            for (name, dimension, dim) in dims {
                out.push(KeyValue::new(
                    format!("{name}: largest provider"),
                    format!(
                        "{} {}",
                        ruleset.provider_label(dimension, &dim.top_provider),
                        format::pct(dim.top_share)
                    ),
                ));
                out.push(KeyValue::new(
                    format!("{name}: HHI"),
                    format::number(dim.hhi, 1),
                ));
                out.push(KeyValue::new(
                    format!("{name}: effective providers"),
                    format::number(dim.effective_providers, 2),
                ));
                out.push(KeyValue::new(
                    format!("{name}: status, score"),
                    format!("{}, {:.1}", dim.status.word(), dim.score),
                ));
            }
            out
        }
        Figures::Agentic(a) => vec![
            KeyValue::new("capabilities met", format!("{} of 5", a.capabilities)),
            KeyValue::new("which", agentic::capability_words_short(&a.met)),
        ],
    }
}
