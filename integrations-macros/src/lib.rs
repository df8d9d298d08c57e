//! `#[integration]`: a typed client generated in place from an OpenAPI spec.
//!
//! ```ignore
//! #[integrations_macros::integration(spec = "specs/stripe/openapi.yaml")]
//! pub mod stripe {}
//! ```
//!
//! The module receives what `integrations-codegen generate` would write: a type per
//! schema, `operations`, `Client` and `API`. Arguments:
//!
//! - `spec = "path"` (required): relative to the package root (`CARGO_MANIFEST_DIR`);
//! - `keep = ["operationId", "/path/glob", …]`: generate only these operations;
//! - `manifest = "path"`: the provider manifest (default: `provider.toml` beside the spec);
//! - `type_attributes = [("#/components/schemas/Customer", "#[derive(Eq)]")]`: attributes
//!   for the types schemas generate (`"*"`: every type);
//! - `replace_types = [("#/components/schemas/Money", "crate::Money")]`: existing types
//!   in place of generated ones;
//! - `runtime = "::path"`: where the runtime is (default: `::integrations_runtime`, or
//!   `::integrations::runtime` when the package depends on the facade only).
//!
//! Problems in the spec are compile errors on the attribute, each naming the file and the
//! JSON Pointer. Warnings (constructs typed as `serde_json::Value` because they could not
//! be followed) cannot be shown by a proc macro on stable Rust: run
//! `integrations-codegen check --spec …` to see them. The module is regenerated when the spec (or a file it refers to, or the
//! manifest) changes, because the expansion `include_bytes!`s each of them.
//!
//! This crate only parses arguments and reports errors; the work is done by
//! `integrations-codegen`, the same library the CLI and build.rs use. For very large
//! specs prefer build.rs: a proc macro runs on every expansion, in the dev profile.

mod args;
mod derive;

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::quote;
use syn::spanned::Spanned;

use args::Args;

