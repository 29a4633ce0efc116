//! Header matching: which column holds which intake field. Headers match
//! without regard to case, spaces, underscores, hyphens and trailing units
//! in brackets (`Monthly Compute Cost (USD)`, `Compute Growth %`).

use std::sync::LazyLock;

use crate::import::cell::Row;
use crate::model::{CASH_FLOW_FIELDS, FIELDS, FieldId, FieldSpec};

/// A header reduced to lower-case letters and digits, trailing units dropped.
#[must_use]
pub fn normalise_header(header: &str) -> String {
    // Explanations after a line break in a header cell are not its name.
    let first_line = header.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut text = first_line.trim().to_string();
    // Drop trailing bracketed units, possibly several: "Cost (USD) [monthly]".
    loop {
        let trimmed = text.trim_end();
        let Some(close) = trimmed.chars().last().filter(|c| matches!(c, ')' | ']')) else {
            break;
        };
        let open = if close == ')' { '(' } else { '[' };
        match trimmed.rfind(open) {
            Some(i) if i > 0 => text = trimmed[..i].to_string(),
            _ => break,
        }
    }
    let text = text.replace('%', " pct ").replace('#', " number ");
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Which of `fields` a header names, if any.
#[must_use]
pub fn match_header(header: &str, fields: &'static [FieldSpec]) -> Option<&'static FieldSpec> {
    let key = normalise_header(header);
    if key.is_empty() {
        return None;
    }
    if let Some(keys) = known_keys(fields) {
        return keys.iter().find(|(k, _)| *k == key).map(|(_, f)| *f);
    }
    fields.iter().find(|f| field_keys(f).any(|k| k == key))
}

/// Every name a field answers to, normalised, in matching order.
fn field_keys(f: &FieldSpec) -> impl Iterator<Item = String> + '_ {
    [f.name(), f.title]
        .into_iter()
        .chain(f.aliases.iter().copied())
        .map(normalise_header)
}

/// Normalised keys of the intake's own field tables, computed once: a wide
/// sheet asks for thousands of headers in each of its first rows, and
/// normalising every alias again for each would cost minutes.
fn known_keys(fields: &'static [FieldSpec]) -> Option<&'static [(String, &'static FieldSpec)]> {
    type Keys = Vec<(String, &'static FieldSpec)>;
    fn build(fields: &'static [FieldSpec]) -> Keys {
        fields
            .iter()
            .flat_map(|f| field_keys(f).map(move |k| (k, f)))
            .collect()
    }
    static PROJECTS: LazyLock<Keys> = LazyLock::new(|| build(FIELDS));
    static FLOWS: LazyLock<Keys> = LazyLock::new(|| build(CASH_FLOW_FIELDS));
    // The tables are consts, so the same table may sit at several addresses:
    // compare ids, which costs little next to normalising every alias.
    let same = |table: &[FieldSpec]| fields.iter().map(|f| f.id).eq(table.iter().map(|f| f.id));
    if same(FIELDS) {
        Some(&PROJECTS)
    } else if same(CASH_FLOW_FIELDS) {
        Some(&FLOWS)
    } else {
        None
    }
}

/// The column a feedback workbook lists each row's problems in; the
/// importer passes over it when the fixed workbook comes back.
pub const PROBLEMS_HEADER: &str = "airoi problems";

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// An intake field.
    Field(&'static FieldSpec),
    /// A column airoi does not know, carried through under its header.
    Extra(String),
}

/// The columns of a table, from its header row.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMap {
    /// 1-based row of the header.
    pub row: u32,
    /// (0-based column, what it holds), in column order.
    pub columns: Vec<(u32, Column)>,
    /// Header text by column, for messages and rejected rows.
    pub headers: Vec<(u32, String)>,
    /// What was noticed (duplicate headers).
    pub notes: Vec<String>,
}

impl HeaderMap {
    /// Maps a header row against a field table.
    #[must_use]
    pub fn new(row: &Row, fields: &'static [FieldSpec]) -> Self {
        let mut columns: Vec<(u32, Column)> = Vec::new();
        let mut headers = Vec::new();
        let mut notes = Vec::new();
        for (col, cell) in &row.cells {
            let text = cell.display().trim().to_string();
            if text.is_empty() || normalise_header(&text) == normalise_header(PROBLEMS_HEADER) {
                continue;
            }
            headers.push((*col, text.clone()));
            let column = match match_header(&text, fields) {
                Some(spec) => {
                    if let Some((first, _)) = columns
                        .iter()
                        .find(|(_, c)| matches!(c, Column::Field(f) if f.id == spec.id))
                    {
                        notes.push(format!(
                            "two columns name {}: {} is used, {} is carried as an extra column",
                            spec.name(),
                            crate::model::column_letters(*first),
                            crate::model::column_letters(*col)
                        ));
                        Column::Extra(text)
                    } else {
                        Column::Field(spec)
                    }
                }
                None => Column::Extra(text),
            };
            columns.push((*col, column));
        }
        HeaderMap {
            row: row.number,
            columns,
            headers,
            notes,
        }
    }

    /// The column of a field, if the table has one.
    #[must_use]
    pub fn column_of(&self, id: FieldId) -> Option<u32> {
        self.columns.iter().find_map(|(col, c)| match c {
            Column::Field(f) if f.id == id => Some(*col),
            _ => None,
        })
    }

    /// The header text of a column.
    #[must_use]
    pub fn header(&self, col: u32) -> Option<&str> {
        // Headers are in column order (a row's cells are); a search, not a
        // scan, keeps a row of a 10,000-column table from costing 10,000².
        self.headers
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| self.headers[i].1.as_str())
    }

    /// How many distinct fields the header names.
    #[must_use]
    pub fn matched(&self) -> usize {
        self.columns
            .iter()
            .filter(|(_, c)| matches!(c, Column::Field(_)))
            .count()
    }
}

/// What a header row looks like the header of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Projects,
    CashFlows,
}

/// Scores a row as a header: the kind of table and how many fields it names.
/// A row needs two recognised fields to count as a projects header, and
/// project id plus month plus an amount to count as a cash-flow header.
#[must_use]
pub fn classify_header(row: &Row) -> Option<(TableKind, usize)> {
    let projects = HeaderMap::new(row, FIELDS);
    let flows = HeaderMap::new(row, CASH_FLOW_FIELDS);
    let is_flows = flows.column_of(FieldId::ProjectId).is_some()
        && flows.column_of(FieldId::Month).is_some()
        && (flows.column_of(FieldId::ComputeCost).is_some()
            || flows.column_of(FieldId::Benefit).is_some())
        && projects.column_of(FieldId::ProjectName).is_none();
    if is_flows {
        return Some((TableKind::CashFlows, flows.matched()));
    }
    let n = projects.matched();
    (n >= 2).then_some((TableKind::Projects, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cell::CellValue;

    fn header(cells: &[&str]) -> Row {
        Row {
            number: 1,
            cells: cells
                .iter()
                .enumerate()
                .map(|(i, c)| (i as u32, CellValue::Text((*c).to_string())))
                .collect(),
            hidden: false,
        }
    }

    #[test]
    fn headers_reduce_to_letters_and_digits_without_units() {
        assert_eq!(
            normalise_header("Monthly Compute Cost (USD)"),
            "monthlycomputecost"
        );
        assert_eq!(normalise_header("Compute Growth %"), "computegrowthpct");
        assert_eq!(normalise_header("project_id"), "projectid");
    }

    #[test]
    fn headers_match_in_the_forms_people_write() {
        for (text, field) in [
            ("Project ID", FieldId::ProjectId),
            ("project-id", FieldId::ProjectId),
            ("ID", FieldId::ProjectId),
            ("Monthly Compute Cost (USD)", FieldId::MonthlyComputeCost),
            ("Compute Growth %", FieldId::ComputeGrowthPct),
            ("compute_growth_pct", FieldId::ComputeGrowthPct),
            ("Upfront compute cost [EUR]", FieldId::UpfrontComputeCost),
            ("MULTI-STEP", FieldId::MultiStep),
            ("Infrastructure Providers", FieldId::Providers),
            ("Use Case ID\n\n[Agency Abbrev.] – [#]", FieldId::ProjectId),
        ] {
            assert_eq!(
                match_header(text, FIELDS).map(|f| f.id),
                Some(field),
                "{text}"
            );
        }
        assert_eq!(match_header("Comments", FIELDS), None);
    }

    #[test]
    fn tables_are_told_apart() {
        let p = header(&["Project ID", "Project Name", "Notes"]);
        assert_eq!(classify_header(&p), Some((TableKind::Projects, 2)));
        let c = header(&["project_id", "month", "compute_cost", "benefit"]);
        assert_eq!(classify_header(&c), Some((TableKind::CashFlows, 4)));
        assert_eq!(
            classify_header(&header(&["AI Use Case Inventory 2025"])),
            None
        );
    }

    #[test]
    fn duplicate_headers_keep_the_first() {
        let map = HeaderMap::new(&header(&["ID", "Project ID", "Name"]), FIELDS);
        assert_eq!(map.column_of(FieldId::ProjectId), Some(0));
        assert!(map.notes[0].contains("two columns name project_id"));
        assert_eq!(map.columns[1].1, Column::Extra("Project ID".into()));
    }
}
