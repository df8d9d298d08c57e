//! Configuring a client from the environment: which variables hold its credentials and
//! base URL (generated per provider from `provider.toml`), and reading them strictly, so
//! that a missing, empty or mangled variable is an error naming it rather than a request
//! the provider refuses later.

use crate::error::BuildError;
use crate::secret::Secret;

use super::builder::ClientBuilder;
use super::env_server::{EnvServer, origin_of};

/// The environment variables a provider's `Client::from_env` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvVars {
    /// A bearer token, for every bearer and OAuth 2.0 scheme.
    pub bearer: Option<&'static str>,
    /// HTTP Basic user and password.
    pub basic: Option<(&'static str, &'static str)>,
    /// An API key, for every API key scheme.
    pub api_key: Option<&'static str>,
    /// A variable choosing the environment (`PAYPAL_MODE`), and each environment's base
    /// URL (`("sandbox", "https://api-m.sandbox.paypal.com")`).
    pub mode: Option<(&'static str, &'static [(&'static str, &'static str)])>,
    /// Where a token comes from when the bearer variable is not set: the application's
    /// credentials at the provider's token endpoint.
    pub oauth: Option<EnvOAuth>,
    /// A variable for each server some operations are sent to (the server as the spec
    /// names it, and the variable holding the URL to send them to instead).
    pub servers: &'static [(&'static str, &'static str)],
    /// The spec's server filled from variables, when the base URL variable is not set.
    pub server: Option<EnvServer>,
    /// A header sent on every request, and the variable holding its value, when set.
    pub headers: &'static [(&'static str, &'static str)],
}

/// The variables of an OAuth 2.0 application, from which a client fetches its own tokens
/// when no bearer token is given: by the client-credentials grant (PayPal), or by
/// refreshing a refresh token (Google Drive, Dropbox, Salesforce).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvOAuth {
    /// The provider's authorization server.
    pub provider: &'static crate::OAuthProvider,
    /// The client id.
    pub client_id: &'static str,
    /// The client secret.
    pub client_secret: &'static str,
    /// A refresh token; without one, the client-credentials grant.
    pub refresh_token: Option<&'static str>,
    /// A variable holding the URL of the authorization server to use instead of the
    /// provider's default one (`SALESFORCE_LOGIN_URL=https://test.salesforce.com`): its
    /// scheme, host and port replace the token endpoint's.
    pub token_origin: Option<&'static str>,
}

impl EnvOAuth {
    /// The client-credentials grant, with the application's id and secret in
    /// `client_id` and `client_secret`.
    pub const fn client_credentials(
        provider: &'static crate::OAuthProvider,
        client_id: &'static str,
        client_secret: &'static str,
    ) -> Self {
        EnvOAuth {
            provider,
            client_id,
            client_secret,
            refresh_token: None,
            token_origin: None,
        }
    }

    /// Refreshing the refresh token in `refresh_token`, with the application's id and
    /// secret in `client_id` and `client_secret`.
    pub const fn refresh(
        provider: &'static crate::OAuthProvider,
        client_id: &'static str,
        client_secret: &'static str,
        refresh_token: &'static str,
    ) -> Self {
        EnvOAuth {
            provider,
            client_id,
            client_secret,
            refresh_token: Some(refresh_token),
            token_origin: None,
        }
    }

    /// The authorization server's scheme, host and port from the URL in `variable`, when
    /// it is set.
    pub const fn token_origin(mut self, variable: &'static str) -> Self {
        self.token_origin = Some(variable);
        self
    }
}

impl EnvVars {
    /// No variables.
    pub const fn new() -> Self {
        EnvVars {
            bearer: None,
            basic: None,
            api_key: None,
            mode: None,
            oauth: None,
            servers: &[],
            server: None,
            headers: &[],
        }
    }

    /// For each `(header, variable)`: `header` goes on every request, with the value in
    /// `variable`, when it is set (it wins over the API's own default for the header).
    pub const fn headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Self {
        self.headers = headers;
        self
    }

    /// The spec's server filled from variables (see [`EnvServer`]) when the base URL
    /// variable is not set.
    pub const fn server(mut self, server: EnvServer) -> Self {
        self.server = Some(server);
        self
    }

    /// For each `(server, variable)`: the operations sent to `server` (a server of an
    /// operation in the spec) go to the URL in `variable` when it is set.
    pub const fn servers(mut self, servers: &'static [(&'static str, &'static str)]) -> Self {
        self.servers = servers;
        self
    }

