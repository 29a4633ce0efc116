//! xlsx sheets: calamine reads the cells (`cells`) and a byte scan of the
//! sheet's XML ([`scan`]) finds what calamine's cell reader does not say;
//! `texts` tells whether a sheet may hold a number written as text.
//! Here: the file's bytes as both share them, and which cell styles show a
//! percentage.

pub(crate) mod cells;
pub mod scan;
pub(crate) mod texts;

use std::io::Cursor;
use std::sync::Arc;

/// The bytes of an xlsx, read by calamine and by the sheet scans.
pub(crate) type Shared = Cursor<Bytes>;

/// A file's bytes, shared without copying them.
#[derive(Clone, Default)]
pub(crate) struct Bytes(pub(crate) Arc<Vec<u8>>);

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Which cell styles show a percentage.
fn percent_styles<RS: std::io::Read + std::io::Seek>(
    reader: &calamine::XlsxCellReader<'_, RS>,
) -> Vec<bool> {
    reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|n| is_percent_format(&n.format_code))
        })
        .collect()
}

/// Whether a number format shows a percentage (a `%` outside quotes).
pub(crate) fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0.0%"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("0.0\\%"));
        assert!(!is_percent_format("#,##0"));
    }
}
