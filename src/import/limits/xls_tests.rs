//! The xls walk's reading of hidden columns and rows.

use super::*;

/// A BIFF record: type, length, data.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
    out.extend_from_slice(data);
    out
}

fn words(values: &[u16]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

#[test]
fn hidden_columns_and_rows_from_colinfo_and_row_records() {
    let mut sheet = record(0x0809, &words(&[0x0600, 0x0010, 0, 0]));
    // COLINFO C:D hidden, E shown: first, last, width, XF, options.
    sheet.extend(record(0x007D, &words(&[2, 3, 2560, 15, 0x0001, 0])));
    sheet.extend(record(0x007D, &words(&[4, 4, 2560, 15, 0x0000, 0])));
    // ROW 7 (index 6) hidden, row 8 shown: row, columns, height,
    // two reserved words, options, XF.
    sheet.extend(record(0x0208, &words(&[6, 0, 3, 300, 0, 0, 0x0120, 15])));
    sheet.extend(record(0x0208, &words(&[7, 0, 3, 300, 0, 0, 0x0100, 15])));
    sheet.extend(record(0x000A, &[]));
    let (_, _, layout) = sheet_cells(&sheet, &[]);
    assert_eq!(layout.hidden_cols, [(2, 3)]);
    assert_eq!(layout.hidden_rows, [7]);
}
