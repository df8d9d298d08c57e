//! The request pipeline under injected faults, against a real TCP server started here that
//! follows a script: 5xx bursts, 429 with `Retry-After` (seconds and a date), connections
//! reset before and after the request was read, answers slower than the timeout,
//! truncated bodies, exhausted quotas. Waits run on a manual clock (`ManualTimer`): each
//! test checks what the client asked to wait, not how long it took.

mod common;

use common::{send_json, timer};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use integrations_runtime::time::ManualTimer;
use integrations_runtime::{
    ApiDescription, Client, ClientBuilder, ErrorConvention, ErrorKind, Idempotency, Method,
    Request, RetryConvention, RetryPolicy,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// An API whose creates carry a key in a header (as Stripe's do).
static KEYED: ApiDescription = ApiDescription::new("Keyed", "1")
    .errors(ErrorConvention::new().code("/error/code"))
    .retry(
        RetryConvention::new()
            .should_retry_header("Should-Retry")
            .quota_codes(&["REQUEST_LIMIT_EXCEEDED"]),
    )
    .idempotency(Idempotency::Header("Idempotency-Key"));

/// An API with no idempotency mechanism (as HubSpot, Salesforce).
static UNKEYED: ApiDescription =
    ApiDescription::new("Unkeyed", "1").errors(ErrorConvention::new().code("/error/code"));

/// What the server does with the next request.
#[derive(Debug, Clone)]
enum Step {
    /// Answers with a status, headers and a body.
    Answer(u16, Vec<(&'static str, String)>, String),
    /// Closes the connection without reading the request.
    ResetBeforeReading,
    /// Reads the request, then closes the connection without answering.
    ResetAfterReading,
    /// Waits, then answers.
    Slow(Duration, u16, String),
    /// Declares a longer body than it sends, then closes.
    Truncated(u16, String),
}

fn ok(body: &str) -> Step {
    Step::Answer(200, Vec::new(), body.to_owned())
}

/// A request as the server read it.
#[derive(Debug, Clone)]
#[allow(dead_code)]
struct Received {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

/// A scripted server on 127.0.0.1 (an OS-chosen port); it stops with the test's runtime.
struct Server {
    url: String,
    script: Arc<Mutex<VecDeque<Step>>>,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    async fn start(steps: Vec<Step>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let script = Arc::new(Mutex::new(VecDeque::from(steps)));
        let received = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (script.clone(), received.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, s.clone(), r.clone()));
            }
        });
        Server {
            url,
            script,
            received,
        }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn steps_left(&self) -> usize {
        self.script.lock().unwrap().len()
    }
}

async fn serve(
    mut stream: TcpStream,
    script: Arc<Mutex<VecDeque<Step>>>,
    received: Arc<Mutex<Vec<Received>>>,
) {
    loop {
        // A reset before reading is decided before reading; every other step once the
        // request is in (a connection the client lets go of takes no step).
        let reset = {
            let mut script = script.lock().unwrap();
            let reset = matches!(script.front(), Some(Step::ResetBeforeReading));
            if reset {
                script.pop_front();
            }
            reset
        };
        if reset {
            let _ = stream.shutdown().await;
            return;
        }
        let Some(request) = read_request(&mut stream).await else {
            return;
        };
        received.lock().unwrap().push(request);
        let step = script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| ok("{}"));
        let (status, headers, body, declared) = match step {
            Step::ResetAfterReading => return,
            // Only reached when another connection took the step first: answer no more.
            Step::ResetBeforeReading => return,
            Step::Answer(status, headers, body) => {
                let length = body.len();
                (status, headers, body, length)
            }
            Step::Slow(delay, status, body) => {
                tokio::time::sleep(delay).await;
                let length = body.len();
                (status, Vec::new(), body, length)
            }
            Step::Truncated(status, body) => {
                let length = body.len() + 100;
                (status, Vec::new(), body, length)
            }
        };
        let mut head = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {declared}\r\n"
        );
        for (name, value) in &headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        if stream.write_all(head.as_bytes()).await.is_err()
            || stream.write_all(body.as_bytes()).await.is_err()
        {
            return;
        }
        if declared != body.len() {
            let _ = stream.shutdown().await;
            return;
        }
    }
}

