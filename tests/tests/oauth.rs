//! OAuth 2.0 flows of the runtime's `oauth` module against a strict authorization server
//! started here: `tests/tools/oauth_server.py`, built on Authlib (from PyPI), on
//! 127.0.0.1 with an OS-chosen port. Each flow runs end to end (authorization with PKCE
//! and state, code exchange, calls with the token, refresh with rotation, client
//! credentials), every way the server refuses surfaces as the matching typed error, and
//! the axum example (`examples/oauth-connect`) connects a user through a browser's
//! redirects.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use integrations_runtime::oauth::{
    ClientAuth, ClientCredentials, Connection, EncryptedFileStore, GrantError, MemoryStore,
    OAuthClient, OAuthError, OAuthProvider, StoreError, TokenSet, TokenStore,
};
use integrations_runtime::time::{ManualTimer, Timer};
use integrations_runtime::{
    ApiDescription, Client, ErrorKind, Method, Request, RetryPolicy, SchemeKind, SecurityScheme,
};

/// The server's one protected resource, as a runtime API.
static API: ApiDescription = ApiDescription::new("Authlib test API", "1")
    .security_schemes(&[SecurityScheme::new("oauth", SchemeKind::Bearer)]);

/// The provider as the tests describe it; the endpoints are the server's.
const PROVIDER: OAuthProvider = OAuthProvider::new(
    "Authlib",
    "http://unused.invalid/authorize",
    "http://unused.invalid/token",
);

