//! Columns the header alone cannot settle, decided by a sample of their
//! values ([`sample_columns`], [`Verdict`]): a generic header (`Status`,
//! `Mode`) is read as a field only when most of its values are the field's
//! ([`HeaderMap::settle`]), and a field left without a column while an
//! unread column looks like it, by its header and its values, gets a note
//! naming both ([`HeaderMap::note_lookalikes`]).

use std::ops::ControlFlow;
use std::sync::LazyLock;

use super::find::Table;
use super::header::{Column, HeaderMap, header_words};
use crate::import::cell::Row;
use crate::import::source::Source;
use crate::import::values::ParseCtx;
use crate::model::{FIELDS, FieldId, FieldSpec, Kind, column_letters};

/// What a sample of a generic column's values says about one field it
/// may hold.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    /// The column, 0-based.
    pub(crate) col: u32,
    /// The field it may hold.
    pub(crate) spec: &'static FieldSpec,
    /// Non-blank values looked at.
    pub(crate) values: usize,
    /// How many of them read as the field's.
    pub(crate) fitting: usize,
    /// A few values that do not, as shown.
    pub(crate) misfits: Vec<String>,
}

impl Verdict {
    /// Non-blank values a generic column is judged on: the first so many.
    pub(crate) const SAMPLE: usize = 1000;

    pub(crate) fn new(col: u32, spec: &'static FieldSpec) -> Self {
        Verdict {
            col,
            spec,
            values: 0,
            fitting: 0,
            misfits: Vec::new(),
        }
    }

    /// Most of the values read as the field's.
    fn fits(&self) -> bool {
        self.values > 0 && self.fitting * 2 > self.values
    }
}

