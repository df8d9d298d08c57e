//! The build.rs front door, in the style of prost-build.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     integrations_codegen::Config::new()
//!         .spec("specs/stripe/openapi.yaml")
//!         .keep(["PostCustomers", "GetCustomersCustomer"])
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod stripe {
//!     include!(concat!(env!("OUT_DIR"), "/stripe.rs"));
//! }
//! ```
//!
//! Configuration methods take `&mut self` and return `&mut Self`; [`Config::generate`]
//! does the work. It prints `cargo:rerun-if-changed` for every file it reads (the spec,
//! files its `$ref`s lead to, the manifest), prints warnings as `cargo:warning`, and
//! fails at once with every error and where it is, rather than leaving a missing file
//! for `include!` to trip over.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Diagnostics, Options};

/// One spec to generate.
#[derive(Debug, Clone)]
struct SpecEntry {
    path: PathBuf,
    module: Option<String>,
    keep: Vec<String>,
    manifest: Option<PathBuf>,
    hooks: crate::hooks::TypeHooks,
    mappings: Option<MappingsEntry>,
}

/// Schema.org mapping tables for one spec, rendered from the IR its client came from.
#[derive(Debug, Clone)]
struct MappingsEntry {
    table: PathBuf,
    vocabulary: std::sync::Arc<crate::vocabulary::Vocabulary>,
    schema_path: String,
}

/// Why `generate` failed.
pub enum Error {
    /// A spec has errors (or warnings, with `deny_warnings`).
    Spec {
        /// The spec.
        path: PathBuf,
        /// Every diagnostic found.
        diagnostics: Diagnostics,
    },
    /// The output could not be written.
    Io {
        /// What was being written.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// No output directory: `OUT_DIR` is unset (not running under cargo) and none was set.
    NoOutDir,
    /// A per-spec setting was given before any spec it could apply to.
    Misuse(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec { path, diagnostics } => {
                writeln!(f, "cannot generate code from `{}`:", path.display())?;
                for d in diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::Severity::Error)
                {
                    writeln!(f, "  {d}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "cannot write `{}`: {source}", path.display()),
            Error::Misuse(what) => {
                write!(f, "{what}: per-spec settings apply to the spec added last")
            }
            Error::NoOutDir => {
                f.write_str("OUT_DIR is not set: call `out_dir` or run from a build script")
            }
        }
    }
}

// `main() -> Result<(), Box<dyn Error>>` prints errors with `Debug`: make that the message.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Generates typed clients from build scripts.
#[derive(Debug, Clone)]
pub struct Config {
    specs: Vec<SpecEntry>,
    out_dir: Option<PathBuf>,
    runtime_path: String,
    deny_warnings: bool,
    undeclared: crate::ir::UndeclaredProperties,
    expansions: crate::ir::Expansions,
    rerun_if_changed: bool,
    /// Settings given before any spec (reported by `generate`).
    misuse: Vec<&'static str>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            specs: Vec::new(),
            out_dir: None,
            runtime_path: crate::emit::EmitOptions::default().runtime_path,
            deny_warnings: false,
            undeclared: crate::ir::UndeclaredProperties::default(),
            expansions: crate::ir::Expansions::default(),
            rerun_if_changed: true,
            misuse: Vec::new(),
        }
    }
}

impl Config {
    /// A configuration with no specs, writing to `OUT_DIR`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a spec. Relative paths are relative to the package (where cargo runs build
    /// scripts). The output file is named after the spec (`stripe.rs` for
    /// `specs/stripe/openapi.yaml`: a generic file stem gives way to the directory name).
    pub fn spec(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.specs.push(SpecEntry {
            path: path.as_ref().to_path_buf(),
            module: None,
            keep: Vec::new(),
            manifest: None,
            hooks: crate::hooks::TypeHooks::default(),
            mappings: None,
        });
        self
    }

    /// Also writes the conversions the Schema.org mapping tables at `table`
    /// (`specs/stripe/mappings.toml`) declare for the last added spec, into
    /// `<name>_mappings.rs` next to its client, from the same IR (the spec is read once).
    /// The tables are checked against `vocabulary`; `schema_path` is where the code that
    /// includes the file finds the Schema.org types `vocabulary` generates
    /// (`crate::schema`).
    pub fn mappings(
        &mut self,
        table: impl AsRef<Path>,
        vocabulary: std::sync::Arc<crate::vocabulary::Vocabulary>,
        schema_path: impl Into<String>,
    ) -> &mut Self {
        match self.specs.last_mut() {
            Some(last) => {
                last.mappings = Some(MappingsEntry {
                    table: table.as_ref().to_path_buf(),
                    vocabulary,
                    schema_path: schema_path.into(),
                });
            }
            None => self.misuse.push("`mappings` was called before any `spec`"),
        }
        self
    }

    /// Puts `attribute` (`#[derive(Eq, Hash)]`) on the type the last added spec's schema at
    /// `pointer` (`#/components/schemas/Customer`; `*` for every type) generates.
    pub fn type_attribute(
        &mut self,
        pointer: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        match self.specs.last_mut() {
            Some(last) => {
                last.hooks.attribute(pointer, attribute);
            }
            None => self
                .misuse
                .push("`type_attribute` was called before any `spec`"),
        }
        self
    }

    /// Derives `traits` (`"Eq, Hash"`) on the type the last added spec's schema at
    /// `pointer` generates.
    pub fn derive(&mut self, pointer: impl Into<String>, traits: &str) -> &mut Self {
        self.type_attribute(pointer, format!("#[derive({traits})]"))
    }

    /// Uses the existing type `path` (`crate::money::Money`) for the last added spec's
    /// schema at `pointer` instead of generating one (see
    /// [`TypeHooks::replace`](crate::hooks::TypeHooks::replace)).
    pub fn replace_type(
        &mut self,
        pointer: impl Into<String>,
        path: impl Into<String>,
    ) -> &mut Self {
        match self.specs.last_mut() {
            Some(last) => {
                last.hooks.replace(pointer, path);
            }
            None => self
                .misuse
                .push("`replace_type` was called before any `spec`"),
        }
        self
    }

    /// Names the output file of the last added spec (`stripe` writes `stripe.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        match self.specs.last_mut() {
            Some(last) => last.module = Some(name.into()),
            None => self.misuse.push("`file_name` was called before any `spec`"),
        }
        self
    }

    /// Generates only these operations of the last added spec: operationIds, tags, path
    /// globs, or `METHOD /path` (see [`crate::select`]).
    pub fn keep<I, S>(&mut self, selectors: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        match self.specs.last_mut() {
            Some(last) => last.keep.extend(selectors.into_iter().map(Into::into)),
            None => self.misuse.push("`keep` was called before any `spec`"),
        }
        self
    }

    /// Uses this provider manifest for the last added spec (by default, `provider.toml`
    /// next to the spec is used when it exists).
    pub fn manifest(&mut self, path: impl AsRef<Path>) -> &mut Self {
        match self.specs.last_mut() {
            Some(last) => last.manifest = Some(path.as_ref().to_path_buf()),
            None => self.misuse.push("`manifest` was called before any `spec`"),
        }
        self
    }

    /// Writes output here instead of `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The path generated code uses for the runtime (default `::integrations_runtime`;
    /// `::integrations::runtime` when depending on the facade crate only).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// Fails the build on warnings too.
    pub fn deny_warnings(&mut self, deny: bool) -> &mut Self {
        self.deny_warnings = deny;
        self
    }

    /// What generated structs do with properties their schema does not declare: keep
    /// them in a map (the default), or drop them.
    pub fn undeclared_properties(
        &mut self,
        undeclared: crate::ir::UndeclaredProperties,
    ) -> &mut Self {
        self.undeclared = undeclared;
        self
    }

    /// How expandable references are typed: lightly (the default: an id, or the expanded
    /// object as JSON) or as a union of every object they can expand to.
    pub fn expansions(&mut self, expansions: crate::ir::Expansions) -> &mut Self {
        self.expansions = expansions;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (default true). Note that printing
    /// any replaces cargo's default of rerunning when any package file changes.
    pub fn emit_rerun_if_changed(&mut self, emit: bool) -> &mut Self {
        self.rerun_if_changed = emit;
        self
    }

    /// Generates every spec. Returns the files written.
    pub fn generate(&self) -> Result<Vec<PathBuf>, Error> {
        self.generate_telling_cargo(&mut std::io::stdout().lock())
    }

    /// [`Config::generate`], writing its `cargo:` lines to `cargo` (stdout in a build
    /// script).
    fn generate_telling_cargo(&self, cargo: &mut dyn Write) -> Result<Vec<PathBuf>, Error> {
        let mut tell = |line: String| {
            // A build script whose stdout is gone has nobody to tell; generation goes on.
            let _ = writeln!(cargo, "{line}");
        };
        if let Some(what) = self.misuse.first() {
            return Err(Error::Misuse(what));
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let mut written = Vec::new();
        for entry in &self.specs {
            if self.rerun_if_changed {
                tell(format!("cargo:rerun-if-changed={}", entry.path.display()));
            }
            let options = Options {
                keep: entry.keep.clone(),
                manifest: entry.manifest.clone(),
                runtime_path: self.runtime_path.clone(),
                deny_warnings: self.deny_warnings,
                undeclared: self.undeclared,
                expansions: self.expansions,
                hooks: entry.hooks.clone(),
            };
            let output =
                crate::generate(&entry.path, &options).map_err(|diagnostics| Error::Spec {
                    path: entry.path.clone(),
                    diagnostics,
                })?;
            if self.rerun_if_changed {
                for file in output.files.iter().skip(1) {
                    tell(format!("cargo:rerun-if-changed={}", file.display()));
                }
            }
            for warning in output
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::Severity::Warning)
            {
                tell(format!("cargo:warning={warning}"));
            }
            let name = entry.module.clone().unwrap_or_else(|| {
                let name = crate::emit::standalone::default_crate_name(&entry.path);
                crate::ir::names::unraw(&crate::ir::names::snake(&name, "api")).to_owned()
            });
            let path = out_dir.join(format!("{name}.rs"));
            write_if_changed(&path, &output.code).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
            if let Some(mappings) = &entry.mappings {
                if self.rerun_if_changed {
                    tell(format!(
                        "cargo:rerun-if-changed={}",
                        mappings.table.display()
                    ));
                }
                let failed = |diagnostics| Error::Spec {
                    path: mappings.table.clone(),
                    diagnostics,
                };
                let tables =
                    crate::mapping::load(&mappings.table, &mappings.vocabulary, &output.api)
                        .map_err(failed)?;
                let code = crate::mapping::render(
                    &tables,
                    &output.api.provider.name,
                    &mappings.schema_path,
                )
                .map_err(|e| {
                    let mut diagnostics = crate::Diagnostics::new();
                    diagnostics.error(
                        crate::diagnostics::Location::new(&mappings.table, ""),
                        e.to_string(),
                    );
                    failed(diagnostics)
                })?;
                let path = out_dir.join(format!("{name}_mappings.rs"));
                write_if_changed(&path, &code).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                written.push(path);
            }
        }
        Ok(written)
    }
}

