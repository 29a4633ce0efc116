//! The Summary's "Cloud bills" section, in a run given bills (`--bills`):
//! the cost basis, which months are actual and why other months the bills
//! hold stay plan, spend allocated to projects and unallocated AI spend by
//! provider (with what each counts), how many
//! charges conflict, projects match no bill row and rows could not be read,
//! and the projects whose billed provider mix departs from the declared
//! one, each with the console's warning.

use rust_xlsxwriter::XlsxError;

use super::layout::fit_text;
use super::sections::Cursor;
use crate::export::bills_spend::{self, basis_words, month_span};
use crate::model::{BilledSpend, Ruleset};
use crate::rules::review::words;

/// The label of the projects whose billed mix departs from the declared.
const MIX_LABEL: &str = "Billed mix far from the declared";

/// Height of the table's header row: two lines, as its titles wrap.
const HEADER_ROW_HEIGHT: f64 = 30.0;

/// Writes the section.
pub(crate) fn write(
    c: &mut Cursor,
    bills: &BilledSpend,
    ruleset: &Ruleset,
) -> Result<(), XlsxError> {
    c.section(&format!("Cloud bills ({})", bills.currency))?;
    c.text("Cost basis", basis_words(bills.cost_basis))?;
    c.text("Actual months", &month_span(&bills.actual_months))?;
    let plan = words::plan_months(bills);
    if !plan.is_empty() {
        c.lines("Staying plan", &plan.join("; "))?;
    }
    c.number(
        "Bill files read",
        Some(bills.files.len() as f64),
        &c.styles.whole,
    )?;
    c.number(
        "Rows not read",
        Some(bills.bad_rows.count as f64),
        &c.styles.whole,
    )?;
    c.number(
        "Conflicts (counted to no project)",
        Some(bills.conflicts.len() as f64),
        &c.styles.whole,
    )?;
    c.number(
        "Unmatched projects",
        Some(bills.unmatched.len() as f64),
        &c.styles.whole,
    )?;
    let departures = words::mix_departures(bills);
    c.number(MIX_LABEL, Some(departures.len() as f64), &c.styles.whole)?;
    c.header(&["Provider", words::ALLOCATED, words::UNALLOCATED_AI, "Total"])?;
    c.sheet.set_row_height(c.row - 1, HEADER_ROW_HEIGHT)?;
    let rows = bills_spend::by_provider(bills, ruleset);
    let money = &c.styles.money;
    for row in &rows {
        c.sheet.write_string(c.row, 0, fit_text(&row.label))?;
        for (col, amount) in [row.allocated, row.unallocated_ai, row.total()]
            .into_iter()
            .enumerate()
        {
            c.sheet
                .write_number_with_format(c.row, col as u16 + 1, amount, money)?;
        }
        c.row += 1;
    }
    let sum = |f: fn(&bills_spend::ProviderSpend) -> f64| rows.iter().map(f).sum::<f64>();
    c.sheet
        .write_string_with_format(c.row, 0, "Total", &c.styles.label)?;
    let totals = [
        sum(|r| r.allocated),
        sum(|r| r.unallocated_ai),
        sum(bills_spend::ProviderSpend::total),
    ];
    for (col, amount) in totals.into_iter().enumerate() {
        c.sheet
            .write_number_with_format(c.row, col as u16 + 1, amount, money)?;
    }
    c.row += 1;
    c.lines("", &words::spend_note(&ruleset.bills.ai_service_category))?;
    if !departures.is_empty() {
        c.row += 1;
    }
    for (i, line) in departures.iter().enumerate() {
        c.lines(if i == 0 { MIX_LABEL } else { "" }, line)?;
    }
    Ok(())
}
