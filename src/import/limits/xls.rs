//! Prices an xls file before calamine opens it. calamine reads every sheet
//! of an xls into a dense grid from its first cell to its last, and reserves
//! room for what a sheet's DIMENSIONS record claims, all inside `Xls::new`:
//! two cells at A1 and IV65536 cost 16 million grid cells, and a crafted
//! DIMENSIONS record asks for terabytes. So this module walks the BIFF
//! records of the workbook stream ([`super::ole`] takes it out of its
//! container) the way calamine will, sums what each sheet will cost, and
//! refuses before any of it is allocated.
//!
//! The same walk notes the cells whose format (XF) shows a percentage —
//! built-in formats 9 and 10, or a FORMAT record with a `%` outside quotes
//! — which calamine's grid does not say, and the hidden columns (COLINFO)
//! and rows (ROW) of each sheet; calamine reads its merged cells itself.

use std::collections::HashMap;

use super::Limits;
use super::ole::{u16_at, u32_at, workbook_stream};
use crate::import::error::SourceError;
use crate::import::layout::SheetLayout;
use crate::import::percent::{PercentCells, PercentSheets};
use crate::import::xlsx::is_percent_format;

/// BIFF records of a stream: (type, data), stopping where calamine's
/// reader would fail.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, 0)?;
        let len = u16_at(stream, 2)? as usize;
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

/// What the workbook globals say: the sheets (stream offset and name) and,
/// by XF index, whether a cell of that format shows a percentage.
#[derive(Default)]
struct Globals {
    sheets: Vec<(usize, String)>,
    percent_xfs: Vec<bool>,
}

/// A BIFF string of `cch` characters at the start of `data`, as BIFF8 (a
/// flags byte, then one or two bytes a character) or BIFF5 (one byte each)
/// writes it.
fn biff_string(data: &[u8], cch: usize, biff8: bool) -> String {
    if biff8 && data.first().is_some_and(|f| f & 1 == 1) {
        let units: Vec<u16> = data
            .get(1..)
            .unwrap_or(&[])
            .chunks_exact(2)
            .take(cch)
            .filter_map(|w| u16_at(w, 0))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        let skip = usize::from(biff8);
        data.get(skip..)
            .unwrap_or(&[])
            .iter()
            .take(cch)
            .map(|&b| char::from(b))
            .collect()
    }
}

/// The sheets and the percent formats the workbook globals list.
fn globals(stream: &[u8]) -> Globals {
    let mut biff8 = true;
    let mut out = Globals::default();
    // Number format id → shows a percentage; the built-in `0%` and `0.00%`
    // unless the file says otherwise.
    let mut percent_formats: HashMap<u16, bool> = HashMap::from([(9, true), (10, true)]);
    let mut xf_formats: Vec<u16> = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            0x0809 => biff8 = matches!(u16_at(data, 0), Some(0x0600 | 0) | None),
            0x0085 if data.len() >= 7 => {
                let pos = u32_at(data, 0).unwrap_or(0) as usize;
                let cch = data[6] as usize;
                out.sheets.push((pos, biff_string(&data[7..], cch, biff8)));
            }
            0x041E if data.len() >= 3 => {
                let id = u16_at(data, 0).unwrap_or(0);
                let code = if biff8 {
                    let cch = u16_at(data, 2).unwrap_or(0) as usize;
                    biff_string(data.get(4..).unwrap_or(&[]), cch, true)
                } else {
                    biff_string(&data[3..], data[2] as usize, false)
                };
                percent_formats.insert(id, is_percent_format(&code));
            }
            0x00E0 => xf_formats.push(u16_at(data, 2).unwrap_or(0)),
            0x000A => break,
            _ => {}
        }
    }
    out.percent_xfs = xf_formats
        .iter()
        .map(|id| percent_formats.get(id).copied().unwrap_or(false))
        .collect();
    out
}

/// Smallest box around some cells, as calamine's dense range spans them.
#[derive(Default)]
struct Extent(Option<(u32, u32, u32, u32)>);

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, col, col));
        self.0 = Some((r0.min(row), r1.max(row), c0.min(col), c1.max(col)));
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

