//! The attribute's arguments, parsed into a typed struct with every mistake reported.

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprArray, ExprLit, Lit, LitStr, Meta, Token};

/// `#[integration(spec = "…", keep = […], manifest = "…", runtime = "…",
/// type_attributes = [("pointer", "#[…]")], replace_types = [("pointer", "path")])]`.
pub struct Args {
    pub spec: LitStr,
    pub keep: Vec<LitStr>,
    pub manifest: Option<LitStr>,
    pub runtime: Option<LitStr>,
    pub type_attributes: Vec<(LitStr, LitStr)>,
    pub replace_types: Vec<(LitStr, LitStr)>,
}

const KNOWN: &str = "`spec`, `keep`, `manifest`, `runtime`, `type_attributes` and `replace_types`";

impl Args {
    /// Parses the arguments, collecting every error (each on its own token).
    pub fn parse(tokens: TokenStream) -> syn::Result<Args> {
        let span = proc_macro2::Span::call_site();
        let metas = Punctuated::<Meta, Token![,]>::parse_terminated.parse2(tokens)?;
        let mut errors: Vec<syn::Error> = Vec::new();
        let mut spec = None;
        let mut keep = Vec::new();
        let mut manifest = None;
        let mut runtime = None;
        let mut type_attributes = Vec::new();
        let mut replace_types = Vec::new();
        for meta in metas {
            let Meta::NameValue(pair) = &meta else {
                errors.push(syn::Error::new_spanned(
                    &meta,
                    format!("expected `name = value`; the arguments are {KNOWN}"),
                ));
                continue;
            };
            let name = pair
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match name.as_str() {
                "spec" => match string(&pair.value) {
                    Some(s) => spec = Some(s),
                    None => errors.push(syn::Error::new_spanned(
                        &pair.value,
                        "`spec` takes a string: the spec's path",
                    )),
                },
                "manifest" => match string(&pair.value) {
                    Some(s) => manifest = Some(s),
                    None => errors.push(syn::Error::new_spanned(
                        &pair.value,
                        "`manifest` takes a string: the manifest's path",
                    )),
                },
                "runtime" => match string(&pair.value) {
                    Some(s) if syn::parse_str::<syn::Path>(&s.value()).is_ok() => runtime = Some(s),
                    _ => errors.push(syn::Error::new_spanned(
                        &pair.value,
                        "`runtime` takes a path in a string, such as \"::integrations::runtime\"",
                    )),
                },
                "keep" => match &pair.value {
                    Expr::Array(ExprArray { elems, .. }) => {
                        for element in elems {
                            match string(element) {
                                Some(s) => keep.push(s),
                                None => errors.push(syn::Error::new_spanned(
                                    element,
                                    "`keep` lists strings: operationIds, tags or path globs",
                                )),
                            }
                        }
                    }
                    other => errors.push(syn::Error::new_spanned(
                        other,
                        "`keep` takes a list: `keep = [\"PostCustomers\"]`",
                    )),
                },
                "type_attributes" => pairs(
                    &pair.value,
                    "`type_attributes` lists (pointer, attribute) pairs: \
                     `type_attributes = [(\"#/components/schemas/Customer\", \"#[derive(Eq)]\")]`",
                    &mut type_attributes,
                    &mut errors,
                    |text| match Parser::parse_str(syn::Attribute::parse_outer, text) {
                        Ok(attributes) if attributes.len() == 1 => Ok(()),
                        Ok(_) => Err("expected one outer attribute, `#[...]`".to_owned()),
                        Err(e) => Err(format!(
                            "not an attribute ({e}); write it out: `#[derive(Eq)]`"
                        )),
                    },
                ),
                "replace_types" => pairs(
                    &pair.value,
                    "`replace_types` lists (pointer, type path) pairs: \
                     `replace_types = [(\"#/components/schemas/Money\", \"crate::Money\")]`",
                    &mut replace_types,
                    &mut errors,
                    |text| {
                        syn::parse_str::<syn::Type>(text)
                            .map(drop)
                            .map_err(|e| format!("not a Rust type ({e})"))
                    },
                ),
                _ => errors.push(syn::Error::new_spanned(
                    &pair.path,
                    format!("unknown argument `{name}`; the arguments are {KNOWN}"),
                )),
            }
        }
        if spec.is_none() && errors.is_empty() {
            errors.push(syn::Error::new(
                span,
                "missing `spec = \"path/to/openapi.yaml\"`",
            ));
        }
        let mut errors = errors.into_iter();
        if let Some(mut first) = errors.next() {
            for error in errors {
                first.combine(error);
            }
            return Err(first);
        }
        Ok(Args {
            spec: spec.ok_or_else(|| syn::Error::new(span, "missing `spec`"))?,
            keep,
            manifest,
            runtime,
            type_attributes,
            replace_types,
        })
    }
}

/// A list of pairs of strings, `[("a", "b"), …]`, into `out`, each second string
/// checked by `check`; mistakes into `errors`, on the literal they are about.
fn pairs(
    value: &Expr,
    usage: &str,
    out: &mut Vec<(LitStr, LitStr)>,
    errors: &mut Vec<syn::Error>,
    check: impl Fn(&str) -> Result<(), String>,
) {
    let Expr::Array(ExprArray { elems, .. }) = value else {
        errors.push(syn::Error::new_spanned(value, usage));
        return;
    };
    for element in elems {
        let pair = match element {
            Expr::Tuple(tuple) if tuple.elems.len() == 2 => {
                string(&tuple.elems[0]).zip(string(&tuple.elems[1]))
            }
            _ => None,
        };
        match pair {
            Some(pair) => match check(&pair.1.value()) {
                Ok(()) => out.push(pair),
                Err(why) => errors.push(syn::Error::new_spanned(&pair.1, why)),
            },
            None => errors.push(syn::Error::new_spanned(element, usage)),
        }
    }
}

fn string(expr: &Expr) -> Option<LitStr> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.clone()),
        _ => None,
    }
}
