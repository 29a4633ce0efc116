//! From the flags of `airoi score` to the run they ask for: the ruleset
//! with `--seed` and `--no-simulation` applied, the workbook's path, the
//! report request, every output's name checked before anything is read,
//! the bills and the scenarios, gathered in the [`Plan`].

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::args::ScoreArgs;
use crate::export;
use crate::export::report::{self, ReportFormat};
use crate::model::{Ruleset, RulesetRecord};
use crate::pipeline::{Plan, ReportRequest, bills_aggregate_plan, bills_plan, expand_inputs};

/// The run the flags ask for and where it writes.
pub(super) struct Prepared {
    pub(super) plan: Plan,
    /// The graded workbook.
    pub(super) output: PathBuf,
    /// The audit report, when asked for.
    pub(super) report: Option<ReportRequest>,
}

/// The plan of the run the flags ask for and the paths it writes, every
/// flag checked before any input is read.
pub(super) fn prepare(args: &ScoreArgs) -> anyhow::Result<Prepared> {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(refusal) = crate::cli::bill_order::refusal(&args.bills, &raw) {
        bail!(refusal);
    }
    let (ruleset, ruleset_record) = ruleset(args)?;
    let options = args.input.import_options()?;
    let expanded = expand_inputs(&args.input.inputs)?;
    let first = args
        .input
        .inputs
        .first()
        .map_or_else(|| PathBuf::from("portfolio"), Clone::clone);
    let output = workbook_path(args, &first)?;
    let report = report_request(args)?;
    for path in [
        Some(&output),
        args.json.as_ref(),
        args.csv.as_ref(),
        args.report.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        if path.as_os_str() != "-" {
            // Before any reading: a bad output path must not cost the run.
            export::check_output(path, &expanded.files)?;
        }
    }
    check_extensions(&output, args)?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let bills = if let Some(path) = &args.bills_aggregate {
        Some(bills_aggregate_plan(path.clone(), args.cost_basis))
    } else if args.bills.is_empty() {
        None
    } else {
        Some(bills_plan(args.bills.clone(), args.cost_basis)?)
    };
    let scenarios = crate::cli::scenarios::select(&ruleset, &args.scenario, args.no_scenarios)?;
    let plan = Plan {
        scenarios,
        inputs: expanded,
        import: options,
        ruleset,
        ruleset_record,
        as_of,
        expect: args.expect.clone(),
        baseline: args.baseline.clone(),
        cash_flows_cap: args.cash_flows_cap,
        report_template_sha256: report
            .as_ref()
            .and_then(|r| r.template.as_deref())
            .map(|t| crate::import::portfolio::sha256_hex(t.as_bytes())),
        read_from: std::collections::BTreeMap::new(),
        relative_paths: crate::model::RelativePaths::FromOutput,
        recorded_relative: Vec::new(),
        bills,
    };
    Ok(Prepared {
        plan,
        output,
        report,
    })
}

/// The ruleset of the run, with `--seed` and `--no-simulation` applied,
/// and its record.
fn ruleset(args: &ScoreArgs) -> anyhow::Result<(Ruleset, RulesetRecord)> {
    let (mut ruleset, mut ruleset_record) = args.input.ruleset()?;
    if args.seed.is_some() || args.no_simulation {
        // In the ruleset, so the run record keeps them and `airoi verify`
        // draws the same odds.
        if let Some(seed) = args.seed {
            ruleset.simulation.seed = seed;
        }
        if args.no_simulation {
            ruleset.simulation.draws = 0;
        }
        ruleset_record = crate::rules::ruleset_record(&ruleset, ruleset_record.path.clone());
    }
    Ok((ruleset, ruleset_record))
}

/// The graded workbook's path: `-o`, or `<first input's stem>.graded.xlsx`
/// beside it, which replaces an earlier airoi output but nothing else
/// without `--force`.
fn workbook_path(args: &ScoreArgs, first: &Path) -> anyhow::Result<PathBuf> {
    Ok(if let Some(path) = &args.output {
        path.clone()
    } else {
        let path = default_output(first);
        // The default may replace an earlier airoi output, never someone's
        // own file of that name.
        if path.exists() && !args.force && crate::import::output_kind(&path).is_none() {
            bail!(
                "{} exists and is not an airoi output; pass --force to replace it, or -o to \
                 write elsewhere",
                path.display()
            );
        }
        path
    })
}

fn default_output(first: &Path) -> PathBuf {
    let stem = first
        .file_stem()
        .map_or_else(|| "portfolio".into(), |s| s.to_string_lossy().into_owned());
    let dir = if first.is_dir() {
        first
    } else {
        first.parent().unwrap_or(Path::new(""))
    };
    dir.join(format!("{stem}.graded.xlsx"))
}

fn report_request(args: &ScoreArgs) -> anyhow::Result<Option<ReportRequest>> {
    let Some(path) = &args.report else {
        return Ok(None);
    };
    let Some(format) = ReportFormat::from_path(path) else {
        bail!(
            "--report {}: name the report .html, .htm or .md to say which format to write",
            path.display()
        );
    };
    let template = match &args.report_template {
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading the report template {}", file.display()))?;
            report::check_template(format, &text)
                .with_context(|| format!("the report template {}", file.display()))?;
            Some(text)
        }
        None => None,
    };
    Ok(Some(ReportRequest {
        path: path.clone(),
        format,
        template,
    }))
}

/// Refuses an output whose name says another format than the one written
/// (`-o scores.csv` would be a workbook named .csv), and two data outputs
/// both on standard output, before anything is read.
fn check_extensions(workbook: &Path, args: &ScoreArgs) -> anyhow::Result<()> {
    let outputs = [
        ("-o", Some(workbook), "xlsx", "the graded workbook"),
        ("--json", args.json.as_deref(), "json", "the JSON document"),
        (
            "--csv",
            args.csv.as_deref(),
            "csv",
            "the scores table as CSV",
        ),
    ];
    for (flag, path, wanted, what) in outputs {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            continue;
        };
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if let Some(extension) = extension.filter(|e| e != wanted) {
            bail!(
                "{flag} {}: {what} is a .{wanted} file, not .{extension}; name it {}",
                path.display(),
                path.with_extension(wanted).display()
            );
        }
    }
    let on_stdout = [&args.json, &args.csv]
        .into_iter()
        .flatten()
        .filter(|p| p.as_os_str() == "-")
        .count();
    if on_stdout > 1 {
        bail!("--json - and --csv - cannot both write to standard output; send one to a file");
    }
    Ok(())
}
