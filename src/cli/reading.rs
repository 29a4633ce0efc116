//! The reading report as the terminal shows it: a block per table read,
//! each column's letter, header and field aligned, then the fields that
//! took their default, the required ones missing, and the rows' fate.

use textwrap::core::display_width;

use crate::model::{DefaultedField, FieldId, InputRecord, TableReading};

/// Widest header the columns are aligned to; a longer one pushes its
/// arrow right rather than being cut.
const HEADER_WIDTH: usize = 36;

/// The label column's width (`conventions` and two spaces).
const LABEL_WIDTH: usize = 13;

/// Every line of the reading report of `inputs`, a blank line after each table.
#[must_use]
pub fn report_lines(inputs: &[InputRecord]) -> Vec<String> {
    let mut out = Vec::new();
    for input in inputs {
        for table in &input.tables {
            out.extend(table_lines(&input.path, table));
            out.push(String::new());
        }
    }
    out
}

/// A line of the block: the label padded, then the text.
fn labelled(label: &str, text: &str) -> String {
    format!("  {label:<LABEL_WIDTH$}{text}")
        .trim_end()
        .to_string()
}

/// Header text on one line: line breaks in a header cell read as spaces.
fn one_line(header: &str) -> String {
    header.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Widest a line of listed items grows after its label, so the block
/// stays within 100 columns.
const LIST_WIDTH: usize = 100 - 2 - LABEL_WIDTH;

/// Items joined by `; ` into lines of at most [`LIST_WIDTH`] columns (an
/// item longer than that has a line of its own).
fn packed(items: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if display_width(line) + 2 + display_width(item) <= LIST_WIDTH => {
                line.push_str("; ");
                line.push_str(item);
            }
            Some(line) => {
                line.push(';');
                lines.push(item.clone());
            }
            None => lines.push(item.clone()),
        }
    }
    lines
}

/// Fields as a list: `providers, interaction_pattern`.
fn field_list(fields: &[FieldId]) -> String {
    fields
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The block of one table.
fn table_lines(path: &str, table: &TableReading) -> Vec<String> {
    let mut out = vec![format!("{path}: {}", table.describe())];
    out.push(labelled("conventions", &table.conventions.describe()));
    let letters = table
        .columns
        .iter()
        .map(|c| c.column.len())
        .max()
        .unwrap_or(1);
    let headers: Vec<String> = table.columns.iter().map(|c| one_line(&c.header)).collect();
    let width = headers
        .iter()
        .map(|h| display_width(h))
        .filter(|w| *w <= HEADER_WIDTH)
        .max()
        .unwrap_or(0);
    for (i, (column, header)) in table.columns.iter().zip(&headers).enumerate() {
        let pad = " ".repeat(width.saturating_sub(display_width(header)));
        let text = format!(
            "{:<letters$}  {header}{pad}  → {}",
            column.column,
            column.describe()
        );
        out.push(labelled(if i == 0 { "columns" } else { "" }, &text));
    }
    // A value the file gives without a column (a currency its headers or
    // its Settings sheet give) is not airoi's default: a line of its own.
    let (given, defaults): (Vec<&DefaultedField>, Vec<&DefaultedField>) =
        table.defaulted.iter().partition(|d| !d.from.is_empty());
    for d in given {
        let label = d.field.label().to_lowercase();
        let text = format!("{}, {}", d.default, d.from);
        for (i, line) in textwrap::wrap(&text, LIST_WIDTH).iter().enumerate() {
            out.push(labelled(if i == 0 { &label } else { "" }, line));
        }
    }
    if !defaults.is_empty() {
        let defaults: Vec<String> = defaults.into_iter().map(DefaultedField::describe).collect();
        for (i, line) in packed(&defaults).iter().enumerate() {
            out.push(labelled(if i == 0 { "defaulted" } else { "" }, line));
        }
    }
    if !table.missing.is_empty() {
        out.push(labelled(
            "missing",
            &format!(
                "{} (required; no row can be read without them)",
                field_list(&table.missing)
            ),
        ));
    }
    out.push(labelled("rows", &table.rows.describe()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ColumnReading, Conventions, DateOrder, DecimalMark, RowCounts, SkipReason, TableKind,
    };

    #[test]
    fn a_table_is_one_aligned_block() {
        let column = |letter: &str, header: &str, field| ColumnReading {
            column: letter.into(),
            header: header.into(),
            field,
            applied: Vec::new(),
            hidden: false,
        };
        let mut rows = RowCounts {
            read: 4,
            accepted: 2,
            rejected: 1,
            ..RowCounts::default()
        };
        rows.skip(SkipReason::Totals, 1);
        let table = TableReading {
            sheet: "Projects".into(),
            kind: TableKind::Projects,
            header_row: 2,
            conventions: Conventions {
                decimal: Some(DecimalMark::Comma),
                decimal_read: "decimal comma, as \"1.234,50\" in D4 shows".into(),
                date_order: Some(DateOrder::Dmy),
            },
            columns: vec![
                column("A", "ID", Some(FieldId::ProjectId)),
                column("B", "Monthly\nBenefit", Some(FieldId::MonthlyBenefit)),
                column("C", "Cost Centre", None),
            ],
            missing: vec![FieldId::ProjectName],
            defaulted: vec![
                DefaultedField {
                    field: FieldId::Autonomy,
                    default: "none".into(),
                    from: String::new(),
                },
                DefaultedField {
                    field: FieldId::Currency,
                    default: "EUR".into(),
                    from: "from the header Monthly Benefit (EUR), converted to USD at 1.1".into(),
                },
            ],
            rows,
        };
        let input = InputRecord {
            path: "in/finance.xlsx".into(),
            relative_path: None,
            sha256: String::new(),
            format: Some("xlsx".into()),
            sheets: vec!["Projects".into()],
            rows_read: 4,
            projects: 2,
            rejected: 1,
            skipped: 1,
            cash_flow_rows: 0,
            state: crate::model::InputState::Read,
            notes: Vec::new(),
            tables: vec![table],
        };
        assert_eq!(
            report_lines(&[input]),
            [
                "in/finance.xlsx: sheet Projects, projects table, header in row 2",
                "  conventions  decimal comma, as \"1.234,50\" in D4 shows; slash dates day/month",
                "  columns      A  ID               → Project ID",
                "               B  Monthly Benefit  → Monthly Benefit",
                "               C  Cost Centre      → not read (kept as an extra column)",
                "  currency     EUR, from the header Monthly Benefit (EUR), converted to USD at 1.1",
                "  defaulted    Autonomy = none",
                "  missing      Project Name (required; no row can be read without them)",
                "  rows         4 read: 2 accepted, 1 rejected, 1 skipped (1 totals)",
                "",
            ]
        );
    }
}
