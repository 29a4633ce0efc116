//! Each project's tornado chart: which input moves its ratio most. One bar
//! an input (the margins' `Tornado`, widest first, top down) from the ratio
//! at the input's low value to the ratio at its high value, the part below
//! the graded ratio in red and the part above in blue; a line at the graded
//! ratio, and dashed lines at the target and the warn line, so a reader
//! sees which swing crosses them. Small: it sits beside the ROI block's
//! margin of safety.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::charts::{FONT, GRID, INK, TARGET, chart_err, svg};
use crate::export::ExportError;
use crate::format;
use minijinja::Value;
use serde::Serialize;

use crate::model::{GradedRun, ProjectScore, Ruleset, Tornado};
use crate::rules::margins::tornado::label;

/// The chart's width; its height grows with the bars.
const WIDTH: u32 = 440;
/// Pixels a bar's row takes.
const ROW: u32 = 22;
/// Above the bars (the lines' names) and below them (the axis).
const TOP: u32 = 22;
const BOTTOM: u32 = 34;
/// Width of the inputs' names at the left.
const NAMES: u32 = 176;
const WORSE: RGBColor = RGBColor(0xE0, 0x8E, 0x85);
const BETTER: RGBColor = RGBColor(0x7F, 0xA7, 0xD1);
const WARN: RGBColor = RGBColor(0xD9, 0x8C, 0x1F);
/// Font size given to plotters (it draws at 0.8 of this in SVG pixels).
const SMALL: f64 = 13.0;

/// The chart's size for `bars` bars.
#[must_use]
pub fn size(bars: usize) -> (u32, u32) {
    (WIDTH, TOP + ROW * bars.max(1) as u32 + BOTTOM)
}

/// The x range: every bar's ends, the graded ratio, the target and the warn
/// line, with room at each side for the values written at the bars' ends.
fn x_range(t: &Tornado, ruleset: &Ruleset) -> (f64, f64) {
    let ends = t
        .swings
        .iter()
        .flat_map(|s| [s.ratio_at_low, s.ratio_at_high])
        .chain([t.ratio, ruleset.target_ratio, ruleset.warn_ratio]);
    let (lo, hi) = ends.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    let pad = ((hi - lo) * 0.22).max(0.2);
    ((lo - pad).max(0.0), hi + pad)
}

/// Lines closer than this many pixels have their names set apart.
const NAMES_APART: i32 = 44;

/// Where the `i`th line's name stands, given every line's x: centred over
/// it, or beside it, away from a line close by (the ratio next to the
/// target, say): the anchor and the shift in pixels.
fn name_side(xs: &[i32], i: usize) -> (HPos, i32) {
    let near = |d: i32| d.abs() < NAMES_APART;
    let left = xs
        .iter()
        .enumerate()
        .any(|(j, x)| j != i && *x <= xs[i] && near(xs[i] - x) && (*x < xs[i] || j < i));
    let right = xs
        .iter()
        .enumerate()
        .any(|(j, x)| j != i && *x >= xs[i] && near(x - xs[i]) && (*x > xs[i] || j > i));
    match (left, right) {
        (true, false) => (HPos::Left, 2),
        (false, true) => (HPos::Right, -2),
        _ => (HPos::Center, 0),
    }
}