/// Writes `content` unless the file already holds it (keeps mtimes, and incremental
/// builds, stable).
pub(crate) fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == content) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../").join(path)
    }

    #[test]
    fn mapping_tables_are_rendered_next_to_their_client_and_checked() {
        let out = std::env::temp_dir().join(format!(
            "integrations-config-mappings-{}",
            std::process::id()
        ));
        let vocabulary = std::sync::Arc::new(
            crate::vocabulary::Vocabulary::load(&fixture("specs/schema.org/vocabulary.toml"))
                .expect("the vocabulary"),
        );
        let mut config = Config::new();
        config.out_dir(&out);
        config
            .spec(fixture("specs/pipedrive/openapi.yaml"))
            .file_name("pipedrive")
            .mappings(
                fixture("specs/pipedrive/mappings.toml"),
                vocabulary.clone(),
                "crate::schema",
            );
        let mut told = Vec::new();
        let written = config.generate_telling_cargo(&mut told).expect("generates");
        assert_eq!(
            written,
            vec![out.join("pipedrive.rs"), out.join("pipedrive_mappings.rs")]
        );
        let code = std::fs::read_to_string(out.join("pipedrive_mappings.rs")).unwrap();
        assert!(
            code.contains("for crate::schema::Person"),
            "the conversions are written:\n{code}"
        );
        assert!(
            String::from_utf8(told)
                .unwrap()
                .contains("specs/pipedrive/mappings.toml"),
            "cargo is told to watch the table"
        );

        let broken = out.join("broken.toml");
        std::fs::write(
            &broken,
            "[[mappings]]\nschema = \"Person\"\nprovider = \"Persn\"\n",
        )
        .unwrap();
        let mut config = Config::new();
        config.out_dir(&out);
        config
            .spec(fixture("specs/pipedrive/openapi.yaml"))
            .mappings(&broken, vocabulary, "crate::schema");
        let error = config.generate_telling_cargo(&mut Vec::new()).unwrap_err();
        let said = error.to_string();
        assert!(
            said.contains("broken.toml:3#/mappings/0/provider"),
            "{said}"
        );
        assert!(matches!(error, Error::Spec { ref path, .. } if path == &broken));

        let mut early = Config::new();
        early.mappings(
            &broken,
            std::sync::Arc::new(crate::vocabulary::Vocabulary {
                types: Default::default(),
            }),
            "s",
        );
        assert!(matches!(
            early.generate_telling_cargo(&mut Vec::new()),
            Err(Error::Misuse(_))
        ));
    }

    #[test]
    fn cargo_is_told_every_file_read_and_every_warning() {
        let out = std::env::temp_dir().join(format!(
            "integrations-config-cargo-lines-{}",
            std::process::id()
        ));
        let mut config = Config::new();
        config.out_dir(&out);
        config.spec(fixture("tests/fixtures/split/root.yaml"));
        config
            .spec(fixture("tests/fixtures/providers/slack_swagger2.yaml"))
            .manifest(fixture("specs/slack/provider.toml"));
        config.spec(fixture("tests/fixtures/binary.yaml"));
        let degraded = out.join("degraded.yaml");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(
            &degraded,
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n\
             components:\n  schemas:\n    X:\n      type: banana\n",
        )
        .unwrap();
        config.spec(&degraded);
        let mut told = Vec::new();
        config.generate_telling_cargo(&mut told).expect("generates");
        let told = String::from_utf8(told).unwrap();
        let reruns: Vec<&str> = told
            .lines()
            .filter_map(|l| l.strip_prefix("cargo:rerun-if-changed="))
            .collect();
        let mentions = |end: &str| reruns.iter().any(|r| r.ends_with(end));
        // The split spec's root and the files it pulls in, the manifest, every spec.
        assert!(mentions("split/root.yaml"), "{told}");
        let split_files = reruns.iter().filter(|r| r.contains("split")).count();
        assert!(split_files >= 2, "the bundled files are missing:\n{told}");
        assert!(
            mentions("slack_swagger2.yaml") && mentions("specs/slack/provider.toml"),
            "{told}"
        );
        assert!(
            mentions("binary.yaml") && mentions("degraded.yaml"),
            "{told}"
        );
        assert!(
            told.lines().any(|l| l.starts_with("cargo:warning=")
                && l.contains("degraded.yaml#/components/schemas/X")
                && l.contains("banana")),
            "{told}"
        );

        let mut quiet = Vec::new();
        config.emit_rerun_if_changed(false);
        config
            .generate_telling_cargo(&mut quiet)
            .expect("generates");
        assert!(
            !String::from_utf8(quiet)
                .unwrap()
                .contains("rerun-if-changed")
        );
        let _ = std::fs::remove_dir_all(&out);
    }
}
