//! Header matching: which column holds which intake field.
//!
//! Headers match without regard to case, spaces, line breaks (a title
//! broken over lines reads as one; a line under a title that does not
//! continue it is an explanation), underscores, hyphens and bracketed words (`Monthly Compute Cost (USD)`, `(FY25
//! estimate)`). A header that is none of a field's names may still name it
//! once a count, percent or level word is set aside (`# Systems Integrated`,
//! `No. of Systems`, `MoM Growth %`, `Level of Autonomy`), when the field is
//! a count, a percent or a choice of words respectively. A unit, scale,
//! currency or period in the header (`($K)`, `(EUR)`, `Annual Benefit`)
//! does not change which field it names, but is kept per column and
//! applied to the values ([`super::column_unit`]).
//!
//! When two columns name one field, a visible column beats a hidden one and
//! the field's own name (or title) beats another name for it; a tie is a
//! [`Tie`], and the table cannot be read. A generic word (`Status`, `Mode`)
//! leaves the column pending until its values are seen, and a field left
//! without a column may have a look-alike column: both in [`super::unread`].

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::column_unit::{ColumnUnit, Period, UnitRefusal};
use super::unit_words::strip_period;
use crate::import::cell::Row;
use crate::model::{CASH_FLOW_FIELDS, FIELDS, FieldId, FieldSpec, Kind, column_letters};

/// A header's words: its first non-blank line, bracketed groups dropped,
/// `%` read as `pct` and `#` as `number`, lower-case ASCII letters and
/// digits.
pub(crate) fn header_words(header: &str) -> Vec<String> {
    // Explanations after a line break in a header cell are not its name.
    let first_line = header.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut text = if first_line.contains([')', ']']) {
        drop_brackets(first_line)
    } else {
        first_line.to_string()
    };
    if !text.chars().any(|c| c.is_ascii_alphanumeric()) {
        // A header that is all brackets, `(blank)`, is named by what is in them.
        text = first_line.to_string();
    }
    text.replace('%', " pct ")
        .replace('#', " number ")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// `text` without its bracketed groups, `(…)` and `[…]`, wherever they are.
fn drop_brackets(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    while let Some(close) = chars.iter().position(|c| matches!(c, ')' | ']')) {
        let open = if chars[close] == ')' { '(' } else { '[' };
        match chars[..close].iter().rposition(|c| *c == open) {
            Some(at) => drop(chars.drain(at..=close)),
            // A stray closing bracket.
            None => drop(chars.remove(close)),
        }
    }
    chars.into_iter().collect()
}

/// A header reduced to lower-case letters and digits, bracketed words dropped.
#[must_use]
pub fn normalise_header(header: &str) -> String {
    header_words(header).concat()
}

/// How well a header names a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Another name for the field: an alias, or a name once a count,
    /// percent or level word is set aside.
    Alias,
    /// The field's own name or its title.
    Exact,
}

/// What a header names.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    Named(&'static FieldSpec, Strength),
    /// A generic word that may name any of these fields.
    Generic(Vec<&'static FieldSpec>),
    Nothing,
}

/// Words that say a column counts something (`No. of`, `#`).
const COUNT_WORDS: &[&str] = &["number", "no", "num", "nr", "count", "qty"];
/// Words that say a column is a percentage.
const PERCENT_WORDS: &[&str] = &["pct", "percent", "percentage"];
/// Words that say a column is a level on a scale (`Level of`).
const LEVEL_WORDS: &[&str] = &["level", "degree"];

/// Whether a field of a kind may be named by a header with a marker word set aside.
type KindFits = fn(Kind) -> bool;

