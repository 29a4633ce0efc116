//! Merging the inputs of a run one project row at a time: a project id is
//! scored once (a later row with the same id is rejected, naming the first),
//! monthly cash flows read beforehand are attached to their project, and a
//! project with neither money fields nor cash flows is rejected. What is
//! kept per project is its id and first cell, so a million rows stream
//! through in bounded memory.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::table::flow::{FlowDraft, FlowTerms};

use super::table::reading::table_of;
use super::table::row::Draft;
use crate::model::{
    Actual, ActualSource, Actuals, CellPos, FieldId, InputRecord, MonthFlow, Problem, Project,
    RejectedRow, SourceCell,
};

/// A cash-flow row read: its input, the row and its original values.
type FlowRow = (usize, FlowDraft, Vec<(String, String)>);

/// The merge state of a run.
#[derive(Debug, Default)]
pub(crate) struct Merger {
    /// The ruleset's look-ahead L: cash-flow months after it are refused.
    pub lookahead: u32,
    /// The month 1 of a project without a start date.
    pub as_of: NaiveDate,
    first_seen: HashMap<String, SourceCell>,
    /// Cash-flow rows by project id, in input order, until their project comes.
    flows: HashMap<String, Vec<FlowRow>>,
    /// Ids in the order their first cash-flow row came, so leftovers are
    /// reported deterministically.
    flow_ids: Vec<String>,
    /// Rows rejected, with the input they came from.
    pub rejected: Vec<(usize, RejectedRow)>,
    /// Currencies rows were converted from.
    pub converted: BTreeSet<String>,
    /// Projects and attached cash-flow rows per input, counted as they pass.
    counts: Vec<(usize, usize)>,
}

impl Merger {
    /// Notes a cash-flow row for project `id`, to attach when the project comes.
    pub fn add_flow(
        &mut self,
        input: usize,
        id: String,
        flow: FlowDraft,
        values: Vec<(String, String)>,
    ) {
        if let Some(rows) = self.flows.get_mut(&id) {
            rows.push((input, flow, values));
        } else {
            self.flow_ids.push(id.clone());
            self.flows.insert(id, vec![(input, flow, values)]);
        }
    }

    /// Whether any cash-flow row was read.
    pub fn has_flows(&self) -> bool {
        !self.flow_ids.is_empty()
    }

    /// Merges one project row of input `input`: the project to score, or
    /// `None` when the row is rejected (a repeated id, or no money given).
    pub fn project(&mut self, input: usize, draft: Draft) -> Option<Project> {
        let mut draft = draft;
        let p = &draft.project;
        let here = SourceCell {
            origin: p.origin.clone(),
            pos: CellPos {
                row: p.row,
                col: draft.id_col,
            },
        };
        if let Some(first) = self.first_seen.get(&p.project_id) {
            let rejected = RejectedRow {
                origin: p.origin.clone(),
                row: p.row,
                problems: vec![Problem {
                    cell: Some(here.pos),
                    column: Some(FieldId::ProjectId),
                    value: Some(p.project_id.clone()),
                    message: format!(
                        "duplicate project_id \"{}\": first at {first}; only the first is scored",
                        p.project_id
                    ),
                }],
                values: draft.values,
            };
            self.rejected.push((input, rejected));
            return None;
        }
        self.first_seen.insert(p.project_id.clone(), here);

        if let Some(rows) = self.flows.remove(&draft.project.project_id) {
            let from_start = draft.project.start_date.is_some();
            let month_one = draft.project.start_date.unwrap_or(self.as_of);
            let terms = FlowTerms {
                project_id: &draft.project.project_id,
                currency: &draft.currency,
                rate: draft.rate,
                month_one: month_one.with_day(1).unwrap_or(month_one),
                from_start,
                lookahead: self.lookahead,
            };
            let dated = rows.iter().any(|(_, f, _)| f.dated());
            let note = dated.then(|| {
                format!(
                    "cash-flow months written as dates were read as months from month 1, {}",
                    terms.month_one_text()
                )
            });
            let (months, actuals) = self.attach(&terms, rows);
            let start = draft.project.start_date;
            draft.project.notes.extend(note);
            draft.project.actuals = actuals.map(|given| actual_figures(start, self.as_of, given));
            if months.is_empty() && draft.project.actuals.is_some() {
                // Actual figures alone leave the plan to the money fields.
                if !draft.compute_given || !draft.benefit_given {
                    self.rejected.push((input, missing_money(draft)));
                    return None;
                }
            } else {
                draft.project.cash_flows = Some(months);
            }
        } else if !draft.compute_given || !draft.benefit_given {
            self.rejected.push((input, missing_money(draft)));
            return None;
        }
        self.count(input).0 += 1;
        if let Some(code) = draft.converted_from {
            self.converted.insert(code);
        }
        Some(draft.project)
    }

    /// A project's months in order, each month once; a repeated month is rejected.
    fn count(&mut self, input: usize) -> &mut (usize, usize) {
        if self.counts.len() <= input {
            self.counts.resize(input + 1, (0, 0));
        }
        &mut self.counts[input]
    }

