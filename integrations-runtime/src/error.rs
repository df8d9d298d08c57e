//! Errors a caller can match on: what failed, with what the provider said.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName};

use crate::seams::CredentialError;

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
    /// A credential could not be obtained (from a [`CredentialSource`]); the attempt that
    /// needed it was not sent.
    Credential(Box<CredentialError>),
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

    /// The provider's error code (the same as [`code`](Self::code)).
    pub fn provider_code(&self) -> Option<&str> {
        self.code()
    }

    /// What kind of failure this is, for handling without matching on the variant.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Encode(_) => ErrorKind::Encode,
            Error::Transport(_) => ErrorKind::Transport,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Api(api) => api.kind,
            Error::Decode(_) => ErrorKind::Decode,
            Error::Credential(_) => ErrorKind::Auth,
        }
    }

    /// Whether trying the call again later may succeed: a connection failure, a timeout,
    /// a rate limit, or an answer the provider marks as temporary. An exhausted quota, a
    /// refused request or a response that did not decode is not.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(e) | Error::Timeout(e) => e.is_temporary(),
            Error::Api(api) => api.retryable,
            Error::Credential(e) => e.temporary,
            Error::Encode(_) | Error::Decode(_) => false,
        }
    }

    /// The provider's id of the request (`Request-Id`, `X-Request-Id`, `PayPal-Debug-Id`,
    /// `x-amz-request-id`, …), for its support, when the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        let headers = match self {
            Error::Api(api) => &api.headers,
            Error::Decode(decode) => &*decode.headers,
            _ => return None,
        };
        request_id(headers)
    }

    /// How many attempts the call made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Encode(_) => 0,
            Error::Transport(e) | Error::Timeout(e) => e.attempts,
            Error::Api(api) => api.attempts,
            Error::Decode(decode) => decode.attempts,
            Error::Credential(e) => e.attempts,
        }
    }

    /// How long the provider asked the client to wait before trying again, if it said.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.api().and_then(|api| api.retry_after)
    }
}

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A parameter or the body could not be encoded; nothing was sent.
    Encode,
    /// The request could not be sent, or the response could not be read.
    Transport,
    /// No response within the timeout.
    Timeout,
    /// The provider asks the client to slow down (429, Slack's `ratelimited`, S3's
    /// `SlowDown`).
    RateLimited,
    /// A quota no short wait restores (Salesforce's daily `REQUEST_LIMIT_EXCEEDED`).
    QuotaExhausted,
    /// The credentials were refused (401, 403).
    Auth,
    /// The resource does not exist (404).
    NotFound,
    /// The request conflicts with the resource's state (409).
    Conflict,
    /// The request is not valid (400, 422).
    Validation,
    /// Any other error the provider answered with.
    Provider,
    /// The API answered with success, but the body is not what the spec says.
    Decode,
}

/// Headers providers put their request id in (named once: looking a header up by a
/// `&str` parses the name each time).
const REQUEST_ID_HEADERS: [HeaderName; 9] = [
    HeaderName::from_static("request-id"),
    HeaderName::from_static("x-request-id"),
    HeaderName::from_static("x-amz-request-id"),
    HeaderName::from_static("paypal-debug-id"),
    HeaderName::from_static("x-slack-req-id"),
    HeaderName::from_static("twilio-request-id"),
    HeaderName::from_static("x-message-id"),
    HeaderName::from_static("x-goog-request-id"),
    HeaderName::from_static("x-hubspot-correlation-id"),
];

/// The provider's request id in `headers`, if there is one.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(name))
        .and_then(|v| v.to_str().ok())
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encode(e) => write!(f, "{e}"),
            Error::Transport(e) => write!(f, "{e}"),
            Error::Timeout(e) => write!(f, "timed out: {e}"),
            Error::Api(e) => write!(f, "{e}"),
            Error::Decode(e) => write!(f, "{e}"),
            Error::Credential(e) => write!(f, "{e}"),
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
            Error::Credential(e) => Some(e.as_ref()),
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
    Credential(Box<CredentialError>),
}

impl Failure {
    /// The HTTP status of the answer, if there was one.
    pub(crate) fn status(&self) -> Option<u16> {
        match self {
            Failure::Api(api) => Some(api.status),
            _ => None,
        }
    }

    /// How many attempts the call made.
    pub(crate) fn attempts(&self) -> u32 {
        match self {
            Failure::Encode(_) => 0,
            Failure::Transport(e) => e.attempts,
            Failure::Api(api) => api.attempts,
            Failure::Credential(e) => e.attempts,
        }
    }

