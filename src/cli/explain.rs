//! `airoi explain CHECK`: what a check decides, why it matters, an example,
//! and the thresholds in force; `airoi explain review` and `airoi explain
//! confidence` do the same for the review grade on actual figures and for
//! the margins of safety and the fragile flag.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::ExitStatus;
use crate::format;
use crate::model::CheckId;
use crate::rules::{effective_ruleset, margins, review, rule, simulation};

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
    /// The review grade on actual figures: replacement, re-forecast, variance.
    Review,
    /// How sure each grade is: margins of safety and the fragile flag.
    Confidence,
}

impl CheckArg {
    /// The check it names; `None` for the review (which grades with all
    /// three) and for `confidence`, which is no check.
    fn check(self) -> Option<CheckId> {
        match self {
            CheckArg::Roi => Some(CheckId::Roi),
            CheckArg::Diversification => Some(CheckId::Diversification),
            CheckArg::Agentic => Some(CheckId::Agentic),
            CheckArg::Review | CheckArg::Confidence => None,
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
    let (title, explain, thresholds): (String, std::borrow::Cow<'static, str>, Vec<_>) =
        match args.check.check() {
            Some(check) => {
                let rule = rule(check);
                (
                    format!("{} ({})", check.title(), check.id()),
                    rule.explain().into(),
                    rule.thresholds(&ruleset)
                        .into_iter()
                        .map(|t| (t.key, format::number(t.value, 6)))
                        .collect::<Vec<_>>(),
                )
            }
            None if args.check == CheckArg::Confidence => (
                "How sure each grade is (confidence)".to_owned(),
                format!(
                    "{}\n{}\n{}",
                    margins::EXPLAIN,
                    crate::rules::scenarios::EXPLAIN,
                    simulation::EXPLAIN
                )
                .into(),
                margins::thresholds(&ruleset)
                    .into_iter()
                    .chain(simulation::thresholds(&ruleset))
                    .map(|t| (t.key, format::number(t.value, 6)))
                    .chain(ruleset.scenarios.iter().map(|s| {
                        (
                            "scenario",
                            format!(
                                "{} ({}): {}",
                                s.name,
                                s.label,
                                crate::rules::scenarios::shocks(s)
                            ),
                        )
                    }))
                    .collect(),
            ),
            None => (
                "Performance review: the grade on actual figures (review)".to_owned(),
                review::EXPLAIN.into(),
                vec![
                    ("reforecast", format!("\"{}\"", ruleset.reforecast.word())),
                    ("target_ratio", format::number(ruleset.target_ratio, 6)),
                    (
                        "horizon_months",
                        format::number(f64::from(ruleset.horizon_months), 6),
                    ),
                ],
            ),
        };
    let mut text = format!("{title}\n\n");
    // The catalogue is Markdown (it is also the rule's rustdoc); headings
    // print as plain capitals in a terminal.
    for line in explain.lines() {
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
    for (key, value) in thresholds {
        let _ = writeln!(text, "  {key} = {value}");
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(ExitStatus::Clean)
}
