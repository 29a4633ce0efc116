//! Check 2 — is the infrastructure diversified.

use crate::model::{
    CheckId, DimensionFigures, DiversificationFigures, FieldId, Figures, Finding, InputUsed,
    Project, ProviderDimension, Ruleset, ShareList, Status, Threshold,
};

use crate::format;
use crate::rules::finance::{ge, gt, round1};
use crate::rules::{Rule, Series, input_used};

macro_rules! diversification_explain {
    () => {
        "# What it checks

How concentrated the core AI workload is on one infrastructure provider, and,
where `model_providers` is given, on one model vendor. Per list: the top share,
the Herfindahl-Hirschman index HHI = Σ share² (10,000 for a single provider)
and the effective number of providers 10,000 / HHI. A top share of
`single_source_pct` (95%) or more fails as single-source; above
`concentrated_pct` (75%) warns as concentrated; anything lower passes.
score = 100 · clamp((10,000 - HHI) / 5,000, 0, 1). With both lists, the worse
one decides (lower status first, then lower score) and both are reported.

# Why it matters

Relying on one provider for the core AI workload is unnecessary concentration
risk: prices, capacity, outages and terms are all set by someone else. A
second provider carrying a real share keeps that risk, and the negotiating
position, in the organisation's hands.

# Example

`azure:60; aws:40` has HHI 3,600 + 1,600 = 5,200 (1.9 effective providers),
a top share of 60%: a pass with score 96. `azure:80; aws:20` is concentrated
(HHI 6,800, score 64); `azure` alone is single-source (HHI 10,000, score 0).
"
    };
}

#[doc = diversification_explain!()]
#[derive(Debug, Clone, Copy)]
pub struct DiversificationCheck;

impl Rule for DiversificationCheck {
    fn id(&self) -> CheckId {
        CheckId::Diversification
    }

    fn explain(&self) -> &'static str {
        diversification_explain!()
    }

    fn thresholds(&self, ruleset: &Ruleset) -> Vec<Threshold> {
        vec![
            Threshold {
                key: "single_source_pct",
                value: ruleset.single_source_pct,
            },
            Threshold {
                key: "concentrated_pct",
                value: ruleset.concentrated_pct,
            },
        ]
    }

    fn evaluate(&self, project: &Project, _series: &Series, ruleset: &Ruleset) -> Finding {
        let infrastructure = dimension(&project.providers.value, ruleset);
        let model = project
            .model_providers
            .as_ref()
            .map(|m| dimension(&m.value, ruleset));
        // The worse dimension decides: lower status, then lower score; a tie
        // stays with the infrastructure, the checklist's main concern.
        let model_decides = model
            .as_ref()
            .is_some_and(|m| (m.status, m.score) < (infrastructure.status, infrastructure.score));
        let (deciding, list, name) = match (&model, &project.model_providers) {
            (Some(m), Some(list)) if model_decides => (m, &list.value, "model"),
            _ => (&infrastructure, &project.providers.value, "infrastructure"),
        };
        let (status, score) = (deciding.status, deciding.score);
        let explanation = explain(deciding, list, name == "model", ruleset);
        let figures = DiversificationFigures {
            top_share: deciding.top_share,
            hhi: deciding.hhi,
            effective_providers: deciding.effective_providers,
            deciding: name,
            infrastructure,
            model,
        };
        Finding {
            check: CheckId::Diversification,
            status,
            score,
            verdict: verdict(status).to_owned(),
            figures: Figures::Diversification(figures),
            thresholds: self.thresholds(ruleset),
            inputs: inputs(project, ruleset),
            notes: notes(project),
            explanation,
        }
    }
}

