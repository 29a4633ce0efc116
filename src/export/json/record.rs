//! Reading outputs back: the run record a graded workbook, an audit report
//! or a JSON document embeds (for `airoi verify`), and whole JSON documents
//! (for `airoi diff` and `--baseline`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::Reader;
use serde_json::Value;
use thiserror::Error;

use crate::export::report::ReportFormat;
use crate::export::workbook::run_record::RUN_RECORD_SHEET;
use crate::model::{DateOrder, ReadOptions};

/// Why an output's run record or a JSON document could not be read.
#[derive(Debug, Error)]
pub enum RecordError {
    /// The file could not be read.
    #[error("reading {}", .path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A document that should be JSON is not.
    #[error("{} is not JSON", .path.display())]
    NotJson {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// A zip file that is no workbook calamine can open.
    #[error("{} is not an .xlsx workbook; {VERIFY_READS}", .0.display())]
    NotAWorkbook(PathBuf),
    /// A workbook without the hidden run-record sheet.
    #[error(
        "{} is a workbook without a run record, not one written by `airoi score`; {VERIFY_READS}",
        .0.display()
    )]
    NoRunRecord(PathBuf),
    /// The embedded run record is not valid JSON.
    #[error("the run record in {} is damaged", .path.display())]
    Damaged {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// Neither a workbook, nor a report, nor JSON.
    #[error("{} is not an output of `airoi score`; {VERIFY_READS}", .0.display())]
    UnknownOutput(PathBuf),
    /// JSON written by something else than airoi.
    #[error("{} is JSON but not an airoi document; {VERIFY_READS}", .0.display())]
    NotAiroi(PathBuf),
    /// The record holds no ruleset to re-score with.
    #[error("the run record holds no ruleset")]
    NoRuleset,
    /// The record holds no as-of date.
    #[error("the run record has no as-of date")]
    NoAsOf,
}

/// The outputs whose run record `airoi verify` reads, for its refusals.
/// Why a file is refused is said in words: a parser's message about a
/// file that is no output at all would help nobody.
const VERIFY_READS: &str = "airoi verify reads the outputs of `airoi score`, which carry their \
     run record: a graded workbook (.xlsx, -o), a JSON document (.json, --json) or an audit \
     report (.html or .md, --report)";

/// Which output a run record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordedOutput {
    /// A JSON document (its `run` object).
    Json,
    /// A graded workbook (its hidden run-record sheet).
    Workbook,
    /// An audit report in the given format (its embedded block).
    Report(ReportFormat),
}

/// A file a run record names, with the SHA-256 it had at the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedFile {
    /// `input`, `expect`, `baseline` or `bill`.
    pub role: &'static str,
    /// The path as the run was given it.
    pub path: String,
    /// The path relative to the output's folder, when the record has it.
    pub relative_path: Option<String>,
    /// The recorded SHA-256, empty when none was recorded.
    pub sha256: String,
}

/// The run record of an output: what a run read, with which ruleset and
/// options, so it can be re-scored.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord(Value);

/// Reads an airoi JSON document.
///
/// # Errors
/// [`RecordError::Unreadable`] or [`RecordError::NotJson`].
pub fn read_document(path: &Path) -> Result<Value, RecordError> {
    let text = std::fs::read_to_string(path).map_err(|source| RecordError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| RecordError::NotJson {
        path: path.to_path_buf(),
        source,
    })
}

