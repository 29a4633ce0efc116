//! airoi's integration tests: each runs the real binary on real files.
//!
//! - `import`: fixtures written by other tools (openpyxl, `LibreOffice`,
//!   Excel-on-Windows CSV habits) and broken files, through `airoi validate`.
//! - `external`: the 2025 US federal AI use-case inventory from `../shared`,
//!   read without a crash and reported as lacking the intake fields.
//! - `cli_rules`: `airoi rules` and `airoi explain`.
//! - `template`: `airoi template` writes the committed intake template.
//! - `report`: `airoi score --report`, the audit report in HTML and Markdown.
//! - `samples`: every file in `samples/` through the whole pipeline.

mod common;

mod cli_rules;
mod external;
mod import;
mod report;
mod template;