    /// Tokens fetched with the application's credentials (see [`EnvOAuth`]) when the
    /// bearer variable is not set.
    pub const fn oauth(mut self, oauth: EnvOAuth) -> Self {
        self.oauth = Some(oauth);
        self
    }

    /// A bearer token in `variable`.
    pub const fn bearer(mut self, variable: &'static str) -> Self {
        self.bearer = Some(variable);
        self
    }

    /// HTTP Basic credentials: the user in `user`, the password in `password`.
    pub const fn basic(mut self, user: &'static str, password: &'static str) -> Self {
        self.basic = Some((user, password));
        self
    }

    /// An API key in `variable`.
    pub const fn api_key(mut self, variable: &'static str) -> Self {
        self.api_key = Some(variable);
        self
    }

    /// The environment named in `variable`, one of `choices` (a name and its base
    /// URL), when the base URL variable is not set. Names match without regard to case.
    pub const fn mode(
        mut self,
        variable: &'static str,
        choices: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.mode = Some((variable, choices));
        self
    }
}

impl Default for EnvVars {
    fn default() -> Self {
        Self::new()
    }
}

/// What is wrong with an environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EnvProblem {
    /// It is not set.
    Missing,
    /// It is set to nothing (or only spaces).
    Empty,
    /// It is not valid UTF-8.
    NotUnicode,
    /// Its value cannot be what it should hold; the reason, without the value.
    Malformed(String),
    /// It is not set, and neither are the variables that could stand in for it.
    MissingWithAlternatives(Vec<&'static str>),
    /// It is set, but using it needs a cargo feature of the runtime that is off.
    NeedsFeature(&'static str),
    /// It is not set, and neither are the variables that would stand in for it.
    MissingWithStandIns(Vec<&'static str>),
}

impl std::fmt::Display for EnvProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EnvProblem::Missing => f.write_str("is not set"),
            EnvProblem::Empty => f.write_str("is empty"),
            EnvProblem::NotUnicode => f.write_str("is not valid UTF-8"),
            EnvProblem::Malformed(reason) => write!(f, "is malformed: {reason}"),
            EnvProblem::MissingWithAlternatives(others) => {
                let others: Vec<String> = others.iter().map(|v| format!("`{v}`")).collect();
                write!(
                    f,
                    "is not set, nor are {}, from which a token could be fetched",
                    others.join(" and ")
                )
            }
            EnvProblem::MissingWithStandIns(others) => match others.as_slice() {
                [] => f.write_str("is not set, and nothing would stand in for it"),
                [other] => write!(
                    f,
                    "is not set, and neither is `{other}`, which would stand in for it"
                ),
                others => {
                    let others: Vec<String> = others.iter().map(|v| format!("`{v}`")).collect();
                    write!(
                        f,
                        "is not set, nor are {}, which would stand in for it",
                        others.join(" and ")
                    )
                }
            },
            EnvProblem::NeedsFeature(feature) => write!(
                f,
                "is set, but fetching a token with it needs the runtime's `{feature}` feature"
            ),
        }
    }
}

/// Why `from_env` could not configure a client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FromEnvError {
    /// A variable is missing or wrong.
    #[error("environment variable `{variable}` {problem}")]
    Variable {
        /// The variable.
        variable: &'static str,
        /// What is wrong with it.
        problem: EnvProblem,
    },
    /// The variables were read, but the client cannot be built from them.
    #[error(transparent)]
    Build(#[from] BuildError),
}

impl FromEnvError {
    /// The variable at fault, if one is.
    pub fn variable(&self) -> Option<&'static str> {
        match self {
            FromEnvError::Variable { variable, .. } => Some(variable),
            FromEnvError::Build(_) => None,
        }
    }
}

