//! Which cells of a sheet show a percentage, for the formats whose cells
//! calamine hands over without their number format (xls, ods). The walks
//! that price those files before calamine opens them ([`super::limits`])
//! note the percent cells on the way; the dense grid is then read with each
//! number's flag looked up here, so `0.025` shown as `2.5%` reads as 2.5%
//! in every format, as it does in xlsx.

use std::collections::HashMap;
use std::ops::Range;

/// Percent cells by sheet name.
pub(crate) type PercentSheets = HashMap<String, PercentCells>;

/// A block of cells: rows and columns, 0-based, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    rows: Range<u32>,
    cols: Range<u32>,
}

/// The percent cells of one sheet, as blocks.
///
/// Blocks that start on the same row end on the same row, and blocks
/// starting on different rows cover different rows: an ods row element
/// (repeated or not) gives blocks of its own rows, an xls cell a block of
/// one row. [`PercentCells::contains`] relies on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PercentCells {
    blocks: Vec<Block>,
    sorted: bool,
}

impl PercentCells {
    /// Notes the cells of `rows` × `cols` as percent cells.
    pub(crate) fn add(&mut self, rows: Range<u32>, cols: Range<u32>) {
        if rows.is_empty() || cols.is_empty() {
            return;
        }
        if let Some(last) = self.blocks.last_mut() {
            // Neighbours on the same rows (a row of percent cells) are one block.
            if last.rows == rows && last.cols.end == cols.start {
                last.cols.end = cols.end;
                return;
            }
        }
        self.sorted = false;
        self.blocks.push(Block { rows, cols });
    }

    /// Sorts the blocks for look-ups; done once all are added.
    pub(crate) fn finish(&mut self) {
        if !self.sorted {
            self.blocks
                .sort_unstable_by_key(|b| (b.rows.start, b.cols.start));
            self.sorted = true;
        }
    }

    /// Whether no cell is a percent cell.
    pub(crate) fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Whether the cell at 0-based (`row`, `col`) shows a percentage.
    pub(crate) fn contains(&self, row: u32, col: u32) -> bool {
        debug_assert!(self.sorted || self.blocks.len() < 2);
        let blocks = &self.blocks;
        // The last group of blocks starting on or above the row…
        let end = blocks.partition_point(|b| b.rows.start <= row);
        let Some(last) = end.checked_sub(1).map(|i| &blocks[i]) else {
            return false;
        };
        if row >= last.rows.end {
            return false;
        }
        let start = blocks.partition_point(|b| b.rows.start < last.rows.start);
        // …and in it, the last block starting at or left of the column.
        let group = &blocks[start..end];
        let at = group.partition_point(|b| b.cols.start <= col);
        at.checked_sub(1).is_some_and(|i| col < group[i].cols.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_rows_and_single_cells() {
        let mut cells = PercentCells::default();
        // An ods row repeated over rows 4..7, percent in columns 2..4 and 9.
        cells.add(4..7, 2..3);
        cells.add(4..7, 3..4);
        cells.add(4..7, 9..10);
        // xls cells, out of order.
        cells.add(12..13, 5..6);
        cells.add(10..11, 1..2);
        cells.finish();
        for (row, col) in [(4, 2), (6, 3), (5, 9), (12, 5), (10, 1)] {
            assert!(cells.contains(row, col), "({row}, {col})");
        }
        for (row, col) in [(3, 2), (7, 2), (4, 4), (4, 1), (11, 1), (12, 4), (0, 0)] {
            assert!(!cells.contains(row, col), "({row}, {col})");
        }
        assert!(!PercentCells::default().contains(0, 0));
    }
}
