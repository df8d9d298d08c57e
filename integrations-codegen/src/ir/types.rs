//! Schemas to types: the conversion at the heart of the IR.
//!
//! [`Builder::schema_type`] turns one schema (inline or `$ref`) into a [`TypeRef`],
//! defining named types as it goes. The order of questions decides the result:
//! `$ref` (kept as a reference to a named type, so recursion and names survive), then
//! `allOf` (merged into one struct), `oneOf`/`anyOf` (a union: tagged when a discriminator
//! or a constant tag property tells variants apart, untagged otherwise), `enum`, and
//! finally `type`. Anything that cannot be followed degrades to `serde_json::Value` with
//! a warning naming the node.

use serde_json::Value;

use crate::ir::build::{Builder, Converted};
use crate::ir::doc::summarize;
use crate::ir::names::{self, NameSet};
use crate::ir::{
    DefaultValue, EnumVariant, Field, IntEnumDef, IntVariant, Primitive, StringEnumDef, StructDef,
    TypeId, TypeKind, TypeRef, UnionDef, UnionVariant,
};
use crate::spec::bundle::is_url;
use crate::spec::pointer;
use crate::spec::schema::{Additional, NotASchema, Schema, SchemaType, property_pointer};

/// How many `$ref`s in a row are followed before the chain is called a cycle; both the
/// schema and the operation readers use it, so a chain that one accepts the other does too.
pub(crate) const MAX_REF_HOPS: usize = 32;

/// How deeply schema conversions may nest before the rest is typed as
/// `serde_json::Value`. Conversion recurses through properties, items and `$ref`s, so
/// without a bound a long chain of schemas would exhaust the stack. Real specs stay
/// under 40 levels; the bound leaves room for them while keeping the stack small
/// enough for a 2 MiB thread in a debug build.
pub(crate) const MAX_SCHEMA_DEPTH: usize = 128;

/// Pointer tokens that say nothing about what a schema is, left out of made-up names.
const STRUCTURAL_TOKENS: &[&str] = &[
    "components",
    "schemas",
    "properties",
    "items",
    "content",
    "schema",
    "allOf",
    "oneOf",
    "anyOf",
    "additionalProperties",
    "paths",
    "definitions",
    "$defs",
    "requestBodies",
    "responses",
    "parameters",
];

/// A property gathered while merging `allOf` members.
struct MergedProperty<'s> {
    name: &'s str,
    value: &'s Value,
    pointer: String,
}

/// How one property is written in XML.
#[derive(Default)]
struct PropertyXml {
    /// The element name, when it is not the property name.
    element: Option<String>,
    attribute: bool,
    /// The item element name of a wrapped list.
    list_item: Option<String>,
}

