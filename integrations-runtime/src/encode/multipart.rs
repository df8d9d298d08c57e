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
    /// The content type of each part the spec's `encoding` names.
    part_types: &'static [(&'static str, &'static str)],
}

enum Part {
    Text(String),
    Json(String),
    /// A field with the content type the spec's `encoding` gives it.
    Typed {
        text: String,
        content_type: &'static str,
    },
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
            part_types: &[],
        }
    }

    /// A `multipart/related` body.
    pub(crate) fn related(operation: &'static str) -> Self {
        MultipartForm {
            related: true,
            ..Self::new(operation)
        }
    }

    /// The form, with the content type of each named part.
    pub(crate) fn with_part_types(
        mut self,
        part_types: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.part_types = part_types;
        self
    }

    fn declared_type(&self, name: &str) -> Option<&'static str> {
        self.part_types
            .iter()
            .find(|(part, _)| *part == name)
            .map(|(_, content_type)| *content_type)
    }

    /// Adds a field: in a form, a text part (objects and arrays become `name[key]`
    /// parts); in a `multipart/related` body, a JSON part. An absent (`null`) field adds
    /// nothing.
    pub fn field(&mut self, name: &str, value: &impl Serialize) -> Result<(), EncodeError> {
        let value = serde_json::to_value(value).map_err(|e| {
            EncodeError::new(self.operation, format!("multipart field \"{name}\""), e)
        })?;
        if let Some(content_type) = self.declared_type(name) {
            // One part of the declared type: JSON text for a JSON type (an object as one
            // part, not flattened), a text value as it is for another.
            let essence = content_type.split(';').next().unwrap_or("").trim();
            let json = essence.ends_with("/json") || essence.ends_with("+json");
            let text = match &value {
                serde_json::Value::Null => return Ok(()),
                serde_json::Value::String(text) if !json => text.clone(),
                other => other.to_string(),
            };
            self.parts
                .push((name.to_owned(), Part::Typed { text, content_type }));
            return Ok(());
        }
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
    pub fn file(&mut self, name: &str, mut file: FilePart) -> Result<(), EncodeError> {
        if file.content_type.is_none() {
            file.content_type = self.declared_type(name).map(str::to_owned);
        }
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
            Part::Text(_) | Part::Json(_) | Part::Typed { .. } => true,
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
                Part::Typed { text, content_type } if self.related => {
                    pending.push_str(&format!(
                        "--{boundary}\r\nContent-Type: {content_type}\r\n\r\n{text}\r\n"
                    ));
                }
                Part::Typed { text, content_type } => {
                    pending.push_str(&format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n{text}\r\n"
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sent(form: &MultipartForm) -> String {
        let body = form.to_body().expect("a body");
        String::from_utf8(body.as_bytes().expect("in memory").to_vec()).expect("text")
    }

    #[test]
    fn parts_take_the_content_type_the_spec_declares() {
        let mut form = MultipartForm::new("op").with_part_types(&[
            ("meta", "application/json"),
            ("csv", "text/csv"),
            ("upload", "image/png"),
        ]);
        form.boundary = "b".to_owned();
        form.field("meta", &json!({"a": 1, "b": [true]})).unwrap();
        form.field("csv", &"x,y").unwrap();
        form.field("plain", &json!({"k": "v"})).unwrap();
        form.field("none", &json!(null)).unwrap();
        form.file("upload", FilePart::new(b"PNG".to_vec())).unwrap();
        assert_eq!(
            sent(&form),
            "--b\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1,\"b\":[true]}\r\n\
             --b\r\nContent-Disposition: form-data; name=\"csv\"\r\nContent-Type: text/csv\r\n\r\nx,y\r\n\
             --b\r\nContent-Disposition: form-data; name=\"plain[k]\"\r\n\r\nv\r\n\
             --b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"upload\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n\
             --b--\r\n",
            "an object declared JSON is one part; one not declared is flattened as before"
        );

        let mut related = MultipartForm::related("op").with_part_types(&[("note", "text/plain")]);
        related.boundary = "r".to_owned();
        related.field("note", &"héllo").unwrap();
        related.field("meta", &json!({"name": "a"})).unwrap();
        assert_eq!(
            sent(&related),
            "--r\r\nContent-Type: text/plain\r\n\r\nhéllo\r\n\
             --r\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"name\":\"a\"}\r\n\
             --r--\r\n"
        );
    }
}
