//! The cloud bills as the workbook's Summary and the audit report show
//! them: spend by provider, what the projects' allocations found beside
//! the AI spend no project claims, one row a provider; the cost basis and
//! the actual months in words. Both are read off the
//! finished [`BilledSpend`]; the rows only put them side by side.

use std::collections::BTreeMap;

use crate::import::providers::{NameTable, ProviderName};
use crate::model::{BilledSpend, CostBasis, ProviderDimension, Ruleset, YearMonth, provider_key};

/// One provider's row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProviderSpend {
    /// The provider as airoi names it elsewhere (`AWS`, `Azure`), or as
    /// billed where the ruleset has no such provider (`Nebius`).
    pub label: String,
    /// Spend allocated to projects.
    pub allocated: f64,
    /// AI spend no project's allocation matches.
    pub unallocated_ai: f64,
}

impl ProviderSpend {
    /// Allocated and unallocated AI spend together.
    #[must_use]
    pub fn total(&self) -> f64 {
        self.allocated + self.unallocated_ai
    }
}

/// Allocated and unallocated AI spend by infrastructure provider, largest
/// total first (then by label), every billed provider listed.
pub(crate) fn by_provider(bills: &BilledSpend, ruleset: &Ruleset) -> Vec<ProviderSpend> {
    let table = NameTable::new(ruleset.provider_table(ProviderDimension::Infrastructure));
    let id_of = |name: &str| match table.read(name) {
        ProviderName::Known(id) | ProviderName::Unknown(id) => id,
        ProviderName::NearMiss(_) => provider_key(name),
    };
    let mut rows: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    // A provider the ruleset lacks keeps the bill's own name.
    let mut billed: BTreeMap<String, &str> = BTreeMap::new();
    for name in &bills.providers {
        let id = id_of(name);
        billed.entry(id.clone()).or_insert(name.as_str());
        rows.entry(id).or_default();
    }
    for project in bills.per_project.values() {
        for (id, amount) in &project.by_provider {
            rows.entry(id.clone()).or_default().0 += amount;
        }
    }
    for spend in &bills.unallocated {
        rows.entry(id_of(&spend.provider)).or_default().1 += spend.amount;
    }
    let mut out: Vec<ProviderSpend> = rows
        .into_iter()
        .map(|(id, (allocated, unallocated_ai))| ProviderSpend {
            label: match (ruleset.providers.get(&id), billed.get(&id)) {
                (Some(known), _) => known.label.clone(),
                (None, Some(name)) => (*name).to_string(),
                (None, None) => id.clone(),
            },
            allocated,
            unallocated_ai,
        })
        .collect();
    out.sort_by(|a, b| {
        b.total()
            .total_cmp(&a.total())
            .then_with(|| a.label.cmp(&b.label))
    });
    out
}

/// The cost basis in words.
pub(crate) fn basis_words(basis: CostBasis) -> &'static str {
    match basis {
        CostBasis::Effective => "EffectiveCost (amortised; commitment purchases left out)",
        CostBasis::Billed => "BilledCost (as invoiced, every purchase counted)",
    }
}

/// Calendar months as spans: `2026-01 to 2026-03, 2026-05`; "none".
pub(crate) fn month_span(months: &[YearMonth]) -> String {
    let mut spans: Vec<(YearMonth, YearMonth)> = Vec::new();
    for &m in months {
        match spans.last_mut() {
            Some((_, last)) if last.next() == m => *last = m,
            _ => spans.push((m, m)),
        }
    }
    if spans.is_empty() {
        return "none".to_string();
    }
    spans
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a} to {b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProjectBills, UnallocatedSpend};

    #[test]
    fn calendar_months_read_as_spans() {
        let m = |year, month| YearMonth { year, month };
        assert_eq!(
            month_span(&[m(2025, 12), m(2026, 1), m(2026, 2), m(2026, 4)]),
            "2025-12 to 2026-02, 2026-04"
        );
        assert_eq!(month_span(&[]), "none");
    }

    #[test]
    fn billed_names_and_allocated_ids_meet_on_one_row() {
        let ruleset = crate::rules::default_ruleset();
        let mut bills = BilledSpend {
            providers: vec!["AWS".into(), "Microsoft Azure".into(), "Nebius".into()],
            ..BilledSpend::default()
        };
        let mut project = ProjectBills::default();
        project.by_provider.insert("aws".into(), 300.0);
        project.by_provider.insert("azure".into(), 100.0);
        bills.per_project.insert("P-1".into(), project);
        bills.unallocated.push(UnallocatedSpend {
            provider: "Microsoft Azure".into(),
            label: "Azure".into(),
            service: "Azure OpenAI".into(),
            amount: 250.0,
            rows: 2,
        });
        let rows = by_provider(&bills, &ruleset);
        let seen: Vec<(&str, f64, f64)> = rows
            .iter()
            .map(|r| (r.label.as_str(), r.allocated, r.unallocated_ai))
            .collect();
        assert_eq!(
            seen,
            [
                ("Azure", 100.0, 250.0),
                ("AWS", 300.0, 0.0),
                ("Nebius", 0.0, 0.0)
            ]
        );
    }
}