/// The run record embedded in `bytes`, the contents of the output at
/// `path`, and which kind of output it is.
///
/// # Errors
/// A [`RecordError`] naming why `bytes` hold no readable airoi run record.
pub fn read_run_record(
    path: &Path,
    bytes: &[u8],
) -> Result<(RecordedOutput, RunRecord), RecordError> {
    let damaged = |source| RecordError::Damaged {
        path: path.to_path_buf(),
        source,
    };
    if bytes.starts_with(b"PK") {
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
            .map_err(|_| RecordError::NotAWorkbook(path.to_path_buf()))?;
        let range = book
            .worksheet_range(RUN_RECORD_SHEET)
            .map_err(|_| RecordError::NoRunRecord(path.to_path_buf()))?;
        let text: String = range
            .rows()
            .filter_map(|r| r.first().map(ToString::to_string))
            .collect();
        let record = serde_json::from_str(&text).map_err(damaged)?;
        return Ok((RecordedOutput::Workbook, RunRecord(record)));
    }
    if let Some((format, json)) = std::str::from_utf8(bytes).ok().and_then(report_record) {
        let record = serde_json::from_str(&json).map_err(damaged)?;
        return Ok((RecordedOutput::Report(format), RunRecord(record)));
    }
    let doc: Value = serde_json::from_slice(bytes)
        .map_err(|_| RecordError::UnknownOutput(path.to_path_buf()))?;
    if doc["run"]["tool"] != "airoi" {
        return Err(RecordError::NotAiroi(path.to_path_buf()));
    }
    Ok((RecordedOutput::Json, RunRecord(doc["run"].clone())))
}

