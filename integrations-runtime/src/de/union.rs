//! Decoding `oneOf`/`anyOf` unions: the variant is chosen by what the data is.
//!
//! A generated union reads the value once ([`buffer`]) and hands it to [`decode`] with a
//! description of each variant ([`Variant`]): the JSON kinds it accepts, the values that
//! select it (a discriminator or a constant property, Stripe's `object: "card"`), the
//! properties it requires and declares, and whether it forbids others. [`decode`] ranks
//! the variants that can take the value, best first (selectors matched, then required
//! properties present, then declared properties present, then fewest undeclared ones),
//! and decodes the first that succeeds. So an object is not taken by the first variant
//! whose fields happen to be all optional, and a listing of mixed items decodes each item
//! as what it is.
//!
//! The chosen variant is decoded from the value's JSON text by the same `serde_json`
//! deserializer as a whole response: every type is compiled for one deserializer only.
//! (serde's `#[serde(untagged)]` would buffer into its private `Content` and compile every
//! type reachable from a union a second and a third time.)

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde_json::Value;

use super::json;

/// A set of JSON kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    /// `null`.
    pub const NULL: Kinds = Kinds(1);
    /// `true` or `false`.
    pub const BOOL: Kinds = Kinds(2);
    /// A number without a fractional part.
    pub const INTEGER: Kinds = Kinds(4);
    /// Any number.
    pub const NUMBER: Kinds = Kinds(8 | 4);
    /// A string.
    pub const STRING: Kinds = Kinds(16);
    /// An array.
    pub const ARRAY: Kinds = Kinds(32);
    /// An object.
    pub const OBJECT: Kinds = Kinds(64);
    /// Anything.
    pub const ANY: Kinds = Kinds(127);

    /// Both sets.
    pub const fn or(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }

    const fn has(self, other: Kinds) -> bool {
        self.0 & other.0 == other.0
    }

    fn of(value: &Value) -> Kinds {
        match value {
            Value::Null => Kinds::NULL,
            Value::Bool(_) => Kinds::BOOL,
            Value::Number(n) if n.is_i64() || n.is_u64() => Kinds::INTEGER,
            Value::Number(_) => Kinds(8),
            Value::String(_) => Kinds::STRING,
            Value::Array(_) => Kinds::ARRAY,
            Value::Object(_) => Kinds::OBJECT,
        }
    }
}

/// A property whose value selects a variant (a discriminator, a constant property).
#[derive(Debug, Clone, Copy)]
pub struct Selector {
    property: &'static str,
    values: &'static [&'static str],
    required: bool,
}

impl Selector {
    /// The variant needs `property` to be one of `values` when present; with `required`,
    /// it must be present too.
    pub const fn new(
        property: &'static str,
        values: &'static [&'static str],
        required: bool,
    ) -> Self {
        Selector {
            property,
            values,
            required,
        }
    }
}

/// What one variant of a union accepts.
#[derive(Debug, Clone, Copy)]
pub struct Variant {
    kinds: Kinds,
    strings: &'static [&'static str],
    selectors: &'static [Selector],
    required: &'static [&'static str],
    properties: &'static [&'static str],
    closed: bool,
}

impl Variant {
    /// A variant accepting values of `kinds`.
    pub const fn kinds(kinds: Kinds) -> Self {
        Variant {
            kinds,
            strings: &[],
            selectors: &[],
            required: &[],
            properties: &[],
            closed: false,
        }
    }

