//! How the Summary is written: a cursor that puts titled sections,
//! labelled values and table headers one row after another, and notes the
//! row each section starts at, where the printed pages may break.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::layout::{fit_text, wrap};
use super::styles::Styles;

/// Characters of text that fit between the labels and the charts.
const TEXT_WIDTH: usize = 88;

/// Where the next row goes, the formats to write it with, and where each
/// section starts (the printed pages break between sections).
pub(crate) struct Cursor<'a> {
    pub sheet: &'a mut Worksheet,
    pub styles: &'a Styles,
    /// A header over a column of numbers: right-aligned, as they are.
    number_header: Format,
    /// Text in a column of numbers ("n/a"): right-aligned, so it never
    /// runs into the number on its left.
    number_text: Format,
    pub row: u32,
    pub sections: Vec<u32>,
}

impl<'a> Cursor<'a> {
    /// A cursor at the top of `sheet`.
    pub fn new(sheet: &'a mut Worksheet, styles: &'a Styles) -> Self {
        Cursor {
            sheet,
            styles,
            number_header: styles.header.clone().set_align(FormatAlign::Right),
            number_text: Format::new().set_align(FormatAlign::Right),
            row: 0,
            sections: Vec::new(),
        }
    }

    pub fn section(&mut self, title: &str) -> Result<(), XlsxError> {
        self.row += 1;
        self.sections.push(self.row);
        self.sheet
            .write_string_with_format(self.row, 0, title, &self.styles.section)?;
        for col in 1..=6 {
            self.sheet
                .write_blank(self.row, col, &self.styles.section)?;
        }
        self.row += 1;
        Ok(())
    }

    pub fn text(&mut self, label: &str, value: &str) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(self.row, 0, label, &self.styles.label)?;
        self.sheet.write_string(self.row, 1, fit_text(value))?;
        self.row += 1;
        Ok(())
    }

    /// A long value on as many rows as it needs, broken between words, so
    /// that it stays clear of the charts beside it.
    pub fn lines(&mut self, label: &str, value: &str) -> Result<(), XlsxError> {
        let mut label = label;
        for line in wrap(value, TEXT_WIDTH) {
            self.text(label, &line)?;
            label = "";
        }
        Ok(())
    }

    pub fn number(
        &mut self,
        label: &str,
        value: Option<f64>,
        format: &rust_xlsxwriter::Format,
    ) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(self.row, 0, label, &self.styles.label)?;
        match value.filter(|v| v.is_finite()) {
            Some(v) => {
                self.sheet
                    .write_number_with_format(self.row, 1, v, format)?;
            }
            None => self.na(1)?,
        }
        self.row += 1;
        Ok(())
    }

    /// "n/a" in a column of numbers.
    pub fn na(&mut self, col: u16) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(self.row, col, "n/a", &self.number_text)?;
        Ok(())
    }

    /// A table's header: the first column names the rows, the others head
    /// numbers and stand right-aligned over them.
    pub fn header(&mut self, titles: &[&str]) -> Result<(), XlsxError> {
        for (col, title) in titles.iter().enumerate() {
            let format = if col == 0 {
                &self.styles.header
            } else {
                &self.number_header
            };
            self.sheet
                .write_string_with_format(self.row, col as u16, *title, format)?;
        }
        self.row += 1;
        Ok(())
    }
}
