//! Stripe, end to end against a local server: form bodies with nested metadata and
//! arrays, deepObject queries, bearer auth, and a typed error body with Stripe's code.
//!
//! The same scenarios run against the client generated from the spec we ship
//! (`specs/stripe/openapi.yaml`) and, when present, from Stripe's own spec.

mod common;

use common::{body_text, header, json_response, only_request};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

macro_rules! stripe_scenarios {
    ($stripe:path) => {
        use std::collections::BTreeMap;

        use super::*;
        use $stripe as stripe;

        async fn client(server: &MockServer) -> stripe::Client {
            stripe::Client::builder().base_url(server.uri()).bearer_token("sk_test_4eC39HqLyjWDarjtT1zdp7dc").build().expect("client")
        }

        fn customer_json() -> serde_json::Value {
            serde_json::json!({"id": "cus_123", "object": "customer", "created": 1700000000, "livemode": false, "email": "ada@example.com", "metadata": {"order_id": "6735"}})
        }

        #[tokio::test]
        async fn create_customer_sends_a_nested_form_with_bearer_auth() {
            let server = MockServer::start().await;
            Mock::given(method("POST")).and(path("/v1/customers")).respond_with(json_response(200, customer_json())).mount(&server).await;
            let body = stripe::PostCustomersBody {
                email: Some("ada@example.com".into()),
                name: Some("Ada Lovelace".into()),
                metadata: Some(
                    BTreeMap::from([
                        ("order_id".to_owned(), "6735".to_owned()),
                        ("plan".to_owned(), "pro plus".to_owned()),
                    ])
                    .into(),
                ),
                preferred_locales: Some(vec!["en".into(), "fr".into()]),
                ..Default::default()
            };
            let customer = client(&server).await.post_customers(body).await.expect("created");
            assert_eq!(customer.id, "cus_123");
            assert_eq!(customer.email.as_deref(), Some("ada@example.com"));

            let request = only_request(&server).await;
            assert_eq!(header(&request, "authorization"), "Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc");
            assert_eq!(header(&request, "content-type"), "application/x-www-form-urlencoded");
            assert_eq!(
                body_text(&request),
                "email=ada%40example.com&metadata%5Border_id%5D=6735&metadata%5Bplan%5D=pro+plus&name=Ada+Lovelace&preferred_locales%5B0%5D=en&preferred_locales%5B1%5D=fr"
            );
        }

        #[tokio::test]
        async fn list_customers_encodes_deep_object_queries() {
            let server = MockServer::start().await;
            let list = serde_json::json!({"object": "list", "url": "/v1/customers", "has_more": false, "data": [customer_json()]});
            Mock::given(method("GET")).and(path("/v1/customers")).respond_with(json_response(200, list)).mount(&server).await;
            let created = stripe::GetCustomersCreated::RangeQuerySpecs(stripe::GetCustomersCreatedRangeQuerySpecs {
                gte: Some(1700000000),
                lt: Some(1800000000),
                ..Default::default()
            });
            let page = client(&server)
                .await
                .get_customers()
                .created(created)
                .expand(vec!["data.default_source".into()])
                .limit(3)
                .await
                .expect("listed");
            assert_eq!(page.data.len(), 1);
            assert!(!page.has_more);

            let request = only_request(&server).await;
            assert_eq!(
                request.url.query(),
                Some("created%5Bgte%5D=1700000000&created%5Blt%5D=1800000000&expand%5B0%5D=data.default_source&limit=3")
            );
            assert!(request.body.is_empty());
        }

        #[tokio::test]
        async fn a_declined_card_is_a_typed_error_with_stripes_code() {
            let server = MockServer::start().await;
            let declined = serde_json::json!({"error": {"code": "card_declined", "decline_code": "insufficient_funds", "message": "Your card has insufficient funds.", "type": "card_error"}});
            Mock::given(method("POST")).and(path("/v1/payment_intents")).respond_with(json_response(402, declined)).mount(&server).await;
            let body = stripe::PostPaymentIntentsBody::new(2000, "usd".into());
            let error = client(&server).await.post_payment_intents(body).await.expect_err("declined");
            assert_eq!(error.status(), Some(402));
            assert_eq!(error.code(), Some("card_declined"));
            let api = error.api().expect("an API error");
            assert_eq!(api.message.as_deref(), Some("Your card has insufficient funds."));
            let typed: &stripe::Error = api.body.as_ref().expect("the body decodes as Stripe's error");
            assert_eq!(typed.error.decline_code.as_deref(), Some("insufficient_funds"));
            assert_eq!(typed.error.r#type, stripe::ApiErrorsType::CardError);
            assert!(error.to_string().contains("PostPaymentIntents") && error.to_string().contains("card_declined"), "{error}");

            let request = only_request(&server).await;
            assert_eq!(body_text(&request), "amount=2000&currency=usd");
        }

        #[tokio::test]
        async fn a_path_parameter_is_percent_encoded() {
            let server = MockServer::start().await;
            Mock::given(method("GET")).and(path("/v1/customers/cus%2F1%20x")).respond_with(json_response(200, customer_json())).mount(&server).await;
            let customer = client(&server).await.get_customers_customer("cus/1 x").await.expect("fetched");
            assert!(matches!(customer, stripe::GetCustomersCustomerResponse::Customer(ref c) if c.id == "cus_123"), "{customer:?}");
            assert_eq!(only_request(&server).await.url.path(), "/v1/customers/cus%2F1%20x");
        }
    };
}

mod shipped {
    stripe_scenarios!(integrations_tests::shipped::shipped_stripe);
}

#[cfg(upstream_specs)]
mod upstream {
    stripe_scenarios!(integrations_tests::upstream::upstream_stripe);
}

#[cfg(not(upstream_specs))]
#[test]
fn upstream_stripe_spec_is_absent() {
    common::skip("../shared/upstream-specs is absent; the scenarios ran against specs/stripe only");
}
