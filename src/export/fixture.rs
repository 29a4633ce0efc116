//! A hand-built graded run for the exporters' tests: four projects covering
//! pass, warn and fail on every check, a gate that capped a grade, explicit
//! cash flows, unknown input columns, hostile text and a rejected row.
//!
//! The roi figures are summed from `rules::series` so the Cash flows sheet's
//! formulas have a consistent scorecard to agree with.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

pub use super::fixture_checks::ruleset;
use super::fixture_checks::{agentic, dimension, diversification, roi};
use crate::model::{
    Autonomy, BenefitMetric, CellPos, Field, FieldId, Figures, Finding, GateApplied, Grade,
    GradedRun, InputRecord, InputState, InteractionPattern, MonthFlow, Origin, Phase,
    PortfolioFigures, Problem, Project, ProjectScore, ReadOptions, RejectedRow, Ruleset,
    RulesetRecord, RunRecord, Scorecard, Share, ShareList, SourceCell, Stage, Status,
};

fn origin() -> Arc<Origin> {
    Arc::new(Origin {
        file: "finance.xlsx".into(),
        sheet: "Projects".into(),
    })
}

/// One month of explicit cash flows.
pub fn flow(month: u32, compute: f64, benefit: f64) -> MonthFlow {
    MonthFlow {
        month,
        compute,
        benefit,
        source: SourceCell {
            origin: origin(),
            pos: CellPos {
                row: month + 1,
                col: 2,
            },
        },
    }
}

fn shares(list: &[(&str, f64)], col: u32) -> Field<ShareList> {
    let shares = list
        .iter()
        .map(|(p, pct)| Share {
            provider: (*p).to_string(),
            pct: *pct,
        })
        .collect();
    let raw: Vec<String> = list.iter().map(|(p, pct)| format!("{p}:{pct}")).collect();
    Field::read(
        ShareList {
            shares,
            notes: Vec::new(),
        },
        raw.join("; "),
        col,
    )
}

/// The spec's worked example project (roi 4.10x, HHI 5,200, k = 4).
pub fn worked_example() -> Project {
    Project {
        project_id: "FIN-001".into(),
        project_name: "Invoice matching agent".into(),
        business_unit: Some("Finance".into()),
        owner: Some("A. Moreau".into()),
        stage: Some(Stage::Production),
        start_date: NaiveDate::from_ymd_opt(2026, 1, 1),
        currency: None,
        upfront_compute_cost: Field::read(15_000.0, "15,000", 7),
        monthly_compute_cost: Field::read(10_000.0, "10000", 8),
        compute_growth_pct: Field::default_value(0.0),
        monthly_benefit: Field::read(50_000.0, "$50k", 10),
        benefit_start_month: Field::read(2, "2", 11),
        benefit_ramp_months: Field::read(2, "2", 12),
        benefit_metric: Field::read(BenefitMetric::Efficiency, "Efficiency", 13),
        providers: shares(&[("azure", 60.0), ("aws", 40.0)], 14),
        model_providers: None,
        interaction_pattern: Field::read(InteractionPattern::WorkflowAgent, "workflow agent", 16),
        multi_step: Field::read(true, "yes", 17),
        stateful: Field::read(true, "yes", 18),
        systems_integrated: Field::read(3, "3", 19),
        autonomy: Field::read(Autonomy::ApproveOutcome, "approve_outcome", 20),
        proprietary_data: Field::read(false, "no", 21),
        cost_allocation: None,
        allocation_share: None,
        estimates: crate::model::Estimates::default(),
        cash_flows: None,
        actuals: None,
        extra: vec![
            ("Cost Centre".into(), "CC-100".into()),
            ("Notes".into(), "-renewal due in Q3".into()),
        ],
        origin: origin(),
        row: 2,
        notes: Vec::new(),
    }
}

