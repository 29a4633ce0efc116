//! The audit report as it prints: the HTML's print rules (no fixed page
//! size, no forced page breaks, headings kept with what follows), paths
//! that break after their separators, and the months of explicit cash flows
//! kept out of a project's section, in an appendix, so it keeps its budget.

use serde_json::Value;

use crate::common::{Workdir, root, stderr};

pub const AS_OF: &str = "2026-01-31";

/// Scores `inputs` in `wd` into a report named `name` and its JSON.
pub fn report(wd: &Workdir, inputs: &[&str], name: &str) -> (String, Value) {
    let mut args = vec![
        "score",
        "--as-of",
        AS_OF,
        "-q",
        "-o",
        "graded.xlsx",
        "--json",
        "run.json",
        "--report",
        name,
    ];
    args.extend_from_slice(inputs);
    let out = wd.run(&args);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let text = std::fs::read_to_string(wd.path(name)).expect("the report was written");
    let json = serde_json::from_slice(&std::fs::read(wd.path("run.json")).expect("JSON"))
        .expect("valid JSON");
    (text, json)
}

pub fn sample(wd: &Workdir) -> &'static str {
    wd.copy(&root().join("samples/portfolio.xlsx"), "portfolio.xlsx");
    "portfolio.xlsx"
}

/// The report's style sheet.
fn style(html: &str) -> &str {
    let start = html.find("<style>").expect("a style sheet");
    let end = html.find("</style>").expect("a closed style sheet");
    &html[start..end]
}

#[test]
fn html_prints_on_any_paper_with_headings_kept_with_what_follows() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let (html, _) = report(&wd, &[input], "audit.html");
    let css = style(&html);
    let page = &css[css.find("@page").expect("print margins")..];
    let page = &page[..page.find('}').expect("a closed @page rule")];
    assert!(!page.contains("size"), "A4 and Letter both print: {page}");
    // A forced break would leave the page before it nearly empty.
    assert!(!css.contains("break-before: page"), "{css}");
    for rule in [
        "h2, h3, h4 { break-after: avoid;",
        "tr, figure, .keep { break-inside: avoid;",
        "figure svg { width: 100%; height: auto;",
        "table.fixed { table-layout: fixed; }",
    ] {
        assert!(css.contains(rule), "the style sheet lost {rule:?}");
    }
    // Each project's heading, figures and chart are one block kept together.
    assert!(
        html.contains("<section class=\"project\" id=\"p-1\">\n<div class=\"keep\">\n<h2>"),
        "a project's heading is not kept with its figures"
    );
    // Each check's heading is kept with its explanation.
    assert!(html.contains("<div class=\"check\">\n<div class=\"keep\">\n<h3>"));
}

#[test]
fn long_paths_break_after_their_separators_not_inside_names() {
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path("finance_department_submissions/quarter_one_final"))
        .expect("folders");
    let input = "finance_department_submissions/quarter_one_final/portfolio.xlsx";
    wd.copy(&root().join("samples/portfolio.xlsx"), input);
    let (html, _) = report(&wd, &[input], "audit.html");
    let broken =
        "finance_department_submissions&#x2f;<wbr/>quarter_one_final&#x2f;<wbr/>portfolio.xlsx";
    // In the run record's inputs and on every project's source line.
    assert!(html.contains(&format!("<td>{broken}<br/>")), "inputs table");
    assert!(html.contains(&format!("Source: {broken}:<wbr/>Projects row 2")));
    // Each input's source cell, after the path and after the file.
    assert!(html.contains(&format!(
        "<td class=\"mono\">{broken}:<wbr/>Projects!G2</td>"
    )));
    // Names themselves are never split.
    assert!(!html.contains("finance_<wbr/>") && !html.contains("portfolio<wbr/>"));
}

#[test]
fn monthly_cash_flows_go_to_an_appendix_so_a_project_keeps_its_budget() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let (html, _) = report(&wd, &[input], "audit.html");
    let start = html
        .find("<section class=\"project\" id=\"p-9\">")
        .expect("FIN-009's section");
    let end = start + html[start..].find("</section>").expect("its end");
    let section = &html[start..end];
    assert!(section.contains("<h2>FIN-009 — "), "project 9 is FIN-009");
    assert!(
        section.contains(
            "<tr><td>cash flows</td><td colspan=\"3\">18 months, each with its source cell in <a href=\"#cf-9\">Appendix C</a></td></tr>"
        ),
        "{section}"
    );
    assert!(
        !section.contains("CashFlows!"),
        "no month is listed in the section"
    );
    let appendix = &html[html
        .find("<section class=\"appendix\" id=\"cash-flows\">")
        .expect("Appendix C")..];
    assert!(appendix.contains("<h3 id=\"cf-9\"><a href=\"#p-9\">FIN-009</a>"));
    for row in 2..=19 {
        assert!(
            appendix.contains(&format!("portfolio.xlsx:<wbr/>CashFlows!A{row}</td>")),
            "month in row {row}"
        );
    }
    let (md, _) = report(&wd, &[input], "audit.md");
    assert!(md.contains("| cash flows | 18 months, each with its source cell in Appendix C | | |"));
    assert!(md.contains("## Appendix C — Cash flows as read\n\n### 9. FIN-009 — "));
}
