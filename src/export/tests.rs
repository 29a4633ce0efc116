//! The graded workbook read back: calamine for cells and saved formula
//! results, the package XML for what calamine cannot see (conditional
//! formats, tables, charts).

// Saved results must equal airoi's numbers exactly, not approximately.
#![allow(clippy::float_cmp)]

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::ExportError;
use super::fixture;
use super::workbook::layout::{EXCEL_MAX_TEXT, fit_text, page_name};
use super::workbook::scores::{neutralise, write_scores_csv};
use super::workbook::{WorkbookOptions, write_workbook};
use crate::model::{Figures, GradedRun};

fn written(run: &GradedRun, opts: &WorkbookOptions) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graded.xlsx");
    write_workbook(run, &path, opts).unwrap();
    (dir, path)
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(name).unwrap()
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("expected text at ({row}, {col}), found {other:?}"),
    }
}

fn number(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("expected a number at ({row}, {col}), found {other:?}"),
    }
}

fn column(range: &calamine::Range<Data>, header: &str) -> u32 {
    (0..range.width() as u32)
        .find(|&c| range.get_value((0, c)) == Some(&Data::String(header.into())))
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

fn part_names(path: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

#[test]
fn sheets_come_in_reading_order() {
    let (_dir, path) = written(&fixture::graded_run(), &WorkbookOptions::default());
    let book: Xlsx<_> = open_workbook(&path).unwrap();
    let expected = [
        "Summary",
        "Scores",
        "Findings",
        "Cash flows",
        "Rejected",
        "Sources",
        "Ruleset",
        "Run record",
    ];
    assert_eq!(book.sheet_names(), expected);
    let hidden: Vec<_> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(hidden, ["Run record"], "only the run record is hidden");
}

#[test]
fn scores_match_the_scorecard_and_carry_unknown_columns_last() {
    let run = fixture::graded_run();
    let (_dir, path) = written(&run, &WorkbookOptions::default());
    let scores = sheet(&path, "Scores");
    assert_eq!(scores.height(), 5);
    let width = scores.width() as u32;
    assert_eq!(text(&scores, 0, width - 3), "Cost Centre");
    assert_eq!(text(&scores, 0, width - 2), "Notes");
    assert_eq!(text(&scores, 0, width - 1), "Sponsor");
    let (grade, ratio, compute) = (
        column(&scores, "Grade"),
        column(&scores, "Return Ratio"),
        column(&scores, "Compute (18 months)"),
    );
    for (i, p) in run.scorecard.projects.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(text(&scores, row, 0), p.project.project_id);
        assert_eq!(text(&scores, row, grade), p.grade.letter());
        let Figures::Roi(roi) = &p.findings[0].figures else {
            panic!("roi first")
        };
        assert_eq!(number(&scores, row, ratio), roi.ratio.unwrap());
        assert_eq!(number(&scores, row, compute), roi.compute_total);
    }
    // Hostile input text stays text: the name is a string, not a formula.
    assert_eq!(
        text(&scores, 2, 1),
        "=HYPERLINK(\"http://x\",\"Policy Q&A\")"
    );
    assert_eq!(text(&scores, 4, width - 1), "@cfo");
    assert_eq!(text(&scores, 2, width - 3), "+CC-200");
    let gate = column(&scores, "Grade Capped By");
    assert_eq!(text(&scores, 3, gate), "A → B: the ROI check warns");
    assert!(!part(&path, "xl/worksheets/sheet2.xml").contains("<f>"));
}

#[test]
fn findings_have_a_row_per_project_and_check() {
    let run = fixture::graded_run();
    let (_dir, path) = written(&run, &WorkbookOptions::default());
    let findings = sheet(&path, "Findings");
    assert_eq!(findings.height(), 1 + 3 * run.scorecard.projects.len());
    let mut row = 1;
    for p in &run.scorecard.projects {
        for f in &p.findings {
            assert_eq!(text(&findings, row, 0), p.project.project_id);
            assert_eq!(text(&findings, row, 2), f.check.name());
            assert_eq!(text(&findings, row, 3), f.status.word());
            assert_eq!(text(&findings, row, 5), f.verdict);
            row += 1;
        }
    }
    let inputs = text(&findings, 1, 10);
    assert!(
        inputs.contains("Monthly Compute Cost = 10000 (finance.xlsx · Projects!I2)"),
        "{inputs}"
    );
    assert!(
        inputs.contains("Compute Growth % = 0 (default)"),
        "{inputs}"
    );
}

#[test]
fn cash_flow_formulas_are_live_and_saved_with_airois_numbers() {
    let run = fixture::graded_run();
    let (_dir, path) = written(&run, &WorkbookOptions::default());
    let flows = sheet(&path, "Cash flows");
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let formulas = book.worksheet_formula("Cash flows").unwrap();
    let (total, ratio) = (3 + 18, 3 + 19);
    assert_eq!(
        formulas.get_value((1, total)).map(String::as_str),
        Some("SUM(D2:U2)")
    );
    assert_eq!(
        formulas.get_value((2, ratio)).map(String::as_str),
        Some("IF(V2=0,\"\",V3/V2)")
    );
    for (i, p) in run.scorecard.projects.iter().enumerate() {
        let Figures::Roi(roi) = &p.findings[0].figures else {
            panic!("roi first")
        };
        let compute_row = 1 + 2 * i as u32;
        assert_eq!(number(&flows, compute_row, total), roi.compute_total);
        assert_eq!(number(&flows, compute_row + 1, total), roi.benefit_total);
        assert_eq!(number(&flows, compute_row + 1, ratio), roi.ratio.unwrap());
        let months: f64 = (3..total).map(|c| number(&flows, compute_row, c)).sum();
        assert!((months - roi.compute_total).abs() < 1e-6);
    }
}

#[test]
fn rejected_rows_keep_every_problem_and_original_value() {
    let run = fixture::graded_run();
    let (_dir, path) = written(&run, &WorkbookOptions::default());
    let rejected = sheet(&path, "Rejected");
    assert_eq!(rejected.height(), 3);
    assert_eq!(text(&rejected, 1, 3), "I6");
    assert_eq!(text(&rejected, 1, 5), "twelve");
    assert_eq!(text(&rejected, 2, 4), "providers");
    let comment = column(&rejected, "Original: Comment");
    assert_eq!(text(&rejected, 2, comment), "=1+1");

    let mut clean = fixture::graded_run();
    clean.rejected.clear();
    let (_dir, path) = written(&clean, &WorkbookOptions::default());
    assert_eq!(text(&sheet(&path, "Rejected"), 1, 0), "none");
}

#[test]
fn ruleset_lists_thresholds_and_weights() {
    let (_dir, path) = written(&fixture::graded_run(), &WorkbookOptions::default());
    let ruleset = sheet(&path, "Ruleset");
    let value = |key: &str| {
        let row = (0..ruleset.height() as u32)
            .find(|&r| ruleset.get_value((r, 0)) == Some(&Data::String(key.into())))
            .unwrap_or_else(|| panic!("no {key}"));
        ruleset.get_value((row, 1)).cloned()
    };
    assert_eq!(value("target_ratio"), Some(Data::Float(3.0)));
    assert_eq!(value("weights.roi"), Some(Data::Float(0.5)));
    assert_eq!(
        value("gates.max_grade_if_warn"),
        Some(Data::String("B".into()))
    );
    assert_eq!(value("microsoft azure"), Some(Data::String("azure".into())));
    assert_eq!(value("fiscal_year_start_month"), Some(Data::Float(1.0)));
    let row = (0..ruleset.height() as u32)
        .find(|&r| ruleset.get_value((r, 0)) == Some(&Data::String("microsoft azure".into())))
        .expect("the alias row");
    assert_eq!(
        ruleset.get_value((row, 2)),
        Some(&Data::String("Azure".into()))
    );
}

#[test]
fn package_has_table_conditional_formats_and_three_charts() {
    let (_dir, path) = written(&fixture::graded_run(), &WorkbookOptions::default());
    let scores = part(&path, "xl/worksheets/sheet2.xml");
    assert!(scores.matches("<conditionalFormatting").count() >= 4);
    assert!(scores.contains("<pane xSplit=\"1\" ySplit=\"1\""));
    let table = part(&path, "xl/tables/table1.xml");
    assert!(table.contains("name=\"Scores\"") && table.contains("<autoFilter"));
    assert!(table.contains("showRowStripes=\"1\""));
    let charts: String = part_names(&path)
        .iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .map(|n| part(&path, n))
        .collect();
    for kind in ["<c:barChart>", "<c:scatterChart>", "<c:pieChart>"] {
        assert!(charts.contains(kind), "no {kind}");
    }
    assert!(charts.contains("Scores!$N$2:$N$5"), "scatter plots Scores");
    assert!(part(&path, "docProps/core.xml").contains("2026-03-31T00:00:00Z"));
}

#[test]
fn same_run_gives_the_same_bytes() {
    let run = fixture::graded_run();
    let (_a, first) = written(&run, &WorkbookOptions::default());
    let (_b, second) = written(&run, &WorkbookOptions::default());
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    let mut later = run.clone();
    later.run.as_of = chrono::NaiveDate::from_ymd_opt(2026, 4, 30).unwrap();
    let (_c, third) = written(&later, &WorkbookOptions::default());
    assert_ne!(
        std::fs::read(second).unwrap(),
        std::fs::read(third).unwrap()
    );
}

#[test]
fn writes_atomically_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("finance.xlsx");
    std::fs::write(&input, b"the user's data").unwrap();
    let mut run = fixture::graded_run();
    run.run.inputs[0].path = input.display().to_string();
    let aliased = dir.path().join(".").join("finance.xlsx");
    let err = write_workbook(&run, &aliased, &WorkbookOptions::default()).unwrap_err();
    assert!(matches!(err, ExportError::WouldOverwriteInput(_)), "{err}");
    assert!(write_scores_csv(&run, &input).is_err());
    assert_eq!(std::fs::read(&input).unwrap(), b"the user's data");

    let out = dir.path().join("graded.xlsx");
    std::fs::write(&out, b"old").unwrap();
    write_workbook(&run, &out, &WorkbookOptions::default()).unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["finance.xlsx", "graded.xlsx"]);

    let missing = dir.path().join("no-such-dir").join("graded.xlsx");
    assert!(write_workbook(&run, &missing, &WorkbookOptions::default()).is_err());
}

