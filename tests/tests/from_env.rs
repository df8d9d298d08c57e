//! `Client::from_env`: each provider reads the variables `provider.toml` names, and a
//! missing, empty or malformed one is an error naming it, before any request is made.
//! Most cases read from a map through `from_env_with`; one test sets the process
//! environment itself, to show `from_env()` reads it.

mod common;

use std::collections::HashMap;
use std::ffi::OsString;

use integrations_runtime::{EnvProblem, FromEnvError};
use integrations_tests::shipped::{shipped_sendgrid as sendgrid, shipped_stripe as stripe};
use integrations_tests::shipped::{shipped_square as square, shipped_twilio as twilio};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
    let vars: HashMap<String, OsString> = vars
        .iter()
        .map(|(name, value)| ((*name).to_owned(), OsString::from(value)))
        .collect();
    move |name| vars.get(name).cloned()
}

fn problem(error: &FromEnvError) -> (&'static str, EnvProblem) {
    match error {
        FromEnvError::Variable { variable, problem } => (variable, problem.clone()),
        other => panic!("expected a variable error, got {other}"),
    }
}

#[test]
fn each_provider_names_its_variables() {
    assert_eq!(stripe::ENV.bearer, Some("STRIPE_API_KEY"));
    assert_eq!(square::ENV.bearer, Some("SQUARE_ACCESS_TOKEN"));
    assert_eq!(sendgrid::ENV.bearer, Some("SENDGRID_API_KEY"));
    assert_eq!(
        twilio::ENV.basic,
        Some(("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"))
    );
    assert_eq!(stripe::API.base_url_env, Some("STRIPE_BASE_URL"));
}

#[test]
fn a_missing_credential_is_named() {
    let error = stripe::Client::builder()
        .from_env_with(&stripe::ENV, &lookup(&[]))
        .expect_err("missing");
    assert_eq!(problem(&error), ("STRIPE_API_KEY", EnvProblem::Missing));
    assert_eq!(
        error.to_string(),
        "environment variable `STRIPE_API_KEY` is not set"
    );

    // Basic needs both halves; the missing one is named.
    let error = twilio::Client::builder()
        .from_env_with(&twilio::ENV, &lookup(&[("TWILIO_ACCOUNT_SID", "AC123")]))
        .expect_err("missing password");
    assert_eq!(problem(&error), ("TWILIO_AUTH_TOKEN", EnvProblem::Missing));
}

#[test]
fn an_empty_variable_is_named_whether_required_or_optional() {
    let error = stripe::Client::builder()
        .from_env_with(&stripe::ENV, &lookup(&[("STRIPE_API_KEY", "  ")]))
        .expect_err("empty");
    assert_eq!(problem(&error), ("STRIPE_API_KEY", EnvProblem::Empty));

    let error = stripe::Client::builder()
        .from_env_with(
            &stripe::ENV,
            &lookup(&[("STRIPE_API_KEY", "sk_test_1"), ("STRIPE_BASE_URL", "")]),
        )
        .expect_err("empty base URL");
    assert_eq!(problem(&error), ("STRIPE_BASE_URL", EnvProblem::Empty));
}

#[test]
fn a_malformed_variable_is_named_without_echoing_the_secret() {
    for (value, expected) in [
        ("sk_test_1\n", "a line break"),
        ("sk_test 1", "white space"),
        ("\"sk_test_1\"", "wrapped in quotes"),
    ] {
        let error = stripe::Client::builder()
            .from_env_with(&stripe::ENV, &lookup(&[("STRIPE_API_KEY", value)]))
            .expect_err("malformed");
        let (variable, problem) = problem(&error);
        assert_eq!(variable, "STRIPE_API_KEY");
        let EnvProblem::Malformed(reason) = problem else {
            panic!("expected malformed, got {problem:?}");
        };
        assert!(reason.contains(expected), "{reason}");
        assert!(
            !error.to_string().contains("sk_test"),
            "the secret is not echoed: {error}"
        );
    }
    for url in [
        "not a url",
        "ftp://files.example.com",
        "mailto:ops@example.com",
    ] {
        let error = stripe::Client::builder()
            .from_env_with(
                &stripe::ENV,
                &lookup(&[("STRIPE_API_KEY", "sk_test_1"), ("STRIPE_BASE_URL", url)]),
            )
            .expect_err("malformed URL");
        assert_eq!(problem(&error).0, "STRIPE_BASE_URL", "{url}");
        assert!(matches!(problem(&error).1, EnvProblem::Malformed(_)));
    }
}

