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
//! A merged type is named by what all its uses' names share ([`shared_name`]), so that it
//! reads right wherever it is used (not `confirmation_method: ReconciliationMode`). When
//! the merged copies had different descriptions, the type's doc is cleared (the emitter
//! then describes it by its values) rather than showing one context's words in another.

use std::collections::{HashMap, HashSet};

use crate::ir::builder::Builder;
use crate::ir::names::camel_words;
use crate::ir::{Operation, Outcome, TypeDef, TypeId, TypeKind, TypeRef, WebhookEvent};

/// Merges identical inline types; `components` are never merged away.
pub(crate) fn merge_identical(
    builder: &mut Builder<'_>,
    operations: &mut [Operation],
    events: &mut [WebhookEvent],
    components: &HashSet<TypeId>,
) {
    let mut removed: HashSet<TypeId> = HashSet::new();
    let mut conflicting_docs: HashSet<TypeId> = HashSet::new();
    // The names each kept type stands for (its own, then its copies').
    let mut uses: HashMap<TypeId, Vec<String>> = HashMap::new();
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
        let mut merged: Vec<(&TypeId, &TypeId)> = replace.iter().collect();
        merged.sort();
        for (copy, first) in merged {
            if builder.types[copy.0].doc != builder.types[first.0].doc {
                conflicting_docs.insert(*first);
            }
            let copy_schemas = builder.types[copy.0].schemas.clone();
            builder.types[first.0].schemas.extend(copy_schemas);
            let copy_uses = uses
                .remove(copy)
                .unwrap_or_else(|| vec![builder.types[copy.0].name.clone()]);
            uses.entry(*first)
                .or_insert_with(|| vec![builder.types[first.0].name.clone()])
                .extend(copy_uses);
            removed.insert(*copy);
        }
        rewrite(builder, operations, events, |id| {
            *replace.get(&id).unwrap_or(&id)
        });
    }
    for id in conflicting_docs {
        builder.types[id.0].doc = None;
    }
    // The copies' names are free again; each merged type is then named by what its uses
    // share, or else by the shortest of its uses' own names that is free, so that its
    // name depends on the set of its uses, not on which came first, and gets a number
    // only when every candidate is taken.
    for id in &removed {
        let name = builder.types[id.0].name.clone();
        builder.type_names.release(&name);
    }
    let mut renamed: Vec<(TypeId, Vec<String>)> = uses
        .into_iter()
        .filter(|(id, _)| !components.contains(id))
        .collect();
    renamed.sort();
    let shared: Vec<Option<String>> = renamed
        .iter()
        .map(|(id, names)| shared_name(names, &builder.types[id.0].kind))
        .collect();
    // A shared name two merged types would both take goes to neither: which one got it
    // would depend on their order.
    let mut demand: HashMap<&str, usize> = HashMap::new();
    for name in shared.iter().flatten() {
        *demand.entry(name.as_str()).or_default() += 1;
    }
    let contested: HashSet<String> = demand
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|(name, _)| name.to_owned())
        .collect();
    for current in renamed
        .iter()
        .map(|(id, _)| builder.types[id.0].name.clone())
    {
        builder.type_names.release(&current);
    }
    for ((id, names), shared) in renamed.iter().zip(shared) {
        let candidates = by_preference(names);
        let shared = shared.filter(|name| !contested.contains(name));
        let current = builder.types[id.0].name.clone();
        let chosen = shared
            .iter()
            .chain(candidates.iter().copied())
            .find(|name| builder.type_names.is_free(name))
            .cloned()
            .unwrap_or_else(|| shared.clone().unwrap_or(current));
        builder.types[id.0].name = builder.type_names.claim(&chosen);
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
    rewrite(builder, operations, events, |id| {
        *renumber.get(&id).unwrap_or(&id)
    });
}