fn score(project: Project, findings: [Finding; 3], total: f64, grade: Grade) -> ProjectScore {
    let phase = if findings[0].status == Status::Pass {
        Phase::Validated
    } else {
        Phase::Speculative
    };
    ProjectScore {
        simulation: None,
        margins: crate::rules::margins::margins(
            &crate::rules::series(&project, &ruleset()),
            &project,
            &findings[0],
            total,
            &ruleset(),
        ),
        project,
        findings,
        total,
        grade,
        gate: None,
        phase,
        review: None,
        scenarios: Vec::new(),
    }
}

/// The four scored projects.
pub fn projects(ruleset: &Ruleset) -> Vec<ProjectScore> {
    let fin = worked_example();
    let f1 = [
        roi(&fin, ruleset, Status::Pass, 100.0, "Quantified 3:1"),
        diversification(
            &dimension(("azure", 60.0), 5200.0, Status::Pass, 96.0),
            None,
        ),
        agentic(
            Status::Pass,
            &[
                FieldId::MultiStep,
                FieldId::Stateful,
                FieldId::SystemsIntegrated,
                FieldId::Autonomy,
            ],
        ),
    ];
    let mut ops = worked_example();
    ops.project_id = "OPS-014".into();
    ops.project_name = "=HYPERLINK(\"http://x\",\"Policy Q&A\")".into();
    ops.business_unit = Some("Operations".into());
    ops.stage = Some(Stage::Pilot);
    ops.row = 3;
    ops.benefit_metric = Field::read(BenefitMetric::UserCount, "user count", 13);
    ops.providers = shares(&[("aws", 100.0)], 14);
    ops.interaction_pattern = Field::read(InteractionPattern::QueryResponse, "chatbot", 16);
    ops.extra = vec![("Cost Centre".into(), "+CC-200".into())];
    let f2 = [
        roi(&ops, ruleset, Status::Fail, 0.0, "Not quantifiable"),
        diversification(
            &dimension(("aws", 100.0), 10_000.0, Status::Fail, 0.0),
            None,
        ),
        agentic(Status::Fail, &[]),
    ];
    let mut hr = worked_example();
    hr.project_id = "HR-003".into();
    hr.project_name = "Recruiting screening agent".into();
    hr.business_unit = Some("People".into());
    hr.row = 4;
    hr.monthly_benefit = Field::read(30_000.0, "30000", 10);
    hr.extra = Vec::new();
    let f3 = [
        roi(&hr, ruleset, Status::Warn, 82.1, "Below 3:1"),
        diversification(&dimension(("gcp", 50.0), 5000.0, Status::Pass, 100.0), None),
        agentic(
            Status::Pass,
            &[
                FieldId::MultiStep,
                FieldId::Stateful,
                FieldId::SystemsIntegrated,
            ],
        ),
    ];
    let mut mkt = worked_example();
    mkt.project_id = "MKT-022".into();
    mkt.project_name = "Campaign copy drafting".into();
    mkt.business_unit = Some("Marketing".into());
    mkt.stage = None;
    mkt.row = 5;
    mkt.cash_flows = Some((1..=18).map(|m| flow(m, 8_000.0, 12_000.0)).collect());
    mkt.extra = vec![("Sponsor".into(), "@cfo".into())];
    let f4 = [
        roi(&mkt, ruleset, Status::Fail, 50.0, "Below 2:1"),
        diversification(
            &dimension(("azure", 80.0), 6800.0, Status::Warn, 64.0),
            Some(&dimension(("openai", 100.0), 10_000.0, Status::Fail, 0.0)),
        ),
        agentic(Status::Warn, &[FieldId::Stateful, FieldId::ProprietaryData]),
    ];
    let mut hr_score = score(hr, f3, 86.1, Grade::B);
    hr_score.gate = Some(GateApplied {
        key: "max_grade_if_warn",
        from: Grade::A,
        to: Grade::B,
    });
    vec![
        score(fin, f1, 94.0, Grade::A),
        score(ops, f2, 0.0, Grade::F),
        hr_score,
        score(mkt, f4, 35.0, Grade::F),
    ]
}

