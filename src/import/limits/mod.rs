//! The caps that keep a hostile or simply enormous file from taking the
//! machine down: a file's size, what a zip-based workbook declares it unpacks
//! to, and the memory of the dense grids calamine builds for xls and ods.
//! Every cap is checked from cheap metadata *before* the expensive step, and
//! a refusal is one sentence naming the cap and how to raise it.

pub(crate) mod ods;
mod ole;
pub(crate) mod xls;

use std::io::Cursor;

use crate::import::error::{Over, SourceError};
use crate::import::source::Format;
use crate::import::xlsx::scan::attr;
use crate::import::xlsx::texts::tags;

/// The default of `--max-input-mb`.
pub(crate) const DEFAULT_MAX_INPUT_MB: u64 = 1024;

/// Bytes of memory a cell of a dense calamine grid costs: the value
/// (`calamine::Data`, 32 bytes) and its formula text (`String`, 24 bytes);
/// xls and ods keep both for every cell between the first and the last.
pub(crate) const DENSE_CELL_BYTES: u64 = 56;

const MB: u64 = 1024 * 1024;

/// How much one input may make airoi read into memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes of file, of unpacked workbook parts, or of dense cell
    /// grid that one input may cost.
    pub max_input_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::from_mb(DEFAULT_MAX_INPUT_MB)
    }
}

impl Limits {
    /// Limits of `mb` mebibytes.
    #[must_use]
    pub fn from_mb(mb: u64) -> Self {
        Limits {
            max_input_bytes: mb.saturating_mul(MB),
        }
    }

    fn mb(self) -> u64 {
        self.max_input_bytes / MB
    }

    fn refuse(self, over: Over) -> SourceError {
        SourceError::OverCap {
            over,
            cap_mb: self.mb(),
        }
    }

    /// Refuses a file larger than the cap before it is read.
    pub(crate) fn check_file_size(self, len: u64) -> Result<(), SourceError> {
        if len > self.max_input_bytes {
            return Err(self.refuse(Over::File(len)));
        }
        Ok(())
    }

    /// Reads a file after checking its size, so a huge file is refused
    /// before it is loaded.
    pub(crate) fn read_file(self, path: &std::path::Path) -> Result<Vec<u8>, SourceError> {
        let opened = |e: std::io::Error| SourceError::CannotOpen(e.to_string());
        self.check_file_size(std::fs::metadata(path).map_err(opened)?.len())?;
        std::fs::read(path).map_err(opened)
    }

    /// Refuses a dense grid of `cells` cells whose memory would pass the
    /// cap; `sheet` says whose cells they are (`None`: all the sheets').
    pub(crate) fn check_dense_cells(
        self,
        cells: u64,
        sheet: Option<&str>,
    ) -> Result<(), SourceError> {
        let bytes = cells.saturating_mul(DENSE_CELL_BYTES);
        if bytes > self.max_input_bytes {
            return Err(self.refuse(Over::Grid {
                sheet: sheet.map(str::to_string),
                cells,
                bytes,
            }));
        }
        Ok(())
    }

