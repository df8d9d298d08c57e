//! Pagination end to end: each provider's list verb streams items across three pages from
//! a local server, asking for each next page the way the provider says (Stripe's
//! `starting_after` = the last id, Square's and Slack's cursors, Twilio's
//! `next_page_uri`), stopping on the last page, and fetching nothing past a cap.
//!
//! Page bodies are the providers' documented list examples (the item objects in full),
//! with ids varied per page.

mod common;

use common::{header, mount_pages, queries, stripe_customer};
use futures_util::StreamExt as _;
use integrations_tests::provider_fixtures::fixture_slack_swagger2 as slack_fixture;
use integrations_tests::shipped::{shipped_slack as slack, shipped_square as square};
use integrations_tests::shipped::{shipped_stripe as stripe, shipped_twilio as twilio};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn page(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

fn stripe_list(ids: &[&str], has_more: bool) -> Value {
    json!({
        "object": "list",
        "url": "/v1/customers",
        "has_more": has_more,
        "data": ids.iter().map(|id| stripe_customer(id, &format!("{id}@example.com"))).collect::<Vec<_>>()
    })
}

async fn stripe_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/customers"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(stripe_list(&["cus_1", "cus_2"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/customers"))
        .and(query_param("starting_after", "cus_2"))
        .respond_with(page(stripe_list(&["cus_3", "cus_4"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/customers"))
        .and(query_param("starting_after", "cus_4"))
        .respond_with(page(stripe_list(&["cus_5"], false)))
        .mount(&server)
        .await;
    server
}

fn stripe_client(server: &MockServer) -> stripe::Client {
    stripe::Client::builder()
        .base_url(server.uri())
        .bearer_token("sk_test_4eC39HqLyjWDarjtT1zdp7dc")
        .build()
        .expect("client")
}

#[tokio::test]
async fn stripe_lists_every_customer_asking_after_the_last_id_of_each_page() {
    let server = stripe_server().await;
    let client = stripe_client(&server);
    let customers = client
        .customers()
        .list()
        .limit(2)
        .items()
        .collect_all()
        .await
        .expect("every page");
    let ids: Vec<&str> = customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"]);
    assert_eq!(customers[0].email.as_deref(), Some("cus_1@example.com"));
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&starting_after=cus_2",
            "limit=2&starting_after=cus_4"
        ]
    );
    for request in server.received_requests().await.expect("recording") {
        assert_eq!(
            header(&request, "authorization"),
            "Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc"
        );
    }
}

#[tokio::test]
async fn a_cap_stops_fetching_and_pages_keep_their_headers() {
    let server = stripe_server().await;
    let client = stripe_client(&server);
    let capped: Vec<_> = client
        .customers()
        .list()
        .items()
        .max_items(3)
        .collect()
        .await;
    assert_eq!(capped.len(), 3);
    assert!(capped.iter().all(Result::is_ok));
    assert_eq!(
        queries(&server).await.len(),
        2,
        "the third page is never asked for"
    );

    let server = stripe_server().await;
    let client = stripe_client(&server);
    let mut pages = client.get_customers().pages();
    let first = pages.next().await.expect("a page").expect("ok");
    assert_eq!(first.status(), 200);
    assert_eq!(first.body().data.len(), 2);
    assert!(first.body().has_more);
    assert_eq!(
        queries(&server).await.len(),
        1,
        "one page asked for, one fetched"
    );
}

/// Square's documented customer, with `id` and `given_name` varied.
fn square_customer(id: &str) -> Value {
    let mut customer = common::documented::square_customer();
    customer["id"] = json!(id);
    customer["given_name"] = json!(format!("Amelia {id}"));
    customer
}

#[tokio::test]
async fn square_lists_every_customer_following_the_cursor_until_a_page_has_none() {
    let server = MockServer::start().await;
    let pages = [
        (
            None,
            json!({"customers": [square_customer("C1"), square_customer("C2")], "cursor": "CURSOR-2"}),
        ),
        (
            Some("CURSOR-2"),
            json!({"customers": [square_customer("C3")], "cursor": "CURSOR-3"}),
        ),
        (
            Some("CURSOR-3"),
            json!({"customers": [square_customer("C4")]}),
        ),
    ];
    mount_pages(&server, "/v2/customers", "cursor", pages).await;
    let client = square::Client::builder()
        .base_url(server.uri())
        .bearer_token("EAAAEOuLQPDB")
        .build()
        .expect("client");
    let customers = client
        .customers()
        .list()
        .limit(2)
        .items()
        .collect_all()
        .await
        .expect("every page");
    let ids: Vec<Option<&str>> = customers.iter().map(|c| c.id.as_deref()).collect();
    assert_eq!(ids, [Some("C1"), Some("C2"), Some("C3"), Some("C4")]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "cursor=CURSOR-2&limit=2",
            "cursor=CURSOR-3&limit=2"
        ]
    );
}

