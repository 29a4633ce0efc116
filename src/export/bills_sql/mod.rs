//! The bills aggregation as one SQL query, for bills too big for one
//! machine: a warehouse (Spark, BigQuery, Snowflake, DuckDB) reads its
//! FOCUS table and computes exactly the sums `airoi score --bills` would,
//! per project, month, provider and model vendor, with the unallocated AI
//! spend, the conflicts and the row counts; `airoi score
//! --bills-aggregate` reads the result (`import::bills::read_aggregate`).
//!
//! The query's steps, one CTE each: `bills` reads the FOCUS columns;
//! `classified` sorts each row into counted (AI or not), tax left out,
//! commitment purchase left out, or unreadable; `charges` groups counted
//! rows by everything a rule looks at (far fewer groups than rows);
//! `tag_values` takes the tags the rules name out of the JSON;
//! `hits` joins the rules table; `matched` keeps alternatives whose every
//! condition holds; `claims` counts the projects a charge matches and
//! their shares. The result is one table of records, described in
//! `import::bills::aggregate`.

mod dialect;
mod rules;

pub use dialect::Dialect;
pub use rules::{RULE_COLUMNS, RuleRow, like_pattern, rule_rows, write_csv as write_rules_csv};

use crate::import::bills::{PROJECT_SEPARATOR, settings_text};
use crate::model::{CostBasis, Ruleset};

/// What the query is written for.
#[derive(Debug, Clone, Copy)]
pub struct QueryOptions<'a> {
    /// The warehouse.
    pub dialect: Dialect,
    /// The FOCUS table (`focus`, `project.dataset.focus`).
    pub table: &'a str,
    /// Which cost column counts.
    pub basis: CostBasis,
    /// The ruleset (`[bills]`: tax, the AI service category).
    pub ruleset: &'a Ruleset,
    /// A table the rules were loaded into (`--rules-csv`), instead of the
    /// rules written inline.
    pub rules_table: Option<&'a str>,
}

