//! Property tests of the arithmetic: scores stay in range, the ratio and the
//! roi score rise with benefit, grades follow totals, bands and gates, NPV
//! vanishes at the IRR, and concentration stays within its bounds.

use proptest::prelude::*;

use crate::model::{
    Autonomy, BenefitMetric, CheckId, EnumWords, Field, Figures, InteractionPattern, Project,
    Status,
};
use crate::rules::engine::{grade, score_project};
use crate::rules::testing::{shares, worked_example};
use crate::rules::{default_ruleset, finance};

/// Share lists as the importer delivers them: normalised to sum to 100.
fn share_list() -> impl Strategy<Value = Vec<(String, f64)>> {
    prop::collection::vec(0.01f64..100.0, 1..8).prop_map(|weights| {
        let sum: f64 = weights.iter().sum();
        weights
            .iter()
            .enumerate()
            .map(|(i, w)| (format!("p{i}"), 100.0 * w / sum))
            .collect()
    })
}

fn pick<T: EnumWords>(i: usize) -> T {
    T::ALL[i % T::ALL.len()].0
}

prop_compose! {
    pub(crate) fn project()(
        upfront in 0.0f64..1e6,
        monthly in 0.0f64..1e6,
        growth in -50.0f64..50.0,
        benefit in 0.0f64..1e7,
        start in 1u32..30,
        ramp in 0u32..12,
        metric in 0usize..7,
        infra in share_list(),
        model in prop::option::of(share_list()),
        pattern in 0usize..4,
        flags in prop::array::uniform3(any::<bool>()),
        systems in 0u32..6,
        autonomy in 0usize..4,
    ) -> Project {
        let mut p = worked_example();
        p.upfront_compute_cost = Field::default_value(upfront);
        p.monthly_compute_cost = Field::default_value(monthly);
        p.compute_growth_pct = Field::default_value(growth);
        p.monthly_benefit = Field::default_value(benefit);
        p.benefit_start_month = Field::default_value(start);
        p.benefit_ramp_months = Field::default_value(ramp);
        p.benefit_metric = Field::default_value(pick::<BenefitMetric>(metric));
        let as_refs = |l: &[(String, f64)]| shares(&l.iter().map(|(n, v)| (n.as_str(), *v)).collect::<Vec<_>>());
        p.providers = Field::default_value(as_refs(&infra));
        p.model_providers = model.map(|m| Field::default_value(as_refs(&m)));
        p.interaction_pattern = Field::default_value(pick::<InteractionPattern>(pattern));
        p.multi_step = Field::default_value(flags[0]);
        p.stateful = Field::default_value(flags[1]);
        p.proprietary_data = Field::default_value(flags[2]);
        p.systems_integrated = Field::default_value(systems);
        p.autonomy = Field::default_value(pick::<Autonomy>(autonomy));
        p
    }
}

fn roi_ratio_and_score(project: Project) -> (Option<f64>, f64) {
    let score = score_project(project, &default_ruleset());
    let finding = score.finding(CheckId::Roi);
    match &finding.figures {
        Figures::Roi(f) => (f.ratio, finding.score),
        _ => (None, f64::NAN),
    }
}

proptest! {
    #[test]
    fn scores_stay_within_0_to_100(p in project()) {
        let score = score_project(p, &default_ruleset());
        for finding in &score.findings {
            prop_assert!((0.0..=100.0).contains(&finding.score), "{:?} {}", finding.check, finding.score);
            prop_assert_eq!(finding.score, finance::round1(finding.score));
        }
        prop_assert!((0.0..=100.0).contains(&score.total));
    }

    #[test]
    fn ratio_and_roi_score_rise_with_benefit(p in project(), more in 0.0f64..1e7) {
        let mut higher = p.clone();
        higher.monthly_benefit = Field::default_value(p.monthly_benefit.value + more);
        let (ratio, score) = roi_ratio_and_score(p);
        let (ratio_high, score_high) = roi_ratio_and_score(higher);
        if let (Some(low), Some(high)) = (ratio, ratio_high) {
            prop_assert!(low <= high, "{low} > {high}");
        }
        prop_assert!(score <= score_high, "{score} > {score_high}");
    }

    #[test]
    fn grade_follows_total_bands_and_gates(p in project()) {
        let ruleset = default_ruleset();
        let score = score_project(p, &ruleset);
        let banded = grade(score.total, &ruleset.grade_bands);
        let cap = match score.finding(CheckId::Roi).status {
            Status::Fail => Some(ruleset.gates.max_grade_if_fail),
            Status::Warn => Some(ruleset.gates.max_grade_if_warn),
            Status::Pass => None,
        };
        let expected = cap.map_or(banded, |cap| banded.max(cap));
        prop_assert_eq!(score.grade, expected);
        prop_assert_eq!(score.gate.is_some(), expected != banded);
        // Under the default gates an A always means a validated 3:1.
        if score.grade == crate::model::Grade::A {
            prop_assert_eq!(score.finding(CheckId::Roi).status, Status::Pass);
        }
    }

    #[test]
    fn npv_vanishes_at_the_irr(flows in prop::collection::vec(-1e6f64..1e6, 2..40)) {
        if let Some(r) = finance::irr(&flows, 0.1) {
            let x = 1.0 / (1.0 + r);
            let value: f64 = flows.iter().rev().fold(0.0, |acc, f| acc * x + f);
            let scale: f64 = flows.iter().rev().fold(0.0, |acc, f| acc * x + f.abs());
            prop_assert!(value.abs() <= 1e-9 * scale, "npv {value} at irr {r}, scale {scale}");
        }
    }

    #[test]
    fn a_single_sign_change_always_has_an_irr(
        cost in 1.0f64..1e6,
        returns in prop::collection::vec(1.0f64..1e6, 1..30),
    ) {
        // Returns at least a hundredth of the cost keep the root within range.
        let mut flows = vec![-cost];
        flows.extend(&returns);
        let total: f64 = returns.iter().sum();
        prop_assume!(total >= cost / 100.0);
        prop_assert!(finance::irr(&flows, 0.1).is_some());
    }

    #[test]
    fn concentration_stays_within_bounds(list in share_list()) {
        let refs: Vec<(&str, f64)> = list.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        let d = crate::rules::checks::diversification::dimension(&shares(&refs), &default_ruleset());
        let n = list.len() as f64;
        prop_assert!((0.0..=100.0).contains(&d.score));
        prop_assert!(d.hhi >= 10_000.0 / n * (1.0 - 1e-12), "{} < {}", d.hhi, 10_000.0 / n);
        prop_assert!(d.hhi <= 10_000.0 * (1.0 + 1e-12));
    }
}
