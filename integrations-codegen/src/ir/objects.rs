//! Objects to structs: properties, required and default values, XML naming, and the
//! properties `allOf` members add up to.

use serde_json::Value;

use crate::ir::builder::{Builder, Converted};
use crate::ir::names::{self, NameSet};
use crate::ir::schemas::description_of;
use crate::ir::{Access, DefaultValue, Field, Primitive, StructDef, TypeId, TypeKind, TypeRef};
use crate::spec::schema::{Additional, Schema, property_pointer};

/// A property gathered while merging `allOf` members.
#[derive(Clone)]
pub(super) struct MergedProperty<'s> {
    pub(super) name: &'s str,
    pub(super) value: &'s Value,
    pub(super) pointer: String,
}

/// How one property is written in XML.
#[derive(Default)]
pub(super) struct PropertyXml {
    /// The element name, when it is not the property name.
    element: Option<String>,
    attribute: bool,
    /// The item element name of a wrapped list.
    list_item: Option<String>,
}

/// What `allOf` members add up to.
#[derive(Default, Clone)]
pub(super) struct Merge<'s> {
    pub(super) properties: Vec<MergedProperty<'s>>,
    pub(super) required: Vec<&'s str>,
    /// What other properties may be: a schema (at its pointer), or anything.
    pub(super) additional: Option<OtherProperties<'s>>,
    /// Some member forbids other properties.
    pub(super) closed: bool,
    pub(super) object: bool,
    /// Members that are not objects (enums, primitives).
    pub(super) others: Vec<(&'s Value, String)>,
    /// Members with `oneOf`/`anyOf`.
    pub(super) unions: Vec<(&'s Value, String)>,
    pub(super) xml_name: Option<String>,
}

/// What a schema says of properties it does not list.
#[derive(Clone)]
pub(super) enum OtherProperties<'s> {
    /// `additionalProperties: {schema}`, at its pointer.
    Schema(&'s Value, String),
    /// `additionalProperties: true` or `{}`.
    Any,
}

impl<'s> Builder<'s> {
    pub(super) fn object(
        &mut self,
        schema: &Schema<'s>,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        if schema.properties.is_empty() {
            return match schema.additional {
                Additional::Schema(values) => {
                    let value = self.schema_type(
                        values,
                        &format!("{at}/additionalProperties"),
                        &format!("{name}Value"),
                    );
                    Converted::new(TypeRef::Map(Box::new(value.nullable_in_container())))
                }
                _ => Converted::json(),
            };
        }
        let mut merge = Merge::default();
        absorb_object(&mut merge, schema, at);
        self.define_struct(merge, at, name, slot, description_of(schema))
    }

    /// Defines a struct from merged properties.
    pub(super) fn define_struct(
        &mut self,
        merge: Merge<'s>,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
        doc: Option<String>,
    ) -> Converted {
        let id = match slot {
            Some(id) => id,
            None => self.reserve(name, at, doc),
        };
        let struct_name = self.type_name(id).to_owned();
        let mut field_names = NameSet::new();
        let mut fields = Vec::with_capacity(merge.properties.len());
        for property in &merge.properties {
            let type_name = format!(
                "{struct_name}{}",
                names::upper_camel(property.name, "Field")
            );
            let converted = self.schema_type(property.value, &property.pointer, &type_name);
            let view = Schema::read(property.value).ok();
            let resolved = self
                .resolve_view(property.value, &property.pointer)
                .map(|(view, _)| view);
            // A read-only property is never sent and a write-only one never received: in
            // the direction that does not carry it, it cannot be required.
            let flag = |get: fn(&Schema<'s>) -> bool| {
                view.as_ref().is_some_and(get) || resolved.as_ref().is_some_and(get)
            };
            let access = match (flag(|v| v.read_only), flag(|v| v.write_only)) {
                (true, false) => Access::ReadOnly,
                (false, true) => Access::WriteOnly,
                _ => Access::ReadWrite,
            };
            let required = merge.required.contains(&property.name) && access == Access::ReadWrite;
            let default = match (&view, required || converted.nullable) {
                (Some(view), false) => default_value(view.default, &converted.ty),
                _ => None,
            };
            let constant = if required
                && !converted.nullable
                && converted.ty == TypeRef::Primitive(Primitive::String)
            {
                self.resolve_view(property.value, &property.pointer)
                    .and_then(|(view, _)| match view.enum_values.as_deref() {
                        Some([Value::String(only)]) => Some(only.clone()),
                        _ => None,
                    })
            } else {
                None
            };
            let single_value =
                resolved
                    .as_ref()
                    .and_then(|view| match view.enum_values.as_deref() {
                        Some([Value::String(only)]) => Some(only.clone()),
                        Some([only @ (Value::Bool(_) | Value::Number(_))]) => {
                            Some(only.to_string())
                        }
                        _ => None,
                    });
            let mut xml = if self.xml_api {
                self.property_xml(property)
            } else {
                PropertyXml::default()
            };
            // Two properties cannot share an element name (S3's converted spec names both
            // `Event` and the items of `Events` so): the later keeps its property name.
            if let Some(element) = &xml.element {
                let taken = merge
                    .properties
                    .iter()
                    .any(|p| p.name == element.as_str() && p.name != property.name)
                    || fields.iter().any(|f: &Field| f.wire_name == *element);
                if taken {
                    self.note(
                        &property.pointer,
                        format!(
                            "XML element name `{element}` is taken; `{}` is used",
                            property.name
                        ),
                    );
                    xml.element = None;
                }
            }
            fields.push(Field {
                name: field_names.claim(&names::snake(property.name, "field")),
                wire_name: xml.element.unwrap_or_else(|| property.name.to_owned()),
                doc: view.as_ref().and_then(description_of),
                ty: converted.ty,
                required,
                nullable: converted.nullable,
                default,
                constant,
                single_value,
                access,
                xml_attribute: xml.attribute,
                xml_list: xml.list_item.map(|item| crate::ir::XmlList { item }),
                // The property's own words, or those of the schema it refers to.
                facts: view
                    .as_ref()
                    .filter(|own| own.reference.is_none())
                    .or(resolved.as_ref())
                    .map(|view| value_facts(view.node))
                    .unwrap_or_default(),
            });
        }
        // What the struct keeps besides its fields: what the spec allows, or (where it says
        // nothing, which allows anything) the undeclared properties, unless told to drop them.
        let (additional, additional_declared) = match merge.additional {
            Some(OtherProperties::Schema(values, pointer)) => {
                let value = self.schema_type(values, &pointer, &format!("{struct_name}Value"));
                (Some(value.nullable_in_container()), true)
            }
            Some(OtherProperties::Any) => (Some(TypeRef::Primitive(Primitive::Json)), true),
            None if !merge.closed && self.keep_undeclared => {
                (Some(TypeRef::Primitive(Primitive::Json)), false)
            }
            None => (None, false),
        };
        self.fill(
            id,
            TypeKind::Struct(StructDef {
                fields,
                additional,
                additional_declared,
                closed: merge.closed,
                xml_name: merge.xml_name,
                multipart: false,
            }),
        );
        Converted::new(TypeRef::Named(id))
    }

    /// How a property is written in XML: its `xml` object (or that of the schema its
    /// `$ref` or lone `allOf` member leads to), and for arrays, its items' names.
    pub(super) fn property_xml(&mut self, property: &MergedProperty<'s>) -> PropertyXml {
        let own = self.xml_of(property.value, &property.pointer);
        let mut out = PropertyXml {
            attribute: own.as_ref().is_some_and(|x| x.attribute),
            ..PropertyXml::default()
        };
        let name = own.as_ref().and_then(|x| x.name.clone());
        let wrapped = own.as_ref().is_some_and(|x| x.wrapped);
        let items = self.array_items(property.value, &property.pointer);
        match items {
            Some((items, items_at)) => {
                let item_name = self.xml_of(items, &items_at).and_then(|x| x.name);
                // An unwrapped list whose own name differs from its items' names a wrapper
                // (AWS's converted specs leave `wrapped` out: `Grants` is written
                // `<AccessControlList><Grant/></AccessControlList>`).
                let names_a_wrapper = !wrapped
                    && matches!((&name, &item_name), (Some(own), Some(item)) if own != item);
                if names_a_wrapper {
                    self.note(
                        &property.pointer,
                        format!(
                            "an unwrapped XML list named `{}` with items named `{}` is read as \
                             a wrapper of items",
                            name.as_deref().unwrap_or_default(),
                            item_name.as_deref().unwrap_or_default()
                        ),
                    );
                }
                if wrapped || names_a_wrapper {
                    out.element = name;
                    out.list_item = Some(item_name.unwrap_or_else(|| property.name.to_owned()));
                } else {
                    // Unwrapped: each item is an element named after the items.
                    out.element = item_name.or(name);
                }
            }
            None => out.element = name,
        }
        out
    }

    /// The items schema of an array property, looking through `$ref`s and an `allOf` that
    /// wraps one (AWS's converted specs add the XML name that way).
    fn array_items(&mut self, value: &'s Value, at: &str) -> Option<(&'s Value, String)> {
        let (view, view_at) = self.resolve_view(value, at)?;
        if let Some(items) = view.items {
            return Some((items, format!("{view_at}/items")));
        }
        view.all_of.iter().enumerate().find_map(|(i, member)| {
            let (member, member_at) = self.resolve_view(member, &format!("{view_at}/allOf/{i}"))?;
            member
                .items
                .map(|items| (items, format!("{member_at}/items")))
        })
    }

    /// The `xml` object of a schema, looking through `$ref` and `allOf` members.
    pub(super) fn xml_of(
        &mut self,
        value: &'s Value,
        at: &str,
    ) -> Option<crate::spec::schema::Xml> {
        let schema = Schema::read(value).ok()?;
        if let Some(xml) = schema.xml.clone() {
            return Some(xml);
        }
        for member in &schema.all_of {
            if let Some(xml) = Schema::read(member).ok().and_then(|m| m.xml) {
                return Some(xml);
            }
        }
        let (resolved, _) = self.resolve_view(value, at)?;
        resolved.xml.clone()
    }
}

