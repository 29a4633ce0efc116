//! What the workbook records of its run: the hidden sheet `airoi verify`
//! reads, and the document properties.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Worksheet, XlsxError};

use crate::export::ExportError;
use crate::model::GradedRun;

pub use crate::import::output::RUN_RECORD_SHEET;

/// The run record as JSON in a hidden sheet, for `airoi verify`: column A,
/// in pieces below Excel's cell limit; `folder` is where the workbook is
/// written.
pub(crate) fn write_run_record(
    sheet: &mut Worksheet,
    run: &GradedRun,
    folder: Option<&Path>,
) -> Result<(), ExportError> {
    sheet.set_name(RUN_RECORD_SHEET)?;
    sheet.set_hidden(true);
    let json = crate::export::json::run_record_json(run, folder).map_err(ExportError::RunRecord)?;
    let mut rest = json.as_str();
    let mut row = 0;
    while !rest.is_empty() {
        let mut cut = rest.len().min(30_000);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        sheet.write_string(row, 0, &rest[..cut])?;
        rest = &rest[cut..];
        row += 1;
    }
    Ok(())
}

pub(crate) fn properties(run: &GradedRun) -> Result<DocProperties, XlsxError> {
    use chrono::Datelike;
    let as_of = run.run.as_of;
    let created =
        ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8)?;
    Ok(DocProperties::new()
        .set_title("AI portfolio scorecard")
        .set_subject(format!("Graded against ruleset {}", run.run.ruleset.name))
        .set_author(format!("{} {}", run.run.tool, run.run.version))
        .set_comment("ROI 3:1 on compute, diversified infrastructure, agents not chatbots")
        .set_creation_datetime(&created))
}
