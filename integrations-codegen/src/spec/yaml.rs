//! YAML to `serde_json::Value`, leniently, with the JSON Pointer of every problem.
//!
//! Specs are YAML 1.2 in theory and YAML 1.1 in practice. This reader builds a JSON value
//! straight from the `saphyr-parser` event stream and is lenient wherever the intent is
//! unambiguous:
//! - mapping keys keep their source text (`200:` is the key `"200"`, not a number);
//! - anchors, aliases and YAML 1.1 merge keys (`<<: *base`) are resolved;
//! - plain scalars resolve by the YAML 1.2 core schema (`2.0` is a number, `yes` a string);
//!   values JSON cannot hold (`.inf`, `.nan`) stay strings;
//! - duplicate keys keep the last value, with a warning;
//! - control characters are kept as they are (the parser accepts them); when the parser
//!   rejects a character it does not allow inside a document (a byte order mark, say),
//!   such characters are replaced by U+FFFD, with a warning naming the lines, and the
//!   document is read again.
//!
//! Only the first document of a stream is read. Nesting deeper than [`MAX_DEPTH`] is an
//! error rather than a stack overflow later on.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

use crate::spec::pointer;

/// How deep mappings and sequences may nest (aliases included).
pub const MAX_DEPTH: usize = 512;

/// How many nodes a document may have once aliases are expanded: far above real specs
/// (Stripe's 4 MB spec has about 80,000), far below what exhausts memory.
pub const MAX_NODES: usize = 2_000_000;

/// A YAML syntax or structure error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong.
    pub message: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column of the problem.
    pub column: usize,
    /// JSON Pointer of the node being read when the problem was found.
    pub pointer: String,
}

/// A non-fatal observation made while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlWarning {
    /// What was done.
    pub message: String,
    /// JSON Pointer of the node concerned (`""` when it is about the whole text).
    pub pointer: String,
}

/// Reads the first YAML document of `text` as a JSON value.
pub fn parse(text: &str) -> Result<(Value, Vec<YamlWarning>), YamlError> {
    match parse_once(text) {
        Ok(done) => Ok(done),
        Err(first_error) => {
            let (cleaned, lines) = replace_forbidden_characters(text);
            if lines.is_empty() {
                return Err(first_error);
            }
            let (value, mut warnings) = parse_once(&cleaned)?;
            warnings.insert(
                0,
                YamlWarning {
                    message: format!(
                        "characters YAML does not allow were replaced by U+FFFD on line(s) {}",
                        summarize_lines(&lines)
                    ),
                    pointer: String::new(),
                },
            );
            Ok((value, warnings))
        }
    }
}

fn summarize_lines(lines: &[usize]) -> String {
    let mut shown: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
    if lines.len() > 10 {
        shown.push(format!("and {} more", lines.len() - 10));
    }
    shown.join(", ")
}

/// Replaces characters YAML does not allow inside a document (C0 controls other than
/// tab, LF and CR, DEL, the C1 range, and byte order marks), returning the cleaned text
/// and the lines touched.
fn replace_forbidden_characters(text: &str) -> (String, Vec<usize>) {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || c == '\u{feff}'
    };
    if !text.chars().any(forbidden) {
        return (text.to_owned(), Vec::new());
    }
    let mut lines = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut line = 1;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if forbidden(c) {
            if lines.last() != Some(&line) {
                lines.push(line);
            }
            out.push('\u{fffd}');
        } else {
            out.push(c);
        }
    }
    (out, lines)
}

