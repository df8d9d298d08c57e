//! Google Drive API v3, end to end against local servers through the client generated
//! from the spec we ship: files listed across three `pageToken` pages, metadata calls
//! with JSON bodies, an `alt=media` download, a multipart/related upload checked byte for
//! byte, a resumable upload in 256 KiB chunks that survives a failed chunk, and Drive's
//! error shape as a typed error with its reason.
#![recursion_limit = "256"]

mod common;

use common::documented::drive_file;

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use common::{body_text, header, json_response, mount_pages, only_request};
use integrations_runtime::time::ManualTimer;
use integrations_runtime::{FilePart, ResumableUpload, RetryPolicy};
use integrations_tests::shipped::shipped_google_drive as drive;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "ya29.a0AfB_byExampleAccessToken";

fn client(server: &MockServer) -> drive::Client {
    drive::Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .build()
        .expect("client")
}

/// A file as `files.list` answers it by default (`kind`, `id`, `name`, `mimeType`).
fn listed(id: &str, name: &str) -> Value {
    json!({"kind": "drive#file", "mimeType": "application/vnd.google-apps.folder", "id": id, "name": name})
}

#[tokio::test]
async fn files_are_listed_across_three_page_tokens_and_the_cap_stops_fetching() {
    let server = MockServer::start().await;
    mount_pages(
        &server,
        "/drive/v3/files",
        "pageToken",
        [
            (
                None,
                json!({"kind": "drive#fileList", "nextPageToken": "~!!~AI9FV7Q1", "incompleteSearch": false,
                       "files": [listed("1a", "Reports"), listed("1b", "Invoices")]}),
            ),
            (
                Some("~!!~AI9FV7Q1"),
                json!({"kind": "drive#fileList", "nextPageToken": "~!!~AI9FV7Q2", "incompleteSearch": false,
                       "files": [listed("2a", "Contracts")]}),
            ),
            (
                Some("~!!~AI9FV7Q2"),
                json!({"kind": "drive#fileList", "incompleteSearch": false, "files": [listed("3a", "Archive")]}),
            ),
        ],
    )
    .await;
    let files = client(&server)
        .files()
        .list()
        .q("mimeType = 'application/vnd.google-apps.folder' and trashed = false")
        .page_size(2)
        .items()
        .collect_all()
        .await
        .expect("three pages");
    let names: Vec<&str> = files.iter().filter_map(|f| f.name.as_deref()).collect();
    assert_eq!(names, ["Reports", "Invoices", "Contracts", "Archive"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert_eq!(
        requests[1].url.query(),
        Some(
            "q=mimeType+%3D+%27application%2Fvnd.google-apps.folder%27+and+trashed+%3D+false&pageSize=2&pageToken=%7E%21%21%7EAI9FV7Q1"
        )
    );
    assert_eq!(
        header(&requests[2], "authorization"),
        format!("Bearer {TOKEN}")
    );

    server.reset().await;
    mount_pages(
        &server,
        "/drive/v3/files",
        "pageToken",
        [
            (
                None,
                json!({"nextPageToken": "p2", "files": [listed("1", "a"), listed("2", "b")]}),
            ),
            (
                Some("p2"),
                json!({"nextPageToken": "p3", "files": [listed("3", "c"), listed("4", "d")]}),
            ),
        ],
    )
    .await;
    let capped = client(&server)
        .files()
        .list()
        .items()
        .max_items(3)
        .collect_all()
        .await
        .expect("capped");
    assert_eq!(capped.len(), 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn metadata_calls_send_json_and_decode_the_file_resource() {
    let server = MockServer::start().await;
    let id = "1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo";
    Mock::given(method("GET"))
        .and(path(format!("/drive/v3/files/{id}")))
        .respond_with(json_response(200, drive_file(id, "report.pdf")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/drive/v3/files"))
        .respond_with(json_response(200, json!({"kind": "drive#file", "id": "1folder", "name": "Reports", "mimeType": "application/vnd.google-apps.folder"})))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("/drive/v3/files/{id}")))
        .respond_with(json_response(200, drive_file(id, "report-2024.pdf")))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("/drive/v3/files/{id}")))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);

    let got = client.files().get(id).fields("*").await.expect("found");
    assert_eq!(got.size.as_deref(), Some("482913"));
    assert_eq!(
        got.owners.as_ref().unwrap()[0].email_address.as_deref(),
        Some("ada@example.com")
    );
    assert_eq!(
        got.capabilities.as_ref().unwrap().get("canEdit"),
        Some(&true)
    );
    // Fields the spec does not list (`linkShareMetadata`, `thumbnailVersion`) are kept:
    // the file encodes back to what was received.
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        drive_file(id, "report.pdf")
    );

    let folder = drive::File {
        name: Some("Reports".into()),
        mime_type: Some("application/vnd.google-apps.folder".into()),
        parents: Some(vec!["root".into()]),
        ..Default::default()
    };
    let created = client
        .files()
        .create(folder)
        .fields("id,name")
        .await
        .expect("created");
    assert_eq!(created.id.as_deref(), Some("1folder"));

    let renamed = drive::File {
        name: Some("report-2024.pdf".into()),
        ..Default::default()
    };
    client
        .files()
        .update(id, renamed)
        .add_parents("1folder")
        .remove_parents("0AJmX5xExampleFolderId")
        .await
        .expect("moved");
    client.files().delete(id).await.expect("deleted");

    let requests = server.received_requests().await.unwrap();
    let sent: Vec<(String, String, String, String)> = requests
        .iter()
        .map(|r| {
            (
                r.method.to_string(),
                r.url.path().to_owned(),
                r.url.query().unwrap_or_default().to_owned(),
                body_text(r),
            )
        })
        .collect();
    let file_path = format!("/drive/v3/files/{id}");
    assert_eq!(
        sent,
        [
            ("GET".into(), file_path.clone(), "fields=*".into(), String::new()),
            (
                "POST".into(),
                "/drive/v3/files".into(),
                "fields=id%2Cname".into(),
                r#"{"name":"Reports","mimeType":"application/vnd.google-apps.folder","parents":["root"]}"#.into()
            ),
            (
                "PATCH".into(),
                file_path.clone(),
                "addParents=1folder&removeParents=0AJmX5xExampleFolderId".into(),
                r#"{"name":"report-2024.pdf"}"#.into()
            ),
            ("DELETE".into(), file_path, String::new(), String::new()),
        ]
    );
    assert_eq!(header(&requests[1], "content-type"), "application/json");
}

