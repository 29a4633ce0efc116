//! The Summary sheet's native charts: grade distribution (a column per
//! grade in its colour), return ratio against compute spend per project with
//! the target line, and the portfolio's provider mix; and the hidden rows
//! the target line is drawn from.

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType,
    ChartMarker, ChartMarkerType, ChartPoint, ChartSolidFill, ChartType, Color, Worksheet,
    XlsxError,
};

use super::columns::SCORE_COLUMNS;
use super::point_labels::{Near, Point, Shared, data_labels};
use super::styles::{self, Styles};
use crate::model::{Grade, GradedRun};

/// Rows of the Summary the charts take, one above another from row 2:
/// the printed first page holds them whole.
pub(crate) const ROWS: u32 = 43;

/// The scatter names its points by project ID up to this many points;
/// more labels would cover one another.
pub(crate) const LABELLED_POINTS_MAX: u32 = 60;

/// Where the charts' data sits on the Summary.
pub(crate) struct Rows {
    /// The grade distribution table's first grade.
    pub grades: u32,
    /// The provider mix table's first provider, and how many there are.
    pub mix: u32,
    pub mix_len: u32,
    /// The first of two free rows the target line's points are written
    /// to, hidden from readers.
    pub helper: u32,
}

/// A step of 1, 2 or 5 times a power of ten, at least `raw` (at least 1).
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 1.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * power)
}

/// An axis from 0 in about seven steps, with a tenth of `largest` to spare
/// beyond it for the labels of the points at the end: (maximum, step).
fn axis(largest: f64) -> (f64, f64) {
    let room = largest * 1.1;
    let step = nice_step(room / 7.0);
    let max = (room / step).ceil().max(1.0) * step;
    (max, step)
}

/// Writes the target line's two points, (0, target) and (axis end,
/// target), in hidden rows at `at`, so the line spans the whole axis.
fn target_line(
    sheet: &mut Worksheet,
    styles: &Styles,
    at: u32,
    (x_max, target): (f64, f64),
) -> Result<(), XlsxError> {
    for (row, x) in [(at, 0.0), (at + 1, x_max)] {
        sheet.write_number_with_format(row, 0, x, &styles.money)?;
        sheet.write_number_with_format(row, 1, target, &styles.ratio)?;
        sheet.set_row_hidden(row)?;
    }
    Ok(())
}

