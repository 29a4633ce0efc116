//! The canonical text of a ruleset: the commented layout of
//! `templates/ruleset.toml` with this ruleset's values written in.
//!
//! The template is the single source of the layout and its comments, so
//! `airoi rules` prints a file ready to edit, and the run record hashes text
//! that changes only when a value does. `toml_edit` keeps every comment and
//! blank line of the template while the values are replaced.

use toml_edit::{DocumentMut, Item, Key, Value};

use crate::model::Ruleset;

use super::template::{TEMPLATE, quoted};

/// The ruleset as commented TOML, deterministic: the same ruleset always
/// gives the same text, and parsing it gives the ruleset back.
#[must_use]
pub fn canonical_toml(ruleset: &Ruleset) -> String {
    // The template ships inside the binary and a test checks it is this
    // function's own output for the default, so it always parses.
    let Ok(mut doc) = TEMPLATE.parse::<DocumentMut>() else {
        return TEMPLATE.to_owned();
    };
    let values = toml::Table::try_from(ruleset).unwrap_or_default();
    fill(doc.as_table_mut(), &values);
    if let Some(aliases) = doc.get_mut("provider_aliases").and_then(Item::as_table_mut) {
        // The template's own aliases give way to this ruleset's.
        aliases.clear();
        for (written, provider) in &ruleset.provider_aliases {
            if let (Ok(key), Some(provider)) = (quoted(written).parse::<Key>(), string(provider)) {
                aliases.insert_formatted(&key, Item::Value(provider));
            }
        }
    }
    doc.to_string()
}

/// Writes the values of `values` over the template's keys of the same
/// names, table by table; keys the ruleset lacks keep the template's value.
fn fill(table: &mut toml_edit::Table, values: &toml::Table) {
    for (key, item) in table.iter_mut() {
        match (item, values.get(key.get())) {
            (Item::Table(inner), Some(toml::Value::Table(values))) => fill(inner, values),
            (Item::Value(slot), Some(value)) => {
                if let Some(value) = scalar(value) {
                    *slot = value;
                }
            }
            _ => {}
        }
    }
}

/// A scalar value as TOML. Floats always carry a decimal point so they read
/// back as floats (`toml_edit` writes them so); text is always a basic
/// string, `"…"`, as in the template.
fn scalar(value: &toml::Value) -> Option<Value> {
    match value {
        toml::Value::String(s) => string(s),
        toml::Value::Integer(i) => Some(Value::from(*i)),
        toml::Value::Float(f) => Some(Value::from(*f)),
        toml::Value::Boolean(b) => Some(Value::from(*b)),
        toml::Value::Datetime(_) | toml::Value::Array(_) | toml::Value::Table(_) => None,
    }
}

/// Text as a TOML basic string: parsed from its quoted form, so `toml_edit`
/// keeps that spelling rather than choosing a literal string of its own.
fn string(text: &str) -> Option<Value> {
    quoted(text).parse::<Value>().ok()
}