    /// A variant accepting only these strings (an enum that a later variant competes with).
    pub const fn strings(values: &'static [&'static str]) -> Self {
        Variant {
            strings: values,
            ..Variant::kinds(Kinds::STRING)
        }
    }

    /// An object variant: what selects it, what it requires and what it declares.
    pub const fn object(
        selectors: &'static [Selector],
        required: &'static [&'static str],
        properties: &'static [&'static str],
    ) -> Self {
        Variant {
            selectors,
            required,
            properties,
            ..Variant::kinds(Kinds::OBJECT)
        }
    }

    /// The same variant, refusing properties it does not declare.
    pub const fn closed(self) -> Self {
        Variant {
            closed: true,
            ..self
        }
    }

    /// How well the variant fits `value`, or `None` when it cannot take it.
    fn fit(&self, value: &Value) -> Option<(usize, isize, usize, isize)> {
        let kind = Kinds::of(value);
        if !self.kinds.has(kind) {
            return None;
        }
        match value {
            Value::String(text) if !self.strings.is_empty() => self
                .strings
                .contains(&text.as_str())
                .then_some((1, 0, 0, 0)),
            Value::Object(object) if self.kinds.has(Kinds::OBJECT) => {
                let mut matched = 0;
                for selector in self.selectors {
                    match object.get(selector.property).and_then(selector_text) {
                        Some(text) if selector.values.contains(&text.as_str()) => matched += 1,
                        Some(_) => return None,
                        None if selector.required => return None,
                        None => {}
                    }
                }
                let missing = self
                    .required
                    .iter()
                    .filter(|name| !object.contains_key(**name))
                    .count();
                let declared = self
                    .properties
                    .iter()
                    .filter(|name| object.contains_key(**name))
                    .count();
                let undeclared = object.len() - declared;
                if self.closed && undeclared > 0 {
                    return None;
                }
                Some((
                    matched,
                    -(missing as isize),
                    declared,
                    -(undeclared as isize),
                ))
            }
            _ => Some((0, 0, 0, 0)),
        }
    }
}

/// A selector's value as text (numbers and booleans, which OpenAPI does not allow as tags
/// but APIs send, as their JSON text).
fn selector_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        _ => None,
    }
}

/// Why a variant did not decode: what was wrong, and where inside the value.
#[derive(Debug, Clone)]
pub struct Failure {
    path: Option<String>,
    message: String,
}

impl std::fmt::Display for Failure {
    /// `at `path`: message`, which [`json::from_slice`](super::json::from_slice) reads back
    /// to join the path to the one around it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(f, "at `{path}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Reads the value of a union once, to look at it before choosing a variant.
pub fn buffer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Value::deserialize(deserializer)
}

/// The indices of the variants that can take `value`, best first.
pub fn rank(value: &Value, variants: &[Variant]) -> Vec<usize> {
    let mut fits: Vec<(usize, (usize, isize, usize, isize))> = variants
        .iter()
        .enumerate()
        .filter_map(|(index, variant)| variant.fit(value).map(|fit| (index, fit)))
        .collect();
    // Stable: among equal fits, the spec's order.
    fits.sort_by_key(|&(_, fit)| std::cmp::Reverse(fit));
    fits.into_iter().map(|(index, _)| index).collect()
}

/// Decodes `value` as the union `name`: tries the variants that can take it, best first,
/// with `decode_variant(index, value)`. `unknown` is the index `decode_variant` keeps an
/// object with no matching variant under (a tagged union's `Unknown`), if any.
pub fn decode<T, E: de::Error>(
    value: Value,
    name: &str,
    variants: &[Variant],
    unknown: Option<usize>,
    decode_variant: impl Fn(usize, Value) -> Result<T, Failure>,
) -> Result<T, E> {
    let ranked = rank(&value, variants);
    let Some((&last, others)) = ranked.split_last() else {
        return match unknown {
            Some(index) if value.is_object() => {
                decode_variant(index, value).map_err(|failure| E::custom(failure.to_string()))
            }
            _ => Err(E::custom(format!(
                "{} matches no variant of `{name}`",
                crate::encode::kind_of(&value)
            ))),
        };
    };
    let mut first_failure = None;
    for &index in others {
        match decode_variant(index, value.clone()) {
            Ok(decoded) => return Ok(decoded),
            Err(failure) => {
                first_failure.get_or_insert(failure);
            }
        }
    }
    match decode_variant(last, value) {
        Ok(decoded) => Ok(decoded),
        Err(failure) => Err(E::custom(first_failure.unwrap_or(failure).to_string())),
    }
}