/// The Authlib server; stopped when dropped.
struct Server {
    child: Child,
    said: serde_json::Value,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(args: &[&str]) -> Server {
        let python = common::python_tools();
        let script = common::workspace().join("tests/tools/oauth_server.py");
        let mut child = Command::new(python)
            .arg(script)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the OAuth server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the OAuth server says where it is");
        let said = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("the OAuth server's first line `{line}`: {e}"));
        Server { child, said }
    }

    fn text(&self, key: &str) -> String {
        self.said[key]
            .as_str()
            .unwrap_or_else(|| panic!("`{key}` in {}", self.said))
            .to_owned()
    }

    /// A client for the web application (secret in the body, PKCE), with `secret` and
    /// `redirect_uri`, judging expiry by `timer`.
    fn web_client_with(
        &self,
        secret: &str,
        redirect_uri: &str,
        timer: &ManualTimer,
    ) -> OAuthClient {
        OAuthClient::builder(PROVIDER, self.text("web_client_id"))
            .client_secret(secret)
            .redirect_uri(redirect_uri)
            .authorize_url(self.text("authorize"))
            .token_url(self.text("token"))
            .timer(Arc::new(timer.clone()))
            .build()
            .expect("an OAuth client")
    }

    fn web_client(&self, timer: &ManualTimer) -> OAuthClient {
        self.web_client_with(
            &self.text("web_client_secret"),
            &self.text("redirect_uri"),
            timer,
        )
    }

    fn service_client(&self, secret: &str, timer: &ManualTimer) -> OAuthClient {
        OAuthClient::builder(
            PROVIDER.client_auth(ClientAuth::Basic).pkce(false),
            self.text("service_client_id"),
        )
        .client_secret(secret)
        .token_url(self.text("token"))
        .timer(Arc::new(timer.clone()))
        .build()
        .expect("an OAuth client")
    }

    /// An API client authenticated by `source`.
    fn api(&self, source: Arc<dyn integrations_runtime::CredentialSource>) -> Client {
        Client::builder(&API)
            .base_url(self.text("base"))
            .retry(RetryPolicy::never())
            .bearer_source(source)
            .build()
            .expect("an API client")
    }

    /// How many tokens the server issued per grant type, and API calls it served.
    async fn stats(&self) -> serde_json::Value {
        let body = reqwest::get(self.text("stats"))
            .await
            .expect("stats")
            .bytes()
            .await
            .expect("stats");
        serde_json::from_slice(&body).expect("stats are JSON")
    }

    async fn count(&self, what: &str) -> u64 {
        self.stats().await[what].as_u64().expect("a count")
    }

    /// Makes the server treat every access token issued so far as expired.
    async fn expire_access_tokens(&self) {
        let response = reqwest::Client::new()
            .post(self.text("expire"))
            .send()
            .await
            .expect("expire");
        assert!(response.status().is_success());
    }

    /// Follows `authorize`'s URL as the user's browser would (the server approves at
    /// once), and returns where it sends the browser back: the callback URL.
    async fn approve(&self, url: &str) -> String {
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a browser");
        let response = browser
            .get(url)
            .send()
            .await
            .expect("the authorization page");
        assert_eq!(response.status(), 302, "the server approves and redirects");
        let location = response.headers()["location"].to_str().expect("a location");
        assert!(
            location.starts_with(&self.text("redirect_uri")),
            "{location}"
        );
        location.to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A manual clock at the real time (the server judges expiry by the real clock).
fn clock() -> ManualTimer {
    ManualTimer::new(SystemTime::now())
}

fn me() -> Request {
    Request::new("me", Method::Get, "/api/me", &[&["oauth"]])
}

async fn call(client: &Client) -> Result<serde_json::Value, integrations_runtime::Error> {
    let response = client
        .execute(
            me(),
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await?;
    response.decode(integrations_runtime::decode::json).await
}

/// The code in a callback URL.
fn code_of(callback: &str) -> String {
    let query = callback.split_once('?').expect("a query").1;
    form_pairs(query)
        .into_iter()
        .find(|(k, _)| k == "code")
        .expect("a code")
        .1
}

fn form_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%20", " ")))
        .collect()
}

/// Runs the whole authorization-code flow for `scopes` and returns the tokens.
async fn connect_tokens(server: &Server, client: &OAuthClient, scopes: &[&str]) -> TokenSet {
    let start = client.authorize(scopes).expect("an authorization URL");
    let callback = server.approve(&start.url).await;
    client
        .callback(&callback)
        .await
        .expect("tokens for the code")
}

/// The server's `error_description` of a refusal.
fn description_of(error: &OAuthError) -> &str {
    match error {
        OAuthError::Refused {
            description: Some(description),
            ..
        } => description,
        other => panic!("expected a refusal with a description, got {other:?}"),
    }
}

fn refused_with(error: &OAuthError) -> (&GrantError, Option<u16>) {
    match error {
        OAuthError::Refused { error, status, .. } => (error, *status),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The OAuth error inside a call's credential error.
fn oauth_error_of(error: &integrations_runtime::Error) -> &OAuthError {
    let integrations_runtime::Error::Credential(credential) = error else {
        panic!("expected a credential error, got {error:?}");
    };
    std::error::Error::source(credential.as_ref())
        .and_then(|source| source.downcast_ref::<OAuthError>())
        .unwrap_or_else(|| panic!("no OAuth error under {credential:?}"))
}

#[tokio::test]
async fn the_authorization_code_flow_connects_and_calls_the_api() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);
    let start = client
        .authorize(&["contacts.read"])
        .expect("an authorization URL");
    let params = form_pairs(start.url.split_once('?').expect("a query").1);
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("`{name}` in {}", start.url))
    };
    assert_eq!(param("response_type"), "code");
    assert_eq!(param("state"), start.state);
    assert_eq!(param("code_challenge_method"), "S256");
    assert_eq!(param("scope"), "contacts.read");
    let verifier = start.verifier.as_ref().expect("a PKCE verifier");
    assert_eq!(param("code_challenge").len(), 43);
    assert_ne!(param("code_challenge"), verifier.expose());

    let callback = server.approve(&start.url).await;
    let tokens = client
        .callback(&callback)
        .await
        .expect("tokens for the code");
    assert_eq!(tokens.scope.as_deref(), Some("contacts.read"));
    assert!(tokens.refresh_token.is_some());
    let expires = tokens.expires_at.expect("an expiry");
    // `expires_in: 3600` from the (manual) time of receipt, to the second.
    let left = expires
        .duration_since(timer.system_now())
        .expect("in the future");
    assert!(
        left > Duration::from_secs(3599) && left <= Duration::from_secs(3600),
        "{left:?}"
    );

    let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::new());
    let connection = client
        .connect("ada", tokens, store.clone())
        .await
        .expect("a connection");
    assert!(store.load("ada").await.expect("load").is_some());
    let api = server.api(Arc::new(connection.clone()));
    let me = call(&api).await.expect("the API accepts the token");
    assert_eq!(me["user"], "ada");
    assert_eq!(me["scope"], "contacts.read");
    assert_eq!(connection.refreshes(), 0);
    assert_eq!(server.count("authorization_code").await, 1);
}

