//! The executive summary's view: portfolio figures, the grade distribution,
//! the checks' pass/warn/fail counts, the provider mix, business units and
//! the largest risks ranked by compute spend.
//!
//! The risk lists are the scorecard's own verdicts (roi not passed,
//! diversification warned or failed, agentic failed), ordered by the
//! project's compute over the horizon; the portfolio's provider
//! concentration is read against the same thresholds the diversification
//! check uses, so "concentrated" means one thing throughout the report.

use serde::Serialize;

use crate::format;
use crate::model::{
    CheckId, Figures, Grade, GradedRun, PortfolioFigures, ProjectScore, ProviderDimension, Status,
    StatusCounts,
};
use crate::rules::checks::diversification;

/// Projects listed at most under each risk; the rest are counted.
pub const RISKS_LISTED: usize = 10;

/// The executive summary.
#[derive(Debug, Serialize)]
pub struct SummaryView {
    pub projects: usize,
    pub rejected_rows: usize,
    pub compute_total: String,
    pub benefit_total: String,
    /// Portfolio benefit : compute over the horizon, `n/a` without compute.
    pub ratio: String,
    pub validated: usize,
    pub speculative: usize,
    pub agentic: usize,
    pub chatbot: usize,
    /// Projects whose agentic check warns.
    pub transitional: usize,
    pub concentration: Concentration,
    pub grades: Vec<GradeCount>,
    pub checks: Vec<CheckCount>,
    pub provider_mix: Vec<ShareView>,
    pub business_units: Vec<SliceView>,
    pub risks: Vec<RiskList>,
    /// The projects whose grade is fragile: `2: MKT-004, OPS-002`, the
    /// first few named; `none` when no grade is.
    pub fragile: String,
}

/// The portfolio's own provider concentration.
#[derive(Debug, Serialize)]
pub struct Concentration {
    /// HHI of the compute-weighted infrastructure shares, `n/a` without compute.
    pub hhi: String,
    pub hhi_raw: Option<f64>,
    pub top_provider: String,
    pub top_share: String,
    /// `pass`, `warn` or `fail` against the diversification thresholds.
    pub status: &'static str,
    /// `Diversified`, `Concentrated` or `Single-source`.
    pub verdict: &'static str,
}

#[derive(Debug, Serialize)]
pub struct GradeCount {
    pub grade: &'static str,
    pub count: usize,
    pub share: String,
}

#[derive(Debug, Serialize)]
pub struct CheckCount {
    pub id: &'static str,
    pub title: &'static str,
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
}

#[derive(Debug, Serialize)]
pub struct ShareView {
    pub provider: String,
    pub share: String,
    pub share_raw: f64,
}

/// One business unit's figures.
#[derive(Debug, Serialize)]
pub struct SliceView {
    pub name: String,
    pub projects: usize,
    pub compute_total: String,
    pub benefit_total: String,
    pub ratio: String,
    pub validated: usize,
    /// `A 1 · B 0 · ...`
    pub grades: String,
}

/// One kind of risk, its largest projects by compute spend first.
#[derive(Debug, Serialize)]
pub struct RiskList {
    pub id: &'static str,
    pub title: &'static str,
    /// What puts a project on this list.
    pub criterion: String,
    /// Column title for `detail`.
    pub detail_title: &'static str,
    pub items: Vec<RiskItem>,
    /// Projects on the list in all.
    pub total: usize,
    /// Projects on the list beyond those shown.
    pub more: usize,
}

#[derive(Debug, Serialize)]
pub struct RiskItem {
    pub rank: usize,
    pub id: String,
    pub name: String,
    /// Index into the report's project sections, 1-based (for links).
    pub number: usize,
    pub compute: String,
    pub compute_raw: f64,
    pub verdict: String,
    pub detail: String,
    pub grade: &'static str,
}

