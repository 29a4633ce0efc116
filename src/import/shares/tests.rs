// Shares are compared exactly where no arithmetic could round them.
#![allow(clippy::float_cmp)]

use super::*;
use crate::import::values::ProviderNames;
use crate::model::{KnownProvider, ProviderDimension, ProviderTable, Ruleset};
use crate::rules::{default_ruleset, ruleset_from_toml};

const INFRA: ProviderDimension = ProviderDimension::Infrastructure;
const MODELS: ProviderDimension = ProviderDimension::ModelVendor;

fn t(s: &str) -> CellValue {
    CellValue::Text(s.to_string())
}

/// Reads `text` as infrastructure providers with the default ruleset.
fn read(text: &str) -> Result<ShareList, String> {
    read_with(text, &default_ruleset(), INFRA)
}

fn read_with(
    text: &str,
    ruleset: &Ruleset,
    dimension: ProviderDimension,
) -> Result<ShareList, String> {
    let names = ProviderNames::new(ruleset);
    shares(&t(text), &ParseCtx::plain(&names), dimension)
}

/// The providers a list reads as in a dimension, with the default ruleset.
fn ids(text: &str, dimension: ProviderDimension) -> Vec<String> {
    read_with(text, &default_ruleset(), dimension)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .shares
        .into_iter()
        .map(|s| s.provider)
        .collect()
}

/// The list as `(provider, pct)` pairs, rounded to 1e-9 against float noise.
fn pairs(text: &str) -> Vec<(String, f64)> {
    let list = read(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    list.shares
        .into_iter()
        .map(|s| (s.provider, (s.pct * 1e9).round() / 1e9))
        .collect()
}

fn p(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(n, v)| ((*n).to_string(), *v)).collect()
}

#[test]
fn the_forms_read_before_still_read() {
    assert_eq!(
        pairs("azure:70; aws:30"),
        p(&[("azure", 70.0), ("aws", 30.0)])
    );
    assert_eq!(
        pairs("Azure 70%, AWS 30%"),
        p(&[("azure", 70.0), ("aws", 30.0)])
    );
    assert_eq!(
        pairs("Azure 70, AWS 30"),
        p(&[("azure", 70.0), ("aws", 30.0)])
    );
    assert_eq!(pairs("aws:0.6|gcp:0.4"), p(&[("aws", 60.0), ("gcp", 40.0)]));
    assert_eq!(pairs("aws"), p(&[("aws", 100.0)]));
    assert_eq!(pairs("Amazon Web Services"), p(&[("aws", 100.0)]));
    assert_eq!(
        pairs("on-prem (40%)\nGoogle Cloud (60%)"),
        p(&[("on_prem", 40.0), ("gcp", 60.0)])
    );
    assert_eq!(pairs("aws / azure"), p(&[("aws", 50.0), ("azure", 50.0)]));
    assert!(read("Azure 70%, AWS 30%").unwrap().notes.is_empty());
}

#[test]
fn percent_first_entries_read_as_the_share_of_the_name_after_them() {
    assert_eq!(
        pairs("90% Azure, 10% AWS"),
        p(&[("azure", 90.0), ("aws", 10.0)])
    );
    assert_eq!(
        pairs("90 % Azure; 10 % AWS"),
        p(&[("azure", 90.0), ("aws", 10.0)])
    );
    assert_eq!(
        pairs("90%Azure, 10%AWS"),
        p(&[("azure", 90.0), ("aws", 10.0)])
    );
    assert_eq!(
        pairs("60% Microsoft Azure, 40% Google Cloud"),
        p(&[("azure", 60.0), ("gcp", 40.0)])
    );
    let list = read("0.9 Azure, 0.1 AWS").unwrap();
    assert_eq!(list.notes, ["shares read as fractions of 1"]);
    assert!(read("90% Azure, 10% AWS").unwrap().notes.is_empty());
}

#[test]
fn a_percent_sign_apart_from_its_number_is_read() {
    assert_eq!(
        pairs("Azure 90 %, AWS 10 %"),
        p(&[("azure", 90.0), ("aws", 10.0)])
    );
    assert_eq!(
        pairs("Azure (90 %), AWS (10 %)"),
        p(&[("azure", 90.0), ("aws", 10.0)])
    );
    // The non-breaking spaces French and German settings put before `%`.
    assert_eq!(
        pairs("Azure 90\u{a0}%, AWS 10\u{202f}%"),
        p(&[("azure", 90.0), ("aws", 10.0)])
    );
    assert_eq!(
        pairs("Azure - 90%, AWS - 10%"),
        p(&[("azure", 90.0), ("aws", 10.0)])
    );
}

