//! Reading one table of a file row by row: each data row becomes a
//! project draft, a cash-flow row or a rejected row; blank, totals,
//! template example and repeated header rows are counted, and the
//! header's notes go to the file's record. A header further down the
//! sheet ends the table: the rows below it are a table of their own
//! ([`TableEnd::next`]). A projects table without a column every project
//! needs is refused whole, in one message ([`TableEnd::refusal`]). Each
//! table's reading report goes to the file's record as its rows are counted.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use super::find::Table;
use super::flow::{FlowDraft, read_cash_flow_row};
use super::header::{Column, HeaderMap, TableKind};
use super::layout::{header_below, header_keys};
use super::merged;
use super::row::{Currency, Draft, RowCtx, RowOutcome, read_project_row};
use super::unread::sample_columns;
use crate::import::cell::{CellValue, Row};
use crate::import::decimal::DecimalConvention;
use crate::import::error::SourceError;
use crate::import::layout::{Merge, MergeFill, Spread};
use crate::import::source::Source;
use crate::import::values::{ParseCtx, ProviderNames};
use crate::model::{
    CASH_FLOW_FIELDS, FIELDS, FieldSpec, InputRecord, Kind, Origin, OriginRef, ReadOptions,
    RejectedRow, Ruleset, SkipReason, TableReading,
};

/// What every table of one file is read with.
pub(crate) struct TableCtx<'a> {
    pub read: &'a ReadOptions,
    pub ruleset: &'a Ruleset,
    /// The ruleset's provider names, looked up by every share list.
    pub provider_names: &'a ProviderNames,
    /// The file, as messages name it.
    pub path: &'a Path,
    /// Cash flows were given somewhere in the run, so a projects table
    /// without money columns may still be scored.
    pub flows_given: bool,
    /// The file's decimal separator.
    pub decimal: &'a DecimalConvention,
}

/// A data row of a table, read.
pub(crate) enum TableRow {
    Project(Box<Draft>),
    Flow(String, Box<FlowDraft>, Vec<(String, String)>),
    Rejected(RejectedRow),
}

/// How the reading of a table ended.
pub(crate) struct TableEnd<B> {
    /// Whether the row visitor stopped the read.
    pub flow: ControlFlow<B>,
    /// A table found below this one on its sheet, to read next.
    pub next: Option<Table>,
    /// Why the table was refused whole, if it was: its rows were not read.
    pub refusal: Option<String>,
}

/// Why a visit of a table's rows stopped early.
enum Stop<B> {
    Caller(B),
    Next(Table),
}

/// The state of a walk over a table's rows.
struct Walk<'w, B> {
    table: &'w Table,
    sheet: &'w str,
    map: HeaderMap,
    origin: OriginRef,
    parse: ParseCtx<'w>,
    currency: &'w Currency,
    hidden_sheet: bool,
    record: &'w mut InputRecord,
    /// The table's reading report, its rows counted as they pass.
    reading: TableReading,
    each: &'w mut dyn FnMut(TableRow) -> ControlFlow<B>,
    /// The header's cells, normalised, to know it when it is repeated.
    header_keys: Vec<(u32, String)>,
    /// Refused: rows are counted, not read.
    refused: bool,
    previous_row: u32,
    hidden_rows: Vec<u32>,
    /// Non-blank data rows met.
    data_rows: usize,
    /// A row of one text cell, and any blank rows after it, held until the
    /// next row says whether it titles a table below.
    held: Vec<Row>,
    /// Values merged down over several rows, given to each row they cover.
    merges: MergeFill,
    /// Projects that took a value merged down onto their row.
    merged_rows: usize,
}

/// The only cell of a row, when it is text: a title such as `Pipeline
/// (not yet approved)`, or a project row with nothing but its id.
fn lone_text(row: &Row) -> Option<String> {
    let mut cells = row.cells.iter().filter(|(_, v)| !v.is_blank());
    match (cells.next(), cells.next()) {
        (Some((_, CellValue::Text(t))), None) => Some(t.trim().to_string()),
        _ => None,
    }
}

