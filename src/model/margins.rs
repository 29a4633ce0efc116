//! How sure a project's grade is: its margins of safety on the ROI check
//! and whether it is fragile. Plain data; `rules::margins` computes it.
//!
//! Every margin is a percent move of one input at which the ROI status
//! changes, kept exact here; people see it rounded toward zero
//! (`format::margin_pct`), so a margin they read never breaks.

use serde::Serialize;

/// One project's margins of safety and its fragility.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Margins {
    /// Why there are no margins (benefit not quantified, no compute, no
    /// benefit); `None` when the figures below are given.
    pub reason: Option<&'static str>,
    /// Benefit shortfall (%) at which the ratio falls to the target: a
    /// bigger one and a passing project warns. `None` unless it passes.
    pub benefit_shortfall_to_warn_pct: Option<f64>,
    /// Benefit shortfall (%) at which the ratio falls to the warn line: a
    /// bigger one and the project fails. `None` when it fails already.
    pub benefit_shortfall_to_fail_pct: Option<f64>,
    /// Compute overrun (%, all compute, upfront included) at which the ratio
    /// falls to the target. `None` unless it passes.
    pub compute_overrun_to_warn_pct: Option<f64>,
    /// Compute overrun (%) at which the ratio falls to the warn line.
    /// `None` when it fails already.
    pub compute_overrun_to_fail_pct: Option<f64>,
    /// Fewest whole months of delay of every benefit at which a passing
    /// project no longer passes; `None` unless it passes, or when no delay
    /// within the horizon does it.
    pub delay_months_to_warn: Option<u32>,
    /// Fewest whole months of delay at which the project fails; `None` when
    /// it fails already, or when no delay within the horizon does it.
    pub delay_months_to_fail: Option<u32>,
    /// What a project that does not pass needs; `None` when it passes or
    /// has no margins.
    pub needs: Option<Needs>,
    /// Whether a small move or a grade band close by could change its grade.
    pub fragile: Fragility,
    /// Which input moves the ratio most, each swung from its low to its
    /// high value with the others held; `None` when there are no margins.
    pub tornado: Option<Tornado>,
}

/// The inputs' swings of one project's ratio, widest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tornado {
    /// The graded ratio every swing starts from.
    pub ratio: f64,
    /// One swing an input the project uses, the widest first.
    pub swings: Vec<Swing>,
}

/// One input swung from its low to its high value, the others held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    /// `monthly_benefit`, `monthly_compute`, `upfront_compute`,
    /// `benefit_delay` or `compute_growth`.
    pub input: &'static str,
    /// The input's low value: a multiple of the graded figure (benefit and
    /// compute), whole months of delay, or percent a month of growth.
    pub low: f64,
    /// The input's high value, in the same unit.
    pub high: f64,
    /// The ratio with the input at its low value.
    pub ratio_at_low: f64,
    /// The ratio with the input at its high value.
    pub ratio_at_high: f64,
}

impl Swing {
    /// How far the ratio moves between the two ends.
    #[must_use]
    pub fn width(&self) -> f64 {
        (self.ratio_at_high - self.ratio_at_low).abs()
    }
}

/// What a project that does not pass needs to reach the warn line and the
/// target, one input at a time. Shown to people rounded away from zero, so
/// a need they read is always enough.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Needs {
    /// Benefit increase (%) that lifts the ratio to the warn line; `None`
    /// when the project warns already.
    pub benefit_increase_to_warn_pct: Option<f64>,
    /// Benefit increase (%) that lifts the ratio to the target.
    pub benefit_increase_to_pass_pct: f64,
    /// Compute cut (%, all compute) that lifts the ratio to the warn line;
    /// `None` when the project warns already.
    pub compute_cut_to_warn_pct: Option<f64>,
    /// Compute cut (%) that lifts the ratio to the target.
    pub compute_cut_to_pass_pct: f64,
}

/// Whether a project's grade is fragile, and why.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Fragility {
    /// True when any reason applies.
    pub is: bool,
    /// Each reason that applies, in the order benefit, compute, grade band.
    pub reasons: Vec<FragileReason>,
}

/// One reason a project is fragile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FragileReason {
    /// `benefit_move`, `compute_move` or `grade_band`.
    pub code: &'static str,
    /// The reason in words: `15% less benefit turns the ROI check from pass
    /// to warn`.
    pub text: String,
}
