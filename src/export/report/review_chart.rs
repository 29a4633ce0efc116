//! A project's plan-versus-actual chart: cumulative benefit and compute as
//! planned (dashed) against the review series (solid: the actual months,
//! then the re-forecast), month by month, with the last actual month
//! marked. Drawn from the review's months as the review grade counted them.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::charts::{
    BENEFIT, FONT, INK, LegendLine, chart_err, draw_month_mesh, line_legend, month_chart, svg,
};
use crate::export::ExportError;
use crate::format;
use crate::model::{GradedRun, ProjectScore, Review};

const COMPUTE: RGBColor = RGBColor(0x80, 0x80, 0x80);
const ACTUAL_BAND: RGBColor = RGBColor(0xEE, 0xF3, 0xF8);
/// The chart's size: as the project's own chart, half the text column.
const SIZE: (u32, u32) = (470, 210);
/// Width of the legend column at the chart's right.
const LEGEND: u32 = 170;

/// The chart as SVG and a sentence saying what it shows; no SVG without
/// actual months (the sentence says so), or when it cannot be drawn.
pub fn review_chart(run: &GradedRun, score: &ProjectScore) -> (String, String) {
    let Some(review) = &score.review else {
        return (String::new(), String::new());
    };
    let Some(&last_actual) = review.actual_months.last() else {
        return (
            String::new(),
            "No month is actual yet, so there is nothing to chart against the plan.".into(),
        );
    };
    let caption = caption(run, review);
    let first_actual = review.actual_months.first().copied().unwrap_or(last_actual);
    match draw(review, (first_actual, last_actual)) {
        Ok(svg) => (svg, caption),
        Err(e) => (
            String::new(),
            format!("{caption} (The chart could not be drawn: {e}.)"),
        ),
    }
}

/// Cumulative sums of one figure, month by month.
fn cumulative(review: &Review, pick: fn(&crate::model::ReviewMonth) -> f64) -> Vec<(f64, f64)> {
    let mut sum = 0.0;
    review
        .months
        .iter()
        .map(|m| {
            sum += pick(m);
            (f64::from(m.month), sum)
        })
        .collect()
}

fn caption(run: &GradedRun, review: &Review) -> String {
    let total =
        |pick: fn(&crate::model::ReviewMonth) -> f64| review.months.iter().map(pick).sum::<f64>();
    let months = review.months.last().map_or(0, |m| m.month);
    let rest = match review.reforecast {
        crate::model::Reforecast::Plan => "the plan",
        crate::model::Reforecast::RunRate => "the plan at the actual run rate",
    };
    format!(
        "Cumulative benefit and compute as planned (dashed) and as reviewed (solid): months \
         {} actual (shaded), then {rest}. By month {months}, benefit {} against {} planned, \
         compute {} against {} planned; target {}.",
        format::month_span(&review.actual_months),
        format::money(total(|m| m.benefit)),
        format::money(total(|m| m.plan_benefit)),
        format::money(total(|m| m.compute)),
        format::money(total(|m| m.plan_compute)),
        format::target(run.ruleset.target_ratio),
    )
}

fn draw(review: &Review, (first_actual, last_actual): (u32, u32)) -> Result<String, ExportError> {
    let plan_benefit = cumulative(review, |m| m.plan_benefit);
    let benefit = cumulative(review, |m| m.benefit);
    let plan_compute = cumulative(review, |m| m.plan_compute);
    let compute = cumulative(review, |m| m.compute);
    let months = review.months.last().map_or(1, |m| m.month).max(2);
    let last = |v: &[(f64, f64)]| v.last().map_or(0.0, |p| p.1);
    let top = [&plan_benefit, &benefit, &plan_compute, &compute]
        .into_iter()
        .map(|v| last(v))
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.1;
    svg(SIZE, |root| {
        let (plot, legend) = root.split_horizontally(SIZE.0 - LEGEND);
        let mut chart = month_chart(&plot, f64::from(months), top)?;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [
                    (f64::from(first_actual), 0.0),
                    (f64::from(last_actual), top),
                ],
                ACTUAL_BAND.filled(),
            )))
            .map_err(chart_err)?;
        draw_month_mesh(&mut chart, months)?;
        for (points, color, width) in [(&plan_compute, COMPUTE, 1), (&plan_benefit, BENEFIT, 2)] {
            chart
                .draw_series(DashedLineSeries::new(
                    points.iter().copied(),
                    6,
                    4,
                    color.stroke_width(width),
                ))
                .map_err(chart_err)?;
        }
        for (points, color, width) in [(&compute, COMPUTE, 2), (&benefit, BENEFIT, 3)] {
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    color.stroke_width(width),
                ))
                .map_err(chart_err)?;
        }
        line_legend(
            &legend,
            &[
                LegendLine("benefit, reviewed", BENEFIT, 3, false),
                LegendLine("benefit, planned", BENEFIT, 2, true),
                LegendLine("compute, reviewed", COMPUTE, 2, false),
                LegendLine("compute, planned", COMPUTE, 1, true),
            ],
        )?;
        let style = (FONT, 13).into_font().color(&INK);
        legend
            .draw(&Rectangle::new([(4, 106), (26, 118)], ACTUAL_BAND.filled()))
            .map_err(chart_err)?;
        legend
            .draw(&Text::new(
                "actual months".to_owned(),
                (31, 112),
                style.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(chart_err)?;
        Ok(())
    })
}
