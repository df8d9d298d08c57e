//! The webhook dispatcher on its own: every provider's documented deliveries (the
//! SDK-signed fixtures of `tests/fixtures/webhooks/`, whose bodies are the providers'
//! documented examples in full) read into the events they hold, handled once each; the
//! handshakes answered; handler failures retried only when asked; replays, forgeries and
//! oversized bodies refused.

#![cfg(feature = "webhooks")]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use integrations_runtime::time::ManualTimer;
use integrations_runtime::webhooks::verify::{
    BasicAuthSecret, ChannelToken, DropboxSignature, HubSpotSignature, SalesforceOrganization,
    SendGridSignature, SlackSignature, SquareSignature, StripeSignature, TwilioSignature,
};
use integrations_runtime::webhooks::{
    Delivery, Envelope, Event, Handled, HandlerError, RawEvent, Verifier, WebhookError, Webhooks,
};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Deserialize;
use serde_json::{Value, json};

fn fixture(provider: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/webhooks")
        .join(format!("{provider}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A delivery, owned.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    url: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Request {
    fn new(method: &str, url: &str, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Self {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                HeaderValue::from_str(value).expect("a header value"),
            );
        }
        Request {
            method: method.to_owned(),
            url: url.to_owned(),
            headers: map,
            body: body.into(),
        }
    }

    fn delivery(&self) -> Delivery<'_> {
        Delivery::new(&self.method, &self.url, &self.headers, &self.body)
    }
}

/// The fixture's case `name` of `provider`, and the time it was signed at.
fn case(provider: &str, name: &str) -> (Request, ManualTimer, String) {
    let fixture = fixture(provider);
    let case = fixture["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("{provider} has no case {name}"));
    let request = &case["request"];
    let headers: Vec<(String, String)> = request["headers"]
        .as_object()
        .expect("headers")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("text").to_owned()))
        .collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let now = UNIX_EPOCH + Duration::from_secs(fixture["now"].as_u64().expect("now"));
    (
        Request::new(
            request["method"].as_str().expect("method"),
            request["url"].as_str().expect("url"),
            &headers,
            request["body"].as_str().expect("body"),
        ),
        ManualTimer::new(now),
        fixture["secret"].as_str().expect("secret").to_owned(),
    )
}

/// An event as the tests compare it: its kind and id.
type KindAndId = (String, Option<String>);

/// Every event the catch-all saw.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<KindAndId>>>);

