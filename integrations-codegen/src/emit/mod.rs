//! Emission: the IR as Rust source.
//!
//! [`tokens`] turns an [`Api`] into the items of one module: a type per schema, the
//! `operations` module (one request builder per operation), the `Client` with one method
//! per operation, `API`, the static description the runtime reads (servers, auth
//! schemes, error conventions), and the `events` module of typed webhook events. [`render`] formats those items with prettyplease. The
//! items are valid at a crate root (see [`standalone`]) and inside a module (the proc
//! macro and `include!`), because everything refers to its siblings relatively and to
//! the outside world by absolute paths.

mod client;
pub mod docs;
mod events;
pub(crate) mod idents;
mod operations;
mod serde_impls;
pub mod standalone;
mod types;
mod verbs;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// Emission settings.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The path generated code uses for the runtime crate.
    pub runtime_path: String,
    /// Attributes and replacements for generated types
    /// ([`resolve_hooks`](crate::resolve_hooks)).
    pub hooks: crate::hooks::ResolvedHooks,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            runtime_path: "::integrations_runtime".to_owned(),
            hooks: crate::hooks::ResolvedHooks::default(),
        }
    }
}

/// What emission needs at hand.
pub(crate) struct Emitter<'a> {
    pub api: &'a Api,
    pub runtime: TokenStream,
    pub runtime_text: String,
    pub hooks: &'a crate::hooks::ResolvedHooks,
}

/// From this many types on, types are emitted in modules of [`TYPES_PER_MODULE`]
/// (re-exported at the root), so that rustc can split their code generation across codegen
/// units and threads, and rendering runs in parallel. The layout depends on the count
/// alone, never on the machine, so the output is the same everywhere.
const MODULE_THRESHOLD: usize = 200;

/// Types per module (and per rendering job).
const TYPES_PER_MODULE: usize = 64;

/// From this many operations on, the request builders are emitted in modules of
/// [`OPERATIONS_PER_MODULE`] (re-exported in `operations`), for the same reason.
const OPERATIONS_MODULE_THRESHOLD: usize = 64;

/// Operations per module.
const OPERATIONS_PER_MODULE: usize = 32;

impl<'a> Emitter<'a> {
    fn new(api: &'a Api, options: &'a EmitOptions) -> Self {
        Emitter {
            api,
            runtime: idents::path(&options.runtime_path),
            runtime_text: options.runtime_path.clone(),
            hooks: &options.hooks,
        }
    }

