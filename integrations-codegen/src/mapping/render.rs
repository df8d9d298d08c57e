//! Mapping tables as Rust: `TryFrom`/`From` conversions each way, with rustdoc listing
//! what each drops; amounts of money converted through minor units, maps of named values
//! built entry by entry.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::idents::{ident, lit};
use crate::vocabulary::field_name;

use super::{ByTable, Conversion, Holding, MoneyRole, Pair, Table, list};

/// The conversions of `tables`, formatted: provider types are named as in the module the
/// code is included in, Schema.org types under `schema` (`crate::schema`).
pub fn render(
    tables: &[Table],
    provider_name: &str,
    schema: &str,
) -> Result<String, crate::emit::RenderError> {
    let schema: TokenStream = schema.parse().unwrap_or_else(|_| quote!(crate::schema));
    let items = tables
        .iter()
        .map(|t| table_tokens(t, provider_name, &schema));
    crate::emit::format(quote! { #(#items)* })
}

fn table_tokens(table: &Table, provider_name: &str, schema: &TokenStream) -> TokenStream {
    let rt = quote!(::integrations_runtime);
    let target = ident(&table.rust_type);
    let source = ident(&table.schema);
    let fallible = table.fallible();

    // Schema.org → provider.
    let schema_type = lit(&table.schema);
    let provider_type = lit(&format!("{provider_name} `{}`", table.provider));
    // The Schema.org value of a pair, converted to what the provider field holds.
    let read = |pair: &Pair| -> TokenStream {
        let first = ident(&field_name(&pair.path[0]));
        if let Some(by) = &pair.by_table {
            return by_table_write(pair, by, schema, &schema_type, &provider_type);
        }
        let value = match (pair.path.get(1), pair.many) {
            _ if pair.conversion == Conversion::JoinName => quote! {
                source.name.clone().or_else(|| #rt::transforms::join_name(source.given_name.as_deref(), source.family_name.as_deref()))
            },
            (None, _) => quote!(source.#first.clone()),
            (Some(inner), false) => {
                let inner = ident(&field_name(inner));
                quote!(source.#first.as_ref().and_then(|value| value.#inner.clone()))
            }
            (Some(inner), true) => {
                let inner = ident(&field_name(inner));
                quote!(source.#first.first().and_then(|value| value.#inner.clone()))
            }
        };
        let property = lit(&pair.path.join("."));
        let wire = lit(&pair.wire);
        pair.conversion.write(value, |problem| {
            quote!(#rt::MappingError::invalid(#schema_type, #property, #provider_type, #wire, #problem))
        })
    };
    let mut values = BTreeMap::new();
    // An amount of money is converted once, into `money_<n>`, before its two fields.
    let mut prelude = Vec::new();
    let mut maps: BTreeMap<String, (Pair, Vec<TokenStream>)> = BTreeMap::new();
    // The values written into each object field, by its wire name.
    let mut outers: BTreeMap<String, ObjectField> = BTreeMap::new();
    // A property holding several values, of which a field takes the first, holds no more.
    let mut single = std::collections::BTreeSet::new();
    for pair in table
        .pairs
        .iter()
        .filter(|p| p.direction.writes() && p.many)
    {
        if single.insert(pair.path[0].clone()) {
            let field = ident(&field_name(&pair.path[0]));
            let (property, wire) = (lit(&pair.path[0]), lit(&pair.wire));
            prelude.push(quote! {
                if source.#field.len() > 1 {
                    return ::std::result::Result::Err(#rt::MappingError::invalid(#schema_type, #property, #provider_type, #wire, ::std::format!("holds {} values, and the field takes one", source.#field.len())));
                }
            });
        }
    }
    for pair in table.pairs.iter().filter(|p| p.direction.writes()) {
        if let Some((key, optional)) = &pair.key {
            let value = read(pair);
            let insert = if *optional {
                quote!(::std::option::Option::Some(value))
            } else {
                quote!(value)
            };
            let statement = if pair.required {
                let property = lit(&pair.path.join("."));
                let wire = lit(&format!("{}.{key}", pair.wire));
                quote! {
                    let value = #value.ok_or_else(|| #rt::MappingError::missing(#schema_type, #property, #provider_type, #wire))?;
                    map.insert(::std::string::ToString::to_string(#key), #insert);
                }
            } else {
                quote! {
                    if let ::std::option::Option::Some(value) = #value {
                        map.insert(::std::string::ToString::to_string(#key), #insert);
                    }
                }
            };
            maps.entry(pair.wire.clone())
                .or_insert_with(|| (pair.clone(), Vec::new()))
                .1
                .push(statement);
            continue;
        }
        let (value, property) = match pair.money {
            // The value as a one-item list, marked primary.
            None if pair.primary_item.is_some() => {
                let (item, value_nullable, primary_nullable) =
                    pair.primary_item.clone().unwrap_or_default();
                let item = ident(&item);
                let hold = |nullable: bool, value: TokenStream| {
                    if nullable {
                        quote!(#rt::Nullable::Value(#value))
                    } else {
                        quote!(::std::option::Option::Some(#value))
                    }
                };
                let (value_field, primary_field) = (
                    hold(value_nullable, quote!(value)),
                    hold(primary_nullable, quote!(true)),
                );
                let value = read(pair);
                (
                    quote!(#value.map(|value| ::std::vec![#item {
                        value: #value_field,
                        primary: #primary_field,
                        ..::std::default::Default::default()
                    }])),
                    pair.path.join("."),
                )
            }
            None => (read(pair), pair.path.join(".")),
            Some(role) => {
                let group = match role {
                    MoneyRole::Amount { group } | MoneyRole::Currency { group, .. } => group,
                };
                let var = ident(&format!("money_{group}"));
                if matches!(role, MoneyRole::Amount { .. }) {
                    prelude.push(money_prelude(
                        table,
                        group,
                        &var,
                        &schema_type,
                        &provider_type,
                    ));
                }
                match role {
                    MoneyRole::Amount { .. } => (
                        quote!(#var.as_ref().map(|(minor, _)| *minor)),
                        format!("{}.value", pair.path[0]),
                    ),
                    // Text, or the provider's enumeration of codes.
                    MoneyRole::Currency { .. } => (
                        match &pair.conversion {
                            Conversion::EnumText { provider_enum } => {
                                let name = ident(provider_enum);
                                quote!(#var.as_ref().map(|(_, code)| #name::from(::std::clone::Clone::clone(code))))
                            }
                            _ => {
                                quote!(#var.as_ref().map(|(_, code)| ::std::clone::Clone::clone(code)))
                            }
                        },
                        format!("{}.currency", pair.path[0]),
                    ),
                }
            }
        };
        // A value written into an object field is checked where the object is made.
        if let Some(outer) = &pair.outer {
            outers
                .entry(outer.wire.clone())
                .or_insert_with(|| ObjectField {
                    first: pair.clone(),
                    outer: outer.clone(),
                    fields: Vec::new(),
                })
                .fields
                .push((pair.clone(), value));
            continue;
        }
        // A required value is checked where it is read, a default filled there; a
        // constructor argument held as it is takes the value itself (a list another
        // table fills, empty when there is none).
        let (value, present) = if let Some(text) = &pair.default {
            let present =
                quote!(#value.unwrap_or_else(|| ::std::string::ToString::to_string(#text)));
            (quote!(::std::option::Option::Some(#present)), present)
        } else if pair.required {
            let property = lit(&property);
            let wire = lit(&pair.wire);
            let present = quote!(#value.ok_or_else(|| #rt::MappingError::missing(#schema_type, #property, #provider_type, #wire))?);
            (quote!(::std::option::Option::Some(#present)), present)
        } else if pair.holding == Holding::Plain {
            // Held as it is and not required: a list, which may be empty.
            (value.clone(), quote!(#value.unwrap_or_default()))
        } else {
            (value.clone(), value)
        };
        values.insert(pair.wire.clone(), (pair.clone(), value, present));
    }
    // An object field is made from the values the table writes into it (see
    // `object_field` for when).
    for (
        wire,
        ObjectField {
            first,
            outer,
            fields,
        },
    ) in outers
    {
        let var = ident(&format!("outer_{}", outer.field));
        prelude.push(object_field(
            &var,
            &outer,
            &fields,
            &schema_type,
            &provider_type,
        ));
        // Missing when none of the values that make it is set: those are named.
        let makers: Vec<String> = fields
            .iter()
            .filter(|(pair, _)| pair.default.is_none())
            .map(|(pair, _)| pair.path.join("."))
            .collect();
        let property = lit(&if makers.is_empty() {
            first.path.join(".")
        } else {
            makers.join(" or ")
        });
        let wire_lit = lit(&wire);
        // The one object, boxed where the field boxes it, in a one-item list for a list.
        let mut made = quote!(#var);
        if outer.boxed {
            made = quote!(#made.map(::std::boxed::Box::new));
        }
        if outer.list {
            made = quote!(#made.map(|item| ::std::vec![item]));
        }
        let (value, present) = if outer.list {
            (made.clone(), quote!(#made.unwrap_or_default()))
        } else {
            (
                made.clone(),
                quote!(#made.ok_or_else(|| #rt::MappingError::missing(#schema_type, #property, #provider_type, #wire_lit))?),
            )
        };
        let holder = Pair {
            wire: wire.clone(),
            field: outer.field.clone(),
            holding: outer.holding,
            outer: None,
            key: None,
            primary_item: None,
            money: None,
            conversion: Conversion::Plain,
            by_table: None,
            default: None,
            ..first
        };
        values.insert(wire, (holder, value, present));
    }
    for (wire, (pair, statements)) in maps {
        let var = ident(&format!("map_{}", pair.field));
        prelude.push(quote! {
            let #var = {
                let mut map = ::std::collections::BTreeMap::new();
                #(#statements)*
                map
            };
        });
        let (value, present) = match pair.holding {
            Holding::Plain => (quote!(::std::option::Option::Some(#var)), quote!(#var)),
            _ => {
                let some = quote!((!#var.is_empty()).then_some(#var));
                (some.clone(), some)
            }
        };
        values.insert(wire, (pair, value, present));
    }
    let writes = table.pairs.iter().any(|p| p.direction.writes());
    let reads = table.pairs.iter().any(|p| p.direction.reads());
    let constructor = if table.constructor.is_empty() || !writes {
        quote!(<#target as ::std::default::Default>::default())
    } else {
        // `load` checked that the table writes every constructor argument but lists and
        // maps, which start empty.
        let args = table.constructor.iter().map(|wire| match values.get(wire) {
            None => quote!(::std::default::Default::default()),
            // Held as it is, so required: the checked value.
            Some((pair, _, present)) if pair.holding == Holding::Plain => quote!(#present),
            Some((_, value, _)) => quote!(#value),
        });
        quote!(#target::new(#(#args),*))
    };
    // With a `Default`, one struct literal; with a constructor, assignments after it.
    let by_default = table.constructor.is_empty() || !writes;
    let set: Vec<(&Pair, TokenStream)> = values
        .iter()
        .filter(|(wire, _)| !table.constructor.contains(wire))
        .map(|(_, (pair, value, _))| {
            let value = match pair.holding {
                // A map built above is already what the field holds.
                _ if pair.key.is_some() => value.clone(),
                Holding::Plain | Holding::Optional => value.clone(),
                // An unset property is left out, not sent as `null` (which would clear
                // the field on an update).
                Holding::Nullable => {
                    quote!(#value.map_or(#rt::Nullable::Absent, #rt::Nullable::Value))
                }
            };
            (pair, value)
        })
        .collect();
    let (build, built) = if by_default {
        let fields = set.iter().map(|(pair, value)| {
            let field = ident(&pair.field);
            quote!(#field: #value,)
        });
        (
            quote!(#(#prelude)*),
            quote!(#target { #(#fields)* ..::std::default::Default::default() }),
        )
    } else {
        let assignments = set.iter().map(|(pair, value)| {
            let field = ident(&pair.field);
            match pair.holding {
                Holding::Plain => quote!(if let ::std::option::Option::Some(value) = #value { target.#field = value; }),
                _ => quote!(target.#field = #value;),
            }
        });
        (
            quote! {
                #(#prelude)*
                #[allow(unused_mut)]
                let mut target = #constructor;
                #(#assignments)*
            },
            quote!(target),
        )
    };
    let to_doc = lit(&format!(
        " A {provider_name} `{}` from a Schema.org `{}`, by `mappings.toml`. Dropped on the way: {}.",
        table.provider,
        table.schema,
        list(&table.dropped_to_provider)
    ));
    let forward = if !writes {
        TokenStream::new()
    } else if fallible {
        let required: Vec<String> = table
            .pairs
            .iter()
            .filter(|p| p.direction.writes() && (p.required || p.money.is_some()))
            .map(|p| p.path.join("."))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let converted: Vec<String> = table
            .pairs
            .iter()
            .filter(|p| {
                p.direction.writes()
                    && (p.many
                        || p.conversion.fallible()
                        || p.by_table.as_ref().is_some_and(|by| by.fallible))
            })
            .map(|p| match (&p.by_table, p.conversion.describe()) {
                (Some(by), _) => format!("{} (by the `{}` table)", p.path.join("."), by.name),
                (None, Some(how)) => format!("{} ({how})", p.path.join(".")),
                (None, None) => format!("{} (one value at most)", p.path[0]),
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        // Fields an object's type requires that the table does not: missing only when
        // the object is made for another value.
        let incomplete: Vec<String> = table.incomplete().iter().map(|p| p.wire.clone()).collect();
        let mut clauses = Vec::new();
        if !required.is_empty() {
            let money = table
                .pairs
                .iter()
                .any(|p| p.direction.writes() && p.money.is_some());
            clauses.push(format!(
                "{}{} is missing{}",
                if required.len() > 1 { "any of " } else { "" },
                list(&required),
                if money {
                    " (or, for an amount of money, has more decimals than its currency)"
                } else {
                    ""
                }
            ));
        }
        if !converted.is_empty() {
            clauses.push(format!(
                "a value does not convert: {}",
                converted.join("; ")
            ));
        }
        if !incomplete.is_empty() {
            clauses.push(format!(
                "an object it writes into is made without {}",
                list(&incomplete)
            ));
        }
        let mut fails = String::from(" Fails with the property and field named");
        if !clauses.is_empty() {
            fails.push_str(" when ");
            fails.push_str(&clauses.join(", or when "));
        }
        fails.push('.');
        let fails = lit(&fails);
        quote! {
            #[doc = #to_doc]
            #[doc = ""]
            #[doc = #fails]
            impl ::std::convert::TryFrom<&#schema::#source> for #target {
                type Error = #rt::MappingError;
                fn try_from(source: &#schema::#source) -> ::std::result::Result<Self, Self::Error> {
                    #build
                    ::std::result::Result::Ok(#built)
                }
            }
        }
    } else {
        quote! {
            #[doc = #to_doc]
            impl ::std::convert::From<&#schema::#source> for #target {
                fn from(source: &#schema::#source) -> Self {
                    #build
                    #built
                }
            }
        }
    };

    // Provider → Schema.org.
    let mut top = Vec::new();
    let mut nested: BTreeMap<(String, String, bool), Vec<TokenStream>> = BTreeMap::new();
    // A full name split into the parts the table does not read from their own fields.
    let mut split = Vec::new();
    let mut amounts: BTreeMap<usize, MoneyRead> = BTreeMap::new();
    for pair in table.pairs.iter().filter(|p| p.direction.reads()) {
        let field = ident(&pair.field);
        // A field of an object field is read through it, when the object is there.
        let base = if pair.outer.is_some() {
            quote!(outer)
        } else {
            quote!(source)
        };
        // `value` is an `Option`, or with `always` the value itself (of a field the
        // provider type always has).
        let through = |value: TokenStream, always: bool| match &pair.outer {
            None if always => quote!(::std::option::Option::Some(#value)),
            None => value,
            Some(outer) => {
                let holder = ident(&outer.field);
                let mut access = match outer.holding {
                    Holding::Plain => quote!(::std::option::Option::Some(&source.#holder)),
                    Holding::Optional | Holding::Nullable => quote!(source.#holder.as_ref()),
                };
                // The first item of a list.
                if outer.list {
                    access = quote!(#access.and_then(|list| list.first()));
                }
                if always {
                    quote!(#access.map(|outer| #value))
                } else {
                    quote!(#access.and_then(|outer| #value))
                }
            }
        };
        if let Some(by) = &pair.by_table {
            let held = match pair.holding {
                Holding::Plain => through(quote!(&#base.#field), true),
                Holding::Optional | Holding::Nullable => {
                    through(quote!(#base.#field.as_ref()), false)
                }
            };
            let property = ident(&field_name(&pair.path[0]));
            let holds = ident(&by.schema);
            top.push(match (by.list, by.boxed) {
                (true, _) => quote! {
                    target.#property = #held
                        .map(|list| list.iter().map(#schema::#holds::from).collect())
                        .unwrap_or_default();
                },
                (false, true) => quote! {
                    target.#property = #held.map(|item| ::std::boxed::Box::new(#schema::#holds::from(&**item)));
                },
                (false, false) => quote! {
                    target.#property = #held.map(|item| ::std::boxed::Box::new(#schema::#holds::from(item)));
                },
            });
            continue;
        }
        if let Some(role) = pair.money {
            let value = match pair.holding {
                Holding::Plain => through(quote!(::std::clone::Clone::clone(&#base.#field)), true),
                Holding::Optional => {
                    through(quote!(::std::clone::Clone::clone(&#base.#field)), false)
                }
                Holding::Nullable => through(
                    quote!(::std::clone::Clone::clone(&#base.#field).into_option()),
                    false,
                ),
            };
            let group = match role {
                MoneyRole::Amount { group } | MoneyRole::Currency { group, .. } => group,
            };
            let read = amounts.entry(group).or_insert_with(|| MoneyRead {
                property: pair.path[0].clone(),
                ..MoneyRead::default()
            });
            match role {
                MoneyRole::Amount { .. } => read.amount = Some(value),
                MoneyRole::Currency { lowercase, .. } => {
                    // Text, or the provider's enumeration of codes, as text.
                    read.currency = Some(match pair.conversion {
                        Conversion::EnumText { .. } => {
                            quote!(#value.map(|code| ::std::string::ToString::to_string(code.as_str())))
                        }
                        _ => value,
                    });
                    read.lowercase = lowercase;
                }
            }
            continue;
        }
        let (value, always) = match (&pair.key, pair.holding) {
            (Some((key, optional)), holding) => {
                let flatten = optional.then(|| quote!(.flatten()));
                let value = match holding {
                    Holding::Plain => quote!(#base.#field.get(#key).cloned()#flatten),
                    Holding::Optional | Holding::Nullable => {
                        quote!(#base.#field.as_ref().and_then(|map| map.get(#key)).cloned()#flatten)
                    }
                };
                (value, false)
            }
            // The primary item's value, or the first item's when none is marked.
            (None, holding) if pair.primary_item.is_some() => {
                let list = match holding {
                    Holding::Plain => quote!(::std::option::Option::Some(&#base.#field)),
                    Holding::Optional | Holding::Nullable => quote!(#base.#field.as_ref()),
                };
                let value = quote! {
                    #list
                        .and_then(|list| list.iter().find(|item| item.primary.as_ref() == ::std::option::Option::Some(&true)).or_else(|| list.first()))
                        .and_then(|item| item.value.as_ref().cloned())
                };
                (value, false)
            }
            // By `Clone::clone`, which is also right for a `Copy` value such as an id.
            (None, Holding::Plain) => (quote!(::std::clone::Clone::clone(&#base.#field)), true),
            (None, Holding::Optional) => (quote!(::std::clone::Clone::clone(&#base.#field)), false),
            (None, Holding::Nullable) => (
                quote!(::std::clone::Clone::clone(&#base.#field).into_option()),
                false,
            ),
        };
        let value = pair.conversion.read_back(through(value, always));
        match pair.path.get(1) {
            None => {
                let property = ident(&field_name(&pair.path[0]));
                top.push(quote!(target.#property = #value;));
                if pair.conversion == Conversion::JoinName {
                    split.push(quote! {
                        if let ::std::option::Option::Some(full) = target.name.as_deref() {
                            let (given, family) = #rt::transforms::split_name(full);
                            if target.given_name.is_none() {
                                target.given_name = given;
                            }
                            if target.family_name.is_none() {
                                target.family_name = family;
                            }
                        }
                    });
                }
            }
            Some(inner) => {
                let inner = ident(&field_name(inner));
                nested
                    .entry((pair.path[0].clone(), pair.nested_type.clone().unwrap_or_default(), pair.many))
                    .or_default()
                    .push(quote!(if let ::std::option::Option::Some(value) = #value { inner.#inner = ::std::option::Option::Some(value); set = true; }));
            }
        }
    }
    let nested = nested.into_iter().map(|((property, holds, many), sets)| {
        let field = ident(&field_name(&property));
        let holds = ident(&holds);
        let store = if many {
            quote!(target.#field = ::std::vec![inner];)
        } else {
            quote!(target.#field = ::std::option::Option::Some(::std::boxed::Box::new(inner));)
        };
        quote! {
            {
                let mut inner = #schema::#holds::new();
                let mut set = false;
                #(#sets)*
                if set {
                    #store
                }
            }
        }
    });
    let from_doc = lit(&format!(
        " A Schema.org `{}` from a {provider_name} `{}`, by `mappings.toml`. Dropped on the way: {}.",
        table.schema,
        table.provider,
        list(&table.dropped_from_provider)
    ));
    let money_back = amounts.into_values().filter_map(|read| {
        let (amount, currency) = (read.amount?, read.currency?);
        let field = ident(&field_name(&read.property));
        let code = if read.lowercase {
            quote!(code.to_uppercase())
        } else {
            quote!(code)
        };
        Some(quote! {
            if let (::std::option::Option::Some(minor), ::std::option::Option::Some(code)) = (#amount, #currency) {
                let code: ::std::string::String = #code;
                if let ::std::result::Result::Ok(value) = #rt::transforms::minor_to_decimal(minor, &code).parse::<#rt::serde_json::Number>() {
                    target.#field = ::std::option::Option::Some(::std::boxed::Box::new(
                        #schema::MonetaryAmount::new().value(value).currency(code),
                    ));
                }
            }
        })
    });
    let backward = reads.then(|| {
        quote! {
            #[doc = #from_doc]
            impl ::std::convert::From<&#target> for #schema::#source {
                fn from(source: &#target) -> Self {
                    let mut target = #schema::#source::new();
                    #(#top)*
                    #(#split)*
                    #(#money_back)*
                    #(#nested)*
                    target
                }
            }
        }
    });
    quote! {
        #forward
        #backward
    }
}

/// The value of a `table` entry on its way to the provider: the Schema.org object, or
/// each of several, converted by the other table (an `Option`: `None` for no value or
/// an empty list), an error naming the property and the item where one fails.
fn by_table_write(
    pair: &Pair,
    by: &ByTable,
    schema: &TokenStream,
    schema_type: &proc_macro2::Literal,
    provider_type: &proc_macro2::Literal,
) -> TokenStream {
    let rt = quote!(::integrations_runtime);
    let first = ident(&field_name(&pair.path[0]));
    let (ty, holds) = (ident(&by.rust_type), ident(&by.schema));
    let (property, wire) = (lit(&pair.path.join(".")), lit(&pair.wire));
    let failed = |problem: TokenStream| quote!(#rt::MappingError::invalid(#schema_type, #property, #provider_type, #wire, #problem));
    match (by.list, by.fallible) {
        (true, true) => quote! {
            #rt::mapping::each::<_, #ty>(&source.#first, #schema_type, #property, #provider_type, #wire)?
        },
        (true, false) => quote! {
            (!source.#first.is_empty()).then(|| {
                source.#first
                    .iter()
                    .map(<#ty as ::std::convert::From<&#schema::#holds>>::from)
                    .collect::<::std::vec::Vec<#ty>>()
            })
        },
        (false, fallible) => {
            let made = if fallible {
                let error = failed(quote!(problem));
                quote! {
                    match source.#first.as_deref() {
                        ::std::option::Option::None => ::std::option::Option::None,
                        ::std::option::Option::Some(item) => ::std::option::Option::Some(
                            <#ty as ::std::convert::TryFrom<&#schema::#holds>>::try_from(item)
                                .map_err(|problem| #error)?,
                        ),
                    }
                }
            } else {
                quote!(source.#first.as_deref().map(<#ty as ::std::convert::From<&#schema::#holds>>::from))
            };
            if by.boxed {
                quote!(#made.map(::std::boxed::Box::new))
            } else {
                made
            }
        }
    }
}

/// How a value written into an object field is there once read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Required by the table: read checked, so the object is always made.
    Required,
    /// With a `default`: always there, but it alone does not make the object.
    Defaulted,
    /// An `Option`: the object is made when one is set.
    Optional,
}

/// The statement that makes the object a table writes into an object field, into `var`
/// (an `Option`): each value read first (a required one checked there, a default filled
/// there), the object made when a required or optional value is there (and always when
/// only defaults are written), its constructor given what it requires.
fn object_field(
    var: &proc_macro2::Ident,
    outer: &super::Outer,
    fields: &[(Pair, TokenStream)],
    schema_type: &proc_macro2::Literal,
    provider_type: &proc_macro2::Literal,
) -> TokenStream {
    let rt = quote!(::integrations_runtime);
    let ty = ident(&outer.rust_type);
    let name = |index: usize| ident(&format!("value_{index}"));
    let missing = |pair: &Pair| {
        let (property, wire) = (lit(&pair.path.join(".")), lit(&pair.wire));
        quote!(#rt::MappingError::missing(#schema_type, #property, #provider_type, #wire))
    };
    let kinds: Vec<Read> = fields
        .iter()
        .map(|(pair, _)| match (&pair.default, pair.required) {
            (Some(_), _) => Read::Defaulted,
            (None, true) => Read::Required,
            (None, false) => Read::Optional,
        })
        .collect();
    let reads = fields.iter().enumerate().map(|(index, (pair, value))| {
        let var = name(index);
        match (kinds[index], &pair.default) {
            (Read::Required, _) => {
                let missing = missing(pair);
                quote!(let #var = #value.ok_or_else(|| #missing)?;)
            }
            (Read::Defaulted, Some(text)) => {
                quote!(let #var = #value.unwrap_or_else(|| ::std::string::ToString::to_string(#text));)
            }
            _ => quote!(let #var = #value;),
        }
    });
    let made = if outer.constructor.is_empty() {
        quote!(<#ty as ::std::default::Default>::default())
    } else {
        let arguments = outer.constructor.iter().map(|(wire, empty)| {
            let Some(index) = fields.iter().position(|(p, _)| p.inner_wire() == wire) else {
                // A list or map no pair writes (`load` checked): it starts empty.
                return quote!(::std::default::Default::default());
            };
            let (pair, var) = (&fields[index].0, name(index));
            let there = kinds[index] != Read::Optional;
            match (pair.holding, there) {
                // A required and nullable field: its constructor takes the `Option`.
                (Holding::Optional | Holding::Nullable, true) => {
                    quote!(::std::option::Option::Some(#var))
                }
                (Holding::Optional | Holding::Nullable, false) => quote!(#var),
                (Holding::Plain, true) => quote!(#var),
                (Holding::Plain, false) if *empty => quote!(#var.unwrap_or_default()),
                (Holding::Plain, false) => {
                    let missing = missing(pair);
                    quote!(#var.ok_or_else(|| #missing)?)
                }
            }
        });
        quote!(#ty::new(#(#arguments),*))
    };
    let sets = fields
        .iter()
        .enumerate()
        .filter(|(_, (pair, _))| {
            !outer
                .constructor
                .iter()
                .any(|(wire, _)| wire == pair.inner_wire())
        })
        .map(|(index, (pair, _))| {
            let (field, var) = (ident(&pair.field), name(index));
            let store = |value: TokenStream| match pair.holding {
                Holding::Nullable => quote!(#rt::Nullable::Value(#value)),
                _ => quote!(::std::option::Option::Some(#value)),
            };
            if kinds[index] == Read::Optional {
                let store = store(quote!(value));
                quote! {
                    if let ::std::option::Option::Some(value) = #var {
                        inner.#field = #store;
                    }
                }
            } else {
                let value = store(quote!(#var));
                quote!(inner.#field = #value;)
            }
        });
    let build = quote! {
        #[allow(unused_mut)]
        let mut inner = #made;
        #(#sets)*
        ::std::option::Option::Some(inner)
    };
    let optional: Vec<TokenStream> = (0..fields.len())
        .filter(|index| kinds[*index] == Read::Optional)
        .map(|index| {
            let var = name(index);
            quote!(#var.is_some())
        })
        .collect();
    let body = if kinds.contains(&Read::Required) || optional.is_empty() {
        build
    } else {
        quote! {
            if #(#optional)||* {
                #build
            } else {
                ::std::option::Option::None
            }
        }
    };
    quote! {
        let #var: ::std::option::Option<#ty> = {
            #(#reads)*
            #body
        };
    }
}

/// An object field of the provider type and the values a table writes into it.
struct ObjectField {
    /// The first pair writing into it (its path names the object in messages).
    first: Pair,
    outer: super::Outer,
    /// Each pair and its value.
    fields: Vec<(Pair, TokenStream)>,
}

/// The two fields of an amount of money on the way back to Schema.org.
#[derive(Default)]
struct MoneyRead {
    property: String,
    amount: Option<TokenStream>,
    currency: Option<TokenStream>,
    lowercase: bool,
}

/// The statement that reads the `MonetaryAmount` of money group `group` from the source
/// into `var`: `None` when the property is unset, else the amount in minor units and the
/// currency code, a missing part or an amount the currency cannot hold being an error.
fn money_prelude(
    table: &Table,
    group: usize,
    var: &proc_macro2::Ident,
    schema_type: &proc_macro2::Literal,
    provider_type: &proc_macro2::Literal,
) -> TokenStream {
    let rt = quote!(::integrations_runtime);
    let part = |amount: bool| {
        table.pairs.iter().find(|p| match p.money {
            Some(MoneyRole::Amount { group: g }) => amount && g == group,
            Some(MoneyRole::Currency { group: g, .. }) => !amount && g == group,
            None => false,
        })
    };
    let (Some(amount), Some(currency)) = (part(true), part(false)) else {
        return TokenStream::new();
    };
    let property = &amount.path[0];
    let first = ident(&field_name(property));
    let value_property = lit(&format!("{property}.value"));
    let currency_property = lit(&format!("{property}.currency"));
    let (amount_wire, currency_wire) = (lit(&amount.wire), lit(&currency.wire));
    let lowercase = matches!(
        currency.money,
        Some(MoneyRole::Currency {
            lowercase: true,
            ..
        })
    );
    let code = if lowercase {
        quote!(currency.to_lowercase())
    } else {
        quote!(currency)
    };
    quote! {
        let #var: ::std::option::Option<(i64, ::std::string::String)> = match source.#first.as_deref() {
            ::std::option::Option::None => ::std::option::Option::None,
            ::std::option::Option::Some(money) => {
                let currency = ::std::clone::Clone::clone(&money.currency).ok_or_else(|| {
                    #rt::MappingError::missing(#schema_type, #currency_property, #provider_type, #currency_wire)
                })?;
                let value = money.value.as_ref().ok_or_else(|| {
                    #rt::MappingError::missing(#schema_type, #value_property, #provider_type, #amount_wire)
                })?;
                let minor = #rt::transforms::decimal_to_minor(&value.to_string(), &currency).map_err(|problem| {
                    #rt::MappingError::invalid(#schema_type, #value_property, #provider_type, #amount_wire, problem)
                })?;
                ::std::option::Option::Some((minor, #code))
            }
        };
    }
}