#[tokio::test]
async fn download_asks_for_alt_media_and_streams_the_bytes() {
    let server = MockServer::start().await;
    let content: Vec<u8> = (0..50_000u32).map(|i| (i % 239) as u8).collect();
    Mock::given(method("GET"))
        .and(path("/drive/v3/files/1abc"))
        .and(query_param("alt", "media"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(content.clone(), "application/pdf"))
        .mount(&server)
        .await;
    let stream = client(&server).download("1abc").await.expect("downloaded");
    assert_eq!(stream.collect().await.expect("body"), content);
    assert_eq!(only_request(&server).await.url.query(), Some("alt=media"));
}

#[tokio::test]
async fn a_multipart_upload_sends_the_metadata_part_then_the_media_part() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/upload/drive/v3/files"))
        .and(query_param("uploadType", "multipart"))
        .respond_with(json_response(200, drive_file("1new", "report.pdf")))
        .mount(&server)
        .await;
    let metadata = drive::File {
        name: Some("report.pdf".into()),
        parents: Some(vec!["0AJmX5xExampleFolderId".into()]),
        mime_type: Some("application/pdf".into()),
        description: Some("Q1 numbers".into()),
        ..Default::default()
    };
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let media = FilePart::new(pdf.clone()).content_type("application/pdf");
    let created = client(&server)
        .upload(drive::FileUpload::new(metadata, media))
        .fields("id,name,size")
        .await
        .expect("uploaded");
    assert_eq!(created.id.as_deref(), Some("1new"));

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("uploadType=multipart&fields=id%2Cname%2Csize")
    );
    let content_type = header(&request, "content-type");
    let boundary = content_type
        .strip_prefix("multipart/related; boundary=")
        .unwrap_or_else(|| panic!("a multipart/related body: {content_type}"));
    let mut expected = format!(
        "--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n\
         {{\"name\":\"report.pdf\",\"mimeType\":\"application/pdf\",\"description\":\"Q1 numbers\",\"parents\":[\"0AJmX5xExampleFolderId\"]}}\r\n\
         --{boundary}\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&pdf);
    expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(request.body, expected);
}

/// A resumable session's server: holds what it was sent, answers 308 with its Range until
/// it holds everything, and fails the chunk numbered `fail_chunk` once with a 503.
struct Session {
    total: usize,
    fail_chunk: usize,
    state: Mutex<SessionState>,
}

#[derive(Default)]
struct SessionState {
    held: Vec<u8>,
    chunks: usize,
    failed: bool,
    ranges: Vec<String>,
}

impl Respond for Session {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = self.state.lock().unwrap();
        let range = header(request, "content-range");
        state.ranges.push(range.clone());
        let holds = |state: &SessionState| {
            if state.held.len() == self.total {
                json_response(200, drive_file("1big", "video.mp4"))
            } else if state.held.is_empty() {
                ResponseTemplate::new(308)
            } else {
                ResponseTemplate::new(308).insert_header(
                    "Range",
                    format!("bytes=0-{}", state.held.len() - 1).as_str(),
                )
            }
        };
        if range.starts_with("bytes */") {
            return holds(&state);
        }
        state.chunks += 1;
        if state.chunks == self.fail_chunk && !state.failed {
            state.failed = true;
            // Half the chunk arrived before the failure.
            let half = request.body.len() / 2;
            state.held.extend_from_slice(&request.body[..half]);
            return ResponseTemplate::new(503);
        }
        let start: usize = range
            .strip_prefix("bytes ")
            .and_then(|r| r.split('-').next())
            .and_then(|s| s.parse().ok())
            .expect("a Content-Range with a start");
        assert_eq!(
            start,
            state.held.len(),
            "a chunk starts where the server is"
        );
        state.held.extend_from_slice(&request.body);
        holds(&state)
    }
}

