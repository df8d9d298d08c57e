//! Responses: decoding by declared media type, by status, or as a stream.

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::value::{BytesDeserializer, StrDeserializer, UnitDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};

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
        }
    }

    pub(crate) fn read(
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

    /// Reads the whole body.
    pub async fn buffer<E>(self) -> Result<BufferedResponse, Error<E>> {
        let body = match self.content {
            Content::Read(body) => body,
            Content::Unread(response) => read_body(response, self.limit).await?,
        };
        Ok(BufferedResponse {
            operation: self.operation,
            status: self.status,
            headers: self.headers,
            body,
        })
    }

    /// Decodes the body as `media`.
    pub async fn decode<T: DeserializeOwned, E>(self, media: Media) -> Result<T, Error<E>> {
        let buffered = self.buffer().await?;
        Ok(buffered.decode(media)?)
    }

    /// Decodes the body by status (a generated enum of the operation's responses).
    pub async fn decode_by_status<T: DecodeResponse, E>(self) -> Result<T, Error<E>> {
        let buffered = self.buffer().await?;
        Ok(T::decode_response(&buffered)?)
    }

    /// Reads and drops the body (an operation that declares none).
    pub async fn ignore<E>(self) -> Result<(), Error<E>> {
        self.buffer::<E>().await.map(drop)
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
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(TransportError::from)? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A response read into memory.
#[derive(Debug, Clone)]
pub struct BufferedResponse {
    operation: &'static str,
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl BufferedResponse {
    /// A response, for decoding (tests and custom transports).
    pub fn new(operation: &'static str, status: u16, headers: HeaderMap, body: Bytes) -> Self {
        BufferedResponse {
            operation,
            status,
            headers,
            body,
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
        DecodeError::new(
            self.operation,
            self.status,
            None,
            format!(
                "the API does not declare status {} for this operation",
                self.status
            ),
            &self.body,
            &self.headers,
        )
    }

    fn error(&self, path: Option<String>, message: impl Into<String>) -> DecodeError {
        DecodeError::new(
            self.operation,
            self.status,
            path,
            message,
            &self.body,
            &self.headers,
        )
    }

    /// Decodes the body as `media`. An empty body decodes as "nothing" (`()`, `None`,
    /// `null`), whatever the media.
    pub fn decode<T: DeserializeOwned>(&self, media: Media) -> Result<T, DecodeError> {
        let media = match media {
            Media::AsSent => self.media(),
            declared => declared,
        };
        if self.body.iter().all(u8::is_ascii_whitespace)
            && media != Media::Binary
            && media != Media::Text
        {
            let unit: UnitDeserializer<serde::de::value::Error> = ().into_deserializer();
            return T::deserialize(unit)
                .map_err(|e| self.error(None, format!("the body is empty: {e}")));
        }
        // A UTF-8 byte order mark (servers on Windows stacks send one) is not content.
        let text_body = self
            .body
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(&self.body);
        match media {
            // `media_of` never answers `AsSent`; were it to, JSON is what it would mean.
            Media::Json | Media::Form | Media::Multipart | Media::AsSent => {
                // The fast path first; only a body that fails is read again to find the
                // JSON path of the failure.
                serde_json::from_slice(text_body).map_err(|first| {
                    let mut deserializer = serde_json::Deserializer::from_slice(text_body);
                    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                        Err(e) => self.error(Some(e.path().to_string()), e.inner().to_string()),
                        Ok(_) => self.error(None, first.to_string()),
                    }
                })
            }
            Media::Xml => {
                let text = std::str::from_utf8(text_body)
                    .map_err(|e| self.error(None, format!("not UTF-8: {e}")))?;
                let mut deserializer = quick_xml::de::Deserializer::from_str(text);
                serde_path_to_error::deserialize(&mut deserializer)
                    .map_err(|e| self.error(Some(e.path().to_string()), e.inner().to_string()))
            }
            Media::Text => {
                let text = std::str::from_utf8(text_body)
                    .map_err(|e| self.error(None, format!("not UTF-8: {e}")))?;
                let deserializer: StrDeserializer<serde::de::value::Error> =
                    text.into_deserializer();
                T::deserialize(deserializer).map_err(|e| self.error(None, e.to_string()))
            }
            Media::Binary => {
                let deserializer: BytesDeserializer<serde::de::value::Error> =
                    BytesDeserializer::new(&self.body);
                T::deserialize(deserializer).map_err(|e| self.error(None, e.to_string()))
            }
        }
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

/// A type an error (or a by-status) response decodes into.
///
/// Every deserialisable type decodes by the response's `Content-Type`; generated enums
/// of responses by status implement it by matching the status.
pub trait DecodeResponse: Sized {
    /// Decodes `response`.
    fn decode_response(response: &BufferedResponse) -> Result<Self, DecodeError>;
}

impl<T: DeserializeOwned> DecodeResponse for T {
    fn decode_response(response: &BufferedResponse) -> Result<Self, DecodeError> {
        response.decode(response.media())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn response(content_type: &str, body: &'static str) -> BufferedResponse {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
        BufferedResponse::new("op", 200, headers, Bytes::from_static(body.as_bytes()))
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Item {
        amount: i64,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct List {
        data: Vec<Item>,
    }

    #[test]
    fn decode_errors_name_the_json_path() {
        let r = response(
            "application/json",
            r#"{"data": [{"amount": 1}, {"amount": "x"}]}"#,
        );
        let err = r.decode::<List>(Media::Json).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("data[1].amount"));
        assert!(err.to_string().contains("at `data[1].amount`"), "{err}");
    }

    #[test]
    fn decode_errors_keep_the_whole_body_and_headers() {
        let long = format!(
            r#"{{"data": [{{"amount": "x"}}], "pad": "{}"}}"#,
            "y".repeat(5000)
        );
        let r = response("application/json", long.clone().leak());
        let err = r.decode::<List>(Media::Json).unwrap_err();
        assert_eq!(err.body, long.as_bytes());
        let message = err.to_string();
        assert!(
            message.len() < long.len(),
            "the message shows the start only"
        );
        assert_eq!(
            err.headers.get(CONTENT_TYPE).unwrap().to_str().unwrap(),
            "application/json"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        let r = response("application/json", "\u{feff}{\"amount\": 3}");
        assert_eq!(r.decode::<Item>(Media::Json).unwrap(), Item { amount: 3 });
        let r = response("text/plain", "\u{feff}hello");
        assert_eq!(r.decode::<String>(Media::Text).unwrap(), "hello");
        // Bytes are bytes.
        let r = response("application/octet-stream", "\u{feff}x");
        assert_eq!(r.decode::<Bytes>(Media::Binary).unwrap().len(), 4);
    }

    #[test]
    fn empty_bodies_decode_as_nothing() {
        let r = response("application/json", "");
        r.decode::<()>(Media::Json).unwrap();
        assert_eq!(r.decode::<Option<Item>>(Media::Json).unwrap(), None);
        assert!(r.decode::<Item>(Media::Json).is_err());
    }

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

    #[test]
    fn text_and_binary() {
        let r = response("text/plain", "hello");
        assert_eq!(r.decode::<String>(Media::Text).unwrap(), "hello");
        assert_eq!(
            r.decode::<Bytes>(Media::Binary).unwrap(),
            Bytes::from_static(b"hello")
        );
    }
}
