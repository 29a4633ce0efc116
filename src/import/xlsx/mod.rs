//! xlsx sheets: calamine reads the cells ([`cells`]) and a byte scan of the
//! sheet's XML ([`scan`]) finds what calamine's cell reader does not say.

pub(crate) mod cells;
pub mod scan;