/// Samples the values of columns whose reading depends on them: for each
/// (column, field), how many of the column's first [`Verdict::SAMPLE`]
/// non-blank values read as the field's. A sheet that breaks off gives what
/// was read before; the table's own read says where.
pub(crate) fn sample_columns(
    source: &mut impl Source,
    table: &Table,
    columns: &[(u32, &'static FieldSpec)],
    parse: &ParseCtx,
) -> Vec<Verdict> {
    let mut verdicts: Vec<Verdict> = columns
        .iter()
        .map(|(col, spec)| Verdict::new(*col, spec))
        .collect();
    let _ = source.visit(table.sheet, &mut |row: Row| -> ControlFlow<()> {
        if row.number <= table.header_row {
            return ControlFlow::Continue(());
        }
        for v in &mut verdicts {
            if v.values >= Verdict::SAMPLE {
                continue;
            }
            let Some(cell) = row.get(v.col).filter(|c| !c.is_blank()) else {
                continue;
            };
            v.values += 1;
            if super::row::reads_as(v.spec.id, cell, parse) {
                v.fitting += 1;
            } else if v.misfits.len() < 3 && !v.misfits.contains(&cell.display()) {
                v.misfits.push(cell.display());
            }
        }
        if verdicts.iter().all(|v| v.values >= Verdict::SAMPLE) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    verdicts
}

impl HeaderMap {
    /// Decides the generic columns from samples of their values: a column
    /// holds the first of its fields that most of its values read as, and
    /// is carried as an extra column, with a note, when they read as none.
    pub(crate) fn settle(&mut self, verdicts: &[Verdict]) {
        for (col, specs) in std::mem::take(&mut self.pending) {
            let column = self.column_text(col);
            let of_col: Vec<&Verdict> = verdicts
                .iter()
                .filter(|v| v.col == col && specs.iter().any(|s| s.id == v.spec.id))
                .collect();
            let chosen = of_col.iter().find(|v| v.fits() && !self.names(v.spec.id));
            if let Some(v) = chosen {
                self.set(col, Column::Field(v.spec));
                self.notes.push(format!(
                    "column {column} was read as {}: {} of its {} values read as one",
                    v.spec.name(),
                    v.fitting,
                    v.values
                ));
                continue;
            }
            self.explained.push(col);
            let names: Vec<&str> = specs.iter().map(|s| s.name()).collect();
            let why = if let Some(taken) = of_col.iter().find(|v| v.fits()) {
                let by = self.column_of(taken.spec.id).map(|c| self.column_text(c));
                format!(
                    "{} is read from column {}",
                    taken.spec.name(),
                    by.unwrap_or_default()
                )
            } else if of_col.iter().all(|v| v.values == 0) {
                "it has no values to tell by".to_string()
            } else {
                let mut examples: Vec<String> = Vec::new();
                for v in &of_col {
                    for m in &v.misfits {
                        if examples.len() < 3 && !examples.contains(m) {
                            examples.push(m.clone());
                        }
                    }
                }
                let examples: Vec<String> = examples.iter().map(|e| format!("\"{e}\"")).collect();
                let expected = match of_col.as_slice() {
                    [one] => format!("not {}", expected_values(one.spec)),
                    many => format!(
                        "none of {}",
                        many.iter()
                            .map(|v| format!("{} ({})", v.spec.name(), expected_values(v.spec)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                format!(
                    "most of its values are {expected} (such as {})",
                    examples.join(", ")
                )
            };
            self.notes.push(format!(
                "column {column} was not read as {}: {why}; it is carried as an extra column",
                names.join(" or ")
            ));
        }
    }

    /// Unread columns that may be a field left without a column: a short
    /// header (a name, not a question) sharing a distinctive word with the
    /// field's names (`Weekly Compute Growth %` and `compute_growth_pct`),
    /// as (column, field) in field order. Their values decide
    /// ([`HeaderMap::note_lookalikes`]).
    pub(crate) fn lookalikes(&self) -> Vec<(u32, &'static FieldSpec)> {
        /// Words a header that names a field has, at most.
        const NAME_WORDS: usize = 6;
        let pending: Vec<u32> = self.pending.iter().map(|(c, _)| *c).collect();
        let unread: Vec<(u32, Vec<String>)> = self
            .columns
            .iter()
            .filter(|(col, _)| !self.explained.contains(col) && !pending.contains(col))
            .filter_map(|(col, c)| match c {
                Column::Extra(header) => Some((*col, header_words(header))),
                Column::Field(_) => None,
            })
            .filter(|(_, words)| words.len() <= NAME_WORDS)
            .collect();
        let distinctive = distinctive_words(self.fields);
        let mut out = Vec::new();
        for (spec, words) in self.fields.iter().zip(&distinctive) {
            if words.is_empty() || self.column_of(spec.id).is_some() {
                continue;
            }
            for (col, header) in &unread {
                if header.iter().any(|w| words.contains(&singular(w))) {
                    out.push((*col, spec));
                }
            }
        }
        out
    }

    /// Notes each field left without a column while one of its
    /// [`HeaderMap::lookalikes`] holds values that read as the field's:
    /// the field took its default, or the table lacks it, and the column
    /// may be what the unit meant.
    pub(crate) fn note_lookalikes(
        &mut self,
        lookalikes: &[(u32, &'static FieldSpec)],
        verdicts: &[Verdict],
    ) {
        /// Columns named in a note per field, at most.
        const SHOWN: usize = 3;
        let distinctive = distinctive_words(self.fields);
        let mut notes = Vec::new();
        let mut shown: Vec<FieldId> = Vec::new();
        for &(col, spec) in lookalikes {
            let fits = verdicts
                .iter()
                .any(|v| v.col == col && v.spec.id == spec.id && v.fits());
            let count = shown.iter().filter(|id| **id == spec.id).count();
            if !fits || count == SHOWN || self.column_of(spec.id).is_some() {
                continue;
            }
            shown.push(spec.id);
            let header = self.header_text(col);
            let words = header_words(&header);
            let slot = self.fields.iter().position(|f| f.id == spec.id);
            let shared = words
                .iter()
                .find(|w| slot.is_some_and(|i| distinctive[i].contains(&singular(w))))
                .cloned()
                .unwrap_or_default();
            let monthly = matches!(
                spec.id,
                FieldId::MonthlyComputeCost | FieldId::ComputeGrowthPct | FieldId::MonthlyBenefit
            );
            let period = words
                .iter()
                .find(|w| PERIOD_WORDS.contains(&w.as_str()))
                .filter(|_| monthly);
            let field = spec.name();
            let why = match period {
                Some(p) => format!("its header names a period ({p}) and {field} is monthly"),
                None => format!(
                    "its header shares the word \"{shared}\" with {field} but is none of its names"
                ),
            };
            let result = if spec.required {
                format!("so the table has no column for {field}")
            } else if spec.default.is_empty() {
                format!("so {field} was left blank on every row")
            } else {
                format!(
                    "so {field} took its default ({}) on every row",
                    spec.default
                )
            };
            let fix = if period.is_some() {
                "if it holds the monthly figure"
            } else {
                "if it is"
            };
            notes.push(format!(
                "column {} \"{header}\" was not read as {field}: {why}, {result}; rename it to \"{}\" {fix}",
                column_letters(col),
                spec.title
            ));
        }
        self.notes.extend(notes);
    }
}

/// Header words that name a period other than a month.
const PERIOD_WORDS: &[&str] = &[
    "annual",
    "annually",
    "yearly",
    "year",
    "years",
    "yr",
    "pa",
    "quarterly",
    "quarter",
    "weekly",
    "week",
    "daily",
    "day",
];

/// Words too common to tell a field by, though only one field's names use them.
const COMMON_WORDS: &[&str] = &[
    "unit",
    "rate",
    "over",
    "first",
    "level",
    "degree",
    "data",
    "uses",
    "keeps",
    "executes",
    "development",
    "long",
    "running",
    "process",
    "type",
    "live",
    "lead",
];

/// A word without a plural `s`, so `system` and `systems` compare equal.
fn singular(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 4 && !stem.ends_with('s') => stem.to_string(),
        _ => word.to_string(),
    }
}

/// Each field's distinctive words: words of its name, title and aliases
/// (not its generic words) that no other field's names use, four letters
/// or more and not too common, in `fields` order.
fn distinctive_words(fields: &'static [FieldSpec]) -> Vec<Vec<String>> {
    fn build(fields: &[FieldSpec]) -> Vec<Vec<String>> {
        let words_of = |f: &FieldSpec| -> Vec<String> {
            let mut words: Vec<String> = [f.name(), f.title]
                .into_iter()
                .chain(f.aliases.iter().copied())
                .flat_map(header_words)
                .map(|w| singular(&w))
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        };
        let all: Vec<Vec<String>> = fields.iter().map(words_of).collect();
        all.iter()
            .map(|words| {
                words
                    .iter()
                    .filter(|w| w.len() >= 4 && !COMMON_WORDS.contains(&w.as_str()))
                    .filter(|w| all.iter().filter(|other| other.contains(w)).count() == 1)
                    .cloned()
                    .collect()
            })
            .collect()
    }
    static PROJECTS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| build(FIELDS));
    if fields.iter().map(|f| f.id).eq(FIELDS.iter().map(|f| f.id)) {
        PROJECTS.clone()
    } else {
        build(fields)
    }
}

/// The values a field takes, as notes say them.
fn expected_values(spec: &FieldSpec) -> String {
    match spec.kind {
        Kind::Enum(words) => format!("one of {}", words.join(", ")),
        Kind::YesNo => "yes or no".to_string(),
        Kind::Integer { min } => format!("whole numbers of {min} or more"),
        Kind::Percent => "percentages".to_string(),
        Kind::Money => "amounts".to_string(),
        Kind::Date => "dates".to_string(),
        Kind::Currency => "currency codes".to_string(),
        Kind::Shares => "provider lists".to_string(),
        Kind::Text => "text".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cell::Row;

    fn verdict(col: u32, id: FieldId, values: usize, fitting: usize, misfits: &[&str]) -> Verdict {
        Verdict {
            col,
            spec: id.spec(),
            values,
            fitting,
            misfits: misfits.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn generic_words_wait_for_the_values() {
        let row = Row::header(&[
            "Project ID",
            "Status",
            "State",
            "Mode",
            "Human in the loop?",
        ]);
        let mut map = HeaderMap::new(&row, FIELDS, &[]);
        assert_eq!(map.column_of(FieldId::Stage), None);
        let pending: Vec<(u32, Vec<FieldId>)> = map
            .pending
            .iter()
            .map(|(c, specs)| (*c, specs.iter().map(|s| s.id).collect()))
            .collect();
        assert_eq!(
            pending,
            [
                (1, vec![FieldId::Stage]),
                (2, vec![FieldId::Stage, FieldId::Stateful]),
                (3, vec![FieldId::InteractionPattern]),
                (4, vec![FieldId::Autonomy]),
            ]
        );
        map.settle(&[
            verdict(1, FieldId::Stage, 3, 0, &["On track", "At risk"]),
            verdict(2, FieldId::Stage, 2, 0, &["CA", "NY"]),
            verdict(2, FieldId::Stateful, 2, 0, &["CA", "NY"]),
            verdict(3, FieldId::InteractionPattern, 4, 3, &["chat"]),
            verdict(4, FieldId::Autonomy, 0, 0, &[]),
        ]);
        assert_eq!(map.column_of(FieldId::Stage), None);
        assert_eq!(map.column_of(FieldId::InteractionPattern), Some(3));
        assert_eq!(
            map.notes,
            [
                "column B \"Status\" was not read as stage: most of its values are not one of idea, pilot, production, retired (such as \"On track\", \"At risk\"); it is carried as an extra column",
                "column C \"State\" was not read as stage or stateful: most of its values are none of stage (one of idea, pilot, production, retired), stateful (yes or no) (such as \"CA\", \"NY\"); it is carried as an extra column",
                "column D \"Mode\" was read as interaction_pattern: 3 of its 4 values read as one",
                "column E \"Human in the loop?\" was not read as autonomy: it has no values to tell by; it is carried as an extra column",
            ]
        );
        // A column the field's own name already holds is not a candidate.
        let map = HeaderMap::new(&Row::header(&["Stage", "Status"]), FIELDS, &[]);
        assert_eq!(map.column_of(FieldId::Stage), Some(0));
        assert!(map.pending.is_empty());
    }

    #[test]
    fn columns_that_look_like_a_defaulted_field_are_named() {
        let row = Row::header(&[
            "Project ID",
            "Weekly Compute Growth %",
            "Systems in scope",
            "Comments",
            "Cost centre",
            "System name",
            "Which systems does the use case read from, and which does it act on?",
        ]);
        let mut map = HeaderMap::new(&row, FIELDS, &[]);
        let lookalikes: Vec<(u32, FieldId)> =
            map.lookalikes().iter().map(|(c, s)| (*c, s.id)).collect();
        // A question is not a name: the last column is not a candidate.
        assert_eq!(
            lookalikes,
            [
                (5, FieldId::ProjectName),
                (1, FieldId::ComputeGrowthPct),
                (2, FieldId::SystemsIntegrated),
                (5, FieldId::SystemsIntegrated),
            ]
        );
        // The system names are text, not a count: no note for column F
        // (nor as project_name, not sampled here).
        let verdicts = [
            verdict(1, FieldId::ComputeGrowthPct, 2, 2, &[]),
            verdict(2, FieldId::SystemsIntegrated, 2, 2, &[]),
            verdict(5, FieldId::SystemsIntegrated, 2, 0, &["SAP", "Workday"]),
        ];
        map.note_lookalikes(&map.lookalikes(), &verdicts);
        assert_eq!(
            map.notes,
            [
                "column B \"Weekly Compute Growth %\" was not read as compute_growth_pct: its header names a period (weekly) and compute_growth_pct is monthly, so compute_growth_pct took its default (0) on every row; rename it to \"Compute Growth %\" if it holds the monthly figure",
                "column C \"Systems in scope\" was not read as systems_integrated: its header shares the word \"systems\" with systems_integrated but is none of its names, so systems_integrated took its default (0) on every row; rename it to \"Systems Integrated\" if it is",
            ]
        );
    }

    #[test]
    fn distinctive_words_belong_to_one_field() {
        let words = distinctive_words(FIELDS);
        let of = |id: FieldId| &words[id as usize];
        assert!(of(FieldId::SystemsIntegrated).contains(&"system".to_string()));
        assert!(of(FieldId::Autonomy).contains(&"autonomy".to_string()));
        assert!(of(FieldId::ComputeGrowthPct).contains(&"growth".to_string()));
        // Shared by several fields' names: no one field's.
        for w in [
            "benefit", "compute", "cost", "monthly", "project", "provider",
        ] {
            assert!(words.iter().all(|f| !f.contains(&w.to_string())), "{w}");
        }
    }
}
