//! The scenarios a ruleset file gives: `[[scenarios]]` tables, each with a
//! `name`, or `[scenarios.<name>]` tables, each with a `label` and its
//! shocks. A file's scenario of the same name as a default one replaces it,
//! the others come after the defaults in the file's order; `scenarios = []`
//! drops the defaults. Each key is checked, and each error names it.

use toml::{Table, Value};
use toml_edit::DocumentMut;

use crate::model::{Ruleset, Scenario};

use super::error::RulesetError;
use super::template::dotted;

/// The scenarios of a file, taken out of its overrides before they are
/// merged, in the order the file writes them.
pub(super) struct ScenarioOverrides(Option<Vec<(String, Value)>>);

impl ScenarioOverrides {
    /// Takes `scenarios` out of `overrides`; `text` is the file, read again
    /// for the order of `[scenarios.<name>]` tables (a TOML table has none).
    pub(super) fn take(overrides: &mut Table, text: &str) -> Result<Self, RulesetError> {
        let Some(value) = overrides.remove("scenarios") else {
            return Ok(Self(None));
        };
        let entries = match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let key = format!("scenarios[{}]", i + 1);
                    let name = match &item {
                        Value::Table(t) => match t.get("name") {
                            Some(Value::String(n)) => n.trim().to_owned(),
                            Some(other) => return Err(wrong(&dotted(&key, "name"), "text", other)),
                            None => return Err(problem(&key, "a scenario needs a `name`")),
                        },
                        other => return Err(wrong(&key, "a table", other)),
                    };
                    Ok((name, item))
                })
                .collect::<Result<Vec<_>, _>>()?,
            Value::Table(mut table) => {
                let order = text
                    .parse::<DocumentMut>()
                    .ok()
                    .and_then(|d| {
                        d.get("scenarios")
                            .and_then(|s| s.as_table_like())
                            .map(|t| t.iter().map(|(k, _)| k.to_owned()).collect::<Vec<_>>())
                    })
                    .unwrap_or_default();
                let mut entries = Vec::new();
                for name in order
                    .iter()
                    .chain(table.keys().cloned().collect::<Vec<_>>().iter())
                {
                    if let Some(mut item) = table.remove(name) {
                        if let Value::Table(t) = &mut item {
                            if t.contains_key("name") {
                                return Err(problem(
                                    &dotted(&dotted("scenarios", name), "name"),
                                    "a `[scenarios.<name>]` table is named by its key",
                                ));
                            }
                            t.insert("name".into(), Value::String(name.clone()));
                        }
                        entries.push((name.clone(), item));
                    }
                }
                entries
            }
            other => return Err(wrong("scenarios", "tables of scenarios", &other)),
        };
        Ok(Self(Some(entries)))
    }

    /// Puts the file's scenarios into `ruleset`: replacing the default of
    /// the same name, else after the others.
    pub(super) fn apply(self, ruleset: &mut Ruleset) -> Result<(), RulesetError> {
        let Some(entries) = self.0 else {
            return Ok(());
        };
        if entries.is_empty() {
            ruleset.scenarios.clear();
        }
        for (name, value) in entries {
            let key = dotted("scenarios", &name);
            let scenario = scenario(&key, value)?;
            match ruleset.scenarios.iter_mut().find(|s| s.name == name) {
                Some(slot) => *slot = scenario,
                None => ruleset.scenarios.push(scenario),
            }
        }
        Ok(())
    }
}

/// One scenario table, each key checked for its type.
fn scenario(key: &str, value: Value) -> Result<Scenario, RulesetError> {
    let Value::Table(mut table) = value else {
        return Err(wrong(key, "a table", &value));
    };
    // Whole numbers are numbers too where a percent is asked for.
    for field in ["compute_price_pct", "benefit_cut_pct", "growth_points"] {
        if let Some(Value::Integer(i)) = table.get(field) {
            let f = *i as f64;
            table.insert(field.into(), Value::Float(f));
        }
    }
    for (field, v) in &table {
        let expected = match field.as_str() {
            "name" | "label" => "text",
            "compute_price_pct" | "benefit_cut_pct" | "growth_points" => "a number",
            "compute_price_from_month" | "benefit_delay_months" => "a whole number of months",
            "remove_largest_provider" => "true or false",
            _ => {
                return Err(RulesetError::UnknownKey {
                    key: dotted(key, field),
                    suggestion: None,
                });
            }
        };
        let fits = match v {
            Value::String(_) => expected == "text",
            Value::Float(_) => expected == "a number",
            Value::Integer(i) => {
                expected.starts_with("a whole") && (0..=i64::from(u32::MAX)).contains(i)
            }
            Value::Boolean(_) => expected == "true or false",
            _ => false,
        };
        if !fits {
            return Err(wrong(&dotted(key, field), expected, v));
        }
    }
    Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| problem(key, e.message()))
}

/// Whether each scenario can be used: a name and a label, unique names,
/// finite shocks within their ranges.
///
/// # Errors
/// The first key that cannot be used, named.
pub(super) fn validate_scenarios(r: &Ruleset) -> Result<(), RulesetError> {
    for (i, s) in r.scenarios.iter().enumerate() {
        let key = dotted("scenarios", &s.name);
        let field = |f: &str| dotted(&key, f);
        if s.name.trim().is_empty() || s.name.chars().any(char::is_whitespace) {
            return Err(problem(
                &key,
                "a scenario's name is one word without spaces (`compute_up`), as \
                 `score --scenario` takes it",
            ));
        }
        if r.scenarios[..i]
            .iter()
            .any(|o| o.name.eq_ignore_ascii_case(&s.name))
        {
            return Err(problem(
                &key,
                "two scenarios have this name; give each its own",
            ));
        }
        if s.label.trim().is_empty() {
            return Err(problem(
                &field("label"),
                "a scenario's label cannot be empty",
            ));
        }
        for (name, value) in [
            ("compute_price_pct", s.compute_price_pct),
            ("benefit_cut_pct", s.benefit_cut_pct),
            ("growth_points", s.growth_points),
        ] {
            if !value.is_finite() {
                return Err(RulesetError::NotFinite {
                    key: field(name),
                    value,
                });
            }
        }
        if s.compute_price_pct <= -100.0 {
            return Err(problem(
                &field("compute_price_pct"),
                &format!(
                    "a price change must be above -100% (free compute), found {}",
                    s.compute_price_pct
                ),
            ));
        }
        if s.benefit_cut_pct > 100.0 {
            return Err(problem(
                &field("benefit_cut_pct"),
                &format!(
                    "a benefit cut is at most 100% (no benefit), found {}",
                    s.benefit_cut_pct
                ),
            ));
        }
        if s.growth_points <= -100.0 {
            return Err(problem(
                &field("growth_points"),
                &format!(
                    "monthly growth cannot fall to -100% or below, found {} points",
                    s.growth_points
                ),
            ));
        }
        if s.compute_price_from_month < 1 {
            return Err(problem(
                &field("compute_price_from_month"),
                "the first project month is 1",
            ));
        }
    }
    Ok(())
}

fn problem(key: &str, problem: &str) -> RulesetError {
    RulesetError::Scenario {
        key: key.to_owned(),
        problem: problem.to_owned(),
    }
}

fn wrong(key: &str, expected: &'static str, found: &Value) -> RulesetError {
    RulesetError::WrongType {
        key: key.to_owned(),
        expected,
        found: format!("{} {found}", found.type_str()),
    }
}