/// The uses' names, the most telling first: those ending as most uses do (a list's
/// `EmailsItem`, when more uses are emails than instant-messaging ids), endings in text
/// order on a tie, then the shortest, then in text order, so that the choice depends on
/// the set of uses alone.
fn by_preference(names: &[String]) -> Vec<&String> {
    let ending = |name: &str| {
        let words = camel_words(name);
        words[words.len().saturating_sub(2)..].concat()
    };
    let mut endings: HashMap<String, usize> = HashMap::new();
    for name in names {
        *endings.entry(ending(name)).or_default() += 1;
    }
    let mut candidates: Vec<&String> = names.iter().collect();
    candidates.sort_by(|a, b| {
        let (ending_a, ending_b) = (ending(a), ending(b));
        endings[&ending_b]
            .cmp(&endings[&ending_a])
            .then_with(|| ending_a.cmp(&ending_b))
            .then_with(|| a.len().cmp(&b.len()))
            .then_with(|| a.cmp(b))
    });
    candidates.dedup();
    candidates
}

/// A name for a type merged from copies named `names`: the words all the names share, in
/// order (`PostCustomersBodyAddress` and `PostCustomersCustomerBodyAddress` give
/// `PostCustomersBodyAddress`; `OrdersCreateErrorUnauthorized` and
/// `OrdersCaptureErrorNotFound` give `OrdersError`), else, for an enum, its values
/// (`AutomaticOrManual`). `None` keeps the first name.
fn shared_name(names: &[String], kind: &TypeKind) -> Option<String> {
    /// Words that say nothing alone.
    const GENERIC: &[&str] = &[
        "Item", "Items", "Value", "Body", "Field", "Variant", "Object", "Data",
    ];
    let mut words: Vec<String> = camel_words(names.first()?);
    for name in &names[1..] {
        words = common_subsequence(&words, &camel_words(name));
    }
    let says_something = words.len() > 1
        || words
            .first()
            .is_some_and(|w| !GENERIC.contains(&w.as_str()));
    if says_something {
        return Some(words.concat());
    }
    match kind {
        TypeKind::StringEnum(e) if (2..=3).contains(&e.variants.len()) => {
            let values: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
            Some(values.join("Or"))
        }
        _ => None,
    }
}

/// The longest common subsequence of two word lists.
fn common_subsequence(a: &[String], b: &[String]) -> Vec<String> {
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(a[i].clone());
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn mergeable(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Struct(_) | TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Union(_)
    )
}

/// Rewrites every type reference in the types, operations and events through `map`.
pub(crate) fn rewrite(
    builder: &mut Builder<'_>,
    operations: &mut [Operation],
    events: &mut [WebhookEvent],
    map: impl Fn(TypeId) -> TypeId,
) {
    for event in events {
        rewrite_ref(&mut event.ty, &map);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumVariant, StringEnumDef};

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn merged_types_are_named_by_what_their_uses_share() {
        let object = TypeKind::Struct(Default::default());
        assert_eq!(
            shared_name(
                &names(&[
                    "PostCustomersBodyAddress",
                    "PostCustomersCustomerBodyAddress"
                ]),
                &object
            )
            .as_deref(),
            Some("PostCustomersBodyAddress")
        );
        assert_eq!(
            shared_name(
                &names(&[
                    "OrdersCreateErrorUnauthorized",
                    "OrdersCaptureErrorNotFound"
                ]),
                &object
            )
            .as_deref(),
            Some("OrdersError")
        );
        let values = TypeKind::StringEnum(StringEnumDef {
            variants: ["Automatic", "Manual"]
                .iter()
                .map(|v| EnumVariant {
                    name: (*v).to_owned(),
                    value: v.to_lowercase(),
                })
                .collect(),
        });
        assert_eq!(
            shared_name(
                &names(&[
                    "CustomerBalanceCustomerBalanceSettingsReconciliationMode",
                    "PaymentIntentConfirmationMethod"
                ]),
                &values
            )
            .as_deref(),
            Some("AutomaticOrManual")
        );
        assert_eq!(shared_name(&names(&["AItem", "BItem"]), &object), None);
    }
}
