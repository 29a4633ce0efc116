//! The Scores table's columns as one flat list, shared by the Scores sheet
//! and the `--csv` output so the two never disagree.
//!
//! Each column reads one value off a finished [`ProjectScore`]; nothing is
//! computed here beyond turning percent points into fractions for display.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::styles::Look;
use crate::model::{
    AgenticFigures, DiversificationFigures, EnumWords, Figures, Finding, ProjectScore,
    ProviderDimension, Review, RoiFigures, Ruleset, Variance,
};
use crate::rules::margins::words;
use crate::rules::simulation::words as odds;

/// One cell's value; serialised into the run's spools (text borrowed when
/// written, owned when read back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value<'a> {
    /// Text from the input or from airoi; always written as text.
    Text(Cow<'a, str>),
    /// A number, formatted by the column's look.
    Number(f64),
    /// Nothing to show (no compute, no payback ...).
    Blank,
}

/// One column of the Scores table.
pub struct Column {
    /// Header; `{H}` stands for the horizon in months.
    pub header: &'static str,
    pub look: Look,
    pub value: for<'a> fn(&'a ProjectScore, &'a Ruleset) -> Value<'a>,
}

impl Column {
    /// The header with the horizon filled in.
    #[must_use]
    pub fn title(&self, horizon: u32) -> String {
        self.header.replace("{H}", &horizon.to_string())
    }
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

fn opt_text(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Blank, text)
}

fn number(n: Option<f64>) -> Value<'static> {
    n.filter(|n| n.is_finite())
        .map_or(Value::Blank, Value::Number)
}

/// The roi finding's figures (a default when the finding is malformed).
pub fn roi(p: &ProjectScore) -> Cow<'_, RoiFigures> {
    match &p.findings[0].figures {
        Figures::Roi(r) => Cow::Borrowed(r),
        _ => Cow::Owned(RoiFigures::default()),
    }
}

fn div(p: &ProjectScore) -> Option<&DiversificationFigures> {
    match &p.findings[1].figures {
        Figures::Diversification(d) => Some(d),
        _ => None,
    }
}

fn agent(p: &ProjectScore) -> Option<&AgenticFigures> {
    match &p.findings[2].figures {
        Figures::Agentic(a) => Some(a),
        _ => None,
    }
}

/// The deciding dimension's largest provider, by its label.
fn top_provider<'a>(d: &'a DiversificationFigures, ruleset: &'a Ruleset) -> &'a str {
    match (&d.model, d.deciding) {
        (Some(model), "model") => {
            ruleset.provider_label(ProviderDimension::ModelVendor, &model.top_provider)
        }
        _ => ruleset.provider_label(
            ProviderDimension::Infrastructure,
            &d.infrastructure.top_provider,
        ),
    }
}

fn status(f: &Finding) -> Value<'_> {
    text(f.status.word())
}

/// Text airoi wrote, or blank.
fn owned(s: Option<String>) -> Value<'static> {
    s.map_or(Value::Blank, |t| Value::Text(Cow::Owned(t)))
}

