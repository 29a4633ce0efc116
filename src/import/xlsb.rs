//! xlsb sheets: which cells show a percentage, which rows and columns are
//! hidden and which cells are merged, none of which calamine's xlsb cell
//! reader says. The number formats and the cell formats naming
//! them come from `xl/styles.bin`; each number cell of a sheet names its
//! cell format. The parts are read a record at a time (MS-XLSB), the sheet
//! as it is unzipped, with calamine's reading of rows and columns, so the
//! positions are calamine's.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use super::layout::{Merge, SheetLayout};
use super::percent::PercentCells;
use super::xlsx::is_percent_format;
use super::xlsx::scan::attr;
use super::xlsx::texts::tags;

/// The most of a record's bytes kept: a format code or a sheet's name is
/// far shorter; the rest of a longer record is skipped unread.
const MAX_KEPT: usize = 64 << 10;

/// calamine's last row: a row header past it ends the sheet.
const MAX_ROW: u32 = 0x0010_0000;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// An `XLWideString` at the start of `data`: a count and UTF-16 units.
/// `None` for the null string (count `0xFFFFFFFF`) or a cut one.
fn wide_str(data: &[u8]) -> Option<String> {
    let len = u32_at(data, 0)?;
    let bytes = data.get(4..4 + (len as usize).checked_mul(2)?)?;
    let units: Vec<u16> = bytes.chunks_exact(2).filter_map(|w| u16_at(w, 0)).collect();
    Some(String::from_utf16_lossy(&units))
}

/// The records of a part, read as it is unzipped.
struct Records<R> {
    part: R,
    kept: Vec<u8>,
}

impl<R: Read> Records<R> {
    fn new(part: R) -> Self {
        Records {
            part,
            kept: Vec::new(),
        }
    }

    /// A 7-bit varint of at most `bytes` bytes.
    fn varint(&mut self, bytes: usize) -> Option<usize> {
        let mut value = 0usize;
        for i in 0..bytes {
            let mut b = [0u8];
            self.part.read_exact(&mut b).ok()?;
            value |= usize::from(b[0] & 0x7F) << (7 * i);
            if b[0] & 0x80 == 0 {
                break;
            }
        }
        Some(value)
    }