fn portfolio(projects: &[ProjectScore]) -> PortfolioFigures {
    let mut figures = PortfolioFigures {
        projects: projects.len(),
        hhi: Some(4_100.0),
        provider_mix: vec![
            Share {
                provider: "azure".into(),
                pct: 55.0,
            },
            Share {
                provider: "aws".into(),
                pct: 30.0,
            },
            Share {
                provider: "gcp".into(),
                pct: 15.0,
            },
        ],
        ..PortfolioFigures::default()
    };
    for p in projects {
        if let Figures::Roi(r) = &p.findings[0].figures {
            figures.compute_total += r.compute_total;
            figures.benefit_total += r.benefit_total;
        }
        *figures.grades.entry(p.grade).or_default() += 1;
        for f in &p.findings {
            figures.checks.entry(f.check).or_default().add(f.status);
        }
    }
    figures.ratio = Some(figures.benefit_total / figures.compute_total);
    figures.validated = 1;
    figures.speculative = 3;
    figures.agentic = 2;
    figures.chatbot = 1;
    figures
}

/// The rejected row: two bad cells in row 6 of finance.xlsx.
pub fn rejected() -> RejectedRow {
    RejectedRow {
        origin: origin(),
        row: 6,
        problems: vec![
            Problem {
                cell: Some(CellPos { row: 6, col: 8 }),
                column: Some(FieldId::MonthlyComputeCost),
                value: Some("twelve".into()),
                message: "expected an amount of money, found \"twelve\"".into(),
            },
            Problem {
                cell: Some(CellPos { row: 6, col: 14 }),
                column: Some(FieldId::Providers),
                value: Some(String::new()),
                message: "required field is empty".into(),
            },
        ],
        values: vec![
            ("Project ID".into(), "FIN-009".into()),
            ("Monthly Compute Cost".into(), "twelve".into()),
            ("Comment".into(), "=1+1".into()),
        ],
    }
}

fn input(path: &str, format: &str) -> InputRecord {
    InputRecord {
        path: path.into(),
        relative_path: None,
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
        format: Some(format.into()),
        sheets: vec!["Projects".into()],
        rows_read: 5,
        projects: 4,
        rejected: 1,
        skipped: 0,
        cash_flow_rows: 18,
        state: InputState::Read,
        notes: Vec::new(),
        tables: Vec::new(),
    }
}

/// The whole run: four projects, one rejected row, as of 2026-03-31.
pub fn graded_run() -> GradedRun {
    let ruleset = ruleset();
    let projects = projects(&ruleset);
    let portfolio = portfolio(&projects);
    let mut by_business_unit = BTreeMap::new();
    for p in &projects {
        let unit = p.project.business_unit.clone().unwrap_or_default();
        by_business_unit.insert(unit, self::portfolio(std::slice::from_ref(p)));
    }
    let mut by_stage = BTreeMap::new();
    by_stage.insert(Some(Stage::Production), self::portfolio(&projects[..1]));
    by_stage.insert(None, self::portfolio(&projects[1..]));
    GradedRun {
        run: RunRecord {
            fx: Vec::new(),
            outputs: crate::model::OutputRecord::default(),
            relative_paths: crate::model::RelativePaths::FromOutput,
            tool: "airoi",
            version: "0.1.0",
            as_of: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
            currency: "USD".into(),
            ruleset: RulesetRecord {
                name: "default".into(),
                sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into(),
                overrides: Vec::new(),
                path: None,
            },
            inputs: vec![input("finance.xlsx", "xlsx")],
            options: ReadOptions::default(),
            report_template_sha256: None,
            bills: None,
        },
        ruleset,
        scorecard: Scorecard {
            projects,
            portfolio,
            by_business_unit,
            by_stage,
            simulation: None,
            scenarios: Vec::new(),
        },
        rejected: vec![rejected()],
        missing_units: None,
        changes: None,
        bills: None,
    }
}
