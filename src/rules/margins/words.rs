//! The margins of safety and the fragile flag in words, one line each, as
//! the Scores sheet, the CSV, the Findings sheet and the report show them.
//! Margins are rounded toward zero and needs away from it (`format`), so a
//! move people read never breaks the status and a need is always enough.

use crate::format::{margin_pct, need_pct};
use crate::model::{Margins, Status};

/// A margin (the status holds up to it): `-26.8%` or `+36.7%`.
fn margin(sign: char, pct: f64) -> String {
    format!("{sign}{}", margin_pct(pct))
}

/// A need (it is always enough): `+45.7%` or `-31.4%`.
fn need(sign: char, pct: f64) -> String {
    format!("{sign}{}", need_pct(pct))
}

/// One step: `to warn: benefit -26.8%, compute +36.7% or benefit 5 months
/// late`.
fn step(
    to: &str,
    benefit: Option<String>,
    compute: Option<String>,
    delay: Option<u32>,
) -> Option<String> {
    let mut moves: Vec<String> = Vec::new();
    moves.extend(benefit.map(|b| format!("benefit {b}")));
    moves.extend(compute.map(|c| format!("compute {c}")));
    moves.extend(delay.map(|d| {
        format!(
            "benefit {d} {} late",
            if d == 1 { "month" } else { "months" }
        )
    }));
    let last = moves.pop()?;
    let all = if moves.is_empty() {
        last
    } else {
        format!("{} or {last}", moves.join(", "))
    };
    Some(format!("to {to}: {all}"))
}

/// How far the ROI status is from changing, one input at a time: the step
/// down for a passing project, both steps for a warning one, the step up
/// for a failing one. `None` when there are no margins.
#[must_use]
pub(crate) fn margin_text(m: &Margins, status: Status) -> Option<String> {
    let steps: Vec<String> = [down_text(m, status, true), up_text(m, status)]
        .into_iter()
        .flatten()
        .collect();
    (!steps.is_empty()).then(|| steps.join("; "))
}

/// The margin before the status drops a step: `to warn: benefit -26.8%,
/// compute +36.7%`, with the delay (`or benefit 5 months late`) when
/// `delay`. `None` for a failing project or one without margins.
#[must_use]
pub(crate) fn down_text(m: &Margins, status: Status, delay: bool) -> Option<String> {
    let (to, b, c, d) = match status {
        _ if m.reason.is_some() => return None,
        Status::Pass => (
            "warn",
            m.benefit_shortfall_to_warn_pct,
            m.compute_overrun_to_warn_pct,
            m.delay_months_to_warn,
        ),
        Status::Warn => (
            "fail",
            m.benefit_shortfall_to_fail_pct,
            m.compute_overrun_to_fail_pct,
            m.delay_months_to_fail,
        ),
        Status::Fail => return None,
    };
    step(
        to,
        b.map(|b| margin('-', b)),
        c.map(|c| margin('+', c)),
        d.filter(|_| delay),
    )
}

/// What lifts the status a step: `to pass: benefit +38.4% or compute
/// -27.7%`. `None` for a passing project or one without margins.
#[must_use]
pub(crate) fn up_text(m: &Margins, status: Status) -> Option<String> {
    let n = m.needs.as_ref().filter(|_| m.reason.is_none())?;
    let (to, b, c) = match status {
        Status::Pass => return None,
        Status::Warn => (
            "pass",
            Some(n.benefit_increase_to_pass_pct),
            Some(n.compute_cut_to_pass_pct),
        ),
        Status::Fail => (
            "warn",
            n.benefit_increase_to_warn_pct,
            n.compute_cut_to_warn_pct,
        ),
    };
    step(to, b.map(|b| need('+', b)), c.map(|c| need('-', c)), None)
}

/// Why a project is fragile, its reasons joined; `None` when it is not.
#[must_use]
pub(crate) fn fragile_text(m: &Margins) -> Option<String> {
    m.fragile.is.then(|| {
        m.fragile
            .reasons
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The roi finding's notes on how sure its status is: `Margin of safety:
/// …`, and `Fragile: …` when it is.
pub(crate) fn notes(m: &Margins, status: Status) -> impl Iterator<Item = String> {
    let margin = margin_text(m, status).map(|t| format!("Margin of safety: {t}"));
    let fragile = fragile_text(m).map(|t| format!("Fragile: {t}"));
    margin.into_iter().chain(fragile)
}