#[test]
fn csv_neutralises_formula_text() {
    let run = fixture::graded_run();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.csv");
    write_scores_csv(&run, &path).unwrap();
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[1][1], "'=HYPERLINK(\"http://x\",\"Policy Q&A\")");
    assert_eq!(&rows[1][at("Cost Centre")], "'+CC-200");
    assert_eq!(&rows[0][at("Notes")], "'-renewal due in Q3");
    assert_eq!(&rows[3][at("Sponsor")], "'@cfo");
    assert_eq!(&rows[0][at("Compute (18 months)")], "195000");
    assert_eq!(&rows[0][at("Grade")], "A");
    for hostile in ["\tx", "\rx", "-1", "@x", "+x", "=x"] {
        assert!(neutralise(hostile).starts_with('\''));
    }
    assert_eq!(neutralise("plain"), "plain");
}

#[test]
fn long_text_is_cut_with_a_note() {
    let mut run = fixture::graded_run();
    run.scorecard.projects[0].project.project_name = "é".repeat(40_000);
    let (_dir, path) = written(&run, &WorkbookOptions::default());
    let name = text(&sheet(&path, "Scores"), 1, 1);
    assert!(name.chars().count() <= EXCEL_MAX_TEXT);
    assert!(name.ends_with("[cut: 40000 characters, Excel cells hold 32767]"));
    let emoji = "😀".repeat(20_000);
    let cut = fit_text(&emoji);
    assert!(cut.chars().map(char::len_utf16).sum::<usize>() <= EXCEL_MAX_TEXT);
    assert_eq!(fit_text("short"), "short");
}

