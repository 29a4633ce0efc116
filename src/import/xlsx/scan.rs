//! A quick byte scan of an xlsx's sheet parts, for what calamine's cell
//! reader does not say: which rows and columns are hidden, which cells are
//! merged (listed after the cells, so only a pass over the whole sheet
//! finds them), and whether a
//! sheet may hold a formula with no saved value (so the slower formula pass
//! runs only where it can find something).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use memchr::memmem;

use super::texts::{OwnStrings, tags};
use crate::import::decimal::decide::shows_a_mark;
use crate::import::layout::{Merge, SheetLayout};

/// What the scan found in one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetScan {
    /// 1-based numbers of hidden rows, ascending.
    pub hidden_rows: Vec<u32>,
    /// Hidden columns (`<col min max hidden="1">`), as 0-based inclusive
    /// ranges in the order the sheet lists them.
    pub hidden_columns: Vec<(u32, u32)>,
    /// Merged ranges (`<mergeCell ref="C4:C6"/>`), in the sheet's order.
    pub merged: Vec<Merge>,
    /// A formula element is followed by the end of its cell with no value.
    pub unsaved_formulas: bool,
    /// A string the sheet writes itself (an inline string, a formula's
    /// text result), not in the shared strings, is a number that shows a
    /// decimal mark or reads either way (see `decimal`).
    pub number_text: bool,
}

impl SheetScan {
    /// The sheet's layout, as every format gives it.
    #[must_use]
    pub fn layout(&self) -> SheetLayout {
        SheetLayout {
            merged: self.merged.clone(),
            hidden_cols: self.hidden_columns.clone(),
            hidden_rows: self.hidden_rows.clone(),
        }
    }

    /// What is assumed of a sheet the scan could not read: anything.
    #[must_use]
    pub fn unknown() -> Self {
        SheetScan {
            hidden_rows: Vec::new(),
            hidden_columns: Vec::new(),
            merged: Vec::new(),
            unsaved_formulas: true,
            number_text: true,
        }
    }
}

/// The value of attribute `name` in a tag.
pub(crate) fn attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    // Tags are short: a plain search beats building a substring searcher.
    let first = *name.first()?;
    memchr::memchr_iter(first, tag).find_map(|at| {
        if !tag[at..].starts_with(name) {
            return None;
        }
        let before = at.checked_sub(1).map(|b| tag[b]);
        let rest = &tag[at + name.len()..];
        if !matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r')) || !rest.starts_with(b"=\"") {
            return None;
        }
        let value = &rest[2..];
        let len = value.iter().position(|&b| b == b'"')?;
        Some(&value[..len])
    })
}

fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut file = archive.by_name(name).ok()?;
    let mut out = Vec::new();
    file.read_to_end(&mut out).ok()?;
    Some(out)
}

