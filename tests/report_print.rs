//! The audit report as it prints and as its charts read: the HTML's print
//! rules (no fixed page size, no forced page breaks, headings kept with
//! what follows), paths that break after their separators, the scatter's
//! labelled points and chart text inside each SVG's view box.

use quick_xml::events::{BytesStart, Event};
use serde_json::Value;

use crate::common::{Workdir, root, stderr};

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
