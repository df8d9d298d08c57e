//! Wrapped XML lists: `<TagSet><Tag>…</Tag><Tag>…</Tag></TagSet>`.
//!
//! Serde maps a `Vec` field to repeated elements named after the field, which is
//! OpenAPI's *unwrapped* list. A wrapped list has an element of its own holding the items,
//! each named after the items. Generated structs read such fields with [`ListSeed`] and
//! write them with [`WrappedList`], which treat the wrapper as a one-field structure.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Writes `items` as a wrapper holding one `item` element per item.
pub fn serialize_list<S: Serializer, T: Serialize>(
    item: &'static str,
    items: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut wrapper = serializer.serialize_struct("List", 1)?;
    wrapper.serialize_field(item, items)?;
    wrapper.end()
}

/// Reads a wrapper holding `item` elements (other elements are ignored).
pub fn deserialize_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    item: &'static str,
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    deserializer.deserialize_map(ListVisitor {
        item,
        marker: PhantomData,
    })
}

/// Reads a wrapped list of `item` elements: what generated structs call for a wrapped
/// XML list field.
pub struct ListSeed<T> {
    item: &'static str,
    marker: PhantomData<fn() -> T>,
}

impl<T> ListSeed<T> {
    /// A reader of `<item>` elements.
    pub const fn new(item: &'static str) -> Self {
        ListSeed {
            item,
            marker: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for ListSeed<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserialize_list(self.item, deserializer)
    }
}

/// Writes `items` as a wrapper holding one `item` element per item: what generated
/// structs write for a wrapped XML list field.
pub struct WrappedList<'a, T>(pub &'static str, pub &'a [T]);

impl<T: Serialize> Serialize for WrappedList<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_list(self.0, self.1, serializer)
    }
}

struct ListVisitor<T> {
    item: &'static str,
    marker: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of <{}> elements", self.item)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == self.item {
                let mut items: Vec<T> = map.next_value()?;
                out.append(&mut items);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }

    // An empty wrapper (`<TagSet/>`) can arrive as nothing at all.
    fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Vec<T>, E> {
        if text.trim().is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::custom(format!(
                "expected <{}> elements, found text",
                self.item
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Tag {
        #[serde(rename = "Key")]
        key: String,
        #[serde(rename = "Value")]
        value: String,
    }

    mod tag_list {
        pub fn serialize<S: serde::Serializer>(
            items: &[super::Tag],
            s: S,
        ) -> Result<S::Ok, S::Error> {
            super::super::serialize_list("Tag", items, s)
        }
        pub fn deserialize<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> Result<Vec<super::Tag>, D::Error> {
            super::super::deserialize_list("Tag", d)
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Tagging {
        #[serde(rename = "TagSet", with = "tag_list")]
        tag_set: Vec<Tag>,
    }

    #[test]
    fn wrapped_lists_round_trip_through_xml() {
        let tagging = Tagging {
            tag_set: vec![
                Tag {
                    key: "env".into(),
                    value: "prod".into(),
                },
                Tag {
                    key: "team".into(),
                    value: "core".into(),
                },
            ],
        };
        let xml = quick_xml::se::to_string_with_root("Tagging", &tagging).unwrap();
        assert_eq!(
            xml,
            "<Tagging><TagSet><Tag><Key>env</Key><Value>prod</Value></Tag><Tag><Key>team</Key><Value>core</Value></Tag></TagSet></Tagging>"
        );
        let back: Tagging = quick_xml::de::from_str(&xml).unwrap();
        assert_eq!(back, tagging);
        let empty: Tagging = quick_xml::de::from_str("<Tagging><TagSet/></Tagging>").unwrap();
        assert!(empty.tag_set.is_empty());
        let one: Tagging = quick_xml::de::from_str(
            "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>",
        )
        .unwrap();
        assert_eq!(one.tag_set.len(), 1);
    }
}
