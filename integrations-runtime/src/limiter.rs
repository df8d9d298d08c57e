//! Client-side rate limiting: requests wait their turn before they are sent, so that the
//! provider is not asked for more than its budget.
//!
//! [`RateLimiter`] is the seam (a store shared by several processes can implement it);
//! [`TokenBucket`] is the in-memory one every clone of a client shares: `requests` per
//! `window`, refilled continuously; it never holds more turns than the provider last said
//! were left (`X-RateLimit-Remaining`), and pauses until the provider's reset when that
//! reaches zero.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::BoxFuture;
use crate::time::Timer;

/// Decides when the next request may go.
pub trait RateLimiter: Send + Sync + fmt::Debug {
    /// Waits until one more request may be sent, and takes its place.
    fn acquire(&self) -> BoxFuture<'_, ()>;

    /// Takes a place when one is free now, without waiting: `false` leaves the caller to
    /// [`acquire`](Self::acquire). The default never takes one; a limiter that can answer
    /// at once spares every call a boxed future.
    fn try_acquire(&self) -> bool {
        false
    }

    /// What the provider reported: `remaining` requests until its window resets in `reset`.
    fn observe(&self, remaining: u64, reset: Duration);
}

/// A budget of requests per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateBudget {
    /// Requests in one window (also the largest burst).
    pub requests: u32,
    /// The window.
    pub window: Duration,
}

impl RateBudget {
    /// `requests` per `window`.
    pub const fn new(requests: u32, window: Duration) -> Self {
        RateBudget { requests, window }
    }
}

/// The in-memory limiter: a token bucket of the budget's size, refilled at the budget's
/// rate.
pub struct TokenBucket {
    budget: RateBudget,
    timer: Arc<dyn Timer>,
    state: Mutex<BucketState>,
}

struct BucketState {
    tokens: f64,
    updated: Instant,
    paused_until: Option<Instant>,
}

impl fmt::Debug for TokenBucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenBucket")
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl TokenBucket {
    /// A full bucket for `budget`, on `timer`'s clock.
    pub fn new(budget: RateBudget, timer: Arc<dyn Timer>) -> Self {
        let now = timer.now();
        TokenBucket {
            budget,
            timer,
            state: Mutex::new(BucketState {
                tokens: f64::from(budget.requests.max(1)),
                updated: now,
                paused_until: None,
            }),
        }
    }

    fn rate_per_second(&self) -> f64 {
        f64::from(self.budget.requests.max(1)) / self.budget.window.as_secs_f64().max(1e-9)
    }

    /// Takes a token, or says how long to wait for one.
    fn try_take(&self) -> Option<Duration> {
        let now = self.timer.now();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = state.paused_until {
            if until > now {
                return Some(until - now);
            }
            state.paused_until = None;
        }
        let capacity = f64::from(self.budget.requests.max(1));
        let elapsed = now.saturating_duration_since(state.updated).as_secs_f64();
        state.tokens = (state.tokens + elapsed * self.rate_per_second()).min(capacity);
        state.updated = now;
        if state.tokens >= 1.0 {
            state.tokens -= 1.0;
            None
        } else {
            Some(Duration::from_secs_f64(
                (1.0 - state.tokens) / self.rate_per_second(),
            ))
        }
    }
}

impl RateLimiter for TokenBucket {
    fn try_acquire(&self) -> bool {
        self.try_take().is_none()
    }

    fn acquire(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            while let Some(wait) = self.try_take() {
                self.timer.sleep(wait).await;
            }
        })
    }

    fn observe(&self, remaining: u64, reset: Duration) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        // The provider's count is the truth: never hold more turns than it says are left.
        state.tokens = state.tokens.min(remaining as f64);
        if remaining == 0 {
            let until = self.timer.now() + reset;
            state.paused_until = Some(state.paused_until.map_or(until, |p| p.max(until)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::ManualTimer;

    #[tokio::test]
    async fn a_bucket_lets_a_burst_through_then_spaces_requests() {
        let timer = ManualTimer::new(std::time::SystemTime::UNIX_EPOCH);
        let bucket = TokenBucket::new(
            RateBudget::new(2, Duration::from_secs(1)),
            Arc::new(timer.clone()),
        );
        for _ in 0..4 {
            bucket.acquire().await;
        }
        // Two at once, then one every half second.
        let waited: Duration = timer.sleeps().iter().sum();
        assert!(
            (waited.as_secs_f64() - 1.0).abs() < 1e-6,
            "{:?}",
            timer.sleeps()
        );
    }

    #[tokio::test]
    async fn a_spent_budget_pauses_until_the_reset() {
        let timer = ManualTimer::new(std::time::SystemTime::UNIX_EPOCH);
        let bucket = TokenBucket::new(
            RateBudget::new(100, Duration::from_secs(1)),
            Arc::new(timer.clone()),
        );
        bucket.observe(0, Duration::from_secs(30));
        bucket.acquire().await;
        assert_eq!(
            timer.sleeps().iter().sum::<Duration>(),
            Duration::from_secs(30)
        );
        // The provider says 2 are left of a bucket the client thinks is near full: two
        // go at once, the third waits for a refill (1/100 s).
        bucket.observe(2, Duration::from_secs(30));
        bucket.acquire().await;
        bucket.acquire().await;
        assert_eq!(timer.sleeps().len(), 1, "{:?}", timer.sleeps());
        bucket.acquire().await;
        assert_eq!(timer.sleeps().len(), 2, "{:?}", timer.sleeps());
        assert!(timer.sleeps()[1] <= Duration::from_millis(10));
    }
}
