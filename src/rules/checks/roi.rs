//! Check 1 — is the ROI quantifiable: 3:1 on compute within 18 months.

use std::fmt::Write as _;

use crate::model::{
    BenefitMetric, CheckId, EnumWords, FieldId, Figures, Finding, InputUsed, Project, RoiFigures,
    Ruleset, Status, Threshold,
};

use crate::format;
use crate::rules::finance::{
    NoIrr, ge, gt, monthly_rate, npv, payback_month, round1, shaped_annual_irr, target_month,
};
use crate::rules::{Rule, Series, input_used};

/// Compute growth above this many percent a month is noted as implausible.
const GROWTH_NOTE_PCT: f64 = 20.0;

macro_rules! roi_explain {
    () => {
        "# What it checks

Whether the project returns at least `target_ratio` (3) of quantified benefit
for each one of compute spend over the first `horizon_months` (18) months:
ratio = Σ benefit / Σ compute over months 1..18. It passes at 3:1 or more
(verdict \"Quantified 3:1\"), warns from `warn_ratio` (2:1, \"Below 3:1\"),
and fails below that (\"Below 2:1\"). A benefit counted in
users, engagement or nothing at all fails whatever its ratio: only efficiency,
cost reduction, revenue and risk reduction are quantified returns. The ratio
at month 18 decides; touching 3:1 earlier and slipping back does not pass.
score = 0 when the benefit is not quantified, else
100 · min(1, ratio / `target_ratio`), rounded to one decimal: a ratio of
1.5714 (1.57:1) scores 100 · 1.5714 / 3 = 52.4.
Benefit starts in `benefit_start_month` and ramps up over
`benefit_ramp_months`: a ramp of 2 gives 1/3, then 2/3, then the full
benefit. Also reported: net ROI, payback month, the month 3:1 is reached,
NPV at `discount_rate` (10% a year), IRR, and the benefit and compute
multipliers that would just reach the target.

# Why it matters

A project that cannot show a 3:1 return on compute within 18 months is likely
still speculative. Efficiency metrics tie spend to money; user counts do not.
The ROI check carries half the total, and under the default gates a failing
roi caps the grade at C, a warning at B.

# Example

10,000 a month of inference plus 15,000 up front is 195,000 of compute over
18 months. 50,000 a month of efficiency gains from month 2, ramping up over
two months (1/3 in month 2, 2/3 in month 3, all of it from month 4), is
800,000 of benefit: 4.1:1, a pass with score 100, paid back in
month 3 and at 3:1 by month 8. Halve the benefit to 400,000 and it is 2.05:1:
a warning, score 68.4, and benefit would need to rise 46% to pass.
"
    };
}

#[doc = roi_explain!()]
#[derive(Debug, Clone, Copy)]
pub struct RoiCheck;

impl Rule for RoiCheck {
    fn id(&self) -> CheckId {
        CheckId::Roi
    }

    fn explain(&self) -> &'static str {
        roi_explain!()
    }

    fn thresholds(&self, ruleset: &Ruleset) -> Vec<Threshold> {
        vec![
            Threshold {
                key: "target_ratio",
                value: ruleset.target_ratio,
            },
            Threshold {
                key: "warn_ratio",
                value: ruleset.warn_ratio,
            },
            Threshold {
                key: "horizon_months",
                value: f64::from(ruleset.horizon_months),
            },
            Threshold {
                key: "lookahead_months",
                value: f64::from(ruleset.lookahead_months),
            },
            Threshold {
                key: "discount_rate",
                value: ruleset.discount_rate,
            },
        ]
    }

    fn evaluate(&self, project: &Project, series: &Series, ruleset: &Ruleset) -> Finding {
        let figures = figures(project, series, ruleset);
        let target = ruleset.target_ratio;
        let (status, score, verdict) = match figures.ratio {
            None => (Status::Fail, 0.0, "Not assessable".to_owned()),
            Some(_) if !figures.quantified => (Status::Fail, 0.0, "Not quantifiable".to_owned()),
            Some(ratio) => {
                let status = if ge(ratio, target) {
                    Status::Pass
                } else if ge(ratio, ruleset.warn_ratio) {
                    Status::Warn
                } else {
                    Status::Fail
                };
                let score = round1(100.0 * (ratio / target).min(1.0));
                (status, score, verdict(status, ruleset))
            }
        };
        let explanation = explain(project, &figures, status, ruleset);
        Finding {
            check: CheckId::Roi,
            status,
            score,
            verdict,
            thresholds: self.thresholds(ruleset),
            inputs: inputs(project),
            notes: notes(project, series, &figures, ruleset),
            explanation,
            figures: Figures::Roi(figures),
        }
    }
}

/// The verdict for a quantified, assessable project, written from the
/// ruleset's thresholds so warn and fail read apart: `Quantified 3:1` at the
/// target, `Below 3:1` from the warning level, `Below 2:1` under it.
fn verdict(status: Status, ruleset: &Ruleset) -> String {
    match status {
        Status::Pass => format!("Quantified {}", format::target(ruleset.target_ratio)),
        Status::Warn => format!("Below {}", format::target(ruleset.target_ratio)),
        Status::Fail => format!("Below {}", format::target(ruleset.warn_ratio)),
    }
}

fn figures(project: &Project, series: &Series, ruleset: &Ruleset) -> RoiFigures {
    let horizon = ruleset.horizon_months;
    let target = ruleset.target_ratio;
    let compute_total = series.compute_to(horizon);
    let benefit_total = series.benefit_to(horizon);
    let net: Vec<f64> = (0..horizon as usize).map(|i| series.net(i)).collect();
    let assessable = compute_total > 0.0;
    let irr = shaped_annual_irr(&net, ruleset.discount_rate);
    RoiFigures {
        ratio: assessable.then(|| benefit_total / compute_total),
        net_roi: assessable.then(|| (benefit_total - compute_total) / compute_total),
        payback_month: if assessable {
            payback_month(&series.compute, &series.benefit, horizon)
        } else {
            None
        },
        target_month: if assessable {
            target_month(&series.compute, &series.benefit, target, horizon)
        } else {
            None
        },
        npv: npv(monthly_rate(ruleset.discount_rate), &net),
        irr: if assessable { irr.ok().flatten() } else { None },
        irr_reason: if assessable {
            irr.err().map(NoIrr::reason)
        } else {
            Some("no compute spend was given")
        },
        net_benefit: benefit_total - compute_total,
        compute_total,
        benefit_total,
        benefit_factor_needed: (assessable && benefit_total > 0.0)
            .then(|| target * compute_total / benefit_total),
        compute_factor_needed: assessable.then(|| benefit_total / (target * compute_total)),
        quantified: project.benefit_metric.value.is_quantified(),
        cash_flows_used: project.cash_flows.is_some(),
    }
}

/// The one sentence a CFO reads.
fn explain(project: &Project, f: &RoiFigures, status: Status, ruleset: &Ruleset) -> String {
    let months = ruleset.horizon_months;
    let target = format::target(ruleset.target_ratio);
    let warn = format::target(ruleset.warn_ratio);
    let Some(ratio) = f.ratio else {
        return format!(
            "No compute spend was given for the {months}-month horizon, so the return on \
             compute cannot be assessed."
        );
    };
    let shown = ratio_words(ratio, &[ruleset.target_ratio, ruleset.warn_ratio]);
    if !f.quantified {
        let basis = match project.benefit_metric.value {
            BenefitMetric::UserCount => "Its benefit is counted in users",
            BenefitMetric::Engagement => "Its benefit is measured as engagement",
            _ => "It names no benefit metric",
        };
        return format!(
            "{basis}, not in efficiency, cost, revenue or risk, so the {shown} it shows on \
             compute over {months} months is not a quantified return."
        );
    }
    if f.benefit_total <= 0.0 {
        return format!(
            "Shows no benefit over {months} months against {} of compute, so it returns \
             nothing toward the {target} target.",
            format::money(f.compute_total)
        );
    }
    let gap = || {
        let rise = (f.benefit_factor_needed.unwrap_or(f64::NAN) - 1.0) * 100.0;
        let fall = (1.0 - f.compute_factor_needed.unwrap_or(f64::NAN)) * 100.0;
        format!(
            "benefit would need to rise {} or compute to fall {}",
            format::change_pct(rise),
            format::change_pct(fall)
        )
    };
    match status {
        Status::Pass => {
            let mut text = format!(
                "Returns {shown} on compute over {months} months, meeting the {target} target"
            );
            if let Some(m) = f.payback_month {
                let _ = write!(text, "; it pays back in month {m}");
                if let Some(t) = f.target_month {
                    let _ = write!(text, " and reaches {target} in month {t}");
                }
            }
            text.push('.');
            text
        }
        Status::Warn => format!(
            "Returns {shown} on compute over {months} months, below the {target} target but \
             at least the {warn} warning level; {}.",
            gap()
        ),
        Status::Fail => format!(
            "Returns {shown} on compute over {months} months, below both the {target} target \
             and the {warn} warning level; {}.",
            gap()
        ),
    }
}

/// A ratio to one decimal, or more when one decimal would misstate which
/// side of a threshold it is on (2.96 is not "3.0:1, below 3:1").
fn ratio_words(ratio: f64, thresholds: &[f64]) -> String {
    for digits in 1..=3 {
        let shown: f64 = format!("{ratio:.digits$}").parse().unwrap_or(ratio);
        if thresholds.iter().all(|t| ge(shown, *t) == ge(ratio, *t)) {
            return format::ratio(ratio, digits);
        }
    }
    format::ratio(ratio, 4)
}

fn inputs(project: &Project) -> Vec<InputUsed> {
    let p = project;
    let metric = input_used(
        p,
        FieldId::BenefitMetric,
        &p.benefit_metric,
        p.benefit_metric.value.label(),
    );
    let Some(flows) = &p.cash_flows else {
        return vec![
            input_used(
                p,
                FieldId::UpfrontComputeCost,
                &p.upfront_compute_cost,
                format::amount(p.upfront_compute_cost.value),
            ),
            input_used(
                p,
                FieldId::MonthlyComputeCost,
                &p.monthly_compute_cost,
                format::amount(p.monthly_compute_cost.value),
            ),
            input_used(
                p,
                FieldId::ComputeGrowthPct,
                &p.compute_growth_pct,
                format::pct(p.compute_growth_pct.value),
            ),
            input_used(
                p,
                FieldId::MonthlyBenefit,
                &p.monthly_benefit,
                format::amount(p.monthly_benefit.value),
            ),
            input_used(
                p,
                FieldId::BenefitStartMonth,
                &p.benefit_start_month,
                p.benefit_start_month.value.to_string(),
            ),
            input_used(
                p,
                FieldId::BenefitRampMonths,
                &p.benefit_ramp_months,
                p.benefit_ramp_months.value.to_string(),
            ),
            metric,
        ];
    };
    let mut used = Vec::with_capacity(flows.len() + 1);
    used.push(metric);
    used.extend(flows.iter().map(|flow| InputUsed {
        field: "cash_flows",
        value: format!(
            "month {}: compute {}, benefit {}",
            flow.month,
            format::amount(flow.compute),
            format::amount(flow.benefit)
        ),
        raw: None,
        cell: Some(flow.source.clone()),
    }));
    used
}

fn notes(project: &Project, series: &Series, f: &RoiFigures, ruleset: &Ruleset) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(flows) = &project.cash_flows {
        notes.push(format!(
            "its cash-flow table gave compute and benefit ({}); its monthly figures were not used",
            format::counted(flows.len() as u64, "row", "rows")
        ));
    }
    if f.quantified && series.benefit.iter().all(|b| *b == 0.0) {
        notes.push(format!(
            "benefit metric is {} but no benefit is given",
            project.benefit_metric.value.word()
        ));
    }
    if project.cash_flows.is_none() {
        let start = project.benefit_start_month.value;
        if start > ruleset.horizon_months {
            notes.push(format!(
                "benefit starts in month {start}, after the {}-month horizon",
                ruleset.horizon_months
            ));
        }
        let growth = project.compute_growth_pct.value;
        if gt(growth, GROWTH_NOTE_PCT) {
            notes.push(format!(
                "compute grows {} a month, above {} a month: check the figure",
                format::pct(growth),
                format::pct(GROWTH_NOTE_PCT)
            ));
        }
    }
    notes
}

// Rounded scores and exact inputs are compared exactly: that is what the
// spec promises (the report's arithmetic is what decided).
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
