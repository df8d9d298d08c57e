//! Reading objects into generated structs without serde's derive.
//!
//! A generated struct implements [`FromMap`]: a loop over the object's keys that stores
//! each value in its field's slot. The key is matched against the struct's field names by
//! [`Fields`], one non-generic seed shared by every struct, so a struct costs one
//! function per deserializer rather than the identifier enum, its visitor and the
//! sequence visitor serde's derive writes for each. Keys the struct does not declare are
//! either kept (a struct with a map of other properties) or skipped.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

/// A key of an object, matched against a struct's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// The field at this index of the names given to [`Fields`].
    Field(usize),
    /// A key the struct does not declare, kept because the struct keeps other properties.
    Other(String),
    /// A key the struct does not declare, skipped.
    Skipped,
}

/// Reads one object key and finds it among a struct's wire names.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    names: Names,
    keep_others: bool,
}

/// How a struct finds a key among its wire names.
#[derive(Debug, Clone, Copy)]
enum Names {
    /// Names in field order, searched one by one.
    InOrder(&'static [&'static str]),
    /// A function from a name to its field's index: a `match` that generated code writes
    /// per struct (compiled once, and as fast as serde's own identifier matching).
    Matching(fn(&str) -> Option<usize>),
}

impl Fields {
    /// Keys matched against `names` (the field at index `i` is `names[i]`); other keys are
    /// [`Key::Skipped`].
    pub const fn new(names: &'static [&'static str]) -> Self {
        Fields {
            names: Names::InOrder(names),
            keep_others: false,
        }
    }

    /// Keys matched by `field` (a name to its field's index); other keys are
    /// [`Key::Skipped`], or with `keep_others` [`Key::Other`].
    pub const fn matching(field: fn(&str) -> Option<usize>, keep_others: bool) -> Self {
        Fields {
            names: Names::Matching(field),
            keep_others,
        }
    }

    /// Keys matched against `names`; other keys are kept as [`Key::Other`].
    pub const fn keeping_others(names: &'static [&'static str]) -> Self {
        Fields {
            names: Names::InOrder(names),
            keep_others: true,
        }
    }

    fn key(&self, text: &str) -> Key {
        let found = match self.names {
            Names::InOrder(names) => names.iter().position(|name| *name == text),
            Names::Matching(field) => field(text),
        };
        match found {
            Some(index) => Key::Field(index),
            None if self.keep_others => Key::Other(text.to_owned()),
            None => Key::Skipped,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Fields {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Fields {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Key, E> {
        Ok(self.key(text))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Key, E> {
        match self.key(&text) {
            Key::Other(_) => Ok(Key::Other(text)),
            key => Ok(key),
        }
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Key, E> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(self.key(text)),
            Err(_) => Err(E::custom("a property name is not UTF-8")),
        }
    }
}

/// A struct read from the entries of an object.
pub trait FromMap: Sized {
    /// What the struct is, for messages (`an object for Customer`).
    const EXPECTING: &'static str;

    /// Reads the struct from the entries of an object.
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The visitor that hands an object's entries to [`FromMap::from_map`].
pub struct StructVisitor<T>(PhantomData<fn() -> T>);

impl<T> StructVisitor<T> {
    /// The visitor of `T`.
    pub const fn new() -> Self {
        StructVisitor(PhantomData)
    }
}

impl<T> Default for StructVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: FromMap> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Deserializes a struct through its [`FromMap`] impl.
pub fn deserialize_struct<'de, T: FromMap, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructVisitor::<T>::new())
}

/// The error for a required property that is absent.
pub fn missing<E: de::Error>(name: &'static str) -> E {
    E::missing_field(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// What the generator writes for `{id (required), note, other properties kept}`.
    #[derive(Debug, PartialEq)]
    struct Note {
        id: String,
        note: Option<String>,
        others: BTreeMap<String, serde_json::Value>,
    }

    impl FromMap for Note {
        const EXPECTING: &'static str = "an object for Note";

        fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            fn field(name: &str) -> Option<usize> {
                match name {
                    "id" => Some(0),
                    "note" => Some(1),
                    _ => None,
                }
            }
            const FIELDS: Fields = Fields::matching(field, true);
            let mut id = None;
            let mut note = None;
            let mut others = BTreeMap::new();
            while let Some(key) = map.next_key_seed(FIELDS)? {
                match key {
                    Key::Field(0) => id = Some(map.next_value()?),
                    Key::Field(1) => note = map.next_value()?,
                    Key::Other(name) => {
                        others.insert(name, map.next_value()?);
                    }
                    _ => {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
            }
            Ok(Note {
                id: id.ok_or_else(|| missing("id"))?,
                note,
                others,
            })
        }
    }

    impl<'de> Deserialize<'de> for Note {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_struct(deserializer)
        }
    }

    #[test]
    fn declared_keys_fill_fields_and_others_are_kept() {
        let note: Note =
            serde_json::from_str(r#"{"x": [1], "id": "n_1", "note": null, "y": {"z": true}}"#)
                .unwrap();
        assert_eq!(note.id, "n_1");
        assert_eq!(note.note, None);
        assert_eq!(
            serde_json::Value::Object(note.others.into_iter().collect()),
            serde_json::json!({"x": [1], "y": {"z": true}})
        );
    }

    #[test]
    fn matched_and_listed_names_find_the_same_fields() {
        const LISTED: Fields = Fields::new(&["name", "id", "amount"]);
        fn field(name: &str) -> Option<usize> {
            ["name", "id", "amount"].iter().position(|n| *n == name)
        }
        const MATCHED: Fields = Fields::matching(field, false);
        for key in ["name", "id", "amount", "zzz", "", "am"] {
            assert_eq!(LISTED.key(key), MATCHED.key(key), "{key}");
        }
        assert_eq!(MATCHED.key("amount"), Key::Field(2));
        assert_eq!(
            Fields::matching(field, true).key("x"),
            Key::Other("x".into())
        );
    }

    #[test]
    fn absent_required_fields_and_non_objects_are_errors() {
        let error = serde_json::from_str::<Note>(r#"{"note": "n"}"#).unwrap_err();
        assert!(error.to_string().contains("missing field `id`"), "{error}");
        let error = serde_json::from_str::<Note>("[1]").unwrap_err();
        assert!(error.to_string().contains("an object for Note"), "{error}");
    }
}
