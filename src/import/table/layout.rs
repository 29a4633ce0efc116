//! How tables lie on a sheet. Beside one another ([`split`]): a header
//! row whose columns fall into groups separated by an empty column (`… |
//! Interaction Pattern | | Provider | Label`) holds a table and, beside it,
//! a small one of its own (a lookup list); the group that names the
//! project is the table, and a group that names no field the table lacks
//! is left out of it, so its columns are not carried as project fields and
//! its rows below the table's are not read as projects. Under one another
//! ([`header_below`]): a header further down ends the table above it,
//! unless it repeats that table's header ([`header_keys`]).

use super::header::{
    Column, HeaderMap, TableKind, classify_header, may_name_a_field, normalise_header,
};
use crate::import::cell::{CellValue, Row};
use crate::model::{FIELDS, FieldId};

/// A header further down a sheet, ending the table above it: a row whose
/// first cell may name a field and that is the header of a cash-flow table,
/// or of a projects table naming a project's id or name.
#[must_use]
pub(crate) fn header_below(row: &Row) -> Option<(TableKind, usize)> {
    let first = row.cells.iter().find(|(_, v)| !v.is_blank());
    if !matches!(first, Some((_, CellValue::Text(t))) if may_name_a_field(t)) {
        return None;
    }
    let (kind, matched) = classify_header(row)?;
    let names_a_project = || {
        let map = HeaderMap::new(row, FIELDS, &[]);
        map.column_of(FieldId::ProjectId).is_some() || map.column_of(FieldId::ProjectName).is_some()
    };
    (kind == TableKind::CashFlows || names_a_project()).then_some((kind, matched))
}

/// A header row's cells as their normalised words, to know the header when
/// a table repeats it.
#[must_use]
pub(crate) fn header_keys(row: &Row) -> Vec<(u32, String)> {
    row.cells
        .iter()
        .map(|(col, v)| (*col, normalise_header(&v.display())))
        .filter(|(_, k)| !k.is_empty())
        .collect()
}

/// A group of adjacent header cells.
struct Group {
    cells: Vec<(u32, CellValue)>,
    /// Fields the group's headers name.
    fields: Vec<FieldId>,
}

impl Group {
    fn names_a_project(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(f, FieldId::ProjectId | FieldId::ProjectName))
    }
}

/// A header row split from a table beside it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Split {
    /// The table's own header cells.
    pub(crate) header: Row,
    /// The table's first and last column, 0-based, when a table beside it
    /// was left out.
    pub(crate) columns: Option<(u32, u32)>,
    /// The columns of the table beside, with their headers.
    pub(crate) beside: Vec<(u32, String)>,
}

impl Split {
    fn whole(row: &Row) -> Split {
        Split {
            header: row.clone(),
            columns: None,
            beside: Vec::new(),
        }
    }
}

/// Splits a header row into the table's own header and a table beside it.
pub(crate) fn split(row: &Row) -> Split {
    let mut groups: Vec<Group> = Vec::new();
    let mut last: Option<u32> = None;
    for (col, value) in &row.cells {
        if value.is_blank() {
            continue;
        }
        if last.is_none_or(|l| col.saturating_sub(l) > 1) {
            groups.push(Group {
                cells: Vec::new(),
                fields: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.cells.push((*col, value.clone()));
        }
        last = Some(*col);
    }
    if groups.len() < 2 {
        return Split::whole(row);
    }
    for group in &mut groups {
        let header = Row {
            number: row.number,
            cells: group.cells.clone(),
            hidden: row.hidden,
        };
        let map = HeaderMap::new(&header, FIELDS, &[]);
        group.fields = map
            .columns
            .iter()
            .filter_map(|(_, c)| match c {
                Column::Field(spec) => Some(spec.id),
                Column::Extra(_) => None,
            })
            .collect();
    }
    let main = groups
        .iter()
        .position(Group::names_a_project)
        .or_else(|| {
            // The group naming most fields, the first of equals.
            let most = groups.iter().map(|g| g.fields.len()).max()?;
            groups.iter().position(|g| g.fields.len() == most)
        })
        .unwrap_or(0);
    let mut named: Vec<FieldId> = groups[main].fields.clone();
    let mut kept = vec![false; groups.len()];
    kept[main] = true;
    // A group naming a field the table lacks is the table's own, past an
    // empty spacer column.
    for (i, group) in groups.iter().enumerate() {
        if i != main && group.fields.iter().any(|f| !named.contains(f)) {
            kept[i] = true;
            named.extend(&group.fields);
        }
    }
    let cells_of = |keep: bool| -> Vec<(u32, CellValue)> {
        groups
            .iter()
            .zip(&kept)
            .filter(|(_, k)| **k == keep)
            .flat_map(|(g, _)| g.cells.iter().cloned())
            .collect()
    };
    let own = cells_of(true);
    let (first, last) = match (own.first(), own.last()) {
        (Some((first, _)), Some((last, _))) => (*first, *last),
        _ => return Split::whole(row),
    };
    // Groups between the table's own columns stay part of it.
    let beside: Vec<(u32, String)> = cells_of(false)
        .into_iter()
        .filter(|(col, _)| !(first..=last).contains(col))
        .map(|(col, v)| (col, v.display().trim().to_string()))
        .collect();
    if beside.is_empty() {
        return Split::whole(row);
    }
    let header = Row {
        number: row.number,
        cells: row
            .cells
            .iter()
            .filter(|(col, _)| (first..=last).contains(col))
            .cloned()
            .collect(),
        hidden: row.hidden,
    };
    Split {
        header,
        columns: Some((first, last)),
        beside,
    }
}

/// The note for a table beside a table of `kind`.
pub(crate) fn note(beside: &[(u32, String)], kind: TableKind) -> String {
    let columns: Vec<String> = beside
        .iter()
        .map(|(col, h)| format!("{} \"{h}\"", crate::model::column_letters(*col)))
        .collect();
    let one = beside.len() == 1;
    format!(
        "{} {}, past an empty column, {} a table of {} own beside the {} and {} not read as {}",
        if one { "column" } else { "columns" },
        columns.join(", "),
        if one { "is" } else { "are" },
        if one { "its" } else { "their" },
        match kind {
            TableKind::Projects => "projects table",
            TableKind::CashFlows => "cash-flow table",
        },
        if one { "was" } else { "were" },
        match kind {
            TableKind::Projects => "project fields",
            TableKind::CashFlows => "cash flows",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_beside_the_table_is_left_out() {
        let row = Row::header(&[
            "Project ID",
            "Project Name",
            "Providers",
            "",
            "Provider",
            "Label",
        ]);
        let Split {
            header,
            columns,
            beside,
        } = split(&row);
        assert_eq!(header.cells.len(), 3);
        assert_eq!(columns, Some((0, 2)));
        assert_eq!(
            beside,
            [(4, "Provider".to_string()), (5, "Label".to_string())]
        );
        assert_eq!(
            note(&beside, TableKind::Projects),
            "columns E \"Provider\", F \"Label\", past an empty column, are a table of their own beside the projects table and were not read as project fields"
        );
    }

    #[test]
    fn a_spacer_column_inside_the_table_keeps_it_whole() {
        let row = Row::header(&["Project ID", "Project Name", "", "Monthly Benefit"]);
        assert_eq!(split(&row), Split::whole(&row));
    }
}
