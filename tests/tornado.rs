//! Each project's tornado (which input moves its ratio most) through the
//! real binary: the JSON's swings against a direct recomputation of the
//! spec's worked example (FIN-001), the chart drawn from them (bars widest
//! first, top down; the target and warn lines where the axis puts 3:1 and
//! 2:1; the ratios at the bars' ends), the HTML report's ROI block, and the
//! Markdown report's chart file, re-drawn and compared by `verify`.

// Pixel positions are whole numbers in the SVG: compared exactly.
#![allow(clippy::float_cmp)]

use serde_json::Value;

use crate::common::{Workdir, project, stdout};
use crate::report_print::{report, sample};

/// One `<text>` of an SVG: where it is drawn and what it says.
#[derive(Debug)]
struct Label {
    x: f64,
    y: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let tag = format!(" {tag}");
    let at = tag.find(&format!(" {name}=\"")).expect("the attribute") + name.len() + 3;
    let end = at + tag[at..].find('"').expect("a closed value");
    tag[at..end].parse().expect("a number")
}

fn texts(svg: &str) -> Vec<Label> {
    svg.split("<text ")
        .skip(1)
        .map(|part| {
            let (tag, rest) = part.split_once('>').expect("a closed tag");
            let text = rest.split("</text>").next().expect("a text").trim();
            Label {
                x: attr(tag, "x"),
                y: attr(tag, "y"),
                text: text.to_owned(),
            }
        })
        .collect()
}

fn find<'a>(texts: &'a [Label], text: &str) -> &'a Label {
    texts
        .iter()
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("no {text:?} in {texts:?}"))
}

/// The x of every vertical line drawn in `color`.
fn vertical_lines(svg: &str, color: &str) -> Vec<f64> {
    svg.split("<polyline ")
        .skip(1)
        .filter(|p| p.contains(&format!("stroke=\"{color}\"")))
        .filter_map(|p| {
            let points = p.split("points=\"").nth(1)?.split('"').next()?;
            let xs: Vec<f64> = points
                .split_whitespace()
                .filter_map(|xy| xy.split(',').next()?.parse().ok())
                .collect();
            (xs.len() == 2 && xs[0] == xs[1]).then_some(xs[0])
        })
        .collect()
}

fn swings(json: &Value, id: &str) -> Vec<(String, f64, f64)> {
    project(json, id)["margins"]["tornado"]["swings"]
        .as_array()
        .expect("swings")
        .iter()
        .map(|s| {
            (
                s["input"].as_str().expect("an input").to_owned(),
                s["ratio_at_low"].as_f64().expect("a ratio"),
                s["ratio_at_high"].as_f64().expect("a ratio"),
            )
        })
        .collect()
}

#[test]
fn the_worked_examples_swings_are_recomputed_by_hand_widest_first() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let (_, json) = report(&wd, &[input], "audit.html");
    // FIN-001: 800,000 of benefit on 195,000 of compute (15,000 upfront),
    // assumed ranges benefit -40%/+20%, compute -10%/+30%; 3 months late
    // (the default scenario's delay) months 1–15 hold 650,000 of benefit.
    let expect = [
        (
            "monthly_benefit",
            480_000.0 / 195_000.0,
            960_000.0 / 195_000.0,
        ),
        (
            "monthly_compute",
            800_000.0 / 177_000.0,
            800_000.0 / 249_000.0,
        ),
        (
            "benefit_delay",
            800_000.0 / 195_000.0,
            650_000.0 / 195_000.0,
        ),
        (
            "upfront_compute",
            800_000.0 / 193_500.0,
            800_000.0 / 199_500.0,
        ),
    ];
    let got = swings(&json, "FIN-001");
    assert_eq!(got.len(), expect.len(), "{got:?}");
    for ((input, lo, hi), (want, wlo, whi)) in got.iter().zip(expect) {
        assert_eq!(input, want);
        assert!(
            (lo - wlo).abs() < 1e-9 && (hi - whi).abs() < 1e-9,
            "{input}: {lo} {hi}"
        );
    }
    let tornado = &project(&json, "FIN-001")["margins"]["tornado"];
    assert!((tornado["ratio"].as_f64().expect("a ratio") - 800_000.0 / 195_000.0).abs() < 1e-12);
    // Every project's swings, widest first; a project without margins has
    // no tornado.
    for p in json["projects"].as_array().expect("projects") {
        let id = p["project_id"].as_str().expect("an id");
        if p["margins"]["reason"].is_null() {
            let widths: Vec<f64> = swings(&json, id)
                .iter()
                .map(|s| (s.2 - s.1).abs())
                .collect();
            assert!(widths.windows(2).all(|w| w[0] >= w[1]), "{id}: {widths:?}");
        } else {
            assert!(p["margins"]["tornado"].is_null(), "{id}");
        }
    }
}

