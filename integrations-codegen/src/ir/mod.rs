//! The IR: a Rust-shaped model of one API, decided once and emitted as it is.
//!
//! The IR says what Rust will be generated, not what the spec said: every type has its
//! final name, every field its final identifier and wire name, every union its tagging,
//! every operation its parameters with their encoding and its responses by status.
//! It is plain data (serde-serialisable, printed by `integrations-codegen ir`),
//! independent of `syn` and `quote`, and deterministic: the same spec always gives the
//! same IR. [`build`] makes it from a loaded [`Spec`](crate::spec::Spec).

mod all_of;
mod build;
mod builder;
mod cycles;
mod dedup;
pub mod doc;
mod enums;
pub mod names;
pub(crate) mod objects;
pub(crate) mod operations;
mod schemas;
mod strict_variants;
mod unions;
mod verbs;
mod webhooks;

use serde::Serialize;

use crate::diagnostics::Location;

pub use build::{BuildOptions, Expansions, UndeclaredProperties, build};
pub(crate) use schemas::MAX_REF_HOPS;

/// The index of a type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct TypeId(pub usize);

/// One API: its types, operations, servers and authentication.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    /// `info.title`, on one line.
    pub title: String,
    /// `info.version`, on one line.
    pub version: String,
    /// A one-paragraph description for the crate docs, on one line.
    pub doc: Option<String>,
    /// The spec file name, for the generated header.
    pub source: String,
    /// Servers, first is the default.
    pub servers: Vec<Server>,
    /// Authentication schemes the operations refer to.
    pub security_schemes: Vec<SecurityScheme>,
    /// Every generated type, indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
    /// Every generated operation, in spec order.
    pub operations: Vec<Operation>,
    /// What the provider manifest adds.
    pub provider: Provider,
    /// Whether any request or response is XML (so XML decoders are generated at all).
    pub xml: bool,
    /// The typed webhook events: the spec's 3.1 `webhooks`, then `[webhooks.events]` of
    /// `provider.toml`.
    pub events: Vec<WebhookEvent>,
    /// Resources with verbs, from `provider.toml`, in name order.
    pub resources: Vec<Resource>,
    /// Verbs on the client itself, in name order.
    pub verbs: Vec<Verb>,
}

/// One kind of webhook event, with the type it reads into.
#[derive(Debug, Clone, Serialize)]
pub struct WebhookEvent {
    /// The kind as the provider names it (`payment_intent.succeeded`; a 3.1 webhook's
    /// key).
    pub kind: String,
    /// The Rust type name in the generated `events` module.
    pub name: String,
    /// Rustdoc text.
    pub doc: Option<String>,
    /// Where in the event the typed part sits (a JSON Pointer; empty: the whole event).
    pub object_pointer: String,
    /// The type of that part.
    pub ty: TypeRef,
}

/// What `provider.toml` says beyond the spec (defaults when there is none).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Provider {
    /// Display name.
    pub name: String,
    /// Environment variable that overrides the base URL.
    pub base_url_env: Option<String>,
    /// Headers every request carries.
    pub headers: Vec<(String, String)>,
    /// JSON Pointer of the error code in error bodies.
    pub error_code: Option<String>,
    /// Where the code is when `error_code` finds none.
    pub error_code_fallback: Option<String>,
    /// JSON Pointer of the error message in error bodies.
    pub error_message: Option<String>,
    /// JSON Pointer of a flag that is `false` in 2xx bodies of failed calls.
    pub success_flag: Option<String>,
    /// What the provider says about retrying.
    pub retry: RetrySignals,
    /// How a create is made safe to retry.
    pub idempotency: Option<Idempotency>,
    /// The provider's request budget: requests per window of milliseconds.
    pub rate_limit: Option<(u32, u64)>,
    /// The provider's OAuth 2.0 authorization server, from `provider.toml` and the spec.
    pub oauth: Option<OAuthServer>,
    /// The environment variables `Client::from_env` reads credentials from.
    pub env: crate::manifest::EnvSection,
}

