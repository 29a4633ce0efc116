//! Units in headers and cash flows read as the unit meant them: scales,
//! currencies and periods written in headers applied to every value (an
//! openpyxl workbook, its LibreOffice .ods copy, a CSV as Excel saves it);
//! cash flows converted and checked against their project's currency, and
//! months written as dates read from the project's month 1.

use serde_json::Value;

use crate::common::{self, Workdir, fixture, project};

/// `airoi score --json` as of 2026-06-30 of fixtures under `units/`, with
/// a rate of 1.1 USD per EUR: the exit code and the document.
fn score(wd: &Workdir, names: &[&str]) -> (i32, Value) {
    let fx = wd.write("rates.csv", "currency,rate\nEUR,1.1\n");
    let mut args = vec!["--fx", fx.to_str().expect("a UTF-8 temp path")];
    for name in names {
        wd.copy(&fixture(&format!("units/{name}")), name);
    }
    args.extend_from_slice(names);
    common::score_json(wd, "2026-06-30", &args)
}

/// The ROI check's totals over the horizon: (compute, benefit).
fn totals(json: &Value, id: &str) -> (f64, f64) {
    let roi = &project(json, id)["checks"]["roi"];
    let f = |k: &str| roi[k].as_f64().unwrap_or_else(|| panic!("{k}: {roi:#}"));
    (f("compute_total"), f("benefit_total"))
}

fn close(got: (f64, f64), want: (f64, f64)) {
    let near = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1.0);
    assert!(
        near(got.0, want.0) && near(got.1, want.1),
        "{got:?} vs {want:?}"
    );
}

/// 18 months of compute from `monthly`, grown monthly at the rate an
/// annual `annual_pct` compounds to.
fn grown(monthly: f64, annual_pct: f64) -> f64 {
    let g = (1.0 + annual_pct / 100.0).powf(1.0 / 12.0);
    monthly * (g.powi(18) - 1.0) / (g - 1.0)
}

/// Each rejected row's problems as `Sheet!CELL: column: message`.
fn rejections(json: &Value) -> Vec<String> {
    common::lines_of_problems(&json["rejected"])
}

fn notes(json: &Value) -> Vec<String> {
    common::strings(&json["run"]["inputs"][0]["notes"])
}

#[test]
fn thousands_millions_and_annual_growth_in_headers_are_applied_in_xlsx_and_ods() {
    for name in ["thousands.xlsx", "thousands.ods"] {
        let wd = Workdir::new();
        let (code, json) = score(&wd, &[name]);
        assert_eq!(code, 0, "{name}: {json:#}");
        // `(M)` upfront 0.5, `($K)` compute 12, `(USD thousands)` benefit
        // 60, growth 12% a year.
        close(
            totals(&json, "UK-1"),
            (500_000.0 + grown(12_000.0, 12.0), 18.0 * 60_000.0),
        );
        // Text `9.25` in thousands, `0%` growth.
        close(totals(&json, "UK-2"), (18.0 * 1_500.0, 18.0 * 9_250.0));
        let ratio = project(&json, "UK-2")["checks"]["roi"]["ratio"]
            .as_f64()
            .unwrap_or_default();
        assert!((ratio - 9_250.0 / 1_500.0).abs() < 1e-9, "{name}: {ratio}");
        assert_eq!(
            notes(&json)[..2],
            [
                "Projects: column C \"Upfront Compute Cost (M)\" read as upfront_compute_cost with the unit its header gives: ×1,000,000",
                "Projects: column D \"Monthly Compute Cost ($K)\" read as monthly_compute_cost with the unit its header gives: ×1,000, USD",
            ],
            "{name}"
        );
    }
}

#[test]
fn euro_columns_give_the_row_its_currency_and_contradictions_are_refused() {
    let wd = Workdir::new();
    let (code, json) = score(&wd, &["euro_annual.xlsx"]);
    assert_eq!(code, 1, "{json:#}");
    // `(k€)` 12 is EUR 12,000, `Annual Benefit (EUR)` 120,000 is EUR
    // 10,000 a month; both at 1.1; `(% p.a.)` 12% compounds monthly.
    close(
        totals(&json, "EU-1"),
        (grown(13_200.0, 12.0), 18.0 * 11_000.0),
    );
    close(totals(&json, "EU-2"), (18.0 * 2_200.0, 18.0 * 3_300.0));
    assert_eq!(
        rejections(&json),
        [
            "Projects!D4: monthly_compute_cost: is in EUR, as its column's header says, but the row's currency is USD; set the currency column to EUR or give the amounts in a column of their own currency",
            "Projects!E4: monthly_benefit: is in EUR, as its column's header says, but the row's currency is USD; set the currency column to EUR or give the amounts in a column of their own currency",
        ]
    );
    assert_eq!(json["rejected"][0]["row"], 4);
    assert_eq!(
        notes(&json)[1],
        "Projects: column E \"Annual Benefit (EUR)\" read as monthly_benefit with the unit its header gives: EUR, annual ÷ 12"
    );
}

