//! The audit report as it prints and as its charts read: the HTML's print
//! rules (no fixed page size, no forced page breaks, headings kept with
//! what follows), paths that break after their separators, the scatter's
//! labelled points, chart text inside each SVG's view box, and the Markdown
//! report's charts written beside it, linked, replaced and verified.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use serde_json::Value;

use crate::common::{Workdir, fixture, root, stderr, stdout};

const AS_OF: &str = "2026-01-31";

/// Scores `inputs` in `wd` into a report named `name` and its JSON.
fn report(wd: &Workdir, inputs: &[&str], name: &str) -> (String, Value) {
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

fn sample(wd: &Workdir) -> &'static str {
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

/// One `<svg>` of the report: its view box and its text elements.
#[derive(Debug, Default)]
struct Svg {
    width: f64,
    height: f64,
    texts: Vec<SvgText>,
}

#[derive(Debug, Default)]
struct SvgText {
    x: f64,
    y: f64,
    size: f64,
    anchor: String,
    rotated: bool,
    text: String,
}

fn attr(e: &BytesStart, name: &str) -> String {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
        .unwrap_or_default()
}

/// Every SVG in `html`, in order.
fn svgs(html: &str) -> Vec<Svg> {
    let mut reader = quick_xml::Reader::from_str(html);
    let (mut out, mut current, mut text): (Vec<Svg>, Option<Svg>, Option<SvgText>) =
        (Vec::new(), None, None);
    loop {
        match reader.read_event().expect("well-formed HTML") {
            Event::Start(e) if e.name().as_ref() == "svg" => {
                let view: Vec<f64> = attr(&e, "viewBox")
                    .split(' ')
                    .map(|n| n.parse().expect("a number"))
                    .collect();
                assert_eq!(view[..2], [0.0, 0.0], "the view box starts at the origin");
                current = Some(Svg {
                    width: view[2],
                    height: view[3],
                    texts: Vec::new(),
                });
            }
            Event::Start(e) if e.name().as_ref() == "text" => {
                let num = |name: &str| attr(&e, name).parse::<f64>().expect("a number");
                text = Some(SvgText {
                    x: num("x"),
                    y: num("y"),
                    size: num("font-size"),
                    anchor: attr(&e, "text-anchor"),
                    rotated: attr(&e, "transform").starts_with("rotate("),
                    text: String::new(),
                });
            }
            Event::Text(t) => {
                if let Some(text) = text.as_mut() {
                    text.text.push_str(t.xml10_content().trim());
                }
            }
            Event::GeneralRef(_) => {
                // An escaped character counts as one of the text's width.
                if let Some(text) = text.as_mut() {
                    text.text.push('&');
                }
            }
            Event::End(e) if e.name().as_ref() == "text" => {
                if let (Some(svg), Some(t)) = (current.as_mut(), text.take()) {
                    svg.texts.push(t);
                }
            }
            Event::End(e) if e.name().as_ref() == "svg" => out.extend(current.take()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn chart_text_lies_inside_each_charts_view_box() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let (html, _) = report(&wd, &[input], "audit.html");
    let charts = svgs(&html);
    assert!(charts.len() >= 3 + 13, "{} charts", charts.len());
    for svg in &charts {
        for t in &svg.texts {
            // A generous width for a sans-serif face: 0.6 of the size per character.
            let len = t.text.chars().count() as f64 * 0.6 * t.size;
            let (lo, hi) = match t.anchor.as_str() {
                "end" => (-len, 0.0),
                "middle" => (-len / 2.0, len / 2.0),
                _ => (0.0, len),
            };
            let (along, room) = if t.rotated {
                (t.y, svg.height)
            } else {
                (t.x, svg.width)
            };
            assert!(
                along + lo >= 0.0 && along + hi <= room,
                "{:?} runs outside its chart's {} × {} view box",
                t,
                svg.width,
                svg.height
            );
            let across = if t.rotated { t.x } else { t.y };
            let room = if t.rotated { svg.width } else { svg.height };
            assert!(
                across >= 0.0 && across <= room,
                "{t:?} is outside its chart"
            );
        }
    }
}

#[test]
fn the_scatter_labels_each_project_with_a_ratio() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let (html, json) = report(&wd, &[input], "audit.html");
    let scatter = svgs(&html)
        .into_iter()
        .find(|s| s.texts.iter().any(|t| t.text.starts_with("return ratio")))
        .expect("the return-ratio scatter");
    let labels: Vec<&str> = scatter.texts.iter().map(|t| t.text.as_str()).collect();
    let plotted: Vec<&str> = json["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter(|p| !p["checks"]["roi"]["ratio"].is_null())
        .map(|p| p["project_id"].as_str().expect("an id"))
        .collect();
    assert_eq!(
        plotted.len(),
        12,
        "the sample plots every project with compute"
    );
    for id in plotted {
        assert!(labels.contains(&id), "{id} is not labelled: {labels:?}");
    }
}

/// The relative links of `![alt](link)` images in a Markdown text.
fn image_links(md: &str) -> Vec<String> {
    md.match_indices("](")
        .filter(|(i, _)| {
            md[..*i]
                .rfind("![")
                .is_some_and(|j| !md[j..*i].contains('\n'))
        })
        .map(|(i, _)| {
            let rest = &md[i + 2..];
            rest[..rest.find(')').expect("a closed link")].to_owned()
        })
        .collect()
}

fn percent_decoded(link: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = link.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(&tail[..2]).expect("hex");
            bytes.push(u8::from_str_radix(hex, 16).expect("a percent escape"));
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).expect("UTF-8")
}

fn assert_links_resolve(dir: &Path, md: &str, projects: usize) {
    let links = image_links(md);
    assert_eq!(links.len(), 3 + projects, "{links:?}");
    for link in &links {
        assert!(
            !link.starts_with('/') && !link.contains(".."),
            "{link} is relative"
        );
        let file = dir.join(percent_decoded(link));
        let svg = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{link} → {}: {e}", file.display()));
        assert!(
            svg.starts_with("<svg ") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""),
            "{link} is not an SVG"
        );
        assert!(svg.trim_end().ends_with("</svg>"), "{link} is cut short");
    }
}

#[test]
fn markdown_carries_its_charts_replaces_only_its_own_and_verifies() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let name = "Q1 audit (draft).md";
    let (md, json) = report(&wd, &[input], name);
    let projects = json["projects"].as_array().expect("projects").len();
    assert_links_resolve(wd.dir(), &md, projects);
    assert!(md.contains("](Q1%20audit%20%28draft%29.charts/portfolio-return.svg)"));

    // Someone's own file in the folder stays; a chart of a project the
    // report no longer has goes.
    let folder = wd.path("Q1 audit (draft).charts");
    std::fs::write(folder.join("notes.txt"), "mine").expect("a file of the user's");
    std::fs::write(folder.join("project-99-OLD-1.svg"), "<svg/>").expect("a stale chart");
    let (again, _) = report(&wd, &[input], name);
    assert_eq!(again, md, "the same run writes the same report");
    assert_links_resolve(wd.dir(), &again, projects);
    assert_eq!(
        std::fs::read_to_string(folder.join("notes.txt")).expect("kept"),
        "mine"
    );
    assert!(!folder.join("project-99-OLD-1.svg").exists());
    let count = std::fs::read_dir(&folder).expect("the folder").count();
    assert_eq!(count, 3 + projects + 1, "its charts and the user's file");

    let out = wd.run(&["verify", name]);
    assert!(
        stdout(&out).contains("reproduced exactly"),
        "{}",
        stdout(&out)
    );
    let chart = folder.join("project-3-HR-003.svg");
    let mut svg = std::fs::read_to_string(&chart).expect("HR-003's chart");
    svg = svg.replacen("cumulative benefit", "cumulative profit", 1);
    std::fs::write(&chart, svg).expect("an altered chart");
    let out = wd.run(&["verify", name]);
    let text = stdout(&out);
    assert!(text.contains("NOT reproduced"), "{text}");
    assert!(text.contains("project-3-HR-003.svg"), "{text}");
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn an_html_report_writes_no_chart_folder() {
    let wd = Workdir::new();
    let messy = fixture("intake/messy_finance.xlsx");
    wd.copy(&messy, "messy.xlsx");
    let (html, _) = report(&wd, &["messy.xlsx"], "audit.html");
    assert!(html.contains("<svg"));
    assert!(!wd.path("audit.charts").exists());
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

#[test]
fn a_file_in_the_way_of_the_chart_folder_stops_the_markdown_report() {
    let wd = Workdir::new();
    let input = sample(&wd);
    wd.write("audit.charts", "someone's notes");
    let out = wd.run(&[
        "score", "--as-of", AS_OF, "-q", input, "--report", "audit.md",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("audit.charts: a file of this name is in the way"),
        "{}",
        stderr(&out)
    );
    assert!(
        !wd.path("audit.md").exists(),
        "no report links to charts that are not there"
    );
    assert_eq!(
        std::fs::read_to_string(wd.path("audit.charts")).expect("kept"),
        "someone's notes"
    );
}
