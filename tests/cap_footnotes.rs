//! The footnotes under the terminal's scores table name the projects each
//! cap applies to once more than one grade is capped: the first five ids,
//! then a count.

use crate::common::{Workdir, stderr, stdout};

const HEADER: &str = "Project ID,Project Name,Monthly Compute Cost,Monthly Benefit,\
    Benefit Metric,Providers,Model Providers,Interaction Pattern,Multi Step,Stateful,\
    Systems Integrated,Autonomy,Proprietary Data";

/// A diversified workflow agent whose ratio is `benefit` / 10,000.
fn agent(id: &str, benefit: u32) -> String {
    format!(
        "{id},Agent {id},10000,{benefit},efficiency,aws:40; azure:35; gcp:25,\
         anthropic:50; openai:50,workflow_agent,yes,yes,3,approve_outcome,yes"
    )
}

/// The lines under the table that start with `*`.
fn footnotes(wd: &Workdir, rows: &[String]) -> Vec<String> {
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    wd.write("capped.csv", csv);
    let out = wd.run(&[
        "score",
        "capped.csv",
        "-o",
        "graded.xlsx",
        "--as-of",
        "2026-01-31",
        "--no-scenarios",
        "--no-simulation",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .filter(|l| l.starts_with('*'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn many_capped_grades_are_named_five_then_counted() {
    let wd = Workdir::new();
    // Ratio 2.9:1 warns (capped at B); 1.5:1 fails (capped at C).
    let mut rows: Vec<String> = (1..=7)
        .map(|i| agent(&format!("WRN-{i}"), 29_000))
        .collect();
    rows.push(agent("FLD-1", 15_000));
    assert_eq!(
        footnotes(&wd, &rows),
        [
            "* capped at B: the ROI check warns, whatever the total \
             (WRN-1, WRN-2, WRN-3, WRN-4, WRN-5 and 2 more)",
            "* capped at C: the ROI check fails, whatever the total (FLD-1)",
        ]
    );
}

#[test]
fn a_single_capped_grade_keeps_the_plain_footnote() {
    let wd = Workdir::new();
    let rows = [agent("WRN-1", 29_000), agent("PAS-1", 50_000)];
    assert_eq!(
        footnotes(&wd, &rows),
        ["* capped at B: the ROI check warns, whatever the total"]
    );
}
