//! OpenAPI parameter serialisation (`style` and `explode`), from a JSON value to the
//! name-value pairs of a query string or cookie, or the text of a path segment or header.
//!
//! `null` (an unset optional parameter) and empty lists and maps produce nothing. Arrays in `deepObject` style,
//! which OpenAPI leaves undefined, use indexed brackets (`expand[0]=a`), as Stripe does.

use serde_json::Value;

use super::scalar_text;

/// OpenAPI parameter styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `form`: `a=1&a=2` (explode) or `a=1,2`.
    Form,
    /// `simple`: `1,2` (paths, headers).
    Simple,
    /// `label`: `.1.2` or `.1,2`.
    Label,
    /// `matrix`: `;a=1;a=2` or `;a=1,2`.
    Matrix,
    /// `spaceDelimited`: `a=1 2`.
    SpaceDelimited,
    /// `pipeDelimited`: `a=1|2`.
    PipeDelimited,
    /// `deepObject`: `a[k]=v`, nested.
    DeepObject,
}

/// Pairs for a query string (or cookie) parameter.
pub(crate) fn query_pairs(
    name: &str,
    value: &Value,
    style: ParamStyle,
    explode: bool,
    out: &mut Vec<(String, String)>,
) {
    match (value, style) {
        (Value::Null, _) => {}
        // An empty list or map is an undefined value in URI templates: nothing is sent.
        (Value::Array(items), _) if items.is_empty() => {}
        (Value::Object(map), _) if map.is_empty() => {}
        (Value::Array(items), ParamStyle::DeepObject) => {
            for (i, item) in items.iter().enumerate() {
                nested_pairs(&format!("{name}[{i}]"), item, out);
            }
        }
        (Value::Object(_), ParamStyle::DeepObject) => nested_pairs(name, value, out),
        (Value::Array(items), _) => {
            let texts: Vec<String> = items
                .iter()
                .filter(|v| !v.is_null())
                .map(scalar_text)
                .collect();
            match style {
                ParamStyle::SpaceDelimited => out.push((name.to_owned(), texts.join(" "))),
                ParamStyle::PipeDelimited => out.push((name.to_owned(), texts.join("|"))),
                _ if explode => out.extend(texts.into_iter().map(|t| (name.to_owned(), t))),
                _ => out.push((name.to_owned(), texts.join(","))),
            }
        }
        (Value::Object(map), ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited) => {
            let separator = if style == ParamStyle::SpaceDelimited {
                " "
            } else {
                "|"
            };
            let joined: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .flat_map(|(k, v)| [k.clone(), scalar_text(v)])
                .collect();
            out.push((name.to_owned(), joined.join(separator)));
        }
        (Value::Object(map), _) => {
            if explode {
                for (key, v) in map {
                    if !v.is_null() {
                        out.push((key.clone(), scalar_text(v)));
                    }
                }
            } else {
                let joined: Vec<String> = map
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .flat_map(|(k, v)| [k.clone(), scalar_text(v)])
                    .collect();
                out.push((name.to_owned(), joined.join(",")));
            }
        }
        (scalar, _) => out.push((name.to_owned(), scalar_text(scalar))),
    }
}

/// Bracket notation for nested values: `a[b][0][c]=v`. `null`, an empty object and an
/// empty array are sent as an empty value (`a=`), the form encoding of "no value" (Stripe
/// reads it as "clear this field"); dropping them would silently lose the caller's
/// intent.
pub(crate) fn nested_pairs(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) if map.is_empty() => out.push((prefix.to_owned(), String::new())),
        Value::Array(items) if items.is_empty() => out.push((prefix.to_owned(), String::new())),
        Value::Object(map) => {
            for (key, v) in map {
                nested_pairs(&format!("{prefix}[{key}]"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nested_pairs(&format!("{prefix}[{i}]"), item, out);
            }
        }
        scalar => out.push((prefix.to_owned(), scalar_text(scalar))),
    }
}

