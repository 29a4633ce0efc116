//! Rules: the checks and the monthly series they share.

pub mod series;
pub use series::{Series, series};
