//! The intake template business units fill in: Instructions, Projects (the
//! header row of [`FIELDS`], a note on every header, drop-downs and numeric
//! validation, two worked example rows), `CashFlows` and `Settings`.
//!
//! Everything comes from the field catalogue, so a field added there shows
//! up here, in the importer and in the Instructions at once.
//!
//! [`feedback`] hands rejected rows back to the business units in workbooks
//! that carry this template's drop-downs.

use std::fmt::Write;
use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::export::styles::{Styles, money_format};
use crate::export::workbook::layout::{
    EXCEL_MAX_ROWS, HEADER_HEIGHT, Widths, row_height, wrapped_lines,
};
use crate::export::{ExportError, write_atomically};
use crate::model::{CASH_FLOW_FIELDS, FIELDS, FieldId, FieldSpec, Kind};

pub mod feedback;
#[cfg(test)]
mod tests;

/// Choices for the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateOptions {
    /// Run currency pre-filled on the Settings sheet (ISO 4217).
    pub currency: String,
}

impl Default for TemplateOptions {
    fn default() -> Self {
        TemplateOptions {
            currency: "USD".into(),
        }
    }
}

/// Writes the intake template to `path`, atomically.
///
/// The file's creation date is fixed, so the same options always give the
/// same bytes and the copy in `templates/intake.xlsx` can be checked.
///
/// # Errors
///
/// Whatever building or saving the workbook reports.
pub fn write_template(path: &Path, opts: &TemplateOptions) -> Result<(), ExportError> {
    write_atomically(path, &[], |tmp| {
        let mut workbook = build(opts)?;
        workbook.save(tmp)?;
        Ok(())
    })
}

fn build(opts: &TemplateOptions) -> Result<Workbook, XlsxError> {
    let styles = Styles::new(&opts.currency);
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("AI project intake")
            .set_author("airoi")
            .set_comment("Fill in one row per AI project and send the file back.")
            .set_creation_datetime(&created),
    );
    instructions(workbook.add_worksheet(), &styles)?;
    let projects = workbook.add_worksheet().set_name("Projects")?;
    table(projects, FIELDS, &styles, &opts.currency, true)?;
    projects.set_active(true);
    let flows = workbook.add_worksheet().set_name("CashFlows")?;
    table(flows, CASH_FLOW_FIELDS, &styles, &opts.currency, false)?;
    settings(workbook.add_worksheet(), &styles, &opts.currency)?;
    Ok(workbook)
}

/// How a field's values are measured, for people.
fn unit(kind: Kind) -> String {
    match kind {
        Kind::Text => "text".into(),
        Kind::Enum(_) => "a word from the list".into(),
        Kind::Date => "date".into(),
        Kind::Currency => "ISO 4217 code".into(),
        Kind::Money => "run currency".into(),
        Kind::Percent => "percent".into(),
        Kind::Integer { .. } => "whole number".into(),
        Kind::YesNo => "yes / no".into(),
        Kind::Shares => "provider:percent list".into(),
    }
}

/// What may go in a field.
fn allowed(kind: Kind) -> String {
    match kind {
        Kind::Enum(words) => words.join(", "),
        Kind::YesNo => "yes, no".into(),
        Kind::Money => ">= 0".into(),
        Kind::Percent => "above -100%".into(),
        Kind::Integer { min } => format!(">= {min}"),
        Kind::Currency => "USD, EUR, GBP ...".into(),
        Kind::Date => "a date cell or YYYY-MM-DD".into(),
        Kind::Text | Kind::Shares => String::new(),
    }
}

fn required(field: &FieldSpec) -> &'static str {
    match (field.required, field.kind) {
        (true, Kind::Money) => "yes, unless cash flows are given",
        (true, _) => "yes",
        (false, _) => "no",
    }
}

/// The note on a header cell: meaning, requirement, default, allowed values.
fn note_text(field: &FieldSpec) -> String {
    let mut text = format!("{}\n\nRequired: {}.", field.help, required(field));
    if !field.default.is_empty() {
        let _ = write!(text, " Blank means {}.", field.default);
    }
    let allowed = allowed(field.kind);
    if !allowed.is_empty() {
        let _ = write!(text, "\nAllowed: {allowed}.");
    }
    text
}

