//! Webhook verifiers against test vectors made with the providers' official SDKs
//! (`tests/fixtures/webhooks/*.json`, written by `tests/tools/webhook_vectors.py`): each
//! valid, tampered, wrongly-keyed, stale and unsigned delivery is classified as the
//! fixture expects, which is what the SDK's own verify helper said. Then a property: no
//! single-byte change to a valid delivery's body or signed headers is accepted.

#![cfg(feature = "webhooks")]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::FutureExt;
use integrations_runtime::webhooks::verify::{
    DropboxSignature, HubSpotSignature, PayPalSignature, SendGridSignature, SlackSignature,
    SnsSignature, SquareSignature, StripeSignature, TwilioSignature,
};
use integrations_runtime::webhooks::{CertificateSource, Delivery, Verifier, WebhookError};
use proptest::prelude::*;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

const PROVIDERS: &[&str] = &[
    "stripe", "slack", "twilio", "hubspot", "square", "sendgrid", "dropbox", "paypal", "sns",
];

/// The signing certificates a fixture carries, served from memory as if fetched.
#[derive(Debug)]
struct FixtureCertificates(serde_json::Map<String, Value>);

impl CertificateSource for FixtureCertificates {
    fn fetch<'a>(
        &'a self,
        url: &'a str,
    ) -> integrations_runtime::BoxFuture<'a, Result<Vec<u8>, WebhookError>> {
        let pem = self.0.get(url).and_then(Value::as_str).map(str::as_bytes);
        let result = pem
            .map(<[u8]>::to_vec)
            .ok_or_else(|| WebhookError::Certificate(format!("{url}: not in the fixture")));
        Box::pin(async move { result })
    }
}

fn fixture(provider: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/webhooks")
        .join(format!("{provider}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn verifier(provider: &str, fixture: &Value) -> Arc<dyn Verifier> {
    let secret = fixture["secret"].as_str().expect("a secret");
    let certificates = || {
        Arc::new(FixtureCertificates(
            fixture["certificates"]
                .as_object()
                .cloned()
                .unwrap_or_default(),
        ))
    };
    match provider {
        "paypal" => Arc::new(PayPalSignature::with_certificates(secret, certificates())),
        "sns" => Arc::new(SnsSignature::with_certificates(certificates()).topic(secret)),
        "stripe" => Arc::new(StripeSignature::new(secret)),
        "slack" => Arc::new(SlackSignature::new(secret)),
        "twilio" => Arc::new(TwilioSignature::new(secret)),
        "hubspot" => Arc::new(HubSpotSignature::new(secret).with_legacy_signatures()),
        "square" => Arc::new(SquareSignature::new(secret)),
        "sendgrid" => Arc::new(SendGridSignature::new(secret).expect("the fixture's public key")),
        "dropbox" => Arc::new(DropboxSignature::new(secret)),
        other => panic!("no verifier for {other}"),
    }
}

/// One delivery of a fixture, owned.
#[derive(Debug, Clone)]
struct Case {
    provider: String,
    name: String,
    expect: String,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    now: SystemTime,
    verifier: Arc<dyn Verifier>,
}

impl Case {
    fn verify(&self) -> Result<(), WebhookError> {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                HeaderValue::from_bytes(value.as_bytes()).expect("a header value"),
            );
        }
        let delivery = Delivery::new(&self.method, &self.url, &headers, &self.body);
        // Fetching a certificate from the fixture is ready at once.
        self.verifier
            .prepare(&delivery)
            .now_or_never()
            .expect("the fixture's certificates are in memory")?;
        self.verifier.verify(&delivery, self.now)
    }
}

fn cases() -> Vec<(Case, Option<bool>)> {
    let mut out = Vec::new();
    for provider in PROVIDERS {
        let fixture = fixture(provider);
        let now =
            SystemTime::UNIX_EPOCH + Duration::from_secs(fixture["now"].as_u64().expect("now"));
        let verifier = verifier(provider, &fixture);
        for case in fixture["cases"].as_array().expect("cases") {
            let request = &case["request"];
            let text = |v: &Value| v.as_str().expect("text").to_owned();
            out.push((
                Case {
                    provider: (*provider).to_owned(),
                    name: text(&case["name"]),
                    expect: text(&case["expect"]),
                    method: text(&request["method"]),
                    url: text(&request["url"]),
                    headers: request["headers"]
                        .as_object()
                        .expect("headers")
                        .iter()
                        .map(|(k, v)| (k.clone(), text(v)))
                        .collect(),
                    body: text(&request["body"]).into_bytes(),
                    now,
                    verifier: verifier.clone(),
                },
                case["sdk_verdict"].as_bool(),
            ));
        }
    }
    out
}

fn classify(result: &Result<(), WebhookError>) -> &'static str {
    match result {
        Ok(()) => "valid",
        Err(WebhookError::BadSignature) => "bad_signature",
        Err(WebhookError::Stale { .. }) => "stale",
        Err(WebhookError::MissingSignature { .. }) => "missing_signature",
        Err(_) => "other",
    }
}

