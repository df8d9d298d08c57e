//! Time, as the request pipeline sees it: a clock to read and a way to sleep.
//!
//! Waits between attempts and the client-side rate limiter go through [`Timer`], so that
//! tests can run them on a clock of their own ([`ManualTimer`]): a retry after a
//! `Retry-After: 120` is checked by what the client asked to wait, not by waiting two
//! minutes, and nothing depends on how fast the machine is.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::BoxFuture;

/// A clock and a sleep.
pub trait Timer: Send + Sync + fmt::Debug {
    /// The current instant, for measuring elapsed time.
    fn now(&self) -> Instant;

    /// The current wall-clock time, for `Retry-After` dates and reset timestamps.
    fn system_now(&self) -> SystemTime;

    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Tokio's clock and sleep: what clients use unless told otherwise.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioTimer;

impl Timer for TokioTimer {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn system_now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A timer whose clock moves only when something sleeps on it: every sleep returns at
/// once and advances the clock by its duration, and is recorded. For tests.
#[derive(Debug, Clone)]
pub struct ManualTimer {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    start: Instant,
    system_start: SystemTime,
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl ManualTimer {
    /// A timer at `system_now` (the wall-clock time it reports before any sleep).
    pub fn new(system_now: SystemTime) -> Self {
        ManualTimer {
            state: Arc::new(Mutex::new(ManualState {
                start: Instant::now(),
                system_start: system_now,
                elapsed: Duration::ZERO,
                sleeps: Vec::new(),
            })),
        }
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    /// Moves the clock forward without a sleep.
    pub fn advance(&self, by: Duration) {
        self.lock().elapsed += by;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Timer for ManualTimer {
    fn now(&self) -> Instant {
        let state = self.lock();
        state.start + state.elapsed
    }

    fn system_now(&self) -> SystemTime {
        let state = self.lock();
        state.system_start + state.elapsed
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        {
            let mut state = self.lock();
            state.elapsed += duration;
            state.sleeps.push(duration);
        }
        // Still a yield point, as a real sleep is.
        Box::pin(tokio::task::yield_now())
    }
}
