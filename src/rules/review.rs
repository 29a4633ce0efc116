//! The performance review: a project's grade on what did happen. Each
//! month complete by the as-of date with actual figures replaces the plan
//! (a missing actual keeps the plan's figure, marked unverified); the
//! months after follow the plan or the plan scaled by the recent run rate
//! (`reforecast`); the engine grades that series with the same checks,
//! gates and rounding as the plan. Beside it: the variance of actual
//! against plan, and whether the project is on track for the target.

use std::fmt::Write as _;

use crate::format;
use crate::model::{
    Actuals, MonthBasis, Project, Reforecast, Review, ReviewCounts, ReviewMonth, Ruleset, RunRate,
    Status, Variance,
};

use super::Series;
use super::engine::grade_series;

/// How many of the last actual months the run rate is measured over.
pub(crate) const RUN_RATE_MONTHS: usize = 3;

pub(crate) mod bills;
pub(crate) mod words;

/// What `airoi explain review` prints: the formulas in plain words.
pub(crate) const EXPLAIN: &str = "# What it checks

How the project is doing against its plan, from what did happen. A month
counts as actual when it has ended by the run's as-of date (--as-of; the
month of `start_date` is month 1) and the CashFlows sheet gives
`actual_compute` or `actual_benefit` for it. Without a `start_date` no
month can be placed in time, so no month is actual.

Replacement: in each actual month the actual figure replaces the plan's.
A month without `actual_benefit` keeps the plan's benefit and is marked
unverified (so is one without actual compute).

Re-forecast: the months after the last actual month follow the plan
(`reforecast` = \"plan\", the default) or, with `reforecast` = \"run_rate\",
the plan times the run rate: run rate = Σ actual ÷ Σ plan over the last
three actual months, for compute and for benefit separately (a figure
not given counts as its plan; a plan of zero gives a rate of 1).

The review grade is the roi, diversification and agentic checks, the
total, the gates and the rounding of the plan's grade, on that series.
On track: the review's ratio at month `horizon_months` (Σ benefit ÷ Σ
compute, months 1..18) is at least `target_ratio` with a quantified
benefit. Variance: Σ actual - Σ plan over the months that give the
figure, in money and in percent of the plan (above zero: more spent, or
more gained). A project with no actual figure gets no review grade.

With cloud bills (score --bills): a project whose allocation matches
bill rows takes its actual compute from them. Each calendar month's
billed spend goes to its project month (month 1 is the month of
`start_date`; without one, the first month billed to the project, noted;
billed months before month 1 are left out and counted). A month is
actual only if the bills count it complete (over by --as-of, with
charges from every provider the bills hold) and it has ended by the
as-of date; the others stay plan, each with the reason. The intake's
`actual_compute` is spend on no bill (on-premises): it is added to the
billed figure (source: both). A project no bill row matches keeps its
plan and gets no review from the bills. The plan grade is untouched;
the review's diversification check is judged on the billed mix
(`ProviderName`; `PublisherName` of AI services for model vendors), and
a billed share more than `bills.mix_gap_points` (15) points from the
declared one is a note: \"declared Azure 60 / AWS 40, billed Azure 96 /
AWS 4\".

# Why it matters

A plan grade says what a project promised; a performance review asks
what it delivered. Actual spend and realised benefit, replacing the
plan month by month, show which projects are on course for 3:1 and
which only looked so on paper.

# Example

A plan of 10,000 of compute and 40,000 of benefit a month (4:1). Three
months have ended with 12,000 spent and 30,000 gained each: compute is
+6,000 (+20%), benefit -30,000 (-25%). Under \"plan\" months 4..18 stay
at 10,000 and 40,000: 690,000 ÷ 186,000 = 3.71:1, on track. Under
\"run_rate\" (compute 1.2, benefit 0.75) they become 12,000 and 30,000:
2.5:1, not on track.
";

