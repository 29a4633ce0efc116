//! The floor's JSON project: the same keys and nesting as airoi's
//! document (`docs/json.md`), filled with the floor's plain figures.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Serialize)]
pub struct ProjectJson {
    pub project_id: String,
    pub project_name: String,
    pub business_unit: String,
    pub stage: String,
    pub grade: &'static str,
    pub total: f64,
    pub gate: Option<()>,
    pub phase: &'static str,
    pub source: Source,
    pub checks: BTreeMap<&'static str, CheckJson>,
    pub notes: [(); 0],
    pub extra: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
pub struct Source {
    pub file: String,
    pub sheet: &'static str,
    pub row: u32,
}

#[derive(Serialize)]
pub struct CheckJson {
    pub status: &'static str,
    pub score: f64,
    pub verdict: &'static str,
    #[serde(flatten)]
    pub figures: BTreeMap<&'static str, f64>,
    pub explanation: String,
    pub evidence: Evidence,
}

#[derive(Serialize)]
pub struct Evidence {
    pub thresholds: Vec<Threshold>,
    pub inputs: Vec<Input>,
    pub notes: [(); 0],
}

#[derive(Serialize)]
pub struct Threshold {
    pub key: &'static str,
    pub value: f64,
}

#[derive(Serialize)]
pub struct Input {
    pub field: &'static str,
    pub value: String,
    pub raw: String,
    pub cell: String,
}
