//! The terminal's line on fragile grades, written after the scores table:
//! which projects a small move or a grade band close by could regrade.

use super::diagnostics::plural;
use crate::model::ProjectScore;

/// Projects named on the line at most; the rest are counted.
const NAMED_MAX: usize = 10;

/// `airoi: 2 projects fragile: MKT-004 (benefit, compute), OPS-002 (grade
/// band)`, or `None` when no project is fragile.
pub(super) fn fragile_line(projects: &[ProjectScore]) -> Option<String> {
    let fragile: Vec<String> = projects
        .iter()
        .filter(|p| p.margins.fragile.is)
        .map(|p| {
            let why: Vec<&str> = p
                .margins
                .fragile
                .reasons
                .iter()
                .map(|r| match r.code {
                    "benefit_move" => "benefit",
                    "compute_move" => "compute",
                    _ => "grade band",
                })
                .collect();
            format!("{} ({})", p.project.project_id, why.join(", "))
        })
        .collect();
    if fragile.is_empty() {
        return None;
    }
    let n = fragile.len();
    let named = crate::format::first_named(&fragile, NAMED_MAX);
    Some(format!(
        "airoi: {n} {} fragile: {named}; see `airoi explain confidence`",
        plural(n, "project", "projects")
    ))
}
