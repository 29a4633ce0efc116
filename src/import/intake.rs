//! What a run's import is given and gives back: the options read from the
//! command line, the intake (projects, rejected rows, a record of each
//! input), and the sink that takes projects as they are read.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::limits::Limits;
use crate::model::{FxRate, InputRecord, Project, ReadOptions, RejectedRow};

/// How to read the inputs of a run.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// How values are read: decimal commas, date order, the projects sheet.
    pub read: ReadOptions,
    /// Run currency given on the command line; otherwise the first input's
    /// Settings sheet decides, else USD.
    pub currency: Option<String>,
    /// Rates given on the command line (`--fx`), by currency code.
    pub fx: BTreeMap<String, f64>,
    /// Where those rates came from (`--fx rates.csv`), recorded beside every
    /// rate the run uses; empty when none were given.
    pub fx_source: String,
    /// The run's as-of date: the month 1 of a project without a start
    /// date, for cash-flow months written as dates; today when not given.
    pub as_of: Option<NaiveDate>,
    /// How much one input may cost (`--max-input-mb`).
    pub limits: Limits,
    /// Reopen every file for the second pass, as a run whose inputs are too
    /// big to keep open does (for tests of that path).
    #[doc(hidden)]
    pub reopen: bool,
}

/// What the inputs held.
#[derive(Debug, Clone, Default)]
pub struct Intake {
    /// Projects ready to score, in input order.
    pub projects: Vec<Project>,
    /// Rows that cannot be scored, in input order.
    pub rejected: Vec<RejectedRow>,
    /// One record per input, in the order given.
    pub inputs: Vec<InputRecord>,
    /// The run currency.
    pub currency: String,
    /// Rates used to convert rows, by currency.
    pub fx_used: Vec<FxRate>,
    /// Every rate the run knows (`--fx` and Settings sheets), by currency,
    /// with where it came from: for money read after the intake (bills).
    pub fx_rates: BTreeMap<String, (f64, String)>,
}

/// Where the projects of a run go as they are read, in input order.
pub trait IntakeSink {
    /// What stops the run (a full disk while writing outputs).
    type Error;
    /// Called once, before the first project, with the run currency.
    fn start(&mut self, currency: &str) -> Result<(), Self::Error>;
    /// One project, merged across inputs and ready to score.
    fn project(&mut self, project: Project) -> Result<(), Self::Error>;
}

/// Collects the projects in memory.
pub(super) struct Collect(pub(super) Vec<Project>);

impl IntakeSink for Collect {
    type Error = std::convert::Infallible;
    fn start(&mut self, _: &str) -> Result<(), Self::Error> {
        Ok(())
    }
    fn project(&mut self, project: Project) -> Result<(), Self::Error> {
        self.0.push(project);
        Ok(())
    }
}
