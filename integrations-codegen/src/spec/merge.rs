//! Merging specs: one document from several descriptions of one API (HubSpot publishes
//! its contacts, companies and deals APIs as three specs), for `trim` to cut the client's
//! spec from.
//!
//! Paths and their methods are united; a method two specs both define is an error.
//! Components are united by kind and name; a name two specs define differently is an
//! error naming both files (the same name for the same schema, as HubSpot's shared
//! `SimplePublicObject`, is one component, whatever each spec's prose says of it), except OAuth 2.0 schemes that differ only in
//! their scopes, which are united. The `info`, `servers` and top-level
//! `security` of the first spec win; tags are united in order.

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostics, Location};
use crate::spec::{Spec, pointer};

/// `specs` as one document (the first spec's, with the others' paths, components and tags
/// added). Conflicts are errors in `diagnostics`; the first definition is kept.
pub fn merge(mut specs: Vec<Spec>, diagnostics: &mut Diagnostics) -> Option<Spec> {
    if specs.is_empty() {
        return None;
    }
    let mut merged = specs.remove(0);
    for mut other in specs {
        rename_clashes(&merged, &mut other);
        merge_paths(&mut merged, &other, diagnostics);
        merge_components(&mut merged, &other, diagnostics);
        merge_tags(&mut merged.doc, &other.doc);
        for file in &other.files {
            if !merged.files.contains(file) {
                merged.files.push(file.clone());
            }
        }
    }
    Some(merged)
}

fn object_at<'a>(doc: &'a mut Value, key: &str) -> Option<&'a mut Map<String, Value>> {
    let root = doc.as_object_mut()?;
    root.entry(key.to_owned())
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

/// Gives the components of `other` that clash with `merged`'s (same name, different
/// definition) a name of their own, prefixed with `other`'s file stem
/// (`payments_payment_v2_400`), and points `other`'s references at the new names. Security
/// schemes are not renamed: requirements name them, and a clash stays an error.
fn rename_clashes(merged: &Spec, other: &mut Spec) {
    // A component the same as the first spec's may refer to one renamed here, which makes
    // it differ in turn: rename until nothing more clashes.
    while rename_clashing_once(merged, other) {}
}

/// One round of [`rename_clashes`]: whether anything was renamed.
fn rename_clashing_once(merged: &Spec, other: &mut Spec) -> bool {
    let stem = other
        .file
        .file_stem()
        .map(|stem| {
            stem.to_string_lossy()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        })
        .unwrap_or_else(|| "merged".to_owned());
    let mut renames: Vec<(String, String)> = Vec::new();
    let Some(Value::Object(components)) = other.doc.get_mut("components") else {
        return false;
    };
    for (kind, entries) in components.iter_mut() {
        if kind == "securitySchemes" {
            continue;
        }
        let Value::Object(entries) = entries else {
            continue;
        };
        let clashing: Vec<String> = entries
            .iter()
            .filter(|(name, value)| {
                merged
                    .doc
                    .pointer(&pointer::push(&pointer::push("/components", kind), name))
                    .is_some_and(|existing| !same_structure(existing, value))
            })
            .map(|(name, _)| name.clone())
            .collect();
        for name in clashing {
            let mut renamed = format!("{stem}_{name}");
            let taken = |candidate: &str| {
                entries.contains_key(candidate)
                    || merged
                        .doc
                        .pointer(&pointer::push(
                            &pointer::push("/components", kind),
                            candidate,
                        ))
                        .is_some()
            };
            let mut n = 2;
            while taken(&renamed) {
                renamed = format!("{stem}_{name}_{n}");
                n += 1;
            }
            if let Some(value) = entries.remove(&name) {
                entries.insert(renamed.clone(), value);
            }
            let prefix = |name: &str| {
                format!(
                    "#{}",
                    pointer::push(&pointer::push("/components", kind), name)
                )
            };
            renames.push((prefix(&name), prefix(&renamed)));
        }
    }
    if renames.is_empty() {
        return false;
    }
    retarget(&mut other.doc, &renames);
    true
}

