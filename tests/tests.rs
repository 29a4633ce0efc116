//! airoi's integration tests: each runs the real binary on real files.
//!
//! - `import`: fixtures written by other tools (`openpyxl`, LibreOffice,
//!   Excel on Windows CSV habits) and broken files, through `airoi validate`.
//! - `external`: the 2025 US federal AI use-case inventory from `../shared`,
//!   read without a crash and reported as lacking the intake fields.
//! - `cli_rules`: `airoi rules` and `airoi explain`.
//! - `cycle`: the monthly cycle: folders, expected units, feedback round
//!   trip, currencies, `diff`/`--baseline` and `verify`.
//! - `template`: `airoi template` writes the committed intake template.
//! - `score`: `airoi score` on the samples and fixtures: outputs, exit
//!   statuses, determinism, and the committed samples kept equal to what
//!   `samples/generator.rs` (included here as `sample_generator`) writes.
//! - `report`: `airoi score --report`, the audit report in HTML and Markdown.
//! - `broken`: the broken-file corpus, each file with its exact message;
//!   `broken_files` builds those files byte by byte.
//! - `limits`: compression bombs and grids refused before memory is spent,
//!   and the row invariant over every fixture.
//! - `hostile`: formula injection, output safety and the panic message.
//! - `scale`: a run bigger than the caps: every project written, the
//!   Cash flows sheet and the report's detail capped with a note.

mod common;
#[path = "../samples/generator.rs"]
mod sample_generator;

mod broken;
mod broken_files;
mod cli_rules;
mod cycle;
mod external;
mod headers;
mod hostile;
mod import;
mod limits;
mod report;
mod scale;
mod score;
mod template;
