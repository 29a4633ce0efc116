//! What `airoi score --bills` says about the bills on standard error: the
//! files read, which months count as actual, what was allocated and what
//! was not, which project months each project's review takes from them
//! and why the others stay plan, billed mixes far from the declared ones,
//! every refused file, and the first bad rows. The JSON's `bills`
//! section holds it all in full.

use std::io::Write;

use super::diagnostics::plural;
use crate::format::{count, money};
use std::fmt::Write as _;

use crate::model::{BilledActuals, BilledSpend, MonthOne};
use crate::rules::review::words;

/// Unallocated services, conflicts and unmatched projects named at most.
const NAMED_MAX: usize = 5;

/// Writes the summary of `bills`; `ai_category` is the ruleset's AI
/// service category, which unallocated AI spend is counted in.
pub(super) fn print_summary(
    w: &mut dyn Write,
    bills: &BilledSpend,
    ai_category: &str,
) -> std::io::Result<()> {
    let c = &bills.currency;
    let rows: usize = bills.files.iter().map(|f| f.rows).sum();
    let months: Vec<String> = bills
        .actual_months
        .iter()
        .map(ToString::to_string)
        .collect();
    writeln!(
        w,
        "airoi: bills: {} {}, {} {} ({} bad), cost basis {}; actual months: {}",
        bills.files.len(),
        plural(bills.files.len(), "file", "files"),
        count(rows as u64),
        plural(rows, "row", "rows"),
        count(bills.bad_rows.count as u64),
        bills.cost_basis.column(),
        if months.is_empty() {
            "none".to_string()
        } else {
            months.join(", ")
        }
    )?;
    for m in &bills.plan_months {
        writeln!(w, "airoi: bills: {} stays plan: {}", m.month, m.reason)?;
    }
    for f in bills.files.iter().filter(|f| f.refused.is_some()) {
        let why = f.refused.as_deref().unwrap_or_default();
        writeln!(w, "airoi: bills: {} refused: it {why}", f.path)?;
    }
    let t = &bills.totals;
    let projects = bills.per_project.len() + bills.unmatched.len();
    writeln!(
        w,
        "airoi: bills: {c} {} counted; {}: {c} {} ({} of {} {}); {}: {c} {} (of AI spend {c} {})",
        money(t.spend),
        words::in_sentence(words::ALLOCATED),
        money(t.allocated),
        bills.per_project.len(),
        projects,
        plural(projects, "project", "projects"),
        words::in_sentence(words::UNALLOCATED_AI),
        money(t.unallocated_ai),
        money(t.ai_spend),
    )?;
    writeln!(w, "airoi: bills: {}", words::spend_note(ai_category))?;
    if t.tax_excluded != 0.0 {
        writeln!(
            w,
            "airoi: bills: tax left out: {c} {} (the ruleset's bills.include_tax)",
            money(t.tax_excluded)
        )?;
    }
    if t.commitment_purchases_excluded != 0.0 {
        writeln!(
            w,
            "airoi: bills: commitment purchases left out: {c} {} billed, as EffectiveCost spreads them over the usage they cover",
            money(t.commitment_purchases_excluded)
        )?;
    }
    for u in bills.unallocated.iter().take(NAMED_MAX) {
        writeln!(
            w,
            "airoi: bills: unallocated AI spend: {} on {}: {c} {}",
            u.service,
            u.label,
            money(u.amount)
        )?;
    }
    for x in bills.conflicts.iter().take(NAMED_MAX) {
        writeln!(
            w,
            "airoi: bills: {c} {} in {} {} (first at {}) matches {}, which do not all give an allocation_share; counted to none",
            money(x.amount),
            count(x.rows as u64),
            plural(x.rows, "row", "rows"),
            x.first,
            x.projects.join(", ")
        )?;
    }
    for u in bills.unmatched.iter().take(NAMED_MAX) {
        writeln!(
            w,
            "airoi: bills: {}: no bill row matches `{}`; it keeps its plan, with no review grade from the bills",
            u.project_id, u.rule
        )?;
    }
    if bills.unmatched.len() > NAMED_MAX {
        writeln!(
            w,
            "airoi: bills: and {} more projects that no bill row matches",
            bills.unmatched.len() - NAMED_MAX
        )?;
    }
    print_reviews(w, bills)?;
    for b in &bills.bad_rows.first {
        writeln!(w, "airoi: bills: {}: {}", b.at(), b.message)?;
    }
    let unshown = bills.bad_rows.count - bills.bad_rows.first.len();
    if unshown > 0 {
        writeln!(
            w,
            "airoi: bills: and {} more bad {}, counted in the JSON's bills.bad_rows",
            count(unshown as u64),
            plural(unshown, "row", "rows")
        )?;
    }
    Ok(())
}

/// Plan months named at most in a project's line.
const PLAN_MONTHS_MAX: usize = 3;

/// For the first projects the bills matched: the project months their
/// review takes from the bills and why the others stay plan; then every
/// billed mix far from the declared one (the first few).
fn print_reviews(w: &mut dyn Write, bills: &BilledSpend) -> std::io::Result<()> {
    let reviewed = bills
        .per_project
        .iter()
        .filter_map(|(id, p)| p.review.as_ref().map(|r| (id, r)));
    for (id, r) in reviewed.clone().take(NAMED_MAX) {
        let one = match r.month_one {
            MonthOne::StartDate => "start_date",
            MonthOne::FirstBilledMonth => "the first billed month, no start_date",
        };
        let mut line = format!(
            "airoi: bills: {id}: month 1 is {} ({one}); actual months: {}",
            r.month_one_calendar,
            months_text(&r.actual, r)
        );
        for p in r.plan.iter().take(PLAN_MONTHS_MAX) {
            let _ = write!(
                line,
                "; month {} ({}) stays plan: {}",
                p.month, p.calendar, p.reason
            );
        }
        if r.plan.len() > PLAN_MONTHS_MAX {
            let rest = (r.plan.len() - PLAN_MONTHS_MAX) as u64;
            let _ = write!(
                line,
                "; and {}",
                crate::format::counted(rest, "more plan month", "more plan months")
            );
        }
        writeln!(w, "{line}")?;
    }
    let n = reviewed.count();
    if n > NAMED_MAX {
        writeln!(
            w,
            "airoi: bills: and {} more projects with billed months, in the JSON's review.bills",
            n - NAMED_MAX
        )?;
    }
    let warnings = words::mix_departures(bills);
    for line in warnings.iter().take(NAMED_MAX) {
        writeln!(w, "airoi: bills: warning: {line}")?;
    }
    if warnings.len() > NAMED_MAX {
        writeln!(
            w,
            "airoi: bills: and {} more billed mixes far from the declared, in the JSON's review.bills.mix",
            warnings.len() - NAMED_MAX
        )?;
    }
    Ok(())
}

/// `1 (2026-01), 2 (2026-02)`, or `none`.
fn months_text(months: &[u32], r: &BilledActuals) -> String {
    if months.is_empty() {
        return "none".to_string();
    }
    let one = r.month_one_calendar;
    months
        .iter()
        .map(|m| {
            let mut c = one;
            for _ in 1..*m {
                c = c.next();
            }
            format!("{m} ({c})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
