//! Merged cells in a table: a title merged over several columns above the
//! header row (a group such as `Costs` over `Monthly | Upfront`), read as
//! part of the titles under it where they need it, and the note a project
//! row gets when one of its values was merged down over several rows.

use crate::import::cell::{CellValue, Row};
use crate::import::layout::{Merge, Spread};
use crate::model::{CASH_FLOW_FIELDS, CellPos, FIELDS};

use super::header::{HeaderMap, match_header};

/// Group titles looked at above a header.
const MAX_GROUPS: usize = 1_000;

/// Whether a title names a field of either table.
fn names_a_field(title: &str) -> bool {
    match_header(title, FIELDS).is_some() || match_header(title, CASH_FLOW_FIELDS).is_some()
}

/// Reads the titles under a group title: a title that names no field alone
/// but does with its group's words before or after it (`Monthly` under
/// `Compute Cost`) takes them. A title that names a field alone keeps its
/// own words, so a group row above never changes a header that reads.
pub(crate) fn title_groups(rows: &mut [Row], merged: &[Merge]) {
    let last_row = rows.last().map_or(0, |r| r.number);
    let groups = merged
        .iter()
        .filter(|m| m.last_col > m.first_col && m.last_row + 2 <= last_row)
        // More group titles than a header has columns can only be a
        // damaged or hostile file's: a few are plenty.
        .take(MAX_GROUPS);
    for m in groups {
        let group_row = m.first_row + 1;
        let Some(group) = rows
            .iter()
            .find(|r| r.number == group_row)
            .and_then(|r| r.get(m.first_col))
            .map(|v| v.display().trim().to_string())
            .filter(|g| !g.is_empty())
        else {
            continue;
        };
        let Some(below) = rows.iter_mut().find(|r| r.number == m.last_row + 2) else {
            continue;
        };
        let from = below.cells.partition_point(|(c, _)| *c < m.first_col);
        let to = below.cells.partition_point(|(c, _)| *c <= m.last_col);
        for (_, cell) in &mut below.cells[from..to] {
            let CellValue::Text(title) = cell else {
                continue;
            };
            if title.trim().is_empty() || names_a_field(title) {
                continue;
            }
            let title = title.trim();
            let joined = [format!("{group} {title}"), format!("{title} {group}")]
                .into_iter()
                .find(|t| names_a_field(t));
            if let Some(joined) = joined {
                *cell = CellValue::Text(joined);
            }
        }
    }
}

/// The note on a row a merged value was read on: `Compute Growth % (C4:C6)
/// is one cell merged over rows 4–6; its value 2% is read on each of them`,
/// and what the row's covered cell held out of sight, if anything.
pub(crate) fn spread_note(spread: &Spread, header: &HeaderMap, row: u32) -> String {
    let m = spread.merge;
    let title = header
        .header(m.first_col)
        .map_or_else(String::new, |h| format!("{h} "));
    let note = format!(
        "{title}({}) is one cell merged over rows {}–{}; its value {} is read on each of them",
        m.a1(),
        m.first_row + 1,
        m.last_row + 1,
        spread.value.display()
    );
    match &spread.hidden {
        Some(own) => format!(
            "{note}; \"{}\" out of sight under it in {} was not read",
            own.display(),
            CellPos {
                row,
                col: m.first_col
            }
        ),
        None => note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_under_a_group_take_its_words_where_they_need_them() {
        let mut rows = vec![
            Row::header(&["", "", "Compute Cost", "", "Agentic profile", ""]),
            Row {
                number: 2,
                ..Row::header(&[
                    "Project ID",
                    "Project Name",
                    "Monthly",
                    "Upfront",
                    "Multi Step",
                    "Notes",
                ])
            },
        ];
        let merged = [
            Merge::parse("C1:D1").unwrap(),
            Merge::parse("E1:F1").unwrap(),
        ];
        title_groups(&mut rows, &merged);
        let titles: Vec<String> = rows[1].cells.iter().map(|(_, v)| v.display()).collect();
        assert_eq!(
            titles,
            [
                "Project ID",
                "Project Name",
                "Monthly Compute Cost",
                "Upfront Compute Cost",
                "Multi Step",
                "Notes"
            ]
        );
    }

    #[test]
    fn the_note_names_the_range_its_value_and_what_was_out_of_sight() {
        let header = HeaderMap::new(
            &Row::header(&["Project ID", "Project Name", "Compute Growth %"]),
            FIELDS,
            &[],
        );
        let mut spread = Spread {
            merge: Merge::parse("C4:C6").unwrap(),
            value: CellValue::Number {
                value: 0.02,
                percent: true,
            },
            hidden: None,
        };
        assert_eq!(
            spread_note(&spread, &header, 5),
            "Compute Growth % (C4:C6) is one cell merged over rows 4–6; its value 2% is read on each of them"
        );
        spread.hidden = Some(CellValue::Text("7%".into()));
        assert_eq!(
            spread_note(&spread, &header, 5),
            "Compute Growth % (C4:C6) is one cell merged over rows 4–6; its value 2% is read on each of them; \"7%\" out of sight under it in C5 was not read"
        );
    }
}
