//! Writing a run's outputs as its projects stream past, so that a million
//! projects cost a few rows of memory: each scored project goes to the
//! Scores and Findings spools (temporary files), to the Cash flows and
//! Actuals pages (constant-memory sheets) and to the JSON spool, and is then dropped.
//! When the run ends the sheets that need the whole run (Summary, Changes,
//! Rejected, Ruleset, the run record) are written, Scores and Findings are
//! written from their spools side by side on two threads, and the
//! workbook, the JSON document and the CSV are saved. [`BackgroundWriter`]
//! runs the whole writer on a thread of its own while the reading goes on.
//!
//! [`write_workbook`](super::write_workbook) and
//! [`write_json`](super::json::write_json) feed a finished in-memory run
//! through the same writer, so both paths give the same bytes.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::json::relative::output_folder;
use super::json::spool::JsonWorker;
use super::progress::WriteProgress;
use super::workbook::actuals::{self, ActualsKind};
use super::workbook::actuals_chart::Picks;
use super::workbook::cash_flows::{self, CashFlowsKind};
use super::workbook::findings::{self, FindingsKind, FindingsSpool};
use super::workbook::options::{WorkbookOptions, ZIP_LEVEL};
use super::workbook::paged::Paged;
use super::workbook::scenarios::{self, ScenarioRow};
use super::workbook::score_rows::ScoreRows;
use super::workbook::sources::{self, SourceNames};
use super::workbook::styles::Styles;
use super::workbook::summary::Streamed;
use super::workbook::{changes, run_record, scores, sheets, summary};
use super::worker::Worker;
use super::{ExportError, write_atomically};
use crate::model::{GradedRun, ProjectScore, Ruleset};

/// Where a run's outputs go.
#[derive(Debug, Clone, Copy)]
pub struct Targets<'a> {
    pub workbook: Option<&'a Path>,
    /// The JSON document; `-` is standard output.
    pub json: Option<&'a Path>,
    pub csv: Option<&'a Path>,
}

/// The outputs of one run, being written.
pub struct RunWriter {
    workbook: Workbook,
    styles: Styles,
    opts: WorkbookOptions,
    ruleset: Ruleset,
    findings: FindingsSpool,
    cash_flows: Paged<CashFlowsKind>,
    /// The Actuals pages, from the first project with an actual month.
    actuals: Option<Paged<ActualsKind>>,
    /// The projects the Actuals Chart sheet charts.
    actual_charts: Picks,
    scores: ScoreRows,
    json: Option<JsonWorker>,
    streamed: Streamed,
    /// Each project's row of the Scenarios sheet.
    scenario_rows: Vec<ScenarioRow>,
}

fn spool(spool: &'static str) -> impl Fn(std::io::Error) -> ExportError {
    move |source| ExportError::Spool { spool, source }
}

impl RunWriter {
    /// Starts the outputs of a run in `currency` under `ruleset`; `json`
    /// spools the projects for the JSON document too.
    pub fn new(
        currency: &str,
        ruleset: &Ruleset,
        opts: &WorkbookOptions,
        json: bool,
    ) -> Result<Self, ExportError> {
        let json = json
            .then(JsonWorker::start)
            .transpose()
            .map_err(ExportError::JsonSpool)?;
        let mut workbook = Workbook::new();
        workbook.set_zip_compression_level(ZIP_LEVEL);
        let styles = Styles::new(currency).aligned_top();
        styles.register(&mut workbook)?;
        Ok(RunWriter {
            workbook,
            styles,
            opts: opts.clone(),
            ruleset: ruleset.clone(),
            findings: FindingsSpool::new().map_err(spool("the Findings rows"))?,
            cash_flows: Paged::new(
                CashFlowsKind {
                    horizon: ruleset.horizon_months as usize,
                },
                &cash_flows::pages(opts),
            ),
            actuals: None,
            actual_charts: Picks::default(),
            scores: ScoreRows::new().map_err(spool("the Scores rows"))?,
            json,
            streamed: Streamed::default(),
            scenario_rows: Vec::new(),
        })
    }

    /// Writes one scored project everywhere it appears, then hands it to
    /// the JSON thread (or drops it).
    pub fn add_owned(&mut self, p: ProjectScore) -> Result<(), ExportError> {
        self.add(&p)?;
        if let Some(json) = &mut self.json {
            if json.send(p).is_err() {
                // The thread stopped on an error; finishing it reports the error.
                if let Some(worker) = self.json.take() {
                    worker.finish().map_err(ExportError::JsonSpool)?;
                }
                return Err(ExportError::Stopped("the JSON writer"));
            }
        }
        Ok(())
    }

