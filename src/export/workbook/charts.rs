//! The Summary sheet's native charts: grade distribution (a column per
//! grade in its colour), return ratio against compute spend per project with
//! the target line, and the portfolio's provider mix.

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType,
    ChartMarker, ChartMarkerType, ChartPoint, ChartSolidFill, ChartType, Color, Worksheet,
    XlsxError,
};

use super::columns::SCORE_COLUMNS;
use super::styles;
use crate::model::{Grade, GradedRun};

/// Inserts the three charts to the right of the Summary tables, reading
/// their data from the tables written at the given rows and from Scores.
pub(crate) fn insert(
    sheet: &mut Worksheet,
    run: &GradedRun,
    (grades_at, mix_at, mix_rows, target_at): (u32, u32, u32, u32),
    points: u32,
) -> Result<(), XlsxError> {
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
    grades.y_axis().set_name("Projects");
    grades.set_width(560).set_height(300);
    sheet.insert_chart(2, 7, &grades)?;

    let column = |header: &str| {
        SCORE_COLUMNS
            .iter()
            .position(|c| c.header == header)
            .unwrap_or(0) as u16
    };
    let (x_col, y_col) = (column("Compute ({H} months)"), column("Return Ratio"));
    let mut scatter = Chart::new(ChartType::ScatterStraight);
    scatter
        .title()
        .set_name("Return ratio against compute spend");
    scatter
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
    scatter
        .add_series()
        .set_name(&format!("{}:1 target", run.ruleset.target_ratio))
        .set_categories(("Summary", target_at, 0, target_at + 1, 0))
        .set_values(("Summary", target_at, 1, target_at + 1, 1))
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
        .set_min(0);
    scatter
        .y_axis()
        .set_name("Return ratio")
        .set_num_format("0.0\"x\"")
        .set_min(0);
    scatter.legend().set_position(ChartLegendPosition::Bottom);
    scatter.set_width(560).set_height(340);
    sheet.insert_chart(19, 7, &scatter)?;

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
    mix.set_width(560).set_height(300);
    sheet.insert_chart(38, 7, &mix)?;
    Ok(())
}
