//! Margins of safety and the fragile flag: how far a project's benefit,
//! compute and benefit timing can move before its ROI status changes, what
//! a project that does not pass needs, and whether its grade is fragile.
//!
//! The ratio is Σ benefit / Σ compute over the horizon, so it is linear in
//! a scaling of either: with the ratio r, the target t and the warn line w,
//! - benefit shortfall to a line x: 1 - x / r (the ratio then is exactly x);
//! - compute overrun to a line x: r / x - 1 (all compute, upfront included);
//! - benefit increase needed to reach x: x / r - 1; compute cut: 1 - r / x.
//!
//! A ratio exactly on a line keeps the status (the spec's "≥", with its
//! tolerance), so each margin is the largest move that holds it: a move a
//! hair larger changes it. A **delay** of d months shifts every benefit d
//! months later: benefit'(m) = benefit(m - d), nothing before month d + 1.
//! For parametric inputs that is `benefit_start_month` + d, ramp unchanged;
//! for explicit cash flows the benefit column moves and compute stays. The
//! delays are searched over whole months 1..=H.

use crate::format;
use crate::model::{
    Figures, Finding, FragileReason, Fragility, Grade, Margins, Needs, Project, RoiFigures,
    Ruleset, Status, Threshold,
};

use super::Series;
use super::engine::grade;
use super::finance::ge;

/// `airoi explain confidence`: margins and fragility in plain words, with
/// the formulas and the spec's worked example. Markdown, as the checks'
/// catalogue is; the figures are held to the engine's by a test.
pub(crate) const EXPLAIN: &str = "# What it says

How far each input of a project can move before its ROI status changes:
its margins of safety. The ratio r = Σ benefit / Σ compute over the horizon
moves in proportion to benefit and inversely to compute, so with the target
t (`target_ratio`, 3) and the warn line w (`warn_ratio`, 2) each margin is
exact:

  benefit shortfall to warn = 1 - t / r    compute overrun to warn = r / t - 1
  benefit shortfall to fail = 1 - w / r    compute overrun to fail = r / w - 1

Compute means all of it, the upfront spend included. A ratio exactly on a
line keeps its status, so a margin is the largest move that still holds it.
The delay is the fewest whole months by which every benefit can come later
before the status changes, searched month by month over the horizon: the
benefit of month m moves to month m + d. With parametric inputs that is
`benefit_start_month` + d with the same ramp; with explicit cash flows the
benefit column moves and compute stays where it is.

A project that does not pass is told what it needs instead, for x = w (to
warn) and x = t (to pass): a benefit increase of x / r - 1, or a compute cut
of 1 - r / x.

Margins are shown rounded toward zero (26.875% is shown 26.8%), so a margin
you read never breaks; needs are shown rounded away from zero (33.34% is
shown 33.4%), so a need you read is always enough. The JSON keeps the exact
values. A project whose benefit is not quantified, with no compute or with no
benefit within the horizon has no margins, and says why.

A project is fragile when benefit or compute moving `fragile_move_pct`
(15%) either way changes its ROI status, or when its total is within
`fragile_band_points` (2) of a grade band whose crossing would change its
grade (a band a gate hides does not count). Each reason is named.

The report draws a tornado for each project with margins: each input
swung from its low to its high value with the others held, the widest
swing on top, with lines at the graded ratio, the target and the warn line.
With B and C the benefit and compute over the horizon and U the upfront:
monthly benefit × its low and high multiples (the simulation's ranges,
given or assumed) gives B·m / C; monthly compute × its multiples
B / (U + (C − U)·m); the upfront, when there is one, B / (U·m + C − U);
the first benefit 0 and n months late (n `tornado_delay_months`, 3) the
delay above; compute growth ± z points a month (z `tornado_growth_points`,
1), for a project that grows its compute, the series re-filled as a
scenario's growth shock fills it. Both are the ruleset's own, so the
scenarios a run chooses (or `--no-scenarios`) never change a tornado. The
JSON keeps the figures (`margins.tornado`).

# Why it matters

Every figure a business unit sends is a forecast. A project at 3.05:1 on a
benefit nobody has measured yet is not the same bet as one at 6:1 on
measured savings: the margins say how easily each grade could be missed,
and the fragile flag points at the grades to check first.

# Example

The worked example (FIN-001 in samples/portfolio.csv) earns 800,000 of
benefit on 195,000 of compute: 4.10:1, a pass. The pass holds until benefit
falls 26.875% (to exactly 3:1; shown 26.8%) or compute rises 36.752% (shown
36.7%); the 2:1 warn line is reached at 51.25% less benefit (shown 51.2%) or
105.128% more compute (shown 105.1%). Benefit 4 months late still passes
(600,000 / 195,000 = 3.08:1); 5 months late it warns (550,000 / 195,000 =
2.82:1); 9 months late it fails (1.79:1). A 15% move either way leaves it
passing and its total of 94 is 9 points above the A band: not fragile.
Its tornado: benefit −40% / +20% gives 2.46:1 to 4.92:1, compute −10% /
+30% 4.52:1 to 3.21:1, 3 months late 3.33:1, the upfront −10% / +30%
4.13:1 to 4.01:1; only the benefit swing crosses the target.
";

