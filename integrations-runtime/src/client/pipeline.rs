//! One call, attempt by attempt.
//!
//! Before the first attempt: the idempotency key of a request that creates something is
//! chosen (one key per call, reused on every attempt), and a body the request says is
//! gzip is compressed. Each attempt then takes a turn from the rate limiter, resolves its
//! credentials (a [`CredentialSource`](crate::CredentialSource) is asked every time, so
//! that a token can be refreshed between attempts) and applies them, assembles the
//! request from data (bodies are rewound; a stream is sent once), runs the before-send
//! hooks (signing), sends it, and classifies the answer with [`crate::retry`]. A 401 for
//! a credential whose source has a fresh one is replayed once, at once. A temporary
//! failure is tried again after the longest of the backoff and the wait the provider asks
//! for, unless the policy has no attempts left, the wait would pass the call's deadline,
//! the body cannot be sent again, or the request may already have been carried out with
//! nothing to keep a second attempt from carrying it out again (a create without an
//! idempotency key): the error then says why it was not retried.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue};

use crate::api::Idempotency;
use crate::error::{ApiError, EncodeError, ErrorKind, Failure, TransportError};
use crate::error_details::error_details;
use crate::request::{Media, Method, Request, RequestBody};
use crate::response::{Response, media_of, read_body};
use crate::retry::{Verdict, classify, reported_budget, requested_wait, retry_after};
use crate::seams::Attempt;

use super::Client;
use super::auth::Slot;
use super::cache::Cache;

/// How one attempt went wrong, and what that means for the next.
struct Attempted {
    failure: Failure,
    verdict: Verdict,
    /// The wait the provider asked for.
    wait: Option<Duration>,
    /// Whether the request may have reached the server (and been carried out).
    reached: bool,
}

impl Attempted {
    fn fatal(failure: impl Into<Failure>) -> Self {
        Attempted {
            failure: failure.into(),
            verdict: Verdict::Fail,
            wait: None,
            reached: false,
        }
    }
}

/// What a call does once before its attempts: the idempotency key (into the body, when
/// that is where the API takes it), then compression, so that what is compressed is what
/// is sent. Whether the request is then safe to send twice.
fn prepare(request: &mut Request, inner: &super::Inner) -> Result<bool, Failure> {
    let protected = prepare_idempotency(request, inner.api.idempotency)?;
    super::compress::compress_body(request)?;
    Ok(protected)
}

/// Records on the call's span how many attempts `outcome` took, and hands it back.
fn ended(call: &tracing::Span, outcome: Result<Response, Failure>) -> Result<Response, Failure> {
    if !call.is_disabled() {
        let attempts = match &outcome {
            Ok(response) => response.attempt_count(),
            Err(failure) => failure.attempts(),
        };
        call.record("attempts", attempts);
    }
    outcome
}