#[test]
fn big_sheets_continue_on_further_sheets() {
    let run = fixture::graded_run();
    let opts = WorkbookOptions {
        rows_per_sheet: 3,
        ..WorkbookOptions::default()
    };
    let (_dir, path) = written(&run, &opts);
    let book: Xlsx<_> = open_workbook(&path).unwrap();
    let names = book.sheet_names();
    assert!(names.contains(&"Scores (2)".to_string()), "{names:?}");
    assert!(!names.contains(&"Scores (3)".to_string()), "{names:?}");
    let second = sheet(&path, "Scores (2)");
    assert_eq!(text(&second, 0, 0), "Project ID");
    assert_eq!(text(&second, 1, 0), "HR-003");
    assert!(part_names(&path).contains(&"xl/tables/table2.xml".to_string()));
    // Findings keep a project's rows together: one project a page here,
    // each page's rows those of its project, written from the spool in order.
    for (k, p) in run.scorecard.projects.iter().enumerate() {
        let page = sheet(&path, &page_name("Findings", k + 1));
        assert_eq!(page.height(), 1 + p.findings.len(), "page {}", k + 1);
        for (r, finding) in p.findings.iter().enumerate() {
            assert_eq!(text(&page, r as u32 + 1, 0), p.project.project_id);
            assert_eq!(text(&page, r as u32 + 1, 2), finding.check.name());
            assert_eq!(text(&page, r as u32 + 1, 9), finding.explanation);
        }
    }
    assert!(!names.contains(&page_name("Findings", run.scorecard.projects.len() + 1)));
    let summary = sheet(&path, "Summary");
    let notes: Vec<String> = summary
        .rows()
        .flatten()
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Scores continues on 1 further"))
    );
    assert_eq!(page_name(&"x".repeat(40), 12).chars().count(), 31);
    assert_eq!(page_name("Scores", 2), "Scores (2)");
}

