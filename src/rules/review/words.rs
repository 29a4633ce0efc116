//! Which months of a review are actual and why the others stay plan, the
//! months whose benefit is the plan's (unverified), and the billed provider
//! mixes far from the declared ones, in the words every output shows: the
//! console, the Actuals, Findings and Summary sheets and the report. The
//! reasons are the ones the review and the bills give (the JSON's
//! `months[].plan_reason` and `review.bills.mix[].warning`); this module
//! only puts them into lines, so each is worded once.

use std::fmt::Write as _;

use crate::format;
use crate::model::{Actuals, BilledSpend, MonthBasis, Review, ReviewMonth};

/// The Actuals sheet's legend, one line a row above its table.
pub(crate) const LEGEND: [&str; 3] = [
    "Basis: actual = the month's actual figures replace the plan; plan = the plan's figures; \
     run rate = the plan scaled by the run rate of the last three actual months.",
    "A month is actual once it has ended by the as-of date and, for a project on the cloud \
     bills, the bills hold charges in it from every provider they hold; Note says why a month \
     the bills reach stays plan.",
    "Benefit unverified: an actual month without actual_benefit keeps the plan's benefit.",
];

/// The bills' spend a project's allocation rule gives it, whatever the
/// service: the project's compute.
pub(crate) const ALLOCATED: &str = "Allocated to projects";

/// The bills' AI spend (the ruleset's AI service category only) that no
/// project's allocation rule matches.
pub(crate) const UNALLOCATED_AI: &str = "Unallocated AI spend";

/// The line under every table of the two: what each counts, as the
/// headings alone would not say.
#[must_use]
pub(crate) fn spend_note(ai_category: &str) -> String {
    format!(
        "{ALLOCATED}: all spend the allocation rules give a project, AI services or not (the \
         project's compute); {}: only the {ai_category} service category, matched by no \
         project.",
        in_sentence(UNALLOCATED_AI)
    )
}

/// A title inside a sentence: its first letter in lower case (`AI` kept).
#[must_use]
pub(crate) fn in_sentence(title: &str) -> String {
    let mut chars = title.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// What a month of the review series is, in a word: `actual`, `plan` or
/// `run rate`.
#[must_use]
pub(crate) fn basis_word(basis: MonthBasis) -> &'static str {
    match basis {
        MonthBasis::Actual => "actual",
        MonthBasis::Plan => "plan",
        MonthBasis::RunRate => "run rate",
    }
}

/// The note of one month, as the Actuals sheet and Appendix D show it:
/// for an actual month, which of its figures are the plan's (`benefit
/// unverified: plan kept`); for a month the bills reach that stays plan,
/// why. `None` for an actual month with both figures and for a month
/// after the last one the bills reach (the legend and the report's line
/// say why those follow the plan).
#[must_use]
pub(crate) fn month_note(
    review: &Review,
    month: &ReviewMonth,
    actuals: Option<&Actuals>,
) -> Option<String> {
    let m = month.month;
    if month.basis == MonthBasis::Actual {
        let benefit = review.unverified_benefit.contains(&m);
        let compute = review.unverified_compute.contains(&m);
        return match (benefit, compute) {
            (true, true) => Some("benefit and compute unverified: plan kept".into()),
            (true, false) => Some("benefit unverified: plan kept".into()),
            (false, true) => Some("compute unverified: plan kept".into()),
            (false, false) => None,
        };
    }
    let billed = actuals.and_then(|a| a.bills.as_ref())?;
    billed
        .plan
        .iter()
        .any(|p| p.month == m)
        .then(|| month.plan_reason.clone())
        .flatten()
}

