//! `airoi verify OUTPUT`: proves an output came from exactly the files its
//! run record names. Finds the inputs (where the run read them, beside the
//! output, or under `--inputs`: see [`super::locate`]), checks their
//! SHA-256, re-scores with the recorded ruleset and options, and compares
//! the result with the output byte for byte.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use calamine::Reader;
use clap::Args;
use serde_json::Value;

use super::ExitStatus;
use crate::export::json::record::{RecordedOutput, RunRecord, read_run_record};
use crate::export::{self, WorkbookOptions};
use crate::import::ImportOptions;
use crate::import::portfolio::sha256_hex;

use crate::pipeline::{Expanded, Plan, grade};

/// Check that an output is reproduced exactly from the inputs it records.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A graded workbook, JSON document or audit report written by `airoi score`.
    pub output: PathBuf,

    /// The report template the run used, when the report records one
    /// (`--report-template`); checked against its recorded SHA-256.
    #[arg(long, value_name = "FILE")]
    pub report_template: Option<PathBuf>,

    /// A folder holding the inputs now (subfolders included): each is
    /// found there by its recorded SHA-256, whatever its name. Without it,
    /// an input missing from its recorded path is looked for beside the
    /// output.
    #[arg(long, value_name = "DIR")]
    pub inputs: Option<PathBuf>,

    /// Most memory one input may cost, as for `score`.
    #[arg(long, value_name = "MB", default_value_t = crate::import::limits::DEFAULT_MAX_INPUT_MB)]
    pub max_input_mb: u64,
}

/// Runs `airoi verify`.
pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitStatus> {
    let bytes = std::fs::read(&args.output)
        .with_context(|| format!("reading {}", args.output.display()))?;
    let (kind, record) = read_run_record(&args.output, &bytes)?;
    let mut out = std::io::stdout().lock();
    if let Some(dir) = args.inputs.as_ref().filter(|d| !d.is_dir()) {
        bail!("--inputs {}: not a folder", dir.display());
    }
    let located = super::locate::locate(&record.files(), &args.output, args.inputs.as_deref());
    for line in &located.found {
        writeln!(out, "{line}")?;
    }
    let mut differences = located.differences;
    if !differences.is_empty() {
        return report(&mut out, &args.output, &differences);
    }
    let mut plan = plan_from(&record, args.max_input_mb)?;
    plan.read_from = located.read_from;
    let mut outcome = grade(&plan)?;
    // Every output of a run whose report was capped records the cap.
    outcome.run.run.outputs.report_projects = record.report_projects();
    let mut chart_differences = Vec::new();
    let fresh = match kind {
        RecordedOutput::Json => {
            let mut buf = Vec::new();
            export::json::write_json(&outcome.run, &mut buf)?;
            buf
        }
        RecordedOutput::Workbook => {
            let dir = tempfile_dir()?;
            let path = dir.join("verify.xlsx");
            let opts = WorkbookOptions {
                cash_flows_cap: plan.cash_flows_cap,
                ..WorkbookOptions::default()
            };
            export::write_workbook(&outcome.run, &path, &opts)?;
            let fresh = std::fs::read(&path)?;
            let _ = std::fs::remove_dir_all(&dir);
            fresh
        }
        RecordedOutput::Report(format) => {
            let template = report_template(args, &record)?;
            let mut run = outcome.run;
            // A report of a big run details only its first projects.
            if let Some(n) = run.run.outputs.report_projects {
                run.scorecard.projects.truncate(n);
            }
            let run = std::sync::Arc::new(run);
            let mut buf = Vec::new();
            export::report::render_report(
                &run,
                format,
                template.as_deref(),
                None,
                &args.output,
                &mut buf,
            )?;
            // A Markdown report's charts are files beside it, outputs too.
            if format == export::report::ReportFormat::Markdown {
                chart_differences = export::report::chart_differences(&run, &args.output);
            }
            buf
        }
    };
    if fresh == bytes && chart_differences.is_empty() {
        writeln!(
            out,
            "{}: reproduced exactly from {} {} (ruleset {}, as of {})",
            args.output.display(),
            plan.inputs.files.len(),
            if plan.inputs.files.len() == 1 {
                "input"
            } else {
                "inputs"
            },
            plan.ruleset_record.name,
            plan.as_of
        )?;
        return Ok(ExitStatus::Clean);
    }
    differences = match kind {
        RecordedOutput::Json => json_differences(&bytes, &fresh),
        RecordedOutput::Workbook => workbook_differences(&bytes, &fresh),
        RecordedOutput::Report(_) => text_differences(&bytes, &fresh),
    };
    differences.extend(chart_differences);
    if differences.is_empty() {
        differences.push(
            "the bytes differ, though every value is the same (a different airoi version?)".into(),
        );
    }
    if matches!(kind, RecordedOutput::Json)
        && serde_json::from_slice::<serde_json::Value>(&bytes)
            .is_ok_and(|doc| doc.get("schema_version").is_none())
    {
        differences.insert(
            0,
            "the record is schema version 1, written by an earlier airoi: payback_month, \
             target_month and irr have changed meaning since (see docs/json.md), so those \
             figures may differ"
                .into(),
        );
    }
    if record
        .ruleset_toml()
        .is_ok_and(crate::rules::has_one_alias_table)
    {
        differences.insert(
            0,
            "the recorded ruleset has the single [provider_aliases] table of an earlier airoi: \
             its names were read into both provider tables ([providers], [model_providers]) \
             and read as they were, but the ruleset is now written in that layout, so its \
             text, SHA-256 and overrides differ"
                .into(),
        );
    }
    report(&mut out, &args.output, &differences)
}

