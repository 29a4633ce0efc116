//! Sheets and tables as units lay them out, on the fixtures under
//! `tests/fixtures/tables/` that `make_fixtures.py` writes with openpyxl
//! (the .ods and .xls with LibreOffice; the CSVs as Excel saves them, by hand):
//! one sheet per business unit, a hidden stale sheet, the template's
//! example sheet beside the unit's own, a second table under the first,
//! a repeated header, a lookup list beside the table, subfolders, airoi's
//! own outputs in an intake folder, and the messages for a table without
//! the required columns and a header with no rows.

// Ratios of whole amounts are compared exactly.
#![allow(clippy::float_cmp)]

use std::path::Path;

use serde_json::Value;

use crate::common::{Workdir, fixture, project, score_json, stdout, strings, validate_json};

const AS_OF: &str = "2026-01-31";

fn path_of(rel: &str) -> String {
    fixture(&format!("tables/{rel}"))
        .to_str()
        .expect("utf-8 path")
        .to_string()
}

fn ratio(json: &Value, id: &str) -> f64 {
    project(json, id)["checks"]["roi"]["ratio"]
        .as_f64()
        .unwrap_or_else(|| panic!("{id} has a ratio"))
}

fn assert_invariant(input: &Value) {
    let n = |k: &str| input[k].as_u64().unwrap_or(0);
    assert_eq!(
        n("rows_read"),
        n("projects") + n("cash_flow_rows") + n("rejected") + n("skipped"),
        "{input:#}"
    );
}

const HIDDEN_NOTE: &str = "sheet Finance FY25 is hidden and was skipped; it holds a projects table (header in row 1): name it with --sheet \"Finance FY25\" to read it";

/// What `validate` prints after its reading report: the problems, notes
/// and the summary line.
fn problems(out: &std::process::Output) -> String {
    let text = stdout(out);
    text.rsplit_once("\n\n")
        .map_or(text.clone(), |(_, rest)| rest.to_string())
}

#[test]
fn one_sheet_per_business_unit_scores_every_project() {
    for file in ["units.xlsx", "units.ods", "units.xls"] {
        let wd = Workdir::new();
        let (code, json) = score_json(&wd, AS_OF, &[&path_of(file)]);
        assert_eq!(code, 0, "{file}");
        let ids = crate::common::project_ids(&json);
        assert_eq!(
            ids,
            [
                "FIN-1", "FIN-2", "FIN-3", "HR-1", "HR-2", "HR-3", "LEG-1", "LEG-2", "LEG-3"
            ],
            "{file}"
        );
        // Benefit is n + 1 times compute in every unit; the hidden sheet's
        // stale FIN amounts (benefit 100 on compute 1000) are not read.
        for unit in ["FIN", "HR", "LEG"] {
            for n in 1..=3 {
                let id = format!("{unit}-{n}");
                assert_eq!(ratio(&json, &id), f64::from(n + 1), "{file} {id}");
            }
        }
        assert_eq!(project(&json, "HR-2")["source"]["sheet"], "HR");
        let input = &json["run"]["inputs"][0];
        assert_eq!(strings(&input["sheets"]), ["Finance", "HR", "Legal"]);
        assert_eq!(strings(&input["notes"]), [HIDDEN_NOTE], "{file}");
        assert_invariant(input);
    }
}

#[test]
fn a_hidden_sheet_is_read_when_named() {
    let wd = Workdir::new();
    let (code, json) = score_json(
        &wd,
        AS_OF,
        &["--sheet", "Finance FY25", &path_of("units.xlsx")],
    );
    assert_eq!(code, 0);
    assert_eq!(json["projects"].as_array().unwrap().len(), 3);
    assert_eq!(ratio(&json, "FIN-1"), 0.1);
    let input = &json["run"]["inputs"][0];
    assert_eq!(strings(&input["sheets"]), ["Finance FY25"]);
    assert_eq!(
        strings(&input["notes"]),
        [
            "sheet Finance FY25 is hidden; it was read like a visible one, as --sheet names it",
            "sheet Finance holds a projects table (header in row 1) and was skipped: --sheet names another sheet",
            "sheet HR holds a projects table (header in row 1) and was skipped: --sheet names another sheet",
            "sheet Legal holds a projects table (header in row 1) and was skipped: --sheet names another sheet",
        ]
    );
}