#[cfg(unix)]
#[test]
fn a_variable_that_is_not_unicode_is_named() {
    use std::os::unix::ffi::OsStringExt as _;
    let bytes = OsString::from_vec(vec![b's', b'k', 0xff]);
    let error = stripe::Client::builder()
        .from_env_with(&stripe::ENV, &move |name: &str| {
            (name == "STRIPE_API_KEY").then(|| bytes.clone())
        })
        .expect_err("not UTF-8");
    assert_eq!(problem(&error), ("STRIPE_API_KEY", EnvProblem::NotUnicode));
}

#[tokio::test]
async fn from_env_reads_the_process_environment_and_the_client_uses_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/2010-04-01/Accounts/AC123/Messages/SM1.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"sid": "SM1"})))
        .mount(&server)
        .await;
    // The only test in this binary that touches the process environment; the others
    // read maps, so no other thread reads variables while these are set.
    unsafe {
        std::env::set_var("TWILIO_ACCOUNT_SID", "AC123");
        std::env::set_var("TWILIO_AUTH_TOKEN", "secret-token");
        std::env::set_var("TWILIO_BASE_URL", server.uri());
    }
    let client = twilio::Client::from_env().expect("configured");
    let message = client
        .messages()
        .get("AC123", "SM1")
        .await
        .expect("fetched");
    assert_eq!(message.sid.as_deref(), Some("SM1"));
    let requests = server.received_requests().await.expect("recording");
    // base64("AC123:secret-token")
    assert_eq!(
        requests[0]
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some("Basic QUMxMjM6c2VjcmV0LXRva2Vu")
    );
    unsafe {
        std::env::remove_var("TWILIO_AUTH_TOKEN");
    }
    let error = twilio::Client::from_env().expect_err("missing");
    assert_eq!(error.variable(), Some("TWILIO_AUTH_TOKEN"));
}

#[test]
fn a_mode_variable_chooses_the_environment_unless_the_base_url_is_set() {
    use integrations_tests::shipped::shipped_paypal as paypal;
    let base_url = |vars: &[(&str, &str)]| {
        paypal::Client::builder()
            .from_env_with(&paypal::ENV, &lookup(vars))
            .expect("configured")
            .build()
            .expect("built")
            .runtime()
            .base_url()
            .to_owned()
    };
    let token = ("PAYPAL_ACCESS_TOKEN", "A21AAFEpH4PsADK7qSS7pSRsgzfENtu");
    assert_eq!(base_url(&[token]), "https://api-m.sandbox.paypal.com");
    assert_eq!(
        base_url(&[token, ("PAYPAL_MODE", "live")]),
        "https://api-m.paypal.com"
    );
    assert_eq!(
        base_url(&[token, ("PAYPAL_MODE", "Sandbox")]),
        "https://api-m.sandbox.paypal.com"
    );
    // The base URL variable wins.
    assert_eq!(
        base_url(&[
            token,
            ("PAYPAL_MODE", "live"),
            ("PAYPAL_BASE_URL", "http://127.0.0.1:9")
        ]),
        "http://127.0.0.1:9"
    );
    let error = paypal::Client::builder()
        .from_env_with(
            &paypal::ENV,
            &lookup(&[token, ("PAYPAL_MODE", "production")]),
        )
        .expect_err("no such mode");
    assert_eq!(
        error.to_string(),
        "environment variable `PAYPAL_MODE` is malformed: it names no environment; it should be `live` or `sandbox`"
    );
    let error = paypal::Client::builder()
        .from_env_with(&paypal::ENV, &lookup(&[token, ("PAYPAL_MODE", " ")]))
        .expect_err("empty");
    assert_eq!(problem(&error), ("PAYPAL_MODE", EnvProblem::Empty));

    let square_url = square::Client::builder()
        .from_env_with(
            &square::ENV,
            &lookup(&[
                ("SQUARE_ACCESS_TOKEN", "EAAAl1"),
                ("SQUARE_MODE", "sandbox"),
            ]),
        )
        .expect("configured")
        .build()
        .expect("built")
        .runtime()
        .base_url()
        .to_owned();
    assert_eq!(square_url, "https://connect.squareupsandbox.com");
}

