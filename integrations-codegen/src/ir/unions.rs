//! `oneOf` and `anyOf`: unions tagged by a discriminator or a constant property, or
//! untagged and told apart at run time by what distinguishes their variants; OpenAPI 3.1
//! `type` lists.

use serde_json::Value;

use crate::ir::builder::{Builder, Converted};
use crate::ir::names::{self, NameSet};
use crate::ir::schemas::{description_of, integer_type, string_type};
use crate::ir::{Primitive, TypeId, TypeKind, TypeRef, UnionDef, UnionVariant};
use crate::spec::pointer;
use crate::spec::schema::{Schema, SchemaType, property_pointer};

impl<'s> Builder<'s> {
    /// `oneOf` / `anyOf`.
    pub(super) fn union(
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
        self.union_of(schema, schema.alternatives(), keyword, at, name, slot)
    }

    /// A union of `alternatives`, written at `{at}/{keyword}/{i}`.
    pub(super) fn union_of(
        &mut self,
        schema: &Schema<'s>,
        alternatives: Vec<&'s Value>,
        keyword: &str,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        let mut nullable = schema.nullable;
        let mut members: Vec<Member<'s>> = Vec::new();
        for (i, value) in alternatives.into_iter().enumerate() {
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
        if let Some(special) = self.special_union(schema, &members, name) {
            return special.or_null(nullable);
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

    /// Unions with a type of their own in the runtime: Stripe's expandable references (an
    /// id, or the object when the request expands it), typed lightly unless configured
    /// otherwise, and "an object, or the empty string that clears it".
    fn special_union(
        &mut self,
        schema: &Schema<'s>,
        members: &[Member<'s>],
        name: &str,
    ) -> Option<Converted> {
        let is_empty_string = |m: &Member<'s>| {
            m.view.as_ref().is_some_and(|v| {
                matches!(v.enum_values.as_deref(), Some([Value::String(only)]) if only.is_empty())
            })
        };
        let is_plain_string = |m: &Member<'s>| {
            m.view
                .as_ref()
                .is_some_and(|v| is_stringish(v) && v.enum_values.is_none())
        };
        if self.light_expansions
            && schema.node.contains_key("x-expansionResources")
            && members.iter().filter(|m| is_plain_string(m)).count() == 1
            && members.iter().any(|m| member_target(m).is_some())
        {
            return Some(Converted::new(TypeRef::Primitive(Primitive::Expandable)));
        }
        if let [first, second] = members {
            let (other, _) = match (is_empty_string(first), is_empty_string(second)) {
                (true, false) => (second, first),
                (false, true) => (first, second),
                _ => return None,
            };
            if other.view.as_ref().is_some_and(is_stringish) {
                return None;
            }
            let converted = self.schema_type(other.value, &other.at, name);
            return Some(Converted {
                ty: TypeRef::Clearable(Box::new(converted.ty)),
                nullable: converted.nullable,
            });
        }
        None
    }

    /// The property that tells the variants apart, with each variant's values: the
    /// discriminator, or a property every variant has as a distinct constant (Stripe's
    /// `object`). Only objects can be tagged.
    pub(super) fn find_tag(
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
    pub(super) fn constant_property(
        &mut self,
        member: &Member<'s>,
        property: &str,
    ) -> Option<String> {
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
    pub(super) fn sort_untagged(&self, variants: &mut [UnionVariant]) {
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
    pub(super) fn untagged_rank(&self, ty: &TypeRef) -> (u8, i64) {
        self.untagged_rank_within(ty, 0)
    }

    pub(super) fn untagged_rank_within(&self, ty: &TypeRef, depth: usize) -> (u8, i64) {
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
            TypeRef::Boxed(inner) | TypeRef::Nullable(inner) | TypeRef::Clearable(inner) => {
                self.untagged_rank_within(inner, depth + 1)
            }
            TypeRef::Primitive(Primitive::Expandable) => (2, 2),
            TypeRef::Primitive(Primitive::EmptyString) => (1, 0),
            TypeRef::Primitive(Primitive::Bool | Primitive::I32) => (2, 0),
            TypeRef::Primitive(Primitive::I64) => (2, 1),
            TypeRef::Primitive(Primitive::String | Primitive::Binary) => (2, 2),
            TypeRef::List(_) => (2, 3),
            TypeRef::Primitive(Primitive::F64) => (3, 0),
            TypeRef::Map(_) => (4, 0),
            TypeRef::Primitive(Primitive::Json | Primitive::Parts) => (5, 0),
        }
    }

    /// OpenAPI 3.1 `type: [string, integer]`: an untagged union of the types.
    pub(super) fn multi_type(
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
pub(super) struct Member<'s> {
    value: &'s Value,
    at: String,
    view: Option<Schema<'s>>,
    view_at: String,
}

/// The component pointer a member refers to, if it is a `$ref`.
pub(super) fn member_target(member: &Member<'_>) -> Option<String> {
    let reference = member.value.get("$ref")?.as_str()?;
    Some(pointer_of(reference))
}

/// The pointer a `$ref` or a discriminator mapping value stands for. A bare name
/// (`Dog`, allowed in a mapping) is a component schema.
pub(super) fn pointer_of(reference: &str) -> String {
    if !reference.contains(['#', '/']) {
        return pointer::push("/components/schemas", reference);
    }
    pointer::decode_fragment(reference.trim_start_matches('#'))
}

pub(super) fn variant_base_name(member: &Member<'_>, index: usize) -> String {
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

pub(super) fn is_stringish(view: &Schema<'_>) -> bool {
    let typed_string = view.types == [SchemaType::String] && view.format != Some("binary");
    let string_enum = view
        .enum_values
        .as_ref()
        .is_some_and(|values| !values.is_empty() && values.iter().all(|v| v.is_string()));
    (typed_string && view.properties.is_empty())
        || (string_enum && (view.types.is_empty() || typed_string))
}
