//! Cash-flow rows: read from their table into a [`FlowDraft`] (the month as
//! written, a number or a date; the amounts with the currency written in
//! the cell or the column's header, scaled as the header says), then made a
//! month of their project once the project is known ([`FlowDraft::resolve`]):
//! a date becomes a month relative to the project's month 1, the amounts
//! are checked against the project's currency and converted like the
//! project's own money fields. A row may give the plan's figures, the
//! actual ones (`actual_compute`, `actual_benefit`), or both.

use chrono::{Datelike, NaiveDate};

use super::row::{Reader, RowCtx, original_values};
use crate::import::cell::{CellValue, Row};
use crate::import::values::{self, ParseCtx};
use crate::model::{CellPos, FieldId, MonthFlow, Problem, RejectedRow, SourceCell};

/// An Excel serial below this in a month column is a month number: serials
/// of real dates are far above it (10,000 is 18 May 1927).
const SERIAL_FROM: f64 = 10_000.0;

/// A cash-flow month as written.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowMonth {
    /// A month number relative to the project's month 1.
    Number(u32),
    /// A calendar month: a date cell, an Excel serial or a date in text.
    Date(NaiveDate),
}

/// An amount of a cash-flow row, before its project's currency is known.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowAmount {
    /// The amount, scaled as the column's header says.
    pub amount: f64,
    /// The currency written in the cell, else in the column's header.
    pub currency: Option<(String, bool)>,
    /// The 0-based column and the cell as written.
    pub col: u32,
    pub raw: String,
}

/// A cash-flow row read, before it is attached to its project.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowDraft {
    pub month: FlowMonth,
    /// The month cell: its 0-based column and text as written.
    pub month_col: u32,
    pub month_raw: String,
    pub compute: Option<FlowAmount>,
    pub benefit: Option<FlowAmount>,
    /// What was actually spent and realised that month, where given.
    pub actual_compute: Option<FlowAmount>,
    pub actual_benefit: Option<FlowAmount>,
    /// The row's project id cell.
    pub source: SourceCell,
}

/// A cash-flow row made a month of its project: the plan's figures (0 where
/// not given) and the actual ones given, all in the run currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedFlow {
    pub flow: MonthFlow,
    /// Whether the row gives the plan: a plan amount, or no amount at all
    /// (a month planned at zero). A row of actual figures alone does not.
    pub plan: bool,
    pub actual_compute: Option<f64>,
    pub actual_benefit: Option<f64>,
}

/// What a project gives the cash flows attached to it.
#[derive(Debug, Clone, Copy)]
pub struct FlowTerms<'a> {
    pub project_id: &'a str,
    /// The project's currency and its rate into the run currency.
    pub currency: &'a str,
    pub rate: f64,
    /// The calendar month of the project's month 1 (its first day).
    pub month_one: NaiveDate,
    /// Whether that is the project's start date (else the as-of month).
    pub from_start: bool,
    /// The ruleset's look-ahead L: months after it are never scored.
    pub lookahead: u32,
}

impl FlowTerms<'_> {
    /// Month 1 as a message says it: `2026-01 (its start date)`.
    #[must_use]
    pub fn month_one_text(&self) -> String {
        format!(
            "{} ({})",
            self.month_one.format("%Y-%m"),
            if self.from_start {
                "its start date"
            } else {
                "the as-of month, as it has no start date"
            }
        )
    }
}

/// Reads a month cell: a whole number is a month number; a date cell, an
/// Excel serial or a date in text is a calendar month.
fn month(cell: &CellValue, parse: &ParseCtx) -> Result<FlowMonth, String> {
    let number = |c: &CellValue| values::integer(c, 1, parse).map(FlowMonth::Number);
    match cell {
        CellValue::DateTime(dt) => Ok(FlowMonth::Date(dt.date())),
        CellValue::Number { value, .. } if value.fract() == 0.0 && *value >= SERIAL_FROM => {
            values::date(cell, parse).map(FlowMonth::Date)
        }
        CellValue::Text(t) if crate::import::decimal::number_reading(t.trim()).is_some() => {
            number(cell)
        }
        CellValue::Text(_) => match values::date_read(cell, parse) {
            Ok((date, None)) => Ok(FlowMonth::Date(date)),
            Ok((_, Some(_))) => Err(format!(
                "{} is a quarter or fiscal year, not one month; give one row per month",
                values::quoted(cell)
            )),
            Err(_) => Err(format!(
                "{} is not a month; expected a month number from 1 (the project's month 1) or a calendar month such as 2026-03 or Mar 2026",
                values::quoted(cell)
            )),
        },
        _ => number(cell),
    }
}

/// Months from `one` to `date`, `one`'s month counted as 1.
fn month_index(one: NaiveDate, date: NaiveDate) -> i64 {
    let at = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    at(date) - at(one) + 1
}

