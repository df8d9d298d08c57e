//! The Schema.org vocabulary the toolkit maps provider types to
//! (`specs/schema.org/vocabulary.toml`), read and checked, and written as Rust types:
//! one struct per Schema.org type, with the properties of the types it extends, every
//! property optional, serialized as JSON-LD (Schema.org's property names, `@type` on
//! output and checked on input).

use std::collections::BTreeMap;
use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;

use crate::diagnostics::{Diagnostics, Location, closest};
use crate::emit::idents::{ident, lit};
use crate::ir::names;

/// The vocabulary file this crate was built with.
const BUNDLED: &str = include_str!("../vocabulary.toml");

/// Schema.org's data types: how each is held in Rust, and what its doc says.
const DATA_TYPES: &[(&str, &str, &str)] = &[
    ("Text", "::std::string::String", "text"),
    ("URL", "::std::string::String", "a URL"),
    (
        "Date",
        "::std::string::String",
        "an ISO 8601 date (`YYYY-MM-DD`)",
    ),
    ("DateTime", "::std::string::String", "an ISO 8601 date-time"),
    ("Time", "::std::string::String", "an ISO 8601 time"),
    (
        "Number",
        "::integrations_runtime::serde_json::Number",
        "a number, kept exactly as written",
    ),
    ("Integer", "i64", "a whole number"),
    ("Boolean", "bool", "true or false"),
];

/// The vocabulary file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    types: BTreeMap<String, TypeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeEntry {
    extends: Option<String>,
    doc: String,
    #[serde(default)]
    properties: BTreeMap<String, String>,
}

/// A property's expected type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// A data type (`Text`) or a type of the vocabulary (`PostalAddress`).
    pub name: String,
    /// Whether it holds several values (`ContactPoint[]`).
    pub many: bool,
    /// Whether `name` is a data type.
    pub data: bool,
}

/// A Schema.org type with every property it has (its own and those of the types it
/// extends), by Schema.org name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaType {
    /// The name (`Person`).
    pub name: String,
    /// The types it extends, nearest first (`Thing`).
    pub ancestors: Vec<String>,
    /// What it is, in our words.
    pub doc: String,
    /// Its properties and the type each expects, in name order.
    pub properties: BTreeMap<String, Expected>,
}

/// The vocabulary: every type, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    /// The types, in name order.
    pub types: BTreeMap<String, SchemaType>,
}

impl Vocabulary {
    /// Reads and checks the vocabulary at `path`: every type a property expects or a type
    /// extends is a data type or defined, and no type extends itself.
    pub fn load(path: &Path) -> Result<Vocabulary, Diagnostics> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_text(&text, path),
            Err(e) => {
                let mut diagnostics = Diagnostics::new();
                diagnostics.error(
                    Location::new(path, ""),
                    format!("cannot read the vocabulary: {e}"),
                );
                Err(diagnostics)
            }
        }
    }

    /// The vocabulary this crate was built with (`specs/schema.org/vocabulary.toml`):
    /// what `#[derive(Integration)]` checks user types against.
    pub fn bundled() -> Result<Vocabulary, Diagnostics> {
        Self::from_text(BUNDLED, Path::new("specs/schema.org/vocabulary.toml"))
    }

    /// The vocabulary written in `text` (read from `path`, named in diagnostics).
    pub fn from_text(text: &str, path: &Path) -> Result<Vocabulary, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let at = |pointer: &str| Location::new(path, pointer);
        let file: File = match toml::from_str(text) {
            Ok(file) => file,
            Err(e) => {
                diagnostics.error(at(""), format!("not a vocabulary: {}", e.message()));
                return Err(diagnostics);
            }
        };
        let known = |name: &str| {
            file.types.contains_key(name) || DATA_TYPES.iter().any(|(data, _, _)| *data == name)
        };
        let candidates = || {
            file.types
                .keys()
                .map(String::as_str)
                .chain(DATA_TYPES.iter().map(|(data, _, _)| *data))
        };
        let hint = |name: &str| {
            closest(name, candidates())
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default()
        };
        for (name, entry) in &file.types {
            if let Some(parent) = &entry.extends
                && !file.types.contains_key(parent)
            {
                diagnostics.error(
                    at(&format!("/types/{name}/extends")),
                    format!(
                        "`{name}` extends `{parent}`, which the vocabulary does not define{}",
                        hint(parent)
                    ),
                );
            }
            for (property, expected) in &entry.properties {
                let bare = expected.strip_suffix("[]").unwrap_or(expected);
                if !known(bare) {
                    diagnostics.error(
                        at(&format!("/types/{name}/properties/{property}")),
                        format!("`{name}.{property}` expects `{bare}`, which is neither a data type nor a type of the vocabulary{}", hint(bare)),
                    );
                }
            }
        }
        let mut types = BTreeMap::new();
        for (name, entry) in &file.types {
            let mut ancestors = Vec::new();
            let mut properties = BTreeMap::new();
            let mut current = Some((name, entry));
            while let Some((type_name, type_entry)) = current {
                if ancestors.contains(type_name) || (type_name == name && !ancestors.is_empty()) {
                    diagnostics.error(
                        at(&format!("/types/{name}/extends")),
                        format!("`{name}` extends itself (through {})", ancestors.join(", ")),
                    );
                    break;
                }
                for (property, expected) in &type_entry.properties {
                    let bare = expected.strip_suffix("[]").unwrap_or(expected);
                    // The nearest definition wins (a subtype may narrow what it expects).
                    properties
                        .entry(property.clone())
                        .or_insert_with(|| Expected {
                            name: bare.to_owned(),
                            many: expected.ends_with("[]"),
                            data: DATA_TYPES.iter().any(|(data, _, _)| *data == bare),
                        });
                }
                if type_name != name {
                    ancestors.push(type_name.clone());
                }
                current = type_entry
                    .extends
                    .as_ref()
                    .and_then(|parent| file.types.get_key_value(parent));
            }
            types.insert(
                name.clone(),
                SchemaType {
                    name: name.clone(),
                    ancestors,
                    doc: entry.doc.clone(),
                    properties,
                },
            );
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(Vocabulary { types })
    }

    /// The Rust module body for the vocabulary, formatted: one struct per type.
    pub fn render(&self) -> Result<String, crate::emit::RenderError> {
        let items = self.types.values().map(type_tokens);
        crate::emit::format(quote! {
            /// The `@type` of a value: written from its Rust type, and checked when read
            /// (a `Person` is not read from an `Organization`).
            #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::default::Default, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
            pub struct JsonLdType;

            #(#items)*
        })
    }
}

