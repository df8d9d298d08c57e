//! When a call is tried again, and how long the client waits first.
//!
//! [`RetryPolicy`] says how many attempts, the backoff (exponential, with full jitter,
//! capped) and an overall deadline. [`classify`] reads an answer: success, worth another
//! attempt (connection failures, timeouts, 408, 429, 500, 502, 503, 504, and what the
//! provider says means "try again": Stripe's `Stripe-Should-Retry`, Slack's `ratelimited`,
//! S3's `SlowDown`, Twilio's 20429, Drive's `userRateLimitExceeded`), a quota that waiting
//! seconds will not restore (Salesforce's `REQUEST_LIMIT_EXCEEDED`), or a failure.
//! [`requested_wait`] reads what the provider asks the client to wait (`Retry-After` in
//! seconds or as a date, rate-limit reset headers); the longest of it and the backoff
//! wins, and a wait past the deadline ends the call at once.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, RETRY_AFTER};

/// The rate-limit headers read on every response, named once (looking a header up by a
/// `&str` parses the name each time).
const RATELIMIT_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
const RATELIMIT_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const HUBSPOT_REMAINING: HeaderName = HeaderName::from_static("x-hubspot-ratelimit-remaining");
const HUBSPOT_INTERVAL: HeaderName =
    HeaderName::from_static("x-hubspot-ratelimit-interval-milliseconds");

/// How often, and how patiently, a call is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    deadline: Option<Duration>,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// Three retries after a first attempt, 1 s base delay, 30 s cap, 120 s deadline,
    /// full jitter.
    fn default() -> Self {
        RetryPolicy {
            attempts: 4,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            deadline: Some(Duration::from_secs(120)),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// One attempt, no retry.
    pub fn never() -> Self {
        RetryPolicy {
            attempts: 1,
            ..Self::default()
        }
    }

    /// At most `retries` attempts after the first.
    pub fn retries(mut self, retries: u32) -> Self {
        self.attempts = retries.saturating_add(1);
        self
    }

    /// The delay before the first retry; each next one doubles, up to the cap.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest the backoff grows to.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest the whole call (every attempt and wait) may take; `None`: no limit.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Whether backoff delays are drawn at random between zero and their value (full
    /// jitter, the default, so that many clients do not retry in step).
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The most attempts a call makes.
    pub fn max_attempts(&self) -> u32 {
        self.attempts.max(1)
    }

    /// The overall deadline.
    pub fn overall_deadline(&self) -> Option<Duration> {
        self.deadline
    }

    /// The backoff before retry number `retry` (1 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(30);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        if self.jitter {
            ceiling.mul_f64(fastrand::f64())
        } else {
            ceiling
        }
    }
}

/// What the provider says about retrying, from `provider.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConvention {
    /// A header whose `true` or `false` overrides the status (`Stripe-Should-Retry`).
    pub should_retry_header: Option<&'static str>,
    /// Provider error codes that mean "try again later" (`ratelimited`, `SlowDown`).
    pub retry_codes: &'static [&'static str],
    /// Provider error codes of an exhausted quota: no wait of seconds helps
    /// (`REQUEST_LIMIT_EXCEEDED`).
    pub quota_codes: &'static [&'static str],
    /// Headers that count what is left of a long (daily) quota; one that reads `0` on an
    /// error answer means the quota is spent (`x-daily-requests-left`,
    /// `X-HubSpot-RateLimit-Daily-Remaining`).
    pub quota_headers: &'static [&'static str],
}

impl RetryConvention {
    /// Nothing beyond HTTP's own signals.
    pub const NONE: RetryConvention = RetryConvention {
        should_retry_header: None,
        retry_codes: &[],
        quota_codes: &[],
        quota_headers: &[],
    };

    /// Nothing beyond HTTP's own signals.
    pub const fn new() -> Self {
        Self::NONE
    }

    /// With a header that says whether to retry.
    pub const fn should_retry_header(mut self, header: &'static str) -> Self {
        self.should_retry_header = Some(header);
        self
    }

