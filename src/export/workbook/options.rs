//! [`WorkbookOptions`]: the choices that shape the workbook, and the
//! compression it is saved with.

use super::layout::EXCEL_MAX_ROWS;
use crate::export::progress::REPORT_EVERY;

/// The deflate level of the workbook's zip container. Saving (XML and
/// compression) is most of the time a big run takes; measured on a
/// 100,000-project workbook (benches/README.md), level 4 costs about 7%
/// less CPU than the library's default 6 for a file 13% larger, while
/// levels 1-3 save a little more time for files 26-81% larger, which
/// people notice when they mail a workbook round.
pub const ZIP_LEVEL: u8 = 4;

/// Choices that shape the workbook without changing any number in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookOptions {
    /// Projects above this count are left off the per-month Cash flows sheet
    /// (Summary says so): 18+ cells a project add up fast.
    pub cash_flows_cap: usize,
    /// Projects plotted in the return-ratio scatter chart; charts with more
    /// points are unreadable and slow to open.
    pub chart_points_cap: usize,
    /// Rows a sheet may hold before it continues on a further sheet. Excel's
    /// limit; smaller values exist so tests can exercise continuation.
    pub rows_per_sheet: u32,
    /// Projects written between two progress reports while the Scores and
    /// Findings sheets are written side by side, each reporting half of
    /// them (so an even number reports every project). 4,096 by default;
    /// smaller values exist so tests can see the reports of a small run.
    pub progress_every: usize,
}

impl Default for WorkbookOptions {
    fn default() -> Self {
        WorkbookOptions {
            cash_flows_cap: 5_000,
            chart_points_cap: 5_000,
            rows_per_sheet: EXCEL_MAX_ROWS,
            progress_every: REPORT_EVERY,
        }
    }
}
