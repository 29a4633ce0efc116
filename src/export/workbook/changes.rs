//! The Changes sheet: what moved since the baseline run, written only when
//! `score --baseline` gave one.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::layout::{fit_text, row_height, wrapped_lines};
use super::styles::{Look, Styles};
use crate::model::{Changes, CheckId, FigureKind};

/// Column widths: project ID, project name, then check or before, after
/// and the change or move, and the reason, which wraps.
const WIDTHS: [usize; 6] = [16, 34, 26, 26, 26, 60];
/// The column of the reason.
const WHY_COL: usize = 5;

struct Writer<'a> {
    sheet: &'a mut Worksheet,
    styles: &'a Styles,
    /// A header over numbers, right-aligned as they are.
    number_header: Format,
    /// Text among numbers ("n/a"), right-aligned as they are.
    number_text: Format,
    row: u32,
}

impl Writer<'_> {
    fn section(&mut self, title: &str, headers: &[&str]) -> Result<(), XlsxError> {
        self.title(title)?;
        for (col, h) in headers.iter().enumerate() {
            self.sheet
                .write_string_with_format(self.row, col as u16, *h, &self.styles.header)?;
        }
        self.row += 1;
        Ok(())
    }

    fn title(&mut self, title: &str) -> Result<(), XlsxError> {
        self.row += 1;
        self.sheet
            .write_string_with_format(self.row, 0, title, &self.styles.section)?;
        self.row += 1;
        Ok(())
    }

    /// A figure's row: its name across the first two columns, then the
    /// numbers (or the headers over them).
    fn figure(&mut self, name: &str, header: bool, cells: &[Cell]) -> Result<(), XlsxError> {
        let format = if header {
            &self.styles.header
        } else {
            &self.styles.text
        };
        self.sheet
            .merge_range(self.row, 0, self.row, 1, name, format)?;
        for (col, cell) in (2..).zip(cells) {
            match cell {
                Cell::Text(t) if header => {
                    self.sheet
                        .write_string_with_format(self.row, col, t, &self.number_header)?;
                }
                _ => self.cell(col, cell)?,
            }
        }
        self.row += 1;
        Ok(())
    }

    fn cells(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        for (col, cell) in (0..).zip(cells) {
            self.cell(col, cell)?;
        }
        self.row += 1;
        Ok(())
    }

    fn cell(&mut self, col: u16, cell: &Cell) -> Result<(), XlsxError> {
        match cell {
            Cell::Text(t) => {
                self.sheet
                    .write_string_with_format(self.row, col, t, &self.styles.text)?
            }
            Cell::Wrap(t) => {
                let lines = wrapped_lines(t, WIDTHS[WHY_COL] - 1);
                if lines > 1 {
                    self.sheet.set_row_height(self.row, row_height(lines))?;
                }
                self.sheet
                    .write_string_with_format(self.row, col, t, &self.styles.wrap)?
            }
            Cell::Number(Some(v), look) => self.sheet.write_number_with_format(
                self.row,
                col,
                *v,
                self.styles.for_look(*look),
            )?,
            Cell::Number(None, _) => {
                self.sheet
                    .write_string_with_format(self.row, col, "n/a", &self.number_text)?
            }
        };
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
    /// Text that wraps in its column.
    Wrap(String),
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
    for (col, width) in (0..).zip(WIDTHS) {
        sheet.set_column_width(col, width as f64)?;
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
        number_header: styles.header.clone().set_align(FormatAlign::Right),
        number_text: styles.text.clone().set_align(FormatAlign::Right),
        row: 1,
    };

    w.title("Portfolio")?;
    w.figure(
        "Figure",
        true,
        &[
            Cell::Text("Before".into()),
            Cell::Text("After".into()),
            Cell::Text("Change".into()),
        ],
    )?;
    for d in &changes.portfolio {
        // Counts are whole; money and ratios show as everywhere else.
        let look = match d.kind() {
            FigureKind::Money => Look::Money,
            FigureKind::Ratio => Look::Ratio,
            FigureKind::Index => Look::Decimal,
            FigureKind::Count => Look::Whole,
        };
        w.figure(
            &d.label(),
            false,
            &[
                Cell::Number(d.from, look),
                Cell::Number(d.to, look),
                Cell::Number(d.shown_change(), look),
            ],
        )?;
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
            Cell::Text(check_title(&s.check).to_owned()),
            Cell::Text(format!("{} ({})", s.from, s.verdict_from)),
            Cell::Text(format!("{} ({})", s.to, s.verdict_to)),
            Cell::Wrap(fit_text(&why).into_owned()),
        ])?;
    }
    Ok(())
}

/// A check's title for people, from the id a run's JSON records.
fn check_title(id: &str) -> &str {
    CheckId::ALL
        .into_iter()
        .find(|c| c.id() == id)
        .map_or(id, |c| c.title())
}
