//! `score --bills-aggregate` on a warehouse result written as Parquet:
//! DuckDB runs the emitted query over the generated AI bills (and the
//! FOCUS 1.2 samples) and writes its result with `COPY … (FORMAT
//! PARQUET)`; airoi must read the same figures, to the cent, as from the
//! bills themselves and from the CSV result, telling Parquet by its first
//! bytes, and refuse a bad value or a missing column as it refuses them in
//! a CSV result: file, row, column, value and what was expected. Skips
//! without the test Python, as `bills_sql` does.

use crate::bills::file_rows;
use crate::bills_sql::{
    ai_bills, figures, python, query_centres, run_python, run_query, score, write_query,
};
use crate::common::{Workdir, external_data, fixture, stderr};

/// The DuckDB query for the AI bill fixtures' projects (`query.sql`, EUR
/// at 1.1 in `fx.csv`); the intake's path.
fn ai_query(wd: &Workdir) -> String {
    wd.write("fx.csv", "EUR,1.1\n");
    let intake = fixture("bills/projects.csv").display().to_string();
    write_query(wd, "query.sql", &intake, &["--dialect", "duckdb"]);
    intake
}

#[test]
fn a_parquet_result_gives_the_figures_of_the_bills_and_of_the_csv_result() {
    let Some(python) =
        python("a_parquet_result_gives_the_figures_of_the_bills_and_of_the_csv_result")
    else {
        return;
    };
    let wd = Workdir::new();
    let intake = ai_query(&wd);
    let bills = ai_bills();
    run_query(&wd, &python, "aggregate.csv", &bills);
    run_query(&wd, &python, "aggregate.parquet", &bills);
    // Told by content: the same Parquet under a name that says nothing.
    std::fs::copy(wd.path("aggregate.parquet"), wd.path("warehouse-result")).unwrap();
    assert!(
        std::fs::read(wd.path("aggregate.parquet"))
            .unwrap()
            .starts_with(b"PAR1")
    );
    let mut direct = vec!["--fx", "fx.csv", "--bills"];
    direct.extend(bills.iter().map(String::as_str));
    let a = score(&wd, &intake, "direct.json", &direct);
    let aggregate = |file: &str, json: &str| {
        score(
            &wd,
            &intake,
            json,
            &["--fx", "fx.csv", "--bills-aggregate", file],
        )
    };
    let csv = aggregate("aggregate.csv", "csv.json");
    let parquet = aggregate("aggregate.parquet", "parquet.json");
    let unnamed = aggregate("warehouse-result", "unnamed.json");
    assert_eq!(figures(&parquet), figures(&a));
    assert_eq!(figures(&parquet), figures(&csv));
    assert_eq!(figures(&unnamed), figures(&a));
    // Not nothing: FIN-001's January, as tests/bills.rs adds it by hand
    // (Bedrock 1,000 + SageMaker 200).
    assert_eq!(
        figures(&parquet)["per_project"]["FIN-001"]["months"]["2026-01"],
        120_000
    );
    assert_eq!(parquet["run"]["bills"]["aggregate"], true);
    assert_eq!(
        parquet["run"]["bills"]["files"][0]["path"],
        "aggregate.parquet"
    );
    assert_eq!(
        parquet["bills"]["files"][0]["rows"],
        file_rows(&a["bills"]["files"]).iter().sum::<u64>()
    );
}

#[test]
fn the_parquet_result_over_the_focus_samples_gives_the_same_cents() {
    let test = "the_parquet_result_over_the_focus_samples_gives_the_same_cents";
    let Some(dir) = external_data("focus-sample-1.2", test) else {
        return;
    };
    let Some(python) = python(test) else {
        return;
    };
    let wd = Workdir::new();
    query_centres(&wd, &python, &dir, "aggregate.parquet");
    let dir = dir.display().to_string();
    let a = score(&wd, "centres.csv", "direct.json", &["--bills", &dir]);
    let b = score(
        &wd,
        "centres.csv",
        "aggregate.json",
        &["--bills-aggregate", "aggregate.parquet"],
    );
    assert_eq!(figures(&a), figures(&b));
    // cc-1042's EffectiveCost, as tests/bills_samples.rs sums it independently.
    assert_eq!(
        figures(&b)["per_project"]["cc-1042"]["months"]["2026-05"],
        5_718_087
    );
    assert_eq!(b["bills"]["files"][0]["rows"], 3000);
}

/// `score --bills-aggregate file`: the exit code and stderr.
fn refused(wd: &Workdir, file: &str) -> (Option<i32>, String) {
    let intake = fixture("bills/projects.csv").display().to_string();
    let out = wd.run(&[
        "score",
        &intake,
        "--fx",
        "fx.csv",
        "-q",
        "-o",
        "g.xlsx",
        "--bills-aggregate",
        file,
    ]);
    (out.status.code(), stderr(&out))
}

#[test]
fn a_bad_value_or_a_missing_column_is_refused_as_in_a_csv_result() {
    let Some(python) = python("a_bad_value_or_a_missing_column_is_refused_as_in_a_csv_result")
    else {
        return;
    };
    let wd = Workdir::new();
    ai_query(&wd);
    run_query(&wd, &python, "aggregate.csv", &ai_bills());
    let text = std::fs::read_to_string(wd.path("aggregate.csv")).unwrap();
    // The first project row: its month made impossible, then its amount
    // made text. Its CSV line is its Parquet row plus the header's.
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("project,"))
        .expect("a project row");
    let (csv_line, parquet_row) = (index + 1, index);
    let fields: Vec<&str> = line.split(',').collect();
    let to_parquet = |csv: &str, parquet: &str, drop: Option<&str>| {
        let (csv, parquet) = (
            wd.path(csv).display().to_string(),
            wd.path(parquet).display().to_string(),
        );
        let mut args = vec!["to-parquet", csv.as_str(), parquet.as_str()];
        args.extend(drop);
        run_python(&python, &args);
    };
    let cases = [
        (2, "2026-13", "month \"2026-13\" is not YYYY-MM"),
        (7, "n/a", "amount \"n/a\" is not a number"),
    ];
    for (column, value, says) in cases {
        let mut bad = fields.clone();
        bad[column] = value;
        wd.write("bad.csv", text.replacen(line, &bad.join(","), 1));
        to_parquet("bad.csv", "bad.parquet", None);
        let (code, err) = refused(&wd, "bad.csv");
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains(&format!("bad.csv:{csv_line}: {says}")),
            "{err}"
        );
        let (code, err) = refused(&wd, "bad.parquet");
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains(&format!("bad.parquet row {parquet_row}: {says}")),
            "{err}"
        );
    }
    to_parquet("aggregate.csv", "short.parquet", Some("row_count"));
    let (code, err) = refused(&wd, "short.parquet");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(
            "short.parquet is not the result of `airoi bills-sql`: it lacks the columns row_count"
        ),
        "{err}"
    );
    // A file that is neither: its first bytes are not Parquet's, so it is
    // read as CSV and refused for the columns it lacks.
    wd.write("notes.txt", "these are not the figures\n");
    let (code, err) = refused(&wd, "notes.txt");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("notes.txt is not the result of `airoi bills-sql`"),
        "{err}"
    );
}
