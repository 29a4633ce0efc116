//! Quotes left open in CSV text. A quoted field may hold line breaks, so a
//! quote that is never closed swallows the records after it into one value
//! (and the next quote in the file closes it, shifting every column after
//! it). A quoted field that runs to the end of the file, or whose lines
//! look like records of their own, is taken to be such a quote: it is read
//! to the end of its own line, and the lines after it as records again.

use crate::model::column_letters;

/// A quote that opens a field and is not closed where the field should end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Runaway {
    /// Byte offset, in the repaired text, where the field's value starts.
    pub at: usize,
    /// 1-based line of the quote.
    pub line: u32,
    /// 0-based column of the field.
    pub column: u32,
    /// Line breaks the quoted value would have swallowed.
    pub swallowed: u32,
    /// The value ran to the end of the file.
    pub to_end: bool,
}

impl Runaway {
    /// Why the cell cannot be trusted, as a cell's message says it.
    pub(crate) fn why(&self) -> String {
        format!(
            "the quote that opens this cell on line {} is never closed{}; close it or remove it",
            self.line,
            self.extent()
        )
    }

    /// The same for the file's notes.
    pub(crate) fn note(&self) -> String {
        format!(
            "line {}: the quote that opens column {} is never closed{}; the cell was refused and the lines after it were read as rows of their own",
            self.line,
            column_letters(self.column),
            self.extent()
        )
    }

    fn extent(&self) -> String {
        if self.to_end {
            " (it runs to the end of the file)".to_string()
        } else {
            format!(
                " (it would swallow the {} lines after it as one value)",
                self.swallowed
            )
        }
    }
}

/// Finds the quotes left open in `text` and returns the text repaired
/// (each such quote removed, so its field ends with its line) with where
/// they were; `None` when every quote is closed in time.
pub(crate) fn repair(text: &str, delimiter: u8) -> Option<(String, Vec<Runaway>)> {
    let bytes = text.as_bytes();
    // A swallowed record holds about as many delimiters as the header,
    // which may sit below a title line or two.
    let header_delimiters = text
        .lines()
        .take(10)
        .map(|line| line.bytes().filter(|&b| b == delimiter).count())
        .max()
        .unwrap_or(0);
    let record_like = header_delimiters.div_ceil(2).max(2);
    let mut removed: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    let (mut i, mut line, mut column) = (0usize, 1u32, 0u32);
    let mut field_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if field_start && b == b'"' {
            match quoted_end(bytes, i + 1, delimiter, record_like) {
                Ok((end, breaks)) => {
                    line += breaks;
                    i = end;
                    field_start = false;
                }
                Err((swallowed, to_end)) => {
                    removed.push(i);
                    found.push(Runaway {
                        at: i + 1 - removed.len(),
                        line,
                        column,
                        swallowed,
                        to_end,
                    });
                    i += 1;
                    field_start = false;
                }
            }
            continue;
        }
        // The rest of an unquoted field: on to its delimiter or line break.
        let Some(off) = memchr::memchr2(delimiter, b'\n', &bytes[i..]) else {
            break;
        };
        i += off;
        if bytes[i] == delimiter {
            column += 1;
        } else {
            line += 1;
            column = 0;
        }
        field_start = true;
        i += 1;
    }
    if found.is_empty() {
        return None;
    }
    let mut repaired = String::with_capacity(text.len());
    let mut from = 0;
    for at in removed {
        repaired.push_str(&text[from..at]);
        from = at + 1;
    }
    repaired.push_str(&text[from..]);
    Some((repaired, found))
}

/// Reads a quoted value from just after its opening quote: the offset just
/// after its closing quote and the line breaks inside; or, for a runaway,
/// the line breaks it would swallow and whether it reaches the end.
fn quoted_end(
    bytes: &[u8],
    mut i: usize,
    delimiter: u8,
    record_like: usize,
) -> Result<(usize, u32), (u32, bool)> {
    let (mut breaks, mut records, mut delimiters) = (0u32, 0u32, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' if bytes.get(i + 1) == Some(&b'"') => i += 2,
            b'"' => {
                if delimiters >= record_like {
                    records += 1;
                }
                // A long remark is a value (the federal AI inventory holds
                // descriptions of 59 lines); lines shaped like records are not.
                return if records >= 2 {
                    Err((breaks, false))
                } else {
                    Ok((i + 1, breaks))
                };
            }
            b'\n' => {
                // Lines after the first that hold a record's delimiters.
                if breaks > 0 && delimiters >= record_like {
                    records += 1;
                }
                breaks += 1;
                delimiters = 0;
                i += 1;
            }
            b if b == delimiter => {
                delimiters += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    if breaks > 0 {
        Err((breaks, true))
    } else {
        Ok((i, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,name,cost,benefit\n";

    #[test]
    fn closed_quotes_and_short_multi_line_values_are_left_alone() {
        let text = format!("{HEADER}A,\"x, y\",1,2\nB,\"two\nlines, one comma\",3,4\n");
        assert_eq!(repair(&text, b','), None);
        assert_eq!(repair("a;\"b\"\"c\"\n", b';'), None);
    }

    #[test]
    fn a_long_remark_of_many_lines_is_a_value() {
        // As in the federal AI inventory: descriptions of up to 59 lines.
        let remark = (1..=60)
            .map(|i| format!("point {i}, with a comma"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = format!("{HEADER}A,\"{remark}\",1,2\nB,fine,3,4\n");
        assert_eq!(repair(&text, b','), None);
    }

    #[test]
    fn a_quote_that_swallows_records_is_removed() {
        let text =
            format!("{HEADER}A,\"open,1,2\nB,fine,3,4\nC,fine,5,6\nD,\"closed, late\",7,8\n");
        let (repaired, found) = repair(&text, b',').expect("a runaway");
        assert_eq!(
            repaired,
            format!("{HEADER}A,open,1,2\nB,fine,3,4\nC,fine,5,6\nD,\"closed, late\",7,8\n")
        );
        assert_eq!(
            found,
            [Runaway {
                at: HEADER.len() + 2,
                line: 2,
                column: 1,
                swallowed: 3,
                to_end: false,
            }]
        );
        assert_eq!(
            found[0].note(),
            "line 2: the quote that opens column B is never closed (it would swallow the 3 lines after it as one value); the cell was refused and the lines after it were read as rows of their own"
        );
    }

    #[test]
    fn a_long_remark_below_a_title_line_is_left_alone() {
        let text = "Intake FY26\nid,name,cost,benefit,metric,providers,pattern\n\
                    A,\"one, two, three\nfour, five, six\nseven, eight, nine\",1,2,x,aws,y\n\
                    B,x,3,4,x,aws,y\n";
        assert_eq!(repair(text, b','), None);
    }

    #[test]
    fn a_quote_that_runs_to_the_end_is_removed() {
        let text = format!("{HEADER}A,x,1,2\nB,\"open,3,4\nC,y,5,6\n");
        let (repaired, found) = repair(&text, b',').expect("a runaway");
        assert_eq!(repaired, format!("{HEADER}A,x,1,2\nB,open,3,4\nC,y,5,6\n"));
        assert!(found[0].to_end);
        assert_eq!(found[0].line, 3);
    }
}
