//! The portfolio's return-ratio scatter: return ratio against compute spend
//! over the horizon, one point per project coloured by its grade, the target
//! ratio dashed across the axis, and each point labelled with its project id.
//!
//! Labels are placed beside their point where they overlap no other label,
//! point or the target's words; a point whose id finds no such place is
//! labelled `#N`, its number in the report (the Scores table's `#`), and
//! the caption keys the numbers to ids and names the points with no room
//! even for that. A scatter of more than [`LABELLED_POINTS`] projects is
//! left unlabelled, where labels could only hide the points.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::charts::{
    FONT, GRID, INK, TARGET, TEXT, WIDTH, chart_err, grade_color, grade_legend, short_money, svg,
};
use super::label_layout::{LABEL, Layout, RADIUS, Rect, text_height, text_width};
use crate::export::ExportError;
use crate::format;
use crate::model::{Figures, Grade, GradedRun};

/// Projects plotted at most, the largest spenders.
pub const SCATTER_POINTS: usize = 2_000;
/// Projects labelled at most.
pub const LABELLED_POINTS: usize = 60;

/// One project's point.
struct Point {
    compute: f64,
    ratio: f64,
    grade: Grade,
    /// The project's number in the report (its row in the Scores table).
    number: usize,
    id: String,
}

/// The chart and a sentence on what it leaves out or numbers, if anything.
pub fn scatter(run: &GradedRun) -> Result<(String, String), ExportError> {
    let target = run.ruleset.target_ratio;
    let mut points: Vec<Point> = run
        .scorecard
        .projects
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match &s.findings[0].figures {
            Figures::Roi(r) => r
                .ratio
                .filter(|_| r.compute_total > 0.0)
                .map(|ratio| Point {
                    compute: r.compute_total,
                    ratio,
                    grade: s.grade,
                    number: i + 1,
                    id: s.project.project_id.clone(),
                }),
            _ => None,
        })
        .collect();
    let mut notes = Vec::new();
    let without = run.scorecard.projects.len() - points.len();
    if without > 0 {
        notes.push(format!(
            "{without} project(s) without compute spend have no ratio and are not plotted"
        ));
    }
    if points.len() > SCATTER_POINTS {
        points.sort_by(|a, b| b.compute.total_cmp(&a.compute));
        notes.push(format!(
            "only the {SCATTER_POINTS} largest of {} projects by spend are plotted",
            points.len()
        ));
        points.truncate(SCATTER_POINTS);
    }
    if points.len() > LABELLED_POINTS {
        notes.push(format!(
            "with more than {LABELLED_POINTS} projects plotted, points are not labelled"
        ));
    }
    let max_ratio = points.iter().map(|p| p.ratio).fold(0.0, f64::max);
    // Outliers would flatten every other point against the axis: the scale
    // stops at four times the target and taller points sit on its edge.
    let top = (max_ratio * 1.1).max(target * 1.5).min(target * 4.0);
    let clipped = points.iter().filter(|p| p.ratio > top).count();
    if clipped > 0 {
        notes.push(format!(
            "{clipped} project(s) above {} are drawn on the top edge",
            format::target(top)
        ));
    }
    let lo = points
        .iter()
        .map(|p| p.compute)
        .fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.compute).fold(0.0, f64::max);
    let currency = run.run.currency.clone();
    let months = run.ruleset.horizon_months;
    let mut keys = Keys::default();
    let chart = svg((WIDTH, 340), |root| {
        let (plot, legend) = root.split_horizontally(WIDTH - 70);
        grade_legend(&legend)?;
        let desc = format!("compute over {months} months ({currency})");
        let scene = Scene {
            points: &points,
            target,
            top,
        };
        keys = if points.is_empty() {
            scene.draw(&plot, 0.0..1.0, &desc)?
        } else if hi / lo > 100.0 {
            let desc = format!("{desc}, log scale");
            scene.draw(&plot, (lo / 1.6..hi * 1.6).log_scale(), &desc)?
        } else {
            scene.draw(&plot, 0.0..hi * 1.08, &desc)?
        };
        Ok(())
    })?;
    if !keys.numbered.is_empty() {
        notes.push(format!(
            "points without room for their id are numbered as in the Scores table: {}",
            keys.numbered.join(", ")
        ));
    }
    if !keys.hidden.is_empty() {
        notes.push(format!(
            "{} point(s) sit too close to others to be labelled: {}",
            keys.hidden.len(),
            keys.hidden.join(", ")
        ));
    }
    let note = if notes.is_empty() {
        String::new()
    } else {
        let mut text = notes.join("; ");
        text.push('.');
        text[..1].to_uppercase() + &text[1..]
    };
    Ok((chart, note))
}

/// The points the scatter could not label with their ids.
#[derive(Debug, Default)]
struct Keys {
    /// `#7 IT-007`: labelled with their number in the report instead.
    numbered: Vec<String>,
    /// Ids of points with no room even for a number, under or among others.
    hidden: Vec<String>,
}

/// What the scatter draws, on whichever x axis suits the spread of spend.
struct Scene<'a> {
    points: &'a [Point],
    target: f64,
    top: f64,
}

