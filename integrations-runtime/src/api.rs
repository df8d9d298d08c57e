//! The static description of an API that generated code hands the runtime: its servers,
//! its auth schemes and how it reports errors.

/// What the runtime knows about one API. Generated code defines one `static API`.
#[derive(Debug, Clone, Copy)]
pub struct ApiDescription {
    /// Display name, used in errors and the `User-Agent`.
    pub name: &'static str,
    /// The spec's `info.version`.
    pub version: &'static str,
    /// Server URLs from the spec; the first is the default.
    pub servers: &'static [&'static str],
    /// An environment variable that overrides the base URL (`STRIPE_BASE_URL`).
    pub base_url_env: Option<&'static str>,
    /// Headers every request carries (`Square-Version`), unless the client sets its own.
    pub default_headers: &'static [(&'static str, &'static str)],
    /// Auth schemes, by the key operations refer to them with.
    pub security_schemes: &'static [SecurityScheme],
    /// Where error details sit in response bodies.
    pub errors: ErrorConvention,
}

/// One auth scheme of an API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's key in the spec.
    pub key: &'static str,
    /// How credentials are sent.
    pub kind: SchemeKind,
}

/// How a scheme sends credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2.0, OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, parameter or cookie name.
        name: &'static str,
    },
    /// A scheme the runtime cannot apply; requests go without it.
    Unsupported,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// Where an API puts error details, as JSON Pointers into response bodies.
///
/// Unset pointers fall back to common places (`/error/code`, `/code`, `/errors/0/code`,
/// `/message`, …).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErrorConvention {
    /// The provider's error code.
    pub code: Option<&'static str>,
    /// The human-readable message.
    pub message: Option<&'static str>,
    /// A boolean that is `false` in a 2xx body when the call failed (Slack's `/ok`).
    pub success_flag: Option<&'static str>,
}
