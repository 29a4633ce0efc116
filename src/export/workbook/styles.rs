//! Every cell format the exporters use, in one place, so the look of the
//! graded workbook and the intake template changes here and nowhere else.
//!
//! Cell formats are [`Format`]s; the pass/warn/fail and grade colours are
//! conditional-format rules built from the same palette, so a status looks
//! the same whether it was coloured by a rule or written coloured.

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, FormatAlign, FormatBorder,
};

use crate::model::Grade;

/// Excel's "good" green, "neutral" amber and "bad" red: fill and font.
const PASS: (u32, u32) = (0x00C6_EFCE, 0x0000_6100);
const WARN: (u32, u32) = (0x00FF_EB9C, 0x009C_5700);
const FAIL: (u32, u32) = (0x00FF_C7CE, 0x009C_0006);
/// Header fill: a dark blue that prints legibly in black and white too.
const HEADER_FILL: u32 = 0x001F_4E78;

/// How a value is shown: picks its number format and how wide it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Text, left aligned.
    Text,
    /// Long text that wraps (explanations).
    Wrap,
    /// Money in the run currency, whole units.
    Money,
    /// A ratio, `4.10x`.
    Ratio,
    /// A fraction shown as a percent, `31.0%`.
    Percent,
    /// A share in percent points (60 for 60%, as the JSON and the CSV hold
    /// it), shown as a percent.
    Share,
    /// An annual rate of return shown as a percent, above 1,000% as the
    /// text `> 1,000%` (see `format::rate`).
    Rate,
    /// A 0–100 score with one decimal.
    Score,
    /// A whole number with thousands separators.
    Whole,
    /// A number with two decimals.
    Decimal,
    /// A pass/warn/fail word, coloured by conditional formatting.
    Status,
    /// A grade letter, coloured by conditional formatting.
    Grade,
}

/// The formats of one workbook; money depends on the run currency.
pub struct Styles {
    pub title: Format,
    pub section: Format,
    pub header: Format,
    pub label: Format,
    pub note: Format,
    pub text: Format,
    pub wrap: Format,
    pub money: Format,
    pub ratio: Format,
    pub percent: Format,
    pub score: Format,
    pub whole: Format,
    pub decimal: Format,
    pub date: Format,
    pub centered: Format,
    /// Currency symbol or code as the money format shows it, for width estimates.
    money_affix: usize,
}

impl Styles {
    /// The formats for a workbook whose money is in `currency` (ISO 4217).
    #[must_use]
    pub fn new(currency: &str) -> Self {
        let money = money_format(currency);
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            section: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(HEADER_FILL))
                .set_border_bottom(FormatBorder::Thin),
            header: header_format(),
            label: Format::new().set_bold(),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x0059_5959)),
            // Indented so text never runs into a right-aligned number on its left.
            text: Format::new().set_indent(1),
            wrap: Format::new().set_text_wrap().set_indent(1),
            money: Format::new().set_num_format(&money),
            ratio: Format::new().set_num_format("0.00\"x\""),
            percent: Format::new().set_num_format("0.0%"),
            score: Format::new().set_num_format("0.0"),
            whole: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            centered: Format::new().set_align(FormatAlign::Center),
            money_affix: money_affix(currency).len(),
        }
    }

    /// The cells' formats aligned to the top, so a row whose text wraps
    /// onto several lines reads as one row, every cell starting on its
    /// first line (the graded workbook's look). Headers stay centred.
    #[must_use]
    pub fn aligned_top(mut self) -> Self {
        for format in [
            &mut self.label,
            &mut self.note,
            &mut self.text,
            &mut self.wrap,
            &mut self.money,
            &mut self.ratio,
            &mut self.percent,
            &mut self.score,
            &mut self.whole,
            &mut self.decimal,
            &mut self.date,
            &mut self.centered,
        ] {
            *format = format.clone().set_align(FormatAlign::Top);
        }
        self
    }

    /// Every format, in a fixed order.
    #[must_use]
    pub fn all(&self) -> [&Format; 15] {
        [
            &self.title,
            &self.section,
            &self.header,
            &self.label,
            &self.note,
            &self.text,
            &self.wrap,
            &self.money,
            &self.ratio,
            &self.percent,
            &self.score,
            &self.whole,
            &self.decimal,
            &self.date,
            &self.centered,
        ]
    }

    /// Gives every format its number in `workbook` now, in a fixed order.
    /// A workbook numbers formats as cells first use them; sheets written
    /// on two threads at once would otherwise number them in whichever
    /// order the threads happened to run, and the same run would not give
    /// the same bytes twice.
    ///
    /// # Errors
    /// When the scratch sheet the formats are used on cannot be made.
    pub fn register(
        &self,
        workbook: &mut rust_xlsxwriter::Workbook,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        // A sheet that is never added to the workbook: only the numbering stays.
        let mut scratch = workbook.new_worksheet_with_constant_memory()?;
        for (row, format) in self.all().into_iter().enumerate() {
            scratch.write_blank(row as u32, 0, format)?;
        }
        Ok(())
    }

    /// The cell format for a look.
    #[must_use]
    pub fn for_look(&self, look: Look) -> &Format {
        match look {
            Look::Text => &self.text,
            Look::Wrap => &self.wrap,
            Look::Money => &self.money,
            Look::Ratio => &self.ratio,
            Look::Percent | Look::Rate | Look::Share => &self.percent,
            Look::Score => &self.score,
            Look::Whole => &self.whole,
            Look::Decimal => &self.decimal,
            Look::Status | Look::Grade => &self.centered,
        }
    }

    /// About how many characters a number takes on screen in a look, so
    /// columns can be fitted without `autofit` (which constant-memory sheets lack).
    #[must_use]
    pub fn shown_len(&self, look: Look, value: f64) -> usize {
        let (decimals, extra) = match look {
            Look::Money => (0, self.money_affix),
            Look::Ratio => (2, 1),
            Look::Rate if value > crate::format::RATE_CAP => {
                return crate::format::RATE_ABOVE.len();
            }
            Look::Percent | Look::Rate => {
                return grouped_len(value * 100.0, 1) + 1;
            }
            Look::Share => return grouped_len(value, 1) + 1,
            Look::Score => (1, 0),
            Look::Decimal => (2, 0),
            _ => (0, 0),
        };
        grouped_len(value, decimals) + extra
    }
}

