//! What a caller can set and read around one call, against a local server: the response
//! cache (TTL on a manual clock, keyed by identity and headers, `no-store`, never errors
//! or creates), a success's status and headers, per-call headers, timeouts, retry policies
//! and idempotency keys, the limiter following the provider's reported budget, and the
//! trace a call leaves (which must not hold a secret).

mod common;

use common::timer;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use integrations_runtime::time::ManualTimer;
use integrations_runtime::{
    ApiDescription, ApiKeyLocation, Client, ClientBuilder, ErrorKind, Idempotency, Method,
    RateBudget, Reply, Request, RetryPolicy, SchemeKind, SecurityScheme,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static API: ApiDescription = ApiDescription::new("Options API", "1")
    .security_schemes(&[
        SecurityScheme::new("bearer", SchemeKind::Bearer),
        SecurityScheme::new(
            "query_key",
            SchemeKind::api_key(ApiKeyLocation::Query, "api_key"),
        ),
    ])
    .idempotency(Idempotency::Header("Idempotency-Key"));

const BEARER: &[&[&str]] = &[&["bearer"]];

fn builder(server: &MockServer, timer: &ManualTimer) -> ClientBuilder {
    ClientBuilder::new(&API)
        .base_url(server.uri())
        .timer(Arc::new(timer.clone()))
        .retry(
            RetryPolicy::new()
                .retries(2)
                .base_delay(Duration::from_millis(100))
                .jitter(false),
        )
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
}

/// Sends `method path` with `options`, and reads the answer into a [`Reply`].
async fn call(
    client: &Client,
    method: Method,
    path: &'static str,
    options: impl FnOnce(&mut Request),
) -> Result<Reply<serde_json::Value>, integrations_runtime::Error> {
    let mut request = Request::new("call", method, path, BEARER);
    if method == Method::Post {
        request
            .json(&serde_json::json!({"name": "Ada"}), "application/json")
            .unwrap();
    }
    options(&mut request);
    let response = client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await?;
    let buffered = response.buffer().await?;
    let body =
        integrations_runtime::decode::json(&buffered).map_err(integrations_runtime::Error::from)?;
    Ok(Reply::new(buffered, body))
}

async fn hits(server: &MockServer, at: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == at)
        .count()
}