#[test]
fn template_examples_on_projects_do_not_hide_projects_fy26() {
    let wd = Workdir::new();
    let (code, json) = score_json(&wd, AS_OF, &[&path_of("projects_fy26.xlsx")]);
    assert_eq!(code, 0);
    assert_eq!(json["projects"].as_array().unwrap().len(), 2);
    assert_eq!(ratio(&json, "OPS-1"), 4.0);
    assert_eq!(ratio(&json, "OPS-2"), 2.0);
    assert_eq!(project(&json, "OPS-1")["source"]["sheet"], "Projects FY26");
    let input = &json["run"]["inputs"][0];
    assert_eq!(
        strings(&input["sheets"]),
        ["Projects", "Projects FY26", "CashFlows"]
    );
    assert_eq!(
        strings(&input["notes"]),
        [
            "Projects: row 2 is the intake template's example FIN-001 (Invoice matching agent) and was skipped; delete the example rows from the sheet",
            "Projects: row 3 is the intake template's example OPS-014 (Policy Q&A assistant) and was skipped; delete the example rows from the sheet",
        ]
    );
    assert_invariant(input);
}

#[test]
fn a_second_table_a_repeated_header_and_a_lookup_beside() {
    let wd = Workdir::new();
    let (code, json) = score_json(&wd, AS_OF, &[&path_of("stacked.xlsx")]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["rejected"].as_array().unwrap().len(), 0);
    for (id, expected, row) in [
        ("ST-1", 3.0, 2),
        ("ST-2", 2.5, 3),
        ("ST-3", 1.0, 5),
        ("PL-1", 4.0, 9),
        ("PL-2", 0.5, 10),
    ] {
        assert_eq!(ratio(&json, id), expected, "{id}");
        assert_eq!(project(&json, id)["source"]["row"], row, "{id}");
        // The lookup list's columns are not project fields.
        assert_eq!(project(&json, id)["extra"], serde_json::json!({}), "{id}");
    }
    assert_eq!(json["projects"].as_array().unwrap().len(), 5);
    let input = &json["run"]["inputs"][0];
    assert_eq!(
        strings(&input["notes"]),
        [
            "Projects: columns I \"Provider\", J \"Label\", past an empty column, are a table of their own beside the projects table and were not read as project fields",
            "Projects: row 4 repeats the header of row 1 and was skipped",
            "Projects: a second table starts at row 8 under the title \"Pipeline (not yet approved)\"; it was read as a table of its own",
        ]
    );
    // The repeated header, the blank row and the title row.
    assert_eq!(input["skipped"], 3);
    // The reading report counts them by reason, each table on its own.
    let tables = input["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0]["header_row"], 1);
    assert_eq!(
        tables[0]["rows"]["skipped"],
        serde_json::json!([
            {"reason": "blank", "rows": 1},
            {"reason": "repeated_header", "rows": 1},
            {"reason": "title", "rows": 1},
        ])
    );
    assert_eq!(tables[1]["header_row"], 8);
    assert_eq!(tables[1]["rows"]["accepted"], 2);
    assert_invariant(input);
}

#[test]
fn a_header_with_no_rows_is_said_naming_the_file() {
    let wd = Workdir::new();
    let file = path_of("header_only.csv");
    let out = wd.run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        problems(&out),
        format!(
            "{file}: note: header_only: the projects table (header in row 1) has no rows\n1 file read; 0 projects read, 0 rows rejected\n"
        )
    );
}

