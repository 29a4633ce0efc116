//! One data row → a project draft, a rejected row with every problem in it,
//! or a row that is not a project (a totals row, a template example).

use std::collections::BTreeMap;

use chrono::NaiveDate;

mod estimates;

use super::header::{Column, HeaderMap};
use crate::import::cell::{CellValue, Row};
use crate::import::values::{self, ParseCtx};
use crate::model::{
    AllocationRule, Autonomy, BenefitMetric, CellPos, EnumWords, Field, FieldId,
    InteractionPattern, Kind, OriginRef, Problem, Project, ProviderDimension, RejectedRow,
    SkipReason, Stage,
};

/// The run currency and the rates into it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Currency {
    /// ISO 4217 code of the run.
    pub code: String,
    /// One unit of a currency in run-currency units.
    pub fx: BTreeMap<String, f64>,
    /// The currency of rows without one: the file's Settings currency, or the run's.
    pub file_default: String,
    /// Where `file_default` comes from when the file says (`the file's
    /// Settings sheet`); empty when it is the run's.
    pub file_default_from: String,
}

/// What reading a row needs.
pub struct RowCtx<'a> {
    pub origin: &'a OriginRef,
    pub header: &'a HeaderMap,
    pub parse: ParseCtx<'a>,
    pub currency: &'a Currency,
    /// The sheet is hidden: noted on every project.
    pub hidden_sheet: bool,
}

/// A project read from a row, before cash flows are attached.
#[derive(Debug, Clone)]
pub struct Draft {
    pub project: Project,
    /// Whether the row gave monthly compute and monthly benefit.
    pub compute_given: bool,
    pub benefit_given: bool,
    /// Where those cells are, for the message when neither they nor cash flows exist.
    pub compute_col: Option<u32>,
    pub benefit_col: Option<u32>,
    /// The project id's column.
    pub id_col: u32,
    /// The row's original values, should it be rejected later.
    pub values: Vec<(String, String)>,
    /// The currency its amounts were converted from, if any.
    pub converted_from: Option<String>,
    /// The row's currency, and its rate into the run currency: its cash
    /// flows are converted alike.
    pub currency: String,
    pub rate: f64,
}

/// What became of a row.
#[derive(Debug)]
pub enum RowOutcome {
    Project(Box<Draft>),
    Rejected(RejectedRow),
    /// Not a project (a totals row, a template example): why, and the
    /// text that says so in the input's notes.
    Skipped(SkipReason, String),
}

/// The row's cells as header → text, in column order.
#[must_use]
pub fn original_values(row: &Row, header: &HeaderMap) -> Vec<(String, String)> {
    row.cells
        .iter()
        .map(|(col, v)| {
            let name = header
                .header(*col)
                .map_or_else(|| crate::model::column_letters(*col), str::to_string);
            (name, v.display())
        })
        .collect()
}

/// A row's cells read field by field, with every problem met.
pub(super) struct Reader<'r, 'a> {
    row: &'r Row,
    ctx: &'r RowCtx<'a>,
    problems: Vec<Problem>,
}

impl<'r, 'a> Reader<'r, 'a> {
    pub(super) fn new(row: &'r Row, ctx: &'r RowCtx<'a>) -> Self {
        Reader {
            row,
            ctx,
            problems: Vec::new(),
        }
    }

    /// Whether no problem was met.
    pub(super) fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    pub(super) fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    fn cell(&self, id: FieldId) -> Option<(u32, &CellValue)> {
        let col = self.ctx.header.column_of(id)?;
        self.row
            .get(col)
            .filter(|v| !v.is_blank())
            .map(|v| (col, v))
    }

    fn problem(
        &mut self,
        col: Option<u32>,
        id: FieldId,
        value: Option<&CellValue>,
        message: String,
    ) {
        self.problems.push(Problem {
            cell: col.map(|col| CellPos {
                row: self.row.number,
                col,
            }),
            column: Some(id),
            value: value.map(CellValue::display),
            message,
        });
    }

    /// Reads an optional field; `None` when blank or bad (the problem recorded).
    pub(super) fn read<T>(
        &mut self,
        id: FieldId,
        parse: impl FnOnce(&CellValue) -> Result<T, String>,
    ) -> Option<Field<T>> {
        let (col, value) = self.cell(id)?;
        let value = value.clone();
        match parse(&value) {
            Ok(v) => Some(Field::read(v, value.display(), col)),
            Err(message) => {
                self.problem(Some(col), id, Some(&value), message);
                None
            }
        }
    }