const ACCOUNT: &str = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";

/// Twilio's documented message, with `sid` varied.
fn twilio_message(sid: &str) -> Value {
    json!({
        "account_sid": ACCOUNT,
        "api_version": "2010-04-01",
        "body": "testing",
        "date_created": "Fri, 24 May 2019 17:44:46 +0000",
        "date_sent": "Fri, 24 May 2019 17:44:50 +0000",
        "date_updated": "Fri, 24 May 2019 17:44:50 +0000",
        "direction": "outbound-api",
        "error_code": null,
        "error_message": null,
        "from": "+12019235161",
        "messaging_service_sid": null,
        "num_media": "0",
        "num_segments": "1",
        "price": "-0.00750",
        "price_unit": "USD",
        "sid": sid,
        "status": "sent",
        "subresource_uris": {
            "media": format!("/2010-04-01/Accounts/{ACCOUNT}/Messages/{sid}/Media.json"),
            "feedback": format!("/2010-04-01/Accounts/{ACCOUNT}/Messages/{sid}/Feedback.json")
        },
        "to": "+18182008801",
        "uri": format!("/2010-04-01/Accounts/{ACCOUNT}/Messages/{sid}.json")
    })
}

fn twilio_page(number: u32, sids: &[&str], next: Value) -> Value {
    let list = format!("/2010-04-01/Accounts/{ACCOUNT}/Messages.json");
    json!({
        "end": number * 2 + sids.len() as u32 - 1,
        "first_page_uri": format!("{list}?To=%2B18182008801&PageSize=2&Page=0"),
        "next_page_uri": next,
        "page": number,
        "page_size": 2,
        "previous_page_uri": null,
        "messages": sids.iter().map(|sid| twilio_message(sid)).collect::<Vec<_>>(),
        "start": number * 2,
        "uri": format!("{list}?To=%2B18182008801&PageSize=2&Page={number}")
    })
}

