//! The intake template's Settings sheet: the currency a workbook's money is
//! in, and an FX table of rates into the run currency.

use std::ops::ControlFlow;

use super::cell::CellValue;
use super::error::SourceError;
use super::source::Source;
use super::table::header::normalise_header;

/// What a Settings sheet says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    /// The workbook's currency (`Run currency` row), upper case.
    pub currency: Option<String>,
    /// FX rows: currency, rate, and the cell they came from (`Settings!B6`).
    pub fx: Vec<(String, f64, String)>,
}

fn code(cell: Option<&CellValue>) -> Option<String> {
    let text = cell?.display();
    let text = text.trim();
    (text.len() == 3 && text.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| text.to_ascii_uppercase())
}

/// Reads the first sheet named `Settings`, if the file has one.
pub fn read_settings(source: &mut impl Source) -> Result<Option<Settings>, SourceError> {
    let Some(index) = source
        .sheets()
        .iter()
        .position(|s| normalise_header(&s.name) == "settings")
    else {
        return Ok(None);
    };
    let name = source.sheets()[index].name.clone();
    let mut settings = Settings::default();
    let mut in_fx_table = false;
    let _: ControlFlow<()> = source.visit(index, &mut |row| {
        let label = row
            .get(0)
            .map(|v| normalise_header(&v.display()))
            .unwrap_or_default();
        let second = row
            .get(1)
            .map(|v| normalise_header(&v.display()))
            .unwrap_or_default();
        if label == "currency" && second == "rate" {
            in_fx_table = true;
        } else if in_fx_table {
            let rate = match row.get(1) {
                Some(CellValue::Number { value, .. }) => Some(*value),
                Some(CellValue::Text(t)) => super::values::plain_number(t.trim(), false),
                _ => None,
            };
            if let (Some(code), Some(rate)) = (code(row.get(0)), rate) {
                if rate.is_finite() && rate > 0.0 {
                    settings
                        .fx
                        .push((code, rate, format!("{name}!B{}", row.number)));
                }
            }
        } else if matches!(label.as_str(), "runcurrency" | "currency") {
            settings.currency = code(row.get(1));
        }
        if row.number > 10_000 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok(Some(settings))
}
