//! The floor's arithmetic and cells: one CSV row in, the Scores cells, the
//! three Findings rows and the JSON project out. Plain sums and counts, no
//! tolerance for odd input (a value that does not parse counts as zero).

use std::collections::BTreeMap;

#[path = "floor_json.rs"]
mod floor_json;

pub use floor_json::ProjectJson;
use floor_json::{CheckJson, Evidence, Input, Source, Threshold};

/// How a number cell is shown.
#[derive(Clone, Copy)]
pub enum Look {
    Money,
    Ratio,
    Percent,
    Score,
    Whole,
}

pub enum Cell {
    Text(String),
    Number(f64, Look),
    Blank,
}

pub struct FloorFinding {
    pub check: &'static str,
    pub status: &'static str,
    pub score: f64,
    pub verdict: &'static str,
    pub measure: &'static str,
    pub value: f64,
    pub thresholds: String,
    pub explanation: String,
    pub inputs: String,
}

/// One row, checked.
pub struct Checked {
    pub id: String,
    pub name: String,
    pub scores: Vec<Cell>,
    pub findings: [FloorFinding; 3],
    pub json: ProjectJson,
    pub compute_total: f64,
    pub benefit_total: f64,
}

fn number(text: &str) -> f64 {
    let clean: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    clean.parse().unwrap_or(0.0)
}

fn status(pass: bool, warn: bool) -> (&'static str, f64) {
    match (pass, warn) {
        (true, _) => ("pass", 100.0),
        (false, true) => ("warn", 50.0),
        _ => ("fail", 0.0),
    }
}

