//! `airoi template`: writes the intake template business units fill in.

use std::path::PathBuf;

use anyhow::{Context, bail};

use super::ExitStatus;
use crate::export::template::{TemplateOptions, write_template};

/// Writes the intake template: Instructions, Projects (with notes,
/// drop-downs and two example rows), `CashFlows` and `Settings`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Where to write the template.
    #[arg(short, long, value_name = "PATH", default_value = "intake.xlsx")]
    pub output: PathBuf,

    /// Run currency written on the Settings sheet (ISO 4217 code).
    #[arg(long, value_name = "CODE", default_value = "USD")]
    pub currency: String,

    /// Replace the file if it exists (a filled-in intake is not overwritten otherwise).
    #[arg(long)]
    pub force: bool,
}

/// Runs `airoi template`.
pub fn run(args: &TemplateArgs) -> anyhow::Result<ExitStatus> {
    if args.output.exists() && !args.force {
        bail!(
            "{} already exists; pass --force to replace it",
            args.output.display()
        );
    }
    let currency = args.currency.trim().to_ascii_uppercase();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        bail!(
            "--currency {}: expected a three-letter ISO 4217 code such as USD",
            args.currency
        );
    }
    let opts = TemplateOptions { currency };
    let extension = args
        .output
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if let Some(extension) = extension.filter(|e| e != "xlsx") {
        bail!(
            "-o {}: the intake template is an .xlsx workbook, not .{extension}; name it {}",
            args.output.display(),
            args.output.with_extension("xlsx").display()
        );
    }
    write_template(&args.output, &opts)
        .with_context(|| format!("writing the template {}", args.output.display()))?;
    eprintln!(
        "airoi: wrote the intake template {} (amounts in {})",
        args.output.display(),
        opts.currency
    );
    Ok(ExitStatus::Clean)
}
