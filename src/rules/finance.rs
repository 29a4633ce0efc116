//! The arithmetic the checks share: the spec's comparison tolerance, rounding,
//! NPV (Excel convention), IRR, payback and target month.
//!
//! Kept free of projects and findings so it can be tested against published
//! reference values (`../shared/external/numpy-financial-vectors/`).

/// "x ≥ t" with the spec's tolerance: x ≥ t − 1e-9·max(1, |t|), so a ratio
/// that is 3 up to floating-point noise passes a 3:1 target.
#[must_use]
pub(crate) fn ge(x: f64, t: f64) -> bool {
    x >= at_least(t)
}

/// The least x that is "≥ t" with the spec's tolerance: `ge(x, t)` is
/// `x >= at_least(t)`, for a loop comparing many x with one t.
#[must_use]
pub(crate) fn at_least(t: f64) -> f64 {
    t - tolerance(t)
}

/// "x > t" with the spec's tolerance: x > t + 1e-9·max(1, |t|).
#[must_use]
pub(crate) fn gt(x: f64, t: f64) -> bool {
    x > t + tolerance(t)
}

fn tolerance(t: f64) -> f64 {
    1e-9 * t.abs().max(1.0)
}

/// Rounds to one decimal, half away from zero, as the spec rounds scores.
///
/// Halves are judged with a relative tolerance, so 24.075 (stored as
/// 24.07499…) rounds to 24.1 as it does on paper.
#[must_use]
pub(crate) fn round1(x: f64) -> f64 {
    let y = x * 10.0;
    let floor = y.floor();
    let rounded = if ((y - floor) - 0.5).abs() <= 1e-9 * y.abs().max(1.0) {
        if y >= 0.0 { floor + 1.0 } else { floor }
    } else {
        y.round()
    };
    // `+ 0.0` turns a negative zero into zero so "-0.0" never reaches a report.
    rounded / 10.0 + 0.0
}

/// The monthly rate equivalent to an annual one: (1 + annual)^(1/12) − 1.
#[must_use]
pub(crate) fn monthly_rate(annual: f64) -> f64 {
    (1.0 + annual).powf(1.0 / 12.0) - 1.0
}

/// NPV as Excel's `NPV(rate, flows)`: flows at period ends, the first
/// discounted one period. NaN when `rate` ≤ -1, where discounting is undefined.
///
/// numpy-financial's `npv(rate, [v0, v1, …])` equals `v0 + npv(rate, [v1, …])`.
#[must_use]
pub(crate) fn npv(rate: f64, flows: &[f64]) -> f64 {
    if rate <= -1.0 || !rate.is_finite() {
        return f64::NAN;
    }
    let factor = 1.0 / (1.0 + rate);
    // Horner from the last flow backwards: ((f_n·x + f_{n−1})·x + …)·x.
    flows.iter().rev().fold(0.0, |acc, f| (acc + f) * factor)
}

/// Rate per period at which `Σ flows[i] / (1 + r)^i = 0` (numpy-financial's
/// convention; the same roots as Excel's IRR).
///
/// `None` when the flows do not change sign or no root lies between -99.995%
/// and e^12 − 1 per period. With one sign change the root is unique and is
/// bracketed directly; with several, the range is scanned for brackets and
/// the root nearest `guess` is returned, as numpy-financial does.
#[must_use]
pub(crate) fn irr(flows: &[f64], guess: f64) -> Option<f64> {
    // u = ln(1 + r): the whole rate range maps to a bounded interval on which
    // the discounted sum stays finite (see `scaled_npv`).
    const U_MIN: f64 = -10.0;
    const U_MAX: f64 = 12.0;
    const STEPS: usize = 440;
    let nonzero: Vec<f64> = flows.iter().copied().filter(|f| *f != 0.0).collect();
    if nonzero.iter().any(|f| !f.is_finite()) {
        return None;
    }
    let changes = nonzero
        .windows(2)
        .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
        .count();
    let f = |u: f64| scaled_npv(flows, u);
    let root = match changes {
        0 => return None,
        // Descartes: exactly one positive root in 1/(1 + r), so the sign
        // changes once over the whole range.
        1 => brent(&f, U_MIN, U_MAX)?,
        _ => {
            let mut best: Option<f64> = None;
            let mut consider = |root: f64| {
                let distance = |u: f64| (u.exp_m1() - guess).abs();
                if best.is_none_or(|b| distance(root) < distance(b)) {
                    best = Some(root);
                }
            };
            let mut prev_u = U_MIN;
            let mut prev = f(prev_u);
            for step in 1..=STEPS {
                let u = U_MIN + (U_MAX - U_MIN) * step as f64 / STEPS as f64;
                let value = f(u);
                if prev == 0.0 {
                    consider(prev_u);
                } else if value != 0.0 && (prev < 0.0) != (value < 0.0) {
                    if let Some(root) = brent(&f, prev_u, u) {
                        consider(root);
                    }
                }
                (prev_u, prev) = (u, value);
            }
            if prev == 0.0 {
                consider(prev_u);
            }
            best?
        }
    };
    Some(root.exp_m1())
}

/// `Σ flows[i]·e^(−u·i)`, scaled by e^(u·n) for u < 0 so neither branch
/// overflows. The scale is positive and 1 at u = 0: same roots, same signs,
/// continuous.
fn scaled_npv(flows: &[f64], u: f64) -> f64 {
    if u >= 0.0 {
        let x = (-u).exp();
        flows.iter().rev().fold(0.0, |acc, f| acc * x + f)
    } else {
        let x = u.exp();
        flows.iter().fold(0.0, |acc, f| acc * x + f)
    }
}

