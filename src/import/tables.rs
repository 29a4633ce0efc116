//! Finding the tables in a file: the projects table may be on any sheet and
//! may start below title rows; a sheet named `Projects` wins, `--sheet`
//! overrides; cash-flow tables are found by their header.

use std::ops::ControlFlow;

use super::cell::Row;
use super::columns::{TableKind, classify_header, normalise_header};
use super::source::{Source, SourceError};

/// Rows searched for a header at the top of each sheet.
pub const HEADER_SEARCH_ROWS: usize = 50;

/// A table found in a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub sheet: usize,
    pub kind: TableKind,
    /// 1-based row of the header.
    pub header_row: u32,
    /// Fields the header names.
    pub matched: usize,
}

/// The tables of one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tables {
    pub projects: Option<Table>,
    pub cash_flows: Vec<Table>,
}

/// The first rows of a sheet.
pub fn head(source: &mut dyn Source, sheet: usize) -> Result<Vec<Row>, SourceError> {
    let mut rows = Vec::new();
    source.visit(sheet, &mut |row| {
        rows.push(row);
        if rows.len() >= HEADER_SEARCH_ROWS {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok(rows)
}

/// The best header among a sheet's first rows.
fn best_header(rows: &[Row], sheet: usize) -> Option<Table> {
    let mut best: Option<Table> = None;
    for row in rows {
        if let Some((kind, matched)) = classify_header(row) {
            if best.as_ref().is_none_or(|b| matched > b.matched) {
                best = Some(Table {
                    sheet,
                    kind,
                    header_row: row.number,
                    matched,
                });
            }
        }
    }
    best
}

/// Finds the projects table and the cash-flow tables of a file.
pub fn find_tables(
    source: &mut dyn Source,
    wanted_sheet: Option<&str>,
) -> Result<Tables, SourceError> {
    let names: Vec<String> = source.sheets().iter().map(|s| s.name.clone()).collect();
    if let Some(wanted) = wanted_sheet {
        let Some(index) = names
            .iter()
            .position(|n| n == wanted)
            .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(wanted)))
        else {
            return Err(SourceError(format!(
                "no sheet named {wanted} (the sheets are {})",
                names.join(", ")
            )));
        };
        let rows = head(source, index)?;
        let projects = best_header(&rows, index)
            .filter(|t| t.kind == TableKind::Projects)
            .ok_or_else(|| {
                SourceError(format!(
                    "sheet {wanted} has no projects header in its first {HEADER_SEARCH_ROWS} rows"
                ))
            })?;
        let mut tables = find_tables(source, None)?;
        tables.cash_flows.retain(|t| t.sheet != index);
        tables.projects = Some(projects);
        return Ok(tables);
    }
    let mut tables = Tables::default();
    let mut named_projects: Option<Table> = None;
    for (index, name) in names.iter().enumerate() {
        let rows = head(source, index)?;
        let Some(table) = best_header(&rows, index) else {
            continue;
        };
        match table.kind {
            TableKind::CashFlows => tables.cash_flows.push(table),
            TableKind::Projects => {
                if normalise_header(name) == "projects" && named_projects.is_none() {
                    named_projects = Some(table.clone());
                }
                if tables
                    .projects
                    .as_ref()
                    .is_none_or(|b| table.matched > b.matched)
                {
                    tables.projects = Some(table);
                }
            }
        }
    }
    if named_projects.is_some() {
        tables.projects = named_projects;
    }
    Ok(tables)
}
