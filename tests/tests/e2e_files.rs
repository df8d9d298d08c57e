//! Bytes on the wire: S3 (XML bodies and responses, octet-stream upload and download,
//! streamed uploads), a multipart upload with a file part, and responses that differ by
//! status and media type. Clients come from `specs/s3` (written from the S3 REST
//! reference; the converted upstream S3 spec does not describe S3's XML faithfully) and
//! from fixture specs.

mod common;

use bytes::Bytes;
use common::{body_text, header, json_response, only_request};
use integrations_runtime::{Body, FilePart};
use integrations_tests::fixtures::{binary, responses};
use integrations_tests::shipped::shipped_s3 as s3;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn s3_client(server: &MockServer) -> s3::Client {
    s3::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client")
}

fn xml_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/xml")
}

#[tokio::test]
async fn s3_put_bucket_tagging_sends_an_xml_body_with_a_wrapped_list() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/photos"))
        .and(query_param("tagging", ""))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let tagging = s3::Tagging::new(vec![
        s3::Tag::new("env".into(), "prod".into()),
        s3::Tag::new("team".into(), "a&b".into()),
    ]);
    s3_client(&server)
        .await
        .put_bucket_tagging("photos", tagging)
        .await
        .expect("tagged");

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("tagging="));
    assert_eq!(header(&request, "content-type"), "application/xml");
    assert_eq!(
        body_text(&request),
        "<Tagging><TagSet><Tag><Key>env</Key><Value>prod</Value></Tag><Tag><Key>team</Key><Value>a&amp;b</Value></Tag></TagSet></Tagging>"
    );
}

#[tokio::test]
async fn s3_list_objects_decodes_an_xml_response() {
    let server = MockServer::start().await;
    let listing = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>photos</Name><Prefix>2024/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
  <NextContinuationToken>1ueGcxLPRx1Tr</NextContinuationToken>
  <Contents><Key>2024/a.jpg</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>"9b2cf535f27731c974343645a3985328"</ETag><Size>1024</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>2024/b.jpg</Key><Size>2048</Size><StorageClass>GLACIER_IR</StorageClass></Contents>
</ListBucketResult>"#;
    Mock::given(method("GET"))
        .and(path("/photos"))
        .respond_with(xml_response(200, listing))
        .mount(&server)
        .await;
    let page = s3_client(&server)
        .await
        .list_objects_v2("photos")
        .prefix("2024/")
        .max_keys(2)
        .await
        .expect("listed");
    assert_eq!(page.name, "photos");
    assert!(page.is_truncated);
    assert_eq!(
        page.next_continuation_token.as_deref(),
        Some("1ueGcxLPRx1Tr")
    );
    let contents = page.contents.expect("contents");
    assert_eq!(contents.len(), 2);
    assert_eq!(contents[0].key, "2024/a.jpg");
    assert_eq!(contents[0].size, Some(1024));
    assert_eq!(contents[1].storage_class, Some(s3::StorageClass::GlacierIr));

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("list-type=2&prefix=2024%2F&max-keys=2")
    );
}

#[tokio::test]
async fn s3_errors_are_read_from_the_xml_error_document() {
    let server = MockServer::start().await;
    let error = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";
    Mock::given(method("GET"))
        .respond_with(xml_response(404, error))
        .mount(&server)
        .await;
    let error = s3_client(&server)
        .await
        .get_bucket_tagging("missing")
        .await
        .expect_err("no bucket");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.code(), Some("NoSuchBucket"));
    let typed: &s3::Error = error
        .api()
        .and_then(|a| a.body.as_ref())
        .expect("the error document decodes");
    assert_eq!(typed.request_id.as_deref(), Some("4442587FB7D0A2F9"));
}

#[tokio::test]
async fn s3_put_object_uploads_raw_bytes_with_header_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/photos/2024/a%20b.jpg"))
        .respond_with(ResponseTemplate::new(200).insert_header("ETag", "\"abc\""))
        .mount(&server)
        .await;
    let bytes: Vec<u8> = (0..=255u8).collect();
    s3_client(&server)
        .await
        .put_object("photos", "2024/a b.jpg", Body::from(bytes.clone()))
        .x_amz_storage_class(s3::StorageClass::StandardIa)
        .cache_control("max-age=60")
        .await
        .expect("stored");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/photos/2024/a%20b.jpg");
    assert_eq!(header(&request, "content-type"), "application/octet-stream");
    assert_eq!(header(&request, "x-amz-storage-class"), "STANDARD_IA");
    assert_eq!(header(&request, "cache-control"), "max-age=60");
    assert_eq!(request.body, bytes);
}