/// The review of a project that gives actual figures, on its plan series.
pub(crate) fn review(
    project: &Project,
    actuals: &Actuals,
    plan: &Series,
    ruleset: &Ruleset,
) -> Review {
    let mut notes = Vec::new();
    if let Some(billed) = &actuals.bills {
        notes.extend(billed.notes.iter().cloned());
    }
    let open = actuals.open_months();
    if actuals.month_one.is_none() {
        notes.push(
            "actual figures are given but no start_date: without the calendar month of month 1 \
             no month can be placed in time, so none counts as actual; give the project a \
             start_date"
                .to_owned(),
        );
    } else if !open.is_empty() {
        notes.push(format!(
            "actual figures for month {} are not used: not ended by the as-of date {}",
            months_text(&open, actuals),
            actuals.as_of.format("%Y-%m-%d")
        ));
    }
    let actual_months: Vec<u32> = actuals
        .actual_months()
        .into_iter()
        .filter(|m| (*m as usize) <= plan.compute.len())
        .collect();
    let mut out = Review {
        actual_months,
        unverified_benefit: Vec::new(),
        unverified_compute: Vec::new(),
        reforecast: ruleset.reforecast,
        run_rate: None,
        compute_variance: None,
        benefit_variance: None,
        ratio: None,
        on_track: None,
        graded: None,
        months: Vec::new(),
        notes,
    };
    let Some(&last) = out.actual_months.last() else {
        if actuals.bills.is_some() {
            out.notes.push(format!(
                "no month is both complete in the bills and ended by the as-of date {}: \
                 no review grade",
                actuals.as_of.format("%Y-%m-%d")
            ));
        } else if actuals.month_one.is_some() {
            out.notes.push(format!(
                "no month with actual figures has ended by the as-of date {}: no review grade",
                actuals.as_of.format("%Y-%m-%d")
            ));
        }
        return out;
    };
    let mut series = plan.clone();
    let given = |m: u32| actuals.month(m).cloned().unwrap_or_default();
    let (mut compute_pairs, mut benefit_pairs) = (Vec::new(), Vec::new());
    for &m in &out.actual_months {
        let i = m as usize - 1;
        let month = given(m);
        match month.compute {
            Some(a) => {
                series.compute[i] = a.amount;
                compute_pairs.push((m, plan.compute[i], a.amount));
            }
            None => out.unverified_compute.push(m),
        }
        match month.benefit {
            Some(a) => {
                series.benefit[i] = a.amount;
                benefit_pairs.push((m, plan.benefit[i], a.amount));
            }
            None => out.unverified_benefit.push(m),
        }
    }
    if ruleset.reforecast == Reforecast::RunRate {
        let recent = &out.actual_months[out.actual_months.len().saturating_sub(RUN_RATE_MONTHS)..];
        let rate = |used: &[f64], planned: &[f64]| {
            let (u, p) = recent.iter().fold((0.0, 0.0), |(u, p), m| {
                (u + used[*m as usize - 1], p + planned[*m as usize - 1])
            });
            if p > 0.0 { u / p } else { 1.0 }
        };
        let run_rate = RunRate {
            compute: rate(&series.compute, &plan.compute),
            benefit: rate(&series.benefit, &plan.benefit),
            months: recent.to_vec(),
        };
        for i in last as usize..series.compute.len() {
            series.compute[i] = plan.compute[i] * run_rate.compute;
            series.benefit[i] = plan.benefit[i] * run_rate.benefit;
        }
        out.run_rate = Some(run_rate);
    }
    out.compute_variance = variance(&compute_pairs);
    out.benefit_variance = variance(&benefit_pairs);
    out.months = months(&out, plan, &series, actuals, ruleset.horizon_months);
    let graded = match actuals.bills.as_ref().filter(|b| !b.mix.is_empty()) {
        // Where the bills matched, diversification is judged on the mix billed.
        Some(billed) => {
            let mut graded = grade_series(&billed_mix(project, billed), &series, ruleset);
            let finding = &mut graded.findings[1];
            finding.explanation = format!("On the mix billed: {}", finding.explanation);
            graded
        }
        None => grade_series(project, &series, ruleset),
    };
    if let crate::model::Figures::Roi(roi) = &graded.findings[0].figures {
        out.ratio = roi.ratio;
    }
    out.on_track = Some(graded.findings[0].status == Status::Pass);
    out.graded = Some(graded);
    out
}

/// The project with its share lists replaced by the mixes the bills show.
fn billed_mix(project: &Project, billed: &crate::model::BilledActuals) -> Project {
    let mut p = project.clone();
    if let Some(list) = billed.billed_mix("providers") {
        p.providers.value = list.clone();
    }
    if let (Some(field), Some(list)) =
        (&mut p.model_providers, billed.billed_mix("model_providers"))
    {
        field.value = list.clone();
    }
    p
}

