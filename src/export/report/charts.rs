//! The report's charts, drawn with `plotters` into inline SVG strings: the
//! portfolio's provider mix and grade distribution here, with what every
//! chart shares (canvas, colours, axis money); the return-ratio scatter in
//! `scatter`, each project's cumulative benefit against the target times its
//! cumulative compute in `project_chart`.
//!
//! `plotters`' SVG backend writes text as `<text>` elements (the viewer's
//! fonts draw them) and escapes it, so provider names from input files
//! cannot become markup. Coordinates are whole pixels, so the same run
//! always draws the same bytes.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::export::ExportError;
use crate::export::styles::grade_rgb;
use crate::format;
use crate::model::{Grade, GradedRun};

/// Providers drawn at most in the provider mix chart.
pub const MIX_BARS: usize = 10;
/// Width of a full-width chart; the printed text column is about this wide.
pub(super) const WIDTH: u32 = 680;
/// Font size given to plotters for axis text; it draws it at 0.8 of this
/// in SVG pixels.
pub(super) const TEXT: f64 = 14.0;
/// Width of a chart that shares its row with another.
const HALF: u32 = 340;
pub(super) const FONT: &str = "sans-serif";
pub(super) const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
pub(super) const TARGET: RGBColor = RGBColor(0xC0, 0x39, 0x2B);
pub(super) const BENEFIT: RGBColor = RGBColor(0x1F, 0x4E, 0x78);
const BAR: RGBColor = RGBColor(0x2E, 0x75, 0xB6);
pub(super) const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

pub(super) fn chart_err(e: impl std::fmt::Display) -> ExportError {
    ExportError::Chart(e.to_string())
}

pub(super) fn grade_color(g: Grade) -> RGBColor {
    let rgb = grade_rgb(g);
    RGBColor((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
}

/// Draws onto a white SVG canvas of `width` × `height` and returns the SVG.
pub(super) fn svg(
    (width, height): (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), ExportError>,
) -> Result<String, ExportError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        draw(&root)?;
        root.present().map_err(chart_err)?;
    }
    Ok(out)
}

/// A project chart's plot: money (0 to `top`) by project month (1 to
/// `last_month`), with the margins its axis labels need.
pub(super) fn month_chart<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    last_month: f64,
    top: f64,
) -> Result<ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, ExportError> {
    ChartBuilder::on(plot)
        .margin(10)
        .margin_right(16)
        .x_label_area_size(38)
        .y_label_area_size(56)
        .build_cartesian_2d(1.0..last_month, 0.0..top)
        .map_err(chart_err)
}

/// A project chart's grid and axes: months along the bottom (at most nine
/// labels of `months`), money up the side.
pub(super) fn draw_month_mesh<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    months: u32,
) -> Result<(), ExportError> {
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .label_style((FONT, 14).into_font().color(&INK))
        .axis_desc_style((FONT, 14).into_font().color(&INK))
        .x_desc("month")
        .x_labels(months.min(9) as usize)
        .x_label_formatter(&|v| format::number(*v, 0))
        .y_label_formatter(&|v| short_money(*v))
        .draw()
        .map_err(chart_err)
}

