//! Request bodies sent compressed: a request that says `Content-Encoding: gzip` (SendGrid's
//! `Content-Encoding` parameter, or a header the caller adds) has its body compressed
//! here, once, before the first attempt, so that the header never describes a body that
//! is not what it says.
//!
//! A body that already is gzip (it starts with gzip's magic bytes) is sent as it is, so a
//! caller who compressed it need not undo anything. Encodings other than gzip and
//! `identity`, and bodies that are streams or multipart forms, are refused with an error
//! before anything is sent.

use std::io::Write as _;

use bytes::Bytes;

use crate::error::EncodeError;
use crate::request::{Request, RequestBody};

/// The first two bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Compresses `request`'s body as its `Content-Encoding` header asks.
pub(super) fn compress_body(request: &mut Request) -> Result<(), EncodeError> {
    let Some(encoding) = request
        .headers
        .iter()
        .chain(&request.options.headers)
        .rev()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-encoding"))
        .map(|(_, value)| value.trim().to_ascii_lowercase())
    else {
        return Ok(());
    };
    let operation = request.operation;
    let Some(body) = &mut request.body else {
        return Ok(());
    };
    match encoding.as_str() {
        "identity" | "" => return Ok(()),
        "gzip" | "x-gzip" => {}
        other => {
            return Err(EncodeError::new(
                operation,
                "the body",
                format!(
                    "the request asks for Content-Encoding `{other}`; only gzip bodies are \
                     compressed by the client"
                ),
            ));
        }
    }
    let bytes = match body {
        RequestBody::Bytes { bytes, .. } => bytes,
        RequestBody::Raw { body, .. } => match body.as_bytes() {
            Some(bytes) => {
                let compressed =
                    gzip(bytes).map_err(|e| EncodeError::new(operation, "the gzip body", e))?;
                *body = compressed.into();
                return Ok(());
            }
            None => return Err(unsupported(operation, "a stream")),
        },
        RequestBody::Multipart(_) => return Err(unsupported(operation, "a multipart form")),
    };
    *bytes = gzip(bytes).map_err(|e| EncodeError::new(operation, "the gzip body", e))?;
    Ok(())
}

/// `bytes` gzipped, or as they are when they already are gzip.
fn gzip(bytes: &Bytes) -> std::io::Result<Bytes> {
    if bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes.clone());
    }
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4 + 32),
        flate2::Compression::default(),
    );
    encoder.write_all(bytes)?;
    Ok(Bytes::from(encoder.finish()?))
}

fn unsupported(operation: &'static str, what: &str) -> EncodeError {
    EncodeError::new(
        operation,
        "the body",
        format!(
            "Content-Encoding gzip asks for a compressed body, and {what} cannot be \
             compressed by the client; pass the gzipped bytes in memory instead"
        ),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;
    use crate::request::Method;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("gzip");
        out
    }

    fn body(request: &Request) -> Bytes {
        match &request.body {
            Some(RequestBody::Bytes { bytes, .. }) => Some(bytes.clone()),
            Some(RequestBody::Raw { body, .. }) => body.as_bytes().cloned(),
            _ => None,
        }
        .expect("an in-memory body")
    }

    #[test]
    fn a_gzip_header_compresses_the_body_once() {
        let mut request = Request::new("SendMail", Method::Post, "/v3/mail/send", &[]);
        let mail = serde_json::json!({"subject": "Hello", "content": [{"type": "text/plain", "value": "x".repeat(500)}]});
        request.json(&mail, "application/json").unwrap();
        request.header("Content-Encoding", "gzip");
        compress_body(&mut request).unwrap();
        let sent = body(&request);
        assert!(sent.len() < 200, "compressed: {}", sent.len());
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&gunzip(&sent)).unwrap(),
            mail
        );
        // Already gzip: left as it is.
        compress_body(&mut request).unwrap();
        assert_eq!(body(&request), sent);
    }

    #[test]
    fn no_header_or_identity_leaves_the_body_and_other_encodings_are_refused() {
        let mut request = Request::new("op", Method::Post, "/", &[]);
        request.text("plain", "text/plain");
        compress_body(&mut request).unwrap();
        assert_eq!(body(&request), "plain");
        request.options_mut().header("content-encoding", "identity");
        compress_body(&mut request).unwrap();
        assert_eq!(body(&request), "plain");
        let mut brotli = Request::new("op", Method::Post, "/", &[]);
        brotli.text("plain", "text/plain");
        brotli.header("Content-Encoding", "br");
        let error = compress_body(&mut brotli).unwrap_err().to_string();
        assert!(error.contains("`br`"), "{error}");
        let mut stream = Request::new("op", Method::Post, "/", &[]);
        stream.body(
            crate::Body::from_stream(futures_util::stream::iter([Ok::<_, std::io::Error>(
                Bytes::from_static(b"chunk"),
            )])),
            "application/octet-stream",
        );
        stream.header("Content-Encoding", "gzip");
        let error = compress_body(&mut stream).unwrap_err().to_string();
        assert!(error.contains("stream"), "{error}");
    }
}
