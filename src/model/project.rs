//! A project as the checklist sees it: the intake fields of
//! `spec/checklist.md`, each remembering its source cell.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::source::{CellPos, Field, OriginRef, SourceCell};

/// Lifecycle stage of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Idea,
    Pilot,
    Production,
    Retired,
}

/// What the project's benefit is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitMetric {
    Efficiency,
    CostReduction,
    Revenue,
    RiskReduction,
    UserCount,
    Engagement,
    None,
}

impl BenefitMetric {
    /// Efficiency, cost reduction, revenue and risk reduction are quantified
    /// benefits; user counts, engagement and nothing are not.
    #[must_use]
    pub fn is_quantified(self) -> bool {
        matches!(
            self,
            Self::Efficiency | Self::CostReduction | Self::Revenue | Self::RiskReduction
        )
    }
}

/// How users interact with the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionPattern {
    QueryResponse,
    Copilot,
    WorkflowAgent,
    AutonomousAgent,
}

/// How much the system may act without a person approving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Autonomy {
    None,
    ApproveEachStep,
    ApproveOutcome,
    Autonomous,
}

/// Snake-case words of every enum, for parsing, messages and drop-downs.
pub trait EnumWords: Sized + Copy + 'static {
    /// Every variant with its canonical word, in order.
    const ALL: &'static [(Self, &'static str)];

    /// The canonical snake-case word.
    fn word(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::ALL
            .iter()
            .find(|(v, _)| *v == self)
            .map_or("", |(_, w)| *w)
    }

    /// Other words people use for a variant (`deployed` for production).
    const SYNONYMS: &'static [(&'static str, Self)] = &[];

    /// Parses a canonical word or synonym exactly (the importer normalises
    /// case and spacing first).
    fn from_word(word: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, w)| *w == word)
            .map(|(v, _)| *v)
            .or_else(|| {
                Self::SYNONYMS
                    .iter()
                    .find(|(w, _)| *w == word)
                    .map(|(_, v)| *v)
            })
    }

    /// All canonical words, for "expected one of ..." messages.
    fn words() -> Vec<&'static str> {
        Self::ALL.iter().map(|(_, w)| *w).collect()
    }
}

impl EnumWords for Stage {
    const ALL: &'static [(Self, &'static str)] = &[
        (Self::Idea, "idea"),
        (Self::Pilot, "pilot"),
        (Self::Production, "production"),
        (Self::Retired, "retired"),
    ];
    const SYNONYMS: &'static [(&'static str, Self)] = &[
        ("concept", Self::Idea),
        ("planned", Self::Idea),
        ("planning", Self::Idea),
        ("proposed", Self::Idea),
        ("discovery", Self::Idea),
        ("pre_deployment", Self::Idea),
        ("poc", Self::Pilot),
        ("proof_of_concept", Self::Pilot),
        ("trial", Self::Pilot),
        ("experiment", Self::Pilot),
        ("deployed", Self::Production),
        ("live", Self::Production),
        ("operational", Self::Production),
        ("in_production", Self::Production),
        ("decommissioned", Self::Retired),
        ("sunset", Self::Retired),
    ];
}

impl EnumWords for BenefitMetric {
    const ALL: &'static [(Self, &'static str)] = &[
        (Self::Efficiency, "efficiency"),
        (Self::CostReduction, "cost_reduction"),
        (Self::Revenue, "revenue"),
        (Self::RiskReduction, "risk_reduction"),
        (Self::UserCount, "user_count"),
        (Self::Engagement, "engagement"),
        (Self::None, "none"),
    ];
    const SYNONYMS: &'static [(&'static str, Self)] = &[
        ("productivity", Self::Efficiency),
        ("time_saved", Self::Efficiency),
        ("cost_savings", Self::CostReduction),
        ("savings", Self::CostReduction),
        ("risk", Self::RiskReduction),
        ("users", Self::UserCount),
        ("active_users", Self::UserCount),
        ("adoption", Self::UserCount),
    ];
}

impl EnumWords for InteractionPattern {
    const ALL: &'static [(Self, &'static str)] = &[
        (Self::QueryResponse, "query_response"),
        (Self::Copilot, "copilot"),
        (Self::WorkflowAgent, "workflow_agent"),
        (Self::AutonomousAgent, "autonomous_agent"),
    ];
    const SYNONYMS: &'static [(&'static str, Self)] = &[
        ("chatbot", Self::QueryResponse),
        ("chat", Self::QueryResponse),
        ("q&a", Self::QueryResponse),
        ("question_answering", Self::QueryResponse),
        ("co_pilot", Self::Copilot),
        ("assistant", Self::Copilot),
    ];
}

impl EnumWords for Autonomy {
    const ALL: &'static [(Self, &'static str)] = &[
        (Self::None, "none"),
        (Self::ApproveEachStep, "approve_each_step"),
        (Self::ApproveOutcome, "approve_outcome"),
        (Self::Autonomous, "autonomous"),
    ];
}

/// One provider's share of a workload, in percent after normalisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// Normalised provider name (`aws`, `azure`, `gcp`, `on_prem` ...).
    pub provider: String,
    /// Percent of the workload, 0–100; a list's shares sum to 100.
    pub pct: f64,
}

/// A workload split across providers, as read from a share list.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ShareList {
    /// Shares, normalised to sum to 100, in the order written (merged by provider).
    pub shares: Vec<Share>,
    /// What the reader had to assume (fractions read, normalised, equal split).
    pub notes: Vec<String>,
}

/// One month of explicit cash flows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthFlow {
    /// Month number, 1-based, relative to the project's month 1.
    pub month: u32,
    /// Compute spend that month, in run currency.
    pub compute: f64,
    /// Benefit that month, in run currency.
    pub benefit: f64,
    /// The cash-flow row it came from.
    pub source: SourceCell,
}

/// A project ready for scoring: every required field present and valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub project_id: String,
    pub project_name: String,
    pub business_unit: Option<String>,
    pub owner: Option<String>,
    pub stage: Option<Stage>,
    pub start_date: Option<NaiveDate>,
    /// ISO 4217 code as written, upper case; `None` means the run currency.
    pub currency: Option<String>,
    pub upfront_compute_cost: Field<f64>,
    pub monthly_compute_cost: Field<f64>,
    pub compute_growth_pct: Field<f64>,
    pub monthly_benefit: Field<f64>,
    pub benefit_start_month: Field<u32>,
    pub benefit_ramp_months: Field<u32>,
    pub benefit_metric: Field<BenefitMetric>,
    pub providers: Field<ShareList>,
    pub model_providers: Option<Field<ShareList>>,
    pub interaction_pattern: Field<InteractionPattern>,
    pub multi_step: Field<bool>,
    pub stateful: Field<bool>,
    pub systems_integrated: Field<u32>,
    pub autonomy: Field<Autonomy>,
    pub proprietary_data: Field<bool>,
    /// Explicit monthly cash flows; when present they replace the parametric series.
    pub cash_flows: Option<Vec<MonthFlow>>,
    /// Columns airoi does not know, header and text, in file order.
    pub extra: Vec<(String, String)>,
    /// Where the row is.
    pub origin: OriginRef,
    /// 1-based row number of the project row.
    pub row: u32,
    /// What the importer noticed about the row (hidden row, hidden sheet ...).
    pub notes: Vec<String>,
}

impl Project {
    /// The source cell of a field read from column `col`, or `None` for defaults.
    #[must_use]
    pub fn cell(&self, col: Option<u32>) -> Option<SourceCell> {
        col.map(|col| SourceCell {
            origin: self.origin.clone(),
            pos: CellPos { row: self.row, col },
        })
    }
}
