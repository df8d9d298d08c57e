//! Operations to IR: parameters with their encoding, the request body, and responses
//! sorted into a success side and an error side.
//!
//! Media types are chosen here: for a request, the first declared type the runtime can
//! encode (the author's preference), the others reported as a note and in the docs; for
//! a response, the first declared type. `*/*`, `+json` and `problem+json` are JSON.
//! Responses become one type per side when every status shares a body schema, and a
//! generated enum keyed by status when they differ.

use serde_json::{Map, Value};

use crate::ir::builder::Builder;
use crate::ir::doc::summarize;
use crate::ir::names::{self, NameSet};
use crate::ir::schemas::{MAX_REF_HOPS, description};
use crate::ir::{
    FormEncoding, MediaKind, Method, Operation, Outcome, Param, ParamLocation, ParamStyle,
    Primitive, RequestBody, Response, ResponseVariant, ResponsesDef, SecurityRequirement,
    StatusMatch, TypeKind, TypeRef,
};
use crate::select::Selector;
use crate::spec::pointer;
use crate::spec::schema::truthy;

/// Methods the generated `Client` has besides its operations.
const CLIENT_METHODS: &[&str] = &["builder", "runtime", "from", "into", "clone", "fmt"];

/// Builder fields and method arguments that are not parameters.
const RESERVED_ARGUMENTS: &[&str] = &[
    "body",
    "client",
    "self",
    "request",
    "response",
    "send",
    "send_full",
    "into_future",
    "options",
    "header",
    "timeout",
    "retry",
    "idempotency_key",
    "value",
];

/// The schema `true`: any value.
static ANY_VALUE: Value = Value::Bool(true);

/// A declared response before its body is converted.
struct RawResponse<'s> {
    status: StatusMatch,
    at: String,
    doc: Option<String>,
    /// Media kind, content type, schema and its pointer.
    body: Option<(MediaKind, &'s Value, String)>,
}

/// The style an OpenAPI `style` value names.
fn style_named(text: &str) -> Option<ParamStyle> {
    Some(match text {
        "form" => ParamStyle::Form,
        "simple" => ParamStyle::Simple,
        "label" => ParamStyle::Label,
        "matrix" => ParamStyle::Matrix,
        "spaceDelimited" => ParamStyle::SpaceDelimited,
        "pipeDelimited" => ParamStyle::PipeDelimited,
        "deepObject" => ParamStyle::DeepObject,
        _ => return None,
    })
}

/// How a content type is encoded, when the runtime knows it.
pub fn media_kind(content_type: &str) -> Option<MediaKind> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(match essence.as_str() {
        "application/json" | "text/json" => MediaKind::Json,
        "*/*" | "application/*" => MediaKind::AsSent,
        "application/x-www-form-urlencoded" => MediaKind::Form,
        "multipart/form-data" => MediaKind::Multipart,
        "multipart/related" => MediaKind::Related,
        "application/xml" | "text/xml" => MediaKind::Xml,
        e if e.ends_with("+json") || e.ends_with("/json") => MediaKind::Json,
        e if e.ends_with("+xml") => MediaKind::Xml,
        e if e.starts_with("text/") => MediaKind::Text,
        e if e.starts_with("multipart/") => return None,
        _ => MediaKind::Binary,
    })
}

impl<'s> Builder<'s> {
    /// Every selected operation, in spec order.
    pub(crate) fn operations(&mut self, selectors: &[Selector]) -> Vec<Operation> {
        let Some(paths) = self.spec.get("/paths").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut method_names = NameSet::with_reserved(CLIENT_METHODS);
        let mut builder_names = NameSet::new();
        let mut out = Vec::new();
        for (path_key, item) in paths {
            let mut item_at = pointer::push("/paths", path_key);
            let mut item = item;
            if let Some(reference) = item.get("$ref").and_then(Value::as_str) {
                let Some(target) = self.target_pointer(reference, &item_at) else {
                    continue;
                };
                item_at = target;
                item = self.node(&item_at);
            }
            let Value::Object(item_map) = item else {
                self.error(&item_at, "a path item must be an object");
                continue;
            };
            // S3's converted spec tells operations on one URL apart with `#fragment`s.
            let path = path_key.split('#').next().unwrap_or(path_key).to_owned();
            for (key, operation) in item_map {
                let Some(method) = Method::from_key(key) else {
                    continue;
                };
                if !self.selected(selectors, operation, method, &path) {
                    continue;
                }
                let op_at = pointer::push(&item_at, key);
                if !operation.is_object() {
                    self.error(&op_at, "an operation must be an object");
                    continue;
                }
                let op = self.operation(
                    operation,
                    item_map,
                    &item_at,
                    &op_at,
                    method,
                    &path,
                    &mut method_names,
                    &mut builder_names,
                );
                out.push(op);
            }
        }
        out
    }

