//! `trim`: a smaller spec holding the selected operations and everything they reach.
//!
//! The output is the loaded document (bundled, and upgraded to OpenAPI 3.0 when the
//! input was Swagger 2.0) cut down to the selected operations, the components they
//! reach through `$ref`s and discriminator mappings (followed transitively), the
//! security schemes, and the tags in use. With `strip_docs`, the provider's prose goes:
//! `description`, `summary`, `example`, `examples` and `externalDocs`, wherever they
//! describe structure (a property *named* `description` stays).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::diagnostics::Diagnostics;
use crate::ir::Method;
use crate::select::{self, Selector};
use crate::spec::{Spec, pointer, walk};

/// What `trim` kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrimReport {
    /// `METHOD /path` of every kept operation.
    pub operations: Vec<String>,
    /// Pointers of every kept component.
    pub components: Vec<String>,
}

/// Keys that hold prose rather than structure.
const PROSE_KEYS: &[&str] = &[
    "description",
    "summary",
    "example",
    "examples",
    "externalDocs",
];

/// Cuts `spec` down to the operations `keep` selects, keeping also the components the
/// local references `also` name (the schemas of the webhook events a manifest types) and
/// an OpenAPI 3.1 `webhooks` section whole.
pub fn trim(
    spec: &Spec,
    keep: &[String],
    also: &[String],
    strip_docs: bool,
    diagnostics: &mut Diagnostics,
) -> (Value, TrimReport) {
    let selectors: Vec<Selector> = keep.iter().map(|k| Selector::parse(k)).collect();
    let doc = &spec.doc;
    let mut report = TrimReport::default();
    let mut paths = Map::new();
    let mut tags_used = BTreeSet::new();
    if let Some(Value::Object(all)) = doc.get("paths") {
        for (path_key, item) in all {
            let Value::Object(item) = item else { continue };
            let path = path_key.split('#').next().unwrap_or(path_key);
            let mut kept = Map::new();
            for (key, value) in item {
                match Method::from_key(key) {
                    Some(method) => {
                        let id = value.get("operationId").and_then(Value::as_str);
                        let tags: Vec<&str> = value
                            .get("tags")
                            .and_then(Value::as_array)
                            .map(|t| t.iter().filter_map(Value::as_str).collect())
                            .unwrap_or_default();
                        if !selectors.is_empty()
                            && select::any_matches(&selectors, id, &tags, method.as_str(), path)
                        {
                            tags_used.extend(tags.iter().map(|t| (*t).to_owned()));
                            report
                                .operations
                                .push(format!("{} {path}", method.as_str()));
                            kept.insert(key.clone(), value.clone());
                        }
                    }
                    None => {
                        kept.insert(key.clone(), value.clone());
                    }
                }
            }
            if kept.keys().any(|k| Method::from_key(k).is_some()) {
                paths.insert(path_key.clone(), Value::Object(kept));
            }
        }
    }
    if report.operations.is_empty() {
        diagnostics.warning(
            spec.locate("/paths"),
            format!("no operation matches {keep:?}; the output has no paths"),
        );
    }

    // The components reached from the kept paths, transitively.
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut queue: Vec<String> = Vec::new();
    let enqueue = |reference: &str, queue: &mut Vec<String>| {
        if let Some(fragment) = reference.strip_prefix('#') {
            let target = pointer::decode_fragment(fragment);
            let tokens = pointer::tokens(&target);
            if tokens.len() >= 3 && tokens[0] == "components" {
                let component =
                    pointer::push(&pointer::push("/components", &tokens[1]), &tokens[2]);
                queue.push(component);
            }
        }
    };
    let paths_value = Value::Object(paths);
    for_each_reference(&paths_value, &mut |r| enqueue(r, &mut queue));
    if let Some(security) = doc.get("security") {
        for_each_reference(security, &mut |r| enqueue(r, &mut queue));
    }
    if let Some(webhooks) = doc.get("webhooks") {
        for_each_reference(webhooks, &mut |r| enqueue(r, &mut queue));
    }
    for reference in also {
        enqueue(reference, &mut queue);
    }
    while let Some(component) = queue.pop() {
        if !reached.insert(component.clone()) {
            continue;
        }
        if let Some(node) = doc.pointer(&component) {
            for_each_reference(node, &mut |r| enqueue(r, &mut queue));
        }
    }
    report.components = reached.iter().cloned().collect();

    let mut out = Map::new();
    for key in ["openapi", "info", "servers", "security"] {
        if let Some(v) = doc.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    if let Some(Value::Array(tags)) = doc.get("tags") {
        let kept: Vec<Value> = tags
            .iter()
            .filter(|t| {
                t.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| tags_used.contains(n))
            })
            .cloned()
            .collect();
        if !kept.is_empty() {
            out.insert("tags".to_owned(), Value::Array(kept));
        }
    }
    out.insert("paths".to_owned(), paths_value);
    if let Some(webhooks) = doc.get("webhooks") {
        out.insert("webhooks".to_owned(), webhooks.clone());
    }
    let mut components = Map::new();
    for component in &reached {
        let tokens = pointer::tokens(component);
        if let (Some(kind), Some(name), Some(value)) =
            (tokens.get(1), tokens.get(2), doc.pointer(component))
        {
            let section = components
                .entry(kind.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(section) = section {
                section.insert(name.clone(), value.clone());
            }
        }
    }
    if let Some(schemes) = doc.pointer("/components/securitySchemes") {
        components.insert("securitySchemes".to_owned(), schemes.clone());
    }
    // Keep the order the spec uses for components.
    let mut ordered = Map::new();
    if let Some(Value::Object(original)) = doc.get("components") {
        for (kind, section) in original {
            if let (Some(Value::Object(kept)), Value::Object(original)) =
                (components.get(kind), section)
            {
                let mut sorted = Map::new();
                for name in original.keys() {
                    if let Some(v) = kept.get(name) {
                        sorted.insert(name.clone(), v.clone());
                    }
                }
                ordered.insert(kind.clone(), Value::Object(sorted));
            }
        }
    }
    if !ordered.is_empty() {
        out.insert("components".to_owned(), Value::Object(ordered));
    }
    let mut out = Value::Object(out);
    if strip_docs {
        strip_prose(&mut out);
        describe_responses(&mut out);
    }
    (out, report)
}

/// Gives every response object the `description` OpenAPI requires of it, in a few words
/// of our own (the status's reason phrase), after the provider's prose is stripped.
fn describe_responses(spec: &mut Value) {
    let describe = |responses: &mut Value, text: &dyn Fn(&str) -> String| {
        for (key, response) in responses.as_object_mut().into_iter().flatten() {
            if let Value::Object(object) = response
                && !object.contains_key("$ref")
                && !object.contains_key("description")
            {
                object.insert("description".to_owned(), Value::String(text(key)));
            }
        }
    };
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for operation in item.values_mut() {
                if let Some(responses) = operation.get_mut("responses") {
                    describe(responses, &status_description);
                }
            }
        }
    }
    if let Some(responses) = spec.pointer_mut("/components/responses") {
        describe(responses, &|name| format!("The `{name}` response."));
    }
}