enum Frame {
    Sequence {
        items: Vec<Value>,
        anchor: usize,
    },
    Mapping {
        entries: Map<String, Value>,
        anchor: usize,
        /// The key whose value is being read, if any.
        key: Option<String>,
        /// Whether that key is the plain `<<` of a merge (a quoted `"<<"` is a key).
        merge_key: bool,
        /// Values of `<<` keys, merged in when the mapping ends.
        merges: Vec<Value>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    /// Anchored values, with their node count and depth.
    anchors: HashMap<usize, (Value, usize, usize)>,
    warnings: Vec<YamlWarning>,
    done: Option<Value>,
    /// Nodes built so far, aliases counted as what they expand to.
    nodes: usize,
}

/// The node count and depth of a value.
fn measure(value: &Value) -> (usize, usize) {
    match value {
        Value::Array(items) => items
            .iter()
            .map(measure)
            .fold((1, 1), |(n, d), (cn, cd)| (n + cn, d.max(cd + 1))),
        Value::Object(map) => map
            .values()
            .map(measure)
            .fold((1, 1), |(n, d), (cn, cd)| (n + cn, d.max(cd + 1))),
        _ => (1, 1),
    }
}

impl Builder {
    /// The JSON Pointer of the node being read. Built only for diagnostics, so reading
    /// stays linear in the size of the document however deep it nests.
    fn pointer(&self) -> String {
        let mut out = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Sequence { items, .. } => {
                    out.push('/');
                    out.push_str(&items.len().to_string());
                }
                Frame::Mapping { key: Some(key), .. } => {
                    out.push('/');
                    out.push_str(&pointer::escape(key));
                }
                Frame::Mapping { key: None, .. } => {}
            }
        }
        out
    }

    /// Places a finished node in its parent, or as the document.
    fn add(&mut self, value: Value, anchor: usize, span: Span) -> Result<(), YamlError> {
        if anchor != 0 {
            let (nodes, depth) = measure(&value);
            self.anchors.insert(anchor, (value.clone(), nodes, depth));
        }
        match self.stack.last_mut() {
            None => {
                if self.done.is_none() {
                    self.done = Some(value);
                }
            }
            Some(Frame::Sequence { items, .. }) => items.push(value),
            Some(Frame::Mapping {
                entries,
                key,
                merge_key,
                merges,
                ..
            }) => match key.take() {
                None => match key_text(&value) {
                    Some(text) => *key = Some(text),
                    None => {
                        return Err(YamlError {
                            message: "a mapping key must be a scalar".to_owned(),
                            line: span.start.line(),
                            column: span.start.col() + 1,
                            pointer: self.pointer(),
                        });
                    }
                },
                Some(_) if std::mem::take(merge_key) => merges.push(value),
                Some(k) => {
                    if entries.contains_key(&k) {
                        let here = pointer::push(&self.pointer(), &k);
                        self.warnings.push(YamlWarning {
                            message: "duplicate key; the last value is used".to_owned(),
                            pointer: here,
                        });
                    }
                    if let Some(Frame::Mapping { entries, .. }) = self.stack.last_mut() {
                        entries.insert(k, value);
                    }
                }
            },
        }
        Ok(())
    }
}