    /// Writes one scored project into the Scores and Findings spools and the
    /// Cash flows pages (not the JSON: see [`RunWriter::add_owned`]).
    pub fn add(&mut self, p: &ProjectScore) -> Result<(), ExportError> {
        self.findings.add(p).map_err(spool("the Findings rows"))?;
        if self.streamed.projects < self.opts.cash_flows_cap {
            let (sheet, page) = self.cash_flows.next(&mut self.workbook, &self.styles)?;
            cash_flows::write_project(sheet, page, &self.styles, &self.ruleset, p)?;
        }
        if actuals::has_rows(p) {
            let paged = self.actuals.get_or_insert_with(|| {
                Paged::new(ActualsKind, &actuals::pages(&self.opts, &self.ruleset))
            });
            let (sheet, page) = paged.next(&mut self.workbook, &self.styles)?;
            if let Some(rows) = actuals::write_project(sheet, page, &self.styles, p)? {
                self.actual_charts.add(p, &sheet.name(), rows);
            }
        }
        self.scores
            .add(p, &self.ruleset)
            .map_err(spool("the Scores rows"))?;
        self.streamed.add(p);
        self.scenario_rows.extend(ScenarioRow::of(p));
        Ok(())
    }

    /// Writes the sheets that need the whole run and saves every output.
    /// `run` carries everything but the projects (its project list may be
    /// empty or a prefix; the streamed projects are what is written).
    /// `progress` is told what is being written: the Scores and Findings
    /// rows counted, then the save. The JSON document is written on its own
    /// thread while the workbook is saved.
    pub fn finish(
        mut self,
        run: &GradedRun,
        targets: &Targets,
        progress: &dyn WriteProgress,
    ) -> Result<(), ExportError> {
        let inputs: Vec<&str> = run.run.inputs.iter().map(|i| i.path.as_str()).collect();
        let json = self.json.take();
        std::thread::scope(|scope| {
            let document = scope.spawn(|| match (targets.json, json) {
                (Some(path), Some(worker)) => write_json(worker, run, path, &inputs),
                _ => Ok(()),
            });
            if let Some(path) = targets.workbook {
                // Counted in projects: the Scores and Findings sheets are
                // written at once, each reporting half of every project.
                let projects = self.findings.projects() as u64;
                progress.stage("writing the workbook", Some(projects));
                let mut workbook = std::mem::take(&mut self.workbook);
                self.assemble(&mut workbook, run, output_folder(path), progress)?;
                progress.stage("saving the workbook", None);
                write_atomically(path, &inputs, |tmp| {
                    workbook.save(tmp)?;
                    Ok(())
                })?;
            }
            if targets.json.is_some() {
                progress.stage("writing the JSON", None);
            }
            document
                .join()
                .map_err(|_| ExportError::Panicked("the JSON writer"))?
        })?;
        if let Some(path) = targets.csv {
            progress.stage("writing the CSV", None);
            scores::write_csv(&mut self.scores, run.ruleset.horizon_months, path, &inputs)?;
        }
        Ok(())
    }