/// The PayPal application's variables (its client id and secret), without a token.
const PAYPAL_APP: [(&str, &str); 2] = [
    ("PAYPAL_CLIENT_ID", "client-id"),
    ("PAYPAL_CLIENT_SECRET", "client-secret"),
];

/// PayPal's answer to showing order `5O190127TN364715T` (the fields the tests read).
fn paypal_order() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({"id": "5O190127TN364715T", "status": "CREATED"}))
}

/// PayPal's documented answer to the client-credentials grant.
fn paypal_token() -> serde_json::Value {
    serde_json::json!({
        "scope": "https://uri.paypal.com/services/invoicing https://uri.paypal.com/services/vault/payment-tokens/read https://uri.paypal.com/services/disputes/read-buyer https://uri.paypal.com/services/payments/realtimepayment",
        "access_token": "A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg",
        "token_type": "Bearer",
        "app_id": "APP-80W284485P519543T",
        "expires_in": 31668,
        "nonce": "2020-04-03T15:35:36ZaYZlGvEkV4yVSz8g6bAKFoGSEzuy3CQcz3ljhibkOHg"
    })
}

#[tokio::test]
async fn without_a_token_paypal_fetches_one_with_the_apps_credentials() {
    use integrations::paypal;
    use wiremock::matchers::{body_string, header};

    let server = MockServer::start().await;
    // The token endpoint is on the API's host, so it follows the base URL.
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .and(header(
            "authorization",
            "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ=",
        ))
        .and(body_string("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(paypal_token()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/checkout/orders/5O190127TN364715T"))
        .and(header(
            "authorization",
            "Bearer A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg",
        ))
        .respond_with(paypal_order())
        .expect(2)
        .mount(&server)
        .await;
    let client: paypal::Client = paypal::Client::builder()
        .from_env_with(
            &paypal::ENV,
            &lookup(&[
                PAYPAL_APP[0],
                PAYPAL_APP[1],
                ("PAYPAL_BASE_URL", &server.uri()),
            ]),
        )
        .expect("configured")
        .build()
        .expect("a client");
    for _ in 0..2 {
        let order = client
            .orders_get("5O190127TN364715T")
            .await
            .expect("the order");
        assert_eq!(order.id.as_deref(), Some("5O190127TN364715T"));
    }
    // `expect(1)` on the token endpoint: the token was fetched once and reused.
}