    /// A project's plan months in order and its actual figures (month,
    /// compute, benefit, row), if any row gives one.
    fn attach(
        &mut self,
        terms: &FlowTerms,
        rows: Vec<FlowRow>,
    ) -> (Vec<MonthFlow>, Option<Vec<GivenActual>>) {
        let id = terms.project_id;
        let mut months: Vec<MonthFlow> = Vec::with_capacity(rows.len());
        let mut seen: Vec<(u32, SourceCell)> = Vec::with_capacity(rows.len());
        let mut actuals: Option<Vec<GivenActual>> = None;
        for (input, draft, values) in rows {
            let resolved = match draft.resolve(terms) {
                Ok(resolved) => resolved,
                Err(problems) => {
                    self.rejected.push((
                        input,
                        RejectedRow {
                            origin: draft.source.origin.clone(),
                            row: draft.source.pos.row,
                            problems,
                            values,
                        },
                    ));
                    continue;
                }
            };
            let flow = resolved.flow;
            if let Some((_, prev)) = seen.iter().find(|(m, _)| *m == flow.month) {
                let message = format!(
                    "month {} of project {id} is given twice; first at {prev}",
                    flow.month
                );
                self.rejected
                    .push((input, flow_problem(&flow.source, values, message, id)));
                continue;
            }
            seen.push((flow.month, flow.source.clone()));
            if resolved.actual_compute.is_some() || resolved.actual_benefit.is_some() {
                actuals.get_or_insert_with(Vec::new).push((
                    flow.month,
                    resolved.actual_compute,
                    resolved.actual_benefit,
                    flow.source.clone(),
                ));
            }
            if resolved.plan {
                months.push(flow);
            }
            self.count(input).1 += 1;
        }
        months.sort_by_key(|m| m.month);
        (months, actuals)
    }

    /// Rejects the cash flows no project claimed, sorts the rejected rows
    /// into input order and counts them against their inputs.
    pub fn finish(mut self, inputs: &mut [InputRecord]) -> (Vec<RejectedRow>, BTreeSet<String>) {
        for id in std::mem::take(&mut self.flow_ids) {
            let Some(rows) = self.flows.remove(&id) else {
                continue;
            };
            for (input, flow, values) in rows {
                let message = format!("project_id \"{id}\" matches no project row in this run");
                self.rejected
                    .push((input, flow_problem(&flow.source, values, message, &id)));
            }
        }
        for (record, (projects, flows)) in inputs.iter_mut().zip(&self.counts) {
            record.projects += projects;
            record.cash_flow_rows += flows;
        }
        let mut rejected = self.rejected;
        rejected.sort_by(|(a, x), (b, y)| {
            (a, &x.origin.sheet, x.row).cmp(&(b, &y.origin.sheet, y.row))
        });
        for (input, row) in &rejected {
            let record = &mut inputs[*input];
            record.rejected += 1;
            if let Some(table) = table_of(&mut record.tables, &row.origin.sheet, row.row) {
                table.rows.rejected += 1;
            }
        }
        for table in inputs.iter_mut().flat_map(|i| &mut i.tables) {
            let rows = &mut table.rows;
            rows.accepted = rows
                .read
                .saturating_sub(rows.rejected + rows.skipped_total());
        }
        (
            rejected.into_iter().map(|(_, r)| r).collect(),
            self.converted,
        )
    }
}

/// An actual figure as a cash-flow row gives it: month, compute, benefit
/// and the row's project id cell.
type GivenActual = (u32, Option<f64>, Option<f64>, SourceCell);

/// A project's actual figures against the calendar: month 1 is its start
/// date's month, and a month counts once it has ended by `as_of`.
fn actual_figures(start: Option<NaiveDate>, as_of: NaiveDate, given: Vec<GivenActual>) -> Actuals {
    let mut actuals = Actuals::new(start, as_of);
    for (month, compute, benefit, cell) in given {
        let figure = |amount: f64| Actual {
            amount,
            source: ActualSource::Intake { cell: cell.clone() },
        };
        let m = actuals.month_mut(month);
        m.compute = compute.map(figure);
        m.benefit = benefit.map(figure);
    }
    actuals
}

/// The rejection of a project row with neither money fields nor cash flows.
fn missing_money(draft: Draft) -> RejectedRow {
    let mut problems = Vec::new();
    for (given, field, col) in [
        (
            draft.compute_given,
            FieldId::MonthlyComputeCost,
            draft.compute_col,
        ),
        (
            draft.benefit_given,
            FieldId::MonthlyBenefit,
            draft.benefit_col,
        ),
    ] {
        if !given {
            problems.push(Problem {
                cell: col.map(|col| CellPos {
                    row: draft.project.row,
                    col,
                }),
                column: Some(field),
                value: col.map(|_| String::new()),
                message: if col.is_some() {
                    "is empty; give an amount, or monthly cash flows for this project".into()
                } else {
                    format!(
                        "the table has no {field} column and no cash flows were given for this project"
                    )
                },
            });
        }
    }
    RejectedRow {
        origin: draft.project.origin.clone(),
        row: draft.project.row,
        problems,
        values: draft.values,
    }
}

fn flow_problem(
    source: &SourceCell,
    values: Vec<(String, String)>,
    message: String,
    id: &str,
) -> RejectedRow {
    RejectedRow {
        origin: source.origin.clone(),
        row: source.pos.row,
        problems: vec![Problem {
            cell: Some(source.pos),
            column: Some(FieldId::ProjectId),
            value: Some(id.to_string()),
            message,
        }],
        values,
    }
}
