//! Rulesets' provider tables: a file's additions, the names they move,
//! their validation messages, and the old single alias table.

use super::*;
use crate::model::{ProviderDimension, ProviderTable, provider_key};

const INFRA: ProviderDimension = ProviderDimension::Infrastructure;
const MODELS: ProviderDimension = ProviderDimension::ModelVendor;

/// A ruleset as `airoi rules` printed it before each dimension had its own
/// provider table: one `[provider_aliases]` table for both.
const ONE_ALIAS_TABLE: &str =
    include_str!("../../../tests/fixtures/aliases/ruleset_one_alias_table.toml");

/// The provider a written name stands for in a table: by id, label or alias.
pub(super) fn provider_of<'a>(table: &'a ProviderTable, name: &str) -> Option<&'a str> {
    let key = provider_key(name);
    let by_alias = table
        .iter()
        .find(|(_, p)| p.aliases.iter().any(|a| provider_key(a) == key));
    let by_name = || {
        table
            .iter()
            .find(|(id, p)| **id == key || provider_key(&p.label) == key)
    };
    by_alias.or_else(by_name).map(|(id, _)| id.as_str())
}

#[test]
fn each_provider_table_error_names_its_key() {
    let cases = [
        (
            "[provider_aliases]\nacme = 3",
            "key `provider_aliases.acme`: expected a provider name",
        ),
        (
            "[provider_aliases]\nacme = \" \"",
            "key `provider_aliases.acme`: a provider name cannot be empty",
        ),
        (
            "providers = 3",
            "key `providers`: expected a table of providers, found integer",
        ),
        (
            "[providers]\nacme = \"Acme\"",
            "key `providers.acme`: expected a table with a label and aliases, found string",
        ),
        (
            "[providers.acme]\nlable = \"Acme\"",
            "unknown key `providers.acme.lable` (did you mean `providers.acme.label`?)",
        ),
        (
            "[model_providers.acme]\nlabel = 3",
            "key `model_providers.acme.label`: expected text, found integer",
        ),
        (
            "[providers.acme]\nlabel = \"  \"",
            "key `providers.acme.label`: a provider's label cannot be empty",
        ),
        (
            "[providers.acme]\naliases = \"acme eu\"",
            "key `providers.acme.aliases`: expected a list of names (text), found string",
        ),
        (
            "[providers.acme]\naliases = [\"acme eu\", 7]",
            "key `providers.acme.aliases`: expected a list of names (text), found integer",
        ),
        (
            "[providers.acme]\naliases = [\" - \"]",
            "key `providers.acme.aliases`: a provider name cannot be empty",
        ),
        (
            "[providers.\"Acme Cloud\"]\n[providers.acme_cloud]",
            "key `providers.acme_cloud`: the same provider as `providers.\"Acme Cloud\"`",
        ),
        (
            "[providers.acme]\naliases = [\"big cloud\"]\n[providers.bigco]\naliases = [\"Big-Cloud\"]",
            "key `providers.bigco`: the name \"big cloud\" is also given to `providers.acme`",
        ),
        (
            "[providers.acme]\nlabel = \"Google Cloud\"",
            "key `providers.acme.label`: \"Google Cloud\" is also the name of `providers.gcp`",
        ),
        (
            "[model_providers.acme]\nlabel = \"OpenAI\"",
            "key `model_providers.acme.label`: \"OpenAI\" is also the name of `model_providers.openai`",
        ),
    ];
    for (text, expected) in cases {
        let message = super::tests::error(text);
        assert!(
            message.starts_with(expected),
            "{text:?}\n  gave: {message}\n  want: {expected}"
        );
    }
}

#[test]
fn a_name_a_file_gives_moves_to_its_provider() {
    let r = ruleset_from_toml(
        "[providers.aws_gov]\nlabel = \"AWS GovCloud\"\naliases = [\"Amazon\"]\n\
         [model_providers.amazon]\naliases = [\"Bedrock\"]\n\
         [providers.azure]\nlabel = \"Microsoft Azure\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(provider_of(&r.providers, "amazon"), Some("aws_gov"));
    assert!(!r.providers["aws"].aliases.contains(&"amazon".to_owned()));
    assert_eq!(
        provider_of(&r.providers, "amazon web services"),
        Some("aws")
    );
    assert_eq!(provider_of(&r.model_providers, "bedrock"), Some("amazon"));
    // Infrastructure keeps its own reading of the name.
    assert_eq!(provider_of(&r.providers, "bedrock"), Some("aws"));
    assert_eq!(r.provider_label(INFRA, "azure"), "Microsoft Azure");
    assert_eq!(provider_of(&r.providers, "microsoft azure"), Some("azure"));
}

#[test]
fn the_old_single_alias_table_is_read_into_both_tables() {
    let r = ruleset_from_toml(
        "[provider_aliases]\n\"Acme Cloud\" = \"ACME\"\n\"azure openai\" = \"azure\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for dimension in ProviderDimension::ALL {
        let table = r.provider_table(dimension);
        assert_eq!(
            provider_of(table, "acme cloud"),
            Some("acme"),
            "{dimension:?}"
        );
        assert_eq!(r.provider_label(dimension, "acme"), "acme");
        // The old table said so: it still does, in both.
        assert_eq!(provider_of(table, "azure openai"), Some("azure"));
    }
    assert_eq!(provider_of(&r.model_providers, "chatgpt"), Some("openai"));
    assert_eq!(r.provider_label(MODELS, "azure"), "azure");
    // Its canonical text is in the new form and reads back as itself.
    let text = canonical_toml(&r);
    assert!(!text.contains("provider_aliases"), "{text}");
    assert_eq!(
        ruleset_from_toml(&text).unwrap_or_else(|e| panic!("{e}")),
        r
    );
}

#[test]
fn a_ruleset_printed_before_the_tables_were_split_still_reads() {
    let r = ruleset_from_toml(ONE_ALIAS_TABLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.name, "default");
    // Every name reads as that ruleset read it, in both tables.
    for dimension in ProviderDimension::ALL {
        let table = r.provider_table(dimension);
        for (name, id) in [
            ("azure openai", "azure"),
            ("self-hosted", "on_prem"),
            ("claude", "anthropic"),
            ("google", "google"),
            ("bedrock", "aws"),
        ] {
            assert_eq!(provider_of(table, name), Some(id), "{dimension:?} {name}");
        }
    }
    let text = canonical_toml(&r);
    assert_eq!(
        ruleset_from_toml(&text).unwrap_or_else(|e| panic!("{e}")),
        r
    );
}
