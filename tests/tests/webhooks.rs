//! Webhooks end to end: typed events generated from the specs (the 3.1 `webhooks`
//! section, and Stripe's event types from `provider.toml`) read the providers'
//! documented payloads in full, and a real HTTP server running the axum endpoint
//! receives signed deliveries, dispatches each typed event exactly once, answers the
//! handshakes, and refuses replays, forgeries, stale and oversized deliveries.

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{KeyInit, Mac};
use integrations_codegen::{Options, build_ir};
use integrations_runtime::events::{Event, RawEvent};
use integrations_runtime::time::ManualTimer;
use integrations_runtime::webhooks::verify::{SlackSignature, StripeSignature, TwilioSignature};
use integrations_runtime::webhooks::{Envelope, HandlerError, Webhooks};
use integrations_tests::fixtures::webhooks as petshop;
use integrations_tests::shipped::shipped_stripe as stripe;
use serde_json::{Value, json};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const STRIPE_SECRET: &str = "whsec_e2e_test_secret";

/// The documented `payment_intent.succeeded` event, as the Stripe SDK fixture holds it.
fn documented_payment_intent_event() -> String {
    let text = std::fs::read_to_string("fixtures/webhooks/stripe.json").expect("the fixture");
    let fixture: Value = serde_json::from_str(&text).expect("JSON");
    fixture["cases"][0]["request"]["body"]
        .as_str()
        .expect("a body")
        .to_owned()
}

/// A `customer.created` event carrying the customer object of Stripe's API reference
/// (version 2023-08-16, the spec's).
fn documented_customer_event() -> String {
    json!({
        "id": "evt_1NG8Du2eZvKYlo2CUI79vXWy",
        "object": "event",
        "api_version": "2023-08-16",
        "created": 1680893993,
        "data": {
            "object": common::stripe_customer("cus_NffrFeUfNV2Hib", "jennyrosen@example.com")
        },
        "livemode": false,
        "pending_webhooks": 0,
        "request": {"id": "req_1", "idempotency_key": "key-1"},
        "type": "customer.created"
    })
    .to_string()
}

fn raw(kind: &str, body: &str) -> RawEvent {
    let payload: Value = serde_json::from_str(body).expect("JSON");
    let id = payload["id"].as_str().map(str::to_owned);
    let mut event = RawEvent::new("Stripe", kind, payload);
    event.id = id;
    event
}

