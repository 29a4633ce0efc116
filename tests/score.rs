//! `airoi score` on the bundled sample and on fixtures, as a user runs it.

use serde_json::Value;

use crate::common::{Workdir, fixture, root, run_at_root, score_json_at_root, stderr, stdout};
use crate::sample_generator;

const AS_OF: &str = "2026-01-31";

/// `score --json` from the repository root as of [`AS_OF`]: the exit code
/// and the document.
fn score_json(wd: &Workdir, inputs: &[&str]) -> (i32, Value) {
    score_json_at_root(wd, AS_OF, inputs)
}

#[test]
fn sample_scores_cleanly_and_covers_every_verdict() {
    let wd = Workdir::new();
    let (code, json) = score_json(&wd, &["samples/portfolio.xlsx"]);
    assert_eq!(code, 0);
    let p = &json["portfolio"];
    assert_eq!(p["projects"], 13);
    assert_eq!(p["rejected"], 0);
    for grade in ["A", "B", "C", "D", "F"] {
        assert!(
            p["grades"][grade].as_u64().unwrap() > 0,
            "grade {grade} present"
        );
    }
    let mut verdicts: Vec<String> = Vec::new();
    for project in json["projects"].as_array().unwrap() {
        for check in ["roi", "diversification", "agentic"] {
            verdicts.push(
                project["checks"][check]["verdict"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
    }
    for verdict in [
        "Quantified 3:1",
        "Below 3:1",
        "Below 2:1",
        "Not quantifiable",
        "Not assessable",
        "Diversified",
        "Concentrated",
        "Single-source",
        "Agent",
        "Transitional",
        "Chatbot (lagging)",
    ] {
        assert!(
            verdicts.iter().any(|v| v == verdict),
            "{verdict} is in the sample"
        );
    }
    let gated: Vec<&str> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["gate"].is_null())
        .map(|p| p["project_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        gated,
        ["FIN-009", "DOC-013"],
        "one warn gate and one fail gate"
    );
}

#[test]
fn worked_example_row_matches_the_spec() {
    let wd = Workdir::new();
    let (_, json) = score_json(&wd, &["samples/portfolio.xlsx"]);
    let fin = &json["projects"][0];
    assert_eq!(fin["project_id"], "FIN-001");
    assert_eq!(fin["grade"], "A");
    assert_eq!(fin["total"], 94.0);
    assert_eq!(fin["phase"], "Validated");
    let roi = &fin["checks"]["roi"];
    assert_eq!(roi["compute_total"], 195_000.0);
    assert_eq!(roi["benefit_total"], 800_000.0);
    assert_eq!(roi["payback_month"], 3);
    assert_eq!(roi["target_month"], 8);
    assert!((roi["npv"].as_f64().unwrap() - 554_671.16).abs() < 0.005);
    assert_eq!(fin["checks"]["diversification"]["hhi"], 5200.0);
    assert_eq!(fin["checks"]["agentic"]["capabilities"], 4);
    assert_eq!(fin["source"]["sheet"], "Projects");
    assert_eq!(fin["source"]["row"], 2);
    assert_eq!(fin["extra"]["Cost Centre"], "CC-4100");
}

#[test]
fn json_keeps_the_contract_names() {
    let wd = Workdir::new();
    let (_, json) = score_json(&wd, &["samples/portfolio.xlsx"]);
    let run = &json["run"];
    for key in ["tool", "version", "as_of", "ruleset", "inputs"] {
        assert!(!run[key].is_null(), "run.{key}");
    }
    assert_eq!(run["as_of"], AS_OF);
    assert_eq!(run["ruleset"]["name"], "default");
    assert_eq!(run["ruleset"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(run["inputs"][0]["path"], "samples/portfolio.xlsx");
    assert_eq!(run["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    for key in [
        "projects",
        "rejected",
        "compute_total",
        "benefit_total",
        "ratio",
        "hhi",
        "grades",
        "checks",
    ] {
        assert!(json["portfolio"].get(key).is_some(), "portfolio.{key}");
    }
    let project = &json["projects"][0];
    for key in [
        "project_id",
        "project_name",
        "grade",
        "total",
        "phase",
        "source",
        "checks",
        "notes",
        "extra",
    ] {
        assert!(project.get(key).is_some(), "projects[].{key}");
    }
    for key in [
        "status",
        "score",
        "verdict",
        "ratio",
        "payback_month",
        "target_month",
        "npv",
        "irr",
        "net_benefit",
        "compute_total",
        "benefit_total",
        "benefit_factor_needed",
        "compute_factor_needed",
        "explanation",
    ] {
        assert!(project["checks"]["roi"].get(key).is_some(), "roi.{key}");
    }
    for key in [
        "status",
        "score",
        "verdict",
        "top_share",
        "hhi",
        "effective_providers",
        "explanation",
    ] {
        assert!(
            project["checks"]["diversification"].get(key).is_some(),
            "diversification.{key}"
        );
    }
    for key in ["status", "score", "verdict", "capabilities", "explanation"] {
        assert!(
            project["checks"]["agentic"].get(key).is_some(),
            "agentic.{key}"
        );
    }
    assert_eq!(
        project["checks"]["roi"]["status"], "pass",
        "statuses are lower case"
    );
    // Not assessable: ratio and months are null, not zero.
    let rnd = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project_id"] == "RND-008")
        .unwrap();
    assert!(rnd["checks"]["roi"]["ratio"].is_null());
    assert!(rnd["checks"]["roi"]["payback_month"].is_null());
}

#[test]
fn csv_twin_scores_the_same_as_the_workbook() {
    let wd = Workdir::new();
    let (_, xlsx) = score_json(&wd, &["samples/portfolio.xlsx"]);
    let (code, csv) = score_json(
        &wd,
        &["samples/portfolio.csv", "samples/portfolio.cashflows.csv"],
    );
    assert_eq!(code, 0);
    let pick = |json: &Value| -> Vec<(String, String, f64, Vec<f64>)> {
        json["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["project_id"].as_str().unwrap().to_string(),
                    p["grade"].as_str().unwrap().to_string(),
                    p["total"].as_f64().unwrap(),
                    ["roi", "diversification", "agentic"]
                        .iter()
                        .map(|c| p["checks"][c]["score"].as_f64().unwrap())
                        .collect(),
                )
            })
            .collect()
    };
    assert_eq!(pick(&xlsx), pick(&csv));
}

#[test]
fn same_inputs_and_as_of_give_identical_bytes() {
    let wd = Workdir::new();
    let run = |n: &str| {
        let xlsx = wd.path(&format!("{n}.xlsx"));
        let json = wd.path(&format!("{n}.json"));
        let out = run_at_root(&[
            "score",
            "samples/portfolio.xlsx",
            "--as-of",
            AS_OF,
            "-q",
            "-o",
            xlsx.to_str().unwrap(),
            "--json",
            json.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        (std::fs::read(xlsx).unwrap(), std::fs::read(json).unwrap())
    };
    let first = run("one");
    let second = run("two");
    assert!(first.0 == second.0, "workbooks differ");
    assert!(first.1 == second.1, "JSON differs");
}

#[test]
fn rejected_rows_mean_exit_1_and_still_every_output() {
    let wd = Workdir::new();
    let messy = fixture("intake/messy_finance.xlsx");
    let (code, json) = score_json(&wd, &["samples/portfolio.xlsx", messy.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(json["portfolio"]["projects"], 15);
    assert_eq!(json["portfolio"]["rejected"], 3);
    let rejected = json["rejected"].as_array().unwrap();
    assert!(
        rejected
            .iter()
            .any(|r| r["cell"] == "G8" && r["message"] == "\"tbd\" is not an amount")
    );
    assert!(wd.path("graded.xlsx").exists());
    // A numeric id cell reads as "123", never "123.0"; text "00123" keeps its zeros.
    let ids: Vec<&str> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["project_id"].as_str().unwrap())
        .skip(13)
        .collect();
    assert_eq!(ids, ["123", "00123"]);
    // The percentage-formatted growth cell (2%) reads as 2 percent.
    let growth = json["projects"][13]["checks"]["roi"]["evidence"]["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["field"] == "compute_growth_pct")
        .map(|i| i["raw"].clone());
    assert_eq!(growth, Some(serde_json::json!("2%")));
}

#[test]
fn nothing_scored_is_exit_2_and_no_outputs() {
    let wd = Workdir::new();
    let bad = wd.copy(&fixture("intake/export.xls"), "export.xls");
    let out = wd.run(&["score", bad.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nothing could be scored"));
    assert!(!wd.path("export.graded.xlsx").exists());

    let usage = wd.run(&["score"]);
    assert_eq!(usage.status.code(), Some(2), "a usage error");
    let bad_date = wd.run(&["score", bad.to_str().unwrap(), "--as-of", "31/01/2026"]);
    assert_eq!(bad_date.status.code(), Some(2));
}

#[test]
fn workbook_goes_beside_the_first_input_by_default() {
    let wd = Workdir::new();
    let input = wd.copy(&root().join("samples/portfolio.xlsx"), "unit.xlsx");
    let out = wd.run(&["score", input.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(wd.path("unit.graded.xlsx").exists());
    let summary = stderr(&out);
    assert!(summary.contains("airoi: 13 projects scored (A 3, B 2, C 3, D 1, F 4), 0 rows rejected; 1 file read; wrote"), "{summary}");
    assert!(
        stdout(&out).contains("FIN-001  Invoice matching agent"),
        "a table on stdout"
    );
}

/// Without `-o`, a run may replace its own earlier workbook, but not a
/// file of that name that airoi did not write, unless told to.
#[test]
fn the_default_workbook_never_replaces_a_file_airoi_did_not_write() {
    let wd = Workdir::new();
    let input = wd.copy(&root().join("samples/portfolio.xlsx"), "unit.xlsx");
    let graded = wd.path("unit.graded.xlsx");
    let input = input.to_str().unwrap();
    let first = wd.run(&["score", input, "--as-of", AS_OF, "-q"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = wd.run(&["score", input, "--as-of", AS_OF, "-q"]);
    assert_eq!(again.status.code(), Some(0), "its own output is replaced");
    std::fs::write(&graded, b"the unit's own notes").unwrap();
    let refused = wd.run(&["score", input, "--as-of", AS_OF, "-q"]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        stderr(&refused),
        format!(
            "airoi: error: {} exists and is not an airoi output; pass --force to replace it, or -o to write elsewhere\n",
            graded.display()
        )
    );
    assert_eq!(std::fs::read(&graded).unwrap(), b"the unit's own notes");
    let forced = wd.run(&["score", input, "--as-of", AS_OF, "-q", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(std::fs::read(&graded).unwrap().starts_with(b"PK"));
}

#[test]
fn json_to_standard_output() {
    let out = run_at_root(&[
        "score",
        "samples/portfolio.xlsx",
        "--as-of",
        AS_OF,
        "-q",
        "-o",
        Workdir::new().path("x.xlsx").to_str().unwrap(),
        "--json",
        "-",
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("only JSON on stdout");
    assert_eq!(json["portfolio"]["projects"], 13);
}

#[test]
fn csv_to_standard_output() {
    let wd = Workdir::new();
    let out = run_at_root(&[
        "score",
        "samples/portfolio.xlsx",
        "--as-of",
        AS_OF,
        "-o",
        wd.path("x.xlsx").to_str().unwrap(),
        "--csv",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // Only the CSV: no table for people mixed in.
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    assert_eq!(&headers[0], "Project ID");
    let share = headers
        .iter()
        .position(|h| h == "Top Share")
        .expect("Top Share");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), 13);
    assert_eq!(&records[0][0], "FIN-001");
    // A share in percent points, as the JSON holds it (azure 60%).
    assert_eq!(&records[0][share], "60");
    assert!(!crate::common::root().join("-").exists(), "no file named -");
    let summary = stderr(&out);
    assert!(
        summary.contains(&format!("wrote {} in", wd.path("x.xlsx").display())),
        "{summary}"
    );
}

#[test]
fn an_output_named_for_another_format_is_refused_before_reading() {
    let wd = Workdir::new();
    for (flag, name, message) in [
        (
            "-o",
            "graded.csv",
            "the graded workbook is a .xlsx file, not .csv; name it",
        ),
        (
            "--json",
            "run.xlsx",
            "the JSON document is a .json file, not .xlsx; name it",
        ),
        (
            "--csv",
            "scores.json",
            "the scores table as CSV is a .csv file, not .json; name it",
        ),
    ] {
        let path = wd.path(name);
        let out = run_at_root(&[
            "score",
            "samples/portfolio.xlsx",
            flag,
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(
            stderr(&out).starts_with(&format!(
                "airoi: error: {flag} {}: {message}",
                path.display()
            )),
            "{}",
            stderr(&out)
        );
        assert!(!path.exists(), "{flag}");
    }
    let both = run_at_root(&[
        "score",
        "samples/portfolio.xlsx",
        "--json",
        "-",
        "--csv",
        "-",
    ]);
    assert_eq!(both.status.code(), Some(2));
    assert_eq!(
        stderr(&both),
        "airoi: error: --json - and --csv - cannot both write to standard output; send one to a file\n"
    );
}

#[test]
fn an_output_folder_that_does_not_exist_fails_before_reading() {
    let wd = Workdir::new();
    let out = run_at_root(&[
        "score",
        "samples/portfolio.xlsx",
        "-o",
        wd.path("no/such/dir/x.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
}

#[test]
fn refuses_to_write_over_an_input() {
    let wd = Workdir::new();
    let input = wd.copy(&root().join("samples/portfolio.xlsx"), "unit.xlsx");
    let before = std::fs::read(&input).unwrap();
    let out = wd.run(&[
        "score",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn a_filled_in_template_scores() {
    let wd = Workdir::new();
    let filled = fixture("intake/filled_template.xlsx");
    let (code, json) = score_json(&wd, &[filled.to_str().unwrap()]);
    assert_eq!(code, 0, "{json}");
    let ids = crate::common::project_ids(&json);
    assert_eq!(
        ids,
        ["TPL-1", "2024"],
        "example rows removed; a numeric id reads as text"
    );
    let tpl = &json["projects"][0];
    assert_eq!(tpl["checks"]["roi"]["status"], "pass");
    assert_eq!(tpl["checks"]["agentic"]["verdict"], "Agent");
}

#[test]
fn committed_sample_workbook_is_current() {
    let wd = Workdir::new();
    let out_path = wd.path("portfolio.graded.xlsx");
    let out = run_at_root(&[
        "score",
        "samples/portfolio.xlsx",
        "--as-of",
        AS_OF,
        "-q",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fresh = std::fs::read(&out_path).unwrap();
    let committed_path = root().join("samples/portfolio.graded.xlsx");
    if std::env::var_os("AIROI_BLESS").is_some() {
        std::fs::write(&committed_path, &fresh).unwrap();
    }
    let committed = std::fs::read(&committed_path).unwrap_or_default();
    assert!(
        fresh == committed,
        "samples/portfolio.graded.xlsx is stale: run `AIROI_BLESS=1 cargo test committed_sample_workbook_is_current`"
    );
}

#[test]
fn committed_samples_match_their_generator() {
    let wd = Workdir::new();
    sample_generator::write_samples(wd.dir()).expect("the generator writes the samples");
    for name in sample_generator::SAMPLE_FILES {
        let fresh = std::fs::read(wd.path(name)).unwrap();
        let committed = std::fs::read(root().join("samples").join(name)).unwrap();
        assert!(
            fresh == committed,
            "samples/{name} differs from what samples/generator.rs writes: run `cargo run --example make-samples`"
        );
    }
}

/// Every Scores and Findings cell is shown in its column's format: the
/// columns carry the formats and the cells take them (a measured value
/// shown otherwise in Findings keeps a format of its own).
#[test]
fn scores_and_findings_cells_take_their_columns_formats() {
    let wd = Workdir::new();
    let input = wd.copy(&root().join("samples/portfolio.xlsx"), "unit.xlsx");
    let graded = wd.path("graded.xlsx");
    let out = wd.run(&[
        "score",
        input.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-q",
        "-o",
        graded.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_string())
    };
    for (sheet, columns) in [
        ("xl/worksheets/sheet2.xml", 39),
        ("xl/worksheets/sheet3.xml", 12),
    ] {
        let xml = crate::common::zip_entry(&graded, sheet);
        // The sample's own extra columns (Cost Centre, Notes) follow, as text.
        // Neighbouring columns alike are one `<col min max>`.
        let mut styles: Vec<Option<String>> = Vec::new();
        for tag in xml.split("<col ").skip(1) {
            let tag = format!(" {tag}");
            let number = |name| attr(&tag, name).and_then(|n| n.parse::<usize>().ok());
            let (min, max) = (number("min").expect("min"), number("max").expect("max"));
            styles.resize(max, None);
            for style in &mut styles[min - 1..max] {
                *style = attr(&tag, "style");
            }
        }
        assert!(
            styles[..columns].iter().all(Option::is_some),
            "{sheet}: {styles:?}"
        );
        let row: &str = xml.split("<row r=\"2\"").nth(1).expect("a data row");
        let row = &row[..row.find("</row>").expect("the row's end")];
        let mut cells = 0;
        for cell in row.split("<c r=\"").skip(1) {
            let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
            let col = letters
                .bytes()
                .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1))
                - 1;
            let shown = attr(&format!(" {cell}"), "s").expect("a cell format");
            if col >= columns || (sheet.ends_with("sheet3.xml") && col == 7) {
                continue;
            }
            assert_eq!(Some(shown), styles[col], "{sheet}: {letters}2");
            cells += 1;
        }
        assert!(cells > columns / 2, "{sheet}: {cells} cells checked");
    }
}

/// IT-007 loses 45,361 over 18 months: it has no payback month and no IRR
/// (its net flows open with a profit), where it once showed +253.72% and
/// "payback month 1". OPS-002's IRR of some 2.5·10^16 % is kept in the
/// JSON and written "> 1,000%" for people.
#[test]
fn a_money_losing_project_has_no_irr_and_no_payback() {
    let wd = Workdir::new();
    let (code, json) = score_json(&wd, &["samples/portfolio.xlsx"]);
    assert_eq!(code, 0);
    assert_eq!(json["schema_version"], 2);
    let roi = |id: &str| crate::common::project(&json, id)["checks"]["roi"].clone();
    let it = roi("IT-007");
    assert!(it["net_benefit"].as_f64().unwrap() < 0.0);
    assert_eq!(it["irr"], Value::Null);
    assert_eq!(it["irr_reason"], "the first net flow is not an outlay");
    assert_eq!(it["payback_month"], Value::Null);
    let ops = roi("OPS-002");
    assert!(ops["irr"].as_f64().unwrap() > 1e12, "{ops:#}");
    assert_eq!(ops["irr_reason"], Value::Null);
    // No compute given: one explanation, not "does not reach 3:1".
    let rnd = roi("RND-008");
    assert_eq!(rnd["verdict"], "Not assessable");
    assert_eq!(rnd["irr_reason"], "no compute spend was given");
    assert_eq!(rnd["payback_month"], Value::Null);
    let scores = crate::common::zip_entry(&wd.path("graded.xlsx"), "xl/worksheets/sheet2.xml");
    assert!(
        scores.contains("<t>&gt; 1,000%</t>"),
        "the Scores sheet writes it for people"
    );
}

/// `diff` writes each portfolio figure as people read it: a label, counts
/// whole ("+1", not "+1.00"), money and changes with thousands separators.
#[test]
fn diff_writes_figures_in_words_and_numbers_one_way() {
    let wd = Workdir::new();
    let before = wd.path("before.json");
    let after = wd.path("after.json");
    let extra = wd.write(
        "extra.csv",
        "Project ID,Project Name,Monthly Compute Cost,Monthly Benefit,Benefit Metric,Providers,Interaction Pattern\n\
         X-1,Extra,1000000,4000000,efficiency,aws:50;gcp:50,workflow_agent\n",
    );
    let sample = root().join("samples/portfolio.xlsx");
    for (json, inputs) in [
        (&before, vec![sample.to_str().unwrap()]),
        (
            &after,
            vec![sample.to_str().unwrap(), extra.to_str().unwrap()],
        ),
    ] {
        let mut args = vec!["score", "--as-of", AS_OF, "-q", "-o"];
        let out_xlsx = json.with_extension("xlsx");
        args.push(out_xlsx.to_str().unwrap());
        args.extend(["--json", json.to_str().unwrap()]);
        args.extend(inputs);
        let out = wd.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = wd.run(&["diff", before.to_str().unwrap(), after.to_str().unwrap()]);
    let text = stdout(&out);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in {text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(line("Projects scored"), "Projects scored 13 → 14 +1");
    assert!(line("Compute spend").ends_with("+18,000,000"), "{text}");
    assert!(line("Provider concentration (HHI)").contains('→'), "{text}");
    assert!(
        !text.contains("compute_total") && !text.contains(".00\n"),
        "{text}"
    );
}

#[test]
fn an_fx_rate_typed_where_its_file_goes_is_refused_saying_what_fx_takes() {
    let wd = Workdir::new();
    let sample = root().join("samples/portfolio.csv");
    let out = wd.run(&["score", sample.to_str().unwrap(), "--fx", "EUR,1.1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "--fx EUR,1.1: no such file; --fx takes a CSV file of `currency,rate` rows, one a \
             currency (a line `EUR,1.1` reads 1 EUR = 1.1 of the run currency)"
        ),
        "{}",
        stderr(&out)
    );
}
