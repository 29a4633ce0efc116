//! The cloud bills joined to a project's actuals before it is scored: the
//! compute its allocation found, calendar month by calendar month, placed
//! in its project months (month 1 is the month of `start_date`, or the
//! first billed month without one), added to the intake's `actual_compute`
//! (spend on no bill), and its billed provider mix measured against the
//! declared one. Only months the bills count as actual can be actual: a
//! month an export does not cover in full stays plan, with the reason.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::format;
use crate::model::{
    Actual, ActualSource, Actuals, BilledActuals, BilledPlanMonth, BilledSpend, MixGap, MonthOne,
    Project, ProjectBills, ProviderDimension, Ruleset, Share, ShareList, YearMonth,
};

/// Project month of calendar month `c` when month 1 is `one`: 1 for `one`
/// itself, 0 or less before it.
#[must_use]
pub(crate) fn project_month(one: YearMonth, c: YearMonth) -> i64 {
    (i64::from(c.year) - i64::from(one.year)) * 12 + i64::from(c.month) - i64::from(one.month) + 1
}

fn year_month(d: NaiveDate) -> YearMonth {
    YearMonth {
        year: d.year(),
        month: d.month(),
    }
}

/// Joins what the bills found for `project` to its actuals; a project the
/// bills did not match keeps its actuals as the intake gave them.
pub(crate) fn join(
    project: &mut Project,
    spend: &BilledSpend,
    ruleset: &Ruleset,
    as_of: NaiveDate,
) {
    let Some(billed) = spend.per_project.get(&project.project_id) else {
        return;
    };
    let (one, from) = match (project.start_date, billed.months.keys().next()) {
        (Some(d), _) => (year_month(d), MonthOne::StartDate),
        (None, Some(first)) => (*first, MonthOne::FirstBilledMonth),
        (None, None) => return,
    };
    let first_day = NaiveDate::from_ymd_opt(one.year, one.month, 1).unwrap_or(as_of);
    let mut actuals = project
        .actuals
        .take()
        .unwrap_or_else(|| Actuals::new(Some(first_day), as_of));
    if actuals.month_one.is_none() {
        actuals.month_one = Some(first_day);
    }
    let complete = i64::from(actuals.complete());
    let mut out = BilledActuals {
        rule: billed.rule.clone(),
        month_one: from,
        month_one_calendar: one,
        actual: Vec::new(),
        plan: Vec::new(),
        beyond: String::new(),
        before_month_one: 0,
        before_month_one_spend: 0.0,
        mix: Vec::new(),
        notes: Vec::new(),
    };
    for (c, amount) in &billed.months {
        if project_month(one, *c) < 1 {
            out.before_month_one += 1;
            out.before_month_one_spend += amount;
        }
    }
    for c in &spend.actual_months {
        let m = project_month(one, *c);
        let Ok(m) = u32::try_from(m) else { continue };
        if m == 0 || i64::from(m) > complete {
            continue;
        }
        add_billed(
            &mut actuals,
            m,
            billed.months.get(c).copied().unwrap_or(0.0),
        );
        out.actual.push(m);
    }
    let reasons: BTreeMap<YearMonth, &str> = spend
        .plan_months
        .iter()
        .map(|p| (p.month, p.reason.as_str()))
        .collect();
    let last = spend
        .actual_months
        .iter()
        .chain(reasons.keys())
        .max()
        .copied();
    if let Some(last) = last {
        let mut c = one;
        while c <= last {
            let m = u32::try_from(project_month(one, c)).unwrap_or(0);
            if !out.actual.contains(&m) {
                let reason = match reasons.get(&c) {
                    Some(r) => (*r).to_string(),
                    None if spend.actual_months.contains(&c) => {
                        format!("not ended by the as-of date {as_of}")
                    }
                    None => format!("the bills hold no charges in {c}"),
                };
                out.plan.push(BilledPlanMonth {
                    month: m,
                    calendar: c,
                    reason,
                });
            }
            c = c.next();
        }
        out.beyond = format!("the bills hold no charges after {last}");
    }
    notes(&mut out, &actuals, from);
    out.mix = mixes(project, billed, spend, ruleset);
    out.notes
        .extend(out.mix.iter().filter_map(|m| m.warning.clone()));
    actuals.bills = Some(out);
    project.actuals = Some(actuals);
}

/// Adds `billed` to month `m`'s compute, beside an intake figure if any.
fn add_billed(actuals: &mut Actuals, m: u32, billed: f64) {
    let month = actuals.month_mut(m);
    month.compute = Some(match month.compute.take() {
        Some(Actual {
            amount,
            source: ActualSource::Intake { cell },
        }) => Actual {
            amount: billed + amount,
            source: ActualSource::Both {
                cell,
                billed,
                intake: amount,
            },
        },
        _ => Actual {
            amount: billed,
            source: ActualSource::Bills,
        },
    });
}