/// Where and how an application gets OAuth 2.0 tokens from a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OAuthServer {
    /// The authorization endpoint (empty: only the client-credentials grant).
    pub authorize_url: String,
    /// The token endpoint.
    pub token_url: String,
    /// What joins scopes.
    pub scope_separator: String,
    /// Parameters every authorization URL carries.
    pub authorize_params: Vec<(String, String)>,
    /// How the application authenticates at the token endpoint.
    pub client_auth: crate::manifest::OAuthClientAuth,
    /// Whether authorization requests carry a PKCE challenge.
    pub pkce: bool,
    /// A JSON Pointer into the token response to the connection's base URL.
    pub base_url_field: Option<String>,
}

/// What a provider says about retrying (`[retry]` in `provider.toml`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RetrySignals {
    /// A header whose `true`/`false` overrides the status (`Stripe-Should-Retry`).
    pub should_retry_header: Option<String>,
    /// Error codes that mean "try again later".
    pub retry_codes: Vec<String>,
    /// Error codes of an exhausted quota.
    pub quota_codes: Vec<String>,
    /// Headers counting what is left of a long quota.
    pub quota_headers: Vec<String>,
}

/// How a provider makes a create safe to retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Idempotency {
    /// A header holding a key (`Idempotency-Key`).
    Header(String),
    /// A top-level JSON body field holding a key (`idempotency_key`).
    BodyField(String),
}

impl Api {
    /// The type with id `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

/// A server URL, variables already substituted with their defaults.
#[derive(Debug, Clone, Serialize)]
pub struct Server {
    /// The URL.
    pub url: String,
    /// The URL as the spec writes it, variables in braces.
    pub template: String,
    /// Each variable's name and default.
    pub variables: Vec<(String, String)>,
    /// Its description.
    pub description: Option<String>,
}

/// An authentication scheme (`components/securitySchemes`).
#[derive(Debug, Clone, Serialize)]
pub struct SecurityScheme {
    /// The scheme's key in the spec, used by operations to refer to it.
    pub key: String,
    /// How credentials are sent.
    pub kind: SecurityKind,
}

/// How a scheme sends credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SecurityKind {
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
    /// `Authorization: Bearer <token>` (HTTP bearer).
    Bearer,
    /// OAuth 2.0: an access token sent as a bearer token, obtained by these flows.
    #[serde(rename = "oauth2")]
    OAuth2 {
        /// The flows the spec declares, in the spec's order.
        flows: Vec<OAuthFlow>,
    },
    /// OpenID Connect: an access token sent as a bearer token, from the provider its
    /// discovery document describes.
    OpenIdConnect {
        /// The discovery document (`/.well-known/openid-configuration`).
        discovery_url: String,
    },
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// A scheme the runtime cannot apply (it is reported, and requests go without it).
    Unsupported {
        /// What the spec declared.
        declared: String,
    },
}

/// One OAuth 2.0 flow of a scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OAuthFlow {
    /// Which grant.
    pub grant: OAuthGrant,
    /// The authorization endpoint (authorization code, implicit).
    pub authorization_url: Option<String>,
    /// The token endpoint (every grant but implicit).
    pub token_url: Option<String>,
    /// Where tokens are refreshed, when the spec names another endpoint.
    pub refresh_url: Option<String>,
    /// The scopes the flow offers, by name, in the spec's order, with their summaries.
    pub scopes: Vec<(String, Option<String>)>,
}

/// An OAuth 2.0 grant, as OpenAPI names its flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OAuthGrant {
    /// `authorizationCode`.
    AuthorizationCode,
    /// `clientCredentials`.
    ClientCredentials,
    /// `implicit`.
    Implicit,
    /// `password`.
    Password,
}

impl OAuthGrant {
    /// How the grant is named in prose.
    pub fn describe(self) -> &'static str {
        match self {
            OAuthGrant::AuthorizationCode => "authorization code",
            OAuthGrant::ClientCredentials => "client credentials",
            OAuthGrant::Implicit => "implicit",
            OAuthGrant::Password => "password",
        }
    }
}

/// One scheme of a security requirement, with the scopes the operation needs from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityRequirement {
    /// The scheme's key.
    pub scheme: String,
    /// The scopes required (OAuth 2.0 and OpenID Connect; roles for other schemes).
    pub scopes: Vec<String>,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyLocation {
    /// A header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A generated type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// Its index.
    pub id: TypeId,
    /// The Rust name, unique in the generated `types` module.
    pub name: String,
    /// Rustdoc text.
    pub doc: Option<String>,
    /// Where the schema was written.
    pub location: Location,
    /// The JSON Pointers (in the loaded spec) of every schema this type stands for: its
    /// own first, then those of identical copies merged into it, in order. Type hooks
    /// select types by these.
    pub schemas: Vec<String>,
    /// What is generated.
    pub kind: TypeKind,
}

