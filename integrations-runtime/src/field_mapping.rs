//! Field correspondences added at run time, for what an organisation customises and no
//! generated table can know (the seed's `fieldMapping`): a Salesforce custom field
//! `Customer_Tier__c` filled from a user's `tier`, or read back into it, without
//! regenerating anything. Values travel through each side's JSON form, so any serde type
//! works on either side (a generated provider type, a `schema::Person`, a user's own
//! struct). A value the target cannot hold is an error naming both ends, never a value
//! dropped quietly.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Extra correspondences, each from a source path to a target field; a path steps into
/// nested objects with `.` (`address.postalCode`).
///
/// ```
/// # use integrations_runtime::FieldMapping;
/// let mapping = FieldMapping::new().map("tier", "Customer_Tier__c");
/// // Or from configuration: `{ "tier": "Customer_Tier__c" }`.
/// let configured: FieldMapping = serde_json::from_str(r#"{"tier": "Customer_Tier__c"}"#)?;
/// assert_eq!(mapping, configured);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FieldMapping {
    /// Source path → target path.
    fields: BTreeMap<String, String>,
}

/// A run-time correspondence that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot map `{from}` to `{to}` of `{target_type}`: {problem}")]
#[non_exhaustive]
pub struct FieldMappingError {
    /// The source path.
    pub from: String,
    /// The target path.
    pub to: String,
    /// The Rust type written into.
    pub target_type: &'static str,
    /// What is wrong.
    pub problem: String,
}

impl FieldMapping {
    /// No correspondences: [`apply`](Self::apply) returns its target as it is.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a correspondence: the value at `from` in the source is written to `to` in the
    /// target. A later one for the same source replaces the earlier.
    pub fn map(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.fields.insert(from.into(), to.into());
        self
    }

    /// Whether there are no correspondences.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// `target` with each correspondence's value copied from `source`, in turn (each
    /// goes through the target type, so the few correspondences an organisation adds
    /// cost a JSON round trip each). A source value
    /// that is absent or `null` leaves the target field as it was. It fails when a source
    /// or target does not serialize, when a step of a target path is not an object, and
    /// when the target type cannot hold the value at that field (a struct without the
    /// field and without a map of extra fields, or a value of another type).
    pub fn apply<S, T>(&self, source: &S, target: T) -> Result<T, FieldMappingError>
    where
        S: Serialize + ?Sized,
        T: Serialize + DeserializeOwned,
    {
        if self.fields.is_empty() {
            return Ok(target);
        }
        let target_type = std::any::type_name::<T>();
        let fail = |from: &str, to: &str, problem: String| FieldMappingError {
            from: from.to_owned(),
            to: to.to_owned(),
            target_type,
            problem,
        };
        let first = self.fields.iter().next();
        let (any_from, any_to) = first.map_or(("", ""), |(f, t)| (f.as_str(), t.as_str()));
        let unserializable = |what: &str, e: serde_json::Error| {
            fail(
                any_from,
                any_to,
                format!("the {what} does not serialize: {e}"),
            )
        };
        let source = serde_json::to_value(source).map_err(|e| unserializable("source", e))?;
        let mut json = serde_json::to_value(&target).map_err(|e| unserializable("target", e))?;
        let mut result = None;
        // One correspondence at a time, so that a value that does not fit, or that the
        // type does not keep (a struct ignoring fields it does not know would lose it),
        // is an error naming that correspondence.
        for (from, to) in &self.fields {
            let Some(value) = lookup(&source, from).filter(|v| !v.is_null()) else {
                continue;
            };
            place(&mut json, to, value.clone()).map_err(|problem| fail(from, to, problem))?;
            let typed: T = serde_json::from_value(json)
                .map_err(|e| fail(from, to, format!("the value does not fit: {e}")))?;
            json = serde_json::to_value(&typed).map_err(|e| unserializable("target", e))?;
            if lookup(&json, to) != Some(value) {
                return Err(fail(
                    from,
                    to,
                    "the type has no such field, nor a map of extra fields to keep it in"
                        .to_owned(),
                ));
            }
            result = Some(typed);
        }
        Ok(result.unwrap_or(target))
    }
}