/// The notes on month 1, months left out, and intake figures of months
/// the bills do not count as actual.
fn notes(out: &mut BilledActuals, actuals: &Actuals, from: MonthOne) {
    let one = out.month_one_calendar;
    if from == MonthOne::FirstBilledMonth {
        out.notes.push(format!(
            "no start_date: month 1 is the first month the bills hold charges of the project in, {one}"
        ));
    }
    if out.before_month_one > 0 {
        out.notes.push(format!(
            "{} billed {} before month 1 ({one}) left out: {}",
            out.before_month_one,
            if out.before_month_one == 1 {
                "month"
            } else {
                "months"
            },
            format::money(out.before_month_one_spend)
        ));
    }
    let complete = actuals.complete();
    for (i, month) in actuals.months.iter().enumerate() {
        let m = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if m > complete || !month.is_given() {
            continue;
        }
        if let Some(reason) = out.plan_reason(m) {
            let c = actuals
                .calendar(m)
                .map(|d| format!(" ({})", year_month(d)))
                .unwrap_or_default();
            out.notes.push(format!(
                "the intake's actual figures for month {m}{c} are not used: {reason}"
            ));
        }
    }
}

/// The billed mixes against the declared: infrastructure always, model
/// vendors where the project declares them and the bills name any.
fn mixes(
    project: &Project,
    billed: &ProjectBills,
    spend: &BilledSpend,
    ruleset: &Ruleset,
) -> Vec<MixGap> {
    let mut out = Vec::new();
    let lists = [
        (
            ProviderDimension::Infrastructure,
            Some(&project.providers.value),
            &billed.by_provider,
        ),
        (
            ProviderDimension::ModelVendor,
            project.model_providers.as_ref().map(|f| &f.value),
            &billed.by_publisher,
        ),
    ];
    for (dimension, declared, amounts) in lists {
        let Some(declared) = declared else { continue };
        if let Some(gap) = mix_gap(dimension, declared, amounts, spend, ruleset) {
            out.push(gap);
        }
    }
    out
}

/// One list's billed mix against the declared, `None` when the bills
/// allocated no positive spend to it. A provider the ruleset lacks is
/// named as the bills wrote it.
pub(crate) fn mix_gap(
    dimension: ProviderDimension,
    declared: &ShareList,
    amounts: &BTreeMap<String, f64>,
    spend: &BilledSpend,
    ruleset: &Ruleset,
) -> Option<MixGap> {
    let total: f64 = amounts.values().sum();
    if total <= 0.0 {
        return None;
    }
    let pct = |id: &str| amounts.get(id).map_or(0.0, |a| 100.0 * a / total);
    // The declared providers in their order, then the others billed, largest first.
    let mut shares: Vec<Share> = declared
        .shares
        .iter()
        .map(|s| Share {
            provider: s.provider.clone(),
            pct: pct(&s.provider),
        })
        .collect();
    let mut others: Vec<Share> = amounts
        .keys()
        .filter(|id| !declared.shares.iter().any(|s| &s.provider == *id))
        .map(|id| Share {
            provider: id.clone(),
            pct: pct(id),
        })
        .collect();
    others.sort_by(|a, b| b.pct.total_cmp(&a.pct));
    shares.extend(others);
    let billed = ShareList {
        shares,
        notes: Vec::new(),
    };
    let declared_pct = |id: &str| {
        declared
            .shares
            .iter()
            .find(|s| s.provider == id)
            .map_or(0.0, |s| s.pct)
    };
    let gap = billed
        .shares
        .iter()
        .map(|s| (s.pct - declared_pct(&s.provider)).abs())
        .fold(0.0, f64::max);
    let text = |list: &ShareList| {
        list.shares
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    spend.label(ruleset, dimension, &s.provider),
                    format::number(s.pct, 1)
                )
            })
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let what = match dimension {
        ProviderDimension::Infrastructure => "provider",
        ProviderDimension::ModelVendor => "model vendor",
    };
    let warning = crate::rules::finance::gt(gap, ruleset.bills.mix_gap_points).then(|| {
        format!(
            "billed {what} mix differs from the declared by {} points: declared {}, billed {}",
            format::number(gap, 1),
            text(declared),
            text(&billed)
        )
    });
    Some(MixGap {
        list: dimension.table_name(),
        declared: declared.clone(),
        billed,
        gap_points: gap,
        warning,
    })
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
#[path = "bills_tests.rs"]
mod tests;
