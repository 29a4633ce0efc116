//! What a user sees if airoi panics anyway: one line saying it is a bug,
//! the file being read, and an exit status of 2, instead of a backtrace.
//! Panics inside the workbook readers on a damaged file are not bugs of
//! airoi's; the importer contains those ([`crate::import::guard`]) and this
//! hook stays quiet for them.

use std::io::Write;

use crate::import::guard;

/// Installs the hook for the rest of the process.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        if guard::is_contained() {
            return;
        }
        let message = guard::panic_message(info.payload());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let line = match guard::current_file() {
            Some(file) => format!(
                "airoi: this is a bug: {message}{place} (while reading {file}); please report it with the file"
            ),
            None => format!("airoi: this is a bug: {message}{place}; please report it"),
        };
        let _ = writeln!(std::io::stderr().lock(), "{line}");
        std::process::exit(2);
    }));
}
