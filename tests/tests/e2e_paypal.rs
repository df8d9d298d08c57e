//! PayPal Orders v2 and Payments v2, end to end against a local server through the client
//! generated from the spec we ship (merged from PayPal's two specs): an order created and
//! captured with PayPal's documented answers, the `PayPal-Request-Id` idempotency header
//! kept across a retried capture, a refund, and a declined capture as a typed error.
#![recursion_limit = "256"]

mod common;

use common::documented::paypal_captured_order;

use common::{body_text, header, json_response, only_request};
use integrations_runtime::ErrorKind;
use integrations_tests::shipped::shipped_paypal as paypal;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> paypal::Client {
    paypal::Client::builder()
        .base_url(server.uri())
        .bearer_token("A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg")
        .build()
        .expect("client")
}

/// PayPal's documented answer to creating an order (`Prefer: return=minimal`).
fn created_order() -> Value {
    json!({
        "id": "5O190127TN364715T",
        "status": "CREATED",
        "links": [
            {"href": "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T", "rel": "self", "method": "GET"},
            {"href": "https://www.paypal.com/checkoutnow?token=5O190127TN364715T", "rel": "approve", "method": "GET"},
            {"href": "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T", "rel": "update", "method": "PATCH"},
            {"href": "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T/capture", "rel": "capture", "method": "POST"}
        ]
    })
}

#[tokio::test]
async fn an_order_is_created_with_a_request_id_and_its_approval_link_is_readable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/checkout/orders"))
        .respond_with(json_response(201, created_order()))
        .mount(&server)
        .await;
    let amount = paypal::AmountWithBreakdown::new("USD".to_owned(), "100.00".to_owned());
    let order = paypal::OrderRequest::new(
        paypal::CheckoutPaymentIntent::Capture,
        vec![paypal::PurchaseUnitRequest::new(amount)],
    );
    let created = client(&server)
        .orders()
        .create(order)
        .idempotency_key("7b92603e-77ed-4896-8e78-5dea2050476a")
        .await
        .expect("created");
    assert_eq!(created.id.as_deref(), Some("5O190127TN364715T"));
    let approve = created
        .links
        .iter()
        .flatten()
        .find(|link| link.rel == "approve")
        .map(|link| link.href.as_str());
    assert_eq!(
        approve,
        Some("https://www.paypal.com/checkoutnow?token=5O190127TN364715T")
    );
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "paypal-request-id"),
        "7b92603e-77ed-4896-8e78-5dea2050476a"
    );
    assert_eq!(
        body_text(&request),
        r#"{"intent":"CAPTURE","purchase_units":[{"amount":{"currency_code":"USD","value":"100.00"}}]}"#
    );
}

#[tokio::test]
async fn a_capture_retried_after_a_503_sends_the_same_request_id() {
    let server = MockServer::start().await;
    let route = "/v2/checkout/orders/5O190127TN364715T/capture";
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(json_response(201, paypal_captured_order()))
        .mount(&server)
        .await;
    let retry = integrations_runtime::RetryPolicy::default()
        .base_delay(std::time::Duration::from_millis(1));
    let captured = client(&server)
        .orders()
        .capture("5O190127TN364715T", paypal::OrderCaptureRequest::default())
        .retry(retry)
        .await
        .expect("captured");
    assert_eq!(captured.status, Some(paypal::OrderStatus::Completed));
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 2);
    let ids: Vec<String> = requests
        .iter()
        .map(|r| header(r, "paypal-request-id"))
        .collect();
    assert!(!ids[0].is_empty(), "a key is made up for the capture");
    assert_eq!(ids[0], ids[1], "the same key on every attempt");
    assert_eq!(body_text(&requests[1]), "{}");
}

#[tokio::test]
async fn a_declined_capture_is_a_typed_error_with_the_issue() {
    let declined = json!({
        "name": "UNPROCESSABLE_ENTITY",
        "details": [{"issue": "INSTRUMENT_DECLINED", "description": "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment."}],
        "message": "The requested action could not be performed, semantically incorrect, or failed business validation.",
        "debug_id": "c9a75b43fc807",
        "links": [
            {"href": "https://developer.paypal.com/docs/api/orders/v2/#error-INSTRUMENT_DECLINED", "rel": "information_link", "method": "GET"},
            {"href": "https://www.sandbox.paypal.com/checkoutnow?token=1KC5501443316171H", "rel": "redirect", "method": "GET"}
        ]
    });
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/checkout/orders/1KC5501443316171H/capture"))
        .respond_with(json_response(422, declined))
        .mount(&server)
        .await;
    let error = client(&server)
        .orders()
        .capture("1KC5501443316171H", paypal::OrderCaptureRequest::default())
        .await
        .expect_err("declined");
    assert_eq!(error.code(), Some("INSTRUMENT_DECLINED"));
    assert_eq!(error.kind(), ErrorKind::Validation);
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        1,
        "a 422 is not retried"
    );
    // The typed error body names the issue as a variant of its own.
    let Some(paypal::OrdersCaptureError::UnprocessableEntity(body)) =
        error.api().and_then(|api| api.body.as_ref())
    else {
        panic!("a 422 body decodes as the 422 error: {error:?}");
    };
    let details = body.details.as_deref().unwrap_or_default();
    assert!(
        matches!(
            details.first(),
            Some(paypal::OrdersCapture422DetailsItem::InstrumentDeclined(_))
        ),
        "{details:?}"
    );
}

#[tokio::test]
async fn an_error_without_details_takes_its_name_as_the_code() {
    let missing = json!({
        "name": "RESOURCE_NOT_FOUND",
        "details": [],
        "message": "The specified resource does not exist.",
        "debug_id": "f2ec3f8b9f1d1",
        "links": [{"href": "https://developer.paypal.com/docs/api/payments/v2/#error-RESOURCE_NOT_FOUND", "rel": "information_link", "method": "GET"}]
    });
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/payments/captures/NOPE"))
        .respond_with(json_response(404, missing))
        .mount(&server)
        .await;
    let error = client(&server)
        .captures()
        .get("NOPE")
        .await
        .expect_err("missing");
    assert_eq!(error.code(), Some("RESOURCE_NOT_FOUND"));
    assert_eq!(error.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn a_capture_is_refunded_through_payments() {
    let refunded = json!({
        "id": "1JU08902781691411",
        "status": "COMPLETED",
        "links": [
            {"rel": "self", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/refunds/1JU08902781691411"},
            {"rel": "up", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/captures/2GG279541U471931P"}
        ]
    });
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/payments/captures/2GG279541U471931P/refund"))
        .respond_with(json_response(201, refunded))
        .mount(&server)
        .await;
    let refund = paypal::RefundRequest {
        amount: Some(paypal::Money::new("USD".to_owned(), "10.99".to_owned())),
        note_to_payer: Some("Defective product".into()),
        ..Default::default()
    };
    let done = client(&server)
        .captures()
        .refund("2GG279541U471931P", refund)
        .await
        .expect("refunded");
    assert_eq!(done.id.as_deref(), Some("1JU08902781691411"));
    let request = only_request(&server).await;
    assert!(
        !header(&request, "paypal-request-id").is_empty(),
        "a refund carries a request id"
    );
    assert_eq!(
        body_text(&request),
        r#"{"amount":{"currency_code":"USD","value":"10.99"},"note_to_payer":"Defective product"}"#
    );
}