#[test]
fn the_chart_stacks_the_bars_widest_first_with_the_target_and_warn_lines() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let (md, json) = report(&wd, &[input], "audit.md");
    let file = "audit.charts/project-1-FIN-001.tornado.svg";
    assert!(
        md.contains(&format!("![What moves the ratio most]({file})")),
        "not linked"
    );
    let svg = std::fs::read_to_string(wd.path(file)).expect("FIN-001's tornado");
    let t = texts(&svg);
    // The inputs' names, top down, in the JSON's order (widest first).
    let names = [
        "Monthly benefit -40% / +20%",
        "Monthly compute -10% / +30%",
        "First benefit 0 / 3 months late",
        "Upfront compute -10% / +30%",
    ];
    let ys: Vec<f64> = names.iter().map(|n| find(&t, n).y).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
    assert_eq!(swings(&json, "FIN-001")[0].0, "monthly_benefit");
    // The ratios at the ends of the widest bar, on its row.
    for end in ["2.46", "4.92"] {
        assert!(
            (find(&t, end).y - ys[0]).abs() < 1.0,
            "{end} is off its bar"
        );
    }
    // The target (red) and warn (amber) lines stand where the axis marks
    // 3:1 and 2:1, and are named above the bars; the graded ratio's line too.
    let axis = |label: &str| {
        t.iter()
            .filter(|x| x.text == label)
            .max_by(|a, b| a.y.total_cmp(&b.y))
            .expect("an axis label")
            .x
    };
    assert!(
        vertical_lines(&svg, "#C0392B").contains(&axis("3:1")),
        "no target line"
    );
    assert!(
        vertical_lines(&svg, "#D98C1F").contains(&axis("2:1")),
        "no warn line"
    );
    assert!(
        t.iter().any(|x| x.text == "3:1" && x.y < ys[0]),
        "the target is not named"
    );
    assert!(
        t.iter().any(|x| x.text == "4.10:1" && x.y < ys[0]),
        "the ratio is not named"
    );

    // verify re-draws the tornado and notices it changed.
    let out = wd.run(&["verify", "audit.md"]);
    assert!(
        stdout(&out).contains("reproduced exactly"),
        "{}",
        stdout(&out)
    );
    std::fs::write(wd.path(file), svg.replacen("4.92", "5.92", 1)).expect("an altered chart");
    let out = wd.run(&["verify", "audit.md"]);
    let text = stdout(&out);
    assert!(
        text.contains("NOT reproduced") && text.contains("FIN-001.tornado.svg"),
        "{text}"
    );
}

#[test]
fn the_html_report_draws_the_tornado_in_the_roi_block_of_projects_with_margins() {
    let wd = Workdir::new();
    let input = sample(&wd);
    let (html, json) = report(&wd, &[input], "audit.html");
    let section = |id: &str| {
        let at = html.find(&format!("<h2>{id} — ")).expect("a project page");
        let rest = &html[at..];
        rest[..rest[4..].find("<section").map_or(rest.len(), |e| e + 4)].to_owned()
    };
    let fin = section("FIN-001");
    let roi = &fin[fin.find("<h3>ROI quantifiable").expect("the ROI block")..];
    let roi = &roi[..roi.find("<table").expect("the ROI figures")];
    assert!(
        roi.contains("<svg") && roi.contains("Monthly benefit -40% / +20%"),
        "{roi}"
    );
    // HR-003's benefit is not quantified: no margins, no tornado.
    assert!(!project(&json, "HR-003")["margins"]["reason"].is_null());
    assert!(!section("HR-003").contains("First benefit 0 / 3 months late"));
}
