//! Header matching, on header rows as units write them.

use super::*;

#[test]
fn headers_reduce_to_letters_and_digits_without_units() {
    assert_eq!(
        normalise_header("Monthly Compute Cost (USD)"),
        "monthlycomputecost"
    );
    assert_eq!(normalise_header("Compute Growth %"), "computegrowthpct");
    assert_eq!(normalise_header("project_id"), "projectid");
}

#[test]
fn headers_match_in_the_forms_people_write() {
    for (text, field) in [
        ("Project ID", FieldId::ProjectId),
        ("project-id", FieldId::ProjectId),
        ("ID", FieldId::ProjectId),
        ("Monthly Compute Cost (USD)", FieldId::MonthlyComputeCost),
        ("Compute Growth %", FieldId::ComputeGrowthPct),
        ("compute_growth_pct", FieldId::ComputeGrowthPct),
        ("Upfront compute cost [EUR]", FieldId::UpfrontComputeCost),
        ("MULTI-STEP", FieldId::MultiStep),
        ("Infrastructure Providers", FieldId::Providers),
        ("Use Case ID\n\n[Agency Abbrev.] – [#]", FieldId::ProjectId),
        // A title broken over lines, as Alt+Enter in a cell writes it.
        ("Monthly\nCompute Cost", FieldId::MonthlyComputeCost),
        (
            "Monthly\r\nCompute\nCost (USD)",
            FieldId::MonthlyComputeCost,
        ),
        ("Upfront Compute\n Cost", FieldId::UpfrontComputeCost),
        // A line under a title that does not continue it explains it.
        (
            "Compute Growth %\nper month, e.g. 2%",
            FieldId::ComputeGrowthPct,
        ),
    ] {
        assert_eq!(
            match_header(text, FIELDS).map(|f| f.id),
            Some(field),
            "{text}"
        );
    }
    assert_eq!(match_header("Comments", FIELDS), None);
}

#[test]
fn tables_are_told_apart() {
    let p = Row::header(&["Project ID", "Project Name", "Notes"]);
    assert_eq!(classify_header(&p), Some((TableKind::Projects, 2)));
    let c = Row::header(&["project_id", "month", "compute_cost", "benefit"]);
    assert_eq!(classify_header(&c), Some((TableKind::CashFlows, 4)));
    assert_eq!(
        classify_header(&Row::header(&["AI Use Case Inventory 2025"])),
        None
    );
}

#[test]
fn bracketed_words_are_dropped_wherever_they_are() {
    assert_eq!(
        normalise_header("Monthly Compute Cost (FY25 estimate)"),
        "monthlycomputecost"
    );
    assert_eq!(
        normalise_header("Monthly (net) Benefit [EUR]"),
        "monthlybenefit"
    );
    assert_eq!(normalise_header("(blank)"), "blank");
    assert_eq!(normalise_header("Cost (USD"), "costusd");
}

#[test]
fn count_percent_and_level_words_are_set_aside_for_fields_of_that_kind() {
    for (text, field) in [
        ("# Systems Integrated", FieldId::SystemsIntegrated),
        ("No. of Systems", FieldId::SystemsIntegrated),
        ("Number of integrations", FieldId::SystemsIntegrated),
        ("Systems #", FieldId::SystemsIntegrated),
        ("Systems count", FieldId::SystemsIntegrated),
        ("Level of Autonomy", FieldId::Autonomy),
        ("MoM Growth %", FieldId::ComputeGrowthPct),
        ("Monthly growth percent", FieldId::ComputeGrowthPct),
        ("Growth Rate (%)", FieldId::ComputeGrowthPct),
    ] {
        assert_eq!(
            match_header(text, FIELDS).map(|f| f.id),
            Some(field),
            "{text}"
        );
    }
    // A marker word is set aside only for a field of its kind: a
    // percent is not an amount, a count is not a provider list.
    for text in [
        "Benefit %",
        "Number of providers",
        "Annual Compute Growth %",
        "Level of benefit",
    ] {
        assert_eq!(match_header(text, FIELDS), None, "{text}");
    }
}

#[test]
fn the_field_s_own_name_beats_an_alias_and_a_visible_column_a_hidden_one() {
    let map = HeaderMap::new(
        &Row::header(&["ID", "Benefit", "Project ID", "Monthly Benefit"]),
        FIELDS,
        &[],
    );
    assert_eq!(map.column_of(FieldId::ProjectId), Some(2));
    assert_eq!(map.column_of(FieldId::MonthlyBenefit), Some(3));
    assert_eq!(map.columns[1].1, Column::Extra("Benefit".into()));
    assert_eq!(
        map.notes,
        [
            "two columns name project_id: C \"Project ID\" is used, A \"ID\" is carried as an extra column (C is the field's own name, A another name for it)",
            "two columns name monthly_benefit: D \"Monthly Benefit\" is used, B \"Benefit\" is carried as an extra column (D is the field's own name, B another name for it)",
        ]
    );
    assert!(map.tie.is_none());
    // Column B hidden: the visible one is read, even as an alias.
    let row = Row::header(&[
        "Project ID",
        "Monthly Compute Cost (FY25 estimate)",
        "Monthly Compute Cost",
        "Benefit",
        "Monthly Benefit",
    ]);
    let map = HeaderMap::new(&row, FIELDS, &[(1, 1), (4, 9)]);
    assert_eq!(map.column_of(FieldId::MonthlyComputeCost), Some(2));
    assert_eq!(map.column_of(FieldId::MonthlyBenefit), Some(3));
    assert_eq!(
        map.notes[0],
        "two columns name monthly_compute_cost: C \"Monthly Compute Cost\" is used, B \"Monthly Compute Cost (FY25 estimate)\" is carried as an extra column (B is hidden)"
    );
    // Only hidden: read, and said.
    let map = HeaderMap::new(&Row::header(&["Project ID", "Owner"]), FIELDS, &[(1, 1)]);
    assert_eq!(map.column_of(FieldId::Owner), Some(1));
    assert_eq!(
        map.notes,
        ["column B \"Owner\" is hidden; it was read like a visible one"]
    );
}

#[test]
fn equally_good_columns_tie() {
    let map = HeaderMap::new(
        &Row::header(&[
            "Project ID",
            "Monthly Compute Cost",
            "Monthly Compute Cost (FY25)",
        ]),
        FIELDS,
        &[],
    );
    let tie = map.tie.clone().expect("a tie");
    assert_eq!(tie.field, FieldId::MonthlyComputeCost);
    assert_eq!(
        tie.column_texts(),
        [
            "B \"Monthly Compute Cost\"".to_string(),
            "C \"Monthly Compute Cost (FY25)\"".to_string()
        ]
    );
    assert_eq!(tie.how(), "both visible and both the field's own name");
    assert_eq!(map.column_of(FieldId::MonthlyComputeCost), None);
    // Still looks like a header with both fields.
    assert_eq!(map.matched(), 2);
}

#[test]
fn a_first_cell_that_may_name_a_field_is_told_cheaply() {
    for header in [
        "Project ID",
        "project_id",
        "Month",
        "Project ID (unique)",
        "# Systems",
    ] {
        assert!(may_name_a_field(header), "{header}");
    }
    for value in [
        "P-0001",
        "Customer chatbot",
        "",
        "Pipeline (not yet approved)",
    ] {
        assert!(!may_name_a_field(value), "{value}");
    }
}
