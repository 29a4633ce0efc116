//! Grading as `score` and `verify` both run it: read every input, score,
//! and assemble the run with its record, handing each scored project to a
//! [`ScoredSink`] as it passes. No output is written here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use super::inputs::Expanded;
use super::sinks::{Nowhere, ScoredSink};
use crate::export::json::read_document;
use crate::export::{Silent, WriteProgress};
use crate::import::bills::{BillsOptions, ProjectAllocation, read_aggregate, read_bills};
use crate::import::{ImportOptions, Intake, IntakeSink, stream_portfolio_from};
use crate::model::{
    BilledSpend, BillsRecord, CostBasis, FileRef, FxRate, GradedRun, OutputRecord, Project,
    ProjectScore, RelativePaths, Ruleset, RulesetRecord, RunRecord, Scenario, Scorecard,
    SkippedFile,
};
use crate::rules::scenarios::ScenarioRunner;
use crate::rules::simulation::Simulator;
use crate::rules::{PortfolioAccumulator, Series, score_project_with};

/// How a run ended, which the command line maps to its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything read was scored (exit 0).
    Clean,
    /// Some rows or files were rejected, the rest scored (exit 1).
    SomeRejected,
    /// Nothing could be scored, or a usage error (exit 2).
    Failure,
}

/// Everything a run is made from.
#[derive(Debug, Clone)]
pub struct Plan {
    pub inputs: Expanded,
    pub import: ImportOptions,
    pub ruleset: Ruleset,
    pub ruleset_record: RulesetRecord,
    pub as_of: NaiveDate,
    pub expect: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub cash_flows_cap: usize,
    /// SHA-256 of a replacement report template, for the run record.
    pub report_template_sha256: Option<String>,
    /// Files read from elsewhere than the path they are recorded by (path
    /// → where it is), for `airoi verify` of a run moved since; empty for
    /// a fresh run.
    pub read_from: BTreeMap<PathBuf, PathBuf>,
    /// Where the outputs take each input's relative path from; recorded
    /// ones come in `recorded_relative`, in input order.
    pub relative_paths: RelativePaths,
    /// Each input's relative path as an earlier run recorded it.
    pub recorded_relative: Vec<Option<String>>,
    /// The cloud bills to allocate to the projects, when given.
    pub bills: Option<BillsPlan>,
    /// The scenarios every project is re-scored under, in order.
    pub scenarios: Vec<Scenario>,
}

impl Plan {
    /// Where the file recorded as `path` is read from.
    #[must_use]
    pub fn located<'a>(&'a self, path: &'a Path) -> &'a Path {
        self.read_from.get(path).map_or(path, PathBuf::as_path)
    }
}

/// The bill files of a run and how to count them.
#[derive(Debug, Clone)]
pub struct BillsPlan {
    /// The files and folders as given.
    pub paths: Vec<PathBuf>,
    /// The files, folders expanded.
    pub files: Vec<PathBuf>,
    /// Files in the folders that are not bills.
    pub skipped: Vec<SkippedFile>,
    /// Which cost column counts.
    pub basis: CostBasis,
    /// Whether `paths` is one warehouse result of the `airoi bills-sql`
    /// query (`--bills-aggregate`) rather than the bills themselves.
    pub aggregate: bool,
    /// Each file's `relative_path` as a run recorded it (path → relative),
    /// for `airoi verify` to write the record again as it was.
    pub recorded_relative: BTreeMap<String, String>,
}

/// The plan of one warehouse result of the `airoi bills-sql` query.
#[must_use]
pub fn bills_aggregate_plan(path: PathBuf, basis: CostBasis) -> BillsPlan {
    BillsPlan {
        paths: vec![path.clone()],
        files: vec![path],
        skipped: Vec::new(),
        basis,
        aggregate: true,
        recorded_relative: BTreeMap::new(),
    }
}

/// The plan of the bills given as `paths` (files or folders), expanded.
///
/// # Errors
/// A path that does not exist or a folder that cannot be listed.
pub fn bills_plan(paths: Vec<PathBuf>, basis: CostBasis) -> anyhow::Result<BillsPlan> {
    let (files, skipped) = crate::import::bills::expand_bills(&paths)?;
    Ok(BillsPlan {
        paths,
        files,
        skipped,
        basis,
        aggregate: false,
        recorded_relative: BTreeMap::new(),
    })
}

/// A finished run and the exit status it earns. Its inputs and rejected
/// rows say every problem met on the way.
pub struct Outcome {
    pub run: GradedRun,
    pub status: ExitStatus,
}

/// The record of the side file named `path`, read from `from`.
fn file_ref(path: &Path, from: &Path) -> anyhow::Result<FileRef> {
    let bytes = std::fs::read(from).with_context(|| format!("reading {}", from.display()))?;
    Ok(FileRef {
        path: path.display().to_string(),
        sha256: crate::import::portfolio::sha256_hex(&bytes),
    })
}

/// Reads, scores and assembles the run, every project kept in memory.
pub fn grade(plan: &Plan) -> anyhow::Result<Outcome> {
    grade_into(plan, usize::MAX, &mut Nowhere, &Silent)
}

