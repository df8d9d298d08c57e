//! Schemas to types: the conversion at the heart of the IR.
//!
//! [`Builder::schema_type`] turns one schema (inline or `$ref`) into a [`TypeRef`],
//! defining named types as it goes. The order of questions decides the result:
//! `$ref` (kept as a reference to a named type, so recursion and names survive), then
//! `allOf` (merged into one struct, [`all_of`](super::all_of)), `oneOf`/`anyOf` (a union,
//! [`unions`](super::unions)), `enum` ([`enums`](super::enums)), and finally `type`
//! (objects in [`objects`](super::objects)). Anything that cannot be followed degrades
//! to `serde_json::Value` with a warning naming the node.

use serde_json::Value;

use crate::ir::builder::{Builder, Converted};
use crate::ir::doc::summarize;
use crate::ir::names;
use crate::ir::{Primitive, TypeId, TypeKind, TypeRef};
use crate::spec::bundle::is_url;
use crate::spec::pointer;
use crate::spec::schema::{NotASchema, Schema, SchemaType};

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
    pub(super) fn schema_type_into(
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

    pub(super) fn convert(
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
        if schema.reference.is_none()
            && let Some(dynamic) = schema.dynamic_reference
        {
            return match self.dynamic_target(dynamic, at) {
                Some(target) if self.spec.get(&target).is_some() => self
                    .referenced(target, dynamic, at)
                    .or_null(schema.nullable),
                _ => {
                    self.warn(
                        at,
                        format!(
                            "`{dynamic}` names no schema this generator can find (a \
                             `$dynamicAnchor` or the enclosing schema); typed as \
                             `serde_json::Value`"
                        ),
                    );
                    Converted::json().or_null(schema.nullable)
                }
            };
        }
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
                // The properties hold in every case: merged like `allOf` members.
                return self.merged(&schema, at, name, slot);
            }
            return self.union(&schema, at, name, slot);
        }
        if !schema.items_list.is_empty() {
            return self.items_list(&schema, at, name, slot);
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
        self.referenced(target, reference, at)
    }

    /// The type of the schema at pointer `target`, referred to by `reference` at `at`.
    fn referenced(&mut self, target: String, reference: &str, at: &str) -> Converted {
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

    /// The schema a `$dynamicRef` (`#name`) or `$recursiveRef` (`#`) written at `at`
    /// stands for: the schema with that `$dynamicAnchor` in the enclosing component, else
    /// anywhere among the components; for `#`, the enclosing component schema (the
    /// outermost resource, which is what recursion means in the specs that use it).
    fn dynamic_target(&self, reference: &str, at: &str) -> Option<String> {
        let component = component_root(at);
        let anchor = reference.strip_prefix('#')?;
        if anchor.is_empty() {
            return component;
        }
        if anchor.starts_with('/') {
            return Some(pointer::decode_fragment(anchor));
        }
        let mut scopes: Vec<String> = component.into_iter().collect();
        scopes.push("/components/schemas".to_owned());
        for scope in scopes {
            if let Some(found) = self
                .spec
                .get(&scope)
                .and_then(|node| find_dynamic_anchor(node, &scope, anchor, 0))
            {
                return Some(found);
            }
        }
        None
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

    pub(super) fn array(&mut self, schema: &Schema<'s>, at: &str, name: &str) -> Converted {
        let item = match schema.items {
            Some(items) => self.schema_type(items, &format!("{at}/items"), &format!("{name}Item")),
            None => Converted::json(),
        };
        Converted::new(TypeRef::List(Box::new(item.nullable_in_container())))
    }

    /// `items` written as a list of schemas, which OpenAPI does not allow (it takes one).
    /// Generators that write it mean "any of these": with `type: array`, every item is any
    /// of them; without, the value itself is.
    fn items_list(
        &mut self,
        schema: &Schema<'s>,
        at: &str,
        name: &str,
        slot: Option<TypeId>,
    ) -> Converted {
        let items_at = format!("{at}/items");
        if schema.types.contains(&SchemaType::Array) {
            self.warn(
                &items_at,
                "`items` is a list of schemas (OpenAPI takes one); each item is read as any of \
                 them (`anyOf`), so positions are not checked",
            );
            let item = self.union_of(
                schema,
                schema.items_list.clone(),
                "items",
                at,
                &format!("{name}Item"),
                None,
            );
            return Converted::new(TypeRef::List(Box::new(item.nullable_in_container())))
                .or_null(schema.nullable);
        }
        self.warn(
            &items_at,
            "`items` is a list of schemas without `type: array` (not valid OpenAPI); the value \
             is read as any of them (`anyOf`)",
        );
        self.union_of(schema, schema.items_list.clone(), "items", at, name, slot)
    }

    /// The node at `at` (the document itself is borrowed for `'s`).
    pub(super) fn node_at(&self, at: &str) -> &'s Value {
        static NULL: Value = Value::Null;
        self.spec.get(at).unwrap_or(&NULL)
    }

    /// Runs `step` one level deeper; when [`MAX_SCHEMA_DEPTH`] levels are already in
    /// progress, warns instead (naming what nests, and what that costs) and gives `None`.
    pub(super) fn nested<R>(
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
}

pub(super) fn string_type(format: Option<&str>) -> TypeRef {
    TypeRef::Primitive(match format {
        Some("binary") => Primitive::Binary,
        _ => Primitive::String,
    })
}

pub(super) fn integer_type(format: Option<&str>) -> TypeRef {
    TypeRef::Primitive(match format {
        Some("int32") => Primitive::I32,
        _ => Primitive::I64,
    })
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
pub(super) fn name_from_pointer(at: &str) -> String {
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

/// The component schema (`/components/schemas/X`) a pointer is inside, if any.
fn component_root(at: &str) -> Option<String> {
    let tokens = pointer::tokens(at);
    match tokens.as_slice() {
        [components, schemas, name, ..] if components == "components" && schemas == "schemas" => {
            Some(pointer::push("/components/schemas", name))
        }
        _ => None,
    }
}

/// The pointer of the schema under `node` (at `at`) with `$dynamicAnchor: anchor`.
fn find_dynamic_anchor(node: &Value, at: &str, anchor: &str, depth: usize) -> Option<String> {
    if depth > MAX_SCHEMA_DEPTH {
        return None;
    }
    match node {
        Value::Object(map) => {
            if map.get("$dynamicAnchor").and_then(Value::as_str) == Some(anchor) {
                return Some(at.to_owned());
            }
            map.iter()
                .filter(|(key, _)| {
                    !matches!(
                        key.as_str(),
                        "example" | "examples" | "enum" | "default" | "const"
                    ) && !key.starts_with("x-")
                })
                .find_map(|(key, value)| {
                    find_dynamic_anchor(value, &pointer::push(at, key), anchor, depth + 1)
                })
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(i, value)| {
            find_dynamic_anchor(value, &pointer::push(at, &i.to_string()), anchor, depth + 1)
        }),
        _ => None,
    }
}
