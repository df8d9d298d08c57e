//! Building a client: base URL, credentials, timeouts, default headers, retries, rate
//! limits, the response cache, and the HTTP client underneath.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::api::{ApiDescription, SchemeKind, SecurityScheme};
use crate::error::BuildError;
use crate::limiter::{RateBudget, RateLimiter, TokenBucket};
use crate::retry::RetryPolicy;
use crate::seams::{BeforeSend, CredentialSource};
use crate::secret::Secret;
use crate::time::{Timer, TokioTimer};

use super::auth::{Credential, Given, Prepared, Slot, Sourced, Target, kind_matches};
use super::cache::Cache;
use super::{Client, Inner};

/// A connection's base URL (Salesforce's `instance_url`, Pipedrive's `api_domain`: a
/// host) with the path of the API's default server (`/services/data/v63.0`), when the
/// connection's URL has no path of its own.
fn with_server_path(connection: &str, server: Option<&str>) -> String {
    let has_path = reqwest::Url::parse(connection)
        .map(|url| !url.path().trim_matches('/').is_empty())
        .unwrap_or(true);
    let path = server
        .and_then(|server| reqwest::Url::parse(server).ok())
        .map(|url| url.path().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    if has_path || path.is_empty() {
        return connection.to_owned();
    }
    format!("{}{path}", connection.trim_end_matches('/'))
}

/// `url` parsed as a base URL: absolute, http or https.
fn parse_base(url: &str) -> Result<reqwest::Url, BuildError> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(parsed),
        Ok(parsed) => Err(BuildError(format!(
            "base URL `{url}` has scheme `{}`; use http or https",
            parsed.scheme()
        ))),
        Err(e) => Err(BuildError(format!(
            "base URL `{url}` is not an absolute URL: {e}"
        ))),
    }
}

/// Where operation server `server` is reached when the client's base URL is `base`: the
/// server itself when `base` is the spec's `default` server; otherwise `base`'s scheme,
/// host and port, with what `base` puts in front of the default server's path, then the
/// server's own path.
fn moved_like_base(
    server: &str,
    default: Option<&str>,
    base: &reqwest::Url,
) -> Result<String, BuildError> {
    let trimmed = |url: &str| url.trim_end_matches('/').to_owned();
    if default.map(trimmed) == Some(trimmed(base.as_str())) {
        return Ok(server.to_owned());
    }
    let server_url = parse_base(server)?;
    let default_path = default
        .and_then(|url| reqwest::Url::parse(url).ok())
        .map(|url| url.path().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let base_path = base.path().trim_end_matches('/');
    let prefix = base_path.strip_suffix(&default_path).unwrap_or(base_path);
    let mut moved = base.clone();
    moved.set_path(&format!(
        "{prefix}{}",
        server_url.path().trim_end_matches('/')
    ));
    moved.set_query(None);
    Ok(moved.as_str().to_owned())
}

/// The largest body read into memory unless the builder says otherwise.
const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// Builds a [`Client`] (or a generated client `C` made from one).
#[must_use]
pub struct ClientBuilder<C = Client> {
    api: &'static ApiDescription,
    base_url: Option<String>,
    /// The base URL an OAuth connection's token response named.
    connection_base_url: Option<String>,
    /// Base URLs chosen for operation servers, by the spec's URL.
    operation_servers: Vec<(String, String)>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    max_response_bytes: Option<usize>,
    headers: Vec<(String, String)>,
    credentials: Vec<(Target, Given)>,
    before_send: Vec<Arc<dyn BeforeSend>>,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    rate_limit: RateLimit,
    timer: Arc<dyn Timer>,
    cache_ttl: Option<Duration>,
    /// Tokens `from_env` arranged to fetch, made into a source by `build`.
    #[cfg(feature = "oauth")]
    pending_oauth: Option<super::env::PendingOAuth>,
    marker: PhantomData<fn() -> C>,
}

/// Where a client's rate limit comes from.
enum RateLimit {
    /// The provider's budget from `provider.toml`, if it has one.
    FromApi,
    /// This budget.
    Budget(RateBudget),
    /// A limiter of the caller's (shared by several clients or processes).
    Custom(Arc<dyn RateLimiter>),
    /// None.
    Off,
}

impl<C> std::fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &self.api.name)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl<C> ClientBuilder<C> {
    /// The cache TTL the seed configuration names (5 minutes), for
    /// [`cache`](Self::cache).
    pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(5 * 60);
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder for `api`, with no credentials, the base URL from the API's environment
    /// variable when set (else its first server), and the defaults: a 30 s timeout per
    /// attempt, 10 s to connect, bodies read into memory up to 64 MiB, three retries
    /// (1 s base delay, full jitter, 30 s cap, 120 s deadline), the provider's rate limit
    /// when `provider.toml` gives one, and no response cache.
    pub fn new(api: &'static ApiDescription) -> Self {
        ClientBuilder {
            api,
            base_url: None,
            connection_base_url: None,
            operation_servers: Vec::new(),
            timeout: Some(Duration::from_secs(30)),
            connect_timeout: Duration::from_secs(10),
            max_response_bytes: Some(DEFAULT_MAX_RESPONSE_BYTES),
            headers: Vec::new(),
            credentials: Vec::new(),
            before_send: Vec::new(),
            http: None,
            retry: RetryPolicy::default(),
            rate_limit: RateLimit::FromApi,
            timer: Arc::new(TokioTimer),
            cache_ttl: None,
            #[cfg(feature = "oauth")]
            pending_oauth: None,
            marker: PhantomData,
        }
    }