/// What a [`TypeDef`] becomes in Rust.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(StructDef),
    /// A string enum with an `Unknown(String)` variant.
    StringEnum(StringEnumDef),
    /// An integer enum with an `Unknown(i64)` variant.
    IntEnum(IntEnumDef),
    /// A `oneOf`/`anyOf`.
    Union(UnionDef),
    /// `pub type Name = Target;`, or a newtype struct when the alias is recursive.
    Alias {
        /// The aliased type.
        target: TypeRef,
        /// Whether it must be a `#[serde(transparent)]` newtype (recursive aliases).
        newtype: bool,
    },
    /// An operation's responses (success or error) that differ by status.
    Responses(ResponsesDef),
    /// Not yet defined (only while building; never in a finished IR).
    Pending,
}

/// A struct.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, Hash)]
pub struct StructDef {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// The value type of other properties, collected in a map beside the fields.
    pub additional: Option<TypeRef>,
    /// Whether the spec declares other properties (`additionalProperties`), rather than
    /// saying nothing of them (they are then kept as JSON, unless configured away).
    pub additional_declared: bool,
    /// Whether the schema forbids other properties (`additionalProperties: false`).
    pub closed: bool,
    /// The XML element name, when the spec gives one.
    pub xml_name: Option<String>,
    /// Whether the struct is a request body sent as `multipart/form-data`.
    pub multipart: bool,
}

/// A struct field.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Field {
    /// The Rust identifier (`r#type` for keywords).
    pub name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// Rustdoc text.
    pub doc: Option<String>,
    /// The value type (without `Option`).
    pub ty: TypeRef,
    /// Whether the property must be present.
    pub required: bool,
    /// Whether the property may be `null`.
    pub nullable: bool,
    /// A default the field takes when absent, when it can be expressed.
    pub default: Option<DefaultValue>,
    /// The one value a required string property can take (Stripe's `object: "card"`,
    /// a discriminator): constructors fill it in rather than asking for it.
    pub constant: Option<String>,
    /// The one value the property can take (a `const` or a one-value `enum`), as text
    /// (numbers and booleans as JSON writes them): it tells union variants apart.
    pub single_value: Option<String>,
    /// Whether the property is read-only or write-only.
    pub access: Access,
    /// Whether the property is an XML attribute.
    pub xml_attribute: bool,
    /// A wrapped XML list (`<TagSet><Tag/><Tag/></TagSet>`).
    pub xml_list: Option<XmlList>,
    /// What the spec says of the value besides its type, in words for its rustdoc
    /// (`an RFC 3339 date-time`, `at most 18 characters`, `from 1 to 1000`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
}

/// Which direction a property travels in (`readOnly`, `writeOnly`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Both ways.
    ReadWrite,
    /// Sent by the API only: never required in what a client sends.
    ReadOnly,
    /// Sent to the API only: never required in what a client receives.
    WriteOnly,
}

/// How a wrapped XML list field is read and written.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct XmlList {
    /// The item element name.
    pub item: String,
}

/// A default value a field takes when the property is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Eq, Hash)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DefaultValue {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
}

/// A string enum.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct StringEnumDef {
    /// Known values.
    pub variants: Vec<EnumVariant>,
}

/// One known value of a string enum.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub value: String,
}

/// An integer enum.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct IntEnumDef {
    /// Known values.
    pub variants: Vec<IntVariant>,
}

/// One known value of an integer enum.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct IntVariant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub value: i64,
}

/// A union (`oneOf` / `anyOf`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct UnionDef {
    /// The tag property, when variants are told apart by one; untagged otherwise.
    pub tag: Option<String>,
    /// Variants, in the order an untagged union tries them.
    pub variants: Vec<UnionVariant>,
}

/// One variant of a union.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    /// The payload type.
    pub ty: TypeRef,
    /// Tag values that select this variant (tagged unions only).
    pub tag_values: Vec<String>,
    /// An enum in an untagged union that a later variant competes with: it matches only
    /// its known values, so that the later variant gets the others.
    pub known_only: bool,
}