/// Header cells: bold white on dark blue, wrapped so long titles never clip.
#[must_use]
pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x00BF_BFBF))
}

/// Excel number format for whole amounts of `currency`: the symbol in front
/// for the currencies that own one (`"$"#,##0`), the code behind otherwise
/// (`#,##0 "EUR"`), because `$` alone would be ambiguous for CAD or AUD.
#[must_use]
pub fn money_format(currency: &str) -> String {
    match currency {
        "USD" => "\"$\"#,##0".to_string(),
        "GBP" => "\"£\"#,##0".to_string(),
        "JPY" => "\"¥\"#,##0".to_string(),
        code => {
            // Only letters go inside the quotes, so a malformed code cannot
            // break the number format.
            let code: String = code.chars().filter(char::is_ascii_alphabetic).collect();
            if code.is_empty() {
                "#,##0".to_string()
            } else {
                format!("#,##0 \"{code}\"")
            }
        }
    }
}

fn money_affix(currency: &str) -> String {
    match currency {
        "USD" | "GBP" | "JPY" => "$".to_string(),
        code => format!(" {code}"),
    }
}

/// Characters of `value` written with thousands separators and `decimals`.
fn grouped_len(value: f64, decimals: usize) -> usize {
    if !value.is_finite() {
        return 4;
    }
    crate::format::fixed_len(value, decimals)
}

/// Fill and font for a status word.
fn status_format(fill: u32, font: u32) -> Format {
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

/// Conditional-format rules colouring `pass`, `warn` and `fail` cells.
#[must_use]
pub fn status_rules() -> Vec<ConditionalFormatCell> {
    [("pass", PASS), ("warn", WARN), ("fail", FAIL)]
        .into_iter()
        .map(|(word, (fill, font))| {
            ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(word))
                .set_format(status_format(fill, font))
        })
        .collect()
}

/// Conditional-format rules colouring grade letters: A and B green, C amber,
/// D and F red, with A and F bold so the ends of the scale stand out.
#[must_use]
pub fn grade_rules() -> Vec<ConditionalFormatCell> {
    Grade::ALL
        .into_iter()
        .map(|grade| {
            let format = match grade {
                Grade::A => status_format(PASS.0, PASS.1).set_bold(),
                Grade::B => status_format(0x00E2_EFDA, PASS.1),
                Grade::C => status_format(WARN.0, WARN.1),
                Grade::D => status_format(0x00F8_CBAD, FAIL.1),
                Grade::F => status_format(FAIL.0, FAIL.1).set_bold(),
            };
            ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(grade.letter()))
                .set_format(format)
        })
        .collect()
}

/// Colour of each grade's column in the grade distribution chart.
#[must_use]
pub fn grade_color(grade: Grade) -> Color {
    Color::RGB(grade_rgb(grade))
}

/// Each grade's colour as `0xRRGGBB`, shared by the workbook's charts and
/// the audit report's, so a grade looks the same everywhere.
#[must_use]
pub fn grade_rgb(grade: Grade) -> u32 {
    match grade {
        Grade::A => 0x0063_BE7B,
        Grade::B => 0x00A9_D08E,
        Grade::C => 0x00FF_C000,
        Grade::D => 0x00F4_B183,
        Grade::F => 0x00E0_6666,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_format_follows_the_currency() {
        assert_eq!(money_format("USD"), "\"$\"#,##0");
        assert_eq!(money_format("EUR"), "#,##0 \"EUR\"");
        assert_eq!(money_format("C\"HF"), "#,##0 \"CHF\"");
    }

    #[test]
    fn shown_len_counts_separators_and_affixes() {
        let styles = Styles::new("USD");
        assert_eq!(
            styles.shown_len(Look::Money, 1_234_567.0),
            "$1,234,567".len()
        );
        assert_eq!(styles.shown_len(Look::Ratio, 4.1026), "4.10x".len());
        assert_eq!(styles.shown_len(Look::Percent, 3.103), "310.3%".len());
        assert_eq!(styles.shown_len(Look::Money, -5000.0), "-$5,000".len());
    }
}
