//! A generated client call against the same call written by hand with reqwest, both to
//! one loopback server. Goal: generated / hand-written ≤ 1.05.
//!
//! The call: Square's `GET /v2/customers/{customer_id}` with a bearer token and the
//! `Square-Version` header, decoding the JSON body into the same generated type on both
//! sides, so the difference is the runtime's request path (building the request
//! description, parameter encoding, auth, classification) and nothing else. The generated
//! client runs with its retry policy and a client-side rate limiter on (a budget the
//! benchmark never reaches), so that their bookkeeping is in the figure.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use integrations_bench_client_call::square;

const BODY: &str = r#"{"customer":{"id":"JDKYHBWT1D4F8MFH63DBMEN8Y4","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","given_name":"Ada","family_name":"Lovelace","email_address":"ada@example.com","address":{"address_line_1":"1 Main St","locality":"London","country":"GB"},"preferences":{"email_unsubscribed":false},"creation_source":"THIRD_PARTY","version":3}}"#;

/// A keep-alive HTTP/1.1 server on 127.0.0.1 that answers every request with `BODY`.
fn start_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
                    BODY.len()
                );
                let mut buffer = [0u8; 8192];
                let mut pending = Vec::new();
                loop {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => pending.extend_from_slice(&buffer[..n]),
                    }
                    // GET requests have no body: each header block is one request.
                    while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                        pending.drain(..end + 4);
                        if stream.write_all(response.as_bytes()).is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    format!("http://{address}")
}

/// The calls under test, sharing one server and one runtime.
struct Calls {
    runtime: tokio::runtime::Runtime,
    generated: square::Client,
    http: reqwest::Client,
    /// A reqwest client that carries the auth and version headers as defaults, as a
    /// hand-written client tuned like the runtime would.
    http_prepared: reqwest::Client,
    base: String,
}

impl Calls {
    fn new() -> Self {
        let base = start_server();
        Calls {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("tokio"),
            generated: square::Client::builder()
                .base_url(base.as_str())
                .bearer_token("EAAAl-token")
                .retry(integrations_runtime::RetryPolicy::default())
                .rate_limit(integrations_runtime::RateBudget::new(
                    1_000_000,
                    Duration::from_secs(1),
                ))
                .build()
                .expect("client"),
            http: reqwest_client(),
            http_prepared: reqwest_client_with_defaults(),
            base,
        }
    }

    fn generated(&self) -> square::RetrieveCustomerResponse {
        self.runtime.block_on(async {
            self.generated
                .retrieve_customer("JDKYHBWT1D4F8MFH63DBMEN8Y4")
                .await
                .expect("customer")
        })
    }

    fn hand_written(&self) -> square::RetrieveCustomerResponse {
        self.runtime.block_on(async {
            // As a hand-written client would: the URL is made from the id for each call.
            let customer_id = "JDKYHBWT1D4F8MFH63DBMEN8Y4";
            let url = format!("{}/v2/customers/{customer_id}", self.base);
            let response = self
                .http
                .get(url)
                .bearer_auth("EAAAl-token")
                .header("Square-Version", "2025-08-20")
                .send()
                .await
                .expect("sent");
            assert!(response.status().is_success());
            let body = response.bytes().await.expect("body");
            serde_json::from_slice::<square::RetrieveCustomerResponse>(&body).expect("customer")
        })
    }

    /// The same call with the headers prepared once, on the client.
    fn hand_written_prepared(&self) -> square::RetrieveCustomerResponse {
        self.runtime.block_on(async {
            let customer_id = "JDKYHBWT1D4F8MFH63DBMEN8Y4";
            let url = format!("{}/v2/customers/{customer_id}", self.base);
            let response = self.http_prepared.get(url).send().await.expect("sent");
            assert!(response.status().is_success());
            let body = response.bytes().await.expect("body");
            serde_json::from_slice::<square::RetrieveCustomerResponse>(&body).expect("customer")
        })
    }
}

