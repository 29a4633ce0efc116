//! Rulesets: the default's numbers, overrides, validation messages, the
//! canonical text and its hash.

use super::load::{load_ruleset, overrides, ruleset_sha256};
use super::template::TEMPLATE;
use super::validate::validate;
use super::*;
use crate::model::Grade;

fn error(text: &str) -> String {
    match ruleset_from_toml(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

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
    let alias = |name: &str| r.provider_aliases.get(name).map(String::as_str);
    for (written, provider) in [
        ("amazon web services", "aws"),
        ("aws bedrock", "aws"),
        ("microsoft azure", "azure"),
        ("azure openai", "azure"),
        ("google cloud", "gcp"),
        ("gcp", "gcp"),
        ("vertex ai", "gcp"),
        ("on-prem", "on_prem"),
        ("self-hosted", "on_prem"),
        ("on-premises", "on_prem"),
        ("oci", "oracle"),
        ("claude", "anthropic"),
    ] {
        assert_eq!(alias(written), Some(provider), "{written}");
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
        "name = \"acme\"\ntarget_ratio = 4\n[grade_bands]\nA = 90\n[gates]\nmax_grade_if_fail = \"d\"\n\
         [provider_aliases]\n\"Acme Cloud\" = \"ACME\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.name, "acme");
    assert_eq!(r.target_ratio, 4.0);
    assert_eq!((r.grade_bands.a, r.grade_bands.b), (90.0, 70.0));
    assert_eq!(r.gates.max_grade_if_fail, Grade::D);
    assert_eq!(r.warn_ratio, 2.0);
    assert_eq!(
        r.provider_aliases.get("acme cloud").map(String::as_str),
        Some("acme")
    );
    assert_eq!(
        r.provider_aliases.get("amazon").map(String::as_str),
        Some("aws")
    );
    assert_eq!(
        overrides(&r),
        [
            "gates.max_grade_if_fail",
            "grade_bands.A",
            "name",
            "provider_aliases.\"acme cloud\"",
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
            "[provider_aliases]\nacme = 3",
            "key `provider_aliases.acme`: expected a provider name",
        ),
        (
            "[provider_aliases]\nacme = \" \"",
            "key `provider_aliases.acme`: a provider name cannot be empty",
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
    r.provider_aliases
        .insert("acme cloud".to_owned(), "acme".to_owned());
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
    r.provider_aliases = [("my cloud", "aws"), ("acme", "acme")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
    let text = canonical_toml(&r);
    // Text stays a basic string, floats keep their point, aliases are
    // quoted like the template's and replace them.
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
        text.ends_with("[provider_aliases]\n\"acme\" = \"acme\"\n\"my cloud\" = \"aws\"\n"),
        "{text}"
    );
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