impl Client {
    /// Runs a call to its end: the first success, or the failure that ends it.
    ///
    /// The call and each attempt have a `tracing` span, the attempt's a child of the
    /// call's, and the pipeline's events name theirs as parent. No future is wrapped in a
    /// span (`Instrument`): the wrappers, disabled or not, made every call about 1 µs
    /// slower on loopback, 3 % of it (BENCHMARKS.md).
    pub(super) async fn run(&self, mut request: Request) -> Result<Response, Failure> {
        let inner = &*self.inner;
        let call = tracing::debug_span!(
            "call",
            api = inner.api.name,
            operation = request.operation,
            attempts = tracing::field::Empty,
        );
        let policy = request.options.retry.unwrap_or(inner.retry);
        let started = inner.timer.now();
        let protected = match prepare(&mut request, inner) {
            Ok(protected) => protected,
            Err(failure) => return ended(&call, Err(failure)),
        };
        let mut attempt: u32 = 0;
        let mut replayed = false;
        loop {
            attempt += 1;
            if let Some(limiter) = &inner.limiter
                && !limiter.try_acquire()
            {
                limiter.acquire().await;
            }
            let span = tracing::debug_span!(
                parent: &call,
                "attempt",
                attempt,
                status = tracing::field::Empty,
                wait_ms = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let Attempted {
                failure,
                verdict,
                wait,
                reached,
            } = match self.attempt(&request, &span, attempt).await {
                Ok(response) => return ended(&call, Ok(response)),
                Err(attempted) => attempted,
            };
            // A request refused as too many (429) was not carried out; anything else that
            // got as far as the server may have been.
            let rate_limited = failure.status() == Some(429);
            let finish =
                |reason: Option<&'static str>| ended(&call, Err(failure.finish(attempt, reason)));
            if verdict == Verdict::Replay && !replayed {
                // The provider refused a credential its source has since renewed: the
                // request was not carried out, so it is sent again now, once, whatever
                // the retry policy.
                if request.body.as_ref().is_none_or(RequestBody::is_rewindable) {
                    replayed = true;
                    tracing::debug!(parent: &span, attempt, "replaying with a renewed credential");
                    continue;
                }
                return finish(Some("its body is a stream, which can be sent once"));
            }
            if verdict != Verdict::Retry || attempt >= policy.max_attempts() {
                return finish(None);
            }
            let safe = request.method.is_idempotent() || protected || !reached || rate_limited;
            if !safe {
                return finish(Some(
                    "the request may have been carried out, and this API has no idempotency \
                     key to keep a second attempt from carrying it out again",
                ));
            }
            if !request.body.as_ref().is_none_or(RequestBody::is_rewindable) {
                return finish(Some("its body is a stream, which can be sent once"));
            }
            let wait = policy.backoff(attempt).max(wait.unwrap_or_default());
            if let Some(deadline) = policy.overall_deadline() {
                let elapsed = inner.timer.now().saturating_duration_since(started);
                if elapsed + wait > deadline {
                    return finish(Some(
                        "the wait before another attempt would pass the call's deadline",
                    ));
                }
            }
            span.record("wait_ms", wait.as_millis() as u64);
            tracing::debug!(parent: &span, attempt, wait_ms = wait.as_millis() as u64, "retrying");
            inner.timer.sleep(wait).await;
        }
    }

    /// The headers every attempt of `request` sends before credentials: the client's
    /// defaults (when its HTTP client does not send them itself), the request's own, the
    /// call's, and the body's content type. Built for each attempt (it is as cheap as
    /// copying a prepared map, and moved into the request).
    fn fixed_headers(&self, request: &Request) -> Result<HeaderMap, EncodeError> {
        let operation = request.operation;
        let mut headers = if self.inner.default_headers.is_empty() {
            HeaderMap::new()
        } else {
            self.inner.default_headers.clone()
        };
        for (name, value) in request.headers.iter().chain(&request.options.headers) {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| EncodeError::new(operation, format!("header \"{name}\""), e))?;
            let value = HeaderValue::from_str(value)
                .map_err(|e| EncodeError::new(operation, format!("header \"{name}\""), e))?;
            // A request's own header wins over a default of the same name.
            headers.insert(header, value);
        }
        let content_type = match &request.body {
            Some(
                RequestBody::Bytes { content_type, .. } | RequestBody::Raw { content_type, .. },
            ) => Some(content_type.clone()),
            // The body's own type (which carries the boundary) wins over a default.
            Some(RequestBody::Multipart(form)) => Some(form.content_type()),
            None => None,
        };
        if let Some(content_type) = content_type {
            let value = HeaderValue::from_str(&content_type)
                .map_err(|e| EncodeError::new(operation, "the content type", e))?;
            headers.insert(CONTENT_TYPE, value);
        }
        Ok(headers)
    }

