//! Identifiers and literals for emitted code.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// An identifier from an IR name (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A string literal.
pub fn lit(text: &str) -> Literal {
    Literal::string(text)
}

/// A path (`::integrations_runtime`) as tokens. Invalid paths fall back to the
/// runtime's crate name, so emission never fails on configuration.
pub fn path(text: &str) -> TokenStream {
    match syn::parse_str::<syn::Path>(text) {
        Ok(path) => quote!(#path),
        Err(_) => quote!(::integrations_runtime),
    }
}

/// A path prefix (`crate::`, `my::module::`) as tokens; empty when it does not parse.
pub fn path_prefix(text: &str) -> TokenStream {
    text.parse::<TokenStream>().unwrap_or_default()
}
