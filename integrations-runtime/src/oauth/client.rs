//! One application registered at one provider: authorization URLs, the callback, and
//! every request to the token endpoint.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde_json::{Map, Value};

use super::pkce::{random_token, s256_challenge};
use super::{Connection, GrantError, OAuthError, TokenSet, TokenStore, connection};
use crate::oauth_provider::{ClientAuth, OAuthProvider};
use crate::secret::Secret;
use crate::time::{Timer, TokioTimer};

/// The largest token response read; a larger one is not a token response.
const MAX_TOKEN_RESPONSE: usize = 1024 * 1024;

/// The most authorization requests waiting for their callback at once; past it,
/// [`OAuthClient::authorize`] refuses (a flood of `/connect` requests cannot grow memory
/// without bound).
const MAX_PENDING: usize = 10_000;

/// An authorization request to send the user's browser to.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Authorization {
    /// The provider's authorization URL, with every parameter.
    pub url: String,
    /// The `state` it carries; the callback must bring it back, once, before it expires.
    pub state: String,
    /// The PKCE verifier, which the client keeps for [`OAuthClient::callback`]. Given
    /// here for an application that finishes the flow elsewhere (another process, with
    /// the state and verifier kept in the user's session): it checks `state` itself and
    /// calls [`OAuthClient::exchange_code`].
    pub verifier: Option<Secret>,
}

/// A live connection's key: its store (by address; a live connection holds its store,
/// so the address cannot be reused meanwhile) and its id.
type LiveKey = (usize, String);

fn live_key(store: &Arc<dyn TokenStore>, id: &str) -> LiveKey {
    (Arc::as_ptr(store).cast::<()>() as usize, id.to_owned())
}

/// What is remembered of an authorization request until its callback.
struct Pending {
    verifier: Option<Secret>,
    issued: Instant,
}

/// One application (client id and secret) registered at one provider.
///
/// Cheap to clone; clones share the authorization requests waiting for their callback
/// (kept in memory: a deployment of several processes routes a callback to the process
/// that started it, or keeps one process for connecting).
#[derive(Clone)]
pub struct OAuthClient {
    inner: Arc<Inner>,
}

struct Inner {
    provider: OAuthProvider,
    /// `None` for a provider with only the client-credentials grant.
    authorize_url: Option<reqwest::Url>,
    token_url: String,
    client_id: String,
    client_secret: Option<Secret>,
    redirect_uri: Option<String>,
    http: reqwest::Client,
    timer: Arc<dyn Timer>,
    state_ttl: Duration,
    refresh_margin: Duration,
    pending: Mutex<HashMap<String, Pending>>,
    /// The connections handed out and still alive, by store and id: restoring or
    /// reconnecting an id gives the live one, so its refreshes stay single-flight.
    live: Mutex<HashMap<LiveKey, Weak<connection::Inner>>>,
}

impl fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClient")
            .field("provider", &self.inner.provider.name)
            .field("client_id", &self.inner.client_id)
            .field("redirect_uri", &self.inner.redirect_uri)
            .finish_non_exhaustive()
    }
}

/// Builds an [`OAuthClient`].
#[must_use]
pub struct OAuthClientBuilder {
    provider: OAuthProvider,
    client_id: String,
    client_secret: Option<Secret>,
    redirect_uri: Option<String>,
    authorize_url: Option<String>,
    token_url: Option<String>,
    http: Option<reqwest::Client>,
    timer: Arc<dyn Timer>,
    state_ttl: Duration,
    refresh_margin: Duration,
}

impl fmt::Debug for OAuthClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClientBuilder")
            .field("provider", &self.provider.name)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

impl OAuthClientBuilder {
    /// The application's client secret (a public client, using PKCE alone, has none).
    pub fn client_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// Where the provider sends the user back (must match the registered URI exactly).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// Another authorization endpoint (a sandbox, or a test server).
    pub fn authorize_url(mut self, url: impl Into<String>) -> Self {
        self.authorize_url = Some(url.into());
        self
    }

    /// Another token endpoint (a sandbox, or a test server).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// Talks to the token endpoint through this `reqwest` client.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The clock expiry is judged by (tests give a
    /// [`ManualTimer`](crate::time::ManualTimer)).
    pub fn timer(mut self, timer: Arc<dyn Timer>) -> Self {
        self.timer = timer;
        self
    }

    /// How long an authorization request waits for its callback (default 10 minutes).
    pub fn state_ttl(mut self, ttl: Duration) -> Self {
        self.state_ttl = ttl;
        self
    }

