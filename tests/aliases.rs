//! Provider names read through the ruleset's table for their list (a CSV
//! written as Excel saves it): `Azure OpenAI` is infrastructure of `azure`
//! and models of `openai`, `Llama (self-hosted)` a known model vendor, a
//! provider a --rules file adds is read by its names and noted by its
//! label, the ruleset's `fiscal_year_start_month` dates `FY27`, and run
//! records written before the provider tables were split still verify and
//! serve as a baseline.

use serde_json::Value;

use crate::common::{self, Workdir, fixture, project, stdout};

const CSV: &str = "aliases/providers.csv";

/// A --rules file that adds a provider to the infrastructure table and
/// starts the fiscal year in April.
const ACME_RULES: &str = "fiscal_year_start_month = 4\n\n\
    [providers.acme]\nlabel = \"Acme Corp Cloud\"\naliases = [\"acme cloud\", \"acme eu\"]\n";

/// `airoi score --json` of the fixture, with `extra` arguments.
fn score(wd: &Workdir, extra: &[&str]) -> (i32, Value) {
    let file = wd.copy(&fixture(CSV), "providers.csv");
    let mut inputs = vec![file.to_str().expect("a UTF-8 path")];
    inputs.extend_from_slice(extra);
    common::score_json(wd, "2026-01-31", &inputs)
}

/// The list a project's diversification check read for `field`, as the
/// evidence shows it (`azure 100%`).
fn read_as(json: &Value, id: &str, field: &str) -> String {
    project(json, id)["checks"]["diversification"]["evidence"]["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .find(|i| i["field"] == field)
        .unwrap_or_else(|| panic!("{id}: no {field} input"))["value"]
        .as_str()
        .expect("text")
        .to_string()
}

fn notes(json: &Value, id: &str) -> Vec<String> {
    common::strings(&project(json, id)["checks"]["diversification"]["evidence"]["notes"])
}

fn project_notes(json: &Value, id: &str) -> Vec<String> {
    common::strings(&project(json, id)["notes"])
}

#[test]
fn each_list_reads_a_name_through_its_own_table() {
    let wd = Workdir::new();
    let (code, json) = score(&wd, &[]);
    assert_eq!(code, 0);
    assert_eq!(read_as(&json, "ALI-1", "providers"), "Azure 100%");
    assert_eq!(read_as(&json, "ALI-1", "model_providers"), "OpenAI 100%");
    let model = &project(&json, "ALI-1")["checks"]["diversification"]["dimensions"]["model"];
    assert_eq!(model["top_provider"], "openai");
    assert_eq!(model["top_share"], 100.0);
    assert!(notes(&json, "ALI-1").is_empty());
    // A model vendor of the table: no note.
    assert_eq!(
        read_as(&json, "ALI-2", "model_providers"),
        "Llama (self-hosted) 100%"
    );
    assert!(
        notes(&json, "ALI-2").is_empty(),
        "{:?}",
        notes(&json, "ALI-2")
    );
    assert_eq!(read_as(&json, "ALI-5", "providers"), "Google Cloud 100%");
    assert_eq!(read_as(&json, "ALI-5", "model_providers"), "Google 100%");
    // Without the rules file, the unit's own cloud is two unknown names.
    assert_eq!(
        read_as(&json, "ALI-4", "providers"),
        "acme_eu 50%, acme_cloud 50%"
    );
    assert_eq!(
        notes(&json, "ALI-3"),
        [
            "providers: \"Acme Cloud\" is not a known provider; read as a provider of its own, acme_cloud (if it is another name for a known one, add it to that one's aliases under [providers] in a --rules file)"
        ]
    );
    // The default fiscal year is the calendar year it ends in.
    assert_eq!(
        project_notes(&json, "ALI-5"),
        ["providers!C6: start_date: \"FY27\" read as the first month of fiscal year 2027, 2027-01"]
    );
}

#[test]
fn a_provider_added_by_a_rules_file_is_read_and_noted_by_its_label() {
    let wd = Workdir::new();
    let rules = wd.write("acme.toml", ACME_RULES);
    let (code, json) = score(&wd, &["--rules", rules.to_str().expect("a UTF-8 path")]);
    assert_eq!(code, 0);
    assert_eq!(
        read_as(&json, "ALI-3", "providers"),
        "Acme Corp Cloud 60%, AWS 40%"
    );
    assert!(
        notes(&json, "ALI-3").is_empty(),
        "{:?}",
        notes(&json, "ALI-3")
    );
    assert_eq!(read_as(&json, "ALI-4", "providers"), "Acme Corp Cloud 100%");
    assert_eq!(
        notes(&json, "ALI-4"),
        ["providers: acme cloud counted as Acme Corp Cloud (acme), merged with the same provider"]
    );
    let infrastructure =
        &project(&json, "ALI-4")["checks"]["diversification"]["dimensions"]["infrastructure"];
    assert_eq!(infrastructure["top_provider"], "acme");
    assert_eq!(infrastructure["top_share"], 100.0);
    assert_eq!(
        json["run"]["ruleset"]["overrides"],
        serde_json::json!(["fiscal_year_start_month", "providers.acme"])
    );
    // A fiscal year starting in April: FY27 begins in April 2026.
    assert_eq!(
        project_notes(&json, "ALI-5"),
        [
            "providers!C6: start_date: \"FY27\" read as the first month of fiscal year 2027 (starting in April), 2026-04"
        ]
    );
}

#[test]
fn the_fiscal_year_start_month_dates_a_fiscal_year() {
    let ruleset = airoi::rules::ruleset_from_toml(ACME_RULES).expect("a valid ruleset");
    let bytes = std::fs::read(fixture(CSV)).expect("fixture");
    let intake = airoi::import::read_bytes(
        "providers.csv",
        bytes,
        &airoi::import::ImportOptions::default(),
        &ruleset,
    );
    let fiscal = intake
        .projects
        .iter()
        .find(|p| p.project_id == "ALI-5")
        .expect("ALI-5 read");
    assert_eq!(
        fiscal.start_date,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 1)
    );
}