/// Sheet name → part path, from `xl/workbook.xml` and its relationships.
pub(crate) fn sheet_parts(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Vec<(String, String)> {
    let (Some(book), Some(rels)) = (
        part(archive, "xl/workbook.xml"),
        part(archive, "xl/_rels/workbook.xml.rels"),
    ) else {
        return Vec::new();
    };
    let mut targets = HashMap::new();
    for tag in tags(&rels, b"<Relationship ") {
        if let (Some(id), Some(target)) = (attr(tag, b"Id"), attr(tag, b"Target")) {
            let target = String::from_utf8_lossy(target);
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id.to_vec(), path);
        }
    }
    let mut out = Vec::new();
    for tag in tags(&book, b"<sheet ") {
        if let (Some(name), Some(id)) = (attr(tag, b"name"), attr(tag, b"r:id")) {
            if let Some(path) = targets.get(id) {
                out.push((unescape(&String::from_utf8_lossy(name)), path.clone()));
            }
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Whether a cell's XML holds a non-empty `<v>` (some writers leave `<v/>`
/// or `<v></v>` where no result was saved).
fn has_value(cell: &[u8]) -> bool {
    memmem::find_iter(cell, b"<v").any(|at| {
        let after = &cell[at + 2..];
        let open_end = after.iter().position(|&b| b == b'>').unwrap_or(after.len());
        let self_closing = open_end > 0 && after[open_end - 1] == b'/';
        !self_closing && !after[open_end..].starts_with(b"></v>")
    })
}

/// Bytes of a sheet part read at a time.
const CHUNK: usize = 256 << 10;

/// A single row tag or formula cell longer than this is not looked into: the
/// sheet is taken to possibly hold an unsaved formula (so the exact formula
/// pass runs) rather than buffer a hostile file's endless element.
const MAX_ELEMENT: usize = 16 << 20;

/// Scans one sheet part's XML held whole, as the tests give it.
#[cfg(test)]
#[must_use]
pub fn scan_sheet(xml: &[u8]) -> SheetScan {
    scan_stream(xml)
}

/// Scans one sheet part's XML as it is unzipped, a chunk at a time, so a
/// sheet of a million rows costs a few hundred kilobytes here.
fn scan_stream(mut part: impl Read) -> SheetScan {
    let mut scan = SheetScan::default();
    let mut place = Place::default();
    let mut own = OwnStrings::new(shows_a_mark);
    let mut buf: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match part.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A damaged part: what was read counts; the reader will say the rest.
            Err(_) => 0,
        };
        buf.extend_from_slice(&chunk[..n]);
        own.feed(&chunk[..n], n == 0);
        let done = scan_complete(&buf, n == 0, &mut scan, &mut place);
        buf.drain(..done);
        if n == 0 {
            break;
        }
        if buf.len() > MAX_ELEMENT {
            scan.unsaved_formulas = true;
            buf.clear();
        }
    }
    scan.number_text = own.found;
    if place.disordered {
        scan.hidden_rows.sort_unstable();
        scan.hidden_rows.dedup();
    }
    scan
}

/// Where a scan has got to in a sheet.
#[derive(Debug, Default, Clone, Copy)]
struct Place {
    /// The row being scanned, 1-based (0 before the first).
    row: u32,
    /// A row came after a row of a higher number.
    disordered: bool,
}

/// Scans the complete elements of `xml`; returns how many bytes were dealt
/// with (the rest, an element cut by the chunk's end, waits for the next).
fn scan_complete(xml: &[u8], at_end: bool, scan: &mut SheetScan, place: &mut Place) -> usize {
    for at in memchr::memchr_iter(b'<', xml) {
        let rest = &xml[at..];
        // Room for the longest opening looked for, `<mergeCell `.
        if rest.len() < 11 && !at_end {
            return at;
        }
        if rest.starts_with(b"<row ") {
            let Some(end) = rest.iter().position(|&b| b == b'>') else {
                return if at_end { xml.len() } else { at };
            };
            let tag = &rest[..end];
            // A row without a number follows the one before, as the reader
            // takes it.
            let number = attr(tag, b"r")
                .and_then(|r| std::str::from_utf8(r).ok()?.parse().ok())
                .unwrap_or_else(|| place.row.saturating_add(1));
            if number <= place.row {
                place.disordered = true;
            }
            place.row = number;
            if matches!(attr(tag, b"hidden"), Some(b"1" | b"true")) {
                scan.hidden_rows.push(number);
            }
        } else if rest.starts_with(b"<col ") {
            let Some(end) = rest.iter().position(|&b| b == b'>') else {
                return if at_end { xml.len() } else { at };
            };
            let tag = &rest[..end];
            let number = |name: &[u8]| -> Option<u32> {
                std::str::from_utf8(attr(tag, name)?).ok()?.parse().ok()
            };
            if let (Some(min), Some(max), Some(b"1" | b"true")) =
                (number(b"min"), number(b"max"), attr(tag, b"hidden"))
            {
                if min >= 1 && max >= min {
                    scan.hidden_columns.push((min - 1, max - 1));
                }
            }
        } else if rest.starts_with(b"<mergeCell ") {
            let Some(end) = rest.iter().position(|&b| b == b'>') else {
                return if at_end { xml.len() } else { at };
            };
            let merge =
                attr(&rest[..end], b"ref").and_then(|r| Merge::parse(std::str::from_utf8(r).ok()?));
            scan.merged.extend(merge);
        } else if !scan.unsaved_formulas
            && rest.starts_with(b"<f")
            // `<f>`, `<f t=...>` or `<f/>`; not another element starting with f.
            && matches!(rest.get(2), Some(b'>' | b' ' | b'/'))
        {
            let cell = match memmem::find(rest, b"</c>") {
                Some(end) => &rest[..end],
                None if at_end => rest,
                None => return at,
            };
            if !has_value(cell) {
                scan.unsaved_formulas = true;
            }
        }
    }
    xml.len()
}

/// Scans the sheet `name` of an xlsx. A sheet it cannot find is taken to
/// possibly hold unsaved formulas, so the reader's exact pass runs.
#[must_use]
pub fn scan_one(bytes: &[u8], name: &str) -> SheetScan {
    let unknown = SheetScan::unknown;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return unknown();
    };
    let Some((_, path)) = sheet_parts(&mut archive)
        .into_iter()
        .find(|(sheet, _)| sheet == name)
    else {
        return unknown();
    };
    match archive.by_name(&path) {
        Ok(part) => scan_stream(part),
        Err(_) => unknown(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_written_as_the_sheets_own_strings_are_seen() {
        let shared = br#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2.5</v></c></row></sheetData>"#;
        assert!(!scan_sheet(shared).number_text);
        let name = br#"<row r="1"><c r="A1" t="inlineStr"><is><t>Claims 2.0</t></is></c></row>"#;
        assert!(!scan_sheet(name).number_text);
        let inline = br#"<row r="1"><c r="A1" t="inlineStr"><is><t>1,5</t></is></c></row>"#;
        assert!(scan_sheet(inline).number_text);
        let formula =
            br#"<row r="1"><c r="A1" t="str"><f>TEXT(1.5,"0,0")</f><v>1.200</v></c></row>"#;
        let scan = scan_sheet(formula);
        assert!(scan.number_text && !scan.unsaved_formulas);
        assert!(SheetScan::unknown().number_text);
    }

    #[test]
    fn hidden_rows_and_unsaved_formulas() {
        let xml = br#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2" hidden="1" spans="1:2"><c r="A2"><f>A1*2</f><v>2</v></c></row><row r="3"><c r="A3"><f>A1*3</f></c></row></sheetData>"#;
        let scan = scan_sheet(xml);
        assert_eq!(scan.hidden_rows, [2]);
        assert!(scan.unsaved_formulas);
        let saved = scan_sheet(br#"<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row><font/>"#);
        assert!(!saved.unsaved_formulas);
        assert!(saved.hidden_rows.is_empty());
        assert!(scan_sheet(br#"<c r="A1"><f>1+1</f><v/></c>"#).unsaved_formulas);
        assert!(scan_sheet(br#"<c r="A1"><f>1+1</f><v></v></c>"#).unsaved_formulas);
    }

    #[test]
    fn hidden_columns_as_excel_openpyxl_and_libreoffice_write_them() {
        let xml = br#"<cols><col min="1" max="2" width="9"/><col hidden="1" width="13" customWidth="1" min="4" max="4" /><col collapsed="false" customWidth="false" hidden="true" max="7" min="6" style="0" width="11.52"/><col min="9" max="9" hidden="0"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#;
        assert_eq!(scan_sheet(xml).hidden_columns, [(3, 3), (5, 6)]);
        for step in [1, 3, 7] {
            assert_eq!(
                scan_stream(Trickle(xml, step)).hidden_columns,
                [(3, 3), (5, 6)],
                "{step} bytes a read"
            );
        }
    }

    #[test]
    fn merged_ranges_after_the_cells() {
        let xml = br#"<sheetData><row r="4"><c r="C4"><v>0.02</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="C4:C6"/><mergeCell ref="A1:B1" /><mergeCell ref="bad"/></mergeCells>"#;
        let want = [
            Merge::parse("C4:C6").unwrap(),
            Merge::parse("A1:B1").unwrap(),
        ];
        assert_eq!(scan_sheet(xml).merged, want);
        for step in [1, 3, 11] {
            assert_eq!(
                scan_stream(Trickle(xml, step)).merged,
                want,
                "{step} bytes a read"
            );
        }
    }

    /// Hands over its bytes a few at a time, as a slow unzip might.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(self.0.len()).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn attributes_by_their_own_name() {
        // `s` is an attribute of its own, not the end of another's name.
        assert_eq!(attr(br#"<c r="A1" rs="9" s="3""#, b"s"), Some(&b"3"[..]));
        assert_eq!(
            attr(br#"<row r="7" hidden="1">"#, b"hidden"),
            Some(&b"1"[..])
        );
    }

    /// Rows 1 to `n`, every seventh hidden, each a formula with its value
    /// and a styled cell.
    fn numbered_rows(n: u32) -> Vec<u8> {
        let mut xml = Vec::new();
        for r in 1..=n {
            let hidden = if r % 7 == 0 { " hidden=\"1\"" } else { "" };
            xml.extend_from_slice(
                format!("<row r=\"{r}\"{hidden} spans=\"1:2\"><c r=\"A{r}\"><f>B{r}*2</f><v>{r}</v></c><c r=\"AB{r}\" s=\"1\"><v>0.5</v></c></row>").as_bytes(),
            );
        }
        xml
    }

    #[test]
    fn elements_cut_between_chunks_are_found_whole() {
        let mut xml = numbered_rows(3000);
        let whole = scan_sheet(&xml);
        assert_eq!(
            whole.hidden_rows,
            (1..=3000).filter(|r| r % 7 == 0).collect::<Vec<u32>>()
        );
        assert!(!whole.unsaved_formulas);
        for step in [1, 3, 4, 5, 17, 4096] {
            assert_eq!(
                scan_stream(Trickle(&xml, step)),
                whole,
                "{step} bytes a read"
            );
        }
        // An unsaved formula in the very last cell, cut anywhere, is found.
        xml.extend_from_slice(br#"<row r="3001"><c r="A3001"><f>1+1</f></c></row>"#);
        for step in [1, 2, 5, 4096] {
            assert!(
                scan_stream(Trickle(&xml, step)).unsaved_formulas,
                "{step} bytes a read"
            );
        }
    }
}
