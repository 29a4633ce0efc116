//! The tables of one file in the order they are read: which sheets
//! [`find_tables`] chose, said in the file's record (a hidden sheet
//! skipped, a sheet that names no project); the cash-flow tables, read in
//! the first pass; the projects tables, read in the second, each table
//! found under another read in its place. A projects table refused whole
//! is said once: the file is unreadable when every table was, read in part
//! when some were.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::ops::ControlFlow;

use super::error::SourceError;
use super::source::Source;
use super::table::find::{HEADER_SEARCH_ROWS, SheetUse, Table, Tables, find_tables};
use super::table::header::TableKind;
use super::table::read::{TableCtx, TableRow, read_table};
use super::table::row::Currency;
use crate::model::{FIELDS, FieldSpec, InputRecord, InputState};

/// Finds a file's tables and records which sheets are read and which
/// skipped, and why.
///
/// # Errors
///
/// The file has no table on a visible sheet (naming the hidden sheets that
/// hold one), or [`find_tables`] fails.
pub(super) fn choose_tables(
    source: &mut impl Source,
    wanted: Option<&str>,
    record: &mut InputRecord,
) -> Result<Tables, SourceError> {
    let tables = find_tables(source, wanted)?;
    if tables.projects.is_empty() && tables.cash_flows.is_empty() {
        let hidden: Vec<String> = tables
            .sheets
            .iter()
            .filter(|c| matches!(c.used, SheetUse::Hidden { .. }))
            .map(|c| c.sheet.clone())
            .collect();
        if !hidden.is_empty() {
            return Err(SourceError::OnlyHiddenTables { sheets: hidden });
        }
        return Err(SourceError::NoProjectsTable {
            searched: HEADER_SEARCH_ROWS,
            required: FIELDS
                .iter()
                .filter(|f| f.required)
                .map(FieldSpec::name)
                .collect(),
        });
    }
    for choice in &tables.sheets {
        let hidden = source
            .sheets()
            .iter()
            .any(|s| s.name == choice.sheet && s.hidden);
        if matches!(choice.used, SheetUse::Read { .. }) {
            record.sheets.push(choice.sheet.clone());
            if hidden {
                record.notes.push(format!(
                    "sheet {} is hidden; it was read like a visible one, as --sheet names it",
                    choice.sheet
                ));
            }
        } else if choice.is_noted() {
            record.notes.push(choice.describe());
        }
    }
    Ok(tables)
}

/// Reads the cash-flow tables, and any table under one of them: a
/// cash-flow table at once, a projects table into `projects` in sheet
/// order, for the second pass.
pub(super) fn read_flow_tables(
    source: &mut impl Source,
    flows: Vec<Table>,
    projects: &mut Vec<Table>,
    ctx: &TableCtx,
    currency: &Currency,
    record: &mut InputRecord,
    each: &mut dyn FnMut(TableRow) -> ControlFlow<Infallible>,
) -> Result<(), SourceError> {
    let mut queue: VecDeque<Table> = flows.into();
    while let Some(table) = queue.pop_front() {
        let end = read_table(source, &table, ctx, currency, record, each)?;
        match end.next {
            Some(next) if next.kind == TableKind::CashFlows => queue.push_front(next),
            Some(next) => {
                let at = projects
                    .iter()
                    .position(|t| (t.sheet, t.header_row) > (next.sheet, next.header_row))
                    .unwrap_or(projects.len());
                projects.insert(at, next);
            }
            None => {}
        }
    }
    Ok(())
}

/// Reads the projects tables in order, each table found under one read
/// next, until they end or `each` stops them.
///
/// # Errors
///
/// A table cannot be read, or every table of the file was refused whole
/// ([`SourceError::TablesRefused`]).
pub(super) fn read_project_tables<B>(
    source: &mut impl Source,
    tables: Vec<Table>,
    ctx: &TableCtx,
    currency: &Currency,
    record: &mut InputRecord,
    each: &mut dyn FnMut(TableRow) -> ControlFlow<B>,
) -> Result<ControlFlow<B>, SourceError> {
    let mut refusals = Vec::new();
    let mut queue: VecDeque<Table> = tables.into();
    let mut flow = ControlFlow::Continue(());
    while let Some(table) = queue.pop_front() {
        let end = read_table(source, &table, ctx, currency, record, each)?;
        refusals.extend(end.refusal);
        match end.next {
            // Cash flows are attached as each project is read, so they
            // must be read before the projects: a table under the projects
            // comes too late.
            Some(next) if next.kind == TableKind::CashFlows => {
                let sheet = &source.sheets()[next.sheet].name;
                record.notes.push(format!(
                    "{sheet}: a cash-flow table starts at row {} under the projects table and was not read; cash flows are read before projects, so move it to a sheet of its own",
                    next.header_row
                ));
            }
            Some(next) => queue.push_front(next),
            None => {}
        }
        if end.flow.is_break() {
            flow = end.flow;
            break;
        }
    }
    if !refusals.is_empty() {
        if record.rows_read == 0 {
            return Err(SourceError::TablesRefused(refusals));
        }
        record.state = InputState::Partial(refusals.join("; "));
    }
    Ok(flow)
}
