//! The pipeline's seams against a local server: credentials resolved on every attempt
//! (a token that changes between attempts, a refused token replayed once with a fresh
//! one, a source that fails), and before-send hooks that see and change the request as
//! it goes out.

mod common;

use common::{send_json, timer};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use integrations_runtime::seams::{Attempt, BoxError};
use integrations_runtime::time::ManualTimer;
use integrations_runtime::{
    ApiDescription, BeforeSend, BoxFuture, Client, ClientBuilder, Credential, CredentialError,
    CredentialSource, ErrorKind, Method, Request, RetryPolicy, SchemeKind, SecurityScheme,
};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static API: ApiDescription = ApiDescription::new("Seams API", "1")
    .security_schemes(&[SecurityScheme::new("oauth", SchemeKind::Bearer)]);

const OAUTH: &[&[&str]] = &[&["oauth"]];

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

async fn send(
    client: &Client,
    method: Method,
    options: impl FnOnce(&mut Request),
) -> Result<serde_json::Value, integrations_runtime::Error> {
    let mut request = Request::new("call", method, "/things", OAUTH);
    if method == Method::Post {
        request
            .json(&serde_json::json!({"name": "Ada"}), "application/json")
            .unwrap();
    }
    options(&mut request);
    send_json(client, request).await
}

fn authorizations(requests: &[wiremock::Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect()
}

/// Hands out `token-1`, `token-2`, … one per request for a credential.
#[derive(Debug, Default)]
struct Counting {
    asked: AtomicU32,
}

impl CredentialSource for Counting {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async move {
            let n = self.asked.fetch_add(1, Ordering::SeqCst) + 1;
            // Resolving is asynchronous: it may wait on a token endpoint.
            tokio::task::yield_now().await;
            Ok(Credential::bearer(format!("token-{n}")))
        })
    }
}

#[tokio::test]
async fn the_credential_is_asked_for_on_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    let source = Arc::new(Counting::default());
    let timer = timer();
    let client: Client = builder(&server, &timer)
        .bearer_source(source.clone())
        .build()
        .unwrap();
    send(&client, Method::Get, |_| {}).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        authorizations(&requests),
        ["Bearer token-1", "Bearer token-2"]
    );
    assert_eq!(source.asked.load(Ordering::SeqCst), 2);
}

/// An access token that expires: `refused` marks it stale, and the next request for a
/// credential gets a fresh one. `renews` says whether it can.
#[derive(Debug)]
struct Expiring {
    stale: AtomicBool,
    renews: bool,
    refused: AtomicU32,
}

impl Expiring {
    fn new(renews: bool) -> Arc<Self> {
        Arc::new(Expiring {
            stale: AtomicBool::new(false),
            renews,
            refused: AtomicU32::new(0),
        })
    }
}

impl CredentialSource for Expiring {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        let token = if self.stale.load(Ordering::SeqCst) {
            "fresh"
        } else {
            "expired"
        };
        Box::pin(async move { Ok(Credential::bearer(token)) })
    }

    fn refused(&self, credential: &Credential) -> bool {
        self.refused.fetch_add(1, Ordering::SeqCst);
        assert_eq!(credential, &Credential::bearer("expired"), "told which one");
        self.stale.store(true, Ordering::SeqCst);
        self.renews
    }
}

