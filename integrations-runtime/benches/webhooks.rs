//! Webhook verification throughput: deliveries per second on one core for a 4 KB body,
//! per signature scheme, and for the whole receiver (verification, reading the event,
//! de-duplication and dispatch).
//!
//! Run with `cargo bench -p integrations-runtime --features webhooks --bench webhooks`.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use futures_util::FutureExt;
use hmac::{KeyInit, Mac};
use integrations_runtime::time::ManualTimer;
use integrations_runtime::webhooks::verify::{
    HubSpotSignature, SendGridSignature, SlackSignature, StripeSignature,
};
use integrations_runtime::webhooks::{
    Delivery, Envelope, HandlerError, RawEvent, Verifier, Webhooks,
};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const SECRET: &str = "whsec_benchmark_secret";
const SIGNED_AT: u64 = 1_764_892_800;

/// A Stripe-shaped event of exactly 4096 bytes, with `id`.
fn body_4k(id: u64) -> String {
    let head = format!(
        r#"{{"id":"evt_{id:020}","object":"event","type":"payment_intent.succeeded","data":{{"object":{{"id":"pi_1","amount":2000,"description":""#
    );
    let tail = r#""}}}"#;
    let padding = 4096 - head.len() - tail.len();
    format!("{head}{}{tail}", "x".repeat(padding))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn mac(message: &[u8]) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(SECRET.as_bytes()).expect("a key");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

fn headers(pairs: &[(&str, String)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(
            HeaderName::from_bytes(name.as_bytes()).expect("a name"),
            HeaderValue::from_str(value).expect("a value"),
        );
    }
    map
}

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(SIGNED_AT + 10)
}

fn stripe_headers(body: &str) -> HeaderMap {
    let signature = hex(&mac(format!("{SIGNED_AT}.{body}").as_bytes()));
    headers(&[("stripe-signature", format!("t={SIGNED_AT},v1={signature}"))])
}

fn verify_one(
    c: &mut Criterion,
    name: &str,
    verifier: &dyn Verifier,
    url: &str,
    headers: &HeaderMap,
    body: &[u8],
) {
    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(1));
    group.bench_function(format!("{name} ({} bytes)", body.len()), |b| {
        b.iter(|| {
            let delivery = Delivery::new("POST", url, headers, body);
            verifier
                .verify(black_box(&delivery), now())
                .expect("genuine");
        });
    });
    group.finish();
}

fn verification(c: &mut Criterion) {
    let body = body_4k(1);
    let url = "https://example.com/hooks";

    verify_one(
        c,
        "stripe",
        &StripeSignature::new(SECRET),
        url,
        &stripe_headers(&body),
        body.as_bytes(),
    );

    let slack = hex(&mac(format!("v0:{SIGNED_AT}:{body}").as_bytes()));
    let slack_headers = headers(&[
        ("x-slack-request-timestamp", SIGNED_AT.to_string()),
        ("x-slack-signature", format!("v0={slack}")),
    ]);
    verify_one(
        c,
        "slack",
        &SlackSignature::new(SECRET),
        url,
        &slack_headers,
        body.as_bytes(),
    );

    let millis = (SIGNED_AT * 1000).to_string();
    let hubspot = base64::engine::general_purpose::STANDARD
        .encode(mac(format!("POST{url}{body}{millis}").as_bytes()));
    let hubspot_headers = headers(&[
        ("x-hubspot-signature-v3", hubspot),
        ("x-hubspot-request-timestamp", millis),
    ]);
    verify_one(
        c,
        "hubspot v3",
        &HubSpotSignature::new(SECRET),
        url,
        &hubspot_headers,
        body.as_bytes(),
    );

    // SendGrid's ECDSA P-256 signature: the SDK-signed fixture (no private key here to
    // sign a 4 KB body with).
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/webhooks/sendgrid.json");
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the fixture")).expect("JSON");
    let case = &fixture["cases"][0]["request"];
    let sendgrid_headers = headers(
        &case["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().expect("text").to_owned()))
            .collect::<Vec<_>>(),
    );
    let sendgrid_body = case["body"].as_str().expect("a body").as_bytes().to_vec();
    let sendgrid =
        SendGridSignature::new(fixture["secret"].as_str().expect("the key")).expect("a key");
    let signed_at = UNIX_EPOCH + Duration::from_secs(fixture["now"].as_u64().expect("now"));
    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(1));
    group.bench_function(
        format!("sendgrid ecdsa ({} bytes)", sendgrid_body.len()),
        |b| {
            b.iter(|| {
                let delivery = Delivery::new("POST", url, &sendgrid_headers, &sendgrid_body);
                sendgrid
                    .verify(black_box(&delivery), signed_at)
                    .expect("genuine");
            });
        },
    );
    group.finish();
}

fn receiver(c: &mut Criterion) {
    let handled = Arc::new(AtomicU64::new(0));
    let count = handled.clone();
    let webhooks = Webhooks::new(Envelope::Stripe, StripeSignature::new(SECRET))
        .timer(Arc::new(ManualTimer::new(now())))
        .any(move |event: RawEvent| {
            let count = count.clone();
            async move {
                black_box(event);
                count.fetch_add(1, Ordering::Relaxed);
                Ok::<(), HandlerError>(())
            }
        });
    let next = AtomicU64::new(0);
    let mut group = c.benchmark_group("receive");
    group.throughput(Throughput::Elements(1));
    group.bench_function(
        "stripe, verified, read, de-duplicated, dispatched (4096 bytes)",
        |b| {
            b.iter_batched(
                || {
                    let body = body_4k(next.fetch_add(1, Ordering::Relaxed));
                    let headers = stripe_headers(&body);
                    (body, headers)
                },
                |(body, headers)| {
                    let delivery = Delivery::new(
                        "POST",
                        "https://example.com/hooks",
                        &headers,
                        body.as_bytes(),
                    );
                    let outcome = webhooks
                        .receive(&delivery)
                        .now_or_never()
                        .expect("the in-memory path does not wait");
                    assert_eq!(outcome.reply.status, 200);
                },
                BatchSize::SmallInput,
            );
        },
    );
    group.finish();
    assert!(handled.load(Ordering::Relaxed) > 0);
}

criterion_group!(benches, verification, receiver);
criterion_main!(benches);
