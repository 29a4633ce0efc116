//! The importer on files written by other tools, through `airoi validate`.

use serde_json::Value;

use crate::common::{
    Workdir, fixture, minimal_intake, problem_lines as messages, score_json, stdout, validate_json,
};

fn problems_of(json: &Value, row: u64) -> Vec<&Value> {
    json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["row"] == row)
        .collect()
}

#[test]
fn openpyxl_workbook_with_title_rows_and_every_value_habit() {
    let wd = Workdir::new();
    let file = wd.copy(&fixture("intake/messy_finance.xlsx"), "messy_finance.xlsx");
    let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
    assert_eq!(code, 1, "some rows rejected, some read");
    assert_eq!(json["projects"], 2);
    assert_eq!(json["rejected_rows"], 3);
    let msgs = messages(&json);
    for expected in [
        "Projects!G8: monthly_compute_cost: \"tbd\" is not an amount",
        "Projects!L8: benefit_metric: \"vibes\" is not one of efficiency, cost_reduction, revenue, risk_reduction, user_count, engagement, none",
        "Projects!M8: providers: \"aws:60; azure:20\" shares sum to 80; expected 100 ± 1",
        "Projects!O8: multi_step: \"maybe\" is not yes or no; expected yes/no, y/n, true/false, 1/0 or x/blank",
        "Projects!E9: start_date: \"03/04/2026\" is ambiguous (day or month first?); write YYYY-MM-DD or run with --date-order dmy|mdy",
        "Projects!F9: upfront_compute_cost: \"(1,200)\" is negative; expected an amount of 0 or more",
        "Projects!G10: monthly_compute_cost: the formula =G5*2 has no saved value; open the file in Excel or LibreOffice, let it calculate and save it again",
    ] {
        assert!(
            msgs.iter().any(|m| m == expected),
            "missing {expected:?} in {msgs:#?}"
        );
    }
    // Every problem of a row is reported, not just the first.
    assert_eq!(problems_of(&json, 8).len(), 4);
    let input = &json["inputs"][0];
    assert_eq!(
        input["sheets"][0], "Projects",
        "the Projects sheet wins over the first sheet"
    );
    // Rows 5..11 below the header in row 4: 2 projects, 3 rejected, a blank and a totals row.
    assert_eq!(input["rows_read"], 7);
    assert_eq!(input["skipped"], 2);
    assert!(
        input["notes"]
            .to_string()
            .contains("row 11 reads as a totals row")
    );
}