async fn expired_token_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer fresh"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(r#"{"id": 7}"#, "application/json"))
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer expired"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"[{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_refused_token_is_replayed_once_with_a_fresh_one_even_for_a_create() {
    let server = expired_token_server().await;
    let source = Expiring::new(true);
    let timer = timer();
    let client: Client = builder(&server, &timer)
        .bearer_source(source.clone())
        .build()
        .unwrap();
    // A create with no idempotency key, and a policy of no retries: a 401 was not carried
    // out, so the replay is safe and is not a retry.
    let created = send(&client, Method::Post, |r| {
        r.options_mut().retry(RetryPolicy::never())
    })
    .await
    .expect("replayed with the fresh token");
    assert_eq!(created["id"], 7);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        authorizations(&requests),
        ["Bearer expired", "Bearer fresh"]
    );
    assert_eq!(requests[0].body, requests[1].body);
    assert!(timer.sleeps().is_empty(), "at once: {:?}", timer.sleeps());
    assert_eq!(source.refused.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_refused_token_without_a_fresh_one_ends_the_call_and_never_loops() {
    let server = expired_token_server().await;
    let source = Expiring::new(false);
    let timer = timer();
    let client: Client = builder(&server, &timer)
        .bearer_source(source.clone())
        .build()
        .unwrap();
    let error = send(&client, Method::Get, |_| {}).await.expect_err("401");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(error.status(), Some(401));
    assert_eq!(error.code(), Some("INVALID_SESSION_ID"));
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    // A source that always claims a fresh one (but never has it) gets one replay only.
    #[derive(Debug)]
    struct Liar;
    impl CredentialSource for Liar {
        fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
            Box::pin(async { Ok(Credential::bearer("expired")) })
        }
        fn refused(&self, _: &Credential) -> bool {
            true
        }
    }
    let server = expired_token_server().await;
    let client: Client = builder(&server, &timer)
        .bearer_source(Arc::new(Liar))
        .build()
        .unwrap();
    let error = send(&client, Method::Get, |_| {}).await.expect_err("401");
    assert_eq!(error.attempts(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// A source whose token endpoint fails: `temporary` once, or for good.
#[derive(Debug)]
struct Failing {
    temporary_failures: AtomicU32,
    revoked: bool,
}

impl CredentialSource for Failing {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async move {
            if self.revoked {
                return Err(CredentialError::permanent(
                    "the refresh token was revoked (invalid_grant)",
                ));
            }
            if self
                .temporary_failures
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
            {
                return Err(CredentialError::temporary(
                    "the token endpoint answered 503",
                ));
            }
            Ok(Credential::bearer("tok"))
        })
    }
}

#[tokio::test]
async fn a_source_that_fails_sends_nothing_and_says_why() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    let timer = timer();
    let revoked: Client = builder(&server, &timer)
        .bearer_source(Arc::new(Failing {
            temporary_failures: AtomicU32::new(0),
            revoked: true,
        }))
        .build()
        .unwrap();
    let error = send(&revoked, Method::Get, |_| {})
        .await
        .expect_err("revoked");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert!(!error.is_retryable());
    assert_eq!(error.attempts(), 0);
    let text = error.to_string();
    assert!(
        text.contains("oauth") && text.contains("invalid_grant"),
        "{text}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());

    // A token endpoint that is down for a moment: retried with the backoff.
    let flaky: Client = builder(&server, &timer)
        .bearer_source(Arc::new(Failing {
            temporary_failures: AtomicU32::new(1),
            revoked: false,
        }))
        .build()
        .unwrap();
    send(&flaky, Method::Get, |_| {}).await.expect("second try");
    assert_eq!(timer.sleeps(), vec![Duration::from_millis(100)]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(authorizations(&requests), ["Bearer tok"]);
}

/// Signs each attempt: a header over the method, path, body and credential, and the
/// attempt's number, as a SigV4-style signer would.
#[derive(Debug, Default)]
struct Signer {
    seen: Mutex<Vec<(u32, &'static str)>>,
}

impl BeforeSend for Signer {
    fn before_send<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        attempt: &'a Attempt,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        Box::pin(async move {
            self.seen
                .lock()
                .unwrap()
                .push((attempt.number, attempt.operation));
            let body = request
                .body()
                .and_then(|b| b.as_bytes())
                .map(<[u8]>::len)
                .unwrap_or(0);
            let authorized = request.headers().contains_key("authorization");
            let signature = format!(
                "{} {} body={body} authorized={authorized}",
                request.method(),
                request.url().path()
            );
            request
                .headers_mut()
                .insert("x-signature", signature.parse()?);
            request
                .headers_mut()
                .insert("x-attempt", attempt.number.to_string().parse()?);
            Ok(())
        })
    }
}

#[derive(Debug)]
struct Refusing;

impl BeforeSend for Refusing {
    fn before_send<'a>(
        &'a self,
        _: &'a mut reqwest::Request,
        _: &'a Attempt,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        Box::pin(async { Err("no signing key for region eu-west-3".into()) })
    }
}

#[tokio::test]
async fn before_send_hooks_see_the_final_request_on_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    let signer = Arc::new(Signer::default());
    let timer = timer();
    // Idempotency keys make the create safe to retry; the key is sent, and signed over.
    static KEYED: ApiDescription = ApiDescription::new("Keyed", "1")
        .security_schemes(&[SecurityScheme::new("oauth", SchemeKind::Bearer)])
        .idempotency(integrations_runtime::Idempotency::Header("Idempotency-Key"));
    let client: Client = ClientBuilder::new(&KEYED)
        .base_url(server.uri())
        .timer(Arc::new(timer.clone()))
        .bearer_token("t")
        .before_send(signer.clone())
        .build()
        .unwrap();
    send(&client, Method::Post, |_| {}).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for (i, request) in requests.iter().enumerate() {
        assert_eq!(
            request.headers["x-signature"],
            "POST /things body=14 authorized=true"
        );
        assert_eq!(request.headers["x-attempt"], (i + 1).to_string().as_str());
    }
    assert_eq!(*signer.seen.lock().unwrap(), [(1, "call"), (2, "call")]);

    let server = MockServer::start().await;
    let refusing: Client = builder(&server, &timer)
        .bearer_token("t")
        .before_send(Arc::new(Refusing))
        .build()
        .unwrap();
    let error = send(&refusing, Method::Get, |_| {})
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Encode);
    assert_eq!(error.attempts(), 0);
    assert!(error.to_string().contains("eu-west-3"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