    /// Adds every sheet to `workbook`, in reading order.
    fn assemble(
        &mut self,
        workbook: &mut Workbook,
        run: &GradedRun,
        folder: Option<&Path>,
        progress: &dyn WriteProgress,
    ) -> Result<(), ExportError> {
        // The pages were made by the writer's own workbook; the saved one
        // must carry the same settings (properties) and sheets in order.
        let styles = &self.styles;
        workbook.set_properties(&run_record::properties(run)?);
        summary::write(
            workbook.add_worksheet(),
            run,
            styles,
            &self.opts,
            &self.streamed,
        )?;
        if let Some(changes) = &run.changes {
            changes::write(workbook.add_worksheet(), changes, styles)?;
        }
        // Scores here and Findings on a second thread, at once: the two
        // biggest sheets. Findings' pages are made here first, as only this
        // thread may touch the workbook.
        let findings_pages = findings::pages(&self.opts);
        let mut made = (0..findings_pages.sheets(self.findings.projects()))
            .map(|_| workbook.new_worksheet_with_constant_memory())
            .collect::<Result<Vec<_>, _>>()?;
        made.reverse();
        let spool = &mut self.findings;
        let (scores, horizon, opts) = (&mut self.scores, run.ruleset.horizon_months, &self.opts);
        let (pages, findings) = std::thread::scope(|scope| {
            let findings = scope.spawn(move || {
                let mut paged = Paged::new(FindingsKind::new(), &findings_pages);
                let mut sheets = || {
                    made.pop()
                        .ok_or_else(|| ExportError::PagesMiscounted("Findings".into()))
                };
                spool.replay(
                    &mut paged,
                    &mut sheets,
                    (styles, &SourceNames::new(run)),
                    (progress, opts.progress_every),
                )?;
                paged.finish(&mut sheets, styles)
            });
            let pages = scores::write(workbook, scores, horizon, (styles, opts), progress);
            let findings = findings
                .join()
                .unwrap_or_else(|_| Err(ExportError::Panicked("the Findings writer")));
            (pages, findings)
        });
        let (pages, findings) = (pages?, findings?);
        let cash_flows = std::mem::replace(
            &mut self.cash_flows,
            Paged::new(
                CashFlowsKind {
                    horizon: self.ruleset.horizon_months as usize,
                },
                &cash_flows::pages(&self.opts),
            ),
        );
        let cash_flows = cash_flows.finish(
            &mut || Ok(workbook.new_worksheet_with_constant_memory()?),
            styles,
        )?;
        let actuals = match self.actuals.take() {
            Some(actual_pages) => actual_pages.finish(
                &mut || Ok(workbook.new_worksheet_with_constant_memory()?),
                styles,
            )?,
            None => Vec::new(),
        };
        for sheet in pages
            .into_iter()
            .chain(findings)
            .chain(cash_flows)
            .chain(actuals)
        {
            workbook.push_worksheet(sheet);
        }
        if !self.actual_charts.is_empty() {
            self.actual_charts
                .write(workbook.add_worksheet(), styles, &run.run.currency)?;
        }
        scenarios::write(workbook, run, &self.scenario_rows, styles, &self.opts)?;
        sheets::write_rejected(workbook, run, styles, &self.opts)?;
        sources::write_sources(workbook, run, styles, &self.opts)?;
        sheets::write_ruleset(workbook.add_worksheet(), run, styles)?;
        // After the sheets people and tests find by position, before the
        // hidden run record.
        if let Some(odds) = &run.scorecard.simulation {
            let points = self
                .streamed
                .projects
                .min(self.opts.chart_points_cap)
                .min(self.opts.rows_per_sheet.saturating_sub(1) as usize)
                .max(1) as u32;
            super::workbook::odds::write(
                workbook.add_worksheet(),
                run,
                odds,
                styles,
                (points, &self.streamed.first_ids, &self.streamed.first_odds),
            )?;
        }
        run_record::write_run_record(workbook.add_worksheet(), run, folder)?;
        Ok(())
    }
}

/// A [`RunWriter`] on its own thread: the reader goes on
/// reading and scoring while the workbook's rows of the projects before are
/// written, and the JSON thread serialises them after that.
pub struct BackgroundWriter(Option<Worker<ProjectScore, RunWriter, ExportError>>);

impl BackgroundWriter {
    /// Moves `writer` onto its own thread.
    ///
    /// # Errors
    /// [`ExportError::ThreadStart`] when no thread can be started.
    pub fn start(writer: RunWriter) -> Result<Self, ExportError> {
        let worker = Worker::start("airoi-workbook", writer, |w: &mut RunWriter, p| {
            w.add_owned(p)
        })
        .map_err(|source| ExportError::ThreadStart {
            thread: "the workbook writer",
            source,
        })?;
        Ok(BackgroundWriter(Some(worker)))
    }

    /// Hands over the next scored project.
    ///
    /// # Errors
    /// Whatever stopped the writer, once it has stopped.
    pub fn add(&mut self, p: ProjectScore) -> Result<(), ExportError> {
        let Some(worker) = &mut self.0 else {
            return Err(stopped());
        };
        if worker.send(p).is_ok() {
            return Ok(());
        }
        match self.0.take().map(|w| w.finish(stopped)) {
            Some(Err(err)) => Err(err),
            _ => Err(stopped()),
        }
    }

    /// Waits for every project handed over to be written and returns the
    /// writer, to [`RunWriter::finish`] the run.
    ///
    /// # Errors
    /// Whatever stopped the writer.
    pub fn finish(mut self) -> Result<RunWriter, ExportError> {
        self.0.take().ok_or_else(stopped)?.finish(stopped)
    }
}

fn stopped() -> ExportError {
    ExportError::Stopped("the workbook writer")
}

/// Finishes the JSON thread and writes the document to `path` (`-` is
/// standard output), atomically, never over an input.
fn write_json(
    worker: JsonWorker,
    run: &GradedRun,
    path: &Path,
    inputs: &[&str],
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut spool = worker.finish().map_err(io)?;
    let folder = output_folder(path);
    if folder.is_none() {
        let mut out = std::io::stdout().lock();
        return spool.write_document(run, None, &mut out).map_err(io);
    }
    write_atomically(path, inputs, |tmp| {
        let mut file = std::fs::File::create(tmp).map_err(io)?;
        spool.write_document(run, folder, &mut file).map_err(io)
    })
}
