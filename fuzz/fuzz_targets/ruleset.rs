//! The ruleset loader on arbitrary TOML: an error, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = airoi::rules::ruleset_from_toml(text);
    }
});