/// Builds the executive summary of a run.
pub fn summary_view(run: &GradedRun) -> SummaryView {
    let p = &run.scorecard.portfolio;
    let counts = |check| p.checks.get(&check).copied().unwrap_or_default();
    SummaryView {
        projects: p.projects,
        rejected_rows: run.rejected.len(),
        compute_total: format::money(p.compute_total),
        benefit_total: format::money(p.benefit_total),
        ratio: ratio(p.ratio),
        validated: p.validated,
        speculative: p.speculative,
        agentic: p.agentic,
        chatbot: p.chatbot,
        transitional: counts(CheckId::Agentic).warn,
        concentration: concentration(run, p),
        grades: Grade::ALL
            .iter()
            .map(|g| {
                let count = p.grades.get(g).copied().unwrap_or(0);
                GradeCount {
                    grade: g.letter(),
                    count,
                    share: share(count, p.projects),
                }
            })
            .collect(),
        checks: CheckId::ALL
            .iter()
            .map(|c| {
                let StatusCounts { pass, warn, fail } = counts(*c);
                CheckCount {
                    id: c.id(),
                    title: c.title(),
                    pass,
                    warn,
                    fail,
                }
            })
            .collect(),
        provider_mix: p
            .provider_mix
            .iter()
            .map(|s| ShareView {
                provider: run
                    .ruleset
                    .provider_label(ProviderDimension::Infrastructure, &s.provider)
                    .to_owned(),
                share: format::pct(round2(s.pct)),
                share_raw: s.pct,
            })
            .collect(),
        business_units: run
            .scorecard
            .by_business_unit
            .iter()
            .map(|(name, f)| slice(name, f))
            .collect(),
        risks: risks(run),
        fragile: fragile(run),
    }
}

/// Fragile projects named in the summary at most; the rest are counted.
const FRAGILE_NAMED: usize = 12;

/// The count of fragile projects and their ids, in the report's order.
fn fragile(run: &GradedRun) -> String {
    let ids: Vec<&str> = run
        .scorecard
        .projects
        .iter()
        .filter(|p| p.margins.fragile.is)
        .map(|p| p.project.project_id.as_str())
        .collect();
    if ids.is_empty() {
        return "none".into();
    }
    format!(
        "{}: {}",
        ids.len(),
        crate::format::first_named(&ids, FRAGILE_NAMED)
    )
}

fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "n/a".into(), |r| format::ratio(r, 2))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn share(count: usize, of: usize) -> String {
    if of == 0 {
        return "0%".into();
    }
    format::pct((count as f64 / of as f64 * 1000.0).round() / 10.0)
}

fn concentration(run: &GradedRun, p: &PortfolioFigures) -> Concentration {
    let top = p.provider_mix.first();
    let top_share = top.map_or(0.0, |s| s.pct);
    let r = &run.ruleset;
    let status = if p.hhi.is_none() {
        Status::Pass
    } else {
        diversification::concentration(top_share, r)
    };
    Concentration {
        hhi: p.hhi.map_or_else(|| "n/a".into(), |h| format::number(h, 0)),
        hhi_raw: p.hhi,
        top_provider: top.map_or_else(
            || "none".into(),
            |s| {
                r.provider_label(ProviderDimension::Infrastructure, &s.provider)
                    .to_owned()
            },
        ),
        top_share: format::pct(round2(top_share)),
        status: status.word(),
        verdict: diversification::verdict(status),
    }
}

fn slice(name: &str, f: &PortfolioFigures) -> SliceView {
    let grades: Vec<String> = Grade::ALL
        .iter()
        .map(|g| format!("{} {}", g.letter(), f.grades.get(g).copied().unwrap_or(0)))
        .collect();
    SliceView {
        name: name.to_owned(),
        projects: f.projects,
        compute_total: format::money(f.compute_total),
        benefit_total: format::money(f.benefit_total),
        ratio: ratio(f.ratio),
        validated: f.validated,
        grades: grades.join(" · "),
    }
}

