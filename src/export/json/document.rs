//! The JSON document's shape: how a run, its portfolio, each project and
//! each rejected row are serialised. Names are stable (see `docs/json.md`);
//! numbers are at full precision, `null` where undefined; statuses are
//! lower case. Projects are serialised as they are walked, so a large
//! portfolio is never copied into a second structure.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{
    CheckId, Figures, Finding, GradedRun, InputRecord, InputUsed, ProjectScore, RejectedRow,
    Threshold,
};

/// The version of the document's shape, raised when a field changes
/// meaning (see `docs/json.md`). 2: payback and target months last through
/// the horizon; an IRR only for investment-shaped flows, with `irr_reason`.
pub(crate) const SCHEMA_VERSION: u32 = 2;

/// The document; `projects` stands in for the run's own list, so a streamed
/// run can write its projects from where they wait ([`Projects`] for a run
/// in memory).
pub(crate) struct Document<'a, P> {
    pub run: &'a GradedRun,
    pub projects: P,
    /// The folder the document is written in, for each input's
    /// `relative_path`; `None` on standard output.
    pub folder: Option<&'a Path>,
}

impl<P: Serialize> Serialize for Document<'_, P> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let run = self.run;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        map.serialize_entry("run", &RunJson::new(run, self.folder))?;
        map.serialize_entry("portfolio", &PortfolioJson::new(run))?;
        map.serialize_entry("simulation", &run.scorecard.simulation)?;
        if !run.scorecard.scenarios.is_empty() {
            map.serialize_entry(
                "scenarios",
                &super::scenarios::Summaries(&run.scorecard.scenarios),
            )?;
        }
        map.serialize_entry("projects", &self.projects)?;
        map.serialize_entry("rejected", &Rejected(&run.rejected))?;
        if let Some(missing) = &run.missing_units {
            map.serialize_entry("missing_units", missing)?;
        }
        if let Some(changes) = &run.changes {
            map.serialize_entry("changes", changes)?;
        }
        if let Some(bills) = &run.bills {
            map.serialize_entry("bills", bills)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
pub(crate) struct RunJson<'a> {
    tool: &'a str,
    version: &'a str,
    as_of: String,
    currency: &'a str,
    fx: &'a [crate::model::FxRate],
    ruleset: RulesetJson<'a>,
    inputs: Cow<'a, [InputRecord]>,
    options: &'a crate::model::ReadOptions,
    outputs: &'a crate::model::OutputRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    report_template_sha256: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bills: Option<Cow<'a, crate::model::BillsRecord>>,
}

/// The ruleset record with its canonical TOML, so a run can be re-scored
/// (`airoi verify`) even where the ruleset file is gone.
#[derive(Serialize)]
struct RulesetJson<'a> {
    #[serde(flatten)]
    record: &'a crate::model::RulesetRecord,
    toml: String,
}

impl<'a> RunJson<'a> {
    /// The run record of an output written in `folder` (`None`: standard
    /// output, or no file).
    pub(crate) fn new(graded: &'a GradedRun, folder: Option<&Path>) -> Self {
        let run = &graded.run;
        RunJson {
            tool: run.tool,
            version: run.version,
            as_of: run.as_of.format("%Y-%m-%d").to_string(),
            currency: &run.currency,
            fx: &run.fx,
            ruleset: RulesetJson {
                record: &run.ruleset,
                toml: crate::rules::canonical_toml(&graded.ruleset),
            },
            inputs: super::relative::recorded_inputs(run, folder),
            options: &run.options,
            outputs: &run.outputs,
            report_template_sha256: run.report_template_sha256.as_deref(),
            bills: super::relative::recorded_bills(run, folder),
        }
    }
}

#[derive(Serialize)]
struct PortfolioJson<'a> {
    projects: usize,
    rejected: usize,
    compute_total: f64,
    benefit_total: f64,
    ratio: Option<f64>,
    hhi: Option<f64>,
    grades: BTreeMap<&'static str, usize>,
    checks: BTreeMap<&'static str, crate::model::StatusCounts>,
    validated: usize,
    speculative: usize,
    agentic: usize,
    chatbot: usize,
    provider_mix: &'a [crate::model::Share],
}

impl<'a> PortfolioJson<'a> {
    fn new(run: &'a GradedRun) -> Self {
        let p = &run.scorecard.portfolio;
        PortfolioJson {
            projects: p.projects,
            rejected: run.rejected.len(),
            compute_total: p.compute_total,
            benefit_total: p.benefit_total,
            ratio: p.ratio,
            hhi: p.hhi,
            grades: crate::model::Grade::ALL
                .iter()
                .map(|g| (g.letter(), p.grades.get(g).copied().unwrap_or(0)))
                .collect(),
            checks: CheckId::ALL
                .iter()
                .map(|c| (c.id(), p.checks.get(c).copied().unwrap_or_default()))
                .collect(),
            validated: p.validated,
            speculative: p.speculative,
            agentic: p.agentic,
            chatbot: p.chatbot,
            provider_mix: &p.provider_mix,
        }
    }
}