/// Reads one HTTP/1.1 request (head and a `Content-Length` body).
async fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let path = first.next()?.to_owned();
    let headers: HashMap<String, String> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&buffer[..n]);
    }
    body.truncate(length);
    Some(Received {
        method,
        path,
        headers,
        body,
    })
}

/// A policy without jitter, so that the backoffs are exact: 100 ms, 200 ms, 400 ms, ….
fn exact(retries: u32) -> RetryPolicy {
    RetryPolicy::new()
        .retries(retries)
        .base_delay(Duration::from_millis(100))
        .max_delay(Duration::from_secs(10))
        .jitter(false)
}

fn client(api: &'static ApiDescription, server: &Server, timer: &ManualTimer) -> Client {
    ClientBuilder::new(api)
        .base_url(server.url.as_str())
        .timer(Arc::new(timer.clone()))
        .retry(exact(3))
        .build()
        .expect("client")
}

async fn get(client: &Client) -> Result<serde_json::Value, integrations_runtime::Error> {
    send_json(
        client,
        Request::new("getThing", Method::Get, "/things/1", &[]),
    )
    .await
}

async fn create(
    client: &Client,
    body: &serde_json::Value,
) -> Result<serde_json::Value, integrations_runtime::Error> {
    let mut request = Request::new("createThing", Method::Post, "/things", &[]);
    request.json(body, "application/json").expect("encodes");
    send_json(client, request).await
}

fn ms(list: &[u64]) -> Vec<Duration> {
    list.iter().map(|m| Duration::from_millis(*m)).collect()
}

#[tokio::test]
async fn a_burst_of_5xx_is_retried_with_exponential_backoff() {
    let server = Server::start(vec![
        Step::Answer(503, vec![], "{}".into()),
        Step::Answer(502, vec![], "{}".into()),
        Step::Answer(500, vec![], "{}".into()),
        ok(r#"{"id": 1}"#),
    ])
    .await;
    let timer = timer();
    let value = get(&client(&UNKEYED, &server, &timer))
        .await
        .expect("succeeds");
    assert_eq!(value["id"], 1);
    assert_eq!(server.received().len(), 4);
    assert_eq!(timer.sleeps(), ms(&[100, 200, 400]));
}

#[tokio::test]
async fn the_attempts_run_out_and_the_error_says_how_many() {
    let server = Server::start(vec![Step::Answer(503, vec![], "{}".into()); 4]).await;
    let timer = timer();
    let error = get(&client(&UNKEYED, &server, &timer))
        .await
        .expect_err("503");
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.attempts(), 4);
    assert!(error.is_retryable());
    assert_eq!(error.kind(), ErrorKind::Provider);
    assert_eq!(server.received().len(), 4);
    assert!(error.to_string().contains("after 4 attempts"), "{error}");
}

#[tokio::test]
async fn retry_after_in_seconds_and_as_a_date_is_honoured() {
    let timer = timer();
    let date = httpdate::fmt_http_date(timer_now(&timer) + Duration::from_secs(30));
    let server = Server::start(vec![
        Step::Answer(429, vec![("retry-after", "7".into())], "{}".into()),
        Step::Answer(429, vec![("retry-after", date)], "{}".into()),
        ok("{}"),
    ])
    .await;
    get(&client(&UNKEYED, &server, &timer))
        .await
        .expect("succeeds");
    // The longest of the backoff and the wait asked for.
    let sleeps = timer.sleeps();
    assert_eq!(sleeps[0], Duration::from_secs(7));
    // The date is 30 s after the start; 7 s have passed on the client's clock.
    assert_eq!(sleeps[1], Duration::from_secs(23));
}

fn timer_now(timer: &ManualTimer) -> SystemTime {
    use integrations_runtime::time::Timer;
    timer.system_now()
}

