//! Where scored projects go as they are scored: the [`ScoredSink`] trait,
//! and the outputs of `airoi score` written as the run streams. Every scored
//! project goes straight to the workbook's pages and the JSON and CSV
//! spools ([`RunWriter`]); once the run ends, the sheets and documents that
//! need the whole run are written, then the report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;

use crate::export::report::{self, ReportFormat};
use crate::export::{BackgroundWriter, RunWriter, Targets, WorkbookOptions, WriteProgress};
use crate::model::{GradedRun, ProjectScore, Ruleset};

/// Where scored projects go as they are scored: the output writers.
pub trait ScoredSink {
    /// Called once, before the first project, with the run currency.
    fn start(&mut self, currency: &str) -> anyhow::Result<()>;
    /// One scored project, in input order.
    fn scored(&mut self, score: ProjectScore) -> anyhow::Result<()>;
}

/// A sink that writes nothing: the run is kept in memory.
pub(crate) struct Nowhere;

impl ScoredSink for Nowhere {
    fn start(&mut self, _: &str) -> anyhow::Result<()> {
        Ok(())
    }
    fn scored(&mut self, _: ProjectScore) -> anyhow::Result<()> {
        Ok(())
    }
}

/// What `--report` and `--report-template` ask for, checked before any input is read.
pub struct ReportRequest {
    pub path: PathBuf,
    pub format: ReportFormat,
    /// The replacement template's text; `None` for the built-in one.
    pub template: Option<String>,
}

/// Where a run's outputs go.
pub struct Outputs<'a> {
    pub workbook: &'a Path,
    pub json: Option<&'a Path>,
    pub csv: Option<&'a Path>,
    pub report: Option<&'a ReportRequest>,
    pub options: WorkbookOptions,
}

/// The writer of a run's outputs, opened when the run currency is known.
pub struct Streaming<'a> {
    outputs: &'a Outputs<'a>,
    ruleset: &'a Ruleset,
    writer: Option<BackgroundWriter>,
}

impl<'a> Streaming<'a> {
    #[must_use]
    pub fn new(outputs: &'a Outputs<'a>, ruleset: &'a Ruleset) -> Self {
        Streaming {
            outputs,
            ruleset,
            writer: None,
        }
    }

    /// Writes what needs the whole run and saves every output. `run` holds
    /// the projects kept in memory (for the report); the others were
    /// written as they passed.
    pub fn finish(self, run: &Arc<GradedRun>, progress: &dyn WriteProgress) -> anyhow::Result<()> {
        let out = self.outputs;
        let writer = self
            .writer
            .context("the run ended before its outputs were opened")?
            .finish()
            .with_context(|| format!("writing {}", out.workbook.display()))?;
        let targets = Targets {
            workbook: Some(out.workbook),
            json: out.json,
            csv: out.csv,
        };
        writer
            .finish(run, &targets, progress)
            .with_context(|| format!("writing {}", out.workbook.display()))?;
        if let Some(r) = out.report {
            progress.stage("writing the report", None);
            report::write_report(run, &r.path, r.format, r.template.as_deref())
                .with_context(|| format!("writing {}", r.path.display()))?;
        }
        Ok(())
    }
}

impl ScoredSink for Streaming<'_> {
    fn start(&mut self, currency: &str) -> anyhow::Result<()> {
        let writer = RunWriter::new(
            currency,
            self.ruleset,
            &self.outputs.options,
            self.outputs.json.is_some(),
        )
        .and_then(BackgroundWriter::start)
        .context("starting the outputs")?;
        self.writer = Some(writer);
        Ok(())
    }

    fn scored(&mut self, score: ProjectScore) -> anyhow::Result<()> {
        let writer = self
            .writer
            .as_mut()
            .context("a project came before the outputs were opened")?;
        writer
            .add(score)
            .with_context(|| format!("writing {}", self.outputs.workbook.display()))?;
        Ok(())
    }
}