impl<B> Walk<'_, B> {
    fn visit(&mut self, mut row: Row) -> ControlFlow<Stop<B>> {
        let spread = self.merges.fill(&mut row);
        if row.number <= self.table.header_row {
            return ControlFlow::Continue(());
        }
        let row = match self.table.columns {
            Some((first, last)) => Row {
                cells: row
                    .cells
                    .into_iter()
                    .filter(|(col, _)| (first..=last).contains(col))
                    .collect(),
                ..row
            },
            None => row,
        };
        if let Some((kind, matched)) = header_below(&row) {
            // The same header again is a repeat, unless a title says a
            // table of its own starts there.
            if header_keys(&row) == self.header_keys && self.held.is_empty() {
                return self.repeated_header(&row);
            }
            return self.next_table(Table::new(self.table.sheet, kind, matched, &row));
        }
        if !self.held.is_empty() && row.is_blank() {
            self.held.push(row);
            return ControlFlow::Continue(());
        }
        self.flush_held()?;
        if lone_text(&row).is_some() {
            self.held.push(row);
            return ControlFlow::Continue(());
        }
        self.data_row(&row, &spread).map_break(Stop::Caller)
    }

    /// Reads the held rows as data rows, if any are held.
    fn flush_held(&mut self) -> ControlFlow<Stop<B>> {
        for held in std::mem::take(&mut self.held) {
            self.data_row(&held, &[]).map_break(Stop::Caller)?;
        }
        ControlFlow::Continue(())
    }

    fn repeated_header(&mut self, row: &Row) -> ControlFlow<Stop<B>> {
        self.skip(row.number, SkipReason::RepeatedHeader);
        self.record.notes.push(format!(
            "{}: row {} repeats the header of row {} and was skipped",
            self.sheet, row.number, self.table.header_row
        ));
        ControlFlow::Continue(())
    }

    /// Ends the table at a header below it; a held row is its title.
    fn next_table(&mut self, mut next: Table) -> ControlFlow<Stop<B>> {
        let held = std::mem::take(&mut self.held);
        for row in &held {
            let reason = if row.is_blank() {
                SkipReason::Blank
            } else {
                SkipReason::Title
            };
            self.skip(row.number, reason);
        }
        next.title = held.first().and_then(lone_text);
        ControlFlow::Break(Stop::Next(next))
    }

    /// Counts a row, and the rows with no cells at all before it as blank.
    fn count(&mut self, number: u32) {
        if self.refused {
            return;
        }
        let gap = number.saturating_sub(self.previous_row).saturating_sub(1) as usize;
        self.previous_row = number;
        self.record.rows_read += 1 + gap;
        self.record.skipped += gap;
        self.reading.rows.read += 1 + gap;
        self.reading.rows.skip(SkipReason::Blank, gap);
    }

    /// Counts a row that is not data: skipped, for `reason`.
    fn skip(&mut self, number: u32, reason: SkipReason) {
        if !self.refused {
            self.count(number);
            self.record.skipped += 1;
            self.reading.rows.skip(reason, 1);
        }
    }

    /// Reads a data row; `spread` are the values merged down onto it.
    fn data_row(&mut self, row: &Row, spread: &[Spread]) -> ControlFlow<B> {
        if row.hidden {
            self.hidden_rows.push(row.number);
        }
        if row.is_blank() {
            self.skip(row.number, SkipReason::Blank);
            return ControlFlow::Continue(());
        }
        self.count(row.number);
        self.data_rows += 1;
        if self.refused {
            return ControlFlow::Continue(());
        }
        let ctx = RowCtx {
            origin: &self.origin,
            header: &self.map,
            parse: self.parse,
            currency: self.currency,
            hidden_sheet: self.hidden_sheet,
        };
        if self.table.kind == TableKind::CashFlows {
            return match read_cash_flow_row(row, &ctx) {
                Ok((id, flow)) => {
                    let values = super::row::original_values(row, &self.map);
                    (self.each)(TableRow::Flow(id, Box::new(flow), values))
                }
                Err(rej) => (self.each)(TableRow::Rejected(rej)),
            };
        }
        match read_project_row(row, &ctx) {
            RowOutcome::Project(mut draft) => {
                if !spread.is_empty() {
                    self.merged_rows += 1;
                    let notes = spread
                        .iter()
                        .map(|s| merged::spread_note(s, &self.map, row.number));
                    draft.project.notes.extend(notes);
                }
                (self.each)(TableRow::Project(draft))
            }
            RowOutcome::Rejected(rej) => (self.each)(TableRow::Rejected(rej)),
            RowOutcome::Skipped(reason, why) => {
                self.record.skipped += 1;
                self.reading.rows.skip(reason, 1);
                self.record.notes.push(format!("{}: {why}", self.sheet));
                ControlFlow::Continue(())
            }
        }
    }
}

/// The required columns a projects table lacks: the money ones too unless
/// cash flows were given in the run.
fn missing_columns(map: &HeaderMap, flows_given: bool) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|f| f.required && map.column_of(f.id).is_none())
        .filter(|f| !(flows_given && matches!(f.kind, Kind::Money)))
        .map(FieldSpec::name)
        .collect()
}

/// The message refusing a projects table without the columns every
/// project needs.
fn refusal(sheet: &str, header_row: u32, missing: &[&str], rows: usize) -> String {
    let rows = match rows {
        0 => "it has no rows either".to_string(),
        1 => "its one row cannot be scored".to_string(),
        n => format!("none of its {n} rows can be scored"),
    };
    format!(
        "sheet {sheet}: the projects table (header in row {header_row}) has no column for {}, so {rows}; run `airoi template` for an intake workbook with every column",
        missing.join(", ")
    )
}

