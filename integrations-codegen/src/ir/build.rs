//! Building the IR: the orchestration, and the state every conversion shares.
//!
//! [`build`] reads the API's info, servers and security schemes, names every component
//! schema up front (so that spec names win over names made up for inline schemas),
//! converts the operations that are kept and, when all are kept, every component
//! schema, then runs the graph passes in [`cycles`](super::cycles).

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostics::Diagnostics;
use crate::ir::builder::Builder;
use crate::ir::doc::{one_line, summarize};
use crate::ir::names::{self, NameSet};
use crate::ir::{
    Api, ApiKeyLocation, Method, OAuthFlow, OAuthGrant, OAuthServer, SecurityKind, SecurityScheme,
    Server, TypeId, TypeKind, TypeRef,
};
use crate::manifest::{OAuthClientAuth, OAuthSection};
use crate::select::{self, Selector};
use crate::spec::{Spec, pointer};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Selectors of the operations to generate (see [`crate::select`]); empty keeps all.
    /// When a selection is given, only the schemas those operations reach are generated.
    pub keep: Vec<String>,
    /// The provider manifest, if there is one.
    pub manifest: Option<crate::manifest::Manifest>,
    /// Where the manifest was read from, for messages.
    pub manifest_path: Option<std::path::PathBuf>,
    /// What structs do with properties their schema does not declare.
    pub undeclared: UndeclaredProperties,
    /// How expandable references are typed.
    pub expansions: Expansions,
}

/// What a generated struct does with properties its schema does not list, where the
/// schema does not forbid them (OpenAPI's default allows any).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UndeclaredProperties {
    /// Keep them in a map beside the fields, so that a read-modify-write sends back what
    /// the API sent (envelope fields, fields newer than the spec).
    #[default]
    Keep,
    /// Drop them while decoding: a little less code and work per struct.
    Drop,
}

/// How expandable references (Stripe's `x-expansionResources`: an id, or the object
/// when the request asks to expand it) are typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Expansions {
    /// As `Expandable`: the id, or the expanded object as JSON, decoded into a type on
    /// request. Types reachable only through expansions are not generated, which keeps
    /// large APIs small.
    #[default]
    Light,
    /// As a union of the id and every object type the reference can expand to.
    Typed,
}

/// Names the generated module defines besides the spec's types.
const RESERVED_TYPE_NAMES: &[&str] = &["Client"];

