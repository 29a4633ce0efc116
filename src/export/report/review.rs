//! A project's performance review in the report: the review grade beside
//! the plan's, compute and benefit actual against plan (money and percent,
//! over the months that give them), whether it is on track for the target,
//! which months are actual and why the rest stay plan, the months whose
//! benefit is the plan's, a billed provider mix far from the declared one,
//! and a chart of cumulative plan against cumulative actual.

use minijinja::Value;
use serde::Serialize;

use crate::format;
use crate::model::{GradedRun, ProjectScore, Variance};
use crate::rules::review::words;

/// The review of one project, formatted.
#[derive(Debug, Serialize)]
pub struct ReviewView {
    /// The review grade's letter; empty when no month is actual yet.
    pub grade: &'static str,
    /// Which months are actual and why the rest stay plan, a sentence:
    /// `Months 1–2 actual (2026-01 to 2026-02); month 3 plan (2026-03): no
    /// charges from Google Cloud; …`; `No month actual yet` without any.
    pub months: String,
    /// `Benefit of months 1–2 unverified: no actual_benefit given, …`.
    pub unverified: Vec<String>,
    /// Billed provider mixes far from the declared ones.
    pub warnings: Vec<String>,
    /// `yes`, `no`, or empty without actual months.
    pub on_track: &'static str,
    /// The review series' ratio over the horizon: `4.07x`.
    pub ratio: String,
    /// Compute then benefit, where the project gives them.
    pub variances: Vec<VarianceRow>,
    /// What the review left out or assumed, the warnings aside.
    pub notes: Vec<String>,
    /// Cumulative plan against cumulative actual (inline SVG); empty
    /// without actual months.
    pub chart: Value,
    /// The chart's file, linked from a Markdown report.
    pub chart_file: String,
    /// The chart in one sentence.
    pub chart_caption: String,
}

/// One figure actual against plan.
#[derive(Debug, Serialize)]
pub struct VarianceRow {
    pub figure: &'static str,
    pub plan: String,
    pub actual: String,
    /// Actual − plan in money, signed: `+9,500`, `-649`.
    pub amount: String,
    /// The same in percent of plan, signed; `n/a` for a zero plan.
    pub pct: String,
    /// The months compared: `1–3`.
    pub months: String,
}

fn variance_row(figure: &'static str, v: &Variance) -> VarianceRow {
    VarianceRow {
        figure,
        plan: format::money(v.plan),
        actual: format::money(v.actual),
        amount: signed(format::money(v.amount)),
        pct: v
            .pct
            .map_or_else(|| "n/a".into(), |p| signed(format::pct(p))),
        months: format::month_span(&v.months),
    }
}

/// A change with its sign: `+` in front of what is not negative or zero.
fn signed(shown: String) -> String {
    if shown.starts_with('-') || shown.trim_end_matches('%') == "0" {
        shown
    } else {
        format!("+{shown}")
    }
}

/// The review section of the `number`th project, when it gives actual
/// figures; `links` is the chart folder's link prefix (Markdown).
pub fn review_view(
    run: &GradedRun,
    number: usize,
    score: &ProjectScore,
    links: Option<&str>,
) -> Option<ReviewView> {
    let review = score.review.as_ref()?;
    let (chart, chart_caption) = super::review_chart::review_chart(run, score);
    let chart_file = match links {
        Some(dir) if !chart.is_empty() => format!(
            "{dir}/{}",
            super::chart_files::review_file(number, &score.project.project_id)
        ),
        _ => String::new(),
    };
    let variances = [
        ("Compute", review.compute_variance.as_ref()),
        ("Benefit", review.benefit_variance.as_ref()),
    ]
    .into_iter()
    .filter_map(|(figure, v)| v.map(|v| variance_row(figure, v)))
    .collect();
    let actuals = score.project.actuals.as_ref();
    let warnings: Vec<String> = words::mix_warnings(actuals)
        .into_iter()
        .map(str::to_owned)
        .collect();
    Some(ReviewView {
        grade: review.graded.as_ref().map_or("", |g| g.grade.letter()),
        months: words::months_line(review, actuals).map_or_else(
            || "No month actual yet".to_owned(),
            |line| words::sentence(&line),
        ),
        unverified: words::unverified_lines(review)
            .iter()
            .map(|line| words::sentence(line))
            .collect(),
        on_track: review.on_track.map_or("", format::yes_no),
        ratio: review
            .ratio
            .map_or_else(|| "n/a".into(), |r| format::ratio(r, 2)),
        variances,
        notes: review
            .notes
            .iter()
            .filter(|n| !warnings.contains(n))
            .cloned()
            .collect(),
        warnings,
        chart: Value::from_safe_string(chart),
        chart_file,
        chart_caption,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed("9,500".into()), "+9,500");
        assert_eq!(signed("-649".into()), "-649");
        assert_eq!(signed("0".into()), "0");
        assert_eq!(signed("0%".into()), "0%");
        assert_eq!(signed("7.9%".into()), "+7.9%");
    }
}
