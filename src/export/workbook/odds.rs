//! The Odds sheet: the portfolio's simulated odds of reaching the target
//! in figures, and a native scatter chart of each project's probability of
//! 3:1 against its compute spend, read from the Scores sheet's columns.
//! Written only when the run simulates (`--no-simulation` leaves it out).
//! Points that would sit on one another's labels (often several projects
//! at 0%) share one label listing their ids (`point_labels`).

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartLegendPosition, ChartType, Worksheet, XlsxError,
};

use super::charts::{add_project_points, scores_column};
use super::point_labels::{Near, Point, Shared, data_labels};
use super::sections::Cursor;
use super::styles::{self, Styles};
use crate::format;
use crate::model::{GradedRun, PortfolioSimulation};

/// The Scores columns the chart plots.
const X_COLUMN: &str = "Compute ({H} months)";
const Y_COLUMN: &str = "P(3:1)";

/// Labels on the chart cover one another when their points are within 6%
/// of the probability axis (0–100%) and 20% of the widest spend; a shared
/// label goes above, where projects at 0% leave room.
const NEAR: Near = Near {
    x: 0.2,
    y: 0.06,
    y_span: 1.0,
    shared: Shared::AboveMiddle,
};

/// Writes the Odds sheet of a run that simulated: the figures, what they
/// mean, and the chart of the first `points` projects of Scores, named by
/// `ids` when they are few enough to read.
pub(crate) fn write(
    sheet: &mut Worksheet,
    run: &GradedRun,
    odds: &PortfolioSimulation,
    styles: &Styles,
    (points, ids, at): (u32, &[String], &[Point]),
) -> Result<(), XlsxError> {
    sheet.set_name("Odds")?;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 1);
    let target = format::target(run.ruleset.target_ratio);
    let mut c = Cursor::new(sheet, styles);
    c.sheet
        .write_string_with_format(0, 0, format!("The odds of {target}"), &styles.title)?;
    c.row = 1;
    c.section("Portfolio")?;
    c.number(
        "Expected validated projects",
        Some(odds.expected_validated),
        &styles.score,
    )?;
    c.text(
        "Validated, P10–P90",
        &format!("{}–{}", odds.validated_p10, odds.validated_p90),
    )?;
    c.number(
        "Draws per project",
        Some(f64::from(odds.draws)),
        &styles.whole,
    )?;
    c.text("Seed", &odds.seed.to_string())?;
    c.section("How to read it")?;
    c.lines(
        "",
        &format!(
            "Each project's benefit and compute are drawn {} times from triangular ranges \
             (low, likely, high): the intake's benefit_low / benefit_high and compute_low / \
             compute_high where given, else the ruleset's (benefit {}% to +{}%, compute {}% to \
             +{}%), shown as \"assumed ranges\" on Scores. P({target}) is the share of draws \
             whose ratio over {} months reaches the target; the chart plots it against the \
             compute spend. airoi explain confidence gives the formulas.",
            format::count(u64::from(odds.draws)),
            format::number(run.ruleset.simulation.benefit_low_pct, 1),
            format::number(run.ruleset.simulation.benefit_high_pct, 1),
            format::number(run.ruleset.simulation.compute_low_pct, 1),
            format::number(run.ruleset.simulation.compute_high_pct, 1),
            run.ruleset.horizon_months,
        ),
    )?;
    let labels = data_labels(ids, at, NEAR);
    let chart = chart(run, &target, (points, &labels));
    c.sheet.insert_chart(c.row + 1, 0, &chart)?;
    Ok(())
}

/// The scatter of P(3:1) (y, a fraction as Scores holds its percents)
/// against compute spend (x), one point a project of Scores, labelled with
/// `labels` when few enough.
fn chart(run: &GradedRun, target: &str, (points, labels): (u32, &[ChartDataLabel])) -> Chart {
    let (x_col, y_col) = (scores_column(X_COLUMN), scores_column(Y_COLUMN));
    let mut chart = Chart::new(ChartType::Scatter);
    chart
        .title()
        .set_name(&format!("Probability of {target} against compute spend"));
    add_project_points(&mut chart, (x_col, y_col), points, labels);
    chart
        .x_axis()
        .set_name(&format!(
            "Compute spend over {} months",
            run.ruleset.horizon_months
        ))
        .set_num_format(styles::money_format(&run.run.currency))
        .set_min(0);
    chart
        .y_axis()
        .set_name(&format!("Probability of {target}"))
        .set_num_format("0%")
        .set_min(0)
        .set_max(1)
        .set_major_unit(0.2);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(760).set_height(420);
    chart
}
