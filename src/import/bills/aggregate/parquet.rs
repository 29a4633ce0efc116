//! A warehouse's result of the bills query read from Parquet, as `COPY …
//! TO 'x.parquet'` (`DuckDB`), `EXPORT DATA` (`BigQuery`), `COPY INTO`
//! (Snowflake) or Spark's `write.parquet` write one: read through the same
//! column reader as the Parquet bills, a batch of rows at a time. Column
//! names in any case; a null is none; `amount` and `row_count` may be
//! DOUBLE, DECIMAL, integers or text, the rest text (or integers).

use std::fs::File;
use std::path::Path;

use parquet::file::reader::{FileReader, SerializedFileReader};

use super::super::parquet::BATCH;
use super::super::parquet::leaf::{Leaf, Role};
use super::cells::check_columns;
use super::{AggregateRow, AggregateSource, COLUMNS};
use crate::model::RowPlace;

/// A query result exported as Parquet.
pub struct ParquetAggregate {
    name: String,
    reader: SerializedFileReader<File>,
    /// One leaf per column of [`COLUMNS`], in its order.
    leaves: Vec<Leaf>,
    /// The next row group to start.
    group: usize,
    /// Rows of the current row group not read yet.
    left: usize,
    /// Rows in the current batch, and the next one to hand out.
    batch: usize,
    next: usize,
    /// Rows handed out so far: the 1-based number of the last.
    row: u64,
}

/// The columns read as numbers; the others are text.
const NUMBERS: [&str; 2] = ["amount", "row_count"];

impl ParquetAggregate {
    /// Opens the result named `named` (in messages and records) at `path`
    /// and finds its columns.
    ///
    /// # Errors
    /// A file that cannot be read or lacks the query's columns.
    pub fn open(named: &Path, path: &Path) -> Result<ParquetAggregate, String> {
        let name = named.display().to_string();
        let file = File::open(path).map_err(|e| format!("{name} cannot be read: {e}"))?;
        let reader = SerializedFileReader::new(file)
            .map_err(|e| format!("{name} is not a readable Parquet file: {e}"))?;
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let found = COLUMNS.map(|column| {
            schema.columns().iter().enumerate().find(|(_, c)| {
                let parts = c.path().parts();
                parts.len() == 1 && parts[0].eq_ignore_ascii_case(column)
            })
        });
        check_columns(&name, &found)?;
        let mut leaves = Vec::with_capacity(COLUMNS.len());
        for (column, (index, descr)) in COLUMNS.iter().zip(found.into_iter().flatten()) {
            let role = if NUMBERS.contains(column) {
                Role::Number
            } else {
                Role::Text
            };
            leaves.push(
                Leaf::new(column, index, descr.clone(), role).map_err(|e| format!("{name} {e}"))?,
            );
        }
        Ok(ParquetAggregate {
            name,
            reader,
            leaves,
            group: 0,
            left: 0,
            batch: 0,
            next: 0,
            row: 0,
        })
    }

    /// Reads the next batch; `false` at the end of the file.
    fn read_batch(&mut self) -> Result<bool, String> {
        let damaged = |e: &dyn std::fmt::Display| format!("{} is damaged: {e}", self.name);
        while self.left == 0 {
            if self.group == self.reader.num_row_groups() {
                return Ok(false);
            }
            let group = self
                .reader
                .get_row_group(self.group)
                .map_err(|e| damaged(&e))?;
            self.left = usize::try_from(group.metadata().num_rows()).unwrap_or(0);
            for leaf in &mut self.leaves {
                leaf.start(
                    group
                        .get_column_reader(leaf.index)
                        .map_err(|e| damaged(&e))?,
                );
            }
            self.group += 1;
        }
        let want = BATCH.min(self.left);
        for leaf in &mut self.leaves {
            leaf.read(want).map_err(|e| format!("{} {e}", self.name))?;
        }
        self.left -= want;
        self.batch = want;
        self.next = 0;
        Ok(true)
    }

    /// Row `r` of the batch.
    fn row_of(&self, r: usize) -> Result<AggregateRow, String> {
        let at = RowPlace::Row.at(&self.name, self.row);
        let text = |i: usize| -> Option<String> {
            let value = self.leaves[i].text(r);
            (!value.is_empty()).then(|| value.to_string())
        };
        let number = |i: usize| -> Result<Option<f64>, String> {
            let leaf = &self.leaves[i];
            if leaf.is_null(r) {
                return Ok(None);
            }
            leaf.number(r).map(Some)
        };
        AggregateRow::from_cells(at, self.row, RowPlace::Row, text, number)
    }
}

impl AggregateSource for ParquetAggregate {
    fn next_row(&mut self) -> Option<Result<AggregateRow, String>> {
        // A damaged file must not take the run down: what the parquet
        // crate does not report as an error is caught here.
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if self.next == self.batch && !self.read_batch()? {
                return Ok(None);
            }
            let r = self.next;
            self.next += 1;
            self.row += 1;
            self.row_of(r).map(Some)
        }));
        match read {
            Ok(Ok(None)) => None,
            Ok(Ok(Some(row))) => Some(Ok(row)),
            Ok(Err(e)) => Some(Err(e)),
            Err(_) => Some(Err(format!(
                "{} is damaged: its Parquet pages cannot be decoded",
                self.name
            ))),
        }
    }
}