    /// With provider error codes that mean "try again later".
    pub const fn retry_codes(mut self, codes: &'static [&'static str]) -> Self {
        self.retry_codes = codes;
        self
    }

    /// With provider error codes of an exhausted quota.
    pub const fn quota_codes(mut self, codes: &'static [&'static str]) -> Self {
        self.quota_codes = codes;
        self
    }

    /// With headers that count what is left of a long quota.
    pub const fn quota_headers(mut self, headers: &'static [&'static str]) -> Self {
        self.quota_headers = headers;
        self
    }
}

impl Default for RetryConvention {
    fn default() -> Self {
        Self::NONE
    }
}

/// What an answer means for the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Try again (after a wait).
    Retry,
    /// A quota is exhausted: fail now, with its kind.
    Quota,
    /// A failure another attempt will not change.
    Fail,
    /// A credential was refused and its source has a fresh one: send again at once.
    Replay,
}

/// Statuses that are worth another attempt.
const RETRY_STATUSES: &[u16] = &[408, 429, 500, 502, 503, 504];

/// What an error answer (`status`, its headers, the provider's `code`) means.
pub(crate) fn classify(
    status: u16,
    headers: &HeaderMap,
    code: Option<&str>,
    convention: &RetryConvention,
) -> Verdict {
    if code.is_some_and(|c| convention.quota_codes.contains(&c)) {
        return Verdict::Quota;
    }
    let spent = |name: &&str| {
        headers
            .get(*name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "0")
    };
    // Only a refusal counts: a validation error may come with the last unit spent.
    if matches!(status, 403 | 429) && convention.quota_headers.iter().any(spent) {
        return Verdict::Quota;
    }
    if let Some(header) = convention.should_retry_header
        && let Some(value) = headers.get(header).and_then(|v| v.to_str().ok())
    {
        match value.trim() {
            "true" => return Verdict::Retry,
            "false" => return Verdict::Fail,
            _ => {}
        }
    }
    if RETRY_STATUSES.contains(&status) || code.is_some_and(|c| convention.retry_codes.contains(&c))
    {
        Verdict::Retry
    } else {
        Verdict::Fail
    }
}

/// The wait the provider asks for, if any: `Retry-After` (seconds or an HTTP date), a
/// reset header (`X-RateLimit-Reset`, epoch seconds or seconds left), or HubSpot's
/// window when its remaining budget is zero. The longest wins.
pub(crate) fn requested_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let mut waits: Vec<Duration> = Vec::new();
    waits.extend(retry_after(headers, now));
    if let Some(value) = text(&RATELIMIT_RESET).and_then(|v| v.parse::<f64>().ok())
        && value.is_finite()
        && value >= 0.0
    {
        // Large values are a moment (SendGrid: epoch seconds), small ones a duration
        // (Pipedrive: seconds left in the window).
        let wait = if value > 1e9 {
            let at = SystemTime::UNIX_EPOCH + Duration::from_secs_f64(value);
            at.duration_since(now).unwrap_or(Duration::ZERO)
        } else {
            Duration::from_secs_f64(value)
        };
        waits.push(wait);
    }
    let remaining_zero = |name: &HeaderName| text(name).is_some_and(|v| v == "0");
    if remaining_zero(&HUBSPOT_REMAINING)
        && let Some(ms) = text(&HUBSPOT_INTERVAL).and_then(|v| v.parse::<u64>().ok())
    {
        waits.push(Duration::from_millis(ms));
    }
    waits.into_iter().max()
}

/// What `Retry-After` asks for, in seconds or as an HTTP date: the provider's own word on
/// when to come back (all that an exhausted quota reports; a rate-limit window's reset
/// says nothing about a daily quota).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(1e9)))
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        Some(at.duration_since(now).unwrap_or(Duration::ZERO))
    }
}

