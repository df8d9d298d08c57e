//! Bundling: a spec split over several files becomes one document.
//!
//! SendGrid's split spec keeps its paths and components in 61 files and points at them
//! with relative `$ref`s. Everything after loading wants one document, so this pass
//! *mounts* the external pieces into the root:
//!
//! 1. A `$ref` that stands for a whole container (`/components/<kind>`, one component,
//!    or one path item) is replaced by the content it points at. The mount is recorded,
//!    so diagnostics still name the file the content came from.
//! 2. Every other external `$ref` is rewritten into a local one through the mounts
//!    (`../../components/schemas.json#/Contact` becomes `#/components/schemas/Contact`),
//!    which keeps names and recursion intact. A target outside every mount is mounted
//!    whole under `/$bundled/<n>` first.
//!
//! URLs are never fetched: a `$ref` to `http://…` or `https://…` is reported and left
//! alone, and later degrades to an untyped value. A file that cannot be read or parsed,
//! or a pointer that is not in its file, is a warning naming the file, the pointer and
//! where it was referenced: the reference is dropped (kept under [`UNREADABLE_KEY`]), so
//! one missing schema costs that schema, not the client.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostics, Location};
use crate::spec::pointer::{self, PointerMap};
use crate::spec::{source, walk};

/// Where a `$ref` to a file that could not be read is kept, once the reference itself is
/// dropped (the file and pointer it named, for a reader of the bundled document).
pub const UNREADABLE_KEY: &str = "x-integrations-unreadable-ref";

/// Where a mounted piece now sits and where it came from.
#[derive(Debug, Clone)]
struct Mount {
    now: String,
    file: PathBuf,
    pointer: String,
}

/// Whether `reference` points outside its own file.
pub fn is_external(reference: &str) -> bool {
    !reference.starts_with('#')
}

/// Whether `reference` is a URL, which is never fetched.
pub fn is_url(reference: &str) -> bool {
    let lower = reference.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.contains("://")
}

/// Splits `file#fragment` into the file and the decoded pointer.
fn split(reference: &str) -> (&str, String) {
    match reference.split_once('#') {
        Some((file, fragment)) => (file, pointer::decode_fragment(fragment)),
        None => (reference, String::new()),
    }
}

struct Bundler<'a> {
    root_file: PathBuf,
    files: HashMap<PathBuf, Option<Value>>,
    mounts: Vec<Mount>,
    diagnostics: &'a mut Diagnostics,
}

/// Mounts every external piece `root` refers to. `origins` learns where mounted
/// content came from. Returns the files that were read.
pub fn bundle(
    root_file: &Path,
    root: &mut Value,
    origins: &mut PointerMap,
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    let mut any_external = false;
    walk::for_each_ref(root, "", &mut |reference, _| {
        any_external |= is_external(reference) && !is_url(reference)
    });
    if !any_external {
        return Vec::new();
    }
    let mut bundler = Bundler {
        root_file: source::normalize(root_file),
        files: HashMap::new(),
        mounts: Vec::new(),
        diagnostics,
    };
    bundler.mount_containers(root);
    bundler.rewrite_references(root);
    for mount in &bundler.mounts {
        origins.record(
            mount.now.clone(),
            Location::new(mount.file.clone(), mount.pointer.clone()),
        );
    }
    let mut files: Vec<PathBuf> = bundler.files.into_keys().collect();
    files.sort();
    files
}

