//! Margins of safety and the fragile flag: how far a project's benefit,
//! compute and benefit timing can move before its roi status changes, what
//! a project that does not pass needs, and whether its grade is fragile.
//!
//! The ratio is Σ benefit / Σ compute over the horizon, so it is linear in
//! a scaling of either: with the ratio r, the target t and the warn line w,
//! - benefit shortfall to a line x: 1 − x / r (the ratio then is exactly x);
//! - compute overrun to a line x: r / x − 1 (all compute, upfront included);
//! - benefit increase needed to reach x: x / r − 1; compute cut: 1 − r / x.
//!
//! A ratio exactly on a line keeps the status (the spec's "≥", with its
//! tolerance), so each margin is the largest move that holds it: a move a
//! hair larger changes it. A **delay** of d months shifts every benefit d
//! months later: benefit'(m) = benefit(m − d), nothing before month d + 1.
//! For parametric inputs that is `benefit_start_month` + d, ramp unchanged;
//! for explicit cash flows the benefit column moves and compute stays. The
//! delays are searched over whole months 1..=H.

use crate::format;
use crate::model::{
    Figures, Finding, FragileReason, Fragility, Grade, Margins, Needs, Ruleset, Status,
};

use super::Series;
use super::engine::grade;
use super::finance::ge;

/// The roi status a quantified ratio earns: pass at the target, warn at the
/// warn line, fail below (the roi check's own rule).
#[must_use]
pub(crate) fn status_of(ratio: f64, ruleset: &Ruleset) -> Status {
    if ge(ratio, ruleset.target_ratio) {
        Status::Pass
    } else if ge(ratio, ruleset.warn_ratio) {
        Status::Warn
    } else {
        Status::Fail
    }
}

/// A project's margins and fragility, from its series, its roi finding and
/// its (rounded) total.
#[must_use]
pub(crate) fn margins(series: &Series, roi: &Finding, total: f64, ruleset: &Ruleset) -> Margins {
    let status = roi.status;
    let mut reasons = Vec::new();
    let mut margins = match &roi.figures {
        Figures::Roi(f) if !f.quantified => unavailable(
            "the benefit is not quantified, so no move of benefit or compute changes the roi \
             status",
        ),
        Figures::Roi(f) if f.ratio.is_none() => {
            unavailable("no compute spend was given, so the return on compute cannot be assessed")
        }
        Figures::Roi(f) if f.benefit_total <= 0.0 => unavailable(
            "there is no benefit within the horizon, so no scaling of benefit or compute \
             reaches the warn line",
        ),
        Figures::Roi(f) => {
            let ratio = f.ratio.unwrap_or_default();
            reasons.extend(move_reasons(ratio, status, ruleset));
            figures(series, ratio, status, ruleset)
        }
        _ => unavailable("the roi check gave no figures"),
    };
    reasons.extend(band_reason(total, status, ruleset));
    margins.fragile = Fragility {
        is: !reasons.is_empty(),
        reasons,
    };
    margins
}

fn unavailable(reason: &'static str) -> Margins {
    Margins {
        reason: Some(reason),
        ..Margins::default()
    }
}

/// The exact margins of a quantified project with a ratio above zero.
fn figures(series: &Series, ratio: f64, status: Status, ruleset: &Ruleset) -> Margins {
    let (target, warn) = (ruleset.target_ratio, ruleset.warn_ratio);
    let passes = status == Status::Pass;
    let holds = status != Status::Fail;
    // A ratio within the tolerance below a line holds it: its margin is 0.
    let shortfall = |line: f64| (100.0 * (1.0 - line / ratio)).max(0.0);
    let overrun = |line: f64| (100.0 * (ratio / line - 1.0)).max(0.0);
    let increase = |line: f64| 100.0 * (line / ratio - 1.0);
    let cut = |line: f64| 100.0 * (1.0 - ratio / line);
    Margins {
        reason: None,
        benefit_shortfall_to_warn_pct: passes.then(|| shortfall(target)),
        benefit_shortfall_to_fail_pct: holds.then(|| shortfall(warn)),
        compute_overrun_to_warn_pct: passes.then(|| overrun(target)),
        compute_overrun_to_fail_pct: holds.then(|| overrun(warn)),
        delay_months_to_warn: if passes {
            first_delay(series, ruleset, |s| s != Status::Pass)
        } else {
            None
        },
        delay_months_to_fail: if holds {
            first_delay(series, ruleset, |s| s == Status::Fail)
        } else {
            None
        },
        needs: (!passes).then(|| Needs {
            benefit_increase_to_warn_pct: (!holds).then(|| increase(warn)),
            benefit_increase_to_pass_pct: increase(target),
            compute_cut_to_warn_pct: (!holds).then(|| cut(warn)),
            compute_cut_to_pass_pct: cut(target),
        }),
        fragile: Fragility::default(),
    }
}

