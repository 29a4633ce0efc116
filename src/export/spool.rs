//! The Scores rows of a streamed run, kept on disk until the run ends.
//!
//! The Scores sheet is an Excel table whose range, and whose header row of
//! unknown input columns, are only known once every project has passed; the
//! CSV twin needs the same header first. So each project's Scores cells are
//! written to an unnamed temporary file as it passes (a few hundred bytes a
//! project, never held in memory) and read back, in order, for the sheet and
//! for the CSV.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};

use super::workbook::columns::{SCORE_COLUMNS, Value};
use crate::model::ProjectScore;

/// A cell read back from the spool.
pub(crate) type SpooledRow = Vec<Value<'static>>;

/// Unknown input columns by header and occurrence (a file with two columns
/// of one header keeps both), numbered in the order they are first met.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    keys: HashMap<(String, usize), usize>,
    pub headers: Vec<String>,
}

impl Extras {
    /// Each extra value of the project with its index among the extras,
    /// numbering headers not met before.
    fn cells<'p>(&mut self, p: &'p ProjectScore) -> Vec<(usize, &'p str)> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut out = Vec::with_capacity(p.project.extra.len());
        for (header, value) in &p.project.extra {
            let n = seen.entry(header.as_str()).or_default();
            let key = (header.clone(), *n);
            *n += 1;
            let next = self.headers.len();
            let index = *self.keys.entry(key).or_insert(next);
            if index == next {
                self.headers.push(header.clone());
            }
            out.push((index, value.as_str()));
        }
        out
    }
}

/// Scores rows on their way to the sheet and the CSV.
pub(crate) struct Spool {
    out: BufWriter<File>,
    pub rows: usize,
    pub extras: Extras,
}

const BLANK: u8 = 0;
const NUMBER: u8 = 1;
const TEXT: u8 = 2;

impl Spool {
    pub fn new() -> std::io::Result<Self> {
        Ok(Spool {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            rows: 0,
            extras: Extras::default(),
        })
    }

    /// Adds one project's row: the Scores columns, then its extras.
    pub fn add(&mut self, p: &ProjectScore) -> std::io::Result<()> {
        for column in SCORE_COLUMNS {
            write_value(&mut self.out, &(column.value)(p))?;
        }
        let extras = self.extras.cells(p);
        let width = extras.iter().map(|(i, _)| i + 1).max().unwrap_or(0);
        self.out.write_all(&(width as u32).to_le_bytes())?;
        let mut row: Vec<Option<&str>> = vec![None; width];
        for (index, value) in extras {
            row[index] = Some(value);
        }
        for cell in row {
            write_value(
                &mut self.out,
                &cell.map_or(Value::Blank, |v| Value::Text(Cow::Borrowed(v))),
            )?;
        }
        self.rows += 1;
        Ok(())
    }

    /// Reads every row back, in order; `f` gets each row padded to every
    /// extra column met in the run.
    pub fn replay(
        &mut self,
        mut f: impl FnMut(&[Value<'static>]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.out.flush()?;
        let file = self.out.get_mut();
        file.rewind()?;
        let mut input = BufReader::with_capacity(1 << 16, &*file);
        let width = SCORE_COLUMNS.len() + self.extras.headers.len();
        let mut row: SpooledRow = Vec::with_capacity(width);
        for _ in 0..self.rows {
            row.clear();
            for _ in 0..SCORE_COLUMNS.len() {
                row.push(read_value(&mut input)?);
            }
            let extras = read_u32(&mut input)?;
            for _ in 0..extras {
                row.push(read_value(&mut input)?);
            }
            row.resize(width, Value::Blank);
            f(&row)?;
        }
        // Later writes (there are none once replayed) would go after the rows.
        self.out.get_mut().seek(std::io::SeekFrom::End(0))?;
        Ok(())
    }
}

pub(crate) fn write_value(out: &mut impl Write, value: &Value) -> std::io::Result<()> {
    match value {
        Value::Blank => out.write_all(&[BLANK]),
        Value::Number(n) => {
            out.write_all(&[NUMBER])?;
            out.write_all(&n.to_le_bytes())
        }
        Value::Text(text) => {
            out.write_all(&[TEXT])?;
            out.write_all(&(text.len() as u32).to_le_bytes())?;
            out.write_all(text.as_bytes())
        }
    }
}

pub(crate) fn read_u32(input: &mut impl Read) -> std::io::Result<u32> {
    let mut bytes = [0; 4];
    input.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
}

pub(crate) fn read_value(input: &mut impl Read) -> std::io::Result<Value<'static>> {
    let mut tag = [0; 1];
    input.read_exact(&mut tag)?;
    match tag[0] {
        BLANK => Ok(Value::Blank),
        NUMBER => {
            let mut bytes = [0; 8];
            input.read_exact(&mut bytes)?;
            Ok(Value::Number(f64::from_le_bytes(bytes)))
        }
        _ => {
            let len = read_u32(input)? as usize;
            let mut bytes = vec![0; len];
            input.read_exact(&mut bytes)?;
            // Written from a `str` a moment ago; a failure here is a broken disk.
            String::from_utf8(bytes)
                .map(|s| Value::Text(Cow::Owned(s)))
                .map_err(std::io::Error::other)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn rows_come_back_as_written_with_extras_padded() {
        let run = fixture::graded_run();
        let mut spool = Spool::new().unwrap();
        for p in &run.scorecard.projects {
            spool.add(p).unwrap();
        }
        let mut back = Vec::new();
        spool
            .replay(|row| {
                back.push(row.to_vec());
                Ok(())
            })
            .unwrap();
        assert_eq!(back.len(), run.scorecard.projects.len());
        for (row, p) in back.iter().zip(&run.scorecard.projects) {
            assert_eq!(row.len(), SCORE_COLUMNS.len() + spool.extras.headers.len());
            for (cell, column) in row.iter().zip(SCORE_COLUMNS) {
                assert_eq!(*cell, (column.value)(p));
            }
        }
    }
}
