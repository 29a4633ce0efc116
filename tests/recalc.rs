//! The graded workbook's saved formula results are what the formulas
//! compute: LibreOffice, made to recalculate every formula on load, saves
//! a copy whose cells must equal the original's cell for cell on every
//! sheet. A reader that does not recalculate (LibreOffice by default, the
//! preview panes of mail and file managers) shows the saved results.
//!
//! Skipped, saying so, where `soffice` is not on the PATH; failed there
//! when `AIROI_REQUIRE_LIBREOFFICE=1` (as `.ci/run` sets it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::{Workdir, root, stderr};

/// LibreOffice's setting "recalculation on file load" for Excel 2007 and
/// newer files set to "always" (0), in a profile of the test's own.
const RECALC_ALWAYS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

/// `soffice` on the PATH, or `None` after saying why the test skips (or
/// a panic when the run requires LibreOffice).
fn soffice(test: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("soffice"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        let required = std::env::var("AIROI_REQUIRE_LIBREOFFICE").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{test}: soffice is not on the PATH, and this run requires it (AIROI_REQUIRE_LIBREOFFICE=1)"
        );
        println!("skipped {test}: soffice (LibreOffice) is not on the PATH");
    }
    found
}

/// Converts each workbook to xlsx in `out`, recalculating every formula.
fn recalculated(soffice: &Path, wd: &Workdir, books: &[&Path], out: &Path) -> Vec<PathBuf> {
    let profile = wd.path("lo-profile");
    std::fs::create_dir_all(profile.join("user")).unwrap();
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        RECALC_ALWAYS,
    )
    .unwrap();
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(out)
        .args(books)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("soffice starts");
    assert!(status.success(), "soffice failed: {status}");
    books
        .iter()
        .map(|b| {
            let copy = out.join(b.file_name().unwrap());
            assert!(copy.is_file(), "soffice wrote no {}", copy.display());
            copy
        })
        .collect()
}

/// A cell as compared: numbers as numbers, everything else as its text.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Number(f64),
    Text(String),
}

/// Every non-empty cell of every sheet, by sheet name and (row, column).
fn cells(path: &Path) -> BTreeMap<String, BTreeMap<(u32, u32), Shown>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut sheets = BTreeMap::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut cells = BTreeMap::new();
        for (row, col, data) in range.cells() {
            let shown = match data {
                Data::Empty => continue,
                Data::String(s) if s.is_empty() => continue,
                Data::Int(i) => Shown::Number(*i as f64),
                Data::Float(f) => Shown::Number(*f),
                Data::DateTime(d) => Shown::Number(d.as_f64()),
                Data::Bool(b) => Shown::Text(b.to_string()),
                other => Shown::Text(other.to_string()),
            };
            cells.insert((top + row as u32, left + col as u32), shown);
        }
        sheets.insert(name, cells);
    }
    sheets
}

fn same(a: &Shown, b: &Shown) -> bool {
    match (a, b) {
        (Shown::Number(x), Shown::Number(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()),
        _ => a == b,
    }
}

/// Every difference between the saved and the recalculated workbook.
fn differences(saved: &Path, recalculated: &Path) -> Vec<String> {
    let (original, copy) = (cells(saved), cells(recalculated));
    let mut out = Vec::new();
    let names: Vec<&String> = original.keys().chain(copy.keys()).collect();
    for name in names {
        let empty = BTreeMap::new();
        let before = original.get(name).unwrap_or(&empty);
        let after = copy.get(name).unwrap_or(&empty);
        for at in before.keys().chain(after.keys()) {
            match (before.get(at), after.get(at)) {
                (Some(saved), Some(again)) if same(saved, again) => {}
                (saved, again) => out.push(format!(
                    "{name}!R{}C{}: saved {saved:?}, recalculated {again:?}",
                    at.0 + 1,
                    at.1 + 1
                )),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A project without compute (its ratio is the formula's empty text)
/// beside one with compute, so both branches of the ratio's `IF` are saved.
const NO_COMPUTE: &str = "\
Project ID,Project Name,Business Unit,Stage,Upfront Compute Cost (USD),Monthly Compute Cost (USD),Monthly Benefit (USD),Benefit Metric,Providers,Interaction Pattern,Autonomy
NC-1,Spare GPU digest,R&D,idea,0,0,5000,efficiency,aws,autonomous_agent,autonomous
NC-2,Invoice agent,Finance,pilot,1000,2000.37,7333.33,efficiency,aws:60; azure:40,workflow_agent,approve_outcome
";

#[test]
fn saved_formula_results_equal_a_libreoffice_recalculation() {
    let test = "saved_formula_results_equal_a_libreoffice_recalculation";
    let Some(soffice) = soffice(test) else {
        return;
    };
    let wd = Workdir::new();
    let sample = root().join("samples/portfolio.xlsx");
    let csv = wd.write("no_compute.csv", NO_COMPUTE);
    let mut books = Vec::new();
    for (input, out) in [(sample.as_path(), "sample.xlsx"), (&csv, "no_compute.xlsx")] {
        let run = wd.run(&[
            "score",
            input.to_str().unwrap(),
            "-o",
            out,
            "--as-of",
            "2026-01-31",
        ]);
        assert!(
            run.status.code().is_some_and(|c| c <= 1),
            "{}",
            stderr(&run)
        );
        books.push(wd.path(out));
    }
    let no_compute = cells(&books[1]);
    // The ratio's formula is saved with the empty text, not 0.
    let ratios: Vec<&Shown> = no_compute["Cash flows"]
        .iter()
        .filter(|((row, col), _)| *row > 0 && *col == 3 + 18 + 1)
        .map(|(_, v)| v)
        .collect();
    assert_eq!(ratios.len(), 1, "only NC-2 shows a ratio: {ratios:?}");
    let out = wd.path("recalculated");
    std::fs::create_dir_all(&out).unwrap();
    let paths: Vec<&Path> = books.iter().map(PathBuf::as_path).collect();
    let copies = recalculated(&soffice, &wd, &paths, &out);
    for (book, copy) in books.iter().zip(&copies) {
        let diffs = differences(book, copy);
        assert!(
            diffs.is_empty(),
            "{}: {} cells differ after recalculation:\n{}",
            book.display(),
            diffs.len(),
            diffs.join("\n")
        );
    }
}