/// The tornado as SVG; empty when the project has none.
///
/// # Errors
///
/// [`ExportError::Chart`] when plotters cannot draw it.
pub fn tornado_chart(t: &Tornado, ruleset: &Ruleset) -> Result<String, ExportError> {
    if t.swings.is_empty() || !t.ratio.is_finite() {
        return Ok(String::new());
    }
    let n = t.swings.len();
    let (x_lo, x_hi) = x_range(t, ruleset);
    svg(size(n), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(TOP as i32)
            .margin_right(22)
            .margin_left(4)
            .x_label_area_size(BOTTOM as i32)
            .y_label_area_size(NAMES as i32)
            .build_cartesian_2d(x_lo..x_hi, 0.0..n as f64)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .label_style((FONT, SMALL).into_font().color(&INK))
            .x_labels(6)
            .x_label_formatter(&|v| format!("{}:1", format::number(*v, 1)))
            .draw()
            .map_err(chart_err)?;
        let centre = t.ratio;
        // The lines first, so the bars and their values stand over them.
        let lines = [
            (centre, INK, false, format::ratio(centre, 2)),
            (
                ruleset.target_ratio,
                TARGET,
                true,
                format::target(ruleset.target_ratio),
            ),
            (
                ruleset.warn_ratio,
                WARN,
                true,
                format::target(ruleset.warn_ratio),
            ),
        ];
        let xs: Vec<i32> = lines
            .iter()
            .map(|l| chart.backend_coord(&(l.0, 0.0)).0)
            .collect();
        for (i, (x, color, dashed, name)) in lines.into_iter().enumerate() {
            let span = [(x, 0.0), (x, n as f64)];
            if dashed {
                chart
                    .draw_series(DashedLineSeries::new(span, 5, 3, color.stroke_width(2)))
                    .map_err(chart_err)?;
            } else {
                chart
                    .draw_series(LineSeries::new(span, color.stroke_width(2)))
                    .map_err(chart_err)?;
            }
            let style = (FONT, SMALL).into_font().color(&color);
            let (px, py) = chart.backend_coord(&(x, n as f64));
            let (side, at) = name_side(&xs, i);
            root.draw(&Text::new(
                name,
                (px + at, py - 2),
                style.pos(Pos::new(side, VPos::Bottom)),
            ))
            .map_err(chart_err)?;
        }
        // Widest on top: bar i fills row n − i − 1 .. n − i.
        let row = |i: usize| (n - i) as f64;
        let value = (FONT, SMALL).into_font().color(&INK);
        for (i, s) in t.swings.iter().enumerate() {
            let (lo, hi) = (
                s.ratio_at_low.min(s.ratio_at_high),
                s.ratio_at_low.max(s.ratio_at_high),
            );
            let (top, bottom) = (row(i) - 0.2, row(i) - 0.8);
            // Below the graded ratio in red, above it in blue.
            let parts = [(lo, hi.min(centre), WORSE), (lo.max(centre), hi, BETTER)];
            chart
                .draw_series(
                    parts
                        .into_iter()
                        .filter(|(a, b, _)| b > a)
                        .map(|(a, b, c)| Rectangle::new([(a, top), (b, bottom)], c.filled())),
                )
                .map_err(chart_err)?;
            let mid = row(i) - 0.5;
            for (x, text, side) in [
                (lo, format!("{lo:.2}"), HPos::Right),
                (hi, format!("{hi:.2}"), HPos::Left),
            ] {
                // On a white ground a little off the bar's end, so a line
                // behind does not run through the figure.
                let (px, py) = chart.backend_coord(&(x, mid));
                let width = 6 * text.chars().count() as i32 + 2;
                let (from, to) = match side {
                    HPos::Right => (px - 3 - width, px - 2),
                    _ => (px + 2, px + 3 + width),
                };
                root.draw(&Rectangle::new(
                    [(from, py - 6), (to, py + 6)],
                    WHITE.filled(),
                ))
                .map_err(chart_err)?;
                let at = if matches!(side, HPos::Right) {
                    px - 3
                } else {
                    px + 3
                };
                root.draw(&Text::new(
                    text,
                    (at, py),
                    value.pos(Pos::new(side, VPos::Center)),
                ))
                .map_err(chart_err)?;
            }
            let (px, py) = chart.backend_coord(&(x_lo, mid));
            root.draw(&Text::new(
                label(s),
                (px - NAMES as i32 + 4, py),
                value.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(chart_err)?;
        }
        Ok(())
    })
}

/// A project's tornado as the report shows it.
#[derive(Debug, Serialize)]
pub struct TornadoView {
    /// The chart, inline SVG; empty when it could not be drawn.
    pub svg: Value,
    /// The chart's file, linked from a Markdown report; empty in HTML.
    pub file: String,
    /// The chart in one sentence with its figures.
    pub caption: String,
}

/// The `number`th project's tornado as the report shows it, its file named
/// when the charts are files beside the report (`links`, the folder's link
/// prefix); `None` without one.
pub fn project_tornado(
    run: &GradedRun,
    number: usize,
    score: &ProjectScore,
    links: Option<&str>,
) -> Option<TornadoView> {
    score.margins.tornado.as_ref()?;
    let (svg, caption) = project_svg(run, score);
    let file = match links {
        Some(dir) if !svg.is_empty() => format!(
            "{dir}/{}",
            super::chart_files::tornado_file(number, &score.project.project_id)
        ),
        _ => String::new(),
    };
    Some(TornadoView {
        svg: Value::from_safe_string(svg),
        file,
        caption,
    })
}

/// The project's tornado as SVG and its sentence; both empty without one.
pub fn project_svg(run: &GradedRun, score: &ProjectScore) -> (String, String) {
    let Some(t) = &score.margins.tornado else {
        return (String::new(), String::new());
    };
    let caption = caption(t, &run.ruleset);
    match tornado_chart(t, &run.ruleset) {
        Ok(svg) => (svg, caption),
        Err(e) => (
            String::new(),
            format!("{caption} (The chart could not be drawn: {e}.)"),
        ),
    }
}

/// The chart in one sentence, for formats without pictures and as its
/// caption: each swing's ratios, widest first.
#[must_use]
pub fn caption(t: &Tornado, ruleset: &Ruleset) -> String {
    let swings: Vec<String> = t
        .swings
        .iter()
        .map(|s| {
            format!(
                "{} gives {} to {}",
                label(s),
                format::ratio(s.ratio_at_low, 2),
                format::ratio(s.ratio_at_high, 2)
            )
        })
        .collect();
    format!(
        "What moves the {} ratio most, each input swung from its low to its high value with \
         the others held (dashed: the {} target and the {} warn line): {}.",
        format::ratio(t.ratio, 2),
        format::target(ruleset.target_ratio),
        format::target(ruleset.warn_ratio),
        swings.join("; ")
    )
}
