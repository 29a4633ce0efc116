//! Rulesets: the default shipped in `templates/ruleset.toml`, user files
//! that override any subset of its keys, validation, and the canonical text
//! a run record hashes.
//!
//! - `template` holds the default's text and the way keys are written;
//! - `load` merges overrides over the default and records the result;
//! - `validate` says what makes a ruleset unusable, naming the key;
//! - `providers` adds a file's provider tables (and the old single alias
//!   table) to the default's;
//! - `scenarios` reads a file's scenarios and checks them;
//! - `canonical` writes a ruleset back into the template's layout.
//!
//! Each file uses `template` and none uses its siblings' callers: `load`
//! builds on `canonical`, `providers` and `validate`, which know nothing of
//! it.

mod canonical;
mod load;
mod providers;
mod scenarios;
mod template;
mod validate;

pub(crate) use canonical::canonical_toml;
pub use load::{default_ruleset, ruleset_from_toml};
pub(crate) use load::{effective_ruleset, ruleset_record};
pub(crate) use providers::has_one_alias_table;
pub use validate::RulesetError;

// Rounded scores and exact inputs are compared exactly: that is what the
// spec promises (the report's arithmetic is what decided).
#[cfg(test)]
mod provider_tests;
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod scenario_tests;
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
