//! `airoi-floor`: the floor `airoi score` is measured against. It reads a
//! generated portfolio CSV with the csv crate, does the checklist arithmetic
//! in its plainest form, and writes the same cells with the same libraries
//! as airoi does (a Scores sheet and a three-rows-per-project Findings sheet
//! in constant-memory worksheets), on one thread, with none of airoi's
//! product logic: no import tolerance, no audit trail, no rules engine. What
//! airoi costs above this is the price of its features.
//!
//! ```sh
//! airoi-floor INPUT.csv OUTPUT.xlsx - [--compression N]
//! airoi-floor INPUT.csv OUTPUT.xlsx OUTPUT.json [--compression N]
//! airoi-floor --read-xlsx INPUT.xlsx
//! airoi-floor --read-xlsx-formulas INPUT.xlsx
//! airoi-floor --read-xlsx-range INPUT.xlsx
//! ```
//!
//! The first form is the floor of the targets: the workbook alone, although
//! airoi writes the JSON document too. The second also writes the JSON
//! document's projects in airoi's shape, to show what the JSON costs.
//! The last three are calamine's own reading time for an xlsx input: every
//! cell of the first sheet streamed and visited, nothing done with it; the
//! same through the reader that gives each value with its formula (the one
//! airoi uses); and the sheet read the way most calamine users do, into a
//! `Range` of owned values.

use std::fs::File;
use std::io::{BufWriter, Write};

#[path = "floor_cells.rs"]
mod floor_cells;

use floor_cells::{Checked, check_row};

/// The allocator airoi uses, so the two are compared like for like.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

const SCORE_HEADERS: usize = 41;
const FINDING_HEADERS: [&str; 12] = [
    "Project ID",
    "Project Name",
    "Check",
    "Status",
    "Score",
    "Verdict",
    "Measure",
    "Measured Value",
    "Thresholds",
    "Explanation",
    "Inputs Used (source cells)",
    "Notes",
];

/// The formats the cells are written in, as airoi's styles have them.
struct Formats {
    header: Format,
    text: Format,
    wrap: Format,
    money: Format,
    ratio: Format,
    percent: Format,
    score: Format,
    whole: Format,
}

fn formats() -> Formats {
    Formats {
        header: Format::new().set_bold().set_text_wrap(),
        text: Format::new().set_indent(1),
        wrap: Format::new().set_text_wrap().set_indent(1),
        money: Format::new().set_num_format("\"$\"#,##0"),
        ratio: Format::new().set_num_format("0.00\"x\""),
        percent: Format::new().set_num_format("0.0%"),
        score: Format::new().set_num_format("0.0"),
        whole: Format::new().set_num_format("#,##0"),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let (Some("--read-xlsx"), Some(path)) = (args.first().map(String::as_str), args.get(1)) {
        return read_xlsx(path, false);
    }
    if let (Some("--read-xlsx-formulas"), Some(path)) =
        (args.first().map(String::as_str), args.get(1))
    {
        return read_xlsx(path, true);
    }
    if let (Some("--read-xlsx-range"), Some(path)) = (args.first().map(String::as_str), args.get(1))
    {
        return read_xlsx_range(path);
    }
    let (Some(input), Some(xlsx), Some(json)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: airoi-floor INPUT.csv OUTPUT.xlsx OUTPUT.json|- [--compression N]");
        std::process::exit(2);
    };
    let level = match (args.get(3).map(String::as_str), args.get(4)) {
        (Some("--compression"), Some(n)) => Some(n.parse::<u8>()?),
        _ => None,
    };
    // `-` leaves the JSON out: the workbook-only floor.
    let json = (json != "-").then_some(json);
    let f = formats();
    let mut workbook = Workbook::new();
    if let Some(level) = level {
        workbook.set_zip_compression_level(level);
    }
    let mut scores = workbook.new_worksheet_with_constant_memory()?;
    scores.set_name("Scores")?;
    // Three rows a project: a Findings sheet holds this many before the next.
    let per_sheet = (1_048_576 - 1) / 3;
    let mut findings_done: Vec<Worksheet> = Vec::new();
    let mut findings = findings_page(&mut workbook, 1, &f)?;
    for col in 0..SCORE_HEADERS {
        scores.write_string_with_format(0, col as u16, format!("Column {col}"), &f.header)?;
    }
    let mut out: Option<BufWriter<File>> = json.map(File::create).transpose()?.map(BufWriter::new);
    if let Some(out) = &mut out {
        out.write_all(b"{\n  \"projects\": [")?;
    }

    let mut reader = csv::Reader::from_path(input)?;
    let headers = reader.headers()?.clone();
    let mut record = csv::StringRecord::new();
    let (mut row, mut projects, mut compute, mut benefit) = (0u32, 0usize, 0.0, 0.0);
    while reader.read_record(&mut record)? {
        if record.iter().all(str::is_empty) {
            continue;
        }
        row += 1;
        let c = check_row(&headers, &record, input, row + 1);
        write_scores_row(&mut scores, row, &c, &f)?;
        let in_page = (row - 1) % per_sheet + 1;
        if in_page == 1 && row > 1 {
            let next = findings_page(&mut workbook, findings_done.len() + 2, &f)?;
            let mut full = std::mem::replace(&mut findings, next);
            full.autofilter(0, 0, per_sheet * 3, 11)?;
            findings_done.push(full);
        }
        write_findings_rows(&mut findings, in_page, &c, &f)?;
        if let Some(out) = &mut out {
            write_json_item(out, projects, &c)?;
        }
        projects += 1;
        compute += c.compute_total;
        benefit += c.benefit_total;
    }
    if let Some(out) = &mut out {
        writeln!(
            out,
            "\n  ],\n  \"portfolio\": {{\"projects\": {projects}, \"compute_total\": {compute}, \"benefit_total\": {benefit}}}\n}}"
        )?;
        out.flush()?;
    }
    scores.autofilter(0, 0, row.max(1), (SCORE_HEADERS - 1) as u16)?;
    findings.autofilter(0, 0, (((row.max(1) - 1) % per_sheet + 1) * 3).max(1), 11)?;
    workbook.push_worksheet(scores);
    for sheet in findings_done {
        workbook.push_worksheet(sheet);
    }
    workbook.push_worksheet(findings);
    workbook.save(xlsx)?;
    eprintln!("airoi-floor: {projects} projects");
    Ok(())
}

/// One project of the JSON document's `projects` array: a compact line,
/// indented as airoi's are.
fn write_json_item(out: &mut impl Write, index: usize, c: &Checked) -> std::io::Result<()> {
    out.write_all(if index == 0 { b"\n    " } else { b",\n    " })?;
    serde_json::to_writer(&mut *out, &c.json)?;
    Ok(())
}

/// A new Findings sheet with its header: `Findings`, `Findings (2)` ...
fn findings_page(
    workbook: &mut Workbook,
    page: usize,
    f: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = workbook.new_worksheet_with_constant_memory()?;
    sheet.set_name(if page == 1 {
        "Findings".to_string()
    } else {
        format!("Findings ({page})")
    })?;
    for (col, header) in FINDING_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &f.header)?;
    }
    Ok(sheet)
}

