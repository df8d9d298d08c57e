//! Bytes in and out: request bodies, file parts and response streams.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::{Stream, StreamExt, TryStreamExt};

use crate::error::TransportError;

pub(crate) type BoxedStream =
    Pin<Box<dyn Stream<Item = Result<Bytes, Box<dyn std::error::Error + Send + Sync>>> + Send>>;

/// A raw request body: bytes in memory, or a stream sent as it is read.
///
/// A streamed body can be sent once; cloning it shares the one stream.
#[derive(Clone)]
pub struct Body {
    inner: BodyInner,
}

#[derive(Clone)]
enum BodyInner {
    Bytes(Bytes),
    Stream(Arc<Mutex<Option<BoxedStream>>>),
}

impl Body {
    /// A body streamed from `stream` (a file, an upload in progress…).
    pub fn from_stream<S, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let boxed: BoxedStream = Box::pin(stream.map_err(Into::into));
        Body {
            inner: BodyInner::Stream(Arc::new(Mutex::new(Some(boxed)))),
        }
    }

    /// The bytes, when the body is in memory.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.inner {
            BodyInner::Bytes(bytes) => Some(bytes),
            BodyInner::Stream(_) => None,
        }
    }

    /// The body as a stream of chunks (a body in memory is one chunk). A stream can be
    /// taken once: taking it again is an error, never an empty body.
    pub(crate) fn into_chunks(self) -> Result<BoxedStream, &'static str> {
        match self.inner {
            BodyInner::Bytes(bytes) => Ok(Box::pin(futures_util::stream::once(async move {
                Ok::<_, Box<dyn std::error::Error + Send + Sync>>(bytes)
            }))),
            BodyInner::Stream(shared) => shared
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .ok_or("the streamed body was already sent; a stream can be sent once"),
        }
    }

    /// The body for reqwest. A stream can be sent once: sending it again is an error,
    /// never an empty body.
    pub(crate) fn into_reqwest(self) -> Result<reqwest::Body, &'static str> {
        match self.inner {
            BodyInner::Bytes(bytes) => Ok(reqwest::Body::from(bytes)),
            BodyInner::Stream(shared) => {
                let stream = shared.lock().ok().and_then(|mut slot| slot.take());
                match stream {
                    Some(stream) => Ok(reqwest::Body::wrap_stream(stream)),
                    None => Err("the streamed body was already sent; a stream can be sent once"),
                }
            }
        }
    }

    /// Whether the body is a stream (which cannot be resent).
    pub fn is_stream(&self) -> bool {
        matches!(self.inner, BodyInner::Stream(_))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            BodyInner::Bytes(bytes) => write!(f, "Body({} bytes)", bytes.len()),
            BodyInner::Stream(_) => f.write_str("Body(stream)"),
        }
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        match (&self.inner, &other.inner) {
            (BodyInner::Bytes(a), BodyInner::Bytes(b)) => a == b,
            (BodyInner::Stream(a), BodyInner::Stream(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body {
            inner: BodyInner::Bytes(bytes),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::from(Bytes::from(bytes))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::from(Bytes::from(text))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::from(Bytes::from_static(bytes))
    }
}

/// A file in a `multipart/form-data` body: content, and optionally a file name and a
/// content type (`application/octet-stream` when unset).
#[derive(Debug, Clone, PartialEq)]
pub struct FilePart {
    /// The file's content.
    pub content: Body,
    /// The file name sent in `Content-Disposition`.
    pub file_name: Option<String>,
    /// The part's content type.
    pub content_type: Option<String>,
}

impl FilePart {
    /// A file part with `content`.
    pub fn new(content: impl Into<Body>) -> Self {
        FilePart {
            content: content.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl<T: Into<Body>> From<T> for FilePart {
    fn from(content: T) -> Self {
        FilePart::new(content)
    }
}

impl serde::Serialize for FilePart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.content.as_bytes() {
            Some(bytes) => serializer.serialize_bytes(bytes),
            None => Err(serde::ser::Error::custom(
                "a streamed file cannot be serialised as data",
            )),
        }
    }
}

impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <Bytes as serde::Deserialize>::deserialize(deserializer).map(FilePart::new)
    }
}

/// A response body read as it arrives.
pub struct ByteStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, TransportError>> + Send>>,
}

impl ByteStream {
    pub(crate) fn from_response(response: reqwest::Response) -> Self {
        ByteStream {
            inner: Box::pin(response.bytes_stream().map_err(TransportError::from)),
        }
    }

    pub(crate) fn from_bytes(bytes: Bytes) -> Self {
        ByteStream {
            inner: Box::pin(futures_util::stream::iter([Ok(bytes)])),
        }
    }

    /// Reads the whole body into memory.
    pub async fn collect(mut self) -> Result<Bytes, TransportError> {
        let mut out = bytes::BytesMut::new();
        while let Some(chunk) = self.inner.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out.freeze())
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ByteStream")
    }
}
