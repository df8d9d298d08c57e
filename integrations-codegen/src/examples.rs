//! The examples a spec writes, each with the generated type it should decode into.
//!
//! Specs carry examples of what their APIs send and take: in request and response media
//! types (`example`, `examples`, and Swagger 2.0's response `examples`), and on component
//! schemas. They are an oracle written by the provider: a generated type that cannot
//! decode one, or loses a key on the way back, is wrong (unless the example itself breaks
//! its schema). [`collect`] finds them with the schema each illustrates and the type the
//! IR gives that schema; the fidelity test decodes and re-encodes every one.

use serde_json::Value;

use crate::ir::operations::media_kind;
use crate::ir::{Api, MediaKind, Method, Outcome, StatusMatch, TypeKind, TypeRef};
use crate::spec::{Spec, pointer};

/// One example.
#[derive(Debug, Clone)]
pub struct Example {
    /// Where it is written, in the loaded document (3.0 shape).
    pub pointer: String,
    /// The schema it illustrates, in the loaded document.
    pub schema: String,
    /// What it is an example of: `request`, `response` or `schema`.
    pub kind: ExampleKind,
    /// The type the schema generates.
    pub ty: TypeRef,
    /// The example itself.
    pub value: Value,
}

/// What an example illustrates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    /// A request body.
    Request,
    /// A response body.
    Response,
    /// A component schema.
    Schema,
}

/// Every JSON example of `spec` whose schema `api` generates a type for, in spec order.
///
/// Left out: `example: null` (specs write it for "no example"), and the component schema
/// examples of an API that speaks XML (they are JSON renditions of XML documents, which
/// the API never sends).
pub fn collect(spec: &Spec, api: &Api) -> Vec<Example> {
    let mut out = Vec::new();
    operations(spec, api, &mut out);
    if !api.xml {
        components(spec, api, &mut out);
    }
    out.retain(|example| !example.value.is_null());
    out
}

/// The examples of request and response bodies.
fn operations(spec: &Spec, api: &Api, out: &mut Vec<Example>) {
    let Some(Value::Object(paths)) = spec.get("/paths") else {
        return;
    };
    for (key, item) in paths {
        let item_at = pointer::push("/paths", key);
        let path = key.split('#').next().unwrap_or(key);
        let Value::Object(item) = item else { continue };
        for (method_key, node) in item {
            let Some(method) = Method::from_key(method_key) else {
                continue;
            };
            let op_at = pointer::push(&item_at, method_key);
            let id = node.get("operationId").and_then(Value::as_str);
            let Some(op) = api.operations.iter().find(|op| {
                op.method == method && op.path == path && id.is_none_or(|id| op.id == id)
            }) else {
                continue;
            };
            if let Some(body) = &op.body
                && matches!(body.media, MediaKind::Json)
                && let Some((request, request_at)) = follow(
                    spec,
                    node.get("requestBody"),
                    &format!("{op_at}/requestBody"),
                )
            {
                let media_at = format!(
                    "{request_at}/content/{}",
                    pointer::escape(&body.content_type)
                );
                if let Some(media) = request
                    .get("content")
                    .and_then(|c| c.get(&body.content_type))
                {
                    media_examples(spec, media, &media_at, ExampleKind::Request, &body.ty, out);
                }
            }
            let Some(Value::Object(responses)) = node.get("responses") else {
                continue;
            };
            for (status, response) in responses {
                let response_at = pointer::push(&format!("{op_at}/responses"), status);
                let Some((response, response_at)) = follow(spec, Some(response), &response_at)
                else {
                    continue;
                };
                let Some(ty) = response_type(api, op, status) else {
                    continue;
                };
                let Some(Value::Object(content)) = response.get("content") else {
                    continue;
                };
                for (media_type, media) in content {
                    if !matches!(
                        media_kind(media_type),
                        Some(MediaKind::Json | MediaKind::AsSent)
                    ) {
                        continue;
                    }
                    let media_at = pointer::push(&format!("{response_at}/content"), media_type);
                    media_examples(spec, media, &media_at, ExampleKind::Response, &ty, out);
                }
            }
        }
    }
}