fn client_call(c: &mut Criterion) {
    let calls = Calls::new();
    let mut group = c.benchmark_group("square_retrieve_customer");
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("generated_client", |b| b.iter(|| calls.generated()));
    group.bench_function("hand_written_reqwest", |b| b.iter(|| calls.hand_written()));
    group.bench_function("hand_written_reqwest_prepared_headers", |b| {
        b.iter(|| calls.hand_written_prepared())
    });
    group.finish();
}

/// The ratio measured with the two calls interleaved (rounds of each, alternating which
/// goes first), so that drift in the machine's state affects both alike: the median
/// per-call time of each, over the rounds.
fn interleaved_ratio() {
    const ROUNDS: usize = 40;
    const CALLS: usize = 200;
    let calls = Calls::new();
    let mut generated = Vec::with_capacity(ROUNDS);
    let mut hand_written = Vec::with_capacity(ROUNDS);
    let mut prepared = Vec::with_capacity(ROUNDS);
    let time = |f: &dyn Fn()| {
        let started = Instant::now();
        for _ in 0..CALLS {
            f();
        }
        started.elapsed().as_secs_f64() / CALLS as f64
    };
    for round in 0..ROUNDS {
        let mut run_generated = || generated.push(time(&|| drop(calls.generated())));
        if round % 2 == 0 {
            run_generated();
            hand_written.push(time(&|| drop(calls.hand_written())));
            prepared.push(time(&|| drop(calls.hand_written_prepared())));
        } else {
            prepared.push(time(&|| drop(calls.hand_written_prepared())));
            hand_written.push(time(&|| drop(calls.hand_written())));
            run_generated();
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (g, h) = (median(&mut generated), median(&mut hand_written));
    let p = median(&mut prepared);
    println!(
        "interleaved ({ROUNDS} rounds of {CALLS} calls): generated {:.1} µs, hand-written {:.1} µs, ratio {:.3}; \
         hand-written with prepared headers {:.1} µs, ratio {:.3}",
        g * 1e6,
        h * 1e6,
        g / h,
        p * 1e6,
        g / p
    );
}

/// The client a careful hand-written integration would use: what the runtime builds
/// (rustls with ring, a connect timeout, a 60 s request timeout), so that the comparison
/// measures the generated request path rather than a missing timeout.
fn reqwest_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .user_agent("integrations-bench")
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .build()
        .expect("reqwest")
}

/// [`reqwest_client`] with the bearer token (marked sensitive) and `Square-Version` as
/// default headers, the way the runtime prepares them.
fn reqwest_client_with_defaults() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut headers = reqwest::header::HeaderMap::new();
    let mut auth = reqwest::header::HeaderValue::from_static("Bearer EAAAl-token");
    auth.set_sensitive(true);
    headers.insert(reqwest::header::AUTHORIZATION, auth);
    headers.insert(
        "Square-Version",
        reqwest::header::HeaderValue::from_static("2025-08-20"),
    );
    reqwest::Client::builder()
        .user_agent("integrations-bench")
        .default_headers(headers)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .build()
        .expect("reqwest")
}

criterion_group!(benches, client_call);

/// `CLIENT_CALL_PROFILE=generated` (or `hand_written`): only `CLIENT_CALL_N` calls (3,000
/// unless set) of that kind, for a profiler (`valgrind --tool=callgrind`, `perf`) or for
/// whole-process timings of one kind at a time.
fn profile(kind: &str) {
    let calls = Calls::new();
    let n: usize = std::env::var("CLIENT_CALL_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3_000);
    for _ in 0..n {
        match kind {
            "generated" => drop(calls.generated()),
            _ => drop(calls.hand_written()),
        }
    }
}

fn main() {
    if let Ok(kind) = std::env::var("CLIENT_CALL_PROFILE") {
        return profile(&kind);
    }
    benches();
    interleaved_ratio();
    Criterion::default().configure_from_args().final_summary();
}
