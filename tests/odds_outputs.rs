//! The simulated odds of 3:1 where people read them: the report's ROI
//! block and its summary's "Odds of 3:1" part (HTML and Markdown), the
//! Summary sheet's "Odds of 3:1" section, and the Odds sheet's chart, whose
//! points at 0% share one label rather than printing over one another. The
//! words are those of the console's line, from one owner.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::{Workdir, run_at_root, stderr, zip_entry};

const AS_OF: &str = "2026-01-31";

/// Scores the sample workbook into `wd` (workbook, HTML and Markdown reports);
/// stderr.
fn score_sample(wd: &Workdir) -> String {
    let path = |name: &str| wd.path(name).to_str().expect("UTF-8").to_owned();
    let (graded, html, md) = (path("graded.xlsx"), path("audit.html"), path("audit.md"));
    // The sample scored with `flags`, the workbook to `graded` and the
    // report to `report`; the exit code is 0.
    let score = |flags: &[&str], graded: &str, report: &str| {
        let mut args = vec!["score", "samples/portfolio.xlsx", "--as-of", AS_OF];
        args.extend_from_slice(flags);
        args.extend(["-o", graded, "--report", report]);
        let out = run_at_root(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        out
    };
    let out = score(&[], &graded, &html);
    score(&["-q"], &path("graded2.xlsx"), &md);
    stderr(&out)
}

#[test]
fn the_report_gives_each_projects_odds_and_the_portfolios_in_the_consoles_words() {
    let wd = Workdir::new();
    let err = score_sample(&wd);
    // FIN-001: 84.7% of 10,000 draws reach 3:1 (the JSON's 0.847).
    let fin = "P(3:1) 84.7%; ratio P10 2.85, P50 3.61, P90 4.33 (assumed ranges, 10,000 draws)";
    let portfolio = "1.6 (P10–P90 1–3)";
    assert!(
        err.contains(&format!("expected validated projects: {portfolio}")),
        "{err}"
    );
    let html = std::fs::read_to_string(wd.path("audit.html")).expect("the report");
    assert!(
        html.contains(&format!("<strong>Odds:</strong> {fin}.")),
        "no odds line"
    );
    assert!(html.contains("<h3 id=\"odds\">Odds of 3:1</h3>"));
    assert!(html.contains(&format!(
        "Expected validated projects: <strong>{portfolio}</strong>, simulated with 10,000 \
         draws a project, seed 17."
    )));
    assert!(
        html.contains("10 of 13 projects drawn, assumed ranges for 10, intake estimates for 0")
    );
    assert!(html.contains("<code>airoi explain confidence</code>"));
    // A project not drawn (its benefit is not quantified) has no odds line.
    let hr = &html[html.find("HR-003 — ").expect("HR-003's page")..];
    let hr = &hr[..hr.find("<section").unwrap_or(hr.len())];
    assert!(!hr.contains("<strong>Odds:</strong>"));
    // One odds line a drawn project.
    assert_eq!(html.matches("<strong>Odds:</strong> P(3:1)").count(), 10);

    let md = std::fs::read_to_string(wd.path("audit.md")).expect("the Markdown report");
    assert!(
        md.contains(&format!("Odds: {fin}.")),
        "no odds line in Markdown"
    );
    assert!(md.contains(&format!("Expected validated projects: **{portfolio}**")));
    assert!(md.contains("`airoi explain confidence`"));
}

#[test]
fn the_summary_sheet_has_the_odds_section_beside_the_others() {
    let wd = Workdir::new();
    score_sample(&wd);
    let mut book: Xlsx<_> = open_workbook(wd.path("graded.xlsx")).expect("the workbook");
    let summary = book.worksheet_range("Summary").expect("Summary");
    let rows: Vec<Vec<String>> = summary
        .rows()
        .map(|r| {
            r.iter()
                .take(2)
                .map(|c| match c {
                    Data::Float(f) => format!("{f:.4}"),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let at = rows
        .iter()
        .position(|r| r[0] == "Odds of 3:1")
        .expect("an Odds of 3:1 section");
    let mix = rows
        .iter()
        .position(|r| r[0] == "Provider mix (compute-weighted)")
        .expect("the provider mix");
    assert!(mix < at, "the odds follow the provider mix");
    assert_eq!(rows[at + 1], ["Expected validated projects", "1.6127"]);
    assert_eq!(rows[at + 2], ["Validated, P10–P90", "1–3"]);
    assert_eq!(
        rows[at + 3],
        ["Simulated with", "10,000 draws a project, seed 17"]
    );
    assert_eq!(rows[at + 4][0], "Per project");
    assert!(rows[at + 4][1].contains("Odds sheet"), "{:?}", rows[at + 4]);
}

#[test]
fn the_odds_chart_names_each_point_once_and_groups_those_at_zero() {
    let wd = Workdir::new();
    score_sample(&wd);
    let book = wd.path("graded.xlsx");
    let odds = (1..=8)
        .map(|n| format!("xl/charts/chart{n}.xml"))
        .filter_map(|name| {
            std::fs::File::open(&book)
                .ok()
                .and_then(|f| zip::ZipArchive::new(f).ok())
                .filter(|z| z.index_for_name(&name).is_some())
                .map(|_| zip_entry(&book, &name))
        })
        .find(|xml| xml.contains("Probability of 3:1 against compute spend"))
        .expect("the odds chart");
    // The labels' texts, in order.
    let labels: Vec<&str> = odds
        .split("<a:t>")
        .skip(1)
        .filter_map(|s| s.split("</a:t>").next())
        .filter(|t| t.contains('-') && !t.contains(' ') || t.contains(", "))
        .collect();
    // The five projects at 0% between $100,000 and $300,000 share one label,
    // listing them left to right; the others are named alone.
    assert!(
        labels.contains(&"SAL-010, ENG-012, FIN-009, DOC-013 and 1 more"),
        "{labels:?}"
    );
    for id in ["FIN-001", "OPS-002", "CS-006", "PRC-011", "LEG-005"] {
        assert_eq!(
            labels.iter().filter(|l| **l == id).count(),
            1,
            "{id}: {labels:?}"
        );
    }
    // Every drawn project is on exactly one label or counted in one.
    assert_eq!(labels.len(), 6, "{labels:?}");
}