impl Seen {
    fn take(&self) -> Vec<KindAndId> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

fn recording(
    envelope: Envelope,
    verifier: impl Verifier + 'static,
    timer: ManualTimer,
) -> (Webhooks, Seen) {
    let seen = Seen::default();
    let record = seen.clone();
    let webhooks = Webhooks::new(envelope, verifier)
        .timer(Arc::new(timer))
        .any(move |event: RawEvent| {
            let record = record.clone();
            async move {
                record.0.lock().unwrap().push((event.kind, event.id));
                Ok::<(), HandlerError>(())
            }
        });
    (webhooks, seen)
}

fn owned(pairs: &[(&str, Option<&str>)]) -> Vec<KindAndId> {
    pairs
        .iter()
        .map(|(k, id)| ((*k).to_owned(), id.map(str::to_owned)))
        .collect()
}

#[tokio::test]
async fn each_provider_s_documented_delivery_is_handled_once() {
    let expected: &[(&str, &str, Envelope, Vec<KindAndId>)] = &[
        (
            "stripe",
            "valid",
            Envelope::Stripe,
            owned(&[(
                "payment_intent.succeeded",
                Some("evt_3MtwBwLkdIwHu7ix0snN0B15"),
            )]),
        ),
        (
            "slack",
            "valid",
            Envelope::Slack,
            owned(&[("app_mention", Some("Ev123ABC456"))]),
        ),
        (
            "square",
            "valid",
            Envelope::Square,
            owned(&[(
                "payment.created",
                Some("13b867cf-db3d-4b1c-90b6-2f32a9d78124"),
            )]),
        ),
        (
            "hubspot",
            "valid",
            Envelope::HubSpot,
            owned(&[("contact.creation", Some("62515/12345/1/123/1564113600000"))]),
        ),
        (
            "sendgrid",
            "valid",
            Envelope::SendGrid,
            [
                "processed",
                "deferred",
                "delivered",
                "open",
                "click",
                "bounce",
                "dropped",
                "spamreport",
                "unsubscribe",
                "group_unsubscribe",
                "group_resubscribe",
            ]
            .iter()
            .map(|kind| ((*kind).to_owned(), Some("sg_event_id".to_owned())))
            .collect(),
        ),
        (
            "twilio",
            "valid_form",
            Envelope::Twilio,
            owned(&[(
                "message.received",
                Some("SM6d8f2b1e9c4a7035e2b8d1f4c7a9e063"),
            )]),
        ),
        (
            "twilio",
            "valid_json",
            Envelope::Twilio,
            owned(&[(
                "com.twilio.messaging.message.delivered",
                Some("EZ4a9c2e7b1d5f3086a4c9e2b7d1f5a308"),
            )]),
        ),
        (
            "dropbox",
            "valid",
            Envelope::Dropbox,
            owned(&[("list_folder", None)]),
        ),
    ];
    for (provider, name, envelope, events) in expected {
        let (request, timer, secret) = case(provider, name);
        let verifier: Box<dyn Fn() -> Box<dyn Verifier>> = match *provider {
            "stripe" => Box::new(move || Box::new(StripeSignature::new(secret.as_str()))),
            "slack" => Box::new(move || Box::new(SlackSignature::new(secret.as_str()))),
            "square" => Box::new(move || Box::new(SquareSignature::new(secret.as_str()))),
            "hubspot" => Box::new(move || {
                Box::new(HubSpotSignature::new(secret.as_str()).with_legacy_signatures())
            }),
            "sendgrid" => Box::new(move || {
                Box::new(SendGridSignature::new(&secret).expect("the fixture's key"))
            }),
            "twilio" => Box::new(move || Box::new(TwilioSignature::new(secret.as_str()))),
            "dropbox" => Box::new(move || Box::new(DropboxSignature::new(secret.as_str()))),
            other => panic!("{other}"),
        };
        let (webhooks, seen) = recording(*envelope, BoxedVerifier(verifier()), timer);
        let outcome = webhooks.receive(&request.delivery()).await;
        assert_eq!(outcome.reply.status, 200, "{provider} {name}: {outcome:?}");
        assert!(outcome.error.is_none(), "{provider} {name}: {outcome:?}");
        assert_eq!(&seen.take(), events, "{provider} {name}");

        // The same delivery again: events with an id are not handled twice.
        let again = webhooks.receive(&request.delivery()).await;
        assert_eq!(again.reply.status, 200, "{provider} {name}");
        let with_ids: Vec<_> = events
            .iter()
            .filter(|(_, id)| id.is_none())
            .cloned()
            .collect();
        assert_eq!(
            seen.take(),
            with_ids,
            "{provider} {name}: only id-less events again"
        );
        if events.iter().all(|(_, id)| id.is_some()) {
            assert!(
                matches!(again.error, Some(WebhookError::Replayed { .. })),
                "{provider} {name}: {again:?}"
            );
        }

        // Altered by one byte: refused before any handler runs.
        let mut forged = request.clone();
        let last = forged.body.len() - 2;
        forged.body[last] ^= 0x01;
        let refused = webhooks.receive(&forged.delivery()).await;
        assert_eq!(refused.reply.status, 401, "{provider} {name}: {refused:?}");
        assert!(
            refused
                .error
                .as_ref()
                .is_some_and(WebhookError::is_rejection)
        );
        assert!(seen.take().is_empty(), "{provider} {name}: nothing handled");
    }
}

/// A boxed verifier, as a verifier.
#[derive(Debug)]
struct BoxedVerifier(Box<dyn Verifier>);

impl Verifier for BoxedVerifier {
    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        self.0.verify(delivery, now)
    }
}

