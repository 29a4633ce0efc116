//! "What would change the verdict": one sentence per check, read off the
//! finding's own figures and the thresholds it was compared against.
//!
//! The ROI check already records the multipliers that would just reach the
//! target (`benefit_factor_needed`, `compute_factor_needed`); the other two
//! checks' thresholds are plain numbers to state. Nothing is re-decided
//! here: each sentence names the threshold the verdict sits on.

use crate::format;
use crate::model::{FieldId, Figures, Finding, ProviderDimension, Ruleset, Status};
use crate::rules::checks::agentic;

/// The sentence for one finding.
#[must_use]
pub fn what_would_change(f: &Finding, ruleset: &Ruleset) -> String {
    match &f.figures {
        Figures::Roi(r) => {
            let target = format::target(ruleset.target_ratio);
            if r.ratio.is_none() {
                return format!(
                    "Giving the compute spend over the {}-month horizon would make it assessable.",
                    ruleset.horizon_months
                );
            }
            if !r.quantified {
                return format!(
                    "Measuring the benefit as efficiency, cost reduction, revenue or risk \
                     reduction would let the ratio count; it then needs {target} to pass."
                );
            }
            let (Some(b), Some(c)) = (r.benefit_factor_needed, r.compute_factor_needed) else {
                return format!(
                    "Any quantified benefit would start to count; {target} passes the check."
                );
            };
            let change = |factor: f64| format::change_pct((factor - 1.0).abs() * 100.0);
            if f.status == Status::Pass {
                format!(
                    "It would drop below {target} if benefit fell {} (× {}) or compute rose {} \
                     (× {}).",
                    change(b),
                    format::number(b, 3),
                    change(c),
                    format::number(c, 3)
                )
            } else {
                format!(
                    "It would reach {target} if benefit rose {} (× {}) or compute fell {} (× {}).",
                    change(b),
                    format::number(b, 3),
                    change(c),
                    format::number(c, 3)
                )
            }
        }
        Figures::Diversification(d) => {
            let single = format::pct(ruleset.single_source_pct);
            let limit = format::pct(ruleset.concentrated_pct);
            let (dim, dimension) = match (&d.model, d.deciding) {
                (Some(m), "model") => (m, ProviderDimension::ModelVendor),
                _ => (&d.infrastructure, ProviderDimension::Infrastructure),
            };
            let who = format!(
                "{} ({} of the {} workload)",
                ruleset.provider_label(dimension, &dim.top_provider),
                format::pct(dim.top_share),
                d.deciding
            );
            match f.status {
                Status::Fail => format!(
                    "Moving {who} below {single} would make it concentrated (warn); to {limit} \
                     or less, diversified (pass)."
                ),
                Status::Warn => format!("Bringing {who} to {limit} or less would pass."),
                Status::Pass => format!("It would warn if {who} rose above {limit}."),
            }
        }
        Figures::Agentic(a) => {
            let need = ruleset.agent_min_capabilities;
            let chatbot = ruleset.chatbot_max_capabilities;
            let multi = a.met.contains(&FieldId::MultiStep);
            let missing: Vec<FieldId> = agentic::CAPABILITIES
                .into_iter()
                .filter(|c| !a.met.contains(c))
                .collect();
            let missing = agentic::capability_list(&missing, ruleset);
            let capabilities = |n: u32| format::counted(n.into(), "capability", "capabilities");
            match f.status {
                Status::Pass => format!(
                    "It would become transitional without multi-step processes or with fewer \
                     than {} (has {}).",
                    capabilities(need),
                    a.capabilities
                ),
                Status::Warn if !multi => format!(
                    "Running multi-step processes with {need} or more capabilities would make \
                     it an agent; not yet met: {missing}."
                ),
                Status::Warn => format!(
                    "{} more would make it an agent; not yet met: {missing}.",
                    capabilities(need.saturating_sub(a.capabilities))
                ),
                Status::Fail => format!(
                    "More than {} (and multi-step processes, if it is query-response) would \
                     make it transitional; multi-step with {need} or more, an agent. Not yet \
                     met: {missing}.",
                    capabilities(chatbot)
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::engine::score_project;
    use crate::rules::{default_ruleset, testing::worked_example};

    #[test]
    fn worked_example_sentences_name_the_thresholds() {
        let ruleset = default_ruleset();
        let score = score_project(worked_example(), &ruleset);
        let roi = what_would_change(&score.findings[0], &ruleset);
        assert_eq!(
            roi,
            "It would drop below 3:1 if benefit fell 27% (× 0.731) or compute rose 37% (× 1.368)."
        );
        let div = what_would_change(&score.findings[1], &ruleset);
        assert!(
            div.contains("Azure (60% of the infrastructure workload)"),
            "{div}"
        );
        assert!(div.contains("above 75%"), "{div}");
        let agentic = what_would_change(&score.findings[2], &ruleset);
        assert!(
            agentic.contains("fewer than 3 capabilities (has 4)"),
            "{agentic}"
        );
    }
}