    /// The failure that ends a call after `attempts` attempts, saying why it was not
    /// tried again when that was a choice.
    pub(crate) fn finish(self, attempts: u32, not_retried: Option<&'static str>) -> Self {
        match self {
            Failure::Api(mut api) => {
                api.attempts = attempts;
                api.not_retried = not_retried;
                Failure::Api(api)
            }
            Failure::Transport(mut error) => {
                error.attempts = attempts;
                if let Some(reason) = not_retried {
                    error = error.not_retried(reason);
                }
                Failure::Transport(error)
            }
            Failure::Credential(mut error) => {
                // The attempt that needed it was not sent.
                error.attempts = attempts.saturating_sub(1);
                Failure::Credential(error)
            }
            encode => encode,
        }
    }

    /// The error of an operation whose error bodies `decode` reads.
    pub(crate) fn decode<E>(
        self,
        decode: fn(&crate::BufferedResponse) -> Result<E, DecodeError>,
    ) -> Error<E> {
        match self {
            Failure::Encode(e) => Error::Encode(e),
            Failure::Transport(e) => Error::from(e),
            Failure::Credential(e) => Error::Credential(e),
            Failure::Api(api) => {
                let ApiError {
                    operation,
                    status,
                    code,
                    message,
                    raw,
                    headers,
                    kind,
                    retryable,
                    retry_after,
                    attempts,
                    not_retried,
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
                    kind,
                    retryable,
                    retry_after,
                    attempts,
                    not_retried,
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
    /// What kind of error it is.
    pub kind: ErrorKind,
    /// Whether another attempt later may succeed.
    pub retryable: bool,
    /// How long the provider asked the client to wait, if it said.
    pub retry_after: Option<std::time::Duration>,
    /// How many attempts the call made.
    pub attempts: u32,
    /// Why the call was not tried again although the error is temporary, if so.
    pub not_retried: Option<&'static str>,
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` failed with status {}", self.operation, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        match &self.message {
            Some(message) => write!(f, ": {message}")?,
            None if !self.raw.is_empty() => write!(f, ": {}", snippet(&self.raw))?,
            None => {}
        }
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        if self.kind == ErrorKind::QuotaExhausted {
            match self.retry_after {
                Some(wait) => write!(
                    f,
                    "; the quota is spent, and the provider says to come back in {} s",
                    wait.as_secs()
                )?,
                None => write!(
                    f,
                    "; the quota is spent, and the provider did not say when it resets"
                )?,
            }
        }
        if let Some(reason) = self.not_retried {
            write!(f, "; not retried: {reason}")?;
        }
        Ok(())
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
    /// How many attempts the call made before this answer.
    pub attempts: u32,
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
            attempts: 1,
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
    connect: bool,
    /// A failure another attempt would meet again (a body over the client's limit).
    permanent: bool,
    #[source]
    source: Option<reqwest::Error>,
    pub(crate) attempts: u32,
}

impl TransportError {
    /// A transport failure described by `message` (custom transports, fetches in tests).
    pub fn new(message: impl Into<String>) -> Self {
        TransportError {
            message: message.into(),
            timeout: false,
            connect: false,
            permanent: false,
            source: None,
            attempts: 1,
        }
    }

    pub(crate) fn body_too_large(status: u16, limit: usize) -> Self {
        TransportError {
            message: format!(
                "the {status} response body is larger than the client's limit of {limit} bytes \
                 (`max_response_bytes`)"
            ),
            timeout: false,
            connect: false,
            permanent: true,
            source: None,
            attempts: 1,
        }
    }

    /// Whether another attempt could go differently (a body over the client's limit would
    /// be over it again).
    pub fn is_temporary(&self) -> bool {
        !self.permanent
    }

    /// The same failure, saying why it was not tried again.
    pub(crate) fn not_retried(mut self, reason: &str) -> Self {
        self.message.push_str("; not retried: ");
        self.message.push_str(reason);
        self
    }

    /// How many attempts the call made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the failure was a timeout.
    pub fn is_timeout(&self) -> bool {
        self.timeout
    }

    /// Whether the connection could not be made (so the request never reached the
    /// server).
    pub fn is_connect(&self) -> bool {
        self.connect
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
            connect: e.is_connect(),
            permanent: false,
            message,
            source: Some(e),
            attempts: 1,
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