/// Brent's method on a bracket [a, b]; `None` when f(a), f(b) have one sign.
///
/// The names are the textbook's (Brent 1973; Numerical Recipes' `zbrent`),
/// so the code can be checked against it line by line; `a == c` is the
/// exact test the algorithm makes for "only two distinct points".
#[allow(clippy::many_single_char_names, clippy::float_cmp)]
fn brent(f: &impl Fn(f64) -> f64, a: f64, b: f64) -> Option<f64> {
    let (mut a, mut b) = (a, b);
    let (mut fa, mut fb) = (f(a), f(b));
    if fa == 0.0 {
        return Some(a);
    }
    if fb == 0.0 {
        return Some(b);
    }
    if (fa < 0.0) == (fb < 0.0) {
        return None;
    }
    let (mut c, mut fc) = (b, fb);
    let (mut d, mut e) = (b - a, b - a);
    for _ in 0..200 {
        if (fb > 0.0) == (fc > 0.0) {
            (c, fc) = (a, fa);
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            (a, b, c) = (b, c, b);
            (fa, fb, fc) = (fb, fc, fb);
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 1e-300;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return Some(b);
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            // Inverse quadratic interpolation, or secant when only two points differ.
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * m * s, 1.0 - s)
            } else {
                let q = fa / fc;
                let r = fb / fc;
                (
                    s * (2.0 * m * q * (q - r) - (b - a) * (r - 1.0)),
                    (q - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        (a, fa) = (b, fb);
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b);
    }
    Some(b)
}

/// Annualised IRR of monthly flows (month 1 first): (1 + m)^12 − 1 where m
/// is the monthly IRR; `None` where the monthly IRR is undefined.
#[must_use]
pub fn annual_irr(monthly_flows: &[f64], annual_guess: f64) -> Option<f64> {
    let monthly = irr(monthly_flows, monthly_rate(annual_guess))?;
    let annual = (1.0 + monthly).powi(12) - 1.0;
    annual.is_finite().then_some(annual)
}

/// Why monthly net flows have no IRR: the rate is computed only for an
/// investment-shaped series (ignoring zero months, the first net flow is
/// an outlay and the sign changes exactly once), where it is unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoIrr {
    /// The first net flow (after any zero months) is not negative.
    NotAnOutlay,
    /// The flows never turn positive.
    NeverPositive,
    /// The sign changes more than once.
    SignChanges,
}

impl NoIrr {
    /// The reason in words, as outputs give it.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            NoIrr::NotAnOutlay => "the first net flow is not an outlay",
            NoIrr::NeverPositive => "the net flows never turn positive",
            NoIrr::SignChanges => "the net flows change sign more than once",
        }
    }
}

/// Whether `flows` are investment-shaped, and why not.
///
/// # Errors
///
/// The shape that has no single IRR.
pub fn investment_shape(flows: &[f64]) -> Result<(), NoIrr> {
    let mut signs = flows.iter().filter(|f| **f != 0.0).map(|f| *f > 0.0);
    match signs.next() {
        Some(false) => {}
        Some(true) | None => return Err(NoIrr::NotAnOutlay),
    }
    let mut changes = 0;
    let mut last = false;
    for positive in signs {
        if positive != last {
            changes += 1;
            last = positive;
        }
    }
    match changes {
        0 => Err(NoIrr::NeverPositive),
        1 => Ok(()),
        _ => Err(NoIrr::SignChanges),
    }
}

/// Annualised IRR of investment-shaped monthly flows, or why there is none
/// (`Ok(None)` when the rate search finds none).
///
/// # Errors
///
/// The flows are not investment-shaped ([`investment_shape`]).
pub fn shaped_annual_irr(monthly_flows: &[f64], annual_guess: f64) -> Result<Option<f64>, NoIrr> {
    investment_shape(monthly_flows)?;
    Ok(annual_irr(monthly_flows, annual_guess))
}

/// The payback month: the first month m (1-based, within the series) from
/// which the project stays in profit through the horizon — cumulative
/// compute positive and cumulative benefit covering it at every month
/// from m through max(m, `horizon`).
#[must_use]
pub(crate) fn payback_month(compute: &[f64], benefit: &[f64], horizon: u32) -> Option<u32> {
    first_lasting(compute, benefit, horizon, |c, b| ge(b, c))
}

/// The first month from which the cumulative benefit / compute ratio stays
/// at `target` or more through the horizon, as [`payback_month`].
#[must_use]
pub(crate) fn target_month(
    compute: &[f64],
    benefit: &[f64],
    target: f64,
    horizon: u32,
) -> Option<u32> {
    first_lasting(compute, benefit, horizon, |c, b| ge(b / c, target))
}

fn first_lasting(
    compute: &[f64],
    benefit: &[f64],
    horizon: u32,
    reached: impl Fn(f64, f64) -> bool,
) -> Option<u32> {
    let (mut c, mut b) = (0.0, 0.0);
    let holds: Vec<bool> = compute
        .iter()
        .zip(benefit)
        .map(|(ci, bi)| {
            c += ci;
            b += bi;
            c > 0.0 && reached(c, b)
        })
        .collect();
    // A month up to the horizon counts only if none after it, up to the
    // horizon, falls back.
    let horizon = (horizon as usize).min(holds.len());
    let last_miss = holds[..horizon]
        .iter()
        .rposition(|h| !h)
        .map_or(0, |i| i + 1);
    holds
        .iter()
        .enumerate()
        .position(|(i, &h)| h && (i + 1 > horizon || i + 1 > last_miss))
        .map(|i| i as u32 + 1)
}

// Rounded scores and exact inputs are compared exactly: that is what the
// spec promises (the report's arithmetic is what decided).
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
