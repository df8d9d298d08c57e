//! `#[derive(Integration)]`: a user's struct mapped to a Schema.org type of
//! `integrations::schema`, field by field, checked against the vocabulary at compile time.
//!
//! ```ignore
//! #[derive(Integration)]
//! #[integration(schema = "Person")]
//! struct User {
//!     #[integration(rename = "givenName")]
//!     first: String,
//!     family_name: Option<String>,   // `familyName`
//!     #[integration(skip)]
//!     internal_id: u64,
//! }
//! ```
//!
//! generates `From<&User> for integrations::schema::Person` and the way back
//! (`TryFrom<&Person> for User` when a field is not an `Option`, naming the missing
//! property; `From` otherwise). Through `Person`, a user's value reaches every provider
//! type a mapping table converts (`salesforce::Contact::try_from(&Person::from(&user))`).

use integrations_codegen::vocabulary::{Expected, Vocabulary, field_name};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;

/// One field of the user's struct and the property it holds.
struct Mapped {
    field: syn::Ident,
    property: String,
    optional: bool,
}

pub fn expand(input: syn::DeriveInput) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let schema = schema_argument(&input)?;
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
        let Some(expected) = schema_type.properties.get(&property) else {
            let hint = near(&property, schema_type.properties.keys().map(String::as_str));
            push_error(syn::Error::new(
                span,
                format!(
                    "Schema.org `{}` has no property `{property}`{hint}",
                    schema_type.name
                ),
            ));
            continue;
        };
        let (optional, inner) = option_inner(&field.ty);
        if let Err(problem) = fits(expected, inner) {
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
        });
    }
    if let Some(errors) = errors {
        return Err(errors);
    }

    let schema_path: syn::Path =
        syn::parse_str(&format!("::integrations::schema::{}", schema_type.name))?;
    let to_schema = mapped.iter().map(|m| {
        let (field, property) = (&m.field, syn::Ident::new(&field_name(&m.property), Span::call_site()));
        if m.optional {
            quote!(target.#property = ::std::clone::Clone::clone(&source.#field);)
        } else {
            quote!(target.#property = ::std::option::Option::Some(::std::clone::Clone::clone(&source.#field));)
        }
    });
    let required: Vec<&Mapped> = mapped.iter().filter(|m| !m.optional).collect();
    let schema_name = schema_type.name.clone();
    let type_label = format!("`{name}`");
    let from_schema = mapped.iter().map(|m| {
        let (field, property) = (&m.field, syn::Ident::new(&field_name(&m.property), Span::call_site()));
        if m.optional {
            quote!(#field: ::std::clone::Clone::clone(&source.#property),)
        } else {
            let wire = &m.property;
            let field_text = field.to_string();
            quote! {
                #field: ::std::clone::Clone::clone(&source.#property).ok_or_else(|| {
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
    Ok(quote! {
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

/// `schema = "Person"` of the struct's `#[integration(..)]`.
fn schema_argument(input: &syn::DeriveInput) -> syn::Result<syn::LitStr> {
    let mut schema = None;
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("integration"))
    {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("schema") {
                schema = Some(meta.value()?.parse::<syn::LitStr>()?);
                Ok(())
            } else {
                Err(meta.error("unknown argument: the struct takes `schema = \"Person\"`"))
            }
        })?;
    }
    schema.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            "#[derive(Integration)] needs the Schema.org type: `#[integration(schema = \"Person\")]`",
        )
    })
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