    fn node(&self, at: &str) -> &'s Value {
        static NULL: Value = Value::Null;
        self.spec.get(at).unwrap_or(&NULL)
    }

    /// Follows one `$ref` (parameters, request bodies, responses) to its target.
    pub(super) fn follow(&mut self, value: &'s Value, at: &str) -> Option<(&'s Value, String)> {
        let mut value = value;
        let mut at = at.to_owned();
        for _ in 0..MAX_REF_HOPS {
            match value.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    let target = self.target_pointer(reference, &at)?;
                    value = self.node(&target);
                    at = target;
                }
                None => return Some((value, at)),
            }
        }
        self.error(&at, "`$ref` chain too long (a cycle?)");
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        operation: &'s Value,
        item: &'s Map<String, Value>,
        item_at: &str,
        op_at: &str,
        method: Method,
        path: &str,
        method_names: &mut NameSet,
        builder_names: &mut NameSet,
    ) -> Operation {
        let id = match operation.get("operationId").and_then(Value::as_str) {
            Some(id) if !id.trim().is_empty() => id.to_owned(),
            _ => format!("{} {path}", method.as_str().to_ascii_lowercase()),
        };
        let name = method_names.claim(&names::snake(&id, "operation"));
        let builder = builder_names.claim(&names::upper_camel(&id, "Operation"));
        let text = |key: &str| {
            operation
                .get(key)
                .and_then(Value::as_str)
                .and_then(summarize)
        };
        let doc = text("summary").or_else(|| text("description"));

        let params = self.parameters(operation, item, item_at, op_at, path, &builder);
        let body = self.request_body(operation, op_at, &builder);
        let (success, error) = self.responses(operation, op_at, &builder);
        let security = self.security(operation);
        // An operation's own servers win over its path item's (Dropbox's content host).
        let server = [op_at, item_at]
            .into_iter()
            .map(|at| crate::ir::build::servers_at(self, at))
            .find(|servers| !servers.is_empty())
            .and_then(|servers| servers.into_iter().next())
            .map(|server| server.url);
        Operation {
            id,
            name,
            builder,
            method,
            path: path.to_owned(),
            doc,
            deprecated: truthy(operation.get("deprecated")),
            params,
            body,
            success,
            error,
            security,
            tags: operation
                .get("tags")
                .and_then(Value::as_array)
                .map(|tags| {
                    tags.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            paging: None,
            server,
            location: self.location(op_at),
        }
    }

    fn parameters(
        &mut self,
        operation: &'s Value,
        item: &'s Map<String, Value>,
        item_at: &str,
        op_at: &str,
        path: &str,
        builder: &str,
    ) -> Vec<Param> {
        // Path-level parameters apply unless the operation redefines name and location.
        let mut declared: Vec<(&'s Value, String)> = Vec::new();
        for (list, at) in [
            (item.get("parameters"), item_at),
            (operation.get("parameters"), op_at),
        ] {
            let Some(list) = list else { continue };
            let Some(list) = list.as_array() else {
                self.error(&format!("{at}/parameters"), "`parameters` must be an array");
                continue;
            };
            for (i, parameter) in list.iter().enumerate() {
                let p_at = format!("{at}/parameters/{i}");
                let Some((resolved, resolved_at)) = self.follow(parameter, &p_at) else {
                    continue;
                };
                // An operation's own definition replaces the path item's in place, so the
                // order of the rest does not change.
                let key = |v: &Value| (v.get("name").cloned(), v.get("in").cloned());
                match declared
                    .iter()
                    .position(|(existing, _)| key(existing) == key(resolved))
                {
                    Some(index) => declared[index] = (resolved, resolved_at),
                    None => declared.push((resolved, resolved_at)),
                }
            }
        }
        let mut arg_names = NameSet::with_reserved(RESERVED_ARGUMENTS);
        let mut params = Vec::new();
        for (parameter, at) in declared {
            let Some(wire_name) = parameter.get("name").and_then(Value::as_str) else {
                self.error(&at, "a parameter needs a `name`");
                continue;
            };
            let location = match parameter.get("in").and_then(Value::as_str) {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                Some("cookie") => ParamLocation::Cookie,
                other => {
                    self.error(
                        &at,
                        format!("unknown parameter location `{}`", other.unwrap_or("(none)")),
                    );
                    continue;
                }
            };
            // OpenAPI: these header parameters are ignored; the runtime sets them.
            if location == ParamLocation::Header
                && ["accept", "content-type", "authorization"]
                    .contains(&wire_name.to_ascii_lowercase().as_str())
            {
                continue;
            }
            if location == ParamLocation::Path && !path.contains(&format!("{{{wire_name}}}")) {
                self.warn(
                    &at,
                    format!(
                        "path parameter `{wire_name}` does not appear in `{path}`; it is left out"
                    ),
                );
                continue;
            }
            let content_schema = parameter
                .get("content")
                .and_then(Value::as_object)
                .and_then(|content| content.iter().next())
                .and_then(|(media, entry)| Some((media, entry.get("schema")?)));
            // A parameter declared with `content` is one value in that media type: JSON is
            // sent as JSON text; other media types fall back to the default style.
            let mut as_json = false;
            let schema = match (parameter.get("schema"), content_schema) {
                (Some(schema), _) => Some((schema, format!("{at}/schema"))),
                (None, Some((media, schema))) => {
                    as_json = media_kind(media) == Some(MediaKind::Json);
                    if !as_json {
                        self.warn(
                            &at,
                            format!("parameter `{wire_name}` is declared as `{media}`, which is not supported for parameters; it is sent with the default style"),
                        );
                    }
                    Some((
                        schema,
                        format!("{at}/content/{}/schema", pointer::escape(media)),
                    ))
                }
                (None, None) => {
                    self.warn(
                        &at,
                        format!("parameter `{wire_name}` has no schema; typed as a string"),
                    );
                    None
                }
            };
            let required = location == ParamLocation::Path || truthy(parameter.get("required"));
            // A required parameter with one possible value (S3's `?list-type=2`) is sent
            // by the client, not asked of the caller.
            let constant = match &schema {
                Some((schema, schema_at)) if required => self
                    .resolve_view(schema, schema_at)
                    .and_then(|(view, _)| match view.enum_values.as_deref() {
                        Some([only]) if !only.is_object() && !only.is_array() => {
                            Some((*only).clone())
                        }
                        _ => None,
                    }),
                _ => None,
            };
            let type_name = format!("{builder}{}", names::upper_camel(wire_name, "Param"));
            let ty = match (&constant, schema) {
                (Some(_), _) | (None, None) => TypeRef::Primitive(Primitive::String),
                (None, Some((schema, schema_at))) => {
                    self.schema_type(schema, &schema_at, &type_name).ty
                }
            };
            let default_style = match location {
                ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
                ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
            };
            let style = match parameter.get("style").and_then(Value::as_str) {
                None => default_style,
                Some(text) => style_named(text).unwrap_or_else(|| {
                    self.warn(
                        &at,
                        format!("unknown parameter style `{text}`; the default style is used"),
                    );
                    default_style
                }),
            };
            let explode = match parameter.get("explode") {
                Some(value) => truthy(Some(value)),
                None => style == ParamStyle::Form,
            };
            let doc = parameter
                .get("description")
                .and_then(Value::as_str)
                .and_then(summarize)
                .or_else(|| parameter.get("schema").and_then(description));
            // What the schema says of the value besides its type (`from 1 to 1000`).
            let facts = parameter
                .get("schema")
                .and_then(|schema| self.resolve_view(schema, &format!("{at}/schema")))
                .map(|(view, _)| crate::ir::objects::value_facts(view.node))
                .unwrap_or_default();
            let doc = match (doc, facts.is_empty()) {
                (doc, true) => doc,
                (Some(doc), false) => Some(format!(
                    "{} ({}).",
                    doc.trim_end_matches('.'),
                    facts.join("; ")
                )),
                (None, false) => Some(format!("`{wire_name}`: {}.", facts.join("; "))),
            };
            params.push(Param {
                name: arg_names.claim(&names::param(wire_name)),
                wire_name: wire_name.to_owned(),
                location,
                required,
                ty,
                style,
                explode,
                doc,
                constant,
                allow_reserved: truthy(parameter.get("allowReserved")),
                as_json,
            });
        }
        // Every placeholder of the path needs a value.
        for placeholder in placeholders(path) {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire_name == placeholder)
            {
                self.warn(op_at, format!("`{{{placeholder}}}` in `{path}` is not declared as a path parameter; it is added as a string"));
                params.push(Param {
                    name: arg_names.claim(&names::snake(&placeholder, "param")),
                    wire_name: placeholder,
                    location: ParamLocation::Path,
                    required: true,
                    ty: TypeRef::Primitive(Primitive::String),
                    style: ParamStyle::Simple,
                    explode: false,
                    doc: None,
                    constant: None,
                    allow_reserved: false,
                    as_json: false,
                });
            }
        }
        params
    }

    fn request_body(
        &mut self,
        operation: &'s Value,
        op_at: &str,
        builder: &str,
    ) -> Option<RequestBody> {
        let body = operation.get("requestBody")?;
        let (body, at) = self.follow(body, &format!("{op_at}/requestBody"))?;
        let Some(Value::Object(content)) = body.get("content") else {
            self.warn(&at, "request body without `content`; no body is sent");
            return None;
        };
        let types: Vec<&String> = content.keys().collect();
        let chosen = types
            .iter()
            .position(|t| media_kind(t).is_some())
            .unwrap_or(0);
        let content_type = (*types.get(chosen)?).clone();
        let others: Vec<String> = types
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != chosen)
            .map(|(_, t)| (*t).clone())
            .collect();
        if !others.is_empty() {
            self.note(
                &at,
                format!(
                    "generated for `{content_type}`; also accepted: {}",
                    others.join(", ")
                ),
            );
        }
        let mut media = media_kind(&content_type).unwrap_or(MediaKind::Binary);
        let schema_at = format!("{at}/content/{}/schema", pointer::escape(&content_type));
        let schema = content.get(&content_type).and_then(|c| c.get("schema"));
        // `*/*` is no content type to send: a binary schema goes as
        // `application/octet-stream`, anything else as JSON.
        let mut content_type = content_type;
        if media == MediaKind::AsSent {
            let binary = schema.is_some_and(|s| self.is_binary_schema(s, &schema_at));
            (media, content_type) = if binary {
                (MediaKind::Binary, "application/octet-stream".to_owned())
            } else {
                (MediaKind::Json, "application/json".to_owned())
            };
        }
        // Stripe declares an empty, closed object as the body of its GET operations: that
        // is no body at all.
        let resolved = schema.and_then(|s| self.resolve_view(s, &schema_at));
        if let Some((view, _)) = &resolved {
            let empty_closed = view.properties.is_empty()
                && matches!(view.additional, crate::spec::schema::Additional::Forbidden)
                && view.all_of.is_empty()
                && view.alternatives().is_empty();
            if empty_closed {
                self.note(
                    &at,
                    "the body is declared as an empty object; no body is generated",
                );
                return None;
            }
        }
        // A body whose schema requires properties cannot be left out in practice, whatever
        // `required` says (Twilio leaves it unset).
        let schema_requires_fields = resolved
            .as_ref()
            .is_some_and(|(view, _)| !view.required.is_empty());
        let type_name = format!("{builder}Body");
        let mut ty = match (media, schema) {
            (MediaKind::Binary, _) => TypeRef::Primitive(Primitive::Binary),
            (MediaKind::Text, _) => TypeRef::Primitive(Primitive::String),
            (_, None) => TypeRef::Primitive(Primitive::Json),
            (_, Some(schema)) => self.schema_type(schema, &schema_at, &type_name).ty,
        };
        if matches!(media, MediaKind::Multipart | MediaKind::Related) {
            match self.struct_id(&ty) {
                Some(id) => {
                    if let TypeKind::Struct(def) = &mut self.types[id.0].kind {
                        def.multipart = true;
                    }
                }
                None => {
                    self.note(
                        &schema_at,
                        "a multipart body whose schema is not an object: the caller builds \
                         its parts (`Parts`)",
                    );
                    ty = TypeRef::Primitive(Primitive::Parts);
                }
            }
        }
        let ty = if media == MediaKind::Binary {
            TypeRef::Primitive(Primitive::Binary)
        } else {
            ty
        };
        let form = (media == MediaKind::Form).then(|| {
            let encoding = content
                .get(&content_type)
                .and_then(|c| c.get("encoding"))
                .and_then(Value::as_object);
            self.form_encoding(
                encoding,
                &format!("{at}/content/{}/encoding", pointer::escape(&content_type)),
            )
        });
        let part_types = if matches!(media, MediaKind::Multipart | MediaKind::Related) {
            let encoding = content
                .get(&content_type)
                .and_then(|c| c.get("encoding"))
                .and_then(Value::as_object);
            self.part_types(
                encoding,
                &format!("{at}/content/{}/encoding", pointer::escape(&content_type)),
            )
        } else {
            Vec::new()
        };
        Some(RequestBody {
            content_type,
            media,
            form,
            part_types,
            ty,
            required: truthy(body.get("required")) || schema_requires_fields,
            other_content_types: others,
            doc: body
                .get("description")
                .and_then(Value::as_str)
                .and_then(summarize),
        })
    }

    /// The content type each multipart part's `encoding` entry gives it. One that is not
    /// a single media type (`image/png, image/jpeg` lists what is accepted) is left to
    /// the part's default, with a note.
    fn part_types(
        &mut self,
        encoding: Option<&'s Map<String, Value>>,
        at: &str,
    ) -> Vec<(String, String)> {
        let mut types = Vec::new();
        for (property, entry) in encoding.into_iter().flatten() {
            let Some(content_type) = entry.get("contentType").and_then(Value::as_str) else {
                continue;
            };
            let essence = content_type.split(';').next().unwrap_or("").trim();
            let single = !content_type.contains(',')
                && essence.split_once('/').is_some_and(|(kind, sub)| {
                    !kind.is_empty() && !sub.is_empty() && !sub.contains('*') && kind != "*"
                });
            if single {
                types.push((property.clone(), content_type.to_owned()));
            } else {
                self.note(
                    &format!("{at}/{}/contentType", pointer::escape(property)),
                    format!(
                        "`{content_type}` is not one media type; the part is sent with its default"
                    ),
                );
            }
        }
        types
    }

    /// How a form body's properties are written: each as its `encoding` entry says, the
    /// others as the manifest says (`[requests] form_style`), else as OpenAPI's default
    /// (`style: form, explode: true`: `a=1&a=2` for a list).
    fn form_encoding(
        &mut self,
        encoding: Option<&'s Map<String, Value>>,
        at: &str,
    ) -> FormEncoding {
        let (default_style, default_explode) =
            self.manifest_form_style.unwrap_or((ParamStyle::Form, true));
        let mut properties = Vec::new();
        for (name, entry) in encoding.into_iter().flatten() {
            let style_text = entry.get("style").and_then(Value::as_str);
            let explode = entry.get("explode");
            if style_text.is_none() && explode.is_none() {
                continue;
            }
            let style = match style_text {
                None => ParamStyle::Form,
                Some(text) => style_named(text).unwrap_or_else(|| {
                    self.warn(
                        &pointer::push(at, name),
                        format!("unknown style `{text}`; `form` is used"),
                    );
                    ParamStyle::Form
                }),
            };
            let explode = match explode {
                Some(value) => truthy(Some(value)),
                None => style == ParamStyle::Form,
            };
            if (style, explode) != (default_style, default_explode) {
                properties.push((name.clone(), style, explode));
            }
        }
        FormEncoding {
            style: default_style,
            explode: default_explode,
            properties,
        }
    }

    /// Whether a schema (through `$ref`s) is `type: string, format: binary`.
    fn is_binary_schema(&mut self, schema: &'s Value, at: &str) -> bool {
        self.resolve_view(schema, at).is_some_and(|(view, _)| {
            view.format == Some("binary")
                && matches!(
                    view.types.as_slice(),
                    [] | [crate::spec::schema::SchemaType::String]
                )
        })
    }

    /// The struct a type reference names, through aliases.
    fn struct_id(&self, ty: &TypeRef) -> Option<crate::ir::TypeId> {
        let mut ty = ty.clone();
        for _ in 0..16 {
            match ty {
                TypeRef::Named(id) => match &self.types[id.0].kind {
                    TypeKind::Struct(_) => return Some(id),
                    TypeKind::Alias { target, .. } => ty = target.clone(),
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    fn responses(
        &mut self,
        operation: &'s Value,
        op_at: &str,
        builder: &str,
    ) -> (Outcome, Outcome) {
        let mut raw: Vec<RawResponse<'s>> = Vec::new();
        if let Some(Value::Object(responses)) = operation.get("responses") {
            for (key, response) in responses {
                let at = format!("{op_at}/responses/{}", pointer::escape(key));
                let Some(status) = parse_status(key) else {
                    self.warn(
                        &at,
                        format!("`{key}` is not a status code; the response is ignored"),
                    );
                    continue;
                };
                // `2XX` and `2xx`, or `200` and `"200 "`, are one status written twice.
                if raw.iter().any(|r| r.status == status) {
                    self.warn(
                        &at,
                        format!(
                            "`{key}` repeats a status declared before it; \
                             the first response is used"
                        ),
                    );
                    continue;
                }
                let Some((response, resolved_at)) = self.follow(response, &at) else {
                    continue;
                };
                let doc = response
                    .get("description")
                    .and_then(Value::as_str)
                    .and_then(summarize);
                let body = match response.get("content") {
                    Some(Value::Object(content)) if !content.is_empty() => {
                        let types: Vec<&String> = content.keys().collect();
                        let chosen = types
                            .iter()
                            .position(|t| media_kind(t).is_some())
                            .unwrap_or(0);
                        let content_type = types[chosen].clone();
                        let mut media = match media_kind(&content_type) {
                            Some(MediaKind::Form | MediaKind::Multipart | MediaKind::Related)
                            | None => MediaKind::Binary,
                            Some(kind) => kind,
                        };
                        let schema_at = format!(
                            "{resolved_at}/content/{}/schema",
                            pointer::escape(&content_type)
                        );
                        // A media type without a schema: bytes, text, or any JSON.
                        let schema = content
                            .get(&content_type)
                            .and_then(|c| c.get("schema"))
                            .unwrap_or(&ANY_VALUE);
                        // `*/*` with a binary schema is a download; with another schema
                        // it is decoded as the response's own Content-Type says.
                        if media == MediaKind::AsSent && self.is_binary_schema(schema, &schema_at) {
                            media = MediaKind::Binary;
                        }
                        Some((media, schema, schema_at))
                    }
                    _ => None,
                };
                raw.push(RawResponse {
                    status,
                    at: resolved_at,
                    doc,
                    body,
                });
            }
        }
        let is_success =
            |s: &StatusMatch| matches!(s, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
        let has_success = raw.iter().any(|r| is_success(&r.status));
        let (success, error): (Vec<_>, Vec<_>) = raw.into_iter().partition(|r| {
            is_success(&r.status) || (!has_success && r.status == StatusMatch::Default)
        });
        let success = self.outcome(success, &format!("{builder}Response"), true);
        let error = self.outcome(error, &format!("{builder}Error"), false);
        (success, error)
    }

    /// One side's responses as one type, or as an enum by status when they differ.
    fn outcome(&mut self, responses: Vec<RawResponse<'s>>, name: &str, success: bool) -> Outcome {
        if responses.is_empty() {
            return Outcome::Unspecified;
        }
        // Error statuses without a body do not make errors differ: the body is optional.
        let considered: Vec<&RawResponse<'s>> = if success {
            responses.iter().collect()
        } else {
            responses.iter().filter(|r| r.body.is_some()).collect()
        };
        if considered.is_empty() {
            return Outcome::Unspecified;
        }
        let first = considered[0];
        let all_same = considered.iter().all(|r| match (&r.body, &first.body) {
            (None, None) => true,
            (Some((m1, s1, _)), Some((m2, s2, _))) => m1 == m2 && s1 == s2,
            _ => false,
        });
        if all_same {
            let response = self.response(first, name);
            return Outcome::Single(response);
        }
        let id = self.reserve(name, &first.at, None);
        let enum_name = self.type_name(id).to_owned();
        let mut variant_names = NameSet::new();
        let mut variants = Vec::new();
        for raw in &responses {
            let base = match raw.status {
                StatusMatch::Code(code) => names::status_variant(code),
                StatusMatch::Range(class) => format!("Status{class}xx"),
                StatusMatch::Default => "Default".to_owned(),
            };
            let variant = variant_names.claim(&base);
            let response = self.response(raw, &format!("{enum_name}{variant}"));
            variants.push(ResponseVariant {
                name: variant,
                response,
            });
        }
        self.fill(id, TypeKind::Responses(ResponsesDef { variants }));
        Outcome::ByStatus(id)
    }

    fn response(&mut self, raw: &RawResponse<'s>, name: &str) -> Response {
        let (media, ty) = match &raw.body {
            None => (None, None),
            Some((media, schema, at)) => {
                let ty = match media {
                    MediaKind::Binary => TypeRef::Primitive(Primitive::Binary),
                    MediaKind::Text => TypeRef::Primitive(Primitive::String),
                    _ => self.schema_type(schema, at, name).ty,
                };
                (Some(*media), Some(ty))
            }
        };
        Response {
            status: raw.status,
            media,
            ty,
            doc: raw.doc.clone(),
        }
    }

    fn security(&mut self, operation: &'s Value) -> Vec<Vec<SecurityRequirement>> {
        let requirements = operation
            .get("security")
            .or_else(|| self.spec.get("/security"))
            .and_then(Value::as_array);
        let Some(requirements) = requirements else {
            return Vec::new();
        };
        requirements
            .iter()
            .filter_map(Value::as_object)
            .map(|requirement| {
                requirement
                    .iter()
                    .map(|(scheme, scopes)| SecurityRequirement {
                        scheme: scheme.clone(),
                        scopes: scopes
                            .as_array()
                            .map(|scopes| {
                                scopes
                                    .iter()
                                    .filter_map(Value::as_str)
                                    .map(str::to_owned)
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .collect()
    }
}

/// Reads a response key: `200`, `4XX`, `default`.
fn parse_status(key: &str) -> Option<StatusMatch> {
    let key = key.trim();
    if key.eq_ignore_ascii_case("default") {
        return Some(StatusMatch::Default);
    }
    if let Ok(code) = key.parse::<u16>() {
        return (100..=599)
            .contains(&code)
            .then_some(StatusMatch::Code(code));
    }
    let bytes = key.as_bytes();
    if bytes.len() == 3
        && (b'1'..=b'5').contains(&bytes[0])
        && bytes[1..].eq_ignore_ascii_case(b"xx")
    {
        return Some(StatusMatch::Range(u16::from(bytes[0] - b'0')));
    }
    None
}

/// The `{name}` placeholders of a path template, in order.
fn placeholders(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + end];
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
        rest = &rest[start + end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_kinds() {
        assert_eq!(
            media_kind("application/json; charset=utf-8"),
            Some(MediaKind::Json)
        );
        assert_eq!(
            media_kind("application/problem+json"),
            Some(MediaKind::Json)
        );
        assert_eq!(media_kind("*/*"), Some(MediaKind::AsSent));
        assert_eq!(media_kind("application/*"), Some(MediaKind::AsSent));
        assert_eq!(
            media_kind("application/vnd.api+json"),
            Some(MediaKind::Json)
        );
        assert_eq!(media_kind("text/xml"), Some(MediaKind::Xml));
        assert_eq!(media_kind("application/pdf"), Some(MediaKind::Binary));
        assert_eq!(
            media_kind("multipart/related; type=application/json"),
            Some(MediaKind::Related)
        );
        assert_eq!(media_kind("multipart/mixed"), None);
        assert_eq!(media_kind("text/plain"), Some(MediaKind::Text));
    }

    #[test]
    fn statuses_and_placeholders() {
        assert_eq!(parse_status("200"), Some(StatusMatch::Code(200)));
        assert_eq!(parse_status("4XX"), Some(StatusMatch::Range(4)));
        assert_eq!(parse_status("default"), Some(StatusMatch::Default));
        assert_eq!(parse_status("abc"), None);
        assert_eq!(parse_status("999"), None);
        assert_eq!(placeholders("/a/{b}/c/{d}.json"), ["b", "d"]);
    }
}