/// Which months of the review are actual and why the rest stay plan, in
/// ranges: `months 1–2 actual (2026-01 to 2026-02); month 3 plan
/// (2026-03): no charges from Google Cloud; months 4–18 plan (2026-04 to
/// 2027-06): not ended by the as-of date 2026-04-10`. `None` without
/// review months.
#[must_use]
pub(crate) fn months_line(review: &Review, actuals: Option<&Actuals>) -> Option<String> {
    let mut groups: Vec<(MonthBasis, Option<&str>, u32, u32)> = Vec::new();
    for m in &review.months {
        let reason = m.plan_reason.as_deref();
        match groups.last_mut() {
            Some((basis, why, _, last)) if *basis == m.basis && *why == reason => *last = m.month,
            _ => groups.push((m.basis, reason, m.month, m.month)),
        }
    }
    let calendar = |m: u32| {
        actuals
            .and_then(|a| a.calendar(m))
            .map(|d| d.format("%Y-%m").to_string())
    };
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(basis, why, first, last)| {
            let mut part = if first == last {
                format!("month {first} {}", basis_word(basis))
            } else {
                format!("months {first}\u{2013}{last} {}", basis_word(basis))
            };
            match (calendar(first), calendar(last)) {
                (Some(a), Some(b)) if first == last || a == b => {
                    let _ = write!(part, " ({a})");
                }
                (Some(a), Some(b)) => {
                    let _ = write!(part, " ({a} to {b})");
                }
                _ => {}
            }
            if let Some(why) = why {
                let _ = write!(part, ": {why}");
            }
            part
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The actual months whose figures are the plan's: `benefit of months
/// 1–2 unverified: no actual_benefit given, the plan's benefit kept`, a
/// line for benefit and one for compute, where any.
#[must_use]
pub(crate) fn unverified_lines(review: &Review) -> Vec<String> {
    let line = |months: &[u32], figure: &str, column: &str| {
        (!months.is_empty()).then(|| {
            format!(
                "{figure} of {} {} unverified: no {column} given, the plan's {figure} kept",
                if months.len() == 1 { "month" } else { "months" },
                format::month_span(months)
            )
        })
    };
    [
        line(&review.unverified_benefit, "benefit", "actual_benefit"),
        line(&review.unverified_compute, "compute", "actual compute"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The billed mixes of a project far from its declared ones, as the
/// review's notes and the JSON's `review.bills.mix[].warning` give them.
#[must_use]
pub(crate) fn mix_warnings(actuals: Option<&Actuals>) -> Vec<&str> {
    actuals
        .and_then(|a| a.bills.as_ref())
        .map(|b| b.mix.iter().filter_map(|m| m.warning.as_deref()).collect())
        .unwrap_or_default()
}

/// The notes the plan's diversification row carries when the review,
/// judged on the mix billed, warns of a billed mix far from the declared:
/// `review on the mix billed: warn; billed provider mix differs from the
/// declared by 35.6 points: declared …, billed …`.
#[must_use]
pub(crate) fn diversification_notes(
    review: Option<&Review>,
    actuals: Option<&Actuals>,
) -> Vec<String> {
    let warnings = mix_warnings(actuals);
    if warnings.is_empty() {
        return Vec::new();
    }
    let status = review
        .and_then(|r| r.graded.as_ref())
        .map(|g| format!("review on the mix billed: {}", g.findings[1].status.word()));
    status
        .into_iter()
        .chain(warnings.into_iter().map(str::to_owned))
        .collect()
}

/// Every project whose billed mix departs from its declared one, by
/// project id: `FIN-002: billed provider mix differs from the declared
/// by 35.6 points: declared …, billed …`.
#[must_use]
pub(crate) fn mix_departures(bills: &BilledSpend) -> Vec<String> {
    bills
        .per_project
        .iter()
        .filter_map(|(id, p)| p.review.as_ref().map(|r| (id, r)))
        .flat_map(|(id, r)| {
            r.mix
                .iter()
                .filter_map(move |m| m.warning.as_deref().map(|w| format!("{id}: {w}")))
        })
        .collect()
}

/// The calendar months the bills hold charges in that stay plan for every
/// project, with the reason: `2026-03: no charges from Google Cloud`.
#[must_use]
pub(crate) fn plan_months(bills: &BilledSpend) -> Vec<String> {
    bills
        .plan_months
        .iter()
        .map(|m| format!("{}: {}", m.month, m.reason))
        .collect()
}

/// `text` with its first letter a capital, to open a sentence.
#[must_use]
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
