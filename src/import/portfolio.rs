//! Reads every input of a run into one portfolio: projects in input order,
//! duplicates across files rejected naming the first place, cash flows
//! attached, and a record of each input.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::cell::Row;
use super::columns::HeaderMap;

use super::guard::ReadingFile;
use super::limits::Limits;
use super::rows::{Currency, Draft, RowCtx, RowOutcome, read_cash_flow_row, read_project_row};
use super::source::{Source, SourceError};
use super::tables::{Table, find_tables};
use super::values::ParseCtx;
use crate::model::{
    CASH_FLOW_FIELDS, CellPos, FIELDS, FxRate, InputRecord, InputState, MonthFlow, Origin,
    OriginRef, Problem, Project, ReadOptions, RejectedRow, Ruleset, SourceCell,
};

/// A cash-flow row read: its input, project id, month and original values.
type FlowRow = (usize, String, MonthFlow, Vec<(String, String)>);

/// How to read the inputs of a run.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub read: ReadOptions,
    /// Run currency given on the command line; otherwise the first input's
    /// Settings sheet decides, else USD.
    pub currency: Option<String>,
    /// Rates given on the command line, and where they came from.
    pub fx: BTreeMap<String, f64>,
    pub fx_source: String,
    /// How much one input may cost (`--max-input-mb`).
    pub limits: Limits,
}

/// The run currency once decided, and every rate known so far with its source.
#[derive(Debug, Default)]
struct Rates {
    run: Option<String>,
    fx: BTreeMap<String, (f64, String)>,
    used: BTreeSet<String>,
}

/// What the inputs held.
#[derive(Debug, Clone, Default)]
pub struct Intake {
    /// Projects ready to score, in input order.
    pub projects: Vec<Project>,
    /// Rows that cannot be scored, in input order.
    pub rejected: Vec<RejectedRow>,
    /// One record per input, in the order given.
    pub inputs: Vec<InputRecord>,
    /// The run currency.
    pub currency: String,
    /// Rates used to convert rows, by currency.
    pub fx_used: Vec<FxRate>,
}

/// SHA-256 of bytes as lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Reads every input. A file that cannot be read is recorded as unreadable
/// and the others still count.
#[must_use]
pub fn read_portfolio(paths: &[PathBuf], opts: &ImportOptions, ruleset: &Ruleset) -> Intake {
    read_inputs(paths.iter().map(|p| (p.as_path(), None)), opts, ruleset)
}

/// Reads one input from bytes already in memory, named `name` in every
/// message, exactly as [`read_portfolio`] reads a file of those bytes.
#[must_use]
pub fn read_bytes(name: &str, bytes: Vec<u8>, opts: &ImportOptions, ruleset: &Ruleset) -> Intake {
    read_inputs(
        std::iter::once((Path::new(name), Some(bytes))),
        opts,
        ruleset,
    )
}

fn read_inputs<'a>(
    files: impl Iterator<Item = (&'a Path, Option<Vec<u8>>)>,
    opts: &ImportOptions,
    ruleset: &Ruleset,
) -> Intake {
    let mut drafts: Vec<(usize, Draft)> = Vec::new();
    let mut flows: Vec<FlowRow> = Vec::new();
    let mut rejected: Vec<(usize, RejectedRow)> = Vec::new();
    let mut inputs = Vec::new();
    let mut rates = Rates {
        run: opts.currency.clone(),
        fx: opts
            .fx
            .iter()
            .map(|(c, r)| (c.clone(), (*r, opts.fx_source.clone())))
            .collect(),
        used: BTreeSet::new(),
    };
    for (index, (path, bytes)) in files.enumerate() {
        let mut record = InputRecord {
            path: path.display().to_string(),
            sha256: String::new(),
            format: None,
            sheets: Vec::new(),
            rows_read: 0,
            projects: 0,
            rejected: 0,
            skipped: 0,
            cash_flow_rows: 0,
            state: InputState::Read,
            notes: Vec::new(),
        };
        let mut sink = FileSink {
            input: index,
            drafts: &mut drafts,
            flows: &mut flows,
            rejected: &mut rejected,
            rates: &mut rates,
        };
        let _reading = ReadingFile::start(&record.path);
        if let Err(err) = read_file(path, bytes, opts, ruleset, &mut record, &mut sink) {
            record.state = InputState::Unreadable(err.0);
        }
        inputs.push(record);
    }
    let mut intake = finish(drafts, flows, rejected, inputs, &mut rates.used);
    let run = rates.run.unwrap_or_else(|| "USD".to_string());
    intake.fx_used = rates
        .used
        .iter()
        .filter_map(|c| {
            rates.fx.get(c).map(|(rate, source)| FxRate {
                currency: c.clone(),
                rate: *rate,
                source: source.clone(),
            })
        })
        .collect();
    intake.currency = run;
    intake
}

struct FileSink<'a> {
    input: usize,
    drafts: &'a mut Vec<(usize, Draft)>,
    flows: &'a mut Vec<FlowRow>,
    rejected: &'a mut Vec<(usize, RejectedRow)>,
    rates: &'a mut Rates,
}

