//! What did happen: a project's actual compute and benefit per project
//! month, where each figure came from, and which months have ended by the
//! run's as-of date. Filled from the intake's cash-flow rows and, with
//! `score --bills`, from the compute the bills allocate to the project.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::SourceCell;
use super::billed::BilledActuals;

/// Where an actual figure came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ActualSource {
    /// A cash-flow row of the intake (`actual_compute`, `actual_benefit`).
    Intake {
        /// The row's project id cell.
        cell: SourceCell,
    },
    /// The cloud bills, summed over the charges allocated to the project.
    Bills,
    /// The bills and the intake's `actual_compute` (spend on no bill, such
    /// as on-premises) added up.
    Both {
        /// The intake row's project id cell.
        cell: SourceCell,
        /// The part the bills gave.
        billed: f64,
        /// The part the intake gave.
        intake: f64,
    },
}

/// One actual figure with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actual {
    /// The amount, in the run currency.
    pub amount: f64,
    /// Where it came from.
    pub source: ActualSource,
}

/// The actual figures of one project month; `None` where none was given.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ActualMonth {
    /// Compute spent that month.
    pub compute: Option<Actual>,
    /// Benefit realised that month.
    pub benefit: Option<Actual>,
}

impl ActualMonth {
    /// Whether the month gives any actual figure.
    #[must_use]
    pub fn is_given(&self) -> bool {
        self.compute.is_some() || self.benefit.is_some()
    }
}

/// A project's actual figures, month by month, against the calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actuals {
    /// The first day of the calendar month of project month 1; `None` when
    /// the project has no `start_date`, so no figure can be placed in time.
    pub month_one: Option<NaiveDate>,
    /// The run's as-of date: a month is complete once it has ended by then.
    pub as_of: NaiveDate,
    /// Figures by project month: index 0 is month 1.
    pub months: Vec<ActualMonth>,
    /// What the cloud bills gave, for a project they matched: then only
    /// the months they count as actual can be.
    pub bills: Option<BilledActuals>,
}

impl Actuals {
    /// No figures yet for a project whose month 1 is `month_one` (any day
    /// of it), judged at `as_of`.
    #[must_use]
    pub fn new(month_one: Option<NaiveDate>, as_of: NaiveDate) -> Actuals {
        Actuals {
            month_one: month_one.map(|d| d.with_day(1).unwrap_or(d)),
            as_of,
            months: Vec::new(),
            bills: None,
        }
    }

    /// The figures of month `month` (1-based), made room for.
    pub fn month_mut(&mut self, month: u32) -> &mut ActualMonth {
        let i = month.max(1) as usize - 1;
        if self.months.len() <= i {
            self.months.resize(i + 1, ActualMonth::default());
        }
        &mut self.months[i]
    }

    /// The figures of month `month` (1-based), if any were given.
    #[must_use]
    pub fn month(&self, month: u32) -> Option<&ActualMonth> {
        (month as usize)
            .checked_sub(1)
            .and_then(|i| self.months.get(i))
    }

    /// How many project months have ended by the as-of date: month m is
    /// complete when the as-of date is on or after its last day. 0 without
    /// a start date.
    #[must_use]
    pub fn complete(&self) -> u32 {
        let Some(one) = self.month_one else { return 0 };
        // The first day of the month after as-of's, when as-of is the last
        // day of its month; else as-of's own month: months before it ended.
        let next_day = self.as_of.succ_opt().unwrap_or(self.as_of);
        let open = next_day.with_day(1).unwrap_or(next_day);
        let at = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        u32::try_from((at(open) - at(one)).max(0)).unwrap_or(0)
    }

    /// The calendar month of project month `month` (its first day).
    #[must_use]
    pub fn calendar(&self, month: u32) -> Option<NaiveDate> {
        self.month_one?
            .checked_add_months(Months::new(month.saturating_sub(1)))
    }

    /// The months that count as actual, in order: complete by the as-of
    /// date and given at least one figure (and, for a project the bills
    /// matched, counted actual by the bills).
    #[must_use]
    pub fn actual_months(&self) -> Vec<u32> {
        let complete = self.complete() as usize;
        self.months
            .iter()
            .take(complete)
            .enumerate()
            .filter(|(_, m)| m.is_given())
            .filter_map(|(i, _)| u32::try_from(i + 1).ok())
            .filter(|m| self.bills.as_ref().is_none_or(|b| b.actual.contains(m)))
            .collect()
    }

    /// The months given a figure that have not ended by the as-of date.
    #[must_use]
    pub fn open_months(&self) -> Vec<u32> {
        let complete = self.complete() as usize;
        self.months
            .iter()
            .enumerate()
            .skip(complete)
            .filter(|(_, m)| m.is_given())
            .filter_map(|(i, _)| u32::try_from(i + 1).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_month_is_complete_once_its_last_day_is_reached() {
        let at = |as_of| Actuals::new(Some(date(2026, 1, 15)), as_of).complete();
        assert_eq!(at(date(2026, 1, 30)), 0);
        assert_eq!(at(date(2026, 1, 31)), 1);
        assert_eq!(at(date(2026, 3, 30)), 2);
        assert_eq!(at(date(2026, 3, 31)), 3);
        assert_eq!(at(date(2025, 12, 31)), 0);
        assert_eq!(at(date(2027, 1, 1)), 12);
    }

    #[test]
    fn without_a_start_date_no_month_is_complete() {
        let mut a = Actuals::new(None, date(2030, 1, 1));
        a.month_mut(1).benefit = Some(Actual {
            amount: 1.0,
            source: ActualSource::Bills,
        });
        assert_eq!(a.complete(), 0);
        assert!(a.actual_months().is_empty());
        assert_eq!(a.open_months(), [1]);
    }

    #[test]
    fn actual_months_are_complete_months_with_a_figure() {
        let mut a = Actuals::new(Some(date(2026, 1, 1)), date(2026, 4, 30));
        for m in [1, 3, 5] {
            a.month_mut(m).compute = Some(Actual {
                amount: 1.0,
                source: ActualSource::Bills,
            });
        }
        assert_eq!(a.actual_months(), [1, 3]);
        assert_eq!(a.open_months(), [5]);
        assert_eq!(a.calendar(3), Some(date(2026, 3, 1)));
    }
}
