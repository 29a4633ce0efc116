//! Feedback workbooks: for each input file that had problems, its rejected
//! rows as they were sent, each problem in plain words beside the row, the
//! cells at fault highlighted with a note, and the intake template's
//! drop-downs, so the business unit fixes the file in place and sends it
//! back. The importer passes over the problems column when it returns.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

use crate::export::styles::Styles;
use crate::export::workbook::layout::{fit_text, row_height, wrapped_lines};
use crate::export::{ExportError, write_atomically};
use crate::import::cell::{CellValue, Row};
use crate::import::table::find::{open_source, original_rows};
use crate::import::table::header::{PROBLEMS_HEADER, match_header};
use crate::model::{CASH_FLOW_FIELDS, FIELDS, GradedRun, RejectedRow};

/// Writes one feedback workbook per input file with rejected rows into
/// `dir`, named `<file stem>.feedback.xlsx` (see `feedback_names` for
/// inputs that share a stem). Returns the paths written and,
/// for files that could not be re-read, why.
pub fn write_feedback(
    run: &GradedRun,
    dir: &Path,
    limits: crate::import::Limits,
) -> Result<(Vec<PathBuf>, Vec<String>), ExportError> {
    let mut by_file: BTreeMap<&str, Vec<&RejectedRow>> = BTreeMap::new();
    for row in &run.rejected {
        by_file
            .entry(row.origin.file.as_str())
            .or_default()
            .push(row);
    }
    let inputs: Vec<&str> = run.run.inputs.iter().map(|i| i.path.as_str()).collect();
    let mut written = Vec::new();
    let mut skipped = Vec::new();
    let names = feedback_names(inputs.iter().copied().filter(|i| by_file.contains_key(i)));
    // Input order, so the list reads like the run.
    for (input, name) in names {
        let Some(rows) = by_file.get(input) else {
            continue;
        };
        let path = Path::new(input);
        let out = dir.join(name);
        match feedback_workbook(run, path, rows, limits) {
            Ok(mut book) => {
                write_atomically(&out, &inputs, |tmp| Ok(book.save(tmp)?))?;
                written.push(out);
            }
            Err(why) => skipped.push(format!("{input}: no feedback workbook: {why}")),
        }
    }
    Ok((written, skipped))
}

/// The feedback workbook's file name for each input, in order:
/// `<file stem>.feedback.xlsx`, or `<file name>.feedback.xlsx` where two
/// inputs share a stem (`units.csv` and `units.xlsx`), numbered where even
/// the file names meet (the same name in two folders), so no input's
/// feedback overwrites another's.
fn feedback_names<'a>(inputs: impl Iterator<Item = &'a str>) -> Vec<(&'a str, String)> {
    let inputs: Vec<&str> = inputs.collect();
    let part = |input: &str, stem: bool| {
        let path = Path::new(input);
        let part = if stem {
            path.file_stem()
        } else {
            path.file_name()
        };
        part.map_or_else(|| "input".into(), |s| s.to_string_lossy().into_owned())
    };
    let mut stems: BTreeMap<String, usize> = BTreeMap::new();
    for input in &inputs {
        *stems.entry(part(input, true)).or_default() += 1;
    }
    let mut used = std::collections::BTreeSet::new();
    inputs
        .into_iter()
        .map(|input| {
            let stem = part(input, true);
            let base = if stems[&stem] > 1 {
                part(input, false)
            } else {
                stem
            };
            let mut name = format!("{base}.feedback.xlsx");
            let mut n = 1;
            while !used.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}.feedback.xlsx");
            }
            (input, name)
        })
        .collect()
}

fn feedback_workbook(
    run: &GradedRun,
    path: &Path,
    rows: &[&RejectedRow],
    limits: crate::import::Limits,
) -> Result<Workbook, String> {
    let mut source = open_source(path, limits).map_err(|e| e.to_string())?;
    let styles = Styles::new(&run.run.currency);
    let mut book = Workbook::new();
    let (y, m, d) = {
        use chrono::Datelike;
        (
            run.run.as_of.year() as u16,
            run.run.as_of.month() as u8,
            run.run.as_of.day() as u8,
        )
    };
    let created = ExcelDateTime::from_ymd(y, m, d).map_err(|e| e.to_string())?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("airoi feedback"),
    );
    let mut by_sheet: BTreeMap<&str, Vec<&RejectedRow>> = BTreeMap::new();
    for row in rows {
        by_sheet
            .entry(row.origin.sheet.as_str())
            .or_default()
            .push(row);
    }
    for (sheet_name, rejected) in by_sheet {
        let wanted: BTreeSet<u32> = rejected.iter().map(|r| r.row).collect();
        let tables = original_rows(&mut source, sheet_name, &wanted).map_err(|e| e.to_string())?;
        for (i, (header, originals)) in tables.iter().enumerate() {
            let rows: Vec<&RejectedRow> = rejected
                .iter()
                .copied()
                .filter(|r| originals.iter().any(|o| o.number == r.row))
                .collect();
            let sheet = book.add_worksheet();
            let name = table_sheet_name(path, sheet_name, header, i);
            sheet.set_name(&name).map_err(|e| e.to_string())?;
            write_sheet(sheet, &styles, header, originals, &rows).map_err(|e| e.to_string())?;
        }
    }
    Ok(book)
}

