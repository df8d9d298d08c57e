//! Wrapped XML lists: `<TagSet><Tag>…</Tag><Tag>…</Tag></TagSet>`.
//!
//! Serde maps a `Vec` field to repeated elements named after the field, which is
//! OpenAPI's *unwrapped* list. A wrapped list has an element of its own holding the items,
//! each named after the items. Generated code routes such fields through these functions
//! (`#[serde(with = "…")]`), which write and read the wrapper as a one-field structure.

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

/// Like [`serialize_list`], for an optional list (`None` writes nothing).
pub fn serialize_optional_list<S: Serializer, T: Serialize>(
    item: &'static str,
    items: &Option<Vec<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match items {
        Some(items) => serialize_list(item, items, serializer),
        None => serializer.serialize_none(),
    }
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

/// Like [`deserialize_list`], for an optional list.
pub fn deserialize_optional_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    item: &'static str,
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    deserialize_list(item, deserializer).map(Some)
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
