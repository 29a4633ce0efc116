//! Where `airoi verify` finds the files a run record names: at the path
//! the run was given; beside the output when output and inputs were moved
//! together (by the recorded path relative to the output's folder, then by
//! file name); or, with `--inputs DIR`, anywhere under that folder by
//! SHA-256. Each file found elsewhere is said in a line, each file missing
//! or changed is a difference naming both files.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::export::json::record::RecordedFile;
use crate::import::portfolio::sha256_hex;

/// Folder levels searched below the output's folder for a file by name.
const SEARCH_DEPTH: usize = 8;

/// What was found of a run record's files.
#[derive(Debug, Default)]
pub struct Located {
    /// Files read from elsewhere than their recorded path: path → where.
    pub read_from: BTreeMap<PathBuf, PathBuf>,
    /// Where each file found elsewhere was found, in words.
    pub found: Vec<String>,
    /// Files missing or changed since the run, in words.
    pub differences: Vec<String>,
}

/// A file on disk and its SHA-256.
struct Candidate {
    path: PathBuf,
    sha256: String,
}

impl Candidate {
    fn read(path: PathBuf) -> Option<Self> {
        let bytes = std::fs::read(&path).ok()?;
        Some(Candidate {
            sha256: sha256_hex(&bytes),
            path,
        })
    }

    /// Whether it is the file recorded: the same SHA-256, or the same name
    /// when the run recorded no hash (an input it could not read).
    fn matches(&self, file: &RecordedFile) -> bool {
        if file.sha256.is_empty() {
            same_name(&self.path, Path::new(&file.path))
        } else {
            self.sha256 == file.sha256
        }
    }
}

/// Finds every file of `files`, recorded in the output at `output`:
/// under `inputs` by SHA-256 when given, else at its recorded path, else
/// beside the output.
#[must_use]
pub fn locate(files: &[RecordedFile], output: &Path, inputs: Option<&Path>) -> Located {
    let mut located = Located::default();
    let folder = output.parent().unwrap_or(Path::new(""));
    let mut under_inputs: Option<Vec<Candidate>> = None;
    for file in files {
        let recorded = PathBuf::from(&file.path);
        let (what, path, want) = (file.role, &file.path, file.sha256.as_str());
        if let Some(dir) = inputs {
            let all = under_inputs.get_or_insert_with(|| files_under(dir, usize::MAX));
            if let Some(found) = all.iter().find(|c| c.matches(file)) {
                let by = if want.is_empty() {
                    "name (the run could not read it, so recorded no SHA-256)"
                } else {
                    "SHA-256"
                };
                located.found.push(format!(
                    "{what} {path}: found in --inputs by {by}: {}",
                    found.path.display()
                ));
                located.read_from.insert(recorded, found.path.clone());
            } else if let Some(named) = all.iter().find(|c| same_name(&c.path, &recorded)) {
                located.differences.push(format!(
                    "{what} {path}: changed: {} in --inputs has its name but SHA-256 {}, the run \
                     recorded {want}",
                    named.path.display(),
                    named.sha256
                ));
            } else {
                located.differences.push(format!(
                    "{what} {path}: not in --inputs {}: no file there has the recorded SHA-256 \
                     {want} or its name",
                    dir.display()
                ));
            }
            continue;
        }
        match std::fs::read(&recorded) {
            Ok(bytes) => {
                let got = sha256_hex(&bytes);
                if got != want && !(want.is_empty() && what == "input") {
                    located.differences.push(format!(
                        "{what} {path}: SHA-256 is {got}, the run recorded {want}"
                    ));
                }
            }
            Err(e) => {
                let beside = beside_output(file, folder);
                if let Some(found) = beside.iter().find(|c| c.matches(file)) {
                    located.found.push(format!(
                        "{what} {path}: found beside the output: {}",
                        found.path.display()
                    ));
                    located.read_from.insert(recorded, found.path.clone());
                } else if let Some(named) = beside.first() {
                    located.differences.push(format!(
                        "{what} {path}: changed: {} beside the output has its name but SHA-256 \
                         {}, the run recorded {want}",
                        named.path.display(),
                        named.sha256
                    ));
                } else {
                    located.differences.push(format!(
                        "{what} {path}: cannot be read ({e}), nor found beside the output; \
                         pass --inputs DIR to say where the inputs are now"
                    ));
                }
            }
        }
    }
    located
}

