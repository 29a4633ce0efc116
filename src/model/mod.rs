//! Plain data shared by every stage of the pipeline: projects as read,
//! rulesets, findings, scorecards and the run record. No I/O here.
//!
//! Public: what the public importer and rules give and take — projects and
//! the rows rejected, rulesets, each project's score with its findings.
//! The run as a whole (the scorecard, the run record, what changed since a
//! baseline) and the intake field table are the crate's own.

mod actuals;
mod allocation;
mod billed;
mod bills;
mod changes;
mod field_id;
mod fields;
mod finding;
mod margins;
mod project;
mod providers;
mod reading;
mod review;
mod ruleset;
mod run;
mod scenarios;
mod scorecard;
mod simulation;
mod source;

pub use actuals::{Actual, ActualMonth, ActualSource, Actuals};
pub use allocation::{AllocationRule, Condition};
pub use billed::{BilledActuals, BilledPlanMonth, MixGap, MonthOne};
pub use bills::{
    BadRow, BadRows, BillFile, BillTotals, BilledSpend, BillsRecord, Conflict, CostBasis,
    PlanMonth, ProjectBills, RowPlace, SkippedFile, UnallocatedSpend, Unmatched, YearMonth,
};
pub use field_id::FieldId;
pub use finding::{
    AgenticFigures, CheckId, DimensionFigures, DiversificationFigures, Figures, Finding, InputUsed,
    RoiFigures, Status, Threshold,
};
pub use margins::{FragileReason, Fragility, Margins, Needs, Swing, Tornado};
pub use project::{
    Autonomy, BenefitMetric, EnumWords, InteractionPattern, MonthFlow, Project, Share, ShareList,
    Stage,
};
pub use providers::{KnownProvider, ProviderDimension, ProviderTable, provider_key};
pub use reading::{
    ColumnReading, Conventions, DecimalMark, DefaultedField, RowCounts, SkipReason, Skipped,
    TableKind, TableReading,
};
pub use review::{
    MonthBasis, Reforecast, Review, ReviewCounts, ReviewGrade, ReviewMonth, RunRate, Variance,
};
pub use ruleset::{
    BillsRules, Confidence, Gates, Grade, GradeBands, Ruleset, SimulationRules, Weights,
};
pub use run::{
    DateOrder, FxRate, InputRecord, InputState, Problem, ReadOptions, RejectedRow, RelativePaths,
};
pub use scenarios::{Scenario, ScenarioResult, ScenarioSummary, breaks};
pub use scorecard::{GateApplied, Phase, ProjectScore};
pub use simulation::{Estimates, PortfolioSimulation, ProjectSimulation, Ranges};
pub use source::{CellPos, Field, Origin, OriginRef, SourceCell};

// Read and written by the crate's own stages only: the run as a whole, what
// changed since a baseline, and the intake field table.
pub(crate) use changes::{
    Changes, Delta, FigureKind, GradeMove, InputChange, ProjectRef, StatusChange,
};
pub(crate) use fields::{CASH_FLOW_FIELDS, FIELDS, FieldSpec, Kind};
pub(crate) use run::{FileRef, OutputRecord, RulesetRecord, RunRecord};
pub(crate) use scorecard::{GradedRun, PortfolioFigures, Scorecard, StatusCounts};
pub(crate) use source::column_letters;