/// Adds the object keywords of `schema` (at `at`) to `merge`.
pub(super) fn absorb_object<'s>(merge: &mut Merge<'s>, schema: &Schema<'s>, at: &str) {
    merge.object |= schema.is_object_like();
    for (name, value) in &schema.properties {
        let property = MergedProperty {
            name,
            value,
            pointer: property_pointer(at, name),
        };
        match merge.properties.iter_mut().find(|p| p.name == *name) {
            // A later member refines a property: its schema wins, its place stays.
            Some(existing) => *existing = property,
            None => merge.properties.push(property),
        }
    }
    for name in &schema.required {
        if !merge.required.contains(name) {
            merge.required.push(name);
        }
    }
    match schema.additional {
        Additional::Schema(values)
            if !schema.properties.is_empty() || merge.additional.is_none() =>
        {
            merge.additional = Some(OtherProperties::Schema(
                values,
                format!("{at}/additionalProperties"),
            ));
        }
        Additional::Any if merge.additional.is_none() => {
            merge.additional = Some(OtherProperties::Any);
        }
        _ => {}
    }
    merge.closed |= matches!(schema.additional, Additional::Forbidden);
    if merge.xml_name.is_none() {
        merge.xml_name = schema.xml.as_ref().and_then(|x| x.name.clone());
    }
}

