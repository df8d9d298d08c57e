//! Type hooks: extra attributes (derives, `#[serde(...)]`, …) on generated types, or an
//! existing Rust type in place of one, selected by the JSON Pointer of the type's schema
//! (`#/components/schemas/Customer`, or `*` for every type's attributes). A hook that
//! selects nothing is a warning, one that does not parse an error: a typo never changes
//! nothing in silence.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostics, Location};
use crate::ir::{Api, TypeId};

/// The hooks of one generation, in the order they were given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeHooks {
    attributes: Vec<(String, String)>,
    replacements: Vec<(String, String)>,
}

/// Hooks matched to the types they apply to, checked.
#[derive(Debug, Clone, Default)]
pub struct ResolvedHooks {
    /// Attributes by type, in the order given.
    pub(crate) attributes: BTreeMap<TypeId, Vec<String>>,
    /// The Rust type standing in for a generated one.
    pub(crate) replacements: BTreeMap<TypeId, String>,
}

/// `#/a/b` and `/a/b` select the same schema.
fn normalize(pointer: &str) -> String {
    match pointer.strip_prefix('#') {
        Some(fragment) => crate::spec::pointer::decode_fragment(fragment),
        None => pointer.to_owned(),
    }
}

impl TypeHooks {
    /// No hooks.
    pub fn new() -> Self {
        TypeHooks::default()
    }

    /// Puts `attribute` (written out: `#[derive(Eq, Hash)]`, `#[serde(deny_unknown_fields)]`)
    /// on the type generated for the schema at `pointer` (`*`: on every type).
    pub fn attribute(
        &mut self,
        pointer: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.attributes.push((pointer.into(), attribute.into()));
        self
    }

    /// Derives `traits` (`"Eq, Hash"`) on the type generated for the schema at `pointer`.
    pub fn derive(&mut self, pointer: impl Into<String>, traits: &str) -> &mut Self {
        self.attribute(pointer, format!("#[derive({traits})]"))
    }

    /// Uses the Rust type `path` (`crate::money::Money`) where the schema at `pointer`
    /// would have a generated type: the generated name becomes an alias of it, so the
    /// rest of the generated code uses it as it is. It must serialize and deserialize as
    /// the schema says, and be `Clone`, `Debug` and `PartialEq` like generated types.
    pub fn replace(&mut self, pointer: impl Into<String>, path: impl Into<String>) -> &mut Self {
        self.replacements.push((pointer.into(), path.into()));
        self
    }

    /// Hooks from (pointer, attribute) and (pointer, path) pairs, as the CLI and the macro
    /// take them.
    pub fn from_pairs<P, A, R>(attributes: A, replacements: R) -> Self
    where
        P: Into<String>,
        A: IntoIterator<Item = (P, P)>,
        R: IntoIterator<Item = (P, P)>,
    {
        let mut hooks = TypeHooks::new();
        for (pointer, attribute) in attributes {
            hooks.attribute(pointer, attribute);
        }
        for (pointer, path) in replacements {
            hooks.replace(pointer, path);
        }
        hooks
    }

    /// Whether there are no hooks.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.replacements.is_empty()
    }

    /// Matches the hooks to `api`'s types. An attribute or path that does not parse is an
    /// error; a pointer no type comes from is a warning (at `spec`).
    pub fn resolve(&self, api: &Api, spec: &Path, diagnostics: &mut Diagnostics) -> ResolvedHooks {
        let mut resolved = ResolvedHooks::default();
        let at = |pointer: &str| Location::new(spec, normalize(pointer));
        let matching = |pointer: &str| -> Vec<TypeId> {
            let wanted = normalize(pointer);
            api.types
                .iter()
                .filter(|def| pointer == "*" || def.schemas.contains(&wanted))
                .map(|def| def.id)
                .collect()
        };
        for (pointer, path) in &self.replacements {
            if let Err(e) = syn::parse_str::<syn::Type>(path) {
                diagnostics.error(
                    at(pointer),
                    format!("the replacement `{path}` is not a Rust type: {e}"),
                );
                continue;
            }
            if pointer == "*" {
                diagnostics.error(at(pointer), "a replacement names one schema, not `*`");
                continue;
            }
            let ids = matching(pointer);
            if ids.is_empty() {
                diagnostics.warning(
                    at(pointer),
                    format!("no generated type comes from `{pointer}`; the replacement `{path}` is not used"),
                );
            }
            for id in ids {
                resolved.replacements.insert(id, path.clone());
            }
        }
        for (pointer, attribute) in &self.attributes {
            let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attribute);
            match parsed {
                Ok(attrs) if attrs.len() == 1 => {}
                Ok(_) => {
                    diagnostics.error(
                        at(pointer),
                        format!("`{attribute}` is not one outer attribute (`#[...]`)"),
                    );
                    continue;
                }
                Err(e) => {
                    diagnostics.error(
                        at(pointer),
                        format!("`{attribute}` is not an attribute: {e}"),
                    );
                    continue;
                }
            }
            let ids = matching(pointer);
            if ids.is_empty() {
                diagnostics.warning(
                    at(pointer),
                    format!(
                        "no generated type comes from `{pointer}`; `{attribute}` is not applied"
                    ),
                );
            }
            for id in ids {
                if resolved.replacements.contains_key(&id) {
                    if pointer != "*" {
                        diagnostics.warning(
                            at(pointer),
                            format!(
                                "the type of `{pointer}` is replaced; `{attribute}` is not applied"
                            ),
                        );
                    }
                    continue;
                }
                resolved
                    .attributes
                    .entry(id)
                    .or_default()
                    .push(attribute.clone());
            }
        }
        resolved
    }
}
