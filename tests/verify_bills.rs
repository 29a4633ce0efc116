//! `verify` of a run with bills whose files were moved: found as moved
//! intake inputs are (by the path relative to the output, then by name
//! under the output's folder, or under `--inputs` by SHA-256), said where,
//! a same-named bill with another hash reported as changed; the
//! `--bills-aggregate` result alike.

use serde_json::Value;

use crate::bills_sql::{ai_bills, python, run_query, write_query};
use crate::common::{Workdir, fixture, stderr, stdout};

const BILLS: [(&str, &str); 3] = [
    ("bills/ai/aws_bedrock.csv", "aws_bedrock.csv"),
    (
        "bills/ai/azure/azure_openai.csv.gz",
        "azure/azure_openai.csv.gz",
    ),
    ("bills/ai/gcp_vertex.csv", "gcp_vertex.csv"),
];

/// `score run/projects.csv` as of 10 April 2026 (EUR at 1.1 in `fx.csv`)
/// with `extra`, its JSON written to `run/out/run.json`; the exit code is 0.
fn score_run(wd: &Workdir, extra: &[&str]) {
    let mut args = vec![
        "score",
        "run/projects.csv",
        "--as-of",
        "2026-04-10",
        "--fx",
        "fx.csv",
        "-q",
        "--json",
        "run/out/run.json",
    ];
    args.extend_from_slice(extra);
    let out = wd.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `run/` holding the intake, `run/bills/` the three AI bills and
/// `run/out/run.json` the scored run, `--bills run/bills`.
fn scored_run(wd: &Workdir) -> Value {
    for dir in ["run/bills/azure", "run/out"] {
        std::fs::create_dir_all(wd.path(dir)).unwrap();
    }
    wd.copy(&fixture("bills/projects.csv"), "run/projects.csv");
    for (from, to) in BILLS {
        wd.copy(&fixture(from), &format!("run/bills/{to}"));
    }
    wd.write("fx.csv", "EUR,1.1\n");
    score_run(wd, &["-o", "run/out/graded.xlsx", "--bills", "run/bills"]);
    serde_json::from_str(&std::fs::read_to_string(wd.path("run/out/run.json")).unwrap()).unwrap()
}

#[test]
fn bills_moved_with_the_output_are_found_and_a_changed_one_is_named() {
    let wd = Workdir::new();
    let doc = scored_run(&wd);
    // Each bill's path relative to the output's folder is recorded.
    let relative: Vec<&str> = doc["run"]["bills"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["relative_path"].as_str().unwrap())
        .collect();
    assert_eq!(
        relative,
        [
            "../bills/aws_bedrock.csv",
            "../bills/azure/azure_openai.csv.gz",
            "../bills/gcp_vertex.csv"
        ]
    );
    // The bills section itself names files as read, without it.
    assert!(doc["bills"]["files"][0].get("relative_path").is_none());
    std::fs::rename(wd.path("run"), wd.path("moved")).unwrap();
    let out = wd.run(&["verify", "moved/out/run.json"]);
    let said = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{said}{}", stderr(&out));
    for (_, bill) in BILLS {
        let line = format!("bill run/bills/{bill}: found beside the output: moved/bills/{bill}");
        assert!(said.contains(&line), "no {line:?} in {said}");
    }
    assert!(
        said.contains("input run/projects.csv: found beside the output"),
        "{said}"
    );
    assert!(
        said.contains("moved/out/run.json: reproduced exactly"),
        "{said}"
    );
    let out = wd.run(&["verify", "moved/out/graded.xlsx"]);
    assert!(
        stdout(&out).contains("moved/out/graded.xlsx: reproduced exactly"),
        "{}",
        stdout(&out)
    );
    // Found by name where the relative path no longer leads.
    std::fs::create_dir_all(wd.path("moved/out/old")).unwrap();
    std::fs::rename(
        wd.path("moved/bills/gcp_vertex.csv"),
        wd.path("moved/out/old/gcp_vertex.csv"),
    )
    .unwrap();
    let out = wd.run(&["verify", "moved/out/run.json"]);
    assert!(
        stdout(&out).contains(
            "bill run/bills/gcp_vertex.csv: found beside the output: moved/out/old/gcp_vertex.csv"
        ),
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // A same-named bill with other contents is changed, naming both hashes.
    let mut text = std::fs::read_to_string(wd.path("moved/out/old/gcp_vertex.csv")).unwrap();
    let row = text.lines().nth(1).unwrap().to_string();
    text.push_str(&row);
    text.push('\n');
    wd.write("moved/out/old/gcp_vertex.csv", &text);
    let out = wd.run(&["verify", "moved/out/run.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let recorded = doc["run"]["bills"]["files"][2]["sha256"].as_str().unwrap();
    let said = stdout(&out);
    assert!(
        said.contains(
            "bill run/bills/gcp_vertex.csv: changed: moved/out/old/gcp_vertex.csv beside the \
             output has its name but SHA-256 "
        ) && said.contains(&format!("the run recorded {recorded}")),
        "{said}"
    );
    assert!(said.contains("NOT reproduced"), "{said}");
}

#[test]
fn bills_renamed_under_inputs_are_found_by_sha256() {
    let wd = Workdir::new();
    scored_run(&wd);
    std::fs::create_dir_all(wd.path("archive/2026-04")).unwrap();
    std::fs::rename(wd.path("run/projects.csv"), wd.path("archive/intake.csv")).unwrap();
    for (i, (_, bill)) in BILLS.iter().enumerate() {
        let to = format!("archive/2026-04/export-{i}.bin");
        std::fs::rename(wd.path(&format!("run/bills/{bill}")), wd.path(&to)).unwrap();
    }
    std::fs::remove_dir_all(wd.path("run/bills")).unwrap();
    let out = wd.run(&["verify", "run/out/run.json", "--inputs", "archive"]);
    let said = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{said}{}", stderr(&out));
    assert!(
        said.contains(
            "bill run/bills/azure/azure_openai.csv.gz: found in --inputs by SHA-256: \
             archive/2026-04/export-1.bin"
        ),
        "{said}"
    );
    assert!(
        said.contains("run/out/run.json: reproduced exactly"),
        "{said}"
    );
}

#[test]
fn a_moved_aggregate_result_is_found_beside_the_output() {
    let Some(python) = python("a_moved_aggregate_result_is_found_beside_the_output") else {
        return;
    };
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path("run/out")).unwrap();
    wd.write("fx.csv", "EUR,1.1\n");
    wd.copy(&fixture("bills/projects.csv"), "run/projects.csv");
    write_query(
        &wd,
        "query.sql",
        "run/projects.csv",
        &["--dialect", "duckdb"],
    );
    run_query(&wd, &python, "run/result.parquet", &ai_bills());
    score_run(
        &wd,
        &[
            "-o",
            "run/out/g.xlsx",
            "--bills-aggregate",
            "run/result.parquet",
        ],
    );
    std::fs::rename(wd.path("run"), wd.path("moved")).unwrap();
    let out = wd.run(&["verify", "moved/out/run.json"]);
    let said = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{said}{}", stderr(&out));
    assert!(
        said.contains("bill run/result.parquet: found beside the output: moved/result.parquet"),
        "{said}"
    );
    assert!(
        said.contains("moved/out/run.json: reproduced exactly"),
        "{said}"
    );
}
