//! The Scenarios sheet, present when the run scored scenarios: at the top,
//! per scenario (and the plan) the grade distribution, the validated count,
//! the portfolio ratio and the projects it breaks, with a native clustered
//! column chart of the distributions side by side; below, per project its
//! grade on the plan and in each scenario, its worst grade and the first
//! scenario that breaks it. The project rows are kept compactly as the run
//! streams past and written at the end, continuing on `Scenarios (2)` past
//! a sheet's rows.

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartLegendPosition, ChartSolidFill, ChartType, Color, Workbook,
    Worksheet,
};

use super::layout::{HEADER_HEIGHT, Widths, page_name};
use super::options::WorkbookOptions;
use super::styles::{self, Styles};
use crate::export::ExportError;
use crate::model::{Grade, GradedRun, ProjectScore};

/// The sheet's name; the chart reads its data from it.
pub(crate) const SHEET: &str = "Scenarios";

/// Rows the chart takes below the summary table.
const CHART_ROWS: u32 = 17;

/// Colours of the chart's series: the plan, then each scenario in turn.
const SERIES_RGB: [u32; 6] = [
    0x0044_72C4,
    0x00ED_7D31,
    0x00A5_A5A5,
    0x00FF_C000,
    0x005B_9BD5,
    0x0070_AD47,
];

/// One project's row, kept while the run streams past.
pub(crate) struct ScenarioRow {
    id: String,
    name: String,
    plan: Grade,
    grades: Vec<Grade>,
    worst: Grade,
    broken_by: Option<usize>,
}

impl ScenarioRow {
    /// The row of a scored project; `None` when the run has no scenarios.
    pub(crate) fn of(p: &ProjectScore) -> Option<Self> {
        (!p.scenarios.is_empty()).then(|| ScenarioRow {
            id: p.project.project_id.clone(),
            name: p.project.project_name.clone(),
            plan: p.grade,
            grades: p.scenarios.iter().map(|r| r.grade).collect(),
            worst: p.worst_grade(),
            broken_by: p.broken_by(),
        })
    }
}

/// Writes the Scenarios sheet(s); nothing when the run scored no scenarios.
pub(crate) fn write(
    workbook: &mut Workbook,
    run: &GradedRun,
    rows: &[ScenarioRow],
    styles: &Styles,
    opts: &WorkbookOptions,
) -> Result<(), ExportError> {
    let summaries = &run.scorecard.scenarios;
    if summaries.is_empty() {
        return Ok(());
    }
    let labels: Vec<&str> = summaries
        .iter()
        .map(|s| s.scenario.label.as_str())
        .collect();
    let mut headers = vec!["Project ID", "Project Name", "Plan Grade"];
    headers.extend(&labels);
    headers.extend(["Worst Grade", "Broken By"]);
    let table_at = summaries.len() as u32 + 3 + CHART_ROWS;
    let first_room = opts.rows_per_sheet.saturating_sub(table_at + 1).max(1) as usize;
    let room = opts.rows_per_sheet.saturating_sub(1).max(1) as usize;
    let mut start = 0;
    let mut page = 1;
    loop {
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(page_name(SHEET, page))?;
        let mut widths = Widths::from_headers(headers.iter().copied());
        let at = if page == 1 {
            write_summary(sheet, run, styles)?;
            // Validated, Portfolio Ratio and Projects Broken, wrapped.
            for col in 7..=9 {
                widths.fit(col, 10);
            }
            table_at
        } else {
            0
        };
        let end = (start + if page == 1 { first_room } else { room }).min(rows.len());
        write_table(
            sheet,
            at,
            &headers,
            &rows[start..end],
            &labels,
            styles,
            &mut widths,
        )?;
        widths.apply(sheet, 48)?;
        sheet
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_repeat_rows(at, at)?;
        start = end;
        page += 1;
        if start >= rows.len() {
            return Ok(());
        }
    }
}

