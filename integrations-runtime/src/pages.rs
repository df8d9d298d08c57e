//! Pagination: a list operation's answers as a stream of pages, or of items, each page
//! fetched only when the stream is polled past the one before.
//!
//! Providers say where the next page is in one of three ways, which [`Paging`] describes
//! (generated code builds one per list operation from `provider.toml`):
//! - a cursor in the page, sent back in a request parameter (Square's `cursor`, Slack's
//!   `response_metadata.next_cursor`, HubSpot's `paging.next.after`, Pipedrive's
//!   `next_start`, Drive's `nextPageToken`);
//! - a field of the page's last item, sent back (Stripe's `starting_after` = the last id);
//! - the next page's URL (Salesforce's `nextRecordsUrl`, Twilio's `next_page_uri`).
//!
//! A flag can say whether more pages exist (Stripe's `has_more`, Pipedrive's
//! `more_items_in_collection`); without one, the last page is the one without a cursor.
//! An API that points back to the page it just gave ends the stream with an error rather
//! than looping.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::BoxFuture;
use crate::error::{EncodeError, Error};
use crate::request::CallOptions;
use crate::response::Reply;

/// Where a page says the next one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextPage {
    /// A cursor at this JSON Pointer in the page.
    Cursor(&'static str),
    /// A field (`field`, a JSON Pointer in the item) of the last item of the list at
    /// `items` (a JSON Pointer in the page).
    LastItem {
        /// Where the page's items are.
        items: &'static str,
        /// The field of an item that is the cursor.
        field: &'static str,
    },
    /// The next page's URL, at this JSON Pointer in the page.
    Url(&'static str),
}

/// How a list operation pages: where the next page is, and what says whether there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Paging {
    /// Where the next page is.
    pub next: NextPage,
    /// A JSON Pointer to a flag that is `true` while more pages exist.
    pub has_more: Option<&'static str>,
}

impl Paging {
    /// The next page is asked for with the cursor at `pointer`.
    pub const fn cursor(pointer: &'static str) -> Self {
        Paging {
            next: NextPage::Cursor(pointer),
            has_more: None,
        }
    }

    /// The next page is asked for with `field` of the last item of the list at `items`.
    pub const fn last_item(items: &'static str, field: &'static str) -> Self {
        Paging {
            next: NextPage::LastItem { items, field },
            has_more: None,
        }
    }

    /// The next page is at the URL at `pointer`.
    pub const fn url(pointer: &'static str) -> Self {
        Paging {
            next: NextPage::Url(pointer),
            has_more: None,
        }
    }

    /// With a flag at `pointer` that says whether more pages exist.
    pub const fn has_more(mut self, pointer: &'static str) -> Self {
        self.has_more = Some(pointer);
        self
    }
}

/// Where the next page is, as a list request builder applies it to a copy of itself.
#[derive(Debug, Clone)]
pub struct Next {
    operation: &'static str,
    target: Target,
}

#[derive(Debug, Clone)]
enum Target {
    Cursor(Value),
    Url(String),
}

impl Next {
    /// Sets `param` (the operation's cursor parameter) to the cursor, or the call's URL
    /// to the next page's. A cursor that does not fit the parameter's type (a word for a
    /// numeric `start`) is an error naming the operation.
    pub fn apply<T: DeserializeOwned, E>(
        &self,
        param: &mut Option<T>,
        options: &mut CallOptions,
    ) -> Result<(), Error<E>> {
        match &self.target {
            Target::Cursor(value) => {
                *param = Some(convert(value).ok_or_else(|| {
                    Error::Encode(EncodeError::new(
                        self.operation,
                        "the next page's cursor",
                        format!("{value} does not fit the cursor parameter's type"),
                    ))
                })?);
                Ok(())
            }
            Target::Url(url) => {
                options.page_url(url.clone());
                Ok(())
            }
        }
    }

