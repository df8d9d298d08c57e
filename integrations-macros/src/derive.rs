//! `#[derive(Integration)]`: a user's struct mapped to a Schema.org type of
//! `integrations::schema`, field by field, checked against the vocabulary at compile time.
//!
//! ```ignore
//! #[derive(Integration)]
//! #[integration(schema = "Person", into(salesforce::Contact), from(salesforce::Contact))]
//! struct User {
//!     #[integration(rename = "givenName")]
//!     first: String,
//!     family_name: Option<String>,   // `familyName`
//!     #[integration(rename = "address.postalCode")]
//!     zip: Option<String>,
//!     #[integration(skip)]
//!     internal_id: u64,
//! }
//! ```
//!
//! generates `From<&User> for integrations::schema::Person` and the way back
//! (`TryFrom<&Person> for User` when a field is not an `Option`, naming the missing
//! property; `From` otherwise). A field may hold a property of a property holding one
//! object (`address.postalCode`), which is made when a value goes into it. Each type
//! named in `into(..)` gets `TryFrom<&User>` and each in `from(..)` gives `User` a
//! conversion from it, both through `Person` and the provider's mapping table
//! (`salesforce::Contact::try_from(&user)`).

use integrations_codegen::vocabulary::{Expected, Vocabulary, field_name};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;

/// One field of the user's struct and the property it holds.
struct Mapped {
    field: syn::Ident,
    /// The property path as written (`givenName`, `address.streetAddress`).
    property: String,
    optional: bool,
    /// On a two-step path, the first property and the Schema.org type it holds
    /// (`address`, `PostalAddress`); the field holds the second step's value.
    nested: Option<(String, String)>,
}

