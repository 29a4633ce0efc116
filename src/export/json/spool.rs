//! The JSON document of a streamed run. The document puts the portfolio
//! figures before the projects, and those figures are only known once every
//! project has passed; so each project is serialised as it passes into an
//! unnamed temporary file and the document is assembled at the end around
//! that file.
//!
//! The run and the portfolio are pretty-printed; each project is compact, on
//! a line of its own. A project is a few kilobytes of evidence, and indenting
//! it would nearly double the document (and its writing time) for nobody:
//! a line a project keeps the document readable with `grep`, `less` and
//! `diff`, and any JSON tool reads it the same.

use super::document::{Document, ProjectJson};
use crate::export::worker::Worker;
use crate::model::{GradedRun, ProjectScore};
use std::fs::File;
use std::io::{BufReader, BufWriter, Seek, Write};

/// Where the projects array opens in a document rendered with no projects.
const PROJECTS_KEY: &[u8] = b"\n  \"projects\": [";
/// Indentation of an array element in the document's projects array.
const ITEM_INDENT: &[u8] = b"    ";

/// Projects of a run, serialised as they pass.
pub struct JsonSpool {
    out: BufWriter<File>,
    count: usize,
    item: Vec<u8>,
}

impl JsonSpool {
    /// A spool in an unnamed temporary file.
    pub fn new() -> std::io::Result<Self> {
        Ok(JsonSpool {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            count: 0,
            item: Vec::with_capacity(16 << 10),
        })
    }

    /// Adds one project, in order, on a line of its own.
    pub fn add(&mut self, p: &ProjectScore) -> std::io::Result<()> {
        self.item.clear();
        serde_json::to_writer(&mut self.item, &ProjectJson(p))?;
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        self.out.write_all(ITEM_INDENT)?;
        self.out.write_all(&self.item)?;
        self.count += 1;
        Ok(())
    }

    /// Writes the document of `run` into a file: the projects are copied
    /// file to file, which the kernel does without passing them through here.
    pub fn write_document_file(&mut self, run: &GradedRun, out: &mut File) -> std::io::Result<()> {
        let (head, at) = Self::head(run)?;
        out.write_all(&head[..at])?;
        if self.count > 0 {
            self.out.flush()?;
            let file = self.out.get_mut();
            file.rewind()?;
            std::io::copy(file, out)?;
            out.write_all(b"\n  ")?;
            file.seek(std::io::SeekFrom::End(0))?;
        }
        out.write_all(&head[at..])?;
        out.write_all(b"\n")
    }

    /// The document with no projects, and where the projects go in it.
    fn head(run: &GradedRun) -> std::io::Result<(Vec<u8>, usize)> {
        let head = serde_json::to_vec_pretty(&Document { run, projects: &[] })?;
        let at = find(&head, PROJECTS_KEY)
            .map(|i| i + PROJECTS_KEY.len())
            .ok_or_else(|| std::io::Error::other("the JSON document has no projects array"))?;
        Ok((head, at))
    }

    /// Writes the document of `run` with the spooled projects, followed by a newline.
    pub fn write_document(&mut self, run: &GradedRun, w: &mut dyn Write) -> std::io::Result<()> {
        let (head, at) = Self::head(run)?;
        w.write_all(&head[..at])?;
        if self.count > 0 {
            self.out.flush()?;
            let file = self.out.get_mut();
            file.rewind()?;
            std::io::copy(&mut BufReader::with_capacity(1 << 16, &*file), w)?;
            w.write_all(b"\n  ")?;
            file.seek(std::io::SeekFrom::End(0))?;
        }
        w.write_all(&head[at..])?;
        writeln!(w)
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn spliced_document_holds_what_serde_writes_at_once_a_project_a_line() {
        let run = fixture::graded_run();
        let whole = serde_json::to_vec_pretty(&Document {
            run: &run,
            projects: &run.scorecard.projects,
        })
        .unwrap();
        let mut spool = JsonSpool::new().unwrap();
        for p in &run.scorecard.projects {
            spool.add(p).unwrap();
        }
        let mut spliced = Vec::new();
        spool.write_document(&run, &mut spliced).unwrap();
        assert_eq!(spliced.pop(), Some(b'\n'));
        let parsed: serde_json::Value = serde_json::from_slice(&spliced).unwrap();
        let expected: serde_json::Value = serde_json::from_slice(&whole).unwrap();
        assert_eq!(parsed, expected);
        // The run and the portfolio read as serde pretty-prints them ...
        let at = find(&whole, PROJECTS_KEY).unwrap();
        assert_eq!(spliced[..at], whole[..at]);
        // ... then one line a project, in order.
        let text = String::from_utf8(spliced[at..].to_vec()).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("    {\"project_id\""))
            .collect();
        assert_eq!(lines.len(), run.scorecard.projects.len());
        for (line, p) in lines.iter().zip(&run.scorecard.projects) {
            let item: serde_json::Value =
                serde_json::from_str(line.trim().trim_end_matches(',')).unwrap();
            assert_eq!(item["project_id"], p.project.project_id.as_str());
        }
        let mut file = tempfile::tempfile().unwrap();
        spool.write_document_file(&run, &mut file).unwrap();
        file.rewind().unwrap();
        let mut copied = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut copied).unwrap();
        assert_eq!(copied.pop(), Some(b'\n'));
        assert_eq!(copied, spliced);
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
            .write_document(&run, &mut threaded)
            .unwrap();
        let mut direct = Vec::new();
        super::super::write_json(&run, &mut direct).unwrap();
        assert_eq!(threaded, direct);
    }

    #[test]
    fn no_projects_leave_an_empty_array() {
        let mut run = fixture::graded_run();
        run.scorecard.projects.clear();
        let mut out = Vec::new();
        JsonSpool::new()
            .unwrap()
            .write_document(&run, &mut out)
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["projects"], serde_json::json!([]));
    }
}
