//! `airoi bills-sql` and `score --bills-aggregate`, tested for real: the
//! DuckDB query runs (through `tests/bills_sql.py` in the test-only Python
//! environment `.ci/run` sets up) over the generated AI-service bills and
//! the FOCUS 1.2 samples, and its result read back must give the JSON
//! `bills` section of `score --bills` on the same files, to the cent. The
//! Spark, BigQuery and Snowflake queries are parsed with sqlglot.
//!
//! The interpreter is `AIROI_TEST_PYTHON` (default `.ci/venv/bin/python`);
//! without it, or without `duckdb` and `sqlglot` in it, the tests skip
//! saying so, and fail where `AIROI_REQUIRE_PYTHON=1` (as `.ci/run` sets).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{Workdir, external_data, fixture, root, stderr, stdout};

/// The test Python with `duckdb` and `sqlglot`, or `None` (said on stderr)
/// where the run does not require it.
pub fn python(test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("AIROI_TEST_PYTHON")
        .map_or_else(|| root().join(".ci/venv/bin/python"), PathBuf::from);
    let usable = Command::new(&path)
        .args(["-c", "import duckdb, sqlglot"])
        .output()
        .is_ok_and(|o| o.status.success());
    if usable {
        return Some(path);
    }
    let required = std::env::var("AIROI_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{test}: {} with duckdb and sqlglot is missing, and this run requires it \
         (AIROI_REQUIRE_PYTHON=1); `.ci/run` creates it",
        path.display()
    );
    let _ = std::io::Write::write_fmt(
        &mut std::io::stderr(),
        format_args!(
            "skipped {test}: no Python with duckdb and sqlglot at {} (set AIROI_TEST_PYTHON, or run .ci/run once)\n",
            path.display()
        ),
    );
    None
}

/// Runs `tests/bills_sql.py` with `args`, failing the test on an error.
pub fn run_python(python: &PathBuf, args: &[&str]) {
    let out = Command::new(python)
        .arg(root().join("tests/bills_sql.py"))
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "bills_sql.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `airoi bills-sql` for `intake` with `extra` flags, written to `name`.
pub fn write_query(wd: &Workdir, name: &str, intake: &str, extra: &[&str]) {
    let mut args = vec!["bills-sql", intake];
    args.extend_from_slice(extra);
    let out = wd.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    wd.write(name, stdout(&out));
}

/// Runs the DuckDB query `query.sql` over `bills`, writing `out` (CSV, or
/// Parquet for a `.parquet` name).
pub fn run_query(wd: &Workdir, python: &PathBuf, out: &str, bills: &[String]) {
    let query = wd.path("query.sql").display().to_string();
    let out = wd.path(out).display().to_string();
    let mut args = vec!["duckdb", query.as_str(), out.as_str()];
    args.extend(bills.iter().map(String::as_str));
    run_python(python, &args);
}

/// The FOCUS samples' two cost centres, cc-1042 and cc-2087, as projects
/// allocated by their cost-centre tag: `centres.csv`.
pub fn write_centres(wd: &Workdir) {
    let mut intake = String::from(
        "project_id,project_name,monthly_compute_cost,monthly_benefit,benefit_metric,\
         providers,interaction_pattern,cost_allocation\n",
    );
    for centre in ["cc-1042", "cc-2087"] {
        let _ = writeln!(
            intake,
            "{centre},Centre {centre},1000,5000,efficiency,aws,copilot,\
             tag:CostCenter={centre}|tag:cost-center={centre}"
        );
    }
    wd.write("centres.csv", intake);
}

/// The FOCUS samples' cost centres as projects (`centres.csv`), their
/// DuckDB query (`query.sql`) run over the sample CSVs in `dir`, writing
/// `out`.
pub fn query_centres(wd: &Workdir, python: &PathBuf, dir: &Path, out: &str) {
    write_centres(wd);
    write_query(wd, "query.sql", "centres.csv", &["--dialect", "duckdb"]);
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    run_query(wd, python, out, &files);
}

/// `score --json` of `intake` with `extra` flags; the JSON document.
pub fn score(wd: &Workdir, intake: &str, json: &str, extra: &[&str]) -> Value {
    let mut args = vec!["score", intake, "--as-of", "2026-06-15", "-q"];
    args.extend_from_slice(&["-o", "graded.xlsx", "--json", json]);
    args.extend_from_slice(extra);
    let out = wd.run(&args);
    assert!(out.status.code() == Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&std::fs::read_to_string(wd.path(json)).unwrap()).unwrap()
}

/// The `bills` section without what names the files read (the bills, or
/// the one aggregate) and where a conflict was first seen; every amount
/// rounded to the cent.
pub fn figures(doc: &Value) -> Value {
    let mut b = doc["bills"].clone();
    let o = b.as_object_mut().expect("a bills section");
    o.remove("files");
    o.remove("skipped");
    for c in o["conflicts"].as_array_mut().into_iter().flatten() {
        c.as_object_mut().unwrap().remove("first");
    }
    cents(&mut b);
    b
}

fn cents(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            *v = Value::from((n.as_f64().unwrap() * 100.0).round() as i64);
        }
        Value::Array(a) => a.iter_mut().for_each(cents),
        Value::Object(o) => o.values_mut().for_each(cents),
        _ => {}
    }
}