/// Checks one row; `row` is its spreadsheet row number for the source cells.
pub fn check_row(
    headers: &csv::StringRecord,
    record: &csv::StringRecord,
    file: &str,
    row: u32,
) -> Checked {
    let field = |name: &str| -> (usize, &str) {
        let col = headers.iter().position(|h| h == name).unwrap_or(0);
        (col, record.get(col).unwrap_or(""))
    };
    let cell = |col: usize| format!("{file}:Projects!{}{row}", (b'A' + col as u8) as char);
    let (id, name) = (field("Project ID").1, field("Project Name").1);
    let upfront = number(field("Upfront Compute Cost (USD)").1);
    let monthly = number(field("Monthly Compute Cost (USD)").1);
    let growth = number(field("Compute Growth %").1) / 100.0;
    let gain = number(field("Monthly Benefit (USD)").1);
    let start = number(field("Benefit Start Month").1).max(1.0);
    let ramp = number(field("Benefit Ramp Months").1);
    // The 18-month series, payback and the month the 3:1 target is reached.
    let (mut compute, mut benefit, mut npv) = (upfront, 0.0, -upfront);
    let (mut payback, mut target) = (None, None);
    for m in 1..=18 {
        let m = f64::from(m);
        let c = monthly * (1.0 + growth).powf(m - 1.0);
        let b = if m < start {
            0.0
        } else {
            gain * ((m - start + 1.0) / (ramp + 1.0)).min(1.0)
        };
        compute += c;
        benefit += b;
        npv += (b - c) / (1.0f64 + 0.1 / 12.0).powf(m);
        if payback.is_none() && benefit >= compute {
            payback = Some(m);
        }
        if target.is_none() && benefit >= 3.0 * compute {
            target = Some(m);
        }
    }
    let ratio = if compute > 0.0 {
        benefit / compute
    } else {
        0.0
    };
    let (roi_status, roi_score) = status(ratio >= 3.0, ratio >= 2.0);
    // Shares: the last number in each part of the list, or an equal split.
    let providers = field("Providers").1;
    let parts: Vec<&str> = providers.split([';', ',']).collect();
    let shares: Vec<f64> = parts
        .iter()
        .map(|p| {
            let n = number(p.rsplit(' ').next().unwrap_or(""));
            if n > 0.0 {
                n
            } else {
                100.0 / parts.len() as f64
            }
        })
        .collect();
    let top = shares.iter().copied().fold(0.0, f64::max);
    let hhi: f64 = shares.iter().map(|s| s * s).sum();
    let (div_status, div_score) = status(top <= 75.0, top < 95.0);
    let yes = |name: &str| field(name).1.eq_ignore_ascii_case("yes");
    let systems = number(field("Systems Integrated").1);
    let autonomy = field("Autonomy").1;
    let capabilities = [
        yes("Multi Step"),
        yes("Stateful"),
        systems >= 2.0,
        autonomy.contains("outcome") || autonomy == "autonomous",
        yes("Proprietary Data"),
    ]
    .iter()
    .filter(|b| **b)
    .count() as f64;
    let (agent_status, agent_score) = status(capabilities >= 3.0, capabilities > 1.0);
    let total = 0.5 * roi_score + 0.25 * div_score + 0.25 * agent_score;
    let grade = ["A", "B", "C", "D", "F"][((100.0 - total) / 20.0).clamp(0.0, 4.0) as usize];

    let inputs = |names: &[&'static str]| -> Vec<Input> {
        names
            .iter()
            .map(|n| {
                let (col, value) = field(n);
                Input {
                    field: n,
                    value: value.to_string(),
                    raw: value.to_string(),
                    cell: cell(col),
                }
            })
            .collect()
    };
    let roi_inputs = inputs(&[
        "Upfront Compute Cost (USD)",
        "Monthly Compute Cost (USD)",
        "Compute Growth %",
        "Monthly Benefit (USD)",
        "Benefit Start Month",
        "Benefit Ramp Months",
        "Benefit Metric",
    ]);
    let div_inputs = inputs(&["Providers"]);
    let agent_inputs = inputs(&[
        "Interaction Pattern",
        "Multi Step",
        "Stateful",
        "Systems Integrated",
        "Autonomy",
        "Proprietary Data",
    ]);
    let thresholds = |keys: &[(&'static str, f64)]| -> Vec<Threshold> {
        keys.iter()
            .map(|(key, value)| Threshold { key, value: *value })
            .collect()
    };
    let roi_thresholds = thresholds(&[
        ("target_ratio", 3.0),
        ("warn_ratio", 2.0),
        ("horizon_months", 18.0),
        ("lookahead_months", 60.0),
        ("discount_rate", 0.1),
    ]);
    let div_thresholds = thresholds(&[("single_source_pct", 95.0), ("concentrated_pct", 75.0)]);
    let agent_thresholds = thresholds(&[
        ("systems_min", 2.0),
        ("agent_min_capabilities", 3.0),
        ("chatbot_max_capabilities", 1.0),
    ]);
    let text = |list: &[Threshold]| {
        list.iter()
            .map(|t| format!("{} = {}", t.key, t.value))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let used = |list: &[Input]| {
        list.iter()
            .map(|i| format!("{} = {} ({})", i.field, i.value, i.cell))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let roi_text = format!(
        "Returns {ratio:.1}:1 on compute over 18 months against the 3:1 target; it pays back in month {} and reaches 3:1 in month {}.",
        payback.unwrap_or(0.0),
        target.unwrap_or(0.0)
    );
    let div_text = format!(
        "{} providers share the core AI workload; the largest holds {top}%, against the 75% concentration limit (HHI {hhi}).",
        shares.len()
    );
    let agent_text = format!(
        "Works with {capabilities} of 5 agent capabilities (multi-step, stateful, acting on 2+ internal systems, approved by outcome rather than step)."
    );
    let findings = [
        FloorFinding {
            check: "roi",
            status: roi_status,
            score: roi_score,
            verdict: "Quantified 3:1",
            measure: "return ratio",
            value: ratio,
            thresholds: text(&roi_thresholds),
            explanation: roi_text.clone(),
            inputs: used(&roi_inputs),
        },
        FloorFinding {
            check: "diversification",
            status: div_status,
            score: div_score,
            verdict: "Diversified",
            measure: "top provider share",
            value: top / 100.0,
            thresholds: text(&div_thresholds),
            explanation: div_text.clone(),
            inputs: used(&div_inputs),
        },
        FloorFinding {
            check: "agentic",
            status: agent_status,
            score: agent_score,
            verdict: "Agent",
            measure: "capabilities (of 5)",
            value: capabilities,
            thresholds: text(&agent_thresholds),
            explanation: agent_text.clone(),
            inputs: used(&agent_inputs),
        },
    ];
    let t = |s: &str| Cell::Text(s.to_string());
    let n = |v: f64, look| Cell::Number(v, look);
    let scores = vec![
        t(id),
        t(name),
        t(field("Business Unit").1),
        t(field("Owner").1),
        t(field("Stage").1),
        t(grade),
        n(total, Look::Score),
        t(if roi_status == "pass" {
            "Validated"
        } else {
            "Speculative"
        }),
        Cell::Blank,
        t(roi_status),
        t("Quantified 3:1"),
        n(roi_score, Look::Score),
        n(ratio, Look::Ratio),
        n(compute, Look::Money),
        n(benefit, Look::Money),
        n(benefit - compute, Look::Money),
        n(ratio - 1.0, Look::Percent),
        payback.map_or(Cell::Blank, |m| n(m, Look::Whole)),
        target.map_or(Cell::Blank, |m| n(m, Look::Whole)),
        n(npv, Look::Money),
        n(0.0, Look::Percent),
        t("parametric"),
        t(div_status),
        t("Diversified"),
        n(div_score, Look::Score),
        t("infrastructure"),
        t(parts.first().copied().unwrap_or("")),
        n(top / 100.0, Look::Percent),
        n(hhi, Look::Whole),
        n(10_000.0 / hhi.max(1.0), Look::Score),
        t(agent_status),
        t("Agent"),
        n(agent_score, Look::Score),
        n(capabilities, Look::Whole),
        t("multi_step, stateful"),
        t(field("Interaction Pattern").1),
        t(file),
        t("Projects"),
        n(f64::from(row), Look::Whole),
        t(field("Cost Centre").1),
        t(field("Notes").1),
    ];
    let check = |status, score, verdict, figures, explanation, thresholds, inputs| CheckJson {
        status,
        score,
        verdict,
        figures,
        explanation,
        evidence: Evidence {
            thresholds,
            inputs,
            notes: [],
        },
    };
    let json = ProjectJson {
        project_id: id.to_string(),
        project_name: name.to_string(),
        business_unit: field("Business Unit").1.to_string(),
        stage: field("Stage").1.to_string(),
        grade,
        total,
        gate: None,
        phase: "Validated",
        source: Source {
            file: file.to_string(),
            sheet: "Projects",
            row,
        },
        checks: BTreeMap::from([
            (
                "agentic",
                check(
                    agent_status,
                    agent_score,
                    "Agent",
                    BTreeMap::from([("capabilities", capabilities)]),
                    agent_text,
                    agent_thresholds,
                    agent_inputs,
                ),
            ),
            (
                "diversification",
                check(
                    div_status,
                    div_score,
                    "Diversified",
                    BTreeMap::from([("top_share", top), ("hhi", hhi)]),
                    div_text,
                    div_thresholds,
                    div_inputs,
                ),
            ),
            (
                "roi",
                check(
                    roi_status,
                    roi_score,
                    "Quantified 3:1",
                    BTreeMap::from([
                        ("ratio", ratio),
                        ("npv", npv),
                        ("compute_total", compute),
                        ("benefit_total", benefit),
                    ]),
                    roi_text,
                    roi_thresholds,
                    roi_inputs,
                ),
            ),
        ]),
        notes: [],
        extra: BTreeMap::from([
            ("Cost Centre", field("Cost Centre").1.to_string()),
            ("Notes", field("Notes").1.to_string()),
        ]),
    };
    Checked {
        id: id.to_string(),
        name: name.to_string(),
        scores,
        findings,
        json,
        compute_total: compute,
        benefit_total: benefit,
    }
}
