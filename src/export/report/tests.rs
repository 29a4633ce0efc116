//! The audit report rendered from the exporters' hand-built run: the
//! arithmetic line, escaping in both formats, determinism and templates.

use std::fmt::Write as _;
use std::sync::Arc;

use super::project::arithmetic;
use super::{ReportFormat, check_template, markdown_text, render_report};
use crate::export::fixture::graded_run;
use crate::model::{GradedRun, Status};
use crate::rules::engine::score_project;
use crate::rules::{default_ruleset, testing::worked_example};

fn render(run: &Arc<GradedRun>, format: ReportFormat, template: Option<&str>) -> String {
    let mut out = Vec::new();
    let path = std::path::Path::new("audit.md");
    render_report(run, format, template, None, path, &mut out).expect("the report renders");
    String::from_utf8(out).expect("the report is UTF-8")
}

fn hostile_run() -> Arc<GradedRun> {
    let mut run = graded_run();
    run.scorecard.projects[0].project.project_name = "<script>alert(1)</script>".into();
    run.scorecard.projects[0].project.business_unit = Some("a|b\nc".into());
    Arc::new(run)
}

#[test]
fn worked_example_arithmetic_is_the_specs() {
    let ruleset = default_ruleset();
    let score = score_project(worked_example(), &ruleset);
    assert_eq!(
        arithmetic(&score, &ruleset.weights),
        "0.50 × 100.0 + 0.25 × 96.0 + 0.25 × 80.0 = 94.0 → A"
    );
}

#[test]
fn a_capped_grade_shows_its_gate() {
    let run = graded_run();
    let gated = run
        .scorecard
        .projects
        .iter()
        .find(|s| s.gate.is_some())
        .expect("the fixture has a gated project");
    let line = arithmetic(gated, &run.ruleset.weights);
    let gate = gated.gate.as_ref().expect("gate");
    let verb = match gated.findings[0].status {
        Status::Warn => "warns",
        _ => "fails",
    };
    assert!(
        line.ends_with(&format!(
            "= {:.1} → {}; the ROI check {verb} → capped at {}",
            gated.total,
            gate.from.letter(),
            gate.to.letter()
        )),
        "{line}"
    );
}

#[test]
fn markdown_text_neutralises_markup_and_formulas() {
    assert_eq!(markdown_text("plain words"), "plain words");
    assert_eq!(markdown_text("a|b"), r"a\|b");
    assert_eq!(
        markdown_text("line\r\nbreak\nand\rmore"),
        "line break and more"
    );
    assert_eq!(markdown_text("+CC-200"), r"\+CC-200");
    assert_eq!(markdown_text("-5"), r"\-5");
    assert_eq!(markdown_text("@cfo"), r"\@cfo");
    assert_eq!(markdown_text("[x](http://e.com)"), r"\[x\](http\://e.com)");
    assert_eq!(markdown_text("see www.e.com"), r"see www\.e.com");
    assert_eq!(markdown_text("1. first"), r"1\. first");
    assert_eq!(markdown_text("2.5"), "2.5");
    assert_eq!(markdown_text("**bold** `code`"), r"\*\*bold\*\* \`code\`");
}

#[test]
fn html_escapes_everything_from_the_inputs() {
    let html = render(&hostile_run(), ReportFormat::Html, None);
    assert!(!html.contains("<script"), "a script tag survived");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(html.contains("=HYPERLINK(&quot;http:&#x2f;&#x2f;x&quot;,&quot;Policy Q&amp;A&quot;)"));
    assert!(!html.contains("<a href=\"http"));
}

#[test]
fn markdown_neutralises_everything_from_the_inputs() {
    let md = render(&hostile_run(), ReportFormat::Markdown, None);
    assert!(!md.contains("<script>"));
    assert!(md.contains(r"\<script\>alert(1)\</script\>"));
    assert!(md.contains(r#"\=HYPERLINK("http\://x","Policy Q\&A")"#));
    assert!(md.contains(r"a\|b c"));
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.matches(" | ").count();
        assert!(cells < 12, "a table row has stray cells: {line}");
    }
}

#[test]
fn renders_are_deterministic() {
    let run = Arc::new(graded_run());
    for format in [ReportFormat::Html, ReportFormat::Markdown] {
        assert_eq!(render(&run, format, None), render(&run, format, None));
    }
}

#[test]
fn a_custom_template_replaces_the_built_in_one() {
    let run = Arc::new(graded_run());
    let template = "{% for p in projects %}{{ p.id }}={{ p.grade }};{% endfor %}";
    let out = render(&run, ReportFormat::Markdown, Some(template));
    let expected = run
        .scorecard
        .projects
        .iter()
        .fold(String::new(), |mut out, s| {
            let _ = write!(
                out,
                "{}={};",
                markdown_text(&s.project.project_id),
                s.grade.letter()
            );
            out
        });
    assert_eq!(out, expected);
}

#[test]
fn a_broken_template_is_caught_before_rendering() {
    let err = check_template(ReportFormat::Html, "{% for p in projects %}").unwrap_err();
    assert!(err.to_string().contains("report.html"), "{err}");
}

#[test]
fn the_report_path_picks_the_format_in_any_case() {
    use std::path::Path;
    let format = |p: &str| ReportFormat::from_path(Path::new(p));
    assert_eq!(format("a/audit.HTML"), Some(ReportFormat::Html));
    assert_eq!(format("audit.htm"), Some(ReportFormat::Html));
    assert_eq!(format("audit.md"), Some(ReportFormat::Markdown));
    assert_eq!(format("audit.pdf"), None);
    assert_eq!(format("audit"), None);
}
