//! The report's run record and ruleset appendix, formatted: the tool and
//! version, the input files and reading options, exchange rates, the
//! changes since a baseline ([`super::baseline`]), the record as JSON for
//! `airoi verify`, and the effective ruleset as `airoi rules` prints it.

use std::path::Path;

use serde::Serialize;

use super::baseline::{ChangesView, changes_view};
use super::project::KeyValue;
use crate::format;
use crate::model::GradedRun;

/// The run record, formatted.
#[derive(Debug, Serialize)]
pub struct RunView {
    pub tool: &'static str,
    pub version: &'static str,
    pub as_of: String,
    pub currency: String,
    /// How money is written in the report, so sums check by hand.
    pub money_rule: String,
    pub horizon_months: u32,
    pub target: String,
    pub ruleset_name: String,
    pub ruleset_sha256: String,
    /// Keys that differ from the default ruleset; empty for the default.
    pub ruleset_overrides: Vec<String>,
    pub ruleset_path: Option<String>,
    pub inputs: Vec<InputView>,
    /// Reading options that change values, each with its setting.
    pub options: Vec<KeyValue>,
    pub template_sha256: Option<String>,
    /// Exchange rates used, one line each: `1 EUR = 1.1 USD (--fx rates.csv)`.
    pub fx: Vec<String>,
    /// Expected business units that sent nothing; `None` without `--expect`.
    pub missing_units: Option<Vec<String>>,
    /// What moved since the baseline run; `None` without `--baseline`.
    pub changes: Option<ChangesView>,
    /// The run record as JSON, embedded so `airoi verify` can read it back.
    pub record_json: String,
    /// A Markdown code fence longer than any backtick run in `record_json`.
    pub record_fence: String,
}

/// One input file of the run.
#[derive(Debug, Serialize)]
pub struct InputView {
    pub number: usize,
    pub path: String,
    pub sha256: String,
    pub format: String,
    pub sheets: String,
    pub rows_read: usize,
    pub projects: usize,
    pub cash_flow_rows: usize,
    pub rejected: usize,
    pub skipped: usize,
    /// `read`, or why the file could not be read.
    pub state: String,
    pub notes: Vec<String>,
}

/// The effective ruleset as `airoi rules` prints it.
#[derive(Debug, Serialize)]
pub struct RulesetView {
    pub name: String,
    pub toml: String,
    /// `toml` in paragraphs, each with the blank line after it: together
    /// they are `toml`, and the HTML report keeps each on one page.
    pub paragraphs: Vec<String>,
    /// A Markdown code fence longer than any backtick run in `toml`.
    pub fence: String,
}

/// The run record of `run`; `folder` is where the report is written.
pub fn run_view(run: &GradedRun, folder: Option<&Path>) -> RunView {
    let r = &run.run;
    let record_json = crate::export::json::run_record_json(run, folder).unwrap_or_default();
    let options = &r.options;
    RunView {
        tool: r.tool,
        version: r.version,
        as_of: r.as_of.format("%Y-%m-%d").to_string(),
        currency: r.currency.clone(),
        money_rule: format!(
            "whole {}, rounded from the amounts computed: a total or product is of the \
             amounts before rounding, so adding shown figures may differ by a unit",
            r.currency
        ),
        horizon_months: run.ruleset.horizon_months,
        target: format::target(run.ruleset.target_ratio),
        ruleset_name: r.ruleset.name.clone(),
        ruleset_sha256: r.ruleset.sha256.clone(),
        ruleset_overrides: r.ruleset.overrides.clone(),
        ruleset_path: r.ruleset.path.clone(),
        inputs: r
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| InputView {
                number: i + 1,
                path: input.path.clone(),
                sha256: input.sha256.clone(),
                format: input.format.clone().unwrap_or_else(|| "unknown".into()),
                sheets: input.sheets.join(", "),
                rows_read: input.rows_read,
                projects: input.projects,
                cash_flow_rows: input.cash_flow_rows,
                rejected: input.rejected,
                skipped: input.skipped,
                state: input.state.describe(),
                notes: input.notes.clone(),
            })
            .collect(),
        options: vec![
            KeyValue::new("--decimal-comma", format::yes_no(options.decimal_comma)),
            KeyValue::new(
                "--date-order",
                options
                    .date_order
                    .map_or("none (slash dates rejected)", |o| match o {
                        crate::model::DateOrder::Dmy => "dmy (day first)",
                        crate::model::DateOrder::Mdy => "mdy (month first)",
                    }),
            ),
            KeyValue::new(
                "--sheet",
                options.sheet.as_deref().unwrap_or("detected per file"),
            ),
        ],
        template_sha256: r.report_template_sha256.clone(),
        fx: r
            .fx
            .iter()
            .map(|fx| {
                format!(
                    "1 {} = {} {} ({})",
                    fx.currency, fx.rate, r.currency, fx.source
                )
            })
            .collect(),
        missing_units: run.missing_units.clone(),
        changes: run.changes.as_ref().map(changes_view),
        record_fence: fence_for(&record_json),
        record_json,
    }
}

/// A Markdown code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The effective ruleset, whole and in paragraphs.
pub fn ruleset_view(run: &GradedRun) -> RulesetView {
    let toml = crate::rules::canonical_toml(&run.ruleset);
    RulesetView {
        name: run.ruleset.name.clone(),
        fence: fence_for(&toml),
        paragraphs: toml.split_inclusive("\n\n").map(str::to_owned).collect(),
        toml,
    }
}
