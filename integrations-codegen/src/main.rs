//! The `integrations-codegen` command: generate, check, trim, and print the IR.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use integrations_codegen::emit::standalone::{self, CrateOptions, RuntimeDependency};
use integrations_codegen::{Diagnostics, Options, Severity};

/// Typed Rust clients from OpenAPI descriptions.
#[derive(Parser)]
#[command(name = "integrations-codegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a standalone crate (Cargo.toml and src/lib.rs) from a spec.
    Generate(GenerateArgs),
    /// Load a spec and report every problem with its location.
    Check(CheckArgs),
    /// Write a smaller spec with the selected operations and what they reach.
    Trim(TrimArgs),
    /// Print the IR of a spec as JSON.
    Ir(IrArgs),
    /// Print every provider's Schema.org mapping tables: each correspondence with its
    /// direction, and what each direction drops.
    MappingReport(MappingReportArgs),
}

#[derive(Args)]
struct MappingReportArgs {
    /// The specs directory: `<provider>/openapi.yaml` and `mappings.toml`, and
    /// `schema.org/vocabulary.toml`.
    #[arg(long, default_value = "specs")]
    specs: PathBuf,
}

#[derive(Args)]
struct SpecArgs {
    /// The spec file (JSON or YAML; Swagger 2.0, OpenAPI 3.0 or 3.1).
    #[arg(long)]
    spec: PathBuf,
    /// Keep only these operations: operationId, tag, path glob, or "METHOD /path".
    #[arg(long, value_name = "SELECTOR")]
    keep: Vec<String>,
    /// The provider manifest (default: provider.toml next to the spec, if present).
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Drop properties a schema does not declare while decoding, instead of keeping them
    /// in a map beside the fields.
    #[arg(long)]
    drop_undeclared: bool,
    /// Type expandable references as a union of every object they can expand to, instead
    /// of an id or the expanded object as JSON.
    #[arg(long)]
    typed_expansions: bool,
    /// Put an attribute on the type a schema generates: POINTER=ATTRIBUTE, such as
    /// '#/components/schemas/Customer=#[derive(Eq, Hash)]' ('*' for every type).
    #[arg(long, value_name = "POINTER=ATTRIBUTE", value_parser = pointer_and)]
    type_attribute: Vec<(String, String)>,
    /// Use an existing Rust type for a schema instead of generating one: POINTER=PATH,
    /// such as '#/components/schemas/Money=my_crate::Money'.
    #[arg(long, value_name = "POINTER=PATH", value_parser = pointer_and)]
    replace_type: Vec<(String, String)>,
}

/// `POINTER=VALUE`, split at the first `=` (a JSON Pointer has none; an attribute may).
fn pointer_and(text: &str) -> Result<(String, String), String> {
    if text.chars().any(char::is_control) {
        return Err("a control character (a line break?) in a hook".to_owned());
    }
    match text.split_once('=') {
        Some((pointer, value)) if !pointer.is_empty() && !value.is_empty() => {
            Ok((pointer.to_owned(), value.to_owned()))
        }
        _ => Err(format!("`{text}` is not POINTER=VALUE")),
    }
}

impl SpecArgs {
    fn options(&self) -> Options {
        Options {
            keep: self.keep.clone(),
            manifest: self.manifest.clone(),
            deny_warnings: self.deny_warnings,
            undeclared: if self.drop_undeclared {
                integrations_codegen::ir::UndeclaredProperties::Drop
            } else {
                integrations_codegen::ir::UndeclaredProperties::Keep
            },
            expansions: if self.typed_expansions {
                integrations_codegen::ir::Expansions::Typed
            } else {
                integrations_codegen::ir::Expansions::Light
            },
            hooks: integrations_codegen::hooks::TypeHooks::from_pairs(
                self.type_attribute.iter().cloned(),
                self.replace_type.iter().cloned(),
            ),
            ..Options::default()
        }
    }
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// The directory to write the crate to.
    #[arg(long)]
    out: PathBuf,
    /// The package name (default: from the spec's file name).
    #[arg(long)]
    crate_name: Option<String>,
    /// Depend on the runtime at this path (default: this workspace's integrations-runtime).
    #[arg(long, conflicts_with = "runtime_version")]
    runtime_path: Option<PathBuf>,
    /// Depend on this version of integrations-runtime from crates.io instead.
    #[arg(long)]
    runtime_version: Option<String>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    spec: SpecArgs,
}