/// How many requests the provider says are left in its window, and when it resets: for
/// the client-side limiter to slow down before the provider refuses. The headers are
/// scanned once (most responses carry a handful, and none of these); the clock is read
/// only when one is there.
pub(crate) fn reported_budget(
    headers: &HeaderMap,
    now: impl FnOnce() -> SystemTime,
) -> Option<(u64, Duration)> {
    let remaining = headers.iter().find_map(|(name, value)| {
        (name == RATELIMIT_REMAINING || name == HUBSPOT_REMAINING)
            .then(|| value.to_str().ok()?.trim().parse::<u64>().ok())
            .flatten()
    })?;
    let reset = requested_wait(headers, now()).unwrap_or(Duration::ZERO);
    Some((remaining, reset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitter_stays_below_it() {
        let policy = RetryPolicy::new()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350))
            .jitter(false);
        let delays: Vec<u128> = (1..=5).map(|r| policy.backoff(r).as_millis()).collect();
        assert_eq!(delays, [100, 200, 350, 350, 350]);
        let jittered = policy.jitter(true);
        for retry in 1..=5 {
            for _ in 0..50 {
                assert!(jittered.backoff(retry) <= policy.backoff(retry));
            }
        }
        assert_eq!(RetryPolicy::never().max_attempts(), 1);
        assert_eq!(RetryPolicy::new().retries(5).max_attempts(), 6);
    }

    #[test]
    fn statuses_codes_and_the_should_retry_header() {
        let stripe = RetryConvention::new().should_retry_header("Stripe-Should-Retry");
        let none = HeaderMap::new();
        assert_eq!(classify(503, &none, None, &stripe), Verdict::Retry);
        assert_eq!(classify(400, &none, None, &stripe), Verdict::Fail);
        assert_eq!(
            classify(
                409,
                &headers(&[("stripe-should-retry", "true")]),
                None,
                &stripe
            ),
            Verdict::Retry
        );
        assert_eq!(
            classify(
                503,
                &headers(&[("stripe-should-retry", "false")]),
                None,
                &stripe
            ),
            Verdict::Fail
        );
        let slack = RetryConvention::new().retry_codes(&["ratelimited"]);
        assert_eq!(
            classify(200, &none, Some("ratelimited"), &slack),
            Verdict::Retry
        );
        assert_eq!(
            classify(200, &none, Some("channel_not_found"), &slack),
            Verdict::Fail
        );
        let salesforce = RetryConvention::new().quota_codes(&["REQUEST_LIMIT_EXCEEDED"]);
        assert_eq!(
            classify(403, &none, Some("REQUEST_LIMIT_EXCEEDED"), &salesforce),
            Verdict::Quota
        );
        let pipedrive = RetryConvention::new().quota_headers(&["x-daily-requests-left"]);
        let spent = headers(&[("x-daily-requests-left", "0")]);
        assert_eq!(classify(429, &spent, None, &pipedrive), Verdict::Quota);
        assert_eq!(
            classify(
                429,
                &headers(&[("x-daily-requests-left", "12")]),
                None,
                &pipedrive
            ),
            Verdict::Retry
        );
        // A validation error that spent the last unit is still a validation error.
        assert_eq!(classify(400, &spent, None, &pipedrive), Verdict::Fail);
    }

    #[test]
    fn waits_from_retry_after_and_reset_headers() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            requested_wait(&headers(&[("retry-after", "120")]), now),
            Some(Duration::from_secs(120))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            requested_wait(&headers(&[("retry-after", &date)]), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            requested_wait(&headers(&[("x-ratelimit-reset", "1700000045")]), now),
            Some(Duration::from_secs(45))
        );
        assert_eq!(
            requested_wait(&headers(&[("x-ratelimit-reset", "2")]), now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            requested_wait(
                &headers(&[
                    ("x-hubspot-ratelimit-remaining", "0"),
                    ("x-hubspot-ratelimit-interval-milliseconds", "10000"),
                    ("retry-after", "3")
                ]),
                now
            ),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            requested_wait(&headers(&[("retry-after", "soon")]), now),
            None
        );
        assert_eq!(requested_wait(&HeaderMap::new(), now), None);
    }
}
