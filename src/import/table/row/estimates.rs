//! A project row's low and high estimates of its monthly benefit and
//! compute, read like the money they bound and checked against it: a low
//! above the likely value, or a high below it, refuses the row at its cell.

use crate::format;
use crate::model::{Estimates, Field, FieldId};

use super::Reader;

impl Reader<'_, '_> {
    /// The row's estimates, in the run currency; a bound that is not money,
    /// is on the wrong side of the likely value (`benefit`, `compute`, when
    /// given) or is a zero low compute is recorded as a problem.
    pub(super) fn estimates(
        &mut self,
        row_currency: &str,
        rate: f64,
        benefit: Option<&Field<f64>>,
        compute: Option<&Field<f64>>,
    ) -> Estimates {
        let estimates = Estimates {
            benefit_low: self.money(FieldId::BenefitLow, row_currency, rate),
            benefit_high: self.money(FieldId::BenefitHigh, row_currency, rate),
            compute_low: self.money(FieldId::ComputeLow, row_currency, rate),
            compute_high: self.money(FieldId::ComputeHigh, row_currency, rate),
        };
        let likely_benefit = (FieldId::MonthlyBenefit, benefit.map(|f| f.value));
        let likely_compute = (FieldId::MonthlyComputeCost, compute.map(|f| f.value));
        for (id, bound, (likely_id, likely), low) in [
            (
                FieldId::BenefitLow,
                &estimates.benefit_low,
                likely_benefit,
                true,
            ),
            (
                FieldId::BenefitHigh,
                &estimates.benefit_high,
                likely_benefit,
                false,
            ),
            (
                FieldId::ComputeLow,
                &estimates.compute_low,
                likely_compute,
                true,
            ),
            (
                FieldId::ComputeHigh,
                &estimates.compute_high,
                likely_compute,
                false,
            ),
        ] {
            let Some(bound) = bound else { continue };
            let message = match likely {
                Some(likely) if low && bound.value > likely => Some(format!(
                    "{} is above {likely_id} ({}): a low estimate is at most the likely value",
                    format::amount(bound.value),
                    format::amount(likely)
                )),
                Some(likely) if !low && bound.value < likely => Some(format!(
                    "{} is below {likely_id} ({}): a high estimate is at least the likely value",
                    format::amount(bound.value),
                    format::amount(likely)
                )),
                _ if id == FieldId::ComputeLow && bound.value <= 0.0 => Some(
                    "is 0: a low compute must be above zero, or the ratio has no bound; leave \
                     it blank to assume 10% below monthly_compute_cost"
                        .to_owned(),
                ),
                _ => None,
            };
            if let Some(message) = message {
                let cell = self.cell(id).map(|(_, v)| v.clone());
                self.problem(bound.col, id, cell.as_ref(), message);
            }
        }
        estimates
    }
}