    /// Checks what a zip-based workbook declares its parts unpack to, from
    /// the zip's central directory, before anything is inflated. The zip
    /// reader never inflates an entry past its declared size, so the
    /// declaration is a real bound.
    ///
    /// An xlsx or xlsb sheet is read as a stream and never held, so its
    /// unpacked size costs time, not memory: a sheet part is exempt from
    /// the cap while it unpacks to at most [`STREAMED_PACKING`] times its
    /// packed size, which bounds the work by the file's own size (real
    /// sheets pack 5 to 15 times; a zip bomb, hundreds to a thousand).
    pub(crate) fn check_zip(self, bytes: &[u8], format: Format) -> Result<(), SourceError> {
        if !matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
            return Ok(());
        }
        // A damaged archive is left to the workbook reader to describe.
        let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return Ok(());
        };
        let streams = matches!(format, Format::Xlsx | Format::Xlsb);
        let main = if streams {
            main_part(&mut archive)
        } else {
            None
        };
        let mut total: u64 = 0;
        for index in 0..archive.len() {
            let Ok(entry) = archive.by_index_raw(index) else {
                continue;
            };
            let (size, packed) = (entry.size(), entry.compressed_size());
            let name = entry.name().unwrap_or_default();
            let name = name.as_ref();
            // The workbook's main part is held, whatever it is called.
            let streamed = streams
                && is_sheet_part(name)
                && main
                    .as_deref()
                    .is_some_and(|m| !m.eq_ignore_ascii_case(name));
            if streamed {
                if size > self.max_input_bytes && size > packed.saturating_mul(STREAMED_PACKING) {
                    return Err(self.refuse(Over::PackedSheet {
                        part: name.to_string(),
                        size,
                        packed,
                        factor: STREAMED_PACKING,
                    }));
                }
                continue;
            }
            // Every other part counts, not only the expected names: a
            // workbook's relationships may point at any part of the archive.
            if size > self.max_input_bytes {
                return Err(self.refuse(Over::Part {
                    part: name.to_string(),
                    size,
                    packed,
                }));
            }
            total = total.saturating_add(size);
        }
        if total > self.max_input_bytes {
            return Err(self.refuse(Over::Unpacked(total)));
        }
        Ok(())
    }
}

/// How many times its packed size a streamed sheet part may unpack to
/// beyond the cap.
pub(crate) const STREAMED_PACKING: u64 = 100;

/// Whether a part is named as a worksheet (`.../worksheets/sheetN.xml`,
/// or `.bin` in xlsb).
fn is_sheet_part(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let Some((dir, file)) = name.rsplit_once('/') else {
        return false;
    };
    let Some(stem) = file
        .strip_prefix("sheet")
        .and_then(|f| f.strip_suffix(".xml").or_else(|| f.strip_suffix(".bin")))
    else {
        return false;
    };
    (dir == "worksheets" || dir.ends_with("/worksheets"))
        && !stem.is_empty()
        && stem.bytes().all(|b| b.is_ascii_digit())
}