/// A default a field can take in Rust: booleans and integers.
pub(super) fn default_value(default: Option<&Value>, ty: &TypeRef) -> Option<DefaultValue> {
    match (default?, ty) {
        (Value::Bool(b), TypeRef::Primitive(Primitive::Bool)) => Some(DefaultValue::Bool(*b)),
        (Value::Number(n), TypeRef::Primitive(Primitive::I64)) => n.as_i64().map(DefaultValue::Int),
        (Value::Number(n), TypeRef::Primitive(Primitive::I32)) => n
            .as_i64()
            .filter(|v| i32::try_from(*v).is_ok())
            .map(DefaultValue::Int),
        _ => None,
    }
}

/// What a schema says of its values besides their type, as short phrases for rustdoc:
/// the format, length and range limits, the pattern, the item count and step.
pub(crate) fn value_facts(node: &serde_json::Map<String, Value>) -> Vec<String> {
    let number = |key: &str| {
        node.get(key)
            .filter(|v| v.is_number())
            .map(Value::to_string)
    };
    let mut facts = Vec::new();
    if let Some(format) = node.get("format").and_then(Value::as_str) {
        let said = match format {
            "date-time" => Some("an RFC 3339 date-time".to_owned()),
            "date" => Some("an ISO 8601 date (`YYYY-MM-DD`)".to_owned()),
            "time" => Some("an RFC 3339 time".to_owned()),
            "email" => Some("an email address".to_owned()),
            "uri" | "url" => Some("a URL".to_owned()),
            "uuid" => Some("a UUID".to_owned()),
            "byte" => Some("base64-encoded bytes".to_owned()),
            "ipv4" => Some("an IPv4 address".to_owned()),
            "ipv6" => Some("an IPv6 address".to_owned()),
            "hostname" => Some("a host name".to_owned()),
            // A number the API writes as a string (Drive's `size`).
            "int32" | "int64" if node.get("type").and_then(Value::as_str) == Some("string") => {
                Some("a whole number written as a string".to_owned())
            }
            // Said by the Rust type already.
            "int32" | "int64" | "float" | "double" | "binary" => None,
            // Stripe's `unix-time`, Twilio's `phone-number`, Drive's int64-as-string…
            other => Some(format!("format `{}`", other.replace('`', "'"))),
        };
        facts.extend(said);
    }
    match (number("minLength"), number("maxLength")) {
        (Some(min), Some(max)) if min == max => facts.push(format!("exactly {max} characters")),
        (Some(min), Some(max)) => facts.push(format!("{min} to {max} characters")),
        (Some(min), None) if min != "0" => facts.push(format!("at least {min} characters")),
        (None, Some(max)) => facts.push(format!("at most {max} characters")),
        _ => {}
    }
    // OpenAPI 3.0 says exclusiveness with booleans, 3.1 with the bound itself.
    let exclusive = |flag: &str, bound: Option<String>| match node.get(flag) {
        Some(Value::Bool(true)) => bound.map(|b| (b, true)),
        Some(value) if value.is_number() => Some((value.to_string(), true)),
        _ => bound.map(|b| (b, false)),
    };
    let low = exclusive("exclusiveMinimum", number("minimum"));
    let high = exclusive("exclusiveMaximum", number("maximum"));
    match (low, high) {
        (Some((low, false)), Some((high, false))) => facts.push(format!("from {low} to {high}")),
        (low, high) => {
            if let Some((low, open)) = low {
                facts.push(format!(
                    "{} {low}",
                    if open { "more than" } else { "at least" }
                ));
            }
            if let Some((high, open)) = high {
                facts.push(format!(
                    "{} {high}",
                    if open { "less than" } else { "at most" }
                ));
            }
        }
    }
    if let Some(step) = number("multipleOf") {
        facts.push(format!("a multiple of {step}"));
    }
    match (number("minItems"), number("maxItems")) {
        (Some(min), Some(max)) => facts.push(format!("{min} to {max} items")),
        (Some(min), None) if min != "0" => facts.push(format!("at least {min} items")),
        (None, Some(max)) => facts.push(format!("at most {max} items")),
        _ => {}
    }
    if node.get("uniqueItems") == Some(&Value::Bool(true)) {
        facts.push("no item twice".to_owned());
    }
    if let Some(pattern) = node.get("pattern").and_then(Value::as_str) {
        // Shown only when it reads on one line; a long pattern is noise in a doc.
        if pattern.len() <= 80 && !pattern.contains('`') && !pattern.contains(['\n', '\r']) {
            facts.push(format!("matching `{pattern}`"));
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    fn facts(schema: Value) -> Vec<String> {
        super::value_facts(schema.as_object().expect("an object"))
    }

    #[test]
    fn a_schemas_constraints_read_as_words() {
        assert_eq!(
            facts(json!({"type": "string", "format": "date-time"})),
            ["an RFC 3339 date-time"]
        );
        assert_eq!(
            facts(json!({"type": "string", "maxLength": 18, "pattern": "^[a-zA-Z0-9]+$"})),
            ["at most 18 characters", "matching `^[a-zA-Z0-9]+$`"]
        );
        assert_eq!(
            facts(json!({"type": "integer", "format": "int32", "minimum": 1, "maximum": 1000})),
            ["from 1 to 1000"]
        );
        // 3.0's boolean exclusiveness and 3.1's bound.
        assert_eq!(
            facts(json!({"type": "number", "minimum": 0, "exclusiveMinimum": true})),
            ["more than 0"]
        );
        assert_eq!(
            facts(json!({"type": "number", "exclusiveMaximum": 100})),
            ["less than 100"]
        );
        assert_eq!(
            facts(json!({"type": "string", "format": "int64"})),
            ["a whole number written as a string"]
        );
        assert_eq!(
            facts(json!({"type": "array", "minItems": 1, "maxItems": 10, "uniqueItems": true})),
            ["1 to 10 items", "no item twice"]
        );
        assert_eq!(
            facts(json!({"type": "string", "minLength": 2, "maxLength": 2})),
            ["exactly 2 characters"]
        );
        assert_eq!(
            facts(json!({"type": "string", "format": "unix-time"})),
            ["format `unix-time`"]
        );
        // Nothing to say: nothing said; a pattern too long to read is left out.
        assert!(facts(json!({"type": "integer", "format": "int64"})).is_empty());
        assert!(facts(json!({"type": "string", "pattern": "x".repeat(81)})).is_empty());
    }
}
