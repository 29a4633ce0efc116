//! Prices an ods file before calamine opens it. calamine reads every table
//! of `content.xml` into a dense grid inside `Ods::new`, expanding
//! `table:number-rows-repeated` and `table:number-columns-repeated`: a few
//! hundred bytes that repeat a filled cell across 16,384 columns and a
//! million rows ask for billions of cells. This module streams
//! `content.xml` once, counts what each table will expand to, and refuses
//! before calamine allocates any of it. On the way it notes the cells of
//! `office:value-type="percentage"` at the places calamine will put them
//! (repeats expanded, covered cells counted), and each table's layout —
//! cells spanning rows or columns, hidden (collapsed or filtered) columns
//! and rows — none of which calamine's grid says.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Limits;
use crate::import::error::SourceError;
use crate::import::layout::{Merge, SheetLayout};
use crate::import::percent::{PercentCells, PercentSheets};

/// Hidden rows noted in one table: a hidden row element repeated a
/// million times (a sheet's unused rows, collapsed) is not a million notes.
const MAX_HIDDEN_ROWS: u64 = 100_000;

/// calamine's own caps on an ods table.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// What one table will cost.
#[derive(Default)]
struct Table {
    name: String,
    /// Rows so far, repeats expanded.
    rows: u64,
    /// First and one-past-last expanded row holding a value.
    first_row: Option<u64>,
    end_row: u64,
    /// Leftmost and one-past-rightmost column holding a value.
    first_col: Option<u64>,
    end_col: u64,
    /// Cells calamine stores while reading, before the grid is built.
    read_cells: u64,
    /// Cells shown as a percentage.
    percent: PercentCells,
    /// Merged and hidden cells.
    layout: SheetLayout,
    /// Columns declared so far, repeats expanded.
    columns: u64,
}

/// The tables of a file: percent cells and layouts, by table name.
pub(crate) type Found = (PercentSheets, HashMap<String, SheetLayout>);

/// Whether a column or row element is hidden: collapsed, or filtered out.
fn is_hidden(e: &BytesStart<'_>) -> bool {
    matches!(
        e.try_get_attribute("table:visibility"),
        Ok(Some(a)) if matches!(a.value.trim(), "collapse" | "filter")
    )
}

/// How many rows or columns a cell spans (1 when it says nothing).
fn span(e: &BytesStart<'_>, attr: &str) -> u64 {
    match e.try_get_attribute(attr) {
        Ok(Some(a)) => a.value.trim().parse().unwrap_or(1).max(1),
        _ => 1,
    }
}

impl Table {
    fn grid_cells(&self) -> u64 {
        let rows = self.first_row.map_or(0, |f| self.end_row - f);
        let cols = self.first_col.map_or(0, |f| self.end_col - f);
        self.read_cells.saturating_add(rows.saturating_mul(cols))
    }
}

fn repeat(e: &BytesStart<'_>, attr: &str) -> Option<u64> {
    match e.try_get_attribute(attr) {
        Ok(Some(a)) => a.value.trim().parse().ok(),
        Ok(None) => Some(1),
        Err(_) => None,
    }
}

/// Whether a cell element holds a value or formula in its attributes.
fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        let key = a.key.as_ref();
        key.starts_with("office:") || key == "table:formula"
    })
}

/// Whether a cell element is a percentage.
fn is_percent(e: &BytesStart<'_>) -> bool {
    matches!(
        e.try_get_attribute("office:value-type"),
        Ok(Some(a)) if a.value.trim() == "percentage"
    )
}

