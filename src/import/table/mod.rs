//! Tables in a file: finding them on every sheet ([`find`]), telling
//! tables beside and under one another apart (`layout`), mapping a header
//! row to intake fields ([`header`]), settling the columns a header alone
//! cannot (`unread`: generic headers, look-alike columns), and reading a
//! table's rows (`read`), each data row through [`row`] into a project
//! draft, a cash flow or a rejected row, or skipped as not a project (a
//! totals row, the template's own example: `skip`).

pub mod find;
pub mod header;
pub(crate) mod layout;
pub(crate) mod read;
pub mod row;
pub(crate) mod skip;
pub(crate) mod unread;