/// Maps a struct to a Schema.org type of `integrations::schema`, field by field:
/// `#[integration(schema = "Person")]` on the struct, `#[integration(rename =
/// "givenName")]` or `#[integration(skip)]` on fields (a field is otherwise the property
/// of its name in camelCase; `rename = "address.postalCode"` reaches one level into a
/// property holding one object). Generates `From<&Self> for schema::Person` and the way
/// back (`TryFrom` when a field is not an `Option`), and with `into(salesforce::Contact)`
/// / `from(salesforce::Contact)` on the struct, conversions to and from those provider
/// types through the Schema.org type. An unknown property or a field type that cannot
/// hold the property's values is a compile error on the field.
#[proc_macro_derive(Integration, attributes(integration))]
pub fn derive_integration(item: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(item).and_then(derive::expand) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// Generates a typed client into the annotated module. See the crate docs.
#[proc_macro_attribute]
pub fn integration(attr: TokenStream, item: TokenStream) -> TokenStream {
    match expand(attr.into(), item.into()) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn expand(attr: TokenStream2, item: TokenStream2) -> syn::Result<TokenStream2> {
    let module: syn::ItemMod = syn::parse2(item).map_err(|e| {
        syn::Error::new(
            e.span(),
            "#[integration] goes on an inline module: `pub mod name {}`",
        )
    })?;
    let args = Args::parse(attr)?;
    let Some((_, own_items)) = &module.content else {
        return Err(syn::Error::new(
            module.span(),
            "#[integration] needs an inline module (`mod name {}`), not `mod name;`",
        ));
    };
    let root = package_root().map_err(|message| syn::Error::new(args.spec.span(), message))?;
    let spec_path = root.join(args.spec.value());
    if !spec_path.is_file() {
        return Err(syn::Error::new(
            args.spec.span(),
            format!(
                "cannot read the spec `{}`: no such file (paths are relative to the package root)",
                args.spec.value()
            ),
        ));
    }
    let options = integrations_codegen::Options {
        keep: args.keep.iter().map(syn::LitStr::value).collect(),
        manifest: args.manifest.as_ref().map(|m| root.join(m.value())),
        runtime_path: args
            .runtime
            .as_ref()
            .map(syn::LitStr::value)
            .unwrap_or_else(|| default_runtime_path(&root)),
        deny_warnings: false,
        hooks: integrations_codegen::hooks::TypeHooks::from_pairs(
            args.type_attributes
                .iter()
                .map(|(p, a)| (p.value(), a.value())),
            args.replace_types
                .iter()
                .map(|(p, r)| (p.value(), r.value())),
        ),
        ..integrations_codegen::Options::default()
    };
    let (api, mut diagnostics, files, _) = integrations_codegen::build_ir(&spec_path, &options)
        .map_err(|diagnostics| spec_errors(&diagnostics, &root, args.spec.span()))?;
    let hooks = integrations_codegen::resolve_hooks(&api, &spec_path, &options, &mut diagnostics)
        .map_err(|diagnostics| spec_errors(&diagnostics, &root, args.spec.span()))?;
    let generated = integrations_codegen::emit::tokens(
        &api,
        &integrations_codegen::emit::EmitOptions {
            runtime_path: options.runtime_path.clone(),
            hooks,
        },
    );
    // Each file read becomes a dependency of the expansion.
    let tracked = files.iter().filter_map(|f| f.canonicalize().ok()).map(|f| {
        let path = f.to_string_lossy().into_owned();
        quote!(
            const _: &[u8] = include_bytes!(#path);
        )
    });
    let syn::ItemMod {
        attrs,
        vis,
        unsafety,
        mod_token,
        ident,
        ..
    } = &module;
    Ok(quote! {
        #(#attrs)*
        #vis #unsafety #mod_token #ident {
            #(#own_items)*
            #(#tracked)*
            #generated
        }
    })
}

/// The directory relative spec paths start from: the package root, or
/// `INTEGRATIONS_MANIFEST_DIR` when set (for build systems, and for UI tests, which
/// compile in a directory of their own).
fn package_root() -> Result<PathBuf, String> {
    std::env::var_os("INTEGRATIONS_MANIFEST_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .ok_or_else(|| "CARGO_MANIFEST_DIR is not set: expand this macro with cargo".to_owned())
}

/// `::integrations_runtime`, unless the package depends on the `integrations` facade and
/// not on the runtime directly.
fn default_runtime_path(root: &Path) -> String {
    let direct = "::integrations_runtime".to_owned();
    let Ok(text) = std::fs::read_to_string(root.join("Cargo.toml")) else {
        return direct;
    };
    let Ok(manifest) = text.parse::<toml::Table>() else {
        return direct;
    };
    let depends_on = |name: &str| {
        ["dependencies", "dev-dependencies"].iter().any(|section| {
            manifest
                .get(*section)
                .and_then(|d| d.as_table())
                .is_some_and(|d| d.contains_key(name))
        })
    };
    if !depends_on("integrations-runtime") && depends_on("integrations") {
        "::integrations::runtime".to_owned()
    } else {
        direct
    }
}

/// Every error of the spec as one compile error on the attribute, paths shown relative
/// to the package root.
fn spec_errors(
    diagnostics: &integrations_codegen::Diagnostics,
    root: &Path,
    span: Span,
) -> syn::Error {
    let mut combined: Option<syn::Error> = None;
    for d in diagnostics
        .iter()
        .filter(|d| d.severity == integrations_codegen::Severity::Error)
    {
        let file = d
            .location
            .file
            .strip_prefix(root)
            .unwrap_or(&d.location.file);
        let message = format!(
            "invalid spec: {}#{}: {}",
            file.display(),
            d.location.pointer,
            d.message
        );
        let error = syn::Error::new(span, message);
        match &mut combined {
            Some(all) => all.combine(error),
            None => combined = Some(error),
        }
    }
    combined.unwrap_or_else(|| syn::Error::new(span, "invalid spec"))
}
