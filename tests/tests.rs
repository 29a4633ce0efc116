//! tests

// `airoi template`: writes the committed intake template, never over a file.
mod template;