#[tokio::test]
async fn state_is_single_use_and_expires() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);

    // A callback whose state this client never issued is refused before any exchange.
    let other = server.web_client(&timer);
    let foreign = server
        .approve(&other.authorize(&[]).expect("url").url)
        .await;
    assert!(matches!(
        client.callback(&foreign).await,
        Err(OAuthError::UnknownState)
    ));
    assert!(matches!(
        client.callback("code=abc").await,
        Err(OAuthError::UnknownState)
    ));

    // The same callback twice: the second finds its state used up.
    let start = client.authorize(&[]).expect("url");
    let callback = server.approve(&start.url).await;
    client
        .callback(&callback)
        .await
        .expect("the first callback");
    assert!(matches!(
        client.callback(&callback).await,
        Err(OAuthError::UnknownState)
    ));
    assert_eq!(server.count("authorization_code").await, 1);

    // A user who comes back after the state expired.
    let start = client.authorize(&[]).expect("url");
    let callback = server.approve(&start.url).await;
    timer.sleep(Duration::from_secs(11 * 60)).await;
    assert!(matches!(
        client.callback(&callback).await,
        Err(OAuthError::ExpiredState)
    ));

    // A user who refused: the provider's error, typed.
    let start = client.authorize(&[]).expect("url");
    let denied = format!(
        "{}?error=access_denied&error_description=no%20thanks&state={}",
        server.text("redirect_uri"),
        start.state
    );
    let error = client.callback(&denied).await.expect_err("denied");
    assert_eq!(refused_with(&error), (&GrantError::AccessDenied, None));
    assert_eq!(server.count("authorization_code").await, 1);
}

#[tokio::test]
async fn the_server_s_refusals_surface_as_typed_errors() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);

    // A bad client secret.
    let wrong_secret =
        server.web_client_with("not-the-secret", &server.text("redirect_uri"), &timer);
    let start = wrong_secret.authorize(&[]).expect("url");
    let callback = server.approve(&start.url).await;
    let error = wrong_secret
        .callback(&callback)
        .await
        .expect_err("bad secret");
    assert_eq!(
        refused_with(&error),
        (&GrantError::InvalidClient, Some(401))
    );

    // A reused code (its state checked by the application itself).
    let start = client.authorize(&[]).expect("url");
    let code = code_of(&server.approve(&start.url).await);
    client
        .exchange_code(&code, start.verifier.as_ref())
        .await
        .expect("the first exchange");
    let error = client
        .exchange_code(&code, start.verifier.as_ref())
        .await
        .expect_err("the same code again");
    assert_eq!(refused_with(&error), (&GrantError::InvalidGrant, Some(400)));
    assert_eq!(description_of(&error), "Invalid 'code' in request.");

    // Each of the next cases has a fresh code, so that the refusal is for the reason
    // named and not for a code an earlier case used up.
    let fresh_code = |client: &OAuthClient| {
        let start = client.authorize(&[]).expect("url");
        let server = &server;
        async move { (code_of(&server.approve(&start.url).await), start.verifier) }
    };

    // A redirect URI other than the authorization request's.
    let (code, verifier) = fresh_code(&client).await;
    let elsewhere = server.web_client_with(
        &server.text("web_client_secret"),
        "http://127.0.0.1:9/elsewhere",
        &timer,
    );
    let error = elsewhere
        .exchange_code(&code, verifier.as_ref())
        .await
        .expect_err("another redirect URI");
    assert_eq!(refused_with(&error), (&GrantError::InvalidGrant, Some(400)));
    assert_eq!(description_of(&error), "Invalid 'redirect_uri' in request.");

    // A PKCE verifier that is not the one the challenge was made from.
    let (code, _) = fresh_code(&client).await;
    let other_verifier = client.authorize(&[]).expect("url").verifier;
    let error = client
        .exchange_code(&code, other_verifier.as_ref())
        .await
        .expect_err("a wrong verifier");
    assert_eq!(refused_with(&error), (&GrantError::InvalidGrant, Some(400)));
    assert_eq!(description_of(&error), "Code challenge failed.");
    // …and none at all.
    let (code, _) = fresh_code(&client).await;
    let error = client
        .exchange_code(&code, None)
        .await
        .expect_err("no verifier");
    assert_eq!(
        refused_with(&error),
        (&GrantError::InvalidRequest, Some(400))
    );
    assert!(description_of(&error).contains("code_verifier"), "{error}");
    // The right verifier with a fresh code still works: the cases above failed for
    // their own reason.
    let (code, verifier) = fresh_code(&client).await;
    client
        .exchange_code(&code, verifier.as_ref())
        .await
        .expect("the right verifier");

    // A refresh token used again after rotation.
    let tokens = connect_tokens(&server, &client, &["contacts.read"]).await;
    let first = tokens.refresh_token.clone().expect("a refresh token");
    let rotated = client.refresh(&first, None).await.expect("a refresh");
    let second = rotated.refresh_token.clone().expect("a new refresh token");
    assert_ne!(first, second, "the server rotates refresh tokens");
    let error = client
        .refresh(&first, None)
        .await
        .expect_err("the old token");
    assert_eq!(refused_with(&error), (&GrantError::InvalidGrant, Some(400)));
    assert!(error.ends_connection());

    // A refresh asking for more than was granted.
    let error = client
        .refresh(&second, Some(&["contacts.read", "contacts.write"]))
        .await
        .expect_err("a wider scope");
    assert_eq!(refused_with(&error), (&GrantError::InvalidScope, Some(400)));
    // A narrower or equal one is fine.
    client
        .refresh(&second, Some(&["contacts.read"]))
        .await
        .expect("the same scope");
}

