//! The attribute's arguments, parsed into a typed struct with every mistake reported.

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprArray, ExprLit, Lit, LitStr, Meta, Token};

/// `#[integration(spec = "…", keep = […], manifest = "…", runtime = "…")]`.
pub struct Args {
    pub spec: LitStr,
    pub keep: Vec<LitStr>,
    pub manifest: Option<LitStr>,
    pub runtime: Option<LitStr>,
}

const KNOWN: &str = "`spec`, `keep`, `manifest` and `runtime`";

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
        })
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
