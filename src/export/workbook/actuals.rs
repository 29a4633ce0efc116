//! The Actuals sheet: for each project with actual months, one row a month
//! through the horizon (or the last actual month): whether the month is
//! actual or plan with a note (why a month the bills reach stays plan, or
//! an actual month's benefit unverified), plan and actual compute and
//! benefit, their variance, the figures the review grade counted and the
//! cumulative ratio, under a short legend. The variances and the cumulative ratio are live
//! formulas whose saved results are airoi's own figures, so an auditor who
//! corrects an actual sees them move. Present only when some project has
//! an actual month.

use rust_xlsxwriter::{Formula, Worksheet, column_number_to_name};

use super::layout::{HEADER_HEIGHT, Pages, Widths, fit_text};
use super::options::WorkbookOptions;
use super::paged::PageKind;
use super::styles::{Look, Styles};
use crate::export::ExportError;
use crate::model::{ProjectScore, Ruleset};
use crate::rules::review::words;

const HEADERS: [&str; 15] = [
    "Project ID",
    "Project Name",
    "Month",
    "Calendar Month",
    "Basis",
    "Note",
    "Plan Compute",
    "Actual Compute",
    "Compute Variance",
    "Plan Benefit",
    "Actual Benefit",
    "Benefit Variance",
    "Compute Counted",
    "Benefit Counted",
    "Cumulative Ratio",
];

/// Columns the formulas and the charts refer to.
pub(crate) const MONTH: u16 = 2;
const NOTE: u16 = 5;
pub(crate) const PLAN_COMPUTE: u16 = 6;
pub(crate) const ACTUAL_COMPUTE: u16 = 7;
pub(crate) const PLAN_BENEFIT: u16 = 9;
pub(crate) const ACTUAL_BENEFIT: u16 = 10;
const COUNTED_COMPUTE: u16 = 12;
pub(crate) const CUMULATIVE_RATIO: u16 = 14;

/// The row of the column titles, below the legend (0-based).
const HEADER_ROW: u32 = words::LEGEND.len() as u32;

/// The widest a column grows, in characters: a note's reason fits.
const MAX_WIDTH: usize = 44;

/// The Actuals sheet's pages.
pub(crate) struct ActualsKind;

/// An Actuals page being written.
pub(crate) struct ActualsPage {
    widths: Widths,
    row: u32,
}

/// The geometry of the Actuals sheet: at most L rows a project.
pub(crate) fn pages(opts: &WorkbookOptions, ruleset: &Ruleset) -> Pages<'static> {
    Pages {
        base: "Actuals",
        rows_per_item: ruleset.lookahead(),
        rows_per_sheet: opts.rows_per_sheet.saturating_sub(HEADER_ROW).max(2),
    }
}

impl PageKind for ActualsKind {
    type Page = ActualsPage;

    fn open(&self, sheet: &mut Worksheet, styles: &Styles) -> Result<ActualsPage, ExportError> {
        for (row, line) in words::LEGEND.iter().enumerate() {
            sheet.write_string_with_format(row as u32, 0, *line, &styles.note)?;
        }
        for (col, header) in HEADERS.iter().enumerate() {
            sheet.write_string_with_format(HEADER_ROW, col as u16, *header, &styles.header)?;
        }
        sheet.set_freeze_panes(HEADER_ROW + 1, 3)?;
        sheet.set_row_height(HEADER_ROW, HEADER_HEIGHT)?;
        sheet
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
        Ok(ActualsPage {
            widths: Widths::from_headers(HEADERS),
            row: HEADER_ROW + 1,
        })
    }

    fn close(
        &self,
        sheet: &mut Worksheet,
        page: ActualsPage,
        _styles: &Styles,
    ) -> Result<(), ExportError> {
        if page.row > HEADER_ROW + 1 {
            sheet.autofilter(HEADER_ROW, 0, page.row - 1, (HEADERS.len() - 1) as u16)?;
        }
        page.widths.apply(sheet, MAX_WIDTH)?;
        Ok(())
    }
}