/// The concentration of one share list.
#[must_use]
pub fn dimension(list: &ShareList, ruleset: &Ruleset) -> DimensionFigures {
    let top = list
        .shares
        .iter()
        .fold(None, |best: Option<&crate::model::Share>, s| match best {
            Some(b) if b.pct >= s.pct => Some(b),
            _ => Some(s),
        });
    // An empty list cannot come from the importer (providers are required);
    // should one arrive, it is treated as one unknown provider, the cautious reading.
    let (top_provider, top_share, hhi) = match top {
        Some(top) => {
            let hhi: f64 = list.shares.iter().map(|s| s.pct * s.pct).sum();
            (top.provider.clone(), top.pct, hhi)
        }
        None => ("unknown".to_owned(), 100.0, 10_000.0),
    };
    let status = concentration(top_share, ruleset);
    let score = round1(100.0 * ((10_000.0 - hhi) / 5_000.0).clamp(0.0, 1.0));
    DimensionFigures {
        top_provider,
        top_share,
        hhi,
        effective_providers: if hhi > 0.0 { 10_000.0 / hhi } else { 0.0 },
        status,
        score,
    }
}

/// How the check judges a top provider share (percent): single-source, a
/// fail, at or above `single_source_pct`; concentrated, a warning, above
/// `concentrated_pct`; diversified, a pass, otherwise. Anything that speaks
/// of concentration (the report's portfolio mix too) asks here, so the word
/// means one thing everywhere.
#[must_use]
pub fn concentration(top_share: f64, ruleset: &Ruleset) -> Status {
    if ge(top_share, ruleset.single_source_pct) {
        Status::Fail
    } else if gt(top_share, ruleset.concentrated_pct) {
        Status::Warn
    } else {
        Status::Pass
    }
}

/// The check's verdict for a status: `Diversified`, `Concentrated` or
/// `Single-source`.
#[must_use]
pub fn verdict(status: Status) -> &'static str {
    match status {
        Status::Pass => "Diversified",
        Status::Warn => "Concentrated",
        Status::Fail => "Single-source",
    }
}

fn explain(d: &DimensionFigures, list: &ShareList, model: bool, ruleset: &Ruleset) -> String {
    let (what, dimension) = if model {
        ("model usage", ProviderDimension::ModelVendor)
    } else {
        ("the core AI workload", ProviderDimension::Infrastructure)
    };
    let top_provider = ruleset.provider_label(dimension, &d.top_provider);
    let top = format::pct(d.top_share);
    let hhi = format::number(d.hhi, 0);
    let concentrated = format::pct(ruleset.concentrated_pct);
    match d.status {
        Status::Pass => format!(
            "{} providers share {what}; the largest, {}, holds {top}, within the \
             {concentrated} concentration limit (HHI {hhi}, {} effective providers).",
            list.shares.len(),
            top_provider,
            format::number(d.effective_providers, 1)
        ),
        Status::Warn => format!(
            "{} carries {top} of {what}, above the {concentrated} concentration limit \
             (HHI {hhi}); moving {} percentage points to other providers would diversify it.",
            top_provider,
            format::number(d.top_share - ruleset.concentrated_pct, 1)
        ),
        Status::Fail => format!(
            "{} carries {top} of {what}, a single-source dependency at or above the {} \
             line (HHI {hhi}); no provider above {concentrated} would diversify it.",
            top_provider,
            format::pct(ruleset.single_source_pct)
        ),
    }
}

fn inputs(project: &Project, ruleset: &Ruleset) -> Vec<InputUsed> {
    let mut used = vec![input_used(
        project,
        FieldId::Providers,
        &project.providers,
        format::shares(
            &project.providers.value,
            ruleset,
            ProviderDimension::Infrastructure,
        ),
    )];
    if let Some(model) = &project.model_providers {
        used.push(input_used(
            project,
            FieldId::ModelProviders,
            model,
            format::shares(&model.value, ruleset, ProviderDimension::ModelVendor),
        ));
    }
    used
}

/// The share lists' own notes (normalised, fractions read, split assumed),
/// each naming its field.
fn notes(project: &Project) -> Vec<String> {
    let lists = std::iter::once((FieldId::Providers, &project.providers.value)).chain(
        project
            .model_providers
            .as_ref()
            .map(|m| (FieldId::ModelProviders, &m.value)),
    );
    lists
        .flat_map(|(field, list)| list.notes.iter().map(move |n| format!("{field}: {n}")))
        .collect()
}

// Rounded scores and exact inputs are compared exactly: that is what the
// spec promises (the report's arithmetic is what decided).
#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests;
