//! The report's appendix of rejected rows: one line per problem of each
//! row the importer rejected, with its file, sheet, cell and message.

use std::sync::Arc;

use serde::Serialize;

use crate::model::{GradedRun, RejectedRow};

/// One problem of one rejected row, as the JSON lists them.
#[derive(Debug, Serialize)]
pub struct RejectedView {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub cell: String,
    pub column: String,
    pub value: String,
    pub message: String,
}

/// Problems across all rejected rows: the appendix has one line for each.
pub fn problem_count(run: &GradedRun) -> usize {
    run.rejected.iter().map(|r| r.problems.len().max(1)).sum()
}

/// The `index`th problem line of the rejected rows.
pub fn rejected_view(run: &GradedRun, mut index: usize) -> Option<RejectedView> {
    for row in &run.rejected {
        let lines = row.problems.len().max(1);
        if index < lines {
            return Some(rejected_line(row, index));
        }
        index -= lines;
    }
    None
}

/// Problem `index` of one rejected row; a row without problems (which the
/// importer never produces) still gets a line, so no row goes unlisted.
fn rejected_line(row: &RejectedRow, index: usize) -> RejectedView {
    let problem = row.problems.get(index);
    RejectedView {
        file: row.origin.file.clone(),
        sheet: row.origin.sheet.clone(),
        row: row.row,
        cell: problem
            .and_then(|p| p.cell)
            .map_or_else(|| format!("row {}", row.row), crate::model::CellPos::a1),
        column: problem
            .and_then(|p| p.column)
            .map_or_else(String::new, |c| c.name().to_owned()),
        value: problem.and_then(|p| p.value.clone()).unwrap_or_default(),
        message: problem.map_or_else(|| "rejected".into(), |p| p.message.clone()),
    }
}

/// Every problem line of the rejected rows, in order, in one pass.
pub fn rejected_lines(run: Arc<GradedRun>) -> impl Iterator<Item = RejectedView> {
    (0..run.rejected.len()).flat_map(move |r| {
        let run = Arc::clone(&run);
        let lines = run.rejected[r].problems.len().max(1);
        (0..lines).map(move |p| rejected_line(&run.rejected[r], p))
    })
}