#[test]
fn every_sdk_vector_is_classified_as_the_sdk_did() {
    let cases = cases();
    assert!(cases.len() >= 45, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for (case, sdk_verdict) in &cases {
        let result = case.verify();
        let got = classify(&result);
        if got != case.expect {
            wrong.push(format!(
                "{} {}: expected {}, got {result:?}",
                case.provider, case.name, case.expect
            ));
        }
        if let Some(sdk_verdict) = sdk_verdict {
            assert_eq!(
                *sdk_verdict,
                case.expect == "valid",
                "{} {}: the fixture's expectation disagrees with the SDK",
                case.provider,
                case.name
            );
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Every kind of case is there for every provider.
    for provider in PROVIDERS {
        for expect in ["valid", "bad_signature", "missing_signature"] {
            // An SNS message carries its signature in its body: none is a body that is
            // not an SNS message.
            if *provider == "sns" && expect == "missing_signature" {
                continue;
            }
            assert!(
                cases
                    .iter()
                    .any(|(c, _)| c.provider == *provider && c.expect == expect),
                "{provider} has no {expect} case"
            );
        }
    }
}

#[test]
fn a_stale_delivery_is_fine_with_a_wider_window_and_rotation_takes_either_secret() {
    let fixture = fixture("stripe");
    let secret = fixture["secret"].as_str().expect("secret");
    let (stale, _) = cases()
        .into_iter()
        .find(|(c, _)| c.provider == "stripe" && c.expect == "stale")
        .expect("a stale case");
    let wide = Case {
        verifier: Arc::new(StripeSignature::new(secret).window(Duration::from_secs(2 * 3600))),
        ..stale.clone()
    };
    assert!(wide.verify().is_ok());
    // A secret being rotated out: the old secret alone does not verify the new one's
    // signature, and both together do.
    let (valid, _) = cases()
        .into_iter()
        .find(|(c, _)| c.provider == "stripe" && c.name == "valid")
        .expect("a valid case");
    let old_only = Case {
        verifier: Arc::new(StripeSignature::new("whsec_old")),
        ..valid.clone()
    };
    assert!(matches!(old_only.verify(), Err(WebhookError::BadSignature)));
    let both = Case {
        verifier: Arc::new(StripeSignature::new("whsec_old").or_secret(secret)),
        ..valid
    };
    assert!(both.verify().is_ok());
}

/// The valid deliveries that carry exactly one signature (a rotation header with two
/// would stay valid when the other is changed).
fn single_signature_valid_cases() -> Vec<Case> {
    cases()
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| c.expect == "valid" && c.name != "rotated_secrets")
        // SNS signs the message's fields, not its bytes (JSON whitespace and the
        // unsigned `UnsubscribeURL` can change freely): see the test below.
        .filter(|c| c.provider != "sns")
        .collect()
}

#[test]
fn no_change_to_a_signed_sns_field_is_accepted() {
    let (valid, _) = cases()
        .into_iter()
        .find(|(c, _)| c.provider == "sns" && c.name == "valid_v1")
        .expect("a valid SNS case");
    assert!(valid.verify().is_ok());
    let message: Value = serde_json::from_slice(&valid.body).expect("JSON");
    for field in [
        "Message",
        "MessageId",
        "Subject",
        "Timestamp",
        "TopicArn",
        "Type",
        "Signature",
        "SigningCertURL",
        "SignatureVersion",
    ] {
        let text = message[field].as_str().expect("a text field");
        for at in [0, text.len() / 2, text.len() - 1] {
            let mut changed = message.clone();
            let mut bytes = text.as_bytes().to_vec();
            bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
            changed[field] = Value::String(String::from_utf8(bytes).expect("ASCII"));
            let case = Case {
                body: serde_json::to_vec(&changed).expect("JSON"),
                ..valid.clone()
            };
            assert!(
                case.verify().is_err(),
                "{field} changed at {at} was accepted"
            );
        }
    }
    // What the signature does not cover may change (SNS documents which fields it signs).
    let mut reformatted = message.clone();
    reformatted["UnsubscribeURL"] = Value::String("https://example.com/elsewhere".to_owned());
    let case = Case {
        body: serde_json::to_vec(&reformatted).expect("JSON"),
        ..valid
    };
    assert!(case.verify().is_ok());
}

/// Whether two Twilio form bodies decode to different parameters (Twilio signs the
/// decoded parameters, so `+` and a space, or `%2f` and `%2F`, are one body to it).
fn twilio_params_differ(a: &[u8], b: &[u8]) -> bool {
    let params = |body: &[u8]| {
        let mut p: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
        p.sort();
        p
    };
    params(a) != params(b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_single_byte_change_to_a_valid_delivery_is_accepted(
        which in any::<prop::sample::Index>(),
        in_body in any::<bool>(),
        at in any::<prop::sample::Index>(),
        header in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let cases = single_signature_valid_cases();
        let case = which.get(&cases).clone();
        let mut mutated = case.clone();
        if in_body {
            let i = at.index(mutated.body.len());
            mutated.body[i] ^= flip;
            if case.provider == "twilio" && !case.url.contains("bodySHA256") {
                prop_assume!(twilio_params_differ(&case.body, &mutated.body));
            }
        } else {
            // A header the scheme signs or reads (not Content-Type).
            let signed: Vec<usize> = (0..mutated.headers.len())
                .filter(|i| !mutated.headers[*i].0.eq_ignore_ascii_case("content-type"))
                .collect();
            let h = *header.get(&signed);
            let mut bytes = mutated.headers[h].1.clone().into_bytes();
            let i = at.index(bytes.len());
            bytes[i] ^= flip;
            let value = String::from_utf8(bytes);
            prop_assume!(value.as_ref().is_ok_and(|v| HeaderValue::from_str(v).is_ok()));
            mutated.headers[h].1 = value.unwrap_or_default();
        }
        let result = mutated.verify();
        prop_assert!(result.is_err(), "{} {}: a changed delivery was accepted", case.provider, case.name);
    }
}
