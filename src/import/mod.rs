//! Import: reads the spreadsheets business units send into projects, and
//! every row that cannot be used into a rejected row naming the cell at
//! fault. Nothing is lost: each data row is a project, a rejected row, or a
//! counted blank, totals or template example row.
//!
//! The format is decided by content (`open`); airoi's own outputs are
//! recognised and passed over (`output`). `csv` (with the quotes a CSV
//! leaves open, `quotes`), `workbook` (the calamine formats) and `xlsx`
//! present every format as sheets of sparse rows (`source::Source`), each
//! with its merged ranges and hidden columns and rows (`layout`), within
//! the caps of `limits` (whose walks of xls and ods also find their
//! percent cells, `percent`; `xlsb` finds xlsb's). `sheets` decides which
//! sheets and tables of a file are read and says why; `table` finds the
//! tables, maps headers to intake fields (with the units headers give) and
//! turns each row into a project draft or a cash flow, with each table's
//! reading report; [`values`] parses cells (`dates` the dates written as
//! text, the decimal separator decided per file in [`decimal`], the
//! spreadsheet errors a cell shows in `errors_shown`; share lists in
//! `shares`, the provider names in them through the ruleset's provider table for
//! each list in `providers`); `portfolio` reads all inputs, each in two passes
//! (`passes`), and `merge` joins them and attaches cash flows. [`bills`] reads FOCUS cloud bills
//! (CSV, CSV.gz, folders of them) and allocates them to the projects.
//!
//! Public, for the integration tests, the benchmarks and the fuzz targets:
//! [`read_portfolio`] and [`read_bytes`] with their [`ImportOptions`] and
//! [`Intake`]; the cell parsers ([`cell`], [`values`]); the size caps
//! ([`Limits`]); and [`panic_is_contained`] for a fuzz target's panic hook.
//! The sources, scanners and table readers are the crate's own.

pub mod bills;
pub mod cell;
pub(crate) mod csv;
mod dates;
pub mod decimal;
pub(crate) mod error;
mod errors_shown;
mod gather;
pub(crate) mod guard;
mod intake;
pub(crate) mod layout;
pub(crate) mod limits;
mod merge;
pub(crate) mod open;
pub(crate) mod output;
mod passes;
mod percent;
pub(crate) mod portfolio;
pub(crate) mod providers;
mod quotes;
pub(crate) mod settings;
mod shares;
mod sheets;
pub(crate) mod source;
pub(crate) mod table;
pub(crate) mod units;
pub mod values;
pub(crate) mod workbook;
mod xlsb;
pub(crate) mod xlsx;

pub use guard::is_contained as panic_is_contained;
pub(crate) use intake::IntakeSink;
pub use intake::{ImportOptions, Intake};
pub use limits::Limits;
pub use output::{Output, output_kind};
pub use portfolio::{read_bytes, read_portfolio};
pub(crate) use portfolio::{stream_portfolio, stream_portfolio_from};