    /// The body of the operation that gives the next page (Dropbox's
    /// `list_folder/continue`): an object with the cursor at `field`. A body type that
    /// needs more than the cursor is an error naming the operation.
    pub fn body<B: DeserializeOwned, E>(&self, field: &str) -> Result<B, Error<E>> {
        let cursor = match &self.target {
            Target::Cursor(value) => value.clone(),
            Target::Url(url) => Value::String(url.clone()),
        };
        let mut object = serde_json::Map::new();
        object.insert(field.to_owned(), cursor);
        B::deserialize(Value::Object(object)).map_err(|e| {
            Error::Encode(EncodeError::new(
                self.operation,
                "the next page's request",
                format!("the cursor does not make a body with `{field}`: {e}"),
            ))
        })
    }

    /// Sets the call's URL to the next page's (an operation that pages by URL only).
    pub fn apply_url<E>(&self, options: &mut CallOptions) -> Result<(), Error<E>> {
        match &self.target {
            Target::Url(url) => {
                options.page_url(url.clone());
                Ok(())
            }
            Target::Cursor(_) => Err(Error::Encode(EncodeError::new(
                self.operation,
                "the next page",
                "the operation has no cursor parameter to send it in",
            ))),
        }
    }
}

/// A cursor as the parameter's type: as it is, or a number as its text, or a text as
/// the number it spells.
fn convert<T: DeserializeOwned>(value: &Value) -> Option<T> {
    if let Ok(converted) = T::deserialize(value) {
        return Some(converted);
    }
    match value {
        Value::Number(number) => T::deserialize(Value::String(number.to_string())).ok(),
        Value::String(text) => serde_json::from_str(text).ok(),
        _ => None,
    }
}

/// Fetches one page: none for the first, then where the previous page pointed.
type Fetch<'a, P, E> =
    Box<dyn FnMut(Option<Next>) -> BoxFuture<'a, Result<Reply<P>, Error<E>>> + Send + 'a>;

enum State<'a, P, E> {
    Start,
    Fetching(BoxFuture<'a, Result<Reply<P>, Error<E>>>),
    Ready(Next),
    Failed(Error<E>),
    Done,
}

/// The pages of a list, fetched one at a time as the stream is polled. Each item is the
/// whole answer, with its status and headers; a failed page ends the stream after its
/// error.
pub struct Pages<'a, P, E> {
    paging: &'static Paging,
    fetch: Fetch<'a, P, E>,
    state: State<'a, P, E>,
    pages_left: Option<usize>,
    last_cursor: Option<Value>,
}

impl<P, E> std::fmt::Debug for Pages<'_, P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("paging", self.paging)
            .field("pages_left", &self.pages_left)
            .finish_non_exhaustive()
    }
}