/// The feedback sheet of a table: a CSV's table is named after what it
/// holds, a workbook's after its sheet; a second table of a sheet (one
/// under another) gets a sheet of its own, numbered.
fn table_sheet_name(path: &Path, sheet_name: &str, header: &Row, i: usize) -> String {
    let base = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        match crate::import::table::header::classify_header(header) {
            Some((crate::import::table::header::TableKind::CashFlows, _)) => "CashFlows",
            _ => "Projects",
        }
    } else {
        sheet_name
    };
    if i == 0 {
        return base.to_string();
    }
    let suffix = format!(" ({})", i + 1);
    // Excel's sheet names are at most 31 characters.
    let room = 31 - suffix.len();
    let base: String = base.chars().take(room).collect();
    format!("{base}{suffix}")
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &CellValue,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        CellValue::Number { value, .. } if value.is_finite() => {
            sheet.write_number_with_format(row, col, *value, format)?
        }
        CellValue::Bool(b) => sheet.write_boolean_with_format(row, col, *b, format)?,
        CellValue::DateTime(dt) => {
            let date = Format::new().set_num_format("yyyy-mm-dd");
            let date = if format == &Format::default() {
                date
            } else {
                format.clone().set_num_format("yyyy-mm-dd")
            };
            sheet.write_datetime_with_format(row, col, dt, &date)?
        }
        CellValue::Empty => sheet.write_blank(row, col, format)?,
        // Text, error cells and unsaved formulas go back as the text they showed.
        other => {
            sheet.write_string_with_format(row, col, fit_text(&other.display()).as_ref(), format)?
        }
    };
    Ok(())
}

fn write_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    header: &Row,
    originals: &[Row],
    rejected: &[&RejectedRow],
) -> Result<(), XlsxError> {
    let fault = Format::new()
        .set_background_color(Color::RGB(0x00FF_C7CE))
        .set_font_color(Color::RGB(0x009C_0006))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x009C_0006));
    let wrap = Format::new()
        .set_text_wrap()
        .set_font_color(Color::RGB(0x009C_0006));
    let last_col = header.cells.iter().map(|(c, _)| *c).max().unwrap_or(0);
    let problems_col = (last_col + 1).min(16_383) as u16;
    for (col, value) in &header.cells {
        sheet.write_string_with_format(0, *col as u16, value.display(), &styles.header)?;
        sheet.set_column_width(
            *col as u16,
            value.display().chars().count().clamp(10, 40) as f64 + 2.0,
        )?;
    }
    sheet.write_string_with_format(0, problems_col, PROBLEMS_HEADER, &styles.header)?;
    sheet.set_column_width(problems_col, 70)?;
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    let data_rows = originals.len() as u32;
    // Drop-downs and number rules like the template's, by what each header names.
    for (col, value) in &header.cells {
        let spec = match_header(&value.display(), FIELDS)
            .or_else(|| match_header(&value.display(), CASH_FLOW_FIELDS));
        if let Some(v) = spec.map(super::validation).transpose()?.flatten() {
            if data_rows > 0 {
                sheet.add_data_validation(1, *col as u16, data_rows, *col as u16, &v)?;
            }
        }
    }
    let by_row: BTreeMap<u32, &RejectedRow> = rejected.iter().map(|r| (r.row, *r)).collect();
    for (i, original) in originals.iter().enumerate() {
        let out_row = i as u32 + 1;
        let Some(rej) = by_row.get(&original.number) else {
            continue;
        };
        let bad: BTreeMap<u32, Vec<&str>> = rej
            .problems
            .iter()
            .filter_map(|p| p.cell.map(|c| (c.col, p.message.as_str())))
            .fold(BTreeMap::new(), |mut m, (c, msg)| {
                m.entry(c).or_insert_with(Vec::new).push(msg);
                m
            });
        for (col, value) in &original.cells {
            let format = if bad.contains_key(col) {
                fault.clone()
            } else {
                Format::default()
            };
            write_value(sheet, out_row, *col as u16, value, &format)?;
        }
        for (col, messages) in &bad {
            if original.get(*col).is_none() {
                sheet.write_blank(out_row, *col as u16, &fault)?;
            }
            let note = Note::new(messages.join("\n"))
                .add_author_prefix(false)
                .set_width(300)
                .set_height(90);
            sheet.insert_note(out_row, *col as u16, &note)?;
        }
        let text = rej
            .problems
            .iter()
            .map(|p| match &p.column {
                Some(c) => format!("{c}: {}", p.message),
                None => p.message.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let text = format!("was row {} of {}:\n{text}", rej.row, rej.origin.sheet);
        sheet.write_string_with_format(out_row, problems_col, fit_text(&text).as_ref(), &wrap)?;
        let lines = wrapped_lines(&text, 68);
        sheet.set_row_height(out_row, row_height(lines))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::feedback_names;

    #[test]
    fn inputs_that_share_a_stem_get_feedback_of_their_own() {
        let names = feedback_names(
            [
                "a/units.csv",
                "a/units.xlsx",
                "b/ops.xlsx",
                "c/ops.xlsx",
                "d/fin.xlsx",
            ]
            .into_iter(),
        );
        let names: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "units.csv.feedback.xlsx",
                "units.xlsx.feedback.xlsx",
                "ops.xlsx.feedback.xlsx",
                "ops.xlsx-2.feedback.xlsx",
                "fin.feedback.xlsx",
            ]
        );
    }
}