/// The header's words with one kind of marker word set aside, each with
/// the kind of field such a header may name.
fn reductions(words: &[String]) -> Vec<(String, KindFits)> {
    let is = |w: &String, set: &[&str]| set.contains(&w.as_str());
    let mut out: Vec<(String, KindFits)> = Vec::new();
    let mut push = |rest: &[String], fits: KindFits| {
        if !rest.is_empty() && rest.len() < words.len() {
            out.push((rest.concat(), fits));
        }
    };
    let count = |k: Kind| matches!(k, Kind::Integer { .. });
    let level = |k: Kind| matches!(k, Kind::Enum(_));
    // `No. of Systems`, `# Systems`, `Count of systems`; `Systems #`, `Systems count`.
    if words.first().is_some_and(|w| is(w, COUNT_WORDS)) {
        let skip = if words.get(1).is_some_and(|w| w == "of") {
            2
        } else {
            1
        };
        push(&words[skip..], count);
    }
    if words.last().is_some_and(|w| w == "number" || w == "count") {
        push(&words[..words.len() - 1], count);
    }
    // `MoM Growth %`, `Compute growth percent`.
    let without_percent: Vec<String> = words
        .iter()
        .filter(|w| !is(w, PERCENT_WORDS))
        .cloned()
        .collect();
    push(&without_percent, |k| matches!(k, Kind::Percent));
    // `Level of Autonomy`, `Autonomy level`.
    if words.first().is_some_and(|w| is(w, LEVEL_WORDS)) && words.get(1).is_some_and(|w| w == "of")
    {
        push(&words[2..], level);
    }
    if words.last().is_some_and(|w| is(w, LEVEL_WORDS)) {
        push(&words[..words.len() - 1], level);
    }
    out
}

/// The names of a field table's fields, normalised.
struct Keys {
    named: HashMap<String, (&'static FieldSpec, Strength)>,
    generic: HashMap<String, Vec<&'static FieldSpec>>,
}

impl Keys {
    fn build(fields: &'static [FieldSpec]) -> Keys {
        let mut named = HashMap::new();
        // Every field's own names first: one field's title is never lost
        // to another's alias.
        for f in fields {
            for key in [f.name(), f.title].map(normalise_header) {
                named.entry(key).or_insert((f, Strength::Exact));
            }
        }
        for f in fields {
            for key in f.aliases.iter().map(|a| normalise_header(a)) {
                named.entry(key).or_insert((f, Strength::Alias));
            }
        }
        let mut generic: HashMap<String, Vec<&'static FieldSpec>> = HashMap::new();
        for f in fields {
            for key in f.generic.iter().map(|g| normalise_header(g)) {
                if !named.contains_key(&key) {
                    generic.entry(key).or_default().push(f);
                }
            }
        }
        Keys { named, generic }
    }

    /// The keys of a field table, computed once for the intake's own: a
    /// wide sheet asks for thousands of headers in each of its first rows,
    /// and normalising every alias again for each would cost minutes.
    fn of(fields: &'static [FieldSpec]) -> KeysRef {
        static PROJECTS: LazyLock<Keys> = LazyLock::new(|| Keys::build(FIELDS));
        static FLOWS: LazyLock<Keys> = LazyLock::new(|| Keys::build(CASH_FLOW_FIELDS));
        // The tables are consts, so the same table may sit at several
        // addresses: compare ids, which costs little next to normalising.
        let same = |table: &[FieldSpec]| fields.iter().map(|f| f.id).eq(table.iter().map(|f| f.id));
        if same(FIELDS) {
            KeysRef::Static(&PROJECTS)
        } else if same(CASH_FLOW_FIELDS) {
            KeysRef::Static(&FLOWS)
        } else {
            KeysRef::Owned(Keys::build(fields))
        }
    }

    /// What a header cell names: its lines read as one title
    /// (`Monthly⏎Compute Cost`), else its first line alone (a line of
    /// explanation under a title is not part of its name).
    fn find_text(&self, text: &str) -> Found {
        if text.lines().filter(|l| !l.trim().is_empty()).count() > 1 {
            let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let found = self.find(&header_words(&one_line));
            if !matches!(found, Found::Nothing) {
                return found;
            }
        }
        self.find(&header_words(text))
    }