/// The Rust field name of a Schema.org property (`givenName` → `given_name`).
pub fn field_name(property: &str) -> String {
    names::snake(property, "property")
}

/// The struct of one Schema.org type.
fn type_tokens(ty: &SchemaType) -> TokenStream {
    let rt = quote!(::integrations_runtime);
    let name = ident(&ty.name);
    let tag = lit(&ty.name);
    let mut doc_text = format!(
        " {} Schema.org's [`{}`](https://schema.org/{})",
        ty.doc, ty.name, ty.name
    );
    if !ty.ancestors.is_empty() {
        let chain: Vec<String> = ty.ancestors.iter().map(|a| format!("`{a}`")).collect();
        doc_text.push_str(&format!(", with the properties of {}", chain.join(" and ")));
    }
    doc_text.push('.');
    let doc_lit = lit(&doc_text);
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for (property, expected) in &ty.properties {
        let field = ident(&field_name(property));
        let wire = lit(property);
        let (inner, said) = match DATA_TYPES
            .iter()
            .find(|(data, _, _)| *data == expected.name)
        {
            Some((_, rust, said)) => (
                syn::parse_str::<syn::Type>(rust)
                    .map(|t| quote!(#t))
                    .unwrap_or_default(),
                (*said).to_owned(),
            ),
            None => {
                let other = ident(&expected.name);
                (quote!(#other), format!("a [`{}`]", expected.name))
            }
        };
        let boxed = !expected.data && !expected.many;
        let (field_ty, setter) = if expected.many {
            (
                quote!(::std::vec::Vec<#inner>),
                quote! {
                    pub fn #field(mut self, values: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#inner>>) -> Self {
                        self.#field = values.into_iter().map(::std::convert::Into::into).collect();
                        self
                    }
                },
            )
        } else if boxed {
            (
                quote!(::std::option::Option<::std::boxed::Box<#inner>>),
                quote! {
                    pub fn #field(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                        self.#field = ::std::option::Option::Some(::std::boxed::Box::new(value.into()));
                        self
                    }
                },
            )
        } else {
            (
                quote!(::std::option::Option<#inner>),
                quote! {
                    pub fn #field(mut self, value: impl ::std::convert::Into<#inner>) -> Self {
                        self.#field = ::std::option::Option::Some(value.into());
                        self
                    }
                },
            )
        };
        let skip = if expected.many {
            lit("::std::vec::Vec::is_empty")
        } else {
            lit("::std::option::Option::is_none")
        };
        let field_doc = lit(&format!(
            " `{property}`: {said}{}.",
            if expected.many { ", several" } else { "" }
        ));
        let setter_doc = lit(&format!(" With `{property}` set."));
        fields.push(quote! {
            #[doc = #field_doc]
            #[serde(rename = #wire, default, skip_serializing_if = #skip)]
            pub #field: #field_ty,
        });
        setters.push(quote! {
            #[doc = #setter_doc]
            #setter
        });
    }
    let serde_crate = lit("::integrations_runtime::serde");
    let write_type = lit(&format!("{}::write_type", ty.name));
    let read_type = lit(&format!("{}::read_type", ty.name));
    let type_doc = lit(&format!(" `@type`: always `{}`.", ty.name));
    let wrong_type = lit(&format!("`@type` should be `{}`, found `{{}}`", ty.name));
    quote! {
        #[doc = #doc_lit]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::default::Default, ::std::cmp::PartialEq, #rt::serde::Serialize, #rt::serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        #[non_exhaustive]
        pub struct #name {
            #[doc = #type_doc]
            #[serde(rename = "@type", serialize_with = #write_type, deserialize_with = #read_type)]
            pub json_ld_type: JsonLdType,
            #(#fields)*
            /// Properties this vocabulary does not list (`@context`, `@id`, other
            /// Schema.org properties), kept so that nothing read is lost.
            #[serde(flatten)]
            pub other: ::std::collections::BTreeMap<::std::string::String, #rt::serde_json::Value>,
        }

        impl #name {
            /// A value with nothing set.
            pub fn new() -> Self {
                ::std::default::Default::default()
            }

            fn write_type<S: #rt::serde::Serializer>(_: &JsonLdType, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(#tag)
            }

            fn read_type<'de, D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<JsonLdType, D::Error> {
                let found = <::std::string::String as #rt::serde::Deserialize>::deserialize(deserializer)?;
                if found == #tag {
                    ::std::result::Result::Ok(JsonLdType)
                } else {
                    ::std::result::Result::Err(<D::Error as #rt::serde::de::Error>::custom(::std::format!(#wrong_type, found)))
                }
            }

            #(#setters)*
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Vocabulary;

    fn load(text: &str) -> Result<Vocabulary, String> {
        let dir = std::env::temp_dir().join(format!("vocabulary-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{:x}.toml", fastrand_like(text)));
        std::fs::write(&path, text).unwrap();
        Vocabulary::load(&path).map_err(|d| d.to_string())
    }

    /// A file name per text, without a random number generator.
    fn fastrand_like(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    }

    #[test]
    fn the_shipped_vocabulary_loads_with_inherited_properties() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/schema.org/vocabulary.toml");
        let vocabulary = Vocabulary::load(&path).expect("it loads");
        for name in [
            "Person",
            "Organization",
            "PostalAddress",
            "ContactPoint",
            "Order",
            "OrderItem",
            "Invoice",
            "Product",
            "Offer",
            "MonetaryAmount",
            "PriceSpecification",
            "Message",
            "EmailMessage",
            "MediaObject",
            "DigitalDocument",
            "QuantitativeValue",
            "Event",
            "Action",
        ] {
            assert!(vocabulary.types.contains_key(name), "{name}");
        }
        let address = &vocabulary.types["PostalAddress"];
        assert_eq!(address.ancestors, ["ContactPoint", "Thing"]);
        assert!(address.properties.contains_key("streetAddress"));
        assert!(address.properties.contains_key("telephone"));
        assert!(address.properties.contains_key("name"));
        let email = &vocabulary.types["EmailMessage"];
        assert_eq!(email.ancestors, ["Message", "CreativeWork", "Thing"]);
        assert!(email.properties["recipient"].many);
    }

    #[test]
    fn unknown_types_are_named_with_a_near_one() {
        let error = load(
            "[types.Thing]\ndoc = \"x\"\n[types.Person]\nextends = \"Thng\"\ndoc = \"p\"\nproperties = { address = \"PostalAdress\", email = \"Txt\" }\n",
        )
        .expect_err("unknown types");
        assert!(error.contains("#/types/Person/extends"), "{error}");
        assert!(error.contains("did you mean `Thing`?"), "{error}");
        assert!(error.contains("#/types/Person/properties/email"), "{error}");
        assert!(error.contains("did you mean `Text`?"), "{error}");
        let error = load(
            "[types.A]\nextends = \"B\"\ndoc = \"a\"\n[types.B]\nextends = \"A\"\ndoc = \"b\"\n",
        )
        .expect_err("a cycle");
        assert!(error.contains("extends itself"), "{error}");
        let error = load("[types.A]\ndoc = \"a\"\ncolour = \"red\"\n").expect_err("an unknown key");
        assert!(error.contains("not a vocabulary"), "{error}");
    }
}
