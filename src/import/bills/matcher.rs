//! Allocation rules compiled once for a run, and the projects a bill row
//! matches. Rules are indexed by the tag conditions they require, so a row
//! is tested only against the projects one of its tags could select (and
//! the few rules that require no tag): a run's default rule,
//! `tag:ai-project={project_id}`, costs one hash look-up a tag.

use std::collections::HashMap;

use crate::import::providers::{NameTable, ProviderName};
use crate::model::{AllocationRule, Condition, provider_key};

/// A condition ready to test, its text in lower case.
#[derive(Debug, Clone)]
enum Test {
    Tag(String, String),
    Service(String),
    SubAccount(String),
    /// The glob's pieces between `*`s.
    Resource(Vec<String>),
    /// A provider id.
    Provider(String),
}

/// The fields of a bill row a rule looks at; tags with keys and values in
/// lower case.
#[derive(Debug)]
pub(super) struct RowView<'a> {
    /// The row's provider, as a provider id.
    pub provider_id: &'a str,
    pub service: &'a str,
    pub service_category: &'a str,
    pub sub_account: &'a str,
    pub resource: &'a str,
    pub tags: &'a [(String, String)],
}

impl Test {
    fn holds(&self, row: &RowView) -> bool {
        match self {
            Test::Tag(key, value) => row.tags.iter().any(|(k, v)| k == key && v == value),
            Test::Service(name) => {
                row.service.eq_ignore_ascii_case(name)
                    || row.service_category.eq_ignore_ascii_case(name)
            }
            Test::SubAccount(id) => row.sub_account.eq_ignore_ascii_case(id),
            Test::Resource(pieces) => glob_matches(pieces, row.resource),
            Test::Provider(id) => row.provider_id == id,
        }
    }
}

/// Whether `text` matches the glob whose pieces between `*`s are `pieces`
/// (in lower case), ignoring case.
fn glob_matches(pieces: &[String], text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    let Some((first, rest)) = pieces.split_first() else {
        return true;
    };
    let Some(mut at) = text.strip_prefix(first.as_str()) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return at.is_empty();
    };
    for piece in middle {
        match at.find(piece.as_str()) {
            Some(i) => at = &at[i + piece.len()..],
            None => return false,
        }
    }
    at.len() >= last.len() && at.ends_with(last.as_str())
}

/// A provider name read as an id: the id of a provider the table knows,
/// else the name in id form.
pub(super) fn provider_id(table: &NameTable, name: &str) -> String {
    match table.read(name) {
        ProviderName::Known(id) | ProviderName::Unknown(id) => id,
        ProviderName::NearMiss(_) => provider_key(name),
    }
}

/// Every project's rule, compiled, with the index that finds candidates.
#[derive(Debug)]
pub(super) struct Matcher {
    rules: Vec<Vec<Vec<Test>>>,
    /// Tag key → tag value → projects with an alternative requiring it.
    by_tag: HashMap<String, HashMap<String, Vec<u32>>>,
    /// Projects with an alternative that requires no tag: always tested.
    always: Vec<u32>,
    /// The stamp each project was last tested under, so a row tests a
    /// project once however many of its tags select it.
    tested: Vec<u32>,
    stamp: u32,
}

impl Matcher {
    /// Compiles the rules, in project order; provider names are read
    /// through `providers`.
    pub(super) fn new(rules: &[AllocationRule], providers: &NameTable) -> Matcher {
        let mut by_tag: HashMap<String, HashMap<String, Vec<u32>>> = HashMap::new();
        let mut always = Vec::new();
        let mut compiled = Vec::with_capacity(rules.len());
        for (index, rule) in rules.iter().enumerate() {
            let index = index as u32;
            let mut alternatives = Vec::with_capacity(rule.any.len());
            for all in &rule.any {
                let tests: Vec<Test> = all.iter().map(|c| compile(c, providers)).collect();
                let tag = tests.iter().find_map(|t| match t {
                    Test::Tag(k, v) => Some((k.clone(), v.clone())),
                    _ => None,
                });
                match tag {
                    Some((key, value)) => {
                        let list = by_tag.entry(key).or_default().entry(value).or_default();
                        if list.last() != Some(&index) {
                            list.push(index);
                        }
                    }
                    None if always.last() != Some(&index) => always.push(index),
                    None => {}
                }
                alternatives.push(tests);
            }
            compiled.push(alternatives);
        }
        Matcher {
            tested: vec![u32::MAX; compiled.len()],
            rules: compiled,
            by_tag,
            always,
            stamp: 0,
        }
    }

