//! De-duplication: remembering which events were handled, so that a provider's retry
//! (or a replayed delivery still inside its signature window) is handled once.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::BoxFuture;

/// A store that failed.
#[derive(Debug, thiserror::Error)]
#[error("the de-duplication store failed: {0}")]
pub struct SeenStoreError(pub String);

/// Remembers the events being handled or handled, by key (provider and event id).
///
/// A multi-process receiver implements it over a shared store (Redis `SET NX EX`, a
/// table with a unique key); [`MemorySeen`] serves one process.
pub trait SeenStore: Send + Sync + fmt::Debug {
    /// Claims `key` at `now`: `true` when no claim of it is remembered (the caller
    /// handles the event), `false` when one is (the event is a duplicate). Atomic: of
    /// two concurrent claims of one key, one wins.
    fn claim<'a>(
        &'a self,
        key: &'a str,
        now: SystemTime,
    ) -> BoxFuture<'a, Result<bool, SeenStoreError>>;

    /// Forgets the claim of `key`: its handler failed and asked for the delivery again,
    /// so the provider's retry must be handled.
    fn release<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), SeenStoreError>>;
}

/// Claims in memory, each remembered for a time (24 hours by default: longer than the
/// providers retry) and at most a number of them (the oldest forgotten first).
pub struct MemorySeen {
    keep_for: Duration,
    capacity: usize,
    state: Mutex<Claims>,
}

#[derive(Default)]
struct Claims {
    at: HashMap<String, SystemTime>,
    /// Keys in claim order, for expiry and the capacity bound (a released key may
    /// linger here; it is skipped when its time comes).
    order: VecDeque<(String, SystemTime)>,
}

impl MemorySeen {
    /// 24 hours, at most a million claims.
    pub fn new() -> Self {
        MemorySeen::with_limits(Duration::from_secs(24 * 3600), 1_000_000)
    }

    /// Claims kept for `keep_for`, at most `capacity` of them.
    pub fn with_limits(keep_for: Duration, capacity: usize) -> Self {
        MemorySeen {
            keep_for,
            capacity: capacity.max(1),
            state: Mutex::new(Claims::default()),
        }
    }

    /// How many claims are remembered.
    pub fn len(&self) -> usize {
        self.lock().at.len()
    }

    /// Whether no claim is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Claims> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
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
            .field("capacity", &self.capacity)
            .field("claims", &self.len())
            .finish()
    }
}

impl Claims {
    /// Forgets the entry at the front of the order, if it is still the live claim.
    fn pop_oldest(&mut self) {
        if let Some((key, at)) = self.order.pop_front()
            && self.at.get(&key) == Some(&at)
        {
            self.at.remove(&key);
        }
    }
}

impl SeenStore for MemorySeen {
    fn claim<'a>(
        &'a self,
        key: &'a str,
        now: SystemTime,
    ) -> BoxFuture<'a, Result<bool, SeenStoreError>> {
        let mut claims = self.lock();
        // Expired claims go first, then the oldest while over capacity.
        while let Some((_, at)) = claims.order.front() {
            let expired = now.duration_since(*at).is_ok_and(|age| age > self.keep_for);
            if !expired {
                break;
            }
            claims.pop_oldest();
        }
        let fresh = match claims.at.get(key) {
            Some(at) => now.duration_since(*at).is_ok_and(|age| age > self.keep_for),
            None => true,
        };
        if fresh {
            while claims.at.len() >= self.capacity && !claims.order.is_empty() {
                claims.pop_oldest();
            }
            claims.at.insert(key.to_owned(), now);
            claims.order.push_back((key.to_owned(), now));
        }
        Box::pin(async move { Ok(fresh) })
    }

    fn release<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), SeenStoreError>> {
        self.lock().at.remove(key);
        Box::pin(async { Ok(()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    fn claim(seen: &MemorySeen, key: &str, at: u64) -> bool {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(at);
        seen.claim(key, now)
            .now_or_never()
            .expect("ready")
            .expect("claim")
    }

    #[test]
    fn a_key_is_claimed_once_until_it_expires_or_is_released() {
        let seen = MemorySeen::with_limits(Duration::from_secs(60), 100);
        assert!(claim(&seen, "evt_1", 0));
        assert!(!claim(&seen, "evt_1", 30));
        assert!(claim(&seen, "evt_2", 30));
        seen.release("evt_2")
            .now_or_never()
            .expect("ready")
            .expect("release");
        assert!(claim(&seen, "evt_2", 31), "released, so claimable again");
        assert!(!claim(&seen, "evt_2", 32));
        // Past its minute, evt_1 is forgotten (and claimable again).
        assert!(claim(&seen, "evt_1", 61));
        assert_eq!(seen.len(), 2);
    }

    #[test]
    fn the_oldest_claims_go_first_when_full() {
        let seen = MemorySeen::with_limits(Duration::from_secs(3600), 3);
        for (i, key) in ["a", "b", "c", "d"].into_iter().enumerate() {
            assert!(claim(&seen, key, i as u64));
        }
        assert_eq!(seen.len(), 3);
        assert!(claim(&seen, "a", 10), "the oldest was forgotten");
        assert!(!claim(&seen, "d", 11), "the newest is remembered");
    }
}