pub(crate) fn read_table<B>(
    source: &mut impl Source,
    table: &Table,
    file: &TableCtx,
    currency: &Currency,
    record: &mut InputRecord,
    each: &mut dyn FnMut(TableRow) -> ControlFlow<B>,
) -> Result<TableEnd<B>, SourceError> {
    let TableCtx {
        read,
        ruleset,
        path,
        flows_given,
        decimal,
        provider_names,
    } = *file;
    let info = source.sheets()[table.sheet].clone();
    let origin: OriginRef = Arc::new(Origin {
        file: path.display().to_string(),
        sheet: info.name.clone(),
    });
    let is_1904 = source.is_1904();
    let parse = ParseCtx {
        decimal,
        date_order: read.date_order,
        is_1904,
        provider_names,
        share_tolerance: ruleset.share_tolerance,
        fiscal_year_start_month: ruleset.fiscal_year_start_month,
    };
    let is_flows = table.kind == TableKind::CashFlows;
    let fields = if is_flows { CASH_FLOW_FIELDS } else { FIELDS };
    let layout = source.layout(table.sheet);
    let mut map = HeaderMap::new(&table.header, fields, &layout.hidden_cols);
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
    let sheet = info.name.as_str();
    if let Some(title) = &table.title {
        record.notes.push(format!(
            "{sheet}: a second table starts at row {} under the title \"{title}\"; it was read as a table of its own",
            table.header_row
        ));
    }
    if !table.beside.is_empty() {
        record.notes.push(format!(
            "{sheet}: {}",
            super::layout::note(&table.beside, table.kind)
        ));
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
    let missing = if is_flows {
        Vec::new()
    } else {
        missing_columns(&map, flows_given)
    };
    record
        .notes
        .extend(map.notes.iter().map(|n| format!("{sheet}: {n}")));
    let reading = super::reading::table_reading(
        sheet,
        table.kind,
        &map,
        &layout.hidden_cols,
        decimal.conventions(read.date_order),
        currency,
    );
    // A title merged down over two header rows is the header's own: only
    // ranges that start below the header give values to data rows, and
    // only in the columns read as fields (so a file cannot make airoi
    // repeat a value into every cell of every row).
    let field_cols: Vec<u32> = map
        .columns
        .iter()
        .filter_map(|(col, c)| matches!(c, Column::Field(_)).then_some(*col))
        .collect();
    let data_merges: Vec<Merge> = layout
        .merged
        .iter()
        .filter(|m| m.first_row >= table.header_row && field_cols.contains(&m.first_col))
        .copied()
        .collect();
    let mut walk = Walk {
        table,
        sheet,
        header_keys: header_keys(&table.header),
        map,
        origin,
        parse,
        currency,
        hidden_sheet: info.hidden,
        record,
        reading,
        each,
        refused: !missing.is_empty(),
        previous_row: table.header_row,
        hidden_rows: Vec::new(),
        data_rows: 0,
        held: Vec::new(),
        merges: MergeFill::new(&data_merges),
        merged_rows: 0,
    };
    let stop = match source.visit(table.sheet, &mut |row| walk.visit(row)) {
        Ok(stop) => stop,
        Err(broken) => {
            // The rows read before the file broke off are in the report.
            walk.reading.rows.hidden = walk.hidden_rows.len();
            walk.record.tables.push(walk.reading);
            return Err(broken);
        }
    };
    let (flow, next) = match stop {
        ControlFlow::Break(Stop::Caller(b)) => (ControlFlow::Break(b), None),
        ControlFlow::Break(Stop::Next(next)) => (ControlFlow::Continue(()), Some(next)),
        ControlFlow::Continue(()) => match walk.flush_held() {
            ControlFlow::Break(Stop::Caller(b)) => (ControlFlow::Break(b), None),
            _ => (ControlFlow::Continue(()), None),
        },
    };
    let Walk {
        record,
        mut reading,
        hidden_rows,
        data_rows,
        refused,
        merged_rows,
        ..
    } = walk;
    reading.rows.hidden = hidden_rows.len();
    record.tables.push(reading);
    if refused {
        return Ok(TableEnd {
            flow,
            next,
            refusal: Some(refusal(sheet, table.header_row, &missing, data_rows)),
        });
    }
    if merged_rows > 0 {
        record.notes.push(format!(
            "{sheet}: {}; a value merged over several rows was read on each row it covers ({merged_rows} {})",
            layout.describe(),
            if merged_rows == 1 { "project" } else { "projects" }
        ));
    }
    // An empty cash-flow table is the template's own, left as it came.
    if data_rows == 0 && !is_flows && flow.is_continue() {
        record.notes.push(format!(
            "{sheet}: the projects table (header in row {}) has no rows",
            table.header_row
        ));
    }
    note_hidden_rows(record, sheet, &hidden_rows);
    Ok(TableEnd {
        flow,
        next,
        refusal: None,
    })
}

/// The note for the hidden rows read.
fn note_hidden_rows(record: &mut InputRecord, sheet: &str, hidden_rows: &[u32]) {
    if hidden_rows.is_empty() {
        return;
    }
    let shown: Vec<String> = hidden_rows
        .iter()
        .take(10)
        .map(ToString::to_string)
        .collect();
    let more = hidden_rows.len().saturating_sub(10);
    let one = hidden_rows.len() == 1;
    record.notes.push(format!(
        "{sheet}: {} {} {} hidden; read like visible ones{}",
        if one { "row" } else { "rows" },
        shown.join(", "),
        if one { "is" } else { "are" },
        if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        }
    ));
}
