//! The running sums of a bill reading: per project, month and provider,
//! the unallocated AI spend, the conflicts and the months each provider
//! bills. One tally a file, merged into the run's once the file is read
//! whole, so a refused file counts nowhere; memory grows with projects ×
//! months, never with rows.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::model::{
    BillTotals, Conflict, PlanMonth, ProjectBills, UnallocatedSpend, Unmatched, YearMonth,
};

/// One project's sums.
#[derive(Debug, Clone, Default)]
pub(super) struct ProjectTally {
    pub months: BTreeMap<YearMonth, f64>,
    pub by_provider: BTreeMap<String, f64>,
    pub by_publisher: BTreeMap<String, f64>,
    pub rows: usize,
}

impl ProjectTally {
    fn merge(&mut self, other: ProjectTally) {
        add_all(&mut self.months, other.months);
        add_all(&mut self.by_provider, other.by_provider);
        add_all(&mut self.by_publisher, other.by_publisher);
        self.rows += other.rows;
    }
}

fn add_all<K: Ord>(into: &mut BTreeMap<K, f64>, from: BTreeMap<K, f64>) {
    for (k, v) in from {
        *into.entry(k).or_default() += v;
    }
}

/// Adds `amount` under `key`, making the key's string only the first time.
fn add_to(into: &mut BTreeMap<String, f64>, key: &str, amount: f64) {
    if let Some(sum) = into.get_mut(key) {
        *sum += amount;
    } else {
        // 0.0 + amount, as a new entry's default plus the amount: a first
        // -0.0 sums to 0.0.
        into.insert(key.to_string(), 0.0 + amount);
    }
}

/// A charge's part for one project.
pub(super) struct Part<'a> {
    pub month: YearMonth,
    pub amount: f64,
    pub provider_id: &'a str,
    /// The model vendor id, for AI services.
    pub publisher_id: Option<&'a str>,
    /// Bill rows the part adds up (1 when read row by row).
    pub rows: usize,
}

/// Sums of one file, or of the run.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub projects: BTreeMap<u32, ProjectTally>,
    /// (provider, service) → (amount, rows).
    pub unallocated: BTreeMap<(String, String), (f64, usize)>,
    /// Projects matched together → (amount, rows, first row).
    pub conflicts: BTreeMap<Vec<u32>, (f64, usize, String)>,
    /// `ProviderName` → the months it has charges in.
    pub months: BTreeMap<String, BTreeSet<YearMonth>>,
    pub totals: BillTotals,
}

impl Tally {
    /// Adds a project's part of a charge.
    pub(super) fn allocate(&mut self, project: u32, part: &Part) {
        let t = self.projects.entry(project).or_default();
        *t.months.entry(part.month).or_default() += part.amount;
        add_to(&mut t.by_provider, part.provider_id, part.amount);
        if let Some(publisher) = part.publisher_id {
            add_to(&mut t.by_publisher, publisher, part.amount);
        }
        t.rows += part.rows;
        self.totals.allocated += part.amount;
    }

    /// Notes that `provider` bills charges in `month`.
    pub(super) fn saw(&mut self, provider: &str, month: YearMonth) {
        if let Some(months) = self.months.get_mut(provider) {
            months.insert(month);
        } else {
            self.months
                .insert(provider.to_string(), BTreeSet::from([month]));
        }
    }

    /// Adds AI spend no project matched.
    pub(super) fn unallocated(&mut self, provider: &str, service: &str, amount: f64, rows: usize) {
        let entry = self
            .unallocated
            .entry((provider.to_string(), service.to_string()))
            .or_default();
        entry.0 += amount;
        entry.1 += rows;
        self.totals.unallocated_ai += amount;
    }

    /// Adds a charge several projects claim without shares.
    pub(super) fn conflict(
        &mut self,
        projects: &[u32],
        amount: f64,
        rows: usize,
        at: impl FnOnce() -> String,
    ) {
        if let Some(entry) = self.conflicts.get_mut(projects) {
            entry.0 += amount;
            entry.1 += rows;
        } else {
            self.conflicts
                .insert(projects.to_vec(), (amount, rows, at()));
        }
        self.totals.conflicts += amount;
    }

    /// Adds a whole file's sums.
    pub(super) fn merge(&mut self, file: Tally) {
        for (project, t) in file.projects {
            self.projects.entry(project).or_default().merge(t);
        }
        for (key, (amount, rows)) in file.unallocated {
            let entry = self.unallocated.entry(key).or_default();
            entry.0 += amount;
            entry.1 += rows;
        }
        for (key, (amount, rows, first)) in file.conflicts {
            let entry = self.conflicts.entry(key).or_insert((0.0, 0, first));
            entry.0 += amount;
            entry.1 += rows;
        }
        for (provider, months) in file.months {
            self.months.entry(provider).or_default().extend(months);
        }
        let (a, b) = (&mut self.totals, file.totals);
        a.spend += b.spend;
        a.ai_spend += b.ai_spend;
        a.allocated += b.allocated;
        a.unallocated_ai += b.unallocated_ai;
        a.conflicts += b.conflicts;
        a.tax_excluded += b.tax_excluded;
        a.commitment_purchases_excluded += b.commitment_purchases_excluded;
    }

