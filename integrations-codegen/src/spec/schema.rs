//! Reading one schema object, the same way for OpenAPI 3.0 and 3.1.
//!
//! [`Schema::read`] turns a schema node into a [`Schema`] view whose fields mean the same
//! whichever version wrote them: a 3.1 `type: [string, "null"]` and a 3.0
//! `type: string, nullable: true` both read as a nullable string; `const: x` reads as a
//! one-value `enum`; an `enum` holding `null` reads as nullable; 3.1 numeric
//! `exclusiveMinimum`/`exclusiveMaximum` and `examples` are accepted and ignored; a `$ref`
//! keeps its siblings (3.1 allows them, and 3.0 specs use them anyway). Booleans are
//! lenient: `required: "true"` or a YAML 1.1 `yes` count as true.

use serde_json::{Map, Value};

use crate::spec::pointer;

/// The JSON Schema primitive types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaType {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `object`
    Object,
    /// `array`
    Array,
}

/// What `additionalProperties` says.
#[derive(Debug, Clone, Copy)]
pub enum Additional<'a> {
    /// Not written.
    Unspecified,
    /// `true` or `{}`: any value.
    Any,
    /// `false`: no other properties.
    Forbidden,
    /// A schema for the other properties' values.
    Schema(&'a Value),
}

/// XML naming of a schema or property (OpenAPI `xml` object).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Xml {
    /// Element or attribute name, if it differs from the property name.
    pub name: Option<String>,
    /// Whether the property is an attribute.
    pub attribute: bool,
    /// Whether an array is wrapped in an element of its own.
    pub wrapped: bool,
}

/// A discriminator: the property naming the variant, and explicit value-to-schema pairs.
#[derive(Debug, Clone)]
pub struct Discriminator<'a> {
    /// The property that names the variant.
    pub property: &'a str,
    /// `mapping`: tag value to `$ref`.
    pub mapping: Vec<(&'a str, &'a str)>,
}

/// A version-independent view of one schema node.
#[derive(Debug, Clone)]
pub struct Schema<'a> {
    /// The node itself.
    pub node: &'a Map<String, Value>,
    /// `$ref`, if present.
    pub reference: Option<&'a str>,
    /// OpenAPI 3.1 `$dynamicRef` (or 2019-09 `$recursiveRef`), if present.
    pub dynamic_reference: Option<&'a str>,
    /// Declared types other than `null`; empty when `type` is absent.
    pub types: Vec<SchemaType>,
    /// Unknown names found in `type`.
    pub unknown_types: Vec<String>,
    /// `nullable`, `null` among the types, or `null` among the enum values.
    pub nullable: bool,
    /// Whether the schema is only `type: null`.
    pub only_null: bool,
    /// `format`.
    pub format: Option<&'a str>,
    /// `title`.
    pub title: Option<&'a str>,
    /// `description`.
    pub description: Option<&'a str>,
    /// `enum` (or `const`) values other than `null`.
    pub enum_values: Option<Vec<&'a Value>>,
    /// `properties`, in document order.
    pub properties: Vec<(&'a str, &'a Value)>,
    /// `required` property names.
    pub required: Vec<&'a str>,
    /// `additionalProperties`.
    pub additional: Additional<'a>,
    /// `items` (3.1 `prefixItems` reads as its first schema).
    pub items: Option<&'a Value>,
    /// `items` written as a list of schemas (not valid OpenAPI; some generators write
    /// it to mean "any of these").
    pub items_list: Vec<&'a Value>,
    /// `readOnly`: sent by the API only.
    pub read_only: bool,
    /// `writeOnly`: sent to the API only.
    pub write_only: bool,
    /// `allOf` members.
    pub all_of: Vec<&'a Value>,
    /// `oneOf` members.
    pub one_of: Vec<&'a Value>,
    /// `anyOf` members.
    pub any_of: Vec<&'a Value>,
    /// `discriminator`.
    pub discriminator: Option<Discriminator<'a>>,
    /// `default`.
    pub default: Option<&'a Value>,
    /// `xml`.
    pub xml: Option<Xml>,
}

