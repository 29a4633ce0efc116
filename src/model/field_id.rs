//! The typed name of an intake field: importer, checks, evidence and exports
//! say which field they mean with a [`FieldId`], so a misspelt field does not
//! compile. Its snake-case [`name`](FieldId::name) is the form users and
//! documents see; names that arrive from outside (headers, JSON documents)
//! are converted once with [`FieldId::from_name`].

use std::fmt;

use serde::{Serialize, Serializer};

/// One intake field of the projects table or the cash-flow table.
///
/// The variants follow the intake field table in template order,
/// then the fields only the cash-flow table
/// has; `ProjectId` is shared by both tables. It serialises as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldId {
    /// `project_id`: the project's short unique code.
    ProjectId,
    /// `project_name`: what people call the project.
    ProjectName,
    /// `business_unit`: the unit that owns the project.
    BusinessUnit,
    /// `owner`: the accountable person.
    Owner,
    /// `stage`: idea, pilot, production or retired.
    Stage,
    /// `start_date`: the calendar month of month 1.
    StartDate,
    /// `currency`: the ISO 4217 code of the row's money.
    Currency,
    /// `upfront_compute_cost`: one-off compute spent in month 1.
    UpfrontComputeCost,
    /// `monthly_compute_cost`: run-rate compute per month.
    MonthlyComputeCost,
    /// `compute_growth_pct`: monthly growth of the compute run-rate.
    ComputeGrowthPct,
    /// `monthly_benefit`: quantified benefit per month at full run-rate.
    MonthlyBenefit,
    /// `benefit_start_month`: the first month with any benefit.
    BenefitStartMonth,
    /// `benefit_ramp_months`: months of linear ramp-up to full benefit.
    BenefitRampMonths,
    /// `benefit_metric`: what the benefit is measured in.
    BenefitMetric,
    /// `providers`: infrastructure providers with shares.
    Providers,
    /// `model_providers`: model vendors with shares.
    ModelProviders,
    /// `interaction_pattern`: chatbot, copilot or agent.
    InteractionPattern,
    /// `multi_step`: runs multi-step business processes.
    MultiStep,
    /// `stateful`: keeps state across long-running tasks.
    Stateful,
    /// `systems_integrated`: how many internal systems it acts on.
    SystemsIntegrated,
    /// `autonomy`: how much a person approves.
    Autonomy,
    /// `proprietary_data`: grounded in the organisation's own data.
    ProprietaryData,
    /// `cost_allocation`: how the project's spend is found in cloud bills.
    CostAllocation,
    /// `allocation_share`: the project's share of bill charges it shares.
    AllocationShare,
    /// `benefit_low`: the lowest monthly benefit expected.
    BenefitLow,
    /// `benefit_high`: the highest monthly benefit expected.
    BenefitHigh,
    /// `compute_low`: the lowest monthly compute expected.
    ComputeLow,
    /// `compute_high`: the highest monthly compute expected.
    ComputeHigh,
    /// `month`: a cash-flow row's month number.
    Month,
    /// `compute_cost`: a cash-flow row's compute spend.
    ComputeCost,
    /// `benefit`: a cash-flow row's benefit.
    Benefit,
    /// `actual_compute`: a cash-flow row's compute actually spent.
    ActualCompute,
    /// `actual_benefit`: a cash-flow row's benefit actually realised.
    ActualBenefit,
}

impl FieldId {
    /// Every field: the projects table's in template order, then the
    /// cash-flow table's own.
    pub const ALL: [FieldId; 33] = [
        FieldId::ProjectId,
        FieldId::ProjectName,
        FieldId::BusinessUnit,
        FieldId::Owner,
        FieldId::Stage,
        FieldId::StartDate,
        FieldId::Currency,
        FieldId::UpfrontComputeCost,
        FieldId::MonthlyComputeCost,
        FieldId::ComputeGrowthPct,
        FieldId::MonthlyBenefit,
        FieldId::BenefitStartMonth,
        FieldId::BenefitRampMonths,
        FieldId::BenefitMetric,
        FieldId::Providers,
        FieldId::ModelProviders,
        FieldId::InteractionPattern,
        FieldId::MultiStep,
        FieldId::Stateful,
        FieldId::SystemsIntegrated,
        FieldId::Autonomy,
        FieldId::ProprietaryData,
        FieldId::CostAllocation,
        FieldId::AllocationShare,
        FieldId::BenefitLow,
        FieldId::BenefitHigh,
        FieldId::ComputeLow,
        FieldId::ComputeHigh,
        FieldId::Month,
        FieldId::ComputeCost,
        FieldId::Benefit,
        FieldId::ActualCompute,
        FieldId::ActualBenefit,
    ];

    /// The canonical snake-case name, as headers, messages and JSON give it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            FieldId::ProjectId => "project_id",
            FieldId::ProjectName => "project_name",
            FieldId::BusinessUnit => "business_unit",
            FieldId::Owner => "owner",
            FieldId::Stage => "stage",
            FieldId::StartDate => "start_date",
            FieldId::Currency => "currency",
            FieldId::UpfrontComputeCost => "upfront_compute_cost",
            FieldId::MonthlyComputeCost => "monthly_compute_cost",
            FieldId::ComputeGrowthPct => "compute_growth_pct",
            FieldId::MonthlyBenefit => "monthly_benefit",
            FieldId::BenefitStartMonth => "benefit_start_month",
            FieldId::BenefitRampMonths => "benefit_ramp_months",
            FieldId::BenefitMetric => "benefit_metric",
            FieldId::Providers => "providers",
            FieldId::ModelProviders => "model_providers",
            FieldId::InteractionPattern => "interaction_pattern",
            FieldId::MultiStep => "multi_step",
            FieldId::Stateful => "stateful",
            FieldId::SystemsIntegrated => "systems_integrated",
            FieldId::Autonomy => "autonomy",
            FieldId::ProprietaryData => "proprietary_data",
            FieldId::CostAllocation => "cost_allocation",
            FieldId::AllocationShare => "allocation_share",
            FieldId::BenefitLow => "benefit_low",
            FieldId::BenefitHigh => "benefit_high",
            FieldId::ComputeLow => "compute_low",
            FieldId::ComputeHigh => "compute_high",
            FieldId::Month => "month",
            FieldId::ComputeCost => "compute_cost",
            FieldId::Benefit => "benefit",
            FieldId::ActualCompute => "actual_compute",
            FieldId::ActualBenefit => "actual_benefit",
        }
    }

    /// The field a canonical name names, if any: for names that come from
    /// outside, such as a JSON document read back.
    ///
    /// ```
    /// use airoi::model::FieldId;
    /// assert_eq!(FieldId::from_name("monthly_benefit"), Some(FieldId::MonthlyBenefit));
    /// assert_eq!(FieldId::from_name("Monthly Benefit"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<FieldId> {
        FieldId::ALL.into_iter().find(|id| id.name() == name)
    }
}

impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl Serialize for FieldId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_read_back() {
        for (i, id) in FieldId::ALL.into_iter().enumerate() {
            assert_eq!(id as usize, i, "{id} is out of declaration order");
            assert_eq!(FieldId::from_name(id.name()), Some(id));
            assert_eq!(id.to_string(), id.name());
        }
        assert_eq!(FieldId::from_name("cash_flows"), None);
    }

    #[test]
    fn serialises_as_its_name() {
        let json = serde_json::to_string(&[FieldId::ComputeGrowthPct]).unwrap_or_default();
        assert_eq!(json, r#"["compute_growth_pct"]"#);
    }
}
