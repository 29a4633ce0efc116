use super::*;
use std::collections::BTreeMap;

/// Rows held in memory: any source of typed rows reads alike.
struct Rows(std::vec::IntoIter<AggregateRow>);

impl AggregateSource for Rows {
    fn next_row(&mut self) -> Option<Result<AggregateRow, String>> {
        self.0.next().map(Ok)
    }
}

fn row(record: &str, f: impl FnOnce(&mut AggregateRow)) -> AggregateRow {
    let mut r = AggregateRow {
        at: "result.csv:2".into(),
        record: record.into(),
        ..AggregateRow::default()
    };
    f(&mut r);
    r
}

#[test]
fn typed_rows_from_any_source_are_converted_and_tallied() {
    let ruleset = crate::rules::default_ruleset();
    let fx = BTreeMap::from([("EUR".to_string(), 1.1)]);
    let options = BillsOptions {
        basis: crate::model::CostBasis::Effective,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        currency: "USD",
        fx: &fx,
        ruleset: &ruleset,
    };
    let projects = [ProjectAllocation {
        project_id: "P1".into(),
        rule: None,
        share: None,
    }];
    let (request, mut reading) = prepare(&projects, &options).unwrap();
    let month = |r: &mut AggregateRow| r.month = Some("2026-05".into());
    let rows = vec![
        row("settings", |r| {
            r.detail = Some(settings_text(&ruleset.bills, options.basis));
        }),
        row("rule", |r| {
            r.project_id = Some("P1".into());
            r.detail = Some("tag:ai-project=P1".into());
        }),
        row("charges", |r| {
            month(r);
            r.provider = Some("Microsoft Azure".into());
            r.currency = Some("EUR".into());
            r.amount = Some(100.0);
            r.rows = 4;
            r.detail = Some("counted_ai".into());
        }),
        row("project", |r| {
            month(r);
            r.project_id = Some("P1".into());
            r.provider = Some("Microsoft Azure".into());
            r.publisher = Some("OpenAI".into());
            r.currency = Some("EUR".into());
            r.amount = Some(100.0);
            r.rows = 4;
        }),
    ];
    let mut file = BillFile {
        path: "result.csv".into(),
        relative_path: None,
        sha256: String::new(),
        rows: 0,
        rows_bad: 0,
        refused: None,
    };
    tally_rows(
        &mut Rows(rows.into_iter()),
        &request,
        &mut reading,
        &mut file,
    )
    .unwrap();
    assert_eq!(file.rows, 4);
    let (spend, currencies) = finish(&request, reading, Vec::new(), &options);
    let p1 = &spend.per_project["P1"];
    assert!((p1.total() - 110.0).abs() < 1e-9);
    assert_eq!(p1.matched_rows, 4);
    assert_eq!(p1.by_provider.keys().collect::<Vec<_>>(), ["azure"]);
    assert_eq!(p1.by_publisher.keys().collect::<Vec<_>>(), ["openai"]);
    assert!((spend.totals.ai_spend - 110.0).abs() < 1e-9);
    assert_eq!(currencies, ["EUR"]);
    assert_eq!(spend.actual_months.len(), 1);
}
