//! Writing a document back out, as JSON or YAML (chosen by the file extension).
//!
//! The YAML writer is small because the values are JSON: block mappings and sequences,
//! strings plain where YAML 1.1 and 1.2 both read them back as the same string, and
//! double-quoted (JSON escaping, which YAML accepts) otherwise. Output reads back through
//! [`super::yaml`] to the same value (tested with proptest).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

/// The document as text for `path`: YAML for `.yaml`/`.yml`, JSON otherwise.
pub fn to_text(path: &Path, value: &Value) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => to_yaml(value),
        _ => {
            let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned());
            text.push('\n');
            text
        }
    }
}

/// The document as YAML.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_sequence(&mut out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_mapping(out: &mut String, map: &serde_json::Map<String, Value>, level: usize) {
    for (key, value) in map {
        indent(out, level);
        out.push_str(&string_text(key));
        out.push(':');
        write_value_after_key(out, value, level);
    }
}

fn write_sequence(out: &mut String, items: &[Value], level: usize) {
    for item in items {
        indent(out, level);
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() => {
                // The first entry shares the dash's line.
                let mut first = true;
                for (key, value) in map {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        indent(out, level + 1);
                    }
                    out.push_str(&string_text(key));
                    out.push(':');
                    write_value_after_key(out, value, level + 1);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_sequence(out, inner, level + 1);
            }
            scalar => {
                out.push(' ');
                out.push_str(&scalar_text(scalar));
                out.push('\n');
            }
        }
    }
}

fn write_value_after_key(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_mapping(out, map, level + 1);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_sequence(out, items, level + 1);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s),
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
    }
}

/// Words that YAML 1.1 or 1.2 reads as something other than a string.
const SPECIAL_WORDS: &[&str] = &[
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "True", "False", "TRUE",
    "FALSE", "Yes", "No", "YES", "NO", "On", "Off", "ON", "OFF", "Y", "N", "Null", "NULL",
];

fn string_text(s: &str) -> String {
    let safe_start = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '_');
    let safe_chars = s.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '_' | '/' | '.' | '-' | ' ' | '{' | '}' | '(' | ')' | '$')
    });
    let plain = safe_start
        && safe_chars
        && !s.ends_with(' ')
        && !s.contains(" #")
        && !SPECIAL_WORDS.contains(&s)
        && !s.starts_with('{');
    if plain {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::yaml;
    use proptest::prelude::*;
    use serde_json::json;

    fn round_trip(value: &Value) {
        let text = to_yaml(value);
        let (back, _) = yaml::parse(&text).unwrap_or_else(|e| panic!("{e:?} in\n{text}"));
        assert_eq!(&back, value, "\n{text}");
    }

    #[test]
    fn writes_readable_yaml() {
        let value = json!({"openapi": "3.0.3", "paths": {"/v1/x": {"get": {"responses": {"200": {"description": "ok"}}}}},
            "list": [{"a": 1, "b": [true, null]}, [], {}], "odd": ["yes", "1.0", "a: b", "", " x", "-1"]});
        round_trip(&value);
        let text = to_yaml(&value);
        assert!(text.contains("openapi: \"3.0.3\"\n"), "{text}");
        assert!(text.contains("\"200\":"), "{text}");
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "\\PC{0,12}".prop_map(Value::String),
            "[ -~\\n\\t]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(("[ -~]{0,8}", inner), 0..5)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value_round_trips(value in json_value()) {
            round_trip(&value);
        }
    }
}
