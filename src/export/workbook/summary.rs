//! The Summary sheet: run facts, portfolio figures, breakdowns, notes, and
//! the three native charts (grade distribution, return ratio against compute
//! spend with the target line, provider mix).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::charts;
use super::columns::roi;
use super::point_labels::Point;
use super::sections::Cursor;

use super::layout::{Pages, fit_text, section_breaks};
use super::options::WorkbookOptions;
use super::styles::Styles;
use crate::export::ExportError;
use crate::model::{
    CheckId, EnumWords, Grade, GradedRun, InputState, PortfolioFigures, ProjectScore,
    ProviderDimension,
};

/// Rows a printed Summary page holds: fitted to the width of a landscape
/// page, the tables and the charts beside them print at about two thirds
/// of their size, where an A4 page holds 47 rows of the default height and
/// a Letter page 56; the pages break between sections within this many.
const PAGE_ROWS: u32 = 45;

/// Figures the Summary needs about projects that are no longer in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Streamed {
    /// Projects written.
    pub projects: usize,
    /// The largest compute total of any project (the chart's x range).
    pub widest_compute: f64,
    /// The IDs of the first projects, which name the scatter's points.
    pub first_ids: Vec<String>,
    /// The same projects' compute totals and simulated probabilities of
    /// reaching the target (`None` when not drawn): where the Odds chart
    /// puts them, so labels that would cover one another are merged.
    pub first_odds: Vec<Point>,
    /// The same projects' compute totals and return ratios (`None` when
    /// not quantified): where the Summary's scatter puts them, likewise.
    pub first_ratios: Vec<Point>,
}

impl Streamed {
    /// Notes one project written.
    pub fn add(&mut self, p: &ProjectScore) {
        self.projects += 1;
        self.widest_compute = self.widest_compute.max(roi(p).compute_total);
        if self.first_ids.len() < charts::LABELLED_POINTS_MAX as usize {
            self.first_ids.push(p.project.project_id.clone());
            self.first_odds.push((
                roi(p).compute_total,
                p.simulation
                    .map(|s| crate::rules::simulation::words::odds_pct(s.p_target) / 100.0),
            ));
            self.first_ratios.push((roi(p).compute_total, roi(p).ratio));
        }
    }
}

