//! The tornado: which input moves a project's ratio most. Each input the
//! project uses is swung from its low to its high value with the others
//! held, through the formulas the margins and the simulation use:
//!
//! - monthly benefit × its low and high multiples (the simulation's
//!   ranges, given or assumed): ratio = B·m / C;
//! - monthly compute (all compute but the upfront) × its multiples:
//!   ratio = B / (U + (C − U)·m);
//! - the upfront compute, when there is any, × the compute's multiples:
//!   ratio = B / (U·m + C − U);
//! - the first benefit delayed 0 and n months, n the ruleset's
//!   `confidence.tornado_delay_months` (3): ratio = B(H − n) / C, the
//!   margins' delay;
//! - compute growth ± z points a month when the project grows its compute,
//!   z the ruleset's `confidence.tornado_growth_points` (1): the series
//!   re-filled as a scenario's growth shock fills it.
//!
//! Both come from the ruleset, not from the run's scenarios, so choosing
//! scenarios (or none) never changes a tornado.
//!
//! B and C are benefit and compute over the horizon H, U the upfront.

use crate::model::{Project, Ruleset, Swing, Tornado};
use crate::rules::Series;
use crate::rules::scenarios::grown_compute;
use crate::rules::simulation::ranges_of;

/// The swings of a project whose benefit and compute over the horizon are
/// above zero, widest first (ties in the order listed above).
#[must_use]
pub(crate) fn tornado(series: &Series, project: &Project, ruleset: &Ruleset) -> Tornado {
    let horizon = ruleset.horizon_months;
    let (b, c) = (series.benefit_to(horizon), series.compute_to(horizon));
    let parametric = project.cash_flows.is_none();
    let upfront = if parametric && horizon > 0 {
        project.upfront_compute_cost.value
    } else {
        0.0
    };
    let r = ranges_of(project, &ruleset.simulation);
    let swing = |input, (low, high): (f64, f64), ratio: &dyn Fn(f64) -> f64| Swing {
        input,
        low,
        high,
        ratio_at_low: ratio(low),
        ratio_at_high: ratio(high),
    };
    let mut swings = vec![
        swing("monthly_benefit", (r.benefit_low, r.benefit_high), &|m| {
            b * m / c
        }),
        swing("monthly_compute", (r.compute_low, r.compute_high), &|m| {
            b / (upfront + (c - upfront) * m)
        }),
    ];
    if upfront > 0.0 {
        swings.push(swing(
            "upfront_compute",
            (r.compute_low, r.compute_high),
            &|m| b / (upfront * m + c - upfront),
        ));
    }
    let delay = ruleset.confidence.tornado_delay_months;
    swings.push(swing("benefit_delay", (0.0, f64::from(delay)), &|d| {
        series.benefit_to(horizon.saturating_sub(d as u32)) / c
    }));
    let growth = project.compute_growth_pct.value;
    if parametric && growth != 0.0 {
        let z = ruleset.confidence.tornado_growth_points;
        // The series re-filled as a growth shock fills it, summed without
        // copying it.
        let months = series.compute.len().min(horizon as usize);
        let grown = |points: f64| b / grown_compute(project, points).take(months).sum::<f64>();
        swings.push(Swing {
            input: "compute_growth",
            low: growth - z,
            high: growth + z,
            ratio_at_low: grown(-z),
            ratio_at_high: grown(z),
        });
    }
    // Stable: equal widths keep the order above.
    swings.sort_by(|x, y| y.width().total_cmp(&x.width()));
    Tornado {
        ratio: b / c,
        swings,
    }
}

/// A multiple of a figure as a signed percent: 0.6 is `−40%`, 1.2 `+20%`.
fn signed(m: f64) -> String {
    let pct = crate::format::pct((100.0 * (m - 1.0)).abs());
    if m < 1.0 {
        format!("-{pct}")
    } else {
        format!("+{pct}")
    }
}