/// What `allOf` members add up to.
#[derive(Default)]
struct Merge<'s> {
    properties: Vec<MergedProperty<'s>>,
    required: Vec<&'s str>,
    additional: Option<(&'s Value, String)>,
    object: bool,
    /// Members that are not objects (enums, primitives).
    others: Vec<(&'s Value, String)>,
    /// Members with `oneOf`/`anyOf`.
    unions: Vec<(&'s Value, String)>,
    xml_name: Option<String>,
}

impl<'s> Builder<'s> {
    /// The type of the schema `value` at `at`. An inline type it needs is named `name`
    /// (made unique if taken).
    pub(crate) fn schema_type(&mut self, value: &'s Value, at: &str, name: &str) -> Converted {
        self.schema_type_into(value, at, name, None)
    }

    /// Like [`schema_type`](Self::schema_type); a named type it defines goes into `slot`
    /// (a component reserved beforehand).
    ///
    /// Conversions are remembered by pointer: a schema node is one type however often it
    /// is reached (`allOf` copies a member's properties into every struct that merges it),
    /// and a node reached again while it is being converted refers to the type reserved
    /// for it, which is what makes inline recursion terminate.
    fn schema_type_into(
        &mut self,
        value: &'s Value,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        if slot.is_none()
            && let Some(done) = self.memo.get(at)
        {
            return done.clone();
        }
        let converted = self
            .nested(
                at,
                (
                    "schemas",
                    " (through properties, items or `$ref`s); typed as `serde_json::Value`",
                ),
                |b| b.convert(value, at, name, slot),
            )
            .unwrap_or_else(Converted::json);
        if slot.is_none() {
            self.memo.insert(at.to_owned(), converted.clone());
        }
        converted
    }

    fn convert(
        &mut self,
        value: &'s Value,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        let schema = match Schema::read(value) {
            Ok(schema) => schema,
            Err(NotASchema::AnyValue) => return Converted::json(),
            Err(NotASchema::NoValue) => {
                self.warn(
                    at,
                    "schema `false` allows no value; typed as `serde_json::Value`",
                );
                return Converted::json();
            }
            Err(NotASchema::Invalid(kind)) => {
                self.error(
                    at,
                    format!("a schema must be an object or a boolean, found {kind}"),
                );
                return Converted::json();
            }
        };
        if let Some(reference) = schema.reference {
            if !schema.has_shape() {
                return self.reference(reference, at).or_null(schema.nullable);
            }
            return self.merged(&schema, at, name, slot);
        }
        if !schema.all_of.is_empty() {
            return self.merged(&schema, at, name, slot);
        }
        if !schema.alternatives().is_empty() {
            if !schema.properties.is_empty() {
                // Each variant must declare them itself to carry them.
                self.warn(
                    at,
                    "properties beside `oneOf`/`anyOf` are not typed: only the variants' own \
                     properties are",
                );
            }
            return self.union(&schema, at, name, slot);
        }
        if let Some(values) = &schema.enum_values {
            return self
                .enumeration(&schema, values, at, name, slot)
                .or_null(schema.nullable);
        }
        if schema.types.len() > 1 {
            return self
                .multi_type(&schema, at, name, slot)
                .or_null(schema.nullable);
        }
        if let Some(unknown) = schema.unknown_types.first() {
            self.warn(
                at,
                format!("unknown type `{unknown}`; typed as `serde_json::Value`"),
            );
            return Converted::json().or_null(schema.nullable);
        }
        let converted = match schema.types.first() {
            Some(SchemaType::String) => Converted::new(string_type(schema.format)),
            Some(SchemaType::Integer) => Converted::new(integer_type(schema.format)),
            Some(SchemaType::Number) => Converted::new(TypeRef::Primitive(Primitive::F64)),
            Some(SchemaType::Boolean) => Converted::new(TypeRef::Primitive(Primitive::Bool)),
            Some(SchemaType::Array) => self.array(&schema, at, name),
            Some(SchemaType::Object) => self.object(&schema, at, name, slot),
            None if schema.is_object_like() => self.object(&schema, at, name, slot),
            None if schema.items.is_some() => self.array(&schema, at, name),
            None if schema.format == Some("binary") => {
                Converted::new(TypeRef::Primitive(Primitive::Binary))
            }
            None => Converted::json(),
        };
        converted.or_null(schema.nullable)
    }

    /// The type of a component schema, defined once under its reserved name.
    pub(crate) fn component(&mut self, at: &str) -> Converted {
        if let Some(done) = self.memo.get(at) {
            return done.clone();
        }
        let Some(value) = self.spec.get(at) else {
            return Converted::json();
        };
        let name = self
            .component_names
            .get(at)
            .cloned()
            .unwrap_or_else(|| "Schema".to_owned());
        let doc = description(value);
        let id = self.push_type(name.clone(), at, doc);
        self.memo
            .insert(at.to_owned(), Converted::new(TypeRef::Named(id)));
        let converted = self.schema_type_into(value, at, &name, Some(id));
        if converted.ty != TypeRef::Named(id) {
            self.fill(
                id,
                TypeKind::Alias {
                    target: converted.ty,
                    newtype: false,
                },
            );
        }
        let done = Converted {
            ty: TypeRef::Named(id),
            nullable: converted.nullable,
        };
        self.memo.insert(at.to_owned(), done.clone());
        done
    }

    /// The type a `$ref` written at `at` stands for.
    pub(crate) fn reference(&mut self, reference: &str, at: &str) -> Converted {
        if is_url(reference) {
            self.warn(
                at,
                format!("remote `$ref` `{reference}` is not fetched; typed as `serde_json::Value`"),
            );
            return Converted::json();
        }
        let Some(target) = self.target_pointer(reference, at) else {
            return Converted::json();
        };
        if self.component_names.contains_key(&target) {
            return self.component(&target);
        }
        if let Some(done) = self.memo.get(&target) {
            return done.clone();
        }
        if self.resolving.contains(&target) {
            self.error(
                at,
                format!("`$ref` cycle with no base case through `{reference}`"),
            );
            return Converted::json();
        }
        let Some(value) = self.spec.get(&target) else {
            return Converted::json();
        };
        // Other targets (a property of a schema, a schema in a response) are converted
        // where they are and named after their pointer.
        self.resolving.push(target.clone());
        let name = name_from_pointer(&target);
        let converted = self.schema_type(value, &target, &name);
        self.resolving.pop();
        self.memo.insert(target, converted.clone());
        converted
    }

    /// The pointer a local `$ref` points at, after checking it exists.
    pub(crate) fn target_pointer(&mut self, reference: &str, at: &str) -> Option<String> {
        let Some(fragment) = reference.strip_prefix('#') else {
            self.error(
                at,
                format!("`$ref` `{reference}` points into a file that could not be bundled"),
            );
            return None;
        };
        let target = pointer::decode_fragment(fragment);
        if self.spec.get(&target).is_none() {
            self.error(at, format!("dangling `$ref`: `{reference}` does not exist"));
            return None;
        }
        Some(target)
    }

    /// Follows `$ref`s from `value` to the schema they end at, for inspection only.
    pub(crate) fn resolve_view(
        &mut self,
        value: &'s Value,
        at: &str,
    ) -> Option<(Schema<'s>, String)> {
        let mut value = value;
        let mut at = at.to_owned();
        for _ in 0..MAX_REF_HOPS {
            let schema = Schema::read(value).ok()?;
            match schema.reference {
                Some(reference) if !schema.has_shape() && !is_url(reference) => {
                    let fragment = reference.strip_prefix('#')?;
                    let target = pointer::decode_fragment(fragment);
                    value = self.spec.get(&target)?;
                    at = target;
                }
                _ => return Some((schema, at)),
            }
        }
        None
    }

    fn array(&mut self, schema: &Schema<'s>, at: &str, name: &str) -> Converted {
        // Nullable items are typed as their non-null type: APIs that allow `null` inside
        // arrays do not send it in practice, and `Vec<Option<T>>` burdens every caller.
        let item = match schema.items {
            Some(items) => self.schema_type(items, &format!("{at}/items"), &format!("{name}Item")),
            None => Converted::json(),
        };
        Converted::new(TypeRef::List(Box::new(item.ty)))
    }

    fn object(
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
                    Converted::new(TypeRef::Map(Box::new(value.ty)))
                }
                _ => Converted::json(),
            };
        }
        let mut merge = Merge::default();
        absorb_object(&mut merge, schema, at);
        self.define_struct(merge, at, name, slot, description_of(schema))
    }

    /// Defines a struct from merged properties.
    fn define_struct(
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
            let required = merge.required.contains(&property.name);
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
                xml_attribute: xml.attribute,
                xml_list: xml.list_item.map(|item| crate::ir::XmlList {
                    item,
                    module: String::new(),
                }),
            });
        }
        let additional = match merge.additional {
            Some((values, pointer)) => {
                let value = self.schema_type(values, &pointer, &format!("{struct_name}Value"));
                Some(value.ty)
            }
            None => None,
        };
        self.fill(
            id,
            TypeKind::Struct(StructDef {
                fields,
                additional,
                xml_name: merge.xml_name,
                multipart: false,
            }),
        );
        Converted::new(TypeRef::Named(id))
    }

    /// How a property is written in XML: its `xml` object (or that of the schema its
    /// `$ref` or lone `allOf` member leads to), and for arrays, its items' names.
    fn property_xml(&mut self, property: &MergedProperty<'s>) -> PropertyXml {
        let own = self.xml_of(property.value, &property.pointer);
        let mut out = PropertyXml {
            attribute: own.as_ref().is_some_and(|x| x.attribute),
            ..PropertyXml::default()
        };
        let name = own.as_ref().and_then(|x| x.name.clone());
        let wrapped = own.as_ref().is_some_and(|x| x.wrapped);
        let items = self
            .resolve_view(property.value, &property.pointer)
            .and_then(|(view, at)| view.items.map(|items| (items, format!("{at}/items"))));
        match items {
            Some((items, items_at)) => {
                let item_name = self.xml_of(items, &items_at).and_then(|x| x.name);
                if wrapped {
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

    /// The `xml` object of a schema, looking through `$ref` and `allOf` members.
    fn xml_of(&mut self, value: &'s Value, at: &str) -> Option<crate::spec::schema::Xml> {
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

    /// `allOf` (or `$ref` with shaping siblings): one struct with every member's properties.
    fn merged(
        &mut self,
        schema: &Schema<'s>,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        // `allOf: [{$ref: X}]` plus annotations is just X.
        let own_shape = !schema.properties.is_empty()
            || !matches!(schema.additional, Additional::Unspecified)
            || !schema.alternatives().is_empty()
            || schema.enum_values.is_some()
            || schema.items.is_some();
        let members: Vec<&'s Value> = schema.all_of.clone();
        if !own_shape {
            match (schema.reference, members.as_slice()) {
                (Some(reference), []) => {
                    return self.reference(reference, at).or_null(schema.nullable);
                }
                (None, [only]) => {
                    let member_at = format!("{at}/allOf/0");
                    return self
                        .schema_type_into(only, &member_at, name, slot)
                        .or_null(schema.nullable);
                }
                _ => {}
            }
        }
        let mut merge = Merge::default();
        if let Some(reference) = schema.reference {
            self.absorb_reference(&mut merge, reference, at);
        }
        for (i, member) in members.iter().enumerate() {
            self.absorb(&mut merge, member, &format!("{at}/allOf/{i}"));
        }
        absorb_object(&mut merge, schema, at);
        if !schema.alternatives().is_empty() {
            merge.unions.push((self.node_at(at), at.to_owned()));
        }
        let doc = description_of(schema);
        if merge.object || !merge.properties.is_empty() {
            if !merge.unions.is_empty() {
                self.warn(
                    at,
                    "`allOf` combines an object with `oneOf`/`anyOf`; only the object's properties are typed",
                );
            }
            return self
                .define_struct(merge, at, name, slot, doc)
                .or_null(schema.nullable);
        }
        if let Some((value, pointer)) = merge.unions.first().cloned()
            && let Ok(view) = Schema::read(value)
        {
            return self
                .union(&view, &pointer, name, slot)
                .or_null(schema.nullable);
        }
        if let Some((value, pointer)) = merge.others.first().cloned() {
            if merge.others.len() > 1 {
                self.note(
                    at,
                    "`allOf` of several non-object schemas; the first one gives the type",
                );
            }
            return self
                .schema_type_into(value, &pointer, name, slot)
                .or_null(schema.nullable);
        }
        Converted::json().or_null(schema.nullable)
    }

    /// The node at `at` (the document itself is borrowed for `'s`).
    fn node_at(&self, at: &str) -> &'s Value {
        static NULL: Value = Value::Null;
        self.spec.get(at).unwrap_or(&NULL)
    }

    fn absorb_reference(&mut self, merge: &mut Merge<'s>, reference: &str, at: &str) {
        if is_url(reference) {
            self.warn(
                at,
                format!("remote `$ref` `{reference}` is not fetched; its properties are not typed"),
            );
            return;
        }
        let Some(target) = self.target_pointer(reference, at) else {
            return;
        };
        if self.merging.contains(&target) {
            self.error(
                at,
                format!("`allOf` cycle with no base case through `{reference}`"),
            );
            return;
        }
        let value = self.node_at(&target);
        self.merging.push(target.clone());
        self.absorb(merge, value, &target);
        self.merging.pop();
    }

    fn absorb(&mut self, merge: &mut Merge<'s>, value: &'s Value, at: &str) {
        let too_deep = ("`allOf` members", "; the properties below are not typed");
        self.nested(at, too_deep, |b| b.absorb_member(merge, value, at));
    }

    /// Runs `step` one level deeper; when [`MAX_SCHEMA_DEPTH`] levels are already in
    /// progress, warns instead (naming what nests, and what that costs) and gives `None`.
    fn nested<R>(
        &mut self,
        at: &str,
        (what, consequence): (&str, &str),
        step: impl FnOnce(&mut Self) -> R,
    ) -> Option<R> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            self.warn(
                at,
                format!("{what} nest more than {MAX_SCHEMA_DEPTH} levels deep here{consequence}"),
            );
            return None;
        }
        self.depth += 1;
        let result = step(self);
        self.depth -= 1;
        Some(result)
    }

    fn absorb_member(&mut self, merge: &mut Merge<'s>, value: &'s Value, at: &str) {
        let schema = match Schema::read(value) {
            Ok(schema) => schema,
            Err(NotASchema::Invalid(kind)) => {
                self.error(
                    at,
                    format!("a schema must be an object or a boolean, found {kind}"),
                );
                return;
            }
            Err(_) => return,
        };
        if let Some(reference) = schema.reference {
            self.absorb_reference(merge, reference, at);
        }
        for (i, member) in schema.all_of.iter().enumerate() {
            self.absorb(merge, member, &format!("{at}/allOf/{i}"));
        }
        if !schema.alternatives().is_empty() {
            merge.unions.push((value, at.to_owned()));
        }
        if schema.is_object_like() || !schema.properties.is_empty() {
            absorb_object(merge, &schema, at);
        } else if schema.enum_values.is_some() || !schema.types.is_empty() {
            merge.others.push((value, at.to_owned()));
        }
    }

    /// `oneOf` / `anyOf`.
    fn union(
        &mut self,
        schema: &Schema<'s>,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        let keyword = if schema.one_of.is_empty() {
            "anyOf"
        } else {
            "oneOf"
        };
        let mut nullable = schema.nullable;
        let mut members: Vec<Member<'s>> = Vec::new();
        for (i, value) in schema.alternatives().into_iter().enumerate() {
            let member_at = format!("{at}/{keyword}/{i}");
            let Some((view, view_at)) = self.resolve_view(value, &member_at) else {
                // Unreadable members are reported when converted.
                members.push(Member {
                    value,
                    at: member_at,
                    view: None,
                    view_at: String::new(),
                });
                continue;
            };
            if view.only_null
                || view
                    .enum_values
                    .as_ref()
                    .is_some_and(|v| v.is_empty() && view.nullable)
            {
                nullable = true;
                continue;
            }
            members.push(Member {
                value,
                at: member_at,
                view: Some(view),
                view_at,
            });
        }
        match members.len() {
            0 => return Converted::json().or_null(nullable),
            1 => {
                let only = members.remove(0);
                return self
                    .schema_type_into(only.value, &only.at, name, slot)
                    .or_null(nullable);
            }
            _ => {}
        }
        // Strings and string enums only: a string (or one enum of every value).
        if members
            .iter()
            .all(|m| m.view.as_ref().is_some_and(is_stringish))
        {
            let any_plain = members
                .iter()
                .any(|m| m.view.as_ref().is_some_and(|v| v.enum_values.is_none()));
            if any_plain {
                return Converted::new(TypeRef::Primitive(Primitive::String)).or_null(nullable);
            }
            let mut values: Vec<&'s Value> = Vec::new();
            for m in &members {
                for v in m
                    .view
                    .as_ref()
                    .and_then(|v| v.enum_values.clone())
                    .unwrap_or_default()
                {
                    if !values.contains(&v) {
                        values.push(v);
                    }
                }
            }
            return self
                .enumeration(schema, &values, at, name, slot)
                .or_null(nullable);
        }
        let tag = self.find_tag(schema, &members);
        let id = match slot {
            Some(id) => id,
            None => self.reserve(name, at, description_of(schema)),
        };
        let union_name = self.type_name(id).to_owned();
        let mut variant_names = if tag.is_some() {
            NameSet::with_reserved(&["Unknown"])
        } else {
            NameSet::new()
        };
        let mut variants = Vec::with_capacity(members.len());
        for (i, member) in members.iter().enumerate() {
            let base = variant_base_name(member, i);
            let converted =
                self.schema_type(member.value, &member.at, &format!("{union_name}{base}"));
            nullable |= converted.nullable;
            let tag_values = match &tag {
                Some((_, values)) => values[i].clone(),
                None => Vec::new(),
            };
            variants.push(UnionVariant {
                name: variant_names.claim(&base),
                ty: converted.ty,
                tag_values,
                known_only: false,
            });
        }
        if tag.is_none() {
            self.sort_untagged(&mut variants);
        }
        self.fill(
            id,
            TypeKind::Union(UnionDef {
                tag: tag.map(|(property, _)| property),
                variants,
            }),
        );
        Converted::new(TypeRef::Named(id)).or_null(nullable)
    }

    /// The property that tells the variants apart, with each variant's values: the
    /// discriminator, or a property every variant has as a distinct constant (Stripe's
    /// `object`). Only objects can be tagged.
    fn find_tag(
        &mut self,
        schema: &Schema<'s>,
        members: &[Member<'s>],
    ) -> Option<(String, Vec<Vec<String>>)> {
        if !members.iter().all(|m| {
            m.view
                .as_ref()
                .is_some_and(|v| v.is_object_like() || !v.all_of.is_empty())
        }) {
            return None;
        }
        if let Some(discriminator) = &schema.discriminator {
            let mut values = Vec::with_capacity(members.len());
            for member in members {
                let mut mine: Vec<String> = discriminator
                    .mapping
                    .iter()
                    .filter(|(_, target)| member_target(member) == Some(pointer_of(target)))
                    .map(|(value, _)| (*value).to_owned())
                    .collect();
                if mine.is_empty() {
                    if let Some(constant) = self.constant_property(member, discriminator.property) {
                        mine.push(constant);
                    } else if let Some(target) = member_target(member) {
                        mine.extend(pointer::last_token(&target));
                    }
                }
                if mine.is_empty() {
                    return None;
                }
                values.push(mine);
            }
            return Some((discriminator.property.to_owned(), values));
        }
        // A constant property shared by every variant, with distinct values.
        let first = members.first()?.view.as_ref()?;
        let candidates: Vec<&str> = first.properties.iter().map(|(name, _)| *name).collect();
        'candidates: for candidate in candidates {
            let mut values: Vec<Vec<String>> = Vec::with_capacity(members.len());
            for member in members {
                match self.constant_property(member, candidate) {
                    Some(value) if !values.iter().any(|v| v[0] == value) => {
                        values.push(vec![value])
                    }
                    _ => continue 'candidates,
                }
            }
            return Some((candidate.to_owned(), values));
        }
        None
    }

    /// The single string value a member's property may take, if it is a constant.
    fn constant_property(&mut self, member: &Member<'s>, property: &str) -> Option<String> {
        let view = member.view.as_ref()?;
        let (_, value) = view.properties.iter().find(|(name, _)| *name == property)?;
        let (prop, _) = self.resolve_view(value, &property_pointer(&member.view_at, property))?;
        match prop.enum_values.as_deref() {
            Some([Value::String(only)]) => Some(only.clone()),
            _ => None,
        }
    }

    /// Orders untagged variants as serde should try them (a stable sort by
    /// [`untagged_rank`](Self::untagged_rank)).
    fn sort_untagged(&self, variants: &mut [UnionVariant]) {
        let mut ranked: Vec<((u8, i64), UnionVariant)> = variants
            .iter()
            .map(|v| (self.untagged_rank(&v.ty), v.clone()))
            .collect();
        ranked.sort_by_key(|(rank, _)| *rank);
        for (slot, (_, variant)) in variants.iter_mut().zip(ranked) {
            *slot = variant;
        }
    }

    /// Sort key for untagged variants: specific shapes first, catch-alls last.
    fn untagged_rank(&self, ty: &TypeRef) -> (u8, i64) {
        self.untagged_rank_within(ty, 0)
    }

    fn untagged_rank_within(&self, ty: &TypeRef, depth: usize) -> (u8, i64) {
        if depth > 16 {
            return (1, 0);
        }
        match ty {
            TypeRef::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(s) => {
                    (0, -(s.fields.iter().filter(|f| f.required).count() as i64))
                }
                TypeKind::Alias { target, .. } => self.untagged_rank_within(target, depth + 1),
                _ => (1, 0),
            },
            TypeRef::Boxed(inner) => self.untagged_rank_within(inner, depth + 1),
            TypeRef::Primitive(Primitive::EmptyString) => (1, 0),
            TypeRef::Primitive(Primitive::Bool | Primitive::I32) => (2, 0),
            TypeRef::Primitive(Primitive::I64) => (2, 1),
            TypeRef::Primitive(Primitive::String | Primitive::Binary) => (2, 2),
            TypeRef::List(_) => (2, 3),
            TypeRef::Primitive(Primitive::F64) => (3, 0),
            TypeRef::Map(_) => (4, 0),
            TypeRef::Primitive(Primitive::Json) => (5, 0),
        }
    }

    fn enumeration(
        &mut self,
        schema: &Schema<'s>,
        values: &[&'s Value],
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        let var_names: Vec<&str> = schema
            .node
            .get("x-enum-varnames")
            .and_then(Value::as_array)
            .map(|n| n.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if values.is_empty() {
            return Converted::json();
        }
        if values.iter().all(|v| v.is_string()) {
            if let [Value::String(only)] = values {
                return Converted::new(TypeRef::Primitive(if only.is_empty() {
                    Primitive::EmptyString
                } else {
                    Primitive::String
                }));
            }
            let mut taken = NameSet::with_reserved(&["Unknown"]);
            let variants = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_str().map(|s| (i, s)))
                .map(|(i, value)| {
                    let base = match var_names.get(i) {
                        Some(given) if var_names.len() == values.len() => {
                            names::upper_camel(given, "Empty")
                        }
                        _ => names::upper_camel(value, "Empty"),
                    };
                    EnumVariant {
                        name: taken.claim(&base),
                        value: value.to_owned(),
                    }
                })
                .collect();
            let id = self.slot_or_reserve(slot, name, at, schema);
            self.fill(id, TypeKind::StringEnum(StringEnumDef { variants }));
            return Converted::new(TypeRef::Named(id));
        }
        if values.iter().all(|v| v.as_i64().is_some()) {
            let mut taken = NameSet::with_reserved(&["Unknown"]);
            let variants = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_i64().map(|n| (i, n)))
                .map(|(i, value)| {
                    let base = match var_names.get(i) {
                        Some(given) if var_names.len() == values.len() => {
                            names::upper_camel(given, "Value")
                        }
                        _ if value < 0 => format!("Minus{}", value.unsigned_abs()),
                        _ => format!("V{value}"),
                    };
                    IntVariant {
                        name: taken.claim(&base),
                        value,
                    }
                })
                .collect();
            let id = self.slot_or_reserve(slot, name, at, schema);
            self.fill(id, TypeKind::IntEnum(IntEnumDef { variants }));
            return Converted::new(TypeRef::Named(id));
        }
        if values.iter().all(|v| v.is_boolean()) {
            return Converted::new(TypeRef::Primitive(Primitive::Bool));
        }
        if values.iter().all(|v| v.is_number()) {
            return Converted::new(TypeRef::Primitive(Primitive::F64));
        }
        self.warn(
            at,
            "`enum` mixes kinds of values; typed as `serde_json::Value`",
        );
        Converted::json()
    }

    fn slot_or_reserve(
        &mut self,
        slot: Option<TypeId>,
        name: &str,
        at: &str,
        schema: &Schema<'s>,
    ) -> TypeId {
        match slot {
            Some(id) => id,
            None => self.reserve(name, at, description_of(schema)),
        }
    }

    /// OpenAPI 3.1 `type: [string, integer]`: an untagged union of the types.
    fn multi_type(
        &mut self,
        schema: &Schema<'s>,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        let id = self.slot_or_reserve(slot, name, at, schema);
        let union_name = self.type_name(id).to_owned();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for ty in &schema.types {
            let (variant, ty) = match ty {
                SchemaType::String => ("String", string_type(schema.format)),
                SchemaType::Integer => ("Integer", integer_type(schema.format)),
                SchemaType::Number => ("Number", TypeRef::Primitive(Primitive::F64)),
                SchemaType::Boolean => ("Boolean", TypeRef::Primitive(Primitive::Bool)),
                SchemaType::Array => ("List", self.array(schema, at, &union_name).ty),
                SchemaType::Object => {
                    let converted = if schema.properties.is_empty() {
                        self.object(schema, at, &union_name, None)
                    } else {
                        self.object(schema, at, &format!("{union_name}Object"), None)
                    };
                    ("Object", converted.ty)
                }
            };
            variants.push(UnionVariant {
                name: variant.to_owned(),
                ty,
                tag_values: Vec::new(),
                known_only: false,
            });
        }
        self.sort_untagged(&mut variants);
        self.fill(
            id,
            TypeKind::Union(UnionDef {
                tag: None,
                variants,
            }),
        );
        Converted::new(TypeRef::Named(id))
    }
}