#[tokio::test]
async fn twilio_lists_every_message_following_next_page_uri_on_the_same_host() {
    let server = MockServer::start().await;
    let list = format!("/2010-04-01/Accounts/{ACCOUNT}/Messages.json");
    let next = |page: u32, token: &str| {
        json!(format!(
            "{list}?To=%2B18182008801&PageSize=2&Page={page}&PageToken={token}"
        ))
    };
    Mock::given(method("GET"))
        .and(path(list.as_str()))
        .and(query_param_is_missing("PageToken"))
        .respond_with(page(twilio_page(0, &["SM1", "SM2"], next(1, "PASM2"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(list.as_str()))
        .and(query_param("PageToken", "PASM2"))
        .respond_with(page(twilio_page(1, &["SM3", "SM4"], next(2, "PASM4"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(list.as_str()))
        .and(query_param("PageToken", "PASM4"))
        .respond_with(page(twilio_page(2, &["SM5"], Value::Null)))
        .mount(&server)
        .await;
    let client = twilio::Client::builder()
        .base_url(server.uri())
        .basic_auth(ACCOUNT, "your_auth_token")
        .build()
        .expect("client");
    let messages = client
        .messages()
        .list(ACCOUNT)
        .to("+18182008801")
        .page_size(2)
        .items()
        .collect_all()
        .await
        .expect("every page");
    let sids: Vec<Option<&str>> = messages.iter().map(|m| m.sid.as_deref()).collect();
    assert_eq!(
        sids,
        [
            Some("SM1"),
            Some("SM2"),
            Some("SM3"),
            Some("SM4"),
            Some("SM5")
        ]
    );
    assert_eq!(
        queries(&server).await,
        [
            "To=%2B18182008801&PageSize=2",
            "To=%2B18182008801&PageSize=2&Page=1&PageToken=PASM2",
            "To=%2B18182008801&PageSize=2&Page=2&PageToken=PASM4",
        ]
    );
    for request in server.received_requests().await.expect("recording") {
        assert!(header(&request, "authorization").starts_with("Basic "));
    }
}

#[tokio::test]
async fn a_next_page_on_another_host_is_refused_before_credentials_go_there() {
    let server = MockServer::start().await;
    let list = format!("/2010-04-01/Accounts/{ACCOUNT}/Messages.json");
    let elsewhere = json!("https://attacker.example/steal?PageToken=x");
    Mock::given(method("GET"))
        .and(path(list.as_str()))
        .respond_with(page(twilio_page(0, &["SM1"], elsewhere)))
        .mount(&server)
        .await;
    let client = twilio::Client::builder()
        .base_url(server.uri())
        .basic_auth(ACCOUNT, "your_auth_token")
        .build()
        .expect("client");
    let mut items = client.messages().list(ACCOUNT).items();
    assert_eq!(
        items
            .next()
            .await
            .expect("first")
            .expect("ok")
            .sid
            .as_deref(),
        Some("SM1")
    );
    let error = items.next().await.expect("an error").expect_err("refused");
    assert!(
        error.to_string().contains("not on the API's origin"),
        "{error}"
    );
    assert!(items.next().await.is_none());
    assert_eq!(
        queries(&server).await.len(),
        1,
        "nothing sent elsewhere or again"
    );
}

/// Slack's documented channel object, with `id` and `name` varied.
fn slack_channel(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "is_channel": true,
        "is_group": false,
        "is_im": false,
        "created": 1449252889,
        "creator": "U012A3CDE",
        "is_archived": false,
        "is_general": name == "general",
        "unlinked": 0,
        "name_normalized": name,
        "is_shared": false,
        "is_ext_shared": false,
        "is_org_shared": false,
        "pending_shared": [],
        "is_pending_ext_shared": false,
        "is_member": true,
        "is_private": false,
        "is_mpim": false,
        "updated": 1678229664302_u64,
        "topic": {"value": "Company-wide announcements and work-based matters", "creator": "", "last_set": 0},
        "purpose": {
            "value": "This channel is for team-wide communication and announcements. All team members are in this channel.",
            "creator": "",
            "last_set": 0
        },
        "previous_names": [],
        "num_members": 4
    })
}

async fn slack_server() -> MockServer {
    let server = MockServer::start().await;
    let pages = [
        (
            None,
            json!({"ok": true, "channels": [slack_channel("C012AB3CD", "general"), slack_channel("C061EG9T2", "random")], "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEI="}}),
        ),
        (
            Some("dGVhbTpDMDYxRkE1UEI="),
            json!({"ok": true, "channels": [slack_channel("C061FA5PB", "announcements")], "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEM="}}),
        ),
        (
            Some("dGVhbTpDMDYxRkE1UEM="),
            json!({"ok": true, "channels": [slack_channel("C061FA5PC", "design")], "response_metadata": {"next_cursor": ""}}),
        ),
    ];
    mount_pages(&server, "/conversations.list", "cursor", pages).await;
    server
}

#[tokio::test]
async fn slack_lists_every_channel_following_next_cursor_until_it_is_empty() {
    let server = slack_server().await;
    let client = slack::Client::builder()
        .base_url(server.uri())
        .bearer_token("xoxb-not-a-real-token")
        .build()
        .expect("client");
    let channels = client
        .conversations()
        .list()
        .limit(2)
        .items()
        .collect_all()
        .await
        .expect("every page");
    assert_eq!(channels.len(), 4);
    let names: Vec<String> = channels
        .iter()
        .map(|channel| {
            serde_json::to_value(channel).expect("json")["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(names, ["general", "random", "announcements", "design"]);
    // Parameters go out in the order the spec lists them (Slack's: `limit`, `cursor`).
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&cursor=dGVhbTpDMDYxRkE1UEI%3D",
            "limit=2&cursor=dGVhbTpDMDYxRkE1UEM%3D",
        ]
    );
}

#[tokio::test]
async fn the_swagger_2_slack_description_pages_the_same_way() {
    let server = slack_server().await;
    let client = slack_fixture::Client::builder()
        .base_url(server.uri())
        .bearer_token("xoxb-not-a-real-token")
        .build()
        .expect("client");
    let names: Vec<String> = client
        .conversations()
        .list()
        .limit(2)
        .items()
        .collect_all()
        .await
        .expect("every page")
        .into_iter()
        .map(|channel| channel.name)
        .collect();
    assert_eq!(names, ["general", "random", "announcements", "design"]);
    // This description lists `cursor` before `limit`.
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "cursor=dGVhbTpDMDYxRkE1UEI%3D&limit=2",
            "cursor=dGVhbTpDMDYxRkE1UEM%3D&limit=2",
        ]
    );
}

#[tokio::test]
async fn an_absolute_next_url_on_the_same_host_and_items_behind_optional_objects() {
    use integrations_tests::fixtures::verbs as notes;
    let server = MockServer::start().await;
    let next = |page: u32| json!({"next": format!("{}/events?page={page}", server.uri())});
    let bodies = [
        (
            None,
            json!({"result": {"events": [{"id": "e1"}, {"id": "e2"}]}, "links": next(2)}),
        ),
        (Some("2"), json!({"result": null, "links": next(3)})),
        (
            Some("3"),
            json!({"result": {"events": [{"id": "e3"}]}, "links": {}}),
        ),
    ];
    mount_pages(&server, "/events", "page", bodies).await;
    let client = notes::Client::builder()
        .base_url(server.uri())
        .bearer_token("notes-token")
        .build()
        .expect("client");
    let ids: Vec<String> = client
        .events()
        .list()
        .items()
        .collect_all()
        .await
        .expect("every page")
        .into_iter()
        .map(|event| event.id)
        .collect();
    // The second page holds no events (`result: null`): it is crossed, not the end.
    assert_eq!(ids, ["e1", "e2", "e3"]);
    assert_eq!(queries(&server).await, ["", "page=2", "page=3"]);
}

/// A page of Stripe's search: `next_page` is the token of the next, null on the last.
fn stripe_search_page(ids: &[&str], next_page: Option<&str>) -> Value {
    json!({
        "object": "search_result",
        "url": "/v1/customers/search",
        "has_more": next_page.is_some(),
        "next_page": next_page,
        "data": ids.iter().map(|id| stripe_customer(id, &format!("{id}@example.com"))).collect::<Vec<_>>()
    })
}

#[tokio::test]
async fn stripe_search_follows_next_page_until_there_is_none() {
    let server = MockServer::start().await;
    let search = "/v1/customers/search";
    common::mount_pages(
        &server,
        search,
        "page",
        [
            (
                None,
                stripe_search_page(&["cus_1", "cus_2"], Some("page_2")),
            ),
            (
                Some("page_2"),
                stripe_search_page(&["cus_3", "cus_4"], Some("page_3")),
            ),
            (Some("page_3"), stripe_search_page(&["cus_5"], None)),
        ],
    )
    .await;
    let client = stripe_client(&server);
    let found = client
        .customers()
        .search("email~'example.com'")
        .items()
        .collect_all()
        .await
        .expect("every page");
    let ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"]);
    assert_eq!(
        queries(&server).await,
        [
            "query=email%7E%27example.com%27",
            // The spec lists `page` before `query`; the order means nothing to Stripe.
            "page=page_2&query=email%7E%27example.com%27",
            "page=page_3&query=email%7E%27example.com%27"
        ]
    );
    // A cap of three items stops after the second page.
    let capped = client
        .customers()
        .search("email~'example.com'")
        .items()
        .max_items(3)
        .collect_all()
        .await
        .expect("three");
    assert_eq!(capped.len(), 3);
    assert_eq!(queries(&server).await.len(), 5, "two more pages, not three");
}

/// A `ListObjectsV2` page of S3: `IsTruncated` and `NextContinuationToken` while more
/// keys exist.
fn s3_listing(keys: &[&str], next: Option<&str>) -> String {
    let contents: String = keys
        .iter()
        .map(|key| {
            format!("<Contents><Key>{key}</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified><ETag>\"fba9dede5f27731c9771645a39863328\"</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>")
        })
        .collect();
    let token = next
        .map(|t| format!("<NextContinuationToken>{t}</NextContinuationToken>"))
        .unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>photos</Name><Prefix></Prefix><KeyCount>{}</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>{}</IsTruncated>{token}{contents}</ListBucketResult>"#,
        keys.len(),
        next.is_some()
    )
}

