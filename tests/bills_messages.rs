//! What a user reads about the bills: a Parquet file's rows are told as
//! rows, never lines; unallocated AI spend names its provider as the rest
//! of airoi does; an intake given among the bills is refused naming the
//! order that works, before anything is read.

use serde_json::Value;

use crate::common::{Workdir, fixture, path_of, stderr, try_score_bills};

/// `score --json` of the bill fixtures' projects with `extra`; the exit
/// code, the JSON document (`Null` when none was written) and stderr.
fn score(wd: &Workdir, extra: &[&str]) -> (i32, Value, String) {
    let (code, doc, err) = try_score_bills(wd, &fixture("bills/projects.csv"), extra);
    (code, doc.unwrap_or(Value::Null), err)
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

/// The corrected command a refusal shows, as arguments (no path in the
/// fixtures holds a space).
fn corrected_command(err: &str) -> Vec<String> {
    let line = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("airoi score "))
        .unwrap_or_else(|| panic!("no corrected command: {err}"));
    std::iter::once("score")
        .chain(line.split_whitespace())
        .map(str::to_string)
        .collect()
}

#[test]
fn an_intake_spreadsheet_after_the_bills_is_refused_showing_the_order_that_works() {
    let wd = Workdir::new();
    wd.write("fx.csv", "EUR,1.1\n");
    let intake = path_of("bills_review/intake.xlsx");
    let bills = path_of("bills/ai");
    // The intake, the only input, typed after --bills: clap would say an
    // input is missing; airoi says which file went where.
    let out = wd.run(&[
        "score",
        "--as-of",
        "2026-04-10",
        "--fx",
        "fx.csv",
        "-o",
        "graded.xlsx",
        "--json",
        "scores.json",
        "--bills",
        &bills,
        &intake,
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "--bills took {intake} as a bill, but it is a spreadsheet, not a FOCUS export"
        )),
        "{err}"
    );
    assert!(
        err.contains("put the intake inputs before --bills"),
        "{err}"
    );
    for confusing in ["required arguments", "FOCUS columns", "lacks the column"] {
        assert!(!err.contains(confusing), "{err}");
    }
    assert!(!wd.path("graded.xlsx").exists());
    // The command it shows is the intended run.
    let args = corrected_command(&err);
    assert_eq!(args[1..4], ["--as-of", "2026-04-10", "--fx"]);
    let pos = |a: &str| args.iter().position(|x| x == a).unwrap();
    assert!(
        pos(&intake) < pos("--bills") && pos("--bills") < pos(&bills),
        "{args:?}"
    );
    let out = wd.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(wd.path("scores.json")).unwrap()).unwrap();
    assert_eq!(doc["run"]["inputs"].as_array().unwrap().len(), 1);
    assert!(doc["bills"]["per_project"]["FIN-001"].is_object());
}

#[test]
fn an_intake_csv_or_a_renamed_workbook_among_the_bills_is_refused_before_reading() {
    let wd = Workdir::new();
    let bill = path_of("bills/ai/aws_bedrock.csv");
    // A second intake CSV after the bills, and a workbook under another name.
    wd.copy(&fixture("bills/projects.csv"), "more-projects.csv");
    wd.copy(&fixture("bills_review/intake.xlsx"), "intake.dat");
    for (file, says) in [
        (
            "more-projects.csv",
            "more-projects.csv as a bill, but it is an airoi intake file (its header names project_id, ",
        ),
        (
            "intake.dat",
            "intake.dat as a bill, but it is a spreadsheet, not a FOCUS export",
        ),
    ] {
        let (code, doc, err) = score(&wd, &["--bills", &bill, file]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(says), "{err}");
        assert!(doc.is_null(), "nothing is written: {doc}");
        let args = corrected_command(&err);
        let pos = |a: &str| args.iter().position(|x| x == a).unwrap();
        assert!(
            pos(file) < pos("--bills") && pos("--bills") < pos(&bill),
            "{args:?}"
        );
    }
}

#[test]
fn unallocated_ai_spend_names_providers_as_airoi_does_and_keeps_the_billed_name() {
    let wd = Workdir::new();
    wd.write("fx.csv", "EUR,1.1\n");
    // An AI cloud the ruleset does not know, on no project.
    let yen = std::fs::read_to_string(fixture("bills/yen/jpy.csv")).unwrap();
    let header = yen.lines().next().unwrap();
    std::fs::create_dir_all(wd.path("nebius")).unwrap();
    wd.write(
        "nebius/nebius.csv",
        format!(
            "{header}\nNebius,Meta,acct-7,2026-01-09T00:00:00Z,,Usage,,75,75,USD,,,\
             Nebius AI Studio,AI and Machine Learning,,,{{}}\n"
        ),
    );
    let (code, doc, err) = score(
        &wd,
        &[
            "--fx",
            "fx.csv",
            "--report",
            "audit.html",
            "--bills",
            &path_of("bills/ai"),
            "nebius",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Console: the label, as the billed-mix warning names providers.
    for line in [
        "airoi: bills: unallocated AI spend: Azure OpenAI on Azure: USD 220",
        "airoi: bills: unallocated AI spend: Nebius AI Studio on Nebius: USD 75",
    ] {
        assert!(err.contains(line), "no {line:?} in {err}");
    }
    assert!(!err.contains("on Microsoft Azure"), "{err}");
    // JSON: the bill's own ProviderName kept as evidence, the label beside it.
    let shown: Vec<(&str, &str, &str)> = doc["bills"]["unallocated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["provider"].as_str().unwrap(),
                u["label"].as_str().unwrap(),
                u["service"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        shown.contains(&("Microsoft Azure", "Azure", "Azure OpenAI")),
        "{shown:?}"
    );
    assert!(
        shown.contains(&("Nebius", "Nebius", "Nebius AI Studio")),
        "{shown:?}"
    );
    // The report's table and the Summary's provider rows say the same.
    let html = std::fs::read_to_string(wd.path("audit.html")).unwrap();
    assert!(html.contains("<tr><td>Azure</td><td>Azure OpenAI</td>"));
    assert!(html.contains("<tr><td>Nebius</td><td>Nebius AI Studio</td>"));
    assert!(!html.contains("<td>Microsoft Azure</td>"));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(wd.path("graded.xlsx")).unwrap();
    let summary = calamine::Reader::worksheet_range(&mut book, "Summary").unwrap();
    let labels: Vec<String> = summary
        .rows()
        .filter_map(|r| r.first().map(ToString::to_string))
        .collect();
    assert!(labels.iter().any(|l| l == "Nebius"), "{labels:?}");
    assert!(
        !labels
            .iter()
            .any(|l| l == "nebius" || l == "Microsoft Azure"),
        "{labels:?}"
    );
}
