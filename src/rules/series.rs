//! The monthly series every check shares: compute and benefit for months
//! 1..L, from the parametric fields or from explicit cash flows.
//!
//! `spec/checklist.md`, "The monthly series":
//! compute(m) = upfront·[m = 1] + monthly·(1 + g)^(m−1);
//! benefit(m) = 0 before the start month s, then `monthly_benefit` ramping
//! linearly over r months: min(1, (m − s + 1) / (r + 1)).

use crate::model::{Project, Ruleset};

/// Compute and benefit per month; index 0 is month 1, length L.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// Compute spend per month, in the run currency.
    pub compute: Vec<f64>,
    /// Benefit per month, in the run currency.
    pub benefit: Vec<f64>,
}

impl Series {
    /// Refills this series for a project, reusing its buffers: scoring a
    /// million projects then allocates once, not twice per project.
    pub fn fill(&mut self, project: &Project, ruleset: &Ruleset) {
        let months = ruleset.lookahead() as usize;
        self.compute.clear();
        self.benefit.clear();
        self.compute.resize(months, 0.0);
        self.benefit.resize(months, 0.0);
        if let Some(flows) = &project.cash_flows {
            // Months beyond the look-ahead cannot change any figure; several
            // rows for one month add up, as they would in a ledger.
            for flow in flows {
                let Some(i) = (flow.month as usize).checked_sub(1) else {
                    continue;
                };
                if i < months {
                    self.compute[i] += flow.compute;
                    self.benefit[i] += flow.benefit;
                }
            }
            return;
        }
        let upfront = project.upfront_compute_cost.value;
        let monthly = project.monthly_compute_cost.value;
        let growth = 1.0 + project.compute_growth_pct.value / 100.0;
        let mut run_rate = monthly;
        for compute in &mut self.compute {
            *compute = run_rate;
            run_rate *= growth;
        }
        if let Some(first) = self.compute.first_mut() {
            *first += upfront;
        }
        let full = project.monthly_benefit.value;
        let start = project.benefit_start_month.value.max(1) as usize;
        let ramp = f64::from(project.benefit_ramp_months.value) + 1.0;
        for (i, benefit) in self.benefit.iter_mut().enumerate().skip(start - 1) {
            let into_ramp = (i + 2 - start) as f64;
            *benefit = full * (into_ramp / ramp).min(1.0);
        }
    }

    /// Σ compute over months 1..=`months`.
    #[must_use]
    pub(crate) fn compute_to(&self, months: u32) -> f64 {
        self.compute.iter().take(months as usize).sum()
    }

    /// Σ benefit over months 1..=`months`.
    #[must_use]
    pub(crate) fn benefit_to(&self, months: u32) -> f64 {
        self.benefit.iter().take(months as usize).sum()
    }

    /// Net flow benefit − compute of month `i + 1`.
    #[must_use]
    pub(crate) fn net(&self, i: usize) -> f64 {
        self.benefit[i] - self.compute[i]
    }
}

/// The monthly series of a project over months 1..L (L = `ruleset.lookahead()`).
///
/// Explicit `project.cash_flows` replace both series; months not given are 0.
#[must_use]
pub fn series(project: &Project, ruleset: &Ruleset) -> Series {
    let mut out = Series::default();
    out.fill(project, ruleset);
    out
}

// Exact sums of exact inputs are compared exactly.
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::model::{CellPos, Field, MonthFlow, SourceCell};
    use crate::rules::{default_ruleset, testing::worked_example};

    #[test]
    fn worked_example_series() {
        let ruleset = default_ruleset();
        let s = series(&worked_example(), &ruleset);
        assert_eq!(s.compute.len(), 60);
        assert_eq!(s.compute[0], 25_000.0);
        assert_eq!(s.compute[1], 10_000.0);
        assert_eq!(s.benefit[0], 0.0);
        assert!((s.benefit[1] - 50_000.0 / 3.0).abs() < 1e-9);
        assert!((s.benefit[2] - 100_000.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.benefit[3], 50_000.0);
        assert_eq!(s.benefit[59], 50_000.0);
        assert!((s.compute_to(18) - 195_000.0).abs() < 1e-6);
        assert!((s.benefit_to(18) - 800_000.0).abs() < 1e-6);
    }

    #[test]
    fn ramp_of_three_from_month_one_is_quarters() {
        let mut p = worked_example();
        p.benefit_start_month = Field::default_value(1);
        p.benefit_ramp_months = Field::default_value(3);
        let s = series(&p, &default_ruleset());
        assert_eq!(
            &s.benefit[..5],
            &[12_500.0, 25_000.0, 37_500.0, 50_000.0, 50_000.0]
        );
    }

    #[test]
    fn growth_compounds_from_month_two() {
        let mut p = worked_example();
        p.upfront_compute_cost = Field::default_value(0.0);
        p.compute_growth_pct = Field::default_value(10.0);
        let s = series(&p, &default_ruleset());
        assert!((s.compute[0] - 10_000.0).abs() < 1e-9);
        assert!((s.compute[1] - 11_000.0).abs() < 1e-9);
        assert!((s.compute[2] - 12_100.0).abs() < 1e-9);
    }

    #[test]
    fn cash_flows_replace_both_series() {
        let mut p = worked_example();
        let source = SourceCell {
            origin: p.origin.clone(),
            pos: CellPos { row: 2, col: 0 },
        };
        let flow = |month, compute, benefit| MonthFlow {
            month,
            compute,
            benefit,
            source: source.clone(),
        };
        p.cash_flows = Some(vec![
            flow(1, 100.0, 0.0),
            flow(3, 10.0, 500.0),
            flow(3, 5.0, 1.0),
            flow(99, 1.0, 1.0),
        ]);
        let s = series(&p, &default_ruleset());
        assert_eq!(&s.compute[..4], &[100.0, 0.0, 15.0, 0.0]);
        assert_eq!(&s.benefit[..4], &[0.0, 0.0, 501.0, 0.0]);
        assert_eq!(s.compute_to(60), 115.0);
    }
}
