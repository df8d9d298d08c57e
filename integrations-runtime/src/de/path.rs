//! Where in a JSON text a decoding error happened, as a path (`data[1].amount`).
//!
//! `serde_json` reports the line and column where it stopped; [`path_at`] scans the text
//! up to there and names the innermost value that the position falls in. This keeps one
//! decoding path for every type: the path is found after a failure, by non-generic code,
//! instead of running every decode through a path-tracking wrapper that would compile a
//! second copy of every type's deserializer.

use std::fmt::Write as _;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// How deep the scan follows nesting (`serde_json` stops at 128 by default).
const MAX_DEPTH: usize = 512;

/// The byte offset of a `serde_json` error position (1-based line; column = bytes read on
/// that line).
pub(crate) fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    if line <= 1 {
        return column.min(text.len());
    }
    let mut seen = 1;
    for (i, byte) in text.iter().enumerate() {
        if *byte == b'\n' {
            seen += 1;
            if seen == line {
                return (i + 1 + column).min(text.len());
            }
        }
    }
    text.len()
}

/// The path of the innermost value of `text` whose span ends at or contains byte offset
/// `at` (an error reported just after a value names that value; one reported at the
/// closing brace of an object, a missing field, names the object). `None` for the whole
/// document.
pub(crate) fn path_at(text: &[u8], at: usize) -> Option<String> {
    let mut scan = Scan {
        text,
        pos: 0,
        at,
        path: Vec::new(),
        found: None,
    };
    let _ = scan.value(0);
    let found = scan.found.unwrap_or(scan.path);
    (!found.is_empty()).then(|| render(&found))
}

/// Joins an outer path and the path of an error inside it.
pub(crate) fn join(outer: Option<&str>, inner: Option<&str>) -> Option<String> {
    match (outer, inner) {
        (Some(outer), Some(inner)) if inner.starts_with('[') => Some(format!("{outer}{inner}")),
        (Some(outer), Some(inner)) => Some(format!("{outer}.{inner}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// Stops the scan: the answer is found (or the text ended).
struct Stop;

struct Scan<'a> {
    text: &'a [u8],
    pos: usize,
    at: usize,
    path: Vec<Segment>,
    found: Option<Vec<Segment>>,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Stops with the current path when the scan has reached the error position or the
    /// end of the text.
    fn check_passed(&mut self) -> Result<(), Stop> {
        if self.pos >= self.at || self.pos >= self.text.len() {
            self.found = Some(self.path.clone());
            return Err(Stop);
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<(), Stop> {
        self.skip_whitespace();
        self.check_passed()?;
        if depth > MAX_DEPTH {
            self.found = Some(self.path.clone());
            return Err(Stop);
        }
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => {
                self.string();
            }
            _ => self.scalar(),
        }
        if start < self.at && self.at <= self.pos {
            self.found = Some(self.path.clone());
            return Err(Stop);
        }
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<(), Stop> {
        self.pos += 1;
        loop {
            self.skip_whitespace();
            self.check_passed()?;
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                Some(b'"') => {}
                _ => {
                    // Not JSON here: the error is about this object.
                    self.found = Some(self.path.clone());
                    return Err(Stop);
                }
            }
            let key = self.string();
            self.skip_whitespace();
            if self.peek() == Some(b':') {
                self.pos += 1;
            }
            self.path.push(Segment::Key(key));
            self.value(depth + 1)?;
            self.path.pop();
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Stop> {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_whitespace();
            self.check_passed()?;
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b',') => {
                    self.pos += 1;
                    index += 1;
                    continue;
                }
                _ => {}
            }
            self.path.push(Segment::Index(index));
            self.value(depth + 1)?;
            self.path.pop();
        }
    }

    /// Reads a string starting at its opening quote; returns its text (escapes decoded
    /// where they parse).
    fn string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        while let Some(byte) = self.peek() {
            self.pos += 1;
            match byte {
                b'\\' => {
                    escaped = true;
                    self.pos += 1;
                }
                b'"' => break,
                _ => {}
            }
        }
        let raw = &self.text[start..self.pos.min(self.text.len())];
        if escaped && let Ok(text) = serde_json::from_slice::<String>(raw) {
            return text;
        }
        String::from_utf8_lossy(raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default())
            .into_owned()
    }

    fn scalar(&mut self) {
        while let Some(byte) = self.peek() {
            if matches!(
                byte,
                b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b':'
            ) {
                break;
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// The path of the error `serde_json` reports for decoding `text` as `T`.
    fn error_path<T: for<'de> Deserialize<'de> + std::fmt::Debug>(text: &str) -> Option<String> {
        let error = serde_json::from_str::<T>(text).expect_err("decoding fails");
        let at = offset_of(text.as_bytes(), error.line(), error.column());
        path_at(text.as_bytes(), at)
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        amount: i64,
        name: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct List {
        data: Vec<Item>,
        more: bool,
    }

    #[test]
    fn type_errors_name_the_value() {
        let text = r#"{"more": true, "data": [{"amount": 1}, {"name": "x", "amount": "7"}]}"#;
        assert_eq!(error_path::<List>(text).as_deref(), Some("data[1].amount"));
        let text = "{\n  \"data\": [\n    {\"amount\": 1},\n    {\"amount\": true}\n  ],\n  \"more\": false\n}";
        assert_eq!(error_path::<List>(text).as_deref(), Some("data[1].amount"));
        assert_eq!(
            error_path::<List>(r#"{"data": [], "more": "yes"}"#).as_deref(),
            Some("more")
        );
    }

    #[test]
    fn missing_fields_name_the_object() {
        let text = r#"{"more": true, "data": [{"amount": 1}, {"name": "x"}]}"#;
        assert_eq!(error_path::<List>(text).as_deref(), Some("data[1]"));
        assert_eq!(error_path::<List>(r#"{"data": []}"#), None);
    }

    #[test]
    fn keys_with_escapes_and_truncated_text() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Quoted {
            #[serde(rename = "a\"b")]
            ab: i64,
        }
        assert_eq!(
            error_path::<Quoted>(r#"{"a\"b": "x"}"#).as_deref(),
            Some("a\"b")
        );
        assert_eq!(
            error_path::<List>(r#"{"more": true, "data": [{"amount": 1"#).as_deref(),
            Some("data[0].amount")
        );
    }

    #[test]
    fn paths_join() {
        assert_eq!(join(Some("a"), Some("b[0]")).as_deref(), Some("a.b[0]"));
        assert_eq!(join(Some("a"), Some("[2].c")).as_deref(), Some("a[2].c"));
        assert_eq!(join(None, Some("c")).as_deref(), Some("c"));
        assert_eq!(join(None, None), None);
    }

    #[test]
    fn offsets_follow_lines() {
        let text = b"ab\ncd\nef";
        assert_eq!(offset_of(text, 1, 2), 2);
        assert_eq!(offset_of(text, 2, 1), 4);
        assert_eq!(offset_of(text, 3, 2), 8);
        assert_eq!(offset_of(text, 9, 2), 8);
    }
}
