//! Which enum variants of untagged unions must match only their known values.
//!
//! Generated enums keep values they do not know (`Unknown(String)`), so an enum accepts
//! every string (or integer). In an untagged union that is a trap: serde tries variants
//! in order, and an enum tried before a plain string variant, or before another enum,
//! would take every value meant for those. This pass marks such a variant `known_only`
//! when a later variant accepts the same kind of JSON value; the emitter then decodes it
//! as "a known value or not this variant". The last variant that accepts a kind keeps
//! the lenient decoding, so a value no variant knows is still kept rather than refused.

use crate::ir::builder::Builder;
use crate::ir::{Primitive, TypeKind, TypeRef};

/// The kinds of JSON value a type accepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Accepts {
    strings: bool,
    integers: bool,
}

impl Accepts {
    const ALL: Accepts = Accepts {
        strings: true,
        integers: true,
    };

    fn or(self, other: Accepts) -> Accepts {
        Accepts {
            strings: self.strings || other.strings,
            integers: self.integers || other.integers,
        }
    }

    fn overlaps(self, other: Accepts) -> bool {
        (self.strings && other.strings) || (self.integers && other.integers)
    }
}

pub(crate) fn mark_known_only_variants(builder: &mut Builder<'_>) {
    for index in 0..builder.types.len() {
        let TypeKind::Union(union) = &builder.types[index].kind else {
            continue;
        };
        if union.tag.is_some() {
            continue;
        }
        let kinds: Vec<Accepts> = union
            .variants
            .iter()
            .map(|v| accepts(builder, &v.ty, 0))
            .collect();
        let marks: Vec<bool> = union
            .variants
            .iter()
            .enumerate()
            .map(|(i, variant)| {
                is_enum(builder, &variant.ty, 0)
                    && kinds[i + 1..].iter().any(|later| kinds[i].overlaps(*later))
            })
            .collect();
        if let TypeKind::Union(union) = &mut builder.types[index].kind {
            for (variant, mark) in union.variants.iter_mut().zip(marks) {
                variant.known_only = mark;
            }
        }
    }
}

/// Bound on alias and union nesting followed here (cycles are broken elsewhere).
const MAX_DEPTH: usize = 16;

/// Whether `ty` is (through aliases) a generated string or integer enum.
fn is_enum(builder: &Builder<'_>, ty: &TypeRef, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match ty {
        TypeRef::Named(id) => match &builder.types[id.0].kind {
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => true,
            TypeKind::Alias {
                target,
                newtype: false,
            } => is_enum(builder, target, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

/// The strings and integers `ty` would decode.
fn accepts(builder: &Builder<'_>, ty: &TypeRef, depth: usize) -> Accepts {
    if depth > MAX_DEPTH {
        return Accepts::ALL;
    }
    match ty {
        TypeRef::Named(id) => match &builder.types[id.0].kind {
            TypeKind::StringEnum(_) => Accepts {
                strings: true,
                integers: false,
            },
            TypeKind::IntEnum(_) => Accepts {
                strings: false,
                integers: true,
            },
            TypeKind::Alias { target, .. } => accepts(builder, target, depth + 1),
            TypeKind::Union(union) if union.tag.is_none() => {
                union.variants.iter().fold(Accepts::default(), |all, v| {
                    all.or(accepts(builder, &v.ty, depth + 1))
                })
            }
            _ => Accepts::default(),
        },
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) | TypeRef::Clearable(inner) => {
            accepts(builder, inner, depth + 1)
        }
        TypeRef::Primitive(
            Primitive::String | Primitive::Binary | Primitive::EmptyString | Primitive::Expandable,
        ) => Accepts {
            strings: true,
            integers: false,
        },
        TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::F64) => Accepts {
            strings: false,
            integers: true,
        },
        TypeRef::Primitive(Primitive::Json) => Accepts::ALL,
        _ => Accepts::default(),
    }
}
