//! A warehouse's result of the bills query read from CSV, as warehouses
//! export one: header names in any case (Snowflake writes them in
//! capitals), empty cells as none.

use std::path::Path;

use super::cells::check_columns;
use super::{AggregateRow, AggregateSource, COLUMNS};
use crate::model::RowPlace;

/// A query result exported as CSV, header names in any case (Snowflake
/// writes them in capitals).
pub struct CsvAggregate {
    name: String,
    csv: csv::Reader<std::fs::File>,
    at: [Option<usize>; 10],
    record: csv::StringRecord,
}

impl CsvAggregate {
    /// Opens the result named `shown_as` (in messages and records) at `path`
    /// and finds its columns.
    ///
    /// # Errors
    /// A file that cannot be read or lacks the query's columns.
    pub fn open(shown_as: &Path, path: &Path) -> Result<CsvAggregate, String> {
        let name = shown_as.display().to_string();
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .map_err(|e| format!("{name} cannot be read: {e}"))?;
        let header = csv
            .headers()
            .map_err(|e| format!("{name} cannot be read: {e}"))?
            .clone();
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        let at = COLUMNS.map(|c| names.iter().position(|n| n == c));
        check_columns(&name, &at)?;
        Ok(CsvAggregate {
            name,
            csv,
            at,
            record: csv::StringRecord::new(),
        })
    }
}

impl AggregateSource for CsvAggregate {
    fn next_row(&mut self) -> Option<Result<AggregateRow, String>> {
        match self.csv.read_record(&mut self.record) {
            Ok(false) => return None,
            Err(e) => return Some(Err(format!("{} is damaged: {e}", self.name))),
            Ok(true) => {}
        }
        let line = self.record.position().map_or(0, csv::Position::line);
        let at = RowPlace::Line.at(&self.name, line);
        let text = |i: usize| -> Option<String> {
            let value = self.at[i].and_then(|c| self.record.get(c))?.trim();
            (!value.is_empty()).then(|| value.to_string())
        };
        let number = |i: usize| -> Result<Option<f64>, String> {
            text(i)
                .map(|t| t.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or(t))
                .transpose()
        };
        Some(AggregateRow::from_cells(
            at,
            line,
            RowPlace::Line,
            text,
            number,
        ))
    }
}
