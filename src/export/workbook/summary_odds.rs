//! The Summary sheet's "Odds of 3:1" section: the expected number of
//! validated projects, its spread, the draws and the seed, in the words
//! the report and the console use (`rules::simulation::words`), pointing to
//! the Odds sheet for the chart.

use rust_xlsxwriter::XlsxError;

use super::sections::Cursor;
use crate::rules::simulation::words;

/// The portfolio's simulated odds of reaching the target, in the words
/// the report and the console use; the Odds sheet has the chart.
pub(crate) fn write(
    c: &mut Cursor,
    odds: &crate::model::PortfolioSimulation,
    ruleset: &crate::model::Ruleset,
) -> Result<(), XlsxError> {
    let target = crate::format::target(ruleset.target_ratio);
    c.section(&format!("Odds of {target}"))?;
    c.number(
        "Expected validated projects",
        Some(odds.expected_validated),
        &c.styles.score,
    )?;
    c.text(
        "Validated, P10–P90",
        &format!("{}–{}", odds.validated_p10, odds.validated_p90),
    )?;
    c.text("Simulated with", &words::draws(odds))?;
    c.lines(
        "Per project",
        &format!("P({target}) and ratio P10–P90 on Scores; the chart on the Odds sheet"),
    )?;
    Ok(())
}
