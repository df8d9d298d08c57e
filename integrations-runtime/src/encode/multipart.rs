//! Multipart bodies, written out by the runtime so that every attempt of a request sends
//! the same bytes:
//! - `multipart/form-data` (RFC 7578): file parts streamed as they are, other fields as
//!   named text parts (nested values in bracket notation, as in form bodies);
//! - `multipart/related` (RFC 2387): the parts in order, each with only its content
//!   type: fields as JSON (Drive's metadata part), files as their bytes.

use serde::Serialize;

use futures_util::StreamExt;

use crate::body::{Body, FilePart};
use crate::error::EncodeError;

use super::scalar_text;
use super::style::nested_pairs;

/// A multipart body being assembled. Generated `IntoMultipart` impls fill it.
///
/// The parts are kept as data until the request is sent, and the body is written out for
/// every attempt under a boundary chosen once: a retried upload sends the same bytes
/// again (a streamed file part can be sent once; a retry after it was consumed is
/// refused).
pub struct MultipartForm {
    operation: &'static str,
    boundary: String,
    related: bool,
    parts: Vec<(String, Part)>,
}

enum Part {
    Text(String),
    Json(String),
    File(FilePart),
}

/// The content type of a `multipart/related` part holding a field.
const JSON_PART: &str = "application/json; charset=UTF-8";

impl MultipartForm {
    pub(crate) fn new(operation: &'static str) -> Self {
        MultipartForm {
            operation,
            boundary: format!("{:032x}", fastrand::u128(..)),
            related: false,
            parts: Vec::new(),
        }
    }

    /// A `multipart/related` body.
    pub(crate) fn related(operation: &'static str) -> Self {
        MultipartForm {
            related: true,
            ..Self::new(operation)
        }
    }

    /// Adds a field: in a form, a text part (objects and arrays become `name[key]`
    /// parts); in a `multipart/related` body, a JSON part. An absent (`null`) field adds
    /// nothing.
    pub fn field(&mut self, name: &str, value: &impl Serialize) -> Result<(), EncodeError> {
        let value = serde_json::to_value(value).map_err(|e| {
            EncodeError::new(self.operation, format!("multipart field \"{name}\""), e)
        })?;
        if self.related {
            if !value.is_null() {
                self.parts
                    .push((name.to_owned(), Part::Json(value.to_string())));
            }
            return Ok(());
        }
        let mut pairs = Vec::new();
        match &value {
            serde_json::Value::Null => {}
            serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                nested_pairs(name, &value, &mut pairs)
            }
            scalar => pairs.push((name.to_owned(), scalar_text(scalar))),
        }
        self.parts
            .extend(pairs.into_iter().map(|(key, text)| (key, Part::Text(text))));
        Ok(())
    }

    /// Adds a file part. Fails when the part's content type is not a valid media type.
    pub fn file(&mut self, name: &str, file: FilePart) -> Result<(), EncodeError> {
        if let Some(content_type) = &file.content_type
            && !is_media_type(content_type)
        {
            return Err(EncodeError::new(
                self.operation,
                format!("multipart file \"{name}\""),
                format!("`{content_type}` is not a media type"),
            ));
        }
        self.parts.push((name.to_owned(), Part::File(file)));
        Ok(())
    }

    /// The `Content-Type` of the body, with its boundary.
    pub(crate) fn content_type(&self) -> String {
        let subtype = if self.related { "related" } else { "form-data" };
        format!("multipart/{subtype}; boundary={}", self.boundary)
    }

    /// Whether every part can be sent again (no streamed file).
    pub(crate) fn is_rewindable(&self) -> bool {
        self.parts.iter().all(|(_, part)| match part {
            Part::Text(_) | Part::Json(_) => true,
            Part::File(file) => !file.content.is_stream(),
        })
    }

    /// The body for one attempt: in memory when every part is, a stream otherwise.
    pub(crate) fn to_body(&self) -> Result<reqwest::Body, EncodeError> {
        let boundary = &self.boundary;
        let mut chunks: Vec<Body> = Vec::new();
        let mut pending = String::new();
        for (name, part) in &self.parts {
            let name = escape_quoted(name);
            match part {
                Part::Text(text) if self.related => {
                    pending.push_str(&format!(
                        "--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{text}\r\n"
                    ));
                }
                Part::Json(json) => {
                    pending.push_str(&format!(
                        "--{boundary}\r\nContent-Type: {JSON_PART}\r\n\r\n{json}\r\n"
                    ));
                }
                Part::Text(text) => {
                    pending.push_str(&format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n"
                    ));
                }
                Part::File(file) => {
                    let file_name = escape_quoted(file.file_name.as_deref().unwrap_or(&name));
                    let content_type = file
                        .content_type
                        .as_deref()
                        .unwrap_or("application/octet-stream");
                    if self.related {
                        pending.push_str(&format!(
                            "--{boundary}\r\nContent-Type: {content_type}\r\n\r\n"
                        ));
                    } else {
                        pending.push_str(&format!(
                            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                        ));
                    }
                    chunks.push(Body::from(std::mem::take(&mut pending)));
                    chunks.push(file.content.clone());
                    pending.push_str("\r\n");
                }
            }
        }
        pending.push_str(&format!("--{boundary}--\r\n"));
        chunks.push(Body::from(pending));
        if chunks.iter().all(|chunk| !chunk.is_stream()) {
            let mut bytes = bytes::BytesMut::new();
            for chunk in &chunks {
                if let Some(part) = chunk.as_bytes() {
                    bytes.extend_from_slice(part);
                }
            }
            return Ok(reqwest::Body::from(bytes.freeze()));
        }
        let mut streams = Vec::with_capacity(chunks.len());
        for chunk in chunks {
            streams.push(
                chunk
                    .into_chunks()
                    .map_err(|e| EncodeError::new(self.operation, "the multipart body", e))?,
            );
        }
        Ok(reqwest::Body::wrap_stream(
            futures_util::stream::iter(streams).flatten(),
        ))
    }
}

/// A name or file name inside `Content-Disposition`'s quotes (RFC 7578: quotes and line
/// breaks percent-encoded).
fn escape_quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Whether `text` reads as `type/subtype` with optional parameters.
fn is_media_type(text: &str) -> bool {
    let essence = text.split(';').next().unwrap_or("").trim();
    let token = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    matches!(essence.split_once('/'), Some((kind, sub)) if token(kind) && token(sub))
}

/// A value sent as `multipart/form-data` or `multipart/related`. Generated request bodies
/// implement it.
pub trait IntoMultipart {
    /// Adds every field of `self` to `form`.
    fn into_multipart(self, form: &mut MultipartForm) -> Result<(), EncodeError>;
}

/// A multipart body assembled by the caller: for operations whose spec does not describe
/// the parts as an object's properties.
#[derive(Debug, Default)]
pub struct Parts {
    parts: Vec<(String, PartContent)>,
}

#[derive(Debug)]
enum PartContent {
    Text(String),
    File(FilePart),
}

impl Parts {
    /// No parts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts
            .push((name.into(), PartContent::Text(value.into())));
        self
    }

    /// Adds a file part.
    pub fn file(mut self, name: impl Into<String>, file: FilePart) -> Self {
        self.parts.push((name.into(), PartContent::File(file)));
        self
    }
}

impl IntoMultipart for Parts {
    fn into_multipart(self, form: &mut MultipartForm) -> Result<(), EncodeError> {
        for (name, content) in self.parts {
            match content {
                PartContent::Text(text) => form.field(&name, &text)?,
                PartContent::File(file) => form.file(&name, file)?,
            }
        }
        Ok(())
    }
}
