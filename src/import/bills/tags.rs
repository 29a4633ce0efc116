//! A bill row's `Tags`, read as (key, value) pairs in lower case. Exports
//! write them as a flat JSON object of text values, which a scanner reads
//! without building a JSON value, into strings kept from row to row;
//! anything else (escapes, numbers, nesting, a key twice) goes through
//! `serde_json`, so every row reads as JSON says it should.

/// A row's tags; the strings are reused from row to row.
#[derive(Debug, Default)]
pub(super) struct Tags {
    pairs: Vec<(String, String)>,
    len: usize,
}

impl Tags {
    /// The row's (key, value) pairs, in lower case.
    pub(super) fn pairs(&self) -> &[(String, String)] {
        &self.pairs[..self.len]
    }

    fn push(&mut self, key: &str, value: &str) {
        if self.len == self.pairs.len() {
            self.pairs.push((String::new(), String::new()));
        }
        let (k, v) = &mut self.pairs[self.len];
        lower_into(key, k);
        lower_into(value, v);
        self.len += 1;
    }
}

fn lower_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// Reads a row's `Tags` JSON object into `out`; a value that is not text
/// is written as JSON writes it. Empty means no tags.
pub(super) fn read_tags(text: &str, out: &mut Tags) -> Result<(), String> {
    out.len = 0;
    if text.is_empty() || scan(text.as_bytes(), out) {
        return Ok(());
    }
    out.len = 0;
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|_| format!("Tags {text:?} is not a JSON object"))?;
    for (key, value) in map {
        match value {
            serde_json::Value::String(s) => out.push(&key, &s),
            other => out.push(&key, &other.to_string()),
        }
    }
    Ok(())
}

/// Reads `{"k":"v", …}` whose keys and values hold no escapes or control
/// characters, each key once; `false` for anything else.
fn scan(bytes: &[u8], out: &mut Tags) -> bool {
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return false;
    }
    at = skip_space(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        return skip_space(bytes, at + 1) == bytes.len();
    }
    loop {
        let Some((key, next)) = string(bytes, at) else {
            return false;
        };
        at = skip_space(bytes, next);
        if bytes.get(at) != Some(&b':') {
            return false;
        }
        at = skip_space(bytes, at + 1);
        let Some((value, next)) = string(bytes, at) else {
            return false;
        };
        // Keys differ as JSON reads them; a key twice keeps its last value
        // there, so leave that to serde_json.
        if out.pairs().iter().any(|(k, _)| k.eq_ignore_ascii_case(key)) {
            return false;
        }
        out.push(key, value);
        at = skip_space(bytes, next);
        match bytes.get(at) {
            Some(b',') => at = skip_space(bytes, at + 1),
            Some(b'}') => return skip_space(bytes, at + 1) == bytes.len(),
            _ => return false,
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

/// A JSON string without escapes at `at`, and the position after it.
fn string(bytes: &[u8], at: usize) -> Option<(&str, usize)> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let rest = &bytes[at + 1..];
    let end = memchr::memchr2(b'"', b'\\', rest)?;
    if rest[end] != b'"' || rest[..end].iter().any(|&b| b < 0x20) {
        return None;
    }
    let text = std::str::from_utf8(&rest[..end]).ok()?;
    Some((text, at + 1 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<(String, String)>, String> {
        let mut tags = Tags::default();
        read_tags(text, &mut tags)?;
        let mut pairs = tags.pairs().to_vec();
        pairs.sort();
        Ok(pairs)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn tags_that_are_not_an_object_are_refused() {
        assert!(read("[1]").is_err());
        assert!(read("{\"a\":").is_err());
        assert!(read("{\"a\":\"b\"} x").is_err());
        assert_eq!(
            read(r#"{"Size":500,"On":true}"#).unwrap(),
            pairs(&[("on", "true"), ("size", "500")])
        );
    }

    #[test]
    fn the_scanner_reads_as_json_does() {
        for text in [
            r#"{"ai-project":"FIN-001","CostCenter":"cc-7"}"#,
            r#" { "AI-Project" : "Fin-002" , "env":"" } "#,
            r#"{"k":"a\"b","K2":"\u00e9t\u00c9"}"#,
            r#"{"Team":"Ünïcode","team":"second"}"#,
            r#"{"a":"1","a":"2"}"#,
            "{}",
            "",
        ] {
            let mut fast = Tags::default();
            let scanned = !text.is_empty() && scan(text.as_bytes(), &mut fast);
            let mut expected = Vec::new();
            if !text.is_empty() {
                let map: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(text).unwrap();
                for (k, v) in map {
                    let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    expected.push((k.to_lowercase(), v.to_lowercase()));
                }
            }
            expected.sort();
            assert_eq!(read(text).unwrap(), expected, "{text}");
            if scanned {
                let mut got = fast.pairs().to_vec();
                got.sort();
                assert_eq!(got, expected, "{text}");
            }
        }
    }

    #[test]
    fn strings_are_reused_from_row_to_row() {
        let mut tags = Tags::default();
        read_tags(r#"{"a":"1","b":"2"}"#, &mut tags).unwrap();
        read_tags(r#"{"c":"3"}"#, &mut tags).unwrap();
        assert_eq!(tags.pairs(), pairs(&[("c", "3")]).as_slice());
    }
}
