//! Rows that are not projects (the template's own examples, totals rows)
//! and values in the forms units write them (start dates, enumeration and
//! yes/no words, `€ 1.200,-`), on the fixtures under `tests/fixtures/rows/`
//! that `make_fixtures.py` writes with openpyxl and as Excel saves CSV.

// Amounts read from whole numbers are compared exactly.
#![allow(clippy::float_cmp)]

use std::collections::BTreeMap;

use airoi::import::{ImportOptions, Intake, read_bytes};
use airoi::model::{Autonomy, BenefitMetric, InteractionPattern, Project, Stage};
use chrono::NaiveDate;

use crate::common::{Workdir, fixture, problem_lines, validate_json};

fn read(rel: &str, opts: &ImportOptions) -> Intake {
    let path = fixture(rel);
    let bytes = std::fs::read(&path).expect("fixture");
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    read_bytes(&name, bytes, opts, &airoi::rules::default_ruleset())
}

fn by_id(intake: &Intake) -> BTreeMap<&str, &Project> {
    intake
        .projects
        .iter()
        .map(|p| (p.project_id.as_str(), p))
        .collect()
}

fn month(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn assert_invariant(intake: &Intake) {
    for input in &intake.inputs {
        assert_eq!(
            input.rows_read,
            input.projects + input.cash_flow_rows + input.rejected + input.skipped,
            "{input:?}"
        );
    }
}

#[test]
fn template_example_rows_left_in_are_skipped_not_scored() {
    let wd = Workdir::new();
    let folder = fixture("rows/template_left_in");
    let (code, json) = validate_json(&wd, &[folder.to_str().unwrap()]);
    // Both units left the two examples in: four rows skipped, none scored
    // and none rejected as a duplicate of the other unit's copy.
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["projects"], 3);
    assert_eq!(json["rejected_rows"], 0);
    for input in json["inputs"].as_array().unwrap() {
        assert_eq!(input["skipped"], 2, "{input:#}");
        let notes = input["notes"].to_string();
        for expected in [
            "Projects: row 2 is the intake template's example FIN-001 (Invoice matching agent) and was skipped; delete the example rows from the sheet",
            "Projects: row 3 is the intake template's example OPS-014 (Policy Q&A assistant) and was skipped; delete the example rows from the sheet",
        ] {
            assert!(notes.contains(expected), "{expected} in {notes}");
        }
    }

    // A project of the unit's own that shares an example's id is scored.
    let intake = read(
        "rows/template_left_in/unit_a.xlsx",
        &ImportOptions::default(),
    );
    assert_invariant(&intake);
    let ids: Vec<&str> = intake
        .projects
        .iter()
        .map(|p| p.project_id.as_str())
        .collect();
    assert_eq!(ids, ["FIN-001", "PRC-2"]);
    assert_eq!(intake.projects[0].project_name, "Supplier onboarding agent");
    assert_eq!(intake.projects[0].row, 4);
    assert_eq!(intake.projects[0].monthly_compute_cost.value, 2000.0);
}

#[test]
fn start_dates_in_every_form_never_lose_the_project() {
    let intake = read("rows/start_dates_synonyms.xlsx", &ImportOptions::default());
    assert_invariant(&intake);
    let projects = by_id(&intake);
    let start = |id: &str| projects[id].start_date;
    let notes = |id: &str| projects[id].notes.clone();
    assert_eq!(start("SD-Q3"), month(2026, 7, 1));
    assert_eq!(
        notes("SD-Q3"),
        ["Projects!D2: start_date: \"Q3 2026\" read as the first month of Q3 2026, 2026-07"]
    );
    assert_eq!(start("SD-JAN26"), month(2026, 1, 1));
    assert_eq!(start("SD-MARCH"), month(2026, 3, 1));
    assert_eq!(start("SD-1MAR"), month(2026, 3, 1));
    // A fiscal year is named by the calendar year it ends in; the default
    // ruleset's fiscal year starts in January.
    assert_eq!(start("SD-FY27"), month(2027, 1, 1));
    assert_eq!(
        notes("SD-FY27"),
        ["Projects!D6: start_date: \"FY27\" read as the first month of fiscal year 2027, 2027-01"]
    );
    // 31 cannot be a month: one reading.
    assert_eq!(start("SD-DMY"), month(2026, 12, 31));
    assert!(notes("SD-DMY").is_empty());
    assert_eq!(start("SD-CELL"), month(2026, 5, 1));
    // Start dates that cannot be read: the project is scored with the
    // default start, and the note names the cell and the value.
    for (id, note) in [
        (
            "SD-AMBIG",
            "Projects!D8: start_date: \"03/04/2026\" is ambiguous (day or month first?); write YYYY-MM-DD or run with --date-order dmy|mdy; start_date takes its default",
        ),
        (
            "SD-YEARNUM",
            "Projects!D9: start_date: \"2026\" is a year, not a date; write the first month, e.g. 2026-01-01, March 2026 or Q3 2026; start_date takes its default",
        ),
        (
            "SD-YEARTEXT",
            "Projects!D10: start_date: \"2026\" is a year, not a date; write the first month, e.g. 2026-01-01, March 2026 or Q3 2026; start_date takes its default",
        ),
        (
            "SD-BAD",
            "Projects!D12: start_date: \"soon\" is not a date; expected a date cell, YYYY-MM-DD, a month such as March 2026, or a quarter such as Q3 2026; start_date takes its default",
        ),
    ] {
        assert_eq!(start(id), None, "{id}");
        assert_eq!(notes(id), [note], "{id}");
    }
    assert!(
        intake.rejected.iter().all(|r| r.row > 12),
        "{:?}",
        intake.rejected
    );
}

