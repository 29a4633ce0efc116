//! `airoi score`: reads the inputs, scores every project against the
//! ruleset and writes the graded workbook, and on request JSON and CSV.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Args;

use super::ExitStatus;
use super::diagnostics::{self, plural};
use super::inputs::InputArgs;
use super::progress::Progress;
use crate::export::report::{self, ReportFormat};
use crate::export::{self, WorkbookOptions};
use crate::model::{CostBasis, Grade, GradedRun};
use crate::pipeline::{
    Outcome, Outputs, Plan, ReportRequest, Streaming, bills_aggregate_plan, bills_plan,
    expand_inputs, grade_into,
};

/// Score projects against the checklist and write the graded workbook.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("bill_source").args(["bills", "bills_aggregate"]))]
// Each bool is an on/off flag a user types; clap needs them as fields.
#[allow(clippy::struct_excessive_bools)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The graded workbook; default `<first input's stem>.graded.xlsx` beside it.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Also write the JSON document here (`-` for standard output).
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,

    /// Also write the scores table as CSV here, formula-safe (`-` for
    /// standard output).
    #[arg(long, value_name = "PATH")]
    pub csv: Option<PathBuf>,

    /// The date the run is as of, stamped on every output (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,

    /// Also write the audit report here: `.html`/`.htm` for HTML, `.md` for Markdown.
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,

    /// Render the report with this minijinja template instead of the built-in one
    /// (see `templates/report.html.j2`); its SHA-256 goes in the run record.
    #[arg(long, value_name = "FILE", requires = "report")]
    pub report_template: Option<PathBuf>,

    /// Write the per-month Cash flows sheet for up to this many projects.
    #[arg(long, value_name = "N", default_value_t = WorkbookOptions::default().cash_flows_cap)]
    pub cash_flows_cap: usize,

    /// A list of the business units expected to send projects (one per
    /// line, or a CSV's first column); those with none are listed.
    #[arg(long, value_name = "FILE")]
    pub expect: Option<PathBuf>,

    /// A previous run's JSON: what changed since is shown, and written as a
    /// Changes sheet.
    #[arg(long, value_name = "JSON")]
    pub baseline: Option<PathBuf>,

    /// Write, per input file with rejected rows, a workbook of those rows
    /// with every problem marked, for the unit to fix and send back.
    #[arg(long, value_name = "DIR")]
    pub feedback: Option<PathBuf>,

    /// Detail at most this many projects in the audit report (the first,
    /// in input order); its portfolio figures always cover every project.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub report_projects: usize,

    /// FOCUS cloud bills (CSV, CSV.gz or Parquet exports, or folders of them, read
    /// through their subfolders) to allocate to the projects by their
    /// `cost_allocation` rules: each project's billed spend per month and
    /// provider, the unallocated AI spend, conflicts and bad rows. It takes
    /// every path after it: give the intake inputs first.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub bills: Vec<PathBuf>,

    /// A warehouse's result (CSV or Parquet, told by its content) of the
    /// query `airoi bills-sql` writes for these projects: read instead of
    /// the bills themselves, with the same figures. Its SHA-256 is recorded, and `airoi verify` checks it.
    #[arg(long, value_name = "FILE", conflicts_with = "bills")]
    pub bills_aggregate: Option<PathBuf>,

    /// The bills' cost column: `effective` (`EffectiveCost`, amortised, with
    /// commitment purchases left out) or `billed` (`BilledCost`, every
    /// purchase kept).
    #[arg(
        long,
        value_enum,
        value_name = "BASIS",
        default_value = "effective",
        requires = "bill_source"
    )]
    pub cost_basis: CostBasis,

    /// The run seed of the simulated odds of reaching the target (default:
    /// the ruleset's `simulation.seed`); each project's draws are seeded from
    /// it and the project id, and the run record keeps it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(..=i64::MAX as u64))]
    pub seed: Option<u64>,

    /// Skip the simulated odds of reaching the target (`simulation.draws = 0`).
    #[arg(long, conflicts_with = "seed")]
    pub no_simulation: bool,
    /// Re-score every project under this scenario of the ruleset only
    /// (repeatable); all of them by default (`airoi rules` lists them).
    #[arg(long, value_name = "NAME", conflicts_with = "no_scenarios")]
    pub scenario: Vec<String>,

    /// Skip the scenarios: grade the plan only.
    #[arg(long)]
    pub no_scenarios: bool,

    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// Replace the default workbook (`<stem>.graded.xlsx`) even when the
    /// file there is not an earlier airoi output.
    #[arg(long)]
    pub force: bool,
}

