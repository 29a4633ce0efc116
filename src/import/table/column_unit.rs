//! Units written in a header, and how they apply to a column's values: a
//! scale (`($K)`, `(USD millions)`, `(k€)`), a currency (`(EUR)`, `(€)`), a
//! period (`(annual)`, `($/yr)`, `Annual Benefit`, `(% p.a.)`).
//!
//! Only a bracketed group made of nothing but unit words is a unit
//! (`(FY25 estimate)` is not, and stays ignored); a period word may also
//! open or close the header itself (`Annual Benefit`, `Benefit per year`).
//! A unit a field cannot take (a scale on a percent, `(hours)` on money) is
//! a [`UnitRefusal`]: the table cannot be read until the header is fixed.

use super::header::{Column, HeaderMap};
use crate::import::cell::round_sig;
use crate::model::{FieldId, FieldSpec, Kind, column_letters};

/// The period a column's amounts or growth are given per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Per month: what the intake fields are.
    Monthly,
    /// Per quarter: three months.
    Quarterly,
    /// Per year: twelve months.
    Annual,
}

impl Period {
    /// Months in the period.
    #[must_use]
    pub const fn months(self) -> u32 {
        match self {
            Period::Monthly => 1,
            Period::Quarterly => 3,
            Period::Annual => 12,
        }
    }

    /// The period as a word: `annual`.
    #[must_use]
    pub const fn word(self) -> &'static str {
        match self {
            Period::Monthly => "monthly",
            Period::Quarterly => "quarterly",
            Period::Annual => "annual",
        }
    }
}

/// What a header says its column's values are in, as parsed; applied to
/// a field once checked ([`ColumnUnit::check`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnUnit {
    /// The field the column holds.
    pub field: Option<FieldId>,
    /// Every value is multiplied by this (1,000 for `($K)`).
    pub scale: Option<f64>,
    /// The currency the column's amounts are in (`EUR` for `(k€)`).
    pub currency: Option<String>,
    /// The period the values are given per (`(annual)`).
    pub period: Option<Period>,
    /// The header says percent (`(%)`).
    pub percent: bool,
    /// A measure no money or percent is counted in (`hours`, `FTE`).
    pub measure: Option<String>,
    /// Two different currencies or scales were written.
    pub conflict: Option<String>,
    /// The unit as written in the header: `($K)`, `Annual`.
    pub written: Vec<String>,
}

/// A header whose unit cannot be applied to the field it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRefusal {
    /// The column, as messages name it: `D "Compute Cost (hours)"`.
    pub column: String,
    /// The field the header names.
    pub field: &'static str,
    /// Why the unit does not fit.
    pub why: String,
}

