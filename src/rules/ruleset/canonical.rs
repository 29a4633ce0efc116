//! The canonical text of a ruleset: the commented layout of
//! `templates/ruleset.toml` with this ruleset's values written in.
//!
//! The template is the single source of the layout and its comments, so
//! `airoi rules` prints a file ready to edit, and the run record hashes text
//! that changes only when a value does. `toml_edit` keeps every comment and
//! blank line of the template while the values are replaced. The provider
//! tables come last and are written out whole, provider by provider, under
//! the template's comments for them.

use std::fmt::Write as _;

use toml_edit::{DocumentMut, Item, Value};

use crate::model::{ProviderDimension, ProviderTable, Ruleset, Scenario};

use super::template::{TEMPLATE, dotted, quoted};

/// Widest line of a wrapped alias list.
const LINE_WIDTH: usize = 79;

/// The ruleset as commented TOML, deterministic: the same ruleset always
/// gives the same text, and parsing it gives the ruleset back.
#[must_use]
pub fn canonical_toml(ruleset: &Ruleset) -> String {
    // The template ships inside the binary and a test checks it is this
    // function's own output for the default, so it always parses.
    let Ok(mut doc) = TEMPLATE.parse::<DocumentMut>() else {
        return TEMPLATE.to_owned();
    };
    // The template's providers give way to this ruleset's; the comments
    // above each table's first provider stay.
    let comments = ProviderDimension::ALL.map(|dimension| {
        let table = doc.remove(dimension.table_name());
        let first = table
            .as_ref()
            .and_then(Item::as_table)
            .and_then(|t| t.iter().next())
            .and_then(|(_, item)| item.as_table())
            .and_then(|t| t.decor().prefix())
            .and_then(|prefix| prefix.as_str());
        first.unwrap_or("\n").to_owned()
    });
    // The scenarios likewise: written out whole, under the template's
    // comment above the first.
    let scenarios_comment = doc
        .remove("scenarios")
        .as_ref()
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().next())
        .and_then(|t| t.decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .unwrap_or("\n")
        .to_owned();
    let values = toml::Table::try_from(ruleset).unwrap_or_default();
    fill(doc.as_table_mut(), &values);
    let mut text = doc.to_string();
    text.push_str(&scenarios_comment);
    write_scenarios(&mut text, &ruleset.scenarios);
    for (dimension, comment) in ProviderDimension::ALL.into_iter().zip(comments) {
        text.push_str(&comment);
        write_providers(
            &mut text,
            dimension.table_name(),
            ruleset.provider_table(dimension),
        );
    }
    text
}

/// The scenarios as `[[scenarios]]` tables, every shock written.
fn write_scenarios(out: &mut String, scenarios: &[Scenario]) {
    for (i, s) in scenarios.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let number = |f: f64| Value::from(f).to_string();
        let _ = write!(
            out,
            "[[scenarios]]\nname = {}\nlabel = {}\ncompute_price_pct = {}\n\
             compute_price_from_month = {}\nbenefit_cut_pct = {}\nbenefit_delay_months = {}\n\
             growth_points = {}\nremove_largest_provider = {}\n",
            quoted(&s.name),
            quoted(&s.label),
            number(s.compute_price_pct),
            s.compute_price_from_month,
            number(s.benefit_cut_pct),
            s.benefit_delay_months,
            number(s.growth_points),
            s.remove_largest_provider,
        );
    }
}

/// A provider table as `[providers.aws]` tables, one a provider, each
/// with its label and its aliases wrapped at [`LINE_WIDTH`].
fn write_providers(out: &mut String, name: &str, table: &ProviderTable) {
    for (i, (id, provider)) in table.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(
            out,
            "[{}]\nlabel = {}\n",
            dotted(name, id),
            quoted(&provider.label)
        );
        let mut line = String::from("aliases = [");
        let last = provider.aliases.len().saturating_sub(1);
        for (j, alias) in provider.aliases.iter().enumerate() {
            let piece = quoted(alias) + if j == last { "]" } else { "," };
            let first = j == 0;
            if !first && line.chars().count() + 1 + piece.chars().count() > LINE_WIDTH {
                out.push_str(&line);
                out.push('\n');
                line = format!("    {piece}");
            } else {
                if !first {
                    line.push(' ');
                }
                line.push_str(&piece);
            }
        }
        if provider.aliases.is_empty() {
            line.push(']');
        }
        out.push_str(&line);
        out.push('\n');
    }
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
