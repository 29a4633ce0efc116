//! The reading report of one table as its header decides it: each titled
//! column with the field read from it, the optional fields no column gives
//! with the value rows take, and the conventions its texts are read with.
//! The row counts are added as the rows are read (`read`) and rejected
//! (`merge`).

use super::header::{Column, HeaderMap, TableKind};
use crate::model::{
    ColumnReading, Conventions, DefaultedField, FieldId, FieldSpec, Kind, RowCounts,
    TableKind as ReadKind, TableReading, column_letters,
};

/// The reading of a table whose header `map` describes, before its rows.
/// `hidden` are the sheet's hidden columns (0-based inclusive ranges);
/// `file_currency` is what a row without a currency is in.
pub(crate) fn table_reading(
    sheet: &str,
    kind: TableKind,
    map: &HeaderMap,
    hidden: &[(u32, u32)],
    conventions: Conventions,
    file_currency: &str,
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
        .map(|f| DefaultedField {
            field: f.id,
            default: if f.id == FieldId::Currency {
                file_currency.to_string()
            } else {
                f.default.to_string()
            },
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
            "EUR",
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
}
