//! How a re-drawn output differs from the one verified: the first lines
//! of a report, the paths of a JSON document, the cells of a workbook, and
//! the notes that explain differences an earlier airoi's record brings.

use calamine::Reader;
use serde_json::Value;

use crate::export::json::record::{RecordedOutput, RunRecord};

/// Every difference between the output verified (`old`) and the one
/// re-drawn (`new`), with the Markdown charts' own, led by what an earlier
/// airoi's record explains; never empty.
pub(super) fn differences(
    (kind, record): (RecordedOutput, &RunRecord),
    old: &[u8],
    new: &[u8],
    chart_differences: Vec<String>,
) -> Vec<String> {
    let mut differences = match kind {
        RecordedOutput::Json => json_differences(old, new),
        RecordedOutput::Workbook => workbook_differences(old, new),
        RecordedOutput::Report(_) => text_differences(old, new),
    };
    differences.extend(chart_differences);
    if differences.is_empty() {
        differences.push(
            "the bytes differ, though every value is the same (a different airoi version?)".into(),
        );
    }
    if matches!(kind, RecordedOutput::Json)
        && serde_json::from_slice::<serde_json::Value>(old)
            .is_ok_and(|doc| doc.get("schema_version").is_none())
    {
        differences.insert(
            0,
            "the record is schema version 1, written by an earlier airoi: payback_month, \
             target_month and irr have changed meaning since (see docs/json.md), so those \
             figures may differ"
                .into(),
        );
    }
    if record
        .ruleset_toml()
        .is_ok_and(crate::rules::has_one_alias_table)
    {
        differences.insert(
            0,
            "the recorded ruleset has the single [provider_aliases] table of an earlier airoi: \
             its names were read into both provider tables ([providers], [model_providers]) \
             and read as they were, but the ruleset is now written in that layout, so its \
             text, SHA-256 and overrides differ"
                .into(),
        );
    }
    differences
}

/// The first lines where two texts differ.
fn text_differences(old: &[u8], new: &[u8]) -> Vec<String> {
    let (a, b) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    a.lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(20)
        .map(|(i, (x, y))| {
            format!(
                "line {}: the output has {x:?}, re-scoring gives {y:?}",
                i + 1
            )
        })
        .collect()
}

/// Paths where two JSON documents differ, `run.inputs[0].sha256: "a" ≠ "b"`.
fn json_differences(old: &[u8], new: &[u8]) -> Vec<String> {
    let (Ok(a), Ok(mut b)) = (
        serde_json::from_slice::<Value>(old),
        serde_json::from_slice::<Value>(new),
    ) else {
        return vec!["the output is not valid JSON any more".into()];
    };
    let mut out = unwritten_project_keys(&a, &mut b);
    diff_values("", &a, &b, &mut out);
    out
}

/// A project key no project of the output has (`margins`, from an airoi
/// older than the key) is one difference, not one a project: it is taken
/// out of the re-scored projects and named once.
fn unwritten_project_keys(old: &Value, new: &mut Value) -> Vec<String> {
    let (Some(old), Some(new)) = (
        old["projects"].as_array(),
        new.get_mut("projects").and_then(Value::as_array_mut),
    ) else {
        return Vec::new();
    };
    let Some(keys) = new
        .first()
        .and_then(Value::as_object)
        .filter(|_| !old.is_empty())
    else {
        return Vec::new();
    };
    let unwritten: Vec<String> = keys
        .keys()
        .filter(|k| !old.iter().any(|p| p.get(k.as_str()).is_some()))
        .cloned()
        .collect();
    for project in new.iter_mut().filter_map(Value::as_object_mut) {
        for key in &unwritten {
            project.remove(key);
        }
    }
    unwritten
        .iter()
        .map(|k| format!("projects[].{k}: not in the output (written by an earlier airoi?)"))
        .collect()
}

fn diff_values(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                diff_values(
                    &sub,
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                diff_values(
                    &format!("{path}[{i}]"),
                    x.get(i).unwrap_or(&Value::Null),
                    y.get(i).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ if a != b => out.push(format!("{path}: the output has {a}, re-scoring gives {b}")),
        _ => {}
    }
}

/// Cells where two workbooks differ, `Scores!G5: 94 ≠ 93`.
fn workbook_differences(old: &[u8], new: &[u8]) -> Vec<String> {
    let open = |b: &[u8]| calamine::Xlsx::new(std::io::Cursor::new(b.to_vec())).ok();
    let (Some(mut a), Some(mut b)) = (open(old), open(new)) else {
        return vec!["the workbook cannot be read".into()];
    };
    let mut out = Vec::new();
    let names_a = a.sheet_names();
    let names_b = b.sheet_names();
    if names_a != names_b {
        out.push(format!(
            "sheets: the output has {}, re-scoring gives {}",
            names_a.join(", "),
            names_b.join(", ")
        ));
    }
    for name in names_a.iter().filter(|n| names_b.contains(n)) {
        let (Ok(ra), Ok(rb)) = (a.worksheet_range(name), b.worksheet_range(name)) else {
            continue;
        };
        let end = |r: &calamine::Range<calamine::Data>| r.end().unwrap_or((0, 0));
        let (ea, eb) = (end(&ra), end(&rb));
        for row in 0..=ea.0.max(eb.0) {
            for col in 0..=ea.1.max(eb.1) {
                let va = ra
                    .get_value((row, col))
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let vb = rb
                    .get_value((row, col))
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if va != vb {
                    let cell = crate::model::CellPos { row: row + 1, col }.a1();
                    out.push(format!(
                        "{name}!{cell}: the output has {va:?}, re-scoring gives {vb:?}"
                    ));
                }
            }
        }
    }
    out
}
