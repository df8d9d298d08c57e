//! Type definitions: structs, enums, unions, aliases and status enums.
//!
//! Generated types name every outside item by its full path (`::std::option::Option`,
//! `::integrations_runtime::serde`), so a spec type called `Option` or `Vec` cannot
//! shadow them. Serde derives go through the runtime's re-export of serde, so generated
//! crates depend on `integrations-runtime` alone.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Emitter;
use crate::emit::docs::doc;
use crate::emit::idents::{ident, lit};
use crate::ir::{
    Access, DefaultValue, Field, IntEnumDef, MediaKind, Primitive, ResponsesDef, StatusMatch,
    StringEnumDef, StructDef, TypeDef, TypeKind, TypeRef, UnionDef,
};

/// Whether clippy's `enum_variant_names` would fire: a variant starting or ending with
/// the enum's name, or three or more variants sharing a first or last camel-case word.
/// (Variant names come from the spec's values, so the allow is the right answer, but
/// only where it is needed.)
fn needs_variant_names_allow(enum_name: &str, variants: &[&str]) -> bool {
    let words = crate::ir::names::camel_words;
    if variants
        .iter()
        .any(|v| v.starts_with(enum_name) || v.ends_with(enum_name))
    {
        return true;
    }
    if variants.len() < 3 {
        return false;
    }
    let split: Vec<Vec<String>> = variants.iter().map(|v| words(v)).collect();
    let shared = |pick: fn(&Vec<String>) -> Option<&String>| {
        let first = pick(&split[0]);
        first.is_some() && split.iter().all(|w| pick(w) == first && w.len() > 1)
    };
    shared(|w| w.first()) || shared(|w| w.last())
}

/// How many constructor arguments clippy accepts before `too_many_arguments`.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

