//! The fixture's rulesets and check findings: the default ruleset of the
//! spec, and builders for the three checks' findings whose roi figures are
//! summed from `rules::series`, so the Cash flows sheet has consistent
//! numbers to agree with.

use crate::model::{
    AgenticFigures, CheckId, DimensionFigures, DiversificationFigures, FieldId, Figures, Finding,
    Gates, Grade, GradeBands, InputUsed, KnownProvider, Project, ProviderTable, RoiFigures,
    Ruleset, Status, Threshold, Weights,
};
use crate::rules::series;

/// The default ruleset of the spec.
pub fn ruleset() -> Ruleset {
    Ruleset {
        name: "default".into(),
        horizon_months: 18,
        lookahead_months: 60,
        target_ratio: 3.0,
        warn_ratio: 2.0,
        discount_rate: 0.10,
        single_source_pct: 95.0,
        concentrated_pct: 75.0,
        share_tolerance: 1.0,
        systems_min: 2,
        agent_min_capabilities: 3,
        chatbot_max_capabilities: 1,
        reforecast: crate::model::Reforecast::Plan,
        weights: Weights {
            roi: 0.5,
            diversification: 0.25,
            agentic: 0.25,
        },
        grade_bands: GradeBands {
            a: 85.0,
            b: 70.0,
            c: 55.0,
            d: 40.0,
        },
        gates: Gates {
            max_grade_if_fail: Grade::C,
            max_grade_if_warn: Grade::B,
        },
        confidence: crate::model::Confidence {
            fragile_move_pct: 15.0,
            fragile_band_points: 2.0,
            tornado_delay_months: 3,
            tornado_growth_points: 1.0,
        },
        simulation: crate::rules::default_ruleset().simulation,
        scenarios: Vec::new(),
        fiscal_year_start_month: 1,
        bills: crate::rules::default_ruleset().bills,
        providers: [
            ("aws", "AWS", "amazon web services"),
            ("azure", "Azure", "microsoft azure"),
        ]
        .into_iter()
        .map(|(id, label, alias)| {
            (
                id.to_string(),
                KnownProvider {
                    label: label.to_string(),
                    aliases: vec![alias.to_string()],
                },
            )
        })
        .collect(),
        model_providers: ProviderTable::new(),
    }
}

pub fn roi(
    project: &Project,
    ruleset: &Ruleset,
    status: Status,
    score: f64,
    verdict: &str,
) -> Finding {
    let s = series(project, ruleset);
    let h = ruleset.horizon_months as usize;
    let compute: f64 = s.compute[..h].iter().sum();
    let benefit: f64 = s.benefit[..h].iter().sum();
    let ratio = (compute > 0.0).then(|| benefit / compute);
    let figures = RoiFigures {
        ratio,
        net_roi: ratio.map(|r| r - 1.0),
        payback_month: Some(3),
        target_month: None,
        npv: (benefit - compute) * 0.9,
        irr: Some(0.42),
        irr_reason: None,
        net_benefit: benefit - compute,
        compute_total: compute,
        benefit_total: benefit,
        benefit_factor_needed: ratio.map(|r| 3.0 / r),
        compute_factor_needed: ratio.map(|r| r / 3.0),
        quantified: project.benefit_metric.value.is_quantified(),
        cash_flows_used: project.cash_flows.is_some(),
    };
    let input = |field: FieldId, value: f64, col: Option<u32>| InputUsed {
        field: field.name(),
        value: format!("{value}"),
        raw: col.map(|_| format!("{value}")),
        cell: project.cell(col),
    };
    Finding {
        check: CheckId::Roi,
        status,
        score,
        verdict: verdict.into(),
        figures: Figures::Roi(figures),
        thresholds: vec![
            Threshold {
                key: "target_ratio",
                value: 3.0,
            },
            Threshold {
                key: "warn_ratio",
                value: 2.0,
            },
        ],
        inputs: vec![
            input(
                FieldId::MonthlyComputeCost,
                project.monthly_compute_cost.value,
                project.monthly_compute_cost.col,
            ),
            input(
                FieldId::ComputeGrowthPct,
                project.compute_growth_pct.value,
                project.compute_growth_pct.col,
            ),
        ],
        notes: Vec::new(),
        explanation: format!(
            "Return {} over 18 months against a target of 3.00x.",
            ratio.map_or("not assessable".to_string(), |r| format!("{r:.2}x"))
        ),
    }
}

pub fn dimension(top: (&str, f64), hhi: f64, status: Status, score: f64) -> DimensionFigures {
    DimensionFigures {
        top_provider: top.0.into(),
        top_share: top.1,
        hhi,
        effective_providers: 10_000.0 / hhi,
        status,
        score,
    }
}

pub fn diversification(infra: &DimensionFigures, model: Option<&DimensionFigures>) -> Finding {
    let deciding = model.filter(|m| (m.status, m.score) < (infra.status, infra.score));
    let (status, score, verdict, name) = match deciding {
        Some(m) => (m.status, m.score, m.top_share, "model"),
        None => (infra.status, infra.score, infra.top_share, "infrastructure"),
    };
    let dim = deciding.unwrap_or(infra);
    Finding {
        check: CheckId::Diversification,
        status,
        score,
        verdict: match status {
            Status::Pass => "Diversified",
            Status::Warn => "Concentrated",
            Status::Fail => "Single-source",
        }
        .into(),
        figures: Figures::Diversification(DiversificationFigures {
            top_share: verdict,
            hhi: dim.hhi,
            effective_providers: dim.effective_providers,
            deciding: name,
            infrastructure: infra.clone(),
            model: model.cloned(),
        }),
        thresholds: vec![
            Threshold {
                key: "single_source_pct",
                value: 95.0,
            },
            Threshold {
                key: "concentrated_pct",
                value: 75.0,
            },
        ],
        inputs: Vec::new(),
        notes: Vec::new(),
        explanation: format!("Top provider {} holds {verdict}%.", dim.top_provider),
    }
}

pub fn agentic(status: Status, met: &[FieldId]) -> Finding {
    Finding {
        check: CheckId::Agentic,
        status,
        score: 20.0 * met.len() as f64,
        verdict: match status {
            Status::Pass => "Agent",
            Status::Warn => "Transitional",
            Status::Fail => "Chatbot (lagging)",
        }
        .into(),
        figures: Figures::Agentic(AgenticFigures {
            capabilities: met.len() as u32,
            met: met.to_vec(),
        }),
        thresholds: vec![Threshold {
            key: "agent_min_capabilities",
            value: 3.0,
        }],
        inputs: Vec::new(),
        notes: Vec::new(),
        explanation: format!("{} of 5 capabilities met.", met.len()),
    }
}