    /// What a header of these words names.
    fn find(&self, words: &[String]) -> Found {
        let key = words.concat();
        if key.is_empty() {
            return Found::Nothing;
        }
        if let Some(&(spec, strength)) = self.named.get(&key) {
            return Found::Named(spec, strength);
        }
        for (reduced, fits) in reductions(words) {
            if let Some(&(spec, _)) = self.named.get(&reduced).filter(|(s, _)| fits(s.kind)) {
                return Found::Named(spec, Strength::Alias);
            }
        }
        match self.generic.get(&key) {
            Some(specs) => Found::Generic(specs.clone()),
            None => Found::Nothing,
        }
    }
}

enum KeysRef {
    Static(&'static Keys),
    Owned(Keys),
}

impl std::ops::Deref for KeysRef {
    type Target = Keys;
    fn deref(&self) -> &Keys {
        match self {
            KeysRef::Static(k) => k,
            KeysRef::Owned(k) => k,
        }
    }
}

/// Which of `fields` a header names, if any (generic words, which need
/// the column's values, name nothing here).
#[must_use]
pub fn match_header(header: &str, fields: &'static [FieldSpec]) -> Option<&'static FieldSpec> {
    match Keys::of(fields).find_text(header) {
        Found::Named(spec, _) => Some(spec),
        _ => None,
    }
}

/// Whether a cell's text may be a header naming a field of either table,
/// told cheaply enough to ask of every data row's first cell: a plain text
/// is looked up as it normalises, without building its words; one with
/// brackets, `%`, `#` or lines is matched in full.
#[must_use]
pub(crate) fn may_name_a_field(text: &str) -> bool {
    let mut key = [0u8; 64];
    let mut len = 0;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            // Longer than any field's name: a value, not a header.
            let Some(slot) = key.get_mut(len) else {
                return false;
            };
            *slot = b.to_ascii_lowercase();
            len += 1;
        } else if matches!(b, b'(' | b'[' | b'%' | b'#' | b'\n' | b'\r') {
            return match_header(text, FIELDS).is_some()
                || match_header(text, CASH_FLOW_FIELDS).is_some();
        }
    }
    let key = std::str::from_utf8(&key[..len]).unwrap_or_default();
    !key.is_empty()
        && (Keys::of(FIELDS).named.contains_key(key)
            || Keys::of(CASH_FLOW_FIELDS).named.contains_key(key))
}

/// The column a feedback workbook lists each row's problems in; the
/// importer passes over it when the fixed workbook comes back.
pub const PROBLEMS_HEADER: &str = "airoi problems";

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// An intake field.
    Field(&'static FieldSpec),
    /// A column airoi does not know, carried through under its header.
    Extra(String),
}

/// Two columns that name one field equally well: which the unit meant
/// cannot be told, so the table's header is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    /// The field both name.
    pub field: FieldId,
    /// The two columns, 0-based, with their headers, in column order.
    pub columns: [(u32, String); 2],
    /// Whether both are visible (else both hidden).
    pub visible: bool,
    /// Whether both are the field's own name (else both another name for it).
    pub exact: bool,
}

impl Tie {
    /// The two columns as messages name them: `C "Monthly Benefit"`.
    #[must_use]
    pub fn column_texts(&self) -> [String; 2] {
        self.columns
            .clone()
            .map(|(col, header)| format!("{} \"{header}\"", column_letters(col)))
    }

    /// Why neither wins, as the message says it.
    #[must_use]
    pub fn how(&self) -> &'static str {
        match (self.visible, self.exact) {
            (true, true) => "both visible and both the field's own name",
            (true, false) => "both visible and both other names for it",
            (false, true) => "both hidden and both the field's own name",
            (false, false) => "both hidden and both other names for it",
        }
    }
}