fn read_file(
    path: &Path,
    bytes: Option<Vec<u8>>,
    opts: &ImportOptions,
    ruleset: &Ruleset,
    record: &mut InputRecord,
    sink: &mut FileSink,
) -> Result<(), SourceError> {
    let bytes = match bytes {
        Some(bytes) => bytes,
        None => opts.limits.read_file(path)?,
    };
    record.sha256 = sha256_hex(&bytes);
    let stem = path.file_stem().map_or_else(
        || "Sheet1".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let (mut source, format, encoding) = super::source::open(bytes, &stem, opts.limits)?;
    record.format = Some(format.name().to_string());
    if !encoding.is_empty() && encoding != "UTF-8" {
        record.notes.push(format!("decoded as {encoding}"));
    }
    let settings = super::settings::read_settings(source.as_mut())?.unwrap_or_default();
    let run = sink
        .rates
        .run
        .get_or_insert_with(|| {
            settings
                .currency
                .clone()
                .unwrap_or_else(|| "USD".to_string())
        })
        .clone();
    for (code, rate, cell) in &settings.fx {
        let place = format!("{}:{cell}", path.display());
        match sink.rates.fx.get(code) {
            None => {
                sink.rates.fx.insert(code.clone(), (*rate, place));
            }
            Some((known, from)) if (known - rate).abs() > f64::EPSILON * known.abs() => {
                record.notes.push(format!(
                    "the {code} rate {rate} at {place} differs from {known} given by {from}; {known} is used"
                ));
            }
            Some(_) => {}
        }
    }
    let currency = Currency {
        code: run.clone(),
        fx: sink
            .rates
            .fx
            .iter()
            .map(|(c, (r, _))| (c.clone(), *r))
            .collect(),
        file_default: settings.currency.unwrap_or(run),
    };
    let tables = find_tables(source.as_mut(), opts.read.sheet.as_deref())?;
    if tables.projects.is_none() && tables.cash_flows.is_empty() {
        {
            return Err(SourceError(format!(
                "no projects table found: no row among the first {} of any sheet names two intake fields; an intake needs columns for {} (run `airoi template` for a blank intake workbook)",
                super::tables::HEADER_SEARCH_ROWS,
                FIELDS
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    let file = FileCtx {
        opts,
        ruleset,
        path,
        currency: &currency,
    };
    let tables = tables.projects.iter().chain(&tables.cash_flows);
    for table in tables {
        read_table(source.as_mut(), table, &file, record, sink)?;
    }
    Ok(())
}

/// What every table of one file is read with.
struct FileCtx<'a> {
    opts: &'a ImportOptions,
    ruleset: &'a Ruleset,
    path: &'a Path,
    currency: &'a Currency,
}

fn read_table(
    source: &mut dyn Source,
    table: &Table,
    file: &FileCtx,
    record: &mut InputRecord,
    sink: &mut FileSink,
) -> Result<(), SourceError> {
    let FileCtx {
        opts,
        ruleset,
        path,
        currency,
    } = *file;
    let info = source.sheets()[table.sheet].clone();
    let origin: OriginRef = Arc::new(Origin {
        file: path.display().to_string(),
        sheet: info.name.clone(),
    });
    record.sheets.push(info.name.clone());
    if info.hidden {
        record.notes.push(format!(
            "sheet {} is hidden; it was read like a visible one",
            info.name
        ));
    }
    let is_1904 = source.is_1904();
    let parse = ParseCtx {
        decimal_comma: opts.read.decimal_comma,
        date_order: opts.read.date_order,
        is_1904,
        aliases: &ruleset.provider_aliases,
        share_tolerance: ruleset.share_tolerance,
    };
    let is_flows = table.kind == super::columns::TableKind::CashFlows;
    let fields = if is_flows { CASH_FLOW_FIELDS } else { FIELDS };
    let mut header: Option<HeaderMap> = None;
    let mut previous_row = table.header_row;
    let mut hidden_rows: Vec<u32> = Vec::new();
    let mut visit = |row: Row| -> ControlFlow<()> {
        if row.hidden && row.number > table.header_row {
            hidden_rows.push(row.number);
        }
        if row.number < table.header_row {
            return ControlFlow::Continue(());
        }
        let Some(map) = header.as_ref() else {
            let map = HeaderMap::new(&row, fields);
            record
                .notes
                .extend(map.notes.iter().map(|n| format!("{}: {n}", info.name)));
            let missing = super::rows::missing_columns(&map);
            if !is_flows && !missing.is_empty() {
                record.notes.push(format!(
                    "{}: the projects table (header in row {}) has no column for {}; none of its rows can be scored",
                    info.name,
                    row.number,
                    missing.join(", ")
                ));
            }
            header = Some(map);
            return ControlFlow::Continue(());
        };
        // Rows with no cells at all are never visited: count the gap as blank rows.
        let gap = row.number.saturating_sub(previous_row).saturating_sub(1) as usize;
        previous_row = row.number;
        record.rows_read += 1 + gap;
        record.skipped += gap;
        if row.is_blank() {
            record.skipped += 1;
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
                    let values = super::rows::original_values(&row, map);
                    sink.flows.push((sink.input, id, flow, values));
                }
                Err(rej) => sink.rejected.push((sink.input, rej)),
            }
        } else {
            match read_project_row(&row, &ctx) {
                RowOutcome::Project(draft) => sink.drafts.push((sink.input, *draft)),
                RowOutcome::Rejected(rej) => sink.rejected.push((sink.input, rej)),
                RowOutcome::Skipped(why) => {
                    record.skipped += 1;
                    record.notes.push(format!("{}: {why}", info.name));
                }
            }
        }
        ControlFlow::Continue(())
    };
    source.visit(table.sheet, &mut visit)?;
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
    Ok(())
}

/// Merges drafts across files: duplicates rejected, cash flows attached,
/// money fields required where no cash flows were given.
fn finish(
    drafts: Vec<(usize, Draft)>,
    flows: Vec<FlowRow>,
    mut rejected: Vec<(usize, RejectedRow)>,
    mut inputs: Vec<InputRecord>,
    converted: &mut BTreeSet<String>,
) -> Intake {
    let mut first_seen: HashMap<String, SourceCell> = HashMap::new();
    let mut kept: Vec<(usize, Draft)> = Vec::with_capacity(drafts.len());
    for (input, draft) in drafts {
        let p = &draft.project;
        let id_col = draft.id_col;
        let here = SourceCell {
            origin: p.origin.clone(),
            pos: CellPos {
                row: p.row,
                col: id_col,
            },
        };
        if let Some(first) = first_seen.get(&p.project_id) {
            rejected.push((
                input,
                RejectedRow {
                    origin: p.origin.clone(),
                    row: p.row,
                    problems: vec![Problem {
                        cell: Some(here.pos),
                        column: Some("project_id".into()),
                        value: Some(p.project_id.clone()),
                        message: format!(
                            "duplicate project_id \"{}\": first at {first}; only the first is scored",
                            p.project_id
                        ),
                    }],
                    values: draft.values,
                },
            ));
        } else {
            first_seen.insert(p.project_id.clone(), here);
            kept.push((input, draft));
        }
    }

    let mut by_project: HashMap<String, Vec<MonthFlow>> = HashMap::new();
    for (input, id, flow, values) in flows {
        if !first_seen.contains_key(&id) {
            rejected.push((
                input,
                flow_problem(
                    &flow,
                    values,
                    format!("project_id \"{id}\" matches no project row in this run"),
                    &id,
                ),
            ));
            continue;
        }
        let months = by_project.entry(id.clone()).or_default();
        if let Some(prev) = months.iter().find(|m| m.month == flow.month) {
            let message = format!(
                "month {} of project {id} is given twice; first at {}",
                flow.month, prev.source
            );
            rejected.push((input, flow_problem(&flow, values, message, &id)));
            continue;
        }
        months.push(flow);
        inputs[input].cash_flow_rows += 1;
    }

    let mut projects = Vec::with_capacity(kept.len());
    for (input, mut draft) in kept {
        if let Some(mut months) = by_project.remove(&draft.project.project_id) {
            months.sort_by_key(|m| m.month);
            draft.project.cash_flows = Some(months);
        } else if !draft.compute_given || !draft.benefit_given {
            let mut problems = Vec::new();
            for (given, name, col) in [
                (
                    draft.compute_given,
                    "monthly_compute_cost",
                    draft.compute_col,
                ),
                (draft.benefit_given, "monthly_benefit", draft.benefit_col),
            ] {
                if !given {
                    problems.push(Problem {
                        cell: col.map(|col| CellPos { row: draft.project.row, col }),
                        column: Some(name.into()),
                        value: col.map(|_| String::new()),
                        message: if col.is_some() {
                            "is empty; give an amount, or monthly cash flows for this project".into()
                        } else {
                            format!("the table has no {name} column and no cash flows were given for this project")
                        },
                    });
                }
            }
            rejected.push((
                input,
                RejectedRow {
                    origin: draft.project.origin.clone(),
                    row: draft.project.row,
                    problems,
                    values: draft.values,
                },
            ));
            continue;
        }
        inputs[input].projects += 1;
        if let Some(code) = draft.converted_from {
            converted.insert(code);
        }
        projects.push(draft.project);
    }
    rejected.sort_by_key(|(input, r)| (*input, r.origin.sheet.clone(), r.row));
    for (input, _) in &rejected {
        inputs[*input].rejected += 1;
    }
    Intake {
        projects,
        rejected: rejected.into_iter().map(|(_, r)| r).collect(),
        inputs,
        currency: String::new(),
        fx_used: Vec::new(),
    }
}

fn flow_problem(
    flow: &MonthFlow,
    values: Vec<(String, String)>,
    message: String,
    id: &str,
) -> RejectedRow {
    RejectedRow {
        origin: flow.source.origin.clone(),
        row: flow.source.pos.row,
        problems: vec![Problem {
            cell: Some(flow.source.pos),
            column: Some("project_id".into()),
            value: Some(id.to_string()),
            message,
        }],
        values,
    }
}
