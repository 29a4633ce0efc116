//! The Findings rows: the sheet's columns and how each is shown, and the
//! words of a row (the measure, thresholds and notes of each check, the
//! margins on the roi row and the review's word on the provider mix on the
//! diversification row), with the lines its wrapped text takes.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::export::workbook::columns::Value;
use crate::export::workbook::layout::wrapped_lines;
use crate::export::workbook::sources::input_places;
use crate::export::workbook::styles::Look;
use crate::model::{Figures, Finding, ProjectScore};
use crate::rules::margins::words;
use crate::rules::review::words as review_words;

pub(super) const HEADERS: [&str; 12] = [
    "Project ID",
    "Project Name",
    "Check",
    "Status",
    "Score",
    "Verdict",
    "Measure",
    "Measured Value",
    "Thresholds",
    "Explanation",
    "Inputs Used (source cells)",
    "Notes",
];

/// Width of the wrapped text columns (explanation, inputs, notes).
const WRAP_WIDTH: usize = 60;
/// The column of the thresholds, which wrap in a narrower one.
const THRESHOLDS_COL: usize = 8;

/// Width of a wrapped column.
pub(super) fn wrap_width(col: usize) -> usize {
    if col == THRESHOLDS_COL {
        34
    } else {
        WRAP_WIDTH
    }
}

/// How a check's measured value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Measured {
    Ratio,
    Percent,
    Whole,
}

impl Measured {
    fn look(self) -> Look {
        match self {
            Measured::Ratio => Look::Ratio,
            Measured::Percent => Look::Percent,
            Measured::Whole => Look::Whole,
        }
    }
}

/// What a check measured, and how to show it.
fn measured(finding: &Finding) -> (&'static str, Value<'static>, Measured) {
    match &finding.figures {
        Figures::Roi(r) => (
            "return ratio",
            r.ratio.map_or(Value::Blank, Value::Number),
            Measured::Ratio,
        ),
        Figures::Diversification(d) => (
            "top provider share",
            Value::Number(d.top_share / 100.0),
            Measured::Percent,
        ),
        Figures::Agentic(a) => (
            "capabilities (of 5)",
            Value::Number(f64::from(a.capabilities)),
            Measured::Whole,
        ),
    }
}

fn thresholds(finding: &Finding) -> String {
    finding
        .thresholds
        .iter()
        .map(|t| {
            let (label, value) = t.describe();
            format!("{label} {value}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// How each Findings column is shown; the measured value's look depends on
/// the check (see [`measured`]) and stands here as a ratio.
pub(super) const LOOKS: [Look; 12] = [
    Look::Text,
    Look::Text,
    Look::Text,
    Look::Status,
    Look::Score,
    Look::Text,
    Look::Text,
    Look::Ratio,
    Look::Wrap,
    Look::Wrap,
    Look::Wrap,
    Look::Wrap,
];

/// The column of the measured value.
pub(super) const MEASURED_COL: usize = 7;
/// The column of the inputs and their source cells.
pub(super) const INPUTS_COL: usize = 10;

/// A Findings row: its values, how its measured value is shown and the
/// lines its wrapped text takes but for the inputs, whose files are named
/// when the row is written. Spooled as its project passes, written once
/// the run ends.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct FindingRow<'p> {
    measured: Measured,
    pub(super) lines: u32,
    pub(super) values: [Value<'p>; 12],
}

impl FindingRow<'_> {
    /// How the value in column `col` is shown.
    pub(super) fn look(&self, col: usize) -> Look {
        if col == MEASURED_COL {
            self.measured.look()
        } else {
            LOOKS[col]
        }
    }
}

/// Lines the text of a wrapped column takes.
pub(super) fn lines_in(col: usize, text: &str) -> usize {
    wrapped_lines(text, wrap_width(col) - 1)
}

/// Lines the row's wrapped cells but the inputs take.
fn lines_of(values: &[Value]) -> usize {
    values
        .iter()
        .zip(LOOKS)
        .enumerate()
        .filter_map(|(col, (value, look))| match (look, value) {
            (Look::Wrap, Value::Text(text)) if col != INPUTS_COL => Some(lines_in(col, text)),
            _ => None,
        })
        .fold(1, usize::max)
}

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

/// The Findings rows of a project, one per check.
pub(super) fn rows(p: &ProjectScore) -> impl Iterator<Item = FindingRow<'_>> {
    p.findings.iter().enumerate().map(|(i, finding)| {
        let (measure, value, measured) = measured(finding);
        let mut notes = finding.notes.clone();
        // The roi check comes first; its row carries the margins.
        if i == 0 {
            notes.extend(words::notes(&p.margins, finding.status));
        }
        // The diversification row carries the review's word on the mix billed.
        if i == 1 {
            notes.extend(review_words::diversification_notes(
                p.review.as_ref(),
                p.project.actuals.as_ref(),
            ));
        }
        let values: [Value; 12] = [
            text(&p.project.project_id),
            text(&p.project.project_name),
            text(finding.check.name()),
            text(finding.status.word()),
            Value::Number(finding.score),
            text(&finding.verdict),
            text(measure),
            value,
            Value::Text(Cow::Owned(thresholds(finding))),
            text(&finding.explanation),
            Value::Text(Cow::Owned(input_places(finding))),
            Value::Text(Cow::Owned(notes.join("; "))),
        ];
        let lines = lines_of(&values) as u32;
        FindingRow {
            measured,
            lines,
            values,
        }
    })
}
