//! The JSON document of a streamed run. The document puts the portfolio
//! figures before the projects, and those figures are only known once every
//! project has passed; so each project is serialised as it passes into a
//! [`Spool`], and read back one at a time while the document is written.
//!
//! The run and the portfolio are pretty-printed; each project is compact, on
//! a line of its own. A project is a few kilobytes of evidence, and indenting
//! it would nearly double the document (and its writing time) for nobody:
//! a line a project keeps the document readable with `grep`, `less` and
//! `diff`, and any JSON tool reads it the same.

use std::cell::RefCell;
use std::io::{BufWriter, Write};
use std::path::Path;

use serde::Serialize;
use serde::ser::{Error as _, SerializeSeq, Serializer};
use serde_json::value::RawValue;

use super::document::{Document, ProjectJson};
use crate::export::spool::Spool;
use crate::export::worker::Worker;
use crate::model::{GradedRun, ProjectScore};

/// Projects of a run, serialised as they pass.
pub struct JsonSpool {
    projects: Spool<String>,
    /// The project being serialised, kept to spare an allocation a project.
    item: Vec<u8>,
}

impl JsonSpool {
    /// A spool in an unnamed temporary file.
    pub fn new() -> std::io::Result<Self> {
        Ok(JsonSpool {
            projects: Spool::new()?,
            item: Vec::with_capacity(16 << 10),
        })
    }

    /// Adds one project, in order, as compact JSON.
    pub fn add(&mut self, p: &ProjectScore) -> std::io::Result<()> {
        self.item.clear();
        serde_json::to_writer(&mut self.item, &ProjectJson(p))?;
        let json = std::str::from_utf8(&self.item)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.projects.push(json)
    }

    /// Writes the document of `run` with the spooled projects, followed by
    /// a newline; `folder` is where it is written (`None`: standard output).
    pub fn write_document(
        &mut self,
        run: &GradedRun,
        folder: Option<&Path>,
        w: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut out = BufWriter::with_capacity(1 << 16, w);
        let document = Document {
            run,
            projects: Spooled(RefCell::new(&mut self.projects)),
            folder,
        };
        document.serialize(&mut serde_json::Serializer::pretty(&mut out))?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

/// The spooled projects as the document's array: each is read back and
/// written as it was serialised, so the pretty printer puts it, compact, on
/// a line of its own.
struct Spooled<'s>(RefCell<&'s mut Spool<String>>);

impl Serialize for Spooled<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut projects = self.0.try_borrow_mut().map_err(S::Error::custom)?;
        let mut seq = s.serialize_seq(Some(projects.len()))?;
        projects.replay(S::Error::custom, |json| {
            let project: &RawValue = serde_json::from_str(&json).map_err(S::Error::custom)?;
            seq.serialize_element(project)
        })?;
        seq.end()
    }
}

/// A [`JsonSpool`] on its own thread: serialising a project's
/// JSON costs about as much as writing its workbook rows, so on a machine
/// with a second core the two overlap.
pub struct JsonWorker(Worker<ProjectScore, JsonSpool, std::io::Error>);

impl JsonWorker {
    /// Starts the thread with an empty spool.
    pub fn start() -> std::io::Result<Self> {
        let spool = JsonSpool::new()?;
        Worker::start("airoi-json", spool, |spool: &mut JsonSpool, p| {
            spool.add(&p)
        })
        .map(JsonWorker)
    }

    /// Hands over the next project. An error means the thread has stopped;
    /// [`JsonWorker::finish`] says why.
    pub fn send(&mut self, p: ProjectScore) -> std::io::Result<()> {
        self.0
            .send(p)
            .map_err(|_| std::io::Error::other("the JSON writer stopped"))
    }

    /// Waits for every project to be spooled and returns the spool.
    pub fn finish(self) -> std::io::Result<JsonSpool> {
        self.0
            .finish(|| std::io::Error::other("the JSON writer panicked"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use crate::export::json::document::Projects;

    /// Where the projects array opens in a pretty-printed document.
    const PROJECTS_KEY: &str = "\n  \"projects\": [";

    fn document(spool: &mut JsonSpool, run: &GradedRun) -> String {
        let mut out = Vec::new();
        spool.write_document(run, None, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_document_holds_what_serde_writes_at_once_a_project_a_line() {
        let run = fixture::graded_run();
        let whole = serde_json::to_string_pretty(&Document {
            run: &run,
            projects: Projects(&run.scorecard.projects),
            folder: None,
        })
        .unwrap();
        let mut spool = JsonSpool::new().unwrap();
        for p in &run.scorecard.projects {
            spool.add(p).unwrap();
        }
        let written = document(&mut spool, &run);
        let parsed: serde_json::Value = serde_json::from_str(&written).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&whole).unwrap();
        assert_eq!(parsed, expected);
        // The run and the portfolio read as serde pretty-prints them ...
        let at = whole.find(PROJECTS_KEY).unwrap() + PROJECTS_KEY.len();
        assert_eq!(written[..at], whole[..at]);
        // ... then one line a project, in order, and the array closes.
        let mut lines = written[at..].lines();
        assert_eq!(lines.next(), Some(""));
        for (i, p) in run.scorecard.projects.iter().enumerate() {
            let line = lines.next().unwrap();
            let json = if i + 1 < run.scorecard.projects.len() {
                line.strip_suffix(',').unwrap()
            } else {
                line
            };
            let item = json.strip_prefix("    ").unwrap();
            assert_eq!(item, serde_json::to_string(&ProjectJson(p)).unwrap());
        }
        assert_eq!(lines.next(), Some("  ],"));
        assert!(written.ends_with("}\n"));
        // The spool can be written again, to the same bytes.
        assert_eq!(document(&mut spool, &run), written);
    }

    #[test]
    fn the_worker_spools_what_it_is_sent_in_order() {
        let run = fixture::graded_run();
        let mut worker = JsonWorker::start().unwrap();
        for p in &run.scorecard.projects {
            worker.send(p.clone()).unwrap();
        }
        let mut threaded = Vec::new();
        worker
            .finish()
            .unwrap()
            .write_document(&run, None, &mut threaded)
            .unwrap();
        let mut direct = Vec::new();
        super::super::write_json(&run, &mut direct).unwrap();
        assert_eq!(threaded, direct);
    }

    #[test]
    fn no_projects_leave_an_empty_array() {
        let mut run = fixture::graded_run();
        run.scorecard.projects.clear();
        let written = document(&mut JsonSpool::new().unwrap(), &run);
        assert!(written.contains("\n  \"projects\": [],\n"));
        let doc: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(doc["projects"], serde_json::json!([]));
    }
}
