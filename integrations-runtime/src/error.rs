//! Errors a caller can match on: what failed, with what the provider said.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;

/// What went wrong with a call. `E` is the operation's decoded error body.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// A parameter or the body could not be encoded; nothing was sent.
    Encode(EncodeError),
    /// The request could not be sent, or the response could not be read.
    Transport(TransportError),
    /// No response arrived within the timeout.
    Timeout(TransportError),
    /// The API answered with an error.
    Api(Box<ApiError<E>>),
    /// The API answered with success, but the body is not what the spec says.
    Decode(Box<DecodeError>),
}

impl<E> Error<E> {
    /// The API error, if the API answered with one.
    pub fn api(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode(decode) => Some(decode.status),
            _ => None,
        }
    }

    /// The provider's error code (`card_declined`, `channel_not_found`, …), if any.
    pub fn code(&self) -> Option<&str> {
        self.api().and_then(|api| api.code.as_deref())
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encode(e) => write!(f, "{e}"),
            Error::Transport(e) => write!(f, "{e}"),
            Error::Timeout(e) => write!(f, "timed out: {e}"),
            Error::Api(e) => write!(f, "{e}"),
            Error::Decode(e) => write!(f, "{e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Encode(e) => Some(e),
            Error::Transport(e) | Error::Timeout(e) => Some(e),
            Error::Api(_) => None,
            Error::Decode(e) => Some(e.as_ref()),
        }
    }
}

impl<E> From<EncodeError> for Error<E> {
    fn from(e: EncodeError) -> Self {
        Error::Encode(e)
    }
}

impl<E> From<DecodeError> for Error<E> {
    fn from(e: DecodeError) -> Self {
        Error::Decode(Box::new(e))
    }
}

impl<E> From<TransportError> for Error<E> {
    fn from(e: TransportError) -> Self {
        if e.is_timeout() {
            Error::Timeout(e)
        } else {
            Error::Transport(e)
        }
    }
}

/// A failed call whose error body is not decoded yet: what the one request path returns,
/// so that it is compiled once whatever the operation's error type.
#[derive(Debug)]
pub(crate) enum Failure {
    Encode(EncodeError),
    Transport(TransportError),
    Api(Box<ApiError<()>>),
}

impl Failure {
    /// The error of an operation whose error bodies `decode` reads.
    pub(crate) fn decode<E>(
        self,
        decode: fn(&crate::BufferedResponse) -> Result<E, DecodeError>,
    ) -> Error<E> {
        match self {
            Failure::Encode(e) => Error::Encode(e),
            Failure::Transport(e) => Error::from(e),
            Failure::Api(api) => {
                let ApiError {
                    operation,
                    status,
                    code,
                    message,
                    raw,
                    headers,
                    ..
                } = *api;
                let (body, body_error) = if raw.is_empty() {
                    (None, None)
                } else {
                    let buffered = crate::BufferedResponse::new(
                        operation,
                        status,
                        headers.clone(),
                        raw.clone(),
                    );
                    match decode(&buffered) {
                        Ok(decoded) => (Some(decoded), None),
                        Err(e) => (None, Some(e)),
                    }
                };
                Error::Api(Box::new(ApiError {
                    operation,
                    status,
                    code,
                    message,
                    body,
                    body_error,
                    raw,
                    headers,
                }))
            }
        }
    }
}

impl From<EncodeError> for Failure {
    fn from(e: EncodeError) -> Self {
        Failure::Encode(e)
    }
}

impl From<TransportError> for Failure {
    fn from(e: TransportError) -> Self {
        Failure::Transport(e)
    }
}

/// An error response from the API.
#[derive(Debug)]
#[non_exhaustive]
pub struct ApiError<E> {
    /// The operation that failed (its `operationId`).
    pub operation: &'static str,
    /// The HTTP status (200 for APIs that report errors in a 2xx body, such as Slack).
    pub status: u16,
    /// The provider's error code, as a string.
    pub code: Option<String>,
    /// The provider's error message.
    pub message: Option<String>,
    /// The body decoded as the spec's error type, when it decodes.
    pub body: Option<E>,
    /// Why a non-empty body did not decode as the spec's error type, when it did not.
    pub body_error: Option<DecodeError>,
    /// The body as received.
    pub raw: Bytes,
    /// The response headers.
    pub headers: HeaderMap,
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` failed with status {}", self.operation, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        match &self.message {
            Some(message) => write!(f, ": {message}"),
            None if !self.raw.is_empty() => write!(f, ": {}", snippet(&self.raw)),
            None => Ok(()),
        }
    }
}

/// A body that does not decode as the spec says.
#[derive(Debug, thiserror::Error)]
#[error("cannot decode the {status} response of `{operation}`{}: {message} (body starts: {})", path.as_ref().map(|p| format!(" at `{p}`")).unwrap_or_default(), snippet(body))]
#[non_exhaustive]
pub struct DecodeError {
    /// The operation.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The JSON path of the value that failed (`data[3].amount`), when known.
    pub path: Option<String>,
    /// What was wrong.
    pub message: String,
    /// The whole body as received, so that nothing the API sent is lost.
    pub body: Bytes,
    /// The response headers (boxed: they are rarely read, and keep the error small).
    pub headers: Box<HeaderMap>,
}

impl DecodeError {
    pub(crate) fn new(
        operation: &'static str,
        status: u16,
        path: Option<String>,
        message: impl Into<String>,
        body: &Bytes,
        headers: &HeaderMap,
    ) -> Self {
        DecodeError {
            operation,
            status,
            path,
            message: message.into(),
            body: body.clone(),
            headers: Box::new(headers.clone()),
        }
    }
}

/// A parameter or body that cannot be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot encode {what} of `{operation}`: {message}")]
#[non_exhaustive]
pub struct EncodeError {
    /// The operation.
    pub operation: &'static str,
    /// What could not be encoded (`query parameter "expand"`, `the body`).
    pub what: String,
    /// Why.
    pub message: String,
}

impl EncodeError {
    pub(crate) fn new(
        operation: &'static str,
        what: impl Into<String>,
        message: impl fmt::Display,
    ) -> Self {
        EncodeError {
            operation,
            what: what.into(),
            message: message.to_string(),
        }
    }
}

/// A request that could not be sent, or a response that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct TransportError {
    message: String,
    timeout: bool,
    #[source]
    source: Option<reqwest::Error>,
}

impl TransportError {
    pub(crate) fn body_too_large(status: u16, limit: usize) -> Self {
        TransportError {
            message: format!(
                "the {status} response body is larger than the client's limit of {limit} bytes \
                 (`max_response_bytes`)"
            ),
            timeout: false,
            source: None,
        }
    }

    /// Whether the failure was a timeout.
    pub fn is_timeout(&self) -> bool {
        self.timeout
    }

    /// Whether the connection could not be made.
    pub fn is_connect(&self) -> bool {
        self.source.as_ref().is_some_and(reqwest::Error::is_connect)
    }
}

impl From<reqwest::Error> for TransportError {
    fn from(e: reqwest::Error) -> Self {
        // Without the URL: its query may hold an API key.
        let e = e.without_url();
        let mut message = e.to_string();
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(&e);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        TransportError {
            timeout: e.is_timeout(),
            message,
            source: Some(e),
        }
    }
}

/// A client configuration that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid client configuration: {0}")]
pub struct BuildError(pub(crate) String);

/// The first 200 characters of a body, for messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}
