//! What the terminal shows of an intake: one line per file read with its
//! counts, one line per problem in `file:Sheet!CELL: column: message` form,
//! unreadable files, skipped files.

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

/// Files listed at most one line each; past this many a line counts the rest.
pub const FILES_LISTED: usize = 20;

/// One line per file read (`units/finance.xlsx: read, 4 projects, 1 row
/// rejected`, its cash-flow rows too when it has some), up to
/// [`FILES_LISTED`], then a line counting the rest.
/// Unreadable files are left to their own diagnostic line.
#[must_use]
pub fn file_lines(inputs: &[InputRecord]) -> Vec<String> {
    let read: Vec<&InputRecord> = inputs
        .iter()
        .filter(|i| !matches!(i.state, InputState::Unreadable(_)))
        .collect();
    let mut out: Vec<String> = read
        .iter()
        .take(FILES_LISTED)
        .map(|i| {
            let flows = if i.cash_flow_rows > 0 {
                format!(
                    ", {} cash-flow {}",
                    crate::format::count(i.cash_flow_rows as u64),
                    plural(i.cash_flow_rows, "row", "rows")
                )
            } else {
                String::new()
            };
            format!(
                "{}: {}, {} {}{flows}, {} {} rejected",
                i.path,
                if i.state.is_read() {
                    "read"
                } else {
                    "read in part"
                },
                crate::format::count(i.projects as u64),
                plural(i.projects, "project", "projects"),
                crate::format::count(i.rejected as u64),
                plural(i.rejected, "row", "rows"),
            )
        })
        .collect();
    if read.len() > FILES_LISTED {
        let more = read.len() - FILES_LISTED;
        out.push(format!(
            "... and {} more {} read (each is in the run record and the Sources sheet)",
            crate::format::count(more as u64),
            plural(more, "file", "files")
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, projects: usize, rejected: usize, state: InputState) -> InputRecord {
        InputRecord {
            path: path.into(),
            relative_path: None,
            sha256: String::new(),
            format: Some("xlsx".into()),
            sheets: Vec::new(),
            rows_read: projects + rejected,
            projects,
            rejected,
            skipped: 0,
            cash_flow_rows: 0,
            state,
            notes: Vec::new(),
            tables: Vec::new(),
        }
    }

    #[test]
    fn each_file_read_is_one_line_and_a_long_list_ends_in_a_count() {
        let inputs = [
            input("units/finance.xlsx", 4, 1, InputState::Read),
            input(
                "units/broken.xlsx",
                0,
                0,
                InputState::Unreadable("x".into()),
            ),
            input("units/ops.csv", 1, 0, InputState::Damaged("x".into())),
            InputRecord {
                cash_flow_rows: 18,
                ..input("units/flows.csv", 0, 0, InputState::Read)
            },
        ];
        assert_eq!(
            file_lines(&inputs),
            [
                "units/finance.xlsx: read, 4 projects, 1 row rejected",
                "units/ops.csv: read in part, 1 project, 0 rows rejected",
                "units/flows.csv: read, 0 projects, 18 cash-flow rows, 0 rows rejected",
            ]
        );
        let many: Vec<InputRecord> = (0..FILES_LISTED + 180)
            .map(|i| input(&format!("u/{i:03}.csv"), 2, 0, InputState::Read))
            .collect();
        let lines = file_lines(&many);
        assert_eq!(lines.len(), FILES_LISTED + 1);
        assert_eq!(lines[0], "u/000.csv: read, 2 projects, 0 rows rejected");
        assert_eq!(
            lines[FILES_LISTED],
            "... and 180 more files read (each is in the run record and the Sources sheet)"
        );
    }
}
