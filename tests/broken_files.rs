//! Builders for the broken-file corpus: workbooks written byte by byte, so
//! a test can make exactly the damage or oddity it is about (a 1904 flag,
//! an error cell, a formula with no saved value, a compression bomb)
//! without depending on what an office suite happens to write.

// Test files are built for clarity; an allocation per cell does not matter.
#![allow(clippy::format_collect)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// The header row every intake test table uses, and a row that reads.
pub const HEADERS: [&str; 7] = [
    "Project ID",
    "Project Name",
    "Monthly Compute Cost",
    "Monthly Benefit",
    "Benefit Metric",
    "Providers",
    "Interaction Pattern",
];
pub const GOOD_ROW: [&str; 7] = [
    "P-1",
    "Good",
    "100",
    "400",
    "revenue",
    "aws:50;gcp:50",
    "workflow_agent",
];

/// A zip of `(name, bytes)` parts, deflated.
pub fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        out.start_file(*name, deflated).expect("zip entry");
        out.write_all(bytes).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

/// An inline-string cell.
pub fn text_cell(cell: &str, text: &str) -> String {
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A row of inline-string cells from column A.
pub fn text_row(row: u32, values: &[&str]) -> String {
    let cells: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| text_cell(&format!("{}{row}", (b'A' + i as u8) as char), v))
        .collect();
    format!(r#"<row r="{row}">{cells}</row>"#)
}

/// One sheet of an xlsx: name, `state` (`visible`, `hidden`), and the XML
/// inside `<sheetData>` plus anything after it (merge cells).
pub struct RawSheet<'a> {
    pub name: &'a str,
    pub state: &'a str,
    pub data: String,
    pub after: String,
}

/// An xlsx written by hand; `date1904` sets the workbook's date system.
pub fn raw_xlsx(sheets: &[RawSheet<'_>], date1904: bool) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let overrides: String = (1..=sheets.len())
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    parts.push(("[Content_Types].xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#).into_bytes()));
    parts.push(("_rels/.rels".into(), br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec()));
    let entries: String = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                r#"<sheet name="{}" sheetId="{}" state="{}" r:id="rId{}"/>"#,
                s.name,
                i + 1,
                s.state,
                i + 1
            )
        })
        .collect();
    let pr = if date1904 {
        r#"<workbookPr date1904="1"/>"#
    } else {
        ""
    };
    parts.push(("xl/workbook.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{pr}<sheets>{entries}</sheets></workbook>"#).into_bytes()));
    let rels: String = (1..=sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    parts.push(("xl/_rels/workbook.xml.rels".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes()));
    for (i, s) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData>{}</worksheet>"#, s.data, s.after).into_bytes()));
    }
    let borrowed: Vec<(&str, Vec<u8>)> =
        parts.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    zip_of(&borrowed)
}

/// A one-sheet xlsx named Projects with `data` as its rows.
pub fn one_sheet(data: String) -> Vec<u8> {
    raw_xlsx(
        &[RawSheet {
            name: "Projects",
            state: "visible",
            data,
            after: String::new(),
        }],
        false,
    )
}

/// An ods whose only table is `rows` (`<table:table-row>` elements).
pub fn raw_ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Projects">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("content.xml", content.into_bytes()),
        (
            "META-INF/manifest.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_vec(),
        ),
    ])
}

/// An OLE compound file holding empty streams of the given names, as Office
/// wraps a password-protected workbook (`EncryptionInfo`,
/// `EncryptedPackage`): a header, one FAT sector, one directory sector.
pub fn ole_with_streams(names: &[&str]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[24..26].copy_from_slice(&0x003E_u16.to_le_bytes()); // minor version
    header[26..28].copy_from_slice(&3_u16.to_le_bytes()); // major version 3
    header[28..30].copy_from_slice(&0xFFFE_u16.to_le_bytes()); // little-endian
    header[30..32].copy_from_slice(&9_u16.to_le_bytes()); // 512-byte sectors
    header[32..34].copy_from_slice(&6_u16.to_le_bytes()); // 64-byte mini sectors
    header[44..48].copy_from_slice(&1_u32.to_le_bytes()); // one FAT sector
    header[48..52].copy_from_slice(&1_u32.to_le_bytes()); // directory at sector 1
    header[56..60].copy_from_slice(&4096_u32.to_le_bytes()); // mini stream cutoff
    header[60..64].copy_from_slice(&END.to_le_bytes()); // no mini FAT
    header[68..72].copy_from_slice(&END.to_le_bytes()); // no DIFAT sectors
    for (i, chunk) in header[76..512].chunks_exact_mut(4).enumerate() {
        let id = if i == 0 { 0 } else { FREE };
        chunk.copy_from_slice(&id.to_le_bytes());
    }
    let mut fat = Vec::with_capacity(512);
    for id in [FATSECT, END]
        .into_iter()
        .chain(std::iter::repeat_n(FREE, 126))
    {
        fat.extend_from_slice(&id.to_le_bytes());
    }
    let mut dir = Vec::with_capacity(512);
    let all: Vec<&str> = std::iter::once("Root Entry")
        .chain(names.iter().copied())
        .collect();
    for (i, name) in all.iter().enumerate() {
        let mut entry = [0u8; 128];
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry[..units.len()].copy_from_slice(&units);
        entry[64..66].copy_from_slice(&((units.len() + 2) as u16).to_le_bytes());
        entry[66] = if i == 0 { 5 } else { 2 }; // root storage, then streams
        entry[67] = 1; // black
        let sibling = if i + 1 < all.len() && i > 0 {
            i as u32 + 1
        } else {
            FREE
        };
        entry[68..72].copy_from_slice(&FREE.to_le_bytes());
        entry[72..76].copy_from_slice(&sibling.to_le_bytes());
        let child = if i == 0 && all.len() > 1 { 1 } else { FREE };
        entry[76..80].copy_from_slice(&child.to_le_bytes());
        entry[116..120].copy_from_slice(&END.to_le_bytes());
        dir.extend_from_slice(&entry);
    }
    dir.resize(512, 0);
    [header, fat, dir].concat()
}
