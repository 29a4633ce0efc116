//! The files of a run: folders and patterns expanded into the spreadsheets
//! they hold, in name order, with the files passed over and why.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// A file of a run, or one that was passed over while expanding a folder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// Files in folders that were not read, with the reason.
    pub skipped: Vec<(PathBuf, &'static str)>,
}

const READABLE: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"];

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
    } else if !READABLE.contains(&ext.as_str()) {
        Some("not a spreadsheet or CSV")
    } else {
        None
    }
}

/// Expands folders into their spreadsheets and patterns (`intake/*.xlsx`,
/// for shells that do not expand them) into their matches, in name order,
/// skipping office lock and temporary files. A file named outright is
/// always read.
pub fn expand_inputs(inputs: &[PathBuf]) -> anyhow::Result<Expanded> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let text = input.to_string_lossy();
        let found: Vec<PathBuf> = if input.is_dir() {
            std::fs::read_dir(input)
                .with_context(|| format!("reading folder {}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
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
                None => files.push(path),
            }
        }
    }
    Ok(Expanded { files, skipped })
}
