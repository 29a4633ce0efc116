//! Scenarios through the binary: the sample under the three default
//! scenarios (grades and statuses computed by hand from the sample), a
//! custom scenario from `--rules`, `--scenario` selection and the refusal
//! of an unknown name, the Scenarios sheet's cells and chart, and the
//! report's section.

use calamine::{Data, Reader};

use crate::common::{Workdir, project, root, score_json, stderr};

const AS_OF: &str = "2026-03-31";

fn sample() -> String {
    root().join("samples/portfolio.csv").display().to_string()
}

fn result<'a>(json: &'a serde_json::Value, id: &str, scenario: &str) -> &'a serde_json::Value {
    &project(json, id)["scenarios"]["results"][scenario]
}

#[test]
fn the_sample_under_the_default_scenarios() {
    let wd = Workdir::new();
    let (_, json) = score_json(&wd, AS_OF, &[&sample()]);
    // FIN-001: 800,000 / 195,000 = 4.1026:1, a pass, grade A (total 94).
    // compute +25%: 800,000 / 243,750 = 3.28:1, still a pass.
    let up = result(&json, "FIN-001", "compute_up");
    assert!((up["ratio"].as_f64().unwrap_or_default() - 800_000.0 / 243_750.0).abs() < 1e-9);
    assert_eq!(
        (up["status"].as_str(), up["grade"].as_str()),
        (Some("pass"), Some("A"))
    );
    // benefit -30%: 4.1026 × 0.7 = 2.87:1, a warn, capped at B by the gate.
    let down = result(&json, "FIN-001", "benefit_down");
    assert!((down["ratio"].as_f64().unwrap_or_default() - 560_000.0 / 195_000.0).abs() < 1e-9);
    assert_eq!(
        (down["status"].as_str(), down["grade"].as_str()),
        (Some("warn"), Some("B"))
    );
    // 3 months late: 650,000 / 195,000 = 3.33:1, a pass.
    let late = result(&json, "FIN-001", "benefit_late");
    assert!((late["ratio"].as_f64().unwrap_or_default() - 650_000.0 / 195_000.0).abs() < 1e-9);
    assert_eq!(late["status"], "pass");
    let fin = &project(&json, "FIN-001")["scenarios"];
    assert_eq!(fin["worst_grade"], "B");
    assert_eq!(fin["broken_by"], "benefit_down");
    // OPS-002 passes at 3.15:1 on the plan: 25% more compute is 2.52:1, a warn.
    let ops = project(&json, "OPS-002");
    let ratio = ops["checks"]["roi"]["ratio"].as_f64().unwrap_or_default();
    let up = result(&json, "OPS-002", "compute_up");
    assert!((up["ratio"].as_f64().unwrap_or_default() - ratio / 1.25).abs() < 1e-9);
    assert_eq!(up["status"], "warn");
    assert_eq!(ops["scenarios"]["broken_by"], "compute_up");
    // HR-003 fails on the plan; no scenario can make it worse.
    assert_eq!(
        project(&json, "HR-003")["scenarios"]["broken_by"],
        serde_json::Value::Null
    );
    // The portfolio under each: the plan's grades are unchanged.
    let names: Vec<&str> = json["scenarios"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["compute_up", "benefit_down", "benefit_late"]);
    assert_eq!(json["scenarios"][1]["label"], "benefit -30%");
    assert_eq!(json["scenarios"][1]["shocks"]["benefit_cut_pct"], 30.0);
    // No project passes with 30% less benefit: FIN-001, OPS-002 and CS-006 warn.
    assert_eq!(json["scenarios"][1]["validated"], 0);
    assert_eq!(json["scenarios"][1]["grades"]["A"], 0);
    assert_eq!(json["portfolio"]["grades"]["A"], 3);
    let benefit = json["portfolio"]["benefit_total"]
        .as_f64()
        .unwrap_or_default();
    let cut = json["scenarios"][1]["benefit_total"]
        .as_f64()
        .unwrap_or_default();
    assert!((cut - 0.7 * benefit).abs() < 1e-6);
    assert_eq!(json["run"]["outputs"]["scenarios"][2], "benefit_late");
}

#[test]
fn a_custom_scenario_from_rules_and_its_selection() {
    let wd = Workdir::new();
    let rules = wd.write(
        "rules.toml",
        "[scenarios.single]\nlabel = \"largest provider gone\"\nremove_largest_provider = true\n",
    );
    let rules = rules.display().to_string();
    let (_, json) = score_json(
        &wd,
        AS_OF,
        &["--rules", &rules, "--scenario", "single", &sample()],
    );
    let names: Vec<&str> = json["scenarios"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["single"]);
    // FIN-001's azure:60; aws:40 becomes aws:100, single-source: its
    // diversification score falls from 96 to 0, its total from 94 to 70.
    let single = result(&json, "FIN-001", "single");
    assert_eq!(single["total"], 70.0);
    assert_eq!(single["grade"], "B");
    assert_eq!(single["status"], "pass");
    assert_eq!(
        project(&json, "FIN-001")["scenarios"]["broken_by"],
        "single"
    );
}