impl Emitter<'_> {
    /// A type reference, as written beside the types (`prefix` empty) or in the
    /// `operations` module (`prefix` = `super::`). `files`: binary is a multipart file.
    pub(crate) fn type_ref(&self, ty: &TypeRef, prefix: &TokenStream, files: bool) -> TokenStream {
        let rt = &self.runtime;
        match ty {
            TypeRef::Named(id) => {
                let name = ident(&self.api.ty(*id).name);
                quote!(#prefix #name)
            }
            TypeRef::Primitive(p) => match p {
                Primitive::String => quote!(::std::string::String),
                Primitive::Bool => quote!(bool),
                Primitive::I32 => quote!(i32),
                Primitive::I64 => quote!(i64),
                Primitive::F64 => quote!(f64),
                Primitive::Json => quote!(#rt::serde_json::Value),
                Primitive::Binary if files => quote!(#rt::FilePart),
                Primitive::Binary => quote!(#rt::Bytes),
                Primitive::EmptyString => quote!(#rt::EmptyString),
                Primitive::Expandable => quote!(#rt::Expandable),
                Primitive::Parts => quote!(#rt::Parts),
            },
            TypeRef::List(inner) => {
                let inner = self.type_ref(inner, prefix, files);
                quote!(::std::vec::Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                let inner = self.type_ref(inner, prefix, files);
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
            }
            TypeRef::Boxed(inner) => {
                let inner = self.type_ref(inner, prefix, files);
                quote!(::std::boxed::Box<#inner>)
            }
            TypeRef::Nullable(inner) => {
                let inner = self.type_ref(inner, prefix, files);
                quote!(::std::option::Option<#inner>)
            }
            TypeRef::Clearable(inner) => {
                let inner = self.type_ref(inner, prefix, files);
                quote!(#rt::OrClear<#inner>)
            }
        }
    }

    /// The derive and serde attributes every data type gets.
    fn data_derives(&self, extra: TokenStream) -> TokenStream {
        let rt = &self.runtime;
        let serde_crate = lit(&format!("{}::serde", self.runtime_text));
        quote! {
            #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, #extra #rt::serde::Serialize, #rt::serde::Deserialize)]
            #[serde(crate = #serde_crate)]
        }
    }

    pub(crate) fn type_def(&self, def: &TypeDef) -> TokenStream {
        match &def.kind {
            TypeKind::Struct(s) => self.struct_def(def, s),
            TypeKind::StringEnum(e) => self.string_enum(def, e),
            TypeKind::IntEnum(e) => self.int_enum(def, e),
            TypeKind::Union(u) => self.union(def, u),
            TypeKind::Alias { target, newtype } => self.alias(def, target, *newtype),
            TypeKind::Responses(r) => self.responses(def, r),
            TypeKind::Pending => TokenStream::new(),
        }
    }

    fn fallback_doc(&self, def: &TypeDef) -> String {
        format!("The `{}` schema.", def.name)
    }

    fn struct_def(&self, def: &TypeDef, s: &StructDef) -> TokenStream {
        let name = ident(&def.name);
        let docs = doc(def.doc.as_deref(), &self.fallback_doc(def), &[]);
        let mut fields = Vec::new();
        let mut initializers = Vec::new();
        let mut required_args = Vec::new();
        let mut required_names = Vec::new();
        let mut has_constants = false;
        for field in &s.fields {
            let field_name = ident(&field.name);
            let (ty, init) = self.field_shape(field, s.multipart);
            // A spec default is what the API assumes when the field is absent; the field
            // stays an `Option`, so that the default itself can still be sent (a PATCH
            // that sets a flag back to its default must not be an empty body).
            let mut notes: Vec<String> = field
                .default
                .as_ref()
                .map(|default| {
                    let value = match default {
                        DefaultValue::Bool(b) => b.to_string(),
                        DefaultValue::Int(n) => n.to_string(),
                    };
                    format!("When absent, the API takes `{value}`.")
                })
                .into_iter()
                .collect();
            match field.access {
                Access::ReadOnly => notes.push(
                    "Read-only: the API sets it (and sends it when it requires it); leave it \
                     unset in requests."
                        .to_owned(),
                ),
                Access::WriteOnly => notes.push(
                    "Write-only: sent to the API (and required by it when it says so), never \
                     returned."
                        .to_owned(),
                ),
                Access::ReadWrite => {}
            }
            if !field.facts.is_empty() && field.doc.is_some() {
                notes.insert(0, format!("{}.", capitalized(&field.facts.join("; "))));
            }
            // Facts are code spans and plain words: written as they are.
            let wire = field.wire_name.replace('`', "'");
            let fallback = match (field.facts.is_empty(), field.required) {
                (true, true) => format!("`{wire}` (required)."),
                (true, false) => format!("`{wire}` (optional)."),
                (false, _) => format!("`{wire}`: {}.", field.facts.join("; ")),
            };
            let docs = doc(field.doc.as_deref(), &fallback, &notes);
            fields.push(quote! { #docs pub #field_name: #ty, });
            match (init, &field.constant) {
                (Some(init), _) => initializers.push(quote!(#field_name: #init)),
                (None, Some(constant)) => {
                    let constant = lit(constant);
                    initializers
                        .push(quote!(#field_name: ::std::string::ToString::to_string(#constant)));
                    has_constants = true;
                }
                (None, None) => {
                    required_args.push(quote!(#field_name: #ty));
                    required_names.push(quote!(#field_name));
                }
            }
        }
        let additional_name = self.additional_field_name(s);
        if let Some(additional) = &s.additional {
            let map = self.others_map_type(additional);
            let field_name = ident(&additional_name);
            let text = lit(if s.additional_declared {
                " Other properties, as the spec allows them."
            } else {
                " Properties the spec does not list (it does not forbid them), kept so that \
                 nothing the API sends is lost."
            });
            fields.push(quote! {
                #[doc = #text]
                pub #field_name: #map,
            });
            initializers.push(quote!(#field_name: ::std::default::Default::default()));
        }
        // A constant is not what `Default` would give (an empty string).
        let derive_default = required_args.is_empty() && !has_constants;
        let derive_default = derive_default.then(|| quote!(::std::default::Default,));
        let derives = quote! {
            #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, #derive_default)]
        };
        let mut impls = TokenStream::new();
        if !required_args.is_empty() {
            let allow = (required_args.len() > CLIPPY_MAX_ARGUMENTS)
                .then(|| quote!(#[allow(clippy::too_many_arguments)]));
            let new_doc = lit(if has_constants {
                " Creates a value from its required fields (constants filled in); the others are unset."
            } else {
                " Creates a value from its required fields; the others are unset."
            });
            impls.extend(quote! {
                impl #name {
                    #[doc = #new_doc]
                    #allow
                    pub fn new(#(#required_args),*) -> Self {
                        Self { #(#required_names,)* #(#initializers,)* }
                    }
                }
            });
        } else if has_constants {
            impls.extend(quote! {
                impl ::std::default::Default for #name {
                    fn default() -> Self {
                        Self { #(#initializers,)* }
                    }
                }
            });
        }
        impls.extend(self.struct_serde(def, s, &additional_name));
        if s.multipart {
            impls.extend(self.multipart_impl(def, s));
        }
        quote! {
            #docs
            #derives
            pub struct #name { #(#fields)* }
            #impls
        }
    }

    /// The map a struct keeps other properties in: a `BTreeMap` of their values' type
    /// (24 bytes, so structs stay small to move; an ordered JSON map is three times that).
    pub(crate) fn others_map_type(&self, value: &TypeRef) -> TokenStream {
        let value = self.type_ref(value, &TokenStream::new(), false);
        quote!(::std::collections::BTreeMap<::std::string::String, #value>)
    }

    fn additional_field_name(&self, s: &StructDef) -> String {
        let mut name = "additional_properties".to_owned();
        while s.fields.iter().any(|f| f.name == name) {
            name.push('_');
        }
        name
    }

    /// The Rust type and (for optional fields) the initial value of a field.
    fn field_shape(&self, field: &Field, multipart: bool) -> (TokenStream, Option<TokenStream>) {
        let rt = &self.runtime;
        let inner = match (multipart, self.binary_shape(&field.ty)) {
            (true, Some(false)) => quote!(#rt::FilePart),
            (true, Some(true)) => quote!(::std::vec::Vec<#rt::FilePart>),
            _ => self.type_ref(&field.ty, &TokenStream::new(), multipart),
        };
        // XML has no null: an optional XML list is an `Option` whatever `nullable` says.
        let nullable = field.nullable && field.xml_list.is_none();
        match (field.required, nullable) {
            (true, _) if field.nullable => (quote!(::std::option::Option<#inner>), None),
            (true, _) => (inner, None),
            (false, true) => (
                quote!(#rt::Nullable<#inner>),
                Some(quote!(#rt::Nullable::Absent)),
            ),
            (false, false) => (
                quote!(::std::option::Option<#inner>),
                Some(quote!(::std::option::Option::None)),
            ),
        }
    }

    /// Whether a type is binary (`Some(false)`) or a list of binary (`Some(true)`),
    /// looking through aliases (`File: {type: string, format: binary}`).
    fn binary_shape(&self, ty: &TypeRef) -> Option<bool> {
        let resolve = |ty: &TypeRef| -> Option<TypeRef> {
            let mut ty = ty.clone();
            for _ in 0..16 {
                match ty {
                    TypeRef::Named(id) => match &self.api.ty(id).kind {
                        TypeKind::Alias {
                            target,
                            newtype: false,
                        } => ty = target.clone(),
                        _ => return Some(ty),
                    },
                    other => return Some(other),
                }
            }
            None
        };
        match resolve(ty)? {
            TypeRef::Primitive(Primitive::Binary) => Some(false),
            TypeRef::List(item) => {
                (resolve(&item)? == TypeRef::Primitive(Primitive::Binary)).then_some(true)
            }
            _ => None,
        }
    }

    /// `IntoMultipart` for a multipart request body: file fields become file parts,
    /// the others text parts.
    fn multipart_impl(&self, def: &TypeDef, s: &StructDef) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&def.name);
        let mut parts = Vec::new();
        for field in &s.fields {
            let field_name = ident(&field.name);
            let wire = lit(&field.wire_name);
            let shape = self.binary_shape(&field.ty);
            let is_file = shape == Some(false);
            let is_files = shape == Some(true);
            // How to get an `Option` of the value out of the field.
            let optional = match (field.required, field.nullable) {
                (true, false) => None,
                (false, true) => Some(quote!(self.#field_name.into_option())),
                _ => Some(quote!(self.#field_name)),
            };
            parts.push(match (is_file || is_files, optional) {
                (true, None) if is_file => quote!(form.file(#wire, self.#field_name)?;),
                (true, None) => quote!(for file in self.#field_name { form.file(#wire, file)?; }),
                (true, Some(value)) if is_file => quote!(if let ::std::option::Option::Some(file) = #value { form.file(#wire, file)?; }),
                (true, Some(value)) => quote!(if let ::std::option::Option::Some(files) = #value { for file in files { form.file(#wire, file)?; } }),
                (false, _) => quote!(form.field(#wire, &self.#field_name)?;),
            });
        }
        if let Some(_additional) = &s.additional {
            let field_name = ident(&self.additional_field_name(s));
            parts.push(quote!(for (key, value) in &self.#field_name { form.field(key, value)?; }));
        }
        quote! {
            impl #rt::IntoMultipart for #name {
                fn into_multipart(self, form: &mut #rt::MultipartForm) -> ::std::result::Result<(), #rt::EncodeError> {
                    #(#parts)*
                    ::std::result::Result::Ok(())
                }
            }
        }
    }

    fn string_enum(&self, def: &TypeDef, e: &StringEnumDef) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&def.name);
        let docs = doc(def.doc.as_deref(), &self.fallback_doc(def), &[]);
        let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
        let values: Vec<_> = e.variants.iter().map(|v| lit(&v.value)).collect();
        let variant_docs: Vec<_> = e
            .variants
            .iter()
            .map(|v| lit(&format!(" `{}`", v.value.replace('`', "'"))))
            .collect();
        let names: Vec<&str> = e
            .variants
            .iter()
            .map(|v| v.name.as_str())
            .chain(["Unknown"])
            .collect();
        let allow = needs_variant_names_allow(&def.name, &names)
            .then(|| quote!(#[allow(clippy::enum_variant_names)]));
        quote! {
            #docs
            #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
            #allow
            pub enum #name {
                #( #[doc = #variant_docs] #variants, )*
                /// A value this client did not know when it was generated.
                Unknown(::std::string::String),
            }
            impl #name {
                /// The value as sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #values, )*
                        Self::Unknown(value) => value,
                    }
                }
            }
            impl ::std::convert::From<::std::string::String> for #name {
                fn from(value: ::std::string::String) -> Self {
                    match value.as_str() {
                        #( #values => Self::#variants, )*
                        _ => Self::Unknown(value),
                    }
                }
            }
            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self::from(::std::string::String::from(value))
                }
            }
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
            impl #rt::serde::Serialize for #name {
                fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
            impl<'de> #rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    <::std::string::String as #rt::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
                }
            }
        }
    }

    fn int_enum(&self, def: &TypeDef, e: &IntEnumDef) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&def.name);
        let docs = doc(def.doc.as_deref(), &self.fallback_doc(def), &[]);
        let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
        let values: Vec<_> = e.variants.iter().map(|v| v.value).collect();
        let variant_docs: Vec<_> = e
            .variants
            .iter()
            .map(|v| lit(&format!(" `{}`", v.value)))
            .collect();
        quote! {
            #docs
            #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
            pub enum #name {
                #( #[doc = #variant_docs] #variants, )*
                /// A value this client did not know when it was generated.
                Unknown(i64),
            }
            impl #name {
                /// The value as sent on the wire.
                pub fn value(self) -> i64 {
                    match self {
                        #( Self::#variants => #values, )*
                        Self::Unknown(value) => value,
                    }
                }
            }
            impl ::std::convert::From<i64> for #name {
                fn from(value: i64) -> Self {
                    match value {
                        #( #values => Self::#variants, )*
                        _ => Self::Unknown(value),
                    }
                }
            }
            impl #rt::serde::Serialize for #name {
                fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_i64(self.value())
                }
            }
            impl<'de> #rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    <i64 as #rt::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
                }
            }
        }
    }

    fn union(&self, def: &TypeDef, u: &UnionDef) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&def.name);
        let docs = doc(def.doc.as_deref(), &self.fallback_doc(def), &[]);
        let empty = TokenStream::new();
        let variants: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
        let payloads: Vec<_> = u
            .variants
            .iter()
            .map(|v| self.type_ref(&v.ty, &empty, false))
            .collect();
        let variant_docs: Vec<_> = u
            .variants
            .iter()
            .map(|v| {
                let text = match (&v.ty, v.tag_values.first()) {
                    (_, Some(tag)) => format!(" The `{tag}` variant."),
                    (TypeRef::Named(id), None) => format!(" A [`{}`].", self.api.ty(*id).name),
                    _ => format!(" The `{}` variant.", v.name),
                };
                lit(&text)
            })
            .collect();
        let serde_crate = lit(&format!("{}::serde", self.runtime_text));
        let deserialize = self.union_deserialize(def, u);
        let unknown = u.tag.as_ref().map(|tag| {
            let unknown_doc = lit(&format!(
                " A variant this client did not know when it was generated (by its `{tag}`), kept as JSON."
            ));
            quote! {
                #[doc = #unknown_doc]
                Unknown(#rt::serde_json::Value),
            }
        });
        quote! {
            #docs
            #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, #rt::serde::Serialize)]
            #[serde(crate = #serde_crate, untagged)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #( #[doc = #variant_docs] #variants(#payloads), )*
                #unknown
            }
            #deserialize
        }
    }

    fn alias(&self, def: &TypeDef, target: &TypeRef, newtype: bool) -> TokenStream {
        let name = ident(&def.name);
        let docs = doc(def.doc.as_deref(), &self.fallback_doc(def), &[]);
        let target = self.type_ref(target, &TokenStream::new(), false);
        if newtype {
            let derives = self.data_derives(quote!());
            quote! {
                #docs
                #derives
                #[serde(transparent)]
                pub struct #name(pub #target);
            }
        } else {
            quote! { #docs pub type #name = #target; }
        }
    }

    /// An operation's responses by status, and how each is decoded.
    fn responses(&self, def: &TypeDef, r: &ResponsesDef) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&def.name);
        let empty = TokenStream::new();
        let docs = doc(
            def.doc.as_deref(),
            "Responses of one operation, by status.",
            &[],
        );
        let mut variants = Vec::new();
        let mut arms = Vec::new();
        let mut default_arm = None;
        for variant in &r.variants {
            let v = ident(&variant.name);
            let status_text = match variant.response.status {
                StatusMatch::Code(code) => format!("`{code}`"),
                StatusMatch::Range(class) => format!("`{class}XX`"),
                StatusMatch::Default => "any other status".to_owned(),
            };
            let text = match &variant.response.doc {
                Some(d) => format!(" {status_text}: {}", crate::emit::docs::escape(d)),
                None => format!(" {status_text}."),
            };
            let text = lit(&text);
            let decode = match (&variant.response.ty, variant.response.media) {
                (Some(ty), Some(media)) => {
                    let ty = match media {
                        MediaKind::Binary => quote!(#rt::Bytes),
                        _ => self.type_ref(ty, &empty, false),
                    };
                    let decoder = self.decoder(media, &ty);
                    variants.push(quote!(#[doc = #text] #v(#ty),));
                    quote!(#decoder(response).map(Self::#v))
                }
                _ => {
                    variants.push(quote!(#[doc = #text] #v,));
                    quote!(::std::result::Result::Ok(Self::#v))
                }
            };
            match variant.response.status {
                StatusMatch::Code(code) => arms.push((false, quote!(#code => #decode,))),
                StatusMatch::Range(class) => {
                    let low = class * 100;
                    let high = low + 99;
                    arms.push((true, quote!(#low..=#high => #decode,)));
                }
                StatusMatch::Default => default_arm = Some(quote!(_ => #decode,)),
            }
        }
        // Exact codes before ranges, as OpenAPI says (the sort is stable).
        arms.sort_by_key(|(is_range, _)| *is_range);
        let arms = arms.into_iter().map(|(_, arm)| arm);
        let default_arm = default_arm.unwrap_or_else(
            || quote!(_ => ::std::result::Result::Err(response.unexpected_status()),),
        );
        quote! {
            #docs
            #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name { #(#variants)* }
            impl #rt::DecodeResponse for #name {
                fn decode_response(response: &#rt::BufferedResponse) -> ::std::result::Result<Self, #rt::DecodeError> {
                    match response.status() {
                        #(#arms)*
                        #default_arm
                    }
                }
            }
        }
    }

    /// The runtime decoder of a body of type `ty` sent as `media`, as a function path
    /// (`::integrations_runtime::decode::json::<T>`). A JSON API's `*/*` bodies are read
    /// without an XML reader, so its types are never compiled for one.
    pub(crate) fn decoder(&self, media: MediaKind, ty: &TokenStream) -> TokenStream {
        let rt = &self.runtime;
        match media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart | MediaKind::Related => {
                quote!(#rt::decode::json::<#ty>)
            }
            MediaKind::Xml => quote!(#rt::decode::xml::<#ty>),
            MediaKind::Text => quote!(#rt::decode::text::<#ty>),
            MediaKind::Binary => quote!(#rt::decode::bytes),
            MediaKind::AsSent if self.api.xml => quote!(#rt::decode::as_sent::<#ty>),
            MediaKind::AsSent => quote!(#rt::decode::as_sent_json::<#ty>),
        }
    }
}

/// `text` with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::needs_variant_names_allow;

    #[test]
    fn variant_names_allow_only_where_clippy_would_fire() {
        assert!(!needs_variant_names_allow(
            "Status",
            &["Active", "Canceled", "Unknown"]
        ));
        assert!(needs_variant_names_allow(
            "Status",
            &["StatusActive", "Other", "Unknown"]
        ));
        assert!(needs_variant_names_allow(
            "Kind",
            &["CardPayment", "BankPayment", "CashPayment"]
        ));
        assert!(!needs_variant_names_allow(
            "Kind",
            &["Card", "Bank", "Unknown"]
        ));
    }
}