/// A union member, with the schema its `$ref`s lead to.
struct Member<'s> {
    value: &'s Value,
    at: String,
    view: Option<Schema<'s>>,
    view_at: String,
}

/// The component pointer a member refers to, if it is a `$ref`.
fn member_target(member: &Member<'_>) -> Option<String> {
    let reference = member.value.get("$ref")?.as_str()?;
    Some(pointer_of(reference))
}

/// The pointer a `$ref` or a discriminator mapping value stands for. A bare name
/// (`Dog`, allowed in a mapping) is a component schema.
fn pointer_of(reference: &str) -> String {
    if !reference.contains(['#', '/']) {
        return pointer::push("/components/schemas", reference);
    }
    pointer::decode_fragment(reference.trim_start_matches('#'))
}

fn variant_base_name(member: &Member<'_>, index: usize) -> String {
    if let Some(target) = member_target(member)
        && let Some(last) = pointer::last_token(&target)
    {
        return names::upper_camel(&last, "Variant");
    }
    let Some(view) = &member.view else {
        return format!("Variant{}", index + 1);
    };
    if let Some(title) = view.title {
        return names::upper_camel(title, "Variant");
    }
    if let Some(values) = &view.enum_values
        && let [Value::String(only)] = values.as_slice()
    {
        return names::upper_camel(only, "Empty");
    }
    let by_type = match view.types.first() {
        Some(SchemaType::String) => "String",
        Some(SchemaType::Integer) => "Integer",
        Some(SchemaType::Number) => "Number",
        Some(SchemaType::Boolean) => "Boolean",
        Some(SchemaType::Array) => "List",
        Some(SchemaType::Object) => "Object",
        None if view.is_object_like() => "Object",
        None => return format!("Variant{}", index + 1),
    };
    by_type.to_owned()
}

