//! `Serialize` and `Deserialize` of generated structs and unions, written out.
//!
//! serde's derive is not used for these: its `Deserialize` writes an identifier enum and
//! two visitors per struct, and its `flatten` and `untagged` attributes buffer values in
//! serde's private `Content`, compiling every type reachable from them two more times.
//! What is written here calls the runtime's `de` module instead: a struct reads its
//! object's entries in one loop (keys matched by a seed shared by every struct, other
//! properties kept in a map when the struct has one), and a union reads the value once,
//! asks the runtime which variants fit it best, and decodes those in turn. Every type is
//! then compiled for the one deserializer responses are read with.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Emitter;
use crate::emit::idents::{ident, lit};
use crate::ir::{Field, Primitive, StructDef, TypeDef, TypeKind, TypeRef, UnionDef};

/// How deep variant shapes look through aliases and nested unions.
const MAX_SHAPE_DEPTH: usize = 16;

/// How a field is stored while its object is read, and how it is written.
enum Slot {
    /// Required: `Option<T>` while reading, an error when still empty.
    Required,
    /// `Option<T>`: `null` and absence are `None`.
    Optional,
    /// `Nullable<T>`: absent, `null` or a value.
    Nullable,
}

impl Emitter<'_> {
    fn slot(field: &Field) -> Slot {
        let nullable = field.nullable && field.xml_list.is_none();
        match (field.required, nullable) {
            (true, false) if !field.nullable => Slot::Required,
            (false, true) => Slot::Nullable,
            _ => Slot::Optional,
        }
    }

    /// `Serialize`, `FromMap` and `Deserialize` of a struct.
    pub(crate) fn struct_serde(&self, def: &TypeDef, s: &StructDef, extra: &str) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&def.name);
        let wire_names: Vec<String> = s
            .fields
            .iter()
            .map(|f| {
                if f.xml_attribute {
                    format!("@{}", f.wire_name)
                } else {
                    f.wire_name.clone()
                }
            })
            .collect();
        let slots: Vec<_> = (0..s.fields.len())
            .map(|i| ident(&format!("f{i}")))
            .collect();

        // Reading.
        let mut declarations = Vec::new();
        let mut arms = Vec::new();
        let mut inits = Vec::new();
        for (i, ((field, wire), slot)) in s.fields.iter().zip(&wire_names).zip(&slots).enumerate() {
            let field_name = ident(&field.name);
            let wire = lit(wire);
            let read = match &field.xml_list {
                Some(list) => {
                    let item = lit(&list.item);
                    quote!(::std::option::Option::Some(map.next_value_seed(#rt::xml::ListSeed::new(#item))?))
                }
                None => quote!(map.next_value()?),
            };
            let (declaration, assign, init) = match Self::slot(field) {
                Slot::Required => (
                    quote!(let mut #slot = ::std::option::Option::None;),
                    match &field.xml_list {
                        Some(_) => quote!(#slot = #read),
                        None => quote!(#slot = ::std::option::Option::Some(#read)),
                    },
                    quote!(#field_name: #slot.ok_or_else(|| #rt::de::missing(#wire))?),
                ),
                Slot::Optional => (
                    quote!(let mut #slot = ::std::option::Option::None;),
                    quote!(#slot = #read),
                    quote!(#field_name: #slot),
                ),
                Slot::Nullable => (
                    quote!(let mut #slot = #rt::Nullable::Absent;),
                    quote!(#slot = #read),
                    quote!(#field_name: #slot),
                ),
            };
            declarations.push(declaration);
            let index = proc_macro2::Literal::usize_unsuffixed(i);
            arms.push(quote!(#rt::de::Key::Field(#index) => #assign,));
            inits.push(init);
        }
        let keep_others = s.additional.is_some();
        // Keys are found by a `match` of the struct's own: not generic, so it is compiled
        // once, and as fast as serde's identifier matching.
        let entries = wire_names.iter().enumerate().map(|(index, name)| {
            let name = lit(name);
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            quote!(#name => ::std::option::Option::Some(#index),)
        });
        let field_fn = if wire_names.is_empty() {
            quote! {
                fn field(_: &str) -> ::std::option::Option<usize> {
                    ::std::option::Option::None
                }
            }
        } else {
            quote! {
                fn field(name: &str) -> ::std::option::Option<usize> {
                    match name {
                        #(#entries)*
                        _ => ::std::option::Option::None,
                    }
                }
            }
        };
        let fields_const = quote!(#rt::de::fields::Fields::matching(field, #keep_others));
        let extra_ident = ident(extra);
        if keep_others {
            let map = self.others_map_type(
                s.additional
                    .as_ref()
                    .unwrap_or(&TypeRef::Primitive(Primitive::Json)),
            );
            declarations
                .push(quote!(let mut others = <#map as ::std::default::Default>::default();));
            arms.push(
                quote!(#rt::de::Key::Other(key) => { others.insert(key, map.next_value()?); }),
            );
            inits.push(quote!(#extra_ident: others));
        }
        let expecting = lit(&format!("an object ({})", def.name));
        let read_loop = if arms.is_empty() {
            quote! {
                while map.next_key_seed(FIELDS)?.is_some() {
                    map.next_value::<#rt::serde::de::IgnoredAny>()?;
                }
            }
        } else {
            quote! {
            while let ::std::option::Option::Some(key) = map.next_key_seed(FIELDS)? {
                match key {
                    #(#arms)*
                    _ => {
                        map.next_value::<#rt::serde::de::IgnoredAny>()?;
                    }
                }
            }
            }
        };

        // Writing.
        let mut writes = Vec::new();
        let mut always = 0usize;
        let mut counted = Vec::new();
        for (field, wire) in s.fields.iter().zip(&wire_names) {
            let field_name = ident(&field.name);
            let wire = lit(wire);
            let value = |v: TokenStream| match &field.xml_list {
                Some(list) => {
                    let item = lit(&list.item);
                    quote!(&#rt::xml::WrappedList(#item, #v))
                }
                None => v,
            };
            let write = |v: TokenStream| {
                if keep_others {
                    quote!(state.serialize_entry(#wire, #v)?;)
                } else {
                    quote!(state.serialize_field(#wire, #v)?;)
                }
            };
            match Self::slot(field) {
                Slot::Required => {
                    always += 1;
                    writes.push(write(value(quote!(&self.#field_name))));
                }
                Slot::Optional if field.required => {
                    always += 1;
                    writes.push(write(value(quote!(&self.#field_name))));
                }
                Slot::Optional => {
                    counted.push(quote!(usize::from(self.#field_name.is_some())));
                    let inner = write(value(quote!(value)));
                    writes.push(quote!(if let ::std::option::Option::Some(value) = &self.#field_name { #inner }));
                }
                Slot::Nullable => {
                    counted.push(quote!(usize::from(!self.#field_name.is_absent())));
                    let inner = write(quote!(&self.#field_name));
                    writes.push(quote!(if !self.#field_name.is_absent() { #inner }));
                }
            }
        }
        let type_name = lit(&def.name);
        let serialize_body = if keep_others {
            quote! {
                use #rt::serde::ser::SerializeMap as _;
                let mut state = serializer.serialize_map(::std::option::Option::None)?;
                #(#writes)*
                for (key, value) in &self.#extra_ident {
                    state.serialize_entry(key, value)?;
                }
                state.end()
            }
        } else {
            // `0 + …` would be clippy's `identity_op`.
            let always_count = always;
            let always = proc_macro2::Literal::usize_unsuffixed(always);
            let len = match counted.split_first() {
                Some((first, rest)) if always_count == 0 => quote!(#first #(+ #rest)*),
                _ => quote!(#always #(+ #counted)*),
            };
            let state_mut = (!writes.is_empty()).then(|| quote!(mut));
            quote! {
                use #rt::serde::ser::SerializeStruct as _;
                let #state_mut state = serializer.serialize_struct(#type_name, #len)?;
                #(#writes)*
                state.end()
            }
        };

        quote! {
            impl #rt::serde::Serialize for #name {
                fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #serialize_body
                }
            }
            impl #rt::de::FromMap for #name {
                const EXPECTING: &'static str = #expecting;
                fn from_map<'de, A: #rt::serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                    #field_fn
                    const FIELDS: #rt::de::fields::Fields = #fields_const;
                    #(#declarations)*
                    #read_loop
                    ::std::result::Result::Ok(Self { #(#inits,)* })
                }
            }
            impl<'de> #rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #rt::de::deserialize_struct(deserializer)
                }
            }
        }
    }

    /// `Deserialize` of a union: the value is read once and the variants that fit it are
    /// tried best first; a tagged union keeps an object with an unknown tag as `Unknown`.
    pub(crate) fn union_deserialize(&self, def: &TypeDef, u: &UnionDef) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&def.name);
        let type_name = lit(&def.name);
        let shapes = u.variants.iter().map(|v| {
            let tag = u.tag.as_deref().map(|tag| (tag, v.tag_values.as_slice()));
            let known_only = v.known_only;
            self.variant_shape(&v.ty, tag, known_only)
        });
        let count = u.variants.len();
        let mut arms = Vec::new();
        for (i, variant) in u.variants.iter().enumerate() {
            let v = ident(&variant.name);
            let last_untagged = u.tag.is_none() && i + 1 == count;
            let index = proc_macro2::Literal::usize_unsuffixed(i);
            let pattern = if last_untagged {
                quote!(_)
            } else {
                quote!(#index)
            };
            arms.push(quote!(#pattern => #rt::de::union::variant(value).map(Self::#v),));
        }
        let unknown = if u.tag.is_some() {
            arms.push(quote!(_ => ::std::result::Result::Ok(Self::Unknown(value)),));
            let count = proc_macro2::Literal::usize_unsuffixed(count);
            quote!(::std::option::Option::Some(#count))
        } else {
            quote!(::std::option::Option::None)
        };
        quote! {
            impl<'de> #rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    const VARIANTS: &[#rt::de::union::Variant] = &[#(#shapes),*];
                    #rt::de::union::decode(
                        #rt::de::union::buffer(deserializer)?,
                        #type_name,
                        VARIANTS,
                        #unknown,
                        |index, value| match index {
                            #(#arms)*
                        },
                    )
                }
            }
        }
    }

    /// What a union variant of type `ty` accepts, as a `Variant` constant.
    fn variant_shape(
        &self,
        ty: &TypeRef,
        tag: Option<(&str, &[String])>,
        known_only: bool,
    ) -> TokenStream {
        let rt = &self.runtime;
        let u = quote!(#rt::de::union);
        let mut resolved = ty.clone();
        for _ in 0..MAX_SHAPE_DEPTH {
            match resolved {
                TypeRef::Boxed(inner) => resolved = *inner,
                TypeRef::Named(id) => match &self.api.ty(id).kind {
                    TypeKind::Alias { target, .. } => resolved = target.clone(),
                    _ => break,
                },
                _ => break,
            }
        }
        let tag_selector: Vec<TokenStream> = tag
            .map(|(tag, values)| {
                let tag = lit(tag);
                let values = values.iter().map(|v| lit(v));
                quote!(#u::Selector::new(#tag, &[#(#values),*], true))
            })
            .into_iter()
            .collect();
        match &resolved {
            TypeRef::Named(id) => match &self.api.ty(*id).kind {
                TypeKind::Struct(s) => {
                    let mut selectors = tag_selector.clone();
                    for field in &s.fields {
                        if tag.is_some_and(|(tag, _)| tag == field.wire_name) {
                            continue;
                        }
                        if let Some(value) = &field.single_value {
                            let wire = lit(&field.wire_name);
                            let value = lit(value);
                            let required = field.required;
                            selectors.push(quote!(#u::Selector::new(#wire, &[#value], #required)));
                        }
                    }
                    let required = s
                        .fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| lit(&f.wire_name));
                    let properties = s.fields.iter().map(|f| lit(&f.wire_name));
                    let closed = s.closed.then(|| quote!(.closed()));
                    quote!(#u::Variant::object(&[#(#selectors),*], &[#(#required),*], &[#(#properties),*]) #closed)
                }
                TypeKind::StringEnum(e) if known_only => {
                    let values = e.variants.iter().map(|v| lit(&v.value));
                    quote!(#u::Variant::strings(&[#(#values),*]))
                }
                _ if !tag_selector.is_empty() => {
                    quote!(#u::Variant::object(&[#(#tag_selector),*], &[], &[]))
                }
                _ => {
                    let kinds = self.kinds(&resolved, 0);
                    quote!(#u::Variant::kinds(#kinds))
                }
            },
            TypeRef::Primitive(Primitive::EmptyString) => quote!(#u::Variant::strings(&[""])),
            _ => {
                let kinds = self.kinds(&resolved, 0);
                quote!(#u::Variant::kinds(#kinds))
            }
        }
    }

    /// The JSON kinds a type accepts, as a `Kinds` constant expression.
    fn kinds(&self, ty: &TypeRef, depth: usize) -> TokenStream {
        let rt = &self.runtime;
        let k = quote!(#rt::de::union::Kinds);
        if depth > MAX_SHAPE_DEPTH {
            return quote!(#k::ANY);
        }
        match ty {
            TypeRef::Named(id) => match &self.api.ty(*id).kind {
                TypeKind::Struct(_) => quote!(#k::OBJECT),
                TypeKind::StringEnum(_) => quote!(#k::STRING),
                TypeKind::IntEnum(_) => quote!(#k::INTEGER),
                TypeKind::Alias { target, .. } => self.kinds(target, depth + 1),
                TypeKind::Union(u) => {
                    if u.tag.is_some() {
                        return quote!(#k::OBJECT);
                    }
                    let mut kinds = u.variants.iter().map(|v| self.kinds(&v.ty, depth + 1));
                    match kinds.next() {
                        Some(first) => kinds.fold(first, |all, next| quote!(#all.or(#next))),
                        None => quote!(#k::ANY),
                    }
                }
                TypeKind::Responses(_) | TypeKind::Pending => quote!(#k::ANY),
            },
            TypeRef::Primitive(p) => match p {
                Primitive::String | Primitive::Binary | Primitive::EmptyString => {
                    quote!(#k::STRING)
                }
                Primitive::Bool => quote!(#k::BOOL),
                Primitive::I32 | Primitive::I64 => quote!(#k::INTEGER),
                Primitive::F64 => quote!(#k::NUMBER),
                Primitive::Json => quote!(#k::ANY),
                Primitive::Expandable => quote!(#k::STRING.or(#k::OBJECT)),
                Primitive::Parts => quote!(#k::ANY),
            },
            TypeRef::List(_) => quote!(#k::ARRAY),
            TypeRef::Map(_) => quote!(#k::OBJECT),
            TypeRef::Boxed(inner) => self.kinds(inner, depth + 1),
            TypeRef::Nullable(inner) => {
                let inner = self.kinds(inner, depth + 1);
                quote!(#inner.or(#k::NULL))
            }
            TypeRef::Clearable(inner) => {
                let inner = self.kinds(inner, depth + 1);
                quote!(#inner.or(#k::STRING))
            }
        }
    }
}
