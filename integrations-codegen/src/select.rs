//! Choosing operations: by `operationId`, tag, path glob, or method and path glob.
//!
//! Shared by `trim` (which writes a smaller spec) and the IR builder (which generates
//! only what is kept). A selector is one of:
//! - an `operationId` (`PostCustomers`);
//! - a tag (`Customers`);
//! - a path glob (`/v1/customers/**`), where `*` matches within one segment and `**`
//!   matches any number of segments;
//! - a method and a path glob (`POST /v1/customers`).

/// One selector, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// An operationId or a tag (both are tried).
    Name(String),
    /// A path glob, with an optional method.
    Path {
        /// The method, upper case, if given.
        method: Option<String>,
        /// The glob.
        glob: String,
    },
}

impl Selector {
    /// Parses a selector.
    pub fn parse(text: &str) -> Selector {
        let text = text.trim();
        if text.starts_with('/') {
            return Selector::Path {
                method: None,
                glob: text.to_owned(),
            };
        }
        if let Some((method, path)) = text.split_once(' ') {
            let path = path.trim();
            if path.starts_with('/') && method.chars().all(|c| c.is_ascii_alphabetic()) {
                return Selector::Path {
                    method: Some(method.to_ascii_uppercase()),
                    glob: path.to_owned(),
                };
            }
        }
        Selector::Name(text.to_owned())
    }

    /// Whether the operation is selected.
    pub fn matches(
        &self,
        operation_id: Option<&str>,
        tags: &[&str],
        method: &str,
        path: &str,
    ) -> bool {
        match self {
            Selector::Name(name) => {
                operation_id == Some(name.as_str()) || tags.contains(&name.as_str())
            }
            Selector::Path { method: m, glob } => {
                m.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
                    && glob_matches(glob, path)
            }
        }
    }
}

/// Whether any selector of `selectors` matches; an empty list selects everything.
pub fn any_matches(
    selectors: &[Selector],
    operation_id: Option<&str>,
    tags: &[&str],
    method: &str,
    path: &str,
) -> bool {
    selectors.is_empty()
        || selectors
            .iter()
            .any(|s| s.matches(operation_id, tags, method, path))
}

/// Matches `path` against `glob` segment by segment.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    let glob: Vec<&str> = glob.trim_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_matches('/').split('/').collect();
    segments_match(&glob, &path)
}

fn segments_match(glob: &[&str], path: &[&str]) -> bool {
    match glob.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| segments_match(rest, &path[skip..])),
        Some((first, rest)) => match path.split_first() {
            Some((segment, path_rest)) => {
                segment_matches(first, segment) && segments_match(rest, path_rest)
            }
            None => false,
        },
    }
}

/// `*` matches any run of characters within one segment.
fn segment_matches(glob: &str, segment: &str) -> bool {
    match glob.split_once('*') {
        None => glob == segment,
        Some((prefix, rest)) => {
            let Some(remaining) = segment.strip_prefix(prefix) else {
                return false;
            };
            (0..=remaining.len())
                .filter(|i| remaining.is_char_boundary(*i))
                .any(|i| segment_matches(rest, &remaining[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_matches("/v1/customers", "/v1/customers"));
        assert!(glob_matches("/v1/customers/*", "/v1/customers/{customer}"));
        assert!(!glob_matches(
            "/v1/customers/*",
            "/v1/customers/{customer}/sources"
        ));
        assert!(glob_matches(
            "/v1/customers/**",
            "/v1/customers/{customer}/sources"
        ));
        assert!(glob_matches("/v1/customers/**", "/v1/customers"));
        assert!(glob_matches("/v1/*_intents", "/v1/payment_intents"));
        assert!(!glob_matches("/v1/*_intents", "/v1/payment_intents/x"));
    }

    #[test]
    fn selectors() {
        let by_id = Selector::parse("PostCustomers");
        assert!(by_id.matches(Some("PostCustomers"), &[], "POST", "/v1/customers"));
        assert!(by_id.matches(None, &["PostCustomers"], "GET", "/x"));
        let by_method = Selector::parse("post /v1/customers");
        assert!(by_method.matches(None, &[], "POST", "/v1/customers"));
        assert!(!by_method.matches(None, &[], "GET", "/v1/customers"));
        assert!(any_matches(&[], None, &[], "GET", "/anything"));
    }
}