/// Reads `variable` through `read` (the process environment, or a test's map).
fn read(
    variable: &'static str,
    lookup: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> Result<Option<String>, FromEnvError> {
    let fail = |problem| FromEnvError::Variable { variable, problem };
    let Some(value) = lookup(variable) else {
        return Ok(None);
    };
    let value = value
        .into_string()
        .map_err(|_| fail(EnvProblem::NotUnicode))?;
    if value.trim().is_empty() {
        return Err(fail(EnvProblem::Empty));
    }
    Ok(Some(value))
}

/// The URL in `variable`, trimmed: an `http(s)` URL with a host.
fn http_url(variable: &'static str, url: &str) -> Result<String, FromEnvError> {
    parse_http_url(variable, url)?;
    Ok(url.trim().to_owned())
}

/// The URL in `variable`, trimmed and parsed: an `http(s)` URL with a host.
pub(super) fn parse_http_url(
    variable: &'static str,
    url: &str,
) -> Result<reqwest::Url, FromEnvError> {
    let malformed = |reason: String| FromEnvError::Variable {
        variable,
        problem: EnvProblem::Malformed(reason),
    };
    match reqwest::Url::parse(url.trim()) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => {
            Ok(parsed)
        }
        Ok(_) => Err(malformed(
            "it is not an http:// or https:// URL with a host".to_owned(),
        )),
        Err(e) => Err(malformed(format!("it is not a URL ({e})"))),
    }
}

/// The value of a header in `variable`, trimmed: visible characters and spaces.
fn header_value(variable: &'static str, value: &str) -> Result<String, FromEnvError> {
    let value = value.trim();
    if value.chars().any(|c| c.is_control())
        || reqwest::header::HeaderValue::from_str(value).is_err()
    {
        return Err(FromEnvError::Variable {
            variable,
            problem: EnvProblem::Malformed(
                "it holds a line break or a character a header cannot carry".to_owned(),
            ),
        });
    }
    Ok(value.to_owned())
}

/// `variable`, which must be set, as a credential: one line of visible characters.
fn credential(
    variable: &'static str,
    lookup: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> Result<String, FromEnvError> {
    let value = read(variable, lookup)?.ok_or(FromEnvError::Variable {
        variable,
        problem: EnvProblem::Missing,
    })?;
    credential_value(variable, value)
}

/// `value`, read from `variable`, as a credential: one line of visible characters.
fn credential_value(variable: &'static str, value: String) -> Result<String, FromEnvError> {
    if let Some(bad) = value.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let what = match bad {
            '\n' | '\r' => "a line break",
            c if c.is_control() => "a control character",
            _ => "white space",
        };
        return Err(FromEnvError::Variable {
            variable,
            problem: EnvProblem::Malformed(format!(
                "it holds {what} (a credential is one word: was it pasted with a newline or quotes?)"
            )),
        });
    }
    if value.len() >= 2
        && (value.starts_with('"') && value.ends_with('"')
            || value.starts_with('\'') && value.ends_with('\''))
    {
        return Err(FromEnvError::Variable {
            variable,
            problem: EnvProblem::Malformed(
                "it is wrapped in quotes, which would be sent as part of the credential".to_owned(),
            ),
        });
    }
    Ok(value)
}

impl<C: From<super::Client>> ClientBuilder<C> {
    /// Takes the credentials `vars` names, and the base URL from the API's base URL
    /// variable when it is set, from the process environment: otherwise from the
    /// environment's mode or the server's variables ([`EnvServer`]); the headers
    /// [`EnvVars::headers`] names; and, without a bearer token, tokens fetched with the
    /// application's credentials ([`EnvOAuth`], at the authorization server its
    /// `token_origin` names). Every named credential variable must be set; any variable
    /// that is set must hold a usable value, whether or not it ends up used.
    pub fn from_env(self, vars: &EnvVars) -> Result<Self, FromEnvError> {
        self.from_env_with(vars, &|name| std::env::var_os(name))
    }

