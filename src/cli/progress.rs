//! Feedback on long runs: a progress bar on stderr when it is a terminal,
//! a plain line every few seconds when it is not (a CI log, a redirect), and
//! nothing with `--quiet`.
//!
//! The hot loop only stores a counter in an atomic; a ticker thread reads it
//! and draws, so reporting progress costs the scoring loop nothing
//! measurable and a stage that reports no count (saving the workbook) still
//! shows it is alive.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::format::count;

/// How often a plain progress line is printed when stderr is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);
/// How often the terminal bar is redrawn.
const DRAW_EVERY: Duration = Duration::from_millis(100);

/// The stage being run: what it is called, and how many items it has when known.
#[derive(Debug, Clone, Default)]
struct Stage {
    name: String,
    total: Option<u64>,
    started: Option<Instant>,
}

#[derive(Debug, Default)]
struct Shared {
    stage: Mutex<Stage>,
    done: AtomicU64,
    stop: AtomicBool,
}

/// Progress of one run on stderr.
pub struct Progress {
    shared: Arc<Shared>,
    ticker: Option<JoinHandle<()>>,
}

impl Progress {
    /// Shows progress unless `quiet`: a bar when stderr is a terminal, plain
    /// periodic lines otherwise.
    #[must_use]
    pub fn new(quiet: bool) -> Self {
        let shared = Arc::new(Shared::default());
        let ticker = if quiet {
            None
        } else if std::io::stderr().is_terminal() {
            let shared = Arc::clone(&shared);
            Some(std::thread::spawn(move || draw_bar(&shared)))
        } else {
            let shared = Arc::clone(&shared);
            Some(std::thread::spawn(move || print_lines(&shared)))
        };
        Progress { shared, ticker }
    }

    /// Starts a stage: `reading`, `scoring`, `writing the workbook` ...,
    /// with its item count when known.
    pub fn stage(&self, name: &str, total: Option<u64>) {
        let mut stage = self
            .shared
            .stage
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *stage = Stage {
            name: name.to_string(),
            total,
            started: Some(Instant::now()),
        };
        self.shared.done.store(0, Ordering::Relaxed);
    }

    /// `n` more items of the current stage done (from any thread).
    pub fn advance(&self, n: u64) {
        self.shared.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Stops the display; the closing summary line is the caller's.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(ticker) = self.ticker.take() {
            ticker.thread().unpark();
            let _ = ticker.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

fn snapshot(shared: &Shared) -> (Stage, u64) {
    let stage = shared
        .stage
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    (stage, shared.done.load(Ordering::Relaxed))
}

/// Redraws an indicatif bar (or a spinner while the count is unknown).
fn draw_bar(shared: &Shared) {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let counted = ProgressStyle::with_template(
        "{spinner} {msg:<22} [{bar:30}] {human_pos}/{human_len} ({percent}%) {elapsed}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    let open = ProgressStyle::with_template("{spinner} {msg:<22} {human_pos} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    // A stage that counts nothing (writing a file) shows no count of 0.
    let uncounted = ProgressStyle::with_template("{spinner} {msg:<22} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let mut shown: Option<String> = None;
    let mut counting = false;
    while !shared.stop.load(Ordering::Relaxed) {
        let (stage, done) = snapshot(shared);
        if stage.started.is_some() {
            if shown.as_deref() != Some(stage.name.as_str()) {
                bar.reset_elapsed();
                bar.set_length(stage.total.unwrap_or(0));
                counting = stage.total.is_some() || done > 0;
                bar.set_style(match (stage.total.is_some(), counting) {
                    (true, _) => counted.clone(),
                    (false, true) => open.clone(),
                    (false, false) => uncounted.clone(),
                });
                bar.set_message(stage.name.clone());
                shown = Some(stage.name);
            } else if !counting && done > 0 {
                counting = true;
                bar.set_style(open.clone());
            }
            bar.set_position(done);
            bar.tick();
        }
        std::thread::park_timeout(DRAW_EVERY);
    }
    bar.finish_and_clear();
}

/// Prints `airoi: scoring: 420,000 of 1,000,000 (42%), 12 s` every few seconds.
fn print_lines(shared: &Shared) {
    let mut next = Instant::now() + LINE_EVERY;
    loop {
        let now = Instant::now();
        if now < next {
            std::thread::park_timeout(next - now);
        }
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        if Instant::now() < next {
            continue;
        }
        next += LINE_EVERY;
        let (stage, done) = snapshot(shared);
        let Some(started) = stage.started else {
            continue;
        };
        let line = progress_line(&stage.name, done, stage.total, started.elapsed());
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
}

/// One plain progress line.
fn progress_line(name: &str, done: u64, total: Option<u64>, elapsed: Duration) -> String {
    let secs = elapsed.as_secs();
    match total {
        Some(total) if total > 0 => format!(
            "airoi: {name}: {} of {} ({}%), {secs} s",
            count(done),
            count(total),
            done.saturating_mul(100) / total
        ),
        _ if done > 0 => format!("airoi: {name}: {}, {secs} s", count(done)),
        _ => format!("airoi: {name}, {secs} s"),
    }
}

impl crate::export::WriteProgress for Progress {
    fn stage(&self, name: &str, total: Option<u64>) {
        Progress::stage(self, name, total);
    }
    fn advance(&self, n: u64) {
        Progress::advance(self, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_say_stage_count_and_share() {
        let line = progress_line("scoring", 420_000, Some(1_000_000), Duration::from_secs(12));
        assert_eq!(line, "airoi: scoring: 420,000 of 1,000,000 (42%), 12 s");
        assert_eq!(
            progress_line("writing the workbook", 0, None, Duration::from_secs(3)),
            "airoi: writing the workbook, 3 s"
        );
        assert_eq!(
            progress_line("reading", 1_500, None, Duration::from_secs(1)),
            "airoi: reading: 1,500, 1 s"
        );
    }

    #[test]
    fn quiet_progress_starts_no_thread() {
        let progress = Progress::new(true);
        assert!(progress.ticker.is_none());
        progress.stage("scoring", Some(10));
        progress.advance(5);
        progress.finish();
    }
}
