//! The errors a spreadsheet shows in a cell whose formula failed
//! (`#DIV/0!`, `#N/A` ...), however the format holds them: xlsx, xls and
//! xlsb mark the cell as an error, ods files and CSV exports hold the
//! words as the cell's text. Every format's is refused in one wording.

use super::cell::CellValue;

/// The error values a spreadsheet shows in a cell whose formula failed.
/// xlsx, xls and xlsb files mark such a cell as an error; ods files and
/// CSV exports hold the same words as the cell's text.
const SPREADSHEET_ERRORS: &[&str] = &[
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "Err:502",
    "Err:504",
    "Err:508",
    "Err:511",
    "Err:522",
];

/// The spreadsheet error a cell shows, whatever format it came from.
pub(crate) fn spreadsheet_error(cell: &CellValue) -> Option<&str> {
    match cell {
        CellValue::Error(e) => Some(e.as_str()),
        CellValue::Text(t) => {
            let t = t.trim();
            SPREADSHEET_ERRORS
                .iter()
                .any(|e| e.eq_ignore_ascii_case(t))
                .then_some(t)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_as_cells_and_as_text() {
        assert_eq!(
            spreadsheet_error(&CellValue::Error("#REF!".into())),
            Some("#REF!")
        );
        assert_eq!(
            spreadsheet_error(&CellValue::Text(" #n/a ".into())),
            Some("#n/a")
        );
        assert_eq!(
            spreadsheet_error(&CellValue::Text("Err:502".into())),
            Some("Err:502")
        );
        assert_eq!(
            spreadsheet_error(&CellValue::Text("#1 priority".into())),
            None
        );
    }
}
