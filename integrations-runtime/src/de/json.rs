//! Decoding JSON text into a type, with the path of a failure.

use serde::de::DeserializeOwned;

use super::path::{join, offset_of, path_at};

/// Why JSON text did not decode: what was wrong, and where (`data[1].amount`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The path of the value that failed, `None` for the whole document.
    pub path: Option<String>,
    /// What was wrong.
    pub message: String,
}

/// Decodes `text` as `T`. The one JSON decoding path of generated clients: responses,
/// error bodies and union variants all go through it, so each type is compiled for one
/// deserializer.
pub fn from_slice<T: DeserializeOwned>(text: &[u8]) -> Result<T, JsonError> {
    serde_json::from_slice(text).map_err(|error| locate(text, &error))
}

/// The path and message of a `serde_json` error in `text`.
#[inline(never)]
pub(crate) fn locate(text: &[u8], error: &serde_json::Error) -> JsonError {
    let (line, column) = (error.line(), error.column());
    let outer = if line == 0 {
        None
    } else {
        path_at(text, offset_of(text, line, column))
    };
    let mut message = error.to_string();
    let position = format!(" at line {line} column {column}");
    if let Some(stripped) = message.strip_suffix(&position) {
        message.truncate(stripped.len());
    }
    // An error from inside a union's variant starts with its own path.
    if let Some(rest) = message.strip_prefix("at `")
        && let Some((inner, what)) = rest.split_once("`: ")
    {
        return JsonError {
            path: join(outer.as_deref(), Some(inner)),
            message: what.to_owned(),
        };
    }
    JsonError {
        path: outer,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        amount: i64,
    }

    #[test]
    fn errors_carry_the_path_without_the_position() {
        let error = from_slice::<Vec<Item>>(br#"[{"amount": 1}, {"amount": 2.5}]"#).unwrap_err();
        assert_eq!(error.path.as_deref(), Some("[1].amount"));
        assert!(
            error.message.starts_with("invalid type: floating point"),
            "{error:?}"
        );
        assert!(!error.message.contains("line"), "{error:?}");
        let error = from_slice::<Item>(b"").unwrap_err();
        assert_eq!(error.path, None);
    }

    /// Every float decodes to the nearest `f64`, so that writing it back gives the same
    /// number (without `float_roundtrip`, serde_json's fast parser can be one bit off).
    #[test]
    fn floats_decode_to_the_nearest_double() {
        for text in [
            "0.1",
            "1.7976931348623157e308",
            "5e-324",
            "0.30000000000000004",
            "2.2250738585072011e-308",
            "9007199254740993.0",
            "123456.78901234567",
        ] {
            let value: f64 = from_slice(text.as_bytes()).unwrap();
            assert_eq!(
                value.to_bits(),
                text.parse::<f64>().unwrap().to_bits(),
                "{text}"
            );
            let again: f64 = from_slice(serde_json::to_string(&value).unwrap().as_bytes()).unwrap();
            assert_eq!(again.to_bits(), value.to_bits(), "{text}");
        }
    }
}
