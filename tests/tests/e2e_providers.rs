//! Twilio, Slack, SendGrid and Square, end to end against a local server, with clients
//! generated from the specs we ship and, when present, from the providers' own specs.
//! Each scenario asserts the exact bytes on the wire and the decoded result.

mod common;

use common::{body_text, header, json_response, only_request};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

macro_rules! twilio_scenarios {
    ($twilio:path) => {
        use crate::*;
        use $twilio as twilio;

        async fn client(server: &MockServer) -> twilio::Client {
            twilio::Client::builder()
                .base_url(server.uri())
                .basic_auth("AC0123456789abcdef0123456789abcdef", "auth-token-xyz")
                .build()
                .expect("client")
        }

        #[tokio::test]
        async fn create_message_sends_pascal_case_form_fields_with_basic_auth() {
            let server = MockServer::start().await;
            let sent = serde_json::json!({"sid": "SM123", "status": "queued", "to": "+15558675310", "body": "Ahoy!"});
            Mock::given(method("POST"))
                .and(path("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json"))
                .respond_with(json_response(201, sent))
                .mount(&server)
                .await;
            let mut body = twilio::CreateMessageBody::new("+15558675310".into());
            body.from = Some("+15017122661".into());
            body.body = Some("Ahoy! Café ☕".into());
            let message = client(&server)
                .await
                .create_message("AC0123456789abcdef0123456789abcdef", body)
                .await
                .expect("sent");
            assert_eq!(message.sid.as_deref(), Some("SM123"));

            let request = only_request(&server).await;
            // base64("AC0123456789abcdef0123456789abcdef:auth-token-xyz")
            assert_eq!(
                header(&request, "authorization"),
                "Basic QUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjphdXRoLXRva2VuLXh5eg=="
            );
            assert_eq!(header(&request, "content-type"), "application/x-www-form-urlencoded");
            assert_eq!(body_text(&request), "To=%2B15558675310&From=%2B15017122661&Body=Ahoy%21+Caf%C3%A9+%E2%98%95");
        }

        #[tokio::test]
        async fn twilio_errors_carry_the_numeric_code_as_a_string() {
            let server = MockServer::start().await;
            let error = serde_json::json!({"code": 21211, "message": "The 'To' number is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400});
            Mock::given(method("POST")).respond_with(json_response(400, error)).mount(&server).await;
            let body = twilio::CreateMessageBody::new("nope".into());
            let error = client(&server).await.create_message("AC1", body).await.expect_err("rejected");
            assert_eq!(error.status(), Some(400));
            assert_eq!(error.code(), Some("21211"));
            assert_eq!(error.api().and_then(|a| a.message.as_deref()), Some("The 'To' number is not a valid phone number."));
        }
    };
}

macro_rules! slack_scenarios {
    ($slack:path) => {
        use crate::*;
        use $slack as slack;

        async fn client(server: &MockServer) -> slack::Client {
            slack::Client::builder().base_url(server.uri()).bearer_token("xoxb-bot-token").build().expect("client")
        }

        fn message_body() -> slack::ChatPostMessageBody {
            let mut body = slack::ChatPostMessageBody::new("C0123456".into());
            body.text = Some("Hello & welcome".into());
            body.unfurl_links = Some(false);
            body
        }

        #[tokio::test]
        async fn post_message_sends_a_form_body() {
            let server = MockServer::start().await;
            let ok = serde_json::json!({"ok": true, "channel": "C0123456", "ts": "1503435956.000247",
                "message": {"text": "Hello & welcome", "type": "message", "ts": "1503435956.000247", "user": "U123"}});
            Mock::given(method("POST")).and(path("/chat.postMessage")).respond_with(json_response(200, ok)).mount(&server).await;
            let posted = client(&server).await.chat_post_message(message_body()).await.expect("posted");
            assert!(posted.ok);
            assert_eq!(posted.ts, "1503435956.000247");
            assert_eq!(posted.message.text, "Hello & welcome");

            let request = only_request(&server).await;
            assert_eq!(header(&request, "authorization"), "Bearer xoxb-bot-token");
            assert!(request.headers.get("token").is_none(), "the token goes only in Authorization");
            assert_eq!(header(&request, "content-type"), "application/x-www-form-urlencoded");
            assert_eq!(body_text(&request), "channel=C0123456&text=Hello+%26+welcome&unfurl_links=false");
        }

        #[tokio::test]
        async fn ok_false_on_http_200_is_an_api_error_with_slacks_code() {
            let server = MockServer::start().await;
            let failed = serde_json::json!({"ok": false, "error": "channel_not_found"});
            Mock::given(method("POST")).and(path("/chat.postMessage")).respond_with(json_response(200, failed)).mount(&server).await;
            let error = client(&server).await.chat_post_message(message_body()).await.expect_err("ok: false");
            assert_eq!(error.status(), Some(200));
            assert_eq!(error.code(), Some("channel_not_found"));
            let typed = error.api().and_then(|a| a.body.as_ref()).expect("the error body decodes");
            assert_eq!(typed.error, slack::ChatPostMessageErrorError::ChannelNotFound);
        }
    };
}

macro_rules! sendgrid_scenarios {
    ($sendgrid:path) => {
        use crate::*;
        use $sendgrid as sendgrid;

        async fn client(server: &MockServer) -> sendgrid::Client {
            sendgrid::Client::builder().base_url(server.uri()).bearer_token("SG.key").build().expect("client")
        }

        fn mail() -> sendgrid::SendMailBody {
            let mut to = sendgrid::MailTo::new("ada@example.com".into());
            to.name = Some("Ada".into());
            let mut body = sendgrid::SendMailBody::new(
                vec![sendgrid::SendMailBodyPersonalizationsItem::new(vec![to])],
                sendgrid::MailFrom::new("noreply@example.com".into()),
            );
            body.subject = Some("Hello".into());
            body.content = Some(vec![sendgrid::SendMailBodyContentItem::new("text/plain".into(), "Hi \"Ada\"".into())]);
            body
        }

        /// A server that accepts every mail with 202 and SendGrid's `X-Message-Id`.
        async fn accepting_server() -> MockServer {
            let server = MockServer::start().await;
            Mock::given(method("POST"))
                .and(path("/v3/mail/send"))
                .respond_with(ResponseTemplate::new(202).insert_header("X-Message-Id", "abc123"))
                .mount(&server)
                .await;
            server
        }

        #[tokio::test]
        async fn send_mail_posts_json_and_accepts_202_with_no_body() {
            let server = accepting_server().await;
            let sent: () = client(&server).await.send_mail(mail()).await.expect("accepted");
            assert_eq!(sent, ());

            let request = only_request(&server).await;
            assert_eq!(header(&request, "authorization"), "Bearer SG.key");
            assert_eq!(header(&request, "content-type"), "application/json");
            assert_eq!(
                body_text(&request),
                r#"{"personalizations":[{"to":[{"email":"ada@example.com","name":"Ada"}]}],"from":{"email":"noreply@example.com"},"subject":"Hello","content":[{"type":"text/plain","value":"Hi \"Ada\""}]}"#
            );
        }

        #[tokio::test]
        async fn a_gzip_content_encoding_sends_the_mail_compressed_and_the_reply_keeps_the_message_id() {
            use std::io::Read as _;
            let server = accepting_server().await;
            let reply = client(&server)
                .await
                .send_mail(mail())
                .content_encoding("gzip")
                .send_full()
                .await
                .expect("accepted");
            assert_eq!(reply.status(), 202);
            assert_eq!(reply.request_id(), Some("abc123"));

            let request = only_request(&server).await;
            assert_eq!(header(&request, "content-encoding"), "gzip");
            let mut json = String::new();
            flate2::read::GzDecoder::new(&request.body[..]).read_to_string(&mut json).expect("a gzip body");
            assert_eq!(
                json,
                r#"{"personalizations":[{"to":[{"email":"ada@example.com","name":"Ada"}]}],"from":{"email":"noreply@example.com"},"subject":"Hello","content":[{"type":"text/plain","value":"Hi \"Ada\""}]}"#
            );
        }

        #[tokio::test]
        async fn sendgrid_errors_decode_as_its_error_response() {
            let server = MockServer::start().await;
            let error = serde_json::json!({"errors": [{"message": "The from email does not contain a valid address.", "field": "from.email", "help": null}]});
            Mock::given(method("POST")).respond_with(json_response(400, error)).mount(&server).await;
            let error = client(&server).await.send_mail(mail()).await.expect_err("rejected");
            assert_eq!(error.code(), Some("from.email"));
            let api = error.api().expect("API error");
            assert_eq!(api.message.as_deref(), Some("The from email does not contain a valid address."));
            let typed = api.body.as_ref().expect("typed");
            assert_eq!(typed.errors.as_ref().map(Vec::len), Some(1));
        }
    };
}

macro_rules! square_scenarios {
    ($square:path) => {
        use integrations_runtime::Nullable;

        use crate::*;
        use $square as square;

        async fn client(server: &MockServer) -> square::Client {
            square::Client::builder().base_url(server.uri()).bearer_token("EAAAl-sandbox").build().expect("client")
        }

        #[tokio::test]
        async fn create_customer_sends_json_with_the_version_header() {
            let server = MockServer::start().await;
            let created = serde_json::json!({"customer": {"id": "JDKYHBWT1D4F8MFH63DBMEN8Y4", "given_name": "Ada", "email_address": "ada@example.com", "version": 0}});
            Mock::given(method("POST")).and(path("/v2/customers")).respond_with(json_response(200, created)).mount(&server).await;
            let address = square::Address {
                address_line_1: Nullable::Value("1 Main St".into()),
                locality: Nullable::Value("London".into()),
                country: Nullable::Value(square::Country::Gb),
                ..Default::default()
            };
            let body = square::CreateCustomerRequest {
                idempotency_key: Some("4d5c3b2a".into()),
                given_name: Some("Ada".into()),
                email_address: Some("ada@example.com".into()),
                address: Some(address),
                ..Default::default()
            };
            let response: square::CreateCustomerResponse = client(&server).await.create_customer(body).await.expect("created");
            let customer = response.customer.expect("a customer");
            assert_eq!(customer.id.as_deref(), Some("JDKYHBWT1D4F8MFH63DBMEN8Y4"));
            assert_eq!(customer.given_name.as_deref(), Some("Ada"));

            let request = only_request(&server).await;
            assert_eq!(header(&request, "square-version"), "2025-08-20");
            assert_eq!(header(&request, "authorization"), "Bearer EAAAl-sandbox");
            assert_eq!(header(&request, "content-type"), "application/json");
            assert_eq!(
                body_text(&request),
                r#"{"idempotency_key":"4d5c3b2a","given_name":"Ada","email_address":"ada@example.com","address":{"address_line_1":"1 Main St","locality":"London","country":"GB"}}"#
            );
        }

        #[tokio::test]
        async fn retrieve_customer_decodes_another_response_type() {
            let server = MockServer::start().await;
            let found = serde_json::json!({"customer": {"id": "C1", "family_name": null, "preferences": {"email_unsubscribed": true}}});
            Mock::given(method("GET")).and(path("/v2/customers/C1")).respond_with(json_response(200, found)).mount(&server).await;
            let response: square::RetrieveCustomerResponse = client(&server).await.retrieve_customer("C1").await.expect("found");
            let customer = response.customer.expect("a customer");
            assert_eq!(customer.family_name, Nullable::Null);
            assert_eq!(customer.preferences.into_option().and_then(|p| p.email_unsubscribed.into_option()), Some(true));
        }

        #[tokio::test]
        async fn square_errors_carry_the_first_error_code() {
            let server = MockServer::start().await;
            let error = serde_json::json!({"errors": [{"category": "INVALID_REQUEST_ERROR", "code": "INVALID_EMAIL_ADDRESS", "detail": "Expected an email address.", "field": "email_address"}]});
            Mock::given(method("POST")).respond_with(json_response(400, error)).mount(&server).await;
            let error = client(&server).await.create_customer(square::CreateCustomerRequest::default()).await.expect_err("rejected");
            assert_eq!(error.code(), Some("INVALID_EMAIL_ADDRESS"));
            assert_eq!(error.api().and_then(|a| a.message.as_deref()), Some("Expected an email address."));
        }
    };
}

mod shipped {
    mod twilio {
        twilio_scenarios!(integrations_tests::shipped::shipped_twilio);
    }
    mod slack {
        slack_scenarios!(integrations_tests::shipped::shipped_slack);
    }
    mod sendgrid {
        sendgrid_scenarios!(integrations_tests::shipped::shipped_sendgrid);
    }
    mod square {
        square_scenarios!(integrations_tests::shipped::shipped_square);
    }
}

/// Slack's scenarios through a Swagger 2.0 description of our own: formData parameters
/// become the form body, and the OAuth 2.0 definition becomes bearer auth.
mod swagger2_fixture {
    mod slack {
        slack_scenarios!(integrations_tests::provider_fixtures::fixture_slack_swagger2);
    }
}

#[cfg(upstream_specs)]
mod upstream {
    mod twilio {
        twilio_scenarios!(integrations_tests::upstream::upstream_twilio);
    }
    mod slack {
        slack_scenarios!(integrations_tests::upstream::upstream_slack);
    }
    mod sendgrid {
        sendgrid_scenarios!(integrations_tests::upstream::upstream_sendgrid);
    }
    mod square {
        square_scenarios!(integrations_tests::upstream::upstream_square);
    }
}

#[cfg(not(upstream_specs))]
#[test]
fn upstream_specs_are_absent() {
    common::skip("../shared/upstream-specs is absent; the scenarios ran against specs/ only");
}
