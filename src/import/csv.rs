//! CSV and TSV: UTF-8 with or without a byte-order mark, UTF-16 with one or
//! without (told by where its NUL bytes fall, as some tools export it), or
//! Windows-1252 (what Excel on Windows saves); delimiter sniffed among
//! comma, semicolon and tab; quoted fields may hold line breaks, and a
//! quote left open is refused in its cell rather than swallow the records
//! after it (`quotes`).

use std::borrow::Cow;
use std::ops::ControlFlow;

use super::cell::{CellValue, Row};
use super::error::SourceError;
use super::quotes::{self, Runaway};
use super::source::{SheetInfo, Source};

/// A CSV file decoded to text, ready to visit.
pub struct CsvSource {
    text: String,
    delimiter: u8,
    sheets: Vec<SheetInfo>,
    /// How the bytes were decoded, for the input's notes.
    pub encoding: &'static str,
    /// Quotes left open, each refused in its cell (the text is read as if
    /// it had not been there).
    runaways: Vec<Runaway>,
}

impl CsvSource {
    /// Decodes `bytes`; `sheet` is the name the table is reported under
    /// (the file stem, as Excel names a CSV's only sheet).
    #[must_use]
    pub fn new(bytes: &[u8], sheet: &str) -> Self {
        let (text, encoding) = decode(bytes);
        Self::of_text(text.into_owned(), sheet, encoding)
    }

    fn of_text(text: String, sheet: &str, encoding: &'static str) -> Self {
        let delimiter = sniff_delimiter(&text);
        let (text, runaways) = match quotes::repair(&text, delimiter) {
            Some((repaired, runaways)) => (repaired, runaways),
            None => (text, Vec::new()),
        };
        CsvSource {
            text,
            delimiter,
            sheets: vec![SheetInfo {
                name: sheet.to_string(),
                hidden: false,
            }],
            encoding,
            runaways,
        }
    }

    /// What the input's notes say about the text: each quote left open.
    #[must_use]
    pub fn notes(&self) -> Vec<String> {
        self.runaways.iter().map(Runaway::note).collect()
    }

    /// Takes the bytes of a file: UTF-8 without a byte-order mark (the
    /// common case) becomes the text without a copy, so a large CSV is held
    /// in memory once.
    #[must_use]
    pub fn from_vec(bytes: Vec<u8>, sheet: &str) -> Self {
        let has_bom =
            encoding_rs::Encoding::for_bom(&bytes).is_some() || utf16_without_bom(&bytes).is_some();
        match String::from_utf8(bytes) {
            Ok(text) if !has_bom => Self::of_text(text, sheet, "UTF-8"),
            Ok(text) => Self::new(text.as_bytes(), sheet),
            Err(err) => Self::new(err.as_bytes(), sheet),
        }
    }
}

/// Decodes CSV bytes: a BOM decides; otherwise UTF-16 when its NUL bytes
/// say so, UTF-8 when valid, else Windows-1252.
#[must_use]
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, encoding.name());
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text, encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        (Cow::Borrowed(text), "UTF-8")
    } else {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        (text, "windows-1252")
    }
}

/// UTF-16 without a byte-order mark, told by its NUL bytes: text in a
/// Latin script has a NUL as the high byte of nearly every character, so
/// NULs fall on odd offsets (little-endian) or even ones (big-endian) and
/// almost never on the other. Single-byte text has no NULs at all.
#[must_use]
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = head.len() / 2;
    // Most characters of a table are ASCII; allow a few others, and a
    // stray NUL on the wrong side.
    if odd * 10 >= pairs * 7 && even * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Picks the delimiter that splits the first lines most consistently.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize);
    for delim in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, char::from(delim)))
            .collect();
        // The most common non-zero count, weighted by how many lines share it.
        let mut score = 0;
        for &c in counts.iter().filter(|&&c| c > 0) {
            let same = counts.iter().filter(|&&x| x == c).count();
            score = score.max(same * 1000 + c);
        }
        if score > best.1 {
            best = (delim, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delim: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
            }
            c == delim && !quoted
        })
        .count()
}