/// The type a response with status key `status` decodes into.
fn response_type(api: &Api, op: &crate::ir::Operation, status: &str) -> Option<TypeRef> {
    let code = status.parse::<u16>().ok();
    let success = code.is_some_and(|c| (200..300).contains(&c)) || status.starts_with('2');
    let outcome = if success { &op.success } else { &op.error };
    match outcome {
        Outcome::Unspecified => None,
        Outcome::Single(response) => response.ty.clone(),
        Outcome::ByStatus(id) => {
            let TypeKind::Responses(responses) = &api.ty(*id).kind else {
                return None;
            };
            let wanted = match (code, status) {
                (Some(code), _) => StatusMatch::Code(code),
                (None, "default") => StatusMatch::Default,
                (None, other) => StatusMatch::Range(
                    other
                        .chars()
                        .next()
                        .and_then(|c| c.to_digit(10))
                        .map(|d| d as u16)?,
                ),
            };
            responses
                .variants
                .iter()
                .find(|v| v.response.status == wanted)
                .and_then(|v| v.response.ty.clone())
        }
    }
}

/// The examples of one media type object: `example`, and every `examples` entry.
fn media_examples(
    spec: &Spec,
    media: &Value,
    media_at: &str,
    kind: ExampleKind,
    ty: &TypeRef,
    out: &mut Vec<Example>,
) {
    let schema = format!("{media_at}/schema");
    if media.get("schema").is_none() {
        return;
    }
    if let Some(example) = media.get("example") {
        out.push(Example {
            pointer: format!("{media_at}/example"),
            schema: schema.clone(),
            kind,
            ty: ty.clone(),
            value: example.clone(),
        });
    }
    let Some(Value::Object(examples)) = media.get("examples") else {
        return;
    };
    for (name, entry) in examples {
        let entry_at = pointer::push(&format!("{media_at}/examples"), name);
        let Some((entry, entry_at)) = follow(spec, Some(entry), &entry_at) else {
            continue;
        };
        // `externalValue` names a document elsewhere: not fetched.
        if let Some(value) = entry.get("value") {
            out.push(Example {
                pointer: format!("{entry_at}/value"),
                schema: schema.clone(),
                kind,
                ty: ty.clone(),
                value: value.clone(),
            });
        }
    }
}

/// The examples of component schemas (`example`, and 3.1's `examples` list).
fn components(spec: &Spec, api: &Api, out: &mut Vec<Example>) {
    let Some(Value::Object(schemas)) = spec.get("/components/schemas") else {
        return;
    };
    for (name, schema) in schemas {
        let at = pointer::push("/components/schemas", name);
        let Some(def) = api.types.iter().find(|def| {
            let tokens = pointer::tokens(&def.location.pointer);
            matches!(
                tokens.as_slice(),
                [components, schemas, own] if components == "components" && schemas == "schemas" && own == name
            ) || matches!(tokens.as_slice(), [definitions, own] if definitions == "definitions" && own == name)
        }) else {
            continue;
        };
        let ty = TypeRef::Named(def.id);
        if let Some(example) = schema.get("example") {
            out.push(Example {
                pointer: format!("{at}/example"),
                schema: at.clone(),
                kind: ExampleKind::Schema,
                ty: ty.clone(),
                value: example.clone(),
            });
        }
        if let Some(Value::Array(examples)) = schema.get("examples") {
            for (i, example) in examples.iter().enumerate() {
                out.push(Example {
                    pointer: format!("{at}/examples/{i}"),
                    schema: at.clone(),
                    kind: ExampleKind::Schema,
                    ty: ty.clone(),
                    value: example.clone(),
                });
            }
        }
    }
}

/// `node`, or what its local `$ref` points at, with its pointer.
fn follow<'s>(spec: &'s Spec, node: Option<&'s Value>, at: &str) -> Option<(&'s Value, String)> {
    let mut node = node?;
    let mut at = at.to_owned();
    for _ in 0..crate::ir::MAX_REF_HOPS {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let target = pointer::decode_fragment(reference.strip_prefix('#')?);
                node = spec.get(&target)?;
                at = target;
            }
            None => return Some((node, at)),
        }
    }
    None
}