/// The columns of a table, from its header row.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMap {
    /// 1-based row of the header.
    pub row: u32,
    /// (0-based column, what it holds), in column order.
    pub columns: Vec<(u32, Column)>,
    /// Header text by column, for messages and rejected rows.
    pub headers: Vec<(u32, String)>,
    /// What was noticed: duplicate headers, hidden columns read, generic
    /// headers read or not, columns that look like a field but were not read.
    pub notes: Vec<String>,
    /// Two columns naming one field equally well, if any: the header cannot be used.
    pub tie: Option<Tie>,
    /// Columns named only by a generic word, each with the fields it may
    /// hold, until their values are seen ([`HeaderMap::settle`]).
    pub(crate) pending: Vec<(u32, Vec<&'static FieldSpec>)>,
    /// Fields some column names, however well.
    named: usize,
    /// The field table matched against.
    pub(super) fields: &'static [FieldSpec],
    /// Unread columns a note has already explained.
    pub(super) explained: Vec<u32>,
    /// The unit each field column's header gives, where it gives one.
    pub units: Vec<(u32, ColumnUnit)>,
    /// A column whose header gives a unit its field cannot take: the
    /// header cannot be used.
    pub refused: Option<UnitRefusal>,
}

/// A column that names a field.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    col: u32,
    strength: Strength,
    visible: bool,
}

/// Whether 0-based column `col` is in one of the hidden ranges.
fn is_hidden(hidden: &[(u32, u32)], col: u32) -> bool {
    hidden
        .iter()
        .any(|&(first, last)| (first..=last).contains(&col))
}

impl HeaderMap {
    /// Maps a header row against a field table; `hidden` are the sheet's
    /// hidden columns, as 0-based inclusive ranges.
    #[must_use]
    pub fn new(row: &Row, fields: &'static [FieldSpec], hidden: &[(u32, u32)]) -> Self {
        let keys = Keys::of(fields);
        let mut columns: Vec<(u32, Column)> = Vec::new();
        let mut headers = Vec::new();
        let mut found = Vec::new();
        // Periods written around a header's name (`Annual Benefit`).
        let mut periods: Vec<(u32, Period, String)> = Vec::new();
        let problems = normalise_header(PROBLEMS_HEADER);
        for (col, cell) in &row.cells {
            let text = cell.display().trim().to_string();
            let words = header_words(&text);
            if text.is_empty() || words.concat() == problems {
                continue;
            }
            let mut f = keys.find_text(&text);
            if f == Found::Nothing {
                if let Some((rest, period, written)) = strip_period(&words) {
                    if let Found::Named(spec, _) = keys.find(&rest) {
                        f = Found::Named(spec, Strength::Alias);
                        periods.push((*col, period, written));
                    }
                }
            }
            found.push(f);
            headers.push((*col, text.clone()));
            columns.push((*col, Column::Extra(text)));
        }
        let mut map = HeaderMap {
            row: row.number,
            columns,
            headers,
            notes: Vec::new(),
            tie: None,
            pending: Vec::new(),
            named: 0,
            fields,
            explained: Vec::new(),
            units: Vec::new(),
            refused: None,
        };
        // The columns naming each field, in `fields` order.
        let mut by_field: Vec<Vec<Candidate>> = vec![Vec::new(); fields.len()];
        for ((col, _), f) in map.columns.iter().zip(&found) {
            if let Found::Named(spec, strength) = f {
                if let Some(slot) = fields.iter().position(|f| f.id == spec.id) {
                    by_field[slot].push(Candidate {
                        col: *col,
                        strength: *strength,
                        visible: !is_hidden(hidden, *col),
                    });
                }
            }
        }
        let mut named: Vec<FieldId> = Vec::new();
        for (spec, mut candidates) in fields.iter().zip(by_field) {
            if candidates.is_empty() {
                continue;
            }
            named.push(spec.id);
            candidates.sort_by_key(|c| (!c.visible, Reverse(c.strength), c.col));
            map.choose(spec, &candidates);
        }
        let mut pending = Vec::new();
        for ((col, _), f) in map.columns.iter().zip(&found) {
            if let Found::Generic(specs) = f {
                named.extend(specs.iter().map(|s| s.id));
                let open: Vec<&'static FieldSpec> =
                    specs.iter().copied().filter(|s| !map.names(s.id)).collect();
                if !open.is_empty() {
                    pending.push((*col, open));
                }
            }
        }
        map.pending = pending;
        map.read_units(&periods);
        named.sort_unstable();
        named.dedup();
        map.named = named.len();
        map
    }

