//! Check 3 — is it an agent or a chatbot.

use crate::model::{
    AgenticFigures, Autonomy, CheckId, EnumWords, FieldId, Figures, Finding, InputUsed,
    InteractionPattern, Project, Ruleset, Status, Threshold,
};

use crate::format;
use crate::rules::finance::round1;
use crate::rules::{Rule, Series, input_used};

macro_rules! agentic_explain {
    () => {
        "# What it checks

Whether the use case works as an agent or is still a chatbot. One point for
each capability: it runs multi-step business processes; it keeps state across
long-running tasks; it reads from or acts on at least `systems_min` (2)
internal systems; it acts with autonomy `approve_outcome` or `autonomous`; it is
grounded in proprietary data. An agent is multi-step with at least
`agent_min_capabilities` (3) points: pass. A use case with at most
`chatbot_max_capabilities` (1) point, or a query-response one that is not
multi-step, is a chatbot: fail. Anything between is transitional: warn.
score = 20 per capability.

# Why it matters

Agents that carry context through multi-step work across internal systems, on
the organisation's own data, are where the returns on AI spending are
expected; a use case that is still primarily query-response is lagging.

# Example

A workflow that is multi-step and stateful, acts on 3 internal systems and
needs approval of outcomes only (not of each step), without proprietary data,
has 4 capabilities: an agent, score 80. A query-response assistant on
proprietary data alone has 1: a chatbot (lagging), score 20.
"
    };
}

#[doc = agentic_explain!()]
#[derive(Debug, Clone, Copy)]
pub struct AgenticCheck;

impl Rule for AgenticCheck {
    fn id(&self) -> CheckId {
        CheckId::Agentic
    }

    fn explain(&self) -> &'static str {
        agentic_explain!()
    }

    fn thresholds(&self, ruleset: &Ruleset) -> Vec<Threshold> {
        vec![
            Threshold {
                key: "systems_min",
                value: f64::from(ruleset.systems_min),
            },
            Threshold {
                key: "agent_min_capabilities",
                value: f64::from(ruleset.agent_min_capabilities),
            },
            Threshold {
                key: "chatbot_max_capabilities",
                value: f64::from(ruleset.chatbot_max_capabilities),
            },
        ]
    }

    fn evaluate(&self, project: &Project, _series: &Series, ruleset: &Ruleset) -> Finding {
        let met = capabilities(project, ruleset);
        let k = met.len() as u32;
        let multi_step = project.multi_step.value;
        let query_response = project.interaction_pattern.value == InteractionPattern::QueryResponse;
        let status = if multi_step && k >= ruleset.agent_min_capabilities {
            Status::Pass
        } else if k <= ruleset.chatbot_max_capabilities || (query_response && !multi_step) {
            Status::Fail
        } else {
            Status::Warn
        };
        let verdict = match status {
            Status::Pass => "Agent",
            Status::Warn => "Transitional",
            Status::Fail => "Chatbot (lagging)",
        };
        let explanation = explain(project, &met, status, ruleset);
        Finding {
            check: CheckId::Agentic,
            status,
            score: round1(20.0 * f64::from(k)),
            verdict: verdict.to_owned(),
            figures: Figures::Agentic(AgenticFigures {
                capabilities: k,
                met,
            }),
            thresholds: self.thresholds(ruleset),
            inputs: inputs(project),
            notes: notes(project, k, ruleset),
            explanation,
        }
    }
}

/// The five agent capabilities, in checklist order, by the field that says
/// whether a project has it.
pub const CAPABILITIES: [FieldId; 5] = [
    FieldId::MultiStep,
    FieldId::Stateful,
    FieldId::SystemsIntegrated,
    FieldId::Autonomy,
    FieldId::ProprietaryData,
];

/// The capabilities a project meets, in checklist order.
#[must_use]
pub fn capabilities(project: &Project, ruleset: &Ruleset) -> Vec<FieldId> {
    CAPABILITIES
        .into_iter()
        .filter(|&capability| has(project, capability, ruleset))
        .collect()
}

/// Whether a project has one of the [`CAPABILITIES`].
fn has(project: &Project, capability: FieldId, ruleset: &Ruleset) -> bool {
    match capability {
        FieldId::MultiStep => project.multi_step.value,
        FieldId::Stateful => project.stateful.value,
        FieldId::SystemsIntegrated => project.systems_integrated.value >= ruleset.systems_min,
        FieldId::Autonomy => matches!(
            project.autonomy.value,
            Autonomy::ApproveOutcome | Autonomy::Autonomous
        ),
        FieldId::ProprietaryData => project.proprietary_data.value,
        _ => false,
    }
}

/// How a capability reads for people, whatever the project: `multi-step`,
/// `acting on 2+ internal systems`, `approved by outcome or autonomous`.
#[must_use]
pub fn capability_label(capability: FieldId, ruleset: &Ruleset) -> String {
    match capability {
        FieldId::MultiStep => "multi-step".to_owned(),
        FieldId::Stateful => "stateful".to_owned(),
        FieldId::SystemsIntegrated => {
            format!("acting on {}+ internal systems", ruleset.systems_min)
        }
        FieldId::Autonomy => "approved by outcome or autonomous".to_owned(),
        FieldId::ProprietaryData => "grounded in proprietary data".to_owned(),
        other => other.name().replace('_', " "),
    }
}

