//! Field types for what `Option` cannot say.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};

/// A property that may be absent, `null`, or a value: the three states a PATCH needs.
///
/// Generated structs use it for properties that are both optional and nullable, with
/// `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`: `Absent` is left
/// out, `Null` is sent as `null` (clearing the value), `Value` is sent as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// Not sent; not received.
    #[default]
    Absent,
    /// Sent or received as `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property is absent (for `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the property is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one.
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, dereferenced, if there is one (`Nullable<String>` gives `Option<&str>`).
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.as_ref().map(|v| &**v)
    }

    /// The value, if there is one.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` becomes `Null`: an explicit "no value".
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        }
    }
}

impl<T> From<Nullable<T>> for Option<T> {
    fn from(value: Nullable<T>) -> Self {
        value.into_option()
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => v.serialize(serializer),
            // `Absent` is skipped by the field attribute; if it is serialised anyway, `null`.
            Nullable::Null | Nullable::Absent => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Present: `null` or a value. (Absent is the field default.)
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

/// The empty string, as the only value of a type (Stripe's `""` that unsets a field).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EmptyString;

impl Serialize for EmptyString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("")
    }
}

impl<'de> Deserialize<'de> for EmptyString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        if text.is_empty() {
            Ok(EmptyString)
        } else {
            Err(D::Error::custom(format!(
                "expected the empty string, found {text:?}"
            )))
        }
    }
}

/// A value, or the empty string that clears it: how Stripe unsets a nested object
/// (`address=""`). `From<T>` makes setting a value read as the API does: `Some(address.into())`.
#[derive(Debug, Clone, PartialEq)]
pub enum OrClear<T> {
    /// A value.
    Value(T),
    /// The empty string: clears the field.
    Clear,
}

impl<T> From<T> for OrClear<T> {
    fn from(value: T) -> Self {
        OrClear::Value(value)
    }
}

impl<T> OrClear<T> {
    /// The value, unless this clears the field.
    pub fn value(&self) -> Option<&T> {
        match self {
            OrClear::Value(v) => Some(v),
            OrClear::Clear => None,
        }
    }
}

impl<T: Serialize> Serialize for OrClear<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OrClear::Value(v) => v.serialize(serializer),
            OrClear::Clear => serializer.serialize_str(""),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for OrClear<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.as_str() == Some("") {
            return Ok(OrClear::Clear);
        }
        crate::de::union::variant(value)
            .map(OrClear::Value)
            .map_err(|failure| D::Error::custom(failure.to_string()))
    }
}

/// An expandable reference: the id of an object, or the object itself when the request
/// asked to expand it (Stripe's `expand[]`). The object is kept as JSON; decode it into
/// the generated type you expect with [`Expandable::object`].
#[derive(Debug, Clone, PartialEq)]
pub enum Expandable {
    /// The id.
    Id(String),
    /// The expanded object.
    Object(serde_json::Value),
}

impl Expandable {
    /// The id, from the reference or from the expanded object's `id`.
    pub fn id(&self) -> Option<&str> {
        match self {
            Expandable::Id(id) => Some(id),
            Expandable::Object(object) => object.get("id").and_then(serde_json::Value::as_str),
        }
    }

    /// The expanded object decoded as `T`; `None` when only the id was sent.
    pub fn object<T: serde::de::DeserializeOwned>(
        &self,
    ) -> Option<Result<T, crate::de::JsonError>> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(
                serde_json::to_vec(object)
                    .map_err(|e| crate::de::JsonError {
                        path: None,
                        message: e.to_string(),
                    })
                    .and_then(|text| crate::de::from_slice(&text)),
            ),
        }
    }
}

impl From<String> for Expandable {
    fn from(id: String) -> Self {
        Expandable::Id(id)
    }
}

impl From<&str> for Expandable {
    fn from(id: &str) -> Self {
        Expandable::Id(id.to_owned())
    }
}

impl Serialize for Expandable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => serializer.serialize_str(id),
            Expandable::Object(object) => object.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Expandable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(id) => Ok(Expandable::Id(id)),
            object @ serde_json::Value::Object(_) => Ok(Expandable::Object(object)),
            other => Err(D::Error::custom(format!(
                "expected an id or an object, found {other}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        name: Nullable<String>,
    }

    #[test]
    fn three_states_round_trip() {
        for (value, text) in [
            (Nullable::Absent, "{}"),
            (Nullable::Null, r#"{"name":null}"#),
            (Nullable::Value("x".to_owned()), r#"{"name":"x"}"#),
        ] {
            let patch = Patch { name: value };
            let encoded = serde_json::to_string(&patch).unwrap();
            assert_eq!(encoded, text);
            assert_eq!(serde_json::from_str::<Patch>(&encoded).unwrap(), patch);
        }
    }

    #[test]
    fn or_clear_sends_the_value_or_the_empty_string() {
        let set: OrClear<Patch> = Patch {
            name: Nullable::Value("x".into()),
        }
        .into();
        assert_eq!(serde_json::to_value(&set).unwrap(), json!({"name": "x"}));
        assert_eq!(
            serde_json::to_value(OrClear::<Patch>::Clear).unwrap(),
            json!("")
        );
        let back: OrClear<Patch> = serde_json::from_value(json!("")).unwrap();
        assert_eq!(back, OrClear::Clear);
        let back: OrClear<Patch> = serde_json::from_value(json!({"name": null})).unwrap();
        assert_eq!(
            back,
            OrClear::Value(Patch {
                name: Nullable::Null
            })
        );
        assert!(serde_json::from_value::<OrClear<Patch>>(json!("x")).is_err());
    }

    #[test]
    fn expandable_is_an_id_or_the_object() {
        let id: Expandable = serde_json::from_value(json!("cus_1")).unwrap();
        assert_eq!(id.id(), Some("cus_1"));
        assert!(id.object::<Patch>().is_none());
        let object: Expandable =
            serde_json::from_value(json!({"id": "cus_2", "name": "Ada"})).unwrap();
        assert_eq!(object.id(), Some("cus_2"));
        let patch: Patch = object.object().unwrap().unwrap();
        assert_eq!(patch.name, Nullable::Value("Ada".into()));
        assert_eq!(serde_json::to_value(&object).unwrap()["id"], "cus_2");
        assert!(serde_json::from_value::<Expandable>(json!(3)).is_err());
    }

    #[test]
    fn empty_string_only_accepts_empty() {
        assert_eq!(serde_json::to_value(EmptyString).unwrap(), json!(""));
        assert!(serde_json::from_value::<EmptyString>(json!("")).is_ok());
        assert!(serde_json::from_value::<EmptyString>(json!("x")).is_err());
    }
}