#[test]
fn annual_money_in_a_csv_is_made_monthly() {
    let wd = Workdir::new();
    let (code, json) = score(&wd, &["annual.csv"]);
    assert_eq!(code, 0, "{json:#}");
    // `Compute Cost (annual)` 120,000, `Benefit ($/yr)` $600,000,
    // `Annual Compute Growth %` 12%.
    close(
        totals(&json, "YR-1"),
        (grown(10_000.0, 12.0), 18.0 * 50_000.0),
    );
    close(totals(&json, "YR-2"), (18.0 * 2_000.0, 18.0 * 4_000.0));
}

#[test]
fn a_unit_the_field_cannot_take_refuses_the_header() {
    let wd = Workdir::new();
    wd.copy(&fixture("units/hours.csv"), "hours.csv");
    let (code, json) = common::validate_json(&wd, &["hours.csv"]);
    assert_eq!(code, 2, "{json:#}");
    assert_eq!(json["inputs"][0]["state"], "unreadable");
    assert_eq!(
        json["inputs"][0]["message"],
        "sheet hours: the header in row 1 gives column C \"Monthly Compute Cost (hours)\" a unit monthly_compute_cost cannot take: monthly_compute_cost is not counted in hours; rename the column or convert its values"
    );
}

#[test]
fn cash_flows_are_converted_checked_and_dated_from_month_one() {
    let wd = Workdir::new();
    let (code, json) = score(&wd, &["flows.xlsx"]);
    assert_eq!(code, 1, "{json:#}");
    // EUR 10k and 30k a month (`(K)` headers) for months 1–3, at 1.1.
    close(totals(&json, "CF-EUR"), (3.0 * 11_000.0, 3.0 * 33_000.0));
    // Date cells (March, April) and a serial (46143, 1 May 2026) from a
    // start of 15 March 2026: months 1–3.
    close(totals(&json, "CF-USD"), (3.0 * 4_000.0, 3.0 * 12_000.0));
    // Text dates June–August 2026 without a start date: from the as-of month.
    close(totals(&json, "CF-ASOF"), (3.0 * 1_000.0, 3.0 * 3_000.0));
    assert_eq!(
        project(&json, "CF-USD")["notes"],
        serde_json::json!([
            "cash-flow months written as dates were read as months from month 1, 2026-03 (its start date)"
        ])
    );
    assert_eq!(
        project(&json, "CF-ASOF")["notes"][0],
        "cash-flow months written as dates were read as months from month 1, 2026-06 (the as-of month, as it has no start date)"
    );
    assert_eq!(
        rejections(&json),
        [
            "CashFlows!B5: month: month 61 is beyond the ruleset's look-ahead of 60 months (lookahead_months); no month after it is scored",
            "CashFlows!B9: month: 2026-01 is before project CF-USD's month 1, 2026-03 (its start date); a cash flow belongs to month 1 or later",
            "CashFlows!D10: benefit: is written in EUR but project CF-USD's currency is USD; give its cash flows in USD",
        ]
    );
}

#[test]
fn csv_cash_flows_with_symbols_and_text_months_follow_their_project() {
    let wd = Workdir::new();
    let (code, json) = score(&wd, &["flow_projects.csv", "flow_months.csv"]);
    assert_eq!(code, 1, "{json:#}");
    // `€1.000,00` and `1000` in February and March 2026, the project's
    // months 1 and 2 (start `Feb 2026`), at 1.1.
    close(totals(&json, "FX-1"), (2.0 * 1_100.0, 2.0 * 3_300.0));
    assert_eq!(
        rejections(&json),
        [
            "flow_months!C4: compute_cost: is written in USD but project FX-1's currency is EUR; give its cash flows in EUR",
        ]
    );
}

#[test]
fn the_reading_report_shows_what_each_header_unit_applies() {
    let wd = Workdir::new();
    let (_, json) = score(&wd, &["euro_annual.xlsx"]);
    let columns = json["run"]["inputs"][0]["tables"][0]["columns"]
        .as_array()
        .expect("the table's columns");
    let applied = |letter: &str| {
        let column = columns
            .iter()
            .find(|c| c["column"] == letter)
            .unwrap_or_else(|| panic!("column {letter}: {columns:#?}"));
        column["applied"].clone()
    };
    assert_eq!(applied("D"), serde_json::json!(["×1,000", "EUR"]));
    assert_eq!(applied("E"), serde_json::json!(["EUR", "annual ÷ 12"]));
    assert_eq!(
        applied("F"),
        serde_json::json!(["annual growth → monthly (1 + g)^(1/12) - 1"])
    );
    assert_eq!(applied("A"), serde_json::json!([]));
}
