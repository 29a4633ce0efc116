//! The canonical text of a ruleset: the commented layout of
//! `templates/ruleset.toml` with this ruleset's values written in.
//!
//! The template is the single source of the layout and its comments, so
//! `airoi rules` prints a file ready to edit, and the run record hashes text
//! that changes only when a value does.

use std::fmt::Write as _;

use crate::model::Ruleset;

use super::template::{TEMPLATE, quoted};

/// The ruleset as commented TOML, deterministic: the same ruleset always
/// gives the same text, and parsing it gives the ruleset back.
///
/// ```
/// use airoi::rules::{canonical_toml, default_ruleset};
/// let text = canonical_toml(&default_ruleset());
/// assert!(text.contains("target_ratio = 3.0"));
/// ```
#[must_use]
pub fn canonical_toml(ruleset: &Ruleset) -> String {
    let values = toml::Table::try_from(ruleset).unwrap_or_default();
    let mut out = String::with_capacity(TEMPLATE.len());
    let mut table: Option<&str> = None;
    for line in TEMPLATE.lines() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            table = Some(name);
            out.push_str(line);
            out.push('\n');
            if name == "provider_aliases" {
                for (written, provider) in &ruleset.provider_aliases {
                    let _ = writeln!(out, "{} = {}", quoted(written), quoted(provider));
                }
            }
            continue;
        }
        if table == Some("provider_aliases") && !trimmed.starts_with('#') && !trimmed.is_empty() {
            // The template's own aliases were replaced by this ruleset's above.
            continue;
        }
        let key = line.split_once('=').map(|(k, _)| k.trim());
        let value = key.filter(|_| !trimmed.starts_with('#')).and_then(|key| {
            let scope = match table {
                Some(name) => values.get(name)?.as_table()?,
                None => &values,
            };
            scope.get(key).map(|v| (key, v))
        });
        if let Some((key, value)) = value {
            let _ = writeln!(out, "{key} = {}", scalar(value));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A scalar value as TOML, floats always with a decimal point so they read
/// back as floats.
fn scalar(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => quoted(s),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) if !f.is_finite() => {
            let text = if f.is_nan() { "nan" } else { "inf" };
            if *f < 0.0 {
                format!("-{text}")
            } else {
                text.to_owned()
            }
        }
        toml::Value::Float(f) => {
            // `Display` gives the shortest text that reads back to the same f64.
            let text = f.to_string();
            if text.contains(['.', 'e', 'E', 'n', 'i']) {
                text
            } else {
                format!("{text}.0")
            }
        }
        toml::Value::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}
