//! The paging engine on its own: pages are fetched only when polled, the next page comes
//! from where each style says, the last page ends the stream, caps stop fetching, and an
//! API that misbehaves (the same cursor twice, a flag that is not a flag, "more" without
//! a cursor) ends the stream with an error after the good pages.

use std::sync::{Arc, Mutex};

use futures_util::StreamExt as _;
use integrations_runtime::pages::{Items, Next, Pages, Paging};
use integrations_runtime::{BufferedResponse, CallOptions, Error, Reply};
use serde_json::{Value, json};

/// What a scripted fetch was asked for: the cursor it was given, or the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Asked {
    First,
    Cursor(String),
    Url(String),
}

/// A fetch that answers `pages` in order, recording what each call asked for.
fn scripted(
    pages: Vec<Value>,
    asked: Arc<Mutex<Vec<Asked>>>,
) -> impl FnMut(Option<Next>) -> integrations_runtime::BoxFuture<'static, Result<Reply<Value>, Error>>
+ Send {
    let mut pages = pages.into_iter();
    move |next| {
        let what = match next {
            None => Asked::First,
            Some(next) => {
                let mut cursor: Option<String> = None;
                let mut options = CallOptions::new();
                match next.apply::<String, Value>(&mut cursor, &mut options) {
                    Ok(()) => match cursor {
                        Some(cursor) => Asked::Cursor(cursor),
                        None => Asked::Url(format!("{options:?}")),
                    },
                    Err(error) => return Box::pin(async move { Err(error) }),
                }
            }
        };
        asked.lock().expect("lock").push(what);
        let page = pages.next().expect("no more pages were scripted");
        let body = serde_json::to_vec(&page).expect("json");
        let response = BufferedResponse::new("ListThings", 200, Default::default(), body.into());
        Box::pin(async move { Ok(Reply::new(response, page)) })
    }
}

