//! `enum` and `const`: string and integer enums that keep unknown values.

use serde_json::Value;

use crate::ir::builder::{Builder, Converted};
use crate::ir::names::{self, NameSet};
use crate::ir::schemas::description_of;
use crate::ir::{
    EnumVariant, IntEnumDef, IntVariant, Primitive, StringEnumDef, TypeId, TypeKind, TypeRef,
};
use crate::spec::schema::Schema;

impl<'s> Builder<'s> {
    pub(super) fn enumeration(
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
        if let [only] = values
            && (only.is_object() || only.is_array())
        {
            // One object or array value: JSON holds it exactly.
            return Converted::json();
        }
        let keyword = if schema.node.contains_key("enum") {
            "`enum`"
        } else {
            "`const`"
        };
        self.warn(
            at,
            format!("{keyword} mixes kinds of values; typed as `serde_json::Value`"),
        );
        Converted::json()
    }

    pub(super) fn slot_or_reserve(
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
}
