//! The reading report of one table as its header decides it: each titled
//! column with the field read from it, the optional fields no column gives
//! with the value rows take, and the conventions its texts are read with.
//! The row counts are added as the rows are read (`read`) and rejected
//! (`merge`).

use super::header::{Column, HeaderMap, TableKind};
use super::row::Currency;
use crate::model::{
    ColumnReading, Conventions, DefaultedField, FieldId, FieldSpec, Kind, RowCounts,
    TableKind as ReadKind, TableReading, column_letters,
};

/// The reading of a table whose header `map` describes, before its rows.
/// `hidden` are the sheet's hidden columns (0-based inclusive ranges);
/// `currency` says what a row without a currency column is in.
pub(crate) fn table_reading(
    sheet: &str,
    kind: TableKind,
    map: &HeaderMap,
    hidden: &[(u32, u32)],
    conventions: Conventions,
    currency: &Currency,
) -> TableReading {
    let columns = map
        .columns
        .iter()
        .map(|(col, column)| ColumnReading {
            column: column_letters(*col),
            header: map.header_text(*col),
            field: match column {
                Column::Field(spec) => Some(spec.id),
                Column::Extra(_) => None,
            },
            applied: map
                .units
                .iter()
                .find(|(c, _)| c == col)
                .map(|(_, unit)| unit.applied())
                .unwrap_or_default(),
            hidden: hidden
                .iter()
                .any(|&(first, last)| (first..=last).contains(col)),
        })
        .collect();
    let absent = |f: &&FieldSpec| map.column_of(f.id).is_none();
    let defaulted = map
        .fields
        .iter()
        .filter(|f| !f.required)
        .filter(absent)
        // Actual figures, bill allocation and the simulation's ranges change
        // no figure of the plan: a table without them has nothing defaulted
        // (the outputs say "assumed ranges" where the odds use defaults).
        .filter(|f| {
            !matches!(
                f.id,
                FieldId::ActualCompute
                    | FieldId::ActualBenefit
                    | FieldId::CostAllocation
                    | FieldId::AllocationShare
                    | FieldId::BenefitLow
                    | FieldId::BenefitHigh
                    | FieldId::ComputeLow
                    | FieldId::ComputeHigh
            )
        })
        .map(|f| {
            if f.id == FieldId::Currency {
                row_currency(map, currency)
            } else {
                DefaultedField {
                    field: f.id,
                    default: f.default.to_string(),
                    from: String::new(),
                }
            }
        })
        .collect();
    let missing = map
        .fields
        .iter()
        .filter(|f| f.required && !matches!(f.kind, Kind::Money))
        .filter(absent)
        .map(|f| f.id)
        .collect();
    TableReading {
        sheet: sheet.to_string(),
        kind: match kind {
            TableKind::Projects => ReadKind::Projects,
            TableKind::CashFlows => ReadKind::CashFlows,
        },
        header_row: map.row,
        conventions,
        columns,
        missing,
        defaulted,
        rows: RowCounts::default(),
    }
}

/// The currency of a row without a currency column, as a row is read
/// (`row::read_project_row`): the one every money column's header gives,
/// else the file's; where it comes from, and its rate into the run's.
fn row_currency(map: &HeaderMap, currency: &Currency) -> DefaultedField {
    let (code, mut from) = match map.money_currency() {
        Some(code) => {
            let headers: Vec<String> = map
                .units
                .iter()
                .filter(|(_, u)| {
                    u.field.is_some_and(|f| f.spec().kind == Kind::Money)
                        && u.currency.as_deref() == Some(code)
                })
                .map(|(col, _)| one_line(&map.header_text(*col)))
                .collect();
            let (named, noun) = match headers.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    (format!("{} and {last}", rest.join(", ")), "headers")
                }
                _ => (headers.concat(), "header"),
            };
            (code.to_string(), format!("from the {noun} {named}"))
        }
        None if currency.file_default_from.is_empty() => {
            (currency.file_default.clone(), String::new())
        }
        None => (
            currency.file_default.clone(),
            format!("from {}", currency.file_default_from),
        ),
    };
    if code != currency.code {
        let conversion = match currency.fx.get(&code) {
            Some(rate) => format!("converted to {} at {rate}", currency.code),
            None => format!("no rate into {}, so its rows are refused", currency.code),
        };
        from = if from.is_empty() {
            conversion
        } else {
            format!("{from}, {conversion}")
        };
    }
    DefaultedField {
        field: FieldId::Currency,
        default: code,
        from,
    }
}

