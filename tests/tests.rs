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
//! - `report_print`: the report as it prints (page rules, paths breaking
//!   after separators, cash flows in an appendix).
//! - `report_charts`: the report's charts (text inside their view boxes,
//!   the scatter's labels) and the Markdown report's chart files.
//! - `broken`: the broken-file corpus, each file with its exact message;
//!   `broken_files` builds those files byte by byte.
//! - `limits`: compression bombs and grids refused before memory is spent,
//!   and the row invariant over every fixture.
//! - `rows`: rows that are not projects (the template's example rows,
//!   totals rows) and values in the forms units write them: start dates,
//!   enumeration and yes/no words, `€ 1.200,-`.
//! - `reading`: the reading report (how each table was understood) in
//!   `validate`, the run record and the workbook's Sources sheet.
//! - `hostile`: formula injection, output safety and the panic message.
//! - `scale`: a run bigger than the caps: every project written, the
//!   Cash flows sheet and the report's detail capped with a note.
//! - `aliases`: provider names read through the ruleset's table for their
//!   list, a provider added by a --rules file, the fiscal year's first
//!   month, and run records from before the tables were split.
//! - `share_lists`: provider share lists in every form people write them,
//!   from an Excel CSV and an openpyxl workbook: the shares scored, the
//!   did-you-mean for a misspelt provider, the note for an unknown one.
//! - `units`: scales, currencies and periods in headers applied; cash
//!   flows converted, checked and dated like their project's money.
//! - `tables`: sheets and tables as units lay them out: one sheet per unit,
//!   hidden sheets, a second table under the first, a repeated header, a
//!   lookup beside the table, subfolders and airoi's own outputs in an
//!   intake folder; a table without the required columns said once.
//! - `actuals`: the performance review: actual compute and benefit from
//!   the `CashFlows` sheet graded beside the plan, variances, on-track under
//!   each re-forecast, the Actuals sheet and `explain review`.
//! - `simulation`: the odds of 3:1: figures reproduced across runs and an
//!   added project, `--no-simulation`, `--seed`, the intake's three-point
//!   estimates, the ruleset keys and the Odds sheet's chart;
//!   `odds_outputs`: the odds where people read them (report, Summary,
//!   the Odds chart's labels).
//! - `tornado`: each project's tornado: the swings against a recomputation
//!   of the worked example, the chart's bars, lines and labels, the ROI
//!   block, and the Markdown chart file `verify` re-draws.
//!   `simulation_actuals`: draws move only the months a review has not
//!   counted as actual, recomputed independently.
//! - `cells`: merged cells, headers over two rows, hidden columns and rows,
//!   in xlsx, ods, xls and xlsb alike.
//! - `verify_moved`: `verify` of outputs moved with their inputs, inputs
//!   found by SHA-256 under `--inputs`, a changed input, an old record, a
//!   file that is no output; notes among the intakes skipped, files listed.
//! - `verify_bills`: `verify` of runs whose bills (or `--bills-aggregate`
//!   result) moved: found beside the output or under `--inputs`, said
//!   where, a same-named bill with other contents reported as changed.
//! - `recalc`: the workbook's saved formula results equal a LibreOffice
//!   recalculation, cell for cell.
//! - `workbook_pages`: the graded workbook as it reads and prints: the
//!   Summary's layout and pages, the charts, Findings and Changes.
//! - `text`: text as the file means it: error cells in every format,
//!   UTF-16 without a byte-order mark, the decimal separator per file, an
//!   unclosed CSV quote.
//! - `bills`: `score --bills`: generated AI-service FOCUS bills allocated
//!   by month, provider and model vendor, the cost bases, refused files and
//!   bad rows, `verify` on bills; `bills_samples`: the FOCUS 1.2 samples
//!   from `../shared` allocated by cost centre to the cent.
//! - `bills_review`: the bills feed the review: billed compute in each
//!   project month with the intake's on-premises compute added, which months
//!   are actual and why the others are not, the compute variance to the
//!   cent, the billed provider mix against the declared, a project no bill
//!   row matches.
//! - `sample_bills`: the README's review command on the bundled sample
//!   bills: review grades, compute variances to the cent, the months
//!   actual, unallocated AI spend, the mix warning, the commitment purchase
//!   left out and `--cost-basis billed` counting it; its four charts print
//!   two to a page.
//! - `bills_words`: which months are actual, why the others stay plan, the
//!   unverified benefit and the billed mix warning, as the Actuals,
//!   Findings and Summary sheets and the HTML and Markdown reports say them.
//! - `bills_parquet`: FOCUS Parquet bills (TIMESTAMP, DECIMAL, MAP tags,
//!   three codecs) give the figures of their CSV twins; refusals.
//! - `bills_aggregate_parquet`: `score --bills-aggregate` on the query's
//!   result written as Parquet by DuckDB: the figures of the bills and of
//!   the CSV result to the cent; bad values and missing columns refused
//!   with the file, row, column and value.
//! - `bills_reader`: the sample's review as a cost analyst reads it: the
//!   Summary's pages, "Allocated to projects" beside "Unallocated AI
//!   spend", a model vendor the ruleset lacks named as billed
//! - `bills_messages`: what a user reads about the bills: Parquet rows told
//!   as rows, providers named by their label in unallocated AI spend, an
//!   intake among the bills refused naming the order that works.
//! - `words`: words and numbers for people: no internal id where a person
//!   reads, verdicts and sentences that say what they mean, the terminal's
//!   mark on a capped grade, money and percents written one way, the CSV
//!   as plain numbers.
//! - `cap_footnotes`: the console's footnotes on capped grades name the
//!   projects each cap applies to.
//! - `currency_reading`: the reading report names the currency money
//!   headers give a table's rows and the rate that converts them.
//! - `one_sign`: no output writes the Unicode minus; every figure uses the
//!   ASCII hyphen-minus.
//! - `tornado_settings`: the tornado's delay and growth swings are the
//!   ruleset's, whichever scenarios run.
//! - `report_ruleset`: the HTML report's ruleset is `airoi rules` verbatim,
//!   in paragraphs a printed page does not split.

mod common;
#[path = "../samples/generator.rs"]
mod sample_generator;

mod actuals;
mod actuals_outputs;
mod aliases;
mod bills;
mod bills_aggregate_parquet;
mod bills_messages;
mod bills_parquet;
mod bills_reader;
mod bills_review;
mod bills_samples;
mod bills_sql;
mod bills_sql_cli;
mod bills_words;
mod broken;
mod broken_files;
mod cap_footnotes;
mod cells;
mod cli_rules;
mod currency_reading;
mod cycle;
mod external;
mod headers;
mod hostile;
mod import;
mod limits;
mod margins;
mod margins_outputs;
mod odds_outputs;
mod one_sign;
mod reading;
mod recalc;
mod report;
mod report_charts;
mod report_print;
mod report_ruleset;
mod rows;
mod sample_bills;
mod scale;
mod scenarios;
mod score;
mod share_lists;
mod simulation;
mod simulation_actuals;
mod tables;
mod template;
mod text;
mod tornado;
mod tornado_settings;
mod units;
mod verify_bills;
mod verify_moved;
mod words;
mod workbook_pages;