fn is_stringish(view: &Schema<'_>) -> bool {
    let typed_string = view.types == [SchemaType::String] && view.format != Some("binary");
    let string_enum = view
        .enum_values
        .as_ref()
        .is_some_and(|values| !values.is_empty() && values.iter().all(|v| v.is_string()));
    (typed_string && view.properties.is_empty())
        || (string_enum && (view.types.is_empty() || typed_string))
}

/// Adds the object keywords of `schema` (at `at`) to `merge`.
fn absorb_object<'s>(merge: &mut Merge<'s>, schema: &Schema<'s>, at: &str) {
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
    if let Additional::Schema(values) = schema.additional
        && (!schema.properties.is_empty() || merge.additional.is_none())
    {
        merge.additional = Some((values, format!("{at}/additionalProperties")));
    }
    if merge.xml_name.is_none() {
        merge.xml_name = schema.xml.as_ref().and_then(|x| x.name.clone());
    }
}

fn string_type(format: Option<&str>) -> TypeRef {
    TypeRef::Primitive(match format {
        Some("binary") => Primitive::Binary,
        _ => Primitive::String,
    })
}

fn integer_type(format: Option<&str>) -> TypeRef {
    TypeRef::Primitive(match format {
        Some("int32") => Primitive::I32,
        _ => Primitive::I64,
    })
}

/// A default a field can take in Rust: booleans and integers.
fn default_value(default: Option<&Value>, ty: &TypeRef) -> Option<DefaultValue> {
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

/// Rustdoc text of a schema: its description, else its title.
pub(crate) fn description_of(schema: &Schema<'_>) -> Option<String> {
    schema.description.or(schema.title).and_then(summarize)
}

pub(crate) fn description(value: &Value) -> Option<String> {
    Schema::read(value).ok().as_ref().and_then(description_of)
}

/// A type name made from a pointer: `/components/schemas/Pet/properties/owner` is
/// `PetOwner`.
fn name_from_pointer(at: &str) -> String {
    let words: Vec<String> = pointer::tokens(at)
        .into_iter()
        .filter(|t| {
            !STRUCTURAL_TOKENS.contains(&t.as_str())
                && !t.contains('/')
                && t.parse::<u32>().is_err()
        })
        .collect();
    names::upper_camel(&words.join(" "), "Schema")
}
