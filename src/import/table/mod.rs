//! Tables in a file: finding them on every sheet ([`find`]), telling
//! tables beside and under one another apart (`layout`), mapping a header
//! row to intake fields ([`header`]) with the unit each header gives
//! ([`column_unit`], its words in `unit_words`), settling the columns a
//! header alone cannot (`unread`: generic headers, look-alike columns), and
//! reading a table's rows (`read`), each data row through [`row`] into a
//! project draft, or through [`flow`] into a cash flow, or a rejected row,
//! or skipped as not a project (a totals row, the template's own example:
//! `skip`); `reading` writes each table's reading report. Merged cells are
//! applied to the rows as they are read (`crate::import::layout`); `merged`
//! reads group titles above a header and words the notes.

pub mod column_unit;
pub mod find;
pub mod flow;
pub mod header;
pub(crate) mod layout;
pub(crate) mod merged;
pub(crate) mod read;
pub(crate) mod reading;
pub mod row;
pub(crate) mod skip;
pub(crate) mod unit_words;
pub(crate) mod unread;
