//! The agentic check: capabilities, the three statuses, plausibility notes.

use super::*;
use crate::model::Field;
use crate::rules::default_ruleset;
use crate::rules::testing::{evaluate, json, worked_example};

#[derive(Clone, Copy)]
struct Caps {
    pattern: InteractionPattern,
    multi_step: bool,
    stateful: bool,
    systems: u32,
    autonomy: Autonomy,
    proprietary: bool,
}

fn check(c: Caps) -> Finding {
    let mut p = worked_example();
    p.interaction_pattern = Field::read(c.pattern, c.pattern.word(), 9);
    p.multi_step = Field::read(c.multi_step, "x", 10);
    p.stateful = Field::read(c.stateful, "x", 11);
    p.systems_integrated = Field::read(c.systems, c.systems.to_string(), 12);
    p.autonomy = Field::read(c.autonomy, c.autonomy.word(), 13);
    p.proprietary_data = Field::read(c.proprietary, "x", 14);
    evaluate(&AgenticCheck, &p, &default_ruleset())
}

const CHATBOT: Caps = Caps {
    pattern: InteractionPattern::QueryResponse,
    multi_step: false,
    stateful: false,
    systems: 0,
    autonomy: Autonomy::None,
    proprietary: true,
};

#[test]
fn worked_example_finding() {
    let finding = evaluate(&AgenticCheck, &worked_example(), &default_ruleset());
    assert_eq!(
        finding.explanation,
        "Works as an agent with 4 of 5 agent capabilities (multi-step, stateful, acting on 2+ \
         internal systems, approved by outcome rather than step)."
    );
    insta::assert_snapshot!(json(&finding));
}

#[test]
fn chatbot_fails() {
    let finding = check(CHATBOT);
    assert_eq!(
        (finding.status, finding.score, finding.verdict.as_str()),
        (Status::Fail, 20.0, "Chatbot (lagging)")
    );
    assert_eq!(
        finding.explanation,
        "Still a chatbot: a query-response use case with 1 of 5 agent capabilities (grounded in \
         proprietary data); agents run multi-step processes on state, internal systems and the \
         organisation's own data."
    );
}

#[test]
fn query_response_without_multi_step_fails_even_with_capabilities() {
    let finding = check(Caps {
        stateful: true,
        systems: 4,
        ..CHATBOT
    });
    assert_eq!((finding.status, finding.score), (Status::Fail, 60.0));
}

#[test]
fn copilot_without_multi_step_is_transitional() {
    let finding = check(Caps {
        pattern: InteractionPattern::Copilot,
        stateful: true,
        systems: 4,
        ..CHATBOT
    });
    assert_eq!(
        (finding.status, finding.verdict.as_str()),
        (Status::Warn, "Transitional")
    );
    assert!(
        finding
            .explanation
            .contains("does not run multi-step processes"),
        "{}",
        finding.explanation
    );
}

#[test]
fn multi_step_short_of_capabilities_is_transitional() {
    let finding = check(Caps {
        pattern: InteractionPattern::WorkflowAgent,
        multi_step: true,
        proprietary: true,
        ..CHATBOT
    });
    assert_eq!((finding.status, finding.score), (Status::Warn, 40.0));
    assert_eq!(
        finding.explanation,
        "Transitional: 2 of 5 agent capabilities (multi-step, grounded in proprietary data); 1 \
         more would make it an agent, for example acting on 2+ internal systems."
    );
}

#[test]
fn systems_count_from_the_threshold() {
    let one = check(Caps {
        systems: 1,
        ..CHATBOT
    });
    let two = check(Caps {
        systems: 2,
        ..CHATBOT
    });
    assert_eq!((one.score, two.score), (20.0, 40.0));
}

#[test]
fn implausible_declarations_are_noted() {
    let finding = check(Caps {
        pattern: InteractionPattern::AutonomousAgent,
        autonomy: Autonomy::Autonomous,
        proprietary: false,
        ..CHATBOT
    });
    assert_eq!(
        finding.notes,
        [
            "declared an autonomous agent but meets only 1 of 5 agent capabilities, as a chatbot would",
            "autonomy is autonomous but no internal systems are integrated",
        ]
    );
}
