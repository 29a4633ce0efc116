//! Finding the tables in a file: every visible sheet's projects table (a
//! workbook may hold one sheet per business unit), starting below any
//! title rows; hidden sheets skipped unless `--sheet` names one;
//! cash-flow tables found by their header. What became of each sheet is
//! kept ([`SheetChoice`]) for the file's record.

use std::ops::ControlFlow;

use super::header::{HeaderMap, TableKind, classify_header, match_header};
use super::layout::{header_below, header_keys};
use crate::import::cell::Row;
use crate::import::error::SourceError;
use crate::import::layout::MergeFill;
use crate::import::open::AnySource;
use crate::import::source::Source;
use crate::model::{FIELDS, FieldId};

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
    /// The header row's cells: the table's own, without a table beside it.
    pub(crate) header: Row,
    /// The first and last column of the table, 0-based, when a table
    /// beside it shares its rows; `None` when the table has the rows alone.
    pub columns: Option<(u32, u32)>,
    /// Columns of a table beside this one (0-based, with their headers),
    /// left out of this table.
    pub beside: Vec<(u32, String)>,
    /// The title written in the row above the header, for a table found
    /// below another one on its sheet.
    pub title: Option<String>,
}

impl Table {
    /// A table whose header is `row`, split from any table beside it.
    pub(crate) fn new(sheet: usize, kind: TableKind, matched: usize, row: &Row) -> Table {
        let super::layout::Split {
            header,
            columns,
            beside,
        } = super::layout::split(row);
        Table {
            sheet,
            kind,
            header_row: row.number,
            matched,
            header,
            columns,
            beside,
            title: None,
        }
    }

    /// Whether the header names a project's id or name: what tells a
    /// projects table from a sheet that merely mentions two intake fields.
    pub(crate) fn names_a_project(&self) -> bool {
        let map = HeaderMap::new(&self.header, FIELDS, &[]);
        map.column_of(FieldId::ProjectId).is_some() || map.column_of(FieldId::ProjectName).is_some()
    }
}

/// What became of one sheet of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetUse {
    /// A table was read from it, the header in this row.
    Read { kind: TableKind, header_row: u32 },
    /// It is hidden; it holds a table but only `--sheet` reads it.
    Hidden { kind: TableKind, header_row: u32 },
    /// `--sheet` names another sheet.
    NotNamed { header_row: u32 },
    /// Its header names intake fields but no project id or name, while
    /// another sheet's table does.
    NoProjectColumn { header_row: u32 },
    /// No row among its first rows is a table's header.
    NoTable,
}

/// A sheet of a file and what became of it, for the file's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetChoice {
    pub sheet: String,
    pub used: SheetUse,
}

impl SheetChoice {
    /// The choice in words, as the file's record says it.
    #[must_use]
    pub fn describe(&self) -> String {
        let kind = |k: &TableKind| match k {
            TableKind::Projects => "a projects table",
            TableKind::CashFlows => "a cash-flow table",
        };
        let sheet = &self.sheet;
        match &self.used {
            SheetUse::Read {
                kind: k,
                header_row,
            } => {
                format!(
                    "sheet {sheet}: {} (header in row {header_row}) was read",
                    kind(k)
                )
            }
            SheetUse::Hidden {
                kind: k,
                header_row,
            } => format!(
                "sheet {sheet} is hidden and was skipped; it holds {} (header in row {header_row}): name it with --sheet \"{sheet}\" to read it",
                kind(k)
            ),
            SheetUse::NotNamed { header_row } => format!(
                "sheet {sheet} holds a projects table (header in row {header_row}) and was skipped: --sheet names another sheet"
            ),
            SheetUse::NoProjectColumn { header_row } => format!(
                "sheet {sheet} was skipped: its row {header_row} names intake fields but has no project_id or project_name column, so it is not read as a projects table"
            ),
            SheetUse::NoTable => {
                format!("sheet {sheet}: no table found in its first {HEADER_SEARCH_ROWS} rows")
            }
        }
    }

    /// Whether the file's record says so in a note: a sheet skipped that
    /// holds, or seems to hold, a table.
    #[must_use]
    pub fn is_noted(&self) -> bool {
        matches!(
            self.used,
            SheetUse::Hidden { .. } | SheetUse::NotNamed { .. } | SheetUse::NoProjectColumn { .. }
        )
    }
}

/// The tables of one file, in sheet order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tables {
    pub projects: Vec<Table>,
    pub cash_flows: Vec<Table>,
    /// Every sheet, with what became of it.
    pub sheets: Vec<SheetChoice>,
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

/// A sheet's table among its first rows: the first header that names a
/// project (or is a cash-flow header), else the header naming most fields.
/// A header directly under it that names more fields is the header, the
/// first a group row above it; so is one that continues it (a header made
/// taller by merging its titles down). A table further down is found when
/// the rows above it are read.
fn first_table(rows: &[Row], sheet: usize) -> Option<Table> {
    let mut best: Option<Table> = None;
    for (i, row) in rows.iter().enumerate() {
        let Some((kind, matched)) = classify_header(row) else {
            continue;
        };
        let table = Table::new(sheet, kind, matched, row);
        if kind == TableKind::CashFlows || table.names_a_project() {
            let under = rows
                .get(i + 1)
                .filter(|next| next.number == row.number + 1)
                .and_then(|next| {
                    let (kind, more) = classify_header(next)?;
                    (more > matched || (more == matched && continues(row, next)))
                        .then(|| Table::new(sheet, kind, more, next))
                });
            return Some(under.unwrap_or(table));
        }
        if best.as_ref().is_none_or(|b| matched > b.matched) {
            best = Some(table);
        }
    }
    best
}

