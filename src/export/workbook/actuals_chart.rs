//! The Actuals Chart sheet: a native plan-versus-actual chart for each of
//! the projects with the most compute among those on the Actuals sheet,
//! drawn from that sheet's rows (plan and actual compute and benefit by
//! month, and the cumulative ratio on its own axis). A sheet of its own,
//! three charts a printed page, so that each prints at a readable size
//! where the wide Actuals table beside it would shrink it.

use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartMarkerType, ChartType, Color, Worksheet, XlsxError,
};

use super::actuals::{
    ACTUAL_BENEFIT, ACTUAL_COMPUTE, CUMULATIVE_RATIO, MONTH, PLAN_BENEFIT, PLAN_COMPUTE,
};
use super::columns::roi;
use super::styles::{self, Styles};
use crate::model::ProjectScore;

/// Projects charted: the largest by compute over the horizon.
pub(crate) const CHARTED: usize = 5;

/// The sheet's name.
pub(crate) const SHEET: &str = "Actuals Chart";

/// Rows a chart takes, and the most charts a printed page holds.
const CHART_ROWS: u32 = 15;
const PER_PAGE: u32 = 3;
/// Rows above the first chart: the title and the note.
const TOP: u32 = 3;

/// One project's rows on an Actuals page.
#[derive(Debug, Clone, PartialEq)]
struct Charted {
    id: String,
    name: String,
    compute: f64,
    sheet: String,
    first: u32,
    last: u32,
}

/// The projects to chart, kept as the run streams past: at most
/// [`CHARTED`], the largest by compute, in the order they came on a tie.
#[derive(Debug, Default)]
pub(crate) struct Picks {
    picks: Vec<Charted>,
    /// Projects on the Actuals sheet.
    seen: usize,
}

impl Picks {
    /// Notes a project written to `sheet`, rows `first..=last` (0-based).
    pub fn add(&mut self, p: &ProjectScore, sheet: &str, (first, last): (u32, u32)) {
        self.seen += 1;
        let compute = roi(p).compute_total;
        let at = self
            .picks
            .iter()
            .position(|c| compute > c.compute)
            .unwrap_or(self.picks.len());
        if at >= CHARTED {
            return;
        }
        self.picks.insert(
            at,
            Charted {
                id: p.project.project_id.clone(),
                name: p.project.project_name.clone(),
                compute,
                sheet: sheet.to_string(),
                first,
                last,
            },
        );
        self.picks.truncate(CHARTED);
    }

    /// Whether there is anything to chart.
    pub fn is_empty(&self) -> bool {
        self.picks.is_empty()
    }

    /// Writes the sheet: a title, a note naming what is charted, and a
    /// chart a project.
    pub fn write(
        &self,
        sheet: &mut Worksheet,
        styles: &Styles,
        currency: &str,
    ) -> Result<(), XlsxError> {
        sheet.set_name(SHEET)?;
        sheet.write_string_with_format(0, 0, "Plan against actual", &styles.title)?;
        let note = if self.seen > self.picks.len() {
            format!(
                "The {} projects with the most compute over the horizon, of the {} on Actuals; every project's months are on Actuals.",
                self.picks.len(),
                self.seen
            )
        } else {
            "Every project on Actuals, the most compute first.".to_string()
        };
        sheet.write_string_with_format(1, 0, note, &styles.note)?;
        let money = styles::money_format(currency);
        for (i, pick) in self.picks.iter().enumerate() {
            sheet.insert_chart(TOP + i as u32 * CHART_ROWS, 0, &chart(pick, &money))?;
        }
        sheet.set_page_breaks(&page_breaks(self.picks.len() as u32))?;
        sheet.set_portrait().set_print_fit_to_pages(1, 0);
        Ok(())
    }
}

/// The rows a page starts on after the first, for `count` charts spread
/// evenly over the pages they need: four print two and two, not three and
/// one alone on its page.
fn page_breaks(count: u32) -> Vec<u32> {
    let per_page = count.div_ceil(count.div_ceil(PER_PAGE).max(1)).max(1);
    (1..count)
        .filter(|i| i % per_page == 0)
        .map(|i| TOP + i * CHART_ROWS)
        .collect()
}