/// Refuses an ods whose tables calamine could not hold within `limits`;
/// returns the percent cells and the layout of each table. A file this
/// scan cannot follow is left to calamine to describe (with what was found
/// so far).
pub fn check(bytes: &[u8], limits: Limits) -> Result<Found, SourceError> {
    let mut found: Found = (PercentSheets::new(), HashMap::new());
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(found);
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(found);
    };
    let mut reader = Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut skip = Vec::new();
    let mut table: Option<Table> = None;
    let mut total: u64 = 0;
    // Within the current row: its expanded index, its repeats, the next
    // column, and one past the last column holding a value.
    let (mut row_at, mut row_repeats, mut col, mut width) = (0u64, 1u64, 0u64, 0u64);
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return Ok(found),
            Ok(event) => event,
        };
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(end) => {
                match end.name().as_ref() {
                    "table:table" => {
                        if let Some(mut t) = table.take() {
                            let cells = t.grid_cells();
                            limits.check_dense_cells(cells, Some(&t.name))?;
                            total = total.saturating_add(cells);
                            limits.check_dense_cells(total, None)?;
                            if !t.layout.is_empty() {
                                // Hidden rows past the last value read nothing.
                                let end = u32::try_from(t.end_row).unwrap_or(u32::MAX);
                                t.layout.hidden_rows.retain(|r| *r <= end);
                                t.layout.finish();
                                found.1.insert(t.name.clone(), t.layout);
                            }
                            if !t.percent.is_empty() {
                                t.percent.finish();
                                found.0.insert(t.name, t.percent);
                            }
                        }
                    }
                    "table:table-row" => {
                        if let Some(t) = table.as_mut() {
                            finish_row(t, row_at, row_repeats, width);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" if !empty => {
                let name = e
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok()
                            .map(std::borrow::Cow::into_owned)
                    })
                    .unwrap_or_default();
                table = Some(Table {
                    name,
                    ..Table::default()
                });
            }
            "table:table-row" => {
                let Some(t) = table.as_mut() else { continue };
                let Some(n) = repeat(e, "table:number-rows-repeated") else {
                    return Ok(found);
                };
                row_at = t.rows;
                row_repeats = n.min(MAX_ROWS.saturating_sub(t.rows));
                t.rows = t.rows.saturating_add(row_repeats);
                if is_hidden(e) {
                    // 1-based; rows past the last value are dropped at the
                    // table's end.
                    let room = MAX_HIDDEN_ROWS.saturating_sub(t.layout.hidden_rows.len() as u64);
                    let first = u32::try_from(row_at + 1).unwrap_or(u32::MAX);
                    let count = usize::try_from(row_repeats.min(room)).unwrap_or(0);
                    t.layout.hidden_rows.extend((first..).take(count));
                }
                (col, width) = (0, 0);
                if empty {
                    finish_row(t, row_at, row_repeats, width);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let Some(t) = table.as_mut() else { continue };
                let Some(n) = repeat(e, "table:number-columns-repeated") else {
                    return Ok(found);
                };
                let n = n.min(MAX_COLUMNS.saturating_sub(col));
                let (rows, cols) = (
                    span(e, "table:number-rows-spanned"),
                    span(e, "table:number-columns-spanned"),
                );
                if rows > 1 || cols > 1 {
                    let at = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
                    t.layout.merged.push(Merge::new(
                        (at(row_at), at(col)),
                        (at(row_at + rows - 1), at(col + cols - 1)),
                    ));
                }
                if is_percent(e) {
                    // Both are capped within calamine's u32 rows and columns.
                    let at = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
                    t.percent
                        .add(at(row_at)..at(row_at + row_repeats), at(col)..at(col + n));
                }
                // Content inside the cell (text, annotations) counts as a value.
                let filled = has_value(e) || !empty;
                if filled {
                    t.first_col = Some(t.first_col.map_or(col, |c| c.min(col)));
                    t.end_col = t.end_col.max(col + n);
                    width = col + n;
                }
                col += n;
                if !empty {
                    let end = e.to_end().into_owned();
                    skip.clear();
                    if reader.read_to_end_into(end.name(), &mut skip).is_err() {
                        return Ok(found);
                    }
                }
            }
            "table:table-column" => {
                let Some(t) = table.as_mut() else { continue };
                let Some(n) = repeat(e, "table:number-columns-repeated") else {
                    return Ok(found);
                };
                let n = n.min(MAX_COLUMNS.saturating_sub(t.columns));
                if is_hidden(e) && n > 0 {
                    let at = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
                    t.layout
                        .hidden_cols
                        .push((at(t.columns), at(t.columns + n - 1)));
                }
                t.columns += n;
            }
            _ => {}
        }
    }
}

/// Closes a row: calamine stores it once, up to its last value, and spans
/// the grid over all its repeats.
fn finish_row(t: &mut Table, row_at: u64, repeats: u64, width: u64) {
    if width > 0 {
        t.read_cells = t.read_cells.saturating_add(width);
        t.first_row.get_or_insert(row_at);
        t.end_row = row_at + repeats;
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// An ods holding `body` as its one table's content.
    fn ods(body: &str) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        out.start_file("content.xml", opts).unwrap();
        write!(
            out,
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="Projects">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
        .unwrap();
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn spans_and_hidden_columns_and_rows_as_libreoffice_writes_them() {
        let body = r#"<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse" table:number-columns-repeated="2"/><table:table-column/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Project ID</text:p></table:table-cell></table:table-row>
<table:table-row table:visibility="collapse" table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>P1</text:p></table:table-cell><table:table-cell/><table:table-cell table:number-rows-spanned="3" table:number-columns-spanned="1" office:value-type="percentage" office:value="0.02"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>P3</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row table:visibility="collapse" table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>"#;
        let (percent, layouts) = check(&ods(body), Limits::default()).unwrap();
        let layout = &layouts["Projects"];
        assert_eq!(layout.hidden_cols, [(2, 3)]);
        // The collapsed rows after the last value are none of the table's.
        assert_eq!(layout.hidden_rows, [2, 3]);
        assert_eq!(layout.merged, [Merge::new((1, 2), (3, 2))]);
        assert!(percent["Projects"].contains(1, 2));
    }
}
