//! Import: reads the spreadsheets business units send into projects, and
//! every row that cannot be used into a rejected row naming the cell at
//! fault. Nothing is lost: each data row is a project, a rejected row, or a
//! counted blank or totals row.
//!
//! The format is decided by content ([`open`]); [`csv`], [`workbook`] (the
//! calamine formats) and [`xlsx`] present every format as sheets of sparse
//! rows ([`source::Source`]), within the caps of [`limits`];
//! [`table`] finds the tables, maps headers to intake fields and turns each
//! row into a project draft; [`values`] parses cells; [`portfolio`] merges
//! all inputs and attaches cash flows.

pub mod cell;
pub mod csv;
pub mod error;
mod gather;
pub mod guard;
mod intake;
pub mod limits;
mod merge;
pub mod open;
pub mod portfolio;
pub mod settings;
pub mod source;
pub mod table;
pub mod units;
pub mod values;
pub mod workbook;
pub mod xlsx;

pub use intake::{ImportOptions, Intake, IntakeSink};
pub use limits::Limits;
pub use portfolio::{read_bytes, read_portfolio, stream_portfolio};
pub use table::row::Currency;
/// The header and table modules under their earlier names, for callers
/// outside the importer.
pub use table::{find as tables, header as columns};
