//! Checks an output path before a run does any work, so a path that cannot
//! be written fails in a second instead of after minutes of reading and
//! scoring: the folder must exist, must accept a new file, and the path
//! must not name one of the run's inputs.
//!
//! Writing itself is atomic ([`super::write_atomically`]): each output is
//! built as a hidden `.NAME.XXXXXX.tmp` beside it and renamed into place, and
//! the temporary file is removed when writing fails. A run killed between
//! the two (power cut, `kill -9`) can leave only that hidden file behind,
//! never a half-written output under the real name.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why an output path cannot be written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The output path names one of the run's input files.
    #[error("refusing to write {}: it is one of the run's inputs", .0.display())]
    WouldOverwriteInput(PathBuf),
    /// The output's folder is missing.
    #[error("cannot write {}: the folder {} does not exist", .path.display(), .folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    /// The folder refused a new file.
    #[error("cannot write {}: the folder {} does not accept new files", .path.display(), .folder.display())]
    Unwritable {
        path: PathBuf,
        folder: PathBuf,
        source: std::io::Error,
    },
    /// The path is a folder.
    #[error("cannot write {}: it is a folder", .0.display())]
    IsFolder(PathBuf),
}

/// Checks that `path` can be written and is none of `inputs`, by creating
/// and removing a probe file in its folder: permissions, read-only mounts
/// and full quotas all show up here rather than after the work is done.
pub fn check_output(path: &Path, inputs: &[PathBuf]) -> Result<(), OutputError> {
    if inputs
        .iter()
        .any(|input| super::atomic::same_file(path, input))
    {
        return Err(OutputError::WouldOverwriteInput(path.to_path_buf()));
    }
    if path.is_dir() {
        return Err(OutputError::IsFolder(path.to_path_buf()));
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(OutputError::NoFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    let probe = folder.join(format!(".airoi-probe-{}", std::process::id()));
    match OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(source) => Err(OutputError::Unwritable {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_the_folder_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x.xlsx");
        check_output(&out, &[]).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "a").unwrap();
        assert!(matches!(
            check_output(&input, std::slice::from_ref(&input)),
            Err(OutputError::WouldOverwriteInput(_))
        ));
        assert!(matches!(
            check_output(&dir.path().join("no/x.xlsx"), &[]),
            Err(OutputError::NoFolder { .. })
        ));
        assert!(matches!(
            check_output(dir.path(), &[]),
            Err(OutputError::IsFolder(_))
        ));
    }
}
