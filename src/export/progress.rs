//! [`WriteProgress`]: what the writers say of their progress while the
//! sheets that hold every project are written.

/// What a run's writer says of its progress once the projects have passed.
pub trait WriteProgress: Sync {
    /// A new stage, of `total` items when they are counted.
    fn stage(&self, name: &str, total: Option<u64>);
    /// `n` more items of the stage are done.
    fn advance(&self, n: u64);
}

/// Progress told to nobody.
pub struct Silent;

impl WriteProgress for Silent {
    fn stage(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
}

/// Projects written into a sheet between two progress reports, unless
/// [`WorkbookOptions::progress_every`](crate::export::WorkbookOptions::progress_every)
/// says otherwise.
pub(crate) const REPORT_EVERY: usize = 4096;