impl FlowDraft {
    /// The month of the project this row gives, converted into the run
    /// currency; or the problems, each on its cell.
    ///
    /// # Errors
    ///
    /// A month before month 1 or after the look-ahead, an amount in
    /// another currency than the project's.
    pub fn resolve(&self, terms: &FlowTerms) -> Result<ResolvedFlow, Vec<Problem>> {
        let row = self.source.pos.row;
        let mut problems = Vec::new();
        let mut problem = |col: u32, column: FieldId, raw: &str, message: String| {
            problems.push(Problem {
                cell: Some(CellPos { row, col }),
                column: Some(column),
                value: Some(raw.to_string()),
                message,
            });
        };
        let lookahead = terms.lookahead;
        let month = match self.month {
            FlowMonth::Number(n) if n > lookahead => {
                problem(
                    self.month_col,
                    FieldId::Month,
                    &self.month_raw,
                    format!(
                        "month {n} is beyond the ruleset's look-ahead of {lookahead} months (lookahead_months); no month after it is scored"
                    ),
                );
                0
            }
            FlowMonth::Number(n) => n,
            FlowMonth::Date(date) => {
                let n = month_index(terms.month_one, date);
                if n < 1 {
                    problem(
                        self.month_col,
                        FieldId::Month,
                        &self.month_raw,
                        format!(
                            "{} is before project {}'s month 1, {}; a cash flow belongs to month 1 or later",
                            date.format("%Y-%m"),
                            terms.project_id,
                            terms.month_one_text()
                        ),
                    );
                } else if n > i64::from(lookahead) {
                    problem(
                        self.month_col,
                        FieldId::Month,
                        &self.month_raw,
                        format!(
                            "{} is month {n} of project {} (month 1 is {}), beyond the ruleset's look-ahead of {lookahead} months (lookahead_months); no month after it is scored",
                            date.format("%Y-%m"),
                            terms.project_id,
                            terms.month_one_text()
                        ),
                    );
                }
                u32::try_from(n).unwrap_or(0)
            }
        };
        let mut money = |amount: &Option<FlowAmount>, field: FieldId| {
            let Some(a) = amount else { return 0.0 };
            if let Some((code, header)) = a.currency.as_ref().filter(|(c, _)| c != terms.currency) {
                let how = if *header {
                    format!("is in {code}, as its column's header says,")
                } else {
                    format!("is written in {code}")
                };
                problem(
                    a.col,
                    field,
                    &a.raw,
                    format!(
                        "{how} but project {}'s currency is {}; give its cash flows in {}",
                        terms.project_id, terms.currency, terms.currency
                    ),
                );
            }
            a.amount * terms.rate
        };
        let compute = money(&self.compute, FieldId::ComputeCost);
        let benefit = money(&self.benefit, FieldId::Benefit);
        let actual_compute = money(&self.actual_compute, FieldId::ActualCompute);
        let actual_benefit = money(&self.actual_benefit, FieldId::ActualBenefit);
        if problems.is_empty() {
            let actual = self.actual_compute.is_some() || self.actual_benefit.is_some();
            Ok(ResolvedFlow {
                flow: MonthFlow {
                    month,
                    compute,
                    benefit,
                    source: self.source.clone(),
                },
                plan: self.compute.is_some() || self.benefit.is_some() || !actual,
                actual_compute: self.actual_compute.as_ref().map(|_| actual_compute),
                actual_benefit: self.actual_benefit.as_ref().map(|_| actual_benefit),
            })
        } else {
            Err(problems)
        }
    }

    /// Whether the month was written as a date.
    #[must_use]
    pub fn dated(&self) -> bool {
        matches!(self.month, FlowMonth::Date(_))
    }
}

/// A cash-flow row: (project id, the row read) or the problems in it.
pub fn read_cash_flow_row(row: &Row, ctx: &RowCtx) -> Result<(String, FlowDraft), RejectedRow> {
    let mut r = Reader::new(row, ctx);
    let parse = ctx.parse;
    let id = r.require(FieldId::ProjectId, values::text);
    let month = r.require(FieldId::Month, |v| month(v, &parse));
    let amount = |r: &mut Reader, id: FieldId| {
        let field = r.read(id, |v| values::money(v, &parse))?;
        let col = field.col?;
        let (value, written) = field.value;
        let unit = ctx.header.unit(col);
        let header = unit.and_then(|u| u.currency.clone());
        Some(FlowAmount {
            amount: unit.map_or(value, |u| u.money(value)),
            currency: written
                .map(|c| (c.to_string(), false))
                .or(header.map(|c| (c, true))),
            col,
            raw: field.raw.map(String::from).unwrap_or_default(),
        })
    };
    let compute = amount(&mut r, FieldId::ComputeCost);
    let benefit = amount(&mut r, FieldId::Benefit);
    let actual_compute = amount(&mut r, FieldId::ActualCompute);
    let actual_benefit = amount(&mut r, FieldId::ActualBenefit);
    match (id, month, r.is_clean()) {
        (Some(id), Some(month), true) => Ok((
            id.value,
            FlowDraft {
                month: month.value,
                month_col: month.col.unwrap_or(0),
                month_raw: month.raw.map(String::from).unwrap_or_default(),
                compute,
                benefit,
                actual_compute,
                actual_benefit,
                source: SourceCell {
                    origin: ctx.origin.clone(),
                    pos: CellPos {
                        row: row.number,
                        col: ctx.header.column_of(FieldId::ProjectId).unwrap_or(0),
                    },
                },
            },
        )),
        _ => Err(RejectedRow {
            origin: ctx.origin.clone(),
            row: row.number,
            problems: r.into_problems(),
            values: original_values(row, ctx.header),
        }),
    }
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
