//! De-duplication: remembering which events are being handled or were handled, so that
//! a provider's retry (or a replayed delivery still inside its signature window) is
//! handled once, and a retry that arrives while the first attempt runs waits for it.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::BoxFuture;

/// A store that failed.
#[derive(Debug, thiserror::Error)]
#[error("the de-duplication store failed: {0}")]
pub struct SeenStoreError(pub String);

/// What a claim of an event found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Claim {
    /// Nobody handles or handled it: the caller does now (until its lease runs out).
    Fresh,
    /// Another attempt is handling it now (its lease has not run out).
    InProgress,
    /// It was handled.
    Done,
}

/// Remembers the events being handled or handled, by key.
///
/// A multi-process receiver implements it over a shared store (Redis `SET NX PX` for the
/// lease, then `SET EX` when done; a table with a unique key and a state column);
/// [`MemorySeen`] serves one process.
pub trait SeenStore: Send + Sync + fmt::Debug {
    /// Claims `key` at `now`. Atomic: of two concurrent claims of one key, one is
    /// [`Claim::Fresh`]. A fresh claim is leased: if it is neither completed nor
    /// released in time (the handler was cancelled, the process died), the key can be
    /// claimed again.
    fn claim<'a>(
        &'a self,
        key: &'a str,
        now: SystemTime,
    ) -> BoxFuture<'a, Result<Claim, SeenStoreError>>;

    /// Marks `key` as handled at `now` (remembered for the store's retention).
    fn complete<'a>(
        &'a self,
        key: &'a str,
        now: SystemTime,
    ) -> BoxFuture<'a, Result<(), SeenStoreError>>;

    /// Forgets the claim of `key`: its handler failed and asked for the delivery again,
    /// so the provider's retry must be handled.
    fn release<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), SeenStoreError>>;
}

/// Claims in memory: a handled event is remembered for a time (4 days by default:
/// longer than Stripe's 3 days of retries) and at most a number of them (200,000 by
/// default; the oldest forgotten first); a claim being handled is leased for 5 minutes.
pub struct MemorySeen {
    keep_for: Duration,
    lease: Duration,
    capacity: usize,
    state: Mutex<Claims>,
}

#[derive(Debug, Clone, Copy)]
enum State {
    /// Being handled until the lease ends.
    Leased { until: SystemTime },
    /// Handled at this time.
    Done { at: SystemTime },
}

#[derive(Default)]
struct Claims {
    /// Each key's state and the generation of its entry in `order`.
    entries: HashMap<String, (State, u64)>,
    /// Keys in the order they were last claimed or completed, with their generation; an
    /// entry whose generation is not the key's current one is stale and skipped.
    order: VecDeque<(String, u64)>,
    next_generation: u64,
}

impl Claims {
    fn touch(&mut self, key: &str, state: State) {
        let generation = self.next_generation;
        self.next_generation += 1;
        self.entries.insert(key.to_owned(), (state, generation));
        self.order.push_back((key.to_owned(), generation));
    }

    /// Forgets the oldest live entry (and the stale ones before it).
    fn pop_oldest(&mut self) {
        while let Some((key, generation)) = self.order.pop_front() {
            if self
                .entries
                .get(&key)
                .is_some_and(|(_, g)| *g == generation)
            {
                self.entries.remove(&key);
                return;
            }
        }
    }

    /// Drops stale entries from `order` when they outnumber the live ones.
    fn compact(&mut self) {
        if self.order.len() > 2 * self.entries.len() + 64 {
            let entries = &self.entries;
            self.order
                .retain(|(key, generation)| entries.get(key).is_some_and(|(_, g)| g == generation));
        }
    }
}

impl MemorySeen {
    /// Handled events kept 4 days, at most 200,000 of them; 5-minute leases.
    pub fn new() -> Self {
        MemorySeen::with_limits(Duration::from_secs(4 * 24 * 3600), 200_000)
    }

    /// Handled events kept for `keep_for`, at most `capacity` claims.
    pub fn with_limits(keep_for: Duration, capacity: usize) -> Self {
        MemorySeen {
            keep_for,
            lease: Duration::from_secs(5 * 60),
            capacity: capacity.max(1),
            state: Mutex::new(Claims::default()),
        }
    }

    /// How long a claim being handled holds (default 5 minutes): longer than a handler
    /// runs, shorter than the provider waits before its next retry.
    #[must_use]
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// How many claims are remembered.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether no claim is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Claims> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether `state` still holds at `now`.
    fn holds(&self, state: State, now: SystemTime) -> bool {
        match state {
            State::Leased { until } => now < until,
            State::Done { at } => now
                .duration_since(at)
                .map_or(true, |age| age <= self.keep_for),
        }
    }
}

impl Default for MemorySeen {
    fn default() -> Self {
        MemorySeen::new()
    }
}

