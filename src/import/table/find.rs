//! Finding the tables in a file: the projects table may be on any sheet and
//! may start below title rows; a sheet named `Projects` wins, `--sheet`
//! overrides; cash-flow tables are found by their header.

use std::ops::ControlFlow;

use super::header::{TableKind, classify_header, match_header, normalise_header};
use crate::import::cell::Row;
use crate::import::error::SourceError;
use crate::import::layout::MergeFill;
use crate::import::open::AnySource;
use crate::import::source::Source;
use crate::model::FIELDS;

/// Rows searched for a header at the top of each sheet.
pub const HEADER_SEARCH_ROWS: usize = 50;

/// A table found in a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: usize,
    pub kind: TableKind,
    /// 1-based row of the header.
    pub header_row: u32,
    /// Fields the header names.
    pub matched: usize,
    /// The header row's cells.
    pub(crate) header: Row,
}

/// The tables of one file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tables {
    pub projects: Option<Table>,
    pub cash_flows: Vec<Table>,
}

/// The first rows of a sheet, with the values merged down over them (a
/// title merged over two header rows is in both) and titles under a group
/// title read with it where they need it ([`super::merged`]). A sheet
/// damaged after its first rows gives those: the header may be among
/// them, and reading the table meets the damage again and says how far it
/// got.
pub fn head(source: &mut impl Source, sheet: usize) -> Result<Vec<Row>, SourceError> {
    let merged = source.layout(sheet).merged;
    let mut fill = MergeFill::new(&merged);
    let mut rows = Vec::new();
    let read = source.visit_head(sheet, &mut |mut row| {
        fill.fill(&mut row);
        rows.push(row);
        if rows.len() >= HEADER_SEARCH_ROWS {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    if !merged.is_empty() {
        super::merged::title_groups(&mut rows, &merged);
    }
    match read {
        Err(e) if rows.is_empty() => Err(e),
        _ => Ok(rows),
    }
}

/// Whether `lower`, the row right under `upper`, holds every title of
/// `upper` that names a field, in the same column: a header made taller by
/// merging its titles down over two rows, read whole from its lower row.
fn continues(upper: &Row, lower: &Row) -> bool {
    lower.number == upper.number + 1
        && upper
            .cells
            .iter()
            .filter(|(_, v)| match_header(&v.display(), FIELDS).is_some())
            .all(|(col, v)| lower.get(*col) == Some(v))
}

/// The best header among a sheet's first rows: the one naming the most
/// fields; of two equal, the first, unless the second continues it.
fn best_header(rows: &[Row], sheet: usize) -> Option<Table> {
    let mut best: Option<Table> = None;
    for row in rows {
        if let Some((kind, matched)) = classify_header(row) {
            if best.as_ref().is_none_or(|b| {
                matched > b.matched || (matched == b.matched && continues(&b.header, row))
            }) {
                best = Some(Table {
                    sheet,
                    kind,
                    header_row: row.number,
                    matched,
                    header: row.clone(),
                });
            }
        }
    }
    best
}

/// Finds the projects table and the cash-flow tables of a file.
pub fn find_tables(
    source: &mut impl Source,
    wanted_sheet: Option<&str>,
) -> Result<Tables, SourceError> {
    let names: Vec<String> = source.sheets().iter().map(|s| s.name.clone()).collect();
    if let Some(wanted) = wanted_sheet {
        let Some(index) = names
            .iter()
            .position(|n| n == wanted)
            .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(wanted)))
        else {
            return Err(SourceError::NoSuchSheet {
                wanted: wanted.to_string(),
                sheets: names,
            });
        };
        let rows = head(source, index)?;
        let projects = best_header(&rows, index)
            .filter(|t| t.kind == TableKind::Projects)
            .ok_or_else(|| SourceError::NoProjectsHeader {
                sheet: wanted.to_string(),
                searched: HEADER_SEARCH_ROWS,
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

/// A sheet's header row and the rows asked for, as the file holds them
/// (cells in their original columns and types), for sending rows back to
/// the people who wrote them.
pub fn original_rows(
    source: &mut impl Source,
    sheet: &str,
    wanted: &std::collections::BTreeSet<u32>,
) -> Result<(Row, Vec<Row>), SourceError> {
    let index = source
        .sheets()
        .iter()
        .position(|s| s.name == sheet)
        .ok_or_else(|| SourceError::SheetGone(sheet.to_string()))?;
    let rows = head(source, index)?;
    let header_row = best_header(&rows, index)
        .map(|t| t.header_row)
        .ok_or_else(|| SourceError::HeaderGone(sheet.to_string()))?;
    let mut header = Row::default();
    let mut found = Vec::new();
    let last = wanted.iter().next_back().copied().unwrap_or(0);
    let _: ControlFlow<()> = source.visit(index, &mut |row| {
        if row.number == header_row {
            header = row;
        } else if wanted.contains(&row.number) {
            found.push(row);
        }
        if row_done(last, &found, wanted) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok((header, found))
}

fn row_done(last: u32, found: &[Row], wanted: &std::collections::BTreeSet<u32>) -> bool {
    found.len() == wanted.len() || found.last().is_some_and(|r| r.number >= last)
}

/// Opens a file for [`original_rows`], under the same limits as the run.
pub fn open_source(
    path: &std::path::Path,
    limits: crate::import::Limits,
) -> Result<AnySource, SourceError> {
    let bytes = limits.read_file(path)?;
    let stem = path.file_stem().map_or_else(
        || "Sheet1".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    Ok(crate::import::open::open(bytes, &stem, limits)?.0)
}