#[derive(Args)]
struct TrimArgs {
    /// The spec file; given more than once, the specs are merged into one first (one API
    /// published as several specs, as HubSpot's CRM objects).
    #[arg(long, required = true)]
    spec: Vec<PathBuf>,
    /// Operations to keep: operationId, tag, path glob, or "METHOD /path".
    #[arg(long, value_name = "SELECTOR", required = true)]
    keep: Vec<String>,
    /// Remove descriptions, summaries and examples.
    #[arg(long)]
    strip_docs: bool,
    /// Apply this provider manifest's patches first, so the written spec has the fixes, and
    /// keep the schemas of the webhook events it types.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// The file to write (.json, or .yaml/.yml).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args)]
struct IrArgs {
    #[command(flatten)]
    spec: SpecArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate(args) => generate(&args),
        Command::Check(args) => check(&args),
        Command::Trim(args) => trim(&args),
        Command::Ir(args) => ir(&args),
        Command::MappingReport(args) => mapping_report(&args),
    }
}

fn mapping_report(args: &MappingReportArgs) -> ExitCode {
    let vocabulary_path = args.specs.join("schema.org").join("vocabulary.toml");
    let vocabulary = match integrations_codegen::vocabulary::Vocabulary::load(&vocabulary_path) {
        Ok(vocabulary) => vocabulary,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let mut providers: Vec<PathBuf> = match std::fs::read_dir(&args.specs) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|dir| dir.join("mappings.toml").is_file())
            .collect(),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.specs.display());
            return ExitCode::FAILURE;
        }
    };
    providers.sort();
    let mut failed = false;
    for dir in providers {
        let options = integrations_codegen::Options::default();
        let tables = integrations_codegen::build_ir(&dir.join("openapi.yaml"), &options).and_then(
            |(api, ..)| {
                integrations_codegen::mapping::load(&dir.join("mappings.toml"), &vocabulary, &api)
                    .map(|tables| (api.provider.name.clone(), tables))
            },
        );
        match tables {
            Ok((name, tables)) => {
                print!("{}", integrations_codegen::mapping::report(&name, &tables))
            }
            Err(diagnostics) => {
                eprint!("{diagnostics}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics.iter() {
        eprintln!("{d}");
    }
}

fn summary(diagnostics: &Diagnostics) -> String {
    format!(
        "{} error(s), {} warning(s)",
        diagnostics.error_count(),
        diagnostics.warning_count()
    )
}

fn generate(args: &GenerateArgs) -> ExitCode {
    let started = Instant::now();
    let output = match integrations_codegen::generate(&args.spec.spec, &args.spec.options()) {
        Ok(output) => output,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("generation failed: {}", summary(&diagnostics));
            eprintln!(
                "hint: mistakes in a published spec can be corrected without editing it, \
                 with `[[patches]]` in the provider manifest (provider.toml next to the spec)"
            );
            return ExitCode::FAILURE;
        }
    };
    for d in output
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
    {
        eprintln!("{d}");
    }
    let runtime = match (&args.runtime_path, &args.runtime_version) {
        (_, Some(version)) => RuntimeDependency::Version(version.clone()),
        (Some(path), None) => RuntimeDependency::Path(path.clone()),
        (None, None) => default_runtime(),
    };
    let name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| standalone::default_crate_name(&args.spec.spec));
    let mut regenerate = format!(
        "integrations-codegen generate --spec {} --out {}",
        args.spec.spec.display(),
        args.out.display()
    );
    if let Some(manifest) = &args.spec.manifest {
        regenerate.push_str(&format!(" --manifest {}", manifest.display()));
    }
    if let Some(crate_name) = &args.crate_name {
        regenerate.push_str(&format!(" --crate-name {crate_name}"));
    }
    if let Some(path) = &args.runtime_path {
        regenerate.push_str(&format!(" --runtime-path {}", path.display()));
    }
    if let Some(version) = &args.runtime_version {
        regenerate.push_str(&format!(" --runtime-version {version}"));
    }
    for keep in &args.spec.keep {
        regenerate.push_str(&format!(" --keep '{keep}'"));
    }
    if args.spec.drop_undeclared {
        regenerate.push_str(" --drop-undeclared");
    }
    if args.spec.typed_expansions {
        regenerate.push_str(" --typed-expansions");
    }
    // Single-quoted for a POSIX shell (`pointer_and` has refused control characters, so
    // nothing here can end the header's comment line).
    let quoted = |text: &str| format!("'{}'", text.replace('\'', "'\\''"));
    for (pointer, attribute) in &args.spec.type_attribute {
        regenerate.push_str(&format!(
            " --type-attribute {}",
            quoted(&format!("{pointer}={attribute}"))
        ));
    }
    for (pointer, path) in &args.spec.replace_type {
        regenerate.push_str(&format!(
            " --replace-type {}",
            quoted(&format!("{pointer}={path}"))
        ));
    }
    let crate_options = CrateOptions {
        name: name.clone(),
        runtime,
        own_workspace: true,
        regenerate: Some(regenerate),
    };
    let files = [
        (
            args.out.join("Cargo.toml"),
            standalone::cargo_toml(&output.api, &crate_options, &args.out),
        ),
        (
            args.out.join("src").join("lib.rs"),
            standalone::lib_rs(&output.api, &output.code, &crate_options),
        ),
    ];
    for (path, content) in &files {
        if let Err(e) = write(path, content) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let lines = output.code.lines().count();
    println!(
        "generated crate `{name}` in {}: {} types, {} operations, {lines} lines; {}; in {} ms (load {} ms, IR {} ms, emit {} ms)",
        args.out.display(),
        output.api.types.len(),
        output.api.operations.len(),
        summary(&output.diagnostics),
        started.elapsed().as_millis(),
        output.timings.load.as_millis(),
        output.timings.ir.as_millis(),
        output.timings.emit.as_millis(),
    );
    ExitCode::SUCCESS
}

/// The runtime a generated crate depends on when not told: this workspace's, next to the
/// codegen crate, when the command runs from the checkout it was built in; otherwise (an
/// installed command whose build directory is gone) the released runtime of the
/// command's own version.
fn default_runtime() -> RuntimeDependency {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("integrations-runtime");
    if path.join("Cargo.toml").is_file() {
        RuntimeDependency::Path(path)
    } else {
        RuntimeDependency::Version(env!("CARGO_PKG_VERSION").to_owned())
    }
}

fn write(path: &Path, content: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, content)
}