impl Source for CsvSource {
    fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    fn visit<B>(
        &mut self,
        _index: usize,
        f: &mut dyn FnMut(Row) -> ControlFlow<B>,
    ) -> Result<ControlFlow<B>, SourceError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes());
        let mut record = csv::StringRecord::new();
        // Row numbers as a spreadsheet shows them: the csv reader skips blank
        // lines, and a record's position is where that skipping began, so
        // count them back in.
        let mut row: u32 = 0;
        let bytes = self.text.as_bytes();
        let mut runaways = self.runaways.iter().peekable();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => return Ok(ControlFlow::Continue(())),
                Ok(true) => {}
                Err(err) => {
                    let line = err.position().map_or(0, csv::Position::line);
                    return Err(SourceError::CsvLine {
                        line,
                        reason: err.to_string(),
                    });
                }
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let blanks = blank_lines_before(bytes, start);
            row = row.saturating_add(1 + blanks as u32);
            // The quotes left open within this record, by column.
            let end = reader.position().byte() as usize;
            let mut broken: Vec<&Runaway> = Vec::new();
            while let Some(r) = runaways.next_if(|r| r.at < end) {
                broken.push(r);
            }
            let cells: Vec<(u32, CellValue)> = record
                .iter()
                .enumerate()
                .filter(|(i, v)| !v.is_empty() || broken.iter().any(|r| r.column == *i as u32))
                .map(|(i, v)| {
                    let i = i as u32;
                    let value = match broken.iter().find(|r| r.column == i) {
                        Some(r) => CellValue::Broken {
                            text: v.to_string(),
                            why: r.why(),
                        },
                        None => CellValue::Text(v.to_string()),
                    };
                    (i, value)
                })
                .collect();
            if cells.is_empty() {
                continue;
            }
            let flow = f(Row {
                number: row,
                cells,
                hidden: false,
            });
            if flow.is_break() {
                return Ok(flow);
            }
        }
    }
}

/// Blank lines the csv reader skipped before a record starting at `start`:
/// line breaks there, a CRLF counted once, less the tail of the previous
/// record's own CRLF.
fn blank_lines_before(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    if i > 0 && bytes.get(i - 1) == Some(&b'\r') && bytes.get(i) == Some(&b'\n') {
        i += 1;
    }
    let mut blanks = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        blanks += 1;
    }
    blanks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8]) -> Vec<Row> {
        let mut source = CsvSource::new(bytes, "t");
        let mut out = Vec::new();
        let flow = source.visit(0, &mut |r| {
            out.push(r);
            ControlFlow::<()>::Continue(())
        });
        assert_eq!(flow, Ok(ControlFlow::Continue(())));
        out
    }

    #[test]
    fn a_visitor_that_stops_gets_its_reason_back() {
        let mut source = CsvSource::new(b"a\nb\nc\n", "t");
        let mut seen = 0;
        let flow = source.visit(0, &mut |row| {
            seen += 1;
            if row.number == 2 {
                ControlFlow::Break(format!("stopped at row {}", row.number))
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(flow, Ok(ControlFlow::Break("stopped at row 2".to_string())));
        assert_eq!(seen, 2);
    }

    #[test]
    fn semicolons_and_bom_and_blank_lines() {
        let r = rows("\u{feff}a;b\n\n1;\"x\ny\"\n2;3\n".as_bytes());
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].get(0), Some(&CellValue::Text("a".into())));
        assert_eq!(r[1].number, 3, "the blank line is row 2");
        assert_eq!(r[1].get(1), Some(&CellValue::Text("x\ny".into())));
        assert_eq!(r[2].number, 4);
    }

    #[test]
    fn crlf_rows_count_like_a_spreadsheet() {
        let r = rows(b"a,b\r\n1,\"x\r\ny\"\r\n\r\n2,3\r\n");
        let numbers: Vec<u32> = r.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4]);
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_text() {
        let text = "name;cost\r\nCafé;1.200,50\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            assert_eq!(decode(&bytes), (Cow::Owned(text.to_string()), name));
            let source = CsvSource::from_vec(bytes.clone(), "t");
            assert_eq!(source.encoding, name);
            let r = rows(&bytes);
            assert_eq!(r[1].get(0), Some(&CellValue::Text("Café".into())));
            assert_eq!(r[1].get(1), Some(&CellValue::Text("1.200,50".into())));
        }
        assert_eq!(utf16_without_bom(b"a,b\n1,2\n"), None);
    }

    #[test]
    fn a_quote_left_open_is_refused_in_its_cell_and_the_records_after_it_read() {
        let r = rows(b"id,name,cost\nA,\"open,1\nB,x,2\nC,y,3\nD,\"q, r\",4\n");
        let ids: Vec<String> = r.iter().map(|r| r.get(0).unwrap().display()).collect();
        assert_eq!(ids, ["id", "A", "B", "C", "D"]);
        assert!(matches!(
            r[1].get(1),
            Some(CellValue::Broken { text, why }) if text == "open" && why.contains("line 2")
        ));
        assert_eq!(r[1].get(2), Some(&CellValue::Text("1".into())));
        assert_eq!(r[4].get(1), Some(&CellValue::Text("q, r".into())));
    }

    #[test]
    fn windows_1252_is_decoded() {
        let r = rows(b"name\tcost\nCaf\xe9\t\x801\n");
        assert_eq!(r[1].get(0), Some(&CellValue::Text("Café".into())));
        assert_eq!(r[1].get(1), Some(&CellValue::Text("€1".into())));
    }
}