/// Every column of the Scores table, in order; unknown input columns follow.
// One column a line reads as the table it is.
#[rustfmt::skip]
pub const SCORE_COLUMNS: &[Column] = &[
    Column { header: "Project ID", look: Look::Text, value: |p, _| text(&p.project.project_id) },
    Column { header: "Project Name", look: Look::Text, value: |p, _| text(&p.project.project_name) },
    Column { header: "Business Unit", look: Look::Text, value: |p, _| opt_text(p.project.business_unit.as_deref()) },
    Column { header: "Owner", look: Look::Text, value: |p, _| opt_text(p.project.owner.as_deref()) },
    Column { header: "Stage", look: Look::Text, value: |p, _| p.project.stage.map_or(Value::Blank, |s| Value::Text(Cow::Owned(s.label()))) },
    Column { header: "Grade", look: Look::Grade, value: |p, _| text(p.grade.letter()) },
    Column { header: "Total Score", look: Look::Score, value: |p, _| Value::Number(p.total) },
    Column {
        header: "Phase",
        look: Look::Text,
        value: |p, _| text(match p.phase {
            crate::model::Phase::Validated => "Validated",
            crate::model::Phase::Speculative => "Speculative",
        }),
    },
    Column {
        header: "Grade Capped By",
        look: Look::Text,
        value: |p, _| p.gate.as_ref().map_or(Value::Blank, |g| {
            Value::Text(Cow::Owned(g.describe()))
        }),
    },
    Column { header: "ROI Status", look: Look::Status, value: |p, _| status(&p.findings[0]) },
    Column { header: "ROI Verdict", look: Look::Text, value: |p, _| text(&p.findings[0].verdict) },
    Column { header: "ROI Score", look: Look::Score, value: |p, _| Value::Number(p.findings[0].score) },
    Column { header: "Return Ratio", look: Look::Ratio, value: |p, _| number(roi(p).ratio) },
    Column { header: "Compute ({H} months)", look: Look::Money, value: |p, _| Value::Number(roi(p).compute_total) },
    Column { header: "Benefit ({H} months)", look: Look::Money, value: |p, _| Value::Number(roi(p).benefit_total) },
    Column { header: "Net Benefit", look: Look::Money, value: |p, _| Value::Number(roi(p).net_benefit) },
    Column { header: "Net ROI", look: Look::Percent, value: |p, _| number(roi(p).net_roi) },
    Column { header: "Payback Month", look: Look::Whole, value: |p, _| number(roi(p).payback_month.map(f64::from)) },
    Column { header: "3:1 Month", look: Look::Whole, value: |p, _| number(roi(p).target_month.map(f64::from)) },
    Column { header: "NPV", look: Look::Money, value: |p, _| Value::Number(roi(p).npv) },
    Column { header: "IRR", look: Look::Rate, value: |p, _| number(roi(p).irr) },
    Column {
        header: "Cash Flows",
        look: Look::Text,
        value: |p, _| text(roi(p).series_source()),
    },
    Column { header: "P(3:1)", look: Look::Share, value: |p, _| number(p.simulation.map(|s| odds::odds_pct(s.p_target))) },
    Column { header: "Ratio P10–P90", look: Look::Text, value: |p, _| p.simulation.map_or(Value::Blank, |s| Value::Text(Cow::Owned(odds::spread(&s)))) },
    Column { header: "Odds Ranges", look: Look::Text, value: |p, _| opt_text(p.simulation.map(|s| odds::ranges(&s))) },
    Column { header: "Fragile", look: Look::Text, value: |p, _| if p.margins.fragile.is { text("yes") } else { Value::Blank } },
    Column { header: "Margin of Safety", look: Look::Text, value: |p, _| owned(words::down_text(&p.margins, p.findings[0].status, false)) },
    Column { header: "Needs", look: Look::Text, value: |p, _| owned(words::up_text(&p.margins, p.findings[0].status)) },
    Column { header: "Diversification Status", look: Look::Status, value: |p, _| status(&p.findings[1]) },
    Column { header: "Diversification Verdict", look: Look::Text, value: |p, _| text(&p.findings[1].verdict) },
    Column { header: "Diversification Score", look: Look::Score, value: |p, _| Value::Number(p.findings[1].score) },
    Column { header: "Deciding Dimension", look: Look::Text, value: |p, _| opt_text(div(p).map(|d| d.deciding)) },
    Column { header: "Top Provider", look: Look::Text, value: |p, r| opt_text(div(p).map(|d| top_provider(d, r))) },
    Column { header: "Top Share", look: Look::Share, value: |p, _| number(div(p).map(|d| d.top_share)) },
    Column { header: "HHI", look: Look::Whole, value: |p, _| number(div(p).map(|d| d.hhi)) },
    Column { header: "Effective Providers", look: Look::Decimal, value: |p, _| number(div(p).map(|d| d.effective_providers)) },
    Column { header: "Agentic Status", look: Look::Status, value: |p, _| status(&p.findings[2]) },
    Column { header: "Agentic Verdict", look: Look::Text, value: |p, _| text(&p.findings[2].verdict) },
    Column { header: "Agentic Score", look: Look::Score, value: |p, _| Value::Number(p.findings[2].score) },
    Column { header: "Capabilities", look: Look::Whole, value: |p, _| number(agent(p).map(|a| f64::from(a.capabilities))) },
    Column {
        header: "Capabilities Met",
        look: Look::Text,
        value: |p, _| {
            agent(p).map_or(Value::Blank, |a| {
                Value::Text(Cow::Owned(crate::rules::checks::agentic::capability_words_short(&a.met)))
            })
        },
    },
    Column { header: "Interaction Pattern", look: Look::Text, value: |p, _| Value::Text(Cow::Owned(p.project.interaction_pattern.value.label())) },
    Column { header: "Source File", look: Look::Text, value: |p, _| text(&p.project.origin.file) },
    Column { header: "Source Sheet", look: Look::Text, value: |p, _| text(&p.project.origin.sheet) },
    Column { header: "Source Row", look: Look::Whole, value: |p, _| Value::Number(f64::from(p.project.row)) },
];

