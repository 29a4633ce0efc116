//! The projects' allocation rules as the small table the bills query
//! joins: one row a condition, with the project, its share, which
//! alternative (`|`) the condition belongs to and how many conditions
//! (`&`) that alternative needs. Values are in lower case, as every
//! comparison ignores case; a `resource:` glob becomes a `LIKE` pattern.
//! Written inline in the query or as CSV for a warehouse to load.

use crate::import::bills::{PROJECT_SEPARATOR, ProjectAllocation, provider_spellings};
use crate::model::{AllocationRule, Condition, Ruleset};

use super::dialect::Dialect;

/// The table's columns, in order.
pub const RULE_COLUMNS: [&str; 10] = [
    "project_id",
    "ord",
    "share",
    "rule",
    "alt",
    "cond",
    "n",
    "kind",
    "tag_key",
    "value",
];

/// One condition of one project's rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleRow {
    /// The project.
    pub project_id: String,
    /// The project's place in the intake.
    pub ord: usize,
    /// Its `allocation_share`, in percent.
    pub share: Option<f64>,
    /// Its rule, as airoi writes it (the aggregate reader checks it).
    pub rule: String,
    /// The alternative (`|`) the condition belongs to, from 0.
    pub alt: usize,
    /// The condition within the rule, from 0; a `provider:` condition
    /// has a row for each spelling of the provider, under one number.
    pub cond: usize,
    /// How many conditions the alternative needs.
    pub n: usize,
    /// `tag`, `service`, `subaccount`, `resource` or `provider`.
    pub kind: &'static str,
    /// The tag key, in lower case; empty for other kinds.
    pub tag_key: String,
    /// What the bill's field must be, in lower case (a `LIKE` pattern
    /// for `resource`).
    pub value: String,
}

/// The rule table of `projects`, their rules read as `score` reads them.
///
/// # Errors
/// A project whose rule does not read, naming it.
pub fn rule_rows(
    projects: &[ProjectAllocation],
    ruleset: &Ruleset,
) -> Result<Vec<RuleRow>, String> {
    let default = &ruleset.bills.default_allocation;
    let mut rows = Vec::new();
    for (ord, p) in projects.iter().enumerate() {
        if p.project_id.contains(PROJECT_SEPARATOR) {
            return Err(format!(
                "project {}: an id holding `{PROJECT_SEPARATOR}` cannot be told apart in the query's list of a conflict's projects",
                p.project_id
            ));
        }
        let text = p
            .rule
            .clone()
            .unwrap_or_else(|| default.replace("{project_id}", &p.project_id));
        let rule = AllocationRule::parse(&text, &p.project_id)
            .map_err(|why| format!("project {}: cost_allocation {text:?} {why}", p.project_id))?;
        let written = rule.to_string();
        let mut cond = 0;
        for (alt, all) in rule.any.iter().enumerate() {
            for condition in all {
                let row = |kind, tag_key: &str, value: String| RuleRow {
                    project_id: p.project_id.clone(),
                    ord,
                    share: p.share,
                    rule: written.clone(),
                    alt,
                    cond,
                    n: all.len(),
                    kind,
                    tag_key: tag_key.to_string(),
                    value,
                };
                match condition {
                    Condition::Tag { key, value } => {
                        rows.push(row("tag", &key.to_lowercase(), value.to_lowercase()));
                    }
                    Condition::Service(v) => rows.push(row("service", "", v.to_lowercase())),
                    Condition::SubAccount(v) => {
                        rows.push(row("subaccount", "", v.to_lowercase()));
                    }
                    Condition::Resource(glob) => rows.push(row("resource", "", like_pattern(glob))),
                    Condition::Provider(name) => {
                        for spelling in provider_spellings(ruleset, name) {
                            rows.push(row("provider", "", spelling));
                        }
                    }
                }
                cond += 1;
            }
        }
    }
    Ok(rows)
}

/// A `resource:` glob as a `LIKE` pattern in lower case: `*` is any run
/// of characters; `%`, `_` and the escape itself match only themselves.
#[must_use]
pub fn like_pattern(glob: &str) -> String {
    let mut out = String::with_capacity(glob.len() + 4);
    for c in glob.to_lowercase().chars() {
        match c {
            '*' => out.push('%'),
            '%' | '_' | Dialect::LIKE_ESCAPE => {
                out.push(Dialect::LIKE_ESCAPE);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The distinct tag keys the rules look at, sorted.
#[must_use]
pub fn tag_keys(rows: &[RuleRow]) -> Vec<&str> {
    let mut keys: Vec<&str> = rows
        .iter()
        .filter(|r| r.kind == "tag")
        .map(|r| r.tag_key.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The table as CSV, for a warehouse to load (`--rules-csv`).
///
/// # Errors
/// Writing to `out`.
pub fn write_csv<W: std::io::Write>(rows: &[RuleRow], out: W) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(RULE_COLUMNS)?;
    for r in rows {
        csv.write_record([
            r.project_id.clone(),
            r.ord.to_string(),
            r.share.map(|s| s.to_string()).unwrap_or_default(),
            r.rule.clone(),
            r.alt.to_string(),
            r.cond.to_string(),
            r.n.to_string(),
            r.kind.to_string(),
            r.tag_key.clone(),
            r.value.clone(),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

/// The table inline: a `SELECT` a row joined by `UNION ALL` (the one form
/// all four dialects read), or an empty typed `SELECT` without rules.
#[must_use]
pub fn inline(rows: &[RuleRow], d: Dialect) -> String {
    let double = d.double_type();
    let select = |r: &RuleRow| {
        format!(
            "SELECT {} AS project_id, {} AS ord, {} AS share, {} AS rule, {} AS alt, {} AS cond, \
             {} AS n, {} AS kind, {} AS tag_key, {} AS value",
            d.literal(&r.project_id),
            r.ord,
            r.share.map_or_else(
                || format!("CAST(NULL AS {double})"),
                |s| format!("CAST({s} AS {double})")
            ),
            d.literal(&r.rule),
            r.alt,
            r.cond,
            r.n,
            d.literal(r.kind),
            d.literal(&r.tag_key),
            d.literal(&r.value),
        )
    };
    if rows.is_empty() {
        let none = RuleRow {
            project_id: String::new(),
            ord: 0,
            share: None,
            rule: String::new(),
            alt: 0,
            cond: 0,
            n: 1,
            kind: "tag",
            tag_key: String::new(),
            value: String::new(),
        };
        return format!("{} WHERE 1 = 0", select(&none));
    }
    rows.iter()
        .map(select)
        .collect::<Vec<_>>()
        .join("\n    UNION ALL ")
}