#[tokio::test]
async fn a_resumable_upload_goes_on_from_what_the_server_holds_after_a_failed_chunk() {
    let server = MockServer::start().await;
    let session_url = format!(
        "{}/upload/drive/v3/files?uploadType=resumable&upload_id=xa298sd_sdlkj2",
        server.uri()
    );
    Mock::given(method("POST"))
        .and(path("/upload/drive/v3/files"))
        .and(query_param("uploadType", "resumable"))
        .respond_with(ResponseTemplate::new(200).insert_header("Location", session_url.as_str()))
        .mount(&server)
        .await;
    let content: Vec<u8> = (0..700_000u32).map(|i| (i % 253) as u8).collect();
    let session = Arc::new(Session {
        total: content.len(),
        fail_chunk: 2,
        state: Mutex::default(),
    });
    Mock::given(method("PUT"))
        .and(path("/upload/drive/v3/files"))
        .and(query_param("upload_id", "xa298sd_sdlkj2"))
        .respond_with(SessionResponder(session.clone()))
        .mount(&server)
        .await;
    let timer = ManualTimer::new(SystemTime::now());
    let client = drive::Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .timer(Arc::new(timer.clone()))
        .build()
        .expect("client");

    let metadata = drive::File {
        name: Some("video.mp4".into()),
        ..Default::default()
    };
    let opened = client
        .files()
        .upload_resumable(metadata)
        .x_upload_content_type("video/mp4")
        .x_upload_content_length(content.len() as i64)
        .send_full()
        .await
        .expect("session opened");
    let location = opened.headers()["location"].to_str().unwrap().to_owned();
    let uploaded = ResumableUpload::new(client.runtime(), "files_upload_resumable", location)
        .chunk_size(256 * 1024)
        .send::<drive::File, drive::ErrorResponse>(content.clone())
        .await
        .expect("uploaded");
    assert_eq!(uploaded.body().id.as_deref(), Some("1big"));

    let (held, ranges) = {
        let state = session.state.lock().unwrap();
        (state.held.clone(), state.ranges.clone())
    };
    assert_eq!(held, content, "the server holds exactly the content");
    assert_eq!(
        ranges,
        [
            "bytes 0-262143/700000",
            "bytes 262144-524287/700000",
            // The failed chunk: ask what the server holds (half of it), go on from there.
            "bytes */700000",
            "bytes 393216-655359/700000",
            "bytes 655360-699999/700000",
        ]
    );
    // One wait before asking, on the client's clock.
    assert_eq!(timer.sleeps().len(), 1);
    // The opening call carried the token and the content's type and size.
    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[0], "x-upload-content-type"), "video/mp4");
    assert_eq!(header(&requests[0], "x-upload-content-length"), "700000");
    assert_eq!(body_text(&requests[0]), r#"{"name":"video.mp4"}"#);
    // The chunks carry no credential: the session URL is the upload's authority.
    assert!(
        requests[1..]
            .iter()
            .all(|r| !r.headers.contains_key("authorization"))
    );
}

#[tokio::test]
async fn a_session_url_off_the_apis_origin_is_refused() {
    let server = MockServer::start().await;
    let error = ResumableUpload::new(
        client(&server).runtime(),
        "files_upload_resumable",
        "https://attacker.example/upload?upload_id=1",
    )
    .send::<drive::File, drive::ErrorResponse>(vec![1u8; 10])
    .await
    .expect_err("another origin");
    assert!(
        error.to_string().contains("not on the API's origin"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Shares a [`Session`] between the mock and the test.
struct SessionResponder(Arc<Session>);

impl Respond for SessionResponder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.respond(request)
    }
}

#[tokio::test]
async fn drive_errors_are_typed_with_their_reason_and_rate_limits_are_retryable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/drive/v3/files/1missing"))
        .respond_with(json_response(
            404,
            json!({"error": {"code": 404, "message": "File not found: 1missing.", "errors": [
                {"message": "File not found: 1missing.", "domain": "global", "reason": "notFound",
                 "location": "fileId", "locationType": "parameter"}]}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/drive/v3/files"))
        .respond_with(json_response(
            403,
            json!({"error": {"code": 403, "message": "User rate limit exceeded.", "errors": [
                {"message": "User rate limit exceeded.", "domain": "usageLimits", "reason": "userRateLimitExceeded"}]}}),
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client.files().get("1missing").await.expect_err("not found");
    assert_eq!(error.provider_code(), Some("notFound"));
    assert_eq!(error.kind(), integrations_runtime::ErrorKind::NotFound);
    let body = error
        .api()
        .and_then(|api| api.body.as_ref())
        .expect("typed body");
    assert_eq!(body.error.code, 404);
    assert_eq!(body.error.message, "File not found: 1missing.");

    let error = client
        .files()
        .list()
        .retry(RetryPolicy::never())
        .await
        .expect_err("rate limited");
    assert_eq!(error.provider_code(), Some("userRateLimitExceeded"));
    assert!(
        error.is_retryable(),
        "a 403 userRateLimitExceeded is worth retrying"
    );
}
