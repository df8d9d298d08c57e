//! The runtime on its own, against a local server: every way credentials are sent,
//! default headers, cookies, the success-flag convention, and secrets kept out of `Debug`.

use integrations_runtime::{
    ApiDescription, ApiKeyLocation, Client, ClientBuilder, Credential, ErrorConvention, Method,
    ParamStyle, Request, SchemeKind, SecurityScheme,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static API: ApiDescription = ApiDescription::new("Test API", "1")
    .servers(&["https://api.example.com"])
    .base_url_env("INTEGRATIONS_TEST_API_BASE_URL")
    .default_headers(&[("X-Api-Version", "2024-01-01")])
    .security_schemes(&[
        SecurityScheme::new(
            "header_key",
            SchemeKind::api_key(ApiKeyLocation::Header, "X-Api-Key"),
        ),
        SecurityScheme::new(
            "query_key",
            SchemeKind::api_key(ApiKeyLocation::Query, "api_key"),
        ),
        SecurityScheme::new(
            "cookie_key",
            SchemeKind::api_key(ApiKeyLocation::Cookie, "session"),
        ),
        SecurityScheme::new("bearer", SchemeKind::Bearer),
        SecurityScheme::new("mtls", SchemeKind::Unsupported),
    ])
    .errors(ErrorConvention::new().code("/error").success_flag("/ok"));

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/probe"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"ok": true}"#, "application/json"),
        )
        .mount(&server)
        .await;
    server
}

