//! What the OAuth client puts on the wire for each provider convention, and how it reads
//! each provider's answers: Slack (HTTP Basic, comma-separated scopes, `user_scope`,
//! errors as HTTP 200 with `"ok": false`), Square (a JSON token request, `expires_at`,
//! `errors: [...]`), Salesforce (the secret in the form body, `instance_url` as the
//! connection's base URL), and answers that are not token responses at all. The answers
//! are the providers' documented examples.

#![cfg(feature = "oauth")]

use std::sync::Arc;

use integrations_runtime::oauth::{
    ClientAuth, GrantError, MemoryStore, OAuthClient, OAuthError, OAuthProvider,
};
use integrations_runtime::{ApiDescription, Client, Method, Request, SchemeKind, SecurityScheme};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const REDIRECT: &str = "https://app.example.com/oauth/callback";

fn client(provider: OAuthProvider, server: &MockServer) -> OAuthClient {
    OAuthClient::builder(provider, "3336676.569200954261")
        .client_secret("2141029472.691202649728")
        .redirect_uri(REDIRECT)
        .token_url(format!("{}/token", server.uri()))
        .build()
        .expect("a client")
}

async fn answering(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json"),
        )
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1, "one token request");
    requests.pop().expect("a request")
}

fn header(request: &wiremock::Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("text").to_owned())
}

/// The query parameters of `url`, decoded, in order.
fn query(url: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(url)
        .expect("a URL")
        .query_pairs()
        .into_owned()
        .collect()
}

/// The callback a provider would redirect to for `state`.
fn callback_for(state: &str) -> String {
    format!("{REDIRECT}?code=1234.5678&state={state}")
}

const SLACK: OAuthProvider = OAuthProvider::new(
    "Slack",
    "https://slack.com/oauth/v2/authorize",
    "https://slack.com/api/oauth.v2.access",
)
.scope_separator(",")
.client_auth(ClientAuth::Basic);

#[tokio::test]
async fn slack_authorizes_with_comma_scopes_and_exchanges_with_basic_auth() {
    // Slack's documented oauth.v2.access answer.
    let server = answering(
        200,
        json!({
            "ok": true,
            "access_token": "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
            "token_type": "bot",
            "scope": "commands,incoming-webhook",
            "bot_user_id": "U0KRQLJ9H",
            "app_id": "A0KRD7HC3",
            "team": {"name": "Slack Softball Team", "id": "T9TK3CUKW"},
            "enterprise": {"name": "slack-sports", "id": "E12345678"},
            "authed_user": {
                "id": "U1234",
                "scope": "chat:write",
                "access_token": "xoxp-1234",
                "token_type": "user"
            }
        }),
    )
    .await;
    let slack = client(SLACK, &server);
    let start = slack
        .authorize_with(
            &["commands", "incoming-webhook"],
            &[("user_scope", "chat:write")],
        )
        .expect("a URL");
    assert!(
        start
            .url
            .starts_with("https://slack.com/oauth/v2/authorize?"),
        "{}",
        start.url
    );
    let verifier = start.verifier.clone().expect("a verifier");
    let challenge = {
        use base64::Engine as _;
        use sha2::Digest as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(verifier.expose().as_bytes()))
    };
    let expected: Vec<(String, String)> = [
        ("response_type", "code"),
        ("client_id", "3336676.569200954261"),
        ("redirect_uri", REDIRECT),
        ("scope", "commands,incoming-webhook"),
        ("state", start.state.as_str()),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
        ("user_scope", "chat:write"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(query(&start.url), expected);

    let tokens = slack
        .callback(&callback_for(&start.state))
        .await
        .expect("tokens");
    assert_eq!(
        tokens.access_token.expose(),
        "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"
    );
    assert_eq!(tokens.token_type.as_deref(), Some("bot"));
    assert_eq!(tokens.scope.as_deref(), Some("commands,incoming-webhook"));
    assert_eq!(tokens.field("/team/id"), Some(&json!("T9TK3CUKW")));
    assert_eq!(
        tokens.field("/authed_user/access_token"),
        Some(&json!("xoxp-1234"))
    );
    assert_eq!(tokens.expires_at, None);

    let request = only_request(&server).await;
    // base64("3336676.569200954261:2141029472.691202649728")
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some("Basic MzMzNjY3Ni41NjkyMDA5NTQyNjE6MjE0MTAyOTQ3Mi42OTEyMDI2NDk3Mjg=")
    );
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    let body = String::from_utf8(request.body.clone()).expect("text");
    assert_eq!(
        body,
        format!(
            "grant_type=authorization_code&code=1234.5678&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth%2Fcallback&code_verifier={}",
            verifier.expose()
        )
    );
}