    /// Reads a required field, recording a problem when its cell is empty.
    /// A column missing from the whole table refuses the table, in one
    /// message, before any row is read.
    pub(super) fn require<T>(
        &mut self,
        id: FieldId,
        parse: impl FnOnce(&CellValue) -> Result<T, String>,
    ) -> Option<Field<T>> {
        if self.cell(id).is_none() {
            if let Some(col) = self.ctx.header.column_of(id) {
                let message = format!("is empty; every project needs {}", expected(id));
                self.problem(Some(col), id, Some(&CellValue::Empty), message);
            }
            return None;
        }
        self.read(id, parse)
    }

    /// Reads money in the row's currency, converted into the run currency.
    fn money(&mut self, id: FieldId, row_currency: &str, rate: f64) -> Option<Field<f64>> {
        let parse = self.ctx.parse;
        let field = self.read(id, |v| values::money(v, &parse))?;
        let (amount, written) = field.value;
        let unit = field.col.and_then(|c| self.ctx.header.unit(c));
        let message = if let Some(code) = written.filter(|c| *c != row_currency) {
            Some(format!(
                "is written in {code} but the row's currency is {row_currency}; write the amount in {row_currency} or set the currency column"
            ))
        } else {
            unit.and_then(|u| u.currency.as_deref())
                .filter(|c| *c != row_currency)
                .map(|code| format!("is in {code}, as its column's header says, but the row's currency is {row_currency}; set the currency column to {code} or give the amounts in a column of their own currency"))
        };
        if let Some(message) = message {
            let col = field.col;
            let cell = self.cell(id).map(|(_, v)| v.clone());
            self.problem(col, id, cell.as_ref(), message);
            return None;
        }
        let amount = unit.map_or(amount, |u| u.money(amount));
        Some(Field {
            value: amount * rate,
            raw: field.raw,
            col: field.col,
        })
    }
}

/// Whether a cell reads as a value of the field, as a project row reads it.
pub(crate) fn reads_as(id: FieldId, cell: &CellValue, parse: &ParseCtx) -> bool {
    match id {
        FieldId::Stage => values::enumeration::<Stage>(cell).is_ok(),
        FieldId::BenefitMetric => values::enumeration::<BenefitMetric>(cell).is_ok(),
        FieldId::InteractionPattern => values::enumeration::<InteractionPattern>(cell).is_ok(),
        FieldId::Autonomy => values::enumeration::<Autonomy>(cell).is_ok(),
        _ => match id.spec().kind {
            Kind::Text => values::text(cell).is_ok(),
            Kind::Date => values::date(cell, parse).is_ok(),
            Kind::Currency => values::currency(cell).is_ok(),
            Kind::Money => values::money(cell, parse).is_ok(),
            Kind::Percent => values::percent(cell, parse).is_ok(),
            Kind::Integer { min } => values::integer(cell, min, parse).is_ok(),
            Kind::YesNo => values::yes_no(cell).is_ok(),
            Kind::Shares => ProviderDimension::of_field(id)
                .is_some_and(|d| values::shares(cell, parse, d).is_ok()),
            Kind::Enum(_) => false,
        },
    }
}

fn expected(id: FieldId) -> String {
    match id.spec().kind {
        Kind::Enum(words) => format!("one of {}", words.join(", ")),
        Kind::Shares => "providers with shares, e.g. azure:70; aws:30".into(),
        _ => "a value".into(),
    }
}

/// The start date, read or noted: a start date that cannot be read is a
/// problem on its cell, but it costs the project nothing (it only lines up
/// cloud bills), so the project is scored with the default and a note.
fn read_start_date(r: &Reader, notes: &mut Vec<String>) -> (Option<NaiveDate>, Option<Problem>) {
    let Some((col, value)) = r.cell(FieldId::StartDate) else {
        return (None, None);
    };
    let pos = CellPos {
        row: r.row.number,
        col,
    };
    // Formatted only for a note: most start dates are plain dates.
    let place = || format!("{}!{pos}", r.ctx.origin.sheet);
    match values::date_read(value, &r.ctx.parse) {
        Ok((date, note)) => {
            if let Some(note) = note {
                notes.push(format!(
                    "{}: start_date: \"{}\" {note}",
                    place(),
                    value.display()
                ));
            }
            (Some(date), None)
        }
        Err(message) => {
            notes.push(format!(
                "{}: start_date: {message}; start_date takes its default",
                place()
            ));
            let problem = Problem {
                cell: Some(pos),
                column: Some(FieldId::StartDate),
                value: Some(value.display()),
                message,
            };
            (None, Some(problem))
        }
    }
}

/// A pattern read from a word that claims less than the canonical one
/// (`Agentic` is an agent, not necessarily an autonomous one): the note
/// says how it was read.
fn pattern_note(field: &Field<InteractionPattern>) -> Option<String> {
    if field.value != InteractionPattern::WorkflowAgent {
        return None;
    }
    let raw = field.raw.as_deref()?;
    let written = values::enum_key(raw);
    matches!(written.as_str(), "agent" | "agentic" | "ai_agent").then(|| {
        format!(
            "interaction_pattern \"{raw}\" read as {}; write autonomous_agent if it acts without approval",
            field.value.word()
        )
    })
}

