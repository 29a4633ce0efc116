use super::*;
use crate::import::bills::ProjectAllocation;

fn project(id: &str, rule: Option<&str>, share: Option<f64>) -> ProjectAllocation {
    ProjectAllocation {
        project_id: id.into(),
        rule: rule.map(str::to_string),
        share,
    }
}

fn ruleset() -> Ruleset {
    crate::rules::default_ruleset()
}

#[test]
fn quotes_in_rule_values_are_escaped_per_dialect() {
    assert_eq!(Dialect::Duckdb.literal("O'Brien\\x"), "'O''Brien\\x'");
    assert_eq!(Dialect::Snowflake.literal("O'Brien\\x"), "'O''Brien\\\\x'");
    assert_eq!(Dialect::Spark.literal("O'Brien\\x"), "'O\\'Brien\\\\x'");
    assert_eq!(Dialect::Bigquery.literal("O'Brien\\x"), "'O\\'Brien\\\\x'");
    let rows = rule_rows(
        &[project("P'1", Some("tag:team=O'Brien"), None)],
        &ruleset(),
    )
    .unwrap();
    assert_eq!(rows[0].value, "o'brien");
    let rules = QueryOptions {
        dialect: Dialect::Duckdb,
        table: "focus",
        basis: CostBasis::Effective,
        ruleset: &ruleset(),
        rules_table: None,
    };
    let sql = bills_query(&rows, &rules);
    assert!(sql.contains("SELECT 'P''1' AS project_id"), "{sql}");
    assert!(sql.contains("'o''brien' AS value"), "{sql}");
}

#[test]
fn globs_become_like_patterns_with_their_wildcards_escaped() {
    assert_eq!(like_pattern("arn:aws:bedrock:*"), "arn:aws:bedrock:%");
    assert_eq!(like_pattern("*Bedrock*"), "%bedrock%");
    assert_eq!(like_pattern("db_prod%1\\x*"), "db\\_prod\\%1\\\\x%");
    let rows = rule_rows(
        &[project("P1", Some("resource:my_bucket*"), None)],
        &ruleset(),
    )
    .unwrap();
    assert_eq!(
        (rows[0].kind, rows[0].value.as_str()),
        ("resource", "my\\_bucket%")
    );
    assert_eq!(
        Dialect::Duckdb.like("a", "b"),
        "a LIKE b ESCAPE '\\'",
        "DuckDB has no default escape"
    );
    assert_eq!(Dialect::Bigquery.like("a", "b"), "a LIKE b");
}

#[test]
fn and_binds_tighter_than_or_in_the_rules_table() {
    let rows = rule_rows(
        &[project(
            "P1",
            Some("tag:CostCenter=CC-1 & service:AI and Machine Learning | subaccount:77"),
            Some(60.0),
        )],
        &ruleset(),
    )
    .unwrap();
    let shape: Vec<(usize, usize, usize, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r.alt,
                r.cond,
                r.n,
                r.kind,
                r.tag_key.as_str(),
                r.value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (0, 0, 2, "tag", "costcenter", "cc-1"),
            (0, 1, 2, "service", "", "ai and machine learning"),
            (1, 2, 1, "subaccount", "", "77"),
        ]
    );
    assert!(rows.iter().all(|r| r.share == Some(60.0)));
    assert_eq!(
        rows[0].rule,
        "tag:CostCenter=CC-1 & service:AI and Machine Learning | subaccount:77"
    );
}

#[test]
fn a_provider_condition_holds_for_every_spelling_of_the_provider() {
    let rows = rule_rows(&[project("P1", Some("provider:aws"), None)], &ruleset()).unwrap();
    let values: Vec<&str> = rows.iter().map(|r| r.value.as_str()).collect();
    assert!(
        values.contains(&"aws") && values.contains(&"amazon web services"),
        "{values:?}"
    );
    assert!(rows.iter().all(|r| r.cond == 0 && r.n == 1));
}

#[test]
fn the_default_rule_fills_in_the_project_id_and_the_csv_holds_the_table() {
    let rows = rule_rows(&[project("FIN-1", None, None)], &ruleset()).unwrap();
    assert_eq!(
        (rows[0].tag_key.as_str(), rows[0].value.as_str()),
        ("ai-project", "fin-1")
    );
    let mut csv = Vec::new();
    write_rules_csv(&rows, &mut csv).unwrap();
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        "project_id,ord,share,rule,alt,cond,n,kind,tag_key,value\n\
         FIN-1,0,,tag:ai-project=FIN-1,0,0,1,tag,ai-project,fin-1\n"
    );
}

#[test]
fn tax_and_commitments_follow_the_ruleset_and_basis() {
    let mut rules = ruleset();
    let rows = rule_rows(&[project("P1", None, None)], &rules).unwrap();
    let query = |rules: &Ruleset, basis| {
        bills_query(
            &rows,
            &QueryOptions {
                dialect: Dialect::Duckdb,
                table: "focus",
                basis,
                ruleset: rules,
                rules_table: None,
            },
        )
    };
    let sql = query(&rules, CostBasis::Effective);
    assert!(sql.contains("WHEN category = 'tax' THEN 'tax_excluded'"));
    assert!(sql.contains("THEN 'commitment_excluded'"));
    assert!(sql.contains("TRY_CAST(EffectiveCost AS DOUBLE) AS cost"));
    rules.bills.include_tax = true;
    let sql = query(&rules, CostBasis::Billed);
    let counted = "CASE WHEN is_ai THEN 'counted_ai' ELSE 'counted' END";
    assert!(sql.contains(&format!("WHEN category = 'tax' THEN {counted}")));
    assert!(sql.contains(&format!("AND commitment <> '' THEN {counted}")));
    assert!(sql.contains("TRY_CAST(BilledCost AS DOUBLE) AS cost"));
    assert!(sql.contains("cost_basis=billed;include_tax=true"));
}