#[tokio::test]
async fn slack_s_ok_false_with_http_200_is_a_refusal() {
    let server = answering(200, json!({"ok": false, "error": "invalid_code"})).await;
    let slack = client(SLACK, &server);
    let start = slack.authorize(&["chat:write"]).expect("a URL");
    let error = slack
        .callback(&callback_for(&start.state))
        .await
        .expect_err("refused");
    match &error {
        OAuthError::Refused { error, status, .. } => {
            assert_eq!(error, &GrantError::Other("invalid_code".to_owned()));
            assert_eq!(*status, Some(200));
        }
        other => panic!("{other:?}"),
    }
    assert!(!error.is_temporary());
}

const SQUARE: OAuthProvider = OAuthProvider::new(
    "Square",
    "https://connect.squareup.com/oauth2/authorize",
    "https://connect.squareup.com/oauth2/token",
)
.client_auth(ClientAuth::Json);

#[tokio::test]
async fn square_takes_a_json_token_request_and_says_when_tokens_expire() {
    // Square's documented ObtainToken answer.
    let server = answering(
        200,
        json!({
            "access_token": "EAAl3ikZIe18J4OHd-0udT1U-LdagnHUUeoqTIAYMSBEr1ESOn1WWdkLPvZBNBZWn",
            "token_type": "bearer",
            "expires_at": "2006-01-02T15:04:05Z",
            "merchant_id": "MERCHANT_ID",
            "refresh_token": "EQAAl3ikZIe18J4OHd-0udT1U-LdagnHUUeoqTIAYMSBEr1ESOn1WWdkLPvZBNBZWn",
            "short_lived": false
        }),
    )
    .await;
    let square = client(SQUARE, &server);
    let start = square
        .authorize(&["CUSTOMERS_READ", "PAYMENTS_WRITE"])
        .expect("a URL");
    assert!(query(&start.url).contains(&(
        "scope".to_owned(),
        "CUSTOMERS_READ PAYMENTS_WRITE".to_owned()
    )));
    let tokens = square
        .callback(&callback_for(&start.state))
        .await
        .expect("tokens");
    assert_eq!(
        tokens.expires_at,
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_136_214_245))
    );
    assert_eq!(tokens.field("/merchant_id"), Some(&json!("MERCHANT_ID")));

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(header(&request, "authorization"), None);
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(
        body,
        json!({
            "grant_type": "authorization_code",
            "code": "1234.5678",
            "redirect_uri": REDIRECT,
            "code_verifier": start.verifier.as_ref().expect("a verifier").expose(),
            "client_id": "3336676.569200954261",
            "client_secret": "2141029472.691202649728"
        })
    );
}

#[tokio::test]
async fn square_s_error_list_is_a_refusal_with_its_code() {
    let server = answering(
        401,
        json!({"errors": [{
            "category": "AUTHENTICATION_ERROR",
            "code": "UNAUTHORIZED",
            "detail": "Invalid client secret"
        }]}),
    )
    .await;
    let square = client(SQUARE, &server);
    let error = square
        .refresh(&"EQAAl3ik".into(), None)
        .await
        .expect_err("refused");
    match error {
        OAuthError::Refused {
            error,
            description,
            status,
            ..
        } => {
            assert_eq!(error, GrantError::Other("UNAUTHORIZED".to_owned()));
            assert_eq!(description.as_deref(), Some("Invalid client secret"));
            assert_eq!(status, Some(401));
        }
        other => panic!("{other:?}"),
    }
}

const SALESFORCE: OAuthProvider = OAuthProvider::new(
    "Salesforce",
    "https://login.salesforce.com/services/oauth2/authorize",
    "https://login.salesforce.com/services/oauth2/token",
)
.base_url_field("/instance_url");

