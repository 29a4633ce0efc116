//! The Cash flows sheet: each project's monthly compute and benefit over
//! the horizon as values, with totals and the return ratio as live formulas.
//!
//! The formulas' saved results are airoi's own totals and ratio, exactly
//! what the formulas compute (the ratio of a project without compute is
//! the empty text its `IF` gives, not 0), so a reader that does not
//! recalculate shows airoi's numbers, and an auditor who changes a month
//! sees the ratio move.

use rust_xlsxwriter::{Formula, Worksheet, column_number_to_name};

use super::columns::roi;
use super::layout::{HEADER_HEIGHT, Pages, Widths, fit_text};
use super::options::WorkbookOptions;
use super::paged::PageKind;
use super::styles::Styles;
use crate::export::ExportError;
use crate::model::{ProjectScore, Ruleset};
use crate::rules::series;

/// Columns before the first month.
const LEAD: u16 = 3;

/// The Cash flows sheet's pages, for a horizon of so many months.
pub(crate) struct CashFlowsKind {
    pub horizon: usize,
}

/// A Cash flows page being written.
pub(crate) struct CashFlowsPage {
    widths: Widths,
    row: u32,
}

/// The geometry of the Cash flows sheet: two rows a project.
pub(crate) fn pages(opts: &WorkbookOptions) -> Pages<'static> {
    Pages {
        base: "Cash flows",
        rows_per_item: 2,
        rows_per_sheet: opts.rows_per_sheet,
    }
}

impl CashFlowsKind {
    fn headers(&self) -> Vec<String> {
        let horizon = self.horizon;
        let mut headers: Vec<String> =
            vec!["Project ID".into(), "Project Name".into(), "Series".into()];
        headers.extend((1..=horizon).map(|m| format!("Month {m}")));
        headers.push(format!("Total ({horizon} months)"));
        headers.push("Return Ratio".into());
        headers
    }
}

impl PageKind for CashFlowsKind {
    type Page = CashFlowsPage;

    fn open(&self, sheet: &mut Worksheet, styles: &Styles) -> Result<CashFlowsPage, ExportError> {
        let headers = self.headers();
        for (col, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, header, &styles.header)?;
        }
        sheet.set_freeze_panes(1, LEAD)?;
        sheet.set_row_height(0, HEADER_HEIGHT)?;
        // A formula saved without a result would show 0; the ratio of a
        // project without compute is the empty text its `IF` gives.
        sheet.set_formula_result_default("");
        sheet
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_repeat_rows(0, 0)?;
        Ok(CashFlowsPage {
            widths: Widths::from_headers(headers.iter().map(String::as_str)),
            row: 1,
        })
    }

    fn close(
        &self,
        sheet: &mut Worksheet,
        page: CashFlowsPage,
        _styles: &Styles,
    ) -> Result<(), ExportError> {
        page.widths.apply(sheet, 40)?;
        Ok(())
    }
}

/// Writes one project's compute and benefit rows.
pub(crate) fn write_project(
    sheet: &mut Worksheet,
    page: &mut CashFlowsPage,
    styles: &Styles,
    ruleset: &Ruleset,
    p: &ProjectScore,
) -> Result<(), ExportError> {
    let CashFlowsPage { widths, row } = page;
    let horizon = ruleset.horizon_months as usize;
    let total_col = LEAD + horizon as u16;
    let ratio_col = total_col + 1;
    let first = column_number_to_name(LEAD);
    let last = column_number_to_name(total_col - 1);
    let total = column_number_to_name(total_col);
    let s = series(&p.project, ruleset);
    let figures = roi(p);
    let pairs = [
        ("Compute", &s.compute, figures.compute_total),
        ("Benefit", &s.benefit, figures.benefit_total),
    ];
    for (name, months, sum) in pairs {
        let id = fit_text(&p.project.project_id);
        let project_name = fit_text(&p.project.project_name);
        sheet.write_string(*row, 0, id.as_ref())?;
        sheet.write_string(*row, 1, project_name.as_ref())?;
        sheet.write_string(*row, 2, name)?;
        widths.fit(0, id.chars().count());
        widths.fit(1, project_name.chars().count().min(40));
        for (m, value) in months.iter().take(horizon).enumerate() {
            let col = LEAD + m as u16;
            sheet.write_number_with_format(*row, col, *value, &styles.money)?;
            widths.fit(
                col as usize,
                styles.shown_len(super::styles::Look::Money, *value),
            );
        }
        let excel_row = *row + 1;
        let formula = Formula::new(format!("=SUM({first}{excel_row}:{last}{excel_row})"))
            .set_result(sum.to_string());
        sheet.write_formula_with_format(*row, total_col, formula, &styles.money)?;
        widths.fit(
            total_col as usize,
            styles.shown_len(super::styles::Look::Money, sum),
        );
        *row += 1;
    }
    // The ratio sits on the benefit row: benefit total over compute total.
    let (compute_row, benefit_row) = (*row - 1, *row);
    let result = figures.ratio.map_or(String::new(), |r| r.to_string());
    let formula = Formula::new(format!(
        "=IF({total}{compute_row}=0,\"\",{total}{benefit_row}/{total}{compute_row})"
    ))
    .set_result(result);
    sheet.write_formula_with_format(*row - 1, ratio_col, formula, &styles.ratio)?;
    Ok(())
}
