use serde_json::json;

use super::compare;

fn doc(as_of: &str, sha: &str, projects: &serde_json::Value, projects_n: u64) -> serde_json::Value {
    json!({
        "run": {"tool": "airoi", "as_of": as_of, "ruleset": {"sha256": sha}},
        "portfolio": {"projects": projects_n, "ratio": 2.0, "grades": {"A": 1, "B": 0, "C": 0, "D": 0, "F": 1}},
        "projects": projects,
    })
}

fn project(id: &str, grade: &str, roi: &str, monthly_benefit: &str) -> serde_json::Value {
    json!({
        "project_id": id, "project_name": format!("{id} name"), "grade": grade, "total": 50.0,
        "checks": {
            "roi": {"status": roi, "verdict": "v", "evidence": {"inputs": [
                {"field": "monthly_benefit", "value": monthly_benefit},
                {"field": "monthly_compute_cost", "value": "10,000"}
            ]}},
            "diversification": {"status": "pass", "verdict": "Diversified"},
            "agentic": {"status": "pass", "verdict": "Agent"}
        }
    })
}

#[test]
fn grade_moves_status_changes_and_reasons() {
    let before = doc(
        "2026-01-31",
        "aaa",
        &json!([
            project("A", "C", "fail", "20,000"),
            project("GONE", "F", "fail", "0")
        ]),
        2,
    );
    let after = doc(
        "2026-02-28",
        "aaa",
        &json!([
            project("A", "A", "pass", "50,000"),
            project("NEW", "B", "warn", "1")
        ]),
        2,
    );
    let changes = compare(&before, &after).unwrap();
    assert_eq!(changes.added[0].project_id, "NEW");
    assert_eq!(changes.dropped[0].project_id, "GONE");
    let mv = &changes.grade_moves[0];
    assert_eq!((mv.from.as_str(), mv.to.as_str(), mv.steps), ("C", "A", 2));
    let status = &changes.status_changes[0];
    assert_eq!(
        (
            status.check.as_str(),
            status.from.as_str(),
            status.to.as_str()
        ),
        ("roi", "fail", "pass")
    );
    assert_eq!(status.inputs.len(), 1, "only the benefit changed");
    assert_eq!(status.inputs[0].field, "monthly_benefit");
    assert_eq!(status.inputs[0].from.as_deref(), Some("20,000"));
    assert!(!status.ruleset_changed);
    assert!(!changes.is_empty());
}

#[test]
fn identical_runs_have_no_changes() {
    let one = doc(
        "2026-01-31",
        "aaa",
        &json!([project("A", "C", "fail", "20,000")]),
        1,
    );
    let changes = compare(&one, &one).unwrap();
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn a_ruleset_change_is_named() {
    let before = doc(
        "2026-01-31",
        "aaa",
        &json!([project("A", "C", "fail", "20,000")]),
        1,
    );
    let after = doc(
        "2026-02-28",
        "bbb",
        &json!([project("A", "B", "warn", "20,000")]),
        1,
    );
    let changes = compare(&before, &after).unwrap();
    assert!(changes.ruleset_changed);
    assert!(changes.status_changes[0].inputs.is_empty());
    assert!(changes.status_changes[0].ruleset_changed);
}

#[test]
fn other_json_is_refused() {
    let err = compare(&json!({"a": 1}), &json!({})).unwrap_err();
    assert!(
        err.contains("previous file is not an airoi JSON document"),
        "{err}"
    );
}
