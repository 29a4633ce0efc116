//! Whole-file import of csv bytes (the format is still decided by content).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airoi_fuzz::import("fuzz.csv", data);
});
