//! `airoi bills-sql` and `score --bills-aggregate` without running the
//! query: what each dialect says it assumes, and a result written for
//! another cost basis or intake refused. The query run for real is in
//! `bills_sql`.

use crate::common::{Workdir, fixture, stderr, stdout};

#[test]
fn an_aggregate_for_another_cost_basis_or_intake_is_refused() {
    let wd = Workdir::new();
    let intake = fixture("bills/projects.csv").display().to_string();
    // `score --bills-aggregate file`: the exit code and stderr.
    let score_aggregate = |file: &str| {
        let out = wd.run(&[
            "score",
            &intake,
            "-q",
            "-o",
            "g.xlsx",
            "--bills-aggregate",
            file,
        ]);
        (out.status.code(), stderr(&out))
    };
    let header =
        "record,project_id,month,provider,publisher,service,currency,amount,row_count,detail\n";
    let settings = "settings,,,,,,,,0,cost_basis=billed;include_tax=false;ai_service_category=ai and machine learning\n";
    wd.write("billed.csv", format!("{header}{settings}"));
    let (code, err) = score_aggregate("billed.csv");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("the query was written for cost_basis=billed;include_tax=false"),
        "{err}"
    );
    wd.write(
        "other.csv",
        format!(
            "{header}{}rule,FIN-001,,,,,,,0,tag:team=x\n",
            settings.replace("billed", "effective")
        ),
    );
    let (code, err) = score_aggregate("other.csv");
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "project FIN-001: the query allocated by `tag:team=x` (share None), this run's intake says `tag:ai-project=FIN-001`"
        ),
        "{err}"
    );
}

#[test]
fn each_dialect_says_what_it_assumes_in_the_query_and_the_help() {
    let wd = Workdir::new();
    let intake = fixture("bills/projects.csv").display().to_string();
    for (dialect, assumes) in [
        (
            "spark",
            "-- Assumes Spark SQL (Databricks): FOCUS columns by their FOCUS names; Tags a JSON string",
        ),
        (
            "bigquery",
            "-- Assumes BigQuery: FOCUS columns by their FOCUS names (Google's FOCUS view); Tags of type JSON",
        ),
        (
            "snowflake",
            "-- Assumes Snowflake: FOCUS columns quoted in FOCUS's mixed case (\"ProviderName\"); Tags an OBJECT or VARIANT",
        ),
        (
            "duckdb",
            "-- Assumes DuckDB: FOCUS columns by their FOCUS names",
        ),
    ] {
        let out = wd.run(&[
            "bills-sql",
            &intake,
            "--dialect",
            dialect,
            "--table",
            "billing.focus",
        ]);
        let sql = stdout(&out);
        assert!(sql.contains(assumes), "{dialect}: {sql}");
        assert!(sql.contains("FROM billing.focus\n"), "{dialect}");
    }
    let help = stdout(&wd.run(&["bills-sql", "--help"]));
    for words in [
        "spark and duckdb a `Tags`\nJSON string",
        "bigquery `Tags` of type JSON",
        "snowflake `Tags` an OBJECT or VARIANT",
    ] {
        let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat(&help).contains(&flat(words)), "{help}");
    }
}
