//! Recursion in the type graph: what Rust needs so that recursive schemas compile.
//!
//! Three passes, in order:
//! 1. Aliases that only point at each other (`A: {$ref: B}`, `B: {$ref: A}`) describe no
//!    value at all: an error, and one of them becomes `serde_json::Value`.
//! 2. Aliases that mention themselves through a container (`A: {items: {$ref: A}}`)
//!    cannot be `type` aliases in Rust: they become `#[serde(transparent)]` newtypes.
//! 3. A struct, union or newtype that contains itself by value, directly or through
//!    others (strongly connected components of the by-value graph), gets its
//!    in-component fields boxed.

use std::collections::HashSet;

use crate::ir::builder::Builder;
use crate::ir::{Primitive, TypeId, TypeKind, TypeRef};

pub(crate) fn break_cycles(builder: &mut Builder<'_>) {
    break_alias_loops(builder);
    make_recursive_aliases_newtypes(builder);
    box_by_value_cycles(builder);
}

/// The alias an alias points straight at (through boxes only).
fn direct_alias_target(builder: &Builder<'_>, id: TypeId) -> Option<TypeId> {
    let TypeKind::Alias { target, .. } = &builder.types[id.0].kind else {
        return None;
    };
    let mut target = target;
    while let TypeRef::Boxed(inner) = target {
        target = inner;
    }
    match target {
        TypeRef::Named(next) if matches!(builder.types[next.0].kind, TypeKind::Alias { .. }) => {
            Some(*next)
        }
        _ => None,
    }
}

fn break_alias_loops(builder: &mut Builder<'_>) {
    for start in 0..builder.types.len() {
        let mut seen = vec![TypeId(start)];
        let mut current = TypeId(start);
        while let Some(next) = direct_alias_target(builder, current) {
            if next == TypeId(start) {
                let names: Vec<String> = seen
                    .iter()
                    .map(|id| builder.types[id.0].name.clone())
                    .collect();
                let location = builder.types[start].location.clone();
                builder.diagnostics.error(
                    location,
                    format!(
                        "`$ref` cycle with no base case: {} refer only to each other",
                        names.join(" → ")
                    ),
                );
                builder.types[start].kind = TypeKind::Alias {
                    target: TypeRef::Primitive(Primitive::Json),
                    newtype: false,
                };
                break;
            }
            if seen.contains(&next) {
                break;
            }
            seen.push(next);
            current = next;
        }
    }
}

/// Every named type mentioned anywhere in `ty`.
fn mentioned(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::List(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Clearable(inner) => mentioned(inner, out),
        TypeRef::Primitive(_) => {}
    }
}

fn make_recursive_aliases_newtypes(builder: &mut Builder<'_>) {
    let is_alias = |kind: &TypeKind| matches!(kind, TypeKind::Alias { newtype: false, .. });
    let mut recursive = Vec::new();
    for start in 0..builder.types.len() {
        if !is_alias(&builder.types[start].kind) {
            continue;
        }
        // Does expanding this alias (through other aliases) ever name it again?
        let mut stack = vec![TypeId(start)];
        let mut visited = HashSet::new();
        let mut found = false;
        while let Some(id) = stack.pop() {
            let TypeKind::Alias { target, .. } = &builder.types[id.0].kind else {
                continue;
            };
            let mut names = Vec::new();
            mentioned(target, &mut names);
            for next in names {
                if next.0 == start {
                    found = true;
                } else if is_alias(&builder.types[next.0].kind) && visited.insert(next) {
                    stack.push(next);
                }
            }
        }
        if found {
            recursive.push(start);
        }
    }
    for index in recursive {
        if let TypeKind::Alias { newtype, .. } = &mut builder.types[index].kind {
            *newtype = true;
        }
    }
}

/// Types named by value in `ty` (not behind `Vec`, maps or `Box`).
fn by_value(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        // `OrClear<T>` holds its `T` in place.
        TypeRef::Clearable(inner) => by_value(inner),
        _ => None,
    }
}

fn dependencies(kind: &TypeKind) -> Vec<TypeId> {
    match kind {
        TypeKind::Struct(def) => def.fields.iter().filter_map(|f| by_value(&f.ty)).collect(),
        TypeKind::Union(def) => def
            .variants
            .iter()
            .filter_map(|v| by_value(&v.ty))
            .collect(),
        TypeKind::Alias { target, .. } => by_value(target).into_iter().collect(),
        TypeKind::Responses(def) => def
            .variants
            .iter()
            .filter_map(|v| v.response.ty.as_ref().and_then(by_value))
            .collect(),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Pending => Vec::new(),
    }
}

fn box_by_value_cycles(builder: &mut Builder<'_>) {
    let edges: Vec<Vec<TypeId>> = builder
        .types
        .iter()
        .map(|t| dependencies(&t.kind))
        .collect();
    let component = strongly_connected(&edges);
    for (index, def) in builder.types.iter_mut().enumerate() {
        let same =
            |ty: &TypeRef| by_value(ty).is_some_and(|dep| component[dep.0] == component[index]);
        let boxed = |ty: &mut TypeRef| {
            let inner = std::mem::replace(ty, TypeRef::Primitive(Primitive::Json));
            *ty = TypeRef::Boxed(Box::new(inner));
        };
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    if same(&field.ty) {
                        boxed(&mut field.ty);
                    }
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    if same(&variant.ty) {
                        boxed(&mut variant.ty);
                    }
                }
            }
            TypeKind::Alias {
                target,
                newtype: true,
            } if same(target) => {
                boxed(target);
            }
            _ => {}
        }
    }
}

/// Tarjan's algorithm, iteratively: the component index of every node.
fn strongly_connected(edges: &[Vec<TypeId>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(next) = edges[node].get(*edge).map(|t| t.0) {
                *edge += 1;
                if index[next] == usize::MAX {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_small_graph() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let edges = vec![
            vec![TypeId(1)],
            vec![TypeId(2)],
            vec![TypeId(0)],
            vec![TypeId(3)],
            vec![],
        ];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[3]);
        assert_ne!(c[3], c[4]);
    }
}