/// Scores each project as the import hands it over: into the portfolio
/// figures, then to the sink; the first `keep` stay in memory.
struct Scoring<'a> {
    ruleset: &'a Ruleset,
    buffer: Series,
    portfolio: PortfolioAccumulator,
    /// The odds' draws, unless the run asks for none.
    simulator: Option<Simulator>,
    scenarios: ScenarioRunner,
    units: BTreeSet<String>,
    kept: Vec<ProjectScore>,
    keep: usize,
    scored: usize,
    sink: &'a mut dyn ScoredSink,
    progress: &'a dyn WriteProgress,
    /// The bills allocated, joined to each project before it is scored.
    bills: Option<BilledSpend>,
    as_of: NaiveDate,
}

/// Collects each project's allocation rule, before the bills are read.
struct Allocations(Vec<ProjectAllocation>);

impl IntakeSink for Allocations {
    type Error = anyhow::Error;

    fn start(&mut self, _: &str) -> anyhow::Result<()> {
        Ok(())
    }

    fn project(&mut self, project: Project) -> anyhow::Result<()> {
        self.0.push(ProjectAllocation {
            project_id: project.project_id,
            rule: project.cost_allocation,
            share: project.allocation_share,
        });
        Ok(())
    }
}

impl IntakeSink for Scoring<'_> {
    type Error = anyhow::Error;

    fn start(&mut self, currency: &str) -> anyhow::Result<()> {
        self.sink.start(currency)
    }

    fn project(&mut self, mut project: Project) -> anyhow::Result<()> {
        if let Some(bills) = &mut self.bills {
            crate::rules::join_bills(&mut project, bills, self.ruleset, self.as_of);
            if let (Some(billed), Some(actuals)) = (
                bills.per_project.get_mut(&project.project_id),
                &project.actuals,
            ) {
                billed.review.clone_from(&actuals.bills);
            }
        }
        let mut score = score_project_with(project, self.ruleset, &mut self.buffer);
        if let Some(simulator) = &mut self.simulator {
            score.simulation = simulator.project(&score);
        }
        self.scenarios.score(&mut score, self.ruleset);
        self.portfolio.add(&score);
        if let Some(unit) = score.project.business_unit.as_deref() {
            if !self.units.contains(unit) {
                self.units.insert(unit.to_string());
            }
        }
        self.scored += 1;
        self.progress.advance(1);
        if self.kept.len() < self.keep {
            self.kept.push(score.clone());
        }
        self.sink.scored(score)
    }
}

