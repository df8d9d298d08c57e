//! The static description of an API that generated code hands the runtime: its servers,
//! its auth schemes, how it reports errors, and what its provider says about retries,
//! idempotency and rate limits.
//!
//! Generated code builds these with constructors and chained `const fn`s, never struct
//! literals (the types are `#[non_exhaustive]`): a newer runtime can add what it knows
//! about APIs without breaking a crate generated earlier.

use std::time::Duration;

pub use crate::limiter::RateBudget;
pub use crate::retry::RetryConvention;

/// What the runtime knows about one API. Generated code defines one `static API`.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ApiDescription {
    /// Display name, used in errors and the `User-Agent`.
    pub name: &'static str,
    /// The spec's `info.version`.
    pub version: &'static str,
    /// Server URLs from the spec; the first is the default.
    pub servers: &'static [&'static str],
    /// Servers some operations are sent to instead (Dropbox's content host), each a
    /// full base URL.
    pub operation_servers: &'static [&'static str],
    /// An environment variable that overrides the base URL (`STRIPE_BASE_URL`).
    pub base_url_env: Option<&'static str>,
    /// Headers every request carries (`Square-Version`), unless the client sets its own.
    pub default_headers: &'static [(&'static str, &'static str)],
    /// Auth schemes, by the key operations refer to them with.
    pub security_schemes: &'static [SecurityScheme],
    /// Where error details sit in response bodies.
    pub errors: ErrorConvention,
    /// What the provider says about retrying.
    pub retry: RetryConvention,
    /// How a non-idempotent request can be made safe to retry.
    pub idempotency: Idempotency,
    /// The provider's request budget, enforced before sending (overridable per client).
    pub rate_limit: Option<RateBudget>,
}

impl ApiDescription {
    /// An API called `name`, version `version`, with nothing else known yet.
    pub const fn new(name: &'static str, version: &'static str) -> Self {
        ApiDescription {
            name,
            version,
            servers: &[],
            operation_servers: &[],
            base_url_env: None,
            default_headers: &[],
            security_schemes: &[],
            errors: ErrorConvention::new(),
            retry: RetryConvention::NONE,
            idempotency: Idempotency::None,
            rate_limit: None,
        }
    }

    /// With these server URLs (the first is the default).
    pub const fn servers(mut self, servers: &'static [&'static str]) -> Self {
        self.servers = servers;
        self
    }

    /// With servers some operations are sent to instead of the default.
    pub const fn operation_servers(mut self, servers: &'static [&'static str]) -> Self {
        self.operation_servers = servers;
        self
    }

    /// With an environment variable that overrides the base URL.
    pub const fn base_url_env(mut self, variable: &'static str) -> Self {
        self.base_url_env = Some(variable);
        self
    }

    /// With headers every request carries.
    pub const fn default_headers(
        mut self,
        headers: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.default_headers = headers;
        self
    }

    /// With these auth schemes.
    pub const fn security_schemes(mut self, schemes: &'static [SecurityScheme]) -> Self {
        self.security_schemes = schemes;
        self
    }

    /// With this error convention.
    pub const fn errors(mut self, errors: ErrorConvention) -> Self {
        self.errors = errors;
        self
    }

    /// With this retry convention.
    pub const fn retry(mut self, retry: RetryConvention) -> Self {
        self.retry = retry;
        self
    }

    /// With this idempotency mechanism.
    pub const fn idempotency(mut self, idempotency: Idempotency) -> Self {
        self.idempotency = idempotency;
        self
    }

    /// With a request budget of `requests` per `window_millis` milliseconds.
    pub const fn rate_limit(mut self, requests: u32, window_millis: u64) -> Self {
        self.rate_limit = Some(RateBudget::new(
            requests,
            Duration::from_millis(window_millis),
        ));
        self
    }
}

/// How a provider lets a client retry a request that creates something without creating
/// it twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Idempotency {
    /// No mechanism: a create is not retried once it may have reached the server.
    None,
    /// A header holding a key the provider remembers (`Idempotency-Key`,
    /// `PayPal-Request-Id`).
    Header(&'static str),
    /// A top-level JSON body field holding the key, filled in when the caller left it
    /// empty (Square's `idempotency_key`).
    BodyField(&'static str),
}

/// One auth scheme of an API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecurityScheme {
    /// The scheme's key in the spec.
    pub key: &'static str,
    /// How credentials are sent.
    pub kind: SchemeKind,
}

impl SecurityScheme {
    /// The scheme `key`, sending credentials as `kind` says.
    pub const fn new(key: &'static str, kind: SchemeKind) -> Self {
        SecurityScheme { key, kind }
    }
}

/// How a scheme sends credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2.0, OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in a header, query parameter or cookie.
    #[non_exhaustive]
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, parameter or cookie name.
        name: &'static str,
    },
    /// A scheme the runtime cannot apply; requests go without it.
    Unsupported,
}

impl SchemeKind {
    /// An API key sent in `location` under `name`.
    pub const fn api_key(location: ApiKeyLocation, name: &'static str) -> Self {
        SchemeKind::ApiKey { location, name }
    }
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
#[non_exhaustive]
pub struct ErrorConvention {
    /// The provider's error code.
    pub code: Option<&'static str>,
    /// Where the code is when `code` finds none.
    pub code_fallback: Option<&'static str>,
    /// The human-readable message.
    pub message: Option<&'static str>,
    /// A boolean that is `false` in a 2xx body when the call failed (Slack's `/ok`).
    pub success_flag: Option<&'static str>,
}

impl ErrorConvention {
    /// No pointers: the common places are tried.
    pub const fn new() -> Self {
        ErrorConvention {
            code: None,
            code_fallback: None,
            message: None,
            success_flag: None,
        }
    }

    /// The error code is at `pointer`.
    pub const fn code(mut self, pointer: &'static str) -> Self {
        self.code = Some(pointer);
        self
    }

    /// Where the code is when the one [`code`](Self::code) names is absent (PayPal: an
    /// issue's `/details/0/issue`, else the error's `/name`).
    pub const fn code_fallback(mut self, pointer: &'static str) -> Self {
        self.code_fallback = Some(pointer);
        self
    }

    /// The message is at `pointer`.
    pub const fn message(mut self, pointer: &'static str) -> Self {
        self.message = Some(pointer);
        self
    }

    /// A 2xx body whose boolean at `pointer` is `false` is a failed call.
    pub const fn success_flag(mut self, pointer: &'static str) -> Self {
        self.success_flag = Some(pointer);
        self
    }
}