#[test]
fn and_ampersand_and_plus_separate_names() {
    for text in [
        "AWS and Azure",
        "Azure & AWS",
        "AWS + Azure",
        "aws AND azure",
    ] {
        let list = read(text).unwrap();
        assert_eq!(list.shares.len(), 2, "{text}");
        assert!(list.shares.iter().all(|s| s.pct == 50.0), "{text}");
        assert!(
            list.notes[0].ends_with("; an equal split was assumed"),
            "{text}: {:?}",
            list.notes
        );
    }
    assert_eq!(
        read("AWS and Azure").unwrap().notes,
        ["no shares given for AWS, Azure; an equal split was assumed"]
    );
    assert_eq!(
        pairs("Azure 70% and AWS 30%"),
        p(&[("azure", 70.0), ("aws", 30.0)])
    );
    let got: Vec<_> = read("Azure & AWS & GCP")
        .unwrap()
        .shares
        .into_iter()
        .map(|s| s.provider)
        .collect();
    assert_eq!(got, ["azure", "aws", "gcp"]);
    // `and` inside a word is no separator.
    assert_eq!(
        pairs("Sandbox 60%, Brand AI 40%"),
        p(&[("sandbox", 60.0), ("brand_ai", 40.0)])
    );
}

#[test]
fn no_name_of_the_default_ruleset_is_split_or_misread() {
    let ruleset = default_ruleset();
    for dimension in ProviderDimension::ALL {
        for (id, provider) in ruleset.provider_table(dimension) {
            let names = std::iter::once(id)
                .chain(std::iter::once(&provider.label))
                .chain(&provider.aliases);
            for name in names {
                let list =
                    read_with(name, &ruleset, dimension).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(
                    (list.shares.len(), list.shares[0].provider.as_str()),
                    (1, id.as_str()),
                    "{name}"
                );
                assert!(list.notes.is_empty(), "{name}: {:?}", list.notes);
                let both = format!("{name} 60%, 40% {name}");
                let list = read_with(&both, &ruleset, dimension).unwrap();
                assert_eq!(list.shares.len(), 1, "{name}");
            }
        }
    }
}

#[test]
fn each_list_reads_names_through_its_own_table() {
    assert_eq!(ids("Azure OpenAI", INFRA), ["azure"]);
    assert_eq!(ids("Azure OpenAI", MODELS), ["openai"]);
    assert_eq!(ids("Vertex AI, GCP", INFRA), ["gcp"]);
    assert_eq!(ids("AWS Bedrock", INFRA), ["aws"]);
    assert_eq!(ids("on-premises", INFRA), ["on_prem"]);
    assert_eq!(ids("Llama (self-hosted)", MODELS), ["llama_self_hosted"]);
    let list = read_with("Llama (self-hosted)", &default_ruleset(), MODELS).unwrap();
    assert!(list.notes.is_empty(), "{:?}", list.notes);
    // A platform serving many vendors' models is no model vendor.
    let list = read_with("Bedrock", &default_ruleset(), MODELS).unwrap();
    assert_eq!(list.shares[0].provider, "bedrock");
    assert!(
        list.notes[0].contains("add it to that one's aliases under [model_providers]"),
        "{:?}",
        list.notes
    );
}

#[test]
fn a_merged_name_is_noted_with_its_label() {
    let list = read("Vertex AI 50%, Google Cloud 50%").unwrap();
    assert_eq!(list.shares.len(), 1);
    assert_eq!(
        list.notes,
        ["Google Cloud counted as Google Cloud (gcp), merged with the same provider"]
    );
    let list = read("AWS Bedrock 50%, AWS 50%").unwrap();
    assert_eq!(
        list.notes,
        ["AWS counted as AWS, merged with the same provider"]
    );
}

#[test]
fn an_alias_holding_a_connector_stays_whole() {
    let mut ruleset = default_ruleset();
    let table: ProviderTable = [
        ("att", "AT&T Cloud", vec!["at and t"]),
        ("mands", "M&S", vec!["marks and spencer"]),
        ("aws", "AWS", vec![]),
        ("azure", "Azure", vec![]),
    ]
    .into_iter()
    .map(|(id, label, aliases)| {
        (
            id.to_string(),
            KnownProvider {
                label: label.to_string(),
                aliases: aliases.into_iter().map(String::from).collect(),
            },
        )
    })
    .collect();
    ruleset.providers = table;
    let read = |text: &str| {
        let list = read_with(text, &ruleset, INFRA).unwrap_or_else(|e| panic!("{e}"));
        list.shares
            .into_iter()
            .map(|s| s.provider)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        read("AT&T Cloud 50%, 50% Marks and Spencer"),
        ["att", "mands"]
    );
    assert_eq!(
        read("AT&T Cloud & AWS and Marks and Spencer"),
        ["att", "aws", "mands"]
    );
    assert_eq!(read("M&S + Azure"), ["mands", "azure"]);
}

