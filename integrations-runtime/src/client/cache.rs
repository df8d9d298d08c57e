//! The opt-in response cache: successful GET responses kept for a while, keyed by what
//! makes two GETs the same request (URL, credentials, headers).
//!
//! Never cached: errors, methods other than GET, responses that say `Cache-Control:
//! no-store` (or `no-cache`, `private`), and bodies that are streamed rather than read.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{CACHE_CONTROL, HeaderMap};

/// The most responses kept; the oldest goes first.
const CAPACITY: usize = 1024;

/// A kept response.
#[derive(Clone)]
pub(super) struct Entry {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
    expires: Instant,
}

pub(super) struct Cache {
    ttl: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    entries: HashMap<u64, Entry>,
    order: VecDeque<u64>,
}

impl Cache {
    pub(super) fn new(ttl: Duration) -> Self {
        Cache {
            ttl,
            state: Mutex::new(State::default()),
        }
    }

    /// The key of a GET: its URL and every header sent (credentials included, hashed, so
    /// that one identity never sees another's response).
    pub(super) fn key(url: &str, headers: &HeaderMap) -> u64 {
        let mut hasher = DefaultHasher::new();
        url.hash(&mut hasher);
        let mut pairs: Vec<(&str, &[u8])> = headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_bytes()))
            .collect();
        pairs.sort();
        pairs.hash(&mut hasher);
        hasher.finish()
    }

    /// The response kept under `key`, unless it has expired.
    pub(super) fn get(&self, key: u64, now: Instant) -> Option<Entry> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match state.entries.get(&key) {
            Some(entry) if entry.expires > now => Some(entry.clone()),
            Some(_) => {
                state.entries.remove(&key);
                None
            }
            None => None,
        }
    }

    /// Keeps a successful response, unless it asks not to be.
    pub(super) fn put(
        &self,
        key: u64,
        status: u16,
        headers: &HeaderMap,
        body: &Bytes,
        now: Instant,
    ) {
        if !(200..300).contains(&status) || forbids_storing(headers) {
            return;
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.entries.len() >= CAPACITY
            && let Some(oldest) = state.order.pop_front()
        {
            state.entries.remove(&oldest);
        }
        let fresh = state
            .entries
            .insert(
                key,
                Entry {
                    status,
                    headers: headers.clone(),
                    body: body.clone(),
                    expires: now + self.ttl,
                },
            )
            .is_none();
        if fresh {
            state.order.push_back(key);
        }
    }
}

/// Whether `Cache-Control` forbids keeping the response.
fn forbids_storing(headers: &HeaderMap) -> bool {
    headers.get_all(CACHE_CONTROL).iter().any(|value| {
        value.to_str().is_ok_and(|text| {
            text.split(',').any(|directive| {
                let directive = directive.trim().to_ascii_lowercase();
                directive == "no-store" || directive == "no-cache" || directive == "private"
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn keeps_successes_for_their_ttl_and_honours_no_store() {
        let cache = Cache::new(Duration::from_secs(60));
        let now = Instant::now();
        let body = Bytes::from_static(b"{}");
        let key = Cache::key("https://api.example.com/x", &HeaderMap::new());
        cache.put(key, 200, &HeaderMap::new(), &body, now);
        assert!(cache.get(key, now + Duration::from_secs(59)).is_some());
        assert!(cache.get(key, now + Duration::from_secs(61)).is_none());
        let mut no_store = HeaderMap::new();
        no_store.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=0"),
        );
        cache.put(key, 200, &no_store, &body, now);
        assert!(cache.get(key, now).is_none());
        cache.put(key, 404, &HeaderMap::new(), &body, now);
        assert!(cache.get(key, now).is_none());
    }

    #[test]
    fn the_key_depends_on_the_credentials() {
        let mut alice = HeaderMap::new();
        alice.insert("authorization", HeaderValue::from_static("Bearer a"));
        let mut bob = HeaderMap::new();
        bob.insert("authorization", HeaderValue::from_static("Bearer b"));
        assert_ne!(Cache::key("u", &alice), Cache::key("u", &bob));
        assert_eq!(Cache::key("u", &alice), Cache::key("u", &alice.clone()));
    }
}
