//! The Scores rows of a streamed run, kept on disk until the run ends.
//!
//! The Scores sheet is an Excel table whose range, and whose header row of
//! unknown input columns, are only known once every project has passed; the
//! CSV twin needs the same header first. So each project's Scores cells are
//! pushed into a [`Spool`] as it passes and read back, in order, for the
//! sheet and for the CSV.

use std::borrow::Cow;
use std::collections::HashMap;

use super::columns::{self, Column, REVIEW_COLUMNS, SCORE_COLUMNS, Value};
use crate::export::spool::{Record, Spool};
use crate::model::{ProjectScore, Ruleset};

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

/// A project's row: the Scores columns, then its extras up to the last it
/// has (a row is padded to the run's extras when read back).
impl Record for Vec<Value<'static>> {
    type Written<'a> = [Value<'a>];
}

/// Scores rows on their way to the sheet and the CSV.
pub(crate) struct ScoreRows {
    spool: Spool<Vec<Value<'static>>>,
    pub extras: Extras,
    /// Whether some project gives actual figures: the review columns show.
    reviewed: bool,
}

/// Every column a row is spooled with: the Scores columns and the review's.
const ALL: usize = SCORE_COLUMNS.len() + REVIEW_COLUMNS.len();

impl ScoreRows {
    pub fn new() -> std::io::Result<Self> {
        Ok(ScoreRows {
            spool: Spool::new()?,
            extras: Extras::default(),
            reviewed: false,
        })
    }

    /// The columns the rows are read back with, before the extras.
    pub fn columns(&self) -> Vec<&'static Column> {
        columns::shown(self.reviewed)
    }

    /// Rows spooled.
    pub fn len(&self) -> usize {
        self.spool.len()
    }

    /// Adds one project's row: the Scores columns, then its extras.
    pub fn add(&mut self, p: &ProjectScore, ruleset: &Ruleset) -> std::io::Result<()> {
        let extras = self.extras.cells(p);
        let width = extras.iter().map(|(i, _)| i + 1).max().unwrap_or(0);
        self.reviewed |= p.review.is_some();
        let mut row: Vec<Value> = Vec::with_capacity(ALL + width);
        row.extend(
            columns::shown(true)
                .iter()
                .map(|column| (column.value)(p, ruleset)),
        );
        row.resize(ALL + width, Value::Blank);
        for (index, value) in extras {
            row[ALL + index] = Value::Text(Cow::Borrowed(value));
        }
        self.spool.push(&row)
    }

    /// Reads every row back, in order; `f` gets each row in the order of
    /// [`ScoreRows::columns`], padded to every extra column met in the run. `io` says what a failure to read the
    /// spool means to the caller.
    pub fn replay<E>(
        &mut self,
        io: impl Fn(std::io::Error) -> E,
        mut f: impl FnMut(&[Value<'static>]) -> Result<(), E>,
    ) -> Result<(), E> {
        let width = ALL + self.extras.headers.len();
        let (reviewed, start) = (self.reviewed, columns::review_start());
        self.spool.replay(io, |mut row| {
            row.resize(width, Value::Blank);
            if !reviewed {
                row.drain(start..start + REVIEW_COLUMNS.len());
            }
            f(&row)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn rows_come_back_as_written_with_extras_padded() {
        let mut run = fixture::graded_run();
        let extra = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(h, v)| ((*h).to_string(), (*v).to_string()))
                .collect()
        };
        run.scorecard.projects[0].project.extra = extra(&[("Sponsor", "Ada")]);
        run.scorecard.projects[1].project.extra =
            extra(&[("Region", "EU"), ("Sponsor", "Grace"), ("Region", "UK")]);
        let mut rows = ScoreRows::new().unwrap();
        for p in &run.scorecard.projects {
            rows.add(p, &run.ruleset).unwrap();
        }
        let mut back = Vec::new();
        rows.replay(
            |e| e,
            |row| {
                back.push(row.to_vec());
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(back.len(), run.scorecard.projects.len());
        assert_eq!(rows.extras.headers, ["Sponsor", "Region", "Region"]);
        for (row, p) in back.iter().zip(&run.scorecard.projects) {
            assert_eq!(row.len(), SCORE_COLUMNS.len() + 3);
            for (cell, column) in row.iter().zip(SCORE_COLUMNS) {
                assert_eq!(*cell, (column.value)(p, &run.ruleset));
            }
        }
        let text = |s: &str| Value::Text(Cow::Owned(s.to_string()));
        let extras_of = |row: &[Value<'static>]| row[SCORE_COLUMNS.len()..].to_vec();
        assert_eq!(
            extras_of(&back[0]),
            [text("Ada"), Value::Blank, Value::Blank]
        );
        assert_eq!(extras_of(&back[1]), [text("Grace"), text("EU"), text("UK")]);
    }
}
