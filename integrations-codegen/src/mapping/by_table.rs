//! Entries converted by another table of the same file (`table = "MailTo"`): a
//! Schema.org object, or each of several, turned into the provider object another table
//! makes, and back. Owns the checks of both sides of such an entry and the resolution of
//! the named table once every table of the file is loaded.

use crate::diagnostics::{Diagnostics, Location, closest};
use crate::ir::{Api, Field, TypeKind, TypeRef};
use crate::vocabulary::{Expected, Vocabulary};

use super::{Table, list};

/// What a `table` entry converts, and through which table.
#[derive(Debug, Clone)]
pub(super) struct ByTable {
    /// The other table's `provider`, as written in the file.
    pub(super) name: String,
    /// The Schema.org type converted: the property's type.
    pub(super) schema: String,
    /// The provider type the field holds (each item's, for a list).
    pub(super) rust_type: String,
    /// Whether the field holds a list of them, the property several values.
    pub(super) list: bool,
    /// Whether the field holds its one value in a `Box`.
    pub(super) boxed: bool,
    /// Whether the other table's way to the provider can fail (a `TryFrom`); known once
    /// every table is loaded.
    pub(super) fallible: bool,
}

/// The type of a one-step property path of `schema` that holds Schema.org objects (one
/// or several).
pub(super) fn object_property(
    vocabulary: &Vocabulary,
    schema: &str,
    path: &[String],
) -> Result<Expected, String> {
    let ty = &vocabulary.types[schema];
    let [property] = path else {
        return Err(format!(
            "a `table` entry maps a property of `{}` itself, holding objects, and `{}` is a path",
            ty.name,
            path.join(".")
        ));
    };
    let Some(expected) = ty.properties.get(property) else {
        let hint = closest(property, ty.properties.keys().map(String::as_str))
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        return Err(format!("`{}` has no property `{property}`{hint}", ty.name));
    };
    if expected.data {
        return Err(format!(
            "`{}.{property}` is {}, and a `table` entry converts Schema.org objects",
            ty.name, expected.name
        ));
    }
    Ok(expected.clone())
}

/// The provider type `field` holds for a `table` entry named `name` whose property
/// expects `expected`: one object for one value, a list of objects for several.
pub(super) fn held(
    api: &Api,
    name: &str,
    expected: &Expected,
    field: &Field,
) -> Result<ByTable, String> {
    let mut ty = unwrap_nullable(&field.ty);
    if expected.many {
        let TypeRef::List(item) = ty else {
            return Err(format!(
                "the property holds several `{}`, and the provider one value, not a list",
                expected.name
            ));
        };
        if matches!(item.as_ref(), TypeRef::Nullable(_)) {
            return Err("the provider's list may hold `null` items, which a `table` entry does not write or read".to_owned());
        }
        ty = item;
    } else if matches!(ty, TypeRef::List(_)) {
        return Err(format!(
            "the provider holds a list, and the property one `{}`",
            expected.name
        ));
    }
    let boxed = matches!(ty, TypeRef::Boxed(_));
    if boxed && expected.many {
        return Err(
            "the provider's list holds boxed items, which a `table` entry does not fill".to_owned(),
        );
    }
    if let TypeRef::Boxed(inner) = ty {
        ty = unwrap_nullable(inner);
    }
    // Through aliases, to the object.
    let def = loop {
        let TypeRef::Named(id) = ty else {
            return Err(format!(
                "the provider holds {}, not an object",
                super::describe(ty)
            ));
        };
        let def = api.ty(*id);
        match &def.kind {
            TypeKind::Struct(_) => break def,
            TypeKind::Alias {
                target,
                newtype: false,
            } => ty = target,
            _ => return Err(format!("the provider's `{}` is not an object", def.name)),
        }
    };
    Ok(ByTable {
        name: name.to_owned(),
        schema: expected.name.clone(),
        rust_type: def.name.clone(),
        list: expected.many,
        boxed,
        fallible: false,
    })
}

fn unwrap_nullable(mut ty: &TypeRef) -> &TypeRef {
    while let TypeRef::Nullable(inner) = ty {
        ty = inner;
    }
    ty
}

/// Finds the table each `table` entry names (by `provider` and the property's Schema.org
/// type), checks that it makes the type the field holds and goes the entry's way, and
/// records whether it can fail. Tables may convert through tables that do the same:
/// whether each can fail is settled by repeating until nothing changes (a table only
/// ever becomes fallible, so this ends, circles included).
pub(super) fn resolve(
    tables: &mut [Table],
    references: &[(usize, usize, Location)],
    diagnostics: &mut Diagnostics,
) {
    let mut found = Vec::new();
    for (table, pair, at) in references {
        let Some(by) = &tables[*table].pairs[*pair].by_table else {
            continue;
        };
        let direction = tables[*table].pairs[*pair].direction;
        let property = tables[*table].pairs[*pair].path.join(".");
        let Some(other) = tables
            .iter()
            .position(|t| t.provider == by.name && t.schema == by.schema)
        else {
            let names: Vec<String> = tables
                .iter()
                .filter(|t| t.schema == by.schema)
                .map(|t| t.provider.clone())
                .collect();
            let hint = closest(&by.name, names.iter().map(String::as_str))
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            diagnostics.error(
                at.clone(),
                format!(
                    "`{property}`: the file has no table from `{}` to `{}`{hint}; tables from `{}`: {}",
                    by.schema,
                    by.name,
                    by.schema,
                    list(&names)
                ),
            );
            continue;
        };
        let made = &tables[other];
        let mut problems = Vec::new();
        if made.rust_type != by.rust_type {
            problems.push(format!(
                "the `{}` table makes a `{}`, and the field holds `{}`",
                by.name, made.rust_type, by.rust_type
            ));
        }
        if direction.writes() && !made.pairs.iter().any(|p| p.direction.writes()) {
            problems.push(format!(
                "the `{}` table writes nothing to the provider, and `{property}` is written (say `direction = \"from_provider\"`)",
                by.name
            ));
        }
        if direction.reads() && !made.pairs.iter().any(|p| p.direction.reads()) {
            problems.push(format!(
                "the `{}` table reads nothing from the provider, and `{property}` is read (say `direction = \"to_provider\"`)",
                by.name
            ));
        }
        if problems.is_empty() {
            found.push((*table, *pair, other));
        } else {
            diagnostics.error(at.clone(), format!("`{property}`: {}", problems.join("; ")));
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for &(table, pair, other) in &found {
            let fallible = tables[other].fallible();
            if let Some(by) = tables[table].pairs[pair].by_table.as_mut()
                && by.fallible != fallible
            {
                by.fallible = fallible;
                changed = true;
            }
        }
    }
}
