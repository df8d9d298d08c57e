//! Reading spec files: bytes to a JSON value, whatever the format.
//!
//! JSON is read with `serde_json`; anything else is read as YAML (JSON is YAML too, so a
//! JSON file with a `.yaml` name still loads). When JSON fails to parse, the text is read
//! again as YAML only to find the JSON Pointer of the problem, so that a syntax error
//! names the node as every other diagnostic does.

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostics, Location};
use crate::spec::yaml;

/// Reads and parses `path`. Problems are recorded in `diagnostics`; `None` means the
/// file could not be read or parsed.
pub fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<Value> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.error(
                Location::new(path, ""),
                format!("cannot read the file: {e}"),
            );
            return None;
        }
    };
    parse(path, &bytes, diagnostics)
}

/// Parses `bytes`, the content of `path`, as JSON or YAML.
pub fn parse(path: &Path, bytes: &[u8], diagnostics: &mut Diagnostics) -> Option<Value> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(e) => {
            diagnostics.warning(
                Location::new(path, ""),
                format!(
                    "the file is not valid UTF-8 (first bad byte at offset {}); bad bytes were replaced by U+FFFD",
                    e.valid_up_to()
                ),
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let looks_like_json = text.trim_start().starts_with(['{', '[']);
    if looks_like_json {
        match serde_json::from_str::<Value>(&text) {
            Ok(value) => return Some(value),
            Err(json_error) => {
                // Find where the problem is as a pointer, by reading the text as YAML.
                let pointer = match yaml::parse(&text) {
                    Err(e) => e.pointer,
                    Ok(_) => String::new(),
                };
                diagnostics.error(
                    Location::new(path, pointer),
                    format!(
                        "invalid JSON at line {}, column {}: {json_error}",
                        json_error.line(),
                        json_error.column()
                    ),
                );
                return None;
            }
        }
    }
    match yaml::parse(&text) {
        Ok((value, warnings)) => {
            for w in warnings {
                diagnostics.warning(Location::new(path, w.pointer), w.message);
            }
            Some(value)
        }
        Err(e) => {
            diagnostics.error(
                Location::new(path, e.pointer),
                format!(
                    "invalid YAML at line {}, column {}: {}",
                    e.line, e.column, e.message
                ),
            );
            None
        }
    }
}

/// Joins `relative` to the directory of `base` and removes `.` and `..` components,
/// without touching the file system.
pub fn resolve_relative(base: &Path, relative: &str) -> PathBuf {
    let dir = base.parent().unwrap_or_else(|| Path::new(""));
    normalize(&dir.join(relative))
}

/// Removes `.` and `..` components lexically.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                // Only a name can be taken back; `..` on `..` (or on nothing) climbs on.
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_normalized() {
        assert_eq!(
            resolve_relative(
                Path::new("spec/paths/mail/x.json"),
                "../../components/s.json"
            ),
            PathBuf::from("spec/components/s.json")
        );
        assert_eq!(
            resolve_relative(Path::new("a.json"), "./b.json"),
            PathBuf::from("b.json")
        );
        assert_eq!(
            resolve_relative(Path::new("../x/a.yaml"), "../../c.yaml"),
            PathBuf::from("../../c.yaml")
        );
        assert_eq!(normalize(Path::new("/a/../../b")), PathBuf::from("/b"));
    }

    #[test]
    fn bad_json_names_a_pointer() {
        let mut d = Diagnostics::new();
        let v = parse(
            Path::new("x.json"),
            b"{\"paths\": {\"/a\": {\"get\": [1, }}}",
            &mut d,
        );
        assert!(v.is_none());
        let text = d.to_string();
        assert!(text.contains("x.json#/paths/~1a/get"), "{text}");
        assert!(text.contains("invalid JSON at line 1"), "{text}");
    }
}