/// The files beside the output that may be `file`: at its recorded path
/// relative to the output's folder, then any of its name under that folder.
fn beside_output(file: &RecordedFile, folder: &Path) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    if let Some(relative) = &file.relative_path {
        let path = tidy(&folder.join(relative));
        if path.is_file() {
            out.extend(Candidate::read(path));
        }
    }
    let recorded = Path::new(&file.path);
    if recorded.file_name().is_some() {
        let mut named = Vec::new();
        walk(folder, SEARCH_DEPTH, &mut |p| {
            if same_name(p, recorded) {
                named.push(p.to_path_buf());
            }
        });
        for path in named {
            if !out.iter().any(|c| c.path == path) {
                out.extend(Candidate::read(path));
            }
        }
    }
    out
}

/// Every file under `dir` with its SHA-256, in path order.
fn files_under(dir: &Path, depth: usize) -> Vec<Candidate> {
    let mut paths = Vec::new();
    walk(dir, depth, &mut |p| paths.push(p.to_path_buf()));
    paths.into_iter().filter_map(Candidate::read).collect()
}

/// `out/../units/a.csv` as `units/a.csv`, by name (as people read it).
fn tidy(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn same_name(a: &Path, b: &Path) -> bool {
    a.file_name().is_some() && a.file_name() == b.file_name()
}

/// Calls `visit` on each file under `dir`, in path order, down to `depth`
/// folder levels; hidden folders (`.git`) and links to folders are passed
/// over.
fn walk(dir: &Path, depth: usize, visit: &mut dyn FnMut(&Path)) {
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return;
    };
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = dir.join(entry.file_name());
        if kind.is_dir() {
            if depth > 0 && !entry.file_name().to_string_lossy().starts_with('.') {
                walk(&path, depth - 1, visit);
            }
        } else if path.is_file() {
            visit(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(path: &str, relative: Option<&str>, bytes: &[u8]) -> RecordedFile {
        RecordedFile {
            role: "input",
            path: path.into(),
            relative_path: relative.map(str::to_string),
            sha256: sha256_hex(bytes),
        }
    }

    #[test]
    fn a_moved_input_is_found_beside_the_output_then_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("units/sub")).unwrap();
        std::fs::write(root.join("units/a.csv"), b"a").unwrap();
        std::fs::write(root.join("units/sub/b.csv"), b"b").unwrap();
        let files = [
            recorded("/gone/units/a.csv", Some("units/a.csv"), b"a"),
            recorded("/gone/b.csv", None, b"b"),
        ];
        let located = locate(&files, &root.join("out.json"), None);
        assert!(located.differences.is_empty(), "{:?}", located.differences);
        assert_eq!(
            located.read_from[Path::new("/gone/b.csv")],
            root.join("units/sub/b.csv")
        );
        assert_eq!(
            located.found[0],
            format!(
                "input /gone/units/a.csv: found beside the output: {}",
                root.join("units/a.csv").display()
            )
        );
    }

    #[test]
    fn an_input_the_run_could_not_read_is_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.csv"), b"a").unwrap();
        std::fs::write(root.join("broken.xlsx"), b"broken").unwrap();
        let mut unread = recorded("/gone/broken.xlsx", None, b"");
        unread.sha256 = String::new();
        let located = locate(&[unread], &root.join("out.json"), Some(root));
        assert_eq!(
            located.read_from[Path::new("/gone/broken.xlsx")],
            root.join("broken.xlsx")
        );
    }

    #[test]
    fn a_changed_input_names_both_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.csv"), b"changed").unwrap();
        let files = [recorded("/gone/a.csv", Some("a.csv"), b"a")];
        let located = locate(&files, &root.join("out.json"), Some(root));
        assert!(located.read_from.is_empty());
        let line = &located.differences[0];
        assert!(line.starts_with("input /gone/a.csv: changed: "), "{line}");
        assert!(line.contains(&sha256_hex(b"changed")), "{line}");
        assert!(line.contains(&sha256_hex(b"a")), "{line}");
    }
}