#[test]
fn typed_stripe_events_read_the_documented_payloads() {
    let event = raw(
        "payment_intent.succeeded",
        &documented_payment_intent_event(),
    );
    let typed: stripe::events::PaymentIntentSucceeded = event.decode().expect("it reads");
    assert_eq!(typed.id.as_deref(), Some("evt_3MtwBwLkdIwHu7ix0snN0B15"));
    assert_eq!(typed.object.id, "pi_3MtwBwLkdIwHu7ix28a3tqPa");
    assert_eq!(typed.object.amount, 2000);
    assert_eq!(typed.object.currency, "usd");
    assert_eq!(typed.payload, event.payload, "the event is kept whole");
    assert_eq!(
        <stripe::events::PaymentIntentSucceeded as Event>::KIND,
        "payment_intent.succeeded"
    );

    let event = raw("customer.created", &documented_customer_event());
    let typed: stripe::events::CustomerCreated = event.decode().expect("it reads");
    assert_eq!(typed.object.id, "cus_NffrFeUfNV2Hib");
    assert_eq!(
        typed.object.email.as_deref(),
        Some("jennyrosen@example.com")
    );
    assert_eq!(typed.object.name.as_deref(), Some("Jenny Rosen"));

    // An event without the object where provider.toml says it sits: an error, not a
    // default.
    let hollow = raw("payment_intent.succeeded", r#"{"id": "evt_1", "data": {}}"#);
    let error = hollow
        .decode::<stripe::events::PaymentIntentSucceeded>()
        .expect_err("no object");
    assert!(
        error.to_string().contains("nothing at `/data/object`"),
        "{error}"
    );
}

#[test]
fn typed_square_events_read_the_documented_payment_created_notification() {
    use integrations_tests::shipped::shipped_square as square;
    let text = std::fs::read_to_string("fixtures/webhooks/square.json").expect("the fixture");
    let fixture: Value = serde_json::from_str(&text).expect("JSON");
    let body = fixture["cases"][0]["request"]["body"]
        .as_str()
        .expect("a body");
    let payload: Value = serde_json::from_str(body).expect("JSON");
    let event = RawEvent::new("Square", "payment.created", payload)
        .with_id("13b867cf-db3d-4b1c-90b6-2f32a9d78124");
    let typed: square::events::PaymentCreated = event.decode().expect("it reads");
    let data = typed.object.data.as_ref().expect("data");
    assert_eq!(data.id.as_deref(), Some("KkAkhdMsgzn59SM8A89WgKwekxLZY"));
    let payment = data
        .object
        .as_ref()
        .and_then(|object| object.payment.as_ref())
        .expect("the payment");
    assert_eq!(payment.id.as_deref(), Some("hYy9pRFVxpDsO1FB05SunFWUe9JZY"));
    assert_eq!(payment.status.as_deref(), Some("APPROVED"));
    assert_eq!(
        <square::events::CustomerCreated as Event>::KIND,
        "customer.created"
    );
}

#[test]
fn stripe_event_kinds_are_ones_stripe_sends() {
    // Every kind `[webhooks.events]` types is in the upstream spec's list of event types
    // (the enum of a webhook endpoint's `enabled_events`).
    let upstream = Path::new("../../shared/upstream-specs/stripe/spec3.yaml");
    if !upstream.is_file() {
        println!("skipped: {} is absent", upstream.display());
        return;
    }
    let text = std::fs::read_to_string(upstream).expect("the spec");
    let start = text
        .find("operationId: PostWebhookEndpoints")
        .expect("the webhook endpoint operation");
    let listed: std::collections::HashSet<&str> = text[start..]
        .lines()
        .take(3000)
        .filter_map(|line| line.trim().strip_prefix("- "))
        .collect();
    let (api, _, _, _) = build_ir(
        Path::new("../specs/stripe/openapi.yaml"),
        &Options::default(),
    )
    .expect("the shipped spec builds");
    assert!(api.events.len() >= 30, "{} events", api.events.len());
    for event in &api.events {
        assert!(
            listed.contains(event.kind.as_str()),
            "`{}` is not an event type Stripe lists",
            event.kind
        );
    }
}

#[test]
fn a_3_1_spec_s_webhooks_become_typed_events() {
    let event = RawEvent::new(
        "Webhooks fixture",
        "newPet",
        json!({"id": 7, "name": "Rex"}),
    );
    let typed: petshop::events::NewPet = event.decode().expect("it reads");
    assert_eq!(typed.object.id, 7);
    assert_eq!(typed.object.name, "Rex");
    let event = RawEvent::new(
        "Webhooks fixture",
        "pet.adopted",
        json!({"pet_id": 7, "adopted_at": "2026-12-05T10:00:00Z"}),
    );
    let typed: petshop::events::PetAdopted = event.decode().expect("it reads");
    assert_eq!(typed.object.pet_id, 7);
    let missing = RawEvent::new("Webhooks fixture", "pet.adopted", json!({"pet_id": 7}));
    let error = missing
        .decode::<petshop::events::PetAdopted>()
        .expect_err("adopted_at is required");
    assert!(error.to_string().contains("adopted_at"), "{error}");
}

fn scratch_spec(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "integrations-webhooks-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join("openapi.yaml");
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn webhooks_that_cannot_be_typed_are_located_warnings() {
    let spec = scratch_spec(
        "unusable",
        r#"openapi: 3.1.0
info: {title: Hooks, version: "1"}
paths: {}
webhooks:
  good:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {a: {type: string}}}
      responses: {"200": {description: ok}}
  noBody:
    post:
      responses: {"200": {description: ok}}
  xmlOnly:
    post:
      requestBody:
        content:
          application/xml:
            schema: {type: object}
      responses: {"200": {description: ok}}
  getOnly:
    get:
      responses: {"200": {description: ok}}
"#,
    );
    let (api, diagnostics, _, _) = build_ir(&spec, &Options::default()).expect("it builds");
    let kinds: Vec<&str> = api.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["good"]);
    let warnings: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    for (webhook, says, at) in [
        ("noBody", "has no request body", "/webhooks/noBody/post"),
        (
            "xmlOnly",
            "has no JSON request body",
            "/webhooks/xmlOnly/post/requestBody",
        ),
        (
            "getOnly",
            "has no POST, PUT or PATCH request",
            "/webhooks/getOnly",
        ),
    ] {
        let warning = warnings
            .iter()
            .find(|w| w.contains(&format!("webhook `{webhook}` {says}")))
            .unwrap_or_else(|| panic!("no warning for {webhook}: {warnings:#?}"));
        assert!(
            warning.contains(&format!("openapi.yaml#{at}:")),
            "{webhook} is located: {warning}"
        );
    }
    // Under deny_warnings, generation fails rather than dropping them quietly.
    let strict = Options {
        deny_warnings: true,
        ..Options::default()
    };
    assert!(build_ir(&spec, &strict).is_err());
}