/// The bill files of the AI fixture folder.
pub fn ai_bills() -> Vec<String> {
    [
        "bills/ai/aws_bedrock.csv",
        "bills/ai/azure/azure_openai.csv.gz",
        "bills/ai/gcp_vertex.csv",
    ]
    .iter()
    .map(|f| fixture(f).display().to_string())
    .collect()
}

/// Runs the DuckDB query for the fixture projects with `extra` flags (to
/// both commands) and compares the two readings.
fn ai_bills_agree(wd: &Workdir, python: &PathBuf, extra: &[&str], rules_csv: bool) {
    let intake = fixture("bills/projects.csv").display().to_string();
    let mut sql_args = vec!["--dialect", "duckdb"];
    sql_args.extend(extra);
    if rules_csv {
        sql_args.extend(["--rules-csv", "rules.csv"]);
    }
    write_query(wd, "query.sql", &intake, &sql_args);
    let (query, out) = (wd.path("query.sql"), wd.path("aggregate.csv"));
    let mut args = vec![if rules_csv { "duckdb-rules" } else { "duckdb" }];
    let (query, out, rules) = (
        query.display().to_string(),
        out.display().to_string(),
        wd.path("rules.csv").display().to_string(),
    );
    args.extend([query.as_str(), out.as_str()]);
    if rules_csv {
        args.push(&rules);
    }
    let bills = ai_bills();
    args.extend(bills.iter().map(String::as_str));
    run_python(python, &args);
    let mut direct = vec!["--bills"];
    direct.extend(bills.iter().map(String::as_str));
    direct.extend(extra);
    let mut aggregate = vec!["--bills-aggregate", "aggregate.csv"];
    aggregate.extend(extra);
    let a = score(wd, &intake, "direct.json", &direct);
    let b = score(wd, &intake, "aggregate.json", &aggregate);
    assert_eq!(figures(&a), figures(&b), "{extra:?}");
    // Not nothing: the fixtures allocate to projects, leave AI spend
    // unallocated and hold a conflict.
    assert_eq!(a["bills"]["per_project"].as_object().unwrap().len(), 4);
    assert!(!a["bills"]["unallocated"].as_array().unwrap().is_empty());
    assert_eq!(
        b["bills"]["conflicts"][0]["projects"],
        serde_json::json!(["FIN-003", "FIN-004"])
    );
    assert_eq!(b["run"]["bills"]["aggregate"], true);
    assert_eq!(b["run"]["bills"]["files"][0]["path"], "aggregate.csv");
}

#[test]
fn the_duckdb_query_gives_the_figures_of_reading_the_bills() {
    let Some(python) = python("the_duckdb_query_gives_the_figures_of_reading_the_bills") else {
        return;
    };
    let wd = Workdir::new();
    wd.write("fx.csv", "EUR,1.1\n");
    wd.write("tax.toml", "[bills]\ninclude_tax = true\n");
    ai_bills_agree(&wd, &python, &["--fx", "fx.csv"], false);
    ai_bills_agree(
        &wd,
        &python,
        &[
            "--fx",
            "fx.csv",
            "--cost-basis",
            "billed",
            "--rules",
            "tax.toml",
        ],
        false,
    );
    // The rules loaded as a table from the CSV give the same.
    ai_bills_agree(&wd, &python, &["--fx", "fx.csv"], true);
}

#[test]
fn the_duckdb_query_over_the_focus_samples_gives_the_same_cents() {
    let test = "the_duckdb_query_over_the_focus_samples_gives_the_same_cents";
    let Some(dir) = external_data("focus-sample-1.2", test) else {
        return;
    };
    let Some(python) = python(test) else {
        return;
    };
    let wd = Workdir::new();
    query_centres(&wd, &python, &dir, "aggregate.csv");
    let dir = dir.display().to_string();
    let a = score(&wd, "centres.csv", "direct.json", &["--bills", &dir]);
    let b = score(
        &wd,
        "centres.csv",
        "aggregate.json",
        &["--bills-aggregate", "aggregate.csv"],
    );
    assert_eq!(figures(&a), figures(&b));
    // cc-1042's EffectiveCost, as tests/bills_samples.rs sums it independently.
    assert_eq!(
        figures(&b)["per_project"]["cc-1042"]["months"]["2026-05"],
        5_718_087
    );
    assert_eq!(b["bills"]["files"][0]["rows"], 3000);
}

