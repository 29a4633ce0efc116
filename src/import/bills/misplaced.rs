//! An intake input given among the bills: `--bills` takes every path
//! after it, so `score --bills bill.csv portfolio.xlsx` would read the
//! intake as a bill. A spreadsheet (by its name or its first bytes) or a
//! CSV whose header names intake fields and no FOCUS column is told here,
//! from the file's first bytes only, before anything is read.

use std::io::Read;
use std::path::Path;

use super::focus::REQUIRED;
use crate::import::table::header::match_header;
use crate::model::FIELDS;

/// Bytes of a file's start looked at.
const HEAD: u64 = 64 * 1024;

/// Spreadsheet names airoi reads as intake.
const SPREADSHEETS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Why the file at `path`, given as a bill, is an intake input rather
/// than a bill (`a spreadsheet`, `an airoi intake file (…)`), or `None`
/// for a bill, a folder or a file that cannot be read (which the bills'
/// reading reports).
#[must_use]
pub fn intake_among_bills(path: &Path) -> Option<String> {
    if !path.is_file() {
        return None;
    }
    let named = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SPREADSHEETS.iter().any(|s| e.eq_ignore_ascii_case(s)));
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD).read_to_end(&mut head));
    // A zip (xlsx, xlsm, xlsb, ods) or an OLE compound file (xls).
    let packed = head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]);
    if named || packed {
        return Some("a spreadsheet, not a FOCUS export".into());
    }
    if read.is_err() || head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"PAR1") {
        return None;
    }
    let named = intake_headers(&head)?;
    let more = if named.len() > 3 { ", …" } else { "" };
    Some(format!(
        "an airoi intake file (its header names {}{more}; a FOCUS export's names ChargePeriodStart, EffectiveCost, …)",
        named[..named.len().min(3)].join(", ")
    ))
}

/// The intake fields a CSV's first line names, when it names two or more
/// and no FOCUS column.
fn intake_headers(head: &[u8]) -> Option<Vec<String>> {
    let text = String::from_utf8_lossy(head);
    let line = text.trim_start_matches('\u{feff}').lines().next()?;
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| line.bytes().filter(|b| b == d).count())?;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(line.as_bytes());
    let header = csv.records().next()?.ok()?;
    if header
        .iter()
        .any(|h| REQUIRED.iter().any(|c| h.trim().eq_ignore_ascii_case(c)))
    {
        return None;
    }
    let mut named: Vec<String> = Vec::new();
    for h in &header {
        if let Some(spec) = match_header(h, FIELDS) {
            let id = spec.id.to_string();
            if !named.contains(&id) {
                named.push(id);
            }
        }
    }
    (named.len() >= 2).then_some(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intake_headers_are_told_from_focus_ones() {
        let intake = b"Project ID;Project Name;Monthly Compute Cost\nP1;x;10\n";
        assert_eq!(
            intake_headers(intake).map(|n| n.len()),
            Some(3),
            "{:?}",
            intake_headers(intake)
        );
        let focus = b"ProviderName,ChargePeriodStart,EffectiveCost,Tags\nAWS,2026-01-01,1,{}\n";
        assert_eq!(intake_headers(focus), None);
        assert_eq!(intake_headers(b"date,amount\n"), None);
    }
}
