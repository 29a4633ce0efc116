//! Loading rulesets: the default (`templates/ruleset.toml`, embedded), user
//! files that override any subset of its keys, and the record a run keeps of
//! the ruleset it used.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};
use toml::{Table, Value};

use crate::model::{Ruleset, RulesetRecord};

use super::canonical::canonical_toml;
use super::error::RulesetError;
use super::providers::ProviderOverrides;
use super::scenarios::{ScenarioOverrides, validate_scenarios};
use super::template::{TEMPLATE, dotted, edit_distance};
use super::validate::validate;

/// The default ruleset: `spec/checklist.md`'s numbers.
///
/// ```
/// let r = airoi::rules::default_ruleset();
/// assert_eq!((r.horizon_months, r.target_ratio), (18, 3.0));
/// ```
#[must_use]
pub fn default_ruleset() -> Ruleset {
    static DEFAULT: OnceLock<Ruleset> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            // The template ships inside the binary and a test parses and
            // validates it, so this cannot fail on a user's input.
            toml::from_str(TEMPLATE).expect("templates/ruleset.toml is a valid ruleset")
        })
        .clone()
}

/// Reads a ruleset file that overrides any subset of the default's keys.
///
/// # Errors
///
/// The file cannot be read, is not TOML, names an unknown key, gives a key a
/// value of the wrong type, or the result fails [`validate`].
pub fn load_ruleset(path: &Path) -> Result<(Ruleset, RulesetRecord), RulesetError> {
    let text = std::fs::read_to_string(path).map_err(|source| RulesetError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let ruleset = ruleset_from_toml(&text)?;
    let record = ruleset_record(&ruleset, Some(path.display().to_string()));
    Ok((ruleset, record))
}

/// The ruleset of a run: the file's overrides when one is given, else the default.
///
/// # Errors
///
/// As [`load_ruleset`].
pub fn effective_ruleset(path: Option<&Path>) -> Result<(Ruleset, RulesetRecord), RulesetError> {
    if let Some(path) = path {
        return load_ruleset(path);
    }
    let ruleset = default_ruleset();
    let record = ruleset_record(&ruleset, None);
    Ok((ruleset, record))
}

/// Applies TOML overrides to the default ruleset and validates the result:
/// `text` may set any subset of the default's keys.
///
/// # Errors
///
/// The text is not TOML, names an unknown key, gives a key a value of the
/// wrong type, or the result is not a usable ruleset: each
/// [`RulesetError`] names the key at fault.
pub fn ruleset_from_toml(text: &str) -> Result<Ruleset, RulesetError> {
    let mut overrides: Table =
        toml::from_str(text).map_err(|e| RulesetError::Syntax(e.to_string()))?;
    let providers = ProviderOverrides::take(&mut overrides);
    let scenarios = ScenarioOverrides::take(&mut overrides, text)?;
    let mut merged =
        Table::try_from(default_ruleset()).map_err(|e| RulesetError::Invalid(e.to_string()))?;
    merge(&mut merged, overrides, "")?;
    let mut ruleset: Ruleset = Value::Table(merged)
        .try_into()
        .map_err(|e: toml::de::Error| RulesetError::Invalid(e.message().to_owned()))?;
    providers.apply(&mut ruleset)?;
    scenarios.apply(&mut ruleset)?;
    validate(&ruleset)?;
    validate_scenarios(&ruleset)?;
    Ok(ruleset)
}

/// What a run records about its ruleset: name, hash of the canonical text,
/// the keys that differ from the default and the file it came from.
#[must_use]
pub fn ruleset_record(ruleset: &Ruleset, path: Option<String>) -> RulesetRecord {
    RulesetRecord {
        name: ruleset.name.clone(),
        sha256: ruleset_sha256(ruleset),
        overrides: overrides(ruleset),
        path,
    }
}

/// SHA-256 of [`canonical_toml`], lower-case hex.
#[must_use]
pub fn ruleset_sha256(ruleset: &Ruleset) -> String {
    let digest = Sha256::digest(canonical_toml(ruleset).as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// The dotted keys whose values differ from the default (or that the
/// default lacks), in canonical order: `target_ratio`, `weights.roi`,
/// `providers.acme`.
#[must_use]
pub fn overrides(ruleset: &Ruleset) -> Vec<String> {
    let (Ok(ours), Ok(default)) = (Table::try_from(ruleset), Table::try_from(default_ruleset()))
    else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    diff(&ours, &default, "", &mut keys);
    keys
}

fn diff(ours: &Table, default: &Table, prefix: &str, out: &mut Vec<String>) {
    let mut names: Vec<&String> = ours.keys().chain(default.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let key = dotted(prefix, name);
        match (ours.get(name), default.get(name)) {
            (Some(Value::Table(a)), Some(Value::Table(b))) => diff(a, b, &key, out),
            (a, b) if a != b => out.push(key),
            _ => {}
        }
    }
}

/// Writes `overrides` over `base`, checking each key exists in the default
/// and each value has the default's type. The provider tables, which may
/// add any provider, are `providers`' to merge.
fn merge(base: &mut Table, overrides: Table, prefix: &str) -> Result<(), RulesetError> {
    for (name, value) in overrides {
        let key = dotted(prefix, &name);
        let Some(current) = base.get_mut(&name) else {
            return Err(RulesetError::UnknownKey {
                suggestion: suggest(&key),
                key,
            });
        };
        if let Value::Table(inner) = current {
            let Value::Table(table) = value else {
                return Err(wrong_type(&key, "a table", &value));
            };
            merge(inner, table, &key)?;
            continue;
        }
        *current = match (&*current, value) {
            (Value::Integer(_), Value::Integer(i)) => Value::Integer(count(&key, i)?),
            (Value::Integer(_), other) => return Err(wrong_type(&key, "a whole number", &other)),
            (Value::Float(_), Value::Float(f)) if !f.is_finite() => {
                return Err(RulesetError::NotFinite { key, value: f });
            }
            (Value::Float(_), Value::Float(f)) => Value::Float(f),
            (Value::Float(_), Value::Integer(i)) => Value::Float(i as f64),
            (Value::Float(_), other) => return Err(wrong_type(&key, "a number", &other)),
            (Value::String(_), Value::String(s)) if prefix == "gates" => {
                let grade = s.trim().to_uppercase();
                if !["A", "B", "C", "D", "F"].contains(&grade.as_str()) {
                    return Err(RulesetError::UnknownGrade { key, value: s });
                }
                Value::String(grade)
            }
            (Value::String(_), Value::String(s)) if key == "reforecast" => {
                let word = s.trim().to_lowercase().replace([' ', '-'], "_");
                if !["plan", "run_rate"].contains(&word.as_str()) {
                    return Err(RulesetError::UnknownReforecast(s));
                }
                Value::String(word)
            }
            (Value::String(_), Value::String(s)) => Value::String(s),
            (Value::String(_), other) => return Err(wrong_type(&key, "text", &other)),
            (Value::Boolean(_), Value::Boolean(b)) => Value::Boolean(b),
            (Value::Boolean(_), other) => return Err(wrong_type(&key, "true or false", &other)),
            (_, other) => return Err(wrong_type(&key, "a value like the default's", &other)),
        };
    }
    Ok(())
}

/// A month or capability count: non-negative and within u32, with the
/// horizon's own messages for the keys users most often get wrong.
fn count(key: &str, value: i64) -> Result<i64, RulesetError> {
    match key {
        "horizon_months" if value < 1 => Err(RulesetError::HorizonTooShort(value)),
        "lookahead_months" if value < 1 => Err(RulesetError::LookaheadTooShort(value)),
        "fiscal_year_start_month" if !(1..=12).contains(&value) => {
            Err(RulesetError::FiscalYearStartMonth(value))
        }
        _ if value < 0 || value > i64::from(u32::MAX) => Err(RulesetError::CountOutOfRange {
            key: key.to_owned(),
            value,
        }),
        _ => Ok(value),
    }
}

fn wrong_type(key: &str, expected: &'static str, found: &Value) -> RulesetError {
    RulesetError::WrongType {
        key: key.to_owned(),
        expected,
        found: format!("{} {found}", found.type_str()),
    }
}

/// The tables whose keys are provider ids, not settings.
const PROVIDER_TABLES: [&str; 2] = ["providers", "model_providers"];

/// The known key nearest an unknown one, when it is close enough to be a typo
/// (or the same name in another table, such as `roi` for `weights.roi`).
fn suggest(unknown: &str) -> Option<String> {
    let Ok(default) = Table::try_from(default_ruleset()) else {
        return None;
    };
    let mut known = Vec::new();
    for (name, value) in &default {
        match value {
            Value::Table(table) if !PROVIDER_TABLES.contains(&name.as_str()) => {
                known.extend(table.keys().map(|k| format!("{name}.{k}")));
            }
            _ => known.push(name.clone()),
        }
    }
    let leaf = |k: &str| k.rsplit('.').next().unwrap_or(k).to_lowercase();
    known
        .into_iter()
        .map(|k| {
            let distance = edit_distance(&unknown.to_lowercase(), &k.to_lowercase())
                .min(edit_distance(&leaf(unknown), &leaf(&k)));
            (distance, k)
        })
        .filter(|(distance, k)| *distance <= 2.max(leaf(k).len() / 3))
        .min()
        .map(|(_, k)| k)
}