#[tokio::test]
async fn fifty_calls_with_an_expired_token_cause_one_refresh() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);
    let tokens = connect_tokens(&server, &client, &["contacts.read"]).await;
    let store = Arc::new(MemoryStore::new());
    let connection = client
        .connect("ada", tokens, store.clone())
        .await
        .expect("a connection");
    let api = server.api(Arc::new(connection.clone()));

    let fifty = |api: Client| async move {
        let calls: Vec<_> = (0..50)
            .map(|_| {
                let api = api.clone();
                tokio::spawn(async move { call(&api).await })
            })
            .collect();
        for call in calls {
            let me = call.await.expect("the task").expect("the call succeeds");
            assert_eq!(me["user"], "ada");
        }
    };

    // Expired by the client's clock: refreshed ahead of the calls.
    timer.sleep(Duration::from_secs(3600)).await;
    fifty(api.clone()).await;
    assert_eq!(connection.refreshes(), 1);
    assert_eq!(server.count("refresh_token").await, 1);
    let stored = store.load("ada").await.expect("load").expect("stored");
    assert_eq!(
        stored,
        connection.tokens().await,
        "the store has the fresh tokens"
    );

    assert_eq!(server.count("api_refused").await, 0);

    // Expired by the server only: fifty 401s, one refresh, fifty replays.
    server.expire_access_tokens().await;
    fifty(api.clone()).await;
    assert_eq!(server.count("api_refused").await, 50);
    assert_eq!(connection.refreshes(), 2);
    assert_eq!(server.count("refresh_token").await, 2);
    assert_eq!(server.count("api_calls").await, 100);

    // Restoring the connection elsewhere (another request handler) hands out the live
    // one: calls through both share one refresh.
    let again = client
        .restore("ada", store.clone())
        .await
        .expect("load")
        .expect("stored");
    let other_api = server.api(Arc::new(again));
    timer.sleep(Duration::from_secs(3600)).await;
    let (a, b) = tokio::join!(fifty(api.clone()), fifty(other_api));
    let ((), ()) = (a, b);
    assert_eq!(connection.refreshes(), 3);
    assert_eq!(server.count("refresh_token").await, 3);
}

#[tokio::test]
async fn a_refused_client_secret_keeps_the_connection() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);
    let tokens = connect_tokens(&server, &client, &["contacts.read"]).await;
    // The application's secret changed (a deploy with the wrong one): `invalid_client`
    // is the application's to fix, and ends nobody's connection.
    let misconfigured =
        server.web_client_with("not-the-secret", &server.text("redirect_uri"), &timer);
    let store = Arc::new(MemoryStore::new());
    let connection = misconfigured
        .connect("ada", tokens.clone(), store.clone())
        .await
        .expect("a connection");
    let error = connection.refresh().await.expect_err("a bad secret");
    assert_eq!(
        refused_with(&error),
        (&GrantError::InvalidClient, Some(401))
    );
    assert!(!error.ends_connection());
    assert_eq!(
        store.load("ada").await.expect("load"),
        Some(tokens.clone()),
        "the tokens are kept"
    );
    // Fixed: the same tokens, restored by a client with the right secret, refresh.
    let restored = client
        .restore("ada", store.clone())
        .await
        .expect("load")
        .expect("stored");
    restored
        .refresh()
        .await
        .expect("a refresh with the right secret");
    assert_eq!(restored.refreshes(), 1);
}

/// A store whose saves fail until it is told otherwise.
#[derive(Debug, Default)]
struct FlakyStore {
    inner: MemoryStore,
    failing: std::sync::atomic::AtomicBool,
}