fn report(
    out: &mut dyn Write,
    output: &Path,
    differences: &[String],
) -> anyhow::Result<ExitStatus> {
    writeln!(out, "{}: NOT reproduced", output.display())?;
    for d in differences.iter().take(50) {
        writeln!(out, "  {d}")?;
    }
    if differences.len() > 50 {
        writeln!(out, "  ... and {} more differences", differences.len() - 50)?;
    }
    Ok(ExitStatus::SomeRejected)
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("airoi-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// The replacement report template a run recorded, read and checked.
fn report_template(args: &VerifyArgs, record: &RunRecord) -> anyhow::Result<Option<String>> {
    let Some(want) = record.report_template_sha256() else {
        return Ok(None);
    };
    let Some(path) = &args.report_template else {
        bail!(
            "the report was written with its own template (SHA-256 {want}); pass it with --report-template FILE"
        );
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let got = sha256_hex(text.as_bytes());
    if got != want {
        bail!(
            "{}: SHA-256 is {got}, the report recorded {want}",
            path.display()
        );
    }
    Ok(Some(text))
}

/// The first lines where two texts differ.
fn text_differences(old: &[u8], new: &[u8]) -> Vec<String> {
    let (a, b) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    a.lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(20)
        .map(|(i, (x, y))| {
            format!(
                "line {}: the output has {x:?}, re-scoring gives {y:?}",
                i + 1
            )
        })
        .collect()
}

/// The plan that reproduces a recorded run.
fn plan_from(record: &RunRecord, max_input_mb: u64) -> anyhow::Result<Plan> {
    // The recorded text is checked against its own hash, not re-written
    // first: a ruleset recorded by an earlier airoi (one alias table for
    // both provider lists) is still read, though its canonical text is now
    // written in another layout.
    let text = record.ruleset_toml()?;
    if Some(sha256_hex(text.as_bytes()).as_str()) != record.ruleset_sha256() {
        bail!("the recorded ruleset does not match its recorded SHA-256; the record was altered");
    }
    let ruleset = crate::rules::ruleset_from_toml(text)?;
    let ruleset_record = crate::rules::ruleset_record(&ruleset, record.ruleset_path());
    let (fx, fx_source) = record.fx();
    let as_of = record.as_of()?;
    // A run records the scenarios it scored; none is a run with none.
    let names = record.scenarios();
    let scenarios = super::scenarios::select(&ruleset, &names, names.is_empty())?;
    Ok(Plan {
        scenarios,
        inputs: Expanded {
            files: record.input_paths(),
            skipped: Vec::new(),
        },
        import: ImportOptions {
            read: record.read_options(),
            currency: record.currency(),
            fx,
            fx_source,
            as_of: None,
            limits: crate::import::Limits::from_mb(max_input_mb),
            reopen: false,
        },
        ruleset,
        ruleset_record,
        as_of,
        expect: record.expect_path(),
        baseline: record.baseline_path(),
        cash_flows_cap: record
            .cash_flows_cap()
            .unwrap_or(WorkbookOptions::default().cash_flows_cap),
        report_template_sha256: record.report_template_sha256().map(str::to_string),
        read_from: std::collections::BTreeMap::new(),
        // The outputs are re-written with the relative paths recorded, none
        // where an earlier airoi recorded none.
        relative_paths: crate::model::RelativePaths::Recorded,
        recorded_relative: record.input_relative_paths(),
        bills: record
            .bills()
            .map(|(paths, basis, aggregate)| bills_plan_from(record, paths, basis, aggregate))
            .transpose()?,
    })
}

/// The bills a recorded run read: its folders expanded again where they
/// are still there, else the files it recorded (each found where
/// [`super::locate`] found it), with their recorded relative paths.
fn bills_plan_from(
    record: &RunRecord,
    mut paths: Vec<PathBuf>,
    basis: crate::model::CostBasis,
    aggregate: bool,
) -> anyhow::Result<crate::pipeline::BillsPlan> {
    let files = record.bill_files();
    let mut plan = match paths.pop() {
        Some(path) if aggregate && paths.is_empty() => {
            crate::pipeline::bills_aggregate_plan(path, basis)
        }
        last => {
            paths.extend(last);
            if paths.iter().all(|p| p.exists()) {
                crate::pipeline::bills_plan(paths, basis)?
            } else {
                // Moved: the files as recorded; a moved folder's files
                // that were not bills are not listed again.
                crate::pipeline::BillsPlan {
                    files: files.iter().map(|(p, _)| PathBuf::from(p)).collect(),
                    paths,
                    skipped: Vec::new(),
                    basis,
                    aggregate: false,
                    recorded_relative: std::collections::BTreeMap::new(),
                }
            }
        }
    };
    plan.recorded_relative = files
        .into_iter()
        .filter_map(|(path, relative)| Some((path, relative?)))
        .collect();
    Ok(plan)
}

/// Paths where two JSON documents differ, `run.inputs[0].sha256: "a" ≠ "b"`.
fn json_differences(old: &[u8], new: &[u8]) -> Vec<String> {
    let (Ok(a), Ok(mut b)) = (
        serde_json::from_slice::<Value>(old),
        serde_json::from_slice::<Value>(new),
    ) else {
        return vec!["the output is not valid JSON any more".into()];
    };
    let mut out = unwritten_project_keys(&a, &mut b);
    diff_values("", &a, &b, &mut out);
    out
}

/// A project key no project of the output has (`margins`, from an airoi
/// older than the key) is one difference, not one a project: it is taken
/// out of the re-scored projects and named once.
fn unwritten_project_keys(old: &Value, new: &mut Value) -> Vec<String> {
    let (Some(old), Some(new)) = (
        old["projects"].as_array(),
        new.get_mut("projects").and_then(Value::as_array_mut),
    ) else {
        return Vec::new();
    };
    let Some(keys) = new
        .first()
        .and_then(Value::as_object)
        .filter(|_| !old.is_empty())
    else {
        return Vec::new();
    };
    let unwritten: Vec<String> = keys
        .keys()
        .filter(|k| !old.iter().any(|p| p.get(k.as_str()).is_some()))
        .cloned()
        .collect();
    for project in new.iter_mut().filter_map(Value::as_object_mut) {
        for key in &unwritten {
            project.remove(key);
        }
    }
    unwritten
        .iter()
        .map(|k| format!("projects[].{k}: not in the output (written by an earlier airoi?)"))
        .collect()
}

fn diff_values(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                diff_values(
                    &sub,
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                diff_values(
                    &format!("{path}[{i}]"),
                    x.get(i).unwrap_or(&Value::Null),
                    y.get(i).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ if a != b => out.push(format!("{path}: the output has {a}, re-scoring gives {b}")),
        _ => {}
    }
}

/// Cells where two workbooks differ, `Scores!G5: 94 ≠ 93`.
fn workbook_differences(old: &[u8], new: &[u8]) -> Vec<String> {
    let open = |b: &[u8]| calamine::Xlsx::new(std::io::Cursor::new(b.to_vec())).ok();
    let (Some(mut a), Some(mut b)) = (open(old), open(new)) else {
        return vec!["the workbook cannot be read".into()];
    };
    let mut out = Vec::new();
    let names_a = a.sheet_names();
    let names_b = b.sheet_names();
    if names_a != names_b {
        out.push(format!(
            "sheets: the output has {}, re-scoring gives {}",
            names_a.join(", "),
            names_b.join(", ")
        ));
    }
    for name in names_a.iter().filter(|n| names_b.contains(n)) {
        let (Ok(ra), Ok(rb)) = (a.worksheet_range(name), b.worksheet_range(name)) else {
            continue;
        };
        let end = |r: &calamine::Range<calamine::Data>| r.end().unwrap_or((0, 0));
        let (ea, eb) = (end(&ra), end(&rb));
        for row in 0..=ea.0.max(eb.0) {
            for col in 0..=ea.1.max(eb.1) {
                let va = ra
                    .get_value((row, col))
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let vb = rb
                    .get_value((row, col))
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if va != vb {
                    let cell = crate::model::CellPos { row: row + 1, col }.a1();
                    out.push(format!(
                        "{name}!{cell}: the output has {va:?}, re-scoring gives {vb:?}"
                    ));
                }
            }
        }
    }
    out
}
