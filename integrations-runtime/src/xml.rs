//! XML helpers: wrapped lists (`<TagSet><Tag>…</Tag><Tag>…</Tag></TagSet>`), and a whole
//! document read as a JSON value for paging ([`to_value`]).
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

/// An XML document as a JSON value, for reading a few fields by JSON Pointer (a page's
/// cursor and flag; S3's `NextContinuationToken` and `IsTruncated`): the root element's
/// children become an object's members, repeated elements an array, text a string (so
/// `true` is `"true"`); attributes and the root's name are left out.
pub(crate) fn to_value(xml: &[u8]) -> Result<serde_json::Value, String> {
    use quick_xml::events::Event;
    use serde_json::{Map, Value};

    /// An element being read: its name, its children so far, and its text.
    struct Open {
        name: String,
        children: Map<String, Value>,
        text: String,
    }

    fn close(open: Open) -> Value {
        if open.children.is_empty() {
            Value::String(open.text.trim().to_owned())
        } else {
            Value::Object(open.children)
        }
    }

    fn add(parent: &mut Map<String, Value>, name: String, value: Value) {
        match parent.get_mut(&name) {
            None => {
                parent.insert(name, value);
            }
            Some(Value::Array(items)) => items.push(value),
            Some(first) => {
                let first = first.take();
                parent.insert(name, Value::Array(vec![first, value]));
            }
        }
    }

    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut stack: Vec<Open> = Vec::new();
    let mut root = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(start) => stack.push(Open {
                name: start.local_name().as_ref().to_owned(),
                children: Map::new(),
                text: String::new(),
            }),
            Event::Empty(empty) => {
                let name = empty.local_name().as_ref().to_owned();
                match stack.last_mut() {
                    Some(parent) => add(&mut parent.children, name, Value::String(String::new())),
                    None => root = Some(Value::Object(Map::new())),
                }
            }
            Event::Text(text) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(open) = stack.last_mut() {
                    let name = reference.as_ref().to_owned();
                    let resolved = match name.as_str() {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        _ => match reference.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => return Err(format!("unknown entity `&{name};`")),
                        },
                    };
                    open.text.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let open = stack.pop().ok_or("an end tag without a start")?;
                let name = open.name.clone();
                let value = close(open);
                match stack.last_mut() {
                    Some(parent) => add(&mut parent.children, name, value),
                    None => root = Some(value),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!(
            "`<{}>` is never closed",
            stack[stack.len() - 1].name
        ));
    }
    root.ok_or_else(|| "no root element".to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn an_xml_page_reads_as_a_json_value() {
        let page = br#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>photos</Name><KeyCount>2</KeyCount><IsTruncated>true</IsTruncated>
  <Contents><Key>a&amp;b.jpg</Key><Size>10</Size></Contents>
  <Contents><Key>&#x3c;c&gt;.jpg</Key><Size>20</Size></Contents>
  <Prefix/>
  <NextContinuationToken><![CDATA[1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=]]></NextContinuationToken>
</ListBucketResult>"#;
        let value = super::to_value(page).unwrap();
        assert_eq!(
            value,
            json!({
                "Name": "photos", "KeyCount": "2", "IsTruncated": "true",
                "Contents": [{"Key": "a&b.jpg", "Size": "10"}, {"Key": "<c>.jpg", "Size": "20"}],
                "Prefix": "",
                "NextContinuationToken": "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="
            })
        );
        for broken in [&b"<a><b></a>"[..], b"<a>", b"", b"<a>&nope;</a>"] {
            assert!(
                super::to_value(broken).is_err(),
                "{}",
                String::from_utf8_lossy(broken)
            );
        }
    }

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
