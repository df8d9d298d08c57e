//! Finding the `$ref`s of a document without mistaking data for structure.
//!
//! A spec mixes structure (schemas, parameters, responses) with data (`example`,
//! `examples`, `default`, `enum`, `const` values and `x-` extensions). A `$ref` inside data
//! is text, not a reference: Square's spec has a remote URL `$ref` inside an example, and a
//! walker that followed it would try to fetch it. The walker here descends into structure
//! only. Keys of *name maps* (`properties`, `paths`, `responses`, `components/schemas`, …)
//! are names chosen by the author, so a property called `example` is still walked.

use serde_json::{Map, Value};

use crate::spec::pointer;

/// Keys whose values are data, never structure.
fn is_data_key(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
}

/// Keys whose values map author-chosen names to structure.
fn is_name_map_key(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "definitions"
            | "$defs"
            | "dependentSchemas"
            | "paths"
            | "webhooks"
            | "responses"
            | "content"
            | "headers"
            | "callbacks"
            | "links"
            | "encoding"
            | "schemas"
            | "parameters"
            | "requestBodies"
            | "securitySchemes"
            | "securityDefinitions"
            | "pathItems"
    )
}

/// Calls `visit(reference, pointer_of_the_object_holding_it)` for every structural `$ref`.
pub fn for_each_ref(value: &Value, at: &str, visit: &mut impl FnMut(&str, &str)) {
    for_each_object(value, at, &mut |object, at| {
        if let Some(Value::String(reference)) = object.get("$ref") {
            visit(reference, at);
        }
    });
}

/// Calls `rewrite(reference, pointer)` for every structural `$ref`, letting it replace
/// the reference text.
pub fn for_each_ref_mut(value: &mut Value, at: &str, rewrite: &mut impl FnMut(&mut String, &str)) {
    for_each_object_mut(value, at, &mut |object, at| {
        if let Some(Value::String(reference)) = object.get_mut("$ref") {
            rewrite(reference, at);
        }
    });
}

/// Calls `visit(object, pointer)` for every structural object (schemas, parameters,
/// operations, …) in document order, parents before children.
pub fn for_each_object(value: &Value, at: &str, visit: &mut impl FnMut(&Map<String, Value>, &str)) {
    objects(value, at, false, visit);
}

fn objects(
    value: &Value,
    at: &str,
    in_name_map: bool,
    visit: &mut impl FnMut(&Map<String, Value>, &str),
) {
    match value {
        Value::Object(map) => {
            if !in_name_map {
                visit(map, at);
            }
            for (key, child) in map {
                if in_name_map {
                    objects(child, &pointer::push(at, key), false, visit);
                } else if !is_data_key(key) && key != "$ref" {
                    let child_is_name_map = is_name_map_key(key) && child.is_object();
                    objects(child, &pointer::push(at, key), child_is_name_map, visit);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                objects(item, &pointer::push(at, &i.to_string()), false, visit);
            }
        }
        _ => {}
    }
}

/// Like [`for_each_object`], with mutable access.
pub fn for_each_object_mut(
    value: &mut Value,
    at: &str,
    visit: &mut impl FnMut(&mut Map<String, Value>, &str),
) {
    objects_mut(value, at, false, visit);
}

fn objects_mut(
    value: &mut Value,
    at: &str,
    in_name_map: bool,
    visit: &mut impl FnMut(&mut Map<String, Value>, &str),
) {
    match value {
        Value::Object(map) => {
            if !in_name_map {
                visit(map, at);
            }
            for (key, child) in map.iter_mut() {
                if in_name_map {
                    objects_mut(child, &pointer::push(at, key), false, visit);
                } else if !is_data_key(key) && key != "$ref" {
                    let child_is_name_map = is_name_map_key(key) && child.is_object();
                    objects_mut(child, &pointer::push(at, key), child_is_name_map, visit);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                objects_mut(item, &pointer::push(at, &i.to_string()), false, visit);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refs_in_data_are_not_visited_but_names_are() {
        let doc = json!({
            "components": {"schemas": {
                "example": {"$ref": "#/components/schemas/B"},
                "A": {
                    "properties": {"example": {"$ref": "#/components/schemas/C"}},
                    "example": {"$ref": "https://cdn.example.com/x.json"},
                    "x-thing": {"$ref": "#/nope"},
                    "default": {"$ref": "#/nope"}
                }
            }},
            "paths": {"/a": {"get": {"responses": {"default": {"$ref": "#/components/responses/D"}}}}}
        });
        let mut seen = Vec::new();
        for_each_ref(&doc, "", &mut |r, at| {
            seen.push((r.to_owned(), at.to_owned()))
        });
        assert_eq!(
            seen,
            [
                (
                    "#/components/schemas/B".to_owned(),
                    "/components/schemas/example".to_owned()
                ),
                (
                    "#/components/schemas/C".to_owned(),
                    "/components/schemas/A/properties/example".to_owned()
                ),
                (
                    "#/components/responses/D".to_owned(),
                    "/paths/~1a/get/responses/default".to_owned()
                ),
            ]
        );
    }
}
