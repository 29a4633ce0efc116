//! The footnotes under the terminal's scores table for grades marked `*`:
//! one line for each way a grade was capped and, when more than one grade
//! is capped, which projects each line is about.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::GradedRun;

/// Projects a footnote names at most; the rest are counted.
const NAMED_MAX: usize = 5;

/// One line under the table for each way a grade marked `*` was capped:
/// `* capped at C: the ROI check fails, whatever the total`, followed by
/// the projects (`(FIN-009, SAL-010 and 3 more)`) when the table marks
/// more than one grade.
pub(super) fn cap_footnotes(run: &GradedRun) -> Vec<String> {
    footnotes(run.scorecard.projects.iter().filter_map(|s| {
        let gate = s.gate.as_ref()?;
        let cap = format!(
            "* capped at {}: {}, whatever the total",
            gate.to.letter(),
            gate.because()
        );
        Some((cap, s.project.project_id.as_str()))
    }))
}

/// The footnotes of `(cap, project id)` pairs in table order: a line per
/// cap in the caps' order, the ids in the table's.
fn footnotes<'a>(capped: impl Iterator<Item = (String, &'a str)>) -> Vec<String> {
    let mut caps: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut count = 0;
    for (cap, id) in capped {
        caps.entry(cap).or_default().push(id);
        count += 1;
    }
    caps.into_iter()
        .map(|(mut line, ids)| {
            if count > 1 {
                let _ = write!(line, " ({})", crate::format::first_named(&ids, NAMED_MAX));
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::footnotes;

    const WARNS: &str = "* capped at B: the ROI check warns, whatever the total";
    const FAILS: &str = "* capped at C: the ROI check fails, whatever the total";

    fn lines(capped: &[(&str, &str)]) -> Vec<String> {
        footnotes(capped.iter().map(|&(cap, id)| (cap.to_string(), id)))
    }

    #[test]
    fn one_capped_grade_needs_no_names() {
        assert_eq!(lines(&[(FAILS, "DOC-013")]), [FAILS]);
        assert!(lines(&[]).is_empty());
    }

    #[test]
    fn each_cap_names_its_projects_when_several_are_capped() {
        assert_eq!(
            lines(&[(WARNS, "FIN-009"), (FAILS, "DOC-013"), (FAILS, "LEG-005")]),
            [
                format!("{WARNS} (FIN-009)"),
                format!("{FAILS} (DOC-013, LEG-005)")
            ]
        );
    }

    #[test]
    fn past_five_projects_the_rest_are_counted() {
        let ids = ["P-1", "P-2", "P-3", "P-4", "P-5", "P-6", "P-7"];
        let capped: Vec<(&str, &str)> = ids.iter().map(|&id| (WARNS, id)).collect();
        assert_eq!(
            lines(&capped),
            [format!("{WARNS} (P-1, P-2, P-3, P-4, P-5 and 2 more)")]
        );
    }
}
