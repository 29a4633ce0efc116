//! Opening a file: its format decided from its first bytes, not its name (a
//! CSV saved as `.xlsx` is still read, and an HTML page named `.xls` is
//! refused clearly), and the one place that names every format and builds
//! its [`Source`].

use std::io::Read;
use std::ops::ControlFlow;

use super::cell::Row;
use super::csv::CsvSource;
use super::error::{NotASpreadsheet, SourceError};
use super::layout::SheetLayout;
use super::limits::Limits;
use super::source::{Format, SheetInfo, Source};
use super::workbook::WorkbookSource;

/// A file opened for reading, whatever its format.
pub enum AnySource {
    /// CSV or TSV text.
    Csv(CsvSource),
    /// xlsx, xlsb, xls and ods, through calamine.
    Workbook(Box<WorkbookSource>),
}

impl AnySource {
    /// What the input's notes say about how the file was read.
    #[must_use]
    pub fn notes(&self) -> Vec<String> {
        match self {
            AnySource::Csv(s) => s.notes(),
            AnySource::Workbook(_) => Vec::new(),
        }
    }
}

impl Source for AnySource {
    fn sheets(&self) -> &[SheetInfo] {
        match self {
            AnySource::Csv(s) => s.sheets(),
            AnySource::Workbook(s) => s.sheets(),
        }
    }

    fn is_1904(&self) -> bool {
        match self {
            AnySource::Csv(s) => s.is_1904(),
            AnySource::Workbook(s) => s.is_1904(),
        }
    }

    fn visit<B>(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<B>,
    ) -> Result<ControlFlow<B>, SourceError> {
        match self {
            AnySource::Csv(s) => s.visit(index, f),
            AnySource::Workbook(s) => s.visit(index, f),
        }
    }

    fn visit_head<B>(
        &mut self,
        index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<B>,
    ) -> Result<ControlFlow<B>, SourceError> {
        match self {
            AnySource::Csv(s) => s.visit_head(index, f),
            AnySource::Workbook(s) => s.visit_head(index, f),
        }
    }

    fn may_show_a_decimal_mark(&mut self, index: usize) -> bool {
        match self {
            AnySource::Csv(s) => s.may_show_a_decimal_mark(index),
            AnySource::Workbook(s) => s.may_show_a_decimal_mark(index),
        }
    }

    fn layout(&mut self, index: usize) -> SheetLayout {
        match self {
            AnySource::Csv(s) => s.layout(index),
            AnySource::Workbook(s) => s.layout(index),
        }
    }
}

/// Opens bytes as a source of the format their content shows. Returns the
/// source, its format and, for text, the encoding it was decoded from.
///
/// # Errors
///
/// A file over the size cap, content that is not a spreadsheet, or a
/// workbook that cannot be opened.
pub fn open(
    bytes: Vec<u8>,
    stem: &str,
    limits: Limits,
) -> Result<(AnySource, Format, &'static str), SourceError> {
    limits.check_file_size(bytes.len() as u64)?;
    let format = detect(&bytes)?;
    Ok(match format {
        Format::Csv => {
            let csv = CsvSource::from_vec(bytes, stem);
            let encoding = csv.encoding;
            (AnySource::Csv(csv), format, encoding)
        }
        Format::Xlsx | Format::Xlsb | Format::Xls | Format::Ods => (
            AnySource::Workbook(Box::new(WorkbookSource::open(bytes, format, limits)?)),
            format,
            "",
        ),
    })
}

/// Detects the format of `bytes` (the whole file, or at least its start and,
/// for zip and OLE files, the whole archive).
pub fn detect(bytes: &[u8]) -> Result<Format, NotASpreadsheet> {
    if bytes.is_empty() {
        return Err(NotASpreadsheet::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_format(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return if contains(bytes, &utf16("EncryptedPackage")) {
            Err(NotASpreadsheet::Encrypted)
        } else {
            Ok(Format::Xls)
        };
    }
    if bytes.starts_with(b"%PDF") {
        return Err(NotASpreadsheet::Other("PDF document"));
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "PNG image"),
        (&b"\xFF\xD8\xFF"[..], "JPEG image"),
        (&b"GIF8"[..], "GIF image"),
        (&b"\x1F\x8B"[..], "gzip archive"),
    ] {
        if bytes.starts_with(magic) {
            return Err(NotASpreadsheet::Other(what));
        }
    }
    let head = &bytes[..bytes.len().min(2048)];
    let lower = String::from_utf8_lossy(head)
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<table") && lower.starts_with('<')
    {
        return Err(NotASpreadsheet::Html);
    }
    if lower.starts_with("<?xml") && lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
    {
        return Err(NotASpreadsheet::Other(
            "Excel 2003 XML spreadsheet; save it as .xlsx",
        ));
    }
    if looks_like_text(head) {
        Ok(Format::Csv)
    } else {
        Err(NotASpreadsheet::Binary)
    }
}

fn zip_format(bytes: &[u8]) -> Result<Format, NotASpreadsheet> {
    let cursor = std::io::Cursor::new(bytes);
    let Ok(mut archive) = zip::ZipArchive::new(cursor) else {
        // A damaged archive: let the workbook reader say what is wrong.
        return Ok(Format::Xlsx);
    };
    if archive.index_for_name("xl/workbook.bin").is_some() {
        return Ok(Format::Xlsb);
    }
    if archive.index_for_name("xl/workbook.xml").is_some()
        || archive.index_for_name("[Content_Types].xml").is_some()
    {
        return Ok(Format::Xlsx);
    }
    if archive.index_for_name("content.xml").is_some() {
        if let Ok(mut mimetype) = archive.by_name("mimetype") {
            let mut text = String::new();
            let _ = mimetype.by_ref().take(200).read_to_string(&mut text);
            if text.contains("spreadsheet") || text.is_empty() {
                return Ok(Format::Ods);
            }
            return Err(NotASpreadsheet::Other(
                "OpenDocument file that is not a spreadsheet",
            ));
        }
        return Ok(Format::Ods);
    }
    Err(NotASpreadsheet::OtherZip)
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Text in UTF-8, UTF-16 (with a byte-order mark or without) or a
/// single-byte code page: no NUL bytes and few control characters, or the
/// NUL bytes of UTF-16.
fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || super::csv::utf16_without_bom(head).is_some()
    {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    !head.contains(&0) && controls * 50 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content() {
        assert_eq!(detect(b"a,b\n1,2\n"), Ok(Format::Csv));
        assert_eq!(detect(b""), Err(NotASpreadsheet::Empty));
        assert_eq!(
            detect(b"<!DOCTYPE html><html><table>"),
            Err(NotASpreadsheet::Html)
        );
        assert_eq!(
            detect(b"\x00\x01\x02\x03\x04garbage"),
            Err(NotASpreadsheet::Binary)
        );
        let utf16: Vec<u8> = "a;b\r\n1;2\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(detect(&utf16), Ok(Format::Csv));
        assert_eq!(
            detect(b"%PDF-1.7"),
            Err(NotASpreadsheet::Other("PDF document"))
        );
    }
}