impl<'a, P, E> Pages<'a, P, E> {
    /// Pages fetched by `fetch`, which sends the list request as it was built when given
    /// `None`, and applies the [`Next`] it is given to a copy of it otherwise.
    pub fn new<F>(paging: &'static Paging, fetch: F) -> Self
    where
        F: FnMut(Option<Next>) -> BoxFuture<'a, Result<Reply<P>, Error<E>>> + Send + 'a,
    {
        Pages {
            paging,
            fetch: Box::new(fetch),
            state: State::Start,
            pages_left: None,
            last_cursor: None,
        }
    }

    /// Fetches at most `count` pages.
    pub fn max_pages(mut self, count: usize) -> Self {
        self.pages_left = Some(count);
        self
    }

    /// The next page, or `None` after the last (the stream's `next`, without importing
    /// `StreamExt`).
    pub async fn next(&mut self) -> Option<Result<Reply<P>, Error<E>>> {
        StreamExt::next(self).await
    }

    /// Where the page `reply` says the next one is, if anywhere.
    fn next_of(&mut self, reply: &Reply<P>) -> Result<Option<Next>, Error<E>> {
        let malformed =
            |message: String| Error::Decode(Box::new(reply.decode_error(None, message)));
        let xml = reply
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| {
                crate::response::media_of(Some(value)) == crate::request::Media::Xml
            });
        let page: Value = if xml {
            crate::xml::to_value(reply.raw_body()).map_err(|e| {
                malformed(format!(
                    "a page of results is not well-formed XML, so it cannot say where the next one is: {e}"
                ))
            })?
        } else {
            serde_json::from_slice(reply.raw_body()).map_err(|e| {
                malformed(format!(
                    "a page of results is not JSON, so it cannot say where the next one is: {e}"
                ))
            })?
        };
        let more = match self.paging.has_more {
            None => None,
            Some(pointer) => match page.pointer(pointer) {
                None | Some(Value::Null) | Some(Value::Bool(false)) => return Ok(None),
                // XML has no booleans: its flags are the words.
                Some(Value::String(word)) if xml && word == "false" => return Ok(None),
                Some(Value::String(word)) if xml && word == "true" => Some(pointer),
                Some(Value::Bool(true)) => Some(pointer),
                Some(other) => {
                    return Err(malformed(format!(
                        "`{pointer}` should say whether more pages exist, but is {other}"
                    )));
                }
            },
        };
        let (pointer, found) = match self.paging.next {
            NextPage::Cursor(pointer) | NextPage::Url(pointer) => (pointer, page.pointer(pointer)),
            NextPage::LastItem { items, field } => (
                field,
                page.pointer(items)
                    .and_then(Value::as_array)
                    .and_then(|list| list.last())
                    .and_then(|item| item.pointer(field)),
            ),
        };
        let value = match found {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) if text.is_empty() => None,
            Some(value) => Some(value.clone()),
        };
        let Some(value) = value else {
            return match more {
                Some(flag) => Err(malformed(format!(
                    "`{flag}` says more pages exist, but the page has no cursor at `{pointer}`"
                ))),
                None => Ok(None),
            };
        };
        let target = match (&self.paging.next, value) {
            (NextPage::Url(_), Value::String(url)) => Target::Url(url),
            (NextPage::Url(_), other) => {
                return Err(malformed(format!(
                    "the next page's URL at `{pointer}` is {other}, not a string"
                )));
            }
            (_, cursor @ (Value::String(_) | Value::Number(_))) => Target::Cursor(cursor),
            (_, other) => {
                return Err(malformed(format!(
                    "the cursor at `{pointer}` is {other}, not a string or number"
                )));
            }
        };
        let key = match &target {
            Target::Cursor(value) => value.clone(),
            Target::Url(url) => Value::String(url.clone()),
        };
        if self.last_cursor.as_ref() == Some(&key) {
            return Err(malformed(format!(
                "the API gave the same cursor at `{pointer}` twice in a row ({key}); stopping instead of fetching the same page forever"
            )));
        }
        self.last_cursor = Some(key);
        Ok(Some(Next {
            operation: reply.operation(),
            target,
        }))
    }
}

impl<P, E> Stream for Pages<'_, P, E> {
    type Item = Result<Reply<P>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Failed(error) => return Poll::Ready(Some(Err(error))),
                State::Start | State::Ready(_) if this.pages_left == Some(0) => {
                    return Poll::Ready(None);
                }
                State::Start => this.state = State::Fetching((this.fetch)(None)),
                State::Ready(next) => this.state = State::Fetching((this.fetch)(Some(next))),
                State::Fetching(mut fetching) => match fetching.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(fetching);
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                    Poll::Ready(Ok(reply)) => {
                        if let Some(left) = &mut this.pages_left {
                            *left -= 1;
                        }
                        this.state = match this.next_of(&reply) {
                            Ok(Some(next)) => State::Ready(next),
                            Ok(None) => State::Done,
                            // The page is good; the error comes after it.
                            Err(error) => State::Failed(error),
                        };
                        return Poll::Ready(Some(Ok(reply)));
                    }
                },
            }
        }
    }
}

