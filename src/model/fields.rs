//! The intake fields: one flat table that the importer matches headers
//! against, the template writes as its header row and notes, and the
//! Instructions sheet explains. Each entry is named by its [`FieldId`].

use super::field_id::FieldId;

/// How a field's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// One of a fixed list of words.
    Enum(&'static [&'static str]),
    /// A date.
    Date,
    /// An ISO 4217 currency code.
    Currency,
    /// An amount of money, ≥ 0.
    Money,
    /// A percent (`2.5%`, or percent points).
    Percent,
    /// A whole number ≥ `min`.
    Integer { min: u32 },
    /// yes/no.
    YesNo,
    /// A provider share list (`azure:70; aws:30`).
    Shares,
}

/// One intake field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Which field this is; its canonical name is [`FieldSpec::name`].
    pub id: FieldId,
    /// Header as the template writes it.
    pub title: &'static str,
    pub kind: Kind,
    /// Whether a project row must fill it (money fields: unless cash flows are given).
    pub required: bool,
    /// Default when blank, as people read it.
    pub default: &'static str,
    /// Other headers people use for it (compared after normalisation).
    pub aliases: &'static [&'static str],
    /// Headers too general to name the field on their own (`Status`,
    /// `Mode`): a column so named is read as the field only when most of
    /// its values read as the field's values.
    pub generic: &'static [&'static str],
    /// What it means, for header notes and the Instructions sheet.
    pub help: &'static str,
    /// Two example values, for the template's example rows.
    pub examples: [&'static str; 2],
}

const STAGE_WORDS: &[&str] = &["idea", "pilot", "production", "retired"];
const METRIC_WORDS: &[&str] = &[
    "efficiency",
    "cost_reduction",
    "revenue",
    "risk_reduction",
    "user_count",
    "engagement",
    "none",
];
const PATTERN_WORDS: &[&str] = &[
    "query_response",
    "copilot",
    "workflow_agent",
    "autonomous_agent",
];
const AUTONOMY_WORDS: &[&str] = &["none", "approve_each_step", "approve_outcome", "autonomous"];

/// How a finding names an input that is a month of the cash-flow table.
pub const CASH_FLOWS_INPUT: &str = "cash_flows";