/// Why a node could not be read as a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotASchema {
    /// `true`: anything is valid.
    AnyValue,
    /// `false`: nothing is valid.
    NoValue,
    /// A number, string, array or null where a schema belongs.
    Invalid(&'static str),
}

/// Reads a boolean keyword leniently.
pub fn truthy(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => {
            matches!(s.as_str(), "true" | "True" | "TRUE" | "yes" | "Yes" | "on")
        }
        _ => false,
    }
}

fn string_list(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    }
}

fn schema_list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        _ => Vec::new(),
    }
}

impl<'a> Schema<'a> {
    /// Reads `value` as a schema.
    pub fn read(value: &'a Value) -> Result<Schema<'a>, NotASchema> {
        let node = match value {
            Value::Object(node) => node,
            Value::Bool(true) => return Err(NotASchema::AnyValue),
            Value::Bool(false) => return Err(NotASchema::NoValue),
            other => return Err(NotASchema::Invalid(crate::spec::kind_of(other))),
        };
        let mut types = Vec::new();
        let mut unknown_types = Vec::new();
        let mut nullable = truthy(node.get("nullable")) || truthy(node.get("x-nullable"));
        let mut saw_null_type = false;
        for name in string_list(node.get("type")) {
            match name {
                "string" => types.push(SchemaType::String),
                "integer" => types.push(SchemaType::Integer),
                "number" => types.push(SchemaType::Number),
                "boolean" => types.push(SchemaType::Boolean),
                "object" => types.push(SchemaType::Object),
                "array" => types.push(SchemaType::Array),
                "null" => {
                    nullable = true;
                    saw_null_type = true;
                }
                other => unknown_types.push(other.to_owned()),
            }
        }
        let mut enum_values = match (node.get("enum"), node.get("const")) {
            (Some(Value::Array(values)), _) => Some(values.iter().collect::<Vec<_>>()),
            (_, Some(constant)) => Some(vec![constant]),
            _ => None,
        };
        if let Some(values) = &mut enum_values
            && values.iter().any(|v| v.is_null())
        {
            nullable = true;
            values.retain(|v| !v.is_null());
        }
        let additional = match node.get("additionalProperties") {
            None => Additional::Unspecified,
            Some(Value::Bool(true)) => Additional::Any,
            Some(Value::Bool(false)) => Additional::Forbidden,
            Some(Value::Object(m)) if m.is_empty() => Additional::Any,
            Some(schema @ Value::Object(_)) => Additional::Schema(schema),
            Some(_) => Additional::Any,
        };
        let items_list = match node.get("items") {
            Some(Value::Array(list)) => list.iter().collect(),
            _ => Vec::new(),
        };
        let items = match node.get("items") {
            Some(Value::Array(_)) => None,
            Some(Value::Bool(_)) | None => node
                .get("prefixItems")
                .and_then(Value::as_array)
                .and_then(|p| p.first()),
            Some(other) => Some(other),
        };
        let properties = match node.get("properties") {
            Some(Value::Object(props)) => props.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            _ => Vec::new(),
        };
        let discriminator = match node.get("discriminator") {
            Some(Value::Object(d)) => {
                d.get("propertyName")
                    .and_then(Value::as_str)
                    .map(|property| {
                        let mapping = d
                            .get("mapping")
                            .and_then(Value::as_object)
                            .map(|m| {
                                m.iter()
                                    .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
                                    .collect()
                            })
                            .unwrap_or_default();
                        Discriminator { property, mapping }
                    })
            }
            Some(Value::String(property)) => Some(Discriminator {
                property,
                mapping: Vec::new(),
            }),
            _ => None,
        };
        let xml = node.get("xml").and_then(Value::as_object).map(|x| Xml {
            name: x.get("name").and_then(Value::as_str).map(str::to_owned),
            attribute: truthy(x.get("attribute")),
            wrapped: truthy(x.get("wrapped")),
        });
        let only_null = saw_null_type && types.is_empty() && unknown_types.is_empty();
        Ok(Schema {
            node,
            reference: node.get("$ref").and_then(Value::as_str),
            dynamic_reference: node
                .get("$dynamicRef")
                .or_else(|| node.get("$recursiveRef"))
                .and_then(Value::as_str),
            types,
            unknown_types,
            nullable,
            only_null,
            format: node.get("format").and_then(Value::as_str),
            title: node.get("title").and_then(Value::as_str),
            description: node.get("description").and_then(Value::as_str),
            enum_values,
            properties,
            required: string_list(node.get("required")),
            additional,
            items,
            items_list,
            read_only: truthy(node.get("readOnly")),
            write_only: truthy(node.get("writeOnly")),
            all_of: schema_list(node.get("allOf")),
            one_of: schema_list(node.get("oneOf")),
            any_of: schema_list(node.get("anyOf")),
            discriminator,
            default: node.get("default"),
            xml,
        })
    }

    /// Whether the schema says anything about the shape of a value, beyond a `$ref`
    /// and annotations (`description`, `title`, `nullable`, examples, …).
    pub fn has_shape(&self) -> bool {
        !self.types.is_empty()
            || !self.unknown_types.is_empty()
            || self.enum_values.is_some()
            || !self.properties.is_empty()
            || !matches!(self.additional, Additional::Unspecified)
            || self.items.is_some()
            || !self.items_list.is_empty()
            || !self.all_of.is_empty()
            || !self.one_of.is_empty()
            || !self.any_of.is_empty()
            || self.only_null
    }

    /// Whether the schema describes an object (by type or by object keywords).
    pub fn is_object_like(&self) -> bool {
        self.types.contains(&SchemaType::Object)
            || (self.types.is_empty()
                && (!self.properties.is_empty()
                    || !matches!(self.additional, Additional::Unspecified)))
    }

    /// The members of a `oneOf` or `anyOf` (both are read as "one of these").
    pub fn alternatives(&self) -> Vec<&'a Value> {
        if self.one_of.is_empty() {
            self.any_of.clone()
        } else {
            self.one_of.clone()
        }
    }

