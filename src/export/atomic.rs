//! Writing an output atomically: built beside its target under a hidden
//! name and renamed into place, never over one of the run's inputs.

use std::path::Path;

use super::ExportError;

/// Whether two paths name the same file: by canonical path when both exist,
/// by spelling otherwise.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes `path` by letting `write` fill a sibling temporary file, then
/// renaming it over `path`. Refuses a path that names one of `inputs`.
pub fn write_atomically(
    path: &Path,
    inputs: &[&str],
    write: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    if inputs.iter().any(|input| same_file(path, Path::new(input))) {
        return Err(ExportError::WouldOverwriteInput(path.to_path_buf()));
    }
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = write(&tmp).and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })
    });
    if result.is_err() {
        // Leave nothing half-written behind; the original error is what matters.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