async fn probe(
    client: &Client,
    server: &MockServer,
    security: &'static [&'static [&'static str]],
) -> wiremock::Request {
    let mut request = Request::new("probe", Method::Get, "/probe", security);
    request
        .query_param("q", &"x y", ParamStyle::Form, true)
        .unwrap();
    request.cookie_param("theme", &"dark", false).unwrap();
    let response = client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect("success");
    let body: serde_json::Value = response
        .decode::<serde_json::Value, serde_json::Value>(integrations_runtime::decode::json)
        .await
        .expect("json");
    assert_eq!(body["ok"], true);
    let mut requests = server.received_requests().await.unwrap();
    requests.pop().expect("a request")
}

/// A client builder for `API`, pointed at `server`.
/// A client of `server` that makes one attempt per call: these tests are about one answer
/// (retries have tests of their own, in `retries.rs`).
fn builder(server: &MockServer) -> ClientBuilder {
    ClientBuilder::new(&API)
        .base_url(server.uri())
        .retry(integrations_runtime::RetryPolicy::never())
}

fn header(request: &wiremock::Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn api_keys_go_in_the_header_the_query_or_a_cookie() {
    let server = server().await;
    let client: Client = builder(&server).api_key("k-123").build().unwrap();

    let request = probe(&client, &server, &[&["header_key"]]).await;
    assert_eq!(header(&request, "x-api-key").as_deref(), Some("k-123"));
    assert_eq!(request.url.query(), Some("q=x+y"));

    let request = probe(&client, &server, &[&["query_key"]]).await;
    assert_eq!(request.url.query(), Some("q=x+y&api_key=k-123"));
    assert_eq!(header(&request, "x-api-key"), None);

    let request = probe(&client, &server, &[&["cookie_key"]]).await;
    assert_eq!(
        header(&request, "cookie").as_deref(),
        Some("theme=dark; session=k-123")
    );

    // A key that holds cookie syntax stays one cookie value.
    let client: Client = builder(&server).api_key("k;admin=1").build().unwrap();
    let request = probe(&client, &server, &[&["cookie_key"]]).await;
    assert_eq!(
        header(&request, "cookie").as_deref(),
        Some("theme=dark; session=k%3Badmin%3D1")
    );
}

#[tokio::test]
async fn the_first_satisfied_alternative_authenticates() {
    let server = server().await;
    let client: Client = builder(&server)
        .credential("bearer", Credential::Bearer("tok".into()))
        .build()
        .unwrap();
    // The API key alternative has no credential; the bearer one is used.
    let request = probe(&client, &server, &[&["header_key"], &["bearer"]]).await;
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some("Bearer tok")
    );
    assert_eq!(header(&request, "x-api-key"), None);
    // An operation without security sends no credential.
    let request = probe(&client, &server, &[]).await;
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn a_held_credential_wins_over_an_alternative_the_runtime_cannot_apply() {
    let server = server().await;
    let client: Client = builder(&server)
        .credential("bearer", Credential::Bearer("tok".into()))
        .build()
        .unwrap();
    // Mutual TLS comes first, but the client holds a token for the second alternative.
    let request = probe(&client, &server, &[&["mtls"], &["bearer"]]).await;
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some("Bearer tok")
    );
    // An operation that only a scheme the runtime cannot apply protects is called with
    // what that scheme would need supplied elsewhere (a TLS client certificate).
    let request = probe(&client, &server, &[&["mtls"]]).await;
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn a_credential_the_operation_does_not_accept_is_an_error_not_an_anonymous_request() {
    let server = server().await;
    // An API key, for an operation that takes only a bearer token (an OAuth-only
    // HubSpot operation called with a developer key).
    let client: Client = builder(&server).api_key("k-123").build().unwrap();
    let request = Request::new("probe", Method::Get, "/probe", &[&["bearer"]]);
    let error = client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect_err("no accepted credential");
    assert_eq!(error.kind(), integrations_runtime::ErrorKind::Auth);
    assert!(!error.is_retryable());
    let message = error.to_string();
    assert!(message.contains("`probe` accepts `bearer`"), "{message}");
    assert!(message.contains("`header_key`"), "{message}");
    assert!(!message.contains("k-123"), "{message}");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
    // A client without credentials still calls it (a mock server, a public endpoint).
    let anonymous: Client = builder(&server).build().unwrap();
    let request = probe(&anonymous, &server, &[&["bearer"]]).await;
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn default_headers_come_from_the_api_and_the_builder_can_override_them() {
    let server = server().await;
    let client: Client = builder(&server).build().unwrap();
    let request = probe(&client, &server, &[]).await;
    assert_eq!(
        header(&request, "x-api-version").as_deref(),
        Some("2024-01-01")
    );
    assert!(
        header(&request, "user-agent")
            .unwrap()
            .starts_with("integrations-runtime/")
    );

    let client: Client = builder(&server)
        .default_header("X-Api-Version", "2025-06-01")
        .default_header("X-Trace", "on")
        .build()
        .unwrap();
    let request = probe(&client, &server, &[]).await;
    assert_eq!(
        header(&request, "x-api-version").as_deref(),
        Some("2025-06-01")
    );
    assert_eq!(header(&request, "x-trace").as_deref(), Some("on"));
}

/// A server that answers every GET with `response`, and a client of it without
/// credentials.
async fn answering(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    let client: Client = builder(&server).build().unwrap();
    (server, client)
}

#[tokio::test]
async fn a_false_success_flag_on_a_2xx_is_an_api_error() {
    let (_server, client) = answering(ResponseTemplate::new(200).set_body_raw(
        r#"{"ok": false, "error": "invalid_auth"}"#,
        "application/json",
    ))
    .await;
    let error = client
        .execute(
            Request::new("probe", Method::Get, "/probe", &[]),
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect_err("ok: false");
    assert_eq!(error.status(), Some(200));
    assert_eq!(error.code(), Some("invalid_auth"));
}

#[tokio::test]
async fn a_download_is_not_read_for_the_success_flag() {
    // A file whose bytes happen to look like a failed JSON call: not JSON by its
    // Content-Type, so it is neither an error nor buffered, and streams as sent.
    let file = br#"{"ok": false, "error": "this is file content"}"#.to_vec();
    let (_server, client) = answering(
        ResponseTemplate::new(200).set_body_raw(file.clone(), "application/octet-stream"),
    )
    .await;
    let mut request = Request::new("download", Method::Get, "/file", &[]);
    request.stream_response();
    let response = client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect("a download is a success");
    let received = response.into_stream().collect().await.expect("body");
    assert_eq!(received, file);
}

#[tokio::test]
async fn an_error_body_that_does_not_decode_says_why_and_is_kept() {
    let (_server, client) = answering(
        ResponseTemplate::new(502).set_body_raw("<html>bad gateway</html>", "application/json"),
    )
    .await;
    let error = client
        .execute(
            Request::new("probe", Method::Get, "/probe", &[]),
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect_err("502");
    let integrations_runtime::Error::Api(api) = error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status, 502);
    assert!(api.body.is_none());
    assert_eq!(&api.raw[..], b"<html>bad gateway</html>");
    let why = api.body_error.expect("the decode failure is kept");
    assert_eq!(why.status, 502);
    assert!(!why.message.is_empty());
}

/// A one-shot HTTP/1.1 server on 127.0.0.1 that answers with `body` in chunks of 1 KiB
/// and no `Content-Length`, so that only reading can find the size.
fn chunked_server(body: Vec<u8>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let mut response = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
            transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
            .to_vec();
        for chunk in body.chunks(1024) {
            response.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            response.extend_from_slice(chunk);
            response.extend_from_slice(b"\r\n");
        }
        response.extend_from_slice(b"0\r\n\r\n");
        let _ = stream.write_all(&response);
    });
    format!("http://{address}")
}

/// Sends a GET and decodes the body as JSON.
async fn fetch_json(
    client: &Client,
) -> Result<serde_json::Value, integrations_runtime::Error<serde_json::Value>> {
    client
        .execute(
            Request::new("probe", Method::Get, "/probe", &[]),
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await?
        .decode::<serde_json::Value, serde_json::Value>(integrations_runtime::decode::json)
        .await
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_not_read() {
    let big = serde_json::to_vec(&serde_json::json!({"data": "x".repeat(10_000)})).unwrap();

    // Known from Content-Length, for a success and for an error body.
    for status in [200, 500] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(status).set_body_raw(big.clone(), "application/json"),
            )
            .mount(&server)
            .await;
        let client: Client = builder(&server).max_response_bytes(4_096).build().unwrap();
        let error = fetch_json(&client).await.expect_err("over the limit");
        assert!(
            matches!(error, integrations_runtime::Error::Transport(_))
                && error
                    .to_string()
                    .contains(&format!("the {status} response body is larger"))
                && error.to_string().contains("4096 bytes"),
            "{error}"
        );
    }

    // A body read within the call is limited; a download left unread to be streamed
    // is limited when it is buffered later, and not when it is streamed.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(big.clone(), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    let client: Client = builder(&server).max_response_bytes(4_096).build().unwrap();
    let error = client
        .execute(
            Request::new("file", Method::Get, "/f", &[]),
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect_err("read within the call, over the limit");
    assert!(error.to_string().contains("larger than"), "{error}");
    let send = || {
        let mut request = Request::new("file", Method::Get, "/f", &[]);
        request.stream_response();
        client.execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
    };
    let error = send()
        .await
        .expect("not read yet")
        .buffer::<serde_json::Value>()
        .await
        .expect_err("over the limit");
    assert!(error.to_string().contains("larger than"), "{error}");
    let streamed = send()
        .await
        .expect("not read yet")
        .into_stream()
        .collect()
        .await
        .expect("body");
    assert_eq!(streamed.len(), big.len());

    // Found while reading a chunked body.
    let client: Client = ClientBuilder::new(&API)
        .base_url(chunked_server(big.clone()))
        .max_response_bytes(4_096)
        .build()
        .unwrap();
    let error = fetch_json(&client).await.expect_err("over the limit");
    assert!(error.to_string().contains("larger than"), "{error}");

    // Under the limit, the same body decodes.
    let client: Client = ClientBuilder::new(&API)
        .base_url(chunked_server(big.clone()))
        .max_response_bytes(big.len())
        .build()
        .unwrap();
    let value = fetch_json(&client).await.expect("at the limit");
    assert_eq!(value["data"].as_str().map(str::len), Some(10_000));
}

#[test]
fn configuration_errors_are_reported_when_building() {
    let no_scheme = ClientBuilder::<Client>::new(&API)
        .credential("nope", Credential::Bearer("t".into()))
        .build();
    let message = no_scheme.unwrap_err().to_string();
    assert!(
        message.contains("no auth scheme `nope`") && message.contains("header_key"),
        "{message}"
    );
    let relative = ClientBuilder::<Client>::new(&API).base_url("/api").build();
    assert!(
        relative
            .unwrap_err()
            .to_string()
            .contains("not an absolute URL")
    );
    let bad_header = ClientBuilder::<Client>::new(&API)
        .default_header("Bad Header", "x")
        .build();
    assert!(
        bad_header
            .unwrap_err()
            .to_string()
            .contains("header name `Bad Header`")
    );
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let client: Client = ClientBuilder::new(&API)
        .api_key("sk_live_SECRET")
        .basic_auth("user", "p4ssw0rd")
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(
        !debug.contains("sk_live_SECRET") && !debug.contains("p4ssw0rd"),
        "{debug}"
    );
    assert!(debug.contains("header_key"), "{debug}");
    let credential = format!(
        "{:?}",
        Credential::Basic {
            user: "user".into(),
            password: "p4ssw0rd".into()
        }
    );
    assert!(!credential.contains("p4ssw0rd"), "{credential}");
}

#[tokio::test]
async fn an_empty_alternative_listed_first_does_not_hide_configured_credentials() {
    let server = server().await;
    let client: Client = builder(&server).bearer_token("tok").build().unwrap();
    let request = probe(&client, &server, &[&[], &["bearer"]]).await;
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some("Bearer tok")
    );
    // With nothing configured, the empty alternative means "send it without".
    let anonymous: Client = builder(&server).build().unwrap();
    let request = probe(&anonymous, &server, &[&[], &["bearer"]]).await;
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn an_api_key_in_the_query_stays_out_of_error_messages() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client: Client = ClientBuilder::new(&API)
        .base_url(format!("http://127.0.0.1:{port}"))
        .api_key("sk_live_QUERYSECRET")
        .build()
        .unwrap();
    let error = client
        .execute(
            Request::new("probe", Method::Get, "/probe", &[&["query_key"]]),
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect_err("nothing listens");
    let text = format!("{error} {error:?}");
    assert!(!text.contains("QUERYSECRET"), "{text}");
}

#[tokio::test]
async fn a_streamed_body_sent_twice_is_an_error_not_an_empty_body() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client: Client = builder(&server).build().unwrap();
    let chunks =
        futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"abc"))]);
    let body = integrations_runtime::Body::from_stream(chunks);
    let mut first = Request::new("put", Method::Put, "/x", &[]);
    first.body(body.clone(), "application/octet-stream");
    client
        .execute(
            first,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect("sent once");
    let mut second = Request::new("put", Method::Put, "/x", &[]);
    second.body(body, "application/octet-stream");
    let error = client
        .execute(
            second,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect_err("sent twice");
    assert!(
        matches!(error, integrations_runtime::Error::Encode(_)),
        "{error:?}"
    );
    assert!(error.to_string().contains("already sent"), "{error}");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body, b"abc");
}