    /// Whether `name` is listed in `required`.
    pub fn is_required(&self, name: &str) -> bool {
        self.required.contains(&name)
    }
}

/// The pointer of property `name` of the schema at `at`.
pub fn property_pointer(at: &str, name: &str) -> String {
    pointer::push(&format!("{at}/properties"), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_read_alike() {
        let v30 = json!({"type": "string", "nullable": true});
        let v31 = json!({"type": ["string", "null"]});
        for v in [&v30, &v31] {
            let s = Schema::read(v).unwrap();
            assert_eq!(s.types, [SchemaType::String]);
            assert!(s.nullable);
        }
        let constant = json!({"const": "customer"});
        let s = Schema::read(&constant).unwrap();
        assert_eq!(s.enum_values.unwrap(), [&json!("customer")]);
        let with_null = json!({"enum": ["a", null]});
        let s = Schema::read(&with_null).unwrap();
        assert!(s.nullable);
        assert_eq!(s.enum_values.unwrap().len(), 1);
    }

    #[test]
    fn non_objects_are_not_schemas() {
        assert_eq!(
            Schema::read(&json!(true)).unwrap_err(),
            NotASchema::AnyValue
        );
        assert_eq!(
            Schema::read(&json!(42)).unwrap_err(),
            NotASchema::Invalid("a number")
        );
    }

    #[test]
    fn only_null_and_shape() {
        let s = json!({"type": "null"});
        let s = Schema::read(&s).unwrap();
        assert!(s.only_null && s.has_shape());
        let r = json!({"$ref": "#/x", "description": "d", "nullable": true});
        let r = Schema::read(&r).unwrap();
        assert!(!r.has_shape() && r.nullable && r.reference.is_some());
    }
}
