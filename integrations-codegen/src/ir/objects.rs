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
