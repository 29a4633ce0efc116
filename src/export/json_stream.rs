//! The JSON document of a streamed run. The document puts the portfolio
//! figures before the projects, and those figures are only known once every
//! project has passed; so each project is serialised as it passes into an
//! unnamed temporary file, already indented as the document nests it, and
//! the document is assembled at the end around that file. The bytes are the
//! ones `serde_json` would write for the whole document at once.

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek, Write};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::json::{Document, ProjectJson};
use crate::model::{GradedRun, ProjectScore};

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

    /// Adds one project, in order.
    pub fn add(&mut self, p: &ProjectScore) -> std::io::Result<()> {
        self.item.clear();
        serde_json::to_writer_pretty(&mut self.item, &ProjectJson(p))?;
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        self.out.write_all(ITEM_INDENT)?;
        // JSON text holds no raw line break inside a string, so every break
        // starts a new line of the item, to be indented like the document's.
        let mut rest = self.item.as_slice();
        while let Some(at) = rest.iter().position(|b| *b == b'\n') {
            self.out.write_all(&rest[..=at])?;
            self.out.write_all(ITEM_INDENT)?;
            rest = &rest[at + 1..];
        }
        self.out.write_all(rest)?;
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

/// A [`JsonSpool`] on its own thread: serialising a project's JSON costs
/// about as much as writing its workbook rows, so on a machine with a
/// second core the two overlap. Projects are handed over by value once the
/// workbook is done with them, through a bounded queue so memory stays flat.
pub struct JsonWorker {
    queue: Option<SyncSender<ProjectScore>>,
    worker: JoinHandle<std::io::Result<JsonSpool>>,
}

/// Projects waiting for the JSON thread at most.
const QUEUE: usize = 256;

impl JsonWorker {
    /// Starts the thread with an empty spool.
    pub fn start() -> std::io::Result<Self> {
        let mut spool = JsonSpool::new()?;
        let (queue, projects) = sync_channel::<ProjectScore>(QUEUE);
        let worker = std::thread::Builder::new()
            .name("airoi-json".into())
            .spawn(move || {
                for p in projects {
                    spool.add(&p)?;
                }
                Ok(spool)
            })?;
        Ok(JsonWorker {
            queue: Some(queue),
            worker,
        })
    }

    /// Hands over the next project. An error means the thread has stopped;
    /// [`JsonWorker::finish`] says why.
    pub fn send(&mut self, p: ProjectScore) -> std::io::Result<()> {
        match &self.queue {
            Some(queue) if queue.send(p).is_ok() => Ok(()),
            _ => Err(std::io::Error::other("the JSON writer stopped")),
        }
    }

    /// Waits for every project to be spooled and returns the spool.
    pub fn finish(mut self) -> std::io::Result<JsonSpool> {
        self.queue = None;
        self.worker
            .join()
            .map_err(|_| std::io::Error::other("the JSON writer panicked"))?
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
    fn spliced_document_is_what_serde_writes_at_once() {
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
        assert_eq!(
            String::from_utf8(spliced.clone()).unwrap(),
            String::from_utf8(whole).unwrap()
        );
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
        crate::export::json::write_json(&run, &mut direct).unwrap();
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
