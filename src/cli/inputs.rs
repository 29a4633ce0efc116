//! Options shared by every command that reads inputs; the folders and
//! patterns they name become the files of a run in
//! [`crate::pipeline::expand_inputs`].

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;

use crate::import::ImportOptions;
use crate::import::Limits;
use crate::model::{DateOrder, ReadOptions, Ruleset, RulesetRecord};

/// How to find and read the inputs.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Spreadsheets to read (xlsx, xlsm, xlsb, xls, ods, csv, tsv), or folders
    /// whose spreadsheets, subfolders included, are read in path order; other
    /// files in a folder (a readme.txt, a PDF) are skipped with a line, a
    /// .txt read when tab-separated.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Read the projects table from this sheet alone (hidden or not) instead
    /// of every visible sheet's.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Read numbers such as 1,200 or 1.200 with a decimal comma in files
    /// that show neither convention; a file that writes 1.234,50 or
    /// 1,234.50 elsewhere is read its own way.
    #[arg(long)]
    pub decimal_comma: bool,

    /// Order of day and month in dates like 03/04/2026; without it they are rejected as ambiguous.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrder>,

    /// Ruleset TOML overriding any subset of the default (see `airoi rules`).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Run currency (ISO 4217); default: the first input's Settings sheet, else USD.
    /// Rows in another currency need an --fx rate (or one on a Settings sheet).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,

    /// Exchange rates: a CSV of `currency,rate`, one unit of that currency in run-currency units.
    #[arg(long, value_name = "FILE")]
    pub fx: Option<PathBuf>,

    /// The most one input may cost in memory, in MB: the file itself, the
    /// unpacked parts of an xlsx/xlsb/ods, or the cell grid of an xls/ods.
    /// xlsx/xlsb sheets are streamed and may unpack past it unless packed
    /// over 100 times. A file above it is refused, naming the cap; the
    /// others still count.
    #[arg(long, value_name = "MB", default_value_t = crate::import::limits::DEFAULT_MAX_INPUT_MB)]
    pub max_input_mb: u64,
}

impl InputArgs {
    /// The reading options recorded in the run record.
    #[must_use]
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            decimal_comma: self.decimal_comma,
            date_order: self.date_order,
            sheet: self.sheet.clone(),
        }
    }

    /// Reading options plus the currency table.
    pub fn import_options(&self) -> anyhow::Result<ImportOptions> {
        let currency = match &self.currency {
            Some(given) => {
                let code = given.trim().to_ascii_uppercase();
                if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
                    bail!("--currency {given}: expected a three-letter ISO 4217 code such as USD");
                }
                Some(code)
            }
            None => None,
        };
        let fx = match &self.fx {
            Some(path) => read_fx(path)?,
            None => std::collections::BTreeMap::new(),
        };
        Ok(ImportOptions {
            read: self.read_options(),
            currency,
            fx,
            fx_source: self
                .fx
                .as_ref()
                .map_or_else(String::new, |p| format!("--fx {}", p.display())),
            as_of: None,
            limits: Limits::from_mb(self.max_input_mb),
            reopen: false,
        })
    }

    /// The effective ruleset and its record.
    pub fn ruleset(&self) -> anyhow::Result<(Ruleset, RulesetRecord)> {
        Ok(crate::rules::effective_ruleset(self.rules.as_deref())?)
    }
}

/// Reads an FX table: `currency,rate` rows, a header optional.
pub fn read_fx(path: &Path) -> anyhow::Result<std::collections::BTreeMap<String, f64>> {
    if !path.exists() {
        anyhow::bail!(
            "--fx {}: no such file; --fx takes a CSV file of `currency,rate` rows, one a \
             currency (a line `EUR,1.1` reads 1 EUR = 1.1 of the run currency)",
            path.display()
        );
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading --fx {}", path.display()))?;
    let mut rates = std::collections::BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split([',', ';', '\t']).map(str::trim);
        let (Some(code), Some(rate)) = (parts.next(), parts.next()) else {
            bail!(
                "{}:{}: expected `currency,rate`, found {line:?}",
                path.display(),
                i + 1
            );
        };
        match rate.parse::<f64>() {
            Ok(r) if r.is_finite() && r > 0.0 && code.len() == 3 => {
                rates.insert(code.to_ascii_uppercase(), r);
            }
            _ if i == 0 => {} // a header row
            _ => bail!(
                "{}:{}: {rate:?} is not a positive rate for {code:?}",
                path.display(),
                i + 1
            ),
        }
    }
    Ok(rates)
}
