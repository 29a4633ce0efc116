//! The provider tables a ruleset file adds to the default's:
//! `[providers.<id>]` and `[model_providers.<id>]`, each with a `label` and
//! `aliases`; and the single `[provider_aliases]` table (written name →
//! provider) of files and run records from before the tables were split,
//! still read, its names added to both tables.
//!
//! An alias a file gives claims that name: an alias with the same
//! [`provider_key`] under another provider of the table moves to the one
//! the file names. So a file adds to the default without repeating it, and
//! the canonical text, which lists every provider, reads back as itself.

use std::collections::BTreeMap;

use toml::{Table, Value};

use crate::model::{KnownProvider, ProviderDimension, ProviderTable, Ruleset, provider_key};

use super::error::RulesetError;
use super::template::{dotted, edit_distance};

/// The one table of provider aliases that rulesets had before there was a
/// table for each dimension.
pub(super) const LEGACY_ALIASES: &str = "provider_aliases";

/// Whether a ruleset text has the old single `[provider_aliases]` table.
pub(crate) fn has_one_alias_table(text: &str) -> bool {
    toml::from_str::<Table>(text).is_ok_and(|t| t.contains_key(LEGACY_ALIASES))
}

/// One provider as a file gives it: what it adds to its table.
#[derive(Debug, Clone)]
struct Entry {
    /// The provider's id, in [`provider_key`] form.
    id: String,
    /// The key the file wrote it under, for messages.
    key: String,
    label: Option<String>,
    aliases: Vec<String>,
}

/// Adds a file's `[providers]` or `[model_providers]` table (`value`) to
/// the ruleset's table of that dimension.
pub(super) fn add_table(
    ruleset: &mut Ruleset,
    dimension: ProviderDimension,
    value: Value,
) -> Result<(), RulesetError> {
    let name = dimension.table_name();
    let Value::Table(table) = value else {
        return Err(wrong_type(name, "a table of providers", &value));
    };
    let mut entries: Vec<Entry> = Vec::new();
    for (written, value) in table {
        let key = dotted(name, &written);
        let id = provider_key(&written);
        if id.is_empty() {
            return Err(RulesetError::EmptyProviderName { key });
        }
        if let Some(same) = entries.iter().find(|e| e.id == id) {
            return Err(RulesetError::SameProvider {
                key,
                other: same.key.clone(),
            });
        }
        entries.push(entry(id, key, value)?);
    }
    add(table_mut(ruleset, dimension), entries)
}

/// Adds an old `[provider_aliases]` table (`value`) to both provider
/// tables: each written name becomes an alias of the provider it names,
/// which is added (labelled with its id) where the table lacks it.
pub(super) fn add_legacy(ruleset: &mut Ruleset, value: Value) -> Result<(), RulesetError> {
    let Value::Table(table) = value else {
        return Err(wrong_type(LEGACY_ALIASES, "a table", &value));
    };
    let mut by_id: BTreeMap<String, Entry> = BTreeMap::new();
    for (written, value) in table {
        let key = dotted(LEGACY_ALIASES, &written);
        let Value::String(provider) = value else {
            return Err(wrong_type(&key, "a provider name (text)", &value));
        };
        let id = provider_key(&provider);
        if id.is_empty() {
            return Err(RulesetError::EmptyProviderName { key });
        }
        let alias = written.trim().to_lowercase();
        if alias.is_empty() {
            return Err(RulesetError::EmptyProviderName { key });
        }
        by_id
            .entry(id.clone())
            .or_insert_with(|| Entry {
                id,
                key: key.clone(),
                label: None,
                aliases: Vec::new(),
            })
            .aliases
            .push(alias);
    }
    let entries: Vec<Entry> = by_id.into_values().collect();
    for dimension in ProviderDimension::ALL {
        add(table_mut(ruleset, dimension), entries.clone())?;
    }
    Ok(())
}

