//! Each input's path relative to the folder of the output that records it
//! (`relative_path` in every run record), so `airoi verify` finds the
//! inputs where an output and its inputs were moved together.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use crate::model::{BillFile, BillsRecord, InputRecord, RelativePaths, RunRecord};

/// The inputs as an output whose folder is `folder` records them: with
/// `relative_path` worked out from that folder, or as an earlier run
/// recorded them ([`RelativePaths::Recorded`]). An output with no folder
/// (standard output) records none.
pub(crate) fn recorded_inputs<'a>(
    run: &'a RunRecord,
    folder: Option<&Path>,
) -> Cow<'a, [InputRecord]> {
    match (run.relative_paths, folder) {
        (RelativePaths::FromOutput, Some(folder)) => Cow::Owned(
            run.inputs
                .iter()
                .map(|input| InputRecord {
                    relative_path: relative_to(Path::new(&input.path), folder),
                    ..input.clone()
                })
                .collect(),
        ),
        _ => Cow::Borrowed(&run.inputs),
    }
}

/// The bills as an output whose folder is `folder` records them: each
/// file with its `relative_path`, as [`recorded_inputs`] records inputs.
pub(crate) fn recorded_bills<'a>(
    run: &'a RunRecord,
    folder: Option<&Path>,
) -> Option<Cow<'a, BillsRecord>> {
    let bills = run.bills.as_ref()?;
    Some(match (run.relative_paths, folder) {
        (RelativePaths::FromOutput, Some(folder)) => Cow::Owned(BillsRecord {
            files: bills
                .files
                .iter()
                .map(|file| BillFile {
                    relative_path: relative_to(Path::new(&file.path), folder),
                    ..file.clone()
                })
                .collect(),
            ..bills.clone()
        }),
        _ => Cow::Borrowed(bills),
    })
}

/// The folder an output at `path` is written in; `None` for standard
/// output (`-`).
#[must_use]
pub(crate) fn output_folder(path: &Path) -> Option<&Path> {
    if path.as_os_str() == "-" {
        return None;
    }
    Some(path.parent().unwrap_or(Path::new("")))
}

/// `path` relative to `folder`, both taken from the working folder, with
/// `/` between parts (`../units/finance.xlsx`); `None` when the two share
/// no folder but the root (`/tmp/out` and `/home/me/units`, or another
/// drive).
fn relative_to(path: &Path, folder: &Path) -> Option<String> {
    let path = absolute(path)?;
    let folder = absolute(folder)?;
    let common: Vec<Component> = path
        .components()
        .zip(folder.components())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    // A path that climbs to the root would name where the files sat on
    // one machine, not how they lie beside each other.
    if !common.iter().any(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let shared = common.len();
    let ups = folder.components().count() - shared;
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), ups)
        .chain(
            path.components()
                .skip(shared)
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        )
        .collect();
    Some(parts.join("/"))
}

/// `path` from the working folder, with `.` and `..` resolved by name
/// (links are not followed: the paths are the ones people gave).
fn absolute(path: &Path) -> Option<PathBuf> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let full = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for component in full.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_relative_to_the_output_folder() {
        let rel = |p: &str, f: &str| relative_to(Path::new(p), Path::new(f));
        assert_eq!(
            rel("units/finance.xlsx", "units").as_deref(),
            Some("finance.xlsx")
        );
        assert_eq!(
            rel("units/finance.xlsx", "out").as_deref(),
            Some("../units/finance.xlsx")
        );
        assert_eq!(rel("units/a/b.csv", "").as_deref(), Some("units/a/b.csv"));
        assert_eq!(
            rel("/data/in/b.csv", "/data/out/x").as_deref(),
            Some("../../in/b.csv")
        );
        assert_eq!(rel("/home/me/units/b.csv", "/tmp/out"), None);
        assert_eq!(
            rel("./units/../units/b.csv", "./units/").as_deref(),
            Some("b.csv")
        );
    }

    #[test]
    fn standard_output_has_no_folder() {
        assert_eq!(output_folder(Path::new("-")), None);
        assert_eq!(output_folder(Path::new("x.json")), Some(Path::new("")));
        assert_eq!(
            output_folder(Path::new("out/x.json")),
            Some(Path::new("out"))
        );
    }
}
