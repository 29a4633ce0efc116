//! What the cloud bills gave one project's actuals: where its month 1 was
//! placed, which project months the bills count as actual and why the
//! others stay plan, billed months before month 1 that were left out, and
//! its billed provider mix against the declared one. Plain data, made by
//! `rules::review::bills` and read by the review and the outputs.

use serde::Serialize;

use super::ShareList;
use super::bills::YearMonth;

/// Where a project's month 1 was placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthOne {
    /// The calendar month of the project's `start_date`.
    StartDate,
    /// The first month the bills hold charges of the project in: the
    /// project gives no `start_date`.
    FirstBilledMonth,
}

/// A project month that stays plan although the bills reach it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BilledPlanMonth {
    /// The project month, 1-based.
    pub month: u32,
    /// Its calendar month.
    pub calendar: YearMonth,
    /// Why it is not actual.
    pub reason: String,
}

/// One share list's billed mix against the declared one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MixGap {
    /// `providers` (`ProviderName`) or `model_providers` (`PublisherName`
    /// on AI services).
    pub list: &'static str,
    /// The declared shares, in percent.
    pub declared: ShareList,
    /// The billed shares, in percent of the spend the bills allocated.
    pub billed: ShareList,
    /// The largest difference of one provider's share, in percentage points.
    pub gap_points: f64,
    /// `declared Azure 60 / AWS 40, billed Azure 96 / AWS 4`, when the gap
    /// is above the ruleset's `bills.mix_gap_points`.
    pub warning: Option<String>,
}

/// What the bills gave a project matched by its allocation rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BilledActuals {
    /// The allocation rule that matched.
    pub rule: String,
    /// Where month 1 was placed.
    pub month_one: MonthOne,
    /// Its calendar month.
    pub month_one_calendar: YearMonth,
    /// Project months the bills count as actual: complete by the as-of
    /// date with charges from every provider the bills hold.
    pub actual: Vec<u32>,
    /// Project months from month 1 up to the last month the bills reach
    /// that stay plan, with the reason.
    pub plan: Vec<BilledPlanMonth>,
    /// The reason for months after the last one the bills reach.
    pub beyond: String,
    /// Billed months of the project before its month 1, left out.
    pub before_month_one: usize,
    /// Their spend, in the run currency.
    pub before_month_one_spend: f64,
    /// The billed mixes against the declared ones (infrastructure, then
    /// model vendors where both are known).
    pub mix: Vec<MixGap>,
    /// What the join had to assume or leave out, in words.
    pub notes: Vec<String>,
}

impl BilledActuals {
    /// Why project month `month` is not actual by the bills, if it is not.
    #[must_use]
    pub fn plan_reason(&self, month: u32) -> Option<&str> {
        if self.actual.contains(&month) {
            return None;
        }
        Some(
            self.plan
                .iter()
                .find(|p| p.month == month)
                .map_or(self.beyond.as_str(), |p| p.reason.as_str()),
        )
    }

    /// The billed mix of `list` (`providers` or `model_providers`), if measured.
    #[must_use]
    pub fn billed_mix(&self, list: &str) -> Option<&ShareList> {
        self.mix.iter().find(|m| m.list == list).map(|m| &m.billed)
    }
}
