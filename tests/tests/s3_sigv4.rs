//! S3 calls signed with SigV4, against `moto` (from PyPI) started here on 127.0.0.1 with
//! request signatures enforced: the generated S3 client with the runtime's signer puts
//! (hashed and streamed bodies), gets, lists and deletes objects, and a wrong secret is
//! refused. moto checks only `Authorization` headers (a presigned or unsigned request
//! makes it fail with a 500), so presigned URLs are checked against botocore, the AWS SDK
//! for Python, signing the same request at the same time.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use integrations_runtime::ErrorKind;
use integrations_runtime::aws::{AwsCredentials, SigV4};
use integrations_tests::shipped::shipped_s3 as s3;

/// moto's S3, with the key of an IAM user allowed to use it; stopped when dropped.
struct Moto {
    child: Child,
    endpoint: String,
    access_key_id: String,
    secret_access_key: String,
    bucket: String,
}

impl Moto {
    fn start() -> Moto {
        let python = common::python_tools();
        let script = common::workspace().join("tests/tools/moto_s3.py");
        let mut child = Command::new(python)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("moto says where it is");
        let said: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("moto's first line `{line}`: {e}"));
        let text = |key: &str| said[key].as_str().unwrap().to_owned();
        Moto {
            endpoint: text("endpoint"),
            access_key_id: text("access_key_id"),
            secret_access_key: text("secret_access_key"),
            bucket: text("bucket"),
            child,
        }
    }

    fn signer(&self, secret: &str) -> SigV4 {
        SigV4::s3(
            AwsCredentials::new(self.access_key_id.clone(), secret),
            "us-east-1",
        )
    }

    fn client(&self, signer: SigV4) -> s3::Client {
        s3::Client::builder()
            .base_url(self.endpoint.as_str())
            .retry(integrations_runtime::RetryPolicy::never())
            .before_send(Arc::new(signer))
            .build()
            .expect("client")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        // Closing its standard input stops it; killing makes sure.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn read_all(mut stream: integrations_runtime::ByteStream) -> Vec<u8> {
    let mut content = Vec::new();
    while let Some(chunk) = stream.next().await {
        content.extend_from_slice(&chunk.expect("a chunk"));
    }
    content
}

#[tokio::test]
async fn signed_s3_calls_pass_a_server_that_checks_signatures() {
    let moto = Moto::start();
    let bucket = moto.bucket.clone();
    let client = moto.client(moto.signer(&moto.secret_access_key));
    let key = "2026/notes on the engine.txt";
    let content = "The Analytical Engine weaves algebraic patterns.";

    client
        .put_object(&bucket, key, content)
        .send()
        .await
        .expect("put, signed with the payload's hash");
    // A streamed body is sent as UNSIGNED-PAYLOAD.
    let chunks = futures_util::stream::iter(["streamed ", "in ", "parts"].map(|part| {
        Ok::<_, std::io::Error>(integrations_runtime::Bytes::from_static(part.as_bytes()))
    }));
    client
        .put_object(
            &bucket,
            "2026/streamed.txt",
            integrations_runtime::Body::from_stream(chunks),
        )
        .send()
        .await
        .expect("put, streamed");

    let got = client.get_object(&bucket, key).send().await.expect("get");
    assert_eq!(read_all(got).await, content.as_bytes());

    let listed = client
        .list_objects_v2(&bucket)
        .prefix("2026/")
        .send()
        .await
        .expect("list");
    let mut keys: Vec<String> = listed
        .contents
        .unwrap_or_default()
        .into_iter()
        .map(|o| o.key)
        .collect();
    keys.sort();
    assert_eq!(keys, ["2026/notes on the engine.txt", "2026/streamed.txt"]);

    client
        .delete_object(&bucket, key)
        .send()
        .await
        .expect("delete");
    let error = client
        .get_object(&bucket, key)
        .send()
        .await
        .expect_err("deleted");
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(error.code(), Some("NoSuchKey"));
}