#[tokio::test]
async fn without_a_token_dropbox_refreshes_the_refresh_token() {
    use integrations::dropbox;
    use wiremock::matchers::body_string_contains;

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=offline-refresh"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "sl.u.AbX9y6Fe3AuH5o66-gmJpR032jwAwQPIVVzWXZNkdzcYT02akC2de219dZi6gxYPVnYPrpvISRSf9lxKWJzYLjtMPH-d9fo_0gXex7X37VIvpty4-G8f4-WX45AcEPfRnJJDwzv-",
            "expires_in": 14400,
            "token_type": "bearer"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/2/files/get_metadata"))
        .and(wiremock::matchers::header(
            "authorization",
            "Bearer sl.u.AbX9y6Fe3AuH5o66-gmJpR032jwAwQPIVVzWXZNkdzcYT02akC2de219dZi6gxYPVnYPrpvISRSf9lxKWJzYLjtMPH-d9fo_0gXex7X37VIvpty4-G8f4-WX45AcEPfRnJJDwzv-",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            integrations_tests_documented_file(),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client: dropbox::Client = dropbox::Client::builder()
        .from_env_with(
            &dropbox::ENV,
            &lookup(&[
                ("DROPBOX_APP_KEY", "app-key"),
                ("DROPBOX_APP_SECRET", "app-secret"),
                ("DROPBOX_REFRESH_TOKEN", "offline-refresh"),
                ("DROPBOX_BASE_URL", &format!("{}/2", server.uri())),
            ]),
        )
        .expect("configured")
        .build()
        .expect("a client");
    let found = client
        .files()
        .get(dropbox::GetMetadataArg::new(
            "/Homework/math/Prime_Numbers.txt".to_owned(),
        ))
        .await
        .expect("metadata");
    assert!(matches!(found, dropbox::Metadata::FileMetadata(ref file) if file.size == 7212));
}

fn integrations_tests_documented_file() -> serde_json::Value {
    let mut file = common::documented::dropbox_file_metadata();
    file[".tag"] = serde_json::json!("file");
    file
}

#[test]
fn the_oauth_variables_are_named_when_they_are_missing_or_wrong() {
    use integrations::{google_drive, paypal};

    // Neither a token nor the application's credentials.
    let error = paypal::Client::builder()
        .from_env_with(&paypal::ENV, &lookup(&[]))
        .expect_err("nothing set");
    assert_eq!(
        error.to_string(),
        "environment variable `PAYPAL_ACCESS_TOKEN` is not set, nor are `PAYPAL_CLIENT_ID` and `PAYPAL_CLIENT_SECRET`, from which a token could be fetched"
    );
    // Half of the application's credentials.
    let error = paypal::Client::builder()
        .from_env_with(&paypal::ENV, &lookup(&[("PAYPAL_CLIENT_ID", "client-id")]))
        .expect_err("no secret");
    assert_eq!(
        problem(&error),
        ("PAYPAL_CLIENT_SECRET", EnvProblem::Missing)
    );
    // A secret pasted with its newline.
    let error = paypal::Client::builder()
        .from_env_with(
            &paypal::ENV,
            &lookup(&[
                ("PAYPAL_CLIENT_ID", "id"),
                ("PAYPAL_CLIENT_SECRET", "s3cret\n"),
            ]),
        )
        .expect_err("a newline");
    assert_eq!(problem(&error).0, "PAYPAL_CLIENT_SECRET");
    assert!(!error.to_string().contains("s3cret"), "{error}");
    // Drive has no client-credentials grant: the refresh token is needed.
    let error = google_drive::Client::builder()
        .from_env_with(
            &google_drive::ENV,
            &lookup(&[
                ("GOOGLE_CLIENT_ID", "id"),
                ("GOOGLE_CLIENT_SECRET", "secret"),
            ]),
        )
        .expect_err("no refresh token");
    assert_eq!(
        problem(&error),
        ("GOOGLE_REFRESH_TOKEN", EnvProblem::Missing)
    );
    let error = google_drive::Client::builder()
        .from_env_with(
            &google_drive::ENV,
            &lookup(&[("GOOGLE_DRIVE_ACCESS_TOKEN", "")]),
        )
        .expect_err("an empty token");
    assert_eq!(
        problem(&error),
        ("GOOGLE_DRIVE_ACCESS_TOKEN", EnvProblem::Empty)
    );
    // A token, when given, wins: nothing else is read.
    assert!(
        google_drive::Client::builder()
            .from_env_with(
                &google_drive::ENV,
                &lookup(&[("GOOGLE_DRIVE_ACCESS_TOKEN", "ya29.a0")])
            )
            .is_ok()
    );
}

#[tokio::test]
async fn dropbox_uploads_go_to_the_content_url_the_environment_names() {
    use integrations::dropbox;

    let (rpc, content) = (MockServer::start().await, MockServer::start().await);
    Mock::given(method("POST"))
        .and(path("/2/files/upload"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(common::documented::dropbox_file_metadata()),
        )
        .expect(1)
        .mount(&content)
        .await;
    let vars = [
        ("DROPBOX_ACCESS_TOKEN", "sl.token"),
        ("DROPBOX_BASE_URL", &format!("{}/2", rpc.uri())),
        ("DROPBOX_CONTENT_BASE_URL", &format!("{}/2", content.uri())),
    ];
    let client: dropbox::Client = dropbox::Client::builder()
        .from_env_with(&dropbox::ENV, &lookup(&vars))
        .expect("configured")
        .build()
        .expect("a client");
    client
        .upload(dropbox::UploadArg::new("/a.txt".to_owned()), b"a".to_vec())
        .await
        .expect("uploaded on the content host");
    assert!(rpc.received_requests().await.unwrap_or_default().is_empty());

    let error = dropbox::Client::builder()
        .from_env_with(
            &dropbox::ENV,
            &lookup(&[
                ("DROPBOX_ACCESS_TOKEN", "sl.token"),
                ("DROPBOX_CONTENT_BASE_URL", "content.dropboxapi.com/2"),
            ]),
        )
        .expect_err("not a URL");
    assert_eq!(problem(&error).0, "DROPBOX_CONTENT_BASE_URL");
}

#[tokio::test]
async fn salesforce_refreshes_at_the_login_url_and_calls_the_org_host_at_its_version() {
    use integrations::salesforce;
    use wiremock::matchers::{body_string_contains, header};

    let (login, org) = (MockServer::start().await, MockServer::start().await);
    // Salesforce's documented answer to the refresh-token grant.
    Mock::given(method("POST"))
        .and(path("/services/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=5Aep861TSESvWeug_xvFHRBTTbf"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "00DD0000000FJ6T!AQkAQNM0g6xP9ALLPzPkmZ6SRhjt2b6t_zmOJTYwpyPmFt0jhfbQQ_1b_ymLPyOeuEqxCakYLMfF8DIQmeDrjwhFTOEqaf0A",
            "signature": "NFOpwV6gIqmCdh7bqK6BPcBodRXJ6GJaYjLgzaGY8ig=",
            "scope": "refresh_token full",
            // As documented: the org named in SALESFORCE_INSTANCE_URL is where calls go.
            "instance_url": "https://MyDomainName.my.salesforce.com",
            "id": "https://login.salesforce.com/id/00DD0000000FJ6TMAW/005D0000001a3fTIAQ",
            "token_type": "Bearer",
            "issued_at": "1690384390573"
        })))
        .expect(1)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(path("/services/data/v64.0/sobjects/Opportunity/006D000000IqhSLIAZ"))
        .and(header(
            "authorization",
            "Bearer 00DD0000000FJ6T!AQkAQNM0g6xP9ALLPzPkmZ6SRhjt2b6t_zmOJTYwpyPmFt0jhfbQQ_1b_ymLPyOeuEqxCakYLMfF8DIQmeDrjwhFTOEqaf0A",
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(common::documented::salesforce_opportunity()),
        )
        .expect(1)
        .mount(&org)
        .await;
    let vars = [
        ("SALESFORCE_CLIENT_ID", "3MVG9lKcPoNINVBIPJjdw1J9LLM82Hn"),
        ("SALESFORCE_CLIENT_SECRET", "6CF2DD2F4C5D1E3B"),
        ("SALESFORCE_REFRESH_TOKEN", "5Aep861TSESvWeug_xvFHRBTTbf"),
        ("SALESFORCE_LOGIN_URL", &login.uri()),
        ("SALESFORCE_INSTANCE_URL", &org.uri()),
        ("SALESFORCE_API_VERSION", "64.0"),
    ];
    let client: salesforce::Client = salesforce::Client::builder()
        .from_env_with(&salesforce::ENV, &lookup(&vars))
        .expect("configured")
        .build()
        .expect("a client");
    let deal = client
        .opportunities()
        .get("006D000000IqhSLIAZ")
        .await
        .expect("the opportunity");
    assert_eq!(deal.stage_name.as_deref(), Some("Closed Won"));
}

#[test]
fn salesforce_needs_its_org_host_unless_the_whole_base_url_is_given() {
    use integrations::salesforce;

    let token = ("SALESFORCE_ACCESS_TOKEN", "00D5g000004xyz!AQ0AQ");
    let error = salesforce::Client::builder()
        .from_env_with(&salesforce::ENV, &lookup(&[token]))
        .expect_err("no host");
    assert_eq!(
        problem(&error),
        (
            "SALESFORCE_INSTANCE_URL",
            EnvProblem::MissingWithStandIns(vec!["SALESFORCE_BASE_URL"])
        )
    );
    let base = (
        "SALESFORCE_BASE_URL",
        "https://acme.my.salesforce.com/services/data/v62.0",
    );
    let client: salesforce::Client = salesforce::Client::builder()
        .from_env_with(&salesforce::ENV, &lookup(&[token, base]))
        .expect("the base URL stands in")
        .build()
        .expect("a client");
    assert_eq!(
        client.runtime().base_url(),
        "https://acme.my.salesforce.com/services/data/v62.0"
    );
    let host = ("SALESFORCE_INSTANCE_URL", "https://acme.my.salesforce.com");
    let client: salesforce::Client = salesforce::Client::builder()
        .from_env_with(&salesforce::ENV, &lookup(&[token, host]))
        .expect("the host")
        .build()
        .expect("a client");
    assert_eq!(
        client.runtime().base_url(),
        "https://acme.my.salesforce.com/services/data/v63.0"
    );

    for (variable, value) in [
        ("SALESFORCE_API_VERSION", "v64.0"),
        ("SALESFORCE_API_VERSION", " "),
        ("SALESFORCE_INSTANCE_URL", "acme.my.salesforce.com"),
        (
            "SALESFORCE_INSTANCE_URL",
            "https://acme.my.salesforce.com/services/data",
        ),
    ] {
        let vars = [token, host, (variable, value)];
        let error = salesforce::Client::builder()
            .from_env_with(&salesforce::ENV, &lookup(&vars))
            .expect_err(value);
        assert_eq!(error.variable(), Some(variable), "{value:?}: {error}");
    }
    let error = salesforce::Client::builder()
        .from_env_with(
            &salesforce::ENV,
            &lookup(&[
                host,
                ("SALESFORCE_CLIENT_ID", "3MVG9lKcPoNINVBIPJjdw1J9LLM82Hn"),
                ("SALESFORCE_CLIENT_SECRET", "6CF2DD2F4C5D1E3B"),
                ("SALESFORCE_REFRESH_TOKEN", "5Aep861TSESvWeug_xvFHRBTTbf"),
                ("SALESFORCE_LOGIN_URL", "test.salesforce.com"),
            ]),
        )
        .expect_err("not a URL");
    assert_eq!(error.variable(), Some("SALESFORCE_LOGIN_URL"));
}

#[tokio::test]
async fn version_headers_and_a_company_domain_come_from_the_environment() {
    use integrations::{pipedrive, stripe as facade_stripe};
    use wiremock::matchers::header;

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/customers/cus_NffrFeUfNV2Hib"))
        .and(header("stripe-version", "2024-06-20"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(common::stripe_customer(
                "cus_NffrFeUfNV2Hib",
                "jenny.rosen@example.com",
            )),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client: facade_stripe::Client = facade_stripe::Client::builder()
        .from_env_with(
            &facade_stripe::ENV,
            &lookup(&[
                ("STRIPE_API_KEY", "sk_test_123"),
                ("STRIPE_API_VERSION", "2024-06-20"),
                ("STRIPE_BASE_URL", &server.uri()),
            ]),
        )
        .expect("configured")
        .build()
        .expect("a client");
    client
        .customers()
        .get("cus_NffrFeUfNV2Hib")
        .await
        .expect("sent with the version");

    let error = facade_stripe::Client::builder()
        .from_env_with(
            &facade_stripe::ENV,
            &lookup(&[
                ("STRIPE_API_KEY", "sk_test_123"),
                ("STRIPE_API_VERSION", "2024-06-20\nX-Injected: 1"),
            ]),
        )
        .expect_err("a line break");
    assert_eq!(error.variable(), Some("STRIPE_API_VERSION"));

    let client: pipedrive::Client = pipedrive::Client::builder()
        .from_env_with(
            &pipedrive::ENV,
            &lookup(&[
                ("PIPEDRIVE_API_TOKEN", "pipedrive-token"),
                ("PIPEDRIVE_API_DOMAIN", "https://acme.pipedrive.com"),
            ]),
        )
        .expect("configured")
        .build()
        .expect("a client");
    assert_eq!(
        client.runtime().base_url(),
        "https://acme.pipedrive.com/api/v2"
    );
    let error = pipedrive::Client::builder()
        .from_env_with(
            &pipedrive::ENV,
            &lookup(&[
                ("PIPEDRIVE_API_TOKEN", "pipedrive-token"),
                ("PIPEDRIVE_API_DOMAIN", "acme.pipedrive.com"),
            ]),
        )
        .expect_err("not a URL");
    assert_eq!(error.variable(), Some("PIPEDRIVE_API_DOMAIN"));

    // Square's version replaces the one the client sends by default.
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4"))
        .and(header("square-version", "2024-01-18"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .expect(2)
        .mount(&server)
        .await;
    // Square from the environment (`SQUARE_VERSION` among it), after `set_in_code`, then
    // one call: each version header the server saw.
    let versions_sent = |set_in_code: Option<&'static str>| {
        let base = server.uri();
        async move {
            let mut builder = integrations::square::Client::builder();
            if let Some(version) = set_in_code {
                builder = builder.default_header("square-version", version);
            }
            let vars = [
                ("SQUARE_ACCESS_TOKEN", "EAAAEexample"),
                ("SQUARE_VERSION", "2024-01-18"),
                ("SQUARE_BASE_URL", base.as_str()),
            ];
            let client: integrations::square::Client = builder
                .from_env_with(&integrations::square::ENV, &lookup(&vars))
                .expect("configured")
                .build()
                .expect("a client");
            client
                .customers()
                .delete("JDKYHBWT1D4F8MFH63DBMEN8Y4")
                .await
                .expect("sent with the version");
        }
    };
    versions_sent(None).await;
    let sent = server.received_requests().await.expect("recording");
    assert_eq!(sent[0].headers.get_all("square-version").iter().count(), 1);

    // Set in code as well as in the environment: the later one is sent, once.
    versions_sent(Some("2023-10-18")).await;
    let sent = server.received_requests().await.expect("recording");
    let versions: Vec<&str> = sent[1]
        .headers
        .get_all("square-version")
        .iter()
        .map(|v| v.to_str().unwrap_or_default())
        .collect();
    assert_eq!(versions, ["2024-01-18"]);
}

#[tokio::test]
async fn a_base_url_set_after_from_env_takes_the_token_endpoint_along() {
    use integrations::paypal;

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(paypal_token()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/checkout/orders/5O190127TN364715T"))
        .respond_with(paypal_order())
        .expect(1)
        .mount(&server)
        .await;
    // The environment names only the application; the test's server comes after.
    let client: paypal::Client = paypal::Client::builder()
        .from_env_with(&paypal::ENV, &lookup(&PAYPAL_APP))
        .expect("configured")
        .base_url(server.uri())
        .build()
        .expect("a client");
    client
        .orders_get("5O190127TN364715T")
        .await
        .expect("the token came from the test's server");
}
