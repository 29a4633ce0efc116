//! The 2025 US federal AI use-case inventory: a real, messy portfolio file
//! that is not an intake. It must be read without a crash and reported
//! clearly as lacking the intake's required fields. Skipped, saying so,
//! where `../shared` is not beside the checkout, and failed there when the
//! run requires the data (`tests/common/external_data.rs`).

use crate::common::{Workdir, external_data, external_data_in, stdout, validate_json};

const INVENTORY: &str = "us-federal-ai-inventory-2025";

#[test]
fn absent_external_data_is_skipped() {
    let dir = std::path::Path::new("/nonexistent/shared/external");
    assert_eq!(
        external_data_in(
            dir,
            INVENTORY,
            "absent_external_data_is_skipped (the skip itself under test)",
            false
        ),
        None
    );
}

#[test]
#[should_panic(
    expected = "a test: /nonexistent/shared/external/us-federal-ai-inventory-2025 is missing, and this run requires it (AIROI_REQUIRE_EXTERNAL=1 or CI=true)"
)]
fn absent_external_data_fails_a_run_that_requires_it() {
    let dir = std::path::Path::new("/nonexistent/shared/external");
    external_data_in(dir, INVENTORY, "a test", true);
}

#[test]
fn federal_inventory_files_are_reported_as_lacking_intake_fields() {
    let Some(dir) = external_data(
        INVENTORY,
        "federal_inventory_files_are_reported_as_lacking_intake_fields",
    ) else {
        return;
    };
    let wd = Workdir::new();
    // Each table is refused once, naming every column it lacks, instead of
    // once per row.
    for (file, sheet, header, rows) in [
        (
            "2025_individually_reported_AI_use_cases.csv",
            "2025_individually_reported_AI_use_cases",
            1,
            3611,
        ),
        (
            "2025_individually_reported_AI_use_cases.xlsx",
            "Consolidated Inventory",
            2,
            3611,
        ),
        (
            "raw-agency-files/treasury_Treasury-AI-Use-Case-Inventory.csv",
            "treasury_Treasury-AI-Use-Case-Inventory",
            2,
            129,
        ),
        (
            "raw-agency-files/dhs_2025_0128_ocio-dhs-ai-use-case-inventory.xlsx",
            "All Use Cases",
            2,
            239,
        ),
    ] {
        let path = dir.join(file);
        let (code, json) = validate_json(&wd, &[path.to_str().unwrap()]);
        assert_eq!(code, 2, "{file}: nothing can be scored");
        assert_eq!(json["projects"], 0, "{file}");
        assert_eq!(json["rejected_rows"], 0, "{file}: no row-by-row rejections");
        assert_eq!(json["inputs"][0]["state"], "unreadable", "{file}");
        assert_eq!(
            json["inputs"][0]["message"],
            format!(
                "sheet {sheet}: the projects table (header in row {header}) has no column for monthly_compute_cost, monthly_benefit, benefit_metric, providers, interaction_pattern, so none of its {rows} rows can be scored; run `airoi template` for an intake workbook with every column"
            ),
            "{file}"
        );
        let out = wd.run(&["validate", path.to_str().unwrap()]);
        let text = stdout(&out);
        assert_eq!(
            text.matches("has no column for").count(),
            1,
            "{file}: said once: {text}"
        );
    }
    for file in [
        "2025_consolidated_COTS_AI_use_cases.csv",
        "2025_consolidated_COTS_AI_use_cases.xlsx",
        "data_dictionary.json",
    ] {
        let path = dir.join(file);
        let out = wd.run(&["validate", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let text = stdout(&out);
        assert!(text.contains("no projects table found"), "{file}: {text}");
    }
}