    /// The months that count as actual (over by `as_of`, with charges from
    /// every provider), and the others that hold charges, with the reason;
    /// `label` names a bill's provider for people.
    pub(super) fn completeness(
        &self,
        as_of: NaiveDate,
        label: impl Fn(&str) -> String,
    ) -> (Vec<YearMonth>, Vec<PlanMonth>) {
        let all: BTreeSet<YearMonth> = self.months.values().flatten().copied().collect();
        let mut actual = Vec::new();
        let mut plan = Vec::new();
        for month in all {
            let next = month.next();
            let over =
                NaiveDate::from_ymd_opt(next.year, next.month, 1).is_some_and(|d| d <= as_of);
            let missing: Vec<String> = self
                .months
                .iter()
                .filter(|(_, months)| !months.contains(&month))
                .map(|(p, _)| label(p))
                .collect();
            if !over {
                plan.push(PlanMonth {
                    month,
                    reason: format!("not ended by the as-of date {as_of}"),
                });
            } else if !missing.is_empty() {
                plan.push(PlanMonth {
                    month,
                    reason: format!("no charges from {}", missing.join(", ")),
                });
            } else {
                actual.push(month);
            }
        }
        (actual, plan)
    }

    /// The per-project figures, keyed by project id, and the projects
    /// matched by no row; `projects` gives each index's id, rule and share.
    /// A project whose rows are all in conflicts is in neither: the
    /// conflicts name it.
    pub(super) fn per_project(
        &mut self,
        projects: &[(String, String, Option<f64>)],
    ) -> (BTreeMap<String, ProjectBills>, Vec<Unmatched>) {
        let mut found = BTreeMap::new();
        let mut unmatched = Vec::new();
        let in_conflict: BTreeSet<u32> = self.conflicts.keys().flatten().copied().collect();
        for (index, (id, rule, share)) in projects.iter().enumerate() {
            match self.projects.remove(&(index as u32)) {
                Some(t) => {
                    found.insert(
                        id.clone(),
                        ProjectBills {
                            rule: rule.clone(),
                            allocation_share: *share,
                            months: t.months,
                            by_provider: t.by_provider,
                            by_publisher: t.by_publisher,
                            matched_rows: t.rows,
                            review: None,
                        },
                    );
                }
                None if in_conflict.contains(&(index as u32)) => {}
                None => unmatched.push(Unmatched {
                    project_id: id.clone(),
                    rule: rule.clone(),
                }),
            }
        }
        (found, unmatched)
    }

    /// Unallocated AI spend, largest first.
    pub(super) fn unallocated_list(&self) -> Vec<UnallocatedSpend> {
        let mut list: Vec<UnallocatedSpend> = self
            .unallocated
            .iter()
            .map(|((provider, service), (amount, rows))| UnallocatedSpend {
                provider: provider.clone(),
                label: provider.clone(),
                service: service.clone(),
                amount: *amount,
                rows: *rows,
            })
            .collect();
        list.sort_by(|a, b| b.amount.total_cmp(&a.amount));
        list
    }

    /// Conflicts, largest first, naming the projects.
    pub(super) fn conflict_list(&self, ids: &[(String, String, Option<f64>)]) -> Vec<Conflict> {
        let mut list: Vec<Conflict> = self
            .conflicts
            .iter()
            .map(|(projects, (amount, rows, first))| Conflict {
                projects: projects
                    .iter()
                    .map(|&p| ids[p as usize].0.clone())
                    .collect(),
                amount: *amount,
                rows: *rows,
                first: first.clone(),
            })
            .collect();
        list.sort_by(|a, b| b.amount.total_cmp(&a.amount));
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    #[test]
    fn a_month_is_actual_when_over_and_billed_by_every_provider() {
        let mut t = Tally::default();
        for m in 1..=4 {
            t.saw("AWS", ym(2026, m));
        }
        // Azure's export stops in February.
        t.saw("Microsoft Azure", ym(2026, 1));
        t.saw("Microsoft Azure", ym(2026, 2));
        let as_of = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap();
        let (actual, plan) = t.completeness(as_of, str::to_owned);
        assert_eq!(actual, vec![ym(2026, 1), ym(2026, 2)]);
        assert_eq!(
            plan,
            vec![
                PlanMonth {
                    month: ym(2026, 3),
                    reason: "no charges from Microsoft Azure".into()
                },
                PlanMonth {
                    month: ym(2026, 4),
                    reason: "not ended by the as-of date 2026-04-15".into()
                },
            ]
        );
        // On the first of the next month, the month is over.
        let (actual, _) =
            t.completeness(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(), str::to_owned);
        assert_eq!(actual, vec![ym(2026, 1)]);
    }

    #[test]
    fn december_is_over_on_new_years_day() {
        let mut t = Tally::default();
        t.saw("AWS", ym(2025, 12));
        let (actual, _) =
            t.completeness(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), str::to_owned);
        assert_eq!(actual, vec![ym(2025, 12)]);
    }
}