#[test]
fn cash_flows_are_capped_with_a_note() {
    let run = fixture::graded_run();
    let opts = WorkbookOptions {
        cash_flows_cap: 2,
        ..WorkbookOptions::default()
    };
    let (_dir, path) = written(&run, &opts);
    assert_eq!(sheet(&path, "Cash flows").height(), 1 + 2 * 2);
    let summary = sheet(&path, "Summary");
    assert!(summary.rows().flatten().any(|c| {
        matches!(c, Data::String(s) if s.starts_with("Cash flows shows the first 2 of 4"))
    }));
}

#[test]
fn finishing_says_what_it_writes_counted_in_projects() {
    use super::{RunWriter, Targets, WriteProgress};
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[derive(Default)]
    struct Told {
        stages: Mutex<Vec<(String, Option<u64>)>>,
        advanced: AtomicU64,
    }
    impl WriteProgress for Told {
        fn stage(&self, name: &str, total: Option<u64>) {
            self.stages.lock().unwrap().push((name.to_string(), total));
        }
        fn advance(&self, n: u64) {
            self.advanced.fetch_add(n, Ordering::Relaxed);
        }
    }

    // Enough projects for both sheets to report along the way, at a
    // reporting interval a small run reaches.
    let mut run = fixture::graded_run();
    let base = run.scorecard.projects.clone();
    run.scorecard.projects = (0..12)
        .map(|i| {
            let mut p = base[i % base.len()].clone();
            p.project.project_id = format!("P-{i}");
            p
        })
        .collect();
    let opts = WorkbookOptions {
        progress_every: 4,
        ..WorkbookOptions::default()
    };
    let mut writer = RunWriter::new(&run.run.currency, &run.ruleset, &opts, false).unwrap();
    for p in &run.scorecard.projects {
        writer.add(p).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graded.xlsx");
    let told = Told::default();
    let targets = Targets {
        workbook: Some(&path),
        json: None,
        csv: None,
    };
    writer.finish(&run, &targets, &told).unwrap();
    assert_eq!(
        *told.stages.lock().unwrap(),
        [
            ("writing the workbook".to_string(), Some(12)),
            ("saving the workbook".to_string(), None),
        ]
    );
    // Scores and Findings each report half of every project written, at
    // projects 4, 8 and 12.
    assert_eq!(told.advanced.load(Ordering::Relaxed), 12);
}