/// The query over `options.table` allocating by `rules`.
#[must_use]
pub fn bills_query(rules: &[RuleRow], options: &QueryOptions) -> String {
    let d = options.dialect;
    let ruleset = options.ruleset;
    let lit = |s: &str| d.literal(s);
    let rules_source = match options.rules_table {
        Some(table) => format!(
            "SELECT project_id, ord, CAST(share AS {}) AS share, rule, alt, cond, n, kind, \
             COALESCE(tag_key, '') AS tag_key, COALESCE(value, '') AS value FROM {table}",
            d.double_type()
        ),
        None => rules::inline(rules, d),
    };
    let tax = if ruleset.bills.include_tax {
        "CASE WHEN is_ai THEN 'counted_ai' ELSE 'counted' END"
    } else {
        "'tax_excluded'"
    };
    let commitment = match options.basis {
        CostBasis::Effective => "'commitment_excluded'",
        CostBasis::Billed => "CASE WHEN is_ai THEN 'counted_ai' ELSE 'counted' END",
    };
    let keys = rules::tag_keys(rules);
    let tag_values = if options.rules_table.is_some() || keys.is_empty() {
        // Keys read from the loaded table cannot be written into the JSON
        // paths, so every key the rules table holds is tried per charge.
        format!(
            "SELECT c.charge_id, k.tag_key, {} AS tag_value\n    FROM charges c CROSS JOIN \
             (SELECT DISTINCT tag_key FROM rules WHERE kind = 'tag') k",
            dynamic_tag_value(d)
        )
    } else {
        keys.iter()
            .map(|k| {
                format!(
                    "SELECT charge_id, {} AS tag_key, {} AS tag_value FROM charges",
                    lit(k),
                    d.tag_value("tags", k)
                )
            })
            .collect::<Vec<_>>()
            .join("\n    UNION ALL ")
    };
    let nt = d.null_text();
    let double = d.double_type();
    let f = |c: &str| d.text(c);
    format!(
        "-- airoi bills-sql --dialect {dialect}: the FOCUS bills of {table} summed per project, \
         month (UTC) and provider,\n\
         -- as `airoi score --bills` sums them. Save the result as CSV and read it with\n\
         -- `airoi score INTAKE --bills-aggregate FILE`. Cost basis: {basis}; tax {tax_word}.\n\
         -- Assumes {assumes}\n\
         WITH rules AS (\n    {rules_source}\n),\n\
         projects AS (SELECT DISTINCT project_id, ord, share, rule FROM rules),\n\
         bills AS (\n  SELECT {month} AS month,\n    {cost} AS cost,\n    {billed} AS billed,\n    \
         UPPER({currency}) AS currency,\n    LOWER({category}) AS category,\n    \
         {commitment_id} AS commitment,\n    {provider} AS provider,\n    {publisher} AS publisher,\n    \
         {service_category} AS service_category,\n    {service} AS service,\n    \
         {sub_account} AS sub_account,\n    {resource} AS resource,\n    {tags} AS tags\n  \
         FROM {table}\n),\n\
         flagged AS (\n  SELECT b.*, {tags_ok} AS tags_ok,\n    \
         LOWER(service_category) = {ai} AS is_ai\n  FROM bills b\n),\n\
         classified AS (\n  SELECT f.*,\n    CASE\n      \
         WHEN month IS NULL OR cost IS NULL OR NOT tags_ok THEN 'bad'\n      \
         WHEN category = 'tax' THEN {tax}\n      \
         WHEN category = 'purchase' AND commitment <> '' THEN {commitment}\n      \
         WHEN is_ai THEN 'counted_ai'\n      ELSE 'counted'\n    END AS class\n  FROM flagged f\n),\n\
         charges AS (\n  SELECT {charge_id} AS charge_id, g.*\n  FROM (\n    \
         SELECT month, currency, provider, CASE WHEN is_ai THEN publisher END AS publisher,\n      \
         service, is_ai, LOWER(service) AS service_l, LOWER(service_category) AS category_l,\n      \
         LOWER(sub_account) AS sub_account_l, LOWER(resource) AS resource_l,\n      \
         LOWER(provider) AS provider_l, tags, SUM(cost) AS cost, COUNT(*) AS n\n    \
         FROM classified\n    WHERE class IN ('counted', 'counted_ai')\n    \
         GROUP BY month, currency, provider, CASE WHEN is_ai THEN publisher END, service, is_ai,\n      \
         LOWER(service), LOWER(service_category), LOWER(sub_account), LOWER(resource),\n      \
         LOWER(provider), tags\n  ) g\n),\n\
         tag_values AS (\n    {tag_values}\n),\n\
         hits AS (\n  SELECT c.charge_id, r.ord, r.alt, r.cond, r.n\n  \
         FROM charges c JOIN rules r ON\n       \
         (r.kind = 'service' AND (c.service_l = r.value OR c.category_l = r.value))\n    \
         OR (r.kind = 'subaccount' AND c.sub_account_l = r.value)\n    \
         OR (r.kind = 'resource' AND {like})\n    \
         OR (r.kind = 'provider' AND c.provider_l = r.value)\n  UNION ALL\n  \
         SELECT t.charge_id, r.ord, r.alt, r.cond, r.n\n  FROM tag_values t JOIN rules r\n    \
         ON r.kind = 'tag' AND r.tag_key = t.tag_key AND r.value = t.tag_value\n),\n\
         matched AS (\n  SELECT DISTINCT charge_id, ord FROM (\n    \
         SELECT charge_id, ord, alt FROM hits GROUP BY charge_id, ord, alt\n    \
         HAVING COUNT(DISTINCT cond) = MAX(n)\n  ) a\n),\n\
         claims AS (\n  SELECT m.charge_id, p.project_id, p.share,\n    \
         COUNT(*) OVER (PARTITION BY m.charge_id) AS claimants,\n    \
         COUNT(p.share) OVER (PARTITION BY m.charge_id) AS shares,\n    \
         SUM(p.share) OVER (PARTITION BY m.charge_id) AS share_sum\n  \
         FROM matched m JOIN projects p ON p.ord = m.ord\n),\n\
         conflicts AS (\n  SELECT charge_id, {project_list} AS projects\n  FROM claims\n  \
         WHERE claimants > 1 AND shares < claimants\n  GROUP BY charge_id\n)\n\
         SELECT 'settings' AS record, {nt} AS project_id, {nt} AS month, {nt} AS provider,\n  \
         {nt} AS publisher, {nt} AS service, {nt} AS currency, CAST(NULL AS {double}) AS amount,\n  \
         0 AS row_count, {settings} AS detail\n\
         UNION ALL\nSELECT 'rule', project_id, {nt}, {nt}, {nt}, {nt}, {nt}, share, 0, rule FROM projects\n\
         UNION ALL\nSELECT 'bad', {nt}, {nt}, {nt}, {nt}, {nt}, {nt}, CAST(NULL AS {double}), COUNT(*), {nt}\n  \
         FROM classified WHERE class = 'bad'\n\
         UNION ALL\nSELECT 'charges', {nt}, month, provider, {nt}, {nt}, currency,\n  \
         SUM(CASE WHEN class = 'commitment_excluded' THEN COALESCE(billed, 0) ELSE cost END),\n  \
         COUNT(*), class\n  FROM classified WHERE class <> 'bad'\n  GROUP BY month, provider, currency, class\n\
         UNION ALL\nSELECT 'project', cl.project_id, c.month, c.provider, c.publisher, {nt}, c.currency,\n  \
         SUM(CASE WHEN cl.claimants = 1 THEN c.cost ELSE c.cost * cl.share / cl.share_sum END),\n  \
         SUM(c.n), {nt}\n  FROM claims cl JOIN charges c ON c.charge_id = cl.charge_id\n  \
         WHERE cl.claimants = 1 OR cl.shares = cl.claimants\n  \
         GROUP BY cl.project_id, c.month, c.provider, c.publisher, c.currency\n\
         UNION ALL\nSELECT 'unallocated', {nt}, {nt}, c.provider, {nt}, c.service, c.currency,\n  \
         SUM(c.cost), SUM(c.n), {nt}\n  FROM charges c\n  \
         LEFT JOIN (SELECT DISTINCT charge_id FROM matched) u ON u.charge_id = c.charge_id\n  \
         WHERE c.is_ai AND u.charge_id IS NULL\n  GROUP BY c.provider, c.service, c.currency\n\
         UNION ALL\nSELECT 'conflict', {nt}, {nt}, {nt}, {nt}, {nt}, c.currency, SUM(c.cost), SUM(c.n), x.projects\n  \
         FROM conflicts x JOIN charges c ON c.charge_id = x.charge_id\n  \
         GROUP BY x.projects, c.currency\n",
        dialect = d.name(),
        table = options.table,
        basis = options.basis.column(),
        tax_word = if ruleset.bills.include_tax {
            "included"
        } else {
            "left out"
        },
        assumes = d.assumptions(),
        month = d.month(),
        cost = d.number(options.basis.column()),
        billed = d.number("BilledCost"),
        currency = f("BillingCurrency"),
        category = f("ChargeCategory"),
        commitment_id = f("CommitmentDiscountId"),
        provider = f("ProviderName"),
        publisher = f("PublisherName"),
        service_category = f("ServiceCategory"),
        service = f("ServiceName"),
        sub_account = f("SubAccountId"),
        resource = f("ResourceId"),
        tags = d.tags_lower(),
        tags_ok = d.tags_ok("tags"),
        ai = lit(&ruleset.bills.ai_service_category.to_lowercase()),
        like = d.like("c.resource_l", "r.value"),
        project_list = d.sorted_list("project_id", PROJECT_SEPARATOR),
        charge_id = d.hash(&[
            "month",
            "currency",
            "provider",
            "publisher",
            "service",
            "is_ai",
            "service_l",
            "category_l",
            "sub_account_l",
            "resource_l",
            "provider_l",
            "tags"
        ]),
        settings = lit(&settings_text(&ruleset.bills, options.basis)),
    )
}

/// The value of the tag named by the column `k.tag_key`, for rules loaded
/// as a table: the key goes into the JSON path at run time.
fn dynamic_tag_value(d: Dialect) -> String {
    match d {
        Dialect::Duckdb => "CASE WHEN json_valid(c.tags) THEN json_extract_string(c.tags, \
             '$.\"' || k.tag_key || '\"') END"
            .to_string(),
        Dialect::Spark => "get_json_object(c.tags, concat('$[\\'', k.tag_key, '\\']'))".to_string(),
        Dialect::Bigquery => {
            "JSON_VALUE(SAFE.PARSE_JSON(c.tags), CONCAT('$.\"', k.tag_key, '\"'))".to_string()
        }
        Dialect::Snowflake => "TO_VARCHAR(GET(TRY_PARSE_JSON(c.tags), k.tag_key))".to_string(),
    }
}

#[cfg(test)]
mod tests;