/// Inserts the three charts to the right of the Summary tables, reading
/// their data from the tables at `rows` and from Scores, whose first
/// `points` projects the scatter plots; `widest` is the largest compute
/// total of any project, `ids` and `at` name and place the points the
/// labels go to (their compute totals and return ratios).
pub(crate) fn insert(
    sheet: &mut Worksheet,
    run: &GradedRun,
    styles: &Styles,
    rows: &Rows,
    (points, widest, ids, at): (u32, f64, &[String], &[Point]),
) -> Result<(), XlsxError> {
    let grades_at = rows.grades;
    let mut grades = Chart::new(ChartType::Column);
    grades.title().set_name("Grade distribution");
    grades.legend().set_hidden();
    let colors: Vec<ChartPoint> = Grade::ALL
        .into_iter()
        .map(|g| {
            ChartPoint::new().set_format(ChartSolidFill::new().set_color(styles::grade_color(g)))
        })
        .collect();
    grades
        .add_series()
        .set_name("Projects")
        .set_categories(("Summary", grades_at, 0, grades_at + 4, 0))
        .set_values(("Summary", grades_at, 1, grades_at + 4, 1))
        .set_points(&colors)
        .set_data_label(ChartDataLabel::new().show_value());
    let most = Grade::ALL
        .into_iter()
        .map(|g| run.scorecard.portfolio.grades.get(&g).copied().unwrap_or(0))
        .max()
        .unwrap_or(0);
    let (count_max, count_step) = axis(most as f64);
    grades
        .y_axis()
        .set_name("Projects")
        .set_num_format("0")
        .set_min(0)
        .set_max(count_max)
        .set_major_unit(count_step);
    grades.set_width(560).set_height(240);
    sheet.insert_chart(2, 7, &grades)?;

    let (x_col, y_col) = (
        scores_column("Compute ({H} months)"),
        scores_column("Return Ratio"),
    );
    let mut scatter = Chart::new(ChartType::ScatterStraight);
    scatter
        .title()
        .set_name("Return ratio against compute spend");
    let (x_max, x_step) = axis(widest);
    let target = run.ruleset.target_ratio;
    target_line(sheet, styles, rows.helper, (x_max, target))?;
    // A label on this chart is about a tenth of the plot tall and an
    // eighth of it wide; the y axis ends a step past the largest ratio or
    // the target, as a spreadsheet draws it. Points crowd at every level,
    // so a shared label goes above its group's leftmost point, whose
    // neighbours' labels run off to the right.
    let highest = at.iter().filter_map(|p| p.1).fold(target, f64::max);
    let near = Near {
        x: 0.15,
        y: 0.09,
        y_span: axis(highest).0,
        shared: Shared::AboveFirst,
    };
    let labels = data_labels(ids, at, near);
    add_project_points(&mut scatter, (x_col, y_col), points, &labels);
    // The target line's points are in hidden rows.
    scatter.show_hidden_data();
    scatter
        .add_series()
        .set_name(&format!("{target}:1 target"))
        .set_categories(("Summary", rows.helper, 0, rows.helper + 1, 0))
        .set_values(("Summary", rows.helper, 1, rows.helper + 1, 1))
        .set_format(
            ChartFormat::new().set_line(
                ChartLine::new()
                    .set_color(Color::RGB(0x00C0_0000))
                    .set_width(1.5)
                    .set_dash_type(ChartLineDashType::Dash),
            ),
        )
        .set_marker(ChartMarker::new().set_none());
    let money = styles::money_format(&run.run.currency);
    scatter
        .x_axis()
        .set_name(&format!(
            "Compute spend over {} months",
            run.ruleset.horizon_months
        ))
        .set_num_format(money)
        .set_min(0)
        .set_max(x_max)
        .set_major_unit(x_step);
    scatter
        .y_axis()
        .set_name("Return ratio")
        .set_num_format("0.0\"x\"")
        .set_min(0);
    scatter.legend().set_position(ChartLegendPosition::Bottom);
    scatter.set_width(560).set_height(300);
    sheet.insert_chart(15, 7, &scatter)?;

    let (mix_at, mix_rows) = (rows.mix, rows.mix_len);
    let mut mix = if mix_rows > 6 {
        Chart::new(ChartType::Bar)
    } else {
        Chart::new(ChartType::Pie)
    };
    mix.title().set_name("Provider mix (compute-weighted)");
    mix.add_series()
        .set_name("Share")
        .set_categories(("Summary", mix_at, 0, mix_at + mix_rows.max(1) - 1, 0))
        .set_values(("Summary", mix_at, 1, mix_at + mix_rows.max(1) - 1, 1))
        .set_data_label(ChartDataLabel::new().show_value().show_category_name());
    mix.legend().set_position(ChartLegendPosition::Right);
    mix.set_width(560).set_height(240);
    sheet.insert_chart(31, 7, &mix)?;
    Ok(())
}

/// The Scores sheet's column headed `header`.
pub(super) fn scores_column(header: &str) -> u16 {
    SCORE_COLUMNS
        .iter()
        .position(|c| c.header == header)
        .unwrap_or(0) as u16
}

/// Adds the "Projects" series to a scatter: one point a Scores row
/// (rows 1 to `points`) from columns `x_col` and `y_col`, labelled with
/// `labels` (see `point_labels`) when there are no more than
/// [`LABELLED_POINTS_MAX`].
pub(super) fn add_project_points(
    chart: &mut Chart,
    (x_col, y_col): (u16, u16),
    points: u32,
    labels: &[ChartDataLabel],
) {
    let series = chart
        .add_series()
        .set_name("Projects")
        .set_categories(("Scores", 1, x_col, points, x_col))
        .set_values(("Scores", 1, y_col, points, y_col))
        .set_format(ChartFormat::new().set_no_line())
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Circle)
                .set_size(7),
        );
    if points <= LABELLED_POINTS_MAX {
        let shown = labels.len().min(points as usize);
        series.set_custom_data_labels(&labels[..shown]);
    }
}

#[cfg(test)]
mod tests {
    use super::axis;

    #[test]
    fn axes_run_in_whole_steps_past_the_largest_value() {
        assert_eq!(axis(4.0), (5.0, 1.0));
        assert_eq!(axis(0.0), (1.0, 1.0));
        assert_eq!(axis(30.0), (35.0, 5.0));
        assert_eq!(axis(590_000.0), (700_000.0, 100_000.0));
        assert_eq!(axis(3_536_077.0), (4_000_000.0, 1_000_000.0));
    }
}