/// A swing in words, its input and its two ends: `Monthly benefit −40% /
/// +20%`, `First benefit 0 / 3 months late`.
#[must_use]
pub(crate) fn label(s: &Swing) -> String {
    let (name, low, high) = match s.input {
        "monthly_benefit" => ("Monthly benefit", signed(s.low), signed(s.high)),
        "monthly_compute" => ("Monthly compute", signed(s.low), signed(s.high)),
        "upfront_compute" => ("Upfront compute", signed(s.low), signed(s.high)),
        "benefit_delay" => {
            return format!(
                "First benefit {} / {} months late",
                crate::format::number(s.low, 0),
                crate::format::number(s.high, 0)
            );
        }
        _ => {
            return format!(
                "Compute growth {} / {} a month",
                crate::format::pct(s.low),
                crate::format::pct(s.high)
            );
        }
    };
    format!("{name} {low} / {high}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::default_ruleset;
    use crate::rules::series;
    use crate::rules::testing::worked_example;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn the_worked_example_swings_as_recomputed_by_hand() {
        // FIN-001: 800,000 of benefit on 195,000 of compute (15,000
        // upfront, 10,000 a month for 18 months), no growth, assumed ranges
        // (benefit 0.6–1.2, compute 0.9–1.3), 3 months' delay.
        let ruleset = default_ruleset();
        let p = worked_example();
        let t = tornado(&series(&p, &ruleset), &p, &ruleset);
        assert!(close(t.ratio, 800_000.0 / 195_000.0));
        let by: Vec<(&str, f64, f64)> = t
            .swings
            .iter()
            .map(|s| (s.input, s.ratio_at_low, s.ratio_at_high))
            .collect();
        let expect = [
            (
                "monthly_benefit",
                480_000.0 / 195_000.0,
                960_000.0 / 195_000.0,
            ),
            (
                "monthly_compute",
                800_000.0 / 177_000.0,
                800_000.0 / 249_000.0,
            ),
            // Benefit from month 2, ramped over 2 months: 3 months late,
            // months 1..=15 hold 650,000.
            (
                "benefit_delay",
                800_000.0 / 195_000.0,
                650_000.0 / 195_000.0,
            ),
            (
                "upfront_compute",
                800_000.0 / 193_500.0,
                800_000.0 / 199_500.0,
            ),
        ];
        assert_eq!(by.len(), expect.len(), "{by:?}");
        for ((input, lo, hi), (want, wlo, whi)) in by.into_iter().zip(expect) {
            assert_eq!(input, want);
            assert!(close(lo, wlo) && close(hi, whi), "{input}: {lo} {hi}");
        }
        // Widest first.
        assert!(t.swings.windows(2).all(|w| w[0].width() >= w[1].width()));
        // `explain confidence` quotes them.
        for s in &t.swings {
            let (lo, hi) = (
                crate::format::ratio(s.ratio_at_low, 2),
                crate::format::ratio(s.ratio_at_high, 2),
            );
            let quoted = if s.input == "benefit_delay" {
                format!("3 months late {hi}")
            } else {
                format!("{lo} to {hi}")
            };
            assert!(super::super::EXPLAIN.contains(&quoted), "{quoted}");
        }
        let words: Vec<String> = t.swings.iter().map(label).collect();
        assert_eq!(
            words,
            [
                "Monthly benefit -40% / +20%",
                "Monthly compute -10% / +30%",
                "First benefit 0 / 3 months late",
                "Upfront compute -10% / +30%",
            ]
        );
    }

    #[test]
    fn growth_swings_by_the_ruleset_points_through_the_scenario_shock() {
        let mut ruleset = default_ruleset();
        let mut p = worked_example();
        p.compute_growth_pct.value = 2.0;
        ruleset.confidence.tornado_growth_points = 1.5;
        // A scenario's growth shock does not widen the swing.
        ruleset.scenarios[0].growth_points = 4.0;
        let s = series(&p, &ruleset);
        let t = tornado(&s, &p, &ruleset);
        let g = t
            .swings
            .iter()
            .find(|s| s.input == "compute_growth")
            .expect("a growth swing");
        assert!(close(g.low, 0.5) && close(g.high, 3.5));
        // Recomputed: 15,000 + Σ 10,000 · 1.035^(m−1) over 18 months.
        let compute: f64 = 15_000.0 + (0..18).map(|m| 10_000.0 * 1.035f64.powi(m)).sum::<f64>();
        let benefit = s.benefit_to(18);
        assert!((g.ratio_at_high - benefit / compute).abs() < 1e-9);
        assert!(g.ratio_at_low > t.ratio && g.ratio_at_high < t.ratio);
    }
}
