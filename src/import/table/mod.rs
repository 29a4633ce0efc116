//! Tables in a file: finding them ([`find`]), mapping a header row to
//! intake fields ([`header`]), settling the columns a header alone cannot
//! (`unread`: generic headers, look-alike columns), and reading a table's
//! rows (`read`), each data row through [`row`] into a project draft, a
//! cash flow or a rejected row, or skipped as not a project (a totals row,
//! the template's own example: `skip`). Merged cells are applied to the
//! rows as they are read (`crate::import::layout`); `merged` reads group
//! titles above a header and words the notes.

pub mod find;
pub mod header;
pub(crate) mod merged;
pub(crate) mod read;
pub mod row;
pub(crate) mod skip;
pub(crate) mod unread;
