//! Responses: decoding by declared media type, by status, or as a stream.

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap};

use crate::body::ByteStream;
use crate::error::{DecodeError, Error, TransportError};
use crate::request::Media;

enum Content {
    Unread(reqwest::Response),
    Read(Bytes),
}

/// A successful (2xx) response whose body has not been decoded yet.
pub struct Response {
    operation: &'static str,
    status: u16,
    headers: HeaderMap,
    content: Content,
    /// The largest body [`buffer`](Self::buffer) reads.
    limit: Option<usize>,
    /// How many attempts the call made.
    attempts: u32,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Response {
    pub(crate) fn unread(
        operation: &'static str,
        mut response: reqwest::Response,
        limit: Option<usize>,
    ) -> Self {
        Response {
            operation,
            status: response.status().as_u16(),
            headers: std::mem::take(response.headers_mut()),
            content: Content::Unread(response),
            limit,
            attempts: 1,
        }
    }

    /// The same response, reached after `attempts` attempts.
    /// How many attempts the call made.
    pub(crate) fn attempt_count(&self) -> u32 {
        self.attempts
    }

    pub(crate) fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    pub(crate) fn already_read(
        operation: &'static str,
        status: u16,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        Response {
            operation,
            status,
            headers,
            content: Content::Read(body),
            limit: None,
            attempts: 1,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Reads the whole body (up to the client's `max_response_bytes`).
    pub async fn read(self) -> Result<BufferedResponse, TransportError> {
        let body = match self.content {
            Content::Read(body) => body,
            Content::Unread(response) => read_body(response, self.limit).await?,
        };
        Ok(BufferedResponse {
            operation: self.operation,
            status: self.status,
            headers: self.headers,
            body,
            attempts: self.attempts,
        })
    }

    /// Reads the whole body.
    pub async fn buffer<E>(self) -> Result<BufferedResponse, Error<E>> {
        Ok(self.read().await?)
    }

    /// Reads the body and decodes it with `decode`, one of [`crate::decode`]'s decoders or
    /// a by-status enum's [`DecodeResponse::decode_response`], chosen by the generator
    /// for the media type the spec declares.
    pub async fn decode<T, E>(
        self,
        decode: fn(&BufferedResponse) -> Result<T, DecodeError>,
    ) -> Result<T, Error<E>> {
        let buffered = self.buffer().await?;
        Ok(decode(&buffered)?)
    }

    /// Reads and drops the body (an operation that declares none).
    pub async fn ignore<E>(self) -> Result<(), Error<E>> {
        self.buffer::<E>().await.map(drop)
    }

    /// The body as a stream of chunks, read as they arrive, with the status and headers.
    pub fn into_stream_reply(mut self) -> Reply<ByteStream> {
        let status = self.status;
        let headers = std::mem::take(&mut self.headers);
        Reply {
            operation: self.operation,
            status,
            headers,
            raw: Bytes::new(),
            body: self.into_stream(),
        }
    }

    /// The body as a stream of chunks, read as they arrive.
    pub fn into_stream(self) -> ByteStream {
        match self.content {
            Content::Unread(response) => ByteStream::from_response(response),
            Content::Read(body) => ByteStream::from_bytes(body),
        }
    }
}

/// Reads a whole body, refusing one larger than `limit` (by its `Content-Length`, or as
/// soon as more has arrived).
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: Option<usize>,
) -> Result<Bytes, TransportError> {
    let Some(limit) = limit else {
        return response.bytes().await.map_err(TransportError::from);
    };
    let status = response.status().as_u16();
    let too_large = || TransportError::body_too_large(status, limit);
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large());
    }
    // Most bodies arrive in one chunk: keep it as it is, without a copy.
    let Some(first) = response.chunk().await.map_err(TransportError::from)? else {
        return Ok(Bytes::new());
    };
    if first.len() > limit {
        return Err(too_large());
    }
    let Some(second) = response.chunk().await.map_err(TransportError::from)? else {
        return Ok(first);
    };
    let mut body = bytes::BytesMut::with_capacity(first.len() + second.len());
    body.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(TransportError::from)?;
    }
    Ok(body.freeze())
}