/// The review columns follow the column of this header, at the end of the
/// plan's return figures.
const REVIEW_AFTER: &str = "Cash Flows";

fn review(p: &ProjectScore) -> Option<&Review> {
    p.review.as_ref()
}

fn variance(p: &ProjectScore, pick: fn(&Review) -> Option<&Variance>) -> Option<&Variance> {
    review(p).and_then(pick)
}

/// The review's columns, shown only in a run where some project gives
/// actual figures; blank for a project without them.
#[rustfmt::skip]
pub const REVIEW_COLUMNS: &[Column] = &[
    Column {
        header: "Review Grade",
        look: Look::Grade,
        value: |p, _| opt_text(review(p).and_then(|r| r.graded.as_ref()).map(|g| g.grade.letter())),
    },
    Column {
        header: "Actual Months",
        look: Look::Text,
        value: |p, _| review(p).filter(|r| !r.actual_months.is_empty()).map_or(Value::Blank, |r| {
            Value::Text(Cow::Owned(crate::format::month_span(&r.actual_months)))
        }),
    },
    Column { header: "Compute Variance", look: Look::Money, value: |p, _| number(variance(p, |r| r.compute_variance.as_ref()).map(|v| v.amount)) },
    Column { header: "Compute Variance %", look: Look::Share, value: |p, _| number(variance(p, |r| r.compute_variance.as_ref()).and_then(|v| v.pct)) },
    Column { header: "Benefit Variance", look: Look::Money, value: |p, _| number(variance(p, |r| r.benefit_variance.as_ref()).map(|v| v.amount)) },
    Column { header: "Benefit Variance %", look: Look::Share, value: |p, _| number(variance(p, |r| r.benefit_variance.as_ref()).and_then(|v| v.pct)) },
    Column {
        header: "On Track for 3:1",
        look: Look::Text,
        value: |p, _| opt_text(review(p).and_then(|r| r.on_track).map(crate::format::yes_no)),
    },
    Column { header: "Billed Mix Gap (points)", look: Look::Score, value: |p, _| number(billed_mix_gap(p)) },
];

/// The largest gap, in percentage points, between a project's billed and
/// declared mixes (the Findings and the report give the warning above
/// `bills.mix_gap_points`); `None` for a project the bills did not match.
fn billed_mix_gap(p: &ProjectScore) -> Option<f64> {
    let billed = p.project.actuals.as_ref()?.bills.as_ref()?;
    billed.mix.iter().map(|m| m.gap_points).reduce(f64::max)
}

/// The Scores columns in order: with the review's when `reviewed`.
#[must_use]
pub fn shown(reviewed: bool) -> Vec<&'static Column> {
    let mut out = Vec::with_capacity(SCORE_COLUMNS.len() + REVIEW_COLUMNS.len());
    for column in SCORE_COLUMNS {
        out.push(column);
        if reviewed && column.header == REVIEW_AFTER {
            out.extend(REVIEW_COLUMNS);
        }
    }
    out
}

/// Where the review columns start in a row of every column ([`shown`] with
/// `true`).
#[must_use]
pub fn review_start() -> usize {
    SCORE_COLUMNS
        .iter()
        .position(|c| c.header == REVIEW_AFTER)
        .map_or(SCORE_COLUMNS.len(), |i| i + 1)
}

/// Table headers must be unique and non-empty: an input column named like
/// one of ours, or twice, or not at all, gets a distinguishing suffix.
#[must_use]
pub fn unique_headers(headers: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    headers
        .into_iter()
        .enumerate()
        .map(|(i, header)| {
            let base: String = if header.trim().is_empty() {
                format!("Column {}", i + 1)
            } else {
                header.chars().take(250).collect()
            };
            let mut name = base.clone();
            let mut n = 2;
            while !seen.insert(name.to_lowercase()) {
                name = format!("{base} ({n})");
                n += 1;
            }
            name
        })
        .collect()
}