#[tokio::test]
async fn s3_put_object_streams_a_body_as_it_is_read() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let chunks = futures_util::stream::iter(
        (0..4).map(|i| Ok::<_, std::io::Error>(Bytes::from(vec![b'a' + i; 1000]))),
    );
    s3_client(&server)
        .await
        .put_object("photos", "big.bin", Body::from_stream(chunks))
        .await
        .expect("stored");
    let request = only_request(&server).await;
    let expected: Vec<u8> = (0..4).flat_map(|i| vec![b'a' + i; 1000]).collect();
    assert_eq!(request.body, expected);
}

#[tokio::test]
async fn s3_get_object_downloads_a_byte_stream() {
    let server = MockServer::start().await;
    let content: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .and(path("/photos/a.jpg"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(content.clone(), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    let stream = s3_client(&server)
        .await
        .get_object("photos", "a.jpg")
        .range("bytes=0-")
        .await
        .expect("found");
    let received = stream.collect().await.expect("body");
    assert_eq!(received, content);
    assert_eq!(header(&only_request(&server).await, "range"), "bytes=0-");
}

async fn files_client(server: &MockServer) -> binary::Client {
    binary::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client")
}

#[tokio::test]
async fn multipart_upload_sends_a_file_part_and_text_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/files"))
        .respond_with(json_response(
            200,
            serde_json::json!({"id": "file_1", "size": 11}),
        ))
        .mount(&server)
        .await;
    let file = FilePart::new(b"hello\x00world".to_vec())
        .file_name("greeting.bin")
        .content_type("application/x-greeting");
    let mut body = binary::UploadFileBody::new(file, binary::UploadFileBodyPurpose::Avatar);
    body.link = Some(binary::UploadFileBodyLink {
        create: Some(true),
        ..Default::default()
    });
    // A default Content-Type must not replace the multipart one, which holds the boundary.
    let client = binary::Client::builder()
        .base_url(server.uri())
        .default_header("Content-Type", "application/json")
        .build()
        .expect("client");
    let uploaded = client.upload_file(body).await.expect("uploaded");
    assert_eq!(uploaded.size, 11);

    let request = only_request(&server).await;
    let content_type = header(&request, "content-type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type");
    let mut expected = Vec::new();
    expected.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"greeting.bin\"\r\nContent-Type: application/x-greeting\r\n\r\n").as_bytes(),
    );
    expected.extend_from_slice(b"hello\x00world");
    expected.extend_from_slice(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\navatar\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"link[create]\"\r\n\r\ntrue\r\n--{boundary}--\r\n").as_bytes(),
    );
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        String::from_utf8_lossy(&expected)
    );
}

#[tokio::test]
async fn octet_stream_upload_and_pdf_download() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/files/f1/content"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/files/f1/content"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"%PDF-1.7 ...".to_vec(), "application/pdf"),
        )
        .mount(&server)
        .await;
    let client = files_client(&server).await;
    client
        .put_content("f1", Body::from(b"%PDF-1.7 ...".to_vec()))
        .await
        .expect("stored");
    let pdf = client
        .get_content("f1")
        .await
        .expect("found")
        .collect()
        .await
        .expect("read");
    assert_eq!(&pdf[..], b"%PDF-1.7 ...");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        header(&requests[0], "content-type"),
        "application/octet-stream"
    );
    assert_eq!(requests[0].body, b"%PDF-1.7 ...");
}

async fn jobs_client(server: &MockServer) -> responses::Client {
    responses::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client")
}

