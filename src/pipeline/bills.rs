//! The cloud bills of a run: each project's allocation rule read from the
//! intake first, then the bills (or a warehouse's aggregate of them)
//! allocated to the projects, and the bill files as the run record names
//! them.

use std::collections::BTreeMap;

use crate::import::bills::{BillsOptions, ProjectAllocation, read_aggregate, read_bills};
use crate::import::{ImportOptions, IntakeSink, stream_portfolio_from};
use crate::model::{BillFile, BilledSpend, FxRate, Project};

use super::plan::{BillsPlan, Plan};

/// Collects each project's allocation rule, before the bills are read.
struct Allocations(Vec<ProjectAllocation>);

impl IntakeSink for Allocations {
    type Error = anyhow::Error;

    fn start(&mut self, _: &str) -> anyhow::Result<()> {
        Ok(())
    }

    fn project(&mut self, project: Project) -> anyhow::Result<()> {
        self.0.push(ProjectAllocation {
            project_id: project.project_id,
            rule: project.cost_allocation,
            share: project.allocation_share,
        });
        Ok(())
    }
}

/// The bill files as the run record names them: with the `relative_path`
/// a re-scored run recorded (the outputs work out a new run's from their
/// folder as they are written).
pub(super) fn recorded_bill_files(plan: &Plan, files: &[BillFile]) -> Vec<BillFile> {
    let recorded = plan.bills.as_ref().map(|b| &b.recorded_relative);
    files
        .iter()
        .map(|f| BillFile {
            relative_path: recorded.and_then(|r| r.get(&f.path)).cloned(),
            ..f.clone()
        })
        .collect()
}

/// Reads the intake for each project's allocation rule, then the bills,
/// allocated to them; returns the spend and the bill currencies converted.
pub(super) fn read_plan_bills(
    plan: &Plan,
    bills: &BillsPlan,
    import: &ImportOptions,
) -> anyhow::Result<(BilledSpend, Vec<String>)> {
    let mut allocations = Allocations(Vec::new());
    let intake = stream_portfolio_from(
        &plan.inputs.files,
        &plan.read_from,
        import,
        &plan.ruleset,
        &mut allocations,
    )?;
    let rates = intake
        .fx_rates
        .iter()
        .map(|(c, (r, _))| (c.clone(), *r))
        .collect();
    let options = BillsOptions {
        basis: bills.basis,
        as_of: plan.as_of,
        currency: &intake.currency,
        fx: &rates,
        ruleset: &plan.ruleset,
    };
    Ok(match (bills.aggregate, bills.files.as_slice()) {
        (true, [file]) => read_aggregate(file, plan.located(file), &allocations.0, &options)?,
        _ => read_bills(
            &bills.files,
            &plan.read_from,
            bills.skipped.clone(),
            &allocations.0,
            &options,
        )?,
    })
}

/// Adds to the run's exchange rates those of the bill currencies
/// converted (`bill_currencies`) that the intake's rates give and the run
/// did not use yet, and sorts them by currency.
pub(super) fn add_bill_rates(
    fx: &mut Vec<FxRate>,
    bill_currencies: Vec<String>,
    rates: &BTreeMap<String, (f64, String)>,
) {
    for code in bill_currencies {
        if let (false, Some((rate, source))) =
            (fx.iter().any(|r| r.currency == code), rates.get(&code))
        {
            fx.push(FxRate {
                currency: code,
                rate: *rate,
                source: source.clone(),
            });
        }
    }
    fx.sort_by(|a, b| a.currency.cmp(&b.currency));
}