/// Grid cells calamine will hold for the sheet starting at `stream` (the
/// larger of its value and formula ranges, plus what DIMENSIONS reserves),
/// its cells whose XF is one of `percent_xfs`, and its hidden columns and
/// rows.
fn sheet_cells(stream: &[u8], percent_xfs: &[bool]) -> (u64, PercentCells, SheetLayout) {
    let mut percent = PercentCells::default();
    let mut layout = SheetLayout::default();
    let mut note = |(r, c): (u32, u32), xf: Option<u16>| {
        if xf.is_some_and(|xf| percent_xfs.get(usize::from(xf)) == Some(&true)) {
            percent.add(r..r + 1, c..c + 1);
        }
    };
    let (mut values, mut formulas) = (Extent::default(), Extent::default());
    let mut reserved: u64 = 0;
    let (mut seen_bof, mut depth) = (false, 0usize);
    let mut formula_at = (0u32, 0u32);
    let at = |data: &[u8]| {
        (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
        )
    };
    for (typ, data) in records(stream) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => reserved = reserved.max(dimensions(data)),
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                let (r, c) = at(data);
                values.add(r, c);
                // Numbers: NUMBER and RK.
                if matches!(typ, 0x0203 | 0x027E) {
                    note((r, c), u16_at(data, 4));
                }
            }
            0x0207 => values.add(formula_at.0, formula_at.1),
            // COLINFO: first and last column, width, XF, then options with
            // fHidden in bit 0.
            0x007D if data.len() >= 10 => {
                let (first, last) = at(data);
                if u16_at(data, 8).is_some_and(|o| o & 1 == 1) && last >= first {
                    layout.hidden_cols.push((first, last));
                }
            }
            // ROW: the row, its columns, height, two reserved words, then
            // options with fDyZero (a hidden row) in bit 5.
            0x0208 if data.len() >= 14 && u16_at(data, 12).is_some_and(|o| o & 0x20 != 0) => {
                layout.hidden_rows.push(at(data).0 + 1);
            }
            0x00BD if data.len() >= 12 => {
                let (r, c) = at(data);
                let n = (data.len() as u32 - 6) / 6;
                values.add(r, c);
                values.add(r, c + n - 1);
                // MULRK: an XF and a number for each column from c.
                for (i, entry) in data[4..data.len() - 2].chunks_exact(6).enumerate() {
                    note((r, c + i as u32), u16_at(entry, 0));
                }
            }
            0x0006 if data.len() >= 20 => {
                formula_at = at(data);
                values.add(formula_at.0, formula_at.1);
                formulas.add(formula_at.0, formula_at.1);
                note(formula_at, u16_at(data, 4));
            }
            0x000A => break,
            _ => {}
        }
    }
    // Reserved cells cost 40 bytes, not a grid cell's 56: counting them as
    // grid cells errs on the safe side.
    let cells = values
        .cells()
        .max(formulas.cells())
        .saturating_add(reserved);
    percent.finish();
    layout.finish();
    (cells, percent, layout)
}

/// Cells a DIMENSIONS record makes calamine reserve, with calamine's
/// arithmetic (u32, wrapping as in a release build).
fn dimensions(data: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return 0,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
    let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// Refuses an xls that calamine could not open within `limits`; returns
/// the percent cells and the hidden columns and rows of each sheet.
pub fn check(bytes: &[u8], limits: Limits) -> Result<super::ods::Found, SourceError> {
    let mut found: super::ods::Found = (PercentSheets::new(), HashMap::new());
    let Some(stream) = workbook_stream(bytes)? else {
        return Ok(found);
    };
    let mut total: u64 = 0;
    let globals = globals(&stream);
    for (pos, name) in globals.sheets {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        let (cells, percent, layout) = sheet_cells(sheet, &globals.percent_xfs);
        limits.check_dense_cells(cells, Some(&name))?;
        total = total.saturating_add(cells);
        limits.check_dense_cells(total, None)?;
        if !layout.is_empty() {
            found.1.insert(name.clone(), layout);
        }
        if !percent.is_empty() {
            found.0.insert(name, percent);
        }
    }
    Ok(found)
}

#[cfg(test)]
#[path = "xls_tests.rs"]
mod tests;
