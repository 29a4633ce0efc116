//! Rulesets: the default shipped in `templates/ruleset.toml`, user files
//! that override any subset of its keys, validation, and the canonical text
//! a run record hashes.
//!
//! - `template` holds the default's text and the way keys are written;
//! - `load` merges overrides over the default and records the result;
//! - `error` says why a ruleset cannot be used, naming the key;
//! - `validate` checks what makes a ruleset unusable;
//! - `providers` adds a file's provider tables (and the old single alias
//!   table) to the default's;
//! - `scenarios` reads a file's scenarios and checks them;
//! - `canonical` writes a ruleset back into the template's layout.
//!
//! `error` uses no sibling; the others use `template` and `error`, and none
//! uses its siblings' callers: `load` builds on `canonical`, `providers`
//! and `validate`, which know nothing of it.

mod canonical;
mod error;
mod load;
mod providers;
mod scenarios;
mod template;
mod validate;

pub(crate) use canonical::canonical_toml;
pub use error::RulesetError;
pub use load::{default_ruleset, ruleset_from_toml};
pub(crate) use load::{effective_ruleset, ruleset_record};
pub(crate) use providers::has_one_alias_table;

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