/// Reads one data row of a projects table.
#[must_use]
pub fn read_project_row(row: &Row, ctx: &RowCtx) -> RowOutcome {
    let mut r = Reader::new(row, ctx);
    let id_text = r
        .cell(FieldId::ProjectId)
        .and_then(|(_, v)| values::text(v).ok());
    let name_text = r
        .cell(FieldId::ProjectName)
        .and_then(|(_, v)| values::text(v).ok());
    let describes_project = [
        FieldId::BenefitMetric,
        FieldId::Providers,
        FieldId::InteractionPattern,
    ]
    .into_iter()
    .any(|f| r.cell(f).is_some());
    if !describes_project
        && (id_text.as_deref().is_some_and(super::skip::is_totals_label)
            || name_text
                .as_deref()
                .is_some_and(super::skip::is_totals_label))
    {
        return RowOutcome::Skipped(
            SkipReason::Totals,
            format!("row {} reads as a totals row and was skipped", row.number),
        );
    }
    if let Some(example) = super::skip::template_example(row, ctx.header, &ctx.parse) {
        return RowOutcome::Skipped(
            SkipReason::TemplateExample,
            super::skip::example_note(row.number, example),
        );
    }

    let parse = ctx.parse;
    let project_id = r.require(FieldId::ProjectId, values::text);
    let project_name = r.require(FieldId::ProjectName, values::text);
    let business_unit = r.read(FieldId::BusinessUnit, values::text);
    let owner = r.read(FieldId::Owner, values::text);
    let stage = r.read(FieldId::Stage, values::enumeration::<Stage>);
    let mut notes = Vec::new();
    let (start_date, start_problem) = read_start_date(&r, &mut notes);
    let currency_field = r.read(FieldId::Currency, values::currency);
    // The row's own currency; else the one its money columns' headers
    // give; else the file's.
    let row_currency = currency_field.as_ref().map_or_else(
        || {
            ctx.header
                .money_currency()
                .unwrap_or(&ctx.currency.file_default)
                .to_string()
        },
        |f| f.value.clone(),
    );
    let mut converted_from = None;
    let rate = if row_currency == ctx.currency.code {
        Some(1.0)
    } else if let Some(rate) = ctx.currency.fx.get(&row_currency) {
        notes.push(format!(
            "amounts converted from {row_currency} to {} at {rate}",
            ctx.currency.code
        ));
        converted_from = Some(row_currency.clone());
        Some(*rate)
    } else {
        let col = currency_field.as_ref().and_then(|f| f.col);
        let cell = r.cell(FieldId::Currency).map(|(_, v)| v.clone());
        r.problem(
            col,
            FieldId::Currency,
            cell.as_ref(),
            format!(
                "no exchange rate from {row_currency} to the run currency {}; give one with --fx FILE (currency,rate) or in the Settings sheet",
                ctx.currency.code
            ),
        );
        None
    };
    let rate_or_one = rate.unwrap_or(1.0);
    let upfront = r.money(FieldId::UpfrontComputeCost, &row_currency, rate_or_one);
    let compute = r.money(FieldId::MonthlyComputeCost, &row_currency, rate_or_one);
    let growth_unit = ctx
        .header
        .column_of(FieldId::ComputeGrowthPct)
        .and_then(|c| ctx.header.unit(c));
    let growth = r.read(FieldId::ComputeGrowthPct, |v| {
        values::percent(v, &parse).and_then(|p| {
            if p > -100.0 {
                Ok(growth_unit.map_or(p, |u| u.growth(p)))
            } else {
                Err(format!("\"{}\" is not above -100%", v.display()))
            }
        })
    });
    let benefit = r.money(FieldId::MonthlyBenefit, &row_currency, rate_or_one);
    let start_month = r.read(FieldId::BenefitStartMonth, |v| {
        values::integer(v, 1, &parse)
    });
    let ramp = r.read(FieldId::BenefitRampMonths, |v| {
        values::integer(v, 0, &parse)
    });
    let metric = r.require(FieldId::BenefitMetric, values::enumeration::<BenefitMetric>);
    let providers = r.require(FieldId::Providers, |v| {
        values::shares(v, &parse, ProviderDimension::Infrastructure)
    });
    let model_providers = r.read(FieldId::ModelProviders, |v| {
        values::shares(v, &parse, ProviderDimension::ModelVendor)
    });
    let pattern = r.require(
        FieldId::InteractionPattern,
        values::enumeration::<InteractionPattern>,
    );
    let multi_step = r.read(FieldId::MultiStep, values::yes_no);
    let stateful = r.read(FieldId::Stateful, values::yes_no);
    let systems = r.read(FieldId::SystemsIntegrated, |v| {
        values::integer(v, 0, &parse)
    });
    let autonomy = r.read(FieldId::Autonomy, values::enumeration::<Autonomy>);
    let proprietary = r.read(FieldId::ProprietaryData, values::yes_no);
    let allocation_id = project_id.as_ref().map_or("", |f| f.value.as_str());
    let cost_allocation = r.read(FieldId::CostAllocation, |v| {
        let text = values::text(v)?;
        AllocationRule::parse(&text, allocation_id)?;
        Ok(text)
    });
    let allocation_share = r.read(FieldId::AllocationShare, |v| {
        let share = values::percent(v, &parse)?;
        if share > 0.0 && share <= 100.0 {
            Ok(share)
        } else {
            Err(format!(
                "\"{}\" is not a share above 0% and at most 100%",
                v.display()
            ))
        }
    });

    let estimates = r.estimates(
        &row_currency,
        rate_or_one,
        benefit.as_ref(),
        compute.as_ref(),
    );

    let values = original_values(row, ctx.header);
    let (
        Some(project_id),
        Some(project_name),
        Some(metric),
        Some(providers),
        Some(pattern),
        true,
        true,
    ) = (
        project_id,
        project_name,
        metric,
        providers,
        pattern,
        r.problems.is_empty(),
        rate.is_some(),
    )
    else {
        let mut problems = r.problems;
        // Rejected anyway: the start date's problem is listed with the rest.
        problems.extend(start_problem);
        problems.sort_by_key(|p| p.cell.map_or(u32::MAX, |c| c.col));
        return RowOutcome::Rejected(RejectedRow {
            origin: ctx.origin.clone(),
            row: row.number,
            problems,
            values,
        });
    };

    notes.extend(pattern_note(&pattern));
    if ctx.hidden_sheet {
        notes.push(format!("read from the hidden sheet {}", ctx.origin.sheet));
    }
    if row.hidden {
        notes.push("the row is hidden in the sheet; it was read like a visible one".to_string());
    }
    let extra = ctx
        .header
        .columns
        .iter()
        .filter_map(|(col, c)| match c {
            Column::Extra(h) => Some((
                h.clone(),
                row.get(*col).map(CellValue::display).unwrap_or_default(),
            )),
            Column::Field(_) => None,
        })
        .collect();
    let compute_col = ctx.header.column_of(FieldId::MonthlyComputeCost);
    let benefit_col = ctx.header.column_of(FieldId::MonthlyBenefit);
    let project = Project {
        project_id: project_id.value,
        project_name: project_name.value,
        business_unit: business_unit.map(|f| f.value),
        owner: owner.map(|f| f.value),
        stage: stage.map(|f| f.value),
        start_date,
        currency: currency_field.map(|f| f.value),
        upfront_compute_cost: upfront.unwrap_or_else(|| Field::default_value(0.0)),
        monthly_compute_cost: compute.clone().unwrap_or_else(|| Field::default_value(0.0)),
        compute_growth_pct: growth.unwrap_or_else(|| Field::default_value(0.0)),
        monthly_benefit: benefit.clone().unwrap_or_else(|| Field::default_value(0.0)),
        benefit_start_month: start_month.unwrap_or_else(|| Field::default_value(1)),
        benefit_ramp_months: ramp.unwrap_or_else(|| Field::default_value(0)),
        benefit_metric: metric,
        providers,
        model_providers,
        interaction_pattern: pattern,
        multi_step: multi_step.unwrap_or_else(|| Field::default_value(false)),
        stateful: stateful.unwrap_or_else(|| Field::default_value(false)),
        systems_integrated: systems.unwrap_or_else(|| Field::default_value(0)),
        autonomy: autonomy.unwrap_or_else(|| Field::default_value(Autonomy::None)),
        proprietary_data: proprietary.unwrap_or_else(|| Field::default_value(false)),
        cost_allocation: cost_allocation.map(|f| f.value),
        allocation_share: allocation_share.map(|f| f.value),
        estimates,
        cash_flows: None,
        actuals: None,
        extra,
        origin: ctx.origin.clone(),
        row: row.number,
        notes,
    };
    RowOutcome::Project(Box::new(Draft {
        project,
        compute_given: compute.is_some(),
        benefit_given: benefit.is_some(),
        compute_col,
        benefit_col,
        id_col: ctx.header.column_of(FieldId::ProjectId).unwrap_or(0),
        values,
        converted_from,
        currency: row_currency,
        rate: rate_or_one,
    }))
}
