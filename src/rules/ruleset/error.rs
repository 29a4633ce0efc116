//! Why a ruleset cannot be used: the error each check returns, every
//! message naming the key at fault.

use thiserror::Error;

/// Horizon and look-ahead beyond this many months (100 years) are refused:
/// every project allocates a series that long.
pub const MAX_MONTHS: i64 = 1_200;

/// Why a ruleset cannot be used. Every message names the key at fault.
#[derive(Debug, Error)]
pub enum RulesetError {
    /// The ruleset file could not be read.
    #[error("cannot read ruleset file {path}")]
    Read {
        /// The file, as given.
        path: String,
        /// Why reading it failed.
        #[source]
        source: std::io::Error,
    },
    /// The text is not TOML; the parser's message, with line and column.
    #[error("the ruleset is not valid TOML: {0}")]
    Syntax(String),
    /// A key the default ruleset does not have, most often a typo.
    #[error("unknown key `{key}`{}", suggestion.as_ref().map_or(String::new(), |s| format!(" (did you mean `{s}`?)")))]
    UnknownKey {
        /// The key, dotted (`weights.roi`).
        key: String,
        /// The known key it most resembles, if any is close.
        suggestion: Option<String>,
    },
    /// A value of the wrong TOML type (a string where a number belongs).
    #[error("key `{key}`: expected {expected}, found {found}")]
    WrongType {
        /// The key, dotted.
        key: String,
        /// The type the key takes (`a number`, `a table`…).
        expected: &'static str,
        /// The type the file gave.
        found: String,
    },
    /// A number that is NaN or infinite.
    #[error("key `{key}`: expected a finite number, found {value}")]
    NotFinite {
        /// The key, dotted.
        key: String,
        /// The value given.
        value: f64,
    },
    /// A grade that is not one of A, B, C, D, F.
    #[error("key `{key}`: expected a grade A, B, C, D or F, found {value:?}")]
    UnknownGrade {
        /// The key, dotted.
        key: String,
        /// The text given.
        value: String,
    },
    /// A re-forecast that is neither `plan` nor `run_rate`; the text given.
    #[error("key `reforecast`: expected \"plan\" or \"run_rate\", found {0:?}")]
    UnknownReforecast(String),
    /// A provider alias that maps to an empty provider name, or an empty
    /// name in a provider's aliases.
    #[error("key `{key}`: a provider name cannot be empty")]
    EmptyProviderName {
        /// The key, dotted.
        key: String,
    },
    /// A provider whose label is empty.
    #[error("key `{key}`: a provider's label cannot be empty")]
    EmptyProviderLabel {
        /// The key, dotted (`providers.acme.label`).
        key: String,
    },
    /// One provider written twice in a table, under two spellings of its id.
    #[error("key `{key}`: the same provider as `{other}`; give each provider once")]
    SameProvider {
        /// The second spelling, dotted.
        key: String,
        /// The first.
        other: String,
    },
    /// A name a file gives to two providers of one table.
    #[error(
        "key `{key}`: the name \"{}\" is also given to `{other}`; a name stands for one provider",
        name.replace('_', " ")
    )]
    NameOfTwoProviders {
        /// The provider that gives it second, dotted.
        key: String,
        /// The name, compared as written names are.
        name: String,
        /// The provider that gives it first, dotted.
        other: String,
    },
    /// A label that is another provider's id or label in the same table,
    /// so a reader could not tell them apart.
    #[error(
        "key `{key}`: \"{label}\" is also the name of `{other}`; a label must tell providers apart"
    )]
    LabelOfTwoProviders {
        /// The label's key, dotted (`providers.acme.label`).
        key: String,
        /// The label given.
        label: String,
        /// The other provider, dotted.
        other: String,
    },
    /// A default allocation rule that does not read; the rule and why.
    #[error("key `bills.default_allocation`: {rule:?} {why}")]
    DefaultAllocation {
        /// The rule given.
        rule: String,
        /// What is wrong with it.
        why: String,
    },
    /// A fiscal year that starts in no calendar month; the number given.
    #[error("key `fiscal_year_start_month`: expected a month from 1 to 12, found {0}")]
    FiscalYearStartMonth(i64),
    /// A count (of capabilities, of months) below zero or above `u32::MAX`.
    #[error(
        "key `{key}`: expected a whole number from 0 to {}, found {value}",
        u32::MAX
    )]
    CountOutOfRange {
        /// The key, dotted.
        key: String,
        /// The number given.
        value: i64,
    },
    /// The three check weights do not add up to 1.
    #[error(
        "key `weights`: the weights must sum to 1, but roi {roi} + diversification \
         {diversification} + agentic {agentic} = {sum}"
    )]
    WeightsDoNotSumToOne {
        /// The ROI check's weight.
        roi: f64,
        /// The diversification check's weight.
        diversification: f64,
        /// The agentic check's weight.
        agentic: f64,
        /// Their sum.
        sum: f64,
    },
    /// A check weight below zero.
    #[error("key `weights.{key}`: a weight cannot be negative, found {value}")]
    NegativeWeight {
        /// The weight's key under `weights`.
        key: &'static str,
        /// The weight given.
        value: f64,
    },
    /// Grade bands that do not fall from A to D within 0–100.
    #[error(
        "key `grade_bands`: bands must fall 100 >= A > B > C > D >= 0, found A {a}, B {b}, \
         C {c}, D {d}"
    )]
    BandsOutOfOrder {
        /// The lowest total that earns an A.
        a: f64,
        /// The lowest total that earns a B.
        b: f64,
        /// The lowest total that earns a C.
        c: f64,
        /// The lowest total that earns a D.
        d: f64,
    },
    /// A horizon of less than one month; the months given.
    #[error("key `horizon_months`: the horizon must be at least 1 month, found {0}")]
    HorizonTooShort(i64),
    /// A look-ahead of less than one month; the months given.
    #[error("key `lookahead_months`: the look-ahead must be at least 1 month, found {0}")]
    LookaheadTooShort(i64),
    /// A horizon or look-ahead longer than 1,200 months (100 years).
    #[error("key `{key}`: at most {MAX_MONTHS} months are supported, found {value}")]
    MonthsTooLong {
        /// The key at fault.
        key: &'static str,
        /// The months given.
        value: i64,
    },
    /// A target or warning ratio of zero or below.
    #[error("key `{key}`: a ratio must be above 0, found {value}")]
    RatioNotPositive {
        /// The key at fault.
        key: &'static str,
        /// The ratio given.
        value: f64,
    },
    /// A warning ratio above the target ratio: a warning would need more
    /// than a pass.
    #[error(
        "key `warn_ratio`: {warn} is above target_ratio {target}; a warning cannot need more than a pass"
    )]
    WarnAboveTarget {
        /// The `warn_ratio` given.
        warn: f64,
        /// The `target_ratio` in force.
        target: f64,
    },
    /// A percent outside 0–100.
    #[error("key `{key}`: a percent must be from 0 to 100, found {value}")]
    PercentOutOfRange {
        /// The key at fault.
        key: &'static str,
        /// The percent given.
        value: f64,
    },
    /// A fragility or billed-mix threshold (percent or points) outside
    /// 0–100, or NaN.
    #[error("key `{key}`: expected a number from 0 to 100, found {value}")]
    FragilityOutOfRange {
        /// The key at fault.
        key: &'static str,
        /// The number given.
        value: f64,
    },
    /// A tornado delay of no month or beyond the horizon.
    #[error(
        "key `confidence.tornado_delay_months`: expected a whole number of months from 1 to \
         the horizon ({horizon}), found {value}"
    )]
    TornadoDelayOutOfRange {
        /// The delay given.
        value: u32,
        /// The `horizon_months` in force.
        horizon: u32,
    },
    /// A tornado growth swing of no points, fewer, or NaN.
    #[error("key `confidence.tornado_growth_points`: expected a number above 0, found {0}")]
    TornadoGrowthNotPositive(f64),
    /// A simulation range bound on the wrong side of the likely value, or
    /// a low compute that would reach zero.
    #[error("key `{key}`: expected a number {expected}, found {value}")]
    SimulationRangeOutOfRange {
        /// The key at fault.
        key: &'static str,
        /// What it must be, in words.
        expected: &'static str,
        /// The number given.
        value: f64,
    },
    /// More draws than a run can afford, or a seed TOML cannot write.
    #[error("key `{key}`: expected a whole number from 0 to {max}, found {value}")]
    SimulationCountOutOfRange {
        /// The key at fault.
        key: &'static str,
        /// The largest allowed.
        max: u64,
        /// The number given.
        value: u64,
    },
    /// A concentration threshold above the single-source threshold.
    #[error(
        "key `concentrated_pct`: {concentrated} is above single_source_pct {single_source}; \
         concentration must start below single-source"
    )]
    ConcentratedAboveSingleSource {
        /// The `concentrated_pct` given.
        concentrated: f64,
        /// The `single_source_pct` in force.
        single_source: f64,
    },
    /// A yearly discount rate of -100% or less; the rate given.
    #[error("key `discount_rate`: must be above -1 (-100% a year), found {0}")]
    DiscountRateTooLow(f64),
    /// A capability threshold above the five capabilities an agent can show.
    #[error("key `{key}`: there are only 5 capabilities, found {value}")]
    CapabilityThresholdTooHigh {
        /// The key at fault.
        key: &'static str,
        /// The threshold given.
        value: u32,
    },
    /// A negative tolerance for provider shares that do not sum to 100; the
    /// tolerance given.
    #[error("key `share_tolerance`: cannot be negative, found {0}")]
    NegativeShareTolerance(f64),
    /// A scenario key whose value cannot be used; says what it takes.
    #[error("key `{key}`: {problem}")]
    Scenario {
        /// The key, dotted (`scenarios.compute_up.label`).
        key: String,
        /// What is wrong and what the key takes.
        problem: String,
    },
    /// The merged ruleset does not fit the ruleset's shape; serde's message.
    #[error("the ruleset does not have the expected shape: {0}")]
    Invalid(String),
}