#[tokio::test]
async fn a_wait_past_the_deadline_fails_at_once() {
    let server = Server::start(vec![Step::Answer(
        429,
        vec![("retry-after", "600".into())],
        r#"{"error": {"code": "rate_limited"}}"#.into(),
    )])
    .await;
    let timer = timer();
    let client: Client = ClientBuilder::new(&UNKEYED)
        .base_url(server.url.as_str())
        .timer(Arc::new(timer.clone()))
        .retry(exact(3).deadline(Some(Duration::from_secs(60))))
        .build()
        .unwrap();
    let error = get(&client).await.expect_err("429");
    assert!(timer.sleeps().is_empty(), "no sleep: {:?}", timer.sleeps());
    assert_eq!(error.kind(), ErrorKind::RateLimited);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(600)));
    assert_eq!(error.attempts(), 1);
    assert!(error.to_string().contains("deadline"), "{error}");
}

/// Salesforce: errors come as a JSON array; a spent daily allocation is 403
/// `REQUEST_LIMIT_EXCEEDED`.
static SALESFORCE_LIKE: ApiDescription = ApiDescription::new("Salesforce-like", "1")
    .errors(
        ErrorConvention::new()
            .code("/0/errorCode")
            .message("/0/message"),
    )
    .retry(RetryConvention::new().quota_codes(&["REQUEST_LIMIT_EXCEEDED"]));

/// Pipedrive: a spent daily budget is a 429 whose `x-daily-requests-left` reads 0.
static PIPEDRIVE_LIKE: ApiDescription = ApiDescription::new("Pipedrive-like", "1")
    .errors(ErrorConvention::new().code("/errorCode").message("/error"))
    .retry(RetryConvention::new().quota_headers(&["x-daily-requests-left"]));

/// Google Drive: 403 `userRateLimitExceeded` (in `/error/errors/0/reason`) means "slow
/// down", not "forbidden".
static DRIVE_LIKE: ApiDescription = ApiDescription::new("Drive-like", "1")
    .errors(
        ErrorConvention::new()
            .code("/error/errors/0/reason")
            .message("/error/message"),
    )
    .retry(RetryConvention::new().retry_codes(&["userRateLimitExceeded", "rateLimitExceeded"]));

/// Slack: failures are HTTP 200 with `{"ok": false, "error": …}`.
static SLACK_LIKE: ApiDescription = ApiDescription::new("Slack-like", "1")
    .errors(
        ErrorConvention::new()
            .code("/error")
            .message("/error")
            .success_flag("/ok"),
    )
    .retry(RetryConvention::new().retry_codes(&["ratelimited"]));

#[tokio::test]
async fn an_exhausted_quota_is_its_own_kind_and_is_not_retried() {
    // Salesforce's documented shape, with the usage header it sends on every answer.
    let server = Server::start(vec![Step::Answer(
        403,
        vec![("sforce-limit-info", "api-usage=100000/100000".into())],
        r#"[{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]"#
            .into(),
    )])
    .await;
    let timer = timer();
    let error = get(&client(&SALESFORCE_LIKE, &server, &timer))
        .await
        .expect_err("quota");
    assert_eq!(error.kind(), ErrorKind::QuotaExhausted);
    assert_eq!(error.provider_code(), Some("REQUEST_LIMIT_EXCEEDED"));
    assert!(!error.is_retryable());
    assert_eq!(error.attempts(), 1);
    assert!(timer.sleeps().is_empty());
    assert_eq!(server.received().len(), 1);
    // What the provider said is kept: its message, its usage header, and that it gave no
    // reset time.
    let text = error.to_string();
    assert!(text.contains("TotalRequests Limit exceeded."), "{text}");
    assert!(text.contains("did not say when it resets"), "{text}");
    assert_eq!(error.retry_after(), None);
    assert_eq!(
        error.api().unwrap().headers["sforce-limit-info"],
        "api-usage=100000/100000"
    );
}