/// Every intake field, in template order.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        id: FieldId::ProjectId,
        title: "Project ID",
        kind: Kind::Text,
        required: true,
        default: "",
        aliases: &[
            "id",
            "project",
            "project_code",
            "use_case_id",
            "project_number",
            "project_no",
            "ref",
        ],
        generic: &[],
        help: "A short code unique across every workbook of the run, e.g. FIN-007.",
        examples: ["FIN-001", "OPS-014"],
    },
    FieldSpec {
        id: FieldId::ProjectName,
        title: "Project Name",
        kind: Kind::Text,
        required: true,
        default: "",
        aliases: &[
            "name",
            "title",
            "use_case",
            "use_case_name",
            "project_title",
        ],
        generic: &[],
        help: "What people call the project.",
        examples: ["Invoice matching agent", "Policy Q&A assistant"],
    },
    FieldSpec {
        id: FieldId::BusinessUnit,
        title: "Business Unit",
        kind: Kind::Text,
        required: false,
        default: "",
        aliases: &[
            "unit",
            "bu",
            "department",
            "division",
            "team",
            "agency",
            "sponsor_unit",
        ],
        generic: &[],
        help: "The unit that owns the project; portfolio figures are broken down by it.",
        examples: ["Finance", "Operations"],
    },
    FieldSpec {
        id: FieldId::Owner,
        title: "Owner",
        kind: Kind::Text,
        required: false,
        default: "",
        aliases: &["project_owner", "lead", "contact", "sponsor"],
        generic: &[],
        help: "The accountable person.",
        examples: ["A. Moreau", "J. Okafor"],
    },
    FieldSpec {
        id: FieldId::Stage,
        title: "Stage",
        kind: Kind::Enum(STAGE_WORDS),
        required: false,
        default: "",
        aliases: &[
            "lifecycle",
            "lifecycle_stage",
            "development_stage",
            "project_stage",
        ],
        generic: &["status", "phase", "state", "project_status"],
        help: "Where the project is: idea, pilot, production or retired.",
        examples: ["production", "pilot"],
    },
    FieldSpec {
        id: FieldId::StartDate,
        title: "Start Date",
        kind: Kind::Date,
        required: false,
        default: "as-of month",
        aliases: &["start", "month_1", "go_live", "launch_date", "start_month"],
        generic: &[],
        help: "The calendar month of month 1 (a date cell or YYYY-MM-DD).",
        examples: ["2026-01-01", "2026-03-01"],
    },
    FieldSpec {
        id: FieldId::Currency,
        title: "Currency",
        kind: Kind::Currency,
        required: false,
        default: "run currency",
        aliases: &["ccy", "currency_code"],
        generic: &[],
        help: "ISO 4217 code of this row's money (USD, EUR, GBP ...); blank means the run currency.",
        examples: ["USD", "USD"],
    },
    FieldSpec {
        id: FieldId::UpfrontComputeCost,
        title: "Upfront Compute Cost",
        kind: Kind::Money,
        required: false,
        default: "0",
        aliases: &[
            "upfront_cost",
            "one_off_compute",
            "training_cost",
            "initial_compute_cost",
            "capex",
        ],
        generic: &[],
        help: "One-off compute (training, fine-tuning), spent in month 1.",
        examples: ["15000", "0"],
    },
    FieldSpec {
        id: FieldId::MonthlyComputeCost,
        title: "Monthly Compute Cost",
        kind: Kind::Money,
        required: true,
        default: "",
        aliases: &[
            "compute_cost",
            "monthly_compute",
            "compute_per_month",
            "monthly_run_cost",
            "inference_cost",
        ],
        generic: &[],
        help: "Run-rate compute per month (inference, hosting). Required unless monthly cash flows are given.",
        examples: ["10000", "4000"],
    },
    FieldSpec {
        id: FieldId::ComputeGrowthPct,
        title: "Compute Growth %",
        kind: Kind::Percent,
        required: false,
        default: "0",
        aliases: &[
            "compute_growth",
            "growth_pct",
            "monthly_growth",
            "growth",
            "growth_rate",
            "monthly_growth_rate",
            "compute_growth_rate",
            "monthly_compute_growth",
            "mom_growth",
            "mom_compute_growth",
            "month_on_month_growth",
            "month_over_month_growth",
        ],
        generic: &[],
        help: "Monthly growth of the compute run-rate, in percent (2.5 or 2.5%); above -100.",
        examples: ["0", "2%"],
    },
    FieldSpec {
        id: FieldId::MonthlyBenefit,
        title: "Monthly Benefit",
        kind: Kind::Money,
        required: true,
        default: "",
        aliases: &[
            "benefit",
            "monthly_value",
            "monthly_savings",
            "value_per_month",
            "monthly_benefit_value",
        ],
        generic: &[],
        help: "Quantified benefit per month at full run-rate. Required unless monthly cash flows are given.",
        examples: ["50000", "6000"],
    },
    FieldSpec {
        id: FieldId::BenefitStartMonth,
        title: "Benefit Start Month",
        kind: Kind::Integer { min: 1 },
        required: false,
        default: "1",
        aliases: &[
            "benefit_start",
            "first_benefit_month",
            "start_month_of_benefit",
        ],
        generic: &[],
        help: "First month with any benefit (1 = month 1).",
        examples: ["2", "1"],
    },
    FieldSpec {
        id: FieldId::BenefitRampMonths,
        title: "Benefit Ramp Months",
        kind: Kind::Integer { min: 0 },
        required: false,
        default: "0",
        aliases: &["ramp_months", "ramp", "ramp_up_months", "benefit_ramp"],
        generic: &[],
        help: "Months at part benefit before the full benefit: 2 gives 1/3, then 2/3, then full (0 = full from the start month).",
        examples: ["2", "0"],
    },
    FieldSpec {
        id: FieldId::BenefitMetric,
        title: "Benefit Metric",
        kind: Kind::Enum(METRIC_WORDS),
        required: true,
        default: "",
        aliases: &["metric", "benefit_type", "value_metric", "success_metric"],
        generic: &[],
        help: "What the benefit is measured in. Quantified: efficiency, cost_reduction, revenue, risk_reduction. Not quantified: user_count, engagement, none.",
        examples: ["efficiency", "user_count"],
    },
    FieldSpec {
        id: FieldId::Providers,
        title: "Providers",
        kind: Kind::Shares,
        required: true,
        default: "",
        aliases: &[
            "infrastructure_providers",
            "infrastructure",
            "cloud_providers",
            "cloud",
            "provider",
            "hosting",
            "compute_providers",
        ],
        generic: &[],
        help: "The core AI workload by infrastructure provider with percent shares, e.g. azure:70; aws:30 or Azure 70%, AWS 30%. A lone name means 100%.",
        examples: ["azure:60; aws:40", "aws"],
    },
    FieldSpec {
        id: FieldId::ModelProviders,
        title: "Model Providers",
        kind: Kind::Shares,
        required: false,
        default: "",
        aliases: &[
            "model_vendors",
            "models",
            "llm_providers",
            "model_vendor",
            "foundation_models",
        ],
        generic: &[],
        help: "Model vendors with shares, same form as Providers (openai, anthropic, google, meta, mistral, self-hosted ...).",
        examples: ["openai:50; anthropic:50", "openai"],
    },
    FieldSpec {
        id: FieldId::InteractionPattern,
        title: "Interaction Pattern",
        kind: Kind::Enum(PATTERN_WORDS),
        required: true,
        default: "",
        aliases: &["pattern", "interaction", "interaction_type", "ai_pattern"],
        generic: &["mode", "type"],
        help: "query_response (a chatbot), copilot, workflow_agent or autonomous_agent.",
        examples: ["workflow_agent", "query_response"],
    },
    FieldSpec {
        id: FieldId::MultiStep,
        title: "Multi Step",
        kind: Kind::YesNo,
        required: false,
        default: "no",
        aliases: &["multistep", "multi_step_process", "executes_multi_step"],
        generic: &[],
        help: "Does it execute multi-step business processes? yes/no.",
        examples: ["yes", "no"],
    },
    FieldSpec {
        id: FieldId::Stateful,
        title: "Stateful",
        kind: Kind::YesNo,
        required: false,
        default: "no",
        aliases: &["keeps_state", "long_running"],
        generic: &["state"],
        help: "Does it keep state and context across long-running tasks? yes/no.",
        examples: ["yes", "no"],
    },
    FieldSpec {
        id: FieldId::SystemsIntegrated,
        title: "Systems Integrated",
        kind: Kind::Integer { min: 0 },
        required: false,
        default: "0",
        aliases: &[
            "systems",
            "integrations",
            "integrated_systems",
            "number_of_systems",
            "systems_connected",
            "connected_systems",
            "system_integrations",
            "systems_touched",
        ],
        generic: &[],
        help: "How many internal systems it reads from or acts on.",
        examples: ["3", "0"],
    },
    FieldSpec {
        id: FieldId::Autonomy,
        title: "Autonomy",
        kind: Kind::Enum(AUTONOMY_WORDS),
        required: false,
        default: "none",
        aliases: &["autonomy_level", "level_of_autonomy", "degree_of_autonomy"],
        generic: &[
            "human_in_the_loop",
            "hitl",
            "approval",
            "oversight",
            "human_oversight",
        ],
        help: "none, approve_each_step, approve_outcome or autonomous.",
        examples: ["approve_outcome", "none"],
    },
    FieldSpec {
        id: FieldId::ProprietaryData,
        title: "Proprietary Data",
        kind: Kind::YesNo,
        required: false,
        default: "no",
        aliases: &[
            "own_data",
            "proprietary",
            "uses_proprietary_data",
            "internal_data",
        ],
        generic: &[],
        help: "Is it grounded in or trained on the organisation's own data? yes/no.",
        examples: ["no", "no"],
    },
    FieldSpec {
        id: FieldId::CostAllocation,
        title: "Cost Allocation",
        kind: Kind::Text,
        required: false,
        default: "ruleset default",
        aliases: &[
            "allocation",
            "allocation_rule",
            "cost_allocation_rule",
            "billing_allocation",
            "bill_allocation",
        ],
        generic: &[],
        help: "Which rows of the FOCUS cloud bills (score --bills) are spend of this project: \
               tag:KEY=VALUE, service:NAME, subaccount:ID, resource:GLOB (* for any text) or \
               provider:NAME, joined by & (all) and | (any); & binds tighter. Blank: the \
               ruleset's default, tag:ai-project=<project id>.",
        examples: [
            "tag:ai-project=FIN-001 | subaccount:42",
            "resource:arn:aws:bedrock:* & tag:app=qa",
        ],
    },
    FieldSpec {
        id: FieldId::AllocationShare,
        title: "Allocation Share",
        kind: Kind::Percent,
        required: false,
        default: "",
        aliases: &[
            "cost_share",
            "bill_share",
            "allocation_pct",
            "allocation_percent",
        ],
        generic: &[],
        help: "Percent of the bill charges its cost allocation shares with other projects \
               that is this project's; a charge shared by projects without one is reported \
               as a conflict and counted to none.",
        examples: ["60", "40"],
    },
    FieldSpec {
        id: FieldId::BenefitLow,
        title: "Benefit Low",
        kind: Kind::Money,
        required: false,
        default: "",
        aliases: &[
            "low_benefit",
            "monthly_benefit_low",
            "benefit_min",
            "benefit_pessimistic",
            "pessimistic_benefit",
            "benefit_worst_case",
        ],
        generic: &[],
        help: "The lowest monthly benefit you expect, same units as Monthly Benefit: the \
               low end of the range the odds of 3:1 are drawn from. Blank: 40% below Monthly \
               Benefit (the ruleset's; outputs then say \"assumed ranges\").",
        examples: ["35000", "4000"],
    },
    FieldSpec {
        id: FieldId::BenefitHigh,
        title: "Benefit High",
        kind: Kind::Money,
        required: false,
        default: "",
        aliases: &[
            "high_benefit",
            "monthly_benefit_high",
            "benefit_max",
            "benefit_optimistic",
            "optimistic_benefit",
            "benefit_best_case",
        ],
        generic: &[],
        help: "The highest monthly benefit you expect, same units as Monthly Benefit. Blank: \
               20% above Monthly Benefit (assumed).",
        examples: ["60000", "7000"],
    },
    FieldSpec {
        id: FieldId::ComputeLow,
        title: "Compute Low",
        kind: Kind::Money,
        required: false,
        default: "",
        aliases: &[
            "low_compute",
            "monthly_compute_low",
            "compute_min",
            "compute_cost_low",
            "compute_best_case",
        ],
        generic: &[],
        help: "The lowest monthly compute you expect, same units as Monthly Compute Cost, \
               above zero. Blank: 10% below Monthly Compute Cost (assumed).",
        examples: ["9000", "3600"],
    },
    FieldSpec {
        id: FieldId::ComputeHigh,
        title: "Compute High",
        kind: Kind::Money,
        required: false,
        default: "",
        aliases: &[
            "high_compute",
            "monthly_compute_high",
            "compute_max",
            "compute_cost_high",
            "compute_worst_case",
        ],
        generic: &[],
        help: "The highest monthly compute you expect, same units as Monthly Compute Cost. \
               Blank: 30% above Monthly Compute Cost (assumed).",
        examples: ["14000", "5200"],
    },
];