/// The ruleset keys the margins and the fragile flag use, with their values.
#[must_use]
pub(crate) fn thresholds(ruleset: &Ruleset) -> Vec<Threshold> {
    let c = &ruleset.confidence;
    [
        ("target_ratio", ruleset.target_ratio),
        ("warn_ratio", ruleset.warn_ratio),
        ("horizon_months", f64::from(ruleset.horizon_months)),
        ("confidence.fragile_move_pct", c.fragile_move_pct),
        ("confidence.fragile_band_points", c.fragile_band_points),
        (
            "confidence.tornado_delay_months",
            f64::from(c.tornado_delay_months),
        ),
        ("confidence.tornado_growth_points", c.tornado_growth_points),
    ]
    .into_iter()
    .map(|(key, value)| Threshold { key, value })
    .collect()
}

/// The ROI status a quantified ratio earns: pass at the target, warn at the
/// warn line, fail below (the ROI check's own rule).
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
pub(crate) fn margins(
    series: &Series,
    project: &Project,
    roi: &Finding,
    total: f64,
    ruleset: &Ruleset,
) -> Margins {
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
            Margins {
                tornado: Some(tornado::tornado(series, project, ruleset)),
                ..figures(series, f, status, ruleset)
            }
        }
        _ => unavailable("the ROI check gave no figures"),
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

/// The exact margins of a quantified project with benefit and compute
/// above zero over the horizon.
fn figures(series: &Series, f: &RoiFigures, status: Status, ruleset: &Ruleset) -> Margins {
    let (target, warn) = (ruleset.target_ratio, ruleset.warn_ratio);
    let passes = status == Status::Pass;
    let holds = status != Status::Fail;
    // From the totals B and C rather than the ratio, so round figures stay
    // round: (B - x·C) / B is 1 - x / r, exactly 26.875% for the example.
    let (b, c) = (f.benefit_total, f.compute_total);
    let gap = |line: f64| b - line * c;
    // A ratio within the tolerance below a line holds it: its margin is 0.
    let shortfall = |line: f64| (100.0 * gap(line) / b).max(0.0);
    let overrun = |line: f64| (100.0 * gap(line) / (line * c)).max(0.0);
    let increase = |line: f64| -100.0 * gap(line) / b;
    let cut = |line: f64| -100.0 * gap(line) / (line * c);
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
        tornado: None,
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
        // Delayed by d, months 1..=H hold the benefit of months 1..=H - d.
        let ratio = series.benefit_to(horizon - d) / compute;
        reached(status_of(ratio, ruleset))
    })
}

/// The ratio after benefit is delayed `months`.
#[cfg(test)]
#[must_use]
pub(crate) fn delayed_ratio(series: &Series, months: u32, ruleset: &Ruleset) -> f64 {
    let horizon = ruleset.horizon_months;
    series.benefit_to(horizon.saturating_sub(months)) / series.compute_to(horizon)
}

/// Whether benefit, or compute, moving `fragile_move_pct` either way changes
/// the ROI status.
fn move_reasons(ratio: f64, status: Status, ruleset: &Ruleset) -> Vec<FragileReason> {
    let p = ruleset.confidence.fragile_move_pct / 100.0;
    let shown = format::pct(ruleset.confidence.fragile_move_pct);
    // A move the other way than the status can break is a need, shown so
    // it is always enough; a move toward breaking is a margin.
    let line = |s: Status| match s {
        Status::Pass => ruleset.target_ratio,
        _ => ruleset.warn_ratio,
    };
    let mut out = Vec::new();
    for (code, input) in [("benefit_move", "benefit"), ("compute_move", "compute")] {
        let mut changes = Vec::new();
        for worse in [true, false] {
            // Benefit less or compute more makes the ratio worse. Compute
            // cut by all of it leaves no compute: the return is unbounded.
            let factor = match (code, worse) {
                ("benefit_move", true) => 1.0 - p,
                ("benefit_move", false) => 1.0 + p,
                (_, true) => 1.0 / (1.0 + p),
                (_, false) if p < 1.0 => 1.0 / (1.0 - p),
                (_, false) => f64::INFINITY,
            };
            let moved = status_of(ratio * factor, ruleset);
            if moved == status {
                continue;
            }
            // The line crossed: the current status's when falling, the
            // reached one's when rising; the ratio meets it at `at`.
            let at = line(if worse { status } else { moved }) / ratio;
            let (word, exact) = match (code, worse) {
                ("benefit_move", true) => ("less", format::margin_pct(100.0 * (1.0 - at))),
                ("benefit_move", false) => ("more", format::need_pct(100.0 * (at - 1.0))),
                (_, true) => ("more", format::margin_pct(100.0 * (1.0 / at - 1.0))),
                (_, false) => ("less", format::need_pct(100.0 * (1.0 - 1.0 / at))),
            };
            let limit = if worse { "it holds up to" } else { "it needs" };
            changes.push(format!(
                "{shown} {word} {input} turns the ROI check from {} to {} ({limit} {exact} {word})",
                status.word(),
                moved.word()
            ));
        }
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

/// The grade a banded grade becomes under the ROI status's gate; grades
/// order best first, so the cap is the larger.
fn gated(banded: Grade, status: Status, ruleset: &Ruleset) -> Grade {
    let cap = match status {
        Status::Fail => ruleset.gates.max_grade_if_fail,
        Status::Warn => ruleset.gates.max_grade_if_warn,
        Status::Pass => Grade::A,
    };
    banded.max(cap)
}

pub(crate) mod tornado;
pub(crate) mod words;

// Rounded totals are compared exactly: that is what decides a grade.
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