pub fn expand(input: syn::DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let StructOptions { schema, into, from } = struct_options(&input)?;
    let vocabulary = Vocabulary::bundled().map_err(|d| {
        syn::Error::new(
            Span::call_site(),
            format!("the bundled Schema.org vocabulary is broken: {d}"),
        )
    })?;
    let Some(schema_type) = vocabulary.types.get(&schema.value()) else {
        let hint = near(&schema.value(), vocabulary.types.keys().map(String::as_str));
        return Err(syn::Error::new(
            schema.span(),
            format!(
                "`{}` is not a type of the Schema.org vocabulary{hint}",
                schema.value()
            ),
        ));
    };
    let syn::Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.span(),
            "#[derive(Integration)] goes on a struct with named fields",
        ));
    };
    let syn::Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new(
            data.fields.span(),
            "#[derive(Integration)] goes on a struct with named fields",
        ));
    };
    let mut mapped = Vec::new();
    let mut skipped = Vec::new();
    let mut errors: Option<syn::Error> = None;
    let mut push_error = |error: syn::Error| match &mut errors {
        Some(all) => all.combine(error),
        None => errors = Some(error),
    };
    for field in &fields.named {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let options = match FieldOptions::parse(field) {
            Ok(options) => options,
            Err(error) => {
                push_error(error);
                continue;
            }
        };
        if options.skip {
            skipped.push(ident);
            continue;
        }
        let (property, span) = match &options.rename {
            Some(rename) => (rename.value(), rename.span()),
            None => (camel(&ident.to_string()), ident.span()),
        };
        let (expected, nested) = match property_path(&vocabulary, &schema_type.name, &property) {
            Ok(found) => found,
            Err(problem) => {
                push_error(syn::Error::new(span, problem));
                continue;
            }
        };
        let (optional, inner) = option_inner(&field.ty);
        if let Err(problem) = fits(&expected, inner) {
            push_error(syn::Error::new(
                field.ty.span(),
                format!("`{property}` of `{}` holds {problem}", schema_type.name),
            ));
            continue;
        }
        mapped.push(Mapped {
            field: ident,
            property,
            optional,
            nested,
        });
    }
    if let Some(errors) = errors {
        return Err(errors);
    }

    let schema_path: syn::Path =
        syn::parse_str(&format!("::integrations::schema::{}", schema_type.name))?;
    let property_ident = |m: &Mapped| {
        let last = m.property.rsplit('.').next().unwrap_or(&m.property);
        syn::Ident::new(&field_name(last), Span::call_site())
    };
    let to_schema = mapped.iter().map(|m| {
        let (field, property) = (&m.field, property_ident(m));
        let value = if m.optional {
            quote!(::std::clone::Clone::clone(&source.#field))
        } else {
            quote!(::std::option::Option::Some(::std::clone::Clone::clone(&source.#field)))
        };
        match &m.nested {
            None => quote!(target.#property = #value;),
            // The inner object is made when a value goes into it.
            Some((first, holds)) => {
                let first = syn::Ident::new(&field_name(first), Span::call_site());
                let holds = syn::Ident::new(holds, Span::call_site());
                quote! {
                    if let ::std::option::Option::Some(value) = #value {
                        target.#first
                            .get_or_insert_with(|| ::std::boxed::Box::new(::integrations::schema::#holds::new()))
                            .#property = ::std::option::Option::Some(value);
                    }
                }
            }
        }
    });
    let required: Vec<&Mapped> = mapped.iter().filter(|m| !m.optional).collect();
    let schema_name = schema_type.name.clone();
    let type_label = format!("`{name}`");
    let from_schema = mapped.iter().map(|m| {
        let (field, property) = (&m.field, property_ident(m));
        let value = match &m.nested {
            None => quote!(::std::clone::Clone::clone(&source.#property)),
            Some((first, _)) => {
                let first = syn::Ident::new(&field_name(first), Span::call_site());
                quote!(source.#first.as_ref().and_then(|inner| ::std::clone::Clone::clone(&inner.#property)))
            }
        };
        if m.optional {
            quote!(#field: #value,)
        } else {
            let wire = &m.property;
            let field_text = field.to_string();
            quote! {
                #field: #value.ok_or_else(|| {
                    ::integrations::runtime::MappingError::missing(#schema_name, #wire, #type_label, #field_text)
                })?,
            }
        }
    });
    let defaults = skipped
        .iter()
        .map(|field| quote!(#field: ::std::default::Default::default(),));
    let to_doc = format!(
        " A Schema.org `{}` from a `{name}` (`#[derive(Integration)]`).",
        schema_type.name
    );
    let from_doc = format!(
        " A `{name}` from a Schema.org `{}` (`#[derive(Integration)]`).",
        schema_type.name
    );
    let back = if required.is_empty() {
        quote! {
            #[doc = #from_doc]
            impl ::std::convert::From<&#schema_path> for #name {
                fn from(source: &#schema_path) -> Self {
                    #name { #(#from_schema)* #(#defaults)* }
                }
            }
        }
    } else {
        quote! {
            #[doc = #from_doc]
            impl ::std::convert::TryFrom<&#schema_path> for #name {
                type Error = ::integrations::runtime::MappingError;
                fn try_from(source: &#schema_path) -> ::std::result::Result<Self, Self::Error> {
                    ::std::result::Result::Ok(#name { #(#from_schema)* #(#defaults)* })
                }
            }
        }
    };
    // Provider types reached through the Schema.org type, both ways.
    let into_providers = into.iter().map(|target| {
        let doc = format!(
            " A `{}` from a `{name}`, through Schema.org's `{}` (`#[derive(Integration)]`).",
            path_text(target),
            schema_type.name
        );
        quote! {
            #[doc = #doc]
            impl ::std::convert::TryFrom<&#name> for #target {
                type Error = <#target as ::std::convert::TryFrom<&'static #schema_path>>::Error;
                fn try_from(source: &#name) -> ::std::result::Result<Self, Self::Error> {
                    let schema = <#schema_path as ::std::convert::From<&#name>>::from(source);
                    <#target as ::std::convert::TryFrom<&#schema_path>>::try_from(&schema)
                }
            }
        }
    });
    let from_providers = from.iter().map(|source_type| {
        let doc = format!(
            " A `{name}` from a `{}`, through Schema.org's `{}` (`#[derive(Integration)]`).",
            path_text(source_type),
            schema_type.name
        );
        if required.is_empty() {
            quote! {
                #[doc = #doc]
                impl ::std::convert::From<&#source_type> for #name {
                    fn from(source: &#source_type) -> Self {
                        let schema = <#schema_path as ::std::convert::From<&#source_type>>::from(source);
                        <#name as ::std::convert::From<&#schema_path>>::from(&schema)
                    }
                }
            }
        } else {
            quote! {
                #[doc = #doc]
                impl ::std::convert::TryFrom<&#source_type> for #name {
                    type Error = ::integrations::runtime::MappingError;
                    fn try_from(source: &#source_type) -> ::std::result::Result<Self, Self::Error> {
                        let schema = <#schema_path as ::std::convert::From<&#source_type>>::from(source);
                        <#name as ::std::convert::TryFrom<&#schema_path>>::try_from(&schema)
                    }
                }
            }
        }
    });
    Ok(quote! {
        #(#into_providers)*
        #(#from_providers)*

        #[doc = #to_doc]
        impl ::std::convert::From<&#name> for #schema_path {
            fn from(source: &#name) -> Self {
                let mut target = <#schema_path>::new();
                #(#to_schema)*
                target
            }
        }

        #back
    })
}

/// The struct's `#[integration(..)]`: the Schema.org type, and the provider types to
/// convert into and from through it.
struct StructOptions {
    schema: syn::LitStr,
    into: Vec<syn::Path>,
    from: Vec<syn::Path>,
}

/// `schema = "Person"`, `into(salesforce::Contact, ..)` and `from(..)` of the struct's
/// `#[integration(..)]`.
fn struct_options(input: &syn::DeriveInput) -> syn::Result<StructOptions> {
    let mut schema = None;
    let (mut into, mut from) = (Vec::new(), Vec::new());
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("integration"))
    {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("schema") {
                schema = Some(meta.value()?.parse::<syn::LitStr>()?);
                Ok(())
            } else if meta.path.is_ident("into") || meta.path.is_ident("from") {
                let list = if meta.path.is_ident("into") {
                    &mut into
                } else {
                    &mut from
                };
                meta.parse_nested_meta(|target| {
                    list.push(target.path.clone());
                    Ok(())
                })
            } else {
                Err(meta.error(
                    "unknown argument: the struct takes `schema = \"Person\"`, `into(..)` and `from(..)`",
                ))
            }
        })?;
    }
    let schema =     schema.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            "#[derive(Integration)] needs the Schema.org type: `#[integration(schema = \"Person\")]`",
        )
    })?;
    Ok(StructOptions { schema, into, from })
}

