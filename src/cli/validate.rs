//! `airoi validate`: reads and checks the inputs without scoring, shows
//! how each table was read, and says every problem at once.

use std::io::Write;

use clap::{Args, ValueEnum};
use serde_json::json;

use super::ExitStatus;
use super::diagnostics::{self, plural};
use super::inputs::InputArgs;
use crate::import::{IntakeSink, stream_portfolio};
use crate::model::Project;
use crate::pipeline::{exit_status, expand_inputs};

/// Counts the projects read: `validate` keeps none of them, so a portfolio
/// of any size is checked in the memory of its rejected rows.
struct Count(usize);

impl IntakeSink for Count {
    type Error = std::convert::Infallible;
    fn start(&mut self, _: &str) -> Result<(), Self::Error> {
        Ok(())
    }
    fn project(&mut self, _: Project) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
}

/// How `validate` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// How each table was read, one line per problem, then a summary.
    Text,
    /// A JSON document with the inputs, counts and problems.
    Json,
}

/// Read and check spreadsheets without scoring them.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

/// Runs `airoi validate`.
pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitStatus> {
    let (ruleset, _) = args.input.ruleset()?;
    let options = args.input.import_options()?;
    let expanded = expand_inputs(&args.input.inputs)?;
    let mut count = Count(0);
    let Ok(intake) = stream_portfolio(&expanded.files, &options, &ruleset, &mut count);
    let projects = count.0;
    let lines = diagnostics::lines(&intake, &expanded);
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Text => {
            for line in super::reading::report_lines(&intake.inputs) {
                writeln!(out, "{line}")?;
            }
            diagnostics::print(&mut out, &lines, None)?;
            let rejected = intake.rejected.len();
            writeln!(
                out,
                "{}; {projects} {} read, {rejected} {} rejected",
                diagnostics::files_summary(&intake, &expanded),
                plural(projects, "project", "projects"),
                plural(rejected, "row", "rows"),
            )?;
        }
        OutputFormat::Json => {
            let problems: Vec<_> = intake
                .rejected
                .iter()
                .flat_map(|r| {
                    r.problems.iter().map(move |p| {
                        json!({
                            "file": r.origin.file,
                            "sheet": r.origin.sheet,
                            "row": r.row,
                            "cell": p.cell.map(crate::model::CellPos::a1),
                            "column": p.column,
                            "value": p.value,
                            "message": p.message,
                        })
                    })
                })
                .collect();
            let skipped: Vec<_> = expanded
                .skipped
                .iter()
                .map(|(p, why)| json!({"path": p.display().to_string(), "reason": why}))
                .collect();
            let doc = json!({
                "inputs": intake.inputs,
                "skipped": skipped,
                "projects": projects,
                "rejected_rows": intake.rejected.len(),
                "problems": problems,
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
    }
    Ok(exit_status(projects, &intake))
}