/// Header text on one line: line breaks in a header cell read as spaces.
fn one_line(header: &str) -> String {
    header.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table of `tables` a row of `sheet` belongs to: the last one on the
/// sheet whose header is above the row.
pub(crate) fn table_of<'a>(
    tables: &'a mut [TableReading],
    sheet: &str,
    row: u32,
) -> Option<&'a mut TableReading> {
    tables
        .iter_mut()
        .filter(|t| t.sheet == sheet && t.header_row < row)
        .max_by_key(|t| t.header_row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cell::Row;
    use crate::model::{DecimalMark, FIELDS};

    #[test]
    fn columns_defaults_and_missing_fields_come_from_the_header() {
        let mut row = Row::header(&[
            "Project ID",
            "Project Name",
            "Cost Centre",
            "Monthly Compute Cost",
            "Monthly Benefit",
            "Benefit Metric",
        ]);
        row.number = 4;
        let map = HeaderMap::new(&row, FIELDS, &[(2, 2)]);
        let conventions = Conventions {
            decimal: Some(DecimalMark::Comma),
            decimal_read: "decimal comma (--decimal-comma; the file shows neither)".into(),
            date_order: None,
        };
        let reading = table_reading(
            "Projects",
            TableKind::Projects,
            &map,
            &[(2, 2)],
            conventions,
            &Currency {
                code: "EUR".into(),
                fx: std::collections::BTreeMap::new(),
                file_default: "EUR".into(),
                file_default_from: String::new(),
            },
        );
        let described: Vec<(String, String)> = reading
            .columns
            .iter()
            .map(|c| (c.column.clone(), c.describe()))
            .collect();
        assert_eq!(
            described,
            [
                ("A", "Project ID"),
                ("B", "Project Name"),
                ("C", "not read (kept as an extra column) [hidden column]"),
                ("D", "Monthly Compute Cost"),
                ("E", "Monthly Benefit"),
                ("F", "Benefit Metric"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(reading.header_row, 4);
        assert_eq!(
            reading.missing,
            [FieldId::Providers, FieldId::InteractionPattern]
        );
        let currency = reading
            .defaulted
            .iter()
            .find(|d| d.field == FieldId::Currency)
            .map(DefaultedField::describe);
        assert_eq!(currency.as_deref(), Some("Currency = EUR"));
        assert!(
            reading
                .defaulted
                .iter()
                .all(|d| map.column_of(d.field).is_none())
        );
    }

    #[test]
    fn the_currency_of_rows_says_where_it_comes_from() {
        let currency_of = |headers: &[&str], fx: &[(&str, f64)], from: &str| {
            let row = Row::header(headers);
            let map = HeaderMap::new(&row, FIELDS, &[]);
            let currency = Currency {
                code: "USD".into(),
                fx: fx.iter().map(|&(c, r)| (c.to_string(), r)).collect(),
                file_default: if from.is_empty() { "USD" } else { "GBP" }.into(),
                file_default_from: from.into(),
            };
            row_currency(&map, &currency).describe()
        };
        let money = [
            "Project ID",
            "Monthly Compute Cost (EUR)",
            "Monthly Benefit (EUR)",
        ];
        assert_eq!(
            currency_of(&money, &[("EUR", 1.1)], ""),
            "Currency = EUR, from the headers Monthly Compute Cost (EUR) and Monthly Benefit \
             (EUR), converted to USD at 1.1"
        );
        assert_eq!(
            currency_of(&["Monthly Benefit (EUR)"], &[], ""),
            "Currency = EUR, from the header Monthly Benefit (EUR), no rate into USD, so its \
             rows are refused"
        );
        // Headers that disagree give no currency: the file's is used.
        let mixed = ["Monthly Compute Cost (EUR)", "Monthly Benefit (CHF)"];
        assert_eq!(
            currency_of(&mixed, &[("GBP", 1.25)], "the file's Settings sheet"),
            "Currency = GBP, from the file's Settings sheet, converted to USD at 1.25"
        );
        assert_eq!(currency_of(&["Monthly Benefit"], &[], ""), "Currency = USD");
    }
}
