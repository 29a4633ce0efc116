//! The reading report says which currency a table's rows are in and why:
//! money headers that say EUR (`Monthly Benefit (EUR)`) make the rows
//! EUR, converted at the run's rate, and `validate`, the run record and
//! `score` say so rather than listing the run's USD as a default
//! (`tests/fixtures/currency/eur_headers.xlsx`, openpyxl, no currency
//! column).

use crate::common::{Workdir, fixture, project, score_json, stderr, stdout, validate_json};

const FROM_HEADERS: &str =
    "EUR, from the headers Monthly Compute Cost (EUR) and Monthly Benefit (EUR)";

fn eur_headers(wd: &Workdir) -> &'static str {
    wd.copy(&fixture("currency/eur_headers.xlsx"), "eur_headers.xlsx");
    wd.write("rates.csv", "currency,rate\nEUR,1.1\n");
    "eur_headers.xlsx"
}

/// The text of a labelled entry of the file's reading report (`currency`),
/// its wrapped lines joined; `None` when the block has no such entry.
fn entry(out: &str, label: &str) -> Option<String> {
    let block: Vec<&str> = out.lines().take_while(|l| !l.is_empty()).collect();
    let start = block.iter().position(|l| {
        l.get(2..)
            .is_some_and(|l| l.starts_with(&format!("{label} ")))
    })?;
    let mut text = block[start][15..].to_string();
    for line in block[start + 1..]
        .iter()
        .take_while(|l| l.starts_with(&" ".repeat(15)))
    {
        text.push(' ');
        text.push_str(line.trim_start());
    }
    Some(text)
}

#[test]
fn validate_says_the_headers_give_the_currency_and_the_rate_converts_it() {
    let wd = Workdir::new();
    let file = eur_headers(&wd);
    let out = wd.run(&["validate", file, "--fx", "rates.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        entry(&text, "currency"),
        Some(format!("{FROM_HEADERS}, converted to USD at 1.1")),
        "{text}"
    );
    let defaulted = entry(&text, "defaulted").unwrap_or_default();
    assert!(defaulted.contains("Autonomy = none"), "{text}");
    assert!(!defaulted.contains("Currency"), "{text}");

    // In the run's own currency nothing is converted.
    let out = wd.run(&["validate", file, "--currency", "EUR"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        entry(&text, "currency").as_deref(),
        Some(FROM_HEADERS),
        "{text}"
    );

    // Without a rate every row is refused (exit 2: nothing to score), and
    // the reading report says why.
    let out = wd.run(&["validate", file]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        entry(&text, "currency"),
        Some(format!(
            "{FROM_HEADERS}, no rate into USD, so its rows are refused"
        )),
        "{text}"
    );
}

#[test]
fn the_run_record_and_the_figures_agree_with_the_reading_report() {
    let wd = Workdir::new();
    let file = eur_headers(&wd);
    let (code, json) = score_json(&wd, "2026-01-31", &[file, "--fx", "rates.csv"]);
    assert_eq!(code, 0, "{json:#}");
    let defaulted = &json["run"]["inputs"][0]["tables"][0]["defaulted"];
    let currency = defaulted
        .as_array()
        .and_then(|d| d.iter().find(|d| d["field"] == "currency"))
        .unwrap_or_else(|| panic!("{defaulted:#}"));
    assert_eq!(currency["default"], "EUR");
    assert_eq!(
        currency["from"],
        "from the headers Monthly Compute Cost (EUR) and Monthly Benefit (EUR), converted to USD at 1.1"
    );
    // Another field's default says nothing of where it comes from.
    let autonomy = defaulted
        .as_array()
        .and_then(|d| d.iter().find(|d| d["field"] == "autonomy"))
        .unwrap_or_else(|| panic!("{defaulted:#}"));
    assert!(autonomy.get("from").is_none(), "{autonomy:#}");
    // EUR 10,000 compute and 40,000 benefit a month, at 1.1.
    let roi = &project(&json, "EUR-1")["checks"]["roi"];
    assert_eq!(roi["compute_total"].as_f64(), Some(18.0 * 11_000.0));
    assert_eq!(roi["benefit_total"].as_f64(), Some(18.0 * 44_000.0));
    let (_, validated) = validate_json(&wd, &[file, "--fx", "rates.csv"]);
    assert_eq!(validated["inputs"][0]["tables"][0]["defaulted"], *defaulted);
}