#[tokio::test]
async fn salesforce_gets_the_secret_in_the_body_and_names_the_instance() {
    // The org's instance, which the token response names.
    let instance = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/services/data/v62.0/limits"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"DailyApiRequests": {"Max": 15000, "Remaining": 14998}}"#,
            "application/json",
        ))
        .mount(&instance)
        .await;
    // Salesforce's documented web-server flow answer (no `expires_in`), but for
    // `instance_url`, which is the local instance.
    let server = answering(
        200,
        json!({
            "access_token": "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nt1u44zU31IbYNNJguseu",
            "signature": "qxUiaYTFNRsK31Z2YcEkvqfhXj0hJJ4e1xB1qA66EaM=",
            "scope": "refresh_token api",
            "refresh_token": "5Aep861HDR3iASSXIX6hI5Etvj8Iw5.WjrEcHjFlv8Xgk6YQhtfrPYxOJeFHI8KE0Fmrm8RbXtN5TuEUIlVbD7Y",
            "instance_url": instance.uri(),
            "id": "https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001Sv6AAAS",
            "token_type": "Bearer",
            "issued_at": "1278448384422"
        }),
    )
    .await;
    let salesforce = client(SALESFORCE, &server);
    let start = salesforce
        .authorize(&["api", "refresh_token"])
        .expect("a URL");
    let tokens = salesforce
        .callback(&callback_for(&start.state))
        .await
        .expect("tokens");
    let connection = salesforce
        .connect("org-1", tokens, Arc::new(MemoryStore::new()))
        .await
        .expect("a connection");
    assert_eq!(connection.base_url(), Some(instance.uri()));
    // No expiry given: the token is used until the provider refuses it.
    assert!(
        connection
            .access_token()
            .await
            .expect("a token")
            .expose()
            .starts_with("00Dxx")
    );
    // A client made from the connection calls the instance, with the token, under the
    // path of the API's server (the instance URL is a host only).
    static SALESFORCE_API: ApiDescription = ApiDescription::new("Salesforce", "62.0")
        .servers(&["https://MyDomainName.my.salesforce.com/services/data/v62.0"])
        .security_schemes(&[SecurityScheme::new("oauth2", SchemeKind::Bearer)]);
    let api: Client = Client::builder(&SALESFORCE_API)
        .connection(connection)
        .build()
        .expect("a client");
    let limits = api
        .execute(
            Request::new("limits", Method::Get, "/limits", &[&["oauth2"]]),
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect("the instance answers");
    let limits: serde_json::Value = limits
        .decode::<serde_json::Value, serde_json::Value>(integrations_runtime::decode::json)
        .await
        .expect("JSON");
    assert_eq!(limits["DailyApiRequests"]["Remaining"], 14998);
    let call = instance
        .received_requests()
        .await
        .expect("recorded")
        .pop()
        .expect("a call");
    assert!(
        header(&call, "authorization")
            .expect("a token")
            .starts_with("Bearer 00Dxx0000001gPL!")
    );

    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    let body = String::from_utf8(request.body.clone()).expect("text");
    assert!(
        body.ends_with("&client_id=3336676.569200954261&client_secret=2141029472.691202649728"),
        "{body}"
    );
    assert!(
        body.starts_with("grant_type=authorization_code&code=1234.5678&"),
        "{body}"
    );
}

#[tokio::test]
async fn answers_that_are_not_token_responses_say_what_they_are() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"),
        )
        .mount(&server)
        .await;
    let error = client(SALESFORCE, &server)
        .refresh(&"r".into(), None)
        .await
        .expect_err("a gateway error");
    assert!(
        matches!(error, OAuthError::Malformed { status: 502, .. }),
        "{error:?}"
    );
    assert!(error.is_temporary());
    assert!(error.to_string().contains("<html>Bad Gateway"), "{error}");

    let server = answering(200, json!({"token_type": "Bearer"})).await;
    let error = client(SALESFORCE, &server)
        .refresh(&"r".into(), None)
        .await
        .expect_err("no token");
    assert!(error.to_string().contains("no `access_token`"), "{error}");
    assert!(!error.is_temporary());

    // A successful answer in another shape (form-encoded, as some servers send) is
    // described, not quoted: it may hold a token.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "access_token=at-secret-value&token_type=bearer",
            "application/x-www-form-urlencoded",
        ))
        .mount(&server)
        .await;
    let error = client(SALESFORCE, &server)
        .refresh(&"r".into(), None)
        .await
        .expect_err("not JSON");
    let message = error.to_string();
    assert!(!message.contains("at-secret-value"), "{message}");
    assert!(
        message.contains("46-byte body of type `application/x-www-form-urlencoded`"),
        "{message}"
    );

    let server = answering(400, json!({"message": "no"})).await;
    let error = client(SALESFORCE, &server)
        .refresh(&"r".into(), None)
        .await
        .expect_err("no error code");
    assert!(
        matches!(error, OAuthError::Malformed { status: 400, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_client_credentials_only_provider_cannot_start_an_authorization() {
    let paypal = OAuthProvider::new("PayPal", "", "https://api-m.paypal.com/v1/oauth2/token")
        .client_auth(ClientAuth::Basic)
        .pkce(false);
    let client = OAuthClient::builder(paypal, "id")
        .build()
        .expect("a client");
    let error = client
        .authorize(&[])
        .expect_err("no authorization endpoint");
    assert!(error.to_string().contains("client-credentials"), "{error}");
}

#[tokio::test]
async fn waiting_authorization_requests_are_capped() {
    let server = MockServer::start().await;
    let client = client(SALESFORCE, &server);
    let mut issued = 0;
    let error = loop {
        match client.authorize(&["api"]) {
            Ok(_) => issued += 1,
            Err(error) => break error,
        }
        assert!(issued <= 10_000, "no cap");
    };
    assert_eq!(issued, 10_000);
    assert!(
        matches!(error, OAuthError::TooManyPending { limit: 10_000 }),
        "{error:?}"
    );
}
