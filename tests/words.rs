//! Words and numbers for people, through the binary: no internal id where a
//! person reads (the terminal, the report, `diff`, the workbook's tables),
//! verdicts and sentences that say what they mean, the terminal's mark on a
//! capped grade, and each figure written one way everywhere (money in whole
//! units, percents to one decimal), with the CSV as plain data.

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::common::{Workdir, fixture, project, root, stdout, zip_entry};

const AS_OF: &str = "2026-01-31";

/// Keys and ids of airoi's own that a person should never have to read:
/// fields, providers, ruleset keys, figure names and series kinds.
const IDS: &[&str] = &[
    "project_id",
    "project_name",
    "business_unit",
    "start_date",
    "upfront_compute_cost",
    "monthly_compute_cost",
    "compute_growth_pct",
    "monthly_benefit",
    "benefit_start_month",
    "benefit_ramp_months",
    "benefit_metric",
    "model_providers",
    "interaction_pattern",
    "multi_step",
    "systems_integrated",
    "proprietary_data",
    "compute_cost",
    "cash_flows",
    "on_prem",
    "llama_self_hosted",
    "in_house_model",
    "target_ratio",
    "warn_ratio",
    "horizon_months",
    "lookahead_months",
    "discount_rate",
    "single_source_pct",
    "concentrated_pct",
    "systems_min",
    "agent_min_capabilities",
    "chatbot_max_capabilities",
    "max_grade_if_warn",
    "max_grade_if_fail",
    "compute_total",
    "benefit_total",
    "parametric",
    "explicit",
    "hhi",
];

/// The ids of [`IDS`] that `text` names as words (Markdown's `\_` read as `_`).
fn ids_in(text: &str) -> Vec<&'static str> {
    let text = text.replace("\\_", "_");
    let words: std::collections::HashSet<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    IDS.iter()
        .copied()
        .filter(|id| words.contains(id))
        .collect()
}

/// The sample and a filled-in intake template with a cash-flow table,
/// scored with every output, and `diff` of the sample against both.
struct Outputs {
    wd: Workdir,
    console: String,
    diff: String,
}

fn outputs() -> Outputs {
    let wd = Workdir::new();
    let sample = root().join("samples/portfolio.xlsx");
    let sample = sample.to_str().expect("a UTF-8 path");
    let flows = wd.copy(&fixture("intake/filled_template.xlsx"), "units.xlsx");
    let flows = flows.to_str().expect("a UTF-8 path");
    // Each set of inputs twice: with the Markdown report and the JSON, CSV
    // and workbook, then with the HTML report.
    let score = |inputs: &[&str], name: &str, baseline: Option<&str>| {
        let mut console = String::new();
        for report in ["md", "html"] {
            let mut owned: Vec<String> = vec!["score".into(), "--as-of".into(), AS_OF.into()];
            owned.extend(inputs.iter().map(ToString::to_string));
            owned.extend(["--report".into(), format!("{name}.{report}")]);
            if report == "md" {
                for (flag, ext) in [("-o", "xlsx"), ("--json", "json"), ("--csv", "csv")] {
                    owned.extend([flag.to_string(), format!("{name}.{ext}")]);
                }
            } else {
                owned.extend(["-o".into(), format!("{name}.html.xlsx")]);
            }
            if let Some(b) = baseline {
                owned.extend(["--baseline".into(), b.to_string()]);
            }
            let args: Vec<&str> = owned.iter().map(String::as_str).collect();
            let out = wd.run(&args);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                crate::common::stderr(&out)
            );
            console = stdout(&out);
        }
        console
    };
    let console = score(&[sample], "sample", None);
    score(&[flows, sample], "both", Some("sample.json"));
    let diff = stdout(&wd.run(&["diff", "sample.json", "both.json"]));
    Outputs { wd, console, diff }
}