#[tokio::test]
async fn handshakes_are_answered_without_calling_a_handler() {
    // Slack's url_verification, as the SDK signed it: the challenge comes back.
    let (request, timer, secret) = case("slack", "url_verification");
    let (webhooks, seen) = recording(Envelope::Slack, SlackSignature::new(secret), timer);
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 200);
    assert_eq!(outcome.reply.content_type, Some("text/plain"));
    assert_eq!(
        outcome.reply.body,
        b"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );
    assert!(seen.take().is_empty());

    // Dropbox's GET challenge: echoed.
    let (_, timer, secret) = case("dropbox", "valid");
    let (webhooks, seen) = recording(Envelope::Dropbox, DropboxSignature::new(secret), timer);
    let request = Request::new(
        "GET",
        "https://example.com/webhooks/dropbox?challenge=K7XgpPZ6",
        &[],
        Vec::new(),
    );
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(
        (outcome.reply.status, outcome.reply.body.as_slice()),
        (200, &b"K7XgpPZ6"[..])
    );
    assert!(seen.take().is_empty());

    // A Salesforce Outbound Message from the right org: one event per notification,
    // then the SOAP acknowledgement.
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>00Dx0000000J1RrEAK</OrganizationId>
   <ActionId>04kx00000008OKCAA2</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://na1-api.salesforce.com/services/Soap/c/13.0/00Dx0000000J1Rr</EnterpriseUrl>
   <PartnerUrl>https://na1-api.salesforce.com/services/Soap/u/13.0/00Dx0000000J1Rr</PartnerUrl>
   <Notification>
    <Id>04lx0000000BQaoAAG</Id>
    <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>00Qx0000001E6ZuEAK</sf:Id>
     <sf:Email>ada@example.com</sf:Email>
    </sObject>
   </Notification>
   <Notification>
    <Id>04lx0000000BQapAAG</Id>
    <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>00Qx0000001E6ZvEAK</sf:Id>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>"#;
    let timer = ManualTimer::new(SystemTime::now());
    let (webhooks, seen) = recording(
        Envelope::Salesforce,
        SalesforceOrganization::new("00Dx0000000J1Rr"),
        timer.clone(),
    );
    let request = Request::new(
        "POST",
        "https://example.com/sf",
        &[("content-type", "text/xml")],
        body,
    );
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 200);
    let ack = String::from_utf8(outcome.reply.body).expect("text");
    assert!(ack.contains("<Ack>true</Ack>"), "{ack}");
    assert_eq!(
        seen.take(),
        owned(&[
            ("sobject.Lead", Some("04lx0000000BQaoAAG")),
            ("sobject.Lead", Some("04lx0000000BQapAAG")),
        ])
    );
    // Another org's message is refused, and not acknowledged.
    let (webhooks, seen) = recording(
        Envelope::Salesforce,
        SalesforceOrganization::new("00Dx0000000XXXX"),
        timer,
    );
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 401);
    assert!(seen.take().is_empty());
}

#[tokio::test]
async fn other_envelopes_name_their_events() {
    let timer = ManualTimer::new(SystemTime::now());
    // Pipedrive v2 (`meta.action` + `meta.entity`) and v1 (`event`), behind Basic auth.
    let (webhooks, seen) = recording(
        Envelope::Pipedrive,
        BasicAuthSecret::new("hooks", "s3cret"),
        timer.clone(),
    );
    let auth = [("authorization", "Basic aG9va3M6czNjcmV0")];
    let v2 = json!({"meta": {"action": "create", "entity": "person", "entity_id": "123", "version": "2.0"},
                    "data": {"id": 123, "name": "Ada"}, "previous": null});
    let v1 = json!({"event": "added.person", "meta": {"action": "added", "object": "person", "id": 123},
                    "current": {"id": 123}, "previous": null});
    for body in [&v2, &v1] {
        let request = Request::new("POST", "https://example.com/pd", &auth, body.to_string());
        assert_eq!(
            webhooks.receive(&request.delivery()).await.reply.status,
            200
        );
    }
    assert_eq!(
        seen.take(),
        owned(&[("create.person", None), ("added.person", None)])
    );
    let wrong = Request::new(
        "POST",
        "https://example.com/pd",
        &[("authorization", "Basic eDp5")],
        v2.to_string(),
    );
    assert_eq!(webhooks.receive(&wrong.delivery()).await.reply.status, 401);

    // Google Drive: headers only; the channel token checked, the message number the id.
    let (webhooks, seen) = recording(Envelope::GoogleDrive, ChannelToken::new("tok-1"), timer);
    let headers = [
        ("x-goog-channel-id", "01234567-89ab-cdef-0123456789ab"),
        ("x-goog-channel-token", "tok-1"),
        ("x-goog-message-number", "10"),
        ("x-goog-resource-id", "o3hgv1538sdjfh"),
        ("x-goog-resource-state", "update"),
        ("x-goog-changed", "content,properties"),
    ];
    let request = Request::new("POST", "https://example.com/drive", &headers, Vec::new());
    assert_eq!(
        webhooks.receive(&request.delivery()).await.reply.status,
        200
    );
    assert_eq!(
        webhooks.receive(&request.delivery()).await.reply.status,
        200
    );
    assert_eq!(
        seen.take(),
        owned(&[("update", Some("01234567-89ab-cdef-0123456789ab/10"))]),
        "the second delivery of message 10 is a duplicate"
    );
}

