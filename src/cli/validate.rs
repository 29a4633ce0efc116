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

/// Notes on projects kept for printing; past this many only their number
/// is kept, so a portfolio of any size is checked in bounded memory.
const NOTES_KEPT: usize = 10_000;

/// A note the importer made on a project it read (a start date read from a
/// quarter, a synonym read as its value ...).
struct ProjectNote {
    file: String,
    project_id: String,
    note: String,
}

/// Counts the projects read and keeps their notes: `validate` keeps none
/// of the projects, so a portfolio of any size is checked in the memory of
/// its rejected rows and up to [`NOTES_KEPT`] notes.
#[derive(Default)]
struct Count {
    projects: usize,
    notes: Vec<ProjectNote>,
    notes_not_kept: usize,
}

impl IntakeSink for Count {
    type Error = std::convert::Infallible;
    fn start(&mut self, _: &str) -> Result<(), Self::Error> {
        Ok(())
    }
    fn project(&mut self, project: Project) -> Result<(), Self::Error> {
        self.projects += 1;
        for note in project.notes {
            if self.notes.len() < NOTES_KEPT {
                self.notes.push(ProjectNote {
                    file: project.origin.file.clone(),
                    project_id: project.project_id.clone(),
                    note,
                });
            } else {
                self.notes_not_kept += 1;
            }
        }
        Ok(())
    }
}

impl Count {
    /// One line per kept note, `file: project: note: text`, and a last line
    /// counting the notes not kept.
    fn note_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .notes
            .iter()
            .map(|n| format!("{}: {}: note: {}", n.file, n.project_id, n.note))
            .collect();
        if self.notes_not_kept > 0 {
            lines.push(format!(
                "... and {} more {} on projects",
                self.notes_not_kept,
                plural(self.notes_not_kept, "note", "notes")
            ));
        }
        lines
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
    let mut count = Count::default();
    let Ok(intake) = stream_portfolio(&expanded.files, &options, &ruleset, &mut count);
    let projects = count.projects;
    let lines = diagnostics::lines(&intake, &expanded);
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Text => {
            for line in super::reading::report_lines(&intake.inputs) {
                writeln!(out, "{line}")?;
            }
            diagnostics::print(&mut out, &lines, None)?;
            for line in count.note_lines() {
                writeln!(out, "{line}")?;
            }
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
            let notes: Vec<_> = count
                .notes
                .iter()
                .map(|n| json!({"file": n.file, "project_id": n.project_id, "note": n.note}))
                .collect();
            let doc = json!({
                "inputs": intake.inputs,
                "skipped": skipped,
                "projects": projects,
                "notes": notes,
                "notes_not_kept": count.notes_not_kept,
                "rejected_rows": intake.rejected.len(),
                "problems": problems,
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
    }
    Ok(exit_status(projects, &intake))
}
