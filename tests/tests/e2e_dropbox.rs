//! Dropbox API v2, end to end against local servers through the client generated from the
//! spec we ship: an upload and a download on the content host with their arguments as
//! JSON in `Dropbox-API-Arg`, RPC calls with JSON bodies (not JSON text in a string), a
//! folder listing continued through `list_folder/continue` across three batches, and
//! the 409 `{error_summary, error}` shape as a typed error with its tag.
#![recursion_limit = "256"]

mod common;

use common::documented::dropbox_file_metadata;

use common::{body_text, header, json_response, only_request};
use integrations_runtime::ErrorKind;
use integrations_tests::shipped::shipped_dropbox as dropbox;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "sl.u.AFm3xQ7exampleShortLivedToken";

/// A client whose RPC and content hosts are both `server` (the base URL's override moves
/// the content host along with it).
fn client(server: &MockServer) -> dropbox::Client {
    dropbox::Client::builder()
        .base_url(format!("{}/2", server.uri()))
        .bearer_token(TOKEN)
        .build()
        .expect("client")
}

/// Dropbox's documented FolderMetadata (the list_folder example's folder entry).
fn folder_metadata(name: &str) -> Value {
    json!({
        ".tag": "folder",
        "id": "id:a4ayc_80_OEAAAAAAAAAXz",
        "name": name,
        "path_display": format!("/Homework/{name}"),
        "path_lower": format!("/homework/{}", name.to_lowercase()),
        "property_groups": [
            {
                "fields": [{"name": "Security Policy", "value": "Confidential"}],
                "template_id": "ptid:1a5n2i6d3OYEAAAAAAAAAYa"
            }
        ],
        "sharing_info": {
            "no_access": false,
            "parent_shared_folder_id": "84528192421",
            "read_only": false,
            "traverse_only": false
        }
    })
}

/// Answers `POST route` (whose JSON body is `expected`, when given) with `answer`.
async fn answer_post(server: &MockServer, route: &str, expected: Option<Value>, answer: Value) {
    let mock = Mock::given(method("POST")).and(path(route));
    let mock = match expected {
        Some(body) => mock.and(body_json(body)),
        None => mock,
    };
    mock.respond_with(json_response(200, answer))
        .mount(server)
        .await;
}

fn tagged_file(name: &str) -> Value {
    let mut file = dropbox_file_metadata();
    file[".tag"] = json!("file");
    file["name"] = json!(name);
    file
}

#[tokio::test]
async fn upload_sends_the_bytes_with_its_arguments_in_the_dropbox_api_arg_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/2/files/upload"))
        .respond_with(json_response(200, dropbox_file_metadata()))
        .mount(&server)
        .await;
    let mut arg = dropbox::UploadArg::new("/Homework/math/Prime_Numbers.txt".to_owned());
    arg.mode = Some(dropbox::WriteMode::new(dropbox::WriteModeTag::Add));
    arg.autorename = Some(true);
    arg.mute = Some(false);
    arg.strict_conflict = Some(false);
    let content = b"2 3 5 7 11 13 17 19 23 29\n".to_vec();
    let file = client(&server)
        .upload(arg, content.clone())
        .await
        .expect("uploaded");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/2/files/upload");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "content-type"), "application/octet-stream");
    assert_eq!(header(&request, "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(
        header(&request, "dropbox-api-arg"),
        r#"{"path":"/Homework/math/Prime_Numbers.txt","mode":{".tag":"add"},"autorename":true,"mute":false,"strict_conflict":false}"#
    );
    assert_eq!(request.body, content);

    assert_eq!(file.id, "id:a4ayc_80_OEAAAAAAAAAXw");
    assert_eq!(file.size, 7212);
    assert_eq!(file.rev, "a1c10ce0dd78");
    let sharing = file.sharing_info.as_ref().expect("sharing info");
    assert!(sharing.read_only);
    assert_eq!(
        sharing.modified_by.as_deref(),
        Some("dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc")
    );
    let lock = file.file_lock_info.as_ref().expect("lock info");
    assert_eq!(lock.lockholder_name.as_deref(), Some("Imaginary User"));
    let groups = file.property_groups.as_ref().expect("property groups");
    assert_eq!(groups[0].fields[0].value, "Confidential");
    // Nothing the answer carried is lost: it encodes back to what was received.
    assert_eq!(
        serde_json::to_value(&file).unwrap(),
        dropbox_file_metadata()
    );
}