#[test]
fn windows_csv_is_decoded_and_sniffed() {
    let wd = Workdir::new();
    let file = wd.copy(&fixture("intake/ops_windows.csv"), "ops_windows.csv");
    let fx = wd.write("fx.csv", "currency,rate\nEUR,1.1\n");
    let out = wd.run(&[
        "validate",
        "--format",
        "json",
        "--fx",
        fx.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    // OPS-1 (yes/no written "ja") and OPS-2 read.
    assert_eq!(json["projects"], 2, "{}", stdout(&out));
    assert!(messages(&json).is_empty(), "{}", stdout(&out));
    // Rows count like a spreadsheet: the quoted line breaks stay in row 2,
    // the blank line is row 3.
    assert_eq!(json["inputs"][0]["rows_read"], 3);
    assert_eq!(json["inputs"][0]["skipped"], 1);
    assert!(
        json["inputs"][0]["notes"]
            .to_string()
            .contains("windows-1252")
    );
}

#[test]
fn rows_in_another_currency_need_a_rate() {
    let wd = Workdir::new();
    let file = wd.copy(&fixture("intake/ops_windows.csv"), "ops_windows.csv");
    let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
    assert_eq!(code, 2, "nothing readable without the EUR rate");
    let msgs = messages(&json);
    assert!(msgs.contains(
        &"ops_windows!M4: currency: no exchange rate from EUR to the run currency USD; give one with --fx FILE (currency,rate) or in the Settings sheet".to_string()
    ), "{msgs:#?}");
}

#[test]
fn libreoffice_ods_and_xls_read_alike() {
    let wd = Workdir::new();
    for name in ["lo_units.ods", "lo_units.xls"] {
        let file = wd.copy(&fixture(&format!("intake/{name}")), name);
        let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {json}");
        assert_eq!(json["projects"], 2, "{name}");
    }
}

#[test]
fn format_is_decided_by_content() {
    let wd = Workdir::new();
    let csv = wd.copy(&fixture("intake/really_csv.xlsx"), "really_csv.xlsx");
    let (code, json) = validate_json(&wd, &[csv.to_str().unwrap()]);
    assert_eq!((code, json["projects"].as_u64()), (0, Some(1)));
    assert_eq!(json["inputs"][0]["format"], "csv");

    for (name, expected) in [
        ("export.xls", "the file is an HTML page, not a spreadsheet"),
        (
            "random.xlsx",
            "the file is binary data, not a spreadsheet or text",
        ),
        ("truncated.xlsx", "the workbook cannot be read"),
    ] {
        let file = wd.copy(&fixture(&format!("intake/{name}")), name);
        let out = wd.run(&["validate", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let text = stdout(&out);
        assert!(
            text.contains(&format!("{}: {expected}", file.display())),
            "{name}: {text}"
        );
    }
}

#[test]
fn an_unreadable_file_does_not_stop_the_others() {
    let wd = Workdir::new();
    let good = wd.copy(&fixture("intake/lo_units.ods"), "lo_units.ods");
    let bad = wd.copy(&fixture("intake/export.xls"), "export.xls");
    let missing = wd.path("missing.xlsx");
    let out = wd.run(&[
        "validate",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("missing.xlsx: cannot be opened"), "{text}");
    assert!(
        text.ends_with("1 file read, 2 unreadable; 2 projects read, 0 rows rejected\n"),
        "{text}"
    );
}

#[test]
fn duplicates_across_files_and_cash_flows() {
    let wd = Workdir::new();
    let a = wd.copy(&fixture("intake/dup_a.csv"), "dup_a.csv");
    let b = wd.copy(&fixture("intake/dup_b.csv"), "dup_b.csv");
    let flows = wd.copy(&fixture("intake/flows.csv"), "flows.csv");
    let (code, json) = validate_json(
        &wd,
        &[
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            flows.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(json["projects"], 2, "DUP-1 and FLOW-1 (with cash flows)");
    let msgs = messages(&json);
    let first = format!("{}:dup_a!A2", a.display());
    for expected in [
        format!("dup_b!A2: project_id: duplicate project_id \"DUP-1\": first at {first}; only the first is scored"),
        "dup_a!C4: monthly_compute_cost: is empty; give an amount, or monthly cash flows for this project".to_string(),
        "flows!A4: project_id: project_id \"GHOST-9\" matches no project row in this run".to_string(),
        format!("flows!A5: project_id: month 2 of project FLOW-1 is given twice; first at {}:flows!A3", flows.display()),
    ] {
        assert!(msgs.contains(&expected), "missing {expected:?} in {msgs:#?}");
    }
}

#[test]
fn folders_are_read_in_name_order_skipping_lock_files() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("intake")).unwrap();
    wd.copy(&fixture("intake/lo_units.ods"), "intake/b_units.ods");
    wd.copy(&fixture("intake/really_csv.xlsx"), "intake/a_units.csv");
    wd.write("intake/~$b_units.xlsx", "lock");
    wd.write("intake/.~lock.b_units.ods#", "lock");
    let (code, json) = validate_json(&wd, &["intake"]);
    assert_eq!(code, 0, "{json}");
    let paths: Vec<&str> = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["intake/a_units.csv", "intake/b_units.ods"]);
    assert_eq!(json["skipped"].as_array().unwrap().len(), 2);

    // A quoted pattern, as Windows shells and scripts pass it, expands the same way.
    let (code, json) = validate_json(&wd, &["intake/*_units.*"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["inputs"].as_array().unwrap().len(), 2);
    let out = wd.run(&["validate", "intake/*.nothing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::common::stderr(&out).contains("the pattern intake/*.nothing matches no file"));
}

#[test]
fn every_row_is_scored_rejected_or_skipped() {
    let wd = Workdir::new();
    let mut files = Vec::new();
    for name in [
        "messy_finance.xlsx",
        "ops_windows.csv",
        "lo_units.ods",
        "lo_units.xls",
        "dup_a.csv",
        "dup_b.csv",
        "flows.csv",
    ] {
        files.push(wd.copy(&fixture(&format!("intake/{name}")), name));
    }
    for sample in ["portfolio.xlsx", "portfolio.csv", "portfolio.cashflows.csv"] {
        files.push(wd.copy(&crate::common::root().join("samples").join(sample), sample));
    }
    for file in &files {
        let (_, json) = validate_json(&wd, &[file.to_str().unwrap()]);
        let input = &json["inputs"][0];
        let n = |k: &str| input[k].as_u64().unwrap();
        assert_eq!(
            n("rows_read"),
            n("projects") + n("cash_flow_rows") + n("rejected") + n("skipped"),
            "{}: {input}",
            file.display()
        );
    }
}

#[test]
fn a_cell_at_xfd1048576_costs_one_cell_not_a_grid() {
    use rust_xlsxwriter::Workbook;
    let wd = Workdir::new();
    let path = wd.path("sparse.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Projects").unwrap();
    minimal_intake(sheet, &["SP-1"]);
    sheet.write_string(1_048_575, 16_383, "far away").unwrap();
    book.save(&path).unwrap();
    let (code, json) = validate_json(&wd, &[path.to_str().unwrap()]);
    // The far cell makes a row with no project fields: rejected, named, not a crash.
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["projects"], 1);
    let msgs = messages(&json);
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("Projects!A1048576: project_id: is empty")),
        "{msgs:#?}"
    );
    assert_eq!(
        json["inputs"][0]["skipped"], 1_048_573,
        "rows 3 to 1,048,575 are blank"
    );
}

#[test]
fn hidden_rows_are_read_with_a_note() {
    use rust_xlsxwriter::Workbook;
    let wd = Workdir::new();
    let path = wd.path("hidden.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Projects").unwrap();
    minimal_intake(sheet, &["H-1", "H-2", "H-3"]);
    sheet.set_row_hidden(2).unwrap();
    book.save(&path).unwrap();
    let (code, json) = validate_json(&wd, &[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        json["projects"], 3,
        "a hidden row is read like a visible one"
    );
    let notes = json["inputs"][0]["notes"].to_string();
    assert!(
        notes.contains("Projects: row 3 is hidden; read like visible ones"),
        "{notes}"
    );
}

#[test]
fn files_kept_open_between_passes_read_as_files_reopened() {
    use airoi::import::{ImportOptions, read_portfolio};
    // Small files stay open from the first pass to the second; a run too big
    // for that reopens them. Both must read every format the same.
    let dir = std::path::Path::new("tests/fixtures/intake");
    let paths: Vec<std::path::PathBuf> = [
        "messy_finance.xlsx",
        "lo_units.ods",
        "lo_units.xls",
        "dup_a.csv",
        "dup_b.csv",
        "flows.csv",
        "ops_windows.csv",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    let ruleset = airoi::rules::default_ruleset();
    let kept = read_portfolio(&paths, &ImportOptions::default(), &ruleset);
    let reopened = read_portfolio(
        &paths,
        &ImportOptions {
            reopen: true,
            ..ImportOptions::default()
        },
        &ruleset,
    );
    assert!(!kept.projects.is_empty());
    assert!(!kept.rejected.is_empty());
    assert_eq!(format!("{kept:?}"), format!("{reopened:?}"));
}

/// `score --json` of one input: each project's id, its `compute_growth_pct`
/// as scored (the roi evidence's value, and the cell it came from), and the
/// compute total over the horizon that the growth drives.
fn growth_scored(wd: &Workdir, input: &str) -> Vec<(String, String, String, f64)> {
    let (_, json) = score_json(wd, "2026-01-31", &[input]);
    json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| {
            let roi = &p["checks"]["roi"]["evidence"];
            let growth = roi["inputs"]
                .as_array()
                .expect("roi inputs")
                .iter()
                .find(|i| i["field"] == "compute_growth_pct")
                .expect("compute_growth_pct among the roi inputs");
            let cell = growth["cell"].as_str().unwrap_or("default");
            (
                p["project_id"].as_str().expect("an id").to_string(),
                growth["value"].as_str().expect("a value").to_string(),
                // The cell without the file name, which differs by format.
                cell.rsplit(':').next().unwrap_or(cell).to_string(),
                p["checks"]["roi"]["compute_total"]
                    .as_f64()
                    .expect("compute_total"),
            )
        })
        .collect()
}

#[test]
fn a_percent_cell_reads_as_the_percent_it_shows_in_every_format() {
    let wd = Workdir::new();
    let mut seen = Vec::new();
    for name in [
        "pct_growth.xlsx",
        "pct_growth.ods",
        "pct_growth.xls",
        "pct_growth.xlsb",
    ] {
        wd.copy(&fixture(&format!("percent/{name}")), name);
        let scored = growth_scored(&wd, name);
        let growth: Vec<(&str, &str, &str)> = scored
            .iter()
            .map(|(id, g, cell, _)| (id.as_str(), g.as_str(), cell.as_str()))
            .collect();
        assert_eq!(
            growth,
            [
                // 0.025 formatted 0.0%, shown 2.5%.
                ("PCT-1", "2.5%", "Projects!F6"),
                // A plain 2.5 is percent points, not 250%.
                ("PCT-2", "2.5%", "Projects!F7"),
                // 0.1 formatted 0%, shown 10%.
                ("PCT-3", "10%", "Projects!F8"),
                // The text 2.5%.
                ("PCT-4", "2.5%", "Projects!F9"),
            ],
            "{name}"
        );
        seen.push((name, scored));
    }
    // The monthly series the growth drives is the same in every format.
    let (first, xlsx) = &seen[0];
    for (name, other) in &seen[1..] {
        assert_eq!(other, xlsx, "{name} against {first}");
    }
    let total = |id: &str| xlsx.iter().find(|p| p.0 == id).expect(id).3;
    assert!((total("PCT-1") - total("PCT-2")).abs() < 1e-9);
    assert!(total("PCT-3") > total("PCT-1"));
}

#[test]
fn the_templates_own_percent_example_survives_libreoffice() {
    let wd = Workdir::new();
    let mut seen = Vec::new();
    // The template with its second example renamed by a unit (so it is no
    // longer the template's own example row, which is skipped), as saved
    // from Excel and by LibreOffice as .ods and .xls.
    for name in ["template_own.xlsx", "template_lo.ods", "template_lo.xls"] {
        wd.copy(&fixture(&format!("percent/{name}")), name);
        let scored = growth_scored(&wd, name);
        let example = scored
            .iter()
            .find(|p| p.0 == "OPS-014")
            .unwrap_or_else(|| panic!("{name}: the example OPS-014 in {scored:?}"));
        // The template shows 2.0%: 0.02 formatted 0.0%.
        assert_eq!(
            (example.1.as_str(), example.2.as_str()),
            ("2%", "Projects!J3"),
            "{name}"
        );
        seen.push(scored);
    }
    assert_eq!(seen[1], seen[0], "ods against xlsx");
    assert_eq!(seen[2], seen[0], "xls against xlsx");
}
