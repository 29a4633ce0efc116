//! Whether an xlsx sheet may hold a number written as text, told without
//! reading its cells: such a text is a shared string (checked one by one)
//! or a string written in the sheet itself (an inline string or a
//! formula's text result, looked for in its bytes). Deciding a file's
//! decimal separator reads a sheet's cells only when this says it may
//! find something.

use std::io::{Cursor, Read};

use memchr::memmem;

use super::scan::{sheet_parts, tags};

/// Bytes of a part read at a time.
const CHUNK: usize = 256 << 10;

/// Whether sheet `name` of the xlsx in `bytes` may hold a text for which
/// `is_number` holds; `true` whenever the parts cannot be read. The sheet
/// part itself is read only when its scan saw strings of its own
/// (`own_strings`): most writers keep every text in the shared strings.
pub(crate) fn may_hold_number_text(
    bytes: &[u8],
    name: &str,
    own_strings: bool,
    is_number: &dyn Fn(&str) -> bool,
) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    let Some((_, path)) = sheet_parts(&mut archive)
        .into_iter()
        .find(|(sheet, _)| sheet == name)
    else {
        return true;
    };
    // The table is `xl/sharedStrings.xml` as every writer names it; any
    // part so named is read.
    let shared = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i)?.ok().map(|n| n.to_string()))
        .find(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
    if let Some(Ok(mut part)) = shared.map(|n| archive.by_name(&n)) {
        let mut xml = Vec::new();
        if part.read_to_end(&mut xml).is_err() {
            return true;
        }
        if shared_strings(&xml).any(|s| is_number(&s)) {
            return true;
        }
    }
    if !own_strings {
        return false;
    }
    match archive.by_name(&path) {
        Ok(part) => own_strings_hold(part, is_number),
        Err(_) => true,
    }
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

/// Whether a sheet part holds a string of its own (an inline string's
/// `<t>`, a formula's text result in `<v>` after `t="str"`) for which
/// `is_number` holds, read a chunk at a time.
fn own_strings_hold(mut part: impl Read, is_number: &dyn Fn(&str) -> bool) -> bool {
    let mut buf: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match part.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        };
        buf.extend_from_slice(&chunk[..n]);
        let (done, found) = strings_in(&buf, n == 0, is_number);
        if found {
            return true;
        }
        if n == 0 {
            return false;
        }
        buf.drain(..done);
        if buf.len() > 16 << 20 {
            // One endless element: not looked into, so the cells are read.
            return true;
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
    let len = memmem::find(&xml[open_end..], close)?;
    Some(&xml[open_end..open_end + len])
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
        let is_number = |t: &str| t == "1,5";
        let mut xml = vec![b' '; CHUNK - 5];
        xml.extend_from_slice(br#"<c r="A1" t="inlineStr"><is><t>1,5</t></is></c>"#);
        assert!(own_strings_hold(&xml[..], &is_number));
        let formula = br#"<c r="A1" t="str"><f>A2</f><v>1,5</v></c>"#;
        assert!(own_strings_hold(&formula[..], &is_number));
        let numbers =
            br#"<c r="A1"><v>1.5</v></c><c r="A2" t="inlineStr"><is><t>Name</t></is></c>"#;
        assert!(!own_strings_hold(&numbers[..], &is_number));
    }
}