#[test]
fn the_warehouse_dialects_parse_with_sqlglot() {
    let Some(python) = python("the_warehouse_dialects_parse_with_sqlglot") else {
        return;
    };
    let wd = Workdir::new();
    let intake = fixture("bills/projects.csv").display().to_string();
    for dialect in ["spark", "bigquery", "snowflake", "duckdb"] {
        for rules_csv in [false, true] {
            let mut extra = vec!["--dialect", dialect, "--table", "focus"];
            if rules_csv {
                extra.extend(["--rules-csv", "rules.csv"]);
            }
            write_query(&wd, "query.sql", &intake, &extra);
            let query = wd.path("query.sql").display().to_string();
            run_python(&python, &["parse", dialect, &query]);
        }
    }
}

#[test]
fn verify_checks_the_aggregate_file() {
    let Some(python) = python("verify_checks_the_aggregate_file") else {
        return;
    };
    let wd = Workdir::new();
    wd.write("fx.csv", "EUR,1.1\n");
    wd.copy(&fixture("bills/projects.csv"), "projects.csv");
    write_query(&wd, "query.sql", "projects.csv", &["--dialect", "duckdb"]);
    let (query, out) = (
        wd.path("query.sql").display().to_string(),
        wd.path("aggregate.csv").display().to_string(),
    );
    let mut args = vec!["duckdb", query.as_str(), out.as_str()];
    let bills = ai_bills();
    args.extend(bills.iter().map(String::as_str));
    run_python(&python, &args);
    score(
        &wd,
        "projects.csv",
        "run.json",
        &["--fx", "fx.csv", "--bills-aggregate", "aggregate.csv"],
    );
    let out = wd.run(&["verify", "run.json"]);
    assert!(
        stdout(&out).contains("run.json: reproduced exactly"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(wd.path("aggregate.csv")).unwrap();
    wd.write("aggregate.csv", text.replacen("1000.0", "1001.0", 1));
    let out = wd.run(&["verify", "run.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("bill aggregate.csv: SHA-256 is "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn rows_the_warehouse_cannot_read_are_counted_as_airoi_counts_them() {
    let Some(python) = python("rows_the_warehouse_cannot_read_are_counted_as_airoi_counts_them")
    else {
        return;
    };
    let wd = Workdir::new();
    let intake = fixture("bills/projects.csv").display().to_string();
    let bad = fixture("bills/bad/bad_rows.csv").display().to_string();
    write_query(&wd, "query.sql", &intake, &["--dialect", "duckdb"]);
    let (query, out) = (
        wd.path("query.sql").display().to_string(),
        wd.path("aggregate.csv").display().to_string(),
    );
    run_python(&python, &["duckdb", &query, &out, &bad]);
    let mut docs = Vec::new();
    for (json, source) in [
        ("direct.json", ["--bills", &bad]),
        ("aggregate.json", ["--bills-aggregate", "aggregate.csv"]),
    ] {
        let out = wd.run(&[
            "score",
            &intake,
            "--as-of",
            "2026-04-10",
            "-q",
            "-o",
            "g.xlsx",
            "--json",
            json,
            source[0],
            source[1],
        ]);
        // Bad rows make the exit status 1 either way.
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(wd.path(json)).unwrap()).unwrap();
        docs.push(doc);
    }
    let (a, b) = (&docs[0]["bills"], &docs[1]["bills"]);
    assert_eq!(a["bad_rows"]["count"], 2);
    assert_eq!(b["bad_rows"]["count"], 2);
    assert_eq!(
        b["bad_rows"]["first"][0]["message"],
        "2 bill rows have a ChargePeriodStart, cost or Tags the warehouse could not read"
    );
    assert_eq!(
        (
            b["files"][0]["rows"].clone(),
            b["files"][0]["rows_bad"].clone()
        ),
        (
            a["files"][0]["rows"].clone(),
            a["files"][0]["rows_bad"].clone()
        )
    );
    let mut a = figures(&docs[0]);
    let mut b = figures(&docs[1]);
    for doc in [&mut a, &mut b] {
        doc.as_object_mut().unwrap().remove("bad_rows");
    }
    assert_eq!(a, b);
}