/// How a capability the project meets reads in its sentence: its autonomy
/// as it is (`autonomous`, or `approved by outcome rather than step`).
fn capability_words(project: &Project, capability: FieldId, ruleset: &Ruleset) -> String {
    match (capability, project.autonomy.value) {
        (FieldId::Autonomy, Autonomy::Autonomous) => "autonomous".to_owned(),
        (FieldId::Autonomy, _) => "approved by outcome rather than step".to_owned(),
        _ => capability_label(capability, ruleset),
    }
}

/// The capabilities in `list` in a word each, for a table's cell:
/// `multi-step, stateful, systems, autonomy, own data`, `none` for none.
#[must_use]
pub fn capability_words_short(list: &[FieldId]) -> String {
    if list.is_empty() {
        return "none".to_owned();
    }
    list.iter()
        .map(|c| match c {
            FieldId::MultiStep => "multi-step",
            FieldId::Stateful => "stateful",
            FieldId::SystemsIntegrated => "systems",
            FieldId::Autonomy => "autonomy",
            FieldId::ProprietaryData => "own data",
            other => other.name(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The capabilities in `list` for people, comma-separated, `none` for none.
#[must_use]
pub fn capability_list(list: &[FieldId], ruleset: &Ruleset) -> String {
    if list.is_empty() {
        return "none".to_owned();
    }
    list.iter()
        .map(|&c| capability_label(c, ruleset))
        .collect::<Vec<_>>()
        .join(", ")
}

fn explain(project: &Project, met: &[FieldId], status: Status, ruleset: &Ruleset) -> String {
    let k = met.len();
    let list = if met.is_empty() {
        "none".to_owned()
    } else {
        met.iter()
            .map(|&m| capability_words(project, m, ruleset))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let has = format!("{k} of 5 agent capabilities ({list})");
    let pattern = format::a_or_an(&project.interaction_pattern.value.word().replace('_', "-"));
    match status {
        Status::Pass => format!("Works as an agent with {has}."),
        Status::Fail => format!(
            "Still a chatbot: {pattern} use case with {has}; agents run multi-step \
             processes on state, internal systems and the organisation's own data."
        ),
        Status::Warn if !project.multi_step.value => format!(
            "Transitional: {has}, but it does not run multi-step processes, which an agent must."
        ),
        Status::Warn => {
            let more = (ruleset.agent_min_capabilities as usize).saturating_sub(k);
            format!(
                "Transitional: {has}; {more} more would make it an agent, for example {}.",
                suggestion(met, ruleset)
            )
        }
    }
}

/// The first capability not yet met, as an example of what would help.
fn suggestion(met: &[FieldId], ruleset: &Ruleset) -> String {
    [
        FieldId::SystemsIntegrated,
        FieldId::Stateful,
        FieldId::Autonomy,
        FieldId::ProprietaryData,
    ]
    .into_iter()
    .find(|c| !met.contains(c))
    .map_or_else(
        || "another capability".to_owned(),
        |c| capability_label(c, ruleset),
    )
}

fn inputs(project: &Project) -> Vec<InputUsed> {
    let p = project;
    vec![
        input_used(
            p,
            FieldId::InteractionPattern,
            &p.interaction_pattern,
            p.interaction_pattern.value.label(),
        ),
        input_used(
            p,
            FieldId::MultiStep,
            &p.multi_step,
            format::yes_no(p.multi_step.value).to_owned(),
        ),
        input_used(
            p,
            FieldId::Stateful,
            &p.stateful,
            format::yes_no(p.stateful.value).to_owned(),
        ),
        input_used(
            p,
            FieldId::SystemsIntegrated,
            &p.systems_integrated,
            p.systems_integrated.value.to_string(),
        ),
        input_used(p, FieldId::Autonomy, &p.autonomy, p.autonomy.value.label()),
        input_used(
            p,
            FieldId::ProprietaryData,
            &p.proprietary_data,
            format::yes_no(p.proprietary_data.value).to_owned(),
        ),
    ]
}

fn notes(project: &Project, k: u32, ruleset: &Ruleset) -> Vec<String> {
    let mut notes = Vec::new();
    let pattern = project.interaction_pattern.value;
    let declared_agent = matches!(
        pattern,
        InteractionPattern::WorkflowAgent | InteractionPattern::AutonomousAgent
    );
    if declared_agent && k <= ruleset.chatbot_max_capabilities {
        notes.push(format!(
            "declared {} but meets only {k} of 5 agent capabilities, as a chatbot would",
            format::a_or_an(&pattern.word().replace('_', " "))
        ));
    }
    if project.autonomy.value == Autonomy::Autonomous && project.systems_integrated.value == 0 {
        notes.push("autonomy is autonomous but no internal systems are integrated".to_owned());
    }
    notes
}

// Rounded scores and exact inputs are compared exactly: that is what the
// spec promises (the report's arithmetic is what decided).
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