    /// The projects whose rule the row matches, in project order, into `out`.
    pub(super) fn matches(&mut self, row: &RowView, out: &mut Vec<u32>) {
        out.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == u32::MAX {
            self.tested.fill(u32::MAX);
            self.stamp = 0;
        }
        let candidates = row
            .tags
            .iter()
            .filter_map(|(k, v)| self.by_tag.get(k.as_str())?.get(v.as_str()))
            .flatten()
            .chain(&self.always);
        for &project in candidates {
            let slot = &mut self.tested[project as usize];
            if *slot == self.stamp {
                continue;
            }
            *slot = self.stamp;
            let rule = &self.rules[project as usize];
            if rule.iter().any(|all| all.iter().all(|t| t.holds(row))) {
                out.push(project);
            }
        }
        out.sort_unstable();
    }
}

fn compile(condition: &Condition, providers: &NameTable) -> Test {
    match condition {
        Condition::Tag { key, value } => Test::Tag(key.to_lowercase(), value.to_lowercase()),
        Condition::Service(name) => Test::Service(name.clone()),
        Condition::SubAccount(id) => Test::SubAccount(id.clone()),
        Condition::Resource(glob) => Test::Resource(
            glob.to_ascii_lowercase()
                .split('*')
                .map(str::to_string)
                .collect(),
        ),
        Condition::Provider(name) => Test::Provider(provider_id(providers, name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProviderDimension;

    fn names() -> NameTable {
        let ruleset = crate::rules::default_ruleset();
        NameTable::new(ruleset.provider_table(ProviderDimension::Infrastructure))
    }

    fn matcher(rules: &[&str]) -> Matcher {
        let rules: Vec<AllocationRule> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| AllocationRule::parse(r, &format!("P{i}")).unwrap())
            .collect();
        Matcher::new(&rules, &names())
    }

    fn tags(json: &str) -> Vec<(String, String)> {
        let mut out = crate::import::bills::tags::Tags::default();
        crate::import::bills::tags::read_tags(json, &mut out).unwrap();
        out.pairs().to_vec()
    }

    fn row<'a>(provider: &'a str, tags: &'a [(String, String)]) -> RowView<'a> {
        RowView {
            provider_id: provider,
            service: "Amazon Bedrock",
            service_category: "AI and Machine Learning",
            sub_account: "200000000011",
            resource: "arn:aws:bedrock:us-east-1:200000000011:inference-profile/claude",
            tags,
        }
    }

    fn found(m: &mut Matcher, row: &RowView) -> Vec<u32> {
        let mut out = Vec::new();
        m.matches(row, &mut out);
        out
    }

    #[test]
    fn tag_keys_and_values_ignore_case_and_alternatives_widen() {
        let mut m = matcher(&[
            "tag:CostCenter=cc-1042 | tag:cost-center=cc-1042",
            "tag:ai-project={project_id}",
        ]);
        let aws = tags(r#"{"CostCenter":"CC-1042","Owner":"x"}"#);
        assert_eq!(found(&mut m, &row("aws", &aws)), vec![0]);
        let gcp = tags(r#"{"cost-center":"cc-1042","ai-project":"p1"}"#);
        assert_eq!(found(&mut m, &row("gcp", &gcp)), vec![0, 1]);
        assert!(found(&mut m, &row("aws", &tags("{}"))).is_empty());
    }

    #[test]
    fn and_requires_every_condition() {
        let mut m = matcher(&[
            "tag:CostCenter=cc-1 & service:AI and Machine Learning",
            "tag:CostCenter=cc-1 & service:Compute",
            "subaccount:200000000011 & provider:Amazon Web Services",
            "resource:arn:aws:bedrock:*:inference-profile/*",
            "resource:arn:aws:s3:*",
            "provider:azure",
        ]);
        let t = tags(r#"{"costcenter":"cc-1"}"#);
        assert_eq!(found(&mut m, &row("aws", &t)), vec![0, 2, 3]);
        assert_eq!(found(&mut m, &row("azure", &t)), vec![0, 3, 5]);
    }

    #[test]
    fn globs_anchor_at_both_ends() {
        let glob = |g: &str| -> Vec<String> { g.split('*').map(str::to_string).collect() };
        assert!(glob_matches(
            &glob("arn:aws:bedrock:*"),
            "ARN:aws:bedrock:x"
        ));
        assert!(glob_matches(&glob("*bedrock*"), "arn:aws:bedrock:x"));
        assert!(!glob_matches(&glob("arn:*:s3"), "arn:aws:s3:x"));
        assert!(glob_matches(&glob("a*b*b"), "ab-b"));
        assert!(!glob_matches(&glob("ab*ba"), "aba"));
        assert!(glob_matches(&glob("exact"), "Exact"));
    }

    #[test]
    fn provider_names_read_through_the_ruleset() {
        let names = names();
        assert_eq!(provider_id(&names, "Microsoft Azure"), "azure");
        assert_eq!(provider_id(&names, "AWS"), "aws");
        assert_eq!(provider_id(&names, "Google Cloud"), "gcp");
        assert_eq!(provider_id(&names, "Nebius"), "nebius");
    }
}
