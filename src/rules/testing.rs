//! Test fixtures: the spec's worked example built by hand, as the importer
//! would deliver it, and small builders for variations.

use std::sync::Arc;

use crate::model::{
    Autonomy, BenefitMetric, Field, InteractionPattern, Origin, Project, Share, ShareList,
};

/// A share list from `(provider, pct)` pairs, as read without notes.
pub(crate) fn shares(pairs: &[(&str, f64)]) -> ShareList {
    ShareList {
        shares: pairs
            .iter()
            .map(|(provider, pct)| Share {
                provider: (*provider).to_owned(),
                pct: *pct,
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// `spec/checklist.md`'s worked example, read from row 7 of `portfolio.xlsx`,
/// columns A.. in intake order; defaults where the example gives nothing.
pub(crate) fn worked_example() -> Project {
    let origin = Arc::new(Origin {
        file: "portfolio.xlsx".to_owned(),
        sheet: "Projects".to_owned(),
    });
    Project {
        project_id: "P-001".to_owned(),
        project_name: "Invoice agent".to_owned(),
        business_unit: Some("Finance".to_owned()),
        owner: None,
        stage: None,
        start_date: None,
        currency: None,
        upfront_compute_cost: Field::read(15_000.0, "15,000", 2),
        monthly_compute_cost: Field::read(10_000.0, "10,000", 3),
        compute_growth_pct: Field::default_value(0.0),
        monthly_benefit: Field::read(50_000.0, "50,000", 4),
        benefit_start_month: Field::read(2, "2", 5),
        benefit_ramp_months: Field::read(2, "2", 6),
        benefit_metric: Field::read(BenefitMetric::Efficiency, "Efficiency", 7),
        providers: Field::read(
            shares(&[("azure", 60.0), ("aws", 40.0)]),
            "azure:60; aws:40",
            8,
        ),
        model_providers: None,
        interaction_pattern: Field::read(InteractionPattern::WorkflowAgent, "workflow agent", 9),
        multi_step: Field::read(true, "yes", 10),
        stateful: Field::read(true, "yes", 11),
        systems_integrated: Field::read(3, "3", 12),
        autonomy: Field::read(Autonomy::ApproveOutcome, "approve outcome", 13),
        proprietary_data: Field::read(false, "no", 14),
        cost_allocation: None,
        allocation_share: None,
        estimates: crate::model::Estimates::default(),
        cash_flows: None,
        actuals: None,
        extra: Vec::new(),
        origin,
        row: 7,
        notes: Vec::new(),
    }
}

/// A project with flat compute and full benefit from month 1, otherwise the
/// worked example: ratio = `monthly_benefit` / `monthly_compute`.
pub(crate) fn flat(monthly_compute: f64, monthly_benefit: f64) -> Project {
    let mut p = worked_example();
    p.upfront_compute_cost = Field::default_value(0.0);
    p.monthly_compute_cost = Field::read(monthly_compute, monthly_compute.to_string(), 3);
    p.monthly_benefit = Field::read(monthly_benefit, monthly_benefit.to_string(), 4);
    p.benefit_start_month = Field::default_value(1);
    p.benefit_ramp_months = Field::default_value(0);
    p
}

/// Runs one rule on a project under a ruleset.
pub(crate) fn evaluate(
    rule: &dyn crate::rules::Rule,
    project: &Project,
    ruleset: &crate::model::Ruleset,
) -> crate::model::Finding {
    rule.evaluate(project, &crate::rules::series(project, ruleset), ruleset)
}

/// A finding as pretty JSON, for snapshots.
pub(crate) fn json(finding: &crate::model::Finding) -> String {
    serde_json::to_string_pretty(finding).unwrap_or_else(|e| e.to_string())
}