/// The cash-flow table's fields (long form: one row per project and month).
pub const CASH_FLOW_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        id: FieldId::ProjectId,
        title: "Project ID",
        kind: Kind::Text,
        required: true,
        default: "",
        aliases: &["id", "project"],
        generic: &[],
        help: "The project the month belongs to; must match a project row.",
        examples: ["FIN-001", "FIN-001"],
    },
    FieldSpec {
        id: FieldId::Month,
        title: "Month",
        kind: Kind::Integer { min: 1 },
        required: true,
        default: "",
        aliases: &["month_number", "period", "month_no"],
        generic: &[],
        help: "Month number, 1 = the project's month 1.",
        examples: ["1", "2"],
    },
    FieldSpec {
        id: FieldId::ComputeCost,
        title: "Compute Cost",
        kind: Kind::Money,
        required: false,
        default: "0",
        aliases: &["compute", "monthly_compute_cost", "cost"],
        generic: &[],
        help: "Compute spend that month.",
        examples: ["25000", "10000"],
    },
    FieldSpec {
        id: FieldId::Benefit,
        title: "Benefit",
        kind: Kind::Money,
        required: false,
        default: "0",
        aliases: &["monthly_benefit", "value", "savings"],
        generic: &[],
        help: "Benefit that month.",
        examples: ["0", "16000"],
    },
    FieldSpec {
        id: FieldId::ActualCompute,
        title: "Actual Compute",
        kind: Kind::Money,
        required: false,
        default: "",
        aliases: &["actual_compute_cost", "actual_cost", "compute_actual"],
        generic: &[],
        help: "Compute actually spent that month, once the month has ended (spend on no cloud bill, e.g. on-premises); empty while unknown.",
        examples: ["24000", "11500"],
    },
    FieldSpec {
        id: FieldId::ActualBenefit,
        title: "Actual Benefit",
        kind: Kind::Money,
        required: false,
        default: "",
        aliases: &["realised_benefit", "realized_benefit", "benefit_actual"],
        generic: &[],
        help: "Benefit actually realised that month, once the month has ended; empty keeps the plan's benefit, marked unverified.",
        examples: ["0", "14000"],
    },
];

