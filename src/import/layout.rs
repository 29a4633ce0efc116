//! A sheet's layout beyond its cells: merged ranges, hidden columns and
//! hidden rows, as each format's source finds them ([`SheetLayout`]), and
//! the one place merged ranges are applied to rows ([`MergeFill`]): a value
//! merged down over several rows is the value of each row it covers.

use crate::model::{CellPos, column_letters};

use super::cell::{CellValue, Row};

/// The last row and column of the largest sheet (Excel's), 0-based.
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u32 = 16_383;

/// A merged range of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u32,
    pub last_col: u32,
}

impl Merge {
    /// A range from its corners in any order, within a sheet's largest
    /// size (a damaged file's range past it ends at its edge).
    #[must_use]
    pub fn new((r0, c0): (u32, u32), (r1, c1): (u32, u32)) -> Self {
        let (r0, r1) = (r0.min(MAX_ROW), r1.min(MAX_ROW));
        let (c0, c1) = (c0.min(MAX_COL), c1.min(MAX_COL));
        Merge {
            first_row: r0.min(r1),
            last_row: r0.max(r1),
            first_col: c0.min(c1),
            last_col: c0.max(c1),
        }
    }

    /// A range as a sheet writes it, `C4:C6` (a single cell, `C4`, is no
    /// merge); `None` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let (from, to) = text.split_once(':')?;
        Some(Merge::new(cell_ref(from)?, cell_ref(to)?))
    }

    /// Whether it covers more than one row.
    #[must_use]
    pub fn is_vertical(&self) -> bool {
        self.last_row > self.first_row
    }

    /// The range in A1 form, `C4:C6`.
    #[must_use]
    pub fn a1(&self) -> String {
        let corner = |row: u32, col: u32| CellPos { row: row + 1, col }.a1();
        format!(
            "{}:{}",
            corner(self.first_row, self.first_col),
            corner(self.last_row, self.last_col)
        )
    }
}

/// A cell reference, `C4` or `$C$4`, as 0-based (row, column).
fn cell_ref(text: &str) -> Option<(u32, u32)> {
    let text = text.replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1)
        - 1;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

/// What a sheet's format says of its layout, besides the cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetLayout {
    /// Merged ranges, in the order the sheet lists them.
    pub merged: Vec<Merge>,
    /// Hidden columns, as 0-based inclusive ranges.
    pub hidden_cols: Vec<(u32, u32)>,
    /// 1-based numbers of hidden rows, ascending.
    pub hidden_rows: Vec<u32>,
}

impl SheetLayout {
    /// Whether the sheet has nothing merged or hidden.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.merged.is_empty() && self.hidden_cols.is_empty() && self.hidden_rows.is_empty()
    }

    /// Sorts and de-duplicates the hidden rows; done once all are found.
    pub(crate) fn finish(&mut self) {
        self.hidden_rows.sort_unstable();
        self.hidden_rows.dedup();
    }

    /// One line for a reading report: `merged C4:C6, D4:D6; hidden
    /// columns E, G:H; hidden rows 7`.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.merged.is_empty() {
            let mut merged = self.merged.clone();
            merged.sort_unstable_by_key(|m| (m.first_row, m.first_col));
            let ranges: Vec<String> = merged.iter().map(Merge::a1).collect();
            parts.push(format!("merged {}", ranges.join(", ")));
        }
        if !self.hidden_cols.is_empty() {
            let cols: Vec<String> = self
                .hidden_cols
                .iter()
                .map(|&(a, b)| {
                    if a == b {
                        column_letters(a)
                    } else {
                        format!("{}:{}", column_letters(a), column_letters(b))
                    }
                })
                .collect();
            parts.push(format!("hidden columns {}", cols.join(", ")));
        }
        if !self.hidden_rows.is_empty() {
            let rows: Vec<String> = self.hidden_rows.iter().map(u32::to_string).collect();
            parts.push(format!("hidden rows {}", rows.join(", ")));
        }
        if parts.is_empty() {
            "nothing merged or hidden".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// A cell a merged range gave its value to, or whose value it spread.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spread {
    pub merge: Merge,
    /// The merged value, as the sheet shows it.
    pub value: CellValue,
    /// What the covered cell held of its own, out of sight under the
    /// merged cell (LibreOffice can keep it), and was not read.
    pub hidden: Option<CellValue>,
}

/// Gives each row the values merged down over it, rows visited in order.
///
/// The value of a merged range sits in its top-left cell; the cells it
/// covers below are empty, or hold what was there before the merge, out of
/// sight (LibreOffice can keep it): the merged value is what the sheet
/// shows, and is read there too. A range covering several rows
/// gives its value to each of them, in its first column (a range over
/// several columns does not repeat a value sideways into other fields).
pub(crate) struct MergeFill {
    /// Ranges over several rows, by first row.
    pending: Vec<Merge>,
    /// Ranges whose first row has been seen, with its value.
    open: Vec<(Merge, CellValue)>,
}

impl MergeFill {
    pub(crate) fn new(merged: &[Merge]) -> Self {
        let mut pending: Vec<Merge> = merged.iter().copied().filter(Merge::is_vertical).collect();
        // Popped from the end: last first row first in the list.
        pending.sort_unstable_by_key(|m| std::cmp::Reverse((m.first_row, m.first_col)));
        MergeFill {
            pending,
            open: Vec::new(),
        }
    }

