//! What the CSV and Parquet readers of a query result share: the check
//! that a result has the query's columns, and a row built from its cells,
//! so both refuse a file and report a cell alike.

use super::{AggregateRow, COLUMNS};
use crate::model::RowPlace;

/// Refuses a result named `name` lacking any of the query's columns;
/// `found` holds, per column of [`COLUMNS`], where the file has it.
pub(super) fn check_columns<T>(name: &str, found: &[Option<T>; 10]) -> Result<(), String> {
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(found)
        .filter(|(_, f)| f.is_none())
        .map(|(c, _)| *c)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name} is not the result of `airoi bills-sql`: it lacks the columns {}",
            missing.join(", ")
        ))
    }
}

impl AggregateRow {
    /// The row at `at` (`line` counted as `place` says) from its cells:
    /// `text(i)` is column `i`'s text, `None` when empty; `number(i)` its
    /// number, `None` when empty, or the text that is not one.
    ///
    /// # Errors
    /// An `amount` or `row_count` that is not a number, with where it is.
    pub(super) fn from_cells(
        at: String,
        line: u64,
        place: RowPlace,
        text: impl Fn(usize) -> Option<String>,
        number: impl Fn(usize) -> Result<Option<f64>, String>,
    ) -> Result<AggregateRow, String> {
        let number =
            |i: usize| number(i).map_err(|t| format!("{at}: {} {t:?} is not a number", COLUMNS[i]));
        let amount = number(7)?;
        let rows = number(8)?.unwrap_or(0.0);
        Ok(AggregateRow {
            record: text(0).unwrap_or_default().to_ascii_lowercase(),
            project_id: text(1),
            month: text(2),
            provider: text(3),
            publisher: text(4),
            service: text(5),
            currency: text(6),
            amount,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            rows: rows.max(0.0) as usize,
            detail: text(9),
            at,
            line,
            place,
        })
    }
}