#[test]
fn a_manifest_event_naming_a_missing_schema_fails_generation() {
    let spec = scratch_spec(
        "manifest",
        r#"openapi: 3.0.3
info: {title: Hooks, version: "1"}
paths: {}
components:
  schemas:
    charge: {type: object, properties: {id: {type: string}}}
"#,
    );
    std::fs::write(
        spec.with_file_name("provider.toml"),
        r##"[webhooks]
object = "/data/object"
[webhooks.events]
"charge.succeeded" = "#/components/schemas/charge"
"charge.refunded" = "#/components/schemas/chrage"
"##,
    )
    .expect("written");
    let error = build_ir(&spec, &Options::default()).expect_err("a missing schema");
    let text = error.to_string();
    assert!(
        text.contains("gives `charge.refunded` the schema `#/components/schemas/chrage`"),
        "{text}"
    );
}

/// A Stripe signature of `body` at `at` (seconds), as Stripe computes it.
fn stripe_signature(body: &str, at: u64) -> String {
    let mut mac = HmacSha256::new_from_slice(STRIPE_SECRET.as_bytes()).expect("a key");
    mac.update(format!("{at}.{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={at},v1={hex}")
}

/// What the handlers saw.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, line: String) {
        self.0.lock().unwrap().push(line);
    }
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// The receiver: Stripe at `/hooks/stripe`, Slack at `/hooks/slack`, Twilio at
/// `/hooks/twilio` (behind a proxy, so with its public URL), served on 127.0.0.1.
async fn serve(now: SystemTime, log: Log) -> (String, tokio::task::JoinHandle<()>) {
    let timer = Arc::new(ManualTimer::new(now));
    let (paid, created, other) = (log.clone(), log.clone(), log.clone());
    let stripe_hooks = Webhooks::new(Envelope::Stripe, StripeSignature::new(STRIPE_SECRET))
        .timer(timer.clone())
        .body_limit(64 * 1024)
        .on(move |event: stripe::events::PaymentIntentSucceeded| {
            let log = paid.clone();
            async move {
                log.push(format!("paid {} {}", event.object.id, event.object.amount));
                Ok::<(), HandlerError>(())
            }
        })
        .on(move |event: stripe::events::CustomerCreated| {
            let log = created.clone();
            async move {
                let email = event.object.email.into_option().unwrap_or_default();
                log.push(format!("customer {email}"));
                Ok(())
            }
        })
        .any(move |event: RawEvent| {
            let log = other.clone();
            async move {
                log.push(format!("other {}", event.kind));
                Ok(())
            }
        });
    let slack_hooks =
        Webhooks::new(Envelope::Slack, SlackSignature::new("slack-secret")).timer(timer.clone());
    let sms = log.clone();
    let twilio_hooks = Webhooks::new(Envelope::Twilio, TwilioSignature::new("twilio-token"))
        .timer(timer)
        .public_url("https://hooks.example.com/twilio/sms")
        .any(move |event: RawEvent| {
            let log = sms.clone();
            async move {
                log.push(format!("sms {} {}", event.kind, event.payload["Body"]));
                Ok(())
            }
        });
    let app = axum::Router::new()
        .merge(stripe_hooks.router("/hooks/stripe"))
        .merge(slack_hooks.router("/hooks/slack"))
        .merge(twilio_hooks.router("/hooks/twilio"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let server = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("the server runs");
    });
    (base, server)
}

async fn post(
    http: &reqwest::Client,
    url: &str,
    headers: &[(&str, &str)],
    body: impl Into<reqwest::Body>,
) -> (u16, String) {
    let mut request = http.post(url).body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}

