//! The Odds sheet: the portfolio's simulated odds of reaching the target
//! in figures, and a native scatter chart of each project's probability of
//! 3:1 against its compute spend, read from the Scores sheet's columns.
//! Written only when the run simulates (`--no-simulation` leaves it out).
//! Points that would sit on one another's labels (often several projects
//! at 0%) share one label listing their ids.

use std::fmt::Write as _;

use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType, Worksheet, XlsxError};

use super::charts::{add_project_points, point_label, scores_column};
use super::sections::Cursor;
use super::styles::{self, Styles};
use super::summary::OddsPoint;
use crate::format;
use crate::model::{GradedRun, PortfolioSimulation};

/// The Scores columns the chart plots.
const X_COLUMN: &str = "Compute ({H} months)";
const Y_COLUMN: &str = "P(3:1)";

/// Writes the Odds sheet of a run that simulated: the figures, what they
/// mean, and the chart of the first `points` projects of Scores, named by
/// `ids` when they are few enough to read.
pub(crate) fn write(
    sheet: &mut Worksheet,
    run: &GradedRun,
    odds: &PortfolioSimulation,
    styles: &Styles,
    (points, ids, at): (u32, &[String], &[OddsPoint]),
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
        &styles.decimal,
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
    let labels = point_labels(ids, at);
    let chart = chart(run, &target, (points, &labels));
    c.sheet.insert_chart(c.row + 1, 0, &chart)?;
    Ok(())
}

/// The scatter of P(3:1) (y, a fraction as Scores holds its percents)
/// against compute spend (x), one point a project of Scores, labelled with
/// its ID when few enough.
fn chart(run: &GradedRun, target: &str, (points, ids): (u32, &[String])) -> Chart {
    let (x_col, y_col) = (scores_column(X_COLUMN), scores_column(Y_COLUMN));
    let mut chart = Chart::new(ChartType::Scatter);
    chart
        .title()
        .set_name(&format!("Probability of {target} against compute spend"));
    let labels: Vec<_> = ids
        .iter()
        .map(|label| point_label(label, label.contains(", ")))
        .collect();
    add_project_points(&mut chart, (x_col, y_col), points, &labels);
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

/// Points closer than this share of the y axis (0–100%) ...
const NEAR_Y: f64 = 0.06;
/// ... and, one to the next, than this share of the widest compute spend
/// on the x axis share one label.
const NEAR_X: f64 = 0.2;
/// Ids one shared label lists at most; the rest are counted.
const SHARED_MAX: usize = 4;

/// One label a point, in Scores order: a point's id; for a group of points
/// whose labels would cover one another (often several projects at 0%), one
/// label listing the group's ids left to right (`SAL-010, MKT-004`; past
/// four, `… and 2 more`), on its middle point (the chart sets it above the
/// point, centred on the group), and none (empty) on the others. `at` holds each point's
/// compute total and probability (`None` when not drawn, so not plotted).
fn point_labels(ids: &[String], at: &[OddsPoint]) -> Vec<String> {
    let widest = at.iter().map(|p| p.0).fold(0.0, f64::max);
    let mut plotted: Vec<(usize, f64, f64)> = at
        .iter()
        .take(ids.len())
        .enumerate()
        .filter_map(|(i, &(x, y))| y.map(|y| (i, x, y)))
        .collect();
    // Bands of nearby probability, then runs of nearby spend within each.
    plotted.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.1.total_cmp(&b.1)));
    let mut groups: Vec<Vec<(usize, f64, f64)>> = Vec::new();
    for band in plotted.chunk_by(|a, b| b.2 - a.2 < NEAR_Y) {
        let mut band = band.to_vec();
        band.sort_by(|a, b| a.1.total_cmp(&b.1));
        for run in band.chunk_by(|a, b| b.1 - a.1 <= NEAR_X * widest) {
            groups.push(run.to_vec());
        }
    }
    let mut labels = vec![String::new(); ids.len()];
    for group in groups {
        let names: Vec<&str> = group.iter().map(|p| ids[p.0].as_str()).collect();
        let mut label = names[..names.len().min(SHARED_MAX)].join(", ");
        if names.len() > SHARED_MAX {
            let _ = write!(label, " and {} more", names.len() - SHARED_MAX);
        }
        labels[group[group.len() / 2].0] = label;
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn points_at_zero_near_one_another_share_one_label() {
        let labels = point_labels(
            &ids(&["A-1", "B-2", "C-3", "D-4", "E-5"]),
            &[
                (100_000.0, Some(0.0)),
                (900_000.0, Some(0.95)),
                (110_000.0, Some(0.02)),
                (1_000_000.0, Some(0.0)),
                (50_000.0, None),
            ],
        );
        assert_eq!(labels, ids(&["", "B-2", "A-1, C-3", "D-4", ""]));
    }

    #[test]
    fn a_crowded_label_names_four_and_counts_the_rest() {
        let names = ids(&["P1", "P2", "P3", "P4", "P5", "P6"]);
        let at: Vec<_> = (0..6).map(|i| (f64::from(i), Some(0.0))).collect();
        let labels = point_labels(&names, &at);
        assert_eq!(labels[3], "P1, P2, P3, P4 and 2 more");
        assert_eq!(labels.iter().filter(|l| !l.is_empty()).count(), 1);
    }
}
