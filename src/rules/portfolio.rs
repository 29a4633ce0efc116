//! Portfolio figures, summed one project at a time so a million projects
//! can be scored in bounded memory: the accumulator keeps totals and counts,
//! never the projects.

use std::collections::BTreeMap;

use crate::model::{
    CheckId, Figures, Grade, Phase, PortfolioFigures, ProjectScore, Share, Stage, Status,
};

/// The business-unit key of projects that name none.
pub const UNASSIGNED_BUSINESS_UNIT: &str = "(unassigned)";

/// The finished portfolio figures: the whole run, and per business unit and stage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PortfolioBreakdown {
    pub portfolio: PortfolioFigures,
    pub by_business_unit: BTreeMap<String, PortfolioFigures>,
    pub by_stage: BTreeMap<Option<Stage>, PortfolioFigures>,
}

/// Sums portfolio figures over scored projects.
#[derive(Debug, Clone, Default)]
pub struct PortfolioAccumulator {
    overall: Slice,
    by_business_unit: BTreeMap<String, Slice>,
    by_stage: BTreeMap<Option<Stage>, Slice>,
}

/// One slice's running figures and its compute per provider.
#[derive(Debug, Clone, Default)]
struct Slice {
    figures: PortfolioFigures,
    provider_compute: BTreeMap<String, f64>,
}

impl PortfolioAccumulator {
    /// An empty accumulator.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one scored project to the run, its business unit and its stage.
    pub fn add(&mut self, score: &ProjectScore) {
        self.overall.add(score);
        let unit = score
            .project
            .business_unit
            .as_deref()
            .unwrap_or(UNASSIGNED_BUSINESS_UNIT);
        // Look up before inserting so the common case does not allocate a key.
        if let Some(slice) = self.by_business_unit.get_mut(unit) {
            slice.add(score);
        } else {
            let mut slice = Slice::default();
            slice.add(score);
            self.by_business_unit.insert(unit.to_owned(), slice);
        }
        self.by_stage
            .entry(score.project.stage)
            .or_default()
            .add(score);
    }

    /// The finished figures.
    #[must_use]
    pub fn finish(self) -> PortfolioBreakdown {
        PortfolioBreakdown {
            portfolio: self.overall.finish(),
            by_business_unit: self
                .by_business_unit
                .into_iter()
                .map(|(k, s)| (k, s.finish()))
                .collect(),
            by_stage: self
                .by_stage
                .into_iter()
                .map(|(k, s)| (k, s.finish()))
                .collect(),
        }
    }
}

impl Slice {
    fn add(&mut self, score: &ProjectScore) {
        let f = &mut self.figures;
        f.projects += 1;
        let (compute, benefit) = match &score.findings[CheckId::Roi as usize].figures {
            Figures::Roi(roi) => (roi.compute_total, roi.benefit_total),
            _ => (0.0, 0.0),
        };
        f.compute_total += compute;
        f.benefit_total += benefit;
        for share in &score.project.providers.value.shares {
            let weight = compute * share.pct / 100.0;
            if let Some(total) = self.provider_compute.get_mut(share.provider.as_str()) {
                *total += weight;
            } else {
                self.provider_compute.insert(share.provider.clone(), weight);
            }
        }
        *f.grades.entry(score.grade).or_default() += 1;
        for finding in &score.findings {
            f.checks
                .entry(finding.check)
                .or_default()
                .add(finding.status);
        }
        match score.phase {
            Phase::Validated => f.validated += 1,
            Phase::Speculative => f.speculative += 1,
        }
        match score.findings[CheckId::Agentic as usize].status {
            Status::Pass => f.agentic += 1,
            Status::Fail => f.chatbot += 1,
            Status::Warn => {}
        }
        if let Some(review) = &score.review {
            f.reviews.add(review);
        }
    }

    fn finish(self) -> PortfolioFigures {
        let mut f = self.figures;
        for grade in Grade::ALL {
            f.grades.entry(grade).or_default();
        }
        for check in CheckId::ALL {
            f.checks.entry(check).or_default();
        }
        f.ratio = (f.compute_total > 0.0).then(|| f.benefit_total / f.compute_total);
        let weighted: f64 = self.provider_compute.values().sum();
        if weighted > 0.0 {
            let mut mix: Vec<Share> = self
                .provider_compute
                .into_iter()
                .map(|(provider, w)| Share {
                    provider,
                    pct: 100.0 * w / weighted,
                })
                .collect();
            // Largest first; the map's name order breaks ties, so output is stable.
            mix.sort_by(|a, b| b.pct.total_cmp(&a.pct));
            f.hhi = Some(mix.iter().map(|s| s.pct * s.pct).sum());
            f.provider_mix = mix;
        }
        f
    }
}