    /// The next record's type and its first `keep` bytes; `None` at the
    /// end of the part or where it is cut.
    fn next(&mut self, keep: usize) -> Option<(u16, &[u8])> {
        let typ = u16::try_from(self.varint(2)?).ok()?;
        let len = self.varint(4)?;
        let kept = len.min(keep);
        self.kept.resize(kept, 0);
        self.part.read_exact(&mut self.kept).ok()?;
        let rest = (len - kept) as u64;
        if rest > 0 {
            let skipped = std::io::copy(&mut (&mut self.part).take(rest), &mut std::io::sink());
            if skipped.ok()? < rest {
                return None;
            }
        }
        Some((typ, &self.kept))
    }
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// By cell format index, whether it shows a percentage: its number format
/// is a built-in percent (9, 10) or a code with a `%` outside quotes.
fn percent_formats(archive: &mut Archive<'_>) -> Vec<bool> {
    let Ok(part) = archive.by_name("xl/styles.bin") else {
        return Vec::new();
    };
    let mut records = Records::new(BufReader::new(part));
    let mut codes: HashMap<u16, bool> = HashMap::from([(9, true), (10, true)]);
    let mut formats = Vec::new();
    let mut cell_formats = false;
    while let Some((typ, data)) = records.next(MAX_KEPT) {
        match typ {
            // BrtFmt: an id and its code.
            0x002C => {
                if let (Some(id), Some(code)) = (u16_at(data, 0), data.get(2..).and_then(wide_str))
                {
                    codes.insert(id, is_percent_format(&code));
                }
            }
            // BrtBeginCellXFs … BrtEndCellXFs: the cell formats, in order.
            0x0269 => cell_formats = true,
            0x026A => break,
            // BrtXF: a parent, then the number format.
            0x002F if cell_formats => formats.push(u16_at(data, 2).unwrap_or(0)),
            _ => {}
        }
    }
    formats
        .iter()
        .map(|id| codes.get(id).copied().unwrap_or(false))
        .collect()
}

/// The part of the sheet `name`, from `xl/workbook.bin` and its
/// relationships, found as calamine finds it.
fn sheet_part(archive: &mut Archive<'_>, name: &str) -> Option<String> {
    let mut rels = Vec::new();
    archive
        .by_name("xl/_rels/workbook.bin.rels")
        .ok()?
        .read_to_end(&mut rels)
        .ok()?;
    let book = archive.by_name("xl/workbook.bin").ok()?;
    let mut records = Records::new(BufReader::new(book));
    while let Some((typ, data)) = records.next(MAX_KEPT) {
        match typ {
            // BrtBundleSh: state, tab id, relationship id, name.
            0x009C => {
                let Some(id) = data.get(8..).and_then(wide_str) else {
                    continue;
                };
                let name_at = 12 + id.encode_utf16().count() * 2;
                if data.get(name_at..).and_then(wide_str).as_deref() != Some(name) {
                    continue;
                }
                return tags(&rels, b"<Relationship ").find_map(|tag| {
                    let target = attr(tag, b"Target")?;
                    (attr(tag, b"Id")? == id.as_bytes())
                        .then(|| format!("xl/{}", String::from_utf8_lossy(target)))
                });
            }
            // BrtEndBundleShs: no more sheets.
            0x0090 => break,
            _ => {}
        }
    }
    None
}

/// The cells of the xlsb sheet `name` that show a percentage, and its
/// layout (hidden columns and rows, merged ranges); none where the file
/// cannot be followed (calamine then says what is wrong).
pub(crate) fn sheet_facts(bytes: &[u8], name: &str) -> (PercentCells, SheetLayout) {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Default::default();
    };
    let formats = percent_formats(&mut archive);
    let Some(path) = sheet_part(&mut archive, name) else {
        return Default::default();
    };
    let Ok(part) = archive.by_name(&path) else {
        return Default::default();
    };
    walk_sheet(BufReader::new(part), &formats)
}