/// The run record a report embeds: a hidden `<pre>` in HTML, a fenced
/// block in Markdown.
fn report_record(text: &str) -> Option<(ReportFormat, String)> {
    const HTML_OPEN: &str = "<pre hidden=\"hidden\" id=\"airoi-run-record\">";
    if let Some(start) = text.find(HTML_OPEN) {
        let body = &text[start + HTML_OPEN.len()..];
        let end = body.find("</pre>")?;
        let json = body[..end]
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        return Some((ReportFormat::Html, json));
    }
    let marker = "json airoi-run-record\n";
    let start = text.find(marker)? + marker.len();
    let body = &text[start..];
    let end = body.find("\n```")?;
    Some((ReportFormat::Markdown, body[..end].to_string()))
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

impl RunRecord {
    /// The inputs, then the `--expect` and `--baseline` files, as recorded.
    #[must_use]
    pub fn files(&self) -> Vec<RecordedFile> {
        let mut files: Vec<(&'static str, &Value)> = Vec::new();
        if let Some(inputs) = self.0["inputs"].as_array() {
            files.extend(inputs.iter().map(|i| ("input", i)));
        }
        for key in ["expect", "baseline"] {
            if self.0["outputs"][key].is_object() {
                files.push((key, &self.0["outputs"][key]));
            }
        }
        if let Some(bills) = self.0["bills"]["files"].as_array() {
            files.extend(bills.iter().map(|b| ("bill", b)));
        }
        files
            .into_iter()
            .map(|(role, file)| RecordedFile {
                role,
                path: file["path"].as_str().unwrap_or_default().to_string(),
                relative_path: text(&file["relative_path"]),
                sha256: file["sha256"].as_str().unwrap_or_default().to_string(),
            })
            .collect()
    }

    /// The input paths, in the run's order.
    #[must_use]
    pub fn input_paths(&self) -> Vec<PathBuf> {
        self.0["inputs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["path"].as_str().map(PathBuf::from))
            .collect()
    }

    /// Each input's path relative to the output's folder, in the run's
    /// order; `None` where the record has none (an earlier airoi's).
    #[must_use]
    pub fn input_relative_paths(&self) -> Vec<Option<String>> {
        self.0["inputs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|i| i["path"].is_string())
            .map(|i| text(&i["relative_path"]))
            .collect()
    }

    /// The ruleset's canonical TOML.
    ///
    /// # Errors
    /// [`RecordError::NoRuleset`] when the record holds none.
    pub fn ruleset_toml(&self) -> Result<&str, RecordError> {
        self.0["ruleset"]["toml"]
            .as_str()
            .ok_or(RecordError::NoRuleset)
    }

    /// The path the ruleset was read from, if it came from a file.
    #[must_use]
    pub fn ruleset_path(&self) -> Option<String> {
        text(&self.0["ruleset"]["path"])
    }

    /// The ruleset's recorded SHA-256.
    #[must_use]
    pub fn ruleset_sha256(&self) -> Option<&str> {
        self.0["ruleset"]["sha256"].as_str()
    }

    /// How the inputs were read.
    #[must_use]
    pub fn read_options(&self) -> ReadOptions {
        let options = &self.0["options"];
        ReadOptions {
            decimal_comma: options["decimal_comma"].as_bool().unwrap_or(false),
            date_order: match options["date_order"].as_str() {
                Some("dmy") => Some(DateOrder::Dmy),
                Some("mdy") => Some(DateOrder::Mdy),
                _ => None,
            },
            sheet: text(&options["sheet"]),
        }
    }

    /// The exchange rates given on the command line (`--fx`), and the
    /// option that gave them (empty when none was given).
    #[must_use]
    pub fn fx(&self) -> (BTreeMap<String, f64>, String) {
        let mut fx = BTreeMap::new();
        let mut fx_source = String::new();
        for rate in self.0["fx"].as_array().into_iter().flatten() {
            let source = rate["source"].as_str().unwrap_or_default();
            if source.starts_with("--fx") {
                if let (Some(c), Some(r)) = (rate["currency"].as_str(), rate["rate"].as_f64()) {
                    fx.insert(c.to_string(), r);
                    fx_source = source.to_string();
                }
            }
        }
        (fx, fx_source)
    }

    /// The reporting currency, when the run named one.
    #[must_use]
    pub fn currency(&self) -> Option<String> {
        text(&self.0["currency"])
    }

    /// The date the run was graded as of.
    ///
    /// # Errors
    /// [`RecordError::NoAsOf`] when the record holds no readable date.
    pub fn as_of(&self) -> Result<chrono::NaiveDate, RecordError> {
        self.0["as_of"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or(RecordError::NoAsOf)
    }

    /// The `--expect` file, if the run had one.
    #[must_use]
    pub fn expect_path(&self) -> Option<PathBuf> {
        text(&self.0["outputs"]["expect"]["path"]).map(PathBuf::from)
    }

    /// The `--baseline` document, if the run had one.
    #[must_use]
    pub fn baseline_path(&self) -> Option<PathBuf> {
        text(&self.0["outputs"]["baseline"]["path"]).map(PathBuf::from)
    }

    /// The Cash flows sheet's cap, when recorded.
    #[must_use]
    pub fn cash_flows_cap(&self) -> Option<usize> {
        self.0["outputs"]["cash_flows_cap"]
            .as_u64()
            .map(|n| n as usize)
    }

    /// The scenarios the run scored; none for a run recorded before there
    /// were scenarios.
    #[must_use]
    pub fn scenarios(&self) -> Vec<String> {
        self.0["outputs"]["scenarios"]
            .as_array()
            .map(|names| {
                names
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Projects the report detailed, when the run capped them.
    #[must_use]
    pub fn report_projects(&self) -> Option<usize> {
        self.0["outputs"]["report_projects"]
            .as_u64()
            .map(|n| n as usize)
    }

    /// The bill files and folders the run was given (`--bills`) and the
    /// cost basis, when it read any, and whether the one path is a
    /// warehouse's result of the `airoi bills-sql` query.
    #[must_use]
    pub fn bills(&self) -> Option<(Vec<PathBuf>, crate::model::CostBasis, bool)> {
        let bills = self.0.get("bills")?;
        let basis = match bills["cost_basis"].as_str() {
            Some("billed") => crate::model::CostBasis::Billed,
            _ => crate::model::CostBasis::Effective,
        };
        let paths = bills["paths"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f.as_str().map(PathBuf::from))
            .collect();
        let aggregate = bills["aggregate"].as_bool().unwrap_or(false);
        Some((paths, basis, aggregate))
    }

    /// The bill files the run read (folders expanded), in order, each with
    /// its recorded `relative_path`.
    #[must_use]
    pub fn bill_files(&self) -> Vec<(String, Option<String>)> {
        self.0["bills"]["files"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| Some((f["path"].as_str()?.to_string(), text(&f["relative_path"]))))
            .collect()
    }

    /// The SHA-256 of the report template, when the run used its own.
    #[must_use]
    pub fn report_template_sha256(&self) -> Option<&str> {
        self.0["report_template_sha256"].as_str()
    }
}