/// Builds the IR of `spec`. Problems are added to `diagnostics`; the IR is always
/// complete (degraded where the spec could not be followed).
pub fn build(spec: &Spec, options: &BuildOptions, diagnostics: &mut Diagnostics) -> Api {
    let mut builder = Builder {
        spec,
        diagnostics,
        types: Vec::new(),
        type_names: NameSet::with_reserved(RESERVED_TYPE_NAMES),
        component_names: HashMap::new(),
        memo: HashMap::new(),
        resolving: Vec::new(),
        merging: Vec::new(),
        xml_api: uses_xml(spec),
        keep_undeclared: options.undeclared == UndeclaredProperties::Keep,
        light_expansions: options.expansions == Expansions::Light,
        manifest_form_style: options
            .manifest
            .as_ref()
            .and_then(|m| m.requests.form_style())
            .map(|style| (style, style == crate::ir::ParamStyle::Form)),
        depth: 0,
    };
    let info = spec.get("/info");
    let text = |key: &str| {
        info.and_then(|i| i.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let title = text("title")
        .map(|title| one_line(&title))
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| "API".to_owned());
    let version = text("version")
        .map(|version| one_line(&version))
        .unwrap_or_default();
    let doc = text("description").as_deref().and_then(summarize);

    let servers = servers(&mut builder);
    let security_schemes = security_schemes(&mut builder);

    // Component names are claimed first, in spec order.
    let components: Vec<String> = spec
        .get("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    for key in &components {
        let pointer = pointer::push("/components/schemas", key);
        let name = builder.type_names.claim(&names::upper_camel(key, "Schema"));
        builder.component_names.insert(pointer, name);
    }

    let selectors: Vec<Selector> = options.keep.iter().map(|s| Selector::parse(s)).collect();
    if selectors.is_empty() {
        for key in &components {
            builder.component(&pointer::push("/components/schemas", key));
        }
    }
    let mut operations = builder.operations(&selectors);
    if !selectors.is_empty() && operations.is_empty() {
        builder.warn(
            "/paths",
            format!("no operation matches the selection {:?}", options.keep),
        );
    }

    let manifest_webhooks = options
        .manifest
        .as_ref()
        .map(|m| m.webhooks.clone())
        .unwrap_or_default();
    let mut events = builder.webhook_events(&manifest_webhooks);

    builder.finish_pending();
    let components: std::collections::HashSet<TypeId> = builder
        .component_names
        .keys()
        .filter_map(|pointer| match builder.memo.get(pointer).map(|c| &c.ty) {
            Some(TypeRef::Named(id)) => Some(*id),
            _ => None,
        })
        .collect();
    crate::ir::dedup::merge_identical(&mut builder, &mut operations, &mut events, &components);
    crate::ir::cycles::break_cycles(&mut builder);
    crate::ir::strict_variants::mark_known_only_variants(&mut builder);

    let source = spec
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let manifest = options.manifest.clone().unwrap_or_default();
    let oauth = oauth_server(&mut builder, manifest.oauth.clone(), &security_schemes);
    let provider = crate::ir::Provider {
        name: manifest
            .provider
            .name
            .clone()
            .unwrap_or_else(|| title.clone()),
        base_url_env: manifest.provider.base_url_env.clone(),
        headers: manifest.provider.headers.clone().into_iter().collect(),
        error_code: manifest.errors.code.clone(),
        error_code_fallback: manifest.errors.code_fallback.clone(),
        error_message: manifest.errors.message.clone(),
        success_flag: manifest.errors.success_flag.clone(),
        retry: crate::ir::RetrySignals {
            should_retry_header: manifest.retry.should_retry_header.clone(),
            retry_codes: manifest.retry.retry_codes.clone(),
            quota_codes: manifest.retry.quota_codes.clone(),
            quota_headers: manifest.retry.quota_headers.clone(),
        },
        idempotency: match (
            &manifest.idempotency.header,
            &manifest.idempotency.body_field,
        ) {
            (Some(header), _) => Some(crate::ir::Idempotency::Header(header.clone())),
            (None, Some(field)) => Some(crate::ir::Idempotency::BodyField(field.clone())),
            (None, None) => None,
        },
        rate_limit: manifest
            .rate_limit
            .requests
            .zip(manifest.rate_limit.window_ms),
        oauth,
        env: manifest.env.clone(),
    };
    // Each `[env.servers]` entry names a server some operation is sent to.
    if !provider.env.servers.is_empty() {
        let mut known: Vec<&str> = operations
            .iter()
            .filter_map(|op| op.server.as_deref())
            .collect();
        known.sort_unstable();
        known.dedup();
        let manifest_file = options
            .manifest_path
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("provider.toml"));
        for server in provider.env.servers.keys() {
            if !known.contains(&server.as_str()) {
                let named = if known.is_empty() {
                    "no operation has a server of its own".to_owned()
                } else {
                    format!(
                        "operations are sent to {}",
                        known
                            .iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                builder.diagnostics.error(
                    crate::diagnostics::Location::new(
                        &manifest_file,
                        format!(
                            "/env/servers/{}",
                            server.replace('~', "~0").replace('/', "~1")
                        ),
                    ),
                    format!("`{server}` is not a server of any operation: {named}"),
                );
            }
        }
    }
    let manifest_file = options
        .manifest_path
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("provider.toml"));
    if let Some(section) = &provider.env.server {
        check_env_server(&mut builder, section, servers.first(), &manifest_file);
    }
    for header in provider.env.headers.keys() {
        if !is_header_name(header) {
            builder.diagnostics.error(
                crate::diagnostics::Location::new(
                    &manifest_file,
                    format!("/env/headers/{}", crate::spec::pointer::escape(header)),
                ),
                format!("`{header}` is not a header name (letters, digits and `!#$%&'*+-.^_`|~`)"),
            );
        }
    }
    let mut api = Api {
        provider,
        title,
        version,
        doc,
        source,
        servers,
        security_schemes,
        xml: builder.xml_api,
        types: builder.types,
        operations,
        events,
        resources: Vec::new(),
        verbs: Vec::new(),
    };
    crate::ir::verbs::add_verbs_and_paging(
        &mut api,
        spec,
        &manifest,
        options.manifest_path.as_deref(),
        builder.diagnostics,
    );
    api
}

impl Builder<'_> {
    /// Any type left pending (after an error) becomes an untyped value.
    fn finish_pending(&mut self) {
        for def in &mut self.types {
            if matches!(def.kind, TypeKind::Pending) {
                def.kind = TypeKind::Alias {
                    target: TypeRef::Primitive(crate::ir::Primitive::Json),
                    newtype: false,
                };
            }
        }
    }

    /// Whether the operation `method path` is selected.
    pub fn selected(
        &self,
        selectors: &[Selector],
        operation: &Value,
        method: Method,
        path: &str,
    ) -> bool {
        let id = operation.get("operationId").and_then(Value::as_str);
        let tags: Vec<&str> = operation
            .get("tags")
            .and_then(Value::as_array)
            .map(|t| t.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        select::any_matches(selectors, id, &tags, method.as_str(), path)
    }
}

/// Whether any request or response of the spec is XML.
fn uses_xml(spec: &Spec) -> bool {
    let Some(Value::Object(paths)) = spec.get("/paths") else {
        return false;
    };
    let content_is_xml = |content: Option<&Value>| {
        content.and_then(Value::as_object).is_some_and(|c| {
            c.keys()
                .any(|t| crate::ir::operations::media_kind(t) == Some(crate::ir::MediaKind::Xml))
        })
    };
    paths
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .any(|op| {
            content_is_xml(op.pointer("/requestBody/content"))
                || op
                    .get("responses")
                    .and_then(Value::as_object)
                    .is_some_and(|r| r.values().any(|resp| content_is_xml(resp.get("content"))))
        })
}

fn servers(builder: &mut Builder<'_>) -> Vec<Server> {
    servers_at(builder, "")
}

/// The `servers` of the object at `at` (the spec, a path item or an operation), with their
/// variables' defaults filled in.
pub(super) fn servers_at(builder: &mut Builder<'_>, at: &str) -> Vec<Server> {
    let Some(list) = builder
        .spec
        .get(&format!("{at}/servers"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, server) in list.iter().enumerate() {
        let Some(url) = server.get("url").and_then(Value::as_str) else {
            builder.warn(
                &format!("{at}/servers/{i}"),
                "a server without a `url` is skipped",
            );
            continue;
        };
        let template = url.to_owned();
        let mut url = url.to_owned();
        let mut defaults = Vec::new();
        if let Some(Value::Object(variables)) = server.get("variables") {
            for (name, variable) in variables {
                let default = match variable.get("default") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ => continue,
                };
                url = url.replace(&format!("{{{name}}}"), &default);
                defaults.push((name.clone(), default));
            }
        }
        if url.contains('{') {
            builder.warn(
                &format!("{at}/servers/{i}"),
                format!("server `{url}` has a variable without a default; set the base URL when building the client"),
            );
        }
        out.push(Server {
            url,
            template,
            variables: defaults,
            description: server
                .get("description")
                .and_then(Value::as_str)
                .and_then(summarize),
        });
    }
    out
}

/// Whether `name` is an HTTP header name (a token of RFC 9110).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// `[env.server]` names variables of the spec's first server, which must exist.
fn check_env_server(
    builder: &mut Builder<'_>,
    section: &crate::manifest::EnvServerSection,
    server: Option<&Server>,
    manifest_file: &std::path::Path,
) {
    let at = |pointer: String| crate::diagnostics::Location::new(manifest_file, pointer);
    if section.origin_required && section.origin.is_none() {
        builder.diagnostics.error(
            at("/env/server/origin_required".to_owned()),
            "`origin_required` needs an `origin` variable",
        );
    }
    if section.origin.is_none() && section.variables.is_empty() {
        builder.diagnostics.error(
            at("/env/server".to_owned()),
            "names neither an `origin` variable nor `variables`, so it would change nothing",
        );
    }
    let Some(server) = server else {
        builder.diagnostics.error(
            at("/env/server".to_owned()),
            "the spec has no `servers` to fill from the environment",
        );
        return;
    };
    for name in section.variables.keys() {
        if !server.variables.iter().any(|(known, _)| known == name) {
            let known: Vec<String> = server
                .variables
                .iter()
                .map(|(known, _)| format!("`{known}`"))
                .collect();
            let has = if known.is_empty() {
                "has no variables".to_owned()
            } else {
                format!("has {}", known.join(", "))
            };
            builder.diagnostics.error(
                at(format!(
                    "/env/server/variables/{}",
                    crate::spec::pointer::escape(name)
                )),
                format!(
                    "`{name}` is not a variable of the server `{}`, which {has}",
                    server.template
                ),
            );
        }
    }
}

/// The provider's OAuth 2.0 server: `[oauth]` in `provider.toml`, with URLs it leaves out
/// taken from the spec's first authorization-code flow (or, lacking one, its first
/// client-credentials flow). `None` when neither names a token endpoint.
fn oauth_server(
    builder: &mut Builder<'_>,
    section: Option<OAuthSection>,
    schemes: &[SecurityScheme],
) -> Option<OAuthServer> {
    let flows = || {
        schemes.iter().flat_map(|scheme| match &scheme.kind {
            SecurityKind::OAuth2 { flows } => flows.as_slice(),
            _ => &[],
        })
    };
    let flow = flows()
        .find(|flow| flow.grant == OAuthGrant::AuthorizationCode)
        .or_else(|| flows().find(|flow| flow.grant == OAuthGrant::ClientCredentials));
    // Only absolute URLs: a relative one (PayPal's `/v1/oauth2/token`) names no host.
    let absolute = |url: &Option<String>| {
        url.clone()
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
    };
    let section_given = section.is_some();
    let section = section.unwrap_or_default();
    let token_url = section
        .token_url
        .clone()
        .or_else(|| flow.and_then(|f| absolute(&f.token_url)));
    let Some(token_url) = token_url else {
        if section_given {
            builder.warn(
                "",
                "`[oauth]` in provider.toml names no `token_url`, and the spec has no OAuth 2.0 flow with one",
            );
        }
        return None;
    };
    let authorize_url = section
        .authorize_url
        .clone()
        .or_else(|| flow.and_then(|f| absolute(&f.authorization_url)))
        .unwrap_or_default();
    Some(OAuthServer {
        authorize_url,
        token_url,
        scope_separator: section.scope_separator.unwrap_or_else(|| " ".to_owned()),
        authorize_params: section.authorize_params.into_iter().collect(),
        client_auth: section.client_auth.unwrap_or(OAuthClientAuth::Body),
        pkce: section.pkce.unwrap_or(true),
        base_url_field: section.base_url_field,
    })
}

/// The flows of an OAuth 2.0 scheme, in the order OpenAPI lists them; a flow without the
/// URLs its grant needs is reported.
fn oauth_flows(builder: &mut Builder<'_>, at: &str, scheme: &Value) -> Vec<OAuthFlow> {
    let Some(flows) = scheme.get("flows").and_then(Value::as_object) else {
        builder.warn(at, "an OAuth 2.0 scheme without `flows`");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, flow) in flows {
        let flow_at = pointer::push(&pointer::push(at, "flows"), name);
        let grant = match name.as_str() {
            "authorizationCode" => OAuthGrant::AuthorizationCode,
            "clientCredentials" => OAuthGrant::ClientCredentials,
            "implicit" => OAuthGrant::Implicit,
            "password" => OAuthGrant::Password,
            other => {
                builder.warn(&flow_at, format!("unknown OAuth 2.0 flow `{other}`"));
                continue;
            }
        };
        let url = |key: &str| {
            flow.get(key)
                .and_then(Value::as_str)
                .filter(|url| !url.trim().is_empty())
                .map(str::to_owned)
        };
        let flow = OAuthFlow {
            grant,
            authorization_url: url("authorizationUrl"),
            token_url: url("tokenUrl"),
            refresh_url: url("refreshUrl"),
            scopes: flow
                .get("scopes")
                .and_then(Value::as_object)
                .map(|scopes| {
                    scopes
                        .iter()
                        .map(|(scope, about)| (scope.clone(), about.as_str().and_then(summarize)))
                        .collect()
                })
                .unwrap_or_default(),
        };
        let needs_authorization =
            matches!(grant, OAuthGrant::AuthorizationCode | OAuthGrant::Implicit);
        if needs_authorization && flow.authorization_url.is_none() {
            builder.warn(&flow_at, "the flow has no `authorizationUrl`");
        }
        if grant != OAuthGrant::Implicit && flow.token_url.is_none() {
            builder.warn(&flow_at, "the flow has no `tokenUrl`");
        }
        out.push(flow);
    }
    out
}

fn security_schemes(builder: &mut Builder<'_>) -> Vec<SecurityScheme> {
    let Some(schemes) = builder
        .spec
        .get("/components/securitySchemes")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, scheme) in schemes {
        let at = pointer::push("/components/securitySchemes", key);
        let scheme = match scheme.get("$ref").and_then(Value::as_str) {
            Some(r) => match r
                .strip_prefix('#')
                .and_then(|p| builder.spec.get(&pointer::decode_fragment(p)))
            {
                Some(target) => target,
                None => {
                    builder.error(&at, format!("dangling `$ref` `{r}`"));
                    continue;
                }
            },
            None => scheme,
        };
        let field = |name: &str| scheme.get(name).and_then(Value::as_str).unwrap_or("");
        let kind = match field("type") {
            "apiKey" => {
                let location = match field("in") {
                    "header" => ApiKeyLocation::Header,
                    "query" => ApiKeyLocation::Query,
                    "cookie" => ApiKeyLocation::Cookie,
                    other => {
                        builder.warn(&at, format!("API key location `{other}` is not supported"));
                        out.push(SecurityScheme {
                            key: key.clone(),
                            kind: SecurityKind::Unsupported {
                                declared: format!("apiKey in {other}"),
                            },
                        });
                        continue;
                    }
                };
                SecurityKind::ApiKey {
                    location,
                    name: field("name").to_owned(),
                }
            }
            "http" => {
                match field("scheme").to_ascii_lowercase().as_str() {
                    "bearer" => SecurityKind::Bearer,
                    "basic" => SecurityKind::Basic,
                    other => {
                        builder.warn(&at, format!("HTTP auth scheme `{other}` is not supported; requests go without it"));
                        SecurityKind::Unsupported {
                            declared: format!("http {other}"),
                        }
                    }
                }
            }
            // The runtime sends an OAuth 2.0 / OpenID Connect access token as a bearer
            // token; the IR keeps where tokens come from, for docs and OAuth clients.
            "oauth2" => SecurityKind::OAuth2 {
                flows: oauth_flows(builder, &at, scheme),
            },
            "openIdConnect" => {
                let url = field("openIdConnectUrl");
                if url.is_empty() {
                    builder.warn(&at, "an OpenID Connect scheme without `openIdConnectUrl`");
                }
                SecurityKind::OpenIdConnect {
                    discovery_url: url.to_owned(),
                }
            }
            other => {
                builder.warn(
                    &at,
                    format!(
                        "security scheme type `{other}` is not supported; requests go without it"
                    ),
                );
                SecurityKind::Unsupported {
                    declared: other.to_owned(),
                }
            }
        };
        out.push(SecurityScheme {
            key: key.clone(),
            kind,
        });
    }
    out
}
