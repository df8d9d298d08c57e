//! A request description: what generated code builds and [`Client::execute`] sends.
//!
//! [`Client::execute`]: crate::Client::execute

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use crate::body::Body;
use crate::encode::multipart::{IntoMultipart, MultipartForm};
use crate::encode::scalar::{self, Scalar};
use crate::encode::{form, style};
use crate::error::EncodeError;

pub use crate::encode::style::ParamStyle;

/// Characters kept as they are in a path segment: RFC 3986 unreserved.
pub(crate) const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters kept as they are with `allowReserved`: unreserved, `/`, and what RFC 3986
/// allows in a path segment (sub-delimiters, `:` and `@`). `?`, `#` and `%` are still
/// encoded, so the value cannot end the path.
const PATH_ALLOW_RESERVED: &AsciiSet = &PATH_SEGMENT
    .remove(b'/')
    .remove(b':')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// A parameter sent as JSON text (declared with `content: application/json`). `None`
/// (JSON `null`) is no value at all. Characters outside ASCII are written as `\uXXXX`
/// escapes, which mean the same JSON and fit in a header (Dropbox's `Dropbox-API-Arg`
/// with a path `/Überweisung.pdf`).
#[derive(Debug, Clone, Copy)]
pub struct AsJson<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for AsJson<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(self.0).map_err(serde::ser::Error::custom)?;
        if text == "null" {
            serializer.serialize_none()
        } else {
            serializer.serialize_str(&ascii_json(text))
        }
    }
}

/// JSON text with every character outside printable ASCII (which JSON leaves unescaped
/// only inside strings) written as a `\uXXXX` escape, in UTF-16 pairs beyond the BMP.
fn ascii_json(text: String) -> String {
    if text.bytes().all(|b| (b' '..0x7f).contains(&b)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if (' '..'\u{7f}').contains(&c) {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// Whether sending the request twice does what sending it once does (RFC 9110: GET,
    /// HEAD, PUT, DELETE, OPTIONS, TRACE); POST and PATCH are not.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
            Method::Options => reqwest::Method::OPTIONS,
            Method::Head => reqwest::Method::HEAD,
            Method::Patch => reqwest::Method::PATCH,
            Method::Trace => reqwest::Method::TRACE,
        }
    }
}

/// How a body is encoded or decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// JSON.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// XML.
    Xml,
    /// Text.
    Text,
    /// Raw bytes.
    Binary,
    /// Whatever the response's `Content-Type` says (JSON when it has none): for
    /// responses a spec declares as `*/*`.
    AsSent,
}

pub(crate) enum RequestBody {
    Bytes { bytes: Bytes, content_type: String },
    Raw { body: Body, content_type: String },
    Multipart(MultipartForm),
}

impl RequestBody {
    /// Whether the body can be sent again (it is not a stream).
    pub(crate) fn is_rewindable(&self) -> bool {
        match self {
            RequestBody::Bytes { .. } => true,
            RequestBody::Raw { body, .. } => !body.is_stream(),
            RequestBody::Multipart(form) => form.is_rewindable(),
        }
    }
}

/// Options of one call: extra headers, a timeout, a retry policy, an idempotency key.
/// Every generated request builder takes them (`.header(..)`, `.timeout(..)`,
/// `.retry(..)`, `.idempotency_key(..)`).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) timeout: Option<std::time::Duration>,
    pub(crate) retry: Option<crate::retry::RetryPolicy>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) page_url: Option<String>,
}

impl CallOptions {
    /// No options: the client's settings apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a header to this call (it wins over a default of the same name).
    pub fn header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// The longest this call may take, from sending to the end of the body, per attempt.
    pub fn timeout(&mut self, timeout: std::time::Duration) {
        self.timeout = Some(timeout);
    }

    /// The retry policy of this call.
    pub fn retry(&mut self, policy: crate::retry::RetryPolicy) {
        self.retry = Some(policy);
    }

    /// The idempotency key of this call (one is made up for a create when the provider
    /// has a mechanism and none is given).
    pub fn idempotency_key(&mut self, key: impl Into<String>) {
        self.idempotency_key = Some(key.into());
    }

