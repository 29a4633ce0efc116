//! The checks that say what makes a ruleset unusable: values that make
//! no sense alone or together, each returned as the error naming its key.

use crate::model::{ProviderDimension, Ruleset, provider_key};

use super::error::{MAX_MONTHS, RulesetError};
use super::template::dotted;

/// Checks a ruleset's values make sense together; the first problem found
/// is returned, naming its key.
pub fn validate(r: &Ruleset) -> Result<(), RulesetError> {
    use RulesetError as E;
    let floats = [
        ("target_ratio", r.target_ratio),
        ("warn_ratio", r.warn_ratio),
        ("discount_rate", r.discount_rate),
        ("single_source_pct", r.single_source_pct),
        ("concentrated_pct", r.concentrated_pct),
        ("share_tolerance", r.share_tolerance),
        ("weights.roi", r.weights.roi),
        ("weights.diversification", r.weights.diversification),
        ("weights.agentic", r.weights.agentic),
        ("grade_bands.A", r.grade_bands.a),
        ("grade_bands.B", r.grade_bands.b),
        ("grade_bands.C", r.grade_bands.c),
        ("grade_bands.D", r.grade_bands.d),
    ];
    if let Some((key, value)) = floats.iter().find(|(_, v)| !v.is_finite()) {
        return Err(E::NotFinite {
            key: (*key).to_owned(),
            value: *value,
        });
    }
    if r.horizon_months < 1 {
        return Err(E::HorizonTooShort(r.horizon_months.into()));
    }
    if r.lookahead_months < 1 {
        return Err(E::LookaheadTooShort(r.lookahead_months.into()));
    }
    for (key, value) in [
        ("horizon_months", r.horizon_months),
        ("lookahead_months", r.lookahead_months),
    ] {
        if i64::from(value) > MAX_MONTHS {
            return Err(E::MonthsTooLong {
                key,
                value: value.into(),
            });
        }
    }
    for (key, value) in [
        ("target_ratio", r.target_ratio),
        ("warn_ratio", r.warn_ratio),
    ] {
        if value <= 0.0 {
            return Err(E::RatioNotPositive { key, value });
        }
    }
    if r.warn_ratio > r.target_ratio {
        return Err(E::WarnAboveTarget {
            warn: r.warn_ratio,
            target: r.target_ratio,
        });
    }
    if r.discount_rate <= -1.0 {
        return Err(E::DiscountRateTooLow(r.discount_rate));
    }
    for (key, value) in [
        ("single_source_pct", r.single_source_pct),
        ("concentrated_pct", r.concentrated_pct),
    ] {
        if !(0.0..=100.0).contains(&value) {
            return Err(E::PercentOutOfRange { key, value });
        }
    }
    if r.concentrated_pct > r.single_source_pct {
        return Err(E::ConcentratedAboveSingleSource {
            concentrated: r.concentrated_pct,
            single_source: r.single_source_pct,
        });
    }
    for (key, value) in [
        ("confidence.fragile_move_pct", r.confidence.fragile_move_pct),
        ("bills.mix_gap_points", r.bills.mix_gap_points),
        (
            "confidence.fragile_band_points",
            r.confidence.fragile_band_points,
        ),
    ] {
        if !(0.0..=100.0).contains(&value) {
            return Err(E::FragilityOutOfRange { key, value });
        }
    }
    let c = &r.confidence;
    if !(1..=r.horizon_months).contains(&c.tornado_delay_months) {
        return Err(E::TornadoDelayOutOfRange {
            value: c.tornado_delay_months,
            horizon: r.horizon_months,
        });
    }
    if !(c.tornado_growth_points > 0.0 && c.tornado_growth_points.is_finite()) {
        return Err(E::TornadoGrowthNotPositive(c.tornado_growth_points));
    }
    validate_simulation(&r.simulation)?;
    if r.share_tolerance < 0.0 {
        return Err(E::NegativeShareTolerance(r.share_tolerance));
    }
    for (key, value) in [
        ("agent_min_capabilities", r.agent_min_capabilities),
        ("chatbot_max_capabilities", r.chatbot_max_capabilities),
    ] {
        if value > 5 {
            return Err(E::CapabilityThresholdTooHigh { key, value });
        }
    }
    let w = &r.weights;
    for (key, value) in [
        ("roi", w.roi),
        ("diversification", w.diversification),
        ("agentic", w.agentic),
    ] {
        if value < 0.0 {
            return Err(E::NegativeWeight { key, value });
        }
    }
    let sum = w.roi + w.diversification + w.agentic;
    if (sum - 1.0).abs() > 1e-9 {
        return Err(E::WeightsDoNotSumToOne {
            roi: w.roi,
            diversification: w.diversification,
            agentic: w.agentic,
            sum,
        });
    }
    let b = &r.grade_bands;
    if !(b.a <= 100.0 && b.a > b.b && b.b > b.c && b.c > b.d && b.d >= 0.0) {
        return Err(E::BandsOutOfOrder {
            a: b.a,
            b: b.b,
            c: b.c,
            d: b.d,
        });
    }
    if !(1..=12).contains(&r.fiscal_year_start_month) {
        return Err(E::FiscalYearStartMonth(r.fiscal_year_start_month.into()));
    }
    if let Err(why) = crate::model::AllocationRule::parse(&r.bills.default_allocation, "ID") {
        return Err(E::DefaultAllocation {
            rule: r.bills.default_allocation.clone(),
            why,
        });
    }
    for dimension in ProviderDimension::ALL {
        validate_providers(r, dimension)?;
    }
    Ok(())
}