/// HubSpot's batch of two events, signed (v3) at `now` with `secret`.
fn hubspot_batch(secret: &str, now: SystemTime) -> Request {
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let body = json!([
        {"eventId": 100, "subscriptionId": 1, "portalId": 62515, "occurredAt": 1764892800000u64,
         "subscriptionType": "contact.creation", "attemptNumber": 0, "objectId": 1,
         "changeSource": "CRM", "changeFlag": "NEW", "appId": 7},
        {"eventId": 101, "subscriptionId": 2, "portalId": 62515, "occurredAt": 1764892800000u64,
         "subscriptionType": "deal.creation", "attemptNumber": 0, "objectId": 2,
         "changeSource": "CRM", "changeFlag": "NEW", "appId": 7}
    ])
    .to_string();
    let url = "https://example.com/webhooks/hubspot";
    let millis = now
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("POST{url}{body}{millis}").as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    Request::new(
        "POST",
        url,
        &[
            ("content-type", "application/json"),
            ("x-hubspot-signature-v3", &signature),
            ("x-hubspot-request-timestamp", &millis),
        ],
        body,
    )
}

/// A typed HubSpot event, as an application would declare one the spec lacks.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DealCreation {
    object_id: u64,
}

impl Event for DealCreation {
    const PROVIDER: &'static str = "HubSpot";
    const KIND: &'static str = "deal.creation";
    fn from_raw(raw: &RawEvent) -> Result<Self, serde_json::Error> {
        raw.payload_as()
    }
}

#[tokio::test]
async fn a_failed_handler_gets_a_retry_only_when_it_asks_and_only_for_its_event() {
    let now = SystemTime::now();
    let timer = ManualTimer::new(now);
    let request = hubspot_batch("hub-secret", now);
    let calls = Arc::new(Mutex::new(Vec::new()));
    let fail_deals = Arc::new(Mutex::new(true));
    let (c1, c2, fail) = (calls.clone(), calls.clone(), fail_deals.clone());
    let webhooks = Webhooks::new(Envelope::HubSpot, HubSpotSignature::new("hub-secret"))
        .timer(Arc::new(timer))
        .on(move |deal: DealCreation| {
            let calls = c1.clone();
            let fail = *fail.lock().unwrap();
            async move {
                calls
                    .lock()
                    .unwrap()
                    .push(format!("deal {}", deal.object_id));
                if fail {
                    Err(HandlerError::retry("the database is down"))
                } else {
                    Ok(())
                }
            }
        })
        .any(move |event: RawEvent| {
            let calls = c2.clone();
            async move {
                calls.lock().unwrap().push(event.kind);
                Ok(())
            }
        });

    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 500, "the provider is asked to retry");
    assert!(matches!(outcome.error, Some(WebhookError::Handler(_))));
    assert!(matches!(
        &outcome.events[..],
        [Handled::Done { .. }, Handled::Failed { .. }]
    ));
    assert_eq!(*calls.lock().unwrap(), ["contact.creation", "deal 2"]);

    // HubSpot retries the batch: the contact was handled, only the deal runs again.
    *fail_deals.lock().unwrap() = false;
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 200);
    assert!(matches!(
        &outcome.events[..],
        [Handled::Duplicate { .. }, Handled::Done { .. }]
    ));
    assert_eq!(
        *calls.lock().unwrap(),
        ["contact.creation", "deal 2", "deal 2"]
    );

    // A handler that gives up is acknowledged, and remembered as handled.
    let gave_up = Arc::new(Mutex::new(0));
    let count = gave_up.clone();
    let now = SystemTime::now();
    let webhooks = Webhooks::new(Envelope::HubSpot, HubSpotSignature::new("hub-secret"))
        .timer(Arc::new(ManualTimer::new(now)))
        .any(move |_event: RawEvent| {
            let count = count.clone();
            async move {
                *count.lock().unwrap() += 1;
                Err(HandlerError::give_up("not for us"))
            }
        });
    let request = hubspot_batch("hub-secret", now);
    assert_eq!(
        webhooks.receive(&request.delivery()).await.reply.status,
        200
    );
    assert_eq!(
        webhooks.receive(&request.delivery()).await.reply.status,
        200
    );
    assert_eq!(*gave_up.lock().unwrap(), 2, "two events, each once");
}

