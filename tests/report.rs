//! `airoi score --report`: the audit report of real inputs, in both formats.
//!
//! Runs from the crate root with relative input paths, as the committed
//! sample report was made, so no machine's folders leak into a snapshot.

use std::fmt::Write as _;
use std::process::Output;

use airoi::export::report::markdown_text;
use assert_cmd::Command;
use quick_xml::events::Event;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::{Workdir, root, stderr};

const SAMPLE: &str = "samples/portfolio.xlsx";
const MESSY: &str = "tests/fixtures/intake/messy_finance.xlsx";
const AS_OF: &str = "2026-01-31";

/// Runs `airoi score INPUTS --as-of AS_OF -o <tmp> EXTRA` from the crate root.
fn score(wd: &Workdir, inputs: &[&str], extra: &[&str]) -> Output {
    let workbook = wd.path("graded.xlsx");
    Command::cargo_bin("airoi")
        .expect("the airoi binary")
        .current_dir(root())
        .arg("score")
        .args(inputs)
        .args(["--as-of", AS_OF, "-q", "-o"])
        .arg(&workbook)
        .args(extra)
        .output()
        .expect("airoi runs")
}

/// The report (and JSON) of `inputs`, written into `wd`.
fn report(wd: &Workdir, inputs: &[&str], name: &str) -> (String, Value) {
    let (out, json) = (wd.path(name), wd.path(&format!("{name}.json")));
    let run = score(
        wd,
        inputs,
        &[
            "--report",
            &out.to_string_lossy(),
            "--json",
            &json.to_string_lossy(),
        ],
    );
    assert!(
        run.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&run)
    );
    let text = std::fs::read_to_string(&out).expect("the report was written");
    let json = serde_json::from_slice(&std::fs::read(&json).expect("JSON")).expect("valid JSON");
    (text, json)
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

fn json_str<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

#[test]
fn sample_markdown_report_snapshot() {
    let wd = Workdir::new();
    let (md, _) = report(&wd, &[SAMPLE], "audit.md");
    insta::assert_snapshot!("sample_markdown_report", md);
}

#[test]
fn every_project_and_rejected_row_appears_in_both_formats() {
    let wd = Workdir::new();
    let inputs = [SAMPLE, MESSY];
    let (md, json) = report(&wd, &inputs, "audit.md");
    let (html, _) = report(&wd, &inputs, "audit.html");
    let projects = json["projects"].as_array().expect("projects");
    let rejected = json["rejected"].as_array().expect("rejected");
    assert!(projects.len() > 13 && !rejected.is_empty());
    for p in projects {
        let id = json_str(p, "project_id");
        assert!(
            md.contains(&format!("| {} ", markdown_text(id))),
            "{id} missing in md"
        );
        assert!(
            html.contains(&format!(">{}</a>", html_escape(id))),
            "{id} missing in html"
        );
    }
    assert!(md.contains(&format!("Rejected rows ({})", rejected.len())));
    for r in rejected {
        let (cell, message) = (json_str(r, "cell"), json_str(r, "message"));
        let md_line = format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            markdown_text(json_str(r, "file")),
            markdown_text(json_str(r, "sheet")),
            r["row"],
            markdown_text(cell),
            markdown_text(json_str(r, "column")),
            markdown_text(json_str(r, "value")),
            markdown_text(message),
        );
        assert!(md.contains(&md_line), "missing in md: {md_line}");
        assert!(
            html.contains(&html_escape(message)),
            "missing in html: {message}"
        );
    }
}

/// `0.50 × 100.0 + 0.25 × 96.0 + 0.25 × 80.0 = 94.0 → A[; roi fails → capped at C (key)]`
#[test]
fn every_arithmetic_line_recomputes_from_the_json() {
    let wd = Workdir::new();
    let (md, json) = report(&wd, &[SAMPLE, MESSY], "audit.md");
    let weights = airoi::rules::default_ruleset().weights;
    let lines: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("Total: "))
        .collect();
    let projects = json["projects"].as_array().expect("projects");
    assert_eq!(lines.len(), projects.len());
    let mut gates = 0;
    for (line, p) in lines.iter().zip(projects) {
        let (sum, rest) = line.split_once(" = ").expect("an equals sign");
        let (total, grade) = rest.split_once(" → ").expect("an arrow");
        let terms: Vec<(f64, f64)> = sum
            .split(" + ")
            .map(|t| {
                let (w, s) = t.split_once(" × ").expect("a product");
                (w.parse().expect("weight"), s.parse().expect("score"))
            })
            .collect();
        let checks = &p["checks"];
        let expected = [
            (weights.roi, checks["roi"]["score"].as_f64()),
            (
                weights.diversification,
                checks["diversification"]["score"].as_f64(),
            ),
            (weights.agentic, checks["agentic"]["score"].as_f64()),
        ];
        for ((w, s), (ew, es)) in terms.iter().zip(expected) {
            assert!((w - ew).abs() < 1e-12 && Some(*s) == es, "{line}");
        }
        let total: f64 = total.parse().expect("total");
        let recomputed: f64 = terms.iter().map(|(w, s)| w * s).sum();
        assert!(
            (total - p["total"].as_f64().expect("total")).abs() < 1e-9,
            "{line}"
        );
        assert!(
            ((recomputed * 10.0).round() / 10.0 - total).abs() < 1e-9,
            "{line}"
        );
        let final_grade = match p["gate"].as_object() {
            None => grade.to_owned(),
            Some(gate) => {
                gates += 1;
                let to = gate["to"].as_str().expect("gate.to");
                assert!(
                    grade.starts_with(gate["from"].as_str().expect("from")),
                    "{line}"
                );
                // The roi check's status says why, in words: no ruleset key.
                let verb = match gate["key"].as_str() {
                    Some("max_grade_if_warn") => "warns",
                    _ => "fails",
                };
                let escaped = markdown_text(&format!("the ROI check {verb} → capped at {to}"));
                assert!(grade.ends_with(&escaped), "{line}");
                to.to_owned()
            }
        };
        assert_eq!(&final_grade[..1], json_str(p, "grade"), "{line}");
    }
    assert!(gates > 0, "the sample has gated grades");
}

