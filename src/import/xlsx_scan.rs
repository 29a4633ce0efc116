//! A quick byte scan of an xlsx's sheet parts, for what calamine's cell
//! reader does not say: which rows are hidden, and whether a sheet may hold
//! a formula with no saved value (so the slower formula pass runs only
//! where it can find something).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use memchr::memmem;

/// What the scan found in one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetScan {
    /// 1-based numbers of hidden rows, ascending.
    pub hidden_rows: Vec<u32>,
    /// A formula element is followed by the end of its cell with no value.
    pub unsaved_formulas: bool,
}

fn attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut pattern = Vec::with_capacity(name.len() + 3);
    pattern.push(b' ');
    pattern.extend_from_slice(name);
    pattern.extend_from_slice(b"=\"");
    let start = memmem::find(tag, &pattern)? + pattern.len();
    let len = tag[start..].iter().position(|&b| b == b'"')?;
    Some(&tag[start..start + len])
}

fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut file = archive.by_name(name).ok()?;
    let mut out = Vec::new();
    file.read_to_end(&mut out).ok()?;
    Some(out)
}

/// Sheet name → part path, from `xl/workbook.xml` and its relationships.
fn sheet_parts(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Vec<(String, String)> {
    let (Some(book), Some(rels)) = (
        part(archive, "xl/workbook.xml"),
        part(archive, "xl/_rels/workbook.xml.rels"),
    ) else {
        return Vec::new();
    };
    let mut targets = HashMap::new();
    for at in memmem::find_iter(&rels, b"<Relationship ") {
        let tag = &rels[at..rels[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(rels.len(), |e| at + e)];
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
    for at in memmem::find_iter(&book, b"<sheet ") {
        let tag = &book[at..book[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(book.len(), |e| at + e)];
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

/// Scans one sheet part's XML.
#[must_use]
pub fn scan_sheet(xml: &[u8]) -> SheetScan {
    let mut scan = SheetScan::default();
    for at in memmem::find_iter(xml, b"<row ") {
        let end = xml[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(xml.len(), |e| at + e);
        let tag = &xml[at..end];
        if matches!(attr(tag, b"hidden"), Some(b"1" | b"true")) {
            if let Some(n) = attr(tag, b"r").and_then(|r| std::str::from_utf8(r).ok()?.parse().ok())
            {
                scan.hidden_rows.push(n);
            }
        }
    }
    for at in memmem::find_iter(xml, b"<f") {
        // `<f>`, `<f t=...>` or `<f/>`; not another element starting with f.
        if !matches!(xml.get(at + 2), Some(b'>' | b' ' | b'/')) {
            continue;
        }
        let rest = &xml[at..];
        let cell = &rest[..memmem::find(rest, b"</c>").unwrap_or(rest.len())];
        if !has_value(cell) {
            scan.unsaved_formulas = true;
            break;
        }
    }
    scan
}

/// Scans every sheet of an xlsx; sheets it cannot find are left out (the
/// reader then falls back to its full passes).
#[must_use]
pub fn scan(bytes: &[u8]) -> HashMap<String, SheetScan> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return HashMap::new();
    };
    sheet_parts(&mut archive)
        .into_iter()
        .filter_map(|(name, path)| part(&mut archive, &path).map(|xml| (name, scan_sheet(&xml))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
