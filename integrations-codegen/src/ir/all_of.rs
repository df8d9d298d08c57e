//! `allOf`: every member's properties merged into one struct (or, for members that are
//! not objects, the type of the first).

use serde_json::Value;

use crate::ir::builder::{Builder, Converted};
use crate::ir::names::{self, NameSet};
use crate::ir::objects::{Merge, absorb_object};
use crate::ir::schemas::description_of;
use crate::ir::{TypeId, TypeKind, TypeRef, UnionDef, UnionVariant};
use crate::spec::bundle::is_url;
use crate::spec::schema::{Additional, NotASchema, Schema, SchemaType};

impl<'s> Builder<'s> {
    /// `allOf` (or `$ref` with shaping siblings): one struct with every member's properties.
    pub(super) fn merged(
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
            if let Some((union, union_at)) = merge.unions.first().cloned() {
                if merge.unions.len() > 1 {
                    self.warn(
                        at,
                        "several `oneOf`/`anyOf` are combined with an object; only the first \
                         makes variants, the others' properties are not typed",
                    );
                }
                return self
                    .object_with_alternatives(merge, union, &union_at, at, name, slot, doc)
                    .or_null(schema.nullable);
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

    pub(super) fn absorb_reference(&mut self, merge: &mut Merge<'s>, reference: &str, at: &str) {
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

    pub(super) fn absorb(&mut self, merge: &mut Merge<'s>, value: &'s Value, at: &str) {
        let too_deep = ("`allOf` members", "; the properties below are not typed");
        self.nested(at, too_deep, |b| b.absorb_member(merge, value, at));
    }

    pub(super) fn absorb_member(&mut self, merge: &mut Merge<'s>, value: &'s Value, at: &str) {
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

    /// An object with `oneOf`/`anyOf` beside its properties (or merged with them by
    /// `allOf`). Alternatives that only add constraints (`required` lists) leave one
    /// struct, documented with them; alternatives with properties of their own make a
    /// union whose variants each hold the object's properties and their own.
    #[allow(clippy::too_many_arguments)]
    fn object_with_alternatives(
        &mut self,
        merge: Merge<'s>,
        union: &'s Value,
        union_at: &str,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
        doc: Option<String>,
    ) -> Converted {
        let Ok(view) = Schema::read(union) else {
            return self.define_struct(merge, at, name, slot, doc);
        };
        let keyword = if view.one_of.is_empty() {
            "anyOf"
        } else {
            "oneOf"
        };
        let alternatives = view.alternatives();
        let views: Vec<Option<Schema<'s>>> =
            alternatives.iter().map(|a| Schema::read(a).ok()).collect();
        let constraint_only = views.iter().all(|v| {
            v.as_ref().is_none_or(|v| {
                v.reference.is_none()
                    && v.properties.is_empty()
                    && v.types.iter().all(|t| *t == SchemaType::Object)
                    && v.enum_values.is_none()
                    && v.items.is_none()
                    && v.all_of.is_empty()
                    && v.alternatives().is_empty()
                    && matches!(v.additional, Additional::Unspecified)
            })
        });
        if constraint_only {
            let sets: Vec<String> = views
                .iter()
                .flatten()
                .filter(|v| !v.required.is_empty())
                .map(|v| format!("`{}`", v.required.join("`, `")))
                .collect();
            let doc = match (doc, sets.is_empty()) {
                (doc, true) => doc,
                (Some(doc), false) => {
                    Some(format!("{doc} Also required, one of: {}.", sets.join("; ")))
                }
                (None, false) => Some(format!("Also required, one of: {}.", sets.join("; "))),
            };
            return self.define_struct(merge, at, name, slot, doc);
        }
        let id = match slot {
            Some(id) => id,
            None => self.reserve(name, at, doc),
        };
        let union_name = self.type_name(id).to_owned();
        let mut variant_names = NameSet::new();
        let mut variants = Vec::with_capacity(alternatives.len());
        for (i, (alternative, view)) in alternatives.iter().zip(&views).enumerate() {
            let alternative_at = format!("{union_at}/{keyword}/{i}");
            let base = match (alternative.get("$ref").and_then(Value::as_str), view) {
                (Some(reference), _) => {
                    names::upper_camel(reference.rsplit('/').next().unwrap_or(reference), "Variant")
                }
                (None, Some(view)) if view.title.is_some() => {
                    names::upper_camel(view.title.unwrap_or_default(), "Variant")
                }
                _ => format!("Variant{}", i + 1),
            };
            let mut variant = merge.clone();
            self.absorb(&mut variant, alternative, &alternative_at);
            let ty = self
                .define_struct(
                    variant,
                    &alternative_at,
                    &format!("{union_name}{base}"),
                    None,
                    view.as_ref().and_then(description_of),
                )
                .ty;
            variants.push(UnionVariant {
                name: variant_names.claim(&base),
                ty,
                tag_values: Vec::new(),
                known_only: false,
            });
        }
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
