//! How a value changes between a provider field and a Schema.org property: the named
//! transforms (an E.164 telephone number, an integer written as text, Salesforce's and
//! RFC 2822 date-times, a full name joined from its parts) and value tables (a status enum and the
//! Schema.org values it stands for). Each is checked against both sides when a table is
//! loaded, and written here as the expressions the generated conversions use.

use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;

use crate::diagnostics::closest;
use crate::emit::idents::{ident, lit};
use crate::ir::{Api, Field, Primitive, TypeKind, TypeRef};
use crate::vocabulary::Expected;

/// A named transform, as a table writes it (`transform = "e164"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Transform {
    /// A telephone number the provider takes in E.164 form only: checked on the way in.
    E164,
    /// A provider integer (an id, a size in bytes) as Schema.org text.
    IntegerText,
    /// Salesforce's date-time (`2013-05-20T20:49:32.000+0000`) as RFC 3339.
    SalesforceDatetime,
    /// An RFC 2822 date-time (Twilio's `Thu, 30 Jul 2015 20:12:31 +0000`) read as RFC
    /// 3339; one way only.
    Rfc2822Datetime,
    /// The day of a Schema.org date-time, for a provider field holding a date
    /// (Salesforce's `CloseDate`); read back as it is.
    DatePart,
    /// A provider's full name, written from `name` or else from `givenName` and
    /// `familyName` joined; read back into `name`, and split into the parts a table does
    /// not otherwise fill.
    JoinName,
}

/// How one pair's value changes on its way, once checked against both sides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum Conversion {
    /// As it is.
    #[default]
    Plain,
    /// See [`Transform::E164`].
    E164,
    /// See [`Transform::IntegerText`]; `wide` for an `i64`, else an `i32`.
    IntegerText { wide: bool },
    /// See [`Transform::SalesforceDatetime`].
    SalesforceDatetime,
    /// See [`Transform::Rfc2822Datetime`].
    Rfc2822Datetime,
    /// See [`Transform::DatePart`].
    DatePart,
    /// See [`Transform::JoinName`].
    JoinName,
    /// Text held by the provider as its enumeration of text values (Square's `Country`):
    /// the value as it is on the wire both ways, which the enumeration's `Unknown`
    /// keeps when it is not one of its variants.
    EnumText { provider_enum: String },
    /// A value table: each provider value and the Schema.org value it stands for, and the
    /// provider's enumeration type when the field holds one (else text).
    Values {
        pairs: Vec<(String, String)>,
        provider_enum: Option<String>,
    },
}

/// What the provider field holds, aliases seen through.
enum Held<'a> {
    Primitive(Primitive),
    Enum { name: &'a str, values: Vec<&'a str> },
    Other(String),
}

fn held<'a>(api: &'a Api, ty: &TypeRef) -> Held<'a> {
    let mut ty = ty.clone();
    for _ in 0..16 {
        match ty {
            TypeRef::Primitive(primitive) => return Held::Primitive(primitive),
            TypeRef::Named(id) => match &api.ty(id).kind {
                TypeKind::Alias { target, .. } => ty = target.clone(),
                TypeKind::StringEnum(e) => {
                    return Held::Enum {
                        name: &api.ty(id).name,
                        values: e.variants.iter().map(|v| v.value.as_str()).collect(),
                    };
                }
                _ => {
                    return Held::Other(format!(
                        "`{}`, which is not a plain value",
                        api.ty(id).name
                    ));
                }
            },
            other => return Held::Other(describe(&other)),
        }
    }
    Held::Other("a chain of aliases".to_owned())
}

/// How a currency code is held: as text, or as an enumeration of codes (Square's
/// `Currency`).
pub(super) fn currency_code(api: &Api, ty: &TypeRef) -> Result<Conversion, String> {
    match held(api, ty) {
        Held::Primitive(Primitive::String) => Ok(Conversion::Plain),
        Held::Enum { name, .. } => Ok(Conversion::EnumText {
            provider_enum: name.to_owned(),
        }),
        Held::Primitive(p) => Err(format!(
            "a currency code is text, and the provider holds {}",
            describe(&TypeRef::Primitive(p))
        )),
        Held::Other(what) => Err(format!(
            "a currency code is text, and the provider holds {what}"
        )),
    }
}