/// Column widths of the Instructions field table; row heights follow from them.
const INSTRUCTION_WIDTHS: [usize; 6] = [30, 18, 20, 14, 40, 80];

fn instructions(sheet: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Instructions")?;
    for (col, width) in INSTRUCTION_WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width as f64)?;
    }
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    sheet.write_string_with_format(0, 0, "AI project intake", &styles.title)?;
    let brief: &[&str] = &[
        "Every AI project is graded on three checks:",
        "1. ROI quantifiable: a 3:1 return on compute spend within 18 months, measured in efficiency, cost, revenue or risk (not user counts).",
        "2. Infrastructure diversified: no single provider carries the core AI workload.",
        "3. Agents, not chatbots: multi-step, stateful, integrated with internal systems, acting with some autonomy on the organisation's own data.",
        "The weighted scores give a grade from A to F; a project that misses 3:1 is graded no better than C (B when within reach).",
    ];
    let steps: &[&str] = &[
        "1. On Projects, fill in one row per AI project under the header row. Keep the headers; columns you add are kept and passed through.",
        "2. Delete the two example rows (FIN-001 and OPS-014) before you send the file.",
        "3. Money is in the run currency on Settings, or in the row's Currency (then add its rate to the FX table on Settings).",
        "4. If you have monthly figures, list them on CashFlows, one row per project and month; Compute Cost and Benefit replace that project's money fields.",
        "5. Once a month has ended, add what was spent and gained in Actual Compute and Actual Benefit on CashFlows (the project needs a Start Date): the project then also gets a review grade on what happened.",
        "6. Hover over a header for its note; drop-downs list the allowed words.",
        "7. Save as .xlsx and send the file back to the AI portfolio office that asked for it.",
    ];
    let mut row = 2;
    for (title, lines) in [("The checklist", brief), ("How to fill it in", steps)] {
        sheet.write_string_with_format(row, 0, title, &styles.section)?;
        row += 1;
        for line in lines {
            sheet.write_string(row, 0, *line)?;
            row += 1;
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "Fields", &styles.section)?;
    row += 1;
    let headers = [
        "Column",
        "Required",
        "Unit",
        "Default",
        "Allowed values",
        "Meaning",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *header, &styles.header)?;
    }
    row += 1;
    let listed = FIELDS
        .iter()
        .map(|f| ("Projects", f))
        .chain(CASH_FLOW_FIELDS.iter().map(|f| ("CashFlows", f)));
    for (sheet_name, field) in listed {
        let cells = [
            format!("{} ({sheet_name})", field.title),
            required(field).to_string(),
            unit(field.kind),
            field.default.to_string(),
            allowed(field.kind),
            field.help.to_string(),
        ];
        let mut lines = 1;
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, text, &styles.wrap)?;
            lines = lines.max(wrapped_lines(text, INSTRUCTION_WIDTHS[col] - 1));
        }
        sheet.set_row_height(row, row_height(lines))?;
        row += 1;
    }
    Ok(())
}

/// The validation a field's column gets, if any.
pub(crate) fn validation(field: &FieldSpec) -> Result<Option<DataValidation>, XlsxError> {
    let v = DataValidation::new();
    let v = match field.kind {
        Kind::Enum(words) => v
            .allow_list_strings(words)?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message(format!("Expected one of: {}.", words.join(", ")))?,
        Kind::YesNo => v
            .allow_list_strings(&["yes", "no"])?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message("Expected yes or no.")?,
        Kind::Money => v
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_message("Enter an amount of money, 0 or more.")?,
        Kind::Integer { min } => v
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(min as i32))
            .set_error_message(format!("Enter a whole number of {min} or more."))?,
        Kind::Currency => v
            .allow_text_length(DataValidationRule::EqualTo(3))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message("Enter a three-letter ISO 4217 code such as USD or EUR.")?,
        Kind::Text | Kind::Date | Kind::Percent | Kind::Shares => return Ok(None),
    };
    Ok(Some(v.set_error_title(field.title)?))
}

