//! Finding the provider's error code and message in an error body.
//!
//! The API's [`ErrorConvention`] names where they are; without one, common places are
//! tried (`/error/code`, `/code`, `/errors/0/code`, Salesforce's array `/0/errorCode`,
//! Google's `/error/errors/0/reason`, `/name`, …), a textual code anywhere before a
//! numeric one (Google puts the HTTP status in `/error/code` and the reason deeper). XML
//! bodies (S3) are read for `<Code>` and `<Message>`.

use serde_json::Value;

use crate::api::ErrorConvention;
use crate::request::Media;
use crate::response::media_of;

const CODE_POINTERS: &[&str] = &[
    "/error/code",
    "/code",
    "/error_code",
    "/errorCode",
    "/errors/0/code",
    "/error/type",
    "/name",
    "/error",
    "/errors/0/error_code",
    "/0/errorCode",
    "/error/errors/0/reason",
];

const MESSAGE_POINTERS: &[&str] = &[
    "/error/message",
    "/message",
    "/error_description",
    "/errors/0/message",
    "/detail",
    "/error/description",
    "/title",
    "/error",
    "/0/message",
];

/// The code and message of an error body.
pub(crate) fn error_details(
    convention: &ErrorConvention,
    content_type: Option<&str>,
    body: &[u8],
) -> (Option<String>, Option<String>) {
    if media_of(content_type) == Media::Xml
        || body.starts_with(b"<?xml")
        || body.starts_with(b"<Error")
    {
        let text = String::from_utf8_lossy(body);
        return (xml_element(&text, "Code"), xml_element(&text, "Message"));
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return (None, None);
    };
    (
        find(&value, convention.code, CODE_POINTERS).or_else(|| {
            convention
                .code_fallback
                .and_then(|pointer| value.pointer(pointer))
                .and_then(text)
        }),
        find(&value, convention.message, MESSAGE_POINTERS),
    )
}

fn find(value: &Value, configured: Option<&str>, fallbacks: &[&str]) -> Option<String> {
    match configured {
        Some(pointer) => value.pointer(pointer).and_then(text),
        None => {
            let textual = fallbacks.iter().find_map(|p| match value.pointer(p) {
                Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                _ => None,
            });
            textual.or_else(|| {
                fallbacks
                    .iter()
                    .find_map(|p| value.pointer(p).and_then(text))
            })
        }
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn xml_element(text: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    Some(text[start..end].trim().to_owned()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fallback_pointer_gives_the_code_the_first_does_not() {
        let paypal = ErrorConvention::new()
            .code("/details/0/issue")
            .code_fallback("/name");
        let declined = br#"{"name": "UNPROCESSABLE_ENTITY", "details": [{"issue": "INSTRUMENT_DECLINED"}], "message": "m"}"#;
        assert_eq!(
            error_details(&paypal, Some("application/json"), declined)
                .0
                .as_deref(),
            Some("INSTRUMENT_DECLINED")
        );
        let missing = br#"{"name": "RESOURCE_NOT_FOUND", "message": "m", "details": []}"#;
        assert_eq!(
            error_details(&paypal, Some("application/json"), missing)
                .0
                .as_deref(),
            Some("RESOURCE_NOT_FOUND")
        );
    }

    #[test]
    fn common_shapes() {
        let none = ErrorConvention::default();
        let stripe = br#"{"error": {"code": "card_declined", "message": "Your card was declined.", "type": "card_error"}}"#;
        assert_eq!(
            error_details(&none, Some("application/json"), stripe),
            (
                Some("card_declined".into()),
                Some("Your card was declined.".into())
            )
        );
        let sendgrid = br#"{"errors": [{"message": "bad", "field": "from"}]}"#;
        assert_eq!(
            error_details(&none, None, sendgrid),
            (None, Some("bad".into()))
        );
        let twilio = br#"{"code": 21211, "message": "Invalid 'To' Phone Number", "status": 400}"#;
        assert_eq!(
            error_details(&none, None, twilio).0.as_deref(),
            Some("21211")
        );
        let s3 =
            b"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
        assert_eq!(
            error_details(&none, Some("application/xml"), s3),
            (Some("NoSuchKey".into()), Some("gone".into()))
        );
        let slack = ErrorConvention::new()
            .code("/error")
            .message("/error")
            .success_flag("/ok");
        let body = br#"{"ok": false, "error": "channel_not_found"}"#;
        assert_eq!(
            error_details(&slack, None, body).0.as_deref(),
            Some("channel_not_found")
        );
        assert_eq!(error_details(&none, None, b"not json"), (None, None));
        let salesforce = br#"[{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]"#;
        assert_eq!(
            error_details(&none, None, salesforce),
            (
                Some("REQUEST_LIMIT_EXCEEDED".into()),
                Some("TotalRequests Limit exceeded.".into())
            )
        );
        let drive = br#"{"error": {"code": 403, "message": "User Rate Limit Exceeded", "errors": [{"domain": "usageLimits", "reason": "userRateLimitExceeded", "message": "User Rate Limit Exceeded"}]}}"#;
        assert_eq!(
            error_details(&none, None, drive),
            (
                Some("userRateLimitExceeded".into()),
                Some("User Rate Limit Exceeded".into())
            )
        );
    }
}