#[test]
fn enumeration_and_yes_no_words_units_write() {
    let intake = read("rows/start_dates_synonyms.xlsx", &ImportOptions::default());
    let projects = by_id(&intake);
    let p = projects["SYN-1"];
    assert_eq!(p.stage, Some(Stage::Production), "Prod");
    assert_eq!(
        p.benefit_metric.value,
        BenefitMetric::Efficiency,
        "Efficiency gains"
    );
    assert_eq!(
        p.interaction_pattern.value,
        InteractionPattern::WorkflowAgent,
        "Agentic"
    );
    assert!(p.multi_step.value, "ja");
    assert!(p.stateful.value, "☑");
    assert_eq!(p.autonomy.value, Autonomy::ApproveEachStep, "HITL");
    assert!(p.proprietary_data.value, "oui");
    assert_eq!(
        p.notes,
        [
            "interaction_pattern \"Agentic\" read as workflow_agent; write autonomous_agent if it acts without approval"
        ]
    );
    let p = projects["SYN-2"];
    assert_eq!(
        p.benefit_metric.value,
        BenefitMetric::Revenue,
        "Revenue uplift"
    );
    assert_eq!(
        p.interaction_pattern.value,
        InteractionPattern::AutonomousAgent,
        "Autonomous"
    );
    assert!(!p.multi_step.value, "☐");
    assert!(!p.stateful.value, "nein");
    assert_eq!(
        p.autonomy.value,
        Autonomy::ApproveOutcome,
        "Human on the loop"
    );
    assert!(p.notes.is_empty(), "{:?}", p.notes);

    // Words that are not synonyms are still refused, the allowed values listed.
    let wd = Workdir::new();
    let file = fixture("rows/start_dates_synonyms.xlsx");
    let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        problem_lines(&json),
        [
            "Projects!G15: benefit_metric: \"vibes\" is not one of efficiency, cost_reduction, revenue, risk_reduction, user_count, engagement, none",
            "Projects!J15: multi_step: \"perhaps\" is not yes or no; expected yes/no, y/n, true/false, 1/0 or x/blank",
        ]
    );
}

#[test]
fn totals_rows_with_colons_and_units_are_skipped() {
    let intake = read("rows/start_dates_synonyms.xlsx", &ImportOptions::default());
    assert_invariant(&intake);
    let input = &intake.inputs[0];
    // Rows 2..19: 13 projects, 1 rejected, 4 totals rows.
    assert_eq!(
        (
            input.rows_read,
            input.projects,
            input.rejected,
            input.skipped
        ),
        (18, 13, 1, 4)
    );
    for row in 16..=19 {
        let note = format!("Projects: row {row} reads as a totals row and was skipped");
        assert!(input.notes.contains(&note), "{note} in {:?}", input.notes);
    }
}

#[test]
fn euro_amounts_with_a_dash_for_no_cents() {
    let opts = ImportOptions {
        fx: [("EUR".to_string(), 1.1)].into_iter().collect(),
        ..ImportOptions::default()
    };
    let intake = read("rows/euro_units.csv", &opts);
    assert_invariant(&intake);
    assert!(intake.rejected.is_empty(), "{:?}", intake.rejected);
    let projects = by_id(&intake);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    // `€ 1.200,-` is 1,200 euros, converted at 1.1; `6.000,- €` is 6,000.
    let p = projects["EU-1"];
    assert!(
        close(p.monthly_compute_cost.value, 1320.0),
        "{}",
        p.monthly_compute_cost.value
    );
    assert!(
        close(p.monthly_benefit.value, 6600.0),
        "{}",
        p.monthly_benefit.value
    );
    assert_eq!(p.start_date, month(2026, 7, 1));
    assert!(p.multi_step.value, "ja");
    let p = projects["EU-2"];
    assert!(
        close(p.monthly_compute_cost.value, 880.0),
        "{}",
        p.monthly_compute_cost.value
    );
    assert!(
        close(p.monthly_benefit.value, 2750.0),
        "{}",
        p.monthly_benefit.value
    );
    assert_eq!(p.benefit_metric.value, BenefitMetric::Revenue);
    assert_eq!(p.start_date, month(2027, 1, 1));
    assert_eq!(intake.inputs[0].skipped, 1, "the TOTAL (EUR) row");
}

/// `validate` says how each start date was read, not only `score`: the
/// quarter read as its first month and the bare year left at its default
/// are named with the project and cell, in text and in JSON.
#[test]
fn validate_prints_the_notes_on_the_projects_it_read() {
    let wd = Workdir::new();
    wd.copy(&fixture("rows/start_dates_synonyms.xlsx"), "units.xlsx");
    let out = wd.run(&["validate", "units.xlsx"]);
    let text = crate::common::stdout(&out);
    assert!(
        text.contains(
            "units.xlsx: SD-Q3: note: Projects!D2: start_date: \"Q3 2026\" read as the first month of Q3 2026, 2026-07\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "units.xlsx: SD-YEARNUM: note: Projects!D9: start_date: \"2026\" is a year, not a date;"
        ),
        "{text}"
    );
    let (_, json) = validate_json(&wd, &["units.xlsx"]);
    let notes = json["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 7, "{notes:#?}");
    assert_eq!(notes[0]["project_id"], "SD-Q3");
    assert_eq!(notes[0]["file"], "units.xlsx");
    assert_eq!(json["notes_not_kept"], 0);
}