#[tokio::test]
async fn an_axum_endpoint_dispatches_each_signed_event_once() {
    let signed_at = 1_764_892_800;
    let now = UNIX_EPOCH + Duration::from_secs(signed_at + 30);
    let log = Log::default();
    let (base, server) = serve(now, log.clone()).await;
    // reqwest is built without a default TLS provider (the runtime picks ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let stripe_url = format!("{base}/hooks/stripe");

    let deliveries = [
        documented_payment_intent_event(),
        documented_customer_event(),
        json!({"id": "evt_other", "object": "event", "type": "balance.available", "data": {"object": {}}})
            .to_string(),
    ];
    for body in &deliveries {
        let signature = stripe_signature(body, signed_at);
        let (status, _) = post(
            &http,
            &stripe_url,
            &[
                ("stripe-signature", &signature),
                ("content-type", "application/json"),
            ],
            body.clone(),
        )
        .await;
        assert_eq!(status, 200);
    }
    assert_eq!(
        log.lines(),
        [
            "paid pi_3MtwBwLkdIwHu7ix28a3tqPa 2000",
            "customer jennyrosen@example.com",
            "other balance.available"
        ]
    );

    // Replayed (the same signed delivery, inside the tolerance): acknowledged, not
    // dispatched again.
    let signature = stripe_signature(&deliveries[0], signed_at);
    let (status, _) = post(
        &http,
        &stripe_url,
        &[("stripe-signature", &signature)],
        deliveries[0].clone(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(log.lines().len(), 3, "the replay dispatched nothing");

    // Forged (another amount, the old signature), stale, unsigned, oversized: refused.
    let forged = deliveries[0].replace("2000", "2");
    let (status, _) = post(
        &http,
        &stripe_url,
        &[("stripe-signature", &signature)],
        forged,
    )
    .await;
    assert_eq!(status, 401);
    let stale = stripe_signature(&deliveries[1], signed_at - 600);
    let (status, _) = post(
        &http,
        &stripe_url,
        &[("stripe-signature", &stale)],
        deliveries[1].clone(),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = post(&http, &stripe_url, &[], deliveries[1].clone()).await;
    assert_eq!(status, 401);
    let huge = "x".repeat(65 * 1024);
    let (status, _) = post(
        &http,
        &stripe_url,
        &[("stripe-signature", &signature)],
        huge,
    )
    .await;
    assert_eq!(status, 413);
    assert_eq!(log.lines().len(), 3, "nothing refused was dispatched");

    // Slack's url_verification handshake, answered by the endpoint.
    let body = r#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let mut mac = HmacSha256::new_from_slice(b"slack-secret").expect("a key");
    mac.update(format!("v0:{signed_at}:{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (status, text) = post(
        &http,
        &format!("{base}/hooks/slack"),
        &[
            ("x-slack-request-timestamp", &signed_at.to_string()),
            ("x-slack-signature", &format!("v0={hex}")),
        ],
        body,
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (200, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    );

    // Twilio signs the URL it called (the public one, not 127.0.0.1), with the query.
    let form = "Body=Ahoy&From=%2B15017122661&MessageSid=SM1&To=%2B15558675310";
    let public = "https://hooks.example.com/twilio/sms?channel=support";
    let mut signed = public.to_owned();
    let mut pairs: Vec<(String, String)> = form_pairs(form);
    pairs.sort();
    for (key, value) in &pairs {
        signed.push_str(key);
        signed.push_str(value);
    }
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(b"twilio-token").expect("a key");
    mac.update(signed.as_bytes());
    use base64::Engine;
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let (status, _) = post(
        &http,
        &format!("{base}/hooks/twilio?channel=support"),
        &[
            ("x-twilio-signature", &signature),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        form,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        log.lines().last().map(String::as_str),
        Some("sms message.received \"Ahoy\"")
    );

    server.abort();
}

fn form_pairs(form: &str) -> Vec<(String, String)> {
    form.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%2B", "+")))
        .collect()
}

#[tokio::test]
async fn a_url_signing_receiver_without_its_public_url_refuses_to_guess_it() {
    let handled = Log::default();
    let log = handled.clone();
    let hooks = Webhooks::new(Envelope::Twilio, TwilioSignature::new("twilio-token")).any(
        move |event: RawEvent| {
            let log = log.clone();
            async move {
                log.push(event.kind);
                Ok(())
            }
        },
    );
    let app: axum::Router = hooks.router("/hooks/twilio");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let server = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("the server runs");
    });
    let _ = rustls::crypto::ring::default_provider().install_default();
    // Signed for the URL the request reaches, Host header and all: still refused, as
    // the receiver cannot know that is the URL Twilio was given.
    let url = format!("{base}/hooks/twilio");
    let form = "MessageSid=SM1&MessageStatus=sent";
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(b"twilio-token").expect("a key");
    mac.update(format!("{url}MessageSidSM1MessageStatussent").as_bytes());
    use base64::Engine;
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let (status, text) = post(
        &reqwest::Client::new(),
        &url,
        &[
            ("x-twilio-signature", &signature),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        form,
    )
    .await;
    assert_eq!(status, 500, "{text}");
    assert!(text.contains("public URL"), "{text}");
    assert!(handled.lines().is_empty());
    server.abort();
}
