//! The files of a run: folders (with their subfolders) and patterns
//! expanded into the spreadsheets they hold, in path order, with the files
//! passed over and why: lock and temporary files, files that are no
//! spreadsheet (a `readme.txt`, a PDF), and airoi's own outputs left among
//! the intakes.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// A file of a run, or one that was passed over while expanding a folder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// Files in folders that were not read, with the reason.
    pub skipped: Vec<(PathBuf, &'static str)>,
}

const READABLE: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"];

/// Why a file in a folder that is no spreadsheet is passed over.
const NOT_A_SPREADSHEET: &str = "not a spreadsheet; airoi reads .xlsx, .xlsm, .xls, .xlsb, .ods, .csv, .tsv and tab-separated .txt";

/// Whether a `.txt` file is a table: its first line holds a tab, as in
/// Excel's "Text (Tab delimited)". A note beside the intakes (`readme.txt`)
/// holds none.
fn tab_separated(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    // UTF-16 (Excel's "Unicode Text") writes a tab as 09 00.
    let first = head.split(|b| *b == b'\n').next().unwrap_or_default();
    first.contains(&b'\t')
}

/// Why a file found in a folder or by a pattern is passed over, if it is.
fn skip_reason(path: &Path) -> Option<&'static str> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.starts_with("~$") || name.starts_with(".~lock.") {
        Some("office lock file")
    } else if name.starts_with('.') || name.ends_with('~') || ext == "tmp" {
        Some("hidden or temporary file")
    } else if ext == "txt" {
        (!tab_separated(path)).then_some(NOT_A_SPREADSHEET)
    } else if !READABLE.contains(&ext.as_str()) {
        Some(NOT_A_SPREADSHEET)
    } else {
        None
    }
}

/// The files under a folder and its subfolders, in path order; hidden
/// subfolders (`.git`), a Markdown report's charts and links to folders are
/// passed over, with the reason.
fn walk(
    folder: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<(PathBuf, &'static str)>,
) -> anyhow::Result<()> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(folder)
        .with_context(|| format!("reading folder {}", folder.display()))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(std::fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if kind.is_dir() {
            if hidden {
                skipped.push((path, "hidden folder"));
            } else if is_report_charts(&path) {
                skipped.push((
                    path,
                    "airoi's own output, the charts of the report beside it",
                ));
            } else {
                walk(&path, files, skipped)?;
            }
        } else if kind.is_symlink() && path.is_dir() {
            skipped.push((path, "link to a folder, not followed"));
        } else if path.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// Whether a folder is the charts of an airoi Markdown report beside it
/// (`audit.charts` next to `audit.md`).
fn is_report_charts(folder: &Path) -> bool {
    let Some(stem) = folder
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".charts"))
    else {
        return false;
    };
    let report = folder.with_file_name(format!("{stem}.md"));
    report.is_file() && crate::import::output_kind(&report).is_some()
}

/// Expands folders into their spreadsheets, subfolders included, and
/// patterns (`intake/*.xlsx`, for shells that do not expand them) into
/// their matches, in path order, skipping office lock and temporary files
/// and airoi's own outputs (a graded workbook left in the intake folder).
/// A file named outright is always read.
pub fn expand_inputs(inputs: &[PathBuf]) -> anyhow::Result<Expanded> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let text = input.to_string_lossy();
        let found: Vec<PathBuf> = if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found, &mut skipped)?;
            found
        } else if !input.exists() && text.contains(['*', '?', '[']) {
            let matches: Vec<PathBuf> = glob::glob(&text)
                .with_context(|| format!("the pattern {text}"))?
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect();
            if matches.is_empty() {
                bail!("the pattern {text} matches no file");
            }
            matches
        } else {
            files.push(input.clone());
            continue;
        };
        let mut found = found;
        found.sort();
        for path in found {
            match skip_reason(&path) {
                Some(why) => skipped.push((path, why)),
                None => match crate::import::output_kind(&path) {
                    Some(output) => skipped.push((path, output.skip_reason())),
                    None => files.push(path),
                },
            }
        }
    }
    Ok(Expanded { files, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_among_the_intakes_is_skipped_and_a_tab_separated_txt_read() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("readme.txt");
        let table = dir.path().join("export.txt");
        std::fs::write(&note, "Intakes for Q3, one per unit.\n").unwrap();
        std::fs::write(&table, "project_id\tproject_name\nA-1\tOne\n").unwrap();
        std::fs::write(dir.path().join("a.pdf"), "%PDF-1.4").unwrap();
        let expanded = expand_inputs(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(expanded.files, [table]);
        assert_eq!(
            expanded.skipped,
            [
                (dir.path().join("a.pdf"), NOT_A_SPREADSHEET),
                (note.clone(), NOT_A_SPREADSHEET)
            ]
        );
        // Named outright, a file is always read (and refused by its content).
        let named = expand_inputs(std::slice::from_ref(&note)).unwrap();
        assert_eq!(named.files, [note]);
    }
}