#[tokio::test]
async fn a_typed_event_that_does_not_read_is_not_lost() {
    #[derive(Debug, Deserialize)]
    struct Strict {
        #[allow(dead_code)]
        missing_field: String,
    }
    impl Event for Strict {
        const PROVIDER: &'static str = "HubSpot";
        const KIND: &'static str = "deal.creation";
        fn from_raw(raw: &RawEvent) -> Result<Self, serde_json::Error> {
            raw.payload_as()
        }
    }
    let now = SystemTime::now();
    let webhooks = Webhooks::new(Envelope::HubSpot, HubSpotSignature::new("hub-secret"))
        .timer(Arc::new(ManualTimer::new(now)))
        .on(|_: Strict| async { Ok(()) });
    let outcome = webhooks
        .receive(&hubspot_batch("hub-secret", now).delivery())
        .await;
    assert_eq!(
        outcome.reply.status, 500,
        "answered with an error, so it comes again"
    );
    let error = outcome.error.expect("an error").to_string();
    assert!(
        error.contains("`deal.creation` event does not read as"),
        "{error}"
    );
    assert!(error.contains("missing_field"), "{error}");
}

#[tokio::test]
async fn stale_oversized_and_unreadable_deliveries_are_refused() {
    let now = SystemTime::now();
    let request = hubspot_batch("hub-secret", now);
    // Signed six minutes before the receiver's clock.
    let (webhooks, seen) = recording(
        Envelope::HubSpot,
        HubSpotSignature::new("hub-secret"),
        ManualTimer::new(now + Duration::from_secs(360)),
    );
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 401);
    assert!(matches!(outcome.error, Some(WebhookError::Stale { .. })));

    // Larger than the limit: refused before the signature is even computed.
    let webhooks = webhooks.body_limit(64);
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 413);
    assert!(matches!(
        outcome.error,
        Some(WebhookError::TooLarge { limit: 64 })
    ));

    // Genuine, but not what HubSpot sends: 400, nothing handled.
    let (webhooks, _) = recording(
        Envelope::HubSpot,
        DropboxSignature::new("app-secret"),
        ManualTimer::new(now),
    );
    use hmac::{KeyInit, Mac};
    let body = br#"{"not": "an array"}"#;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"app-secret").unwrap();
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let request = Request::new(
        "POST",
        "https://example.com/x",
        &[("x-dropbox-signature", &hex)],
        &body[..],
    );
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 400);
    let error = outcome.error.expect("an error").to_string();
    assert!(error.contains("not a JSON array of events"), "{error}");
    assert!(seen.take().is_empty());
}

#[tokio::test]
async fn a_retry_while_the_first_attempt_runs_waits_and_a_panic_is_retried() {
    let now = SystemTime::now();
    let request = hubspot_batch("hub-secret", now);
    let gate = Arc::new(tokio::sync::Notify::new());
    let calls = Arc::new(Mutex::new(0u32));
    let (wait, count) = (gate.clone(), calls.clone());
    let webhooks = Webhooks::new(Envelope::HubSpot, HubSpotSignature::new("hub-secret"))
        .timer(Arc::new(ManualTimer::new(now)))
        .on(move |_deal: DealCreation| {
            let (wait, count) = (wait.clone(), count.clone());
            async move {
                *count.lock().unwrap() += 1;
                wait.notified().await;
                Ok(())
            }
        })
        .any(|_event: RawEvent| async { Ok(()) });

    // The first attempt's deal handler is still running when HubSpot retries.
    let first = {
        let (webhooks, request) = (webhooks.clone(), request.clone());
        tokio::spawn(async move { webhooks.receive(&request.delivery()).await })
    };
    while *calls.lock().unwrap() == 0 {
        tokio::task::yield_now().await;
    }
    let retry = webhooks.receive(&request.delivery()).await;
    assert_eq!(retry.reply.status, 503, "{retry:?}");
    assert!(matches!(
        &retry.events[..],
        [Handled::Duplicate { .. }, Handled::Busy { .. }]
    ));
    assert_eq!(
        *calls.lock().unwrap(),
        1,
        "the retry did not run the handler"
    );
    gate.notify_one();
    assert_eq!(first.await.expect("the task").reply.status, 200);
    // Now both events are handled: a later retry is acknowledged.
    let later = webhooks.receive(&request.delivery()).await;
    assert_eq!(later.reply.status, 200);
    assert!(matches!(later.error, Some(WebhookError::Replayed { .. })));

    // A handler that panics: the delivery is answered 500 and handled on the retry.
    let panics = Arc::new(Mutex::new(true));
    let flag = panics.clone();
    let now = SystemTime::now();
    let webhooks = Webhooks::new(Envelope::HubSpot, HubSpotSignature::new("hub-secret"))
        .timer(Arc::new(ManualTimer::new(now)))
        .any(move |event: RawEvent| {
            let flag = flag.clone();
            async move {
                if *flag.lock().unwrap() && event.kind == "deal.creation" {
                    panic!("a bug in the handler");
                }
                Ok(())
            }
        });
    let request = hubspot_batch("hub-secret", now);
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 500);
    let error = outcome.error.expect("an error").to_string();
    assert!(error.contains("panicked: a bug in the handler"), "{error}");
    *panics.lock().unwrap() = false;
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 200);
    assert!(matches!(
        &outcome.events[..],
        [Handled::Duplicate { .. }, Handled::Done { .. }]
    ));
}

