//! Decoding unions whose variants are told apart by a tag property.
//!
//! Generated `Deserialize` impls of tagged unions read the value once ([`split`]), match
//! the tag, and decode the chosen variant ([`variant`]); an unknown tag keeps the value
//! as JSON so that a new kind of object never breaks decoding. (Serde's own
//! `#[serde(tag)]` cannot be used: it removes the tag before the variant sees it, and
//! OpenAPI variants declare the tag as a required property of their own.)

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error};
use serde_json::Value;

/// Reads a value and the text of its `tag` property (a number or boolean tag, which
/// OpenAPI does not allow but APIs send, as its JSON text).
///
/// A value that is not an object is an error: it cannot be any variant, and an error
/// lets an enclosing untagged union try its next alternative (a string id, say). An
/// object without the tag is kept (its tag is `None`).
pub fn split<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &str,
) -> Result<(Option<String>, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let Value::Object(object) = &value else {
        return Err(D::Error::custom(format!(
            "expected an object with a `{tag}` property"
        )));
    };
    let tag = match object.get(tag) {
        Some(Value::String(text)) => Some(text.clone()),
        Some(scalar @ (Value::Number(_) | Value::Bool(_))) => Some(scalar.to_string()),
        _ => None,
    };
    Ok((tag, value))
}

/// Decodes the chosen variant from the value [`split`] read.
pub fn variant<T: DeserializeOwned, E: Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What the generator writes for `oneOf: [Cat]` with `discriminator: kind`.
    #[derive(Debug, PartialEq)]
    enum Pet {
        Cat(Value),
        Unknown(Value),
    }

    impl<'de> Deserialize<'de> for Pet {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (tag, value) = split(deserializer, "kind")?;
            match tag.as_deref() {
                Some("cat" | "1") => variant(value).map(Pet::Cat),
                _ => Ok(Pet::Unknown(value)),
            }
        }
    }

    /// `oneOf: [Pet, {type: string}]`.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(untagged)]
    enum PetOrId {
        Pet(Pet),
        Id(String),
    }

    #[test]
    fn only_objects_are_variants_so_other_alternatives_get_their_turn() {
        let id: PetOrId = serde_json::from_value(json!("pet_123")).unwrap();
        assert_eq!(id, PetOrId::Id("pet_123".into()));
        let cat: PetOrId = serde_json::from_value(json!({"kind": "cat"})).unwrap();
        assert_eq!(cat, PetOrId::Pet(Pet::Cat(json!({"kind": "cat"}))));
        let error = serde_json::from_value::<Pet>(json!(["cat"])).unwrap_err();
        assert!(error.to_string().contains("`kind` property"), "{error}");
    }

    #[test]
    fn unknown_and_missing_tags_keep_the_value_and_numbers_match_as_text() {
        let new_kind: Pet = serde_json::from_value(json!({"kind": "axolotl"})).unwrap();
        assert_eq!(new_kind, Pet::Unknown(json!({"kind": "axolotl"})));
        let untagged: Pet = serde_json::from_value(json!({"name": "Tom"})).unwrap();
        assert_eq!(untagged, Pet::Unknown(json!({"name": "Tom"})));
        let numbered: Pet = serde_json::from_value(json!({"kind": 1})).unwrap();
        assert_eq!(numbered, Pet::Cat(json!({"kind": 1})));
    }
}