/// The fewest whole months (1..=H) of delay of every benefit at which the
/// status is `reached`, or `None` when no delay within the horizon does it.
fn first_delay(
    series: &Series,
    ruleset: &Ruleset,
    reached: impl Fn(Status) -> bool,
) -> Option<u32> {
    let horizon = ruleset.horizon_months;
    let compute = series.compute_to(horizon);
    (1..=horizon).find(|&d| {
        // Delayed by d, months 1..=H hold the benefit of months 1..=H − d.
        let ratio = series.benefit_to(horizon - d) / compute;
        reached(status_of(ratio, ruleset))
    })
}

/// The ratio after benefit is delayed `months`: for people's explanations.
#[must_use]
pub(crate) fn delayed_ratio(series: &Series, months: u32, ruleset: &Ruleset) -> f64 {
    let horizon = ruleset.horizon_months;
    series.benefit_to(horizon.saturating_sub(months)) / series.compute_to(horizon)
}

/// Whether benefit, or compute, moving `fragile_move_pct` either way changes
/// the roi status.
fn move_reasons(ratio: f64, status: Status, ruleset: &Ruleset) -> Vec<FragileReason> {
    let p = ruleset.confidence.fragile_move_pct / 100.0;
    let shown = format::pct(ruleset.confidence.fragile_move_pct);
    // Compute cut by all of it leaves no compute: the return is unbounded.
    let cheaper = if p < 1.0 {
        ratio / (1.0 - p)
    } else {
        f64::INFINITY
    };
    let moves = [
        (
            "benefit_move",
            [(ratio * (1.0 - p), "less"), (ratio * (1.0 + p), "more")],
            "benefit",
        ),
        (
            "compute_move",
            [(ratio / (1.0 + p), "more"), (cheaper, "less")],
            "compute",
        ),
    ];
    let mut out = Vec::new();
    for (code, scaled, input) in moves {
        let changes: Vec<String> = scaled
            .iter()
            .map(|(r, word)| (status_of(*r, ruleset), word))
            .filter(|(moved, _)| *moved != status)
            .map(|(moved, word)| {
                format!(
                    "{shown} {word} {input} turns the roi check from {} to {}",
                    status.word(),
                    moved.word()
                )
            })
            .collect();
        if !changes.is_empty() {
            out.push(FragileReason {
                code,
                text: changes.join("; "),
            });
        }
    }
    out
}

/// The grade a total earns under the bands, capped by the gate the roi
/// status brings (the engine's rule).
fn capped(total: f64, status: Status, ruleset: &Ruleset) -> Grade {
    gated(grade(total, &ruleset.grade_bands), status, ruleset)
}

/// The nearest grade band within `fragile_band_points` of the total whose
/// crossing would change the grade (a band a gate hides does not count).
fn band_reason(total: f64, status: Status, ruleset: &Ruleset) -> Option<FragileReason> {
    let points = ruleset.confidence.fragile_band_points;
    let b = &ruleset.grade_bands;
    let now = capped(total, status, ruleset);
    [
        (b.a, Grade::A),
        (b.b, Grade::B),
        (b.c, Grade::C),
        (b.d, Grade::D),
    ]
    .into_iter()
    .filter(|(line, _)| ge(points, (total - line).abs()))
    .filter(|(line, band)| {
        // Across the line: the band below it, or the line's own band.
        let across = if ge(total, *line) {
            Grade::ALL[*band as usize + 1]
        } else {
            *band
        };
        gated(across, status, ruleset) != now
    })
    .min_by(|x, y| (total - x.0).abs().total_cmp(&(total - y.0).abs()))
    .map(|(line, band)| FragileReason {
        code: "grade_band",
        text: format!(
            "the total {} is within {} {} of the {} band at {}",
            format::number(total, 1),
            format::number(points, 2),
            if (points - 1.0).abs() < 1e-9 {
                "point"
            } else {
                "points"
            },
            band.letter(),
            format::number(line, 1)
        ),
    })
}

/// The grade a banded grade becomes under the roi status's gate; grades
/// order best first, so the cap is the larger.
fn gated(banded: Grade, status: Status, ruleset: &Ruleset) -> Grade {
    let cap = match status {
        Status::Fail => ruleset.gates.max_grade_if_fail,
        Status::Warn => ruleset.gates.max_grade_if_warn,
        Status::Pass => Grade::A,
    };
    banded.max(cap)
}

#[cfg(test)]
mod tests;