/// Σ actual against Σ plan over (month, plan, actual) triples.
fn variance(pairs: &[(u32, f64, f64)]) -> Option<Variance> {
    if pairs.is_empty() {
        return None;
    }
    let plan: f64 = pairs.iter().map(|(_, p, _)| p).sum();
    let actual: f64 = pairs.iter().map(|(_, _, a)| a).sum();
    Some(Variance {
        plan,
        actual,
        amount: actual - plan,
        pct: (plan != 0.0).then(|| 100.0 * (actual - plan) / plan.abs()),
        months: pairs.iter().map(|(m, _, _)| *m).collect(),
    })
}

/// The months of the review series through the horizon (or the last
/// actual month, if later) with their plan, actual figures and cumulative
/// ratio.
fn months(
    review: &Review,
    plan: &Series,
    series: &Series,
    actuals: &Actuals,
    horizon: u32,
) -> Vec<ReviewMonth> {
    let last = review.actual_months.last().copied().unwrap_or(0);
    let through = (last.max(horizon) as usize).min(series.compute.len());
    let (mut compute, mut benefit) = (0.0, 0.0);
    (0..through)
        .map(|i| {
            let m = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let actual = review.actual_months.contains(&m);
            let given = actuals.month(m).filter(|_| actual);
            compute += series.compute[i];
            benefit += series.benefit[i];
            ReviewMonth {
                month: m,
                plan_compute: plan.compute[i],
                plan_benefit: plan.benefit[i],
                actual_compute: given.and_then(|g| g.compute.as_ref()).map(|a| a.amount),
                actual_benefit: given.and_then(|g| g.benefit.as_ref()).map(|a| a.amount),
                compute: series.compute[i],
                benefit: series.benefit[i],
                cumulative_ratio: (compute > 0.0).then(|| benefit / compute),
                basis: if actual {
                    MonthBasis::Actual
                } else if m > last && review.run_rate.is_some() {
                    MonthBasis::RunRate
                } else {
                    MonthBasis::Plan
                },
                plan_reason: (!actual).then(|| plan_reason(m, actuals)).flatten(),
            }
        })
        .collect()
}

/// Why month `m` stays plan, for a project the bills matched.
fn plan_reason(m: u32, actuals: &Actuals) -> Option<String> {
    let billed = actuals.bills.as_ref()?;
    if m > actuals.complete() {
        return Some(format!(
            "not ended by the as-of date {}",
            actuals.as_of.format("%Y-%m-%d")
        ));
    }
    billed.plan_reason(m).map(str::to_owned)
}

/// Months as people read them: `4 (2026-04), 5 (2026-05)`.
fn months_text(months: &[u32], actuals: &Actuals) -> String {
    months
        .iter()
        .map(|m| match actuals.calendar(*m) {
            Some(d) => format!("{m} ({})", d.format("%Y-%m")),
            None => m.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The review line of the summary, when some project gives actual
/// figures: `3 projects with actuals: review grades A 1, C 1; 1 on track
/// for 3:1 by month 18, 1 not; 1 with no month ended yet`.
pub(crate) fn counts_line(r: &ReviewCounts, ruleset: &Ruleset) -> Option<String> {
    if r.with_actuals == 0 {
        return None;
    }
    let mut line = format!(
        "{} {} with actuals",
        r.with_actuals,
        if r.with_actuals == 1 {
            "project"
        } else {
            "projects"
        }
    );
    if r.graded > 0 {
        let grades: Vec<String> = r
            .grades
            .iter()
            .map(|(g, n)| format!("{} {n}", g.letter()))
            .collect();
        let _ = write!(
            line,
            ": review grades {}; {} on track for {} by month {}, {} not",
            grades.join(", "),
            r.on_track,
            format::target(ruleset.target_ratio),
            ruleset.horizon_months,
            r.graded - r.on_track
        );
    }
    let ungraded = r.with_actuals - r.graded;
    if ungraded > 0 {
        let _ = write!(
            line,
            "{}{ungraded} with no actual month yet (none ended by the as-of date, or no start_date)",
            if r.graded > 0 { "; " } else { ": " }
        );
    }
    Some(line)
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