/// Compute over the horizon, as the ROI check summed it.
fn compute_of(score: &ProjectScore) -> f64 {
    match &score.finding(CheckId::Roi).figures {
        Figures::Roi(r) => r.compute_total,
        _ => 0.0,
    }
}

fn risks(run: &GradedRun) -> Vec<RiskList> {
    let r = &run.ruleset;
    let target = format::target(r.target_ratio);
    vec![
        risk_list(
            run,
            ("speculative", "Speculative projects", "Return ratio"),
            format!(
                "the ROI check did not pass: no quantified {target} return on compute within \
                 {} months",
                r.horizon_months
            ),
            CheckId::Roi,
            |f| match &f.figures {
                Figures::Roi(roi) => roi
                    .ratio
                    .map_or_else(|| "no compute given".into(), |x| format::ratio(x, 2)),
                _ => String::new(),
            },
        ),
        risk_list(
            run,
            (
                "concentrated",
                "Single-source and concentrated infrastructure",
                "Largest provider",
            ),
            format!(
                "one provider holds more than {} of the workload ({} or more is single-source)",
                format::pct(r.concentrated_pct),
                format::pct(r.single_source_pct)
            ),
            CheckId::Diversification,
            |f| match &f.figures {
                Figures::Diversification(d) => {
                    let (dim, dimension) = match (&d.model, d.deciding) {
                        (Some(m), "model") => (m, ProviderDimension::ModelVendor),
                        _ => (&d.infrastructure, ProviderDimension::Infrastructure),
                    };
                    format!(
                        "{} {} ({})",
                        r.provider_label(dimension, &dim.top_provider),
                        format::pct(round2(dim.top_share)),
                        d.deciding
                    )
                }
                _ => String::new(),
            },
        ),
        risk_list(
            run,
            ("chatbots", "Chatbots", "Agent capabilities"),
            format!(
                "the agentic check failed: {} or fewer agent capabilities, or query-response \
                 without multi-step processes",
                r.chatbot_max_capabilities
            ),
            CheckId::Agentic,
            |f| match &f.figures {
                Figures::Agentic(a) => format!("{} of 5", a.capabilities),
                _ => String::new(),
            },
        ),
    ]
}

fn risk_list(
    run: &GradedRun,
    (id, title, detail_title): (&'static str, &'static str, &'static str),
    criterion: String,
    check: CheckId,
    detail: impl Fn(&crate::model::Finding) -> String,
) -> RiskList {
    let mut at_risk: Vec<(usize, &ProjectScore)> = run
        .scorecard
        .projects
        .iter()
        .enumerate()
        // A transitional project is not yet an agent but no longer a chatbot:
        // only the agentic check's failures are chatbots.
        .filter(|(_, s)| match s.finding(check).status {
            Status::Pass => false,
            Status::Warn => check != CheckId::Agentic,
            Status::Fail => true,
        })
        .collect();
    // Largest spend first; input order breaks ties, so the order is stable.
    at_risk.sort_by(|a, b| {
        compute_of(b.1)
            .total_cmp(&compute_of(a.1))
            .then(a.0.cmp(&b.0))
    });
    let total = at_risk.len();
    let items = at_risk
        .into_iter()
        .take(RISKS_LISTED)
        .enumerate()
        .map(|(rank, (index, s))| {
            let f = s.finding(check);
            RiskItem {
                rank: rank + 1,
                id: s.project.project_id.clone(),
                name: s.project.project_name.clone(),
                number: index + 1,
                compute: format::money(compute_of(s)),
                compute_raw: compute_of(s),
                verdict: f.verdict.clone(),
                detail: detail(f),
                grade: s.grade.letter(),
            }
        })
        .collect();
    RiskList {
        id,
        title,
        criterion,
        detail_title,
        total,
        more: total.saturating_sub(RISKS_LISTED),
        items,
    }
}
