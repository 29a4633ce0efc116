//! Each project's small chart: cumulative benefit against the target times
//! cumulative compute, month by month over the horizon, from the same
//! monthly series the ROI check summed ([`crate::rules::series`]). Where the
//! benefit line crosses the target line the project reaches its target ratio.

use plotters::prelude::*;

use super::charts::{
    BENEFIT, LegendLine, TARGET, chart_err, draw_month_mesh, line_legend, month_chart, svg,
};
use crate::export::ExportError;
use crate::format;
use crate::model::{Figures, GradedRun, ProjectScore};
use crate::rules::series;

const COMPUTE: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// The chart's size: it sits beside the project's figures, in half the
/// printed text column.
const SIZE: (u32, u32) = (470, 210);
/// Width of the legend column at the chart's right.
const LEGEND: u32 = 178;

/// The chart as SVG and a sentence saying what it shows, for formats
/// without pictures. A chart that cannot be drawn says so in place of the
/// picture rather than losing the whole report.
pub fn project_chart(run: &GradedRun, score: &ProjectScore) -> (String, String) {
    let ruleset = &run.ruleset;
    let months = ruleset.horizon_months;
    let target = ruleset.target_ratio;
    let s = series(&score.project, ruleset);
    let mut benefit = Vec::with_capacity(months as usize);
    let mut compute = Vec::with_capacity(months as usize);
    let (mut b, mut c) = (0.0, 0.0);
    for m in 0..months as usize {
        b += s.benefit.get(m).copied().unwrap_or(0.0);
        c += s.compute.get(m).copied().unwrap_or(0.0);
        benefit.push((m as f64 + 1.0, b));
        compute.push((m as f64 + 1.0, c));
    }
    let caption = caption(score, run);
    let drawn = draw(&benefit, &compute, target, months);
    match drawn {
        Ok(svg) => (svg, caption),
        Err(e) => (
            String::new(),
            format!("{caption} (The chart could not be drawn: {e}.)"),
        ),
    }
}

fn caption(score: &ProjectScore, run: &GradedRun) -> String {
    let target = format::target(run.ruleset.target_ratio);
    let months = run.ruleset.horizon_months;
    let Figures::Roi(r) = &score.findings[0].figures else {
        return String::new();
    };
    if r.ratio.is_none() {
        return format!(
            "No compute spend was given, so there is no return to chart against the {target} \
             line; benefit over {months} months is {}.",
            format::money(r.benefit_total)
        );
    }
    let reached = match r.target_month {
        Some(m) if m <= months => format!("stays at {target} or more from month {m}"),
        Some(m) => format!("reaches {target} only in month {m}, after the horizon"),
        None => {
            format!("is not at {target} through month {months}, nor later within the look-ahead")
        }
    };
    // Money is shown in whole units: a product of a rounded figure says it
    // was taken before rounding, so that it checks by hand.
    let needed = r.compute_total * run.ruleset.target_ratio;
    let rounded = r.compute_total.fract() != 0.0;
    format!(
        "Cumulative benefit {reached}; by month {months} it is {} against {} ({} × {} of \
         compute{}).",
        format::money(r.benefit_total),
        format::money(needed),
        format::number(run.ruleset.target_ratio, 4),
        format::money(r.compute_total),
        if rounded {
            ", multiplied before rounding"
        } else {
            ""
        }
    )
}

fn draw(
    benefit: &[(f64, f64)],
    compute: &[(f64, f64)],
    target: f64,
    months: u32,
) -> Result<String, ExportError> {
    let last = |v: &[(f64, f64)]| v.last().map_or(0.0, |p| p.1);
    let top = (last(benefit).max(last(compute) * target) * 1.1).max(1.0);
    let target_words = format!("{} × cumulative compute", format::number(target, 4));
    svg(SIZE, |root| {
        let (plot, legend) = root.split_horizontally(SIZE.0 - LEGEND);
        let mut chart = month_chart(&plot, f64::from(months.max(2)), top)?;
        draw_month_mesh(&mut chart, months)?;
        chart
            .draw_series(LineSeries::new(
                compute.iter().copied(),
                COMPUTE.stroke_width(1),
            ))
            .map_err(chart_err)?;
        chart
            .draw_series(DashedLineSeries::new(
                compute.iter().map(|(m, c)| (*m, c * target)),
                7,
                4,
                TARGET.stroke_width(2),
            ))
            .map_err(chart_err)?;
        chart
            .draw_series(LineSeries::new(
                benefit.iter().copied(),
                BENEFIT.stroke_width(3),
            ))
            .map_err(chart_err)?;
        line_legend(
            &legend,
            &[
                LegendLine("cumulative benefit", BENEFIT, 3, false),
                LegendLine(&target_words, TARGET, 2, false),
                LegendLine("cumulative compute", COMPUTE, 1, false),
            ],
        )?;
        Ok(())
    })
}
