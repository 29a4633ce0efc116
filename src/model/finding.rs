//! What a check decided about one project, with all its evidence.

use serde::Serialize;

use super::field_id::FieldId;
use super::source::SourceCell;

/// The three checks of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    /// Is the ROI quantifiable: 3:1 on compute within the horizon?
    Roi,
    /// Is the infrastructure diversified across providers?
    Diversification,
    /// Is it an agent rather than a chatbot?
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

    /// The check by its id (`roi`), as a JSON document names it.
    #[must_use]
    pub fn from_id(id: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.id() == id)
    }

    /// A short name for people, as the terminal's columns head it: `ROI`,
    /// `Diversification`, `Agentic`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            CheckId::Roi => "ROI",
            CheckId::Diversification => "Diversification",
            CheckId::Agentic => "Agentic",
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
    /// The project fails the check.
    Fail,
    /// The project is between passing and failing: worth a look.
    Warn,
    /// The project meets the check.
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

impl Threshold {
    /// The threshold as people read it, named and in its unit:
    /// `("Target ratio", "3:1")`, `("Horizon", "18 months")`,
    /// `("Discount rate", "10% a year")`. A key without words is shown as
    /// it is.
    #[must_use]
    pub fn describe(&self) -> (&'static str, String) {
        use crate::format::{number, pct, target};
        let v = self.value;
        match self.key {
            "target_ratio" => ("Target ratio", target(v)),
            "warn_ratio" => ("Warning ratio", target(v)),
            "horizon_months" => ("Horizon", format!("{} months", number(v, 0))),
            "lookahead_months" => ("Look-ahead", format!("{} months", number(v, 0))),
            "discount_rate" => ("Discount rate", format!("{} a year", pct(v * 100.0))),
            "single_source_pct" => ("Single-source at", pct(v)),
            "concentrated_pct" => ("Concentrated above", pct(v)),
            "systems_min" => ("Internal systems for the capability", number(v, 0)),
            "agent_min_capabilities" => ("Capabilities for an agent", number(v, 0)),
            "chatbot_max_capabilities" => ("Capabilities of a chatbot, at most", number(v, 0)),
            other => (other, number(v, 4)),
        }
    }
}

/// The ROI check's figures over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RoiFigures {
    /// Σ benefit / Σ compute over 1..H; `None` when compute is zero.
    pub ratio: Option<f64>,
    /// (Σ benefit − Σ compute) / Σ compute; `None` when compute is zero.
    pub net_roi: Option<f64>,
    /// First month from which cumulative benefit covers cumulative compute
    /// through the horizon, within L.
    pub payback_month: Option<u32>,
    /// First month from which the cumulative ratio stays at the target
    /// through the horizon, within L.
    pub target_month: Option<u32>,
    /// NPV of benefit − compute over 1..H, Excel NPV convention.
    pub npv: f64,
    /// Annualised IRR of benefit − compute over 1..H; `None` when undefined.
    pub irr: Option<f64>,
    /// Why there is no IRR: the net flows are not investment-shaped.
    pub irr_reason: Option<&'static str>,
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

impl RoiFigures {
    /// Where the monthly series came from, in words: the project's own
    /// monthly figures, or its cash-flow table when one replaced them.
    #[must_use]
    pub fn series_source(&self) -> &'static str {
        if self.cash_flows_used {
            "From its cash-flow table"
        } else {
            "From the project's monthly figures"
        }
    }
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
    /// How this dimension alone fares against the concentration thresholds.
    pub status: Status,
    /// This dimension's score, 0–100, rounded to one decimal.
    pub score: f64,
}

/// The diversification check's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiversificationFigures {
    /// The deciding dimension's largest share, percent: the worse of the
    /// two dimensions decides.
    pub top_share: f64,
    /// The deciding dimension's Herfindahl–Hirschman index (Σ share²).
    pub hhi: f64,
    /// The deciding dimension's effective number of providers (10,000 / HHI).
    pub effective_providers: f64,
    /// `infrastructure` or `model`.
    pub deciding: &'static str,
    /// The infrastructure providers' figures.
    pub infrastructure: DimensionFigures,
    /// The model vendors' figures, when the project names them.
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

/// A check's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Figures {
    /// The ROI check's figures.
    Roi(RoiFigures),
    /// The diversification check's figures.
    Diversification(DiversificationFigures),
    /// The agentic check's figures.
    Agentic(AgenticFigures),
}

/// One check's verdict on one project and everything that led to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Which check this is.
    pub check: CheckId,
    /// The outcome: pass, warn or fail.
    pub status: Status,
    /// 0–100, rounded to one decimal.
    pub score: f64,
    /// Verdict words (`Quantified 3:1`, `Concentrated`, `Agent` ...).
    pub verdict: String,
    /// The figures the check computed, of the check's own kind.
    pub figures: Figures,
    /// The ruleset values the check compared against.
    pub thresholds: Vec<Threshold>,
    /// The project's inputs the check used, each with its source cell.
    pub inputs: Vec<InputUsed>,
    /// What had to be assumed or looks implausible.
    pub notes: Vec<String>,
    /// One plain sentence: what was measured against what, and what would change it.
    pub explanation: String,
}