#[test]
fn html_is_well_formed_and_self_contained() {
    let wd = Workdir::new();
    let (html, _) = report(&wd, &[SAMPLE, MESSY], "audit.html");
    assert_well_formed(&html);
    let lower = html.to_ascii_lowercase();
    for bad in ["src=", "href=\"http", "<script", "<link", "@import", "url("] {
        assert!(
            !lower.contains(bad),
            "the report refers outside itself: {bad}"
        );
    }
    assert!(html.matches("<svg").count() >= 3 + 15, "charts are inline");
}

/// Parses `html` as XML: every element closed, in order, one root.
fn assert_well_formed(html: &str) {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut depth = 0usize;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(Event::GeneralRef(r)) => {
                let name = r.into_inner().into_owned();
                assert!(
                    name.starts_with('#') || ["amp", "lt", "gt", "quot", "apos"].contains(&&*name),
                    "an entity XML does not know: &{name};"
                );
            }
            Ok(_) => {}
            Err(e) => panic!("not well formed at {}: {e}", reader.error_position()),
        }
    }
    assert_eq!((depth, roots), (0, 1));
}

#[test]
fn input_text_cannot_become_markup_or_a_formula() {
    let wd = Workdir::new();
    let sample = std::fs::read_to_string(root().join("samples/portfolio.csv")).expect("csv");
    let hostile = sample
        .replacen("Invoice matching agent", "<script>alert(1)</script>", 1)
        .replacen(
            "Supply chain exception agent",
            "\"=HYPERLINK(\"\"x\"\")\"",
            1,
        );
    let input = wd.write("hostile.csv", hostile);
    let input = input.to_string_lossy();
    let (html, _) = report(&wd, &[&input], "audit.html");
    let (md, _) = report(&wd, &[&input], "audit.md");
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(html.contains("=HYPERLINK(&quot;x&quot;)"));
    assert_well_formed(&html);
    assert!(!md.contains("<script>"));
    assert!(md.contains(r"\<script\>alert(1)\</script\>"));
    assert!(md.contains(r#"\=HYPERLINK("x")"#));
    assert!(!md.contains("| =HYPERLINK"));
}

#[test]
fn reports_are_byte_identical_across_runs() {
    let wd = Workdir::new();
    for name in ["a.html", "a.md"] {
        let (first, _) = report(&wd, &[SAMPLE, MESSY], name);
        let (second, _) = report(&wd, &[SAMPLE, MESSY], name);
        assert!(first == second, "{name} differs between runs");
    }
}

#[test]
fn a_report_template_replaces_the_built_in_one_and_is_recorded() {
    let wd = Workdir::new();
    let template = "sha={{ run.template_sha256 }}\n{% for p in projects %}{{ p.id }} {{ p.grade }}\n{% endfor %}";
    let file = wd.write("tiny.md.j2", template);
    // Computed here, not by airoi, so a wrong hash in the run record shows.
    let sha = Sha256::digest(template.as_bytes())
        .iter()
        .fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
    let (out, json) = report(
        &wd,
        &[SAMPLE, "--report-template", &file.to_string_lossy()],
        "custom.md",
    );
    assert!(
        out.starts_with(&format!("sha={sha}\nFIN-001 A\nOPS-002 A\n")),
        "{out}"
    );
    assert_eq!(out.lines().count(), 14);
    assert_eq!(json["run"]["report_template_sha256"], sha.as_str());
    let (_, plain) = report(&wd, &[SAMPLE], "plain.md");
    assert!(plain["run"].get("report_template_sha256").is_none());
}

#[test]
fn an_unknown_report_extension_or_broken_template_is_a_usage_error() {
    let wd = Workdir::new();
    let out = score(&wd, &[SAMPLE], &["--report", "audit.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(".html, .htm or .md"),
        "{}",
        stderr(&out)
    );
    assert!(!wd.path("graded.xlsx").exists(), "nothing is written");
    let broken = wd.write("broken.j2", "{% for p in projects %}");
    let report = wd.path("audit.html");
    let out = score(
        &wd,
        &[SAMPLE],
        &[
            "--report",
            &report.to_string_lossy(),
            "--report-template",
            &broken.to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.j2"), "{}", stderr(&out));
    assert!(!report.exists() && !wd.path("graded.xlsx").exists());
}

/// `samples/portfolio.audit.html` is what `airoi score samples/portfolio.xlsx
/// --as-of 2026-01-31 --report ...` writes today. `AIROI_BLESS=1` rewrites it.
#[test]
fn committed_sample_report_is_current() {
    let wd = Workdir::new();
    let (html, _) = report(&wd, &[SAMPLE], "audit.html");
    let committed = root().join("samples/portfolio.audit.html");
    if std::env::var_os("AIROI_BLESS").is_some() {
        std::fs::write(&committed, &html).expect("bless the sample report");
    }
    let current = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        current == html,
        "samples/portfolio.audit.html is stale; rerun with AIROI_BLESS=1"
    );
}
