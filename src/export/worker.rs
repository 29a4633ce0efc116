//! A writer on its own thread. Writing a project into the workbook's pages
//! and serialising it for the JSON document each cost more than reading and
//! scoring it, so on a machine with more than one core a streamed run hands
//! each scored project down a line of threads: the reader scores it, the
//! workbook thread writes its rows, the JSON thread serialises it. Projects
//! travel by value through bounded queues, so memory stays flat however far
//! one thread runs ahead of the next.

use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Items waiting for a worker at most.
const QUEUE: usize = 256;

/// A thread that owns `S` and applies each item it is sent to it, in order.
pub struct Worker<T, S, E> {
    queue: Option<SyncSender<T>>,
    thread: JoinHandle<Result<S, E>>,
}

/// The worker stopped taking items: its [`Worker::finish`] says why.
#[derive(Debug)]
pub struct Stopped;

impl<T, S, E> Worker<T, S, E>
where
    T: Send + 'static,
    S: Send + 'static,
    E: Send + 'static,
{
    /// Starts a thread named `name` holding `state`; `apply` is called with
    /// every item sent, in order, until the queue closes or it fails.
    pub fn start<F>(name: &str, mut state: S, mut apply: F) -> std::io::Result<Self>
    where
        F: FnMut(&mut S, T) -> Result<(), E> + Send + 'static,
    {
        let (queue, items) = sync_channel::<T>(QUEUE);
        let thread = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                for item in items {
                    apply(&mut state, item)?;
                }
                Ok(state)
            })?;
        Ok(Worker {
            queue: Some(queue),
            thread,
        })
    }

    /// Hands over the next item; blocks while the queue is full.
    ///
    /// # Errors
    /// [`Stopped`] once the thread has stopped on an error.
    pub fn send(&mut self, item: T) -> Result<(), Stopped> {
        match &self.queue {
            Some(queue) if queue.send(item).is_ok() => Ok(()),
            _ => Err(Stopped),
        }
    }

    /// Closes the queue, waits for every item to be applied and returns the
    /// state, or the error that stopped the thread. `panicked` makes the
    /// error for a thread that panicked (the panic hook has already said so).
    ///
    /// # Errors
    /// The error `apply` returned, or `panicked()`.
    pub fn finish(mut self, panicked: impl FnOnce() -> E) -> Result<S, E> {
        self.queue = None;
        self.thread.join().unwrap_or_else(|_| Err(panicked()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_applied_in_order_and_the_state_comes_back() {
        let mut worker = Worker::start("test", Vec::new(), |seen: &mut Vec<u32>, n| {
            seen.push(n);
            Ok::<(), String>(())
        })
        .unwrap();
        for n in 0..1000 {
            worker.send(n).unwrap();
        }
        let seen = worker.finish(|| "panicked".to_string()).unwrap();
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn the_first_error_stops_the_thread_and_is_what_finish_returns() {
        let mut worker = Worker::start("test", 0u32, |count: &mut u32, n: u32| {
            *count += 1;
            if n == 3 {
                Err(format!("item {n} failed"))
            } else {
                Ok(())
            }
        })
        .unwrap();
        // Sends after the failure are refused once the thread has gone.
        let refused = (0..10_000)
            .map(|n| worker.send(n))
            .any(|sent| sent.is_err());
        assert!(refused);
        assert_eq!(
            worker.finish(|| "panicked".into()),
            Err("item 3 failed".into())
        );
    }
}
