//! `airoi template` run as a user would.

use assert_cmd::Command;
use predicates::str::contains;

#[test]
fn template_writes_the_committed_intake() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("intake.xlsx");
    Command::cargo_bin("airoi")
        .unwrap()
        .args(["template", "-o"])
        .arg(&out)
        .assert()
        .success();
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/intake.xlsx");
    assert!(std::fs::read(&out).unwrap() == std::fs::read(committed).unwrap());
}

#[test]
fn template_keeps_an_existing_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("intake.xlsx");
    std::fs::write(&out, b"filled in").unwrap();
    Command::cargo_bin("airoi")
        .unwrap()
        .args(["template", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("already exists; pass --force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"filled in");
    Command::cargo_bin("airoi")
        .unwrap()
        .args(["template", "--force", "--currency", "eur", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
}

#[test]
fn template_rejects_a_malformed_currency() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("airoi")
        .unwrap()
        .current_dir(dir.path())
        .args(["template", "--currency", "dollars"])
        .assert()
        .code(2)
        .stderr(contains("three-letter ISO 4217"));
    assert!(!dir.path().join("intake.xlsx").exists());
}

#[test]
fn template_says_what_it_wrote_and_refuses_another_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("intake.xlsx");
    Command::cargo_bin("airoi")
        .unwrap()
        .args(["template", "--currency", "EUR", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(format!(
            "airoi: wrote the intake template {} (amounts in EUR)\n",
            out.display()
        ));
    let csv = dir.path().join("intake.csv");
    Command::cargo_bin("airoi")
        .unwrap()
        .args(["template", "-o"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(format!(
            "airoi: error: -o {}: the intake template is an .xlsx workbook, not .csv; name it {}\n",
            csv.display(),
            out.display()
        ));
    assert!(!csv.exists());
}

/// A template in euros writes its examples in euros, and a unit that
/// leaves them in has them skipped, not rejected for a missing rate.
#[test]
fn a_euro_template_writes_its_examples_in_euros_and_they_are_skipped() {
    use calamine::{Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("intake.xlsx");
    Command::cargo_bin("airoi")
        .unwrap()
        .args(["template", "--currency", "EUR", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mut book = open_workbook_auto(&out).unwrap();
    let sheet = book.worksheet_range("Projects").unwrap();
    let headers: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    let currency = headers
        .iter()
        .position(|h| h == "Currency")
        .expect("a Currency column");
    for row in sheet.rows().skip(1).take(2) {
        assert_eq!(row[currency].to_string(), "EUR");
    }
    Command::cargo_bin("airoi")
        .unwrap()
        .args(["validate"])
        .arg(&out)
        .assert()
        // Nothing to score: the exit status says so.
        .code(2)
        .stdout(contains("row 2 is the intake template's example FIN-001"))
        .stdout(contains("row 3 is the intake template's example OPS-014"))
        .stdout(contains("0 projects read, 0 rows rejected"));
}