    /// One attempt: authenticate, assemble, send, classify.
    async fn attempt(
        &self,
        request: &Request,
        span: &tracing::Span,
        attempt: u32,
    ) -> Result<Response, Attempted> {
        let inner = &*self.inner;
        let operation = request.operation;
        let mut headers = self.fixed_headers(request).map_err(Attempted::fatal)?;
        let mut query = Vec::new();
        let mut cookies = request.cookies.clone();
        // Credentials a source gave for this attempt, to tell it when they are refused.
        let mut resolved = Vec::new();
        let slots = self
            .credentials_for(operation, request.security)
            .map_err(|error| Attempted::fatal(Failure::Credential(Box::new(error))))?;
        for slot in slots {
            match slot {
                // Most credentials are fixed: applied without a future.
                Slot::Fixed(prepared) => prepared.apply(&mut headers, &mut query, &mut cookies),
                Slot::Source(sourced) => {
                    match Box::pin(sourced.apply(&mut headers, &mut query, &mut cookies)).await {
                        Ok(given) => resolved.push(given),
                        Err(error) => {
                            let verdict = if error.temporary {
                                Verdict::Retry
                            } else {
                                Verdict::Fail
                            };
                            return Err(Attempted {
                                failure: Failure::Credential(Box::new(error)),
                                verdict,
                                wait: None,
                                reached: false,
                            });
                        }
                    }
                }
            }
        }
        if !cookies.is_empty() {
            let cookie: Vec<String> = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let value = HeaderValue::from_str(&cookie.join("; "))
                .map_err(|e| Attempted::fatal(EncodeError::new(operation, "cookies", e)))?;
            headers.append(COOKIE, value);
        }
        let url = self.url(request, &query).map_err(Attempted::fatal)?;
        let cache_key = inner
            .cache
            .as_ref()
            .filter(|_| request.method == Method::Get)
            .map(|_| Cache::key(url.as_str(), &headers));
        if let (Some(cache), Some(key)) = (&inner.cache, cache_key)
            && let Some(hit) = cache.get(key, inner.timer.now())
        {
            tracing::debug!(parent: span, "answered from the cache");
            return Ok(Response::already_read(
                operation,
                hit.status,
                hit.headers,
                hit.body,
            ));
        }
        // The path only: the query may hold an API key.
        tracing::debug!(parent: span, method = ?request.method, path = url.path(), "sending");
        let mut http_request = reqwest::Request::new(request.method.to_reqwest(), url);
        *http_request.body_mut() = match &request.body {
            None => None,
            Some(RequestBody::Bytes { bytes, .. }) => Some(reqwest::Body::from(bytes.clone())),
            Some(RequestBody::Raw { body, .. }) => Some(
                body.clone()
                    .into_reqwest()
                    .map_err(|e| Attempted::fatal(EncodeError::new(operation, "the body", e)))?,
            ),
            Some(RequestBody::Multipart(form)) => Some(form.to_body().map_err(Attempted::fatal)?),
        };
        // The request is assembled directly (not through reqwest's builder), so that its
        // headers are moved in rather than merged.
        *http_request.headers_mut() = headers;
        *http_request.timeout_mut() = request.options.timeout.or(inner.timeout);
        if !inner.before_send.is_empty() {
            let context = Attempt {
                operation,
                number: attempt,
            };
            for hook in &inner.before_send {
                hook.before_send(&mut http_request, &context)
                    .await
                    .map_err(|e| {
                        Attempted::fatal(EncodeError::new(
                            operation,
                            "the request (a before-send hook refused it)",
                            e,
                        ))
                    })?;
            }
        }
        let mut response = match inner.http.execute(http_request).await {
            Ok(response) => response,
            Err(error) => {
                let error = TransportError::from(error);
                return Err(Attempted {
                    reached: !error.is_connect(),
                    failure: Failure::Transport(error),
                    verdict: Verdict::Retry,
                    wait: None,
                });
            }
        };
        let status = response.status().as_u16();
        if !span.is_disabled() {
            span.record("status", status);
            if let Some(id) = crate::error::request_id(response.headers()) {
                span.record("request_id", id);
            }
        }
        tracing::debug!(parent: span, status, "received");
        if let Some(limiter) = &inner.limiter
            && let Some((remaining, reset)) =
                reported_budget(response.headers(), || inner.timer.system_now())
        {
            limiter.observe(remaining, reset);
        }
        let limit = inner.max_response_bytes;
        if !response.status().is_success() {
            // Taken, not copied: reading the body does not need them.
            let headers = std::mem::take(response.headers_mut());
            let body = read_body(response, limit).await.map_err(read_failure)?;
            let mut attempted = self.api_error(operation, status, headers, body);
            // A refused credential from a source with a fresh one: replay once, at once.
            if status == 401
                && resolved.iter().fold(false, |fresh, (source, credential)| {
                    source.refused(credential) || fresh
                })
            {
                attempted.verdict = Verdict::Replay;
            }
            return Err(attempted);
        }
        // A download stays unread, so that it can be streamed, unless it is JSON that
        // can carry the success flag.
        let flag = inner.api.errors.success_flag.filter(|_| {
            response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ct| matches!(media_of(Some(ct)), Media::Json))
        });
        if request.streamed && flag.is_none() && cache_key.is_none() {
            return Ok(Response::unread(operation, response, limit).attempts(attempt));
        }
        let headers = std::mem::take(response.headers_mut());
        let body = read_body(response, limit).await.map_err(read_failure)?;
        if let Some(flag) = flag {
            let failed = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.pointer(flag).and_then(serde_json::Value::as_bool))
                == Some(false);
            if failed {
                return Err(self.api_error(operation, status, headers, body));
            }
        }
        if let (Some(cache), Some(key)) = (&inner.cache, cache_key) {
            cache.put(key, status, &headers, &body, inner.timer.now());
        }
        Ok(Response::already_read(operation, status, headers, body).attempts(attempt))
    }

    /// An error answer, with the provider's code and message, and what it means for the
    /// call.
    fn api_error(
        &self,
        operation: &'static str,
        status: u16,
        headers: HeaderMap,
        body: Bytes,
    ) -> Attempted {
        let api = self.inner.api;
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let (code, message) = error_details(&api.errors, content_type.as_deref(), &body);
        let verdict = classify(status, &headers, code.as_deref(), &api.retry);
        let now = self.inner.timer.system_now();
        // A spent quota reports only what `Retry-After` says: a rate-limit window's reset
        // is not the quota's.
        let wait = if verdict == Verdict::Quota {
            retry_after(&headers, now)
        } else {
            requested_wait(&headers, now)
        };
        let rate_limited = status == 429
            || code
                .as_deref()
                .is_some_and(|c| api.retry.retry_codes.contains(&c));
        let kind = match (verdict, status) {
            (Verdict::Quota, _) => ErrorKind::QuotaExhausted,
            _ if rate_limited => ErrorKind::RateLimited,
            (_, 401 | 403) => ErrorKind::Auth,
            (_, 404 | 410) => ErrorKind::NotFound,
            (_, 409) => ErrorKind::Conflict,
            (_, 400 | 422) => ErrorKind::Validation,
            _ => ErrorKind::Provider,
        };
        Attempted {
            failure: Failure::Api(Box::new(ApiError {
                operation,
                status,
                code,
                message,
                body: None,
                body_error: None,
                raw: body,
                headers,
                kind,
                retryable: verdict == Verdict::Retry,
                retry_after: wait,
                attempts: 1,
                not_retried: None,
            })),
            verdict,
            wait,
            reached: true,
        }
    }
}

