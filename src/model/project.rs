//! A project as the checklist sees it: the intake fields of
//! `spec/checklist.md`, each remembering its source cell.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::source::{CellPos, Field, OriginRef, SourceCell};

/// Lifecycle stage of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Proposed or being planned; nothing built yet.
    Idea,
    /// Built and tried on a limited scale (a proof of concept, a trial).
    Pilot,
    /// Deployed and in everyday use.
    Production,
    /// Decommissioned; kept in the portfolio for the record.
    Retired,
}

/// What the project's benefit is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitMetric {
    /// Time or effort saved: a quantified benefit.
    Efficiency,
    /// Money no longer spent: a quantified benefit.
    CostReduction,
    /// New or protected revenue: a quantified benefit.
    Revenue,
    /// Losses avoided (fraud, incidents, fines): a quantified benefit.
    RiskReduction,
    /// How many people use it: activity, not a quantified benefit.
    UserCount,
    /// How much people use it: activity, not a quantified benefit.
    Engagement,
    /// No benefit measure given.
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
    /// Answers questions one at a time: a chatbot.
    QueryResponse,
    /// Assists a person who stays in charge of the task.
    Copilot,
    /// Runs a defined business process across steps and systems.
    WorkflowAgent,
    /// Decides its own steps towards a goal.
    AutonomousAgent,
}

/// How much the system may act without a person approving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Autonomy {
    /// Acts only when a person tells it to; suggests, never does.
    None,
    /// A person approves every action before it happens.
    ApproveEachStep,
    /// Works through the steps alone; a person approves the result.
    ApproveOutcome,
    /// Acts without a person approving.
    Autonomous,
}

/// `approve_outcome` as people write it: `Approve outcome`.
fn sentence_case(word: &str) -> String {
    let spaced = word.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
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

    /// The word as people read it, for outputs: `Workflow agent`, `Cost
    /// reduction`, `Production`.
    fn label(self) -> String
    where
        Self: PartialEq,
    {
        sentence_case(self.word())
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
        ("prod", Self::Production),
        ("productive", Self::Production),
        ("rolled_out", Self::Production),
        ("piloting", Self::Pilot),
        ("ideation", Self::Idea),
        ("decommissioned", Self::Retired),
        ("sunset", Self::Retired),
    ];
}

impl EnumWords for BenefitMetric {
    fn label(self) -> String {
        match self {
            Self::None => "No benefit metric".to_owned(),
            other => sentence_case(other.word()),
        }
    }
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
        ("time_savings", Self::Efficiency),
        ("efficiency_gain", Self::Efficiency),
        ("efficiency_gains", Self::Efficiency),
        ("productivity_gains", Self::Efficiency),
        ("revenue_uplift", Self::Revenue),
        ("revenue_growth", Self::Revenue),
        ("revenue_increase", Self::Revenue),
        ("new_revenue", Self::Revenue),
        ("cost_saving", Self::CostReduction),
        ("cost_reductions", Self::CostReduction),
        ("cost_avoidance", Self::CostReduction),
        ("risk_mitigation", Self::RiskReduction),
        ("user_growth", Self::UserCount),
        ("number_of_users", Self::UserCount),
        ("user_engagement", Self::Engagement),
        ("not_quantified", Self::None),
        ("n_a", Self::None),
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
        ("workflow", Self::WorkflowAgent),
        ("workflow_automation", Self::WorkflowAgent),
        // An agent that does not claim to act on its own: the importer
        // notes the reading (see `import::table::row`).
        ("agent", Self::WorkflowAgent),
        ("agentic", Self::WorkflowAgent),
        ("ai_agent", Self::WorkflowAgent),
        ("autonomous", Self::AutonomousAgent),
        ("fully_autonomous", Self::AutonomousAgent),
        ("autonomous_ai_agent", Self::AutonomousAgent),
    ];
}