#[test]
fn an_unknown_scenario_is_refused_with_the_names() {
    let wd = Workdir::new();
    let out = wd.run(&["score", "--as-of", AS_OF, "--scenario", "meteor", &sample()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "--scenario meteor: the ruleset has no scenario of that name; it has compute_up \
             (compute +25%), benefit_down (benefit -30%), benefit_late (benefits 3 months late)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_scenarios_leaves_them_out_and_the_console_names_what_breaks() {
    let wd = Workdir::new();
    let (_, json) = score_json(&wd, AS_OF, &["--no-scenarios", &sample()]);
    assert!(json.get("scenarios").is_none());
    assert!(project(&json, "FIN-001").get("scenarios").is_none());
    let out = wd.run(&["score", "--as-of", AS_OF, "-o", "x.xlsx", &sample()]);
    assert!(
        stderr(&out).contains(
            "airoi: benefit -30%: 6 projects lose their grade or ROI status (FIN-001 A → B, \
             OPS-002 A → B, MKT-004 C → D, CS-006 A → B, SAL-010 B → C, ENG-012 C → D)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_scenarios_sheet_and_its_chart() {
    let wd = Workdir::new();
    score_json(&wd, AS_OF, &[&sample()]);
    let path = wd.path("graded.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("the workbook");
    let sheet = book
        .worksheet_range("Scenarios")
        .expect("a Scenarios sheet");
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let text = |r: u32, c: u32| match cell(r, c) {
        Data::String(s) => s,
        other => format!("{other:?}"),
    };
    // The per-scenario table: the plan, then each scenario; A..F from column C.
    assert_eq!(text(1, 0), "Plan");
    assert_eq!(text(3, 0), "benefit -30%");
    assert_eq!(cell(1, 2), Data::Float(3.0));
    assert_eq!(cell(3, 2), Data::Float(0.0));
    assert_eq!(cell(3, 7), Data::Float(0.0));
    assert_eq!(cell(3, 9), Data::Float(6.0));
    // The project table below the chart.
    let header = (0..sheet.height() as u32)
        .find(|r| text(*r, 0) == "Project ID")
        .expect("the project table");
    let row: Vec<String> = (0..8).map(|c| text(header + 1, c)).collect();
    assert_eq!(
        row,
        [
            "FIN-001",
            "Invoice matching agent",
            "A",
            "A",
            "B",
            "A",
            "B",
            "benefit -30%"
        ]
    );
    // A native clustered column chart: the plan and each scenario a series.
    let file = std::fs::File::open(&path).expect("the workbook");
    let names: Vec<String> = zip::ZipArchive::new(file)
        .expect("a zip package")
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/charts/chart"))
        .map(std::borrow::Cow::into_owned)
        .collect();
    let charts: Vec<String> = names
        .iter()
        .map(|n| crate::common::zip_entry(&path, n))
        .filter(|xml| xml.contains("Grade distribution: plan and scenarios"))
        .collect();
    assert_eq!(charts.len(), 1);
    let xml = &charts[0];
    assert!(xml.contains("<c:barDir val=\"col\"/>"));
    assert!(xml.contains("<c:grouping val=\"clustered\"/>"));
    assert_eq!(xml.matches("<c:ser>").count(), 4);
    assert!(xml.contains("<c:f>Scenarios!$A$4</c:f>"));
    assert!(xml.contains("<c:f>Scenarios!$C$4:$G$4</c:f>"));
}

#[test]
fn the_report_has_a_scenario_section() {
    let wd = Workdir::new();
    for name in ["audit.html", "audit.md"] {
        let out = wd.run(&[
            "score",
            "--as-of",
            AS_OF,
            "-q",
            "-o",
            "x.xlsx",
            "--report",
            name,
            &sample(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = std::fs::read_to_string(wd.path(name)).expect("the report");
        assert!(
            text.contains("Scenarios</h3>") || text.contains("### Scenarios"),
            "{name}"
        );
        assert!(text.contains("benefit -30%"), "{name}");
        assert!(
            text.contains(
                "breaks FIN-001 A → B, OPS-002 A → B, MKT-004 C → D, CS-006 A → B, SAL-010 B → C, \
                 ENG-012 C → D."
            ),
            "{name}"
        );
    }
    let md = std::fs::read_to_string(wd.path("audit.md")).expect("the report");
    assert!(md.contains("| benefit -30% | benefit -30% | 0 | 3 | 2 | 3 | 4 | 0 | 1.41:1 | 6 |"));
}

#[test]
fn one_project_that_breaks_is_told_in_the_singular() {
    let wd = Workdir::new();
    let csv = std::fs::read_to_string(root().join("samples/portfolio.csv")).expect("the sample");
    let mut lines = csv.lines();
    let header = lines.next().expect("a header");
    let fin = lines.find(|l| l.starts_with("FIN-001,")).expect("FIN-001");
    let one = format!("{header}\n{fin}\n");
    wd.write("one.csv", &one);
    let out = wd.run(&["score", "--as-of", AS_OF, "-o", "x.xlsx", "one.csv"]);
    assert!(
        stderr(&out).contains(
            "airoi: benefit -30%: 1 project loses its grade or ROI status (FIN-001 A → B)"
        ),
        "{}",
        stderr(&out)
    );
}
