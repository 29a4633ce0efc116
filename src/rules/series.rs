//! The monthly series shared by the checks: compute and benefit for months
//! 1..L, as `spec/checklist.md` ("The monthly series") defines them.

use crate::model::{Project, Ruleset};

/// Compute and benefit per month; index 0 is month 1, length L.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    pub compute: Vec<f64>,
    pub benefit: Vec<f64>,
}

/// The project's monthly compute and benefit over the look-ahead L.
///
/// Explicit cash flows replace both parametric series; months they do not
/// give count as 0, and months beyond L are outside every figure.
#[must_use]
pub fn series(project: &Project, ruleset: &Ruleset) -> Series {
    let months = ruleset.lookahead() as usize;
    if let Some(flows) = &project.cash_flows {
        let mut out = Series {
            compute: vec![0.0; months],
            benefit: vec![0.0; months],
        };
        for flow in flows {
            let m = flow.month as usize;
            if (1..=months).contains(&m) {
                out.compute[m - 1] += flow.compute;
                out.benefit[m - 1] += flow.benefit;
            }
        }
        return out;
    }
    let upfront = project.upfront_compute_cost.value;
    let run_rate = project.monthly_compute_cost.value;
    let growth = 1.0 + project.compute_growth_pct.value / 100.0;
    let full = project.monthly_benefit.value;
    let start = f64::from(project.benefit_start_month.value);
    let ramp = f64::from(project.benefit_ramp_months.value);
    let mut compute = Vec::with_capacity(months);
    let mut benefit = Vec::with_capacity(months);
    for m in 1..=months {
        let mf = m as f64;
        let first = if m == 1 { upfront } else { 0.0 };
        compute.push(first + run_rate * growth.powi(m as i32 - 1));
        benefit.push(if mf < start {
            0.0
        } else {
            full * ((mf - start + 1.0) / (ramp + 1.0)).min(1.0)
        });
    }
    Series { compute, benefit }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // Exact sums of exact inputs.
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn worked_example_totals_over_the_horizon() {
        let ruleset = fixture::ruleset();
        let s = series(&fixture::worked_example(), &ruleset);
        assert_eq!(s.compute.len(), 60);
        let compute: f64 = s.compute[..18].iter().sum();
        let benefit: f64 = s.benefit[..18].iter().sum();
        assert!((compute - 195_000.0).abs() < 1e-6);
        assert!((benefit - 800_000.0).abs() < 1e-6);
        assert!((s.benefit[1] - 50_000.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn explicit_cash_flows_replace_both_series() {
        let ruleset = fixture::ruleset();
        let mut project = fixture::worked_example();
        project.cash_flows = Some(vec![fixture::flow(2, 100.0, 400.0)]);
        let s = series(&project, &ruleset);
        assert_eq!(s.compute[0], 0.0);
        assert_eq!(s.compute[1], 100.0);
        assert_eq!(s.benefit[1], 400.0);
        assert_eq!(s.benefit.iter().sum::<f64>(), 400.0);
    }
}
