//! Compares two runs' JSON documents (the contract in `docs/json.md`), so a
//! run can be compared with any earlier one, by any version that kept the
//! contract.

use std::collections::HashMap;

use serde_json::Value;

use crate::model::{Changes, Delta, GradeMove, InputChange, ProjectRef, StatusChange};

const CHECKS: [&str; 3] = ["roi", "diversification", "agentic"];
const FIGURES: [&str; 10] = [
    "projects",
    "rejected",
    "compute_total",
    "benefit_total",
    "ratio",
    "hhi",
    "validated",
    "speculative",
    "agentic",
    "chatbot",
];

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_string()
}

fn project_ref(p: &Value) -> ProjectRef {
    ProjectRef {
        project_id: text(p, "project_id"),
        project_name: text(p, "project_name"),
        grade: text(p, "grade"),
    }
}

fn grade_rank(grade: &str) -> Option<i32> {
    ["F", "D", "C", "B", "A"]
        .iter()
        .position(|g| *g == grade)
        .map(|i| i as i32)
}

/// Whether a value is an airoi JSON document.
fn check_document(doc: &Value, which: &str) -> Result<(), String> {
    if doc["run"]["tool"] == "airoi" && doc["projects"].is_array() {
        Ok(())
    } else {
        Err(format!(
            "the {which} file is not an airoi JSON document (written by `airoi score --json`)"
        ))
    }
}

/// The inputs of a check, field → interpreted value.
fn inputs(check: &Value) -> HashMap<String, String> {
    check["evidence"]["inputs"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|i| {
                    (
                        text(i, "field"),
                        i["value"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn input_changes(before: &Value, after: &Value) -> Vec<InputChange> {
    let (a, b) = (inputs(before), inputs(after));
    let mut fields: Vec<&String> = a.keys().chain(b.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| a.get(*f) != b.get(*f))
        .map(|f| InputChange {
            field: f.clone(),
            from: a.get(f).cloned(),
            to: b.get(f).cloned(),
        })
        .collect()
}

/// Compares a previous run with the current one.
pub fn compare(previous: &Value, current: &Value) -> Result<Changes, String> {
    check_document(previous, "previous")?;
    check_document(current, "current")?;
    let ruleset_changed =
        previous["run"]["ruleset"]["sha256"] != current["run"]["ruleset"]["sha256"];
    let empty = Vec::new();
    let before: Vec<&Value> = previous["projects"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .collect();
    let after: Vec<&Value> = current["projects"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .collect();
    let by_id: HashMap<String, &Value> =
        before.iter().map(|p| (text(p, "project_id"), *p)).collect();
    let now: HashMap<String, &Value> = after.iter().map(|p| (text(p, "project_id"), *p)).collect();

    let mut changes = Changes {
        previous_as_of: text(&previous["run"], "as_of"),
        current_as_of: text(&current["run"], "as_of"),
        ruleset_changed,
        ..Changes::default()
    };
    for p in &after {
        let id = text(p, "project_id");
        let Some(old) = by_id.get(&id) else {
            changes.added.push(project_ref(p));
            continue;
        };
        let (from, to) = (text(old, "grade"), text(p, "grade"));
        if from != to {
            changes.grade_moves.push(GradeMove {
                project_id: id.clone(),
                project_name: text(p, "project_name"),
                steps: grade_rank(&to).unwrap_or(0) - grade_rank(&from).unwrap_or(0),
                from,
                to,
                total_from: old["total"].as_f64(),
                total_to: p["total"].as_f64(),
            });
        }
        for check in CHECKS {
            let (a, b) = (&old["checks"][check], &p["checks"][check]);
            let (sa, sb) = (text(a, "status"), text(b, "status"));
            if sa != sb {
                changes.status_changes.push(StatusChange {
                    project_id: id.clone(),
                    project_name: text(p, "project_name"),
                    check: check.to_string(),
                    from: sa,
                    to: sb,
                    verdict_from: text(a, "verdict"),
                    verdict_to: text(b, "verdict"),
                    inputs: input_changes(a, b),
                    ruleset_changed,
                });
            }
        }
    }
    changes.dropped = before
        .iter()
        .filter(|p| !now.contains_key(&text(p, "project_id")))
        .map(|p| project_ref(p))
        .collect();
    let grades = ["A", "B", "C", "D", "F"];
    for figure in FIGURES.iter().copied().chain(grades.iter().copied()) {
        let pick = |doc: &Value| {
            if grades.contains(&figure) {
                doc["portfolio"]["grades"][figure].as_f64()
            } else {
                doc["portfolio"][figure].as_f64()
            }
        };
        let label = if grades.contains(&figure) {
            format!("grade {figure}")
        } else {
            figure.to_string()
        };
        changes.portfolio.push(Delta {
            figure: label,
            from: pick(previous),
            to: pick(current),
        });
    }
    Ok(changes)
}

#[cfg(test)]
mod tests;
