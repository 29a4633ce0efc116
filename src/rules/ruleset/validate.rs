//! What makes a ruleset unusable, and the checks that say so, each error
//! naming the key at fault.

use thiserror::Error;

use crate::model::Ruleset;

use super::template::dotted;

/// Horizon and look-ahead beyond this many months (100 years) are refused:
/// every project allocates a series that long.
pub const MAX_MONTHS: i64 = 1_200;

/// Why a ruleset cannot be used. Every message names the key at fault.
#[derive(Debug, Error)]
pub enum RulesetError {
    #[error("cannot read ruleset file {path}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the ruleset is not valid TOML: {0}")]
    Syntax(String),
    #[error("unknown key `{key}`{}", suggestion.as_ref().map_or(String::new(), |s| format!(" (did you mean `{s}`?)")))]
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    #[error("key `{key}`: expected {expected}, found {found}")]
    WrongType {
        key: String,
        expected: &'static str,
        found: String,
    },
    #[error("key `{key}`: expected a finite number, found {value}")]
    NotFinite { key: String, value: f64 },
    #[error("key `{key}`: expected a grade A, B, C, D or F, found {value:?}")]
    UnknownGrade { key: String, value: String },
    #[error("key `{key}`: a provider name cannot be empty")]
    EmptyProviderName { key: String },
    #[error(
        "key `{key}`: expected a whole number from 0 to {}, found {value}",
        u32::MAX
    )]
    CountOutOfRange { key: String, value: i64 },
    #[error(
        "key `weights`: the weights must sum to 1, but roi {roi} + diversification \
         {diversification} + agentic {agentic} = {sum}"
    )]
    WeightsDoNotSumToOne {
        roi: f64,
        diversification: f64,
        agentic: f64,
        sum: f64,
    },
    #[error("key `weights.{key}`: a weight cannot be negative, found {value}")]
    NegativeWeight { key: &'static str, value: f64 },
    #[error(
        "key `grade_bands`: bands must fall 100 >= A > B > C > D >= 0, found A {a}, B {b}, \
         C {c}, D {d}"
    )]
    BandsOutOfOrder { a: f64, b: f64, c: f64, d: f64 },
    #[error("key `horizon_months`: the horizon must be at least 1 month, found {0}")]
    HorizonTooShort(i64),
    #[error("key `lookahead_months`: the look-ahead must be at least 1 month, found {0}")]
    LookaheadTooShort(i64),
    #[error("key `{key}`: at most {MAX_MONTHS} months are supported, found {value}")]
    MonthsTooLong { key: &'static str, value: i64 },
    #[error("key `{key}`: a ratio must be above 0, found {value}")]
    RatioNotPositive { key: &'static str, value: f64 },
    #[error(
        "key `warn_ratio`: {warn} is above target_ratio {target}; a warning cannot need more than a pass"
    )]
    WarnAboveTarget { warn: f64, target: f64 },
    #[error("key `{key}`: a percent must be from 0 to 100, found {value}")]
    PercentOutOfRange { key: &'static str, value: f64 },
    #[error(
        "key `concentrated_pct`: {concentrated} is above single_source_pct {single_source}; \
         concentration must start below single-source"
    )]
    ConcentratedAboveSingleSource {
        concentrated: f64,
        single_source: f64,
    },
    #[error("key `discount_rate`: must be above -1 (−100% a year), found {0}")]
    DiscountRateTooLow(f64),
    #[error("key `{key}`: there are only 5 capabilities, found {value}")]
    CapabilityThresholdTooHigh { key: &'static str, value: u32 },
    #[error("key `share_tolerance`: cannot be negative, found {0}")]
    NegativeShareTolerance(f64),
    #[error("the ruleset does not have the expected shape: {0}")]
    Invalid(String),
}

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
    if let Some((key, _)) = r.provider_aliases.iter().find(|(_, v)| v.trim().is_empty()) {
        return Err(E::EmptyProviderName {
            key: dotted("provider_aliases", key),
        });
    }
    Ok(())
}
