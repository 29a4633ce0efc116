//! How each table of an input was understood, for an analyst to check at a
//! glance: where its header is, which column became which field (and what
//! was applied to its values), which columns were not read, which fields
//! took their default, the conventions numbers and dates were read with,
//! and what became of its rows.

use serde::Serialize;

use super::field_id::FieldId;
use super::run::DateOrder;

/// What a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// One project a row.
    Projects,
    /// One project's month a row.
    CashFlows,
}

impl TableKind {
    /// In words: `projects`, `cash flows`.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            TableKind::Projects => "projects",
            TableKind::CashFlows => "cash flows",
        }
    }
}

/// The character a number's decimals follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalMark {
    /// `1,234.50`.
    #[default]
    Point,
    /// `1.234,50`.
    Comma,
}

impl DecimalMark {
    /// In words: `decimal point`, `decimal comma`.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            DecimalMark::Point => "decimal point",
            DecimalMark::Comma => "decimal comma",
        }
    }
}

/// The conventions a table's texts were read with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conventions {
    /// The decimal mark a number that reads either way (`1.200`) was read
    /// with; `None` when the file writes numbers both ways and such
    /// numbers were refused.
    pub decimal: Option<DecimalMark>,
    /// How the decimal mark was decided, in words: `decimal comma, as
    /// "1.234,50" in D4 shows`, `decimal point (the file shows neither)`.
    pub decimal_read: String,
    /// Day-month order of slash dates; `None` refuses the ambiguous ones
    /// (03/04/2026) and reads the others (31/12/2026).
    pub date_order: Option<DateOrder>,
}

impl Conventions {
    /// In words: `decimal point (the file shows neither); slash dates
    /// only where unambiguous`.
    #[must_use]
    pub fn describe(&self) -> String {
        let dates = match self.date_order {
            Some(DateOrder::Dmy) => "slash dates day/month",
            Some(DateOrder::Mdy) => "slash dates month/day",
            None => "slash dates only where unambiguous",
        };
        format!("{}; {dates}", self.decimal_read)
    }
}

/// One column of a table's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnReading {
    /// The column's letters, `C`.
    pub column: String,
    /// The header text as found.
    pub header: String,
    /// The intake field read from it; `None` for a column not read, which
    /// is carried into the outputs as an extra column.
    pub field: Option<FieldId>,
    /// What the header's unit applies to every value, in order (`×1,000`,
    /// `EUR`, `annual ÷ 12`); empty when values are read as written.
    pub applied: Vec<String>,
    /// The column is hidden in the sheet (and was read like a visible one).
    pub hidden: bool,
}

impl ColumnReading {
    /// What the column became, by the field's label: `Monthly Benefit`,
    /// `Monthly Benefit (×1,000)` or `not read (kept as an extra column)`.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut text = match self.field {
            Some(field) => field.label().to_string(),
            None => "not read (kept as an extra column)".to_string(),
        };
        if !self.applied.is_empty() {
            text = format!("{text} ({})", self.applied.join(", "));
        }
        if self.hidden {
            text.push_str(" [hidden column]");
        }
        text
    }
}

/// A field no column gives, and the value every row takes for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefaultedField {
    /// The field.
    pub field: FieldId,
    /// Its default as people read it (`0`, `no`, `as-of month`); empty
    /// when the field is left blank.
    pub default: String,
    /// Where that value comes from when something other than airoi's own
    /// default gives it (`from the headers Monthly Benefit (EUR)`, `from
    /// the file's Settings sheet`), with what became of it; empty for
    /// airoi's default.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub from: String,
}

impl DefaultedField {
    /// `Autonomy = none`, `Owner left blank`, or `Currency = EUR, from the
    /// headers Monthly Benefit (EUR)`.
    #[must_use]
    pub fn describe(&self) -> String {
        if self.default.is_empty() {
            format!("{} left blank", self.field.label())
        } else if self.from.is_empty() {
            format!("{} = {}", self.field.label(), self.default)
        } else {
            format!("{} = {}, {}", self.field.label(), self.default, self.from)
        }
    }
}

/// Why a row below the header was not read as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// No value in any cell.
    Blank,
    /// A `Total` or `Grand total` row.
    Totals,
    /// A copy of the intake template's example row.
    TemplateExample,
    /// The table's header again, further down.
    RepeatedHeader,
    /// The title of a table further down the sheet.
    Title,
}

