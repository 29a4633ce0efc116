//! Rulesets: the default's numbers, overrides, validation messages, the
//! canonical text and its hash.

use super::load::{load_ruleset, overrides, ruleset_sha256};
use super::provider_tests::provider_of;
use super::template::TEMPLATE;
use super::validate::validate;
use super::*;
use crate::model::{Grade, KnownProvider, ProviderDimension, provider_key};

pub(super) fn error(text: &str) -> String {
    match ruleset_from_toml(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

const INFRA: ProviderDimension = ProviderDimension::Infrastructure;
const MODELS: ProviderDimension = ProviderDimension::ModelVendor;

#[test]
fn default_ruleset_has_the_spec_numbers() {
    let r = default_ruleset();
    assert_eq!(r.name, "default");
    assert_eq!(
        (r.horizon_months, r.lookahead_months, r.lookahead()),
        (18, 60, 60)
    );
    assert_eq!(
        (r.target_ratio, r.warn_ratio, r.discount_rate),
        (3.0, 2.0, 0.10)
    );
    assert_eq!(
        (r.single_source_pct, r.concentrated_pct, r.share_tolerance),
        (95.0, 75.0, 1.0)
    );
    assert_eq!(
        (
            r.systems_min,
            r.agent_min_capabilities,
            r.chatbot_max_capabilities
        ),
        (2, 3, 1)
    );
    assert_eq!(
        (r.weights.roi, r.weights.diversification, r.weights.agentic),
        (0.5, 0.25, 0.25)
    );
    let b = &r.grade_bands;
    assert_eq!((b.a, b.b, b.c, b.d), (85.0, 70.0, 55.0, 40.0));
    assert_eq!(
        (r.gates.max_grade_if_fail, r.gates.max_grade_if_warn),
        (Grade::C, Grade::B)
    );
    assert_eq!(r.fiscal_year_start_month, 1);
    for (name, id, label) in [
        ("Amazon Web Services", "aws", "AWS"),
        ("AWS Bedrock", "aws", "AWS"),
        ("Microsoft Azure", "azure", "Azure"),
        ("Azure OpenAI", "azure", "Azure"),
        ("Google Cloud", "gcp", "Google Cloud"),
        ("GCP", "gcp", "Google Cloud"),
        ("Vertex AI", "gcp", "Google Cloud"),
        ("on-prem", "on_prem", "On-premises"),
        ("on-premises", "on_prem", "On-premises"),
        ("self-hosted", "on_prem", "On-premises"),
        ("OCI", "oracle", "Oracle Cloud"),
    ] {
        assert_eq!(provider_of(&r.providers, name), Some(id), "{name}");
        assert_eq!(r.provider_label(INFRA, id), label);
    }
    for (name, id, label) in [
        ("Azure OpenAI", "openai", "OpenAI"),
        ("ChatGPT", "openai", "OpenAI"),
        ("Claude", "anthropic", "Anthropic"),
        ("Gemini", "google", "Google"),
        ("Llama", "meta", "Meta"),
        (
            "Llama (self-hosted)",
            "llama_self_hosted",
            "Llama (self-hosted)",
        ),
        ("Mistral", "mistral", "Mistral AI"),
        ("self-hosted", "in_house_model", "In-house model"),
    ] {
        assert_eq!(provider_of(&r.model_providers, name), Some(id), "{name}");
        assert_eq!(r.provider_label(MODELS, id), label);
    }
    // A platform is infrastructure, not a model vendor.
    assert_eq!(provider_of(&r.model_providers, "bedrock"), None);
    assert_eq!(r.provider_label(MODELS, "bedrock"), "bedrock");
    // Aliases are kept sorted and in lower case, so the template stays tidy.
    for dimension in ProviderDimension::ALL {
        for (id, p) in r.provider_table(dimension) {
            assert!(p.aliases.is_sorted(), "{id}");
            assert!(p.aliases.iter().all(|a| *a == a.to_lowercase()), "{id}");
            assert_eq!(provider_key(id), *id);
        }
    }
    assert!(validate(&r).is_ok());
}

#[test]
fn template_is_the_canonical_text_of_the_default() {
    assert_eq!(canonical_toml(&default_ruleset()), TEMPLATE);
    assert!(overrides(&default_ruleset()).is_empty());
}

#[test]
fn a_file_overrides_any_subset() {
    let r = ruleset_from_toml(
        "name = \"acme\"\ntarget_ratio = 4\nfiscal_year_start_month = 4\nreforecast = \"Run-Rate\"\n[grade_bands]\nA = 90\n\
         [gates]\nmax_grade_if_fail = \"d\"\n\
         [providers.acme]\nlabel = \"Acme Cloud\"\naliases = [\"Acme EU\", \"acme-cloud\"]\n\
         [model_providers.openai]\naliases = [\"GPT-5\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.name, "acme");
    assert_eq!(r.target_ratio, 4.0);
    assert_eq!(r.fiscal_year_start_month, 4);
    assert_eq!((r.grade_bands.a, r.grade_bands.b), (90.0, 70.0));
    assert_eq!(r.gates.max_grade_if_fail, Grade::D);
    assert_eq!(r.warn_ratio, 2.0);
    assert_eq!(r.reforecast, crate::model::Reforecast::RunRate);
    assert_eq!(
        r.providers.get("acme"),
        Some(&KnownProvider {
            label: "Acme Cloud".into(),
            aliases: vec!["acme eu".into(), "acme-cloud".into()],
        })
    );
    assert_eq!(r.provider_label(INFRA, "acme"), "Acme Cloud");
    // Only in its own table; the other table's providers stay.
    assert_eq!(r.provider_label(MODELS, "acme"), "acme");
    assert_eq!(provider_of(&r.model_providers, "gpt-5"), Some("openai"));
    assert_eq!(provider_of(&r.model_providers, "chatgpt"), Some("openai"));
    assert_eq!(provider_of(&r.providers, "amazon"), Some("aws"));
    assert_eq!(
        overrides(&r),
        [
            "fiscal_year_start_month",
            "gates.max_grade_if_fail",
            "grade_bands.A",
            "model_providers.openai.aliases",
            "name",
            "providers.acme",
            "reforecast",
            "target_ratio",
        ]
    );
}

#[test]
fn each_validation_error_names_its_key() {
    let cases = [
        (
            "horizon_month = 12",
            "unknown key `horizon_month` (did you mean `horizon_months`?)",
        ),
        (
            "[weights]\nroi = 0.5\nagentik = 0.25",
            "unknown key `weights.agentik` (did you mean `weights.agentic`?)",
        ),
        (
            "roi = 0.6",
            "unknown key `roi` (did you mean `weights.roi`?)",
        ),
        ("colour = 1", "unknown key `colour`"),
        (
            "reforecast = \"trend\"",
            "key `reforecast`: expected \"plan\" or \"run_rate\", found \"trend\"",
        ),
        (
            "reforecast = 1",
            "key `reforecast`: expected text, found integer",
        ),
        (
            "horizon_months = \"18\"",
            "key `horizon_months`: expected a whole number, found string",
        ),
        (
            "target_ratio = true",
            "key `target_ratio`: expected a number, found boolean",
        ),
        (
            "weights = 1",
            "key `weights`: expected a table, found integer",
        ),
        (
            "target_ratio = nan",
            "key `target_ratio`: expected a finite number",
        ),
        (
            "[weights]\nroi = 0.6",
            "key `weights`: the weights must sum to 1",
        ),
        (
            "[weights]\nroi = -0.5\nagentic = 1.25",
            "key `weights.roi`: a weight cannot be negative",
        ),
        (
            "[grade_bands]\nB = 90",
            "key `grade_bands`: bands must fall",
        ),
        ("[grade_bands]\nD = -1", "key `grade_bands`"),
        ("[grade_bands]\nA = 101", "key `grade_bands`"),
        (
            "horizon_months = 0",
            "key `horizon_months`: the horizon must be at least 1 month, found 0",
        ),
        (
            "horizon_months = -6",
            "key `horizon_months`: the horizon must be at least 1 month, found -6",
        ),
        ("lookahead_months = 0", "key `lookahead_months`"),
        (
            "lookahead_months = 100000",
            "key `lookahead_months`: at most 1200 months",
        ),
        (
            "systems_min = -1",
            "key `systems_min`: expected a whole number from 0",
        ),
        (
            "warn_ratio = 3.5",
            "key `warn_ratio`: 3.5 is above target_ratio 3",
        ),
        (
            "target_ratio = 0\nwarn_ratio = 0",
            "key `target_ratio`: a ratio must be above 0",
        ),
        (
            "concentrated_pct = 96",
            "key `concentrated_pct`: 96 is above single_source_pct 95",
        ),
        (
            "single_source_pct = 120",
            "key `single_source_pct`: a percent must be from 0 to 100",
        ),
        (
            "concentrated_pct = -5",
            "key `concentrated_pct`: a percent must be from 0 to 100",
        ),
        (
            "discount_rate = -1",
            "key `discount_rate`: must be above -1",
        ),
        (
            "agent_min_capabilities = 6",
            "key `agent_min_capabilities`: there are only 5 capabilities",
        ),
        (
            "chatbot_max_capabilities = 9",
            "key `chatbot_max_capabilities`",
        ),
        (
            "share_tolerance = -0.5",
            "key `share_tolerance`: cannot be negative",
        ),
        (
            "[gates]\nmax_grade_if_warn = \"E\"",
            "key `gates.max_grade_if_warn`: expected a grade A, B, C, D or F",
        ),
        (
            "fiscal_year_start_month = 0",
            "key `fiscal_year_start_month`: expected a month from 1 to 12, found 0",
        ),
        (
            "fiscal_year_start_month = 13",
            "key `fiscal_year_start_month`: expected a month from 1 to 12, found 13",
        ),
        (
            "fiscal_year_start_month = \"April\"",
            "key `fiscal_year_start_month`: expected a whole number, found string",
        ),
        (
            "fiscal_year_start = 4",
            "unknown key `fiscal_year_start` (did you mean `fiscal_year_start_month`?)",
        ),
        ("target_ratio = ", "the ruleset is not valid TOML"),
    ];
    for (text, expected) in cases {
        let message = error(text);
        assert!(
            message.starts_with(expected),
            "{text:?}\n  gave: {message}\n  want: {expected}"
        );
    }
}

#[test]
fn canonical_text_round_trips() {
    let mut r = default_ruleset();
    r.name = "Acme \"strict\"\\ruleset".to_owned();
    r.target_ratio = 2.75;
    r.discount_rate = 0.1 + 0.2;
    r.weights.roi = 0.6;
    r.weights.diversification = 0.2;
    r.weights.agentic = 0.2;
    r.fiscal_year_start_month = 10;
    r.providers.insert(
        "acme".to_owned(),
        KnownProvider {
            label: "Acme \"Cloud\"".to_owned(),
            aliases: vec!["acme cloud".to_owned(), "at&t cloud".to_owned()],
        },
    );
    if let Some(openai) = r.model_providers.get_mut("openai") {
        openai.aliases.push("gpt-5".to_owned());
        openai.aliases.sort();
    }
    let text = canonical_toml(&r);
    let back = ruleset_from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back, r);
    assert_eq!(canonical_toml(&back), text);
}

#[test]
fn canonical_text_writes_values_in_the_templates_spelling() {
    let mut r = default_ruleset();
    r.name = "Acme \"strict\"\\ruleset".to_owned();
    r.target_ratio = 4.0;
    r.discount_rate = 0.1 + 0.2;
    r.providers = [
        ("acme", "Acme", vec![]),
        ("aws", "AWS", vec!["my cloud"]),
        (
            "at&t",
            "AT&T",
            vec![
                "a very long alias name",
                "another very long alias name",
                "and one more",
            ],
        ),
    ]
    .into_iter()
    .map(|(id, label, aliases)| {
        let aliases = aliases.into_iter().map(String::from).collect();
        let label = label.to_owned();
        (id.to_owned(), KnownProvider { label, aliases })
    })
    .collect();
    let text = canonical_toml(&r);
    // Text stays a basic string, floats keep their point, providers
    // replace the template's, each a table, its aliases wrapped.
    assert!(
        text.contains("\nname = \"Acme \\\"strict\\\"\\\\ruleset\"\n"),
        "{text}"
    );
    assert!(text.contains("\ntarget_ratio = 4.0\n"), "{text}");
    assert!(
        text.contains("\ndiscount_rate = 0.30000000000000004\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\n[providers.acme]\nlabel = \"Acme\"\naliases = []\n\n\
             [providers.\"at&t\"]\nlabel = \"AT&T\"\n\
             aliases = [\"a very long alias name\", \"another very long alias name\",\n    \"and one more\"]\n\n\
             [providers.aws]\nlabel = \"AWS\"\naliases = [\"my cloud\"]\n\n# Model vendors"
        ),
        "{text}"
    );
    assert!(!text.contains("[providers.gcp]"), "{text}");
    // Every comment of the template is kept.
    let comments = |t: &str| t.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(comments(&text), comments(TEMPLATE));
}

#[test]
fn sha_is_stable_and_follows_the_values() {
    let default = ruleset_sha256(&default_ruleset());
    assert_eq!(default.len(), 64);
    assert!(
        default
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    assert_eq!(ruleset_sha256(&default_ruleset()), default);
    let mut r = default_ruleset();
    r.warn_ratio = 2.5;
    assert_ne!(ruleset_sha256(&r), default);
    // Rebuilding the same values in a different order gives the same hash.
    let reordered = ruleset_from_toml("[weights]\nagentic = 0.25\nroi = 0.5\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ruleset_sha256(&reordered), default);
}

#[test]
fn load_ruleset_reads_a_file_and_records_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("strict.toml");
    std::fs::write(&path, "target_ratio = 4.0\n").unwrap_or_else(|e| panic!("{e}"));
    let (r, record) = load_ruleset(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.target_ratio, 4.0);
    assert_eq!(record.overrides, ["target_ratio"]);
    assert_eq!(record.sha256, ruleset_sha256(&r));
    assert_eq!(record.path, Some(path.display().to_string()));
    let missing = load_ruleset(&dir.path().join("missing.toml")).map(|_| ());
    assert!(matches!(missing, Err(RulesetError::Read { .. })));
}