/// Each provider of a table has a label and no empty alias, and no label
/// is another provider's id or label.
fn validate_providers(r: &Ruleset, dimension: ProviderDimension) -> Result<(), RulesetError> {
    let table = r.provider_table(dimension);
    let name = dimension.table_name();
    for (id, provider) in table {
        let key = dotted(name, id);
        if provider.label.trim().is_empty() {
            return Err(RulesetError::EmptyProviderLabel {
                key: dotted(&key, "label"),
            });
        }
        if provider.aliases.iter().any(|a| provider_key(a).is_empty()) {
            return Err(RulesetError::EmptyProviderName {
                key: dotted(&key, "aliases"),
            });
        }
        let label = provider_key(&provider.label);
        let other = table.iter().find(|(other_id, other)| {
            *other_id != id
                && (provider_key(other_id) == label || provider_key(&other.label) == label)
        });
        if let Some((other_id, _)) = other {
            return Err(RulesetError::LabelOfTwoProviders {
                key: dotted(&key, "label"),
                label: provider.label.clone(),
                other: dotted(name, other_id),
            });
        }
    }
    Ok(())
}

/// Largest `simulation.draws`: a million draws a project is already far
/// beyond what the percentiles need.
pub const MAX_DRAWS: u32 = 1_000_000;

/// The `[simulation]` table: lows at or below the likely value (a compute
/// low above -100%, so no draw costs nothing), highs at or above it.
fn validate_simulation(s: &crate::model::SimulationRules) -> Result<(), RulesetError> {
    let below = "from -100 (excluded for compute) to 0";
    let above = "from 0 to 1000";
    for (key, value, ok, expected) in [
        (
            "simulation.benefit_low_pct",
            s.benefit_low_pct,
            (-100.0..=0.0).contains(&s.benefit_low_pct),
            below,
        ),
        (
            "simulation.compute_low_pct",
            s.compute_low_pct,
            s.compute_low_pct > -100.0 && s.compute_low_pct <= 0.0,
            below,
        ),
        (
            "simulation.benefit_high_pct",
            s.benefit_high_pct,
            (0.0..=1000.0).contains(&s.benefit_high_pct),
            above,
        ),
        (
            "simulation.compute_high_pct",
            s.compute_high_pct,
            (0.0..=1000.0).contains(&s.compute_high_pct),
            above,
        ),
    ] {
        if !ok {
            return Err(RulesetError::SimulationRangeOutOfRange {
                key,
                expected,
                value,
            });
        }
    }
    if s.draws > MAX_DRAWS {
        return Err(RulesetError::SimulationCountOutOfRange {
            key: "simulation.draws",
            max: u64::from(MAX_DRAWS),
            value: u64::from(s.draws),
        });
    }
    if s.seed > i64::MAX as u64 {
        return Err(RulesetError::SimulationCountOutOfRange {
            key: "simulation.seed",
            max: i64::MAX as u64,
            value: s.seed,
        });
    }
    Ok(())
}