#[test]
fn a_table_without_required_columns_is_refused_once() {
    let wd = Workdir::new();
    let file = path_of("lacking_columns.csv");
    let (code, json) = validate_json(&wd, &[&file]);
    assert_eq!(code, 2);
    assert_eq!(json["rejected_rows"], 0);
    assert_eq!(json["inputs"][0]["state"], "unreadable");
    assert_eq!(
        json["inputs"][0]["message"],
        "sheet lacking_columns: the projects table (header in row 1) has no column for monthly_compute_cost, monthly_benefit, providers, so none of its 3 rows can be scored; run `airoi template` for an intake workbook with every column"
    );
    let out = wd.run(&["validate", &file]);
    assert_eq!(stdout(&out).matches("has no column for").count(), 1);
    // With cash flows in the run the money columns are not needed; the
    // providers column still is.
    let flows = wd.write(
        "flows.csv",
        "project_id,month,compute_cost,benefit\r\nNM-1,1,100,400\r\n",
    );
    let (_, json) = validate_json(&wd, &[&file, flows.to_str().unwrap()]);
    assert_eq!(
        json["inputs"][0]["message"],
        "sheet lacking_columns: the projects table (header in row 1) has no column for providers, so none of its 3 rows can be scored; run `airoi template` for an intake workbook with every column"
    );
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_folder_reads_its_subfolders_and_skips_airoi_outputs() {
    let wd = Workdir::new();
    let intake = wd.path("intake");
    copy_folder(&fixture("tables/folder"), &intake);
    let folder = intake.to_str().unwrap();
    // A first run leaves its outputs in the intake folder.
    let graded = intake.join("graded.xlsx");
    let report = intake.join("report.md");
    let out = wd.run(&[
        "score",
        "--as-of",
        AS_OF,
        "-q",
        folder,
        "-o",
        graded.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let (code, json) = score_json(&wd, AS_OF, &[folder]);
    assert_eq!(code, 0);
    assert_eq!(ratio(&json, "FO-1"), 3.0);
    assert_eq!(ratio(&json, "FO-2"), 5.0);
    assert_eq!(
        project(&json, "FO-2")["source"]["file"],
        intake.join("emea").join("germany.csv").to_str().unwrap()
    );
    // A hidden folder (a sync tool's cache) is passed over whole.
    let cache = intake.join(".cache");
    std::fs::create_dir(&cache).unwrap();
    std::fs::copy(intake.join("americas.csv"), cache.join("americas.csv")).unwrap();
    let out = wd.run(&["validate", folder]);
    assert_eq!(
        problems(&out),
        format!(
            "{}: skipped (hidden folder)\n{}: skipped (airoi's own output, the charts of the report beside it)\n{}: skipped (airoi's own output, a graded workbook with its run record)\n{}: skipped (not a spreadsheet; airoi reads .xlsx, .xlsm, .xls, .xlsb, .ods, .csv, .tsv and tab-separated .txt)\n2 files read, 4 skipped; 2 projects read, 0 rows rejected\n",
            cache.display(),
            intake.join("report.charts").display(),
            graded.display(),
            report.display()
        )
    );
    // Named outright, an output is refused, saying what it is.
    for (output, what) in [(&graded, "a graded workbook"), (&report, "an audit report")] {
        let (code, json) = validate_json(&wd, &[output.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert_eq!(
            json["inputs"][0]["message"],
            format!(
                "this is airoi's own output ({what}, it carries a run record), not an intake; score the spreadsheets it was made from, or check it with `airoi verify`"
            )
        );
    }
}

/// Two tables on one sheet, as Google Sheets exports one to CSV (comma,
/// CRLF, no byte-order mark), written by hand: a rejected row of each.
const STACKED_CSV: &str = "Project ID,Project Name,Monthly Compute Cost,Monthly Benefit,Benefit Metric,Providers,Interaction Pattern\r\n\
A-1,Good one,1000,3000,efficiency,aws,copilot\r\n\
A-2,Bad metric,1000,3000,vibes,aws,copilot\r\n\
,,,,,,\r\n\
Pipeline (not yet approved),,,,,,\r\n\
Project Name,Project ID,Providers,Benefit Metric,Interaction Pattern,Monthly Benefit,Monthly Compute Cost\r\n\
Bad pipeline,B-1,aws,vibes,copilot,8000,2000\r\n";

#[test]
fn feedback_sends_each_table_back_under_its_own_header() {
    use calamine::Reader;
    let wd = Workdir::new();
    let file = wd.write("stacked.csv", STACKED_CSV);
    let feedback = wd.path("feedback");
    let out = wd.run(&[
        "score",
        "--as-of",
        AS_OF,
        "-q",
        file.to_str().unwrap(),
        "-o",
        wd.path("graded.xlsx").to_str().unwrap(),
        "--feedback",
        feedback.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let path = feedback.join("stacked.feedback.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Projects", "Projects (2)"]);
    for (sheet, header, value) in [
        ("Projects", "Project ID", "A-2"),
        ("Projects (2)", "Project Name", "Bad pipeline"),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(range.get_value((0, 0)).unwrap().to_string(), header);
        assert_eq!(range.get_value((1, 0)).unwrap().to_string(), value);
        assert_eq!(range.height(), 2, "{sheet}: one rejected row");
    }
}

#[test]
fn a_sheet_without_required_columns_beside_a_good_one_reads_the_file_in_part() {
    let wd = Workdir::new();
    let file = path_of("partly_lacking.xlsx");
    let (code, json) = score_json(&wd, AS_OF, &[&file]);
    // One project scored, the other sheet's two not: not a clean run.
    assert_eq!(code, 1);
    assert_eq!(json["projects"].as_array().unwrap().len(), 1);
    assert_eq!(ratio(&json, "RT-1"), 3.0);
    let input = &json["run"]["inputs"][0];
    assert_eq!(input["state"], "partial");
    assert_eq!(
        input["message"],
        "sheet Wholesale: the projects table (header in row 1) has no column for providers, so none of its 2 rows can be scored; run `airoi template` for an intake workbook with every column"
    );
    assert_invariant(input);
    let out = wd.run(&["validate", &file]);
    assert_eq!(
        problems(&out),
        format!(
            "{file}: read in part: sheet Wholesale: the projects table (header in row 1) has no column for providers, so none of its 2 rows can be scored; run `airoi template` for an intake workbook with every column\n0 files read, 1 read in part; 1 project read, 0 rows rejected\n"
        )
    );
}

#[test]
fn a_title_and_a_blank_row_over_the_same_header_start_a_table_of_their_own() {
    let wd = Workdir::new();
    let header = "Project ID,Project Name,Monthly Compute Cost,Monthly Benefit,Benefit Metric,Providers,Interaction Pattern\r\n";
    let csv = format!(
        "{header}A-1,Approved,1000,3000,efficiency,aws,copilot\r\n\
         Pipeline,,,,,,\r\n\
         ,,,,,,\r\n\
         {header}B-1,Not yet approved,1000,2000,efficiency,aws,copilot\r\n"
    );
    let file = wd.write("titled.csv", csv);
    let (code, json) = score_json(&wd, AS_OF, &[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(ratio(&json, "A-1"), 3.0);
    assert_eq!(ratio(&json, "B-1"), 2.0);
    let input = &json["run"]["inputs"][0];
    assert_eq!(
        strings(&input["notes"]),
        [
            "titled: a second table starts at row 5 under the title \"Pipeline\"; it was read as a table of its own"
        ]
    );
    // The title row; the empty row between the tables is no table's.
    assert_eq!(input["skipped"], 1);
    assert_invariant(input);
}

#[test]
fn a_project_id_on_two_units_sheets_is_scored_once() {
    let wd = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, ids) in [("North", ["N-1", "DUP-1"]), ("South", ["DUP-1", "S-1"])] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        crate::common::minimal_intake(sheet, &ids);
    }
    let file = wd.path("units.xlsx");
    book.save(&file).unwrap();
    let (code, json) = validate_json(&wd, &[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(json["projects"], 3);
    assert_eq!(
        crate::common::problem_lines(&json),
        [format!(
            "South!A2: project_id: duplicate project_id \"DUP-1\": first at {}:North!A3; only the first is scored",
            file.display()
        )]
    );
}
