//! Loading specs: files to one OpenAPI 3.x document, whatever was written.
//!
//! [`load`] reads JSON or YAML, follows relative-file `$ref`s into one document
//! ([`bundle`]), detects the version and upgrades Swagger 2.0 into the OpenAPI 3.0 shape
//! ([`swagger2`]). OpenAPI 3.1 stays as written: its schema differences are read by
//! [`schema`], which every consumer uses to look at a schema. The result, [`Spec`], knows
//! for every node where it was written, for diagnostics.

pub mod bundle;
pub mod merge;
pub mod pointer;
pub mod schema;
pub mod source;
pub mod swagger2;
pub mod walk;
pub mod write;
pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostics, Location};
use pointer::PointerMap;

/// The description format a spec was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SpecVersion {
    /// Swagger 2.0, upgraded on load.
    Swagger2,
    /// OpenAPI 3.0.x.
    OpenApi30,
    /// OpenAPI 3.1.x (and 3.2.x, read the same way).
    OpenApi31,
}

impl fmt::Display for SpecVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecVersion::Swagger2 => "Swagger 2.0",
            SpecVersion::OpenApi30 => "OpenAPI 3.0",
            SpecVersion::OpenApi31 => "OpenAPI 3.1",
        })
    }
}

/// A loaded spec: one document in the OpenAPI 3 shape, and where its nodes came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file that was loaded, as given.
    pub file: PathBuf,
    /// What the file was written in.
    pub version: SpecVersion,
    /// The document (bundled, and upgraded when it was Swagger 2.0).
    pub doc: Value,
    /// Every file read: the spec and the files its `$ref`s lead to.
    pub files: Vec<PathBuf>,
    origins: PointerMap,
}

impl Spec {
    /// Where the node now at `pointer` was written.
    pub fn locate(&self, pointer: &str) -> Location {
        self.origins.locate(pointer)
    }

    /// The node at `pointer`, if any.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.doc.pointer(pointer)
    }
}

/// Loads the spec at `path`. Returns `None` when it cannot be used at all; the reasons
/// are in `diagnostics`.
pub fn load(path: &Path, diagnostics: &mut Diagnostics) -> Option<Spec> {
    let doc = source::read(path, diagnostics)?;
    from_value(path, doc, diagnostics)
}

/// Loads a spec from text already in memory; `path` is used for messages and to resolve
/// relative `$ref`s.
pub fn load_text(path: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<Spec> {
    let doc = source::parse(path, text.as_bytes(), diagnostics)?;
    from_value(path, doc, diagnostics)
}

fn from_value(path: &Path, mut doc: Value, diagnostics: &mut Diagnostics) -> Option<Spec> {
    let version = detect_version(path, &doc, diagnostics)?;
    let mut origins = PointerMap::new(path);
    let mut files = vec![path.to_path_buf()];
    files.extend(bundle::bundle(path, &mut doc, &mut origins, diagnostics));
    if version == SpecVersion::Swagger2 {
        swagger2::upgrade(&mut doc, &mut origins, diagnostics);
    }
    Some(Spec {
        file: path.to_path_buf(),
        version,
        doc,
        files,
        origins,
    })
}

/// Reads `swagger` / `openapi` and says which format this is.
fn detect_version(path: &Path, doc: &Value, diagnostics: &mut Diagnostics) -> Option<SpecVersion> {
    let Value::Object(root) = doc else {
        diagnostics.error(
            Location::new(path, ""),
            format!(
                "a spec must be a JSON or YAML object, found {}",
                kind_of(doc)
            ),
        );
        return None;
    };
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    if let Some(swagger) = root.get("swagger") {
        return match text(swagger).as_deref() {
            Some("2.0" | "2") => Some(SpecVersion::Swagger2),
            other => {
                diagnostics.error(
                    Location::new(path, "/swagger"),
                    format!(
                        "unsupported version `swagger: {}`; supported are Swagger 2.0 and OpenAPI 3.0, 3.1",
                        other.unwrap_or("?")
                    ),
                );
                None
            }
        };
    }
    let Some(openapi) = root.get("openapi") else {
        diagnostics.error(
            Location::new(path, ""),
            "not an OpenAPI document: it has neither an `openapi` nor a `swagger` field",
        );
        return None;
    };
    let version = text(openapi).unwrap_or_default();
    let mut parts = version.split('.');
    match (parts.next(), parts.next()) {
        (Some("3"), Some("0")) => Some(SpecVersion::OpenApi30),
        (Some("3"), Some("1")) => Some(SpecVersion::OpenApi31),
        (Some("3"), Some("2")) => {
            diagnostics.warning(
                Location::new(path, "/openapi"),
                format!(
                    "OpenAPI {version} is read as OpenAPI 3.1; features new in 3.2 are ignored"
                ),
            );
            Some(SpecVersion::OpenApi31)
        }
        _ => {
            diagnostics.error(
                Location::new(path, "/openapi"),
                format!("unsupported version `openapi: {version}`; supported are Swagger 2.0 and OpenAPI 3.0, 3.1"),
            );
            None
        }
    }
}

/// A short name for the JSON type of `value`, for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