/// The text of a path or header parameter, `None` for `null`. `escape` is applied to
/// every key and value (percent-encoding in a path, nothing in a header), never to the
/// style's own prefixes and separators.
pub(crate) fn simple_text(
    name: &str,
    value: &Value,
    style: ParamStyle,
    explode: bool,
    escape: &dyn Fn(&str) -> String,
) -> Option<String> {
    let name = escape(name);
    let text = |v: &Value| escape(&scalar_text(v));
    let (prefix, separator) = match style {
        ParamStyle::Label => (".".to_owned(), if explode { "." } else { "," }),
        ParamStyle::Matrix => (format!(";{name}="), if explode { ";" } else { "," }),
        _ => (String::new(), ","),
    };
    Some(match value {
        Value::Null => return None,
        Value::Array(items) if style == ParamStyle::Matrix && explode => items
            .iter()
            .map(|v| format!(";{name}={}", text(v)))
            .collect(),
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().map(text).collect();
            format!("{prefix}{}", texts.join(separator))
        }
        Value::Object(map) if style == ParamStyle::Matrix && explode => map
            .iter()
            .map(|(k, v)| format!(";{}={}", escape(k), text(v)))
            .collect(),
        Value::Object(map) => {
            let parts: Vec<String> = if explode {
                map.iter()
                    .map(|(k, v)| format!("{}={}", escape(k), text(v)))
                    .collect()
            } else {
                map.iter().flat_map(|(k, v)| [escape(k), text(v)]).collect()
            };
            format!("{prefix}{}", parts.join(separator))
        }
        scalar => format!("{prefix}{}", text(scalar)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(value: Value, style: ParamStyle, explode: bool) -> Vec<(String, String)> {
        let mut out = Vec::new();
        query_pairs("p", &value, style, explode, &mut out);
        out
    }

    fn p(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn query_styles() {
        assert_eq!(
            pairs(json!([1, 2]), ParamStyle::Form, true),
            p(&[("p", "1"), ("p", "2")])
        );
        assert_eq!(
            pairs(json!([1, 2]), ParamStyle::Form, false),
            p(&[("p", "1,2")])
        );
        assert_eq!(
            pairs(json!(["a", "b"]), ParamStyle::SpaceDelimited, false),
            p(&[("p", "a b")])
        );
        assert_eq!(
            pairs(json!(["a", "b"]), ParamStyle::PipeDelimited, false),
            p(&[("p", "a|b")])
        );
        assert_eq!(
            pairs(json!({"x": 1, "y": "z"}), ParamStyle::Form, true),
            p(&[("x", "1"), ("y", "z")])
        );
        assert_eq!(
            pairs(json!({"x": 1, "y": "z"}), ParamStyle::Form, false),
            p(&[("p", "x,1,y,z")])
        );
        assert_eq!(
            pairs(
                json!({"gt": 1, "in": [true, {"a": null}]}),
                ParamStyle::DeepObject,
                true
            ),
            p(&[("p[gt]", "1"), ("p[in][0]", "true"), ("p[in][1][a]", "")])
        );
        assert_eq!(
            pairs(json!(["a", "b"]), ParamStyle::DeepObject, true),
            p(&[("p[0]", "a"), ("p[1]", "b")])
        );
        assert!(pairs(Value::Null, ParamStyle::Form, true).is_empty());
        for style in [
            ParamStyle::Form,
            ParamStyle::PipeDelimited,
            ParamStyle::DeepObject,
        ] {
            assert!(pairs(json!([]), style, false).is_empty(), "{style:?}");
            assert!(pairs(json!({}), style, true).is_empty(), "{style:?}");
        }
        // Inside a deepObject, an empty container is an empty value, as in form bodies.
        assert_eq!(
            pairs(json!({"in": []}), ParamStyle::DeepObject, true),
            p(&[("p[in]", "")])
        );
        assert_eq!(
            pairs(json!(true), ParamStyle::Form, true),
            p(&[("p", "true")])
        );
    }

    fn simple_text(name: &str, value: &Value, style: ParamStyle, explode: bool) -> Option<String> {
        super::simple_text(name, value, style, explode, &|s| s.to_owned())
    }

    #[test]
    fn simple_label_matrix() {
        let arr = json!([3, 4]);
        let obj = json!({"r": 1, "g": 2});
        assert_eq!(
            simple_text("id", &arr, ParamStyle::Simple, false).unwrap(),
            "3,4"
        );
        assert_eq!(
            simple_text("id", &obj, ParamStyle::Simple, true).unwrap(),
            "r=1,g=2"
        );
        assert_eq!(
            simple_text("id", &obj, ParamStyle::Simple, false).unwrap(),
            "r,1,g,2"
        );
        assert_eq!(
            simple_text("id", &arr, ParamStyle::Label, true).unwrap(),
            ".3.4"
        );
        assert_eq!(
            simple_text("id", &json!(5), ParamStyle::Matrix, false).unwrap(),
            ";id=5"
        );
        assert_eq!(
            simple_text("id", &arr, ParamStyle::Matrix, true).unwrap(),
            ";id=3;id=4"
        );
        assert_eq!(
            simple_text("id", &obj, ParamStyle::Matrix, true).unwrap(),
            ";r=1;g=2"
        );
        assert!(simple_text("id", &Value::Null, ParamStyle::Simple, false).is_none());
    }
}