    /// [`from_env`](Self::from_env), reading variables through `lookup` instead of the
    /// process environment (tests, or a secrets store).
    pub fn from_env_with(
        mut self,
        vars: &EnvVars,
        lookup: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Result<Self, FromEnvError> {
        let base_url_set = match self.api_description().base_url_env {
            Some(variable) => read(variable, lookup)?.is_some(),
            None => false,
        };
        if let Some((variable, choices)) = vars.mode
            && let Some(mode) = read(variable, lookup)?
        {
            let chosen = choices
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(mode.trim()));
            match chosen {
                // The base URL variable, read below, wins over the mode.
                Some((_, url)) if !base_url_set => self = self.base_url(*url),
                Some(_) => {}
                None => {
                    let names: Vec<String> = choices
                        .iter()
                        .map(|(name, _)| format!("`{name}`"))
                        .collect();
                    return Err(FromEnvError::Variable {
                        variable,
                        problem: EnvProblem::Malformed(format!(
                            "it names no environment; it should be {}",
                            names.join(" or ")
                        )),
                    });
                }
            }
        }
        if let Some(server) = &vars.server {
            let read = |variable| read(variable, lookup);
            if base_url_set {
                // Not used, but a wrong value is still an error.
                server.check(&read)?;
            } else if let Some(url) = server.resolve(self.api_description().base_url_env, &read)? {
                self = self.base_url(url);
            }
        }
        if let Some(variable) = vars.oauth.and_then(|oauth| oauth.token_origin)
            && let Some(url) = read(variable, lookup)?
        {
            // Checked here too, where a bearer token leaves it unused.
            origin_of(variable, &url)?;
        }
        if let Some(variable) = self.api_description().base_url_env
            && let Some(url) = read(variable, lookup)?
        {
            self = self.base_url(http_url(variable, &url)?);
        }
        for (header, variable) in vars.headers {
            if let Some(value) = read(variable, lookup)? {
                self = self.default_header(*header, header_value(variable, &value)?);
            }
        }
        for (server, variable) in vars.servers {
            if let Some(url) = read(variable, lookup)? {
                self = self.operation_server(*server, http_url(variable, &url)?);
            }
        }
        if let Some(variable) = vars.bearer {
            match (read(variable, lookup)?, vars.oauth) {
                (Some(token), _) => {
                    self = self.bearer_token(Secret::from(credential_value(variable, token)?));
                }
                // No token given: the application fetches its own.
                (None, Some(oauth)) => self = self.oauth_from_env(variable, &oauth, lookup)?,
                (None, None) => {
                    return Err(FromEnvError::Variable {
                        variable,
                        problem: EnvProblem::Missing,
                    });
                }
            }
        }
        if let Some((user, password)) = vars.basic {
            let user = credential(user, lookup)?;
            self = self.basic_auth(user, Secret::from(credential(password, lookup)?));
        }
        if let Some(variable) = vars.api_key {
            self = self.api_key(Secret::from(credential(variable, lookup)?));
        }
        Ok(self)
    }
}

impl<C: From<super::Client>> ClientBuilder<C> {
    /// Authenticates with tokens `oauth`'s variables fetch, the bearer variable being unset.
    fn oauth_from_env(
        self,
        bearer: &'static str,
        oauth: &EnvOAuth,
        lookup: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Result<Self, FromEnvError> {
        if read(oauth.client_id, lookup)?.is_none() {
            // Neither way is configured: say both.
            let names = [oauth.client_id, oauth.client_secret]
                .into_iter()
                .chain(oauth.refresh_token)
                .collect();
            return Err(FromEnvError::Variable {
                variable: bearer,
                problem: EnvProblem::MissingWithAlternatives(names),
            });
        }
        let client_id = credential(oauth.client_id, lookup)?;
        let client_secret = Secret::from(credential(oauth.client_secret, lookup)?);
        let refresh_token = match oauth.refresh_token {
            Some(variable) => Some(Secret::from(credential(variable, lookup)?)),
            None => None,
        };
        let token_origin = match oauth.token_origin {
            Some(variable) => match read(variable, lookup)? {
                Some(url) => Some(origin_of(variable, url.trim())?),
                None => None,
            },
            None => None,
        };
        self.oauth_source(oauth, client_id, client_secret, refresh_token, token_origin)
    }

    #[cfg(feature = "oauth")]
    fn oauth_source(
        self,
        oauth: &EnvOAuth,
        client_id: String,
        client_secret: Secret,
        refresh_token: Option<Secret>,
        token_origin: Option<String>,
    ) -> Result<Self, FromEnvError> {
        // Made when the client is built, once its base URL is final (a base URL set
        // after `from_env` still moves the token endpoint with it).
        Ok(self.pending_oauth(PendingOAuth {
            provider: oauth.provider,
            client_id,
            client_secret,
            refresh_token,
            token_origin,
        }))
    }

    #[cfg(not(feature = "oauth"))]
    fn oauth_source(
        self,
        oauth: &EnvOAuth,
        _client_id: String,
        _client_secret: Secret,
        _refresh_token: Option<Secret>,
        _token_origin: Option<String>,
    ) -> Result<Self, FromEnvError> {
        Err(FromEnvError::Variable {
            variable: oauth.client_id,
            problem: EnvProblem::NeedsFeature("oauth"),
        })
    }
}

/// What `from_env` found for fetching tokens: made into the client's token source when
/// the client is built.
#[cfg(feature = "oauth")]
pub(super) struct PendingOAuth {
    provider: &'static crate::OAuthProvider,
    client_id: String,
    client_secret: Secret,
    refresh_token: Option<Secret>,
    token_origin: Option<String>,
}

#[cfg(feature = "oauth")]
impl PendingOAuth {
    /// The token source, its token endpoint moved with `base_url` (when it is on the
    /// API's `default_server`) or to the origin a variable named.
    pub(super) fn source(
        self,
        default_server: Option<&str>,
        base_url: &str,
    ) -> Result<std::sync::Arc<dyn crate::seams::CredentialSource>, BuildError> {
        let token_url = match &self.token_origin {
            Some(origin) => with_origin(self.provider.token_url, origin),
            None => moved_token_url(self.provider.token_url, default_server, Some(base_url)),
        };
        let client = crate::oauth::OAuthClient::builder(*self.provider, self.client_id)
            .client_secret(self.client_secret)
            .token_url(token_url)
            .build()
            .map_err(|e| BuildError(format!("the OAuth 2.0 client: {e}")))?;
        Ok(match self.refresh_token {
            Some(refresh) => std::sync::Arc::new(crate::oauth::Connection::from_refresh_token(
                client, refresh,
            )),
            None => std::sync::Arc::new(crate::oauth::ClientCredentials::new(client, &[])),
        })
    }
}

/// `url` with the scheme, host and port of `origin` (which `origin_of` checked).
#[cfg_attr(not(feature = "oauth"), allow(dead_code))]
fn with_origin(url: &str, origin: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(parsed) => match parsed.query() {
            Some(query) => format!("{origin}{}?{query}", parsed.path()),
            None => format!("{origin}{}", parsed.path()),
        },
        Err(_) => url.to_owned(),
    }
}

