//! `integrations-codegen`: OpenAPI descriptions (Swagger 2.0, OpenAPI 3.0 and 3.1, JSON
//! or YAML) to typed Rust clients.
//!
//! One pipeline serves every front door (the `integrations-codegen` command, the build.rs
//! [`Config`], and the `#[integration]` proc macro):
//!
//! ```text
//! spec file ─► spec::load ─► ir::build ─► emit::render ─► Rust source
//!              (JSON/YAML, $refs,      (types, operations,  (prettyplease)
//!               2.0 upgrade)            names, recursion)
//! ```
//!
//! Nothing panics on spec data: problems are [`Diagnostic`]s with a file and a JSON
//! Pointer; errors stop generation, warnings mark what was degraded.

mod config;
pub mod diagnostics;
pub mod emit;
pub mod examples;
pub mod hooks;
pub mod ir;
pub mod manifest;
pub mod mapping;
pub mod select;
pub mod spec;
pub mod trim;
pub mod vocabulary;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use config::{Config, Error as ConfigError};
pub use diagnostics::{Diagnostic, Diagnostics, Location, Severity};

/// Settings for one generation.
#[derive(Debug, Clone)]
pub struct Options {
    /// Operation selectors (see [`select`]); empty keeps every operation.
    pub keep: Vec<String>,
    /// The provider manifest. `None` looks for `provider.toml` next to the spec.
    pub manifest: Option<PathBuf>,
    /// The path generated code uses for the runtime crate.
    pub runtime_path: String,
    /// Whether warnings count as errors.
    pub deny_warnings: bool,
    /// What structs do with properties their schema does not declare.
    pub undeclared: ir::UndeclaredProperties,
    /// How expandable references are typed.
    pub expansions: ir::Expansions,
    /// Attributes for generated types, and existing types in place of some.
    pub hooks: hooks::TypeHooks,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            keep: Vec::new(),
            manifest: None,
            runtime_path: emit::EmitOptions::default().runtime_path,
            deny_warnings: false,
            undeclared: ir::UndeclaredProperties::default(),
            expansions: ir::Expansions::default(),
            hooks: hooks::TypeHooks::default(),
        }
    }
}

/// What one generation produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The IR the code was emitted from.
    pub api: ir::Api,
    /// The generated items, formatted.
    pub code: String,
    /// Warnings and notes (no errors: those fail generation).
    pub diagnostics: Diagnostics,
    /// Every file read (spec, bundled files, manifest), for rebuild tracking.
    pub files: Vec<PathBuf>,
    /// Time spent in each stage.
    pub timings: Timings,
}

/// Time spent in each stage of one generation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading, parsing and normalising the spec.
    pub load: Duration,
    /// Building the IR.
    pub ir: Duration,
    /// Emitting and formatting the code.
    pub emit: Duration,
}

/// A spec as the IR reads it: loaded, bundled, upgraded to the 3.0 shape, with its
/// manifest's patches applied.
#[derive(Debug)]
pub struct Loaded {
    /// The document.
    pub spec: spec::Spec,
    /// The provider manifest, if there is one.
    pub manifest: Option<manifest::Manifest>,
    /// Where the manifest was read from.
    pub manifest_path: Option<PathBuf>,
    /// Every file read (spec, bundled files, manifest).
    pub files: Vec<PathBuf>,
}

/// Loads the spec at `spec_path` and its manifest (`options.manifest`, else a
/// `provider.toml` beside the spec) and applies the manifest's patches. Problems go to
/// `diagnostics`; `None` when the spec cannot be read.
pub fn load(spec_path: &Path, options: &Options, diagnostics: &mut Diagnostics) -> Option<Loaded> {
    let manifest_path = options.manifest.clone().or_else(|| {
        let candidate = spec_path.with_file_name("provider.toml");
        candidate.is_file().then_some(candidate)
    });
    let manifest = manifest_path
        .as_deref()
        .and_then(|path| manifest::Manifest::load(path, diagnostics));
    let mut spec = spec::load(spec_path, diagnostics)?;
    if let (Some(manifest), Some(path)) = (&manifest, &manifest_path) {
        manifest.apply_patches(path, &mut spec.doc, diagnostics);
    }
    let mut files = spec.files.clone();
    files.extend(manifest_path.clone());
    Some(Loaded {
        spec,
        manifest,
        manifest_path,
        files,
    })
}

/// The IR of a loaded spec, built with `options`.
pub fn build_loaded(loaded: &Loaded, options: &Options, diagnostics: &mut Diagnostics) -> ir::Api {
    let build_options = ir::BuildOptions {
        keep: options.keep.clone(),
        manifest: loaded.manifest.clone(),
        manifest_path: loaded.manifest_path.clone(),
        undeclared: options.undeclared,
        expansions: options.expansions,
    };
    ir::build(&loaded.spec, &build_options, diagnostics)
}

/// The spec's IR (and the files read), without emitting code.
pub fn build_ir(
    spec_path: &Path,
    options: &Options,
) -> Result<(ir::Api, Diagnostics, Vec<PathBuf>, Timings), Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut timings = Timings::default();
    let started = Instant::now();
    let Some(loaded) = load(spec_path, options, &mut diagnostics) else {
        return Err(diagnostics);
    };
    timings.load = started.elapsed();
    let started = Instant::now();
    let api = build_loaded(&loaded, options, &mut diagnostics);
    timings.ir = started.elapsed();
    if options.deny_warnings {
        diagnostics.deny_warnings();
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok((api, diagnostics, loaded.files, timings))
}

/// Matches `options.hooks` to `api`'s types; fails with the diagnostics when a hook does
/// not parse (or selects nothing, with `deny_warnings`).
pub fn resolve_hooks(
    api: &ir::Api,
    spec_path: &Path,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Result<hooks::ResolvedHooks, Diagnostics> {
    let resolved = options.hooks.resolve(api, spec_path, diagnostics);
    if options.deny_warnings {
        diagnostics.deny_warnings();
    }
    if diagnostics.has_errors() {
        return Err(diagnostics.clone());
    }
    Ok(resolved)
}

/// Loads the spec at `spec_path`, builds its IR and emits the client code.
///
/// Fails with the diagnostics when the spec has errors (or warnings, with
/// `deny_warnings`).
pub fn generate(spec_path: &Path, options: &Options) -> Result<Output, Diagnostics> {
    let (api, mut diagnostics, files, mut timings) = build_ir(spec_path, options)?;
    let hooks = resolve_hooks(&api, spec_path, options, &mut diagnostics)?;
    let started = Instant::now();
    let emit_options = emit::EmitOptions {
        runtime_path: options.runtime_path.clone(),
        hooks,
    };
    let code = match emit::render(&api, &emit_options) {
        Ok(code) => code,
        Err(e) => {
            diagnostics.error(Location::new(spec_path, ""), e.to_string());
            return Err(diagnostics);
        }
    };
    timings.emit = started.elapsed();
    Ok(Output {
        api,
        code,
        diagnostics,
        files,
        timings,
    })
}