fn ids(page: Value) -> Vec<String> {
    page["data"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item["id"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

static STRIPE: Paging = Paging::last_item("/data", "/id").has_more("/has_more");
static SQUARE: Paging = Paging::cursor("/cursor");
static TWILIO: Paging = Paging::url("/next_page_uri");

fn stripe_pages() -> Vec<Value> {
    vec![
        json!({"data": [{"id": "a"}, {"id": "b"}], "has_more": true}),
        json!({"data": [{"id": "c"}, {"id": "d"}], "has_more": true}),
        json!({"data": [{"id": "e"}], "has_more": false}),
    ]
}

#[tokio::test]
async fn the_last_items_id_asks_for_each_next_page_until_has_more_is_false() {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let items = Items::new(
        Pages::new(&STRIPE, scripted(stripe_pages(), asked.clone())),
        ids,
    );
    let all = items.collect_all().await.expect("every page");
    assert_eq!(all, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        *asked.lock().expect("lock"),
        [
            Asked::First,
            Asked::Cursor("b".into()),
            Asked::Cursor("d".into())
        ]
    );
}

#[tokio::test]
async fn nothing_is_fetched_before_the_stream_is_polled_and_a_cap_stops_fetching() {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let mut items = Items::new(
        Pages::new(&STRIPE, scripted(stripe_pages(), asked.clone())),
        ids,
    )
    .max_items(3);
    assert!(asked.lock().expect("lock").is_empty(), "built, not polled");
    let mut seen = Vec::new();
    while let Some(item) = items.next().await {
        seen.push(item.expect("item"));
    }
    assert_eq!(seen, ["a", "b", "c"]);
    assert_eq!(
        asked.lock().expect("lock").len(),
        2,
        "the third page is never fetched"
    );

    let asked = Arc::new(Mutex::new(Vec::new()));
    let pages = Pages::new(&STRIPE, scripted(stripe_pages(), asked.clone())).max_pages(2);
    let fetched: Vec<_> = pages.collect().await;
    assert_eq!(fetched.len(), 2);
    assert_eq!(asked.lock().expect("lock").len(), 2);
}

#[tokio::test]
async fn a_cursor_pages_until_a_page_has_none_or_an_empty_one() {
    for last in [
        json!({"data": [{"id": "c"}]}),
        json!({"data": [{"id": "c"}], "cursor": ""}),
    ] {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let pages = vec![
            json!({"data": [{"id": "a"}], "cursor": "p2"}),
            json!({"data": [{"id": "b"}], "cursor": "p3"}),
            last,
        ];
        let all = Items::new(Pages::new(&SQUARE, scripted(pages, asked.clone())), ids)
            .collect_all()
            .await
            .expect("pages");
        assert_eq!(all, ["a", "b", "c"]);
        assert_eq!(
            *asked.lock().expect("lock"),
            [
                Asked::First,
                Asked::Cursor("p2".into()),
                Asked::Cursor("p3".into())
            ]
        );
    }
}

#[tokio::test]
async fn a_numeric_cursor_fills_a_numeric_parameter_and_a_text_one() {
    static PIPEDRIVE: Paging = Paging::cursor("/additional_data/pagination/next_start")
        .has_more("/additional_data/pagination/more_items_in_collection");
    // Where the next page is, applied to a parameter of each type.
    let next = next_of_first_page(&PIPEDRIVE, json!({"data": [], "additional_data": {"pagination": {"next_start": 100, "more_items_in_collection": true}}})).await;
    let (mut number, mut text): (Option<i64>, Option<String>) = (None, None);
    next.apply::<i64, Value>(&mut number, &mut CallOptions::new())
        .expect("a number");
    next.apply::<String, Value>(&mut text, &mut CallOptions::new())
        .expect("as text");
    assert_eq!(number, Some(100));
    assert_eq!(text.as_deref(), Some("100"));
    let mut flag: Option<bool> = None;
    let error = next
        .apply::<bool, Value>(&mut flag, &mut CallOptions::new())
        .expect_err("not a flag");
    assert!(
        error
            .to_string()
            .contains("does not fit the cursor parameter"),
        "{error}"
    );
}

/// The [`Next`] the stream hands its fetch after `page`.
async fn next_of_first_page(paging: &'static Paging, page: Value) -> Next {
    let captured: Arc<Mutex<Option<Next>>> = Arc::default();
    let seen = captured.clone();
    let mut first = Some(page);
    let mut pages = Pages::new(paging, move |next: Option<Next>| {
        if let Some(next) = next {
            *seen.lock().expect("lock") = Some(next);
            return Box::pin(async {
                Err(Error::<Value>::Transport(
                    integrations_runtime::TransportError::new("stop"),
                ))
            }) as integrations_runtime::BoxFuture<'static, _>;
        }
        let page = first.take().expect("one page");
        let body = serde_json::to_vec(&page).expect("json");
        let reply = Reply::new(
            BufferedResponse::new("List", 200, Default::default(), body.into()),
            page,
        );
        Box::pin(async move { Ok(reply) })
    });
    pages.next().await.expect("page").expect("ok");
    assert!(pages.next().await.expect("asks").is_err());
    let next = captured.lock().expect("lock").take();
    next.expect("the second fetch was given where the next page is")
}

#[tokio::test]
async fn a_next_url_is_handed_to_the_call_and_null_ends_the_list() {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let pages = vec![
        json!({"data": [{"id": "a"}], "next_page_uri": "/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA1"}),
        json!({"data": [{"id": "b"}], "next_page_uri": "/2010-04-01/Accounts/AC1/Messages.json?Page=2&PageToken=PA2"}),
        json!({"data": [{"id": "c"}], "next_page_uri": null}),
    ];
    let all = Items::new(Pages::new(&TWILIO, scripted(pages, asked.clone())), ids)
        .collect_all()
        .await
        .expect("pages");
    assert_eq!(all, ["a", "b", "c"]);
    let asked = asked.lock().expect("lock");
    assert_eq!(asked.len(), 3);
    assert!(
        matches!(&asked[1], Asked::Url(options) if options.contains("PageToken=PA1")),
        "{asked:?}"
    );
    assert!(
        matches!(&asked[2], Asked::Url(options) if options.contains("PageToken=PA2")),
        "{asked:?}"
    );
}

#[tokio::test]
async fn the_same_cursor_twice_ends_the_stream_with_an_error_after_the_good_pages() {
    let asked = Arc::new(Mutex::new(Vec::new()));
    let pages = vec![
        json!({"data": [{"id": "a"}], "cursor": "same"}),
        json!({"data": [{"id": "b"}], "cursor": "same"}),
    ];
    let mut items = Items::new(Pages::new(&SQUARE, scripted(pages, asked.clone())), ids);
    assert_eq!(items.next().await.expect("a").expect("a"), "a");
    assert_eq!(items.next().await.expect("b").expect("b"), "b");
    let error = items.next().await.expect("an error").expect_err("looping");
    assert!(error.to_string().contains("same cursor"), "{error}");
    assert!(items.next().await.is_none());
    assert_eq!(asked.lock().expect("lock").len(), 2);
}

#[tokio::test]
async fn more_pages_without_a_cursor_or_a_flag_of_another_type_is_an_error() {
    for (page, expected) in [
        (
            json!({"data": [], "has_more": true}),
            "says more pages exist",
        ),
        (
            json!({"data": [{"id": "a"}], "has_more": "yes"}),
            "should say whether more pages exist",
        ),
    ] {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let mut pages = Pages::new(&STRIPE, scripted(vec![page], asked.clone()));
        pages
            .next()
            .await
            .expect("first")
            .expect("the page itself is good");
        let error = pages.next().await.expect("error").expect_err("malformed");
        assert!(error.to_string().contains(expected), "{error}");
        assert!(matches!(error, Error::Decode(_)));
        assert!(pages.next().await.is_none());
    }
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_after_its_error() {
    let mut calls = 0;
    let mut pages = Pages::new(&SQUARE, move |_next: Option<Next>| {
        calls += 1;
        let page = json!({"data": [{"id": "a"}], "cursor": format!("p{calls}")});
        let body = serde_json::to_vec(&page).expect("json");
        let reply = Reply::new(
            BufferedResponse::new("List", 200, Default::default(), body.into()),
            page,
        );
        let result = if calls == 2 {
            Err(Error::<Value>::Transport(
                integrations_runtime::TransportError::new("reset"),
            ))
        } else {
            Ok(reply)
        };
        Box::pin(async move { result }) as integrations_runtime::BoxFuture<'static, _>
    });
    assert!(pages.next().await.expect("first").is_ok());
    assert!(pages.next().await.expect("second").is_err());
    assert!(pages.next().await.is_none(), "no page after a failure");
}