#[tokio::test]
async fn several_success_types_decode_by_status() {
    for (status, body, expected) in [
        (
            200,
            Some(serde_json::json!({"id": 7, "state": "done"})),
            "ok",
        ),
        (202, Some(serde_json::json!({"ticket": "t-1"})), "accepted"),
        (204, None, "no content"),
    ] {
        let server = MockServer::start().await;
        let template = match body {
            Some(body) => json_response(status, body),
            None => ResponseTemplate::new(status),
        };
        Mock::given(method("POST"))
            .and(path("/jobs"))
            .respond_with(template)
            .mount(&server)
            .await;
        let outcome = jobs_client(&server)
            .await
            .start_job()
            .await
            .expect("a success");
        let got = match outcome {
            responses::StartJobResponse::Ok(job)
                if job.id == 7 && job.state == responses::JobState::Done =>
            {
                "ok"
            }
            responses::StartJobResponse::Accepted(ticket) if ticket.ticket == "t-1" => "accepted",
            responses::StartJobResponse::NoContent => "no content",
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn several_error_types_decode_by_status_range_and_media_type() {
    let problem = serde_json::json!({"type": "about:blank", "title": "Bad input", "status": 422});
    let cases = [
        (
            ResponseTemplate::new(422)
                .set_body_raw(problem.to_string(), "application/problem+json"),
            "4xx",
        ),
        (
            ResponseTemplate::new(503).set_body_raw("try later", "text/plain"),
            "503",
        ),
        (json_response(500, problem.clone()), "default"),
    ];
    for (template, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(template)
            .mount(&server)
            .await;
        let error = jobs_client(&server)
            .await
            .start_job()
            .await
            .expect_err("an error");
        let body = error
            .api()
            .and_then(|a| a.body.as_ref())
            .expect("typed error body");
        let got = match body {
            responses::StartJobError::Status4xx(p) if p.title.as_deref() == Some("Bad input") => {
                "4xx"
            }
            responses::StartJobError::ServiceUnavailable(text) if text == "try later" => "503",
            responses::StartJobError::Default(p) if p.status == Some(422) => "default",
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(got, expected);
        assert_eq!(
            error.api().and_then(|a| a.message.as_deref()),
            if expected == "503" {
                None
            } else {
                Some("Bad input")
            }
        );
    }
}

#[tokio::test]
async fn query_styles_and_vendor_json_responses() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/jobs/42"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id": 42, "state": "failed"}"#,
            "application/vnd.example+json",
        ))
        .mount(&server)
        .await;
    let filter = responses::GetJobFilter {
        state: Some("open".into()),
        since: Some(5),
        ..Default::default()
    };
    let job = jobs_client(&server)
        .await
        .get_job(42)
        .fields(vec!["id".into(), "state".into()])
        .tags(vec!["a".into(), "b".into()])
        .filter(filter)
        .x_request_id("req-1")
        .await
        .expect("found");
    assert_eq!(job.state, responses::JobState::Failed);
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("fields=id%2Cstate&tags=a%7Cb&filter%5Bstate%5D=open&filter%5Bsince%5D=5")
    );
    assert_eq!(header(&request, "x-request-id"), "req-1");
}

