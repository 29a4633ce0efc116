//! The Summary's "Cloud bills" section, in a run given bills (`--bills`):
//! the cost basis, which months are actual, allocated and unallocated AI
//! spend by provider, and how many charges conflict, projects match no
//! bill row and rows could not be read.

use rust_xlsxwriter::XlsxError;

use super::layout::fit_text;
use super::sections::Cursor;
use crate::export::bills_spend;
use crate::model::{BilledSpend, CostBasis, Ruleset, YearMonth};

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
    c.header(&["Provider", "Allocated", "Unallocated AI spend", "Total"])?;
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
    Ok(())
}

/// The cost basis in words.
pub(crate) fn basis_words(basis: CostBasis) -> &'static str {
    match basis {
        CostBasis::Effective => "EffectiveCost (amortised; commitment purchases left out)",
        CostBasis::Billed => "BilledCost (as invoiced, every purchase counted)",
    }
}

/// Calendar months as spans: `2026-01 to 2026-03, 2026-05`; "none".
pub(crate) fn month_span(months: &[YearMonth]) -> String {
    let mut spans: Vec<(YearMonth, YearMonth)> = Vec::new();
    for &m in months {
        match spans.last_mut() {
            Some((_, last)) if last.next() == m => *last = m,
            _ => spans.push((m, m)),
        }
    }
    if spans.is_empty() {
        return "none".to_string();
    }
    spans
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a} to {b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_months_read_as_spans() {
        let m = |year, month| YearMonth { year, month };
        assert_eq!(
            month_span(&[m(2025, 12), m(2026, 1), m(2026, 2), m(2026, 4)]),
            "2025-12 to 2026-02, 2026-04"
        );
        assert_eq!(month_span(&[]), "none");
    }
}