#[test]
fn a_provider_added_by_a_rules_file_is_read_by_its_names() {
    let ruleset =
        ruleset_from_toml("[providers.acme]\nlabel = \"Acme Cloud\"\naliases = [\"acme eu\"]\n")
            .unwrap_or_else(|e| panic!("{e}"));
    let list = read_with("Acme Cloud 50%, acme eu 30%, AWS 20%", &ruleset, INFRA).unwrap();
    let got: Vec<_> = list.shares.iter().map(|s| s.provider.as_str()).collect();
    assert_eq!(got, ["acme", "aws"]);
    assert_eq!(
        list.notes,
        ["acme eu counted as Acme Cloud (acme), merged with the same provider"]
    );
    assert_eq!(
        read_with("Acme Clod", &ruleset, INFRA).unwrap_err(),
        "\"Acme Clod\" names \"Acme Clod\", which is not a known provider; did you mean Acme Cloud? (if it is a provider of its own, add it as [providers.acme_clod] in a --rules file)"
    );
    // Only in its own table.
    assert_eq!(
        read_with("Acme Cloud", &ruleset, MODELS).unwrap().shares[0].provider,
        "acme_cloud"
    );
}

#[test]
fn a_near_miss_of_a_known_name_is_refused_with_a_did_you_mean() {
    assert_eq!(
        read("Azrue 50%, Azure 50%").unwrap_err(),
        "\"Azrue 50%, Azure 50%\" names \"Azrue\", which is not a known provider; did you mean Azure? (if it is a provider of its own, add it as [providers.azrue] in a --rules file)"
    );
    assert_eq!(
        read("Amazon Web Servics").unwrap_err(),
        "\"Amazon Web Servics\" names \"Amazon Web Servics\", which is not a known provider; did you mean \"amazon web services\" (AWS)? (if it is a provider of its own, add it as [providers.amazon_web_servics] in a --rules file)"
    );
    assert!(
        read("GPC")
            .unwrap_err()
            .contains("did you mean Google Cloud?")
    );
    assert!(
        read("Antrophic")
            .unwrap_err()
            .contains("did you mean Anthropic?")
    );
}

#[test]
fn another_unknown_name_is_its_own_provider_with_a_note() {
    let list = read("Acme Cloud 40%, Azure 60%").unwrap();
    assert_eq!(list.shares[0].provider, "acme_cloud");
    assert_eq!(list.shares[0].pct, 40.0);
    assert_eq!(
        list.notes,
        [
            "\"Acme Cloud\" is not a known provider; read as a provider of its own, acme_cloud (if it is another name for a known one, add it to that one's aliases under [providers] in a --rules file)"
        ]
    );
    // Brackets in a name are kept in the note and read as spaces.
    let list = read("Llama (self-hosted)").unwrap();
    assert_eq!(list.shares[0].provider, "llama_self_hosted");
    assert!(
        list.notes[0].starts_with("\"Llama (self-hosted)\" is not a known provider;"),
        "{:?}",
        list.notes
    );
    assert_eq!(
        pairs("(Azure) 70%, (AWS) 30%"),
        p(&[("azure", 70.0), ("aws", 30.0)])
    );
    // A name is not a number because f64 would parse it.
    assert_eq!(pairs("Infinity Cloud"), p(&[("infinity_cloud", 100.0)]));
    // Said once for a name written twice.
    assert_eq!(read("Hetzner 50, Hetzner 50").unwrap().notes.len(), 2);
}

#[test]
fn entries_that_are_not_a_name_with_a_share_are_refused() {
    assert_eq!(
        read("90% Azure 10%, AWS").unwrap_err(),
        "\"90% Azure 10%, AWS\" has an entry \"90% Azure 10%\" that is not `name`, `name:share`, `name share%` or `share% name`"
    );
    assert!(read("-").unwrap_err().contains("has an entry \"-\""));
    assert!(read("90%").unwrap_err().contains("has an entry \"90%\""));
    assert_eq!(
        read(" & and + ").unwrap_err(),
        "\" & and + \" names no provider"
    );
    assert!(
        read("Azure & AWS 50%")
            .unwrap_err()
            .contains("some providers but not others")
    );
}
