//! What a check decided about one project, with all its evidence.

use serde::Serialize;

use super::field_id::FieldId;
use super::source::SourceCell;

/// The three checks of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    Roi,
    Diversification,
    Agentic,
}

impl CheckId {
    /// All checks in checklist order.
    pub const ALL: [CheckId; 3] = [CheckId::Roi, CheckId::Diversification, CheckId::Agentic];

    /// The id as used in JSON, rulesets and on the command line.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            CheckId::Roi => "roi",
            CheckId::Diversification => "diversification",
            CheckId::Agentic => "agentic",
        }
    }

    /// A title for people.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            CheckId::Roi => "ROI quantifiable",
            CheckId::Diversification => "Infrastructure diversified",
            CheckId::Agentic => "Agents, not chatbots",
        }
    }
}

/// A check's outcome, worst first so that `min` picks the worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Fail,
    Warn,
    Pass,
}

impl Status {
    /// Lower-case word (`pass`, `warn`, `fail`).
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// An input value a check used, with its source cell (or `default`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputUsed {
    /// The intake field's name ([`FieldId::name`], `monthly_compute_cost`),
    /// or `cash_flows` for a month of the project's cash-flow table.
    pub field: &'static str,
    /// The interpreted value, formatted for people.
    pub value: String,
    /// The cell's text as the file held it; `None` for defaults.
    pub raw: Option<String>,
    /// Where it came from; `None` when the default was applied.
    pub cell: Option<SourceCell>,
}

/// A threshold a check compared against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    /// Ruleset key (`target_ratio`).
    pub key: &'static str,
    /// Its value in this run.
    pub value: f64,
}

/// The roi check's figures over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RoiFigures {
    /// Σ benefit / Σ compute over 1..H; `None` when compute is zero.
    pub ratio: Option<f64>,
    /// (Σ benefit − Σ compute) / Σ compute; `None` when compute is zero.
    pub net_roi: Option<f64>,
    /// First month whose cumulative benefit covers cumulative compute, within L.
    pub payback_month: Option<u32>,
    /// First month whose cumulative ratio reaches the target, within L.
    pub target_month: Option<u32>,
    /// NPV of benefit − compute over 1..H, Excel NPV convention.
    pub npv: f64,
    /// Annualised IRR of benefit − compute over 1..H; `None` when undefined.
    pub irr: Option<f64>,
    /// Σ (benefit − compute) over 1..H.
    pub net_benefit: f64,
    /// Σ compute over 1..H.
    pub compute_total: f64,
    /// Σ benefit over 1..H.
    pub benefit_total: f64,
    /// target · Σcompute / Σbenefit; `None` when benefit or compute is zero.
    pub benefit_factor_needed: Option<f64>,
    /// Σbenefit / (target · Σcompute); `None` when compute is zero.
    pub compute_factor_needed: Option<f64>,
    /// Whether the benefit metric is a quantified one.
    pub quantified: bool,
    /// Whether explicit cash flows replaced the parametric series.
    pub cash_flows_used: bool,
}

/// Concentration of one dimension (infrastructure or model providers).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionFigures {
    /// Provider with the largest share.
    pub top_provider: String,
    /// Largest share, percent.
    pub top_share: f64,
    /// Σ share², 10,000 for a single provider.
    pub hhi: f64,
    /// 10,000 / HHI.
    pub effective_providers: f64,
    pub status: Status,
    pub score: f64,
}

/// The diversification check's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiversificationFigures {
    /// The deciding dimension's figures.
    pub top_share: f64,
    pub hhi: f64,
    pub effective_providers: f64,
    /// `infrastructure` or `model`.
    pub deciding: &'static str,
    pub infrastructure: DimensionFigures,
    pub model: Option<DimensionFigures>,
}

/// The agentic check's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgenticFigures {
    /// k, the number of capabilities met (0..5).
    pub capabilities: u32,
    /// The capabilities met, in checklist order, by the field that says so.
    pub met: Vec<FieldId>,
}

impl AgenticFigures {
    /// The capabilities met, by name, comma-separated (`multi_step, stateful`).
    #[must_use]
    pub fn met_names(&self) -> String {
        let names: Vec<&str> = self.met.iter().map(|m| m.name()).collect();
        names.join(", ")
    }
}

/// A check's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Figures {
    Roi(RoiFigures),
    Diversification(DiversificationFigures),
    Agentic(AgenticFigures),
}

/// One check's verdict on one project and everything that led to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub check: CheckId,
    pub status: Status,
    /// 0–100, rounded to one decimal.
    pub score: f64,
    /// Verdict words (`Quantified 3:1`, `Concentrated`, `Agent` ...).
    pub verdict: String,
    pub figures: Figures,
    pub thresholds: Vec<Threshold>,
    pub inputs: Vec<InputUsed>,
    /// What had to be assumed or looks implausible.
    pub notes: Vec<String>,
    /// One plain sentence: what was measured against what, and what would change it.
    pub explanation: String,
}