/// Money on an axis: `0`, `850`, `12k`, `1.5M`, `2B`.
#[must_use]
pub fn short_money(x: f64) -> String {
    let (value, unit) = match x.abs() {
        a if a >= 1e9 => (x / 1e9, "B"),
        a if a >= 1e6 => (x / 1e6, "M"),
        a if a >= 1e3 => (x / 1e3, "k"),
        _ => (x, ""),
    };
    format!("{}{unit}", format::number(value, 1))
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A name cut to fit a chart's label column.
fn label(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        name.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// One line of a project chart's legend: its words, colour, stroke width
/// and whether it is dashed.
pub(super) struct LegendLine<'a>(pub &'a str, pub RGBColor, pub u32, pub bool);

/// A project chart's legend lines in the column beside it, one every 22
/// pixels from the top, each a short stroke (solid or dashed) and its words.
pub(super) fn line_legend(
    area: &DrawingArea<SVGBackend, Shift>,
    lines: &[LegendLine],
) -> Result<(), ExportError> {
    let style = (FONT, 13).into_font().color(&INK);
    for (i, LegendLine(text, color, width, dashed)) in lines.iter().enumerate() {
        let y = 20 + 22 * i as i32;
        let segments: &[(i32, i32)] = if *dashed {
            &[(4, 10), (16, 22)]
        } else {
            &[(4, 26)]
        };
        for &(a, b) in segments {
            area.draw(&PathElement::new(
                vec![(a, y), (b, y)],
                color.stroke_width(*width),
            ))
            .map_err(chart_err)?;
        }
        area.draw(&Text::new(
            (*text).to_owned(),
            (31, y),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(chart_err)?;
    }
    Ok(())
}

/// The grade colours, in a column beside a chart.
pub(super) fn grade_legend(area: &DrawingArea<SVGBackend, Shift>) -> Result<(), ExportError> {
    let style = (FONT, 14).into_font().color(&INK);
    area.draw(&Text::new("Grade", (8, 24), style.clone()))
        .map_err(chart_err)?;
    for (i, g) in Grade::ALL.into_iter().enumerate() {
        let y = 50 + 24 * i as i32;
        area.draw(&Circle::new((16, y), 6, grade_color(g).filled()))
            .map_err(chart_err)?;
        area.draw(&Text::new(
            g.letter(),
            (28, y),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(chart_err)?;
    }
    Ok(())
}

/// The portfolio's compute-weighted infrastructure mix, largest first.
pub fn provider_mix(run: &GradedRun) -> Result<String, ExportError> {
    let mix = &run.scorecard.portfolio.provider_mix;
    let shown: Vec<(String, f64)> = mix
        .iter()
        .take(MIX_BARS)
        .map(|s| {
            let name = run
                .ruleset
                .provider_label(crate::model::ProviderDimension::Infrastructure, &s.provider);
            (label(name, 15), s.pct)
        })
        .collect();
    let n = shown.len().max(1);
    let height = (70 + 30 * n as u32).max(260);
    svg((HALF, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(20)
            .x_label_area_size(40)
            .y_label_area_size(120)
            // An integer range's end is a segment of its own: 0..n-1 makes n bars.
            .build_cartesian_2d(0.0..100.0, (0..n as i32 - 1).into_segmented())
            .map_err(chart_err)?;
        // Row 0 is drawn at the bottom; the largest provider goes on top.
        let name_of = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(row) => usize::try_from(*row)
                .ok()
                .and_then(|row| n.checked_sub(row + 1))
                .and_then(|i| shown.get(i))
                .map(|s| s.0.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .label_style((FONT, 14).into_font().color(&INK))
            .axis_desc_style((FONT, 14).into_font().color(&INK))
            .x_desc("share of compute")
            .x_labels(5)
            .y_labels(n)
            .y_label_formatter(&name_of)
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .draw()
            .map_err(chart_err)?;
        let row = |i: usize| (n - 1 - i) as i32;
        chart
            .draw_series(shown.iter().enumerate().map(|(i, (_, pct))| {
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(row(i))),
                        (*pct, SegmentValue::Exact(row(i) + 1)),
                    ],
                    BAR.filled(),
                );
                bar.set_margin(6, 6, 0, 0);
                bar
            }))
            .map_err(chart_err)?;
        let outside = (FONT, 14).into_font().color(&INK);
        let inside = (FONT, 14).into_font().color(&WHITE);
        chart
            .draw_series(shown.iter().enumerate().map(|(i, (_, pct))| {
                let text = format::pct((pct * 10.0).round() / 10.0);
                let at = SegmentValue::CenterOf(row(i));
                // A long bar leaves no room after it: its share goes inside, in white.
                if *pct > 75.0 {
                    let style = inside.pos(Pos::new(HPos::Right, VPos::Center));
                    Text::new(text, (pct - 1.5, at), style)
                } else {
                    let style = outside.pos(Pos::new(HPos::Left, VPos::Center));
                    Text::new(text, (pct + 1.5, at), style)
                }
            }))
            .map_err(chart_err)?;
        Ok(())
    })
}

/// Projects per grade, each bar in its grade's colour.
pub fn grades(run: &GradedRun) -> Result<String, ExportError> {
    let counts: Vec<(Grade, usize)> = Grade::ALL
        .into_iter()
        .map(|g| {
            (
                g,
                run.scorecard.portfolio.grades.get(&g).copied().unwrap_or(0),
            )
        })
        .collect();
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0);
    // Whole projects on the axis, with room above the tallest bar for its count.
    let top = u32::try_from(max + max / 5 + 1).unwrap_or(u32::MAX);
    svg((HALF, 260), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(52)
            .build_cartesian_2d((0..4i32).into_segmented(), 0u32..top)
            .map_err(chart_err)?;
        let letter = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(i) => usize::try_from(*i)
                .ok()
                .and_then(|i| Grade::ALL.get(i))
                .map(|g| g.letter().to_owned())
                .unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .label_style((FONT, 14).into_font().color(&INK))
            .axis_desc_style((FONT, 14).into_font().color(&INK))
            .y_desc("projects")
            .x_labels(5)
            .x_label_formatter(&letter)
            .y_labels((top as usize + 1).min(10))
            .y_label_formatter(&|v| format::number(f64::from(*v), 0))
            .draw()
            .map_err(chart_err)?;
        chart
            .draw_series(counts.iter().enumerate().map(|(i, (g, count))| {
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i as i32), 0),
                        (SegmentValue::Exact(i as i32 + 1), as_u32(*count)),
                    ],
                    grade_color(*g).filled(),
                );
                bar.set_margin(0, 0, 8, 8);
                bar
            }))
            .map_err(chart_err)?;
        let style = (FONT, 14).into_font().color(&INK);
        chart
            .draw_series(counts.iter().enumerate().map(|(i, (_, count))| {
                Text::new(
                    count.to_string(),
                    (SegmentValue::CenterOf(i as i32), as_u32(*count)),
                    style.pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }))
            .map_err(chart_err)?;
        Ok(())
    })
}