/// A path as written (`salesforce::Contact`), for docs.
fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// The type a property path of `schema` expects (`givenName`; `address.streetAddress`,
/// one level into a property holding one object), and on a two-step path the first
/// property and the type it holds.
fn property_path(
    vocabulary: &Vocabulary,
    schema: &str,
    path: &str,
) -> Result<(Expected, Option<(String, String)>), String> {
    let lookup = |ty: &str, property: &str| {
        let ty = &vocabulary.types[ty];
        ty.properties.get(property).cloned().ok_or_else(|| {
            let hint = near(property, ty.properties.keys().map(String::as_str));
            format!(
                "Schema.org `{}` has no property `{property}`{hint}",
                ty.name
            )
        })
    };
    match path.split_once('.') {
        None => Ok((lookup(schema, path)?, None)),
        Some((first, rest)) => {
            let holds = lookup(schema, first)?;
            if holds.data || holds.many || rest.contains('.') {
                return Err(format!(
                    "`{first}` of `{schema}` is not one object whose properties a field can hold (`{first}.…` goes one level deep)"
                ));
            }
            let inner = lookup(&holds.name, rest)?;
            Ok((inner, Some((first.to_owned(), holds.name))))
        }
    }
}

/// A field's `#[integration(rename = "…")]` or `#[integration(skip)]`.
#[derive(Default)]
struct FieldOptions {
    rename: Option<syn::LitStr>,
    skip: bool,
}

impl FieldOptions {
    fn parse(field: &syn::Field) -> syn::Result<FieldOptions> {
        let mut options = FieldOptions::default();
        for attr in field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("integration"))
        {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    options.rename = Some(meta.value()?.parse()?);
                    Ok(())
                } else if meta.path.is_ident("skip") {
                    options.skip = true;
                    Ok(())
                } else {
                    Err(meta.error(
                        "unknown argument: a field takes `rename = \"givenName\"` or `skip`",
                    ))
                }
            })?;
        }
        Ok(options)
    }
}

/// A field name in Schema.org's style (`family_name` → `familyName`).
fn camel(field: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in field.trim_start_matches("r#").chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `(true, T)` for `Option<T>`, `(false, ty)` otherwise.
fn option_inner(ty: &syn::Type) -> (bool, &syn::Type) {
    if let syn::Type::Path(path) = ty
        && let Some(last) = path.path.segments.last()
        && last.ident == "Option"
        && let syn::PathArguments::AngleBracketed(args) = &last.arguments
        && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
    {
        return (true, inner);
    }
    (false, ty)
}

/// Whether a field of type `ty` can hold what a property expects.
fn fits(expected: &Expected, ty: &syn::Type) -> Result<(), String> {
    if expected.many {
        return Err(format!(
            "several `{}` values, which a user field cannot map yet",
            expected.name
        ));
    }
    if !expected.data {
        return Err(format!(
            "a `{}`, which a user field cannot map yet (fields hold text, whole numbers, numbers and booleans)",
            expected.name
        ));
    }
    let last = match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    let wanted: &[&str] = match expected.name.as_str() {
        "Text" | "URL" | "Date" | "DateTime" | "Time" => &["String"],
        "Integer" => &["i64"],
        "Boolean" => &["bool"],
        "Number" => &["Number"],
        _ => &[],
    };
    match last {
        Some(found) if wanted.contains(&found.as_str()) => Ok(()),
        _ => Err(format!(
            "{} (a `{}` field, or an `Option` of one)",
            match expected.name.as_str() {
                "Integer" => "a whole number",
                "Boolean" => "true or false",
                "Number" => "a number",
                _ => "text",
            },
            wanted.first().copied().unwrap_or("String")
        )),
    }
}

/// ` (did you mean `x`?)` for the nearest of `candidates`, or nothing.
fn near<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    integrations_codegen::diagnostics::closest(word, candidates)
        .map(|near| format!(" (did you mean `{near}`?)"))
        .unwrap_or_default()
}