    /// Gives a field its column among those that name it (sorted best
    /// first), or records a tie.
    fn choose(&mut self, spec: &'static FieldSpec, candidates: &[Candidate]) {
        let best = candidates[0];
        if let Some(second) = candidates.get(1) {
            if (second.visible, second.strength) == (best.visible, best.strength) {
                if self.tie.is_none() {
                    let mut pair = [best.col, second.col];
                    pair.sort_unstable();
                    let columns = pair.map(|c| (c, self.header_text(c)));
                    self.tie = Some(Tie {
                        field: spec.id,
                        columns,
                        visible: best.visible,
                        exact: best.strength == Strength::Exact,
                    });
                }
                return;
            }
        }
        self.set(best.col, Column::Field(spec));
        let used = self.column_text(best.col);
        if !best.visible {
            self.notes.push(format!(
                "column {used} is hidden; it was read like a visible one"
            ));
        }
        for other in &candidates[1..] {
            let carried = self.column_text(other.col);
            let why = if best.visible && !other.visible {
                format!("{} is hidden", column_letters(other.col))
            } else {
                format!(
                    "{} is the field's own name, {} another name for it",
                    column_letters(best.col),
                    column_letters(other.col)
                )
            };
            self.notes.push(format!(
                "two columns name {}: {used} is used, {carried} is carried as an extra column ({why})",
                spec.name()
            ));
            self.explained.push(other.col);
        }
    }

    pub(super) fn set(&mut self, col: u32, column: Column) {
        if let Ok(i) = self.columns.binary_search_by_key(&col, |(c, _)| *c) {
            self.columns[i].1 = column;
        }
    }

    pub(super) fn header_text(&self, col: u32) -> String {
        self.header(col).unwrap_or_default().to_string()
    }

    /// A column as notes name it: `C "Monthly Benefit"`.
    pub(super) fn column_text(&self, col: u32) -> String {
        format!("{} \"{}\"", column_letters(col), self.header_text(col))
    }

    /// Whether some column holds the field, or two tie for it.
    pub(super) fn names(&self, id: FieldId) -> bool {
        self.column_of(id).is_some() || self.tie.as_ref().is_some_and(|t| t.field == id)
    }

    /// The column of a field, if the table has one.
    #[must_use]
    pub fn column_of(&self, id: FieldId) -> Option<u32> {
        self.columns.iter().find_map(|(col, c)| match c {
            Column::Field(f) if f.id == id => Some(*col),
            _ => None,
        })
    }

    /// The header text of a column.
    #[must_use]
    pub fn header(&self, col: u32) -> Option<&str> {
        // Headers are in column order (a row's cells are); a search, not a
        // scan, keeps a row of a 10,000-column table from costing 10,000².
        self.headers
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| self.headers[i].1.as_str())
    }

    /// How many distinct fields the header names, however well (a generic
    /// word, or a field two columns tie for, counts): how much the row
    /// looks like a header.
    #[must_use]
    pub fn matched(&self) -> usize {
        self.named
    }
}

/// What a header row looks like the header of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Projects,
    CashFlows,
}

/// Scores a row as a header: the kind of table and how many fields it names.
/// A row needs two recognised fields to count as a projects header, and
/// project id plus month plus an amount to count as a cash-flow header.
#[must_use]
pub fn classify_header(row: &Row) -> Option<(TableKind, usize)> {
    let projects = HeaderMap::new(row, FIELDS, &[]);
    let flows = HeaderMap::new(row, CASH_FLOW_FIELDS, &[]);
    let is_flows = flows.column_of(FieldId::ProjectId).is_some()
        && flows.column_of(FieldId::Month).is_some()
        && [
            FieldId::ComputeCost,
            FieldId::Benefit,
            FieldId::ActualCompute,
            FieldId::ActualBenefit,
        ]
        .into_iter()
        .any(|id| flows.column_of(id).is_some())
        && projects.column_of(FieldId::ProjectName).is_none();
    if is_flows {
        return Some((TableKind::CashFlows, flows.matched()));
    }
    let n = projects.matched();
    (n >= 2).then_some((TableKind::Projects, n))
}

#[cfg(test)]
#[path = "header_tests.rs"]
mod tests;