fn write_scores_row(
    sheet: &mut Worksheet,
    row: u32,
    c: &Checked,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, cell) in c.scores.iter().enumerate() {
        let col = col as u16;
        match cell {
            floor_cells::Cell::Text(text) => {
                sheet.write_string_with_format(row, col, text, &f.text)?;
            }
            floor_cells::Cell::Number(n, look) => {
                let format = match look {
                    floor_cells::Look::Money => &f.money,
                    floor_cells::Look::Ratio => &f.ratio,
                    floor_cells::Look::Percent => &f.percent,
                    floor_cells::Look::Score => &f.score,
                    floor_cells::Look::Whole => &f.whole,
                };
                sheet.write_number_with_format(row, col, *n, format)?;
            }
            floor_cells::Cell::Blank => {}
        }
    }
    Ok(())
}

fn write_findings_rows(
    sheet: &mut Worksheet,
    row: u32,
    c: &Checked,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (k, finding) in c.findings.iter().enumerate() {
        let r = (row - 1) * 3 + 1 + k as u32;
        sheet.write_string_with_format(r, 0, &c.id, &f.text)?;
        sheet.write_string_with_format(r, 1, &c.name, &f.text)?;
        sheet.write_string_with_format(r, 2, finding.check, &f.text)?;
        sheet.write_string_with_format(r, 3, finding.status, &f.text)?;
        sheet.write_number_with_format(r, 4, finding.score, &f.score)?;
        sheet.write_string_with_format(r, 5, finding.verdict, &f.text)?;
        sheet.write_string_with_format(r, 6, finding.measure, &f.text)?;
        sheet.write_number_with_format(r, 7, finding.value, &f.ratio)?;
        sheet.write_string_with_format(r, 8, &finding.thresholds, &f.text)?;
        sheet.write_string_with_format(r, 9, &finding.explanation, &f.wrap)?;
        sheet.write_string_with_format(r, 10, &finding.inputs, &f.wrap)?;
        sheet.write_string_with_format(r, 11, "", &f.wrap)?;
    }
    Ok(())
}

/// Reads the first sheet of an xlsx the way most calamine users do: the
/// whole sheet into a `Range` of owned values.
fn read_xlsx_range(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(path)?;
    let name = workbook.sheet_names().first().cloned().ok_or("no sheets")?;
    let range = workbook.worksheet_range(&name)?;
    let cells = range
        .used_cells()
        .filter(|(_, _, v)| !matches!(v, Data::Empty))
        .count();
    eprintln!("airoi-floor: {cells} cells read");
    Ok(())
}

/// Opens an xlsx with calamine and streams every cell of its first sheet
/// through the cells reader; with `formulas`, through the reader that
/// hands over each value with its formula, as airoi's xlsx import does.
fn read_xlsx(path: &str, formulas: bool) -> Result<(), Box<dyn std::error::Error>> {
    use calamine::{DataRef, Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(path)?;
    let name = workbook.sheet_names().first().cloned().ok_or("no sheets")?;
    let mut reader = workbook.worksheet_cells_reader(&name)?;
    let mut cells = 0usize;
    if formulas {
        while let Some(cell) = reader.next_cell_with_formula()? {
            if !matches!(cell.value, DataRef::Empty) || cell.formula.is_some() {
                cells += 1;
            }
        }
        eprintln!("airoi-floor: {cells} cells read");
        return Ok(());
    }
    while let Some(cell) = reader.next_cell()? {
        if !matches!(cell.get_value(), DataRef::Empty) {
            cells += 1;
        }
    }
    eprintln!("airoi-floor: {cells} cells read");
    Ok(())
}
