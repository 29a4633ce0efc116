//! What a run read, rejected and was run with: the rejected rows with their
//! problems, each input's record, and the run record that makes an output
//! reproducible.

use chrono::NaiveDate;
use serde::Serialize;

use super::field_id::FieldId;
use super::reading::TableReading;
use super::source::{CellPos, OriginRef};

/// One problem with one cell (or a whole row when `cell` is `None`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The cell at fault.
    pub cell: Option<CellPos>,
    /// The intake field of the column at fault.
    pub column: Option<FieldId>,
    /// The value found, as text.
    pub value: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

/// An input row that could not be scored, with every problem found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    /// The file and sheet the row is in.
    pub origin: OriginRef,
    /// 1-based row number.
    pub row: u32,
    /// Every problem found in the row, in column order.
    pub problems: Vec<Problem>,
    /// The row's original cells as text, header → value, in file order.
    pub values: Vec<(String, String)>,
}

impl RejectedRow {
    /// Each problem as a one-line diagnostic: `file:Sheet!D7: column: message`.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                let cell = p
                    .cell
                    .map_or_else(|| format!("row {}", self.row), CellPos::a1);
                let column = p.column.map_or(String::new(), |c| format!("{c}: "));
                format!(
                    "{}:{}!{}: {}{}",
                    self.origin.file, self.origin.sheet, cell, column, p.message
                )
            })
            .collect()
    }
}

/// How reading one input went.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "message")]
pub enum InputState {
    /// Read; its rows are scored or rejected.
    Read,
    /// Could not be read at all; the message says why.
    Unreadable(String),
    /// Read up to a point where the file is damaged: the rows before it are
    /// scored or rejected, the rest could not be read; the message says
    /// where and why.
    Damaged(String),
    /// Read, but some of its tables were refused whole (each lacks a column
    /// every project needs): their rows are not scored; the message says
    /// which tables and why.
    Partial(String),
}

impl InputState {
    /// Whether the whole file was read.
    #[must_use]
    pub fn is_read(&self) -> bool {
        matches!(self, InputState::Read)
    }

    /// The state in words, for a sheet or a report: `read`, or
    /// `unreadable: why`, or `read in part: why` (damaged or partial).
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            InputState::Read => "read".to_string(),
            InputState::Unreadable(why) => format!("unreadable: {why}"),
            InputState::Damaged(why) | InputState::Partial(why) => format!("read in part: {why}"),
        }
    }
}

/// One input file of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputRecord {
    /// The path as given.
    pub path: String,
    /// The path relative to the folder of the output that records it
    /// (`../units/finance.xlsx`), so `airoi verify` finds the input where
    /// output and inputs were moved together. Each output works it out
    /// from its own folder as it is written ([`RelativePaths`]); empty in
    /// the run itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_path: Option<String>,
    /// SHA-256 of the file's bytes, lower-case hex; empty when it could not be read.
    pub sha256: String,
    /// The detected format (`xlsx`, `csv` ...).
    pub format: Option<String>,
    /// The sheets tables were read from.
    pub sheets: Vec<String>,
    /// Data rows below a header, blank rows included. Always equal to
    /// `projects + cash_flow_rows + rejected + skipped`.
    pub rows_read: usize,
    /// Project rows that became projects.
    pub projects: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// Blank rows, totals rows and other rows that are not projects.
    pub skipped: usize,
    /// Cash-flow rows attached to a project (rejected ones count in `rejected`).
    pub cash_flow_rows: usize,
    /// Serialised as `"state": "read"`, or `"state": "unreadable"` or
    /// `"damaged"` with `"message": "..."`.
    #[serde(flatten)]
    pub state: InputState,
    /// What the importer noticed about the file (hidden sheet, which table was used ...).
    pub notes: Vec<String>,
    /// How each table read was understood, in the order of `sheets`.
    pub tables: Vec<TableReading>,
}

/// Options that change how values are read, recorded so a run can be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReadOptions {
    /// Read texts that take either separator (`1,200`) with a decimal
    /// comma in files that show neither convention.
    pub decimal_comma: bool,
    /// `dmy` or `mdy` for slash dates; `None` rejects them as ambiguous.
    pub date_order: Option<DateOrder>,
    /// Sheet to read projects from, overriding detection.
    pub sheet: Option<String>,
}

/// Day-month order of slash-separated dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 03/04/2026 is 3 April 2026.
    Dmy,
    /// 03/04/2026 is 4 March 2026.
    Mdy,
}

/// A file a run read besides its inputs, by path and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRef {
    pub path: String,
    pub sha256: String,
}

/// Options that shape the outputs, recorded so `airoi verify` can
/// reproduce them exactly.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct OutputRecord {
    /// Projects above which the per-month Cash flows sheet is capped.
    pub cash_flows_cap: usize,
    /// The `--expect` list of business units.
    pub expect: Option<FileRef>,
    /// The `--baseline` run compared with.
    pub baseline: Option<FileRef>,
    /// Projects the audit report details, when the run had more
    /// (`--report-projects`); absent when the report details every project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_projects: Option<usize>,
    /// The names of the scenarios the run scored (`--scenario`, all of the
    /// ruleset's by default, none with `--no-scenarios`); absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<String>,
}

/// An exchange rate a run used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FxRate {
    /// ISO 4217 code converted from.
    pub currency: String,
    /// One unit of it in run-currency units.
    pub rate: f64,
    /// Where the rate came from: `--fx FILE` or a Settings cell.
    pub source: String,
}

/// The run record every output carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunRecord {
    pub tool: &'static str,
    pub version: &'static str,
    pub as_of: NaiveDate,
    /// Run currency, ISO 4217.
    pub currency: String,
    /// Exchange rates used to convert rows into the run currency.
    pub fx: Vec<FxRate>,
    pub ruleset: RulesetRecord,
    pub inputs: Vec<InputRecord>,
    pub options: ReadOptions,
    pub outputs: OutputRecord,
    /// SHA-256 of the report template, when `--report-template` replaced the built-in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_template_sha256: Option<String>,
    /// The cloud bills read (`--bills`), when any were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bills: Option<super::BillsRecord>,
    /// Where the outputs take each input's `relative_path` from.
    #[serde(skip)]
    pub relative_paths: RelativePaths,
}

/// Where an output's run record takes each input's
/// [`InputRecord::relative_path`] from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RelativePaths {
    /// Worked out from the output's own folder as the output is written.
    #[default]
    FromOutput,
    /// As an earlier run recorded them, absent where it recorded none: a
    /// run re-scored by `airoi verify`, whose outputs must be the
    /// recorded ones byte for byte.
    Recorded,
}

/// Which ruleset a run used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulesetRecord {
    pub name: String,
    /// SHA-256 of the canonical TOML text (`airoi rules` output).
    pub sha256: String,
    /// Keys that differ from the default ruleset.
    pub overrides: Vec<String>,
    /// The override file, when one was given.
    pub path: Option<String>,
}