/// How a field, variant or parameter refers to a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    /// A generated type.
    Named(TypeId),
    /// A built-in type.
    Primitive(Primitive),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Box<T>`, where recursion needs it.
    Boxed(Box<TypeRef>),
    /// `Option<T>`: an array item or map value that may be `null`.
    Nullable(Box<TypeRef>),
    /// `OrClear<T>`: a value, or the empty string that clears it (Stripe's
    /// `anyOf: [T, enum: [""]]`).
    Clearable(Box<TypeRef>),
}

/// Built-in types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Primitive {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `serde_json::Value`: anything.
    Json,
    /// Raw bytes: a file part in multipart bodies, a byte body otherwise.
    Binary,
    /// The empty string, the only value of `enum: [""]` (Stripe's "unset").
    EmptyString,
    /// An expandable reference: an id, or the object as JSON when the request expands it
    /// (Stripe's `x-expansionResources`).
    Expandable,
    /// Multipart parts the caller assembles (a multipart body whose schema is not an
    /// object).
    Parts,
}

/// A generated enum of an operation's responses by status.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct ResponsesDef {
    /// One variant per status (or range, or `default`).
    pub variants: Vec<ResponseVariant>,
}

/// One variant of a [`ResponsesDef`].
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct ResponseVariant {
    /// The Rust variant name (`Ok`, `Created`, `Status4xx`, `Default`, …).
    pub name: String,
    /// The response.
    pub response: Response,
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// Reads a path item key.
    pub fn from_key(key: &str) -> Option<Method> {
        Some(match key {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            "trace" => Method::Trace,
            _ => return None,
        })
    }

    /// The method as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One operation.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// `operationId`, or one made from the method and path.
    pub id: String,
    /// The client method name.
    pub name: String,
    /// The request builder type name.
    pub builder: String,
    /// HTTP method.
    pub method: Method,
    /// Path template, relative to the server URL (`/v1/customers/{customer}`).
    pub path: String,
    /// Rustdoc text.
    pub doc: Option<String>,
    /// Whether the spec marks it deprecated.
    pub deprecated: bool,
    /// Path, query, header and cookie parameters.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// What a 2xx response decodes to.
    pub success: Outcome,
    /// What an error response body decodes to.
    pub error: Outcome,
    /// Alternatives of schemes (each a set used together, with the scopes each needs);
    /// empty means no auth.
    pub security: Vec<Vec<SecurityRequirement>>,
    /// The spec's tags, for grouping.
    pub tags: Vec<String>,
    /// How it pages, when `provider.toml` says it does.
    pub paging: Option<Paging>,
    /// A server of its own (`servers` on the operation or its path item), which it is
    /// sent to instead of the API's.
    pub server: Option<String>,
    /// Where the operation was written.
    pub location: Location,
}

/// How a list operation pages (`[pagination]` in `provider.toml`), checked against the
/// operation: the cursor parameter exists, and the items pointer leads to a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paging {
    /// Where the next page is.
    pub next: NextPage,
    /// A flag that is `true` while more pages exist.
    pub has_more: Option<String>,
    /// The builder field of the cursor parameter (none: the next page is a URL, or comes
    /// from [`continue_with`](Self::continue_with)).
    pub cursor_param: Option<String>,
    /// Where a page's items are.
    pub items: ItemsPath,
    /// Another operation that gives the next page, given the cursor in its body.
    pub continue_with: Option<ContinueWith>,
}

/// The operation that gives a list's next page from the cursor (Dropbox's
/// `files/list_folder/continue`): it answers the same type, and its body is an object
/// whose only required property is the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContinueWith {
    /// The index of the operation in [`Api::operations`].
    pub operation: usize,
    /// The body property that carries the cursor, as sent (`cursor`).
    pub field: String,
}

/// Where a page says the next page is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextPage {
    /// A cursor at this pointer.
    Cursor {
        /// JSON Pointer in the page.
        pointer: String,
    },
    /// This field of the last item.
    LastItem {
        /// JSON Pointer in an item.
        field: String,
    },
    /// The next page's URL at this pointer.
    Url {
        /// JSON Pointer in the page.
        pointer: String,
    },
}

/// The items of a page: a JSON Pointer, and the struct fields it goes through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemsPath {
    /// The pointer (`/data`).
    pub pointer: String,
    /// The fields from the page type to the list, each with how it is held.
    pub steps: Vec<(String, FieldHolding)>,
    /// The type of one item.
    pub item: TypeRef,
}

/// How a struct holds a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldHolding {
    /// As it is.
    Plain,
    /// In an `Option`.
    Optional,
    /// In a `Nullable` (absent, null or a value).
    Nullable,
}

/// A resource: an accessor on the client (`customers()`) with verbs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    /// The accessor (`customers`).
    pub name: String,
    /// The type the accessor returns (`Customers`).
    pub type_name: String,
    /// The verbs, in name order.
    pub verbs: Vec<Verb>,
}

/// A verb: a method named for what it does, calling one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verb {
    /// The method (`create`).
    pub name: String,
    /// The index of the operation in [`Api::operations`].
    pub operation: usize,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

/// OpenAPI parameter serialisation styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamStyle {
    /// `form` (query, cookie default).
    Form,
    /// `simple` (path, header default).
    Simple,
    /// `label` (path).
    Label,
    /// `matrix` (path).
    Matrix,
    /// `spaceDelimited` (query arrays).
    SpaceDelimited,
    /// `pipeDelimited` (query arrays).
    PipeDelimited,
    /// `deepObject` (query objects, bracket notation).
    DeepObject,
}

/// An operation parameter.
#[derive(Debug, Clone, Serialize)]
pub struct Param {
    /// The Rust identifier.
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// Serialisation style.
    pub style: ParamStyle,
    /// Whether arrays and objects explode into several pairs.
    pub explode: bool,
    /// Rustdoc text.
    pub doc: Option<String>,
    /// The one value the parameter can take; the client sends it by itself.
    pub constant: Option<serde_json::Value>,
    /// `allowReserved`: reserved characters (`/` in an S3 key) are sent as they are.
    pub allow_reserved: bool,
    /// Declared with `content: application/json`: the value is sent as JSON text.
    pub as_json: bool,
}

/// How a body is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// JSON (`application/json`, `+json`).
    Json,
    /// `application/x-www-form-urlencoded`, nested objects in bracket notation.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// `multipart/related` (RFC 2387): each property a part with its own content type,
    /// in order (Drive's metadata part, then the media).
    Related,
    /// XML (`application/xml`, `text/xml`, `+xml`).
    Xml,
    /// Text (`text/plain`, other `text/*`).
    Text,
    /// Raw bytes (`application/octet-stream`, images, PDF, …).
    Binary,
    /// A response declared as `*/*` or `application/*` with a schema that is not binary:
    /// decoded as its own `Content-Type` says (JSON when it has none).
    AsSent,
}

/// How the properties of a form body are written (its `encoding`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormEncoding {
    /// The style of properties not listed.
    pub style: ParamStyle,
    /// Whether properties not listed explode.
    pub explode: bool,
    /// Properties written otherwise: name, style, explode.
    pub properties: Vec<(String, ParamStyle, bool)>,
}

/// An operation's request body.
#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    /// The content type sent.
    pub content_type: String,
    /// How it is encoded.
    pub media: MediaKind,
    /// How a form body's properties are written.
    pub form: Option<FormEncoding>,
    /// The content type of each multipart part the spec's `encoding` names (Drive's
    /// metadata part: `application/json; charset=UTF-8`), by property.
    pub part_types: Vec<(String, String)>,
    /// The Rust type of the body.
    pub ty: TypeRef,
    /// Whether the body must be sent.
    pub required: bool,
    /// Other content types the operation accepts, not generated.
    pub other_content_types: Vec<String>,
    /// Rustdoc text.
    pub doc: Option<String>,
}

/// Which responses a [`Response`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// A class: `4` for `4XX`.
    Range(u16),
    /// Any status the others do not cover.
    Default,
}

/// One declared response.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Response {
    /// The statuses it covers.
    pub status: StatusMatch,
    /// How its body is decoded; `None` for no body.
    pub media: Option<MediaKind>,
    /// The body type; `None` for no body.
    pub ty: Option<TypeRef>,
    /// Rustdoc text.
    pub doc: Option<String>,
}

/// What one side (success or error) of an operation decodes to.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing declared: success is `()`, an error body is kept as JSON if it parses.
    Unspecified,
    /// One body type (or none) whatever the status.
    Single(Response),
    /// A generated enum with one variant per status.
    ByStatus(TypeId),
}
