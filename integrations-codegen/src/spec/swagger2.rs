//! Swagger 2.0 upgraded into the OpenAPI 3.0 shape.
//!
//! Everything after loading reads OpenAPI 3.0 (3.1 differences are handled where schemas
//! are read). This pass rebuilds a 2.0 document in that shape:
//! - `host`, `basePath` and `schemes` become `servers`;
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` move under
//!   `components`, and every `$ref` follows them;
//! - `body` parameters become request bodies and `formData` parameters become the
//!   properties of a form (or multipart, when a file is sent) request body schema;
//! - parameter `type`/`items`/`collectionFormat` become a `schema` and a `style`;
//! - responses get a `content` entry per `produces` media type, holding its example;
//! - `type: file` becomes binary, `x-nullable` becomes `nullable`, and a string
//!   `discriminator` becomes a discriminator object.
//!
//! Every move is recorded in the [`PointerMap`], so diagnostics name the 2.0 node.

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostics, Location};
use crate::spec::pointer::{self, PointerMap};
use crate::spec::walk;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Keys of a 2.0 non-body parameter that describe its value and move into `schema`.
const SCHEMA_KEYS: [&str; 17] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

struct Upgrade<'a> {
    source: &'a Map<String, Value>,
    origins: &'a mut PointerMap,
    diagnostics: &'a mut Diagnostics,
    global_consumes: Vec<String>,
    global_produces: Vec<String>,
}

/// Upgrades the 2.0 document `doc` in place.
pub fn upgrade(doc: &mut Value, origins: &mut PointerMap, diagnostics: &mut Diagnostics) {
    let Value::Object(source) = std::mem::take(doc) else {
        return;
    };
    let mut upgrade = Upgrade {
        global_consumes: string_list(source.get("consumes")),
        global_produces: string_list(source.get("produces")),
        source: &source,
        origins,
        diagnostics,
    };
    let mut out = Map::new();
    out.insert("openapi".to_owned(), json!("3.0.3"));
    for key in ["info", "tags", "externalDocs", "security"] {
        if let Some(v) = source.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    for (key, value) in &source {
        if key.starts_with("x-") {
            out.insert(key.clone(), value.clone());
        }
    }
    out.insert("servers".to_owned(), upgrade.servers());
    out.insert("components".to_owned(), upgrade.components());
    out.insert("paths".to_owned(), upgrade.paths());
    let mut result = Value::Object(out);
    fix_schemas_and_refs(&mut result);
    *doc = result;
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

impl Upgrade<'_> {
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let location = Location::new(self.origins.root().to_path_buf(), pointer);
        self.diagnostics.warning(location, message);
    }

    fn servers(&self) -> Value {
        let host = self.source.get("host").and_then(Value::as_str);
        let base_path = self
            .source
            .get("basePath")
            .and_then(Value::as_str)
            .unwrap_or("");
        let schemes = string_list(self.source.get("schemes"));
        let servers: Vec<Value> = match host {
            None => vec![json!({ "url": if base_path.is_empty() { "/" } else { base_path } })],
            Some(host) => {
                let schemes = if schemes.is_empty() {
                    vec!["https".to_owned()]
                } else {
                    schemes
                };
                // Prefer https when both are offered.
                let mut schemes = schemes;
                schemes.sort_by_key(|s| s != "https");
                schemes
                    .iter()
                    .map(|scheme| json!({ "url": format!("{scheme}://{host}{base_path}") }))
                    .collect()
            }
        };
        Value::Array(servers)
    }

    fn components(&mut self) -> Value {
        let mut components = Map::new();
        if let Some(definitions) = self.source.get("definitions") {
            components.insert("schemas".to_owned(), definitions.clone());
            self.origins
                .record_moved("/components/schemas", "/definitions");
        }
        if let Some(Value::Object(parameters)) = self.source.get("parameters") {
            let mut plain = Map::new();
            let mut bodies = Map::new();
            for (name, parameter) in parameters {
                let at = pointer::push("/parameters", name);
                match parameter.get("in").and_then(Value::as_str) {
                    Some("body") => {
                        let produces = self.global_consumes.clone();
                        bodies.insert(name.clone(), body_parameter(parameter, &produces));
                        self.origins.record_moved(
                            pointer::push("/components/requestBodies", name),
                            at.clone(),
                        );
                        for ct in content_types(&produces) {
                            let now = format!(
                                "{}/content/{}/schema",
                                pointer::push("/components/requestBodies", name),
                                pointer::escape(&ct)
                            );
                            self.origins.record_moved(now, format!("{at}/schema"));
                        }
                    }
                    // formData parameters are folded into each operation's form body.
                    Some("formData") => {}
                    _ => {
                        plain.insert(name.clone(), plain_parameter(parameter));
                        self.origins.record_moved(
                            pointer::push("/components/parameters", name),
                            at.clone(),
                        );
                        self.origins.record_moved(
                            format!("{}/schema", pointer::push("/components/parameters", name)),
                            at,
                        );
                    }
                }
            }
            if !plain.is_empty() {
                components.insert("parameters".to_owned(), Value::Object(plain));
            }
            if !bodies.is_empty() {
                components.insert("requestBodies".to_owned(), Value::Object(bodies));
            }
        }
        if let Some(Value::Object(responses)) = self.source.get("responses") {
            let produces = self.global_produces.clone();
            let mut out = Map::new();
            for (name, response) in responses {
                let now = pointer::push("/components/responses", name);
                let at = pointer::push("/responses", name);
                out.insert(name.clone(), self.response(response, &produces, &now, &at));
            }
            components.insert("responses".to_owned(), Value::Object(out));
        }
        if let Some(Value::Object(schemes)) = self.source.get("securityDefinitions") {
            let mut out = Map::new();
            for (name, scheme) in schemes {
                out.insert(name.clone(), security_scheme(scheme));
            }
            components.insert("securitySchemes".to_owned(), Value::Object(out));
            self.origins
                .record_moved("/components/securitySchemes", "/securityDefinitions");
        }
        Value::Object(components)
    }

    fn paths(&mut self) -> Value {
        let Some(Value::Object(paths)) = self.source.get("paths") else {
            return json!({});
        };
        let mut out = Map::new();
        for (path, item) in paths {
            let item_at = pointer::push("/paths", path);
            let Value::Object(item) = item else {
                out.insert(path.clone(), item.clone());
                continue;
            };
            if item.contains_key("$ref") {
                self.warn(
                    &item_at,
                    "a path item `$ref` in a Swagger 2.0 spec is not upgraded; the path is skipped",
                );
                continue;
            }
            let shared: Vec<(Value, String)> = item
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .enumerate()
                        .map(|(i, p)| (p.clone(), format!("{item_at}/parameters/{i}")))
                        .collect()
                })
                .unwrap_or_default();
            let mut new_item = Map::new();
            for (key, value) in item {
                if METHODS.contains(&key.as_str()) {
                    let op_at = pointer::push(&item_at, key);
                    new_item.insert(key.clone(), self.operation(value, &shared, &op_at));
                } else if key != "parameters" {
                    new_item.insert(key.clone(), value.clone());
                }
            }
            out.insert(path.clone(), Value::Object(new_item));
        }
        Value::Object(out)
    }

    /// Resolves a `#/parameters/X` reference against the 2.0 document.
    fn shared_parameter<'p>(&'p self, parameter: &'p Value) -> Option<(&'p str, &'p Value)> {
        let reference = parameter.get("$ref")?.as_str()?;
        let name = reference.strip_prefix("#/parameters/")?;
        let name_unescaped = pointer::unescape(name);
        let target = self.source.get("parameters")?.get(&name_unescaped)?;
        Some((reference, target))
    }

    fn operation(&mut self, op: &Value, shared: &[(Value, String)], op_at: &str) -> Value {
        let Value::Object(op_map) = op else {
            return op.clone();
        };
        let consumes = match op_map.get("consumes") {
            Some(c) => string_list(Some(c)),
            None => self.global_consumes.clone(),
        };
        let produces = match op_map.get("produces") {
            Some(p) => string_list(Some(p)),
            None => self.global_produces.clone(),
        };
        // Operation parameters override path-level ones with the same name and location.
        let own: Vec<(Value, String)> = op_map
            .get("parameters")
            .and_then(Value::as_array)
            .map(|ps| {
                ps.iter()
                    .enumerate()
                    .map(|(i, p)| (p.clone(), format!("{op_at}/parameters/{i}")))
                    .collect()
            })
            .unwrap_or_default();
        let key_of = |this: &Self, p: &Value| -> (String, String) {
            let resolved = this.shared_parameter(p).map(|(_, t)| t).unwrap_or(p);
            (
                resolved
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
                resolved
                    .get("in")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            )
        };
        let mut all: Vec<(Value, String)> = Vec::new();
        for (p, at) in shared {
            let key = key_of(self, p);
            if !own.iter().any(|(o, _)| key_of(self, o) == key) {
                all.push((p.clone(), at.clone()));
            }
        }
        all.extend(own);

        let mut parameters = Vec::new();
        let mut body: Option<Value> = None;
        let mut form_properties = Map::new();
        let mut form_required = Vec::new();
        let mut form_has_file = false;
        let mut form_at: Option<String> = None;
        let mut form_origins: Vec<(String, String)> = Vec::new();
        for (parameter, at) in &all {
            let (resolved, resolved_at, reference) = match self.shared_parameter(parameter) {
                Some((reference, target)) => {
                    let name = reference.trim_start_matches("#/parameters/");
                    (
                        target.clone(),
                        format!("/parameters/{name}"),
                        Some(reference.to_owned()),
                    )
                }
                None => (parameter.clone(), at.clone(), None),
            };
            match resolved.get("in").and_then(Value::as_str) {
                Some("body") => {
                    let now = format!("{op_at}/requestBody");
                    body = Some(match &reference {
                        Some(r) => {
                            json!({ "$ref": r.replace("#/parameters/", "#/components/requestBodies/") })
                        }
                        None => {
                            for ct in content_types(&consumes) {
                                self.origins.record_moved(
                                    format!("{now}/content/{}/schema", pointer::escape(&ct)),
                                    format!("{resolved_at}/schema"),
                                );
                            }
                            body_parameter(&resolved, &consumes)
                        }
                    });
                    self.origins.record_moved(now, resolved_at);
                }
                Some("formData") => {
                    let name = resolved
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned();
                    let mut schema = parameter_schema(&resolved);
                    if resolved.get("type").and_then(Value::as_str) == Some("file") {
                        form_has_file = true;
                        schema = json!({ "type": "string", "format": "binary" });
                    }
                    if let Some(d) = resolved.get("description") {
                        schema
                            .as_object_mut()
                            .map(|s| s.insert("description".to_owned(), d.clone()));
                    }
                    if resolved.get("required").and_then(Value::as_bool) == Some(true) {
                        form_required.push(Value::String(name.clone()));
                    }
                    form_at.get_or_insert_with(|| resolved_at.clone());
                    form_properties.insert(name.clone(), schema);
                    form_origins.push((name, resolved_at));
                }
                _ => {
                    let index = parameters.len();
                    let new_at = format!("{op_at}/parameters/{index}");
                    match &reference {
                        Some(r) => parameters.push(json!({ "$ref": r.replace("#/parameters/", "#/components/parameters/") })),
                        None => {
                            if resolved.get("collectionFormat").and_then(Value::as_str) == Some("tsv") {
                                self.warn(&resolved_at, "`collectionFormat: tsv` has no OpenAPI 3 style; values are sent comma-separated");
                            }
                            parameters.push(plain_parameter(&resolved));
                            self.origins.record_moved(format!("{new_at}/schema"), resolved_at.clone());
                        }
                    }
                    self.origins.record_moved(new_at, resolved_at);
                }
            }
        }
        if !form_properties.is_empty() {
            let multipart = form_has_file
                || consumes
                    .iter()
                    .any(|c| c.starts_with("multipart/form-data"));
            let content_type = if multipart {
                "multipart/form-data"
            } else {
                "application/x-www-form-urlencoded"
            };
            let mut schema = json!({ "type": "object", "properties": form_properties });
            let any_required = !form_required.is_empty();
            if any_required {
                schema["required"] = Value::Array(form_required);
            }
            let now = format!(
                "{op_at}/requestBody/content/{}/schema/properties",
                pointer::escape(content_type)
            );
            for (name, original) in form_origins {
                self.origins
                    .record_moved(pointer::push(&now, &name), original);
            }
            if let Some(at) = form_at {
                self.origins
                    .record_moved(format!("{op_at}/requestBody"), at);
            }
            if body.is_some() {
                self.warn(
                    op_at,
                    "the operation has both `body` and `formData` parameters; the form wins",
                );
            }
            body = Some(
                json!({ "content": { content_type: { "schema": schema } }, "required": any_required }),
            );
        }

        let mut out = Map::new();
        for (key, value) in op_map {
            match key.as_str() {
                "parameters" | "consumes" | "produces" | "schemes" | "responses" => {}
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if !parameters.is_empty() {
            out.insert("parameters".to_owned(), Value::Array(parameters));
        }
        if let Some(body) = body {
            out.insert("requestBody".to_owned(), body);
        }
        let mut responses = Map::new();
        if let Some(Value::Object(rs)) = op_map.get("responses") {
            for (status, response) in rs {
                let now = format!("{op_at}/responses/{}", pointer::escape(status));
                responses.insert(
                    status.clone(),
                    self.response(response, &produces, &now, &now),
                );
            }
        }
        out.insert("responses".to_owned(), Value::Object(responses));
        Value::Object(out)
    }

    fn response(&mut self, response: &Value, produces: &[String], now: &str, at: &str) -> Value {
        let Value::Object(map) = response else {
            return response.clone();
        };
        if let Some(Value::String(reference)) = map.get("$ref") {
            return json!({ "$ref": reference.replace("#/responses/", "#/components/responses/") });
        }
        let mut out = Map::new();
        out.insert(
            "description".to_owned(),
            map.get("description").cloned().unwrap_or_else(|| json!("")),
        );
        // 2.0 keeps a response's examples by media type (`examples: {application/json: …}`);
        // 3.0 keeps each in its media type's `example`.
        let examples = map.get("examples").and_then(Value::as_object);
        if let Some(schema) = map.get("schema") {
            let mut content = Map::new();
            for ct in content_types(produces) {
                let mut media = json!({ "schema": schema });
                if let (Some(example), Value::Object(media)) =
                    (examples.and_then(|e| e.get(&ct)), &mut media)
                {
                    media.insert("example".to_owned(), example.clone());
                }
                content.insert(ct.clone(), media);
                self.origins.record_moved(
                    format!("{now}/content/{}/schema", pointer::escape(&ct)),
                    format!("{at}/schema"),
                );
            }
            out.insert("content".to_owned(), Value::Object(content));
        }
        if let Some(Value::Object(headers)) = map.get("headers") {
            let mut new_headers = Map::new();
            for (name, header) in headers {
                let mut h = Map::new();
                if let Some(d) = header.get("description") {
                    h.insert("description".to_owned(), d.clone());
                }
                h.insert("schema".to_owned(), parameter_schema(header));
                new_headers.insert(name.clone(), Value::Object(h));
            }
            out.insert("headers".to_owned(), Value::Object(new_headers));
        }
        Value::Object(out)
    }
}

/// The media types a 2.0 operation sends or receives; JSON when it declares none.
fn content_types(declared: &[String]) -> Vec<String> {
    if declared.is_empty() {
        vec!["application/json".to_owned()]
    } else {
        declared.to_vec()
    }
}

fn body_parameter(parameter: &Value, consumes: &[String]) -> Value {
    let schema = parameter
        .get("schema")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let mut content = Map::new();
    for ct in content_types(consumes) {
        content.insert(ct, json!({ "schema": schema }));
    }
    let mut body = Map::new();
    body.insert("content".to_owned(), Value::Object(content));
    if let Some(d) = parameter.get("description") {
        body.insert("description".to_owned(), d.clone());
    }
    if let Some(r) = parameter.get("required") {
        body.insert("required".to_owned(), r.clone());
    }
    Value::Object(body)
}

/// The schema of a non-body 2.0 parameter (or header): its type keywords, recursively
/// for `items`.
fn parameter_schema(parameter: &Value) -> Value {
    let mut schema = Map::new();
    if let Value::Object(map) = parameter {
        for key in SCHEMA_KEYS {
            if let Some(v) = map.get(key) {
                let v = if key == "items" {
                    parameter_schema(v)
                } else {
                    v.clone()
                };
                schema.insert(key.to_owned(), v);
            }
        }
        if let Some(r) = map.get("$ref") {
            schema.insert("$ref".to_owned(), r.clone());
        }
    }
    Value::Object(schema)
}

fn plain_parameter(parameter: &Value) -> Value {
    let mut out = Map::new();
    if let Value::Object(map) = parameter {
        for key in [
            "name",
            "in",
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
        ] {
            if let Some(v) = map.get(key) {
                out.insert(key.to_owned(), v.clone());
            }
        }
        for (key, value) in map {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        let location = map.get("in").and_then(Value::as_str).unwrap_or("query");
        let (style, explode) = match map.get("collectionFormat").and_then(Value::as_str) {
            Some("ssv") => ("spaceDelimited", false),
            Some("pipes") => ("pipeDelimited", false),
            Some("multi") => ("form", true),
            Some("csv") | Some("tsv") => (
                if location == "query" {
                    "form"
                } else {
                    "simple"
                },
                false,
            ),
            _ => (
                if matches!(location, "query" | "cookie") {
                    "form"
                } else {
                    "simple"
                },
                false,
            ),
        };
        if map.get("type").and_then(Value::as_str) == Some("array") {
            out.insert("style".to_owned(), json!(style));
            out.insert("explode".to_owned(), json!(explode));
        }
        out.insert("schema".to_owned(), parameter_schema(parameter));
    }
    Value::Object(out)
}

fn security_scheme(scheme: &Value) -> Value {
    let kind = scheme.get("type").and_then(Value::as_str).unwrap_or("");
    let mut out = match kind {
        "basic" => json!({ "type": "http", "scheme": "basic" }),
        "apiKey" => json!({
            "type": "apiKey",
            "name": scheme.get("name").cloned().unwrap_or(Value::Null),
            "in": scheme.get("in").cloned().unwrap_or(Value::Null),
        }),
        "oauth2" => {
            let flow = scheme.get("flow").and_then(Value::as_str).unwrap_or("");
            let name = match flow {
                "implicit" => "implicit",
                "password" => "password",
                "application" => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut f = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(v) = scheme.get(key) {
                    f.insert(key.to_owned(), v.clone());
                }
            }
            f.insert(
                "scopes".to_owned(),
                scheme.get("scopes").cloned().unwrap_or_else(|| json!({})),
            );
            json!({ "type": "oauth2", "flows": { name: f } })
        }
        _ => scheme.clone(),
    };
    if let (Some(d), Value::Object(map)) = (scheme.get("description"), &mut out) {
        map.insert("description".to_owned(), d.clone());
    }
    out
}

/// Rewrites 2.0 references and schema keywords everywhere in the upgraded document.
fn fix_schemas_and_refs(doc: &mut Value) {
    walk::for_each_ref_mut(doc, "", &mut |reference, _| {
        for (old, new) in [
            ("#/definitions/", "#/components/schemas/"),
            ("#/parameters/", "#/components/parameters/"),
            ("#/responses/", "#/components/responses/"),
        ] {
            if let Some(rest) = reference.strip_prefix(old) {
                *reference = format!("{new}{rest}");
                return;
            }
        }
    });
    walk::for_each_object_mut(doc, "", &mut |object, _| {
        if object.get("type").and_then(Value::as_str) == Some("file") {
            object.insert("type".to_owned(), json!("string"));
            object.insert("format".to_owned(), json!("binary"));
        }
        if let Some(nullable) = object.remove("x-nullable") {
            object.insert("nullable".to_owned(), nullable);
        }
        if let Some(Value::String(property)) = object.get("discriminator") {
            let property = property.clone();
            object.insert(
                "discriminator".to_owned(),
                json!({ "propertyName": property }),
            );
        }
    });
}
