//! `airoi rules`: prints the effective ruleset as commented TOML, ready to
//! save, edit and pass back with `--rules`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::ExitStatus;
use crate::rules::{canonical_toml, effective_ruleset};

/// Print the ruleset in force as TOML: the defaults, or the defaults with a
/// file's overrides applied.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Ruleset file overriding any subset of the default keys; the printout
    /// then shows the merged result.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

/// Prints the effective ruleset.
///
/// # Errors
///
/// The ruleset file cannot be read or is invalid, or stdout cannot be written.
pub fn run(args: &RulesArgs) -> anyhow::Result<ExitStatus> {
    let (ruleset, _) = effective_ruleset(args.rules.as_deref()).with_context(|| {
        format!(
            "loading ruleset {}",
            args.rules
                .as_deref()
                .unwrap_or_else(|| "default".as_ref())
                .display()
        )
    })?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(canonical_toml(&ruleset).as_bytes())?;
    stdout.flush()?;
    Ok(ExitStatus::Clean)
}
