//! Mapping tables as Rust: `TryFrom`/`From` conversions each way, with rustdoc listing
//! what each drops; amounts of money converted through minor units, maps of named values
//! built entry by entry.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::idents::{ident, lit};
use crate::vocabulary::field_name;

use super::{Conversion, Holding, MoneyRole, Pair, Table, list};

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
    let fallible = table.pairs.iter().any(|p| {
        p.direction.writes()
            && (p.required
                || p.money.is_some()
                || p.many
                || p.conversion.fallible()
                || p.outer
                    .as_ref()
                    .is_some_and(|o| o.holding == Holding::Plain))
    });

    // Schema.org → provider.
    let schema_type = lit(&table.schema);
    let provider_type = lit(&format!("{provider_name} `{}`", table.provider));
    // The Schema.org value of a pair, converted to what the provider field holds.
    let read = |pair: &Pair| -> TokenStream {
        let first = ident(&field_name(&pair.path[0]));
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
        // A required value is checked where it is read; a constructor argument held as
        // it is takes the checked value itself.
        let (value, present) = if pair.required {
            let property = lit(&property);
            let wire = lit(&pair.wire);
            let present = quote!(#value.ok_or_else(|| #rt::MappingError::missing(#schema_type, #property, #provider_type, #wire))?);
            (quote!(::std::option::Option::Some(#present)), present)
        } else {
            (value.clone(), value)
        };
        match &pair.outer {
            None => {
                values.insert(pair.wire.clone(), (pair.clone(), value, present));
            }
            Some(outer) => outers
                .entry(outer.wire.clone())
                .or_insert_with(|| ObjectField {
                    first: pair.clone(),
                    outer: outer.clone(),
                    fields: Vec::new(),
                })
                .fields
                .push((pair.clone(), value)),
        }
    }
    // An object field is made from the values the table writes into it, when any is set.
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
        let ty = ident(&outer.rust_type);
        let sets = fields.iter().map(|(pair, value)| {
            let field = ident(&pair.field);
            let store = match pair.holding {
                Holding::Nullable => quote!(#rt::Nullable::Value(value)),
                _ => quote!(::std::option::Option::Some(value)),
            };
            quote! {
                if let ::std::option::Option::Some(value) = #value {
                    inner.#field = #store;
                    set = true;
                }
            }
        });
        prelude.push(quote! {
            let #var: ::std::option::Option<#ty> = {
                let mut inner = <#ty as ::std::default::Default>::default();
                let mut set = false;
                #(#sets)*
                set.then_some(inner)
            };
        });
        let property = lit(&first.path.join("."));
        let wire_lit = lit(&wire);
        let (value, present) = if outer.boxed {
            (
                quote!(#var.map(::std::boxed::Box::new)),
                quote!(::std::boxed::Box::new(#var.ok_or_else(|| #rt::MappingError::missing(#schema_type, #property, #provider_type, #wire_lit))?)),
            )
        } else {
            (
                quote!(#var),
                quote!(#var.ok_or_else(|| #rt::MappingError::missing(#schema_type, #property, #provider_type, #wire_lit))?),
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
            .filter(|p| p.direction.writes() && (p.many || p.conversion.fallible()))
            .map(|p| match p.conversion.describe() {
                Some(how) => format!("{} ({how})", p.path.join(".")),
                None => format!("{} (one value at most)", p.path[0]),
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut fails = if required.is_empty() {
            String::from(" Fails with the property and field named")
        } else {
            format!(
                " Fails with the property and field named when {} is missing (or, for an amount of money, has more decimals than its currency)",
                list(&required)
            )
        };
        if !converted.is_empty() {
            fails.push_str(&format!(
                "{} a value does not convert: {}",
                if required.is_empty() {
                    " when"
                } else {
                    ", or when"
                },
                converted.join("; ")
            ));
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
        let through = |value: TokenStream| match &pair.outer {
            None => value,
            Some(outer) => {
                let holder = ident(&outer.field);
                let access = match outer.holding {
                    Holding::Plain => quote!(::std::option::Option::Some(&source.#holder)),
                    Holding::Optional | Holding::Nullable => quote!(source.#holder.as_ref()),
                };
                quote!(#access.and_then(|outer| #value))
            }
        };
        if let Some(role) = pair.money {
            let value = match pair.holding {
                Holding::Plain => {
                    quote!(::std::option::Option::Some(::std::clone::Clone::clone(&#base.#field)))
                }
                Holding::Optional => quote!(::std::clone::Clone::clone(&#base.#field)),
                Holding::Nullable => {
                    quote!(::std::clone::Clone::clone(&#base.#field).into_option())
                }
            };
            let group = match role {
                MoneyRole::Amount { group } | MoneyRole::Currency { group, .. } => group,
            };
            let read = amounts.entry(group).or_insert_with(|| MoneyRead {
                property: pair.path[0].clone(),
                ..MoneyRead::default()
            });
            match role {
                MoneyRole::Amount { .. } => read.amount = Some(through(value)),
                MoneyRole::Currency { lowercase, .. } => {
                    // Text, or the provider's enumeration of codes, as text.
                    let value = through(value);
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
        let value = match (&pair.key, pair.holding) {
            (Some((key, optional)), holding) => {
                let flatten = optional.then(|| quote!(.flatten()));
                match holding {
                    Holding::Plain => quote!(#base.#field.get(#key).cloned()#flatten),
                    Holding::Optional | Holding::Nullable => {
                        quote!(#base.#field.as_ref().and_then(|map| map.get(#key)).cloned()#flatten)
                    }
                }
            }
            // The primary item's value, or the first item's when none is marked.
            (None, holding) if pair.primary_item.is_some() => {
                let list = match holding {
                    Holding::Plain => quote!(::std::option::Option::Some(&#base.#field)),
                    Holding::Optional | Holding::Nullable => quote!(#base.#field.as_ref()),
                };
                quote! {
                    #list
                        .and_then(|list| list.iter().find(|item| item.primary.as_ref() == ::std::option::Option::Some(&true)).or_else(|| list.first()))
                        .and_then(|item| item.value.as_ref().cloned())
                }
            }
            // By `Clone::clone`, which is also right for a `Copy` value such as an id.
            (None, Holding::Plain) => {
                quote!(::std::option::Option::Some(::std::clone::Clone::clone(&#base.#field)))
            }
            (None, Holding::Optional) => quote!(::std::clone::Clone::clone(&#base.#field)),
            (None, Holding::Nullable) => {
                quote!(::std::clone::Clone::clone(&#base.#field).into_option())
            }
        };
        let value = pair.conversion.read_back(through(value));
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
