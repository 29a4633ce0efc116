//! Plain data shared by every stage of the pipeline: projects as read,
//! rulesets, findings, scorecards and the run record. No I/O here.

mod changes;
mod field_id;
mod fields;
mod finding;
mod project;
mod ruleset;
mod run;
mod scorecard;
mod source;

pub use changes::{Changes, Delta, GradeMove, InputChange, ProjectRef, StatusChange};
pub use field_id::FieldId;
pub use fields::{CASH_FLOW_FIELDS, FIELDS, FieldSpec, Kind};
pub use finding::{
    AgenticFigures, CheckId, DimensionFigures, DiversificationFigures, Figures, Finding, InputUsed,
    RoiFigures, Status, Threshold,
};
pub use project::{
    Autonomy, BenefitMetric, EnumWords, InteractionPattern, MonthFlow, Project, Share, ShareList,
    Stage,
};
pub use ruleset::{Gates, Grade, GradeBands, Ruleset, Weights};
pub use run::{
    DateOrder, FileRef, FxRate, InputRecord, InputState, OutputRecord, Problem, ReadOptions,
    RejectedRow, RulesetRecord, RunRecord,
};
pub use scorecard::{
    GateApplied, GradedRun, Phase, PortfolioFigures, ProjectScore, Scorecard, StatusCounts,
};
pub use source::{CellPos, Field, Origin, OriginRef, SourceCell, column_letters};