#[tokio::test]
async fn the_cache_answers_repeated_gets_for_its_ttl_and_only_those() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/1"))
        .respond_with(json(200, r#"{"id": 1}"#).insert_header("etag", "\"v1\""))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/live"))
        .respond_with(json(200, "{}").insert_header("cache-control", "no-store"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/missing"))
        .respond_with(json(404, r#"{"error": "not_found"}"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(json(201, r#"{"id": 2}"#))
        .mount(&server)
        .await;
    let timer = timer();
    let client: Client = builder(&server, &timer)
        .bearer_token("alice-token")
        .cache(ClientBuilder::<Client>::DEFAULT_CACHE_TTL)
        .build()
        .unwrap();

    // Within the TTL the second GET is answered from the cache, with the same metadata.
    let first = call(&client, Method::Get, "/things/1", |_| {})
        .await
        .unwrap();
    timer.advance(Duration::from_secs(299));
    let second = call(&client, Method::Get, "/things/1", |_| {})
        .await
        .unwrap();
    assert_eq!(hits(&server, "/things/1").await, 1);
    assert_eq!(second.body(), first.body());
    assert_eq!(second.headers()["etag"], "\"v1\"");
    // A clone shares the cache.
    call(&client.clone(), Method::Get, "/things/1", |_| {})
        .await
        .unwrap();
    assert_eq!(hits(&server, "/things/1").await, 1);
    // A different header is a different request.
    call(&client, Method::Get, "/things/1", |r| {
        r.options_mut().header("Accept-Language", "fr")
    })
    .await
    .unwrap();
    assert_eq!(hits(&server, "/things/1").await, 2);
    // Past the TTL the server is asked again.
    timer.advance(Duration::from_secs(2));
    call(&client, Method::Get, "/things/1", |_| {})
        .await
        .unwrap();
    assert_eq!(hits(&server, "/things/1").await, 3);

    // Another identity never sees alice's answer (the cache is keyed by credentials, so
    // even a shared cache would not); the clients here are separate.
    let bob: Client = builder(&server, &timer)
        .bearer_token("bob-token")
        .cache(Duration::from_secs(300))
        .build()
        .unwrap();
    call(&bob, Method::Get, "/things/1", |_| {}).await.unwrap();
    assert_eq!(hits(&server, "/things/1").await, 4);

    // Not kept: `no-store`, errors, creates.
    for _ in 0..2 {
        call(&client, Method::Get, "/live", |_| {}).await.unwrap();
        let error = call(&client, Method::Get, "/missing", |_| {})
            .await
            .expect_err("404");
        assert_eq!(error.kind(), ErrorKind::NotFound);
        call(&client, Method::Post, "/things", |_| {})
            .await
            .unwrap();
    }
    assert_eq!(hits(&server, "/live").await, 2);
    assert_eq!(hits(&server, "/missing").await, 2);
    assert_eq!(hits(&server, "/things").await, 2);

    // Off by default.
    let uncached: Client = builder(&server, &timer)
        .bearer_token("alice-token")
        .build()
        .unwrap();
    for _ in 0..2 {
        call(&uncached, Method::Get, "/things/1", |_| {})
            .await
            .unwrap();
    }
    assert_eq!(hits(&server, "/things/1").await, 6);
}

#[tokio::test]
async fn a_success_keeps_its_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(
            json(201, r#"{"id": "thing_1"}"#)
                .insert_header("etag", "W/\"abc\"")
                .insert_header("x-request-id", "req_42")
                .insert_header("x-message-id", "msg-7"),
        )
        .mount(&server)
        .await;
    let timer = timer();
    let client: Client = builder(&server, &timer).bearer_token("t").build().unwrap();
    let reply = call(&client, Method::Post, "/things", |_| {})
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);
    assert_eq!(reply.headers()["etag"], "W/\"abc\"");
    assert_eq!(reply.headers()["x-message-id"], "msg-7");
    assert_eq!(reply.request_id(), Some("req_42"));
    assert_eq!(reply.into_body()["id"], "thing_1");
}

#[tokio::test]
async fn per_call_headers_timeouts_retry_policies_and_keys() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/echo"))
        .respond_with(json(200, "{}"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/slow"))
        .respond_with(json(200, "{}").set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/down"))
        .respond_with(json(503, "{}"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(json(503, "{}"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(json(201, r#"{"id": 3}"#))
        .mount(&server)
        .await;
    let timer = timer();
    let client: Client = builder(&server, &timer)
        .bearer_token("t")
        .default_header("X-Tenant", "default")
        .build()
        .unwrap();

    // A header for one call, which wins over a default of the same name.
    call(&client, Method::Get, "/echo", |r| {
        r.options_mut().header("X-Trace", "t-1");
        r.options_mut().header("X-Tenant", "acme");
    })
    .await
    .unwrap();
    let requests = server.received_requests().await.unwrap();
    let sent = requests.last().unwrap();
    assert_eq!(sent.headers["x-trace"], "t-1");
    assert_eq!(sent.headers.get_all("x-tenant").iter().count(), 1);
    assert_eq!(sent.headers["x-tenant"], "acme");

    // A timeout for one call, shorter than the client's 30 s; with no retry, one attempt.
    let error = call(&client, Method::Get, "/slow", |r| {
        r.options_mut().timeout(Duration::from_millis(200));
        r.options_mut().retry(RetryPolicy::never());
    })
    .await
    .expect_err("times out");
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert_eq!(error.attempts(), 1);

    // The client's policy makes three attempts; one call's policy can make one.
    let error = call(&client, Method::Get, "/down", |_| {})
        .await
        .expect_err("503");
    assert_eq!(error.attempts(), 3);
    let error = call(&client, Method::Get, "/down", |r| {
        r.options_mut().retry(RetryPolicy::never())
    })
    .await
    .expect_err("503");
    assert_eq!(error.attempts(), 1);
    assert_eq!(hits(&server, "/down").await, 4);

    // The caller's idempotency key goes out on every attempt.
    call(&client, Method::Post, "/things", |r| {
        r.options_mut().idempotency_key("order-6735")
    })
    .await
    .unwrap();
    let requests = server.received_requests().await.unwrap();
    let creates: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path() == "/things")
        .collect();
    assert_eq!(creates.len(), 2);
    for create in creates {
        assert_eq!(create.headers["idempotency-key"], "order-6735");
    }
}

#[tokio::test]
async fn the_limiter_follows_the_budget_the_provider_reports() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/spent"))
        .respond_with(
            json(200, "{}")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "5"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/plenty"))
        .respond_with(json(200, "{}").insert_header("x-ratelimit-remaining", "900"))
        .mount(&server)
        .await;
    let timer = timer();
    let client: Client = builder(&server, &timer)
        .bearer_token("t")
        .rate_limit(RateBudget::new(100, Duration::from_secs(1)))
        .build()
        .unwrap();
    // Budget left: no wait.
    for _ in 0..3 {
        call(&client, Method::Get, "/plenty", |_| {}).await.unwrap();
    }
    assert!(timer.sleeps().is_empty(), "{:?}", timer.sleeps());
    // The provider says nothing is left until its reset in 5 s: the next call waits for
    // it, though the client's own bucket is nearly full.
    call(&client, Method::Get, "/spent", |_| {}).await.unwrap();
    assert!(timer.sleeps().is_empty());
    call(&client, Method::Get, "/plenty", |_| {}).await.unwrap();
    assert_eq!(timer.sleeps(), vec![Duration::from_secs(5)]);
}

/// Everything a call writes to `tracing`: span names and their explicit parents, field
/// values, event messages and the spans they name as parent. It keeps the stack of
/// entered spans, so that `Span::current()` works as it does under a real subscriber (the
/// tests run on one thread).
#[derive(Default, Clone)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    spans: Arc<Mutex<Vec<&'static tracing::Metadata<'static>>>>,
    stack: Arc<Mutex<Vec<tracing::span::Id>>>,
}

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }
}

impl Capture {
    /// The name of the span `id`.
    fn name_of(&self, id: &tracing::span::Id) -> &'static str {
        self.spans.lock().unwrap()[id.into_u64() as usize - 1].name()
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut line = format!("span {}", span.metadata().name());
        if let Some(parent) = span.parent() {
            line.push_str(&format!(" in {}", self.name_of(parent)));
        }
        span.record(&mut Fields(&mut line));
        self.lines.lock().unwrap().push(line);
        let mut spans = self.spans.lock().unwrap();
        spans.push(span.metadata());
        tracing::span::Id::from_u64(spans.len() as u64)
    }

    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut line = String::from("record");
        values.record(&mut Fields(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = format!("event {}", event.metadata().target());
        if let Some(parent) = event.parent() {
            line.push_str(&format!(" in {}", self.name_of(parent)));
        }
        event.record(&mut Fields(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn enter(&self, id: &tracing::span::Id) {
        self.stack.lock().unwrap().push(id.clone());
    }

    fn exit(&self, id: &tracing::span::Id) {
        let mut stack = self.stack.lock().unwrap();
        if let Some(at) = stack.iter().rposition(|entered| entered == id) {
            stack.remove(at);
        }
    }

    fn current_span(&self) -> tracing_core::span::Current {
        match self.stack.lock().unwrap().last() {
            Some(id) => {
                let metadata = self.spans.lock().unwrap()[id.into_u64() as usize - 1];
                tracing_core::span::Current::new(id.clone(), metadata)
            }
            None => tracing_core::span::Current::none(),
        }
    }
}

#[tokio::test]
async fn the_trace_of_a_call_holds_no_secret() {
    const TOKEN: &str = "sk_live_51HxTOKENvalue";
    const KEY: &str = "key-9f8e7d6c5b4a";
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/1"))
        .respond_with(json(503, "{}"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things/1"))
        .respond_with(json(200, r#"{"id": 1}"#).insert_header("x-request-id", "req_9"))
        .mount(&server)
        .await;
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let timer = timer();
    let client: Client = builder(&server, &timer)
        .bearer_token(TOKEN)
        .api_key(KEY)
        .build()
        .unwrap();
    // A bearer call, and one with the key in the query.
    call(&client, Method::Get, "/things/1", |_| {})
        .await
        .unwrap();
    let mut request = Request::new("byKey", Method::Get, "/things/1", &[&["query_key"]]);
    request.options_mut().retry(RetryPolicy::never());
    client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .unwrap();
    let lines = capture.lines.lock().unwrap().clone();
    let trace = lines.join("\n");
    // The trace says what happened: attempts, statuses, the retry, the request id.
    // Each attempt's span is the call's child, and the pipeline's events name theirs.
    assert!(trace.contains("span call api="), "{trace}");
    assert!(trace.contains("span attempt in call attempt=1"), "{trace}");
    assert!(
        trace.contains("in attempt message=retrying attempt=1 wait_ms="),
        "{trace}"
    );
    assert!(
        trace.contains("in attempt message=received status=503")
            && trace.contains("in attempt message=received status=200"),
        "{trace}"
    );
    assert!(trace.contains("status=503"), "{trace}");
    assert!(trace.contains("retrying"), "{trace}");
    assert!(trace.contains("record attempts=2"), "{trace}");
    assert!(trace.contains("request_id=\"req_9\""), "{trace}");
    assert!(trace.contains("/things/1"), "{trace}");
    for secret in [TOKEN, KEY, "Bearer"] {
        assert!(!trace.contains(secret), "{secret} in the trace:\n{trace}");
    }
}
