//! `airoi explain CHECK`: what a check decides, why it matters, an example,
//! and the thresholds in force; `airoi explain confidence` does the same
//! for the margins of safety and the fragile flag.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::ExitStatus;
use crate::format;
use crate::model::CheckId;
use crate::rules::{effective_ruleset, margins, rule};

/// Explain one check of the checklist.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The check to explain, or `confidence` for the margins of safety.
    #[arg(value_enum, value_name = "CHECK")]
    pub check: CheckArg,
    /// Ruleset file whose thresholds to show instead of the defaults.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

/// A check as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckArg {
    /// Is the ROI quantifiable: 3:1 on compute within 18 months.
    Roi,
    /// Is the infrastructure diversified across providers.
    Diversification,
    /// Is it an agent or a chatbot.
    Agentic,
    /// How sure each grade is: margins of safety and the fragile flag.
    Confidence,
}

impl CheckArg {
    /// The check named, or `None` for `confidence`, which is no check.
    fn check(self) -> Option<CheckId> {
        match self {
            CheckArg::Roi => Some(CheckId::Roi),
            CheckArg::Diversification => Some(CheckId::Diversification),
            CheckArg::Agentic => Some(CheckId::Agentic),
            CheckArg::Confidence => None,
        }
    }
}

/// Prints the explanation of one check.
///
/// # Errors
///
/// The ruleset file cannot be read or is invalid, or stdout cannot be written.
pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitStatus> {
    let (ruleset, _) = effective_ruleset(args.rules.as_deref()).with_context(|| {
        format!(
            "loading ruleset {}",
            args.rules
                .as_deref()
                .unwrap_or_else(|| "default".as_ref())
                .display()
        )
    })?;
    let (title, catalogue, thresholds) = match args.check.check() {
        Some(check) => (
            format!("{} ({})", check.title(), check.id()),
            rule(check).explain(),
            rule(check).thresholds(&ruleset),
        ),
        None => (
            "How sure each grade is (confidence)".to_owned(),
            margins::EXPLAIN,
            margins::thresholds(&ruleset),
        ),
    };
    let mut text = format!("{title}\n\n");
    // The catalogue is Markdown (it is also the rule's rustdoc); headings
    // print as plain capitals in a terminal.
    for line in catalogue.lines() {
        match line.strip_prefix("# ") {
            Some(heading) => text.push_str(&heading.to_uppercase()),
            None => text.push_str(&line.replace('`', "")),
        }
        text.push('\n');
    }
    let _ = writeln!(
        text,
        "\nTHRESHOLDS IN FORCE (ruleset \"{}\")\n",
        ruleset.name
    );
    for threshold in thresholds {
        let _ = writeln!(
            text,
            "  {} = {}",
            threshold.key,
            format::number(threshold.value, 6)
        );
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(ExitStatus::Clean)
}