/// A successful answer: its decoded body, with the status and headers it came with
/// (`ETag`, `X-Message-Id`, the provider's request id).
#[derive(Debug, Clone)]
pub struct Reply<T> {
    operation: &'static str,
    status: u16,
    headers: HeaderMap,
    raw: Bytes,
    body: T,
}

impl<T> Reply<T> {
    /// The decoded `body` of `response`.
    pub fn new(response: BufferedResponse, body: T) -> Self {
        Reply {
            operation: response.operation,
            status: response.status,
            headers: response.headers,
            raw: response.body,
            body,
        }
    }

    /// The operation that answered.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The body as received, before decoding (empty for a streamed body). It shares the
    /// buffer the decoded body was read from: keeping it costs no copy.
    pub fn raw_body(&self) -> &Bytes {
        &self.raw
    }

    /// An error about this answer's body (a malformed page of results).
    pub(crate) fn decode_error(
        &self,
        path: Option<String>,
        message: impl Into<String>,
    ) -> DecodeError {
        DecodeError::new(
            self.operation,
            self.status,
            path,
            message,
            &self.raw,
            &self.headers,
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The provider's id of the request, when the response carries one.
    pub fn request_id(&self) -> Option<&str> {
        crate::error::request_id(&self.headers)
    }

    /// The JSON in header `name`, decoded as `U` (Dropbox's `Dropbox-API-Result`: a
    /// download's metadata): `None` without the header, an error naming the header when
    /// it is not JSON of that type.
    pub fn header_json<U: serde::de::DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<Option<U>, DecodeError> {
        let Some(value) = self.headers.get(name) else {
            return Ok(None);
        };
        serde_json::from_slice(value.as_bytes())
            .map(Some)
            .map_err(|e| self.decode_error(None, format!("the `{name}` header: {e}")))
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, without the rest.
    pub fn into_body(self) -> T {
        self.body
    }
}

/// A response read into memory.
#[derive(Debug, Clone)]
pub struct BufferedResponse {
    operation: &'static str,
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
}

impl BufferedResponse {
    /// A response, for decoding (tests and custom transports).
    pub fn new(operation: &'static str, status: u16, headers: HeaderMap, body: Bytes) -> Self {
        BufferedResponse {
            operation,
            status,
            headers,
            body,
            attempts: 1,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }

    /// How the body is encoded, judging by its `Content-Type` (JSON when absent).
    pub fn media(&self) -> Media {
        media_of(self.content_type())
    }

    /// An error for a status the operation does not declare.
    pub fn unexpected_status(&self) -> DecodeError {
        self.error(
            None,
            format!(
                "the API does not declare status {} for this operation",
                self.status
            ),
        )
    }

    pub(crate) fn error(&self, path: Option<String>, message: impl Into<String>) -> DecodeError {
        let mut error = DecodeError::new(
            self.operation,
            self.status,
            path,
            message,
            &self.body,
            &self.headers,
        );
        error.attempts = self.attempts;
        error
    }
}

/// The media of a `Content-Type`.
pub(crate) fn media_of(content_type: Option<&str>) -> Media {
    let Some(content_type) = content_type else {
        return Media::Json;
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence.ends_with("json") {
        Media::Json
    } else if essence.ends_with("xml") {
        Media::Xml
    } else if essence.starts_with("text/") {
        Media::Text
    } else if essence.is_empty() {
        Media::Json
    } else {
        Media::Binary
    }
}

/// A generated enum of an operation's responses by status: it decodes each status as the
/// spec declares.
pub trait DecodeResponse: Sized {
    /// Decodes `response`.
    fn decode_response(response: &BufferedResponse) -> Result<Self, DecodeError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_from_content_type() {
        assert_eq!(
            media_of(Some("application/problem+json; charset=utf-8")),
            Media::Json
        );
        assert_eq!(media_of(Some("text/xml")), Media::Xml);
        assert_eq!(media_of(Some("application/pdf")), Media::Binary);
        assert_eq!(media_of(None), Media::Json);
    }
}