    /// Fills the cells of `row` that a range above covers; returns the
    /// ranges over several rows that hold this row, with their value.
    pub(crate) fn fill(&mut self, row: &mut Row) -> Vec<Spread> {
        if self.pending.is_empty() && self.open.is_empty() {
            return Vec::new();
        }
        let r = row.number.saturating_sub(1);
        self.open.retain(|(m, _)| m.last_row >= r);
        while let Some(m) = self.pending.last().copied() {
            if m.first_row > r {
                break;
            }
            self.pending.pop();
            // A range whose first row had no cells has no value to give.
            if m.first_row < r {
                continue;
            }
            // Ranges that overlap in a column (a damaged file) give one
            // value: the first.
            let taken = self.open.iter().any(|(o, _)| o.first_col == m.first_col);
            if let Some(value) = row.get(m.first_col).filter(|v| !taken && !v.is_blank()) {
                self.open.push((m, value.clone()));
            }
        }
        let mut spread = Vec::new();
        for (m, value) in &self.open {
            let mut hidden = None;
            if m.first_row < r {
                match row.cells.binary_search_by_key(&m.first_col, |(c, _)| *c) {
                    Ok(at) => {
                        let own = std::mem::replace(&mut row.cells[at].1, value.clone());
                        hidden = Some(own).filter(|v| !v.is_blank());
                    }
                    Err(at) => row.cells.insert(at, (m.first_col, value.clone())),
                }
            }
            spread.push(Spread {
                merge: *m,
                value: value.clone(),
                hidden,
            });
        }
        spread
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, cells: &[(u32, &str)]) -> Row {
        Row {
            number,
            cells: cells
                .iter()
                .map(|(c, t)| (*c, CellValue::Text((*t).to_string())))
                .collect(),
            hidden: false,
        }
    }

    #[test]
    fn ranges_in_a1_form() {
        let m = Merge::parse("C4:C6").unwrap();
        assert_eq!(m, Merge::new((3, 2), (5, 2)));
        assert_eq!(m.a1(), "C4:C6");
        assert_eq!(Merge::parse("$AA$10:AB12").unwrap().a1(), "AA10:AB12");
        assert_eq!(Merge::parse("C4"), None);
        assert_eq!(Merge::parse("C0:C4"), None);
        assert_eq!(Merge::parse("c4:c5"), None);
        assert_eq!(
            Merge::parse("A4294967295:B4294967295").unwrap().a1(),
            "A1048576:B1048576"
        );
    }

    #[test]
    fn a_value_merged_down_fills_each_row_it_covers() {
        // C4:C6 and A1:A2; D2:E2 spans columns only.
        let merged = [
            Merge::parse("C4:C6").unwrap(),
            Merge::parse("A1:A2").unwrap(),
            Merge::parse("D2:E2").unwrap(),
        ];
        let mut fill = MergeFill::new(&merged);
        let mut rows = [
            row(1, &[(0, "Project ID"), (1, "x")]),
            row(2, &[(1, "y")]),
            row(4, &[(0, "P1"), (2, "2%")]),
            row(5, &[(0, "P2"), (2, " ")]),
            row(6, &[(0, "P3"), (2, "7%")]),
            row(7, &[(0, "P4")]),
        ];
        let spread: Vec<Vec<Spread>> = rows.iter_mut().map(|r| fill.fill(r)).collect();
        let counts: Vec<usize> = spread.iter().map(Vec::len).collect();
        assert_eq!(counts, [1, 1, 1, 1, 1, 0]);
        assert_eq!(rows[1].get(0), Some(&CellValue::Text("Project ID".into())));
        assert_eq!(rows[3].get(2), Some(&CellValue::Text("2%".into())));
        // What a covered cell holds out of sight is not read, and is said.
        assert_eq!(rows[4].get(2), Some(&CellValue::Text("2%".into())));
        assert_eq!(spread[4][0].hidden, Some(CellValue::Text("7%".into())));
        assert_eq!(spread[3][0].hidden, None);
        assert_eq!(rows[5].get(2), None);
        assert!(rows[1].get(3).is_none() && rows[1].get(4).is_none());
    }

    #[test]
    fn a_range_whose_first_row_is_missing_gives_nothing() {
        let mut fill = MergeFill::new(&[Merge::parse("B2:B3").unwrap()]);
        let mut third = row(3, &[(0, "P")]);
        assert!(fill.fill(&mut third).is_empty());
        assert_eq!(third.get(1), None);
    }

    #[test]
    fn layouts_describe_themselves() {
        let layout = SheetLayout {
            merged: vec![Merge::parse("C4:C6").unwrap()],
            hidden_cols: vec![(4, 4), (6, 7)],
            hidden_rows: vec![7],
        };
        assert_eq!(
            layout.describe(),
            "merged C4:C6; hidden columns E, G:H; hidden rows 7"
        );
        assert_eq!(
            SheetLayout::default().describe(),
            "nothing merged or hidden"
        );
    }
}