    /// The API this builder builds a client for.
    /// The base URL set so far, if one is (not the API's default).
    #[cfg_attr(not(feature = "oauth"), allow(dead_code))]
    /// Fetches tokens as `from_env` arranged, once the client is built.
    #[cfg(feature = "oauth")]
    pub(super) fn pending_oauth(mut self, pending: super::env::PendingOAuth) -> Self {
        self.pending_oauth = Some(pending);
        self
    }

    pub(crate) fn api_description(&self) -> &'static ApiDescription {
        self.api
    }

    /// Sends requests to `url` (a mock server, a sandbox, a regional host).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The longest a request may take, from sending to the end of the body (`None`: no
    /// limit).
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body read into memory (to decode it, or as an error body);
    /// a larger one is a [`TransportError`](crate::TransportError) rather than an
    /// allocation the server controls. Bodies read as streams are not limited. Default:
    /// 64 MiB; `None` removes the limit.
    pub fn max_response_bytes(mut self, limit: impl Into<Option<usize>>) -> Self {
        self.max_response_bytes = limit.into();
        self
    }

    /// How calls are retried (default: [`RetryPolicy::default`]); a call can override it.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Limits requests to `budget` before they are sent, shared by every clone of the
    /// client (instead of the provider's budget from `provider.toml`).
    pub fn rate_limit(mut self, budget: RateBudget) -> Self {
        self.rate_limit = RateLimit::Budget(budget);
        self
    }

    /// Limits requests with a limiter of the caller's (to share one budget between
    /// several clients or processes).
    pub fn rate_limiter(mut self, limiter: Arc<dyn RateLimiter>) -> Self {
        self.rate_limit = RateLimit::Custom(limiter);
        self
    }

    /// Sends requests as soon as they are made: no client-side rate limit.
    pub fn no_rate_limit(mut self) -> Self {
        self.rate_limit = RateLimit::Off;
        self
    }

    /// Keeps successful GET responses for `ttl` (the seed's is
    /// [`DEFAULT_CACHE_TTL`](Self::DEFAULT_CACHE_TTL), 5 minutes), keyed by the URL, the
    /// credentials and the request's headers, and answers repeated GETs from them; a
    /// response with `Cache-Control: no-store` (or `no-cache`, `private`) is not
    /// kept, nor are errors or other methods. Off by default.
    pub fn cache(mut self, ttl: Duration) -> Self {
        self.cache_ttl = Some(ttl);
        self
    }

    /// The clock and sleep the client waits with (retries, rate limits): tests give a
    /// [`ManualTimer`](crate::time::ManualTimer).
    pub fn timer(mut self, timer: Arc<dyn Timer>) -> Self {
        self.timer = timer;
        self
    }

    /// Adds a header to every request; a later call for the same name (in any case)
    /// replaces the earlier value.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.headers
            .retain(|(earlier, _)| !earlier.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// Authenticates with a bearer token, for every bearer (and OAuth 2.0) scheme.
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials.push((
            Target::AllOfKind,
            Given::Fixed(Credential::Bearer(token.into())),
        ));
        self
    }

    /// Authenticates every bearer (and OAuth 2.0) scheme with a token asked from `source`
    /// on every attempt, so that it can be refreshed between attempts; when the provider
    /// refuses it (401) and the source has a fresh one, the request is replayed once.
    pub fn bearer_source(mut self, source: Arc<dyn CredentialSource>) -> Self {
        self.credentials
            .push((Target::AllOfKind, Given::Source(source)));
        self
    }

    /// Authenticates every bearer (and OAuth 2.0) scheme with `connection`'s token
    /// (refreshed as it needs), and sends requests to the base URL its token response
    /// named (Salesforce's `instance_url`, Pipedrive's `api_domain`) unless
    /// [`base_url`](Self::base_url) or the API's environment variable says otherwise.
    #[cfg(feature = "oauth")]
    pub fn connection(mut self, connection: crate::oauth::Connection) -> Self {
        self.connection_base_url = connection.base_url();
        self.bearer_source(Arc::new(connection))
    }

    /// Authenticates one scheme (by its key in the spec) with credentials asked from
    /// `source` on every attempt.
    pub fn credential_source(
        mut self,
        scheme: impl Into<String>,
        source: Arc<dyn CredentialSource>,
    ) -> Self {
        self.credentials
            .push((Target::Scheme(scheme.into()), Given::Source(source)));
        self
    }

    /// Runs `hook` on every attempt just before it is sent (after credentials are applied):
    /// to sign the request, add a header, or refuse to send it. Hooks run in the order
    /// they are added.
    pub fn before_send(mut self, hook: Arc<dyn BeforeSend>) -> Self {
        self.before_send.push(hook);
        self
    }

    /// Authenticates with HTTP Basic, for every basic scheme.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        let credential = Credential::Basic {
            user: user.into(),
            password: password.into(),
        };
        self.credentials
            .push((Target::AllOfKind, Given::Fixed(credential)));
        self
    }

    /// Authenticates with an API key, for every API key scheme.
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.credentials.push((
            Target::AllOfKind,
            Given::Fixed(Credential::ApiKey(key.into())),
        ));
        self
    }

    /// Sets the credential of one scheme, by its key in the spec.
    pub fn credential(mut self, scheme: impl Into<String>, credential: Credential) -> Self {
        self.credentials
            .push((Target::Scheme(scheme.into()), Given::Fixed(credential)));
        self
    }

    /// Sends requests with this `reqwest` client (to share a pool across APIs, or to
    /// configure TLS and proxies). The builder's timeout still applies per request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sends the operations the spec sends to `server` (an operation server, such as
    /// Dropbox's `https://content.dropboxapi.com/2`) to `url` instead.
    ///
    /// Without this, they go to the spec's URL, unless the base URL is overridden (by
    /// [`base_url`](Self::base_url), the API's environment variable or a connection):
    /// then they go to the override's scheme, host and port, with the operation server's
    /// path under what the override puts in front of the default server's path. With the
    /// default `https://api.dropboxapi.com/2` overridden by `http://127.0.0.1:8080/2`,
    /// `https://content.dropboxapi.com/2` becomes `http://127.0.0.1:8080/2`.
    pub fn operation_server(mut self, server: impl Into<String>, url: impl Into<String>) -> Self {
        self.operation_servers.push((server.into(), url.into()));
        self
    }

    /// Builds the client.
    pub fn build(mut self) -> Result<C, BuildError> {
        let api = self.api;
        // The builder's URL, the environment's, the connection's, the spec's first.
        let base_url = match (
            &self.base_url,
            api.base_url_env.and_then(|var| std::env::var(var).ok()),
            &self.connection_base_url,
        ) {
            (Some(url), _, _) => url.clone(),
            (None, Some(url), _) if !url.trim().is_empty() => url,
            (None, _, Some(url)) => with_server_path(url, api.servers.first().copied()),
            _ => api
                .servers
                .first()
                .map(|s| (*s).to_owned())
                .ok_or_else(|| {
                    BuildError(format!(
                        "{} names no server: set a base URL with `base_url`",
                        api.name
                    ))
                })?,
        };
        let base_url = base_url.trim_end_matches('/').to_owned();
        #[cfg(feature = "oauth")]
        if let Some(pending) = self.pending_oauth.take() {
            let source = pending.source(api.servers.first().copied(), &base_url)?;
            self.credentials
                .push((Target::AllOfKind, Given::Source(source)));
        }
        let base = parse_base(&base_url)?;
        let mut operation_bases = Vec::with_capacity(api.operation_servers.len());
        for server in api.operation_servers {
            let chosen = self
                .operation_servers
                .iter()
                .rev()
                .find(|(from, _)| from.trim_end_matches('/') == server.trim_end_matches('/'))
                .map(|(_, to)| to.clone());
            let url = match chosen {
                Some(url) => url,
                None => moved_like_base(server, api.servers.first().copied(), &base)?,
            };
            let url = url.trim_end_matches('/').to_owned();
            let parsed = parse_base(&url)?;
            operation_bases.push((*server, url, parsed));
        }
        if let Some((unknown, _)) = self.operation_servers.iter().find(|(from, _)| {
            !api.operation_servers
                .iter()
                .any(|s| s.trim_end_matches('/') == from.trim_end_matches('/'))
        }) {
            let known = if api.operation_servers.is_empty() {
                "none".to_owned()
            } else {
                api.operation_servers.join(", ")
            };
            return Err(BuildError(format!(
                "`{unknown}` is not one of {}'s operation servers ({known})",
                api.name
            )));
        }
        let mut default_headers = HeaderMap::new();
        let api_headers = api
            .default_headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()));
        let own_names: Vec<String> = self
            .headers
            .iter()
            .map(|(n, _)| n.to_ascii_lowercase())
            .collect();
        let api_headers: Vec<(String, String)> = api_headers
            .filter(|(n, _)| !own_names.contains(&n.to_ascii_lowercase()))
            .collect();
        for (name, value) in api_headers.iter().chain(&self.headers) {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| BuildError(format!("header name `{name}`: {e}")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|e| BuildError(format!("value of header `{name}`: {e}")))?;
            default_headers.append(header, value);
        }
        let mut credentials: Vec<(&'static str, Slot)> = Vec::new();
        let mut fallback = None;
        // A credential for one scheme, as the client keeps it.
        let slot = |given: &Given, key: &'static str, kind: Option<&'static SchemeKind>| {
            Ok::<_, BuildError>(match given {
                Given::Fixed(credential) => Slot::Fixed(Prepared::new(credential, kind)?),
                Given::Source(source) => Slot::Source(Sourced {
                    source: source.clone(),
                    key,
                    kind,
                }),
            })
        };
        for (target, given) in self.credentials {
            match target {
                Target::Scheme(key) => {
                    let scheme = api
                        .security_schemes
                        .iter()
                        .find(|s| s.key == key)
                        .ok_or_else(|| {
                            let known: Vec<&str> =
                                api.security_schemes.iter().map(|s| s.key).collect();
                            BuildError(format!(
                                "{} has no auth scheme `{key}` (it has: {})",
                                api.name,
                                known.join(", ")
                            ))
                        })?;
                    credentials.retain(|(k, _)| *k != scheme.key);
                    credentials.push((scheme.key, slot(&given, scheme.key, Some(&scheme.kind))?));
                }
                Target::AllOfKind => {
                    // A source stands for a bearer token.
                    let probe = match &given {
                        Given::Fixed(credential) => credential.clone(),
                        Given::Source(_) => Credential::Bearer(Secret::new("")),
                    };
                    let matching: Vec<&'static SecurityScheme> = api
                        .security_schemes
                        .iter()
                        .filter(|s| kind_matches(&s.kind, &probe))
                        .collect();
                    if matching.is_empty() {
                        if matches!(probe, Credential::ApiKey(_)) {
                            return Err(BuildError(format!(
                                "{} declares no API key scheme, so there is nowhere to send the key",
                                api.name
                            )));
                        }
                        fallback = Some(slot(&given, "", None)?);
                    }
                    for scheme in matching {
                        credentials.retain(|(k, _)| *k != scheme.key);
                        credentials
                            .push((scheme.key, slot(&given, scheme.key, Some(&scheme.kind))?));
                    }
                }
            }
        }
        let http = match self.http.take() {
            Some(http) => http,
            None => {
                // Our own client carries the default headers, so requests do not copy them.
                let headers = std::mem::take(&mut default_headers);
                crate::install_tls_provider();
                reqwest::Client::builder()
                    .default_headers(headers)
                    .connect_timeout(self.connect_timeout)
                    .user_agent(concat!("integrations-runtime/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| BuildError(format!("cannot start the HTTP client: {e}")))?
            }
        };
        let limiter: Option<Arc<dyn RateLimiter>> = match self.rate_limit {
            RateLimit::FromApi => api.rate_limit.map(|budget| {
                Arc::new(TokenBucket::new(budget, self.timer.clone())) as Arc<dyn RateLimiter>
            }),
            RateLimit::Budget(budget) => {
                Some(Arc::new(TokenBucket::new(budget, self.timer.clone())))
            }
            RateLimit::Custom(limiter) => Some(limiter),
            RateLimit::Off => None,
        };
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                api,
                http,
                base_url,
                base,
                operation_bases,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
                default_headers,
                credentials,
                fallback,
                before_send: self.before_send,
                retry: self.retry,
                limiter,
                cache: self.cache_ttl.map(Cache::new),
                timer: self.timer,
            }),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::{moved_like_base, with_server_path};

    #[test]
    fn an_operation_server_moves_with_an_overridden_base_url() {
        let moved = |server: &str, default: &str, base: &str| {
            moved_like_base(server, Some(default), &reqwest::Url::parse(base).unwrap()).unwrap()
        };
        let (content, api) = (
            "https://content.dropboxapi.com/2",
            "https://api.dropboxapi.com/2",
        );
        // Not overridden: the spec's own server.
        assert_eq!(moved(content, api, api), content);
        assert_eq!(
            moved(content, api, "https://api.dropboxapi.com/2/"),
            content
        );
        // Overridden: the override's host, the server's path.
        assert_eq!(
            moved(content, api, "http://127.0.0.1:8080/2"),
            "http://127.0.0.1:8080/2"
        );
        assert_eq!(
            moved(content, api, "https://proxy.internal/dropbox/2"),
            "https://proxy.internal/dropbox/2"
        );
        let (upload, drive) = (
            "https://www.googleapis.com/upload/drive/v3",
            "https://www.googleapis.com/drive/v3",
        );
        assert_eq!(
            moved(upload, drive, "http://localhost:9000/drive/v3"),
            "http://localhost:9000/upload/drive/v3"
        );
        // An override that does not end with the default's path keeps all of its own.
        assert_eq!(
            moved(upload, drive, "http://localhost:9000/mock"),
            "http://localhost:9000/mock/upload/drive/v3"
        );
        assert!(
            moved_like_base(
                "not a url",
                Some(api),
                &reqwest::Url::parse("http://a/2").unwrap()
            )
            .is_err()
        );
    }

    #[test]
    fn a_connection_host_takes_the_servers_path_and_a_connection_path_is_kept() {
        let server = Some("https://MyDomainName.my.salesforce.com/services/data/v63.0");
        assert_eq!(
            with_server_path("https://acme.my.salesforce.com", server),
            "https://acme.my.salesforce.com/services/data/v63.0"
        );
        assert_eq!(
            with_server_path("https://acme.my.salesforce.com/", server),
            "https://acme.my.salesforce.com/services/data/v63.0"
        );
        assert_eq!(
            with_server_path("https://acme.pipedrive.com/api/v2", server),
            "https://acme.pipedrive.com/api/v2"
        );
        assert_eq!(
            with_server_path("https://acme.example.com", Some("https://api.example.com")),
            "https://acme.example.com"
        );
        assert_eq!(
            with_server_path("https://acme.example.com", None),
            "https://acme.example.com"
        );
    }
}