/// Decodes one variant from the union's value, by the deserializer whole responses use.
pub fn variant<T: DeserializeOwned>(value: Value) -> Result<T, Failure> {
    let text = serde_json::to_vec(&value).map_err(|e| Failure {
        path: None,
        message: e.to_string(),
    })?;
    json::from_slice::<T>(&text).map_err(|error| Failure {
        path: error.path,
        message: error.message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Folder {
        tag: String,
        path: Option<String>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct File {
        tag: String,
        size: Option<i64>,
        rev: Option<String>,
    }

    /// `oneOf: [Folder, File]`, both with only optional properties but `tag`; folders
    /// have no other properties.
    #[derive(Debug, PartialEq)]
    enum Entry {
        Folder(Folder),
        File(File),
    }

    impl<'de> Deserialize<'de> for Entry {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            const VARIANTS: &[Variant] = &[
                Variant::object(&[], &["tag"], &["tag", "path"]).closed(),
                Variant::object(&[], &["tag"], &["tag", "size", "rev"]),
            ];
            decode(
                buffer(deserializer)?,
                "Entry",
                VARIANTS,
                None,
                |index, value| match index {
                    0 => variant(value).map(Entry::Folder),
                    _ => variant(value).map(Entry::File),
                },
            )
        }
    }

    #[test]
    fn each_item_decodes_as_what_it_is_not_as_the_first_variant() {
        let items: Vec<Entry> = serde_json::from_value(json!([
            {"tag": "folder", "path": "/a"},
            {"tag": "file", "size": 3, "rev": "r1"},
            {"tag": "file", "path": "/b", "size": 4, "rev": "r2"}
        ]))
        .unwrap();
        assert!(matches!(items[0], Entry::Folder(_)));
        assert!(matches!(items[1], Entry::File(_)));
        assert!(matches!(items[2], Entry::File(_)));
    }

    #[test]
    fn selectors_exclude_and_kinds_filter() {
        const CARD: &[Selector] = &[Selector::new("object", &["card"], true)];
        const BANK: &[Selector] = &[Selector::new("object", &["bank"], true)];
        let variants = [
            Variant::object(CARD, &[], &["object"]),
            Variant::object(BANK, &[], &["object"]),
            Variant::kinds(Kinds::STRING),
            Variant::strings(&["a", "b"]),
        ];
        assert_eq!(rank(&json!({"object": "bank"}), &variants), [1]);
        assert_eq!(rank(&json!({"other": 1}), &variants), Vec::<usize>::new());
        assert_eq!(rank(&json!("a"), &variants), [3, 2]);
        assert_eq!(rank(&json!("z"), &variants), [2]);
        let numbers = [
            Variant::kinds(Kinds::INTEGER),
            Variant::kinds(Kinds::NUMBER),
        ];
        assert_eq!(rank(&json!(2.5), &numbers), [1]);
        assert_eq!(rank(&json!(2), &numbers), [0, 1]);
    }

    #[test]
    fn closed_variants_refuse_other_properties() {
        let variants = [
            Variant::object(&[], &[], &["a"]).closed(),
            Variant::object(&[], &[], &["a", "b"]),
        ];
        assert_eq!(rank(&json!({"a": 1, "c": 2}), &variants), [1]);
        assert_eq!(rank(&json!({"a": 1}), &variants), [0, 1]);
    }

    #[test]
    fn a_failing_variant_gives_way_and_the_error_names_the_path() {
        let entry: Entry = serde_json::from_value(json!({"tag": "x", "size": 1})).unwrap();
        assert_eq!(
            entry,
            Entry::File(File {
                tag: "x".into(),
                size: Some(1),
                rev: None
            })
        );
        let error = serde_json::from_str::<Entry>(r#"{"tag": "x", "size": "big"}"#).unwrap_err();
        assert!(error.to_string().starts_with("at `size`:"), "{error}");
        let error = serde_json::from_str::<Entry>("[1]").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("an array matches no variant of `Entry`"),
            "{error}"
        );
    }
}
