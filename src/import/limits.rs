//! The caps that keep a hostile or simply enormous file from taking the
//! machine down: a file's size, what a zip-based workbook declares it unpacks
//! to, and the memory of the dense grids calamine builds for xls and ods.
//! Every cap is checked from cheap metadata *before* the expensive step, and
//! a refusal is one sentence naming the cap and how to raise it.

use std::io::Cursor;

use super::detect::Format;
use super::source::SourceError;

/// The default of `--max-input-mb`.
pub const DEFAULT_MAX_INPUT_MB: u64 = 1024;

/// Bytes of memory a cell of a dense calamine grid costs: the value
/// (`calamine::Data`, 32 bytes) and its formula text (`String`, 24 bytes);
/// xls and ods keep both for every cell between the first and the last.
pub const DENSE_CELL_BYTES: u64 = 56;

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

    fn refuse(self, what: &str) -> SourceError {
        SourceError(format!(
            "{what}, more than the {} MB airoi reads from one file; raise --max-input-mb to read it anyway",
            self.mb()
        ))
    }

    /// Refuses a file larger than the cap before it is read.
    pub fn check_file_size(self, len: u64) -> Result<(), SourceError> {
        if len > self.max_input_bytes {
            return Err(self.refuse(&format!("the file is {}", size_text(len))));
        }
        Ok(())
    }

    /// Reads a file after checking its size, so a huge file is refused
    /// before it is loaded.
    pub fn read_file(self, path: &std::path::Path) -> Result<Vec<u8>, SourceError> {
        let opened = |e: std::io::Error| SourceError(format!("cannot be opened: {e}"));
        self.check_file_size(std::fs::metadata(path).map_err(opened)?.len())?;
        std::fs::read(path).map_err(opened)
    }

    /// Refuses a dense grid of `cells` cells whose memory would pass the
    /// cap; `subject` says whose cells they are ("sheet Data spans").
    pub fn check_dense_cells(self, cells: u64, subject: &str) -> Result<(), SourceError> {
        let bytes = cells.saturating_mul(DENSE_CELL_BYTES);
        if bytes > self.max_input_bytes {
            return Err(self.refuse(&format!(
                "{subject} {cells} cells from first to last, which this format reads into memory as a grid of about {}",
                size_text(bytes)
            )));
        }
        Ok(())
    }

    /// Checks what a zip-based workbook declares its parts unpack to, from
    /// the zip's central directory, before anything is inflated. The zip
    /// reader never inflates an entry past its declared size, so the
    /// declaration is a real bound.
    pub fn check_zip(self, bytes: &[u8], format: Format) -> Result<(), SourceError> {
        if !matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
            return Ok(());
        }
        // A damaged archive is left to the workbook reader to describe.
        let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return Ok(());
        };
        let mut total: u64 = 0;
        for index in 0..archive.len() {
            let Ok(entry) = archive.by_index_raw(index) else {
                continue;
            };
            let size = entry.size();
            // Every part counts, not only the expected names: a workbook's
            // relationships may point a sheet at any part of the archive.
            if size > self.max_input_bytes {
                return Err(self.refuse(&format!(
                    "the part {} unpacks to {} (from {} in the file)",
                    entry.name().unwrap_or_default(),
                    size_text(size),
                    size_text(entry.compressed_size())
                )));
            }
            total = total.saturating_add(size);
        }
        if total > self.max_input_bytes {
            return Err(self.refuse(&format!("the workbook unpacks to {}", size_text(total))));
        }
        Ok(())
    }
}

/// A byte count as people read it.
#[must_use]
pub fn size_text(bytes: u64) -> String {
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

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
        assert_eq!(err.0, expected);
        assert!(Limits::from_mb(4).check_zip(&bytes, Format::Xlsx).is_ok());
    }

    fn compressed(bytes: &[u8]) -> u64 {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        archive.by_index_raw(0).unwrap().compressed_size()
    }

    #[test]
    fn dense_grids_are_priced() {
        let limits = Limits::from_mb(1);
        assert!(limits.check_dense_cells(1000, "sheet S spans").is_ok());
        assert_eq!(
            limits
                .check_dense_cells(1 << 20, "sheet S spans")
                .unwrap_err()
                .0,
            "sheet S spans 1048576 cells from first to last, which this format reads into memory as a grid of about 56 MB, more than the 1 MB airoi reads from one file; raise --max-input-mb to read it anyway"
        );
    }
}