#[tokio::test]
async fn an_undeclared_success_body_that_does_not_decode_names_the_json_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json_response(
            200,
            serde_json::json!({"id": "not a number", "state": "done"}),
        ))
        .mount(&server)
        .await;
    let error = jobs_client(&server)
        .await
        .get_job(1)
        .await
        .expect_err("bad body");
    match &error {
        integrations_runtime::Error::Decode(decode) => {
            assert_eq!(decode.path.as_deref(), Some("id"))
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn any_success_is_a_success_through_send_raw() {
    // An undeclared 202 with no body, and a body that is not the declared type: `send`
    // cannot make the declared type of them, `send_raw` keeps them as they came.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/jobs/1"))
        .respond_with(ResponseTemplate::new(202).insert_header("Location", "/jobs/1/status"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/jobs/2"))
        .respond_with(json_response(
            200,
            serde_json::json!({"id": "not a number"}),
        ))
        .mount(&server)
        .await;
    let client = jobs_client(&server).await;
    let accepted = client.get_job(1).send_raw().await.expect("a success");
    assert_eq!(accepted.status(), 202);
    assert_eq!(accepted.headers()["location"], "/jobs/1/status");
    assert!(accepted.body().is_empty());
    let odd = client.get_job(2).send_raw().await.expect("a success");
    assert_eq!(odd.status(), 200);
    assert_eq!(&odd.body()[..], br#"{"id":"not a number"}"#);
    let error = client.get_job(2).send().await.expect_err("not a Job");
    assert!(
        matches!(error, integrations_runtime::Error::Decode(_)),
        "{error:?}"
    );

    // A failure is still an error, with the provider's answer.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(json_response(
            404,
            serde_json::json!({"message": "no such job"}),
        ))
        .mount(&server)
        .await;
    let error = client.get_job(3).send_raw().await.expect_err("not found");
    assert_eq!(error.status(), Some(404));
}

#[tokio::test]
async fn transport_errors_and_timeouts_are_told_apart() {
    // Nothing listens on this port once the listener is dropped.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = responses::Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let error = client.get_job(1).await.expect_err("refused");
    assert!(
        matches!(error, integrations_runtime::Error::Transport(ref t) if t.is_connect()),
        "{error:?}"
    );

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            json_response(200, serde_json::json!({"id": 1, "state": "done"}))
                .set_delay(std::time::Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    let client = responses::Client::builder()
        .base_url(server.uri())
        .timeout(Some(std::time::Duration::from_millis(50)))
        .build()
        .unwrap();
    let error = client.get_job(1).await.expect_err("timed out");
    assert!(
        matches!(error, integrations_runtime::Error::Timeout(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_named_binary_schema_is_still_a_file_part_and_json_content_parameters_are_json_text() {
    use integrations_tests::fixtures::edge_cases;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/files"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/search"))
        .respond_with(json_response(
            200,
            serde_json::json!([{"kind": "dog", "bark": "woof"}]),
        ))
        .mount(&server)
        .await;
    let client = edge_cases::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap();

    let mut body =
        edge_cases::UploadFilesBody::new(FilePart::new(b"one".to_vec()).file_name("1.txt"));
    body.extra = Some(vec![FilePart::new(b"two".to_vec()).file_name("2.txt")]);
    client.upload_files(body).await.expect("uploaded");

    let filter = edge_cases::SearchFilter {
        state: Some("open".into()),
        ids: Some(vec![1, 2]),
        ..Default::default()
    };
    let pets = client
        .search()
        .send2("all")
        .filter(filter)
        .await
        .expect("found");
    assert!(matches!(pets[0], edge_cases::Pet::Dog(_)));

    let requests = server.received_requests().await.unwrap();
    let upload = String::from_utf8_lossy(&requests[0].body);
    assert!(upload.contains("name=\"file\"; filename=\"1.txt\"\r\nContent-Type: application/octet-stream\r\n\r\none\r\n"), "{upload}");
    assert!(
        upload.contains("name=\"extra\"; filename=\"2.txt\""),
        "{upload}"
    );
    assert_eq!(
        requests[1].url.query(),
        Some("send=all&filter=%7B%22state%22%3A%22open%22%2C%22ids%22%3A%5B1%2C2%5D%7D")
    );
}

#[tokio::test]
async fn wildcard_media_types_download_bytes_and_decode_as_sent() {
    let server = MockServer::start().await;
    let pdf = b"%PDF-1.7 \x00\x01 not json".to_vec();
    Mock::given(method("GET"))
        .and(path("/reports/r1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/echo"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("got 5 bytes", "text/plain"))
        .mount(&server)
        .await;
    let client = jobs_client(&server).await;

    // `*/*` with a binary schema is a byte stream, whatever the server sends.
    let stream = client.get_report("r1").await.expect("downloaded");
    let received = stream.collect().await.expect("body");
    assert_eq!(received, pdf);

    // A `*/*` request body with a binary schema goes as octet-stream, never as `*/*`;
    // a `*/*` response with a string schema is read as its Content-Type says.
    let described = client
        .echo(Body::from(b"hello".to_vec()))
        .await
        .expect("a text/plain answer decodes as text");
    assert_eq!(described, "got 5 bytes");
    let requests = server.received_requests().await.unwrap();
    let echo = requests
        .iter()
        .find(|r| r.url.path() == "/echo")
        .expect("the echo request");
    assert_eq!(header(echo, "content-type"), "application/octet-stream");
    assert_eq!(echo.body, b"hello");
}
