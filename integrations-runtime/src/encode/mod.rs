//! Encoding values for the wire: parameter styles, form bodies, multipart forms.
//!
//! Values are first serialised into `serde_json::Value`, then laid out by the rules of
//! their destination. Going through one value model keeps each encoder small and makes
//! every generated type encodable without per-type code.

pub mod form;
pub mod multipart;
pub(crate) mod scalar;
pub(crate) mod style;

use serde_json::Value;

/// The text of a scalar: strings as they are, numbers and booleans as JSON writes them,
/// `null` as empty. Arrays and objects (inside a scalar position) are written as JSON.
pub(crate) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// What a JSON value is, for messages (`a string`, `an object`).
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