/// Projects at most for which the terminal shows a table.
const TABLE_MAX: usize = 40;
/// Problems at most that the terminal lists; the rest are in the outputs.
const PROBLEMS_MAX: usize = 20;

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

/// Runs `airoi score`.
pub fn run(args: &ScoreArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(refusal) = super::bill_order::refusal(&args.bills, &raw) {
        anyhow::bail!(refusal);
    }
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
    let options = args.input.import_options()?;
    let expanded = expand_inputs(&args.input.inputs)?;
    let first = args
        .input
        .inputs
        .first()
        .map_or_else(|| PathBuf::from("portfolio"), Clone::clone);
    let output = if let Some(path) = &args.output {
        path.clone()
    } else {
        let path = default_output(&first);
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
    };
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
    let scenarios = super::scenarios::select(&ruleset, &args.scenario, args.no_scenarios)?;
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
    let outputs = Outputs {
        workbook: &output,
        json: args.json.as_deref(),
        csv: args.csv.as_deref(),
        report: report.as_ref(),
        options: WorkbookOptions {
            cash_flows_cap: args.cash_flows_cap,
            ..WorkbookOptions::default()
        },
    };
    let progress = Progress::new(args.quiet);
    progress.stage("reading and scoring projects", None);
    let mut streaming = Streaming::new(&outputs, &plan.ruleset);
    // The terminal table and the report need projects in memory; the
    // outputs are written as projects pass.
    let keep = if report.is_some() {
        args.report_projects.max(TABLE_MAX + 1)
    } else {
        TABLE_MAX + 1
    };
    let Outcome { mut run, status } = grade_into(&plan, keep, &mut streaming, &progress)?;
    let expanded = plan.inputs;
    let problems = diagnostics::lines_of(&run.run.inputs, &run.rejected, &expanded);
    let scored = run.scorecard.portfolio.projects;
    if report.is_some() && scored > args.report_projects {
        run.scorecard.projects.truncate(args.report_projects);
        run.run.outputs.report_projects = Some(args.report_projects);
    }
    let expanded_limits = plan.import.limits;
    // Shared so the report can build each project's page as it writes it.
    let run = Arc::new(run);
    if scored > 0 {
        streaming.finish(&run, &progress)?;
    }
    progress.finish();

    let mut err = std::io::stderr().lock();
    if !args.quiet {
        // A folder's files, or several, are each named with what they gave.
        if run.run.inputs.len() > 1 || args.input.inputs.iter().any(|p| p.is_dir()) {
            for line in diagnostics::file_lines(&run.run.inputs) {
                writeln!(err, "{line}")?;
            }
        }
        diagnostics::print(&mut err, &problems, Some(PROBLEMS_MAX))?;
        if let Some(bills) = &run.bills {
            super::bills::print_summary(&mut err, bills)?;
        }
        if let Some(missing) = run.missing_units.as_ref().filter(|m| !m.is_empty()) {
            writeln!(
                err,
                "airoi: {} expected {} sent no projects: {}",
                missing.len(),
                plural(missing.len(), "unit", "units"),
                missing.join(", ")
            )?;
        }
    }
    if !args.quiet && scored > args.cash_flows_cap {
        writeln!(
            err,
            "airoi: the Cash flows sheet shows the first {} of {scored} projects (--cash-flows-cap N to change)",
            args.cash_flows_cap
        )?;
    }
    if scored == 0 {
        writeln!(err, "airoi: nothing could be scored; no outputs written")?;
        return Ok(ExitStatus::Failure);
    }

    let mut written = vec![output.display().to_string()];
    if let Some(path) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        written.push(path.display().to_string());
    }
    if let Some(r) = &report {
        written.push(r.path.display().to_string());
    }
    if let Some(dir) = &args.feedback {
        let (files, unreadable) = feedback_files(&run, dir, expanded_limits)?;
        for why in unreadable {
            writeln!(err, "airoi: {why}")?;
        }
        written.extend(files);
    }
    if let Some(path) = args.csv.as_ref().filter(|p| p.as_os_str() != "-") {
        written.push(path.display().to_string());
    }

    if !args.quiet {
        // Data on standard output is not mixed with the table for people.
        let data_on_stdout = [&args.json, &args.csv]
            .into_iter()
            .flatten()
            .any(|p| p.as_os_str() == "-");
        if !data_on_stdout && scored <= TABLE_MAX {
            print_table(&mut std::io::stdout().lock(), &run)?;
        }
        if let (Some(changes), false) = (&run.changes, data_on_stdout) {
            writeln!(std::io::stdout().lock())?;
            super::diff::print_changes(&mut std::io::stdout().lock(), changes)?;
        }
        // After the table, with every project in memory: the count is the run's.
        if !data_on_stdout && scored <= TABLE_MAX && run.scorecard.projects.len() == scored {
            if let Some(line) = super::fragile::fragile_line(&run.scorecard.projects) {
                writeln!(err, "{line}")?;
            }
        }
        let p = &run.scorecard.portfolio;
        let grades: Vec<String> = Grade::ALL
            .iter()
            .map(|g| format!("{} {}", g.letter(), p.grades.get(g).copied().unwrap_or(0)))
            .collect();
        writeln!(
            err,
            "airoi: {} {} scored ({}), {} {} rejected; {}; wrote {} in {:.1} s",
            p.projects,
            plural(p.projects, "project", "projects"),
            grades.join(", "),
            run.rejected.len(),
            plural(run.rejected.len(), "row", "rows"),
            diagnostics::files_summary_of(&run.run.inputs, &expanded),
            written.join(", "),
            started.elapsed().as_secs_f64()
        )?;
        if let Some(line) = crate::rules::review::counts_line(&p.reviews, &run.ruleset) {
            writeln!(err, "airoi: {line}")?;
        }
        if let Some(odds) = &run.scorecard.simulation {
            writeln!(
                err,
                "airoi: {}",
                crate::rules::simulation::words::summary_line(odds)
            )?;
        }
        for line in super::scenarios::console_lines(&run) {
            writeln!(err, "{line}")?;
        }
    }
    Ok(status)
}

