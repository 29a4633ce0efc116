//! What the importer is reading, for the "this is a bug" message, and a
//! fence around the workbook readers: a panic inside calamine on a damaged
//! file becomes that file's read error instead of ending the run.
//!
//! Both are thread-local: a panic hook runs on the panicking thread, and the
//! importer reads one file at a time on one thread.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    static READING: RefCell<Option<String>> = const { RefCell::new(None) };
    static CONTAINED: Cell<usize> = const { Cell::new(0) };
}

/// Marks a file as being read until dropped.
pub struct ReadingFile {
    previous: Option<String>,
}

impl ReadingFile {
    /// Starts reading `path`.
    ///
    /// In debug builds, `AIROI_TEST_PANIC=1` panics here, so the tests can
    /// prove what a panic looks like to a user; release builds ignore it.
    #[must_use]
    pub fn start(path: &str) -> Self {
        let previous = READING.with(|r| r.replace(Some(path.to_string())));
        #[cfg(debug_assertions)]
        assert!(
            std::env::var_os("AIROI_TEST_PANIC").is_none_or(|v| v != "1"),
            "AIROI_TEST_PANIC is set"
        );
        ReadingFile { previous }
    }
}

impl Drop for ReadingFile {
    fn drop(&mut self) {
        let previous = self.previous.take();
        READING.with(|r| *r.borrow_mut() = previous);
    }
}

/// The file being read on this thread, if any.
#[must_use]
pub fn current_file() -> Option<String> {
    READING.with(|r| r.borrow().clone())
}

/// Whether a panic on this thread now would be caught by the importer's
/// fence around the workbook readers (`contain`), which turns it into the
/// file's read error: a panic hook should then stay quiet and let it
/// unwind. airoi's own hook asks this, and so do the fuzz targets', which
/// abort on any other panic.
#[must_use]
pub fn is_contained() -> bool {
    CONTAINED.with(Cell::get) > 0
}

/// Runs third-party reading code, turning a panic into `Err` with its message.
///
/// Only code that holds nothing of airoi's state across the call belongs in
/// here: whatever it was building is dropped with the error.
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    CONTAINED.with(|c| c.set(c.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(c.get().saturating_sub(1)));
    result.map_err(|payload| panic_message(payload.as_ref()))
}

/// Runs airoi's own code from inside [`contain`]: a panic here is a bug in
/// airoi, which the panic hook must report rather than pass off as a
/// damaged file.
pub fn uncontained<T>(f: impl FnOnce() -> T) -> T {
    let saved = CONTAINED.with(|c| c.replace(0));
    let out = f();
    CONTAINED.with(|c| c.set(saved));
    out
}

/// The text of a panic payload.
#[must_use]
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "an unknown panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_being_read_is_known_and_forgotten() {
        assert_eq!(current_file(), None);
        {
            let _outer = ReadingFile::start("a.xlsx");
            {
                let _inner = ReadingFile::start("b.xlsx");
                assert_eq!(current_file().as_deref(), Some("b.xlsx"));
            }
            assert_eq!(current_file().as_deref(), Some("a.xlsx"));
        }
        assert_eq!(current_file(), None);
    }

    #[test]
    fn a_contained_panic_is_an_error() {
        let result: Result<(), String> = contain(|| {
            assert!(is_contained());
            panic!("index out of bounds")
        });
        assert_eq!(result, Err("index out of bounds".to_string()));
        assert!(!is_contained());
        assert_eq!(contain(|| 7), Ok(7));
    }
}