impl fmt::Debug for MemorySeen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemorySeen")
            .field("keep_for", &self.keep_for)
            .field("lease", &self.lease)
            .field("capacity", &self.capacity)
            .field("claims", &self.len())
            .finish()
    }
}

impl SeenStore for MemorySeen {
    fn claim<'a>(
        &'a self,
        key: &'a str,
        now: SystemTime,
    ) -> BoxFuture<'a, Result<Claim, SeenStoreError>> {
        let mut claims = self.lock();
        // Expired entries at the front go first.
        while let Some((front, generation)) = claims.order.front() {
            let live = claims
                .entries
                .get(front)
                .filter(|(_, g)| g == generation)
                .map(|(state, _)| *state);
            match live {
                Some(state) if self.holds(state, now) => break,
                Some(_) => claims.pop_oldest(),
                None => {
                    claims.order.pop_front();
                }
            }
        }
        let found = match claims.entries.get(key) {
            Some((state, _)) if self.holds(*state, now) => match state {
                State::Leased { .. } => Claim::InProgress,
                State::Done { .. } => Claim::Done,
            },
            _ => Claim::Fresh,
        };
        if found == Claim::Fresh {
            while claims.entries.len() >= self.capacity && !claims.order.is_empty() {
                claims.pop_oldest();
            }
            claims.touch(
                key,
                State::Leased {
                    until: now + self.lease,
                },
            );
            claims.compact();
        }
        Box::pin(async move { Ok(found) })
    }

    fn complete<'a>(
        &'a self,
        key: &'a str,
        now: SystemTime,
    ) -> BoxFuture<'a, Result<(), SeenStoreError>> {
        let mut claims = self.lock();
        claims.touch(key, State::Done { at: now });
        claims.compact();
        Box::pin(async { Ok(()) })
    }

    fn release<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), SeenStoreError>> {
        let mut claims = self.lock();
        claims.entries.remove(key);
        claims.compact();
        Box::pin(async { Ok(()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    fn claim(seen: &MemorySeen, key: &str, seconds: u64) -> Claim {
        seen.claim(key, at(seconds))
            .now_or_never()
            .expect("ready")
            .expect("claim")
    }

    fn complete(seen: &MemorySeen, key: &str, seconds: u64) {
        seen.complete(key, at(seconds))
            .now_or_never()
            .expect("ready")
            .expect("complete");
    }

    #[test]
    fn a_key_is_handled_once_until_it_expires_or_is_released() {
        let seen =
            MemorySeen::with_limits(Duration::from_secs(60), 100).lease(Duration::from_secs(10));
        assert_eq!(claim(&seen, "evt_1", 0), Claim::Fresh);
        assert_eq!(claim(&seen, "evt_1", 1), Claim::InProgress, "being handled");
        complete(&seen, "evt_1", 2);
        assert_eq!(claim(&seen, "evt_1", 30), Claim::Done);
        assert_eq!(claim(&seen, "evt_2", 30), Claim::Fresh);
        seen.release("evt_2")
            .now_or_never()
            .expect("ready")
            .expect("release");
        assert_eq!(
            claim(&seen, "evt_2", 31),
            Claim::Fresh,
            "released, so claimable again"
        );
        // Past its minute, evt_1 is forgotten (and claimable again).
        assert_eq!(claim(&seen, "evt_1", 63), Claim::Fresh);
    }

    #[test]
    fn a_lease_that_runs_out_lets_the_next_attempt_handle_the_event() {
        let seen =
            MemorySeen::with_limits(Duration::from_secs(3600), 100).lease(Duration::from_secs(10));
        assert_eq!(claim(&seen, "evt_1", 0), Claim::Fresh);
        // The handler was cancelled: nobody completes or releases the claim.
        assert_eq!(claim(&seen, "evt_1", 9), Claim::InProgress);
        assert_eq!(claim(&seen, "evt_1", 10), Claim::Fresh);
    }

    #[test]
    fn the_oldest_claims_go_first_when_full_and_stale_entries_do_not_pile_up() {
        let seen = MemorySeen::with_limits(Duration::from_secs(3600), 3);
        for (i, key) in ["a", "b", "c", "d"].into_iter().enumerate() {
            assert_eq!(claim(&seen, key, i as u64), Claim::Fresh);
            complete(&seen, key, i as u64);
        }
        assert_eq!(seen.len(), 3);
        assert_eq!(
            claim(&seen, "a", 10),
            Claim::Fresh,
            "the oldest was forgotten"
        );
        assert_eq!(
            claim(&seen, "d", 11),
            Claim::Done,
            "the newest is remembered"
        );
        // A handler that keeps failing: claimed and released again and again.
        for i in 0..10_000 {
            assert_eq!(claim(&seen, "flaky", 20 + i), Claim::Fresh);
            seen.release("flaky")
                .now_or_never()
                .expect("ready")
                .expect("release");
        }
        let order = seen.lock().order.len();
        assert!(order < 200, "{order} entries kept for 3 live claims");
    }
}