impl TokenStore for FlakyStore {
    fn load<'a>(
        &'a self,
        id: &'a str,
    ) -> integrations_runtime::BoxFuture<'a, Result<Option<TokenSet>, StoreError>> {
        self.inner.load(id)
    }

    fn save<'a>(
        &'a self,
        id: &'a str,
        tokens: &'a TokenSet,
    ) -> integrations_runtime::BoxFuture<'a, Result<(), StoreError>> {
        if self.failing.load(std::sync::atomic::Ordering::SeqCst) {
            return Box::pin(async { Err(StoreError("the disk is full".to_owned())) });
        }
        self.inner.save(id, tokens)
    }

    fn remove<'a>(
        &'a self,
        id: &'a str,
    ) -> integrations_runtime::BoxFuture<'a, Result<(), StoreError>> {
        self.inner.remove(id)
    }
}

#[tokio::test]
async fn a_store_that_fails_to_save_loses_no_rotated_token() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);
    let tokens = connect_tokens(&server, &client, &["contacts.read"]).await;
    let store = Arc::new(FlakyStore::default());
    let connection = client
        .connect("ada", tokens.clone(), store.clone())
        .await
        .expect("a connection");
    let api = server.api(Arc::new(connection.clone()));

    // The refresh rotates the refresh token; the store cannot save it. The call still
    // succeeds with the new access token, which is kept in memory.
    store
        .failing
        .store(true, std::sync::atomic::Ordering::SeqCst);
    timer.sleep(Duration::from_secs(3600)).await;
    assert_eq!(call(&api).await.expect("a call")["user"], "ada");
    assert_eq!(connection.refreshes(), 1);
    let held = connection.tokens().await;
    assert_ne!(held.refresh_token, tokens.refresh_token, "rotated");
    assert_eq!(
        store.load("ada").await.expect("load"),
        Some(tokens),
        "the store still has the old tokens"
    );

    // The store recovers: the next call saves the rotated tokens, without a refresh.
    store
        .failing
        .store(false, std::sync::atomic::Ordering::SeqCst);
    call(&api).await.expect("a call");
    assert_eq!(connection.refreshes(), 1);
    assert_eq!(store.load("ada").await.expect("load"), Some(held));
}

#[tokio::test]
async fn a_revoked_grant_ends_the_connection_without_a_loop() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);
    let tokens = connect_tokens(&server, &client, &["contacts.read"]).await;
    // Someone else (another process with the same grant) rotates the refresh token, so
    // the one this connection holds is refused.
    client
        .refresh(
            tokens.refresh_token.as_ref().expect("a refresh token"),
            None,
        )
        .await
        .expect("a refresh elsewhere");
    let store = Arc::new(MemoryStore::new());
    let connection = client
        .connect("ada", tokens, store.clone())
        .await
        .expect("a connection");
    let api = server.api(Arc::new(connection.clone()));
    server.expire_access_tokens().await;

    let error = call(&api).await.expect_err("the grant is gone");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert!(!error.is_retryable());
    assert_eq!(
        refused_with(oauth_error_of(&error)),
        (&GrantError::InvalidGrant, Some(400))
    );
    assert!(
        store.load("ada").await.expect("load").is_none(),
        "the ended connection is forgotten"
    );

    // Later calls fail at once: neither the API nor the token endpoint is asked again.
    let (refreshes, api_calls) = (
        server.count("refresh_token").await,
        server.count("api_calls").await,
    );
    for _ in 0..3 {
        let error = call(&api).await.expect_err("ended");
        assert!(
            matches!(oauth_error_of(&error), OAuthError::Ended { connection, .. } if connection == "ada")
        );
    }
    assert_eq!(server.count("refresh_token").await, refreshes);
    assert_eq!(server.count("api_calls").await, api_calls);
}

