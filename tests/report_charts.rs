//! The audit report's charts: text inside each SVG's view box, the
//! scatter's labelled points, and the Markdown report's charts written
//! beside it, linked, replaced and verified.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::common::{Workdir, fixture, stderr, stdout};
use crate::report_print::{AS_OF, report, sample};

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

/// How many charts a Markdown report of `json`'s run links: the
/// portfolio's three, one a project and a tornado a project with margins.
fn charts_of(json: &serde_json::Value) -> usize {
    let projects = json["projects"].as_array().expect("projects");
    let tornadoes = projects
        .iter()
        .filter(|p| !p["margins"]["tornado"].is_null())
        .count();
    3 + projects.len() + tornadoes
}

fn assert_links_resolve(dir: &Path, md: &str, charts: usize) {
    let links = image_links(md);
    assert_eq!(links.len(), charts, "{links:?}");
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
    let charts = charts_of(&json);
    assert_links_resolve(wd.dir(), &md, charts);
    assert!(md.contains("](Q1%20audit%20%28draft%29.charts/portfolio-return.svg)"));

    // Someone's own file in the folder stays; a chart of a project the
    // report no longer has goes.
    let folder = wd.path("Q1 audit (draft).charts");
    std::fs::write(folder.join("notes.txt"), "mine").expect("a file of the user's");
    std::fs::write(folder.join("project-99-OLD-1.svg"), "<svg/>").expect("a stale chart");
    let (again, _) = report(&wd, &[input], name);
    assert_eq!(again, md, "the same run writes the same report");
    assert_links_resolve(wd.dir(), &again, charts);
    assert_eq!(
        std::fs::read_to_string(folder.join("notes.txt")).expect("kept"),
        "mine"
    );
    assert!(!folder.join("project-99-OLD-1.svg").exists());
    let count = std::fs::read_dir(&folder).expect("the folder").count();
    assert_eq!(count, charts + 1, "its charts and the user's file");

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