/// A short description of a response by its status key (`200`, `4XX`, `default`).
fn status_description(key: &str) -> String {
    let reason = match key {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No content",
        "206" => "Partial content",
        "301" | "302" | "303" | "307" | "308" => "Redirect",
        "304" => "Not modified",
        "400" => "Bad request",
        "401" => "Unauthorized",
        "402" => "Payment required",
        "403" => "Forbidden",
        "404" => "Not found",
        "405" => "Method not allowed",
        "409" => "Conflict",
        "410" => "Gone",
        "412" => "Precondition failed",
        "413" => "Payload too large",
        "415" => "Unsupported media type",
        "422" => "Unprocessable entity",
        "429" => "Too many requests",
        "500" => "Internal server error",
        "502" => "Bad gateway",
        "503" => "Service unavailable",
        "504" => "Gateway timeout",
        "default" => "Any other status",
        other if other.starts_with('2') => "Success",
        other if other.starts_with('3') => "Redirect",
        other if other.starts_with('4') => "Client error",
        other if other.starts_with('5') => "Server error",
        _ => "Response",
    };
    format!("{reason}.")
}

/// Calls `visit` with every `$ref` and discriminator mapping target under `value`.
fn for_each_reference(value: &Value, visit: &mut impl FnMut(&str)) {
    walk::for_each_object(value, "", &mut |object, _| {
        if let Some(Value::String(reference)) = object.get("$ref") {
            visit(reference);
        }
        let mapping = object
            .get("discriminator")
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object);
        for target in mapping
            .into_iter()
            .flat_map(|m| m.values())
            .filter_map(Value::as_str)
        {
            // A bare name in a mapping is a component schema.
            if target.contains(['#', '/']) {
                visit(target);
            } else {
                visit(&format!("#/components/schemas/{}", pointer::escape(target)));
            }
        }
    });
}

/// Removes prose from every structural object: OpenAPI's prose keys, and a vendor
/// extension that is prose by its name or its value (Pipedrive's `x-tool-description`,
/// HubSpot's `x-hubspot-introduction`: a sentence, not a flag or a number).
pub fn strip_prose(value: &mut Value) {
    walk::for_each_object_mut(value, "", &mut |object, _| {
        object.retain(|key, value| !is_prose(key, value));
    });
}

/// Whether `key: value` is the provider's prose.
fn is_prose(key: &str, value: &Value) -> bool {
    PROSE_KEYS.contains(&key)
        || key.strip_prefix("x-").is_some_and(|extension| {
            extension.ends_with("description")
                || extension.ends_with("summary")
                || value
                    .as_str()
                    .is_some_and(|text| text.contains(char::is_whitespace))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prose_goes_and_structure_stays() {
        let mut operation = json!({
            "operationId": "getDeals",
            "summary": "Get all deals",
            "description": "Returns all deals.",
            "x-tool-description": "Retrieves paginated active deals.",
            "x-token-cost": 10,
            "x-release-status": "beta",
            "x-hubspot-api-use-case": "Retrieve a contact by its id.",
            "responses": {"200": {"description": "OK", "x-summary": "the deals"}},
            "parameters": [{"name": "limit", "in": "query", "example": 100, "x-nullable": true}]
        });
        strip_prose(&mut operation);
        assert_eq!(
            operation,
            json!({
                "operationId": "getDeals",
                "x-token-cost": 10,
                "x-release-status": "beta",
                "responses": {"200": {}},
                "parameters": [{"name": "limit", "in": "query", "x-nullable": true}]
            })
        );
    }
}
