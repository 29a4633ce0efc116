//! Command line.
use std::process::ExitCode;
/// Entry point.
#[must_use]
pub fn main() -> ExitCode { ExitCode::SUCCESS }