#[tokio::test]
async fn a_spent_daily_budget_is_a_quota_with_the_reset_the_provider_gave() {
    // A spent daily budget: no retry, no sleep, though a burst window's reset (2 s) and
    // Retry-After are present; the quota reports Retry-After, not the window's reset.
    let server = Server::start(vec![Step::Answer(
        429,
        vec![
            ("x-daily-requests-left", "0".into()),
            ("x-ratelimit-reset", "2".into()),
            ("retry-after", "3600".into()),
        ],
        r#"{"success": false, "error": "Daily request limit reached", "errorCode": 429}"#.into(),
    )])
    .await;
    let timer = timer();
    let error = get(&client(&PIPEDRIVE_LIKE, &server, &timer))
        .await
        .expect_err("quota");
    assert_eq!(error.kind(), ErrorKind::QuotaExhausted);
    assert_eq!(error.attempts(), 1);
    assert!(timer.sleeps().is_empty(), "{:?}", timer.sleeps());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert!(error.to_string().contains("come back in 3600 s"), "{error}");
    // The same 429 with budget left is a burst limit: retried after the window's reset.
    let server = Server::start(vec![
        Step::Answer(
            429,
            vec![
                ("x-daily-requests-left", "40".into()),
                ("x-ratelimit-reset", "2".into()),
            ],
            r#"{"success": false, "error": "Rate limit exceeded", "errorCode": 429}"#.into(),
        ),
        ok(r#"{"success": true}"#),
    ])
    .await;
    let timer = self::timer();
    get(&client(&PIPEDRIVE_LIKE, &server, &timer))
        .await
        .expect("retried");
    assert_eq!(timer.sleeps(), vec![Duration::from_secs(2)]);
}

#[tokio::test]
async fn drive_user_rate_limit_403_is_retried_and_a_plain_403_is_not() {
    let limited = r#"{"error": {"code": 403, "message": "User Rate Limit Exceeded", "errors": [{"domain": "usageLimits", "reason": "userRateLimitExceeded", "message": "User Rate Limit Exceeded"}]}}"#;
    let server = Server::start(vec![
        Step::Answer(403, vec![], limited.into()),
        ok(r#"{"kind": "drive#file", "id": "1"}"#),
    ])
    .await;
    let timer = timer();
    let value = get(&client(&DRIVE_LIKE, &server, &timer))
        .await
        .expect("retried");
    assert_eq!(value["id"], "1");
    assert_eq!(server.received().len(), 2);
    assert_eq!(timer.sleeps(), ms(&[100]));

    let forbidden = r#"{"error": {"code": 403, "message": "The user does not have sufficient permissions for file 1.", "errors": [{"domain": "global", "reason": "insufficientFilePermissions", "message": "The user does not have sufficient permissions for file 1."}]}}"#;
    let server = Server::start(vec![Step::Answer(403, vec![], forbidden.into())]).await;
    let timer = self::timer();
    let error = get(&client(&DRIVE_LIKE, &server, &timer))
        .await
        .expect_err("forbidden");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(error.provider_code(), Some("insufficientFilePermissions"));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn slack_ratelimited_in_a_200_body_is_retried_and_other_failures_are_not() {
    let server = Server::start(vec![
        Step::Answer(
            200,
            vec![("retry-after", "1".into())],
            r#"{"ok": false, "error": "ratelimited"}"#.into(),
        ),
        ok(r#"{"ok": true, "channel": "C1", "ts": "1503435956.000247"}"#),
    ])
    .await;
    let timer = timer();
    let value = get(&client(&SLACK_LIKE, &server, &timer))
        .await
        .expect("retried");
    assert_eq!(value["ts"], "1503435956.000247");
    assert_eq!(timer.sleeps(), vec![Duration::from_secs(1)]);

    let server = Server::start(vec![Step::Answer(
        200,
        vec![],
        r#"{"ok": false, "error": "channel_not_found"}"#.into(),
    )])
    .await;
    let timer = self::timer();
    let error = get(&client(&SLACK_LIKE, &server, &timer))
        .await
        .expect_err("not found");
    assert_eq!(error.provider_code(), Some("channel_not_found"));
    assert_eq!(error.status(), Some(200));
    assert!(!error.is_retryable());
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn other_client_errors_are_not_retried_and_are_classified() {
    for (status, kind) in [
        (400, ErrorKind::Validation),
        (401, ErrorKind::Auth),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (422, ErrorKind::Validation),
    ] {
        let server = Server::start(vec![Step::Answer(status, vec![], "{}".into())]).await;
        let timer = timer();
        let error = get(&client(&UNKEYED, &server, &timer))
            .await
            .expect_err("4xx");
        assert_eq!((error.kind(), error.attempts()), (kind, 1), "{status}");
        assert_eq!(server.received().len(), 1);
    }
}

#[tokio::test]
async fn the_provider_can_say_whether_to_retry() {
    let server = Server::start(vec![
        Step::Answer(409, vec![("should-retry", "true".into())], "{}".into()),
        Step::Answer(503, vec![("should-retry", "false".into())], "{}".into()),
    ])
    .await;
    let timer = timer();
    let error = get(&client(&KEYED, &server, &timer))
        .await
        .expect_err("503");
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.attempts(), 2);
}

#[tokio::test]
async fn dropped_connections_and_truncated_bodies_are_retried_for_reads() {
    let server = Server::start(vec![
        Step::ResetBeforeReading,
        Step::ResetAfterReading,
        Step::Truncated(200, r#"{"id": 1"#.into()),
        ok(r#"{"id": 2}"#),
    ])
    .await;
    let timer = timer();
    let value = get(&client(&UNKEYED, &server, &timer))
        .await
        .expect("succeeds");
    assert_eq!(value["id"], 2);
    assert_eq!(timer.sleeps().len(), 3);
}

#[tokio::test]
async fn a_create_without_a_key_is_not_retried_once_it_may_have_been_carried_out() {
    let server = Server::start(vec![Step::ResetAfterReading, ok("{}")]).await;
    let timer = timer();
    let error = create(
        &client(&UNKEYED, &server, &timer),
        &serde_json::json!({"n": 1}),
    )
    .await
    .expect_err("not retried");
    assert_eq!(server.received().len(), 1);
    assert!(
        error
            .to_string()
            .contains("not retried: the request may have been carried out"),
        "{error}"
    );
    // A refused connection never reached the server: that is retried even for a create.
    let server = Server::start(vec![ok(r#"{"id": 3}"#)]).await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let _ = server.steps_left();
    let client: Client = ClientBuilder::new(&UNKEYED)
        .base_url(closed)
        .timer(Arc::new(timer.clone()))
        .retry(exact(1))
        .build()
        .unwrap();
    let error = create(&client, &serde_json::json!({}))
        .await
        .expect_err("refused");
    assert_eq!(error.attempts(), 2, "{error}");
}

#[tokio::test]
async fn a_create_with_a_key_is_retried_with_the_same_key_and_the_same_bytes() {
    let server = Server::start(vec![
        Step::ResetAfterReading,
        Step::Answer(503, vec![], "{}".into()),
        ok(r#"{"id": "ch_1"}"#),
    ])
    .await;
    let timer = timer();
    let body = serde_json::json!({"amount": 2000, "currency": "usd"});
    create(&client(&KEYED, &server, &timer), &body)
        .await
        .expect("succeeds");
    let received = server.received();
    assert_eq!(received.len(), 3);
    let keys: HashSet<&str> = received
        .iter()
        .map(|r| r.headers["idempotency-key"].as_str())
        .collect();
    assert_eq!(keys.len(), 1, "one key for the call: {keys:?}");
    assert!(received.windows(2).all(|w| w[0].body == w[1].body));
}

#[tokio::test]
async fn multipart_and_form_bodies_are_byte_identical_on_every_attempt() {
    let server = Server::start(vec![
        Step::Answer(503, vec![], "{}".into()),
        Step::Answer(500, vec![], "{}".into()),
        ok("{}"),
        Step::Answer(502, vec![], "{}".into()),
        ok("{}"),
    ])
    .await;
    let timer = timer();
    let client = client(&KEYED, &server, &timer);

    struct Upload;
    impl integrations_runtime::IntoMultipart for Upload {
        fn into_multipart(
            self,
            form: &mut integrations_runtime::MultipartForm,
        ) -> Result<(), integrations_runtime::EncodeError> {
            form.field("purpose", &"identity_document")?;
            form.file(
                "file",
                integrations_runtime::FilePart::new(vec![0u8, 159, 146, 150])
                    .file_name("id.png")
                    .content_type("image/png"),
            )
        }
    }
    let mut request = Request::new("createFile", Method::Put, "/files", &[]);
    request.multipart(Upload).unwrap();
    client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect("uploaded");
    let mut request = Request::new("createThing", Method::Post, "/things", &[]);
    request
        .form(
            &serde_json::json!({"metadata": {"order": "6735"}, "expand": ["customer"]}),
            "application/x-www-form-urlencoded",
        )
        .unwrap();
    client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect("created");
    let received = server.received();
    assert_eq!(
        received.len(),
        5,
        "{:?}",
        received
            .iter()
            .map(|r| (&r.method, &r.path))
            .collect::<Vec<_>>()
    );
    let (multipart, form) = received.split_at(3);
    assert!(
        multipart.windows(2).all(|w| w[0].body == w[1].body
            && w[0].headers["content-type"] == w[1].headers["content-type"])
    );
    assert!(String::from_utf8_lossy(&multipart[0].body).contains("filename=\"id.png\""));
    assert_eq!(form[0].body, form[1].body);
    assert_eq!(
        String::from_utf8_lossy(&form[0].body),
        "metadata%5Border%5D=6735&expand%5B0%5D=customer"
    );
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_and_a_retry_after_it_is_refused() {
    let server = Server::start(vec![Step::Answer(503, vec![], "{}".into()), ok("{}")]).await;
    let timer = timer();
    let client = client(&KEYED, &server, &timer);
    let mut request = Request::new("putObject", Method::Put, "/objects/a", &[]);
    let stream = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(
        bytes::Bytes::from_static(b"chunk"),
    )]);
    request.body(
        integrations_runtime::Body::from_stream(stream),
        "application/octet-stream",
    );
    let error = client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await
        .expect_err("not retried");
    assert_eq!(server.received().len(), 1);
    assert!(error.to_string().contains("stream"), "{error}");
}

#[tokio::test]
async fn a_slow_answer_times_out_and_is_retried() {
    let server = Server::start(vec![
        Step::Slow(Duration::from_secs(5), 200, "{}".into()),
        ok(r#"{"id": 9}"#),
    ])
    .await;
    let timer = timer();
    let client: Client = ClientBuilder::new(&UNKEYED)
        .base_url(server.url.as_str())
        .timer(Arc::new(timer.clone()))
        .retry(exact(2))
        .timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let value = get(&client).await.expect("the second attempt answers");
    assert_eq!(value["id"], 9);
    // Without retries, the timeout is the error.
    let server = Server::start(vec![Step::Slow(Duration::from_secs(5), 200, "{}".into())]).await;
    let client: Client = ClientBuilder::new(&UNKEYED)
        .base_url(server.url.as_str())
        .retry(RetryPolicy::never())
        .timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let error = get(&client).await.expect_err("times out");
    assert_eq!((error.kind(), error.attempts()), (ErrorKind::Timeout, 1));
}

/// 1,000 creates through a server that fails at random (seeded), before or after it has
/// carried a request out. With an idempotency key, every create lands exactly once; without
/// one, a create that may have been carried out is never sent again, so none lands twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_create_lands_exactly_once() {
    for (api, keyed) in [(&KEYED, true), (&UNKEYED, false)] {
        let ledger = Ledger::start(0x5eed).await;
        let timer = timer();
        let client: Client = ClientBuilder::new(api)
            .base_url(ledger.url.as_str())
            .timer(Arc::new(timer.clone()))
            .retry(exact(8).max_delay(Duration::from_millis(100)))
            .build()
            .unwrap();
        let mut succeeded = 0;
        for call in 0..1000u32 {
            match create(&client, &serde_json::json!({"call": call})).await {
                Ok(_) => succeeded += 1,
                Err(error) => assert!(!keyed, "call {call} failed under a key: {error}"),
            }
        }
        let state = ledger.state.lock().unwrap();
        let mut per_call: HashMap<u64, usize> = HashMap::new();
        for call in &state.committed {
            *per_call.entry(*call).or_default() += 1;
        }
        assert!(
            per_call.values().all(|n| *n == 1),
            "a create landed twice (keyed: {keyed})"
        );
        if keyed {
            assert_eq!(per_call.len(), 1000, "every create landed");
            assert_eq!(succeeded, 1000);
        } else {
            // Each failed call may or may not have landed (after-commit failures), but
            // never twice, and every success landed.
            assert!(per_call.len() >= succeeded);
        }
        assert!(
            state.faults > 100,
            "the server failed {} times",
            state.faults
        );
    }
}

/// A server that commits creates (`{"call": n}`) into a ledger, replays a key it has seen,
/// and fails at random before or after committing.
struct Ledger {
    url: String,
    state: Arc<Mutex<LedgerState>>,
}

struct LedgerState {
    rng: u64,
    committed: Vec<u64>,
    answers: HashMap<String, String>,
    faults: usize,
}

impl LedgerState {
    fn roll(&mut self) -> u64 {
        // xorshift64*
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) % 100
    }
}

impl Ledger {
    async fn start(seed: u64) -> Ledger {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(LedgerState {
            rng: seed,
            committed: Vec::new(),
            answers: HashMap::new(),
            faults: 0,
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(ledger_connection(stream, shared.clone()));
            }
        });
        Ledger { url, state }
    }
}

async fn ledger_connection(mut stream: TcpStream, state: Arc<Mutex<LedgerState>>) {
    while let Some(request) = read_request(&mut stream).await {
        let answer = {
            let mut state = state.lock().unwrap();
            let roll = state.roll();
            if roll < 10 {
                // Fails before doing anything.
                state.faults += 1;
                Some(None)
            } else {
                let key = request.headers.get("idempotency-key").cloned();
                let replay = key.as_ref().and_then(|k| state.answers.get(k).cloned());
                let body = match replay {
                    Some(body) => body,
                    None => {
                        let call: serde_json::Value =
                            serde_json::from_slice(&request.body).unwrap_or_default();
                        state
                            .committed
                            .push(call["call"].as_u64().unwrap_or(u64::MAX));
                        let body = format!(r#"{{"id": {}}}"#, state.committed.len());
                        if let Some(key) = key {
                            state.answers.insert(key, body.clone());
                        }
                        body
                    }
                };
                if roll < 20 {
                    // Carried out, then the connection drops before the answer.
                    state.faults += 1;
                    Some(None)
                } else if roll < 25 {
                    state.faults += 1;
                    None
                } else {
                    Some(Some(body))
                }
            }
        };
        match answer {
            Some(Some(body)) => {
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                if stream.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
            Some(None) => return,
            None => {
                let body = "{}";
                let response = format!(
                    "HTTP/1.1 503 Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                if stream.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Eight tasks share one client whose budget is 10 requests per 200 ms: counted by the
/// server, no stretch of time sees more than the budget allows (a full bucket, then its
/// rate).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_holds_across_concurrent_tasks() {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log = arrivals.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                while read_request(&mut stream).await.is_some() {
                    log.lock().unwrap().push(std::time::Instant::now());
                    let answer = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: application/json\r\n\r\n{}";
                    if stream.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    let budget = integrations_runtime::RateBudget::new(10, Duration::from_millis(200));
    let client: Client = ClientBuilder::new(&UNKEYED)
        .base_url(url)
        .rate_limit(budget)
        .build()
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..5 {
                get(&client).await.expect("answered");
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mut times = arrivals.lock().unwrap().clone();
    times.sort();
    assert_eq!(times.len(), 40);
    let rate = 10.0 / 0.2;
    for (i, start) in times.iter().enumerate() {
        for (j, end) in times.iter().enumerate().skip(i) {
            let allowed = 10.0 + rate * end.duration_since(*start).as_secs_f64() + 1.0;
            assert!(
                (j - i + 1) as f64 <= allowed,
                "{} requests in {:?}",
                j - i + 1,
                end.duration_since(*start)
            );
        }
    }
}
