//! The ruleset: every threshold, weight, band and gate the checks use.
//!
//! Plain data. The defaults are `spec/checklist.md`'s and live as commented
//! TOML in `templates/ruleset.toml`; loading, overriding and validating a
//! ruleset is `rules::ruleset`'s job.

use serde::{Deserialize, Serialize};

use super::providers::{ProviderDimension, ProviderTable};

/// A letter grade, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// The best grade: a total at or above the A band.
    A,
    /// A total at or above the B band.
    B,
    /// A total at or above the C band.
    C,
    /// A total at or above the D band.
    D,
    /// A total below the D band: the worst grade.
    F,
}

impl Grade {
    /// All grades, best first.
    pub const ALL: [Grade; 5] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::F];

    /// The letter.
    #[must_use]
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::F => "F",
        }
    }
}

/// Weights of the three checks in the total; they must sum to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// The ROI check's weight.
    pub roi: f64,
    /// The diversification check's weight.
    pub diversification: f64,
    /// The agentic check's weight.
    pub agentic: f64,
}

/// Lowest total for each grade; F is everything below `d`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBands {
    /// The lowest total, 0–100, that earns an A.
    #[serde(rename = "A")]
    pub a: f64,
    /// The lowest total that earns a B.
    #[serde(rename = "B")]
    pub b: f64,
    /// The lowest total that earns a C.
    #[serde(rename = "C")]
    pub c: f64,
    /// The lowest total that earns a D.
    #[serde(rename = "D")]
    pub d: f64,
}

/// Caps on the grade by the ROI check's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gates {
    /// Best grade a project whose ROI check fails can get.
    pub max_grade_if_fail: Grade,
    /// Best grade a project whose ROI check warns can get.
    pub max_grade_if_warn: Grade,
}

/// How cloud bills are read and allocated to projects (`score --bills`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillsRules {
    /// The allocation rule of a project whose `cost_allocation` is blank;
    /// `{project_id}` stands for the project's id.
    pub default_allocation: String,
    /// Whether `Tax` charges count towards a project's spend.
    pub include_tax: bool,
    /// The `ServiceCategory` of AI services: their spend that matches no
    /// project is reported as unallocated AI spend.
    pub ai_service_category: String,
    /// The review warns where a project's billed provider (or model
    /// vendor) mix differs from its declared one by more than this many
    /// percentage points for some provider.
    pub mix_gap_points: f64,
}

/// How fragile a grade may be before it is flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confidence {
    /// A project is fragile when benefit or compute moving this many
    /// percent changes its ROI status.
    pub fragile_move_pct: f64,
    /// A project is fragile when its total is within this many points of a
    /// grade band whose crossing changes its grade.
    pub fragile_band_points: f64,
    /// The tornado swings the first benefit from on time to this many
    /// months late, whichever scenarios run.
    pub tornado_delay_months: u32,
    /// The tornado swings compute growth this many points a month either
    /// way, whichever scenarios run.
    pub tornado_growth_points: f64,
}

/// The odds of reaching the target: the ranges assumed where the intake
/// gives none, and how many draws the simulation makes with which seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulationRules {
    /// The low benefit assumed, percent from the likely value (-40).
    pub benefit_low_pct: f64,
    /// The high benefit assumed, percent from the likely value (+20).
    pub benefit_high_pct: f64,
    /// The low compute assumed, percent from the likely value (-10).
    pub compute_low_pct: f64,
    /// The high compute assumed, percent from the likely value (+30).
    pub compute_high_pct: f64,
    /// Draws per project; 0 runs no simulation (`--no-simulation`).
    pub draws: u32,
    /// The run seed every project's stream is derived from (`--seed`).
    pub seed: u64,
}

/// The effective ruleset of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ruleset {
    /// A name people recognise (`default`, or the organisation's).
    pub name: String,
    /// H: months over which the ratio is judged.
    pub horizon_months: u32,
    /// L is max(`lookahead_months`, H): months searched for payback and target month.
    pub lookahead_months: u32,
    /// Benefit-to-compute ratio that passes the ROI check.
    pub target_ratio: f64,
    /// Ratio at or above which the ROI check warns instead of failing.
    pub warn_ratio: f64,
    /// Annual discount rate for NPV (0.10 is 10%).
    pub discount_rate: f64,
    /// A top provider share at or above this (percent) is single-source: fail.
    pub single_source_pct: f64,
    /// A top provider share above this (percent) is concentrated: warn.
    pub concentrated_pct: f64,
    /// How far (percent points) a share list may be from 100 before it is an error.
    pub share_tolerance: f64,
    /// Systems integrated that count as a capability.
    pub systems_min: u32,
    /// Capabilities (with multi-step) that make an agent.
    pub agent_min_capabilities: u32,
    /// Capabilities at or below which a project is a chatbot.
    pub chatbot_max_capabilities: u32,
    /// How a review forecasts the months after the actual ones.
    pub reforecast: super::Reforecast,
    /// How much each check counts towards the total.
    pub weights: Weights,
    /// The totals each grade starts at.
    pub grade_bands: GradeBands,
    /// The best grade a project can get while its ROI check fails or warns.
    pub gates: Gates,
    /// When a grade is flagged fragile.
    pub confidence: Confidence,
    /// The simulation of the odds of reaching the target.
    pub simulation: SimulationRules,
    /// The named scenarios every project is re-scored under.
    #[serde(default)]
    pub scenarios: Vec<super::Scenario>,
    /// The calendar month (1–12) a fiscal year starts in; a fiscal year is
    /// named by the calendar year it ends in.
    pub fiscal_year_start_month: u32,
    /// How cloud bills are read and allocated.
    pub bills: BillsRules,
    /// The infrastructure providers the `providers` field names, by id.
    pub providers: ProviderTable,
    /// The model vendors the `model_providers` field names, by id.
    pub model_providers: ProviderTable,
}

impl Ruleset {
    /// L = max(`lookahead_months`, H).
    #[must_use]
    pub fn lookahead(&self) -> u32 {
        self.lookahead_months.max(self.horizon_months)
    }

    /// The provider table of a dimension.
    #[must_use]
    pub fn provider_table(&self, dimension: ProviderDimension) -> &ProviderTable {
        match dimension {
            ProviderDimension::Infrastructure => &self.providers,
            ProviderDimension::ModelVendor => &self.model_providers,
        }
    }

    /// The label people read for a provider id of a dimension: `AWS` for
    /// `aws`; a provider the table does not know is shown by its id.
    ///
    /// ```
    /// use airoi::model::ProviderDimension::{Infrastructure, ModelVendor};
    /// let r = airoi::rules::default_ruleset();
    /// assert_eq!(r.provider_label(Infrastructure, "gcp"), "Google Cloud");
    /// assert_eq!(r.provider_label(ModelVendor, "llama_self_hosted"), "Llama (self-hosted)");
    /// assert_eq!(r.provider_label(Infrastructure, "hetzner"), "hetzner");
    /// ```
    #[must_use]
    pub fn provider_label<'a>(&'a self, dimension: ProviderDimension, id: &'a str) -> &'a str {
        self.provider_table(dimension)
            .get(id)
            .map_or(id, |p| p.label.as_str())
    }
}
