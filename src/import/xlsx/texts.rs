//! Whether an xlsx sheet may hold a number written as text, told without
//! reading its cells: such a text is a shared string (checked one by one)
//! or a string written in the sheet itself (an inline string or a
//! formula's text result, looked for in its bytes by [`OwnStrings`] as the
//! sheet's scan unzips it). Deciding a file's decimal separator reads a
//! sheet's cells only when this says it may find something. Also the
//! tag finder the scans share ([`tags`]).

use std::io::{Cursor, Read};

use memchr::memmem;

use crate::import::decimal::decide::shows_a_mark;

/// Whether the xlsx in `bytes` may hold a number written as text that
/// shows a decimal mark (`decimal::decide::shows_a_mark`); `true` whenever
/// the parts cannot be read. A sheet's own strings were looked through by
/// its scan (`own_found`); here the shared strings are.
pub(crate) fn may_show_a_decimal_mark(bytes: &[u8], own_found: bool) -> bool {
    if own_found {
        return true;
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    // The table is `xl/sharedStrings.xml` as every writer names it; any
    // part so named is read.
    let shared = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i)?.ok().map(|n| n.to_string()))
        .find(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
    let Some(Ok(mut part)) = shared.map(|n| archive.by_name(&n)) else {
        return false;
    };
    let mut xml = Vec::new();
    if part.read_to_end(&mut xml).is_err() {
        return true;
    }
    shared_strings(&xml).any(|s| shows_a_mark(&s))
}

/// The tags of `xml` that open with `open` (`<sheet `), each up to its `>`.
pub(crate) fn tags<'a>(xml: &'a [u8], open: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    memmem::find_iter(xml, open).map(|at| {
        let end = xml[at..].iter().position(|&b| b == b'>');
        &xml[at..end.map_or(xml.len(), |e| at + e)]
    })
}

/// The texts of a shared-string table, each item's runs joined.
fn shared_strings(xml: &[u8]) -> impl Iterator<Item = String> + '_ {
    memmem::find_iter(xml, b"<si").map(move |at| {
        let item = &xml[at..];
        let end = memmem::find(item, b"</si>").unwrap_or(item.len());
        let item = &item[..end];
        let mut text = String::new();
        for tag in tags(item, b"<t") {
            // `<t>` or `<t xml:space="preserve">` (the tag is cut before
            // its `>`), not another element starting with t.
            if !matches!(tag.get(2), None | Some(b' ')) {
                continue;
            }
            let start = tag.as_ptr() as usize - item.as_ptr() as usize + tag.len() + 1;
            let Some(rest) = item.get(start..) else {
                continue;
            };
            let len = memmem::find(rest, b"</t>").unwrap_or(rest.len());
            text.push_str(&String::from_utf8_lossy(&rest[..len]));
        }
        text.replace("&amp;", "&")
    })
}

/// A sheet part's own strings (an inline string's `<t>`, a formula's
/// text result in `<v>` after `t="str"`), looked through as the sheet's
/// scan unzips it, chunk by chunk, for one that `is_number` holds for.
pub(super) struct OwnStrings {
    buf: Vec<u8>,
    is_number: fn(&str) -> bool,
    /// A string was found, or an endless element was not looked into.
    pub found: bool,
}

impl OwnStrings {
    pub(super) fn new(is_number: fn(&str) -> bool) -> Self {
        OwnStrings {
            buf: Vec::new(),
            is_number,
            found: false,
        }
    }

    /// Looks at the next chunk of the part; `at_end` after the last.
    pub(super) fn feed(&mut self, chunk: &[u8], at_end: bool) {
        if self.found {
            return;
        }
        self.buf.extend_from_slice(chunk);
        let (done, found) = strings_in(&self.buf, at_end, &self.is_number);
        self.found = found;
        self.buf.drain(..done);
        if self.buf.len() > 16 << 20 {
            // One endless element: not looked into, so the cells are read.
            self.found = true;
        }
    }
}

/// Looks at the complete strings of `xml`: how many bytes were dealt with
/// (the rest, from an element cut by the chunk's end, waits for the
/// next), and whether one holds a number. Only text elements are looked
/// at (numbers are every cell's `<v>`, and only a text can show a mark).
fn strings_in(xml: &[u8], at_end: bool, is_number: &dyn Fn(&str) -> bool) -> (usize, bool) {
    // A tag cut by the chunk's end is found again in the next.
    let mut done = xml.len().saturating_sub(8);
    let holds = |text: &[u8]| {
        text.iter().any(u8::is_ascii_digit)
            && text.iter().any(|&b| b == b',' || b == b'.')
            && is_number(&String::from_utf8_lossy(text))
    };
    // Inline strings: `<t>` or `<t xml:space="preserve">`.
    for at in memmem::find_iter(xml, b"<t") {
        match xml.get(at + 2) {
            Some(b'>' | b' ') => {}
            Some(_) => continue,
            None => {
                done = done.min(at);
                break;
            }
        }
        match element_text(&xml[at..], b"</t>") {
            Some(text) if holds(text) => return (xml.len(), true),
            Some(_) => {}
            None => {
                done = done.min(at);
                break;
            }
        }
    }
    // A formula's text result: the `<v>` of a cell marked `t="str"`.
    for at in memmem::find_iter(xml, b"t=\"str\"") {
        let rest = &xml[at..];
        let text = memmem::find(rest, b"<v>").and_then(|v| element_text(&rest[v..], b"</v>"));
        match text {
            Some(text) if holds(text) => return (xml.len(), true),
            Some(_) => {}
            None => {
                done = done.min(at);
                break;
            }
        }
    }
    if at_end {
        (xml.len(), false)
    } else {
        (done, false)
    }
}

/// The text of the element that starts `xml`, up to `close`; `None` when
/// the element is cut off.
fn element_text<'a>(xml: &'a [u8], close: &[u8]) -> Option<&'a [u8]> {
    let open_end = memchr::memchr(b'>', xml)? + 1;
    // Text holds no `<` (XML writes it `&lt;`): the next one closes it,
    // found without building a substring searcher for each of a sheet's
    // million strings.
    let len = memchr::memchr(b'<', &xml[open_end..])?;
    let text = &xml[open_end..open_end + len];
    if xml[open_end + len..].starts_with(close) {
        Some(text)
    } else {
        let len = memmem::find(&xml[open_end..], close)?;
        Some(&xml[open_end..open_end + len])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_are_read_with_their_runs_joined() {
        let xml = br#"<sst><si><t>Name</t></si><si><t xml:space="preserve">1.200</t></si><si><r><t>1,</t></r><r><t>5</t></r></si></sst>"#;
        let texts: Vec<String> = shared_strings(xml).collect();
        assert_eq!(texts, ["Name", "1.200", "1,5"]);
    }

    #[test]
    fn strings_in_the_sheet_are_found_across_chunks() {
        fn is_number(t: &str) -> bool {
            t == "1,5"
        }
        let found = |xml: &[u8]| {
            let mut own = OwnStrings::new(is_number);
            for chunk in xml.chunks(7) {
                own.feed(chunk, false);
            }
            own.feed(&[], true);
            own.found
        };
        let mut xml = vec![b' '; 1000];
        xml.extend_from_slice(br#"<c r="A1" t="inlineStr"><is><t>1,5</t></is></c>"#);
        assert!(found(&xml));
        assert!(found(br#"<c r="A1" t="str"><f>A2</f><v>1,5</v></c>"#));
        assert!(!found(
            br#"<c r="A1"><v>1.5</v></c><c r="A2" t="inlineStr"><is><t>Name</t></is></c>"#
        ));
    }
}