    /// How long before its expiry an access token is refreshed (default 60 seconds).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Builds the client; a URL that does not parse is an error here.
    pub fn build(self) -> Result<OAuthClient, OAuthError> {
        let provider = self.provider;
        let authorize = self
            .authorize_url
            .as_deref()
            .unwrap_or(provider.authorize_url);
        let authorize_url =
            if authorize.is_empty() {
                None
            } else {
                Some(reqwest::Url::parse(authorize).map_err(|e| {
                    OAuthError::Config(format!("authorization URL `{authorize}`: {e}"))
                })?)
            };
        let token_url = self
            .token_url
            .unwrap_or_else(|| provider.token_url.to_owned());
        reqwest::Url::parse(&token_url)
            .map_err(|e| OAuthError::Config(format!("token URL `{token_url}`: {e}")))?;
        if let Some(uri) = &self.redirect_uri {
            reqwest::Url::parse(uri)
                .map_err(|e| OAuthError::Config(format!("redirect URI `{uri}`: {e}")))?;
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                crate::install_tls_provider();
                reqwest::Client::builder()
                    // A token endpoint that redirects would have the client's secret
                    // follow it to another host.
                    .redirect(reqwest::redirect::Policy::none())
                    .connect_timeout(Duration::from_secs(10))
                    .timeout(Duration::from_secs(30))
                    .user_agent(concat!("integrations-runtime/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| OAuthError::Config(format!("cannot start the HTTP client: {e}")))?
            }
        };
        Ok(OAuthClient {
            inner: Arc::new(Inner {
                provider,
                authorize_url,
                token_url,
                client_id: self.client_id,
                client_secret: self.client_secret,
                redirect_uri: self.redirect_uri,
                http,
                timer: self.timer,
                state_ttl: self.state_ttl,
                refresh_margin: self.refresh_margin,
                pending: Mutex::new(HashMap::new()),
                live: Mutex::new(HashMap::new()),
            }),
        })
    }
}

impl OAuthClient {
    /// A builder for the application `client_id` at `provider`.
    pub fn builder(provider: OAuthProvider, client_id: impl Into<String>) -> OAuthClientBuilder {
        OAuthClientBuilder {
            provider,
            client_id: client_id.into(),
            client_secret: None,
            redirect_uri: None,
            authorize_url: None,
            token_url: None,
            http: None,
            timer: Arc::new(TokioTimer),
            state_ttl: Duration::from_secs(10 * 60),
            refresh_margin: Duration::from_secs(60),
        }
    }

    /// The provider this client talks to.
    pub fn provider(&self) -> &OAuthProvider {
        &self.inner.provider
    }

    pub(super) fn now(&self) -> SystemTime {
        self.inner.timer.system_now()
    }

    pub(super) fn refresh_margin(&self) -> Duration {
        self.inner.refresh_margin
    }

    /// Starts the authorization-code flow for `scopes`: the URL to send the user to, with
    /// a fresh `state` (single use, expiring) and, when the provider takes one, a PKCE
    /// S256 challenge whose verifier is kept for the callback.
    pub fn authorize(&self, scopes: &[&str]) -> Result<Authorization, OAuthError> {
        self.authorize_with(scopes, &[])
    }

    /// As [`authorize`](Self::authorize), with more parameters (Slack's `user_scope`,
    /// `login_hint`, a `prompt` for this request).
    pub fn authorize_with(
        &self,
        scopes: &[&str],
        params: &[(&str, &str)],
    ) -> Result<Authorization, OAuthError> {
        let inner = &*self.inner;
        let state = random_token()?;
        let verifier = if inner.provider.pkce {
            Some(Secret::new(random_token()?))
        } else {
            None
        };
        let mut url = inner.authorize_url.clone().ok_or_else(|| {
            OAuthError::Config(format!(
                "{} names no authorization endpoint (it has only the client-credentials grant)",
                inner.provider.name
            ))
        })?;
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", &inner.client_id);
            if let Some(uri) = &inner.redirect_uri {
                query.append_pair("redirect_uri", uri);
            }
            if !scopes.is_empty() {
                query.append_pair("scope", &scopes.join(inner.provider.scope_separator));
            }
            query.append_pair("state", &state);
            if let Some(verifier) = &verifier {
                query
                    .append_pair("code_challenge", &s256_challenge(verifier.expose()))
                    .append_pair("code_challenge_method", "S256");
            }
            for (name, value) in inner.provider.authorize_params.iter().chain(params) {
                query.append_pair(name, value);
            }
        }
        let now = inner.timer.now();
        let mut pending = inner.pending.lock().unwrap_or_else(|p| p.into_inner());
        // Requests whose user never came back are forgotten as they expire.
        pending.retain(|_, p| now.duration_since(p.issued) <= inner.state_ttl);
        if pending.len() >= MAX_PENDING {
            return Err(OAuthError::TooManyPending { limit: MAX_PENDING });
        }
        pending.insert(
            state.clone(),
            Pending {
                verifier: verifier.clone(),
                issued: now,
            },
        );
        Ok(Authorization {
            url: url.into(),
            state,
            verifier,
        })
    }