    /// Fetches this URL instead of the operation's path and query: the next page a list
    /// answer pointed to (Salesforce's `nextRecordsUrl`, Twilio's `next_page_uri`). A URL
    /// without a host is resolved against the base URL's; an absolute one must be on the
    /// base URL's scheme, host and port, so that credentials never go elsewhere.
    pub fn page_url(&mut self, url: impl Into<String>) {
        self.page_url = Some(url.into());
    }
}

/// One request, described: built by generated code, sent by [`crate::Client::execute`].
pub struct Request {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) cookies: Vec<(String, String)>,
    pub(crate) body: Option<RequestBody>,
    pub(crate) security: &'static [&'static [&'static str]],
    pub(crate) options: CallOptions,
    /// A server of the operation's own, instead of the client's base URL.
    pub(crate) server: Option<&'static str>,
    /// Whether a successful answer's body is left unread, to be streamed.
    pub(crate) streamed: bool,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl Request {
    /// A request for `operation` (its `operationId`): `method` on the `path` template
    /// (`/v1/customers/{customer}`), authenticated by the first of `security`'s
    /// alternatives whose schemes all have credentials; an empty alternative (`{}`, "no
    /// auth") is used only when no other one can be.
    pub fn new(
        operation: &'static str,
        method: Method,
        path: &'static str,
        security: &'static [&'static [&'static str]],
    ) -> Self {
        Request {
            operation,
            method,
            path: path.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            security,
            options: CallOptions::default(),
            server: None,
            streamed: false,
        }
    }

    /// Leaves a successful answer's body unread, to be streamed (a download): it is then
    /// neither limited by `max_response_bytes` nor retried when it breaks off. Other
    /// bodies are read within the call, so that a broken one is retried like any failure.
    pub fn stream_response(&mut self) {
        self.streamed = true;
    }

    /// Sends the request to `server` (one of the API's
    /// [`operation_servers`](crate::ApiDescription::operation_servers)) rather than to the
    /// client's base URL. A client whose base URL was overridden sends it to the same
    /// override, moved the way the base URL was (see
    /// [`ClientBuilder::operation_server`](crate::ClientBuilder::operation_server)).
    pub fn server(&mut self, server: &'static str) {
        self.server = Some(server);
    }

    /// Sets the options of this call.
    pub fn set_options(&mut self, options: CallOptions) {
        self.options = options;
    }

    /// The options of this call.
    pub fn options_mut(&mut self) -> &mut CallOptions {
        &mut self.options
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    fn non_finite(&self, what: String) -> EncodeError {
        EncodeError::new(
            self.operation,
            what,
            "NaN and infinities cannot be sent (they would arrive as no value)",
        )
    }

    fn to_value(
        &self,
        what: impl Fn() -> String,
        value: &impl Serialize,
    ) -> Result<Value, EncodeError> {
        serde_json::to_value(value).map_err(|e| EncodeError::new(self.operation, what(), e))
    }

    /// Fills the `{name}` placeholder of the path, percent-encoded.
    pub fn path_param(
        &mut self,
        name: &str,
        value: &impl Serialize,
        style: ParamStyle,
        explode: bool,
    ) -> Result<(), EncodeError> {
        self.fill_path(name, value, style, explode, PATH_SEGMENT)
    }

    /// Like [`path_param`](Self::path_param), keeping reserved characters such as `/`
    /// (`allowReserved`: an S3 key `photos/2024/a.jpg` stays a path).
    pub fn path_param_allow_reserved(
        &mut self,
        name: &str,
        value: &impl Serialize,
        style: ParamStyle,
        explode: bool,
    ) -> Result<(), EncodeError> {
        self.fill_path(name, value, style, explode, PATH_ALLOW_RESERVED)
    }

    fn fill_path(
        &mut self,
        name: &str,
        value: &impl Serialize,
        style: ParamStyle,
        explode: bool,
        keep: &'static AsciiSet,
    ) -> Result<(), EncodeError> {
        let what = || format!("path parameter \"{name}\"");
        // Through `Cow` rather than `Display`: text with nothing to encode is copied once.
        let escape = |text: &str| -> String {
            std::borrow::Cow::from(utf8_percent_encode(text, keep)).into_owned()
        };
        let encoded = match scalar::text(value) {
            Scalar::Text(text) if style == ParamStyle::Simple => Some(escape(&text)),
            Scalar::Nothing => None,
            Scalar::NonFinite => return Err(self.non_finite(what())),
            _ => style::simple_text(name, &self.to_value(what, value)?, style, explode, &escape),
        };
        let encoded = encoded.ok_or_else(|| {
            EncodeError::new(self.operation, what(), "a path parameter cannot be null")
        })?;
        // `.` and `..` would be read as "this" and "the parent" segment: the request would
        // go to another resource.
        if encoded
            .split('/')
            .any(|segment| segment == "." || segment == "..")
        {
            return Err(EncodeError::new(
                self.operation,
                what(),
                "`.` and `..` cannot be path segments",
            ));
        }
        let Some(start) = find_placeholder(&self.path, name) else {
            return Err(EncodeError::new(
                self.operation,
                what(),
                format!("the path `{}` has no `{{{name}}}`", self.path),
            ));
        };
        self.path
            .replace_range(start..start + name.len() + 2, &encoded);
        Ok(())
    }

    /// Adds a query parameter (nothing when it is `None`).
    pub fn query_param(
        &mut self,
        name: &str,
        value: &impl Serialize,
        style: ParamStyle,
        explode: bool,
    ) -> Result<(), EncodeError> {
        match scalar::text(value) {
            Scalar::Text(text) => self.query.push((name.to_owned(), text)),
            Scalar::Nothing => {}
            Scalar::NonFinite => return Err(self.non_finite(format!("query parameter \"{name}\""))),
            Scalar::Complex => {
                let value = self.to_value(|| format!("query parameter \"{name}\""), value)?;
                style::query_pairs(name, &value, style, explode, &mut self.query);
            }
        }
        Ok(())
    }

    /// Adds a header parameter (nothing when it is `None`).
    pub fn header_param(
        &mut self,
        name: &str,
        value: &impl Serialize,
        explode: bool,
    ) -> Result<(), EncodeError> {
        let text = match scalar::text(value) {
            Scalar::Text(text) => Some(text),
            Scalar::Nothing => None,
            Scalar::NonFinite => return Err(self.non_finite(format!("header \"{name}\""))),
            Scalar::Complex => {
                let value = self.to_value(|| format!("header \"{name}\""), value)?;
                style::simple_text(name, &value, ParamStyle::Simple, explode, &|s| s.to_owned())
            }
        };
        if let Some(text) = text {
            self.headers.push((name.to_owned(), text));
        }
        Ok(())
    }

    /// Adds a cookie parameter (nothing when it is `None`).
    pub fn cookie_param(
        &mut self,
        name: &str,
        value: &impl Serialize,
        explode: bool,
    ) -> Result<(), EncodeError> {
        let value = self.to_value(|| format!("cookie \"{name}\""), value)?;
        let mut pairs = Vec::new();
        style::query_pairs(name, &value, ParamStyle::Form, explode, &mut pairs);
        // Percent-encoded, so that a value cannot end its cookie and start another.
        self.cookies.extend(
            pairs
                .into_iter()
                .map(|(k, v)| (k, utf8_percent_encode(&v, PATH_SEGMENT).to_string())),
        );
        Ok(())
    }

    /// Adds a header (not a spec parameter: idempotency keys, versions…).
    pub fn header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// Sends `body` as JSON.
    pub fn json(&mut self, body: &impl Serialize, content_type: &str) -> Result<(), EncodeError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| EncodeError::new(self.operation, "the JSON body", e))?;
        self.set_bytes(bytes.into(), content_type);
        Ok(())
    }

    /// Sends `body` as `application/x-www-form-urlencoded`, every property in brackets
    /// (`a[0]=1`, `a[k]=v`). Clients generated now call
    /// [`form_encoded`](Self::form_encoded) with the spec's encoding.
    pub fn form(&mut self, body: &impl Serialize, content_type: &str) -> Result<(), EncodeError> {
        self.form_encoded(body, content_type, &form::FormEncoding::BRACKETS)
    }

    /// Sends `body` as `application/x-www-form-urlencoded`, each property in the style
    /// `encoding` gives it.
    pub fn form_encoded(
        &mut self,
        body: &impl Serialize,
        content_type: &str,
        encoding: &form::FormEncoding,
    ) -> Result<(), EncodeError> {
        let value = self.to_value(|| "the form body".to_owned(), body)?;
        let pairs = form::pairs(&value, encoding)
            .map_err(|e| EncodeError::new(self.operation, "the form body", e))?;
        self.set_bytes(form::encode(&pairs).into(), content_type);
        Ok(())
    }

    /// Sends `body` as XML under a `root` element.
    pub fn xml(
        &mut self,
        body: &impl Serialize,
        root: &str,
        content_type: &str,
    ) -> Result<(), EncodeError> {
        let text = quick_xml::se::to_string_with_root(root, body)
            .map_err(|e| EncodeError::new(self.operation, "the XML body", e))?;
        self.set_bytes(text.into(), content_type);
        Ok(())
    }

    /// Sends `body` as text.
    pub fn text(&mut self, body: impl Into<String>, content_type: &str) {
        self.set_bytes(Bytes::from(body.into()), content_type);
    }

    /// Sends `body` as it is (bytes or a stream).
    pub fn body(&mut self, body: impl Into<Body>, content_type: &str) {
        self.body = Some(RequestBody::Raw {
            body: body.into(),
            content_type: content_type.to_owned(),
        });
    }

    /// Sends `body` as `multipart/form-data`.
    pub fn multipart(&mut self, body: impl IntoMultipart) -> Result<(), EncodeError> {
        let mut form = MultipartForm::new(self.operation);
        body.into_multipart(&mut form)?;
        self.body = Some(RequestBody::Multipart(form));
        Ok(())
    }

    /// Sets a `multipart/related` body (RFC 2387): `body`'s fields in order, each a part
    /// with its own content type (JSON for values, the file's for files).
    pub fn multipart_related(&mut self, body: impl IntoMultipart) -> Result<(), EncodeError> {
        let mut form = MultipartForm::related(self.operation);
        body.into_multipart(&mut form)?;
        self.body = Some(RequestBody::Multipart(form));
        Ok(())
    }

    /// Sets a `multipart/form-data` body, or a `multipart/related` one when `related`,
    /// with the content type the spec's `encoding` gives each of `part_types`' parts (a
    /// JSON type sends the field as JSON, another a text field as it is; a file without
    /// its own type takes it).
    pub fn multipart_with_part_types(
        &mut self,
        body: impl IntoMultipart,
        related: bool,
        part_types: &'static [(&'static str, &'static str)],
    ) -> Result<(), EncodeError> {
        let form = if related {
            MultipartForm::related(self.operation)
        } else {
            MultipartForm::new(self.operation)
        };
        let mut form = form.with_part_types(part_types);
        body.into_multipart(&mut form)?;
        self.body = Some(RequestBody::Multipart(form));
        Ok(())
    }

    fn set_bytes(&mut self, bytes: Bytes, content_type: &str) {
        self.body = Some(RequestBody::Bytes {
            bytes,
            content_type: content_type.to_owned(),
        });
    }

    /// The operation this request is for.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The path with its parameters filled in.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query pairs, not yet percent-encoded.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }
}

/// Where `{name}` starts in `path`, found without building the placeholder text.
fn find_placeholder(path: &str, name: &str) -> Option<usize> {
    path.match_indices('{').map(|(i, _)| i).find(|&i| {
        let rest = &path[i + 1..];
        rest.starts_with(name) && rest[name.len()..].starts_with('}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn non_finite_numbers_are_errors_not_missing_values() {
        let mut r = Request::new("op", Method::Get, "/v1/{n}", &[]);
        let error = r
            .query_param("amount", &f64::NAN, ParamStyle::Form, true)
            .unwrap_err();
        assert!(
            error.to_string().contains("query parameter \"amount\""),
            "{error}"
        );
        assert!(r.header_param("X-Rate", &f64::INFINITY, false).is_err());
        assert!(
            r.path_param("n", &f64::NAN, ParamStyle::Simple, false)
                .is_err()
        );
        assert!(r.query.is_empty() && r.headers.is_empty());
    }

    #[test]
    fn json_headers_escape_what_is_not_ascii() {
        let mut r = Request::new("op", Method::Post, "/files/upload", &[]);
        let arg = json!({"path": "/Überweisung 🧾.pdf", "mode": "add"});
        r.header_param("Dropbox-API-Arg", &AsJson(&arg), false)
            .unwrap();
        let sent = &r.headers[0].1;
        assert_eq!(
            sent,
            r#"{"path":"/\u00dcberweisung \ud83e\uddfe.pdf","mode":"add"}"#
        );
        // The same JSON, read back.
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(sent).unwrap(),
            arg
        );
        assert!(reqwest::header::HeaderValue::from_str(sent).is_ok());
    }

    #[test]
    fn path_parameters_are_percent_encoded() {
        let mut r = Request::new("op", Method::Get, "/v1/customers/{customer}/x/{n}", &[]);
        r.path_param("customer", &"cus 1/2?", ParamStyle::Simple, false)
            .unwrap();
        r.path_param("n", &json!([1, 2]), ParamStyle::Simple, false)
            .unwrap();
        // The delimiter of the simple style stays a comma (RFC 6570); values are encoded.
        assert_eq!(r.path(), "/v1/customers/cus%201%2F2%3F/x/1,2");
        let err = r
            .path_param("missing", &"x", ParamStyle::Simple, false)
            .unwrap_err();
        assert!(err.to_string().contains("has no `{missing}`"), "{err}");
        let null: Option<String> = None;
        assert!(r.path_param("n", &null, ParamStyle::Simple, false).is_err());
    }

    #[test]
    fn json_content_parameters_are_sent_as_json_text() {
        let mut r = Request::new("op", Method::Get, "/", &[]);
        let filter = serde_json::json!({"state": "open", "ids": [1, 2]});
        r.query_param("filter", &AsJson(&filter), ParamStyle::Form, true)
            .unwrap();
        r.query_param("none", &AsJson(&None::<i32>), ParamStyle::Form, true)
            .unwrap();
        assert_eq!(
            r.query(),
            [(
                "filter".to_owned(),
                r#"{"state":"open","ids":[1,2]}"#.to_owned()
            )]
        );
    }

    #[test]
    fn dot_segments_are_refused() {
        for value in [".", ".."] {
            let mut r = Request::new("op", Method::Get, "/v1/customers/{id}/sources", &[]);
            let err = r
                .path_param("id", &value, ParamStyle::Simple, false)
                .unwrap_err();
            assert!(err.to_string().contains("cannot be path segments"), "{err}");
        }
        let mut r = Request::new("op", Method::Get, "/{Key}", &[]);
        assert!(
            r.path_param_allow_reserved("Key", &"a/../b", ParamStyle::Simple, false)
                .is_err()
        );
        let mut r = Request::new("op", Method::Get, "/{Key}", &[]);
        r.path_param_allow_reserved("Key", &"a/.b/..c", ParamStyle::Simple, false)
            .unwrap();
        assert_eq!(r.path(), "/a/.b/..c");
    }

    #[test]
    fn label_and_matrix_keep_their_delimiters() {
        let mut r = Request::new("op", Method::Get, "/a/{x}/b/{y}", &[]);
        r.path_param(
            "x",
            &serde_json::json!(["p q", "r"]),
            ParamStyle::Label,
            false,
        )
        .unwrap();
        r.path_param(
            "y",
            &serde_json::json!({"k": "v;w"}),
            ParamStyle::Matrix,
            true,
        )
        .unwrap();
        assert_eq!(r.path(), "/a/.p%20q,r/b/;k=v%3Bw");
    }

    #[test]
    fn allow_reserved_keeps_slashes_but_not_query_characters() {
        let mut r = Request::new("op", Method::Get, "/{Bucket}/{Key}", &[]);
        r.path_param("Bucket", &"photos", ParamStyle::Simple, false)
            .unwrap();
        r.path_param_allow_reserved("Key", &"2024/a b?#%.jpg", ParamStyle::Simple, false)
            .unwrap();
        assert_eq!(r.path(), "/photos/2024/a%20b%3F%23%25.jpg");
    }

    #[test]
    fn optional_parameters_that_are_none_are_skipped() {
        let mut r = Request::new("op", Method::Get, "/", &[]);
        let none: Option<i64> = None;
        r.query_param("limit", &none, ParamStyle::Form, true)
            .unwrap();
        r.header_param("X-A", &none, false).unwrap();
        assert!(r.query().is_empty() && r.headers.is_empty());
        r.query_param("limit", &Some(3), ParamStyle::Form, true)
            .unwrap();
        assert_eq!(r.query(), [("limit".to_owned(), "3".to_owned())]);
    }
}
