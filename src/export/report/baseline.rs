//! What moved since the baseline run (`--baseline`), as the report's run
//! record states it: the portfolio's figures before and after, projects
//! added and dropped, grade moves and status changes, each in a sentence.

use serde::Serialize;

use crate::format;

/// What moved since the baseline run, in sentences and table rows.
#[derive(Debug, Serialize)]
pub struct ChangesView {
    pub previous_as_of: String,
    pub ruleset_changed: bool,
    /// Portfolio figures: name, before, after, change.
    pub portfolio: Vec<[String; 4]>,
    pub added: Vec<String>,
    pub dropped: Vec<String>,
    /// `ID name: C → A (up 2)`.
    pub grade_moves: Vec<String>,
    /// `ID roi: warn → pass; monthly_benefit 2,500 → 4,000`.
    pub status_changes: Vec<String>,
}

/// The changes since the baseline run, formatted.
pub fn changes_view(c: &crate::model::Changes) -> ChangesView {
    ChangesView {
        previous_as_of: c.previous_as_of.clone(),
        ruleset_changed: c.ruleset_changed,
        portfolio: c
            .portfolio
            .iter()
            .map(|d| {
                let kind = d.kind();
                let show = |v: Option<f64>| {
                    v.map_or_else(|| "n/a".to_string(), |v| format::figure(kind, v))
                };
                [
                    d.label(),
                    show(d.from),
                    show(d.to),
                    d.shown_change()
                        .map_or_else(String::new, |x| format::figure_change(kind, x)),
                ]
            })
            .collect(),
        added: c
            .added
            .iter()
            .map(|p| format!("{} {} (grade {})", p.project_id, p.project_name, p.grade))
            .collect(),
        dropped: c
            .dropped
            .iter()
            .map(|p| {
                format!(
                    "{} {} (was grade {})",
                    p.project_id, p.project_name, p.grade
                )
            })
            .collect(),
        grade_moves: c
            .grade_moves
            .iter()
            .map(|m| {
                format!(
                    "{} {}: {} → {} ({} {})",
                    m.project_id,
                    m.project_name,
                    m.from,
                    m.to,
                    if m.steps > 0 { "up" } else { "down" },
                    m.steps.abs()
                )
            })
            .collect(),
        status_changes: c
            .status_changes
            .iter()
            .map(|s| {
                format!(
                    "{} {}: {} → {} ({} → {}); {}",
                    s.project_id,
                    s.check_name(),
                    s.from,
                    s.to,
                    s.verdict_from,
                    s.verdict_to,
                    s.why()
                )
            })
            .collect(),
    }
}