/// Projects in memory, each as [`ProjectJson`].
pub(crate) struct Projects<'a>(pub &'a [ProjectScore]);

impl Serialize for Projects<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(ProjectJson))
    }
}

pub(crate) struct ProjectJson<'a>(pub &'a ProjectScore);

#[derive(Serialize)]
struct Source<'a> {
    file: &'a str,
    sheet: &'a str,
    row: u32,
}

impl Serialize for ProjectJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let score = self.0;
        let p = &score.project;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("project_id", &p.project_id)?;
        map.serialize_entry("project_name", &p.project_name)?;
        map.serialize_entry("business_unit", &p.business_unit)?;
        map.serialize_entry("stage", &p.stage)?;
        map.serialize_entry("grade", score.grade.letter())?;
        map.serialize_entry("total", &score.total)?;
        map.serialize_entry("gate", &score.gate)?;
        map.serialize_entry("phase", &score.phase)?;
        map.serialize_entry("margins", &score.margins)?;
        map.serialize_entry("simulation", &score.simulation)?;
        if !score.scenarios.is_empty() {
            map.serialize_entry("scenarios", &super::scenarios::ProjectScenarios(score))?;
        }
        map.serialize_entry(
            "source",
            &Source {
                file: &p.origin.file,
                sheet: &p.origin.sheet,
                row: p.row,
            },
        )?;
        let checks: BTreeMap<&str, FindingJson> = score
            .findings
            .iter()
            .map(|f| (f.check.id(), FindingJson(f)))
            .collect();
        map.serialize_entry("checks", &checks)?;
        map.serialize_entry("notes", &p.notes)?;
        let extra: BTreeMap<&str, &str> = p
            .extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        map.serialize_entry("extra", &extra)?;
        let review = score
            .review
            .as_ref()
            .map(|review| super::review::ReviewJson { review, project: p });
        map.serialize_entry("review", &review)?;
        map.end()
    }
}

struct FindingJson<'a>(&'a Finding);

#[derive(Serialize)]
struct Evidence<'a> {
    thresholds: &'a [Threshold],
    inputs: &'a [InputUsed],
    notes: &'a [String],
}

impl Serialize for FindingJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("status", &f.status)?;
        map.serialize_entry("score", &f.score)?;
        map.serialize_entry("verdict", &f.verdict)?;
        match &f.figures {
            Figures::Roi(r) => {
                map.serialize_entry("ratio", &r.ratio)?;
                map.serialize_entry("net_roi", &r.net_roi)?;
                map.serialize_entry("payback_month", &r.payback_month)?;
                map.serialize_entry("target_month", &r.target_month)?;
                map.serialize_entry("npv", &r.npv)?;
                map.serialize_entry("irr", &r.irr)?;
                map.serialize_entry("irr_reason", &r.irr_reason)?;
                map.serialize_entry("net_benefit", &r.net_benefit)?;
                map.serialize_entry("compute_total", &r.compute_total)?;
                map.serialize_entry("benefit_total", &r.benefit_total)?;
                map.serialize_entry("benefit_factor_needed", &r.benefit_factor_needed)?;
                map.serialize_entry("compute_factor_needed", &r.compute_factor_needed)?;
                map.serialize_entry("quantified", &r.quantified)?;
                map.serialize_entry("cash_flows_used", &r.cash_flows_used)?;
            }
            Figures::Diversification(d) => {
                map.serialize_entry("top_share", &d.top_share)?;
                map.serialize_entry("hhi", &d.hhi)?;
                map.serialize_entry("effective_providers", &d.effective_providers)?;
                map.serialize_entry("deciding", &d.deciding)?;
                let mut dims = BTreeMap::new();
                dims.insert("infrastructure", Some(&d.infrastructure));
                dims.insert("model", d.model.as_ref());
                map.serialize_entry("dimensions", &dims)?;
            }
            Figures::Agentic(a) => {
                map.serialize_entry("capabilities", &a.capabilities)?;
                map.serialize_entry("met", &a.met)?;
            }
        }
        map.serialize_entry("explanation", &f.explanation)?;
        map.serialize_entry(
            "evidence",
            &Evidence {
                thresholds: &f.thresholds,
                inputs: &f.inputs,
                notes: &f.notes,
            },
        )?;
        map.end()
    }
}

struct Rejected<'a>(&'a [RejectedRow]);

#[derive(Serialize)]
struct ProblemJson<'a> {
    file: &'a str,
    sheet: &'a str,
    row: u32,
    cell: Option<String>,
    column: Option<&'a str>,
    value: Option<&'a str>,
    message: &'a str,
}

impl Serialize for Rejected<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().flat_map(|r| {
            r.problems.iter().map(move |p| ProblemJson {
                file: &r.origin.file,
                sheet: &r.origin.sheet,
                row: r.row,
                cell: p.cell.map(crate::model::CellPos::a1),
                column: p.column.map(crate::model::FieldId::name),
                value: p.value.as_deref(),
                message: &p.message,
            })
        }))
    }
}