/// The provider's token URL, moved onto the chosen base URL's origin when it is on the
/// API's default server's origin (PayPal's sandbox token endpoint follows `PAYPAL_MODE`
/// to live, and a test server's base URL takes it along); otherwise as it is (Google's
/// token endpoint is a host of its own).
#[cfg_attr(not(feature = "oauth"), allow(dead_code))]
fn moved_token_url(token_url: &str, default_server: Option<&str>, chosen: Option<&str>) -> String {
    let (Ok(token), Some(Ok(default)), Some(Ok(chosen))) = (
        reqwest::Url::parse(token_url),
        default_server.map(reqwest::Url::parse),
        chosen.map(reqwest::Url::parse),
    ) else {
        return token_url.to_owned();
    };
    if token.origin() != default.origin() || token.origin() == chosen.origin() {
        return token_url.to_owned();
    }
    with_origin(token_url, &chosen.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::{moved_token_url, with_origin};

    #[test]
    fn a_token_endpoint_takes_another_authorization_servers_origin() {
        let login = "https://login.salesforce.com/services/oauth2/token";
        assert_eq!(
            with_origin(login, "https://test.salesforce.com"),
            "https://test.salesforce.com/services/oauth2/token"
        );
        assert_eq!(
            with_origin("https://example.com/token?v=2", "http://127.0.0.1:9"),
            "http://127.0.0.1:9/token?v=2"
        );
    }

    #[test]
    fn a_token_endpoint_on_the_apis_host_follows_the_base_url() {
        let sandbox = "https://api-m.sandbox.paypal.com";
        let token = "https://api-m.sandbox.paypal.com/v1/oauth2/token";
        assert_eq!(
            moved_token_url(token, Some(sandbox), Some("https://api-m.paypal.com")),
            "https://api-m.paypal.com/v1/oauth2/token"
        );
        assert_eq!(
            moved_token_url(token, Some(sandbox), Some("http://127.0.0.1:4010/base")),
            "http://127.0.0.1:4010/v1/oauth2/token"
        );
        // Nothing chosen, or a token endpoint on a host of its own: as it is.
        assert_eq!(moved_token_url(token, Some(sandbox), None), token);
        let google = "https://oauth2.googleapis.com/token";
        assert_eq!(
            moved_token_url(
                google,
                Some("https://www.googleapis.com"),
                Some("http://127.0.0.1:9")
            ),
            google
        );
    }
}
