//! Rows that are not projects, skipped with a note: totals rows, and the
//! intake template's own example rows (a unit that leaves them in has not
//! described two projects, so a row equal in every filled field to an
//! example is skipped with a note telling the unit to delete it).

use super::header::{Column, HeaderMap};
use crate::import::cell::{CellValue, Row};
use crate::import::values::{self, ParseCtx};
use crate::model::{
    Autonomy, BenefitMetric, FIELDS, FieldId, FieldSpec, InteractionPattern, Kind,
    ProviderDimension, Stage,
};

/// Which example (0 or 1, as the template writes them) the row repeats, if any.
#[must_use]
pub(crate) fn template_example(row: &Row, header: &HeaderMap, ctx: &ParseCtx) -> Option<usize> {
    let id_col = header.column_of(FieldId::ProjectId)?;
    // The id decides, without a copy, for every other row of a large table.
    let CellValue::Text(id) = row.get(id_col)? else {
        return None;
    };
    let example = FIELDS[0].examples.iter().position(|e| *e == id.trim())?;
    let repeats = header.columns.iter().all(|(col, column)| match column {
        Column::Field(spec) => row
            .get(*col)
            .filter(|v| !v.is_blank())
            .is_none_or(|v| same_value(spec, v, spec.examples[example], ctx)),
        // The template has no other columns: a row that fills one (a cost
        // centre, a description) is a project someone wrote, not the example.
        Column::Extra(_) => row.get(*col).is_none_or(CellValue::is_blank),
    });
    repeats.then_some(example)
}

/// The note for a skipped example row.
#[must_use]
pub(crate) fn example_note(row: u32, example: usize) -> String {
    format!(
        "row {row} is the intake template's example {} ({}) and was skipped; delete the example rows from the sheet",
        FIELDS[0].examples[example], FIELDS[1].examples[example]
    )
}

/// Whether a cell reads as the same value as the template's example text.
fn same_value(spec: &FieldSpec, cell: &CellValue, example: &str, ctx: &ParseCtx) -> bool {
    fn same<T: PartialEq, E>(a: Result<T, E>, b: Result<T, E>) -> bool {
        matches!((a, b), (Ok(a), Ok(b)) if a == b)
    }
    let ex = CellValue::Text(example.to_string());
    match spec.kind {
        Kind::Text => same(values::text(cell), values::text(&ex)),
        // The template writes its examples in its own currency.
        Kind::Currency => values::currency(cell).is_ok(),
        Kind::Date => same(values::date(cell, ctx), values::date(&ex, ctx)),
        Kind::Money => same(
            values::money(cell, ctx).map(|m| m.0),
            values::money(&ex, ctx).map(|m| m.0),
        ),
        Kind::Percent => same(values::percent(cell, ctx), values::percent(&ex, ctx)),
        Kind::Integer { .. } => same(values::integer(cell, 0, ctx), values::integer(&ex, 0, ctx)),
        Kind::YesNo => same(values::yes_no(cell), values::yes_no(&ex)),
        Kind::Shares => ProviderDimension::of_field(spec.id).is_some_and(|d| {
            same(
                values::shares(cell, ctx, d).map(|s| s.shares),
                values::shares(&ex, ctx, d).map(|s| s.shares),
            )
        }),
        Kind::Enum(_) => match spec.id {
            FieldId::Stage => same(
                values::enumeration::<Stage>(cell),
                values::enumeration::<Stage>(&ex),
            ),
            FieldId::BenefitMetric => same(
                values::enumeration::<BenefitMetric>(cell),
                values::enumeration::<BenefitMetric>(&ex),
            ),
            FieldId::InteractionPattern => same(
                values::enumeration::<InteractionPattern>(cell),
                values::enumeration::<InteractionPattern>(&ex),
            ),
            FieldId::Autonomy => same(
                values::enumeration::<Autonomy>(cell),
                values::enumeration::<Autonomy>(&ex),
            ),
            _ => false,
        },
    }
}

/// `Total`, `Total:`, `TOTAL (USD)`, `Grand total [EUR]`, `Sub-total`, `Sum`.
pub(crate) fn is_totals_label(text: &str) -> bool {
    let mut label = text.trim().trim_end_matches(':').trim_end();
    // One bracketed unit at the end: `(USD)`, `[k€]`.
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(body) = label.strip_suffix(close) {
            if let Some(at) = body.rfind(open) {
                label = body[..at].trim_end();
                break;
            }
        }
    }
    let label = label.trim_end_matches(':');
    matches!(
        values::enum_key(label).as_str(),
        "total"
            | "totals"
            | "grand_total"
            | "sum"
            | "subtotal"
            | "sub_total"
            | "subtotals"
            | "overall_total"
    )
}
