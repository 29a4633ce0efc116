//! Writing an output atomically: built beside its target under a hidden
//! temporary name and persisted over it in one rename, never over one of the
//! run's inputs. A failed write removes its temporary file.

use std::path::Path;

use tempfile::{Builder, NamedTempFile};

use super::ExportError;

/// Whether two paths name the same file: by canonical path when both exist,
/// by spelling otherwise.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes `path` by letting `write` fill a temporary file beside it
/// (`.NAME.XXXXXX.tmp`), then renaming it over `path`. Refuses a path that
/// names one of `inputs`.
///
/// # Errors
///
/// [`ExportError::WouldOverwriteInput`] when `path` is one of `inputs`;
/// [`ExportError::Io`] naming `path` when the temporary file cannot be made
/// or renamed; otherwise whatever `write` returns.
pub fn write_atomically(
    path: &Path,
    inputs: &[&str],
    write: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    if inputs.iter().any(|input| same_file(path, Path::new(input))) {
        return Err(ExportError::WouldOverwriteInput(path.to_path_buf()));
    }
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let tmp = temporary_beside(path).map_err(io)?;
    // Dropping `tmp` on an error removes it: nothing half-written is left.
    write(tmp.path())?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// An empty temporary file in `path`'s folder, with the permissions a new
/// file gets there (tempfile's own default is owner-only).
fn temporary_beside(path: &Path) -> std::io::Result<NamedTempFile> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder).map_err(without_temporary_name)
}

/// tempfile adds the temporary file's random name to its errors; the user
/// only ever named the output, which the caller's error names already.
fn without_temporary_name(e: std::io::Error) -> std::io::Error {
    let text = e.to_string();
    match text.rsplit_once(" at path ") {
        Some((cause, _)) => std::io::Error::new(e.kind(), cause.to_string()),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("graded.json");
        std::fs::write(&out, "old").unwrap();
        write_atomically(&out, &[], |tmp| {
            std::fs::write(tmp, "new").map_err(|source| ExportError::Io {
                path: tmp.to_path_buf(),
                source,
            })
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let fresh = dir.path().join("fresh");
            std::fs::write(&fresh, "").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
            assert_eq!(mode(&out), mode(&fresh), "as a newly created file");
        }
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_removes_the_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("graded.xlsx");
        std::fs::write(&out, "old").unwrap();
        let err = write_atomically(&out, &[], |tmp| {
            std::fs::write(tmp, "half").unwrap();
            Err(ExportError::Chart("refused".into()))
        })
        .unwrap_err();
        assert!(matches!(err, ExportError::Chart(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_named_by_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no/graded.xlsx");
        let err = write_atomically(&out, &[], |_| Ok(())).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "writing {}: No such file or directory (os error 2)",
                out.display()
            )
        );
    }
}
