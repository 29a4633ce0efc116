//! `airoi bills-sql`: prints the bills aggregation as one SQL query for a
//! warehouse holding FOCUS data too big for one machine, with the
//! projects' allocation rules inline or written as CSV to load.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::ExitStatus;
use super::inputs::InputArgs;
use crate::export::bills_sql::{Dialect, QueryOptions, bills_query, rule_rows, write_rules_csv};
use crate::import::bills::ProjectAllocation;
use crate::import::{IntakeSink, stream_portfolio};
use crate::model::{CostBasis, Project};
use crate::pipeline::expand_inputs;

/// `airoi bills-sql`'s flags (the help text is the subcommand's doc in `cli/mod.rs`).
#[derive(Debug, Args)]
pub struct BillsSqlArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The warehouse the query is written for.
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub dialect: Dialect,

    /// The table (or view) holding the FOCUS data, as the warehouse names
    /// it (`project.dataset.focus`, `catalog.schema.focus`).
    #[arg(long, value_name = "NAME", default_value = "focus")]
    pub table: String,

    /// The bills' cost column: `effective` (`EffectiveCost`, amortised, with
    /// commitment purchases left out) or `billed` (`BilledCost`, every
    /// purchase kept). `score --bills-aggregate` must be given the same.
    #[arg(long, value_enum, value_name = "BASIS", default_value = "effective")]
    pub cost_basis: CostBasis,

    /// Write the rules table as CSV to FILE, for the warehouse to load as
    /// the table `--rules-table`; the query then reads it instead of
    /// holding the rules inline.
    #[arg(long, value_name = "FILE")]
    pub rules_csv: Option<PathBuf>,

    /// The table the rules CSV is loaded into.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "airoi_rules",
        requires = "rules_csv"
    )]
    pub rules_table: String,
}

/// Keeps each project's allocation as the intake is read.
#[derive(Default)]
struct Allocations(Vec<ProjectAllocation>);

impl IntakeSink for Allocations {
    type Error = std::convert::Infallible;
    fn start(&mut self, _: &str) -> Result<(), Self::Error> {
        Ok(())
    }
    fn project(&mut self, project: Project) -> Result<(), Self::Error> {
        self.0.push(ProjectAllocation {
            project_id: project.project_id,
            rule: project.cost_allocation,
            share: project.allocation_share,
        });
        Ok(())
    }
}

/// Runs `airoi bills-sql`.
pub fn run(args: &BillsSqlArgs) -> anyhow::Result<ExitStatus> {
    let (ruleset, _) = args.input.ruleset()?;
    let options = args.input.import_options()?;
    let expanded = expand_inputs(&args.input.inputs)?;
    let mut projects = Allocations::default();
    let Ok(intake) = stream_portfolio(&expanded.files, &options, &ruleset, &mut projects);
    let rows = rule_rows(&projects.0, &ruleset).map_err(anyhow::Error::msg)?;
    let mut err = std::io::stderr().lock();
    if !intake.rejected.is_empty() {
        writeln!(
            err,
            "airoi: bills-sql: {} rejected rows of the intake are left out of the rules, as `score` leaves them out; `airoi validate` lists them",
            intake.rejected.len()
        )?;
    }
    if let Some(path) = &args.rules_csv {
        let file =
            std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?;
        write_rules_csv(&rows, file).with_context(|| format!("writing {}", path.display()))?;
        writeln!(
            err,
            "airoi: bills-sql: {} rules rows for {} projects written to {}; load it as the table {}",
            rows.len(),
            projects.0.len(),
            path.display(),
            args.rules_table
        )?;
    }
    let query = bills_query(
        &rows,
        &QueryOptions {
            dialect: args.dialect,
            table: &args.table,
            basis: args.cost_basis,
            ruleset: &ruleset,
            rules_table: args.rules_csv.as_ref().map(|_| args.rules_table.as_str()),
        },
    );
    let mut out = std::io::stdout().lock();
    out.write_all(query.as_bytes())?;
    out.flush()?;
    Ok(if projects.0.is_empty() {
        ExitStatus::Failure
    } else if intake.rejected.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::SomeRejected
    })
}