/// The workbook's main part, as the package's relationships name it
/// (`xl/workbook.xml` in files from Excel); `None` when that cannot be told
/// cheaply, and then no part is taken for a streamed sheet.
fn main_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    use std::io::Read;

    const RELS_MAX: u64 = 1 << 20;
    let rels = archive.by_name("_rels/.rels").ok()?;
    if rels.size() > RELS_MAX {
        return None;
    }
    let mut text = Vec::new();
    rels.take(RELS_MAX).read_to_end(&mut text).ok()?;
    let tag = tags(&text, b"<Relationship ")
        .find(|tag| attr(tag, b"Type").is_some_and(|t| t.ends_with(b"/officeDocument")))?;
    let target = String::from_utf8_lossy(attr(tag, b"Target")?);
    Some(target.trim_start_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::import::error::size_text;

    fn zip_with(name: &str, len: usize) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, opts).unwrap();
        out.write_all(&vec![b' '; len]).unwrap();
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn declared_sizes_are_checked_before_inflating() {
        let bytes = zip_with("xl/worksheets/sheet1.xml", 3 * 1024 * 1024);
        assert!(bytes.len() < 100_000, "it compresses well");
        let err = Limits::from_mb(2)
            .check_zip(&bytes, Format::Xlsx)
            .unwrap_err();
        let expected = format!(
            "the part xl/worksheets/sheet1.xml unpacks to 3 MB (from {} in the file), more than the 2 MB airoi reads from one file; raise --max-input-mb to read it anyway",
            size_text(compressed(&bytes))
        );
        assert_eq!(err.to_string(), expected);
        assert!(Limits::from_mb(4).check_zip(&bytes, Format::Xlsx).is_ok());
    }

    /// An xlsx-shaped zip: its package relationships naming `main`, and
    /// `part` of `len` bytes of `fill` repeated.
    fn package(main: &str, part: &str, len: usize, fill: &[u8]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file("_rels/.rels", opts).unwrap();
        write!(
            out,
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{main}"/></Relationships>"#
        )
        .unwrap();
        out.start_file(part, opts).unwrap();
        let bytes: Vec<u8> = fill.iter().copied().cycle().take(len).collect();
        out.write_all(&bytes).unwrap();
        out.finish().unwrap().into_inner()
    }

    /// Cells as a sheet holds them, packing about as well as real ones.
    fn sheet_like(len: usize) -> Vec<u8> {
        let mut xml = Vec::with_capacity(len);
        let mut i = 0u64;
        while xml.len() < len {
            // A small generator for text that packs like a real sheet.
            i = i.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            write!(
                xml,
                r#"<c r="A{}" s="3"><v>{}</v></c>"#,
                i % 99_991,
                i >> 40
            )
            .unwrap();
        }
        xml
    }

    #[test]
    fn a_streamed_sheet_is_bounded_by_its_packing_not_the_cap() {
        let limits = Limits::from_mb(1);
        // 1.5 MB of real-looking cells: read, though past the cap.
        let real = package(
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            3 << 19,
            &sheet_like(3 << 19),
        );
        assert!(limits.check_zip(&real, Format::Xlsx).is_ok());
        // The same size of one repeated byte packs a thousand times: refused.
        let bomb = package("xl/workbook.xml", "xl/worksheets/sheet1.xml", 3 << 19, b" ");
        let err = limits
            .check_zip(&bomb, Format::Xlsx)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the sheet xl/worksheets/sheet1.xml unpacks to 1 MB (from "),
            "{err}"
        );
        assert!(err.ends_with(" in the file, over 100 times, which no real sheet packs to), more than the 1 MB airoi reads from one file; raise --max-input-mb to read it anyway"), "{err}");
        assert!(Limits::from_mb(2).check_zip(&bomb, Format::Xlsx).is_ok());
        // A sheet-named part that is the workbook's main part is held: capped.
        let main = package(
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet1.xml",
            3 << 19,
            &sheet_like(3 << 19),
        );
        let err = limits
            .check_zip(&main, Format::Xlsx)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the part xl/worksheets/sheet1.xml unpacks to 1 MB"),
            "{err}"
        );
        // Other parts, and every part of an ods, count against the cap.
        for (format, part) in [
            (Format::Xlsx, "xl/sharedStrings.xml"),
            (Format::Xlsx, "xl/worksheets/sheet1.xml.rels"),
            (Format::Ods, "xl/worksheets/sheet1.xml"),
        ] {
            let bytes = package("xl/workbook.xml", part, 3 << 19, &sheet_like(3 << 19));
            assert!(limits.check_zip(&bytes, format).is_err(), "{part}");
        }
    }

    #[test]
    fn sheet_parts() {
        assert!(is_sheet_part("xl/worksheets/sheet1.xml"));
        assert!(is_sheet_part("XL/Worksheets/Sheet12.BIN"));
        assert!(is_sheet_part("other/worksheets/sheet3.xml"));
        for name in [
            "xl/worksheets/sheet.xml",
            "xl/worksheets/sheet1.xml.rels",
            "xl/worksheets/_rels/sheet1.xml.rels",
            "xl/sharedStrings.xml",
            "sheet1.xml",
            "xl/myworksheets/sheet1.xml",
            "xl/worksheets/sheet1a.xml",
        ] {
            assert!(!is_sheet_part(name), "{name}");
        }
    }

    fn compressed(bytes: &[u8]) -> u64 {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        archive.by_index_raw(0).unwrap().compressed_size()
    }

    #[test]
    fn dense_grids_are_priced() {
        let limits = Limits::from_mb(1);
        assert!(limits.check_dense_cells(1000, Some("S")).is_ok());
        assert_eq!(
            limits
                .check_dense_cells(1 << 20, Some("S"))
                .unwrap_err()
                .to_string(),
            "sheet S spans 1048576 cells from first to last, which this format reads into memory as a grid of about 56 MB, more than the 1 MB airoi reads from one file; raise --max-input-mb to read it anyway"
        );
    }
}