#[tokio::test]
async fn hubspot_s_unstamped_signatures_are_refused_unless_asked_for() {
    for name in ["valid_v1", "valid_v2"] {
        let (request, timer, secret) = case("hubspot", name);
        let (strict, _) = recording(
            Envelope::HubSpot,
            HubSpotSignature::new(secret.as_str()),
            timer.clone(),
        );
        let outcome = strict.receive(&request.delivery()).await;
        assert_eq!(outcome.reply.status, 401, "{name}");
        assert!(
            matches!(outcome.error, Some(WebhookError::MissingSignature { header }) if header == "X-HubSpot-Signature-v3"),
            "{name}: {outcome:?}"
        );
        let (legacy, seen) = recording(
            Envelope::HubSpot,
            HubSpotSignature::new(secret.as_str()).with_legacy_signatures(),
            timer,
        );
        assert_eq!(
            legacy.receive(&request.delivery()).await.reply.status,
            200,
            "{name}"
        );
        assert_eq!(seen.take().len(), 1);
    }
}

#[tokio::test]
async fn a_twilio_signature_over_the_url_alone_covers_no_body() {
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let url = "https://example.com/twilio/status?MessageSid=SM1&MessageStatus=sent";
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(b"twilio-token").unwrap();
    mac.update(url.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let (webhooks, seen) = recording(
        Envelope::Twilio,
        TwilioSignature::new("twilio-token"),
        ManualTimer::new(SystemTime::now()),
    );
    // A GET callback: the URL is all there is, and it is signed.
    let get = Request::new(
        "GET",
        url,
        &[("x-twilio-signature", &signature)],
        Vec::new(),
    );
    assert_eq!(webhooks.receive(&get.delivery()).await.reply.status, 200);
    assert_eq!(seen.take(), owned(&[("message.sent", Some("SM1/sent"))]));
    // The same signature with a body it does not cover: refused.
    let smuggled = Request::new(
        "POST",
        url,
        &[
            ("x-twilio-signature", &signature),
            ("content-type", "text/plain"),
        ],
        "MessageStatus=delivered&MessageSid=SM2",
    );
    let outcome = webhooks.receive(&smuggled.delivery()).await;
    assert_eq!(outcome.reply.status, 401);
    assert!(seen.take().is_empty());
}

/// A fixture's certificates, served from memory, counting the fetches.
#[derive(Debug, Default)]
struct Certificates {
    pems: serde_json::Map<String, Value>,
    fetched: Mutex<Vec<String>>,
}

impl integrations_runtime::webhooks::CertificateSource for Certificates {
    fn fetch<'a>(
        &'a self,
        url: &'a str,
    ) -> integrations_runtime::BoxFuture<'a, Result<Vec<u8>, WebhookError>> {
        self.fetched.lock().unwrap().push(url.to_owned());
        let pem = self
            .pems
            .get(url)
            .and_then(Value::as_str)
            .map(|p| p.as_bytes().to_vec());
        Box::pin(async move { pem.ok_or_else(|| WebhookError::Certificate(url.to_owned())) })
    }
}

