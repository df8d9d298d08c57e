//! Clients generated before a runtime change still work after it: the frozen clients in
//! `src/compat/` (never regenerated) compile as part of this crate, and here they call a
//! local server through today's pipeline: retries, idempotency keys, replies, downloads.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use integrations_runtime::time::ManualTimer;
use integrations_tests::compat::{s3, square};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn timer() -> ManualTimer {
    ManualTimer::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
}

#[tokio::test]
async fn a_frozen_square_client_gets_a_body_key_and_is_retried_with_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/customers"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(
            r#"{"errors": [{"category": "API_ERROR", "code": "INTERNAL_SERVER_ERROR", "detail": "Try again."}]}"#,
            "application/json",
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/customers"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(
                    r#"{"customer": {"id": "JDKYHBWT1D4F8MFH63DBMEN8Y4", "created_at": "2016-03-23T20:21:54.859Z", "updated_at": "2016-03-23T20:21:55Z", "given_name": "Amelia", "family_name": "Earhart", "email_address": "Amelia.Earhart@example.com", "preferences": {"email_unsubscribed": false}, "creation_source": "THIRD_PARTY"}}"#,
                    "application/json",
                )
                .insert_header("square-version", "2025-08-20"),
        )
        .mount(&server)
        .await;
    let timer = timer();
    let client = square::Client::builder()
        .base_url(server.uri())
        .bearer_token("EAAAEXAMPLE")
        .timer(Arc::new(timer.clone()))
        .build()
        .expect("client");
    let body = square::CreateCustomerRequest {
        given_name: Some("Amelia".into()),
        family_name: Some("Earhart".into()),
        email_address: Some("Amelia.Earhart@example.com".into()),
        ..Default::default()
    };
    let reply = client
        .create_customer(body)
        .send_full()
        .await
        .expect("created");
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.headers()["square-version"], "2025-08-20");
    let customer = reply.into_body().customer.expect("a customer");
    assert_eq!(customer.id.as_deref(), Some("JDKYHBWT1D4F8MFH63DBMEN8Y4"));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "the 500 is retried once");
    assert_eq!(requests[0].body, requests[1].body, "the same bytes twice");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    let key = sent["idempotency_key"]
        .as_str()
        .expect("a key was filled in");
    assert_eq!(key.len(), 36);
    assert_eq!(sent["given_name"], "Amelia");
    assert_eq!(timer.sleeps().len(), 1);
}

#[tokio::test]
async fn a_frozen_s3_client_uploads_through_slow_down_and_streams_a_download() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/photos/2026/ada.txt"))
        .respond_with(ResponseTemplate::new(503).set_body_raw(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>",
            "application/xml",
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/photos/2026/ada.txt"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("etag", "\"9b2cf535f27731c974343645a3985328\""),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/photos/2026/ada.txt"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("Analytical Engine", "text/plain"))
        .mount(&server)
        .await;
    let timer = timer();
    let client = s3::Client::builder()
        .base_url(server.uri())
        .timer(Arc::new(timer.clone()))
        .build()
        .expect("client");
    let reply = client
        .put_object("photos", "2026/ada.txt", "Analytical Engine".into())
        .send_full()
        .await
        .expect("uploaded");
    assert_eq!(
        reply.headers()["etag"],
        "\"9b2cf535f27731c974343645a3985328\""
    );
    let puts: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == "PUT")
        .collect();
    assert_eq!(puts.len(), 2, "SlowDown is retried");
    assert!(puts.iter().all(|r| r.body == b"Analytical Engine"));

    let mut stream = client
        .get_object("photos", "2026/ada.txt")
        .send()
        .await
        .expect("downloaded");
    let mut content = Vec::new();
    while let Some(chunk) = stream.next().await {
        content.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert_eq!(content, b"Analytical Engine");
}