impl Outputs {
    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.wd.path(name)).expect("an output")
    }

    /// The Markdown report up to its ruleset appendix (the ruleset as a
    /// file holds it, keys and all) and machine-readable run record.
    fn report(&self, name: &str) -> String {
        let text = self.read(&format!("{name}.md"));
        text.split("## Appendix B")
            .next()
            .unwrap_or_default()
            .to_string()
    }

    /// The HTML report's text up to the ruleset it prints as a file.
    fn html_text(&self, name: &str) -> String {
        let text = self.read(&format!("{name}.html"));
        let body = text
            .split("<pre># airoi ruleset")
            .next()
            .unwrap_or_default();
        let mut out = String::new();
        let mut in_tag = false;
        for c in body.split("</style>").last().unwrap_or_default().chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    /// Every cell of a workbook's sheet as text, one line per row.
    fn sheet(&self, book: &str, sheet: &str) -> String {
        let mut book: Xlsx<_> = open_workbook(self.wd.path(book)).expect("a workbook");
        let range = book.worksheet_range(sheet).expect("the sheet");
        range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|c| match c {
                        Data::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[test]
fn no_internal_id_where_people_read() {
    let o = outputs();
    let mut places: Vec<(String, String)> = vec![
        ("terminal".into(), o.console.clone()),
        ("diff".into(), o.diff.clone()),
    ];
    for name in ["sample", "both"] {
        places.push((format!("{name}.md"), o.report(name)));
        places.push((format!("{name}.html"), o.html_text(name)));
        for sheet in ["Scores", "Findings", "Sources", "Cash flows"] {
            places.push((
                format!("{name}.xlsx {sheet}"),
                o.sheet(&format!("{name}.xlsx"), sheet),
            ));
        }
    }
    places.push(("both.xlsx Changes".into(), o.sheet("both.xlsx", "Changes")));
    for (place, text) in &places {
        assert!(text.len() > 100, "{place} has text: {text}");
        assert_eq!(ids_in(text), Vec::<&str>::new(), "{place}:\n{text}");
    }
    // What replaced them reads as people write it.
    let report = o.report("sample");
    assert!(
        report.contains("| Monthly Benefit | 50,000 | 50000 |"),
        "{report}"
    );
    assert!(
        report.contains("| On-premises 100% (infrastructure) |"),
        "{report}"
    );
    assert!(
        report.contains("| Llama (self-hosted) 100% (model) |"),
        "{report}"
    );
    assert!(report.contains("| monthly series | From the project's monthly figures |"));
    assert!(
        o.report("both")
            .contains("| monthly series | From its cash-flow table |")
    );
    assert!(report.contains("| Target ratio | 3:1 |"), "{report}");
}

#[test]
fn an_autonomous_chatbot_is_not_said_to_be_approved_by_outcome() {
    let o = outputs();
    let json: Value = serde_json::from_str(&o.read("sample.json")).expect("JSON");
    let agentic = &project(&json, "RND-008")["checks"]["agentic"];
    assert_eq!(
        agentic["explanation"],
        "Still a chatbot: an autonomous-agent use case with 1 of 5 agent capabilities \
         (autonomous); agents run multi-step processes on state, internal systems and the \
         organisation's own data."
    );
    // One approving outcomes reads so.
    let fin = &project(&json, "FIN-001")["checks"]["agentic"]["explanation"];
    assert!(
        fin.as_str()
            .is_some_and(|e| e.contains("approved by outcome rather than step")),
        "{fin}"
    );
    let report = o.report("sample");
    assert!(
        report.contains(
            "What would change the verdict: More than 1 capability (and multi-step processes, \
             if it is query-response) would make it transitional"
        ),
        "{report}"
    );
    assert!(!report.contains("a autonomous"), "{report}");
    assert!(!report.contains(" 1 capabilities"), "{report}");
}

#[test]
fn roi_verdicts_for_warn_and_fail_are_written_from_the_thresholds() {
    let o = outputs();
    let json: Value = serde_json::from_str(&o.read("sample.json")).expect("JSON");
    let roi = |id: &str| {
        let c = &project(&json, id)["checks"]["roi"];
        (
            c["status"].as_str().unwrap().to_string(),
            c["verdict"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(roi("SAL-010"), ("warn".into(), "Below 3:1".into()));
    assert_eq!(roi("DOC-013"), ("fail".into(), "Below 2:1".into()));
    assert_eq!(roi("FIN-001"), ("pass".into(), "Quantified 3:1".into()));

    // Another ruleset, other words.
    let wd = Workdir::new();
    wd.write("strict.toml", "target_ratio = 4.0\nwarn_ratio = 2.5\n");
    let sample = root().join("samples/portfolio.xlsx");
    let out = wd.run(&[
        "score",
        "--as-of",
        AS_OF,
        "--rules",
        "strict.toml",
        "-o",
        "g.xlsx",
        sample.to_str().expect("a UTF-8 path"),
    ]);
    let table = stdout(&out);
    let line = |id: &str| {
        table
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} in {table}"))
            .to_string()
    };
    assert!(line("FIN-001").contains("pass Quantified 4:1"), "{table}");
    assert!(line("OPS-002").contains("warn Below 4:1"), "{table}");
    assert!(line("SAL-010").contains("fail Below 2.5:1"), "{table}");

    let explain = stdout(&wd.run(&["explain", "roi"]));
    assert!(explain.contains("\"Below 3:1\""), "{explain}");
    assert!(explain.contains("\"Below 2:1\""), "{explain}");
}

#[test]
fn the_terminal_marks_a_capped_grade_and_says_why() {
    let o = outputs();
    let lines: Vec<&str> = o.console.lines().collect();
    let row = |id: &str| {
        *lines
            .iter()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} in {}", o.console))
    };
    let grade_at = lines[0].find("Grade").expect("a Grade column");
    let total_at = lines[0].find("Total").expect("a Total column");
    let grade = |id: &str| row(id)[grade_at..total_at].trim().to_string();
    assert_eq!(grade("DOC-013"), "C*");
    assert_eq!(grade("FIN-009"), "B*");
    assert_eq!(grade("SAL-010"), "B");
    // The columns stay aligned with the mark.
    assert_eq!(&row("DOC-013")[total_at..total_at + 4], "76.2");
    assert_eq!(&row("SAL-010")[total_at..total_at + 4], "72.4");
    let footnotes: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with('*'))
        .collect();
    assert_eq!(
        footnotes,
        [
            "* capped at B: the ROI check warns, whatever the total (FIN-009)",
            "* capped at C: the ROI check fails, whatever the total (DOC-013)",
        ]
    );
}

#[test]
fn a_money_figure_reads_the_same_in_every_output() {
    let o = outputs();
    let json: Value = serde_json::from_str(&o.read("sample.json")).expect("JSON");
    // The JSON keeps the cents; people read whole units.
    let compute = json["portfolio"]["compute_total"]
        .as_f64()
        .expect("compute");
    assert!((compute - 3_536_077.46).abs() < 0.01, "{compute}");
    let report = o.report("sample");
    assert!(
        report.contains("| Compute over 18 months (USD) | 3,536,077 |"),
        "{report}"
    );
    assert!(o.html_text("sample").contains("3,536,077"));
    assert!(o.diff.contains(" 3,536,077 → "), "{}", o.diff);
    assert!(!format!("{report}{}", o.diff).contains("3,536,077.46"));
    // One project's compute, in the report, the workbook's format and the CSV.
    let it = project(&json, "IT-007")["checks"]["roi"]["compute_total"]
        .as_f64()
        .unwrap();
    assert!((it - 585_360.88).abs() < 0.01, "{it}");
    assert!(report.contains("| 585,361 |"), "{report}");
    let styles = zip_entry(&o.wd.path("sample.xlsx"), "xl/styles.xml");
    assert!(
        styles.contains("formatCode=\"&quot;$&quot;#,##0\""),
        "{styles}"
    );
    let csv = o.read("sample.csv");
    let it_row = csv
        .lines()
        .find(|l| l.starts_with("IT-007,"))
        .expect("IT-007");
    assert!(it_row.contains(",585361,"), "{it_row}");
    // A product of a rounded figure says it was taken before rounding.
    assert!(
        report.contains("(3 × 585,361 of compute, multiplied before rounding)"),
        "{report}"
    );
    // The report says how its money is written, so its sums check by hand.
    assert!(
        report.contains("| Money shown | whole USD, rounded from the amounts computed"),
        "{report}"
    );
    // Changes are signed, grouped and whole where they count.
    let compute = o
        .diff
        .lines()
        .find(|l| l.trim_start().starts_with("Compute spend"))
        .expect("a compute line");
    let numbers: Vec<i64> = compute
        .split_whitespace()
        .filter_map(|w| w.trim_start_matches('+').replace(',', "").parse().ok())
        .collect();
    assert!(compute.contains(" +252,34"), "{compute}");
    assert_eq!(numbers.len(), 3, "{compute}");
    assert_eq!(
        numbers[1] - numbers[0],
        numbers[2],
        "the line adds up: {compute}"
    );
    let projects = o
        .diff
        .lines()
        .find(|l| l.contains("Projects scored"))
        .expect("a count");
    assert!(projects.trim_end().ends_with("+2"), "{projects}");
}

#[test]
fn percents_have_one_decimal_at_most() {
    let o = outputs();
    let report = o.report("sample");
    assert!(report.contains("| AWS | 40.5% |"), "{report}");
    assert!(report.contains("| Azure | 43.3% |"), "{report}");
    for (place, text) in [
        ("report", &report),
        ("diff", &o.diff),
        ("terminal", &o.console),
    ] {
        assert_eq!(
            two_decimal_percents(text),
            Vec::<String>::new(),
            "{place}:\n{text}"
        );
    }
}

/// The percents in `text` written with two decimals or more (`40.52%`).
fn two_decimal_percents(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices('%') {
        let before = &text[..i];
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let number = &before[start..];
        if number
            .split_once('.')
            .is_some_and(|(_, decimals)| decimals.len() >= 2)
        {
            found.push(format!("{number}%"));
        }
    }
    found
}

#[test]
fn the_csv_is_plain_numbers() {
    let o = outputs();
    let csv = o.read("sample.csv");
    assert!(!csv.contains("> 1,000%"), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (irr, compute, npv) = (col("IRR"), col("Compute (18 months)"), col("NPV"));
    for record in reader.records() {
        let record = record.expect("a row");
        for i in [irr, compute, npv] {
            let field = &record[i];
            assert!(
                field.is_empty() || field.parse::<f64>().is_ok(),
                "{}: {field}",
                &headers[i]
            );
        }
        for i in [compute, npv] {
            assert!(
                !record[i].contains('.'),
                "money in whole units: {}",
                &record[i]
            );
        }
    }
    // OPS-002's IRR is far past 1,000%: a number, not words.
    let ops = csv
        .lines()
        .find(|l| l.starts_with("OPS-002,"))
        .expect("OPS-002");
    assert!(ops.contains(",248761859506505.88,"), "{ops}");
}