impl EnumWords for Autonomy {
    fn label(self) -> String {
        match self {
            Self::None => "No autonomy".to_owned(),
            other => sentence_case(other.word()),
        }
    }
    const ALL: &'static [(Self, &'static str)] = &[
        (Self::None, "none"),
        (Self::ApproveEachStep, "approve_each_step"),
        (Self::ApproveOutcome, "approve_outcome"),
        (Self::Autonomous, "autonomous"),
    ];
    const SYNONYMS: &'static [(&'static str, Self)] = &[
        ("no_autonomy", Self::None),
        ("hitl", Self::ApproveEachStep),
        ("human_in_the_loop", Self::ApproveEachStep),
        ("approve_every_step", Self::ApproveEachStep),
        ("step_approval", Self::ApproveEachStep),
        ("hotl", Self::ApproveOutcome),
        ("human_on_the_loop", Self::ApproveOutcome),
        ("approve_result", Self::ApproveOutcome),
        ("outcome_approval", Self::ApproveOutcome),
        ("fully_autonomous", Self::Autonomous),
        ("full_autonomy", Self::Autonomous),
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
    /// The project's code, unique across every input of the run (`FIN-007`).
    pub project_id: String,
    /// What people call the project.
    pub project_name: String,
    /// The unit that owns the project; portfolio figures are broken down by it.
    pub business_unit: Option<String>,
    /// The accountable person, if given.
    pub owner: Option<String>,
    /// Where the project is in its life, if given.
    pub stage: Option<Stage>,
    /// The calendar month of month 1, if given.
    pub start_date: Option<NaiveDate>,
    /// ISO 4217 code as written, upper case; `None` means the run currency.
    pub currency: Option<String>,
    /// One-off compute (training, fine-tuning), spent in month 1. Money is
    /// in the run currency: a row in another currency is converted as it is
    /// read.
    pub upfront_compute_cost: Field<f64>,
    /// Run-rate compute per month (inference, hosting) in month 1.
    pub monthly_compute_cost: Field<f64>,
    /// Monthly growth of the compute run-rate, in percent (2.5 = 2.5%).
    pub compute_growth_pct: Field<f64>,
    /// Quantified benefit per month once fully ramped up.
    pub monthly_benefit: Field<f64>,
    /// The first month with any benefit, 1-based.
    pub benefit_start_month: Field<u32>,
    /// Months at part benefit before the full benefit: 2 gives 1/3, then
    /// 2/3, then full; 0 means full from the start month.
    pub benefit_ramp_months: Field<u32>,
    /// What the benefit is measured in; only quantified metrics count towards
    /// the ROI check.
    pub benefit_metric: Field<BenefitMetric>,
    /// The core AI workload's infrastructure providers with their shares: what
    /// the diversification check judges.
    pub providers: Field<ShareList>,
    /// The model vendors with their shares, if given; reported beside the
    /// infrastructure providers.
    pub model_providers: Option<Field<ShareList>>,
    /// How users interact with it: from a chatbot to an autonomous agent.
    pub interaction_pattern: Field<InteractionPattern>,
    /// Whether it executes multi-step business processes (an agentic capability).
    pub multi_step: Field<bool>,
    /// Whether it keeps state and context across long-running tasks (an
    /// agentic capability).
    pub stateful: Field<bool>,
    /// How many internal systems it reads from or acts on.
    pub systems_integrated: Field<u32>,
    /// How much it may do without a person approving.
    pub autonomy: Field<Autonomy>,
    /// Whether it is grounded in or trained on the organisation's own data (an
    /// agentic capability).
    pub proprietary_data: Field<bool>,
    /// How the project's spend is found in cloud bills (an allocation rule,
    /// checked as read); `None` means the ruleset's default.
    pub cost_allocation: Option<String>,
    /// The project's share, in percent, of bill charges its allocation
    /// shares with other projects.
    pub allocation_share: Option<f64>,
    /// Low and high estimates of monthly benefit and compute, where given:
    /// the ranges the simulation draws from.
    pub estimates: super::Estimates,
    /// Explicit monthly cash flows; when present they replace the parametric series.
    pub cash_flows: Option<Vec<MonthFlow>>,
    /// What did happen: actual compute and benefit by month, when any was given.
    pub actuals: Option<super::Actuals>,
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
