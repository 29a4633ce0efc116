//! Merged cells, headers over two rows and hidden columns and rows, in
//! every format: one sheet written by openpyxl, saved again by LibreOffice
//! as ods and xls, and written record by record as xlsb (no tool at hand
//! writes xlsb); each must score the same values. A project id merged
//! down over its months of cash flows is read on each month.

use serde_json::Value;

use crate::common::{self, Workdir, fixture, project};

/// `airoi score --json` of one fixture of `tests/fixtures/cells/`.
fn score(name: &str) -> Value {
    let wd = Workdir::new();
    wd.copy(&fixture(&format!("cells/{name}")), name);
    let (code, json) = common::score_json(&wd, "2026-06-30", &[name]);
    assert_eq!(code, 0, "{name}: {json:#}");
    assert_eq!(json["portfolio"]["rejected"], 0, "{name}: {json:#}");
    json
}

/// The value a check used for `field`, and the cell it came from.
fn used(project: &Value, field: &str) -> (String, String) {
    let input = common::input_used(project, field);
    let text = |key: &str| input[key].as_str().unwrap_or_default().to_string();
    (text("value"), text("cell"))
}

fn notes(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

const FORMATS: [&str; 4] = ["xlsx", "ods", "xls", "xlsb"];

#[test]
fn a_value_merged_down_is_scored_on_every_row_it_covers() {
    for ext in FORMATS {
        let name = format!("merged_rows.{ext}");
        let json = score(&name);
        let cell = |c: &str| format!("{name}:Projects!{c}");
        for (id, row) in [("MR-1", 4), ("MR-2", 5), ("MR-3", 6)] {
            let p = project(&json, id);
            let at = |col: &str| cell(&format!("{col}{row}"));
            assert_eq!(
                used(p, "compute_growth_pct"),
                ("2%".into(), at("E")),
                "{name} {id}"
            );
            assert_eq!(
                used(p, "benefit_metric"),
                ("Efficiency".into(), at("G")),
                "{name} {id}"
            );
            assert_eq!(used(p, "multi_step").0, "yes", "{name} {id}");
            assert_eq!(used(p, "autonomy").0, "Approve outcome", "{name} {id}");
            let merged = notes(&p["notes"]);
            assert!(
                merged.contains(&"Compute Growth % (E4:E6) is one cell merged over rows 4–6; its value 2% is read on each of them"),
                "{name} {id}: {merged:?}"
            );
        }
        // Providers are merged over MR-1 and MR-2 only; MR-3 has its own.
        for id in ["MR-1", "MR-2"] {
            assert_eq!(
                used(project(&json, id), "providers").0,
                "AWS 60%, Azure 40%",
                "{name} {id}"
            );
        }
        let mr2 = project(&json, "MR-2");
        assert!(
            notes(&mr2["notes"]).contains(&"Providers (H4:H5) is one cell merged over rows 4–5; its value aws:60; azure:40 is read on each of them"),
            "{name}: {mr2:#}"
        );
        assert_eq!(
            used(project(&json, "MR-3"), "providers").0,
            "Google Cloud 100%"
        );
        // The row below the merged ranges keeps its own values.
        let mr4 = project(&json, "MR-4");
        assert_eq!(used(mr4, "compute_growth_pct").0, "1%", "{name}");
        assert_eq!(used(mr4, "autonomy").0, "No autonomy", "{name}");
        assert_eq!(used(mr4, "multi_step").0, "no", "{name}");
    }
}

#[test]
fn the_visible_column_beats_a_hidden_one_in_every_format() {
    for ext in FORMATS {
        let name = format!("merged_rows.{ext}");
        let json = score(&name);
        // Both columns are titled exactly `Monthly Compute Cost`: only
        // knowing that C is hidden keeps the table from being refused as
        // a tie, and D is read.
        let mr1 = project(&json, "MR-1");
        assert_eq!(
            used(mr1, "monthly_compute_cost"),
            ("1,000".into(), format!("{name}:Projects!D4")),
            "{name}"
        );
        assert_eq!(mr1["extra"]["Monthly Compute Cost"], "99999", "{name}");
        let input = notes(&json["run"]["inputs"][0]["notes"]);
        assert!(
            input.contains(&"Projects: merged A1:F1, E4:E6, G4:G6, H4:H5, J4:J6, K4:K6; hidden columns C; hidden rows 7; a value merged over several rows was read on each row it covers (3 projects)"),
            "{name}: {input:?}"
        );
    }
}

#[test]
fn a_hidden_row_is_read_with_a_note_in_every_format() {
    for ext in FORMATS {
        let name = format!("merged_rows.{ext}");
        let json = score(&name);
        assert_eq!(
            notes(&project(&json, "MR-4")["notes"]),
            ["the row is hidden in the sheet; it was read like a visible one"],
            "{name}"
        );
        assert!(
            notes(&json["run"]["inputs"][0]["notes"])
                .contains(&"Projects: row 7 is hidden; read like visible ones"),
            "{name}"
        );
        assert!(
            notes(&project(&json, "MR-3")["notes"])
                .iter()
                .all(|n| !n.contains("hidden")),
            "{name}"
        );
    }
}

#[test]
fn a_header_over_two_rows_is_read_as_one_title_per_column() {
    for ext in ["xlsx", "ods", "xls"] {
        let name = format!("two_level_header.{ext}");
        let json = score(&name);
        assert_eq!(json["portfolio"]["projects"], 3, "{name}: {json:#}");
        let cell = |c: &str| format!("{name}:Projects!{c}");
        let tl1 = project(&json, "TL-1");
        // `Monthly` and `Upfront` under the group `Compute Cost`.
        assert_eq!(
            used(tl1, "monthly_compute_cost"),
            ("1,200".into(), cell("C3")),
            "{name}"
        );
        assert_eq!(
            used(tl1, "upfront_compute_cost"),
            ("30,000".into(), cell("D3")),
            "{name}"
        );
        // `Monthly⏎Benefit`, merged down over both header rows.
        assert_eq!(
            used(tl1, "monthly_benefit"),
            ("6,000".into(), cell("E3")),
            "{name}"
        );
        // Three columns under `Agentic profile`.
        assert_eq!(
            used(tl1, "autonomy"),
            ("Approve outcome".into(), cell("H3"))
        );
        assert_eq!(used(tl1, "multi_step"), ("yes".into(), cell("G3")));
        let tl2 = project(&json, "TL-2");
        assert_eq!(
            used(tl2, "providers").0,
            "Azure 50%, Google Cloud 50%",
            "{name}"
        );
        assert_eq!(used(tl2, "monthly_compute_cost").0, "800", "{name}");
        assert_eq!(tl2["source"]["row"], 4, "{name}");
        // TL-3's id is merged down over its three months of cash flows.
        let roi = &project(&json, "TL-3")["checks"]["roi"];
        assert_eq!(roi["cash_flows_used"], true, "{name}: {roi:#}");
        assert_eq!(roi["compute_total"], 3300.0, "{name}");
        assert_eq!(roi["benefit_total"], 13000.0, "{name}");
    }
}

#[test]
fn a_header_made_taller_by_merging_its_titles_down_is_read_from_its_lower_row() {
    for ext in ["xlsx", "ods", "xls"] {
        let name = format!("tall_header.{ext}");
        // Row 2 holds every title merged down from row 1 and a `(optional)`
        // under Comments of its own: it is the header's lower row, not a
        // project with empty required fields.
        let json = score(&name);
        assert_eq!(json["portfolio"]["projects"], 2, "{name}: {json:#}");
        let th1 = project(&json, "TH-1");
        assert_eq!(
            used(th1, "monthly_compute_cost"),
            ("1,000".into(), format!("{name}:Projects!C3")),
            "{name}"
        );
        assert_eq!(th1["source"]["row"], 3, "{name}");
        assert_eq!(
            used(project(&json, "TH-2"), "providers").0,
            "Azure 100%",
            "{name}"
        );
    }
}