/// A provider type in words, for messages.
pub(super) fn describe(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(Primitive::String) => "text".to_owned(),
        TypeRef::Primitive(Primitive::Bool) => "a boolean".to_owned(),
        TypeRef::Primitive(Primitive::I32 | Primitive::I64) => "an integer".to_owned(),
        TypeRef::Primitive(Primitive::F64) => "a floating-point number".to_owned(),
        TypeRef::List(_) => "a list".to_owned(),
        TypeRef::Map(_) => "a map".to_owned(),
        _ => "another kind of value".to_owned(),
    }
}

fn textual(expected: &Expected) -> bool {
    matches!(
        expected.name.as_str(),
        "Text" | "URL" | "Date" | "DateTime" | "Time"
    )
}

impl Conversion {
    /// The conversion an entry asks for, before it is checked against the field.
    pub(super) fn asked(
        transform: Option<Transform>,
        values: Option<&std::collections::BTreeMap<String, String>>,
    ) -> Result<Conversion, String> {
        match (transform, values) {
            (Some(_), Some(_)) => {
                Err("an entry has a `transform` or a `values` table, not both".to_owned())
            }
            (None, None) => Ok(Conversion::Plain),
            (Some(Transform::E164), None) => Ok(Conversion::E164),
            (Some(Transform::IntegerText), None) => Ok(Conversion::IntegerText { wide: true }),
            (Some(Transform::SalesforceDatetime), None) => Ok(Conversion::SalesforceDatetime),
            (Some(Transform::Rfc2822Datetime), None) => Ok(Conversion::Rfc2822Datetime),
            (Some(Transform::DatePart), None) => Ok(Conversion::DatePart),
            (Some(Transform::JoinName), None) => Ok(Conversion::JoinName),
            (None, Some(values)) if values.is_empty() => {
                Err("a `values` table needs at least one value".to_owned())
            }
            (None, Some(values)) => Ok(Conversion::Values {
                pairs: values
                    .iter()
                    .map(|(provider, schema)| (provider.clone(), schema.clone()))
                    .collect(),
                provider_enum: None,
            }),
        }
    }

