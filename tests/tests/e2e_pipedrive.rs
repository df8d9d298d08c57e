//! Pipedrive API v2, end to end against a local server through the client generated from
//! the spec we ship: a person created with labelled emails and phones, read back from
//! Pipedrive's documented answer, listed across three cursor pages, and the
//! `{success: false, error}` shape as a typed error with Pipedrive's message.
#![recursion_limit = "256"]

mod common;

use common::documented::pipedrive_person;
use common::{body_text, header, json_response, mount_pages, only_request, queries};
use integrations_runtime::ErrorKind;
use integrations_tests::shipped::shipped_pipedrive as pipedrive;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

fn client(server: &MockServer) -> pipedrive::Client {
    pipedrive::Client::builder()
        .base_url(format!("{}/api/v2", server.uri()))
        .api_key("4b9a7f11e7d64a5f9c2b1e0d8c7a6b5f43210fed")
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_person_is_created_with_labelled_emails_and_the_token_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/persons"))
        .respond_with(json_response(
            200,
            json!({"success": true, "data": pipedrive_person(42, "John Doe")}),
        ))
        .mount(&server)
        .await;
    let email = pipedrive::AddPersonBodyEmailsItem {
        value: Some("john.doe@example.com".into()),
        primary: Some(true),
        label: Some("work".into()),
        ..Default::default()
    };
    let body = pipedrive::AddPersonBody {
        name: Some("John Doe".into()),
        emails: Some(vec![email]),
        ..Default::default()
    };
    let created = client(&server)
        .persons()
        .create(body)
        .await
        .expect("created");
    let data = created.data.expect("the person");
    assert_eq!(data.id, Some(42));
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "x-api-token"),
        "4b9a7f11e7d64a5f9c2b1e0d8c7a6b5f43210fed"
    );
    assert_eq!(
        body_text(&request),
        r#"{"name":"John Doe","emails":[{"value":"john.doe@example.com","primary":true,"label":"work"}]}"#
    );
}

#[tokio::test]
async fn persons_are_listed_across_cursor_pages_until_the_cursor_is_null() {
    let server = MockServer::start().await;
    let pages = [
        (
            None,
            json!({"success": true, "data": [pipedrive_person(1, "Ann Lee"), pipedrive_person(2, "Bo Chan")], "additional_data": {"next_cursor": "eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Mn0"}}),
        ),
        (
            Some("eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Mn0"),
            json!({"success": true, "data": [pipedrive_person(3, "Cy Dunn")], "additional_data": {"next_cursor": "eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6M30"}}),
        ),
        (
            Some("eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6M30"),
            json!({"success": true, "data": [pipedrive_person(4, "Di Eng")], "additional_data": {"next_cursor": null}}),
        ),
    ];
    mount_pages(&server, "/api/v2/persons", "cursor", pages).await;
    let people = client(&server)
        .persons()
        .list()
        .limit(2)
        .items()
        .collect_all()
        .await
        .expect("every page");
    let names: Vec<Option<&str>> = people.iter().map(|p| p.name.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("Ann Lee"),
            Some("Bo Chan"),
            Some("Cy Dunn"),
            Some("Di Eng")
        ]
    );
    let emails = people[0].emails.as_deref().unwrap_or_default();
    assert_eq!(emails[0].label.as_deref(), Some("work"));
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&cursor=eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Mn0",
            "limit=2&cursor=eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6M30",
        ]
    );
}

#[tokio::test]
async fn success_false_is_an_error_with_pipedrives_message() {
    let missing = json!({"success": false, "error": "Person not found", "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.", "data": null, "additional_data": null});
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/persons/999"))
        .respond_with(json_response(404, missing))
        .mount(&server)
        .await;
    let error = client(&server)
        .persons()
        .get(999)
        .await
        .expect_err("missing");
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(
        error.api().and_then(|api| api.message.as_deref()),
        Some("Person not found")
    );

    // The same shape with HTTP 200 is a failure too.
    let refused = json!({"success": false, "error": "\"title\" is not allowed to be empty.", "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.", "data": null, "additional_data": null});
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/deals"))
        .respond_with(json_response(200, refused))
        .mount(&server)
        .await;
    let error = client(&server)
        .deals()
        .create(pipedrive::AddDealBody::new(String::new()))
        .await
        .expect_err("success: false");
    assert_eq!(error.status(), Some(200));
    assert_eq!(
        error.api().and_then(|api| api.message.as_deref()),
        Some("\"title\" is not allowed to be empty.")
    );
    assert_eq!(
        error.provider_code(),
        None,
        "the documented shape has no code"
    );

    // Refused before an endpoint: the status comes back as `errorCode`.
    let unauthorized = json!({"success": false, "error": "unauthorized access", "errorCode": 401, "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API."});
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/deals/7"))
        .respond_with(json_response(401, unauthorized))
        .mount(&server)
        .await;
    let error = client(&server).deals().get(7).await.expect_err("401");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(error.provider_code(), Some("401"));
    assert_eq!(
        error.api().and_then(|api| api.message.as_deref()),
        Some("unauthorized access")
    );
}
