//! Reading one table of a file row by row: each data row becomes a
//! project draft, a cash-flow row or a rejected row; blank, totals and
//! template example rows
//! are counted, and the header's notes go to the file's record with the
//! table's reading report.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use super::find::Table;
use super::flow::{FlowDraft, read_cash_flow_row};
use super::header::HeaderMap;
use super::row::{Currency, Draft, RowCtx, RowOutcome, read_project_row};
use super::unread::sample_columns;
use crate::import::cell::Row;
use crate::import::error::SourceError;
use crate::import::source::Source;
use crate::import::values::{ParseCtx, ProviderNames};
use crate::model::{
    CASH_FLOW_FIELDS, Conventions, FIELDS, InputRecord, Origin, OriginRef, ReadOptions,
    RejectedRow, Ruleset, SkipReason,
};

/// What every table of one file is read with.
pub(crate) struct TableCtx<'a> {
    pub read: &'a ReadOptions,
    pub ruleset: &'a Ruleset,
    /// The ruleset's provider names, looked up by every share list.
    pub provider_names: &'a ProviderNames,
    /// The file, as messages name it.
    pub path: &'a Path,
}

/// A data row of a table, read.
pub(crate) enum TableRow {
    Project(Box<Draft>),
    Flow(String, FlowDraft, Vec<(String, String)>),
    Rejected(RejectedRow),
}

pub(crate) fn read_table<B>(
    source: &mut impl Source,
    table: &Table,
    file: &TableCtx,
    currency: &Currency,
    record: &mut InputRecord,
    each: &mut dyn FnMut(TableRow) -> ControlFlow<B>,
) -> Result<ControlFlow<B>, SourceError> {
    let TableCtx {
        read,
        ruleset,
        path,
        ..
    } = *file;
    let info = source.sheets()[table.sheet].clone();
    let origin: OriginRef = Arc::new(Origin {
        file: path.display().to_string(),
        sheet: info.name.clone(),
    });
    let is_1904 = source.is_1904();
    let parse = ParseCtx {
        decimal_comma: read.decimal_comma,
        date_order: read.date_order,
        is_1904,
        provider_names: file.provider_names,
        share_tolerance: ruleset.share_tolerance,
        fiscal_year_start_month: ruleset.fiscal_year_start_month,
    };
    let is_flows = table.kind == super::header::TableKind::CashFlows;
    let fields = if is_flows { CASH_FLOW_FIELDS } else { FIELDS };
    let hidden_columns = source.hidden_columns(table.sheet);
    let mut map = HeaderMap::new(&table.header, fields, &hidden_columns);
    if let Some(tie) = &map.tie {
        let [first, second] = tie.column_texts();
        return Err(SourceError::AmbiguousHeader {
            sheet: info.name.clone(),
            row: table.header_row,
            field: tie.field.name(),
            first,
            second,
            how: tie.how(),
        });
    }
    if let Some(refused) = &map.refused {
        return Err(SourceError::UnitNotApplicable {
            sheet: info.name.clone(),
            row: table.header_row,
            column: refused.column.clone(),
            field: refused.field,
            why: refused.why.clone(),
        });
    }
    // Generic headers and look-alike columns are decided by their values.
    let lookalikes = map.lookalikes();
    if !map.pending.is_empty() || !lookalikes.is_empty() {
        let mut columns: Vec<(u32, &'static crate::model::FieldSpec)> = map
            .pending
            .iter()
            .flat_map(|(col, specs)| specs.iter().map(|s| (*col, *s)))
            .collect();
        columns.extend(&lookalikes);
        let verdicts = sample_columns(source, table, &columns, &parse);
        map.settle(&verdicts);
        map.note_lookalikes(&lookalikes, &verdicts);
    }
    record
        .notes
        .extend(map.notes.iter().map(|n| format!("{}: {n}", info.name)));
    let missing = super::row::missing_columns(&map);
    if !is_flows && !missing.is_empty() {
        record.notes.push(format!(
            "{}: the projects table (header in row {}) has no column for {}; none of its rows can be scored",
            info.name,
            table.header_row,
            missing.join(", ")
        ));
    }
    let map = map;
    let mut reading = super::reading::table_reading(
        &info.name,
        table.kind,
        &map,
        &hidden_columns,
        Conventions::from_options(read),
        &currency.file_default,
    );
    let rows = &mut reading.rows;
    let mut previous_row = table.header_row;
    let mut hidden_rows: Vec<u32> = Vec::new();
    let mut visit = |row: Row| -> ControlFlow<B> {
        if row.hidden && row.number > table.header_row {
            hidden_rows.push(row.number);
        }
        if row.number <= table.header_row {
            return ControlFlow::Continue(());
        }
        let map = &map;
        // Rows with no cells at all are never visited: count the gap as blank rows.
        let gap = row.number.saturating_sub(previous_row).saturating_sub(1) as usize;
        previous_row = row.number;
        record.rows_read += 1 + gap;
        record.skipped += gap;
        rows.read += 1 + gap;
        rows.skip(SkipReason::Blank, gap);
        if row.is_blank() {
            record.skipped += 1;
            rows.skip(SkipReason::Blank, 1);
            return ControlFlow::Continue(());
        }
        let ctx = RowCtx {
            origin: &origin,
            header: map,
            parse,
            currency,
            hidden_sheet: info.hidden,
        };
        if is_flows {
            match read_cash_flow_row(&row, &ctx) {
                Ok((id, flow)) => {
                    let values = super::row::original_values(&row, map);
                    each(TableRow::Flow(id, flow, values))
                }
                Err(rej) => each(TableRow::Rejected(rej)),
            }
        } else {
            match read_project_row(&row, &ctx) {
                RowOutcome::Project(draft) => each(TableRow::Project(draft)),
                RowOutcome::Rejected(rej) => each(TableRow::Rejected(rej)),
                RowOutcome::Skipped(reason, why) => {
                    record.skipped += 1;
                    rows.skip(reason, 1);
                    record.notes.push(format!("{}: {why}", info.name));
                    ControlFlow::Continue(())
                }
            }
        }
    };
    let flow = source.visit(table.sheet, &mut visit);
    reading.rows.hidden = hidden_rows.len();
    record.tables.push(reading);
    let flow = flow?;
    if !hidden_rows.is_empty() {
        let shown: Vec<String> = hidden_rows
            .iter()
            .take(10)
            .map(ToString::to_string)
            .collect();
        let more = hidden_rows.len().saturating_sub(10);
        record.notes.push(format!(
            "{}: {} {} hidden; read like visible ones{}",
            info.name,
            if hidden_rows.len() == 1 {
                "row"
            } else {
                "rows"
            },
            shown.join(", ")
                + if hidden_rows.len() == 1 {
                    " is"
                } else {
                    " are"
                },
            if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            }
        ));
    }
    Ok(flow)
}
