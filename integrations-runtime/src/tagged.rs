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

/// Reads a value and the string at its `tag` property.
pub fn split<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &str,
) -> Result<(Option<String>, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let tag = value.get(tag).and_then(Value::as_str).map(str::to_owned);
    Ok((tag, value))
}

/// Decodes the chosen variant from the value [`split`] read.
pub fn variant<T: DeserializeOwned, E: Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}