/// Whether a project has rows on the Actuals sheet.
pub(crate) fn has_rows(p: &ProjectScore) -> bool {
    p.review.as_ref().is_some_and(|r| !r.months.is_empty())
}

/// Writes one project's months; returns the rows they take (0-based,
/// first and last), `None` when there are none.
pub(crate) fn write_project(
    sheet: &mut Worksheet,
    page: &mut ActualsPage,
    styles: &Styles,
    p: &ProjectScore,
) -> Result<Option<(u32, u32)>, ExportError> {
    let Some(review) = p.review.as_ref().filter(|r| !r.months.is_empty()) else {
        return Ok(None);
    };
    let ActualsPage { widths, row } = page;
    let id = fit_text(&p.project.project_id);
    let name = fit_text(&p.project.project_name);
    let first_row = *row + 1;
    let actuals = p.project.actuals.as_ref();
    for m in &review.months {
        let r = *row;
        let money = |sheet: &mut Worksheet, widths: &mut Widths, col: u16, value: f64| {
            widths.fit(col as usize, styles.shown_len(Look::Money, value));
            sheet
                .write_number_with_format(r, col, value, &styles.money)
                .map(|_| ())
        };
        sheet.write_string(r, 0, id.as_ref())?;
        sheet.write_string(r, 1, name.as_ref())?;
        sheet.write_number_with_format(r, 2, f64::from(m.month), &styles.centered)?;
        if let Some(date) = actuals.and_then(|a| a.calendar(m.month)) {
            let month = date.format("%Y-%m").to_string();
            sheet.write_string_with_format(r, 3, &month, &styles.centered)?;
        }
        sheet.write_string(r, 4, words::basis_word(m.basis))?;
        if let Some(note) = words::month_note(review, m, actuals) {
            widths.fit(NOTE as usize, note.chars().count());
            sheet.write_string(r, NOTE, &note)?;
        }
        widths.fit(0, id.chars().count());
        widths.fit(1, name.chars().count().min(40));
        let pairs = [
            (PLAN_COMPUTE, m.plan_compute, m.actual_compute),
            (PLAN_BENEFIT, m.plan_benefit, m.actual_benefit),
        ];
        for (plan_col, plan, actual) in pairs {
            money(sheet, widths, plan_col, plan)?;
            let Some(actual) = actual else { continue };
            money(sheet, widths, plan_col + 1, actual)?;
            let excel = r + 1;
            let (p_name, a_name) = (
                column_number_to_name(plan_col),
                column_number_to_name(plan_col + 1),
            );
            let formula = Formula::new(format!("={a_name}{excel}-{p_name}{excel}"))
                .set_result((actual - plan).to_string());
            sheet.write_formula_with_format(r, plan_col + 2, formula, &styles.money)?;
            widths.fit(
                plan_col as usize + 2,
                styles.shown_len(Look::Money, actual - plan),
            );
        }
        money(sheet, widths, COUNTED_COMPUTE, m.compute)?;
        money(sheet, widths, COUNTED_COMPUTE + 1, m.benefit)?;
        let (c, b) = (
            column_number_to_name(COUNTED_COMPUTE),
            column_number_to_name(COUNTED_COMPUTE + 1),
        );
        let excel = r + 1;
        let formula = Formula::new(format!(
            "=IF(SUM({c}${first_row}:{c}{excel})=0,\"\",SUM({b}${first_row}:{b}{excel})/SUM({c}${first_row}:{c}{excel}))"
        ))
        .set_result(m.cumulative_ratio.map_or(String::new(), |x| x.to_string()));
        sheet.write_formula_with_format(r, CUMULATIVE_RATIO, formula, &styles.ratio)?;
        *row += 1;
    }
    Ok(Some((first_row - 1, *row - 1)))
}