impl ColumnUnit {
    /// Whether the header said nothing about a unit.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.scale.is_none()
            && self.currency.is_none()
            && self.period.is_none()
            && !self.percent
            && self.measure.is_none()
            && self.conflict.is_none()
    }

    /// Whether the unit can apply to a field; the message says why not.
    ///
    /// # Errors
    ///
    /// The reason, as the refusal says it.
    pub fn check(&self, spec: &FieldSpec) -> Result<(), String> {
        let name = spec.name();
        if let Some(conflict) = &self.conflict {
            return Err(format!("it names {conflict}"));
        }
        if let Some(measure) = &self.measure {
            return Err(format!("{name} is not counted in {measure}"));
        }
        let period = self.period.filter(|p| *p != Period::Monthly);
        let not = |what: &str| Err(format!("{name} {what}"));
        match spec.kind {
            Kind::Money => {
                if self.percent {
                    return not("is an amount of money, not a percent");
                }
                let one_month = matches!(
                    spec.id,
                    FieldId::ComputeCost
                        | FieldId::Benefit
                        | FieldId::ActualCompute
                        | FieldId::ActualBenefit
                );
                match period {
                    Some(p) if spec.id == FieldId::UpfrontComputeCost => {
                        return Err(format!(
                            "{name} is a one-off amount spent in month 1, not an {} one",
                            p.word()
                        ));
                    }
                    Some(p) if one_month => {
                        return Err(format!(
                            "a cash flow is the amount of one month, not an {} one",
                            p.word()
                        ));
                    }
                    _ => {}
                }
                if spec.id == FieldId::UpfrontComputeCost && self.period.is_some() {
                    return not("is a one-off amount spent in month 1, not a monthly one");
                }
            }
            Kind::Percent => {
                if self.scale.is_some() {
                    return not("is a percent and cannot be scaled");
                }
                if self.currency.is_some() {
                    return not("is a percent and has no currency");
                }
            }
            Kind::Integer { .. } | Kind::Shares | Kind::Text | Kind::Enum(_) | Kind::YesNo => {
                let months_count = name.contains("month") || spec.id == FieldId::Month;
                let what = if let Some(s) = self.scale {
                    Some(format!("cannot be scaled by ×{}", thousands(s)))
                } else if let Some(c) = &self.currency {
                    Some(format!("is not money and has no currency ({c})"))
                } else if self.percent && spec.kind != Kind::Shares {
                    Some("is not a percent".into())
                } else if self
                    .period
                    .is_some_and(|p| p != Period::Monthly || !months_count)
                {
                    Some(format!(
                        "is not a figure per period ({})",
                        self.period.map_or("", Period::word)
                    ))
                } else {
                    None
                };
                if let Some(what) = what {
                    return not(&what);
                }
            }
            Kind::Date | Kind::Currency => {
                let fits = self.scale.is_none()
                    && !self.percent
                    && (self.currency.is_none() || spec.kind == Kind::Currency)
                    && self.period.is_none_or(|p| p == Period::Monthly);
                if !fits {
                    return not("takes no unit, scale or period");
                }
            }
        }
        Ok(())
    }

    /// Whether applying the unit changes values (beyond naming a currency).
    #[must_use]
    pub fn scales(&self) -> bool {
        self.scale.is_some() || self.period.is_some_and(|p| p != Period::Monthly)
    }

    /// An amount of the column in the field's terms: scaled, per month.
    #[must_use]
    pub fn money(&self, amount: f64) -> f64 {
        if !self.scales() {
            return amount;
        }
        let months = f64::from(self.period.map_or(1, Period::months));
        round_sig(amount * self.scale.unwrap_or(1.0) / months)
    }

    /// A growth percent of the column as monthly growth: (1 + g)^(1/n) - 1.
    #[must_use]
    pub fn growth(&self, pct: f64) -> f64 {
        match self.period {
            Some(p) if p != Period::Monthly => {
                let n = f64::from(p.months());
                ((1.0 + pct / 100.0).powf(1.0 / n) - 1.0) * 100.0
            }
            _ => pct,
        }
    }

    /// What is applied, as the reading report says it: `×1,000, EUR, annual ÷ 12`.
    #[must_use]
    pub fn describe(&self) -> String {
        self.applied().join(", ")
    }

    /// What the unit does to every value, one step each: `×1,000`, `EUR`,
    /// `annual ÷ 12`; empty when values are read as written.
    #[must_use]
    pub fn applied(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(s) = self.scale {
            parts.push(format!("×{}", thousands(s)));
        }
        if let Some(c) = &self.currency {
            parts.push(c.clone());
        }
        let growth = self.field.is_some_and(|f| f.spec().kind == Kind::Percent);
        match self.period {
            Some(p) if p != Period::Monthly && growth => parts.push(format!(
                "{} growth → monthly (1 + g)^(1/{}) - 1",
                p.word(),
                p.months()
            )),
            Some(p) if p != Period::Monthly => {
                parts.push(format!("{} ÷ {}", p.word(), p.months()));
            }
            _ => {}
        }
        parts
    }

    /// The note a table's record gets for a column whose unit is applied.
    #[must_use]
    pub fn note(&self, col: u32, header: &str) -> String {
        let name = self.field.map_or("", FieldId::name);
        format!(
            "column {} \"{header}\" read as {name} with the unit its header gives: {}",
            column_letters(col),
            self.describe()
        )
    }
}

/// A scale written out: 1,000.
fn thousands(scale: f64) -> String {
    let digits = format!("{scale:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl HeaderMap {
    /// Reads the unit of each field column's header: kept with a note
    /// when it applies, a refusal of the header when it cannot.
    /// `periods` are those written around a header's name.
    pub(super) fn read_units(&mut self, periods: &[(u32, Period, String)]) {
        for (col, column) in &self.columns {
            let Column::Field(spec) = column else {
                continue;
            };
            let header = self.header_text(*col);
            let mut unit = if header.contains(['(', '[']) {
                ColumnUnit::of_header(&header)
            } else {
                ColumnUnit::default()
            };
            if let Some((_, period, written)) = periods.iter().find(|(c, ..)| c == col) {
                unit.add_period(*period, written);
            }
            // `Monthly Compute Cost (annual)`: which is meant cannot be told.
            if let Some(p) = unit.period.filter(|p| *p != Period::Monthly) {
                if super::header::header_words(&header)
                    .iter()
                    .any(|w| w == "monthly")
                {
                    unit.conflict = Some(format!("two periods, monthly and {}", p.word()));
                }
            }
            if unit.is_empty() {
                continue;
            }
            unit.field = Some(spec.id);
            match unit.check(spec) {
                Err(why) => {
                    if self.refused.is_none() {
                        self.refused = Some(UnitRefusal {
                            column: format!("{} \"{header}\"", column_letters(*col)),
                            field: spec.name(),
                            why,
                        });
                    }
                }
                Ok(()) if unit.describe().is_empty() => {}
                Ok(()) => {
                    // A currency alone changes no value: the row's
                    // conversion, if any, has its own note.
                    if unit.scales() {
                        self.notes.push(unit.note(*col, &header));
                    }
                    self.units.push((*col, unit));
                }
            }
        }
    }

    /// The unit a column's header gives, if it gives one that applies.
    #[must_use]
    pub fn unit(&self, col: u32) -> Option<&ColumnUnit> {
        self.units.iter().find(|(c, _)| *c == col).map(|(_, u)| u)
    }

    /// The one currency the headers of the money columns give, if they
    /// give one and agree.
    #[must_use]
    pub fn money_currency(&self) -> Option<&str> {
        let mut codes = self
            .units
            .iter()
            .filter(|(_, u)| u.field.is_some_and(|f| f.spec().kind == Kind::Money))
            .filter_map(|(_, u)| u.currency.as_deref());
        let first = codes.next()?;
        codes.all(|c| c == first).then_some(first)
    }
}

#[cfg(test)]
#[path = "column_unit_tests.rs"]
mod tests;
