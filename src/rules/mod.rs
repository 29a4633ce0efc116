//! Rules.
use crate::model::Ruleset;
/// Effective ruleset.
pub fn effective_ruleset(_path: Option<&std::path::Path>) -> anyhow::Result<Ruleset> {
    Ok(toml::from_str(include_str!(
        "../../templates/ruleset.toml"
    ))?)
}