#[test]
fn a_misspelt_label_of_an_added_provider_is_refused_naming_it() {
    let wd = Workdir::new();
    let rules = wd.write("acme.toml", ACME_RULES);
    let csv = wd.write(
        "typo.csv",
        "Project ID,Project Name,Monthly Compute Cost,Monthly Benefit,Benefit Metric,Providers,Interaction Pattern\r\n\
         TY-1,Typo,1000,5000,efficiency,Acme Corp Clod,workflow_agent\r\n",
    );
    let out = wd.run(&[
        "validate",
        "--rules",
        rules.to_str().expect("a UTF-8 path"),
        csv.to_str().expect("a UTF-8 path"),
    ]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "providers: \"Acme Corp Clod\" names \"Acme Corp Clod\", which is not a known provider; did you mean Acme Corp Cloud? (if it is a provider of its own, add it as [providers.acme_corp_clod] in a --rules file)"
        ),
        "{text}"
    );
}

#[test]
fn a_rules_file_with_the_old_alias_table_is_still_read() {
    let wd = Workdir::new();
    let rules = wd.copy(&fixture("aliases/one_alias_table.toml"), "old.toml");
    let (code, json) = score(&wd, &["--rules", rules.to_str().expect("a UTF-8 path")]);
    assert_eq!(code, 0);
    assert_eq!(read_as(&json, "ALI-4", "providers"), "acme 100%");
    let toml = json["run"]["ruleset"]["toml"].as_str().expect("text");
    assert!(
        toml.contains(
            "\n[providers.acme]\nlabel = \"acme\"\naliases = [\"acme cloud\", \"acme eu\"]\n"
        ),
        "{toml}"
    );
    assert!(!toml.contains("provider_aliases"));
}

/// Copies a run record written before the provider tables were split,
/// with the input it names, into `wd`.
fn old_record(wd: &Workdir, name: &str) -> String {
    wd.copy(&fixture(CSV), "providers.csv");
    let path = wd.copy(&fixture(&format!("aliases/{name}")), name);
    path.to_str().expect("a UTF-8 path").to_string()
}

#[test]
fn an_old_run_record_still_verifies_with_the_same_scores() {
    for name in ["recorded_default.json", "recorded_one_table.json"] {
        let wd = Workdir::new();
        let record = old_record(&wd, name);
        let out = wd.run(&["verify", &record]);
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("{record}: NOT reproduced"), "{text}");
        // Written before schema version 2 too: its payback, target month
        // and IRR may differ.
        assert!(
            lines[2].starts_with("  the record is schema version 1, written by an earlier airoi"),
            "{text}"
        );
        assert!(
            lines[1].starts_with(
                "  the recorded ruleset has the single [provider_aliases] table of an earlier airoi"
            ),
            "{text}"
        );
        // Every project scores as recorded: what differs is the ruleset's
        // layout, the wording of notes, explanations, verdicts and input
        // values (providers by their labels), the reading report's words and
        // the fields (margins, review) it did not write yet (this record was
        // written by an earlier airoi).
        for line in &lines[3..] {
            let line = line.trim_start();
            let changed_meaning = [".irr", ".payback_month", ".target_month"]
                .iter()
                .any(|f| line.contains(&format!(".checks.roi{f}")));
            assert!(
                changed_meaning
                    || (line.starts_with("... and ") && line.ends_with(" more differences"))
                    || line.starts_with("schema_version")
                    || line.starts_with("run.ruleset.")
                    || (line.starts_with("run.inputs[") && line.contains("].tables["))
                    || (line.starts_with("projects[") && line.contains(".evidence.notes["))
                    || (line.starts_with("projects[") && line.contains(".evidence.inputs["))
                    || (line.starts_with("projects[") && line.contains(".explanation:"))
                    || (line.starts_with("projects[") && line.contains(".verdict:"))
                    || (line.starts_with("projects[].")
                        && line.ends_with(": not in the output (written by an earlier airoi?)")),
                "{name}: {line}"
            );
        }
        // The ruleset's SHA-256 differs too; past fifty differences the
        // list is cut before it (the record's wording differs throughout).
        assert!(
            text.contains("  run.ruleset.sha256: ") || text.contains(" more differences"),
            "{text}"
        );
    }
}

#[test]
fn an_old_run_record_serves_as_a_baseline() {
    let wd = Workdir::new();
    let record = old_record(&wd, "recorded_default.json");
    let (code, json) = score(&wd, &["--baseline", &record]);
    assert_eq!(code, 0);
    let changes = &json["changes"];
    assert_eq!(changes["ruleset_changed"], true, "{changes}");
    assert_eq!(changes["previous_as_of"], "2026-01-31");
    for list in ["added", "dropped"] {
        assert_eq!(changes[list], serde_json::json!([]), "{list}: {changes}");
    }
}