/// Walks a sheet part's records, `formats` saying by cell format index
/// which show a percentage.
fn walk_sheet(part: impl Read, formats: &[bool]) -> (PercentCells, SheetLayout) {
    let mut cells = PercentCells::default();
    let mut layout = SheetLayout::default();
    let any_percent = formats.contains(&true);
    let mut records = Records::new(part);
    let (mut in_data, mut row) = (false, 0u32);
    // The records looked into are short: a cell's column and format, a
    // row header, a column range, a merged range.
    while let Some((typ, data)) = records.next(18) {
        match typ {
            0x0091 => in_data = true,
            0x0092 => in_data = false,
            // BrtRowHdr: the row, its format, its height, then flags with
            // fDyZero (a hidden row) in bit 4 of the twelfth byte.
            0x0000 if in_data => {
                row = u32_at(data, 0).unwrap_or(0);
                if row > MAX_ROW {
                    in_data = false;
                } else if data.get(11).is_some_and(|f| f & 0x10 != 0) {
                    layout.hidden_rows.push(row + 1);
                }
            }
            // BrtCellRk, BrtCellReal, BrtFmlaNum: the numbers.
            0x0002 | 0x0005 | 0x0009 if in_data && any_percent => {
                let (Some(col), Some(style)) = (u32_at(data, 0), u32_at(data, 4)) else {
                    continue;
                };
                let style = (style & 0x00FF_FFFF) as usize;
                if formats.get(style) == Some(&true) {
                    cells.add(row..row.saturating_add(1), col..col.saturating_add(1));
                }
            }
            // BrtColInfo: first and last column, width, format, then flags
            // with fHidden in bit 0.
            0x003C => {
                if let (Some(first), Some(last), Some(flags)) =
                    (u32_at(data, 0), u32_at(data, 4), data.get(16))
                {
                    if flags & 1 == 1 && last >= first {
                        layout.hidden_cols.push((first, last));
                    }
                }
            }
            // BrtMergeCell: first and last row, first and last column.
            0x00B0 => {
                if let (Some(r0), Some(r1), Some(c0), Some(c1)) = (
                    u32_at(data, 0),
                    u32_at(data, 4),
                    u32_at(data, 8),
                    u32_at(data, 12),
                ) {
                    layout.merged.push(Merge::new((r0, c0), (r1, c1)));
                }
            }
            _ => {}
        }
    }
    cells.finish();
    layout.finish();
    (cells, layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_their_start_and_skip_the_rest() {
        // BrtRowHdr (type 0, 3 bytes), a two-byte type 0x0269 of 200 bytes
        // (a two-byte length), then a record cut short.
        let mut part = vec![0x00, 0x03, 7, 0, 0];
        part.extend_from_slice(&[0xE9, 0x04, 0xC8, 0x01]);
        part.extend_from_slice(&[0xAB; 200]);
        part.extend_from_slice(&[0x05, 0x10, 1, 2]);
        let mut records = Records::new(&part[..]);
        assert_eq!(records.next(8), Some((0x0000, &[7u8, 0, 0][..])));
        assert_eq!(records.next(2), Some((0x0269, &[0xABu8, 0xAB][..])));
        assert_eq!(records.next(8), None);
    }

    #[test]
    fn wide_strings_and_the_null_string() {
        let mut data = 2u32.to_le_bytes().to_vec();
        data.extend_from_slice(&[b'%', 0, b'0', 0]);
        assert_eq!(wide_str(&data).as_deref(), Some("%0"));
        assert_eq!(wide_str(&u32::MAX.to_le_bytes()), None);
    }

    #[test]
    fn a_file_it_cannot_follow_has_no_percent_cells() {
        let (percent, layout) = sheet_facts(b"not a zip", "Projects");
        assert!(percent.is_empty() && layout.is_empty());
    }

    /// A record as a sheet part holds it: the type as a 7-bit varint (one
    /// or two bytes), a length under 128, the data.
    fn record(typ: u8, data: &[u8]) -> Vec<u8> {
        let mut out = if typ < 0x80 {
            vec![typ]
        } else {
            vec![typ, 0x01]
        };
        out.push(u8::try_from(data.len()).unwrap());
        out.extend_from_slice(data);
        out
    }

    fn words(values: &[u32]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    #[test]
    fn hidden_columns_hidden_rows_and_merged_ranges() {
        let mut part = Vec::new();
        // BrtColInfo: columns C:D hidden, E shown.
        let mut hidden = words(&[2, 3, 2560, 0]);
        hidden.extend_from_slice(&[0x01, 0x00]);
        part.extend(record(0x3C, &hidden));
        let mut shown = words(&[4, 4, 2560, 0]);
        shown.extend_from_slice(&[0x02, 0x00]);
        part.extend(record(0x3C, &shown));
        part.extend(record(0x91, &[]));
        // BrtRowHdr: row 4 (index 3) shown, row 6 (index 5) hidden.
        let mut row = words(&[3, 0]);
        row.extend_from_slice(&[0x2C, 0x01, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0]);
        part.extend(record(0x00, &row));
        // BrtCellReal at column C in format 1 (a percent).
        let mut real = words(&[2, 1]);
        real.extend_from_slice(&0.02f64.to_le_bytes());
        part.extend(record(0x05, &real));
        let mut row = words(&[5, 0]);
        row.extend_from_slice(&[0x2C, 0x01, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0]);
        part.extend(record(0x00, &row));
        part.extend(record(0x92, &[]));
        // BrtMergeCell C4:C6.
        part.extend(record(0xB0, &words(&[3, 5, 2, 2])));
        let (percent, layout) = walk_sheet(&part[..], &[false, true]);
        assert!(percent.contains(3, 2));
        assert!(!percent.contains(5, 2));
        assert_eq!(layout.hidden_cols, [(2, 3)]);
        assert_eq!(layout.hidden_rows, [6]);
        assert_eq!(layout.merged, [Merge::parse("C4:C6").unwrap()]);
    }
}