/// Writes the feedback workbooks; returns their paths and the files that
/// could not be read back for them.
fn feedback_files(
    run: &GradedRun,
    dir: &Path,
    limits: crate::import::Limits,
) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let (files, unreadable) = export::feedback::write_feedback(run, dir, limits)
        .with_context(|| format!("writing feedback into {}", dir.display()))?;
    Ok((
        files.iter().map(|f| f.display().to_string()).collect(),
        unreadable,
    ))
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

/// A short table of the scored projects for the terminal.
fn print_table(w: &mut dyn Write, run: &GradedRun) -> std::io::Result<()> {
    let rows: Vec<[String; 7]> = run
        .scorecard
        .projects
        .iter()
        .map(|s| {
            let f = |i: usize| format!("{} {}", s.findings[i].status.word(), s.findings[i].verdict);
            [
                s.project.project_id.clone(),
                truncate(&s.project.project_name, 32),
                match s.gate {
                    Some(_) => format!("{}*", s.grade.letter()),
                    None => s.grade.letter().to_string(),
                },
                format!("{:.1}", s.total),
                f(0),
                f(1),
                f(2),
            ]
        })
        .collect();
    let headers = [
        "ID",
        "Project",
        "Grade",
        "Total",
        "ROI",
        "Diversification",
        "Agentic",
    ];
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(w, "{}", line(&headers))?;
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        writeln!(w, "{}", line(&cells))?;
    }
    for footnote in super::caps::cap_footnotes(run) {
        writeln!(w, "{footnote}")?;
    }
    Ok(())
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