/// The text a scalar used as a mapping key stands for.
fn key_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn parse_once(text: &str) -> Result<(Value, Vec<YamlWarning>), YamlError> {
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        warnings: Vec::new(),
        done: None,
        nodes: 0,
    };
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| YamlError {
            message: e.info().to_owned(),
            line: e.marker().line(),
            column: e.marker().col() + 1,
            pointer: builder.pointer(),
        })?;
        let error = |builder: &Builder, message: &str| YamlError {
            message: message.to_owned(),
            line: span.start.line(),
            column: span.start.col() + 1,
            pointer: builder.pointer(),
        };
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents == 2 {
                    builder.warnings.push(YamlWarning {
                        message: "the stream holds several YAML documents; only the first is read"
                            .to_owned(),
                        pointer: String::new(),
                    });
                }
            }
            _ if documents > 1 => {}
            Event::Scalar(text, style, anchor, tag) => {
                // A key is always kept as written; a value is resolved.
                let is_key = matches!(builder.stack.last(), Some(Frame::Mapping { key: None, .. }));
                if is_key
                    && style == ScalarStyle::Plain
                    && text == "<<"
                    && let Some(Frame::Mapping { merge_key, .. }) = builder.stack.last_mut()
                {
                    *merge_key = true;
                }
                let value = if is_key {
                    Value::String(text.into_owned())
                } else {
                    resolve_scalar(text, style, tag.as_deref())
                };
                builder.add(value, anchor, span)?;
            }
            Event::SequenceStart(anchor, _) => {
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(error(&builder, "the document nests too deeply"));
                }
                builder.stack.push(Frame::Sequence {
                    items: Vec::new(),
                    anchor,
                });
            }
            Event::MappingStart(anchor, _) => {
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(error(&builder, "the document nests too deeply"));
                }
                builder.stack.push(Frame::Mapping {
                    entries: Map::new(),
                    anchor,
                    key: None,
                    merge_key: false,
                    merges: Vec::new(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match builder.stack.pop() {
                    Some(Frame::Sequence { items, anchor }) => (Value::Array(items), anchor),
                    Some(Frame::Mapping {
                        mut entries,
                        anchor,
                        merges,
                        ..
                    }) => {
                        merge_into(&mut entries, merges);
                        (Value::Object(entries), anchor)
                    }
                    None => return Err(error(&builder, "unbalanced end of a collection")),
                };
                builder.add(value, anchor, span)?;
            }
            Event::Alias(id) => {
                let (nodes, depth) = builder
                    .anchors
                    .get(&id)
                    .map(|(_, nodes, depth)| (*nodes, *depth))
                    .ok_or_else(|| error(&builder, "an alias refers to an unknown anchor"))?;
                // Aliases can multiply a small text into a huge value ("billion laughs"):
                // counted before anything is copied.
                builder.nodes += nodes;
                if builder.nodes > MAX_NODES {
                    return Err(error(
                        &builder,
                        "aliases expand the document beyond the node limit",
                    ));
                }
                if builder.stack.len() + depth > MAX_DEPTH {
                    return Err(error(&builder, "the document nests too deeply"));
                }
                let value = builder
                    .anchors
                    .get(&id)
                    .map(|(value, _, _)| value.clone())
                    .unwrap_or_default();
                builder.add(value, 0, span)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok((builder.done.unwrap_or(Value::Null), builder.warnings))
}

/// Applies YAML 1.1 merge keys: keys written in the mapping win over merged ones, and
/// earlier merge sources win over later ones.
fn merge_into(entries: &mut Map<String, Value>, merges: Vec<Value>) {
    for source in merges {
        let maps = match source {
            Value::Object(map) => vec![map],
            Value::Array(items) => items
                .into_iter()
                .filter_map(|item| match item {
                    Value::Object(map) => Some(map),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for map in maps {
            for (k, v) in map {
                entries.entry(k).or_insert(v);
            }
        }
    }
}

/// Resolves a scalar by its tag, or for plain scalars by the YAML 1.2 core schema.
fn resolve_scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag
        && tag.is_yaml_core_schema()
    {
        return match tag.suffix.as_str() {
            "str" | "binary" | "timestamp" => Value::String(text.into_owned()),
            "null" => Value::Null,
            "bool" => match resolve_plain(&text) {
                Some(v @ Value::Bool(_)) => v,
                _ => Value::String(text.into_owned()),
            },
            "int" | "float" => match resolve_plain(&text) {
                Some(v @ Value::Number(_)) => v,
                _ => Value::String(text.into_owned()),
            },
            _ => resolve_scalar(text, style, None),
        };
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.into_owned());
    }
    resolve_plain(&text).unwrap_or_else(|| Value::String(text.into_owned()))
}

/// The core-schema meaning of a plain scalar, or `None` when it is a string.
fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Value::from);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok().map(Value::from);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Some(Value::from(i));
        }
        if let Ok(u) = text.trim_start_matches('+').parse::<u64>() {
            return Some(Value::from(u));
        }
        // Too large for an integer: keep the digits rather than lose precision.
        return None;
    }
    if looks_like_float(digits) {
        return text
            .trim_start_matches('+')
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    None
}