#[tokio::test]
async fn a_path_outside_ascii_is_escaped_in_the_header_and_means_the_same_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/2/files/upload"))
        .respond_with(json_response(200, dropbox_file_metadata()))
        .mount(&server)
        .await;
    let arg = dropbox::UploadArg::new("/Rechnungen/Überweisung.pdf".to_owned());
    client(&server)
        .files()
        .upload(arg, b"%PDF-1.7".to_vec())
        .await
        .expect("uploaded");
    let sent = header(&only_request(&server).await, "dropbox-api-arg");
    assert_eq!(sent, r#"{"path":"/Rechnungen/\u00dcberweisung.pdf"}"#);
    let decoded: Value = serde_json::from_str(&sent).unwrap();
    assert_eq!(decoded["path"], "/Rechnungen/Überweisung.pdf");
}

#[tokio::test]
async fn download_streams_the_bytes_and_reads_the_metadata_from_the_result_header() {
    let server = MockServer::start().await;
    let content: Vec<u8> = (0..70_000u32).map(|i| (i % 241) as u8).collect();
    Mock::given(method("POST"))
        .and(path("/2/files/download"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "Dropbox-API-Result",
                    dropbox_file_metadata().to_string().as_str(),
                )
                .set_body_raw(content.clone(), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    let arg = dropbox::DownloadArg::new("/Homework/math/Prime_Numbers.txt".to_owned());
    let reply = client(&server)
        .download(arg)
        .send_full()
        .await
        .expect("downloaded");
    let metadata: dropbox::FileMetadata = reply
        .header_json("Dropbox-API-Result")
        .expect("metadata decodes")
        .expect("metadata header");
    assert_eq!(metadata.name, "Prime_Numbers.txt");
    assert_eq!(metadata.size, 7212);
    let bytes = reply.into_body().collect().await.expect("body");
    assert_eq!(bytes, content);

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "dropbox-api-arg"),
        r#"{"path":"/Homework/math/Prime_Numbers.txt"}"#
    );
    // A download sends no body, and so no content type.
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn content_calls_go_to_the_content_host_and_rpc_calls_to_the_rpc_host() {
    let rpc = MockServer::start().await;
    let content = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/2/files/upload"))
        .respond_with(json_response(200, dropbox_file_metadata()))
        .mount(&content)
        .await;
    Mock::given(method("POST"))
        .and(path("/2/files/get_metadata"))
        .respond_with(json_response(200, tagged_file("Prime_Numbers.txt")))
        .mount(&rpc)
        .await;
    let client = dropbox::Client::builder()
        .base_url(format!("{}/2", rpc.uri()))
        .operation_server(
            "https://content.dropboxapi.com/2",
            format!("{}/2", content.uri()),
        )
        .bearer_token(TOKEN)
        .build()
        .expect("client");
    client
        .upload(dropbox::UploadArg::new("/a.txt".to_owned()), b"a".to_vec())
        .await
        .expect("uploaded on the content host");
    let found = client
        .files()
        .get(dropbox::GetMetadataArg::new("/a.txt".to_owned()))
        .await
        .expect("metadata from the RPC host");
    assert!(matches!(found, dropbox::Metadata::FileMetadata(ref file) if file.size == 7212));
    assert_eq!(only_request(&content).await.url.path(), "/2/files/upload");
    let request = only_request(&rpc).await;
    assert_eq!(request.url.path(), "/2/files/get_metadata");
    // An RPC body is a JSON object, not JSON text in a string.
    assert_eq!(header(&request, "content-type"), "application/json");
    assert_eq!(body_text(&request), r#"{"path":"/a.txt"}"#);

    let unknown = dropbox::Client::builder()
        .operation_server("https://content.dropbox.com/2", content.uri())
        .bearer_token(TOKEN)
        .build()
        .expect_err("a server the API does not have");
    assert!(
        unknown
            .to_string()
            .contains("https://content.dropboxapi.com/2"),
        "{unknown}"
    );
}

#[tokio::test]
async fn a_listing_continues_with_its_cursor_across_three_batches() {
    let server = MockServer::start().await;
    let first = "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu";
    let second = "AAGvWb2yoxL8tFrYwR3cs6XqNIQk4dq0pAyn";
    answer_post(
        &server,
        "/2/files/list_folder",
        Some(json!({"path": "/Homework", "limit": 2})),
        json!({"cursor": first, "entries": [tagged_file("Prime_Numbers.txt"), folder_metadata("math")], "has_more": true}),
    )
    .await;
    answer_post(
        &server,
        "/2/files/list_folder/continue",
        Some(json!({"cursor": first})),
        json!({"cursor": second, "entries": [tagged_file("Fibonacci.txt"), folder_metadata("physics")], "has_more": true}),
    )
    .await;
    answer_post(
        &server,
        "/2/files/list_folder/continue",
        Some(json!({"cursor": second})),
        json!({
            "cursor": "AAH1kXq9Zr0last",
            "entries": [{".tag": "deleted", "name": "old.txt", "path_lower": "/homework/old.txt", "path_display": "/Homework/old.txt"}],
            "has_more": false
        }),
    )
    .await;
    let mut arg = dropbox::ListFolderArg::new("/Homework".to_owned());
    arg.limit = Some(2);
    let entries = client(&server)
        .files()
        .list(arg.clone())
        .items()
        .collect_all()
        .await
        .expect("three batches");
    let names: Vec<&str> = entries
        .iter()
        .map(|entry| match entry {
            dropbox::Metadata::FileMetadata(file) => file.name.as_str(),
            dropbox::Metadata::FolderMetadata(folder) => folder.name.as_str(),
            dropbox::Metadata::DeletedMetadata(deleted) => deleted.name.as_str(),
            dropbox::Metadata::Unknown(_) => "?",
        })
        .collect();
    assert_eq!(
        names,
        [
            "Prime_Numbers.txt",
            "math",
            "Fibonacci.txt",
            "physics",
            "old.txt"
        ]
    );
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/2/files/list_folder",
            "/2/files/list_folder/continue",
            "/2/files/list_folder/continue"
        ]
    );
    assert!(
        requests
            .iter()
            .all(|r| header(r, "authorization") == format!("Bearer {TOKEN}"))
    );

    // A cap stops fetching: three items need two batches.
    server.reset().await;
    answer_post(
        &server,
        "/2/files/list_folder",
        None,
        json!({"cursor": "c1", "entries": [tagged_file("a"), tagged_file("b")], "has_more": true}),
    )
    .await;
    answer_post(
        &server,
        "/2/files/list_folder/continue",
        None,
        json!({"cursor": "c2", "entries": [tagged_file("c"), tagged_file("d")], "has_more": true}),
    )
    .await;
    let first_three = client(&server)
        .files()
        .list(arg)
        .items()
        .max_items(3)
        .collect_all()
        .await
        .expect("capped");
    assert_eq!(first_three.len(), 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_endpoint_error_is_typed_with_its_tag() {
    let server = MockServer::start().await;
    let not_found = json!({
        "error_summary": "path/not_found/..",
        "error": {".tag": "path", "path": {".tag": "not_found"}}
    });
    Mock::given(method("POST"))
        .and(path("/2/files/delete_v2"))
        .respond_with(json_response(409, not_found.clone()))
        .mount(&server)
        .await;
    let error = client(&server)
        .files()
        .delete(dropbox::DeleteArg::new("/nowhere.txt".to_owned()))
        .await
        .expect_err("not found");
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.provider_code(), Some("path"));
    let api = error.api().expect("an API error");
    assert_eq!(api.message.as_deref(), Some("path/not_found/.."));
    let body = api.body.as_ref().expect("typed body");
    assert_eq!(body.error_summary.as_deref(), Some("path/not_found/.."));
    assert_eq!(
        body.error.as_ref().and_then(|e| e.get("path")),
        Some(&json!({".tag": "not_found"}))
    );
    assert_eq!(
        body_text(&only_request(&server).await),
        r#"{"path":"/nowhere.txt"}"#
    );

    // An expired token: 401 with the same shape.
    server.reset().await;
    Mock::given(method("POST"))
        .and(path("/2/files/create_folder_v2"))
        .respond_with(json_response(
            401,
            json!({"error_summary": "expired_access_token/...", "error": {".tag": "expired_access_token"}}),
        ))
        .mount(&server)
        .await;
    let error = client(&server)
        .files()
        .create_folder(dropbox::CreateFolderArg::new(
            "/Homework/chemistry".to_owned(),
        ))
        .await
        .expect_err("expired");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(error.provider_code(), Some("expired_access_token"));
}