impl FieldSpec {
    /// Canonical snake-case name.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.id.name()
    }
}

impl FieldId {
    /// The field as people read it: its header in the template,
    /// `Monthly Compute Cost` for `monthly_compute_cost`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        self.spec().title
    }

    /// The label for a field named by its canonical name, as a finding or a
    /// JSON document holds it: `Monthly Benefit` for `monthly_benefit`,
    /// `Cash Flows` for a month of the cash-flow table; a name airoi does
    /// not know is shown as given.
    ///
    /// ```
    /// use airoi::model::FieldId;
    /// assert_eq!(FieldId::label_of("monthly_benefit"), "Monthly Benefit");
    /// assert_eq!(FieldId::label_of("cash_flows"), "Cash Flows");
    /// ```
    #[must_use]
    pub fn label_of(name: &str) -> &str {
        if name == CASH_FLOWS_INPUT {
            return "Cash Flows";
        }
        FieldId::from_name(name).map_or(name, |id| id.label())
    }

    /// The field's entry in [`FIELDS`], or in [`CASH_FLOW_FIELDS`] for the
    /// fields only the cash-flow table has. (`ProjectId` gives the projects
    /// table's entry; the cash-flow table has its own, with fewer aliases.)
    #[must_use]
    pub(crate) const fn spec(self) -> &'static FieldSpec {
        match self {
            FieldId::Month => &CASH_FLOW_FIELDS[1],
            FieldId::ComputeCost => &CASH_FLOW_FIELDS[2],
            FieldId::Benefit => &CASH_FLOW_FIELDS[3],
            FieldId::ActualCompute => &CASH_FLOW_FIELDS[4],
            FieldId::ActualBenefit => &CASH_FLOW_FIELDS[5],
            // `FIELDS` lists the projects table's fields in declaration order
            // (checked at compile time below).
            _ => &FIELDS[self as usize],
        }
    }
}

