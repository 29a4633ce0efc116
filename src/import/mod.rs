//! Import: reads the spreadsheets business units send into projects, and
//! every row that cannot be used into a rejected row naming the cell at
//! fault. Nothing is lost: each data row is a project, a rejected row, or a
//! counted blank or totals row.
//!
//! The format is decided by content ([`detect`]); [`csv`] and [`workbook`]
//! present every format as sheets of sparse rows ([`source::Source`]; an
//! xlsx sheet's cells are read in `xlsx_cells`, beside the [`xlsx_scan`]
//! of its XML);
//! [`columns`] finds the header row and maps headers to intake fields;
//! [`values`] parses cells; [`rows`] turns a row into a project draft;
//! [`portfolio`] merges all inputs and attaches cash flows.

pub mod cell;
pub mod columns;
pub mod csv;
pub mod detect;
pub mod guard;
pub mod limits;
mod merge;
pub mod ods_extent;
pub mod portfolio;
pub mod rows;
pub mod settings;
pub mod source;
mod table_rows;
pub mod tables;
pub mod units;
pub mod values;
pub mod workbook;
pub mod xls_extent;
mod xlsx_cells;
pub mod xlsx_scan;

pub use limits::Limits;
pub use portfolio::{
    ImportOptions, Intake, IntakeSink, read_bytes, read_portfolio, stream_portfolio,
};
pub use rows::Currency;
