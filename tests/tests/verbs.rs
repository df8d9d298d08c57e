//! Resource verbs and client verbs, end to end against a local server: each verb sends
//! exactly the request of the operation it names (method, path, query, body bytes) and
//! decodes the provider's documented answer; a provider error comes back typed with its
//! code. Verbs return the operation's request builder, so per-call options still apply.

mod common;

use common::{answering, body_text, header, only_request};

/// Stripe's documented customer.
fn stripe_customer() -> serde_json::Value {
    common::stripe_customer("cus_NffrFeUfNV2Hib", "jennyrosen@example.com")
}
use integrations_tests::shipped::shipped_twilio as twilio;
use integrations_tests::shipped::{shipped_sendgrid as sendgrid, shipped_slack as slack};
use integrations_tests::shipped::{shipped_square as square, shipped_stripe as stripe};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn stripe_client(server: &MockServer) -> stripe::Client {
    stripe::Client::builder()
        .base_url(server.uri())
        .bearer_token("sk_test_4eC39HqLyjWDarjtT1zdp7dc")
        .build()
        .expect("client")
}

#[tokio::test]
async fn stripe_customers_create_posts_the_form_and_decodes_the_customer() {
    let server = answering("POST", "/v1/customers", 200, stripe_customer()).await;
    let body = stripe::PostCustomersBody {
        name: Some("Jenny Rosen".into()),
        email: Some("jennyrosen@example.com".into()),
        ..Default::default()
    };
    let customer = stripe_client(&server)
        .customers()
        .create(body)
        .idempotency_key("create-jenny-1")
        .await
        .expect("created");
    assert_eq!(customer.id, "cus_NffrFeUfNV2Hib");
    assert_eq!(customer.name.as_deref(), Some("Jenny Rosen"));
    let request = only_request(&server).await;
    assert_eq!(header(&request, "idempotency-key"), "create-jenny-1");
    assert_eq!(
        header(&request, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        body_text(&request),
        "email=jennyrosen%40example.com&name=Jenny+Rosen"
    );
}

#[tokio::test]
async fn stripe_customers_get_update_and_delete_address_the_customer_by_id() {
    let server = answering(
        "GET",
        "/v1/customers/cus_NffrFeUfNV2Hib",
        200,
        stripe_customer(),
    )
    .await;
    let found = stripe_client(&server)
        .customers()
        .get("cus_NffrFeUfNV2Hib")
        .await
        .expect("found");
    let stripe::GetCustomersCustomerResponse::Customer(customer) = found else {
        panic!("a live customer decodes as one, not as {found:?}");
    };
    assert_eq!(customer.email.as_deref(), Some("jennyrosen@example.com"));
    assert_eq!(only_request(&server).await.url.query(), None);

    let mut updated = stripe_customer();
    updated["email"] = json!("jenny@example.org");
    let server = answering("POST", "/v1/customers/cus_NffrFeUfNV2Hib", 200, updated).await;
    let body = stripe::PostCustomersCustomerBody {
        email: Some("jenny@example.org".into()),
        ..Default::default()
    };
    let customer = stripe_client(&server)
        .customers()
        .update("cus_NffrFeUfNV2Hib", body)
        .await
        .expect("updated");
    assert_eq!(customer.email.as_deref(), Some("jenny@example.org"));
    assert_eq!(
        body_text(&only_request(&server).await),
        "email=jenny%40example.org"
    );

    let deleted = json!({"id": "cus_NffrFeUfNV2Hib", "object": "customer", "deleted": true});
    let server = answering("DELETE", "/v1/customers/cus_NffrFeUfNV2Hib", 200, deleted).await;
    let gone = stripe_client(&server)
        .customers()
        .delete("cus_NffrFeUfNV2Hib")
        .await
        .expect("deleted");
    assert!(gone.deleted);
    assert_eq!(body_text(&only_request(&server).await), "");
}

#[tokio::test]
async fn stripe_customers_search_sends_the_query_and_a_decline_is_a_typed_error() {
    let found = json!({"object": "search_result", "url": "/v1/customers/search", "has_more": false, "next_page": null, "data": [stripe_customer()]});
    let server = answering("GET", "/v1/customers/search", 200, found).await;
    let page = stripe_client(&server)
        .customers()
        .search("email:'jennyrosen@example.com'")
        .await
        .expect("found");
    assert_eq!(page.data.len(), 1);
    assert_eq!(
        only_request(&server).await.url.query(),
        Some("query=email%3A%27jennyrosen%40example.com%27")
    );

    let declined = json!({"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "id", "message": "No such customer: 'cus_nope'", "doc_url": "https://stripe.com/docs/error-codes/resource-missing", "request_log_url": "https://dashboard.stripe.com/test/logs/req_Ou0ISFN3BS1XXY?t=1680893993"}});
    let server = answering("GET", "/v1/customers/cus_nope", 404, declined).await;
    let error = stripe_client(&server)
        .customers()
        .get("cus_nope")
        .await
        .expect_err("missing");
    assert_eq!(error.code(), Some("resource_missing"));
    assert_eq!(error.kind(), integrations_runtime::ErrorKind::NotFound);
}

#[tokio::test]
async fn square_customers_get_and_create_use_the_same_calls_as_the_operations() {
    let found = json!({"customer": {"id": "JDKYHBWT1D4F8MFH63DBMEN8Y4", "created_at": "2016-03-23T20:21:54.859Z", "updated_at": "2016-03-23T20:21:55Z", "given_name": "Amelia", "family_name": "Earhart", "email_address": "Amelia.Earhart@example.com", "preferences": {"email_unsubscribed": false}, "creation_source": "THIRD_PARTY", "version": 1}});
    let server = answering(
        "GET",
        "/v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4",
        200,
        found.clone(),
    )
    .await;
    let client = square::Client::builder()
        .base_url(server.uri())
        .bearer_token("EAAAl-sandbox")
        .build()
        .expect("client");
    let response = client
        .customers()
        .get("JDKYHBWT1D4F8MFH63DBMEN8Y4")
        .await
        .expect("found");
    assert_eq!(
        response
            .customer
            .and_then(|c| c.family_name.into_option())
            .as_deref(),
        Some("Earhart")
    );
    assert_eq!(
        header(&only_request(&server).await, "square-version"),
        "2025-08-20"
    );

    let server = answering("POST", "/v2/customers", 200, found).await;
    let client = square::Client::builder()
        .base_url(server.uri())
        .bearer_token("EAAAl-sandbox")
        .build()
        .expect("client");
    let body = square::CreateCustomerRequest {
        idempotency_key: Some("c0ffee".into()),
        given_name: Some("Amelia".into()),
        family_name: Some("Earhart".into()),
        ..Default::default()
    };
    client.customers().create(body).await.expect("created");
    assert_eq!(
        body_text(&only_request(&server).await),
        r#"{"idempotency_key":"c0ffee","given_name":"Amelia","family_name":"Earhart"}"#
    );
}

#[tokio::test]
async fn twilio_messages_create_posts_the_form_under_the_account() {
    let account = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    let sent = json!({
        "account_sid": account,
        "api_version": "2010-04-01",
        "body": "Hi there",
        "date_created": "Thu, 24 Aug 2023 05:01:45 +0000",
        "date_sent": "Thu, 24 Aug 2023 05:01:45 +0000",
        "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000",
        "direction": "outbound-api",
        "error_code": null,
        "error_message": null,
        "from": "+15557122661",
        "num_media": "0",
        "num_segments": "1",
        "price": null,
        "price_unit": null,
        "messaging_service_sid": "MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "sid": "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "status": "queued",
        "subresource_uris": {"media": format!("/2010-04-01/Accounts/{account}/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Media.json")},
        "to": "+15558675310",
        "uri": format!("/2010-04-01/Accounts/{account}/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json")
    });
    let route = format!("/2010-04-01/Accounts/{account}/Messages.json");
    let server = answering("POST", &route, 201, sent).await;
    let client = twilio::Client::builder()
        .base_url(server.uri())
        .basic_auth(account, "your_auth_token")
        .build()
        .expect("client");
    let mut body = twilio::CreateMessageBody::new("+15558675310".to_owned());
    body.from = Some("+15557122661".into());
    body.body = Some("Hi there".into());
    let message = client.messages().create(account, body).await.expect("sent");
    assert_eq!(
        message.sid.as_deref(),
        Some("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    );
    assert_eq!(
        body_text(&only_request(&server).await),
        "To=%2B15558675310&From=%2B15557122661&Body=Hi+there"
    );
}

#[tokio::test]
async fn slack_send_posts_the_message_and_decodes_the_documented_answer() {
    let posted = json!({
        "ok": true,
        "channel": "C123ABC456",
        "ts": "1503435956.000247",
        "message": {
            "text": "Here's a message for you",
            "username": "ecto1",
            "bot_id": "B123ABC456",
            "attachments": [{"text": "This is an attachment", "id": 1, "fallback": "This is an attachment's fallback"}],
            "type": "message",
            "subtype": "bot_message",
            "ts": "1503435956.000247"
        }
    });
    let server = answering("POST", "/chat.postMessage", 200, posted).await;
    let client = slack::Client::builder()
        .base_url(server.uri())
        .bearer_token("xoxb-not-a-real-token")
        .build()
        .expect("client");
    let mut message = slack::ChatPostMessageBody::new("C123ABC456".to_owned());
    message.text = Some("Here's a message for you".into());
    let answer = client.send(message).await.expect("posted");
    assert_eq!(answer.channel, "C123ABC456");
    assert_eq!(answer.message.text, "Here's a message for you");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        "Bearer xoxb-not-a-real-token"
    );
    assert!(request.headers.get("token").is_none());
    assert_eq!(
        body_text(&request),
        "channel=C123ABC456&text=Here%27s+a+message+for+you"
    );

    let refused = json!({"ok": false, "error": "channel_not_found"});
    let server = answering("POST", "/chat.postMessage", 200, refused).await;
    let client = slack::Client::builder()
        .base_url(server.uri())
        .bearer_token("xoxb-not-a-real-token")
        .build()
        .expect("client");
    let error = client
        .send(slack::ChatPostMessageBody::new("C0NOPE".to_owned()))
        .await
        .expect_err("ok: false");
    assert_eq!(error.code(), Some("channel_not_found"));
}

#[tokio::test]
async fn sendgrid_send_posts_the_mail_and_keeps_the_message_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/mail/send"))
        .respond_with(
            ResponseTemplate::new(202).insert_header("X-Message-Id", "W3Fv0uJPSdmkpEaOpXvHLw"),
        )
        .mount(&server)
        .await;
    let client = sendgrid::Client::builder()
        .base_url(server.uri())
        .bearer_token("SG.not-a-real-key")
        .build()
        .expect("client");
    let to = sendgrid::MailTo::new("john.doe@example.com".to_owned());
    let mut mail = sendgrid::SendMailBody::new(
        vec![sendgrid::SendMailBodyPersonalizationsItem::new(vec![to])],
        sendgrid::MailFrom::new("sam.smith@example.com".to_owned()),
    );
    mail.subject = Some("Hello, World!".into());
    mail.content = Some(vec![sendgrid::SendMailBodyContentItem::new(
        "text/plain".to_owned(),
        "Heya!".to_owned(),
    )]);
    let reply = client.send(mail).send_full().await.expect("accepted");
    assert_eq!(reply.status(), 202);
    assert_eq!(reply.request_id(), Some("W3Fv0uJPSdmkpEaOpXvHLw"));
    assert_eq!(
        body_text(&only_request(&server).await),
        r#"{"personalizations":[{"to":[{"email":"john.doe@example.com"}]}],"from":{"email":"sam.smith@example.com"},"subject":"Hello, World!","content":[{"type":"text/plain","value":"Heya!"}]}"#
    );
}