    /// Finishes the authorization-code flow with the callback's query string (or its
    /// whole URL): checks that `state` is one this client issued, unused and unexpired
    /// (and uses it up), reports an error the provider sent back, and exchanges the code
    /// (with the PKCE verifier) for tokens.
    pub async fn callback(&self, query: &str) -> Result<TokenSet, OAuthError> {
        let query = match query.split_once('?') {
            Some((_, query)) => query,
            None => query,
        };
        let params: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let state = params.get("state").ok_or(OAuthError::UnknownState)?;
        let pending = {
            let inner = &*self.inner;
            let mut pending = inner.pending.lock().unwrap_or_else(|p| p.into_inner());
            let found = pending.remove(state).ok_or(OAuthError::UnknownState)?;
            if inner.timer.now().duration_since(found.issued) > inner.state_ttl {
                return Err(OAuthError::ExpiredState);
            }
            found
        };
        if let Some(error) = params.get("error") {
            return Err(OAuthError::Refused {
                provider: self.inner.provider.name,
                error: GrantError::parse(error),
                description: params.get("error_description").cloned(),
                status: None,
            });
        }
        let code = params.get("code").ok_or(OAuthError::MissingCode)?;
        self.exchange_code(code, pending.verifier.as_ref()).await
    }

    /// Exchanges an authorization code for tokens (what [`callback`](Self::callback)
    /// does once the state checks out).
    pub async fn exchange_code(
        &self,
        code: &str,
        verifier: Option<&Secret>,
    ) -> Result<TokenSet, OAuthError> {
        let mut form = vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
        ];
        if let Some(uri) = &self.inner.redirect_uri {
            form.push(("redirect_uri", uri.clone()));
        }
        if let Some(verifier) = verifier {
            form.push(("code_verifier", verifier.expose().to_owned()));
        }
        self.token_request(form).await
    }

    /// Gets a new access token with `refresh_token`, optionally for narrower `scopes`.
    pub async fn refresh(
        &self,
        refresh_token: &Secret,
        scopes: Option<&[&str]>,
    ) -> Result<TokenSet, OAuthError> {
        let mut form = vec![
            ("grant_type", "refresh_token".to_owned()),
            ("refresh_token", refresh_token.expose().to_owned()),
        ];
        if let Some(scopes) = scopes {
            form.push(("scope", scopes.join(self.inner.provider.scope_separator)));
        }
        self.token_request(form).await
    }

    /// Gets the application's own token (the client-credentials grant).
    pub async fn client_credentials(&self, scopes: &[&str]) -> Result<TokenSet, OAuthError> {
        let mut form = vec![("grant_type", "client_credentials".to_owned())];
        if !scopes.is_empty() {
            form.push(("scope", scopes.join(self.inner.provider.scope_separator)));
        }
        self.token_request(form).await
    }

    /// A connection `id` with `tokens` (just received from [`callback`](Self::callback)),
    /// saved in `store`. When the connection `id` is alive already (the user connected
    /// again), it takes the new tokens and is returned.
    pub async fn connect(
        &self,
        id: impl Into<String>,
        tokens: TokenSet,
        store: Arc<dyn TokenStore>,
    ) -> Result<Connection, OAuthError> {
        let id = id.into();
        store.save(&id, &tokens).await?;
        let key = live_key(&store, &id);
        if let Some(live) = self.live(&key) {
            live.replace(tokens).await;
            return Ok(live);
        }
        Ok(self.register(key, Connection::new(id, self.clone(), tokens, store)))
    }

    /// The connection `id`: the live one when this client has handed it out from the same
    /// `store` and it is still in use, otherwise as `store` keeps it, if it does.
    ///
    /// Every caller restoring the same id from the same store (one `Arc`, shared by the
    /// application) gets the same connection, so concurrent requests from different
    /// places share one refresh.
    pub async fn restore(
        &self,
        id: impl Into<String>,
        store: Arc<dyn TokenStore>,
    ) -> Result<Option<Connection>, OAuthError> {
        let id = id.into();
        let key = live_key(&store, &id);
        if let Some(live) = self.live(&key) {
            return Ok(Some(live));
        }
        let Some(tokens) = store.load(&id).await? else {
            return Ok(None);
        };
        Ok(Some(self.register(
            key,
            Connection::new(id, self.clone(), tokens, store),
        )))
    }

    /// The live connection of `key`, if one is.
    fn live(&self, key: &LiveKey) -> Option<Connection> {
        let live = self.inner.live.lock().unwrap_or_else(|p| p.into_inner());
        live.get(key)
            .and_then(Weak::upgrade)
            .map(Connection::from_inner)
    }

    /// Remembers `connection` as the live one of `key` (forgetting dropped ones), unless
    /// another caller registered one first (it restored the same id meanwhile): then
    /// that one is returned.
    fn register(&self, key: LiveKey, connection: Connection) -> Connection {
        let mut live = self.inner.live.lock().unwrap_or_else(|p| p.into_inner());
        live.retain(|_, weak| weak.strong_count() > 0);
        if let Some(existing) = live
            .get(&key)
            .and_then(Weak::upgrade)
            .map(Connection::from_inner)
        {
            return existing;
        }
        live.insert(key, connection.downgrade());
        connection
    }

    /// Posts `form` to the token endpoint with the client's authentication, and reads
    /// the answer: tokens, the provider's refusal, or what was wrong with it.
    async fn token_request(&self, mut form: Vec<(&str, String)>) -> Result<TokenSet, OAuthError> {
        let inner = &*self.inner;
        let provider = inner.provider.name;
        let transport = |source| OAuthError::Transport { provider, source };
        let mut request = inner
            .http
            .post(&inner.token_url)
            .header(ACCEPT, "application/json");
        let client_auth = inner.provider.client_auth;
        if client_auth == ClientAuth::Basic {
            // RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding.
            let encode =
                |text: &str| form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
            request = request.basic_auth(
                encode(&inner.client_id),
                inner.client_secret.as_ref().map(|s| encode(s.expose())),
            );
        } else {
            form.push(("client_id", inner.client_id.clone()));
            if let Some(secret) = &inner.client_secret {
                form.push(("client_secret", secret.expose().to_owned()));
            }
        }
        let body = if client_auth == ClientAuth::Json {
            request = request.header(CONTENT_TYPE, "application/json");
            let object: Map<String, Value> = form
                .into_iter()
                .map(|(name, value)| (name.to_owned(), Value::String(value)))
                .collect();
            Value::Object(object).to_string()
        } else {
            request = request.header(CONTENT_TYPE, "application/x-www-form-urlencoded");
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&form)
                .finish()
        };
        let response = request.body(body).send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if response
            .content_length()
            .is_some_and(|n| n > MAX_TOKEN_RESPONSE as u64)
        {
            return Err(OAuthError::Malformed {
                provider,
                status,
                what: "a body larger than a token response can be".to_owned(),
            });
        }
        let bytes = response.bytes().await.map_err(transport)?;
        let json = match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        };
        // RFC 6749's `error` and `error_description`, or Square's
        // `errors: [{code, detail}]`.
        let refused = |map: &Map<String, Value>| {
            let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
            let (code, description) = match map.get("error").and_then(Value::as_str) {
                Some(code) => (code.to_owned(), text(map.get("error_description"))),
                None => {
                    let first = map.get("errors")?.get(0)?;
                    (text(first.get("code"))?, text(first.get("detail")))
                }
            };
            Some(OAuthError::Refused {
                provider,
                error: GrantError::parse(&code),
                description,
                status: Some(status),
            })
        };
        let success = (200..300).contains(&status);
        let Some(map) = json else {
            // A successful answer may hold a token in another shape (a form-encoded
            // token response): describe it without quoting it.
            let what = if success {
                format!(
                    "a {}-byte body of type `{}` that is not a JSON object",
                    bytes.len(),
                    content_type.as_deref().unwrap_or("unknown")
                )
            } else {
                format!("a body that is not a JSON object: {}", snippet(&bytes))
            };
            return Err(OAuthError::Malformed {
                provider,
                status,
                what,
            });
        };
        if !success {
            return Err(refused(&map).unwrap_or_else(|| OAuthError::Malformed {
                provider,
                status,
                what: format!("no OAuth error code: {}", snippet(&bytes)),
            }));
        }
        // Slack answers errors with HTTP 200 and `"ok": false`.
        if map.get("ok") == Some(&Value::Bool(false)) {
            return Err(refused(&map).unwrap_or(OAuthError::Refused {
                provider,
                error: GrantError::Other("unknown".to_owned()),
                description: None,
                status: Some(status),
            }));
        }
        TokenSet::from_response(map, self.now()).map_err(|what| OAuthError::Malformed {
            provider,
            status,
            what,
        })
    }
}

/// The start of an error body, for an error message (an answer that is not a success
/// carries no token).
fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}