// A field added to a table without its `FieldId`, or out of order, does not
// compile: `FieldId::spec` indexes the tables by id.
const _: () = {
    let mut i = 0;
    while i < FIELDS.len() {
        assert!(FIELDS[i].id as usize == i, "FIELDS is not in FieldId order");
        i += 1;
    }
    assert!(
        FIELDS.len() + 5 == FieldId::ALL.len(),
        "every FieldId has a table entry"
    );
    assert!(CASH_FLOW_FIELDS.len() == 6);
    assert!(matches!(CASH_FLOW_FIELDS[0].id, FieldId::ProjectId));
    assert!(matches!(CASH_FLOW_FIELDS[1].id, FieldId::Month));
    assert!(matches!(CASH_FLOW_FIELDS[2].id, FieldId::ComputeCost));
    assert!(matches!(CASH_FLOW_FIELDS[3].id, FieldId::Benefit));
    assert!(matches!(CASH_FLOW_FIELDS[4].id, FieldId::ActualCompute));
    assert!(matches!(CASH_FLOW_FIELDS[5].id, FieldId::ActualBenefit));
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Autonomy, BenefitMetric, EnumWords, InteractionPattern, Stage};

    #[test]
    fn enum_words_match_the_model() {
        assert_eq!(STAGE_WORDS, Stage::words().as_slice());
        assert_eq!(METRIC_WORDS, BenefitMetric::words().as_slice());
        assert_eq!(PATTERN_WORDS, InteractionPattern::words().as_slice());
        assert_eq!(AUTONOMY_WORDS, Autonomy::words().as_slice());
    }

    #[test]
    fn every_field_id_names_its_table_entry() {
        let ids: Vec<FieldId> = FIELDS
            .iter()
            .chain(&CASH_FLOW_FIELDS[1..])
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, FieldId::ALL);
        for id in FieldId::ALL {
            assert_eq!(id.spec().id, id);
            assert_eq!(id.spec().name(), id.name());
            assert_eq!(FieldId::from_name(id.name()), Some(id));
        }
        assert_eq!(CASH_FLOW_FIELDS[0].id, FieldId::ProjectId);
        let mut names: Vec<&str> = FieldId::ALL.iter().map(|id| id.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FieldId::ALL.len(), "names are unique");
    }
}
