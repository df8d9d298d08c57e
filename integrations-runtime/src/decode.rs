//! Decoders for response bodies, one per media type.
//!
//! The generator picks the decoder an operation's declared media type needs, so that a
//! JSON API never compiles an XML deserializer for its types (and the reverse). Each is a
//! plain function from a [`BufferedResponse`] to a value, handed to
//! [`Response::decode`](crate::Response::decode) for success bodies and to
//! [`Client::execute`](crate::Client::execute) for error bodies.
//!
//! An empty body decodes as JSON `null` (so `()`, `Option` and `Value` accept it) or,
//! for a type whose fields are all optional, as an empty object; a UTF-8 byte order mark
//! is not content.

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::de::IntoDeserializer;
use serde::de::value::StrDeserializer;

use crate::error::DecodeError;
use crate::request::Media;
use crate::response::BufferedResponse;

/// The body without a UTF-8 byte order mark (servers on Windows stacks send one).
fn content(response: &BufferedResponse) -> &[u8] {
    let body = response.body();
    body.strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(body)
}

fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// Decodes a JSON body; a failure names the JSON path of the value that failed.
pub fn json<T: DeserializeOwned>(response: &BufferedResponse) -> Result<T, DecodeError> {
    let body = content(response);
    if is_blank(body) {
        return empty_json(response);
    }
    crate::de::from_slice(body).map_err(|error| response.error(error.path, error.message))
}

/// An empty JSON body: `null` (for `()`, `Option`, `Value`), else an empty object (for a
/// type whose fields are all optional: a 204 where the spec declares such an object is
/// the object with nothing set), else an error saying the body is missing.
fn empty_json<T: DeserializeOwned>(response: &BufferedResponse) -> Result<T, DecodeError> {
    crate::de::from_slice(b"null")
        .or_else(|_| crate::de::from_slice(b"{}"))
        .map_err(|_| {
            response.error(
                None,
                format!(
                    "the API answered {} with no body, but the operation declares one with required content",
                    response.status()
                ),
            )
        })
}

/// Decodes an XML body.
pub fn xml<T: DeserializeOwned>(response: &BufferedResponse) -> Result<T, DecodeError> {
    let body = content(response);
    if is_blank(body) {
        return json_null(response);
    }
    let text =
        std::str::from_utf8(body).map_err(|e| response.error(None, format!("not UTF-8: {e}")))?;
    quick_xml::de::from_str(text).map_err(|e| response.error(None, e.to_string()))
}

/// Decodes a text body into a string-like type.
pub fn text<T: DeserializeOwned>(response: &BufferedResponse) -> Result<T, DecodeError> {
    let text = std::str::from_utf8(content(response))
        .map_err(|e| response.error(None, format!("not UTF-8: {e}")))?;
    let deserializer: StrDeserializer<'_, serde::de::value::Error> = text.into_deserializer();
    T::deserialize(deserializer).map_err(|e| response.error(None, e.to_string()))
}

/// The body's bytes, as they are.
pub fn bytes(response: &BufferedResponse) -> Result<Bytes, DecodeError> {
    Ok(response.body().clone())
}

/// Decodes a body the spec declares as `*/*` by its `Content-Type`: JSON (or no type)
/// as JSON, text as a string, XML as XML.
pub fn as_sent<T: DeserializeOwned>(response: &BufferedResponse) -> Result<T, DecodeError> {
    match response.media() {
        Media::Xml => xml(response),
        Media::Text => text(response),
        _ => json(response),
    }
}

/// Like [`as_sent`], for an API that uses no XML: an XML body is decoded as JSON (and
/// fails with the reason), so that the API's types are not compiled for an XML reader.
pub fn as_sent_json<T: DeserializeOwned>(response: &BufferedResponse) -> Result<T, DecodeError> {
    match response.media() {
        Media::Text => text(response),
        _ => json(response),
    }
}

fn json_null<T: DeserializeOwned>(response: &BufferedResponse) -> Result<T, DecodeError> {
    crate::de::from_slice(b"null")
        .map_err(|error| response.error(None, format!("the body is empty: {}", error.message)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

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
    fn an_empty_success_body_is_null_an_empty_object_or_a_clear_error() {
        #[derive(Debug, serde::Deserialize, PartialEq, Default)]
        struct AllOptional {
            id: Option<String>,
        }
        let empty = BufferedResponse::new("op", 204, HeaderMap::new(), Bytes::new());
        assert_eq!(json::<()>(&empty).unwrap(), ());
        assert_eq!(json::<Option<Item>>(&empty).unwrap(), None);
        assert_eq!(
            json::<serde_json::Value>(&empty).unwrap(),
            serde_json::Value::Null
        );
        assert_eq!(json::<AllOptional>(&empty).unwrap(), AllOptional::default());
        let error = json::<Item>(&empty).unwrap_err();
        assert_eq!(error.status, 204);
        assert!(
            error.message.contains("answered 204 with no body"),
            "{error}"
        );
    }

    #[test]
    fn decode_errors_name_the_json_path() {
        let r = response(
            "application/json",
            r#"{"data": [{"amount": 1}, {"amount": "x"}]}"#,
        );
        let err = json::<List>(&r).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("data[1].amount"));
        assert!(err.to_string().contains("at `data[1].amount`"), "{err}");
        assert!(!err.message.contains("line 1"), "{err}");
    }

    #[test]
    fn decode_errors_keep_the_whole_body_and_headers() {
        let long = format!(
            r#"{{"data": [{{"amount": "x"}}], "pad": "{}"}}"#,
            "y".repeat(5000)
        );
        let r = response("application/json", long.clone().leak());
        let err = json::<List>(&r).unwrap_err();
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
        assert_eq!(json::<Item>(&r).unwrap(), Item { amount: 3 });
        let r = response("text/plain", "\u{feff}hello");
        assert_eq!(text::<String>(&r).unwrap(), "hello");
        // Bytes are bytes.
        let r = response("application/octet-stream", "\u{feff}x");
        assert_eq!(bytes(&r).unwrap().len(), 4);
    }

    #[test]
    fn empty_bodies_decode_as_nothing() {
        let r = response("application/json", "");
        json::<()>(&r).unwrap();
        assert_eq!(json::<Option<Item>>(&r).unwrap(), None);
        assert!(json::<Item>(&r).is_err());
        assert_eq!(
            xml::<Option<Item>>(&response("text/xml", " ")).unwrap(),
            None
        );
    }

    #[test]
    fn as_sent_follows_the_content_type() {
        assert_eq!(
            as_sent::<String>(&response("text/plain", "hello")).unwrap(),
            "hello"
        );
        assert_eq!(
            as_sent::<Item>(&response(
                "application/xml",
                "<Item><amount>4</amount></Item>"
            ))
            .unwrap(),
            Item { amount: 4 }
        );
        assert_eq!(
            as_sent_json::<Item>(&response("application/vnd.x+json", r#"{"amount": 5}"#)).unwrap(),
            Item { amount: 5 }
        );
        assert!(as_sent_json::<Item>(&response("application/xml", "<Item/>")).is_err());
    }
}