#[tokio::test]
async fn paypal_and_s3_through_sns_deliveries_are_read_after_their_certificates_check_out() {
    use integrations_runtime::webhooks::verify::{PayPalSignature, SnsSignature};

    let source = Arc::new(Certificates {
        pems: fixture("paypal")["certificates"]
            .as_object()
            .cloned()
            .unwrap_or_default(),
        ..Certificates::default()
    });
    let (request, timer, webhook_id) = case("paypal", "valid");
    let (webhooks, seen) = recording(
        Envelope::PayPal,
        PayPalSignature::with_certificates(webhook_id, source.clone()),
        timer,
    );
    assert_eq!(
        webhooks.receive(&request.delivery()).await.reply.status,
        200
    );
    assert_eq!(
        webhooks.receive(&request.delivery()).await.reply.status,
        200
    );
    assert_eq!(
        seen.take(),
        owned(&[(
            "PAYMENT.CAPTURE.COMPLETED",
            Some("WH-58D329510W468432D-8HN650336L201105X")
        )])
    );
    assert_eq!(
        source.fetched.lock().unwrap().len(),
        1,
        "fetched once, then kept"
    );
    // A certificate URL on another host is refused without being fetched.
    let mut elsewhere = request.clone();
    elsewhere.headers.insert(
        "paypal-cert-url",
        HeaderValue::from_static("https://api.paypal.com.evil.example/v1/notifications/certs/x"),
    );
    let outcome = webhooks.receive(&elsewhere.delivery()).await;
    assert_eq!(outcome.reply.status, 401);
    assert_eq!(source.fetched.lock().unwrap().len(), 1);

    let sns = fixture("sns");
    let source = Arc::new(Certificates {
        pems: sns["certificates"].as_object().cloned().unwrap_or_default(),
        ..Certificates::default()
    });
    let topic = sns["secret"].as_str().expect("the topic").to_owned();
    for (name, expected) in [
        (
            "valid_v1",
            owned(&[(
                "s3:ObjectCreated:Put",
                Some("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324/0"),
            )]),
        ),
        (
            "subscription_confirmation",
            owned(&[(
                "sns.SubscriptionConfirmation",
                Some("165545c9-2a5c-472c-8df2-7ff2be2b3b1b"),
            )]),
        ),
    ] {
        let (request, timer, _) = case("sns", name);
        let (webhooks, seen) = recording(
            Envelope::Sns,
            SnsSignature::with_certificates(source.clone()).topic(topic.as_str()),
            timer,
        );
        let outcome = webhooks.receive(&request.delivery()).await;
        assert_eq!(outcome.reply.status, 200, "{name}: {outcome:?}");
        assert_eq!(seen.take(), expected, "{name}");
    }
    // Another topic's genuine message is not taken.
    let (request, timer, _) = case("sns", "valid_v2");
    let (webhooks, seen) = recording(
        Envelope::Sns,
        SnsSignature::with_certificates(source).topic("arn:aws:sns:us-west-2:123456789012:Other"),
        timer,
    );
    let outcome = webhooks.receive(&request.delivery()).await;
    assert_eq!(outcome.reply.status, 400, "{outcome:?}");
    assert!(seen.take().is_empty());
}

#[tokio::test]
async fn a_handler_for_another_provider_s_events_is_a_500_not_a_silent_acknowledgement() {
    let now = SystemTime::now();
    let handled = Arc::new(Mutex::new(0));
    let count = handled.clone();
    // A HubSpot receiver given a handler typed for Stripe's events.
    struct StripeThing;
    impl Event for StripeThing {
        const PROVIDER: &'static str = "Stripe";
        const KIND: &'static str = "contact.creation";
        fn from_raw(_: &RawEvent) -> Result<Self, serde_json::Error> {
            Ok(StripeThing)
        }
    }
    let webhooks = Webhooks::new(Envelope::HubSpot, HubSpotSignature::new("hub-secret"))
        .timer(Arc::new(ManualTimer::new(now)))
        .on(move |_: StripeThing| {
            let count = count.clone();
            async move {
                *count.lock().unwrap() += 1;
                Ok(())
            }
        });
    let outcome = webhooks
        .receive(&hubspot_batch("hub-secret", now).delivery())
        .await;
    assert_eq!(outcome.reply.status, 500);
    let error = outcome.error.expect("an error").to_string();
    assert!(
        error.contains("is a Stripe event, and this receiver takes HubSpot deliveries"),
        "{error}"
    );
    assert_eq!(*handled.lock().unwrap(), 0);
}
