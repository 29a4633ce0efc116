//! The flags of `airoi score` and their help: every field's `///` doc is
//! what `airoi score --help` prints.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use crate::cli::inputs::InputArgs;
use crate::export::WorkbookOptions;
use crate::model::CostBasis;

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
