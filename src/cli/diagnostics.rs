//! What the terminal shows of an intake: one line per problem in
//! `file:Sheet!CELL: column: message` form, unreadable files, skipped files.

use std::fmt::Write as _;
use std::io::Write;

use crate::import::Intake;
use crate::model::{InputRecord, InputState, RejectedRow};
use crate::pipeline::Expanded;

/// Every diagnostic line of an intake, in input order.
#[must_use]
pub fn lines(intake: &Intake, expanded: &Expanded) -> Vec<String> {
    lines_of(&intake.inputs, &intake.rejected, expanded)
}

/// Every diagnostic line of a run's input records and rejected rows, in
/// input order.
#[must_use]
pub fn lines_of(
    inputs: &[InputRecord],
    rejected: &[RejectedRow],
    expanded: &Expanded,
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, why) in &expanded.skipped {
        out.push(format!("{}: skipped ({why})", path.display()));
    }
    for input in inputs {
        match &input.state {
            InputState::Read => {}
            InputState::Unreadable(why) => out.push(format!("{}: {why}", input.path)),
            InputState::Damaged(why) => {
                out.push(format!("{}: damaged, read in part: {why}", input.path));
            }
            InputState::Partial(why) => out.push(format!("{}: read in part: {why}", input.path)),
        }
        for note in &input.notes {
            out.push(format!("{}: note: {note}", input.path));
        }
    }
    for row in rejected {
        out.extend(row.diagnostics());
    }
    out
}

/// Prints up to `limit` diagnostics to `w` and says how many more there are.
pub fn print(w: &mut dyn Write, lines: &[String], limit: Option<usize>) -> std::io::Result<()> {
    let shown = limit.unwrap_or(usize::MAX).min(lines.len());
    for line in &lines[..shown] {
        writeln!(w, "{line}")?;
    }
    if shown < lines.len() {
        writeln!(
            w,
            "... and {} more problems (all are in the Rejected sheet, the JSON and the report)",
            lines.len() - shown
        )?;
    }
    Ok(())
}

/// Files read, unreadable and skipped, in words.
#[must_use]
pub fn files_summary(intake: &Intake, expanded: &Expanded) -> String {
    files_summary_of(&intake.inputs, expanded)
}

/// Files read, unreadable and skipped, in words, from the input records.
#[must_use]
pub fn files_summary_of(inputs: &[crate::model::InputRecord], expanded: &Expanded) -> String {
    let count = |f: fn(&InputState) -> bool| inputs.iter().filter(|i| f(&i.state)).count();
    let unreadable = count(|s| matches!(s, InputState::Unreadable(_)));
    let damaged = count(|s| matches!(s, InputState::Damaged(_) | InputState::Partial(_)));
    let read = inputs.len() - unreadable - damaged;
    let mut text = format!("{read} {} read", plural(read, "file", "files"));
    if damaged > 0 {
        let _ = write!(text, ", {damaged} read in part");
    }
    if unreadable > 0 {
        let _ = write!(text, ", {unreadable} unreadable");
    }
    if !expanded.skipped.is_empty() {
        let _ = write!(text, ", {} skipped", expanded.skipped.len());
    }
    text
}

/// `1 project` / `2 projects`.
#[must_use]
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