/// The pages of a list, each already cut down to its items.
type ItemPages<'a, T, E> = Pin<Box<dyn Stream<Item = Result<Vec<T>, Error<E>>> + Send + 'a>>;

/// The items of every page of a list, in order, fetched a page at a time when the items
/// before run out. A failed page ends the stream after its error.
pub struct Items<'a, T, E> {
    pages: ItemPages<'a, T, E>,
    buffered: VecDeque<T>,
    items_left: Option<usize>,
    done: bool,
}

impl<T, E> std::fmt::Debug for Items<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("buffered", &self.buffered.len())
            .field("items_left", &self.items_left)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'a, E: Send + 'a> Items<'a, T, E> {
    /// The items `items` takes out of each of `pages`.
    pub fn new<P: Send + 'a>(pages: Pages<'a, P, E>, items: fn(P) -> Vec<T>) -> Self {
        Items {
            pages: Box::pin(pages.map(move |page| page.map(|reply| items(reply.into_body())))),
            buffered: VecDeque::new(),
            items_left: None,
            done: false,
        }
    }

    /// The items at `pointer` (a JSON Pointer) in each of `pages`, decoded as `T` rather
    /// than as the spec's item type: a record type of the caller's own for Salesforce's
    /// query, whose records the spec describes only as open objects. A page whose items
    /// are not `T`s ends the stream with an error naming the item.
    pub fn from_json<P: Send + 'a>(pages: Pages<'a, P, E>, pointer: &'static str) -> Self
    where
        T: DeserializeOwned,
    {
        let items = move |reply: Reply<P>| -> Result<Vec<T>, Error<E>> {
            let page: Value = serde_json::from_slice(reply.raw_body()).map_err(|e| {
                Error::Decode(Box::new(
                    reply.decode_error(None, format!("a page of results is not JSON: {e}")),
                ))
            })?;
            let list = match page.pointer(pointer) {
                None | Some(Value::Null) => return Ok(Vec::new()),
                Some(Value::Array(list)) => list,
                Some(other) => {
                    return Err(Error::Decode(Box::new(reply.decode_error(
                        Some(pointer.to_owned()),
                        format!("the items should be a list, but are {other}"),
                    ))));
                }
            };
            list.iter()
                .enumerate()
                .map(|(i, item)| {
                    T::deserialize(item).map_err(|e| {
                        Error::Decode(Box::new(
                            reply.decode_error(Some(format!("{pointer}/{i}")), e.to_string()),
                        ))
                    })
                })
                .collect()
        };
        Items {
            pages: Box::pin(pages.map(move |page| page.and_then(items))),
            buffered: VecDeque::new(),
            items_left: None,
            done: false,
        }
    }

    /// Yields at most `count` items, and fetches no page beyond the one holding the last.
    pub fn max_items(mut self, count: usize) -> Self {
        self.items_left = Some(count);
        self
    }

    /// The next item, or `None` after the last (the stream's `next`, without importing
    /// `StreamExt`).
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        StreamExt::next(self).await
    }

    /// Every item, or the first error.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error<E>> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }
}

// The items are never pinned: they move out of the buffer.
impl<T, E> Unpin for Items<'_, T, E> {}

impl<T, E> Stream for Items<'_, T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.items_left == Some(0) || (this.done && this.buffered.is_empty()) {
                return Poll::Ready(None);
            }
            if let Some(item) = this.buffered.pop_front() {
                if let Some(left) = &mut this.items_left {
                    *left -= 1;
                }
                return Poll::Ready(Some(Ok(item)));
            }
            match this.pages.as_mut().poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => this.done = true,
                Poll::Ready(Some(Err(error))) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(error)));
                }
                Poll::Ready(Some(Ok(items))) => this.buffered.extend(items),
            }
        }
    }
}