#[tokio::test]
async fn client_credentials_are_fetched_once_and_cached_until_expiry() {
    let server = Server::start();
    let timer = clock();
    let source = ClientCredentials::new(
        server.service_client(&server.text("service_client_secret"), &timer),
        &["payments"],
    );
    let api = server.api(Arc::new(source.clone()));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let api = api.clone();
            tokio::spawn(async move { call(&api).await })
        })
        .collect();
    for call in calls {
        let me = call.await.expect("the task").expect("the call succeeds");
        assert_eq!(me["client_id"], "service");
        assert_eq!(me["scope"], "payments");
    }
    assert_eq!(source.fetches(), 1);
    timer.sleep(Duration::from_secs(3600)).await;
    call(&api).await.expect("a call after expiry");
    assert_eq!(source.fetches(), 2);
    assert_eq!(server.count("client_credentials").await, 2);

    // Refused by the server (expired there first): fetched again, and replayed.
    server.expire_access_tokens().await;
    call(&api)
        .await
        .expect("a call after the server expired the token");
    assert_eq!(source.fetches(), 3);

    // A wrong secret is the server's `invalid_client`, as a credential error.
    let wrong = ClientCredentials::new(server.service_client("not-the-secret", &timer), &[]);
    let error = call(&server.api(Arc::new(wrong)))
        .await
        .expect_err("a bad secret");
    assert_eq!(error.kind(), ErrorKind::Auth);
    assert_eq!(
        refused_with(oauth_error_of(&error)),
        (&GrantError::InvalidClient, Some(401))
    );
}

#[tokio::test]
async fn an_encrypted_store_brings_a_connection_back_after_a_restart() {
    let server = Server::start();
    let timer = clock();
    let client = server.web_client(&timer);
    let path =
        std::env::temp_dir().join(format!("integrations-oauth-{}.tokens", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let key = [42u8; 32];
    let tokens = connect_tokens(&server, &client, &["contacts.read"]).await;
    client
        .connect(
            "ada",
            tokens.clone(),
            Arc::new(EncryptedFileStore::new(&path, key)),
        )
        .await
        .expect("a connection");

    // "Restart": a new store over the same file, with the same key.
    let store: Arc<dyn TokenStore> = Arc::new(EncryptedFileStore::new(&path, key));
    let restored: Connection = client
        .restore("ada", store.clone())
        .await
        .expect("the store reads")
        .expect("the connection is there");
    assert_eq!(restored.tokens().await, tokens);
    restored.refresh().await.expect("a refresh");
    let stored = store.load("ada").await.expect("load").expect("stored");
    assert_ne!(
        stored.refresh_token, tokens.refresh_token,
        "the rotated token is stored"
    );
    let api = server.api(Arc::new(restored));
    assert_eq!(call(&api).await.expect("a call")["user"], "ada");

    // The wrong key cannot read it.
    let error = client
        .restore("ada", Arc::new(EncryptedFileStore::new(&path, [7u8; 32])))
        .await
        .expect_err("the wrong key");
    assert!(matches!(error, OAuthError::Store(_)), "{error:?}");
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn the_axum_example_connects_a_user_and_calls_the_api() {
    use example_oauth_connect::App;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port for the app");
    let app_url = format!("http://{}", listener.local_addr().expect("an address"));
    let redirect = format!("{app_url}/callback");
    let server = Server::start_with(&["--redirect-uri", &redirect]);
    let timer = clock();
    let oauth = server.web_client_with(&server.text("web_client_secret"), &redirect, &timer);
    let store = Arc::new(MemoryStore::new());
    let app = App::new(
        oauth,
        store.clone(),
        &["contacts.read"],
        server.text("base"),
    );
    let serving = tokio::spawn(app.serve(listener));

    // A browser: /connect, the provider's consent (approved at once), back to /callback.
    let browser = reqwest::Client::new();
    let connected = browser
        .get(format!("{app_url}/connect?user=grace"))
        .send()
        .await
        .expect("the connect page");
    assert_eq!(connected.status(), 200);
    assert_eq!(connected.url().path(), "/callback");
    assert_eq!(connected.text().await.expect("text"), "grace is connected");
    let stored = store
        .load("grace")
        .await
        .expect("load")
        .expect("grace's tokens");
    assert!(stored.refresh_token.is_some());

    let account = browser
        .get(format!("{app_url}/account?user=grace"))
        .send()
        .await
        .expect("the account page");
    assert_eq!(account.status(), 200);
    let body: serde_json::Value =
        serde_json::from_slice(&account.bytes().await.expect("body")).expect("JSON");
    assert_eq!(body["portalId"], 62515);
    assert_eq!(body["user"], "ada");

    // A callback replayed (or forged) is refused, and nobody is connected by it.
    let replay = browser
        .get(format!("{app_url}/callback?code=stolen&state=made-up"))
        .send()
        .await
        .expect("the callback");
    assert_eq!(replay.status(), 400);
    let unknown = browser
        .get(format!("{app_url}/account?user=mallory"))
        .send()
        .await
        .expect("the account page");
    assert_eq!(unknown.status(), 404);
    assert_eq!(server.count("authorization_code").await, 1);
    serving.abort();
}