/// One project's chart: plan dashed, actual solid with markers, compute in
/// red and benefit in green, the cumulative ratio on the right-hand axis.
fn chart(pick: &Charted, money: &str) -> Chart {
    let mut chart = Chart::new(ChartType::Line);
    chart
        .title()
        .set_name(&format!("{} {}", pick.id, pick.name))
        .set_font(ChartFont::new().set_size(11));
    let range = |col: u16| (pick.sheet.as_str(), pick.first, col, pick.last, col);
    let line = |color: u32, dash: bool| {
        let mut line = ChartLine::new();
        line.set_color(Color::RGB(color)).set_width(2.0);
        if dash {
            line.set_dash_type(ChartLineDashType::Dash);
        }
        let mut format = ChartFormat::new();
        format.set_line(&line);
        format
    };
    let series = [
        ("Plan compute", PLAN_COMPUTE, 0x00C0_5050, true),
        ("Actual compute", ACTUAL_COMPUTE, 0x00C0_0000, false),
        ("Plan benefit", PLAN_BENEFIT, 0x0050_A050, true),
        ("Actual benefit", ACTUAL_BENEFIT, 0x0000_7A33, false),
    ];
    for (name, col, color, dash) in series {
        let mut marker = ChartMarker::new();
        if dash {
            marker.set_none();
        } else {
            marker.set_type(ChartMarkerType::Circle).set_size(5);
        }
        chart
            .add_series()
            .set_name(name)
            .set_categories(range(MONTH))
            .set_values(range(col))
            .set_format(&mut line(color, dash))
            .set_marker(&marker);
    }
    chart
        .add_series()
        .set_name("Cumulative ratio (right)")
        .set_categories(range(MONTH))
        .set_values(range(CUMULATIVE_RATIO))
        .set_format(&mut line(0x0040_4040, false))
        .set_marker(ChartMarker::new().set_none())
        .set_secondary_axis(true);
    chart.x_axis().set_name("Month");
    chart
        .y_axis()
        .set_name("Per month")
        .set_num_format(money)
        .set_min(0);
    chart
        .y2_axis()
        .set_name("Cumulative ratio")
        .set_num_format("0.0\"x\"")
        .set_min(0);
    chart.legend().set_position(ChartLegendPosition::Right);
    chart.set_width(680).set_height(CHART_ROWS * 20 - 20);
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn the_largest_projects_by_compute_are_kept_in_order() {
        let run = fixture::graded_run();
        let mut picks = Picks::default();
        let mut by_compute: Vec<(f64, &str)> = Vec::new();
        for (i, p) in run.scorecard.projects.iter().enumerate() {
            picks.add(p, "Actuals", (i as u32, i as u32));
            by_compute.push((roi(p).compute_total, &p.project.project_id));
        }
        by_compute.sort_by(|a, b| b.0.total_cmp(&a.0));
        let kept: Vec<&str> = picks.picks.iter().map(|c| c.id.as_str()).collect();
        let want: Vec<&str> = by_compute.iter().take(CHARTED).map(|(_, id)| *id).collect();
        assert_eq!(kept, want);
        assert_eq!(picks.seen, run.scorecard.projects.len());
    }

    #[test]
    fn charts_spread_evenly_over_the_pages_they_need() {
        // A page starts at each break; the first chart sits at row TOP.
        let pages = |count: u32| -> Vec<u32> {
            let breaks = page_breaks(count);
            let mut starts = vec![0];
            starts.extend(breaks.iter().map(|b| (b - TOP) / CHART_ROWS));
            starts.push(count);
            starts.windows(2).map(|w| w[1] - w[0]).collect()
        };
        assert_eq!(pages(1), [1]);
        assert_eq!(pages(3), [3]);
        assert_eq!(pages(4), [2, 2]);
        assert_eq!(pages(5), [3, 2]);
        assert_eq!(page_breaks(4), [TOP + 2 * CHART_ROWS]);
    }
}