/// Header row with notes, validation and column formats; example rows when asked.
fn table(
    sheet: &mut Worksheet,
    fields: &[FieldSpec],
    styles: &Styles,
    currency: &str,
    examples: bool,
) -> Result<(), XlsxError> {
    let money = Format::new().set_num_format(money_format(currency));
    let last = EXCEL_MAX_ROWS - 1;
    let mut widths = Widths::from_headers(fields.iter().map(|f| f.title));
    for (col, field) in fields.iter().enumerate() {
        let c = col as u16;
        sheet.write_string_with_format(0, c, field.title, &styles.header)?;
        let note = Note::new(note_text(field))
            .add_author_prefix(false)
            .set_width(320)
            .set_height(150);
        sheet.insert_note(0, c, &note)?;
        if let Some(v) = validation(field)? {
            sheet.add_data_validation(1, c, last, c, &v)?;
        }
        let format = match field.kind {
            Kind::Money => Some(&money),
            Kind::Percent => Some(&styles.percent),
            Kind::Date => Some(&styles.date),
            _ => None,
        };
        if let Some(format) = format {
            sheet.set_column_format(c, format)?;
        }
        if examples {
            for (i, example) in field.examples.iter().enumerate() {
                // The examples' amounts are in the template's currency.
                let example = if field.kind == Kind::Currency {
                    currency
                } else {
                    example
                };
                example_cell(
                    sheet,
                    (i as u32 + 1, c),
                    field.kind,
                    example,
                    styles,
                    &money,
                )?;
                widths.fit(col, example.chars().count() + 2);
            }
        }
    }
    if fields.first().is_some_and(|f| f.id == FieldId::ProjectId) && !examples {
        // CashFlows: offer the project ids typed on Projects.
        let ids = DataValidation::new()
            .allow_list_formula(Formula::new("=Projects!$A$2:$A$5000"))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message("This Project ID is not on the Projects sheet.")?;
        sheet.add_data_validation(1, 0, last, 0, &ids)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_row_height(0, HEADER_HEIGHT)?;
    sheet.set_landscape().set_print_fit_to_pages(2, 0);
    widths.apply(sheet, 40)?;
    Ok(())
}

/// An example value typed as a person would enter it.
fn example_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    kind: Kind,
    example: &str,
    styles: &Styles,
    money: &Format,
) -> Result<(), XlsxError> {
    let number = example.trim_end_matches('%').parse::<f64>().ok();
    match (kind, number) {
        (Kind::Money, Some(n)) => sheet.write_number_with_format(row, col, n, money)?,
        (Kind::Integer { .. }, Some(n)) => sheet.write_number(row, col, n)?,
        // Percent points shown as a percent: 2 is written 0.02 and reads "2.0%".
        (Kind::Percent, Some(n)) => {
            sheet.write_number_with_format(row, col, n / 100.0, &styles.percent)?
        }
        (Kind::Date, _) => match ExcelDateTime::parse_from_str(example) {
            Ok(date) => sheet.write_datetime_with_format(row, col, &date, &styles.date)?,
            Err(_) => sheet.write_string(row, col, example)?,
        },
        _ => sheet.write_string(row, col, example)?,
    };
    Ok(())
}

fn settings(sheet: &mut Worksheet, styles: &Styles, currency: &str) -> Result<(), XlsxError> {
    sheet.set_name("Settings")?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 80)?;
    for (col, header) in ["Setting", "Value", "Meaning"].iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
    }
    sheet.write_string(1, 0, "Run currency")?;
    sheet.write_string(1, 1, currency)?;
    sheet.write_string(
        1,
        2,
        "ISO 4217 code of the money on Projects and CashFlows, and of the graded results.",
    )?;
    let code = DataValidation::new()
        .allow_text_length(DataValidationRule::EqualTo(3))
        .set_error_message("Enter a three-letter ISO 4217 code such as USD or EUR.")?;
    sheet.add_data_validation(1, 1, 1, 1, &code)?;
    for (col, header) in ["Currency", "Rate", "Meaning"].iter().enumerate() {
        sheet.write_string_with_format(3, col as u16, *header, &styles.header)?;
    }
    sheet.write_string(
        4,
        2,
        "FX table: one unit of Currency in run-currency units (EUR 1.08 when the run is in USD). \
         Needed for every row whose Currency differs from the run currency.",
    )?;
    sheet.add_data_validation(4, 0, 200, 0, &code)?;
    let rate = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThan(0.0))
        .set_error_message("Enter a rate above 0.")?;
    sheet.add_data_validation(4, 1, 200, 1, &rate)?;
    Ok(())
}
