//! Who has not sent anything: the expected business units (`--expect`)
//! compared with the units that appear in the inputs.

use std::collections::BTreeSet;
use std::path::Path;

use super::csv::decode;
use super::table::header::match_header;
use crate::model::{FIELDS, FieldId, RejectedRow};

/// Reads a list of business units: one per line, or the first column of a
/// CSV; a header line naming the business unit column is skipped.
pub fn read_unit_list(path: &Path) -> Result<Vec<String>, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{}: cannot be opened: {e}", path.display()))?;
    let (text, _) = decode(&bytes);
    let mut units = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let first = line
            .split([',', ';', '\t'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"')
            .trim();
        if first.is_empty() {
            continue;
        }
        if i == 0 && match_header(first, FIELDS).is_some_and(|f| f.id == FieldId::BusinessUnit) {
            continue;
        }
        units.push(first.to_string());
    }
    if units.is_empty() {
        return Err(format!("{}: lists no business units", path.display()));
    }
    Ok(units)
}

fn key(unit: &str) -> String {
    unit.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Expected units with no row at all in the inputs, scored or rejected, in
/// the order listed.
#[must_use]
pub fn missing_units<'a>(
    expected: &[String],
    units: impl IntoIterator<Item = &'a str>,
    rejected: &[RejectedRow],
) -> Vec<String> {
    let mut seen: BTreeSet<String> = units.into_iter().map(key).collect();
    for row in rejected {
        for (header, value) in &row.values {
            if match_header(header, FIELDS).is_some_and(|f| f.id == FieldId::BusinessUnit) {
                seen.insert(key(value));
            }
        }
    }
    let mut listed = BTreeSet::new();
    expected
        .iter()
        .filter(|u| listed.insert(key(u)) && !seen.contains(&key(u)))
        .cloned()
        .collect()
}