/// The per-scenario table from row 0 (the plan first) and the chart below it.
fn write_summary(
    sheet: &mut Worksheet,
    run: &GradedRun,
    styles: &Styles,
) -> Result<(), ExportError> {
    // The label spans the ID and Name columns, so the counts sit under
    // the project table's narrow grade columns.
    let heads = [
        "Scenario",
        "",
        "A",
        "B",
        "C",
        "D",
        "F",
        "Validated",
        "Portfolio Ratio",
        "Projects Broken",
    ];
    for (col, h) in heads.iter().enumerate().skip(2) {
        sheet.write_string_with_format(0, col as u16, *h, &styles.header)?;
    }
    sheet.merge_range(0, 0, 0, 1, heads[0], &styles.header)?;
    sheet.set_row_height(0, HEADER_HEIGHT)?;
    let p = &run.scorecard.portfolio;
    let plan = std::iter::once(("Plan", &p.grades, p.validated, p.ratio, None::<usize>));
    let scenarios = run.scorecard.scenarios.iter().map(|s| {
        (
            s.scenario.label.as_str(),
            &s.grades,
            s.validated,
            s.ratio,
            Some(s.broken),
        )
    });
    let mut row = 1;
    for (label, grades, validated, ratio, broken) in plan.chain(scenarios) {
        sheet.merge_range(row, 0, row, 1, label, &styles.text)?;
        for (i, g) in Grade::ALL.iter().enumerate() {
            let n = grades.get(g).copied().unwrap_or(0);
            sheet.write_number_with_format(row, i as u16 + 2, n as f64, &styles.whole)?;
        }
        sheet.write_number_with_format(row, 7, validated as f64, &styles.whole)?;
        match ratio {
            Some(r) => sheet.write_number_with_format(row, 8, r, &styles.ratio)?,
            None => sheet.write_string_with_format(row, 8, "n/a", &styles.text)?,
        };
        if let Some(n) = broken {
            sheet.write_number_with_format(row, 9, n as f64, &styles.whole)?;
        }
        row += 1;
    }
    let last = row - 1;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .title()
        .set_name("Grade distribution: plan and scenarios");
    for r in 1..=last {
        let rgb = SERIES_RGB[(r as usize - 1) % SERIES_RGB.len()];
        chart
            .add_series()
            .set_name((SHEET, r, 0))
            .set_categories((SHEET, 0, 2, 0, 6))
            .set_values((SHEET, r, 2, r, 6))
            .set_format(ChartSolidFill::new().set_color(Color::RGB(rgb)))
            .set_data_label(ChartDataLabel::new().show_value());
    }
    chart.x_axis().set_name("Grade");
    chart
        .y_axis()
        .set_name("Projects")
        .set_num_format("0")
        .set_min(0);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(640).set_height(320);
    sheet.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}

/// The project table: its header at row `at`, one row a project below.
fn write_table(
    sheet: &mut Worksheet,
    at: u32,
    headers: &[&str],
    rows: &[ScenarioRow],
    labels: &[&str],
    styles: &Styles,
    widths: &mut Widths,
) -> Result<(), ExportError> {
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(at, col as u16, *h, &styles.header)?;
    }
    sheet.set_row_height(at, HEADER_HEIGHT)?;
    let mut r = at + 1;
    for row in rows {
        let mut col = 0u16;
        let mut text = |sheet: &mut Worksheet, s: &str| -> Result<(), ExportError> {
            sheet.write_string_with_format(r, col, s, &styles.text)?;
            widths.fit(col as usize, s.chars().count());
            col += 1;
            Ok(())
        };
        text(sheet, &row.id)?;
        text(sheet, &row.name)?;
        text(sheet, row.plan.letter())?;
        for g in &row.grades {
            text(sheet, g.letter())?;
        }
        text(sheet, row.worst.letter())?;
        text(
            sheet,
            row.broken_by
                .and_then(|i| labels.get(i))
                .copied()
                .unwrap_or("—"),
        )?;
        r += 1;
    }
    if r > at + 1 {
        let last_grade = 2 + labels.len() as u16 + 1;
        for rule in styles::grade_rules() {
            sheet.add_conditional_format(at + 1, 2, r - 1, last_grade, &rule)?;
        }
        sheet.autofilter(at, 0, r - 1, headers.len() as u16 - 1)?;
    }
    Ok(())
}