/// Writes the Summary sheet.
pub(crate) fn write(
    sheet: &mut Worksheet,
    run: &GradedRun,
    styles: &Styles,
    opts: &WorkbookOptions,
    streamed: &Streamed,
) -> Result<(), ExportError> {
    sheet.set_name("Summary")?;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_column_range_width(2, 6, 13)?;
    // One page wide, as many tall as it takes: the breaks between
    // sections decide where each page ends.
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    let mut c = Cursor::new(sheet, styles);
    c.sheet
        .write_string_with_format(0, 0, "AI portfolio scorecard", &styles.title)?;
    c.sheet.write_string_with_format(
        1,
        0,
        "Each project graded on three checks: a 3:1 return on compute within the horizon, \
         diversified infrastructure, and agents rather than chatbots.",
        &styles.note,
    )?;
    c.row = 2;
    run_facts(&mut c, run)?;
    let p = &run.scorecard.portfolio;
    let h = run.ruleset.horizon_months;
    c.section(&format!("Portfolio ({h}-month horizon)"))?;
    c.number("Projects scored", Some(p.projects as f64), &styles.whole)?;
    c.number(
        "Rows rejected",
        Some(run.rejected.len() as f64),
        &styles.whole,
    )?;
    c.number("Compute spend", Some(p.compute_total), &styles.money)?;
    c.number("Benefit", Some(p.benefit_total), &styles.money)?;
    c.number("Portfolio return ratio", p.ratio, &styles.ratio)?;
    c.number(
        "Validated (ROI passes)",
        Some(p.validated as f64),
        &styles.whole,
    )?;
    c.number("Speculative", Some(p.speculative as f64), &styles.whole)?;
    let share = |n: usize| (p.projects > 0).then(|| n as f64 / p.projects as f64);
    c.number(
        "Agentic share (agentic passes)",
        share(p.agentic),
        &styles.percent,
    )?;
    c.number(
        "Chatbot share (agentic fails)",
        share(p.chatbot),
        &styles.percent,
    )?;
    c.number("Provider concentration (HHI)", p.hhi, &styles.whole)?;
    let top = p.provider_mix.first();
    let provider = |id| {
        run.ruleset
            .provider_label(ProviderDimension::Infrastructure, id)
    };
    c.text(
        "Largest provider",
        top.map_or("n/a", |s| provider(&s.provider)),
    )?;
    c.number(
        "Largest provider share",
        top.map(|s| s.pct / 100.0),
        &styles.percent,
    )?;

    c.section("Checks")?;
    c.header(&["Check", "Pass", "Warn", "Fail"])?;
    for check in CheckId::ALL {
        let counts = p.checks.get(&check).copied().unwrap_or_default();
        c.sheet.write_string(c.row, 0, check.title())?;
        for (col, n) in [counts.pass, counts.warn, counts.fail]
            .into_iter()
            .enumerate()
        {
            c.sheet.write_number(c.row, col as u16 + 1, n as f64)?;
        }
        c.row += 1;
    }

    c.section("Grade distribution")?;
    c.header(&["Grade", "Projects"])?;
    let grades_at = c.row;
    for grade in Grade::ALL {
        c.sheet
            .write_string_with_format(c.row, 0, grade.letter(), &styles.centered)?;
        let n = p.grades.get(&grade).copied().unwrap_or(0);
        c.sheet.write_number(c.row, 1, n as f64)?;
        c.row += 1;
    }

    c.section("Provider mix (compute-weighted)")?;
    c.header(&["Provider", "Share"])?;
    let mix_at = c.row;
    for share in &p.provider_mix {
        c.sheet
            .write_string(c.row, 0, fit_text(provider(&share.provider)))?;
        c.sheet
            .write_number_with_format(c.row, 1, share.pct / 100.0, &styles.percent)?;
        c.row += 1;
    }
    let mix_rows = p.provider_mix.len() as u32;

    if let Some(odds) = &run.scorecard.simulation {
        super::summary_odds::write(&mut c, odds, &run.ruleset)?;
    }

    breakdown(
        &mut c,
        "By business unit",
        run.scorecard
            .by_business_unit
            .iter()
            .map(|(k, v)| (k.as_str(), v)),
    )?;
    let stages: Vec<(String, &PortfolioFigures)> = run
        .scorecard
        .by_stage
        .iter()
        .map(|(k, v)| {
            (
                k.map_or_else(|| "(not given)".to_owned(), EnumWords::label),
                v,
            )
        })
        .collect();
    breakdown(
        &mut c,
        "By stage",
        stages.iter().map(|(k, v)| (k.as_str(), *v)),
    )?;
    if let Some(bills) = &run.bills {
        super::summary_bills::write(&mut c, bills, &run.ruleset)?;
    }
    let points = streamed
        .projects
        .min(opts.chart_points_cap)
        .min(opts.rows_per_sheet.saturating_sub(1) as usize)
        .max(1) as u32;
    notes(&mut c, opts, streamed.projects, points)?;
    let breaks = section_breaks(&c.sections, c.row, PAGE_ROWS, charts::ROWS);
    c.sheet.set_page_breaks(&breaks)?;

    charts::insert(
        c.sheet,
        run,
        styles,
        &charts::Rows {
            grades: grades_at,
            mix: mix_at,
            mix_len: mix_rows,
            helper: c.row + 1,
        },
        (
            points,
            streamed.widest_compute,
            &streamed.first_ids,
            &streamed.first_ratios,
        ),
    )?;
    Ok(())
}

fn run_facts(c: &mut Cursor, run: &GradedRun) -> Result<(), XlsxError> {
    let r = &run.run;
    c.section("Run")?;
    c.text("As of", &r.as_of.format("%Y-%m-%d").to_string())?;
    c.text("Run currency", &r.currency)?;
    for fx in &r.fx {
        c.text(
            &format!("FX rate {}", fx.currency),
            &format!(
                "1 {} = {} {} ({})",
                fx.currency, fx.rate, r.currency, fx.source
            ),
        )?;
    }
    if let Some(missing) = &run.missing_units {
        let text = if missing.is_empty() {
            "none: every expected unit sent projects".to_string()
        } else {
            missing.join(", ")
        };
        c.text("Units with no projects", &text)?;
    }
    c.text("Ruleset", &r.ruleset.name)?;
    c.text("Ruleset SHA-256", &r.ruleset.sha256)?;
    if let Some(path) = &r.ruleset.path {
        c.text("Ruleset file", path)?;
    }
    let overrides = if r.ruleset.overrides.is_empty() {
        "none".to_string()
    } else {
        r.ruleset.overrides.join(", ")
    };
    c.text("Keys differing from default", &overrides)?;
    c.text("Tool", &format!("{} {}", r.tool, r.version))?;
    let o = &r.options;
    c.text(
        "Reading options",
        &format!(
            "decimal comma {}; date order {}; sheet {}",
            if o.decimal_comma { "on" } else { "off" },
            o.date_order
                .map_or("unset", |d| if matches!(d, crate::model::DateOrder::Dmy) {
                    "dmy"
                } else {
                    "mdy"
                }),
            o.sheet.as_deref().unwrap_or("detected")
        ),
    )?;
    for (i, input) in r.inputs.iter().enumerate() {
        c.text(&format!("Input {}", i + 1), &input.path)?;
        c.text("    SHA-256", &input.sha256)?;
        let counts = format!(
            "{}: {} projects, {} rejected, {} skipped",
            input.format.as_deref().unwrap_or("?"),
            input.projects,
            input.rejected,
            input.skipped
        );
        match &input.state {
            InputState::Read => c.text("    Read", &counts)?,
            InputState::Unreadable(why) => c.lines("    Unreadable", why)?,
            InputState::Damaged(why) => {
                c.text("    Read in part", &counts)?;
                c.lines("    Damaged", why)?;
            }
            InputState::Partial(why) => {
                c.text("    Read in part", &counts)?;
                c.lines("    Not read", why)?;
            }
        }
    }
    Ok(())
}

