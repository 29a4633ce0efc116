//! The real-world data in `../shared/external/`, which sits beside CI's
//! checkout but not beside a contributor's clone. A test that needs it is
//! skipped where it is absent, saying so on stderr, unless the run requires
//! it (`AIROI_REQUIRE_EXTERNAL=1`, or `CI=true`): then its absence fails.
//!
//! Included by the integration tests (`tests/common/`) and by the library's
//! unit tests (`src/lib.rs`), so both decide alike.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable that makes missing external data a failure.
pub const REQUIRE_EXTERNAL: &str = "AIROI_REQUIRE_EXTERNAL";

/// `../shared/external/<rel>` beside the checkout, or `None` once `test`
/// has said on stderr that it is skipped.
///
/// # Panics
///
/// When the data is absent and the run requires it ([`external_required`]).
pub fn external_data(rel: &str, test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external");
    external_data_in(&dir, rel, test, external_required())
}

/// Whether this run must have the external data: `AIROI_REQUIRE_EXTERNAL=1`
/// (set by `.ci/run`) or `CI=true` (set by CI services).
pub fn external_required() -> bool {
    let set = |name: &str, value: &str| std::env::var(name).is_ok_and(|v| v == value);
    set(REQUIRE_EXTERNAL, "1") || set("CI", "true")
}

/// [`external_data`] with the folder and the requirement given, so that the
/// absent case can be tested on a folder that does not exist.
pub fn external_data_in(dir: &Path, rel: &str, test: &str, required: bool) -> Option<PathBuf> {
    let path = dir.join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        !required,
        "{test}: {} is missing, and this run requires it ({REQUIRE_EXTERNAL}=1 or CI=true)",
        path.display()
    );
    // Written to stderr itself rather than with `eprintln!`, which the test
    // harness captures and hides for a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {} is absent (set {REQUIRE_EXTERNAL}=1 to make this a failure)",
        path.display()
    );
    None
}
