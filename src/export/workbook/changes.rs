//! The Changes sheet: what moved since the baseline run, written only when
//! `score --baseline` gave one.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::styles::{Look, Styles};
use crate::model::{Changes, FigureKind};

struct Writer<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    row: u32,
}

impl Writer<'_> {
    fn section(&mut self, title: &str, headers: &[&str]) -> Result<(), XlsxError> {
        self.row += 1;
        self.sheet
            .write_string_with_format(self.row, 0, title, &self.styles.section)?;
        self.row += 1;
        for (col, h) in headers.iter().enumerate() {
            self.sheet
                .write_string_with_format(self.row, col as u16, *h, &self.styles.header)?;
        }
        self.row += 1;
        Ok(())
    }

    fn cells(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(t) => {
                    self.sheet
                        .write_string_with_format(self.row, col, t, &self.styles.text)?
                }
                Cell::Number(Some(v), look) => self.sheet.write_number_with_format(
                    self.row,
                    col,
                    *v,
                    self.styles.for_look(*look),
                )?,
                Cell::Number(None, _) => {
                    self.sheet
                        .write_string_with_format(self.row, col, "n/a", &self.styles.text)?
                }
            };
        }
        self.row += 1;
        Ok(())
    }

    fn none(&mut self) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(self.row, 0, "none", &self.styles.note)?;
        self.row += 1;
        Ok(())
    }
}

enum Cell {
    Text(String),
    Number(Option<f64>, Look),
}

/// Writes the Changes sheet.
pub(crate) fn write(
    sheet: &mut Worksheet,
    changes: &Changes,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name("Changes")?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    for (col, width) in [16.0, 34.0, 14.0, 14.0, 14.0, 60.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.write_string_with_format(
        0,
        0,
        format!(
            "Changes from {} to {}{}",
            changes.previous_as_of,
            changes.current_as_of,
            if changes.ruleset_changed {
                " (the ruleset differs)"
            } else {
                ""
            }
        ),
        &styles.title,
    )?;
    let mut w = Writer {
        sheet,
        styles,
        row: 1,
    };

    w.section("Portfolio", &["Figure", "", "Before", "After", "Change"])?;
    for d in &changes.portfolio {
        // Counts are whole; money and ratios show as everywhere else.
        let look = match d.kind() {
            FigureKind::Money => Look::Money,
            FigureKind::Ratio => Look::Ratio,
            FigureKind::Index => Look::Decimal,
            FigureKind::Count => Look::Whole,
        };
        w.cells(&[
            Cell::Text(d.label()),
            Cell::Text(String::new()),
            Cell::Number(d.from, look),
            Cell::Number(d.to, look),
            Cell::Number(d.shown_change(), look),
        ])?;
    }

    for (title, list) in [
        ("New projects", &changes.added),
        ("Dropped projects", &changes.dropped),
    ] {
        w.section(title, &["Project ID", "Project", "Grade"])?;
        if list.is_empty() {
            w.none()?;
        }
        for p in list {
            w.cells(&[
                Cell::Text(p.project_id.clone()),
                Cell::Text(p.project_name.clone()),
                Cell::Text(p.grade.clone()),
            ])?;
        }
    }

    w.section(
        "Grade moves",
        &["Project ID", "Project", "Before", "After", "Move", "Totals"],
    )?;
    if changes.grade_moves.is_empty() {
        w.none()?;
    }
    for m in &changes.grade_moves {
        let way = if m.steps > 0 { "up" } else { "down" };
        let totals = match (m.total_from, m.total_to) {
            (Some(a), Some(b)) => format!("{a:.1} → {b:.1}"),
            _ => String::new(),
        };
        w.cells(&[
            Cell::Text(m.project_id.clone()),
            Cell::Text(m.project_name.clone()),
            Cell::Text(m.from.clone()),
            Cell::Text(m.to.clone()),
            Cell::Text(format!("{way} {}", m.steps.abs())),
            Cell::Text(totals),
        ])?;
    }

    w.section(
        "Check status changes",
        &["Project ID", "Project", "Check", "Before", "After", "Why"],
    )?;
    if changes.status_changes.is_empty() {
        w.none()?;
    }
    for s in &changes.status_changes {
        let why = s.why();
        w.cells(&[
            Cell::Text(s.project_id.clone()),
            Cell::Text(s.project_name.clone()),
            Cell::Text(s.check_name().to_owned()),
            Cell::Text(format!("{} ({})", s.from, s.verdict_from)),
            Cell::Text(format!("{} ({})", s.to, s.verdict_to)),
            Cell::Text(super::layout::fit_text(&why).into_owned()),
        ])?;
    }
    Ok(())
}
