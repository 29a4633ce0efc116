//! The intake template read back, and kept equal to `templates/intake.xlsx`.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::{TemplateOptions, write_template};
use crate::model::{CASH_FLOW_FIELDS, FIELDS, Kind};

fn written(opts: &TemplateOptions) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intake.xlsx");
    write_template(&path, opts).unwrap();
    (dir, path)
}

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

#[test]
fn template_has_its_sheets_headers_and_examples() {
    let (_dir, path) = written(&TemplateOptions::default());
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Instructions", "Projects", "CashFlows", "Settings"]
    );
    let projects = book.worksheet_range("Projects").unwrap();
    assert_eq!(projects.height(), 3, "header and two examples");
    for (col, field) in FIELDS.iter().enumerate() {
        let col = col as u32;
        assert_eq!(
            projects.get_value((0, col)),
            Some(&Data::String(field.title.into()))
        );
        for (row, example) in field.examples.iter().enumerate() {
            let cell = projects.get_value((row as u32 + 1, col)).unwrap();
            match field.kind {
                Kind::Money | Kind::Integer { .. } => {
                    assert_eq!(
                        cell,
                        &Data::Float(example.parse().unwrap()),
                        "{}",
                        field.name()
                    );
                }
                Kind::Date => assert!(matches!(cell, Data::DateTime(_)), "{}", field.name()),
                Kind::Percent => assert!(matches!(cell, Data::Float(_)), "{}", field.name()),
                _ => assert_eq!(cell, &Data::String((*example).into()), "{}", field.name()),
            }
        }
    }
    let flows = book.worksheet_range("CashFlows").unwrap();
    let titles: Vec<&str> = CASH_FLOW_FIELDS.iter().map(|f| f.title).collect();
    assert_eq!(
        titles,
        [
            "Project ID",
            "Month",
            "Compute Cost",
            "Benefit",
            "Actual Compute",
            "Actual Benefit"
        ]
    );
    for (col, title) in titles.iter().enumerate() {
        assert_eq!(
            flows.get_value((0, col as u32)),
            Some(&Data::String((*title).into()))
        );
    }
    let settings = book.worksheet_range("Settings").unwrap();
    assert_eq!(
        settings.get_value((1, 1)),
        Some(&Data::String("USD".into()))
    );
    let instructions = book.worksheet_range("Instructions").unwrap();
    let text: Vec<String> = instructions
        .rows()
        .flatten()
        .map(ToString::to_string)
        .collect();
    for field in FIELDS {
        assert!(
            text.iter()
                .any(|t| t == &format!("{} (Projects)", field.title))
        );
    }
}

#[test]
fn every_header_has_a_note_and_choices_have_drop_downs() {
    let (_dir, path) = written(&TemplateOptions::default());
    let notes = part(&path, "xl/comments1.xml");
    for field in FIELDS {
        let first_words: String = field.help.chars().take(20).collect();
        let first_words = first_words.replace('&', "&amp;").replace('\'', "&apos;");
        assert!(notes.contains(&first_words), "no note for {}", field.name());
    }
    let sheet = part(&path, "xl/worksheets/sheet2.xml");
    let lists = sheet.matches("type=\"list\"").count();
    let choices = FIELDS
        .iter()
        .filter(|f| matches!(f.kind, Kind::Enum(_) | Kind::YesNo))
        .count();
    assert_eq!(lists, choices);
    assert!(sheet.contains("<formula1>\"efficiency,cost_reduction,revenue,risk_reduction,user_count,engagement,none\"</formula1>"));
    let money = FIELDS.iter().filter(|f| f.kind == Kind::Money).count();
    assert_eq!(sheet.matches("type=\"decimal\"").count(), money);
    assert!(sheet.contains("type=\"whole\""));
    assert!(sheet.contains("<pane xSplit=\"1\" ySplit=\"1\""));
    let flows = part(&path, "xl/worksheets/sheet3.xml");
    assert!(flows.contains("Projects!$A$2:$A$5000"));
}

#[test]
fn template_is_deterministic_and_follows_the_currency() {
    let (_a, first) = written(&TemplateOptions::default());
    let (_b, second) = written(&TemplateOptions::default());
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(second).unwrap()
    );
    let eur = TemplateOptions {
        currency: "EUR".into(),
    };
    let (_c, third) = written(&eur);
    assert!(part(&third, "xl/styles.xml").contains("#,##0 &quot;EUR&quot;"));
    assert!(part(&first, "docProps/core.xml").contains("2026-01-01T00:00:00Z"));
}

/// `templates/intake.xlsx` is what `airoi template` writes. After changing
/// the template, regenerate the copy with `AIROI_BLESS=1 cargo test`.
#[test]
fn committed_template_is_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/intake.xlsx");
    if std::env::var_os("AIROI_BLESS").is_some() {
        write_template(&committed, &TemplateOptions::default()).unwrap();
    }
    let (_dir, fresh) = written(&TemplateOptions::default());
    let committed_bytes = std::fs::read(&committed)
        .expect("templates/intake.xlsx is missing: run AIROI_BLESS=1 cargo test");
    assert!(
        committed_bytes == std::fs::read(fresh).unwrap(),
        "templates/intake.xlsx is stale: run AIROI_BLESS=1 cargo test"
    );
}
