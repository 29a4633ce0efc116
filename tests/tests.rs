//! tests

// `airoi rules` and `airoi explain`.
mod cli_rules;