fn breakdown<'a>(
    c: &mut Cursor,
    title: &str,
    slices: impl Iterator<Item = (&'a str, &'a PortfolioFigures)>,
) -> Result<(), XlsxError> {
    c.section(title)?;
    c.header(&[
        "Name",
        "Projects",
        "Compute",
        "Benefit",
        "Ratio",
        "Validated",
        "Agentic",
    ])?;
    for (name, f) in slices {
        let name = if name.is_empty() { "(not given)" } else { name };
        c.sheet.write_string(c.row, 0, fit_text(name))?;
        c.sheet.write_number(c.row, 1, f.projects as f64)?;
        c.sheet
            .write_number_with_format(c.row, 2, f.compute_total, &c.styles.money)?;
        c.sheet
            .write_number_with_format(c.row, 3, f.benefit_total, &c.styles.money)?;
        match f.ratio {
            Some(r) if r.is_finite() => {
                c.sheet
                    .write_number_with_format(c.row, 4, r, &c.styles.ratio)?;
            }
            _ => c.na(4)?,
        }
        c.sheet.write_number(c.row, 5, f.validated as f64)?;
        c.sheet.write_number(c.row, 6, f.agentic as f64)?;
        c.row += 1;
    }
    Ok(())
}

fn notes(c: &mut Cursor, opts: &WorkbookOptions, n: usize, points: u32) -> Result<(), XlsxError> {
    let mut notes = Vec::new();
    if n > opts.cash_flows_cap {
        notes.push(format!(
            "Cash flows shows the first {} of {n} projects; the scores of all are on Scores.",
            opts.cash_flows_cap
        ));
    }
    if n > opts.chart_points_cap {
        notes.push(format!(
            "The return-ratio chart plots the first {} projects.",
            opts.chart_points_cap
        ));
    }
    if points > charts::LABELLED_POINTS_MAX {
        notes.push(format!(
            "The return-ratio chart names its points by project ID when it plots at most {} projects.",
            charts::LABELLED_POINTS_MAX
        ));
    }
    for (base, items, per) in [("Scores", n, 1), ("Findings", n, 3)] {
        let pages = Pages {
            base,
            rows_per_item: per,
            rows_per_sheet: opts.rows_per_sheet,
        };
        let sheets = pages.sheets(items);
        if sheets > 1 {
            notes.push(format!(
                "{base} continues on {} further sheets ({base} (2) ...).",
                sheets - 1
            ));
        }
    }
    if n.saturating_mul(3) > super::findings::FITTED_ROWS_MAX {
        notes.push(format!(
            "Findings rows past the first {} keep the default height: a long explanation shows its first line until the row is made taller.",
            super::findings::FITTED_ROWS_MAX
        ));
    }
    let scores = super::scores::pages(opts);
    if n.min(scores.items_per_sheet()) > super::scores::TABLE_MAX_ROWS {
        notes.push(format!(
            "Scores is a filtered range rather than an Excel table: tables of more than {} rows are slow to open.",
            super::scores::TABLE_MAX_ROWS
        ));
    }
    if notes.is_empty() {
        return Ok(());
    }
    c.section("Notes")?;
    for note in notes {
        c.sheet
            .write_string_with_format(c.row, 0, note, &c.styles.note)?;
        c.row += 1;
    }
    Ok(())
}