/// Finds the projects tables and the cash-flow tables of a file: every
/// visible sheet's, or with `wanted_sheet` (`--sheet`) that sheet's
/// projects table, hidden or not, and the other visible sheets' cash flows.
///
/// # Errors
///
/// `--sheet` names no sheet of the file, or one without a projects header;
/// a sheet cannot be read.
pub fn find_tables(
    source: &mut impl Source,
    wanted_sheet: Option<&str>,
) -> Result<Tables, SourceError> {
    let names: Vec<String> = source.sheets().iter().map(|s| s.name.clone()).collect();
    let wanted = match wanted_sheet {
        Some(wanted) => Some(
            names
                .iter()
                .position(|n| n == wanted)
                .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(wanted)))
                .ok_or_else(|| SourceError::NoSuchSheet {
                    wanted: wanted.to_string(),
                    sheets: names.clone(),
                })?,
        ),
        None => None,
    };
    let mut tables = Tables::default();
    // Projects headers that name no project id or name, by sheet.
    let mut weak: Vec<Table> = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let rows = head(source, index)?;
        let table = first_table(&rows, index);
        let choice = |used| SheetChoice {
            sheet: name.clone(),
            used,
        };
        if wanted == Some(index) {
            let table = table
                .filter(|t| t.kind == TableKind::Projects)
                .ok_or_else(|| SourceError::NoProjectsHeader {
                    sheet: name.clone(),
                    searched: HEADER_SEARCH_ROWS,
                })?;
            tables.sheets.push(choice(SheetUse::Read {
                kind: table.kind,
                header_row: table.header_row,
            }));
            tables.projects.push(table);
            continue;
        }
        let Some(table) = table else {
            tables.sheets.push(choice(SheetUse::NoTable));
            continue;
        };
        let (kind, header_row) = (table.kind, table.header_row);
        if source.sheets()[index].hidden {
            tables
                .sheets
                .push(choice(SheetUse::Hidden { kind, header_row }));
            continue;
        }
        let used = match kind {
            TableKind::CashFlows => {
                tables.cash_flows.push(table);
                SheetUse::Read { kind, header_row }
            }
            TableKind::Projects if wanted.is_some() => SheetUse::NotNamed { header_row },
            TableKind::Projects if table.names_a_project() => {
                tables.projects.push(table);
                SheetUse::Read { kind, header_row }
            }
            TableKind::Projects => {
                weak.push(table);
                SheetUse::NoProjectColumn { header_row }
            }
        };
        tables.sheets.push(choice(used));
    }
    // No sheet names a project: the best header is read all the same, so
    // the columns it lacks are said.
    if tables.projects.is_empty() && wanted.is_none() {
        if let Some(best) = weak
            .into_iter()
            .reduce(|a, b| if b.matched > a.matched { b } else { a })
        {
            tables.sheets[best.sheet].used = SheetUse::Read {
                kind: best.kind,
                header_row: best.header_row,
            };
            tables.projects.push(best);
        }
    }
    Ok(tables)
}

/// The rows asked for of a sheet, as the file holds them (cells in their
/// original columns and types), each under the header of the table it is
/// in (a sheet may hold a table under another), for sending rows back to
/// the people who wrote them: (header, rows) per table, down the sheet.
pub fn original_rows(
    source: &mut impl Source,
    sheet: &str,
    wanted: &std::collections::BTreeSet<u32>,
) -> Result<Vec<(Row, Vec<Row>)>, SourceError> {
    let index = source
        .sheets()
        .iter()
        .position(|s| s.name == sheet)
        .ok_or_else(|| SourceError::SheetGone(sheet.to_string()))?;
    let rows = head(source, index)?;
    let header_row = first_table(&rows, index)
        .map(|t| t.header_row)
        .ok_or_else(|| SourceError::HeaderGone(sheet.to_string()))?;
    let mut groups: Vec<(Row, Vec<Row>)> = Vec::new();
    let mut header = Row::default();
    let mut keys = Vec::new();
    let mut found = 0;
    let last = wanted.iter().next_back().copied().unwrap_or(0);
    let _: ControlFlow<()> = source.visit(index, &mut |row| {
        if row.number == header_row {
            keys = header_keys(&row);
            header = row;
        } else if row.number < header_row {
        } else if wanted.contains(&row.number) {
            found += 1;
            let number = row.number;
            match groups.last_mut() {
                Some((h, rows)) if h.number == header.number => rows.push(row),
                _ => groups.push((header.clone(), vec![row])),
            }
            if found == wanted.len() || number >= last {
                return ControlFlow::Break(());
            }
        } else if header_below(&row).is_some() && header_keys(&row) != keys {
            keys = header_keys(&row);
            header = row;
        }
        ControlFlow::Continue(())
    })?;
    Ok(groups)
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

#[cfg(test)]
#[path = "find_tests.rs"]
mod tests;