/// Reads and scores the run, handing each scored project to `sink` as it
/// passes and keeping only the first `keep` in memory (all of them when the
/// run is no bigger); returns the run with its figures, rejected rows and
/// record. `progress` counts the projects scored in the stage the caller
/// started.
pub fn grade_into(
    plan: &Plan,
    keep: usize,
    sink: &mut dyn ScoredSink,
    progress: &dyn WriteProgress,
) -> anyhow::Result<Outcome> {
    let at = |path| plan.located(path);
    let expected = match &plan.expect {
        Some(path) => {
            Some(crate::import::units::read_unit_list(at(path)).map_err(anyhow::Error::msg)?)
        }
        None => None,
    };
    let baseline = plan
        .baseline
        .as_deref()
        .map(|p| read_document(at(p)))
        .transpose()?;
    let outputs = OutputRecord {
        cash_flows_cap: plan.cash_flows_cap,
        expect: plan
            .expect
            .as_deref()
            .map(|p| file_ref(p, at(p)))
            .transpose()?,
        baseline: plan
            .baseline
            .as_deref()
            .map(|p| file_ref(p, at(p)))
            .transpose()?,
        report_projects: None,
        scenarios: plan.scenarios.iter().map(|s| s.name.clone()).collect(),
    };

    // A baseline comparison reads the whole current document: keep every project.
    let keep = if baseline.is_some() { usize::MAX } else { keep };
    let import = ImportOptions {
        as_of: Some(plan.as_of),
        ..plan.import.clone()
    };
    let billed = match &plan.bills {
        Some(bills) => Some(read_plan_bills(plan, bills, &import)?),
        None => None,
    };
    let (bills, bill_currencies) = match billed {
        Some((spend, currencies)) => (Some(spend), currencies),
        None => (None, Vec::new()),
    };
    let mut scoring = Scoring {
        ruleset: &plan.ruleset,
        buffer: Series::default(),
        portfolio: PortfolioAccumulator::new(),
        simulator: Simulator::new(&plan.ruleset),
        scenarios: ScenarioRunner::new(&plan.scenarios),
        units: BTreeSet::new(),
        kept: Vec::new(),
        keep,
        scored: 0,
        sink,
        progress,
        bills,
        as_of: plan.as_of,
    };
    let mut intake = stream_portfolio_from(
        &plan.inputs.files,
        &plan.read_from,
        &import,
        &plan.ruleset,
        &mut scoring,
    )?;
    if plan.relative_paths == RelativePaths::Recorded {
        for (input, relative) in intake.inputs.iter_mut().zip(&plan.recorded_relative) {
            input.relative_path.clone_from(relative);
        }
    }
    let missing_units = expected.as_deref().map(|units| {
        crate::import::units::missing_units(
            units,
            scoring.units.iter().map(String::as_str),
            &intake.rejected,
        )
    });
    let mut status = exit_status(scoring.scored, &intake);
    let mut fx = intake.fx_used;
    let bills = scoring.bills.take();
    if let Some(spend) = &bills {
        for code in bill_currencies {
            if let (false, Some((rate, source))) = (
                fx.iter().any(|r| r.currency == code),
                intake.fx_rates.get(&code),
            ) {
                fx.push(FxRate {
                    currency: code,
                    rate: *rate,
                    source: source.clone(),
                });
            }
        }
        fx.sort_by(|a, b| a.currency.cmp(&b.currency));
        if !spend.is_clean() && status == ExitStatus::Clean {
            status = ExitStatus::SomeRejected;
        }
    }
    let breakdown = scoring.portfolio.finish();
    let scorecard = Scorecard {
        projects: scoring.kept,
        portfolio: breakdown.portfolio,
        by_business_unit: breakdown.by_business_unit,
        by_stage: breakdown.by_stage,
        simulation: scoring.simulator.map(Simulator::finish),
        scenarios: scoring.scenarios.finish(),
    };
    let mut run = GradedRun {
        run: RunRecord {
            tool: "airoi",
            version: env!("CARGO_PKG_VERSION"),
            as_of: plan.as_of,
            currency: intake.currency,
            fx,
            ruleset: plan.ruleset_record.clone(),
            inputs: intake.inputs,
            options: plan.import.read.clone(),
            outputs,
            report_template_sha256: plan.report_template_sha256.clone(),
            relative_paths: plan.relative_paths,
            bills: bills.as_ref().map(|b| BillsRecord {
                cost_basis: b.cost_basis,
                aggregate: plan.bills.as_ref().is_some_and(|p| p.aggregate),
                paths: plan
                    .bills
                    .iter()
                    .flat_map(|p| &p.paths)
                    .map(|p| p.display().to_string())
                    .collect(),
                files: recorded_bill_files(plan, &b.files),
            }),
        },
        ruleset: plan.ruleset.clone(),
        scorecard,
        rejected: intake.rejected,
        missing_units,
        changes: None,
        bills,
    };
    if let Some(previous) = &baseline {
        let current = crate::export::json::to_value(&run)?;
        let changes =
            crate::rules::changes::compare(previous, &current).map_err(anyhow::Error::msg)?;
        run.changes = Some(changes);
    }
    Ok(Outcome { run, status })
}

/// The bill files as the run record names them: with the `relative_path`
/// a re-scored run recorded (the outputs work out a new run's from their
/// folder as they are written).
fn recorded_bill_files(
    plan: &Plan,
    files: &[crate::model::BillFile],
) -> Vec<crate::model::BillFile> {
    let recorded = plan.bills.as_ref().map(|b| &b.recorded_relative);
    files
        .iter()
        .map(|f| crate::model::BillFile {
            relative_path: recorded.and_then(|r| r.get(&f.path)).cloned(),
            ..f.clone()
        })
        .collect()
}

/// Reads the intake for each project's allocation rule, then the bills,
/// allocated to them; returns the spend and the bill currencies converted.
fn read_plan_bills(
    plan: &Plan,
    bills: &BillsPlan,
    import: &ImportOptions,
) -> anyhow::Result<(BilledSpend, Vec<String>)> {
    let mut allocations = Allocations(Vec::new());
    let intake = stream_portfolio_from(
        &plan.inputs.files,
        &plan.read_from,
        import,
        &plan.ruleset,
        &mut allocations,
    )?;
    let rates = intake
        .fx_rates
        .iter()
        .map(|(c, (r, _))| (c.clone(), *r))
        .collect();
    let options = BillsOptions {
        basis: bills.basis,
        as_of: plan.as_of,
        currency: &intake.currency,
        fx: &rates,
        ruleset: &plan.ruleset,
    };
    Ok(match (bills.aggregate, bills.files.as_slice()) {
        (true, [file]) => read_aggregate(file, plan.located(file), &allocations.0, &options)?,
        _ => read_bills(
            &bills.files,
            &plan.read_from,
            bills.skipped.clone(),
            &allocations.0,
            &options,
        )?,
    })
}

/// 0 when everything read was usable, 1 when some rows or files were
/// rejected but something was read, 2 when nothing was; `projects` is how
/// many were scored (or read, for `validate`).
#[must_use]
pub fn exit_status(projects: usize, intake: &Intake) -> ExitStatus {
    let not_whole = intake.inputs.iter().any(|i| !i.state.is_read());
    if projects == 0 {
        ExitStatus::Failure
    } else if not_whole || !intake.rejected.is_empty() {
        ExitStatus::SomeRejected
    } else {
        ExitStatus::Clean
    }
}
