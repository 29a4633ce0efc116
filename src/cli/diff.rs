//! `airoi diff PREVIOUS.json CURRENT.json`: what moved between two runs.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::ExitStatus;
use crate::export::json::read_document;
use crate::format;
use crate::model::Changes;

/// Show what changed between two runs' JSON documents.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier run's JSON (`airoi score --json`).
    pub previous: PathBuf,
    /// The later run's JSON.
    pub current: PathBuf,
    /// Print the changes as JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// Runs `airoi diff`.
pub fn run(args: &DiffArgs) -> anyhow::Result<ExitStatus> {
    let previous = read_document(&args.previous)?;
    let current = read_document(&args.current)?;
    let changes =
        crate::rules::changes::compare(&previous, &current).map_err(anyhow::Error::msg)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &changes)?;
        writeln!(out)?;
    } else {
        print_changes(&mut out, &changes)?;
    }
    Ok(ExitStatus::Clean)
}

/// The changes as terminal tables.
pub fn print_changes(w: &mut dyn Write, c: &Changes) -> std::io::Result<()> {
    writeln!(
        w,
        "Changes from {} to {}",
        c.previous_as_of, c.current_as_of
    )?;
    if c.ruleset_changed {
        writeln!(w, "The ruleset differs between the runs.")?;
    }
    if c.is_empty() {
        writeln!(w, "Nothing moved.")?;
        return Ok(());
    }
    writeln!(w, "\nPortfolio")?;
    for d in &c.portfolio {
        let kind = d.kind();
        let show =
            |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |v| format::figure(kind, v));
        let change = d
            .shown_change()
            .map_or_else(String::new, |x| format::figure_change(kind, x));
        writeln!(
            w,
            "  {:<28} {:>16} → {:<16} {change}",
            d.label(),
            show(d.from),
            show(d.to)
        )?;
    }
    if !c.added.is_empty() {
        writeln!(w, "\nNew projects")?;
        for p in &c.added {
            writeln!(
                w,
                "  {}  {}  grade {}",
                p.project_id, p.project_name, p.grade
            )?;
        }
    }
    if !c.dropped.is_empty() {
        writeln!(w, "\nDropped projects")?;
        for p in &c.dropped {
            writeln!(
                w,
                "  {}  {}  was grade {}",
                p.project_id, p.project_name, p.grade
            )?;
        }
    }
    if !c.grade_moves.is_empty() {
        writeln!(w, "\nGrade moves")?;
        for m in &c.grade_moves {
            let way = if m.steps > 0 { "up" } else { "down" };
            writeln!(
                w,
                "  {}  {}  {} → {}  ({way} {} {})",
                m.project_id,
                m.project_name,
                m.from,
                m.to,
                m.steps.abs(),
                if m.steps.abs() == 1 {
                    "grade"
                } else {
                    "grades"
                }
            )?;
        }
    }
    if !c.status_changes.is_empty() {
        writeln!(w, "\nCheck status changes")?;
        for s in &c.status_changes {
            let why = s.why();
            writeln!(
                w,
                "  {}  {}: {} → {} ({} → {}); {why}",
                s.project_id,
                s.check_name(),
                s.from,
                s.to,
                s.verdict_from,
                s.verdict_to
            )?;
        }
    }
    Ok(())
}