    /// A type as generated, with the attributes hooks give it, or the alias of the type
    /// a hook puts in its place.
    fn hooked_type_def(&self, def: &crate::ir::TypeDef) -> TokenStream {
        if let Some(path) = self.hooks.replacements.get(&def.id) {
            let name = idents::ident(&def.name);
            let path: TokenStream = path.parse().unwrap_or_default();
            let doc = idents::lit(&format!(
                " The `{}` schema, as `{}` (a replacement given to the generator).",
                def.name,
                path.to_string().replace(' ', "")
            ));
            return quote! {
                #[doc = #doc]
                pub type #name = #path;
            };
        }
        let item = self.type_def(def);
        match self.hooks.attributes.get(&def.id) {
            Some(attributes) => {
                let attributes = attributes
                    .iter()
                    .map(|a| a.parse::<TokenStream>().unwrap_or_default());
                quote!(#(#attributes)* #item)
            }
            None => item,
        }
    }

    /// The types `range` of the API: at the root, or in module `types_<n>` with a
    /// re-export when the API is large.
    fn types_tokens(&self, range: std::ops::Range<usize>) -> TokenStream {
        let start = range.start;
        let types = self.api.types[range]
            .iter()
            .map(|def| self.hooked_type_def(def));
        if self.api.types.len() < MODULE_THRESHOLD {
            return quote!(#(#types)*);
        }
        let module = idents::ident(&format!("types_{}", start / TYPES_PER_MODULE));
        quote! {
            mod #module {
                #[allow(unused_imports)]
                use super::*;
                #(#types)*
            }
            pub use self::#module::*;
        }
    }

    /// The rendering jobs: ranges of types, and `None` for the operations and client.
    fn jobs(&self) -> Vec<Option<std::ops::Range<usize>>> {
        let count = self.api.types.len();
        let mut jobs: Vec<Option<std::ops::Range<usize>>> = if count < MODULE_THRESHOLD {
            vec![Some(0..count)]
        } else {
            (0..count)
                .step_by(TYPES_PER_MODULE)
                .map(|start| Some(start..(start + TYPES_PER_MODULE).min(count)))
                .collect()
        };
        jobs.push(None);
        jobs
    }

    fn job_tokens(&self, job: &Option<std::ops::Range<usize>>) -> TokenStream {
        match job {
            Some(range) => self.types_tokens(range.clone()),
            None => self.client_tokens(),
        }
    }

    /// Whether the operations are emitted in modules of [`OPERATIONS_PER_MODULE`] inside
    /// `operations` (large APIs, so that rustc can split their code generation).
    pub(crate) fn operations_in_modules(&self) -> bool {
        self.api.operations.len() >= OPERATIONS_MODULE_THRESHOLD
    }

    /// The `operations` module, the `Client` and `API`.
    fn client_tokens(&self) -> TokenStream {
        let builders: Vec<TokenStream> = self
            .api
            .operations
            .iter()
            .map(|op| self.operation_builder(op))
            .collect();
        let builders = if self.operations_in_modules() {
            let modules = builders
                .chunks(OPERATIONS_PER_MODULE)
                .enumerate()
                .map(|(i, chunk)| {
                    let module = idents::ident(&format!("operations_{i}"));
                    quote! {
                        mod #module {
                            #(#chunk)*
                        }
                        pub use self::#module::*;
                    }
                });
            quote!(#(#modules)*)
        } else {
            quote!(#(#builders)*)
        };
        let client = self.client();
        let resources = self.resources_module();
        let events = self.events_module();
        quote! {
            /// Request builders, one per operation: chain optional parameters, then `.await`
            /// (or call `send`).
            pub mod operations {
                #builders
            }

            #client

            #resources

            #events
        }
    }
}

/// The generated items for `api`: every type, then the `operations` module, `Client`
/// and `API`.
pub fn tokens(api: &Api, options: &EmitOptions) -> TokenStream {
    let emitter = Emitter::new(api, options);
    let jobs = emitter
        .jobs()
        .iter()
        .map(|job| emitter.job_tokens(job))
        .collect::<Vec<_>>();
    quote!(#(#jobs)*)
}

/// The Rust type `ty` stands for, written from outside the generated items: `prefix` is
/// the path of the module that holds them (`crate::` for a generated crate's own code),
/// followed by the type's name; built-in types are written in full.
pub fn type_path(
    api: &Api,
    ty: &crate::ir::TypeRef,
    prefix: &str,
    options: &EmitOptions,
) -> String {
    let emitter = Emitter::new(api, options);
    let prefix = idents::path_prefix(prefix);
    emitter.type_ref(ty, &prefix, false).to_string()
}

/// Why generated tokens could not be formatted (a bug in the generator, not in the spec).
#[derive(Debug, thiserror::Error)]
#[error("generated code does not parse ({0}); please report this with the spec that caused it")]
pub struct RenderError(String);

pub(crate) fn format(tokens: TokenStream) -> Result<String, RenderError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| RenderError(e.to_string()))?;
    Ok(prettyplease::unparse(&file))
}

/// The generated items for `api`, formatted.
///
/// The items are cut into jobs (the type modules, then the client), each turned into
/// tokens and formatted on its own, on as many threads as the machine has (up to 8;
/// tokens cannot cross threads), and the pieces are joined in order, so the output does
/// not depend on the scheduling.
pub fn render(api: &Api, options: &EmitOptions) -> Result<String, RenderError> {
    let probe = Emitter::new(api, options);
    let jobs = probe.jobs();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8)
        .min(jobs.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<String, RenderError>>>> =
        jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let work = || {
        let emitter = Emitter::new(api, options);
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(job) = jobs.get(index) else { break };
            let rendered = format(emitter.job_tokens(job));
            if let Ok(mut slot) = results[index].lock() {
                *slot = Some(rendered);
            }
        }
    };
    if threads <= 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(work);
            }
        });
    }
    let mut out = String::new();
    for slot in results {
        let rendered = slot
            .into_inner()
            .ok()
            .flatten()
            .unwrap_or_else(|| Err(RenderError("a rendering thread stopped".to_owned())))?;
        out.push_str(&rendered);
    }
    Ok(out)
}