/// One `[providers.<id>]` table: `label` (text) and `aliases` (a list of
/// text), both optional.
fn entry(id: String, key: String, value: Value) -> Result<Entry, RulesetError> {
    let Value::Table(fields) = value else {
        return Err(wrong_type(&key, "a table with a label and aliases", &value));
    };
    let mut entry = Entry {
        id,
        key,
        label: None,
        aliases: Vec::new(),
    };
    for (field, value) in fields {
        let field_key = dotted(&entry.key, &field);
        match (field.as_str(), value) {
            ("label", Value::String(label)) => {
                if label.trim().is_empty() {
                    return Err(RulesetError::EmptyProviderLabel { key: field_key });
                }
                entry.label = Some(label.trim().to_owned());
            }
            ("label", other) => return Err(wrong_type(&field_key, "text", &other)),
            ("aliases", Value::Array(names)) => {
                for name in names {
                    let Value::String(name) = name else {
                        return Err(wrong_type(&field_key, "a list of names (text)", &name));
                    };
                    let name = name.trim().to_lowercase();
                    if provider_key(&name).is_empty() {
                        return Err(RulesetError::EmptyProviderName { key: field_key });
                    }
                    entry.aliases.push(name);
                }
            }
            ("aliases", other) => {
                return Err(wrong_type(&field_key, "a list of names (text)", &other));
            }
            (other, _) => {
                let suggestion = ["label", "aliases"]
                    .into_iter()
                    .find(|known| edit_distance(other, known) <= 2)
                    .map(|known| dotted(&entry.key, known));
                return Err(RulesetError::UnknownKey {
                    key: field_key,
                    suggestion,
                });
            }
        }
    }
    Ok(entry)
}

/// Adds `entries` to `table`: each alias an entry gives is taken from the
/// aliases of every other provider, and an alias two entries give is an
/// error. (An alias wins over another provider's id or label when names
/// are read, so those need not move.)
fn add(table: &mut ProviderTable, entries: Vec<Entry>) -> Result<(), RulesetError> {
    let mut claimed: BTreeMap<String, &Entry> = BTreeMap::new();
    for entry in &entries {
        for name in entry.aliases.iter().map(|a| provider_key(a)) {
            match claimed.get(&name) {
                Some(other) if other.id != entry.id => {
                    return Err(RulesetError::NameOfTwoProviders {
                        key: entry.key.clone(),
                        name,
                        other: other.key.clone(),
                    });
                }
                _ => {
                    claimed.insert(name, entry);
                }
            }
        }
    }
    let owner: BTreeMap<String, String> = claimed
        .into_iter()
        .map(|(name, entry)| (name, entry.id.clone()))
        .collect();
    for (id, provider) in table.iter_mut() {
        provider
            .aliases
            .retain(|alias| owner.get(&provider_key(alias)).is_none_or(|o| o == id));
    }
    for entry in entries {
        let provider = table
            .entry(entry.id.clone())
            .or_insert_with(|| KnownProvider {
                label: entry.id.clone(),
                aliases: Vec::new(),
            });
        if let Some(label) = entry.label {
            provider.label = label;
        }
        provider.aliases.extend(entry.aliases);
        provider.aliases.sort();
        provider.aliases.dedup();
    }
    Ok(())
}

fn table_mut(ruleset: &mut Ruleset, dimension: ProviderDimension) -> &mut ProviderTable {
    match dimension {
        ProviderDimension::Infrastructure => &mut ruleset.providers,
        ProviderDimension::ModelVendor => &mut ruleset.model_providers,
    }
}

fn wrong_type(key: &str, expected: &'static str, found: &Value) -> RulesetError {
    RulesetError::WrongType {
        key: key.to_owned(),
        expected,
        found: format!("{} {found}", found.type_str()),
    }
}

/// The provider tables taken out of a file's overrides, to be added once
/// the rest is merged.
pub(super) struct ProviderOverrides {
    legacy: Option<Value>,
    tables: Vec<(ProviderDimension, Value)>,
}

impl ProviderOverrides {
    /// Takes the provider tables out of `overrides`.
    pub(super) fn take(overrides: &mut Table) -> Self {
        ProviderOverrides {
            legacy: overrides.remove(LEGACY_ALIASES),
            tables: ProviderDimension::ALL
                .into_iter()
                .filter_map(|d| overrides.remove(d.table_name()).map(|v| (d, v)))
                .collect(),
        }
    }

    /// Adds them to `ruleset`: the old table first, so the new ones can
    /// move its names.
    pub(super) fn apply(self, ruleset: &mut Ruleset) -> Result<(), RulesetError> {
        if let Some(legacy) = self.legacy {
            add_legacy(ruleset, legacy)?;
        }
        for (dimension, value) in self.tables {
            add_table(ruleset, dimension, value)?;
        }
        Ok(())
    }
}