impl Scene<'_> {
    /// Draws the chart; returns the points it could not label by id.
    fn draw<X>(
        &self,
        area: &DrawingArea<SVGBackend, Shift>,
        x: X,
        desc: &str,
    ) -> Result<Keys, ExportError>
    where
        X: AsRangedCoord<Value = f64>,
        X::CoordDescType: ValueFormatter<f64>,
    {
        let (target, top) = (self.target, self.top);
        let mut chart = ChartBuilder::on(area)
            .margin(12)
            .margin_right(20)
            .x_label_area_size(42)
            .y_label_area_size(52)
            .build_cartesian_2d(x, 0.0..top)
            .map_err(chart_err)?;
        let (x_lo, x_hi) = {
            let range = chart.x_range();
            (range.start, range.end)
        };
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .label_style((FONT, TEXT).into_font().color(&INK))
            .axis_desc_style((FONT, TEXT).into_font().color(&INK))
            .x_desc(desc)
            .y_desc("return ratio (benefit : compute)")
            .x_labels(8)
            .x_label_formatter(&|v| short_money(*v))
            .y_label_formatter(&|v| format!("{}:1", format::number(*v, 1)))
            .draw()
            .map_err(chart_err)?;
        chart
            .draw_series(DashedLineSeries::new(
                [(x_lo, target), (x_hi, target)],
                8,
                5,
                TARGET.stroke_width(2),
            ))
            .map_err(chart_err)?;
        let target_words = format!("{} target", format::target(target));
        let style = (FONT, TEXT).into_font().color(&TARGET);
        chart
            .draw_series(std::iter::once(Text::new(
                target_words.clone(),
                (x_lo, target),
                style.pos(Pos::new(HPos::Left, VPos::Bottom)),
            )))
            .map_err(chart_err)?;
        let at = |p: &Point| (p.compute, p.ratio.min(top));
        chart
            .draw_series(
                self.points
                    .iter()
                    .map(|p| Circle::new(at(p), RADIUS, grade_color(p.grade).filled())),
            )
            .map_err(chart_err)?;
        chart
            .draw_series(
                self.points
                    .iter()
                    .map(|p| Circle::new(at(p), RADIUS, INK.stroke_width(1))),
            )
            .map_err(chart_err)?;
        if self.points.len() > LABELLED_POINTS {
            return Ok(Keys::default());
        }
        let centres: Vec<(i32, i32)> = self
            .points
            .iter()
            .map(|p| chart.backend_coord(&at(p)))
            .collect();
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let target_at = chart.backend_coord(&(x_lo, target));
        let mut layout = Layout {
            bounds: Rect::new(xs.start, ys.start, xs.end, ys.end),
            taken: centres
                .iter()
                .map(|&(x, y)| Rect::around((x, y), RADIUS + 1))
                .collect(),
        };
        layout.taken.push(Rect::new(
            target_at.0,
            target_at.1 - text_height(TEXT),
            target_at.0 + text_width(&target_words, TEXT),
            target_at.1,
        ));
        let base = area.get_base_pixel();
        let style = (FONT, LABEL).into_font().color(&INK);
        let mut keys = Keys::default();
        for (p, &centre) in self.points.iter().zip(&centres) {
            let number = format!("#{}", p.number);
            let (text, corner) = if let Some(corner) = layout.place(centre, &p.id) {
                (p.id.clone(), corner)
            } else if let Some(corner) = layout.place(centre, &number) {
                keys.numbered.push(format!("{number} {}", p.id));
                (number, corner)
            } else {
                keys.hidden.push(p.id.clone());
                continue;
            };
            area.draw(&Text::new(
                text,
                (corner.0 - base.0, corner.1 - base.1),
                style.pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(chart_err)?;
        }
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture::graded_run;

    #[test]
    fn points_on_one_spot_are_named_in_the_caption() {
        let mut run = graded_run();
        let first = run
            .scorecard
            .projects
            .iter()
            .find(|s| matches!(&s.findings[0].figures, Figures::Roi(r) if r.ratio.is_some()))
            .expect("a project with a ratio")
            .clone();
        run.scorecard.projects = (1..=6)
            .map(|i| {
                let mut s = first.clone();
                s.project.project_id = format!("SAME-{i}");
                s
            })
            .collect();
        let (svg, note) = scatter(&run).expect("the scatter draws");
        // The first point takes the free side, the next ones what is left,
        // first by id, then by number; the rest are named in the caption.
        assert!(svg.contains("SAME-1"), "{svg}");
        let unlabelled: Vec<String> = (1..=6)
            .map(|i| format!("SAME-{i}"))
            .filter(|id| !svg.contains(id.as_str()))
            .collect();
        for id in &unlabelled {
            assert!(note.contains(id.as_str()), "{id} is nowhere: {note}");
        }
        assert!(
            !unlabelled.is_empty(),
            "six labels cannot fit round one point"
        );
        assert!(
            note.contains("too close to others to be labelled"),
            "{note}"
        );
        for i in 1..=6 {
            let number = format!("#{i} SAME-{i}");
            if note.contains(&number) {
                assert!(
                    svg.contains(&format!("#{i}")),
                    "{number} keyed but not drawn"
                );
            }
        }
    }
}