#[tokio::test]
async fn s3_lists_every_object_sending_back_the_continuation_token() {
    use integrations::s3;

    let server = MockServer::start().await;
    for (token, keys, next) in [
        (
            None,
            &["a.jpg", "b.jpg"][..],
            Some("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="),
        ),
        (
            Some("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="),
            &["c.jpg", "d.jpg"][..],
            Some("2ndToken"),
        ),
        (Some("2ndToken"), &["e.jpg"][..], None),
    ] {
        let mock = Mock::given(method("GET")).and(path("/photos"));
        let mock = match token {
            None => mock.and(query_param_is_missing("continuation-token")),
            Some(token) => mock.and(query_param("continuation-token", token)),
        };
        mock.respond_with(
            ResponseTemplate::new(200).set_body_raw(s3_listing(keys, next), "application/xml"),
        )
        .mount(&server)
        .await;
    }
    let client: s3::Client = s3::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client");
    let objects = client
        .objects()
        .list("photos")
        .max_keys(2)
        .items()
        .collect_all()
        .await
        .expect("every page");
    let keys: Vec<&str> = objects.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"]);
    assert_eq!(
        queries(&server).await,
        [
            "list-type=2&max-keys=2",
            "list-type=2&max-keys=2&continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D",
            "list-type=2&max-keys=2&continuation-token=2ndToken"
        ]
    );
}
