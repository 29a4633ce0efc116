//! What `airoi score` prints for people: what reading gave (files,
//! problems, bills, missing units) on standard error, the table of
//! projects and the changes on standard output, and the closing summary
//! line with the reviews, odds and scenarios.

use std::io::Write;
use std::time::Instant;

use super::args::ScoreArgs;
use crate::cli::diagnostics::{self, plural};
use crate::model::{Grade, GradedRun};
use crate::pipeline::Expanded;

/// Projects at most for which the terminal shows a table.
pub(super) const TABLE_MAX: usize = 40;
/// Problems at most that the terminal lists; the rest are in the outputs.
const PROBLEMS_MAX: usize = 20;

/// What reading gave, before the outputs are listed: each file's count
/// when there are several, the problems (the first few), the bills'
/// summary, the units expected that sent nothing, and a Cash flows sheet
/// cut short.
pub(super) fn print_reading(
    err: &mut dyn Write,
    args: &ScoreArgs,
    run: &GradedRun,
    expanded: &Expanded,
) -> std::io::Result<()> {
    let problems = diagnostics::lines_of(&run.run.inputs, &run.rejected, expanded);
    let scored = run.scorecard.portfolio.projects;
    // A folder's files, or several, are each named with what they gave.
    if run.run.inputs.len() > 1 || args.input.inputs.iter().any(|p| p.is_dir()) {
        for line in diagnostics::file_lines(&run.run.inputs) {
            writeln!(err, "{line}")?;
        }
    }
    diagnostics::print(err, &problems, Some(PROBLEMS_MAX))?;
    if let Some(bills) = &run.bills {
        crate::cli::bills::print_summary(err, bills, &run.ruleset.bills.ai_service_category)?;
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
    if scored > args.cash_flows_cap {
        writeln!(
            err,
            "airoi: the Cash flows sheet shows the first {} of {scored} projects (--cash-flows-cap N to change)",
            args.cash_flows_cap
        )?;
    }
    Ok(())
}

/// What the run gave, once the outputs are written: the table of projects
/// and the changes since the baseline (on standard output, unless data
/// goes there), then the summary line with the files `written`, the
/// reviews, the odds and the scenarios.
pub(super) fn print_results(
    err: &mut dyn Write,
    args: &ScoreArgs,
    run: &GradedRun,
    expanded: &Expanded,
    written: &[String],
    started: Instant,
) -> std::io::Result<()> {
    let scored = run.scorecard.portfolio.projects;
    // Data on standard output is not mixed with the table for people.
    let data_on_stdout = [&args.json, &args.csv]
        .into_iter()
        .flatten()
        .any(|p| p.as_os_str() == "-");
    if !data_on_stdout && scored <= TABLE_MAX {
        print_table(&mut std::io::stdout().lock(), run)?;
    }
    if let (Some(changes), false) = (&run.changes, data_on_stdout) {
        writeln!(std::io::stdout().lock())?;
        crate::cli::diff::print_changes(&mut std::io::stdout().lock(), changes)?;
    }
    // After the table, with every project in memory: the count is the run's.
    if !data_on_stdout && scored <= TABLE_MAX && run.scorecard.projects.len() == scored {
        if let Some(line) = crate::cli::fragile::fragile_line(&run.scorecard.projects) {
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
        diagnostics::files_summary_of(&run.run.inputs, expanded),
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
    for line in crate::cli::scenarios::console_lines(run) {
        writeln!(err, "{line}")?;
    }
    Ok(())
}

/// A short table of the scored projects for the terminal.
fn print_table(w: &mut dyn Write, run: &GradedRun) -> std::io::Result<()> {
    // The review's columns only when some project has a review grade.
    let reviews = run
        .scorecard
        .projects
        .iter()
        .any(|s| s.review.as_ref().is_some_and(|r| r.graded.is_some()));
    let rows: Vec<Vec<String>> = run
        .scorecard
        .projects
        .iter()
        .map(|s| {
            let f = |i: usize| format!("{} {}", s.findings[i].status.word(), s.findings[i].verdict);
            let mut row = vec![
                s.project.project_id.clone(),
                truncate(&s.project.project_name, 32),
                match s.gate {
                    Some(_) => format!("{}*", s.grade.letter()),
                    None => s.grade.letter().to_string(),
                },
                format!("{:.1}", s.total),
            ];
            if reviews {
                let review = s.review.as_ref();
                row.push(
                    review
                        .and_then(|r| r.graded.as_ref())
                        .map_or_else(String::new, |g| g.grade.letter().to_string()),
                );
                row.push(match review.and_then(|r| r.on_track) {
                    Some(true) => "yes".to_owned(),
                    Some(false) => "no".to_owned(),
                    None => String::new(),
                });
            }
            row.extend([f(0), f(1), f(2)]);
            row
        })
        .collect();
    let mut headers = vec!["ID", "Project", "Grade", "Total"];
    if reviews {
        headers.extend(["Review", "On track"]);
    }
    headers.extend(["ROI", "Diversification", "Agentic"]);
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
    for footnote in crate::cli::caps::cap_footnotes(run) {
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