impl SkipReason {
    /// In words, for a count of rows: `blank`, `totals`, `template example`.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::Blank => "blank",
            SkipReason::Totals => "totals",
            SkipReason::TemplateExample => "template example",
            SkipReason::RepeatedHeader => "repeated header",
            SkipReason::Title => "table title",
        }
    }
}

/// Rows skipped for one reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Why.
    pub reason: SkipReason,
    /// How many rows.
    pub rows: usize,
}

/// What became of a table's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RowCounts {
    /// Rows below the header, blank ones included: `accepted + rejected`
    /// plus every skipped row.
    pub read: usize,
    /// Rows that became projects (a projects table) or cash-flow rows
    /// attached to a project (a cash-flow table).
    pub accepted: usize,
    /// Rows rejected, each with its problems.
    pub rejected: usize,
    /// Rows skipped, by reason, in [`SkipReason`] order.
    pub skipped: Vec<Skipped>,
    /// Hidden rows among those read (read like visible ones).
    pub hidden: usize,
}

impl RowCounts {
    /// Counts one skipped row.
    pub fn skip(&mut self, reason: SkipReason, rows: usize) {
        if rows == 0 {
            return;
        }
        match self.skipped.binary_search_by_key(&reason, |s| s.reason) {
            Ok(i) => self.skipped[i].rows += rows,
            Err(i) => self.skipped.insert(i, Skipped { reason, rows }),
        }
    }

    /// Rows skipped for every reason.
    #[must_use]
    pub fn skipped_total(&self) -> usize {
        self.skipped.iter().map(|s| s.rows).sum()
    }

    /// In words: `12 read: 9 accepted, 1 rejected, 2 skipped (1 blank, 1 totals)`.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} read: {} accepted, {} rejected, {} skipped",
            self.read,
            self.accepted,
            self.rejected,
            self.skipped_total()
        );
        if !self.skipped.is_empty() {
            let why: Vec<String> = self
                .skipped
                .iter()
                .map(|s| format!("{} {}", s.rows, s.reason.describe()))
                .collect();
            text = format!("{text} ({})", why.join(", "));
        }
        if self.hidden > 0 {
            text = format!("{text}; {} hidden, read like visible ones", self.hidden);
        }
        text
    }
}

/// How one table was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableReading {
    /// The sheet it is on (a CSV file's one sheet is named after the file).
    pub sheet: String,
    /// What it holds.
    pub kind: TableKind,
    /// 1-based row of its header.
    pub header_row: u32,
    /// How numbers and dates were read.
    pub conventions: Conventions,
    /// Every titled column of the header, in column order.
    pub columns: Vec<ColumnReading>,
    /// Required fields no column gives: no row of the table can be read
    /// without them (the money fields, which cash flows may give, aside).
    pub missing: Vec<FieldId>,
    /// Optional fields no column gives, each with the value rows take.
    pub defaulted: Vec<DefaultedField>,
    /// What became of its rows.
    pub rows: RowCounts,
}

impl TableReading {
    /// Where it is, in words: `sheet Projects, projects table, header in row 3`.
    #[must_use]
    pub fn describe(&self) -> String {
        format!(
            "sheet {}, {} table, header in row {}",
            self.sheet,
            self.kind.describe(),
            self.header_row
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_rows_are_counted_by_reason_in_order() {
        let mut rows = RowCounts {
            read: 7,
            accepted: 3,
            rejected: 1,
            ..RowCounts::default()
        };
        rows.skip(SkipReason::Totals, 1);
        rows.skip(SkipReason::Blank, 1);
        rows.skip(SkipReason::Blank, 1);
        rows.skip(SkipReason::TemplateExample, 0);
        assert_eq!(
            rows.describe(),
            "7 read: 3 accepted, 1 rejected, 3 skipped (2 blank, 1 totals)"
        );
    }

    #[test]
    fn a_column_says_what_was_applied() {
        let column = ColumnReading {
            column: "D".into(),
            header: "Benefit (k€)".into(),
            field: Some(FieldId::MonthlyBenefit),
            applied: vec!["×1,000".into(), "EUR".into()],
            hidden: true,
        };
        assert_eq!(
            column.describe(),
            "Monthly Benefit (×1,000, EUR) [hidden column]"
        );
        let extra = ColumnReading {
            field: None,
            applied: Vec::new(),
            hidden: false,
            ..column
        };
        assert_eq!(extra.describe(), "not read (kept as an extra column)");
    }
}