    /// Checks the conversion against the Schema.org property's type and the provider
    /// field's, filling in what the field decides (an integer's width, an enumeration's
    /// type); `writes` when the table writes the field, so a value table must say one
    /// provider value for each Schema.org value.
    pub(super) fn check(
        &mut self,
        api: &Api,
        expected: &Expected,
        ty: &TypeRef,
        writes: bool,
    ) -> Result<(), String> {
        let held = held(api, ty);
        let provider = match &held {
            Held::Primitive(p) => describe(&TypeRef::Primitive(*p)),
            Held::Enum { name, .. } => {
                format!("the enumeration `{name}`, which needs a `values` table")
            }
            Held::Other(what) => what.clone(),
        };
        let mismatch = || Err(format!("the provider holds {provider}"));
        match self {
            Conversion::Plain if textual(expected) && matches!(held, Held::Enum { .. }) => {
                if let Held::Enum { name, .. } = held {
                    *self = Conversion::EnumText {
                        provider_enum: name.to_owned(),
                    };
                }
                Ok(())
            }
            Conversion::EnumText { .. } => Ok(()),
            Conversion::Plain | Conversion::JoinName => {
                let fits = matches!(
                    (expected.name.as_str(), &held),
                    (_, Held::Primitive(Primitive::String)) if textual(expected)
                ) || matches!(
                    (expected.name.as_str(), &held),
                    ("Integer", Held::Primitive(Primitive::I64))
                        | ("Boolean", Held::Primitive(Primitive::Bool))
                );
                if fits { Ok(()) } else { mismatch() }
            }
            Conversion::E164
            | Conversion::SalesforceDatetime
            | Conversion::Rfc2822Datetime
            | Conversion::DatePart => {
                if *self == Conversion::Rfc2822Datetime && writes {
                    return Err(
                        "`rfc2822_datetime` reads only: say `direction = \"from_provider\"`"
                            .to_owned(),
                    );
                }
                let wants = if *self == Conversion::E164 {
                    "Text"
                } else {
                    "DateTime"
                };
                if expected.name != wants {
                    return Err(format!(
                        "this transform maps a Schema.org `{wants}`, not a `{}`",
                        expected.name
                    ));
                }
                match held {
                    Held::Primitive(Primitive::String) => Ok(()),
                    _ => mismatch(),
                }
            }
            Conversion::IntegerText { wide } => {
                if !textual(expected) {
                    return Err(format!(
                        "`integer_text` maps Schema.org text, not a `{}`",
                        expected.name
                    ));
                }
                match held {
                    Held::Primitive(Primitive::I64) => Ok(()),
                    Held::Primitive(Primitive::I32) => {
                        *wide = false;
                        Ok(())
                    }
                    _ => mismatch(),
                }
            }
            Conversion::Values {
                pairs,
                provider_enum,
            } => {
                if !matches!(expected.name.as_str(), "Text" | "URL") {
                    return Err(format!(
                        "a `values` table maps Schema.org text or a URL, not a `{}`",
                        expected.name
                    ));
                }
                match held {
                    Held::Primitive(Primitive::String) => {}
                    Held::Enum { name, values } => {
                        for (value, _) in pairs.iter() {
                            if !values.contains(&value.as_str()) {
                                let hint = closest(value, values.iter().copied())
                                    .map(|near| format!(" (did you mean `{near}`?)"))
                                    .unwrap_or_default();
                                return Err(format!(
                                    "`{value}` is not a value of the enumeration `{name}`{hint}"
                                ));
                            }
                        }
                        *provider_enum = Some(name.to_owned());
                    }
                    _ => return mismatch(),
                }
                if writes {
                    for (index, (provider, schema)) in pairs.iter().enumerate() {
                        if let Some((other, _)) =
                            pairs[index + 1..].iter().find(|(_, s)| s == schema)
                        {
                            return Err(format!(
                                "`{schema}` stands for both `{provider}` and `{other}`, so it cannot be written back: map it one way (`direction = \"from_provider\"`)"
                            ));
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Whether writing to the provider may fail (a value that does not read as what the
    /// provider takes).
    pub(super) fn fallible(&self) -> bool {
        !matches!(
            self,
            Conversion::Plain
                | Conversion::JoinName
                | Conversion::Rfc2822Datetime
                | Conversion::EnumText { .. }
        )
    }

    /// The conversion in words, for the report and rustdoc (`None` for a plain value).
    pub(super) fn describe(&self) -> Option<String> {
        Some(match self {
            Conversion::Plain => return None,
            Conversion::E164 => "E.164 checked".to_owned(),
            Conversion::IntegerText { .. } => "an integer as text".to_owned(),
            Conversion::SalesforceDatetime => "Salesforce date-time <-> RFC 3339".to_owned(),
            Conversion::Rfc2822Datetime => "RFC 2822 date-time read as RFC 3339".to_owned(),
            Conversion::DatePart => "the day of the date-time".to_owned(),
            Conversion::EnumText { provider_enum } => format!("as `{provider_enum}`"),
            Conversion::JoinName => {
                "from `givenName` and `familyName` when unset; split back".to_owned()
            }
            Conversion::Values { pairs, .. } => format!(
                "values: {}",
                pairs
                    .iter()
                    .map(|(provider, schema)| format!("{provider} = {schema}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }

    /// An `Option` of the provider's value from `value`, an `Option<String>` of the
    /// Schema.org side; `fail` makes the error for a problem (a `String` expression) and
    /// is used with `?`, so the expression belongs in a function returning that error.
    pub(super) fn write(
        &self,
        value: TokenStream,
        fail: impl Fn(TokenStream) -> TokenStream,
    ) -> TokenStream {
        let rt = quote!(::integrations_runtime);
        let convert = match self {
            // Refused for a table that writes, when it is checked.
            Conversion::Plain | Conversion::JoinName | Conversion::Rfc2822Datetime => return value,
            Conversion::EnumText { provider_enum } => {
                let name = ident(provider_enum);
                return quote!(#value.map(#name::from));
            }
            Conversion::E164 => {
                let fail = fail(quote!(problem));
                quote!(#rt::transforms::e164(&value).map_err(|problem| #fail)?)
            }
            Conversion::SalesforceDatetime => {
                let fail = fail(quote!(problem));
                quote!(#rt::transforms::rfc3339_to_salesforce(&value).map_err(|problem| #fail)?)
            }
            Conversion::DatePart => {
                let fail = fail(quote!(problem));
                quote!(#rt::transforms::date_part(&value).map_err(|problem| #fail)?)
            }
            Conversion::IntegerText { wide } => {
                let int = if *wide { quote!(i64) } else { quote!(i32) };
                let fail = fail(quote!(::std::format!("`{}` is not a whole number", value)));
                quote!(value.trim().parse::<#int>().map_err(|_| #fail)?)
            }
            Conversion::Values {
                pairs,
                provider_enum,
            } => {
                let make = match provider_enum {
                    Some(name) => {
                        let name = ident(name);
                        quote!(#name::from)
                    }
                    None => quote!(::std::string::String::from),
                };
                let arms = pairs.iter().map(|(provider, schema)| {
                    let (provider, schema) = (lit(provider), lit(schema));
                    quote!(#schema => #make(#provider),)
                });
                let known = lit(&pairs
                    .iter()
                    .map(|(_, schema)| format!("`{schema}`"))
                    .collect::<Vec<_>>()
                    .join(", "));
                let fail = fail(quote!(::std::format!("`{}` is none of {}", other, #known)));
                quote! {
                    match value.as_str() {
                        #(#arms)*
                        other => return ::std::result::Result::Err(#fail),
                    }
                }
            }
        };
        quote! {
            match #value {
                ::std::option::Option::None => ::std::option::Option::None,
                ::std::option::Option::Some(value) => ::std::option::Option::Some(#convert),
            }
        }
    }

    /// An `Option<String>` of the Schema.org side from `value`, an `Option` of the
    /// provider's value. Nothing is lost: a date-time that does not read as Salesforce's,
    /// or a value the table does not list, is kept as it is.
    pub(super) fn read_back(&self, value: TokenStream) -> TokenStream {
        let rt = quote!(::integrations_runtime);
        match self {
            Conversion::Plain | Conversion::E164 | Conversion::JoinName | Conversion::DatePart => {
                value
            }
            Conversion::IntegerText { .. } => {
                quote!(#value.map(|value| ::std::string::ToString::to_string(&value)))
            }
            Conversion::EnumText { .. } => {
                quote!(#value.map(|value| ::std::string::ToString::to_string(value.as_str())))
            }
            Conversion::SalesforceDatetime => quote! {
                #value.map(|value| #rt::transforms::salesforce_to_rfc3339(&value).unwrap_or(value))
            },
            Conversion::Rfc2822Datetime => quote! {
                #value.map(|value| #rt::transforms::rfc2822_to_rfc3339(&value).unwrap_or(value))
            },
            Conversion::Values { pairs, .. } => {
                let arms = pairs.iter().map(|(provider, schema)| {
                    let (provider, schema) = (lit(provider), lit(schema));
                    quote!(#provider => ::std::string::String::from(#schema),)
                });
                quote! {
                    #value.map(|value| match value.as_str() {
                        #(#arms)*
                        other => ::std::string::String::from(other),
                    })
                }
            }
        }
    }
}

/// Whether a `default` text can stand in for a property expecting `expected` in `field`:
/// text on both sides.
pub(super) fn default_fits(expected: &Expected, field: &Field) -> Result<(), String> {
    if !matches!(expected.name.as_str(), "Text" | "URL") || expected.many {
        let several = if expected.many { "several of " } else { "" };
        return Err(format!(
            "a `default` is text, and the property holds {several}{}",
            expected.name
        ));
    }
    let mut ty = &field.ty;
    while let TypeRef::Nullable(inner) = ty {
        ty = inner;
    }
    if *ty != TypeRef::Primitive(Primitive::String) {
        return Err(format!(
            "a `default` is text, and the provider holds {}",
            describe(&field.ty)
        ));
    }
    Ok(())
}