/// `[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)?` with at least one digit before the exponent.
fn looks_like_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next().unwrap_or("");
    let digits_ok = whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = match exponent {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        }
    };
    digits_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn yaml(text: &str) -> Value {
        parse(text)
            .map(|(v, _)| v)
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn only_a_plain_double_angle_key_merges() {
        let (value, _) =
            parse("base: &b {x: 1}\nplain: {<<: *b, y: 2}\nquoted: {\"<<\": 3, y: 2}\n").unwrap();
        assert_eq!(value["plain"], serde_json::json!({"x": 1, "y": 2}));
        assert_eq!(value["quoted"], serde_json::json!({"<<": 3, "y": 2}));
    }

    #[test]
    fn keys_keep_their_text_and_values_resolve() {
        let v = yaml(
            "responses:\n  200:\n    description: ok\n  default: {}\nswagger: 2.0\nflag: yes\nn: 0x1f\nnothing: ~\n",
        );
        assert_eq!(
            v,
            json!({"responses": {"200": {"description": "ok"}, "default": {}}, "swagger": 2.0, "flag": "yes", "n": 31, "nothing": null})
        );
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let v = yaml(
            "base: &b\n  type: string\n  maxLength: 5\nuse: *b\nmerged:\n  <<: *b\n  maxLength: 9\n",
        );
        assert_eq!(v["use"], json!({"type": "string", "maxLength": 5}));
        assert_eq!(v["merged"], json!({"maxLength": 9, "type": "string"}));
    }

    #[test]
    fn quoted_scalars_stay_strings_and_odd_numbers_too() {
        let v = yaml(
            "a: '200'\nb: \"true\"\nc: .inf\nd: 123456789012345678901234567890\ne: 1.5e3\nf: 1.2.3\n",
        );
        assert_eq!(
            v,
            json!({"a": "200", "b": "true", "c": ".inf", "d": "123456789012345678901234567890", "e": 1500.0, "f": "1.2.3"})
        );
    }

    #[test]
    fn errors_name_line_and_pointer() {
        let err = parse("paths:\n  /a:\n    get: [1, 2\n").unwrap_err();
        assert!(err.line >= 3, "{err:?}");
        assert_eq!(err.pointer, "/paths/~1a/get/2");
    }

    #[test]
    fn duplicate_keys_warn() {
        let (v, warnings) = parse("a: 1\na: 2\n").unwrap();
        assert_eq!(v, json!({"a": 2}));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "/a");
        let (_, warnings) = parse("x:\n  - a/b: 1\n    a/b: 2\n").unwrap();
        assert_eq!(warnings[0].pointer, "/x/0/a~1b");
    }

    #[test]
    fn control_characters_are_kept() {
        let (v, warnings) = parse("a: \"x\u{1}y\"\nb: x\u{85}y\n").unwrap();
        assert_eq!(v, json!({"a": "x\u{1}y", "b": "x\u{85}y"}));
        assert!(warnings.is_empty());
    }

    #[test]
    fn characters_the_parser_rejects_are_replaced_with_a_warning() {
        let (v, warnings) = parse("a: ok\nb: \u{feff}x\n").unwrap();
        assert_eq!(v, json!({"a": "ok", "b": "\u{fffd}x"}));
        assert!(warnings[0].message.contains("line(s) 2"), "{warnings:?}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("node limit"), "{err:?}");
        let deep = format!(
            "a: &a {}x{}\nb: [[[*a]]]\n",
            "[".repeat(MAX_DEPTH - 2),
            "]".repeat(MAX_DEPTH - 2)
        );
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(MAX_DEPTH + 10);
        assert!(parse(&text).is_err());
    }
}