#[tokio::test]
async fn the_upload_and_download_verbs_and_a_listing_across_continuation_tokens() {
    let moto = Moto::start();
    let bucket = moto.bucket.clone();
    let client = moto.client(moto.signer(&moto.secret_access_key));
    let keys: Vec<String> = (1..=5).map(|i| format!("reports/2026-0{i}.csv")).collect();
    for (i, key) in keys.iter().enumerate() {
        client
            .upload(&bucket, key, format!("month,{i}\n"))
            .await
            .expect("uploaded");
    }
    client
        .upload(&bucket, "other/readme.txt", "not listed")
        .await
        .expect("uploaded");
    let got = client
        .download(&bucket, &keys[2])
        .await
        .expect("downloaded");
    assert_eq!(read_all(got).await, b"month,2\n");

    // Two keys a page: three pages, each asked for with the token the one before gave.
    let mut pages = client
        .objects()
        .list(&bucket)
        .prefix("reports/")
        .max_keys(2)
        .pages();
    let mut listed = Vec::new();
    let mut tokens = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        let page = page.body();
        tokens.push(page.next_continuation_token.is_some());
        listed.extend(
            page.contents
                .iter()
                .flatten()
                .map(|object| object.key.clone()),
        );
    }
    assert_eq!(listed, keys);
    assert_eq!(tokens, [true, true, false]);

    // Items, capped: three keys need two pages.
    let first_three = client
        .objects()
        .list(&bucket)
        .prefix("reports/")
        .max_keys(2)
        .items()
        .max_items(3)
        .collect_all()
        .await
        .expect("capped");
    let first_three: Vec<String> = first_three.into_iter().map(|o| o.key).collect();
    assert_eq!(first_three, keys[..3]);
}

#[tokio::test]
async fn a_wrong_secret_is_refused() {
    let moto = Moto::start();
    let bucket = moto.bucket.clone();
    let wrong = moto.client(moto.signer("not-the-secret"));
    let error = wrong
        .put_object(&bucket, "x.txt", "x")
        .send()
        .await
        .expect_err("refused");
    assert_eq!(error.status(), Some(403));
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(error.code(), Some("SignatureDoesNotMatch"));

    // And the right key still works on the same server.
    let right = moto.client(moto.signer(&moto.secret_access_key));
    right
        .put_object(&bucket, "x.txt", "x")
        .send()
        .await
        .expect("put");
}

/// botocore's presigned URL for the same request, at the same time.
fn botocore_presign(arguments: serde_json::Value) -> String {
    use std::io::Write as _;
    let python = common::python_tools();
    let script = common::workspace().join("tests/tools/botocore_presign.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(arguments.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "botocore could not presign");
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// The query of `url` as sorted pairs, and its path.
fn parts(url: &str) -> (String, Vec<(String, String)>) {
    let url = reqwest::Url::parse(url).unwrap();
    let mut pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    pairs.sort();
    (url.path().to_owned(), pairs)
}

#[test]
fn presigned_urls_match_botocore() {
    // 2026-12-05T01:30:00Z.
    let at = std::time::UNIX_EPOCH + Duration::from_secs(1_796_434_200);
    for (path, token) in [
        (
            "/integrations-test/2026/notes%20on%20the%20engine.txt",
            None,
        ),
        (
            "/integrations-test/r%C3%A9sum%C3%A9.pdf",
            Some("FwoGZXIvYXdzEXAMPLEtoken//+=="),
        ),
    ] {
        let url = format!("http://127.0.0.1:9000{path}");
        let mut credentials =
            AwsCredentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        if let Some(token) = token {
            credentials = credentials.session_token(token);
        }
        let ours = SigV4::s3(credentials, "eu-west-3")
            .at(at)
            .presign(
                "GET",
                &reqwest::Url::parse(&url).unwrap(),
                &reqwest::header::HeaderMap::new(),
                Duration::from_secs(300),
            )
            .unwrap();
        let theirs = botocore_presign(serde_json::json!({
            "method": "GET",
            "url": url,
            "access_key_id": "AKIDEXAMPLE",
            "secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "session_token": token,
            "region": "eu-west-3",
            "expires": 300,
            "timestamp": "20261205T013000Z",
        }));
        assert_eq!(parts(ours.as_str()), parts(&theirs), "{path}");
    }
}