/// A response whose body could not be read: worth another attempt unless it would fail
/// again (a body over the limit).
fn read_failure(error: TransportError) -> Attempted {
    Attempted {
        reached: true,
        verdict: if error.is_temporary() {
            Verdict::Retry
        } else {
            Verdict::Fail
        },
        failure: Failure::Transport(error),
        wait: None,
    }
}

/// Gives a request that creates something its idempotency key, once for the whole call:
/// in the provider's header, or in its body field when the caller left that empty.
/// Whether a key now protects the request.
fn prepare_idempotency(request: &mut Request, mechanism: Idempotency) -> Result<bool, Failure> {
    if request.method.is_idempotent() {
        return Ok(false);
    }
    match mechanism {
        Idempotency::Header(name) => {
            let given = request
                .headers
                .iter()
                .chain(&request.options.headers)
                .any(|(n, _)| n.eq_ignore_ascii_case(name));
            if !given {
                let key = request
                    .options
                    .idempotency_key
                    .clone()
                    .unwrap_or_else(new_key);
                request.options.headers.push((name.to_owned(), key));
            }
            Ok(true)
        }
        Idempotency::BodyField(field) => {
            let Some(RequestBody::Bytes {
                bytes,
                content_type,
            }) = &mut request.body
            else {
                return Ok(false);
            };
            if !matches!(media_of(Some(content_type)), Media::Json) {
                return Ok(false);
            }
            let Ok(serde_json::Value::Object(mut object)) =
                serde_json::from_slice::<serde_json::Value>(bytes)
            else {
                return Ok(false);
            };
            let missing = object
                .get(field)
                .is_none_or(|v| v.is_null() || v.as_str() == Some(""));
            if missing {
                let key = request
                    .options
                    .idempotency_key
                    .clone()
                    .unwrap_or_else(new_key);
                object.insert(field.to_owned(), serde_json::Value::String(key));
                let encoded = serde_json::to_vec(&object).map_err(|e| {
                    Failure::Encode(EncodeError::new(request.operation, "the body", e))
                })?;
                *bytes = Bytes::from(encoded);
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// A new idempotency key: a random version 4 UUID.
fn new_key() -> String {
    let bits = fastrand::u128(..);
    // Version 4, variant 10.
    let bits = (bits & !(0xf << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body of a request built with `Request::json`.
    fn json_body(request: &Request) -> Bytes {
        match &request.body {
            Some(RequestBody::Bytes { bytes, .. }) => Some(bytes.clone()),
            _ => None,
        }
        .expect("a JSON body")
    }

    #[test]
    fn keys_are_version_4_uuids_and_differ() {
        let a = new_key();
        let b = new_key();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "{a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }

    #[test]
    fn a_body_field_key_is_filled_in_once_and_a_given_one_is_kept() {
        let mut request = Request::new("CreatePayment", Method::Post, "/v2/payments", &[]);
        request
            .json(
                &serde_json::json!({"amount_money": {"amount": 100}}),
                "application/json",
            )
            .unwrap();
        assert!(
            prepare_idempotency(&mut request, Idempotency::BodyField("idempotency_key")).unwrap()
        );
        let body: serde_json::Value = serde_json::from_slice(&json_body(&request)).unwrap();
        let key = body["idempotency_key"].as_str().unwrap().to_owned();
        assert_eq!(key.len(), 36);
        let mut given = Request::new("CreatePayment", Method::Post, "/v2/payments", &[]);
        given
            .json(
                &serde_json::json!({"idempotency_key": "mine"}),
                "application/json",
            )
            .unwrap();
        prepare_idempotency(&mut given, Idempotency::BodyField("idempotency_key")).unwrap();
        assert!(String::from_utf8_lossy(&json_body(&given)).contains("\"mine\""));
        let mut read = Request::new("GetPayment", Method::Get, "/v2/payments/1", &[]);
        assert!(!prepare_idempotency(&mut read, Idempotency::Header("Idempotency-Key")).unwrap());
    }
}