impl Bundler<'_> {
    /// The file the node now at `now` was written in.
    fn base_file(&self, now: &str) -> PathBuf {
        self.mounts
            .iter()
            .filter(|m| pointer::is_prefix(&m.now, now))
            .max_by_key(|m| m.now.len())
            .map(|m| m.file.clone())
            .unwrap_or_else(|| self.root_file.clone())
    }

    fn location(&self, now: &str) -> Location {
        let mount = self
            .mounts
            .iter()
            .filter(|m| pointer::is_prefix(&m.now, now))
            .max_by_key(|m| m.now.len());
        match mount {
            Some(m) => Location::new(
                m.file.clone(),
                format!("{}{}", m.pointer, &now[m.now.len()..]),
            ),
            None => Location::new(self.root_file.clone(), now),
        }
    }

    /// The target of `reference` written at `now`, as (file, pointer).
    fn target(&self, reference: &str, now: &str) -> (PathBuf, String) {
        let base = self.base_file(now);
        let (file, fragment) = split(reference);
        if file.is_empty() {
            (base, fragment)
        } else {
            (source::resolve_relative(&base, file), fragment)
        }
    }

    /// The node at `pointer` in `file`, loading the file on first use.
    fn fetch(&mut self, file: &Path, pointer: &str, referenced_at: &str) -> Option<Value> {
        // A referenced file that cannot be used costs what it describes, not the client:
        // its problems are warnings, and references into it are left out (typed as
        // `serde_json::Value` where they stand alone).
        if !self.files.contains_key(file) {
            let mut local = Diagnostics::new();
            let value = source::read(file, &mut local);
            let at = self.location(referenced_at);
            for d in local {
                // Say where the file was referenced from as well as what is wrong with it.
                let consequence = if value.is_none() {
                    "; what it describes is left out (typed as `serde_json::Value` where it \
                     stands alone)"
                } else {
                    ""
                };
                self.diagnostics.warning(
                    d.location.clone(),
                    format!("{} (referenced from {at}){consequence}", d.message),
                );
            }
            self.files.insert(file.to_path_buf(), value);
        }
        let document = self.files.get(file)?.as_ref()?;
        match document.pointer(pointer) {
            Some(node) => Some(node.clone()),
            None => {
                let at = self.location(referenced_at);
                self.diagnostics.warning(
                    at,
                    format!(
                        "`$ref` target `{}#{pointer}` does not exist; what it describes is left \
                         out (typed as `serde_json::Value` where it stands alone)",
                        file.display()
                    ),
                );
                None
            }
        }
    }

    /// Replaces container-level external `$ref`s by their content (step 1).
    fn mount_containers(&mut self, root: &mut Value) {
        let mut queue: Vec<String> = Vec::new();
        for section in ["components", "paths", "webhooks"] {
            if root.get(section).is_some() {
                queue.push(format!("/{section}"));
            }
        }
        let mut budget = 100_000usize;
        while let Some(at) = queue.pop() {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
            let Some(node) = root.pointer(&at) else {
                continue;
            };
            // `/components` holds kinds, each kind holds components; `/paths` holds items.
            let depth_below_section = pointer::tokens(&at).len();
            if let Some(reference) = node.get("$ref").and_then(Value::as_str)
                && depth_below_section >= 2
                && is_external(reference)
                && !is_url(reference)
            {
                let reference = reference.to_owned();
                let (file, target) = self.target(&reference, &at);
                if let Some(content) = self.fetch(&file, &target, &at) {
                    if let Some(slot) = root.pointer_mut(&at) {
                        *slot = content;
                    }
                    self.mounts.push(Mount {
                        now: at.clone(),
                        file,
                        pointer: target,
                    });
                }
            }
            let is_components_kind = at.starts_with("/components/") && depth_below_section == 2;
            let is_section = depth_below_section == 1;
            if (is_section || is_components_kind)
                && let Some(Value::Object(children)) = root.pointer(&at)
            {
                if is_section && at == "/components" {
                    for kind in children.keys() {
                        queue.push(pointer::push(&at, kind));
                    }
                } else {
                    for name in children.keys() {
                        let child = pointer::push(&at, name);
                        let child_is_ref = root
                            .pointer(&child)
                            .and_then(|c| c.get("$ref"))
                            .and_then(Value::as_str)
                            .is_some_and(|r| is_external(r) && !is_url(r));
                        if child_is_ref {
                            queue.push(child);
                        }
                    }
                }
            }
        }
    }

    /// Rewrites every remaining `$ref` into a local one (step 2).
    fn rewrite_references(&mut self, root: &mut Value) {
        // Targets that lie outside every mount get mounted whole; repeat until stable.
        for _ in 0..64 {
            let mut unmounted: Vec<(PathBuf, String)> = Vec::new();
            walk::for_each_ref(root, "", &mut |reference, at| {
                if is_url(reference) {
                    return;
                }
                let (file, target) = self.target(reference, at);
                if file != self.root_file && self.translate(&file, &target).is_none() {
                    unmounted.push((file, at.to_owned()));
                }
            });
            if unmounted.is_empty() {
                break;
            }
            for (file, at) in unmounted {
                if self.translate(&file, "").is_some() {
                    continue;
                }
                let Some(content) = self.fetch(&file, "", &at) else {
                    // Remember the failure so the file is not fetched again.
                    self.mounts.push(Mount {
                        now: "/$unreadable".to_owned(),
                        file,
                        pointer: String::new(),
                    });
                    continue;
                };
                let bundled = root.as_object_mut().map(|map| {
                    map.entry("$bundled")
                        .or_insert_with(|| Value::Object(Default::default()))
                });
                let Some(Value::Object(bundled)) = bundled else {
                    break;
                };
                let key = bundled.len().to_string();
                bundled.insert(key.clone(), content);
                self.mounts.push(Mount {
                    now: format!("/$bundled/{key}"),
                    file,
                    pointer: String::new(),
                });
            }
        }
        let mut rewrites: Vec<(String, Option<String>)> = Vec::new();
        walk::for_each_ref(root, "", &mut |reference, at| {
            if is_url(reference) {
                return;
            }
            let (file, target) = self.target(reference, at);
            let local = if file == self.root_file {
                Some(target.clone())
            } else {
                self.translate(&file, &target)
            };
            match local {
                Some(p) => {
                    let new = format!("#{p}");
                    if new != reference {
                        rewrites.push((at.to_owned(), Some(new)));
                    }
                }
                // Unreadable (reported when fetched): the reference is dropped, and what it
                // names is kept beside for a reader, under an extension key.
                None => rewrites.push((at.to_owned(), None)),
            }
        });
        for (at, new) in rewrites {
            if let Some(Value::Object(map)) = root.pointer_mut(&at) {
                match new {
                    Some(new) => {
                        map.insert("$ref".to_owned(), Value::String(new));
                    }
                    None => {
                        if let Some(old) = map.shift_remove("$ref") {
                            map.insert(UNREADABLE_KEY.to_owned(), old);
                        }
                    }
                }
            }
        }
    }

    /// Where `file#target` now sits, if it was mounted.
    fn translate(&self, file: &Path, target: &str) -> Option<String> {
        self.mounts
            .iter()
            .filter(|m| {
                m.file == file
                    && pointer::is_prefix(&m.pointer, target)
                    && !m.now.starts_with("/$unreadable")
            })
            .max_by_key(|m| m.pointer.len())
            .map(|m| format!("{}{}", m.now, &target[m.pointer.len()..]))
    }
}
