//! JSON Pointers (RFC 6901): building them, reading them, and mapping pointers of a
//! rewritten document back to the file the user wrote.
//!
//! Swagger 2.0 documents are upgraded into the OpenAPI 3.0 shape before anything else
//! reads them, which moves nodes (`/definitions/Pet` becomes `/components/schemas/Pet`).
//! [`PointerMap`] remembers those moves so that every diagnostic still names the node
//! in the original file.

use std::path::{Path, PathBuf};

use crate::diagnostics::Location;

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
pub fn escape(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_owned()
    }
}

/// Undoes [`escape`].
pub fn unescape(token: &str) -> String {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~")
    } else {
        token.to_owned()
    }
}

/// Appends `token` (unescaped) to `pointer`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    out.push_str(&escape(token));
    out
}

/// Splits a pointer into its unescaped tokens. `""` is the root and has none.
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(unescape)
        .collect()
}

/// The last token of `pointer`, unescaped, if any.
pub fn last_token(pointer: &str) -> Option<String> {
    pointer.rsplit_once('/').map(|(_, last)| unescape(last))
}

/// Decodes the `%xx` escapes that may appear in the fragment of a `$ref` URI.
pub fn decode_fragment(fragment: &str) -> String {
    if !fragment.contains('%') {
        return fragment.to_owned();
    }
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Maps pointers of a rewritten document back to the file and node they came from.
///
/// Each entry says "the subtree now at this pointer came from that location". The
/// longest matching prefix wins; pointers under no entry belong to the root file as
/// they are.
#[derive(Debug, Clone)]
pub struct PointerMap {
    root: PathBuf,
    entries: Vec<(String, Location)>,
}

impl PointerMap {
    /// A map under which every pointer is in `root` as it is.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        PointerMap {
            root: root.into(),
            entries: Vec::new(),
        }
    }

    /// The root file.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Records that the subtree now at `now` came from `original`.
    pub fn record(&mut self, now: impl Into<String>, original: Location) {
        self.entries.push((now.into(), original));
    }

    /// Records that the subtree now at `now` came from `original` in the root file.
    pub fn record_moved(&mut self, now: impl Into<String>, original: impl Into<String>) {
        let location = Location::new(self.root.clone(), original);
        self.record(now, location);
    }

    /// Where the node now at `pointer` was written.
    pub fn locate(&self, pointer: &str) -> Location {
        let best = self
            .entries
            .iter()
            .filter(|(now, _)| is_prefix(now, pointer))
            .max_by_key(|(now, _)| now.len());
        match best {
            Some((now, original)) => Location::new(
                original.file.clone(),
                format!("{}{}", original.pointer, &pointer[now.len()..]),
            ),
            None => Location::new(self.root.clone(), pointer),
        }
    }
}

/// Whether `prefix` names `pointer` or one of its ancestors.
pub fn is_prefix(prefix: &str, pointer: &str) -> bool {
    pointer.starts_with(prefix)
        && (pointer.len() == prefix.len() || pointer.as_bytes()[prefix.len()] == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        for token in ["plain", "a/b", "~x", "/v1/customers/{id}", "~1"] {
            assert_eq!(unescape(&escape(token)), token);
        }
        assert_eq!(push("/paths", "/v1/customers"), "/paths/~1v1~1customers");
        assert_eq!(
            tokens("/paths/~1v1~1customers/get"),
            ["paths", "/v1/customers", "get"]
        );
        assert!(tokens("").is_empty());
    }

    #[test]
    fn fragments_are_percent_decoded() {
        assert_eq!(decode_fragment("/paths/~1a%7Bid%7D"), "/paths/~1a{id}");
        assert_eq!(decode_fragment("/bad%zz%"), "/bad%zz%");
    }

    #[test]
    fn pointer_map_uses_longest_prefix() {
        let mut map = PointerMap::new("api.yaml");
        map.record_moved("/components/schemas", "/definitions");
        map.record_moved(
            "/paths/~1x/post/requestBody",
            "/paths/~1x/post/parameters/1",
        );
        map.record(
            "/components/schemas/Ext",
            Location::new("other.json", "/Ext"),
        );
        let at = |p: &str| map.locate(p).to_string();
        assert_eq!(
            at("/components/schemas/Pet/properties/id"),
            "api.yaml#/definitions/Pet/properties/id"
        );
        assert_eq!(
            at("/paths/~1x/post/requestBody/content"),
            "api.yaml#/paths/~1x/post/parameters/1/content"
        );
        assert_eq!(at("/components/schemasX"), "api.yaml#/components/schemasX");
        assert_eq!(at("/components/schemas/Ext/type"), "other.json#/Ext/type");
        assert_eq!(at("/info"), "api.yaml#/info");
    }
}