fn check(args: &CheckArgs) -> ExitCode {
    let options = args.spec.options();
    let checked = integrations_codegen::build_ir(&args.spec.spec, &options).and_then(
        |(api, mut diagnostics, files, timings)| {
            integrations_codegen::resolve_hooks(&api, &args.spec.spec, &options, &mut diagnostics)?;
            Ok((api, diagnostics, files, timings))
        },
    );
    match checked {
        Ok((api, diagnostics, _, _)) => {
            print_diagnostics(&diagnostics);
            println!(
                "{}: ok ({} types, {} operations; {})",
                args.spec.spec.display(),
                api.types.len(),
                api.operations.len(),
                summary(&diagnostics)
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("{}: {}", args.spec.spec.display(), summary(&diagnostics));
            ExitCode::FAILURE
        }
    }
}

fn trim(args: &TrimArgs) -> ExitCode {
    let mut diagnostics = Diagnostics::new();
    let loaded: Option<Vec<_>> = args
        .spec
        .iter()
        .map(|path| integrations_codegen::spec::load(path, &mut diagnostics))
        .collect();
    let Some(mut spec) =
        loaded.and_then(|specs| integrations_codegen::spec::merge::merge(specs, &mut diagnostics))
    else {
        print_diagnostics(&diagnostics);
        return ExitCode::FAILURE;
    };
    if diagnostics.has_errors() {
        print_diagnostics(&diagnostics);
        return ExitCode::FAILURE;
    }
    // The schemas of the webhook events the manifest types are kept with the operations.
    let mut events = Vec::new();
    if let Some(path) = &args.manifest
        && let Some(manifest) =
            integrations_codegen::manifest::Manifest::load(path, &mut diagnostics)
    {
        manifest.apply_patches(path, &mut spec.doc, &mut diagnostics);
        events.extend(manifest.webhooks.events.values().cloned());
    }
    let (trimmed, report) = integrations_codegen::trim::trim(
        &spec,
        &args.keep,
        &events,
        args.strip_docs,
        &mut diagnostics,
    );
    print_diagnostics(&diagnostics);
    if diagnostics.has_errors() || report.operations.is_empty() {
        return ExitCode::FAILURE;
    }
    let text = integrations_codegen::spec::write::to_text(&args.out, &trimmed);
    if let Err(e) = write(&args.out, &text) {
        eprintln!("error: cannot write {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {}: {} operations, {} components",
        args.out.display(),
        report.operations.len(),
        report.components.len()
    );
    ExitCode::SUCCESS
}

fn ir(args: &IrArgs) -> ExitCode {
    match integrations_codegen::build_ir(&args.spec.spec, &args.spec.options()) {
        Ok((api, diagnostics, _, _)) => {
            print_diagnostics(&diagnostics);
            match serde_json::to_string_pretty(&api) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot serialise the IR: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            ExitCode::FAILURE
        }
    }
}
