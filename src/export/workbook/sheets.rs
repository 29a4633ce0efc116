//! The two reference sheets: Rejected (every row that could not be scored,
//! with its problems and original values) and Ruleset (every threshold and
//! weight the run used).

use std::borrow::Cow;
use std::collections::HashSet;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::columns::{Value, unique_headers};
use super::layout::{HEADER_HEIGHT, Pages, Widths, row_height, wrapped_lines};
use super::options::WorkbookOptions;
use super::scores::put;
use super::styles::{Look, Styles};
use crate::export::ExportError;
use crate::model::{GradedRun, Problem, ProviderDimension, RejectedRow, Ruleset};

/// Width of the wrapped Message column.
const MESSAGE_WIDTH: usize = 60;

const REJECTED_HEADERS: [&str; 7] = ["File", "Sheet", "Row", "Cell", "Column", "Value", "Message"];

/// Writes the Rejected sheet(s): one row per problem, each carrying its
/// row's original values under their own headers; "none" when empty.
pub(crate) fn write_rejected(
    workbook: &mut Workbook,
    run: &GradedRun,
    styles: &Styles,
    opts: &WorkbookOptions,
) -> Result<Vec<String>, ExportError> {
    let mut seen = HashSet::new();
    let originals: Vec<&str> = run
        .rejected
        .iter()
        .flat_map(|r| r.values.iter().map(|(h, _)| h.as_str()))
        .filter(|h| seen.insert(*h))
        .collect();
    let mut headers: Vec<String> = REJECTED_HEADERS.iter().map(ToString::to_string).collect();
    headers.extend(originals.iter().map(|h| format!("Original: {h}")));
    let headers = unique_headers(headers);
    // A row without listed problems still gets one line, so it is never lost.
    let lines: Vec<(&RejectedRow, Option<&Problem>)> = run
        .rejected
        .iter()
        .flat_map(|r| {
            let problems: Vec<Option<&Problem>> = if r.problems.is_empty() {
                vec![None]
            } else {
                r.problems.iter().map(Some).collect()
            };
            problems.into_iter().map(move |p| (r, p))
        })
        .collect();
    let pages = Pages {
        base: "Rejected",
        rows_per_item: 1,
        rows_per_sheet: opts.rows_per_sheet,
    };
    pages.write(workbook, &lines, |sheet, chunk| {
        for (col, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, header, &styles.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_row_height(0, HEADER_HEIGHT)?;
        let mut widths = Widths::from_headers(headers.iter().map(String::as_str));
        if chunk.is_empty() {
            sheet.write_string(1, 0, "none")?;
        }
        for (i, (rejected, problem)) in chunk.iter().enumerate() {
            let row = i as u32 + 1;
            let text = |s: &str| Value::Text(Cow::Owned(s.to_string()));
            let cells = [
                (Look::Text, text(&rejected.origin.file)),
                (Look::Text, text(&rejected.origin.sheet)),
                (Look::Whole, Value::Number(f64::from(rejected.row))),
                (
                    Look::Text,
                    problem
                        .and_then(|p| p.cell)
                        .map_or(Value::Blank, |c| text(&c.a1())),
                ),
                (
                    Look::Text,
                    problem
                        .and_then(|p| p.column)
                        .map_or(Value::Blank, |c| text(c.name())),
                ),
                (
                    Look::Text,
                    problem
                        .and_then(|p| p.value.as_deref())
                        .map_or(Value::Blank, text),
                ),
                (
                    Look::Wrap,
                    problem.map_or(Value::Blank, |p| text(&p.message)),
                ),
            ];
            for (col, (look, value)) in cells.iter().enumerate() {
                put(sheet, &mut widths, styles, (row, col), *look, value)?;
            }
            if let Some(p) = problem {
                let lines = wrapped_lines(&p.message, MESSAGE_WIDTH - 1);
                if lines > 1 {
                    sheet.set_row_height(row, row_height(lines))?;
                }
            }
            for (header, value) in &rejected.values {
                if let Some(index) = originals.iter().position(|h| h == header) {
                    let col = REJECTED_HEADERS.len() + index;
                    put(
                        sheet,
                        &mut widths,
                        styles,
                        (row, col),
                        Look::Text,
                        &text(value),
                    )?;
                }
            }
        }
        let last_row = chunk.len().max(1) as u32;
        sheet.autofilter(0, 0, last_row, (headers.len() - 1) as u16)?;
        widths.apply(sheet, 40)?;
        sheet.set_column_width(6, MESSAGE_WIDTH as f64)?;
        // Printed: the problem columns, one page wide. A row's original
        // values, as many columns as its file had, are for the screen.
        sheet
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_print_area(0, 0, last_row, 6)?;
        Ok(())
    })
}

/// Every ruleset key with its value and meaning, in the TOML's order.
fn settings(r: &Ruleset) -> Vec<(&'static str, f64, &'static str)> {
    vec![
        (
            "horizon_months",
            f64::from(r.horizon_months),
            "Months over which the return ratio is judged (H)",
        ),
        (
            "lookahead_months",
            f64::from(r.lookahead_months),
            "Months searched for payback and the target month (L is the larger of this and H)",
        ),
        (
            "target_ratio",
            r.target_ratio,
            "Benefit-to-compute ratio that passes the ROI check",
        ),
        (
            "warn_ratio",
            r.warn_ratio,
            "Ratio at or above which the ROI check warns instead of failing",
        ),
        (
            "discount_rate",
            r.discount_rate,
            "Annual discount rate for NPV",
        ),
        (
            "single_source_pct",
            r.single_source_pct,
            "Top provider share (percent) at or above which a project is single-source: fail",
        ),
        (
            "concentrated_pct",
            r.concentrated_pct,
            "Top provider share (percent) above which a project is concentrated: warn",
        ),
        (
            "share_tolerance",
            r.share_tolerance,
            "Percent points a share list may be off 100 before it is an error",
        ),
        (
            "fiscal_year_start_month",
            f64::from(r.fiscal_year_start_month),
            "Calendar month a fiscal year starts in (FY27 ends in 2027)",
        ),
        (
            "systems_min",
            f64::from(r.systems_min),
            "Systems integrated that count as a capability",
        ),
        (
            "agent_min_capabilities",
            f64::from(r.agent_min_capabilities),
            "Capabilities (with multi-step) that make an agent",
        ),
        (
            "chatbot_max_capabilities",
            f64::from(r.chatbot_max_capabilities),
            "Capabilities at or below which a project is a chatbot",
        ),
        (
            "weights.roi",
            r.weights.roi,
            "Weight of the ROI check in the total",
        ),
        (
            "weights.diversification",
            r.weights.diversification,
            "Weight of the diversification check in the total",
        ),
        (
            "weights.agentic",
            r.weights.agentic,
            "Weight of the agentic check in the total",
        ),
        ("grade_bands.A", r.grade_bands.a, "Lowest total for grade A"),
        ("grade_bands.B", r.grade_bands.b, "Lowest total for grade B"),
        ("grade_bands.C", r.grade_bands.c, "Lowest total for grade C"),
        (
            "grade_bands.D",
            r.grade_bands.d,
            "Lowest total for grade D; below is F",
        ),
    ]
}

/// Writes the Ruleset sheet.
pub(crate) fn write_ruleset(
    sheet: &mut Worksheet,
    run: &GradedRun,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let r = &run.ruleset;
    sheet.set_name("Ruleset")?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    for (col, header) in ["Key", "Value", "Meaning"].iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
    }
    sheet.write_string(1, 0, "name")?;
    sheet.write_string(1, 1, &r.name)?;
    sheet.write_string(1, 2, "The ruleset's name")?;
    let mut row = 2;
    for (key, value, meaning) in settings(r) {
        sheet.write_string(row, 0, key)?;
        sheet.write_number(row, 1, value)?;
        sheet.write_string(row, 2, meaning)?;
        row += 1;
    }
    let gates = [
        (
            "gates.max_grade_if_fail",
            r.gates.max_grade_if_fail,
            "Best grade when the ROI check fails",
        ),
        (
            "gates.max_grade_if_warn",
            r.gates.max_grade_if_warn,
            "Best grade when the ROI check warns",
        ),
    ];
    for (key, grade, meaning) in gates {
        sheet.write_string(row, 0, key)?;
        sheet.write_string_with_format(row, 1, grade.letter(), &styles.centered)?;
        sheet.write_string(row, 2, meaning)?;
        row += 1;
    }
    let mut alias_width = 16;
    for (dimension, title) in [
        (ProviderDimension::Infrastructure, "Provider alias"),
        (ProviderDimension::ModelVendor, "Model vendor alias"),
    ] {
        row += 1;
        for (col, header) in [title, "Provider", "Label"].iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, *header, &styles.header)?;
        }
        row += 1;
        for (id, provider) in r.provider_table(dimension) {
            for alias in &provider.aliases {
                sheet.write_string(row, 0, super::layout::fit_text(alias))?;
                sheet.write_string(row, 1, super::layout::fit_text(id))?;
                sheet.write_string(row, 2, super::layout::fit_text(&provider.label))?;
                alias_width = alias_width.max(alias.chars().count().min(60));
                row += 1;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(0, (alias_width.max(26) + 2) as f64)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 90)?;
    Ok(())
}
