//! What a user reads about the bills: a Parquet file's rows are told as
//! rows, never lines; unallocated AI spend names its provider as the rest
//! of airoi does; an intake given among the bills is refused naming the
//! order that works, before anything is read.

use serde_json::Value;

use crate::common::{Workdir, fixture, stderr};

fn path_of(rel: &str) -> String {
    fixture(rel).display().to_string()
}

/// `score --json` of the bill fixtures' projects with `extra`; the exit
/// code, the JSON document (`Null` when none was written) and stderr.
fn score(wd: &Workdir, extra: &[&str]) -> (i32, Value, String) {
    let intake = path_of("bills/projects.csv");
    let mut args = vec![
        "score",
        &intake,
        "--as-of",
        "2026-04-10",
        "-o",
        "graded.xlsx",
        "--json",
        "scores.json",
    ];
    args.extend_from_slice(extra);
    let out = wd.run(&args);
    let doc = std::fs::read_to_string(wd.path("scores.json")).map_or(Value::Null, |t| {
        serde_json::from_str(&t).expect("valid JSON")
    });
    (out.status.code().unwrap_or(-1), doc, stderr(&out))
}

#[test]
fn a_parquet_bill_without_a_rate_is_refused_naming_the_row() {
    let wd = Workdir::new();
    let (code, doc, err) = score(&wd, &["--bills", &path_of("bills_parquet/yen")]);
    assert_eq!(code, 1, "{err}");
    let why = "has BillingCurrency JPY in row 1, with no exchange rate into USD; add a \
               `JPY,RATE` row to the --fx table";
    assert_eq!(doc["bills"]["files"][0]["refused"], why);
    assert!(
        err.contains(&format!("jpy.parquet refused: it {why}")),
        "{err}"
    );
    assert!(!err.contains("line"), "{err}");
}

#[test]
fn bad_parquet_rows_and_conflicts_are_told_by_row() {
    let wd = Workdir::new();
    let (code, doc, err) = score(&wd, &["--bills", &path_of("bills_parquet/bad")]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("bad_rows.parquet row 3: EffectiveCost \"n/a\" is not a number"),
        "{err}"
    );
    assert!(!err.contains("bad_rows.parquet:"), "{err}");
    wd.write("fx.csv", "EUR,1.1\n");
    let (code, doc_ai, err) = score(
        &wd,
        &["--fx", "fx.csv", "--bills", &path_of("bills_parquet/ai")],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("(first at ") && err.contains("aws_bedrock.parquet row 9)"),
        "{err}"
    );
    // The JSON keeps its key: `line` holds the Parquet row.
    assert_eq!(doc["bills"]["bad_rows"]["first"][1]["line"], 3);
    assert!(
        doc_ai["bills"]["conflicts"][0]["first"]
            .as_str()
            .unwrap()
            .ends_with("aws_bedrock.parquet row 9")
    );
}
