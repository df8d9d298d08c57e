//! Merging identical inline types.
//!
//! Large specs repeat inline schemas: Stripe declares the same three-value `tax_behavior`
//! enum 47 times and the same address object in dozens of request bodies. Each would be a
//! type of its own, with its own impls to compile. This pass merges inline types whose
//! generated definitions are identical (same kind, fields with the same names, types,
//! docs and defaults, same variants) into the first one, repeating until nothing changes
//! (merging children can make parents identical), then drops the unused copies and
//! renumbers. Component schemas are never merged: their names are the spec's.
//!
//! A merged type keeps the first occurrence's name. When the merged copies had
//! different descriptions, the type's doc is cleared (the emitter then describes it by
//! its values) rather than showing one context's words in another.

use std::collections::{HashMap, HashSet};

use crate::ir::builder::Builder;
use crate::ir::{Operation, Outcome, TypeDef, TypeId, TypeKind, TypeRef};

/// Merges identical inline types; `components` are never merged away.
pub(crate) fn merge_identical(
    builder: &mut Builder<'_>,
    operations: &mut [Operation],
    components: &HashSet<TypeId>,
) {
    let mut removed: HashSet<TypeId> = HashSet::new();
    let mut conflicting_docs: HashSet<TypeId> = HashSet::new();
    loop {
        let mut first_of: HashMap<&TypeKind, TypeId> = HashMap::new();
        let mut replace: HashMap<TypeId, TypeId> = HashMap::new();
        for def in &builder.types {
            if removed.contains(&def.id) || !mergeable(&def.kind) {
                continue;
            }
            match first_of.get(&def.kind) {
                Some(first) if !components.contains(&def.id) => {
                    replace.insert(def.id, *first);
                }
                Some(_) => {}
                None => {
                    first_of.insert(&def.kind, def.id);
                }
            }
        }
        if replace.is_empty() {
            break;
        }
        for (copy, first) in &replace {
            if builder.types[copy.0].doc != builder.types[first.0].doc {
                conflicting_docs.insert(*first);
            }
            removed.insert(*copy);
        }
        rewrite(builder, operations, |id| *replace.get(&id).unwrap_or(&id));
    }
    for id in conflicting_docs {
        builder.types[id.0].doc = None;
    }
    if removed.is_empty() {
        return;
    }
    // Renumber the types that are left.
    let mut renumber: HashMap<TypeId, TypeId> = HashMap::new();
    let mut kept: Vec<TypeDef> = Vec::with_capacity(builder.types.len() - removed.len());
    for mut def in std::mem::take(&mut builder.types) {
        if removed.contains(&def.id) {
            continue;
        }
        let new = TypeId(kept.len());
        renumber.insert(def.id, new);
        def.id = new;
        kept.push(def);
    }
    builder.types = kept;
    rewrite(builder, operations, |id| *renumber.get(&id).unwrap_or(&id));
}

fn mergeable(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Struct(_) | TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Union(_)
    )
}

/// Rewrites every type reference in the types and operations through `map`.
pub(crate) fn rewrite(
    builder: &mut Builder<'_>,
    operations: &mut [Operation],
    map: impl Fn(TypeId) -> TypeId,
) {
    for def in &mut builder.types {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    rewrite_ref(&mut field.ty, &map);
                }
                if let Some(additional) = &mut s.additional {
                    rewrite_ref(additional, &map);
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    rewrite_ref(&mut variant.ty, &map);
                }
            }
            TypeKind::Alias { target, .. } => rewrite_ref(target, &map),
            TypeKind::Responses(r) => {
                for variant in &mut r.variants {
                    if let Some(ty) = &mut variant.response.ty {
                        rewrite_ref(ty, &map);
                    }
                }
            }
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Pending => {}
        }
    }
    for op in operations {
        for param in &mut op.params {
            rewrite_ref(&mut param.ty, &map);
        }
        if let Some(body) = &mut op.body {
            rewrite_ref(&mut body.ty, &map);
        }
        for outcome in [&mut op.success, &mut op.error] {
            match outcome {
                Outcome::Single(response) => {
                    if let Some(ty) = &mut response.ty {
                        rewrite_ref(ty, &map);
                    }
                }
                Outcome::ByStatus(id) => *id = map(*id),
                Outcome::Unspecified => {}
            }
        }
    }
}

fn rewrite_ref(ty: &mut TypeRef, map: &impl Fn(TypeId) -> TypeId) {
    match ty {
        TypeRef::Named(id) => *id = map(*id),
        TypeRef::List(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Clearable(inner) => rewrite_ref(inner, map),
        TypeRef::Primitive(_) => {}
    }
}
