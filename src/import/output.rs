//! airoi's own outputs among the inputs. Every output carries its run
//! record: a graded workbook in a hidden sheet, a JSON document under
//! `run`, a report in an embedded block. Read back as an intake, a graded
//! workbook's sheets would be rows of nonsense, so a folder run passes over
//! such files ([`output_kind`]) and one named outright is refused
//! ([`in_text`], [`in_workbook`]). Feedback workbooks carry no run record:
//! they are intakes, fixed by their unit and sent back to be read.

use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use super::cell::CellValue;
use super::source::Source;

/// The hidden sheet of a graded workbook that holds its run record.
pub const RUN_RECORD_SHEET: &str = "Run record";

/// An output of airoi's, known by the run record it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A graded workbook (`-o`).
    Workbook,
    /// A JSON document (`--json`).
    Json,
    /// An audit report (`--report`).
    Report,
}

impl Output {
    /// The output as messages name it.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Output::Workbook => "a graded workbook",
            Output::Json => "a JSON document",
            Output::Report => "an audit report",
        }
    }

    /// Why a folder run passes over it.
    #[must_use]
    pub fn skip_reason(self) -> &'static str {
        match self {
            Output::Workbook => "airoi's own output, a graded workbook with its run record",
            Output::Json => "airoi's own output, a JSON document with its run record",
            Output::Report => "airoi's own output, an audit report with its run record",
        }
    }
}

/// Whether text holds a run record's opening, `"tool": "airoi"`, in its
/// first bytes (spaces aside).
fn names_airoi(head: &[u8]) -> bool {
    let head = &head[..head.len().min(4096)];
    let squeezed: Vec<u8> = head
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    squeezed
        .windows(br#""tool":"airoi""#.len())
        .any(|w| w == br#""tool":"airoi""#)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Which airoi output text bytes are, if they are one: a JSON document, or
/// a Markdown or HTML report with its embedded run record.
#[must_use]
pub(crate) fn in_text(bytes: &[u8]) -> Option<Output> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    match bytes[start] {
        b'{' if names_airoi(&bytes[start..]) => Some(Output::Json),
        b'#' if contains(bytes, b"json airoi-run-record\n") => Some(Output::Report),
        b'<' if contains(bytes, b"id=\"airoi-run-record\"") => Some(Output::Report),
        _ => None,
    }
}

/// Whether an open workbook is a graded workbook: a hidden run-record
/// sheet whose first cell opens an airoi run record.
pub(crate) fn in_workbook(source: &mut impl Source) -> Option<Output> {
    let index = source
        .sheets()
        .iter()
        .position(|s| s.hidden && s.name == RUN_RECORD_SHEET)?;
    let mut first = None;
    let _ = source.visit_head(index, &mut |row| {
        first = row.cells.first().map(|(_, v)| v.clone());
        ControlFlow::Break(())
    });
    match first {
        Some(CellValue::Text(text)) if names_airoi(text.as_bytes()) => Some(Output::Workbook),
        _ => None,
    }
}

/// Which airoi output the file at `path` is, if it is one, judged from
/// the least of it: a zip's workbook part names a hidden run-record sheet,
/// or a text's first bytes (or embedded block) are a run record.
#[must_use]
pub fn output_kind(path: &Path) -> Option<Output> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut magic = [0u8; 2];
    file.read_exact(&mut magic).ok()?;
    if &magic == b"PK" {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
        let part = zip.by_name("xl/workbook.xml").ok()?;
        // A workbook part is a few kilobytes; a megabyte is plenty.
        let mut xml = Vec::new();
        part.take(1 << 20).read_to_end(&mut xml).ok()?;
        let tag = format!("name=\"{RUN_RECORD_SHEET}\"");
        let at = xml.windows(tag.len()).position(|w| w == tag.as_bytes())?;
        let open = xml[..at].iter().rposition(|b| *b == b'<')?;
        let close = at + xml[at..].iter().position(|b| *b == b'>')?;
        let element = &xml[open..close];
        return contains(element, b"state=\"hidden\"").then_some(Output::Workbook);
    }
    let mut head = magic.to_vec();
    file.take(1 << 16).read_to_end(&mut head).ok()?;
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => in_text(&head),
        // A report's run record is at its end: read it whole.
        Some(b'#' | b'<') => in_text(&std::fs::read(path).ok()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_documents_and_reports_are_known_by_their_run_record() {
        assert_eq!(
            in_text(b"{\n  \"run\": {\n    \"tool\": \"airoi\",\n"),
            Some(Output::Json)
        );
        assert_eq!(
            in_text(b"# AI portfolio audit report\n\n```json airoi-run-record\n{}\n```\n"),
            Some(Output::Report)
        );
        assert_eq!(in_text(b"{\"tool\": \"other\"}"), None);
        assert_eq!(in_text(b"project_id,project_name\n"), None);
    }
}