/// Points every reference (a string that is, or lies under, a renamed component's
/// reference) at the new name.
fn retarget(value: &mut Value, renames: &[(String, String)]) {
    match value {
        Value::String(text) => {
            for (old, new) in renames {
                if text == old {
                    *text = new.clone();
                    return;
                }
                if let Some(rest) = text.strip_prefix(old.as_str())
                    && rest.starts_with('/')
                {
                    *text = format!("{new}{rest}");
                    return;
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| retarget(item, renames)),
        Value::Object(entries) => entries
            .values_mut()
            .for_each(|item| retarget(item, renames)),
        _ => {}
    }
}

fn merge_paths(merged: &mut Spec, other: &Spec, diagnostics: &mut Diagnostics) {
    let Some(Value::Object(paths)) = other.doc.get("paths") else {
        return;
    };
    let first_file = merged.file.clone();
    let Some(into) = object_at(&mut merged.doc, "paths") else {
        return;
    };
    for (path, item) in paths {
        let Value::Object(item) = item else { continue };
        let target = into
            .entry(path.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(target) = target.as_object_mut() else {
            continue;
        };
        for (key, value) in item {
            match target.get(key) {
                Some(existing) if existing != value => {
                    let at = pointer::push(&pointer::push("/paths", path), key);
                    diagnostics.error(
                        Location::new(&other.file, at),
                        format!(
                            "`{key}` of `{path}` is defined differently in {} too; specs merged into one must not overlap",
                            first_file.display()
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    target.insert(key.clone(), value.clone());
                }
            }
        }
    }
}

fn merge_components(merged: &mut Spec, other: &Spec, diagnostics: &mut Diagnostics) {
    let Some(Value::Object(components)) = other.doc.get("components") else {
        return;
    };
    let first_file = merged.file.clone();
    let Some(into) = object_at(&mut merged.doc, "components") else {
        return;
    };
    for (kind, entries) in components {
        let Value::Object(entries) = entries else {
            continue;
        };
        let target = into
            .entry(kind.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(target) = target.as_object_mut() else {
            continue;
        };
        for (name, value) in entries {
            // One OAuth 2.0 scheme per spec, each listing its own API's scopes: the
            // merged scheme lists all of them.
            if kind == "securitySchemes"
                && let Some(existing) = target.get_mut(name)
                && let Some(united) = unite_scopes(existing, value)
            {
                *existing = united;
                continue;
            }
            match target.get(name) {
                Some(existing) if !same_structure(existing, value) => {
                    let at = pointer::push(&pointer::push("/components", kind), name);
                    diagnostics.error(
                        Location::new(&other.file, at.clone()),
                        format!(
                            "`{at}` differs from the one in {}; specs merged into one must agree on shared components",
                            first_file.display()
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    target.insert(name.clone(), value.clone());
                }
            }
        }
    }
}

/// Whether two definitions say the same but for prose (HubSpot's shared schemas differ in
/// their descriptions from one spec to the next).
fn same_structure(a: &Value, b: &Value) -> bool {
    if a == b {
        return true;
    }
    let (mut a, mut b) = (a.clone(), b.clone());
    crate::trim::strip_prose(&mut a);
    crate::trim::strip_prose(&mut b);
    a == b
}

/// `a` and `b` as one scheme when they differ only in their flows' scopes.
fn unite_scopes(a: &Value, b: &Value) -> Option<Value> {
    let without_scopes = |scheme: &Value| {
        let mut scheme = scheme.clone();
        if let Some(Value::Object(flows)) = scheme.get_mut("flows") {
            for flow in flows.values_mut() {
                if let Some(flow) = flow.as_object_mut() {
                    flow.remove("scopes");
                }
            }
        }
        scheme
    };
    if a == b
        || a.get("type")? != "oauth2"
        || !same_structure(&without_scopes(a), &without_scopes(b))
    {
        return None;
    }
    let mut united = a.clone();
    let flows = united.get_mut("flows")?.as_object_mut()?;
    for (name, flow) in flows.iter_mut() {
        let extra = b
            .pointer(&format!("/flows/{name}/scopes"))
            .and_then(Value::as_object);
        if let (Some(scopes), Some(extra)) =
            (flow.get_mut("scopes").and_then(Value::as_object_mut), extra)
        {
            for (scope, text) in extra {
                scopes.entry(scope.clone()).or_insert_with(|| text.clone());
            }
        }
    }
    Some(united)
}

fn merge_tags(merged: &mut Value, other: &Value) {
    let Some(Value::Array(tags)) = other.get("tags") else {
        return;
    };
    let Some(root) = merged.as_object_mut() else {
        return;
    };
    let target = root
        .entry("tags".to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    let Some(target) = target.as_array_mut() else {
        return;
    };
    for tag in tags {
        let name = tag.get("name");
        if !target.iter().any(|t| t.get("name") == name) {
            target.push(tag.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(file: &str, doc: Value) -> Spec {
        let mut diagnostics = Diagnostics::new();
        let dir = std::env::temp_dir().join(format!("merge-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(file);
        std::fs::write(&path, doc.to_string()).expect("written");
        crate::spec::load(&path, &mut diagnostics).expect("loads")
    }

    fn base(path: &str, schema: Value) -> Value {
        serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": path, "version": "1"},
            "tags": [{"name": path}],
            "paths": {path: {"get": {"operationId": format!("get{path}"), "responses": {"200": {"description": "ok"}}}}},
            "components": {"schemas": {"Shared": {"type": "string"}, path.trim_start_matches('/'): schema}}
        })
    }

    #[test]
    fn paths_components_and_tags_are_united_and_shared_components_kept_once() {
        let a = spec("a.json", base("/a", serde_json::json!({"type": "integer"})));
        let b = spec("b.json", base("/b", serde_json::json!({"type": "boolean"})));
        let mut diagnostics = Diagnostics::new();
        let merged = merge(vec![a, b], &mut diagnostics).expect("merged");
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        assert!(merged.get("/paths/~1a/get").is_some());
        assert!(merged.get("/paths/~1b/get").is_some());
        assert_eq!(
            merged.get("/components/schemas/b"),
            Some(&serde_json::json!({"type": "boolean"}))
        );
        assert_eq!(merged.get("/info/title"), Some(&serde_json::json!("/a")));
        assert_eq!(
            merged.get("/tags").and_then(Value::as_array).map(Vec::len),
            Some(2)
        );
    }

    #[test]
    fn a_component_defined_twice_differently_is_renamed_in_the_later_spec() {
        let mut described = base("/b", serde_json::json!({"type": "boolean"}));
        described["components"]["schemas"]["Shared"] =
            serde_json::json!({"type": "string", "description": "Said differently."});
        let b = spec("d0.json", described);
        let mut diagnostics = Diagnostics::new();
        let a = spec("c.json", base("/a", serde_json::json!({"type": "integer"})));
        merge(vec![a, b], &mut diagnostics).expect("merged");
        assert!(
            !diagnostics.has_errors(),
            "prose alone is no conflict: {diagnostics}"
        );

        let a = spec("c.json", base("/a", serde_json::json!({"type": "integer"})));
        let mut other = base("/b", serde_json::json!({"type": "boolean"}));
        other["components"]["schemas"]["Shared"] = serde_json::json!({"type": "number"});
        other["paths"]["/b"]["get"]["responses"]["200"]["content"] = serde_json::json!({
            "application/json": {"schema": {"$ref": "#/components/schemas/Shared"}}
        });
        other["components"]["schemas"]["b"] = serde_json::json!({
            "type": "object", "properties": {"inner": {"$ref": "#/components/schemas/Shared"}}
        });
        let b = spec("d.json", other);
        let mut diagnostics = Diagnostics::new();
        let merged = merge(vec![a, b], &mut diagnostics).expect("merged");
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        assert_eq!(
            merged.get("/components/schemas/Shared"),
            Some(&serde_json::json!({"type": "string"}))
        );
        assert_eq!(
            merged.get("/components/schemas/d_Shared"),
            Some(&serde_json::json!({"type": "number"}))
        );
        let reference = serde_json::json!("#/components/schemas/d_Shared");
        assert_eq!(
            merged.get("/paths/~1b/get/responses/200/content/application~1json/schema/$ref"),
            Some(&reference)
        );
        assert_eq!(
            merged.get("/components/schemas/b/properties/inner/$ref"),
            Some(&reference)
        );

        // Security schemes are named by requirements, so a clash stays an error.
        let mut clash = base("/b", serde_json::json!({"type": "boolean"}));
        clash["components"]["securitySchemes"] =
            serde_json::json!({"key": {"type": "apiKey", "in": "header", "name": "X-B"}});
        let mut first = base("/a", serde_json::json!({"type": "integer"}));
        first["components"]["securitySchemes"] =
            serde_json::json!({"key": {"type": "apiKey", "in": "header", "name": "X-A"}});
        let a = spec("c3.json", first);
        let b = spec("d3.json", clash);
        let mut diagnostics = Diagnostics::new();
        merge(vec![a, b], &mut diagnostics).expect("merged");
        let text = diagnostics.to_string();
        assert!(
            text.contains("d3.json#/components/securitySchemes/key"),
            "{text}"
        );
        assert!(text.contains("c3.json"), "{text}");
    }

    #[test]
    fn one_method_of_one_path_in_two_specs_is_an_error_unless_identical() {
        let a = spec("e.json", base("/a", serde_json::json!({"type": "integer"})));
        let same = spec("f.json", base("/a", serde_json::json!({"type": "integer"})));
        let mut diagnostics = Diagnostics::new();
        merge(vec![a, same], &mut diagnostics).expect("merged");
        assert!(
            !diagnostics.has_errors(),
            "identical definitions are one: {diagnostics}"
        );

        let a = spec("g.json", base("/a", serde_json::json!({"type": "integer"})));
        let mut clash = base("/a", serde_json::json!({"type": "integer"}));
        clash["paths"]["/a"]["get"]["operationId"] = serde_json::json!("other");
        let b = spec("h.json", clash);
        let mut diagnostics = Diagnostics::new();
        merge(vec![a, b], &mut diagnostics).expect("merged");
        assert!(
            diagnostics.to_string().contains("h.json#/paths/~1a/get"),
            "{diagnostics}"
        );
    }
}