/// The value at a dotted path.
fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(value, |value, step| value.as_object()?.get(step))
}

/// Writes `value` at a dotted path, making the objects on the way.
fn place(json: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let mut steps = path.split('.').peekable();
    let mut here = json;
    while let Some(step) = steps.next() {
        if here.is_null() {
            *here = Value::Object(Map::new());
        }
        let Some(object) = here.as_object_mut() else {
            return Err(format!("the target at `{step}`'s parent is not an object"));
        };
        if steps.peek().is_none() {
            object.insert(step.to_owned(), value);
            return Ok(());
        }
        here = object.entry(step.to_owned()).or_insert(Value::Null);
    }
    Err("an empty target path".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Contact {
        #[serde(rename = "LastName", skip_serializing_if = "Option::is_none")]
        last_name: Option<String>,
        #[serde(flatten)]
        custom: BTreeMap<String, Value>,
    }

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Closed {
        #[serde(rename = "LastName")]
        last_name: Option<String>,
    }

    #[derive(Serialize)]
    struct User {
        surname: &'static str,
        tier: &'static str,
        address: Address,
        nickname: Option<&'static str>,
    }

    #[derive(Serialize)]
    struct Address {
        zip: &'static str,
    }

    fn user() -> User {
        User {
            surname: "Lovelace",
            tier: "Gold",
            address: Address { zip: "SW1Y 4JH" },
            nickname: None,
        }
    }

    #[test]
    fn values_land_in_named_fields_and_in_the_map_of_extra_fields() {
        let mapping = FieldMapping::new()
            .map("tier", "Customer_Tier__c")
            .map("address.zip", "Postal__c")
            .map("nickname", "Nickname__c")
            .map("surname", "LastName");
        let contact = mapping.apply(&user(), Contact::default()).unwrap();
        assert_eq!(contact.last_name.as_deref(), Some("Lovelace"));
        assert_eq!(
            serde_json::to_value(&contact).unwrap(),
            json!({"LastName": "Lovelace", "Customer_Tier__c": "Gold", "Postal__c": "SW1Y 4JH"}),
            "an absent source value leaves the target as it was"
        );
        // And back, into nested objects made on the way.
        let back: Value = FieldMapping::new()
            .map("Customer_Tier__c", "profile.tier")
            .apply(&contact, json!({}))
            .unwrap();
        assert_eq!(back, json!({"profile": {"tier": "Gold"}}));
    }

    #[test]
    fn a_field_the_target_cannot_hold_is_an_error_naming_both_ends() {
        let error = FieldMapping::new()
            .map("tier", "Customer_Tier__c")
            .apply(&user(), Closed::default())
            .unwrap_err();
        assert_eq!(
            (error.from.as_str(), error.to.as_str()),
            ("tier", "Customer_Tier__c")
        );
        assert!(error.to_string().contains("no such field"), "{error}");

        let error = FieldMapping::new()
            .map("address", "LastName")
            .apply(&user(), Contact::default())
            .unwrap_err();
        assert!(error.to_string().contains("does not fit"), "{error}");

        let error = FieldMapping::new()
            .map("tier", "LastName.inner")
            .apply(
                &user(),
                Contact {
                    last_name: Some("x".into()),
                    ..Contact::default()
                },
            )
            .unwrap_err();
        assert!(error.to_string().contains("not an object"), "{error}");
    }

    #[test]
    fn no_correspondences_leave_the_target_untouched() {
        let contact = Contact {
            last_name: Some("Lovelace".into()),
            ..Contact::default()
        };
        assert_eq!(
            FieldMapping::new().apply(&user(), contact),
            Ok(Contact {
                last_name: Some("Lovelace".into()),
                ..Contact::default()
            })
        );
    }
}
