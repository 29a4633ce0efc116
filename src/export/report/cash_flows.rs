//! The report's appendix of explicit cash flows: for each project that gave
//! them, the months the ROI check used, each with its source cell.
//!
//! A project's section keeps to its page budget (about one printed page,
//! two at most) whatever its horizon: it says how many months it used and
//! links here, where a row per month has room.

use std::sync::Arc;

use super::appendix::Appendix;
use super::project::{InputView, input_view, is_monthly};
use crate::model::{CheckId, GradedRun, ProjectScore};

/// Appendix C: the projects whose ROI check used explicit cash flows, each
/// with its months.
pub fn cash_flow_projects(run: &Arc<GradedRun>) -> Appendix<InputView> {
    Appendix::new(run, uses_cash_flows, months)
}

fn uses_cash_flows(score: &ProjectScore) -> bool {
    score.finding(CheckId::Roi).inputs.iter().any(is_monthly)
}

/// A project's months, each with its source cell.
#[allow(clippy::unnecessary_wraps)] // the appendix's row builders may leave a project out
fn months(score: &ProjectScore) -> Option<Vec<InputView>> {
    Some(
        score
            .finding(CheckId::Roi)
            .inputs
            .iter()
            .filter(|i| is_monthly(i))
            .map(input_view)
            .collect(),
    )
}
