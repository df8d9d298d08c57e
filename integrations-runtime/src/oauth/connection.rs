//! One user's connection to a provider: tokens that refresh themselves, once, whatever
//! the number of calls waiting for them.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{OAuthClient, OAuthError, TokenSet, TokenStore};
use crate::BoxFuture;
use crate::client::Credential;
use crate::seams::{CredentialError, CredentialSource};
use crate::secret::Secret;

/// One user's tokens at one provider, kept in a [`TokenStore`].
///
/// Given to a generated client as its bearer source
/// ([`ClientBuilder::connection`](crate::ClientBuilder::connection)), it hands out the
/// access token and refreshes it when it is about to expire (within the client's refresh
/// margin) or when the provider refused it (a 401, which the client then replays once).
///
/// - **Single-flight**: calls that need a token while one is being refreshed wait for
///   it, so any number of concurrent calls cause one refresh. [`OAuthClient::restore`]
///   and [`OAuthClient::connect`] hand out the one live connection of an id, so this
///   holds across the places an application restores it from.
/// - **Rotation-safe**: a refresh response without a refresh token keeps the old one; a
///   new one replaces it in memory at once, then in the store (a store that fails is
///   retried on the next call, and the token is used meanwhile). The refresh runs on a
///   task of its own, so a caller that gives up cannot lose a rotated token.
/// - **Ends, never loops**: when the provider refuses the grant (`invalid_grant`) and the
///   store holds nothing newer (another process may have rotated it), the connection
///   ends: it is removed from the store and every later call fails at once with
///   [`OAuthError::Ended`], without asking the provider again.
#[derive(Clone)]
pub struct Connection {
    inner: Arc<Inner>,
}

pub(super) struct Inner {
    id: String,
    client: OAuthClient,
    store: Arc<dyn TokenStore>,
    state: tokio::sync::Mutex<State>,
    /// The last access token the provider refused, until a refresh replaces it.
    refused: Mutex<Option<Secret>>,
    /// Whether a refused token can be replaced (there is a refresh token, and the
    /// connection has not ended).
    refreshable: AtomicBool,
    refreshes: AtomicU32,
    /// The base URL the token response names, if the provider names one there.
    base_url: Mutex<Option<String>>,
}

struct State {
    tokens: TokenSet,
    ended: Option<String>,
    /// Tokens newer than the store's (a save failed): saved again on the next call.
    unsaved: bool,
}

/// What a call needs done before it has a token.
enum Decision {
    Use(Secret),
    Refresh,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("id", &self.inner.id)
            .field("provider", &self.inner.client.provider().name)
            .field("refreshes", &self.refreshes())
            .finish_non_exhaustive()
    }
}

/// The base URL `tokens` name for `client`'s provider.
fn base_url_of(client: &OAuthClient, tokens: &TokenSet) -> Option<String> {
    let pointer = client.provider().base_url_field?;
    tokens
        .field(pointer)
        .and_then(|value| value.as_str())
        .map(|url| url.trim_end_matches('/').to_owned())
}

impl Connection {
    pub(super) fn new(
        id: String,
        client: OAuthClient,
        tokens: TokenSet,
        store: Arc<dyn TokenStore>,
    ) -> Self {
        Connection {
            inner: Arc::new(Inner {
                id,
                base_url: Mutex::new(base_url_of(&client, &tokens)),
                refreshable: AtomicBool::new(tokens.refresh_token.is_some()),
                client,
                store,
                state: tokio::sync::Mutex::new(State {
                    tokens,
                    ended: None,
                    unsaved: false,
                }),
                refused: Mutex::new(None),
                refreshes: AtomicU32::new(0),
            }),
        }
    }

    /// A connection from a refresh token alone (read from the environment): it holds no
    /// access token yet, so the first call refreshes, and its tokens live in memory.
    pub(crate) fn from_refresh_token(client: OAuthClient, refresh_token: crate::Secret) -> Self {
        let tokens = TokenSet::new(crate::Secret::from(String::new()))
            .with_refresh_token(refresh_token)
            .with_expiry(std::time::SystemTime::UNIX_EPOCH);
        Connection::new(
            "environment".to_owned(),
            client,
            tokens,
            Arc::new(super::MemoryStore::new()),
        )
    }

    pub(super) fn from_inner(inner: Arc<Inner>) -> Self {
        Connection { inner }
    }

    pub(super) fn downgrade(&self) -> std::sync::Weak<Inner> {
        Arc::downgrade(&self.inner)
    }

    /// Starts over with `tokens` (a new authorization of the same id).
    pub(super) async fn replace(&self, tokens: TokenSet) {
        let mut state = self.inner.state.lock().await;
        self.inner.adopt(&mut state, tokens);
        state.ended = None;
        state.unsaved = false;
    }

    /// The connection's id (its key in the store).
    pub fn id(&self) -> &str {
        &self.inner.id
    }

    /// How many times this connection has refreshed its token.
    pub fn refreshes(&self) -> u32 {
        self.inner.refreshes.load(Ordering::Relaxed)
    }

    /// The tokens as they are now (without refreshing them).
    pub async fn tokens(&self) -> TokenSet {
        self.inner.state.lock().await.tokens.clone()
    }

    /// The base URL the token response named for this connection (Salesforce's
    /// `instance_url`, Pipedrive's `api_domain`), when the provider names one; read again
    /// after every refresh.
    pub fn base_url(&self) -> Option<String> {
        self.inner
            .base_url
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// An access token good for a call now: the current one, or a fresh one when it is
    /// about to expire or was refused.
    pub async fn access_token(&self) -> Result<Secret, OAuthError> {
        {
            let mut state = self.inner.state.lock().await;
            if let Decision::Use(token) = self.inner.decide(&state)? {
                self.inner.save_if_unsaved(&mut state).await;
                return Ok(token);
            }
        }
        // The refresh runs on a task of its own: a caller that gives up (a dropped
        // future) does not take a rotated refresh token down with it.
        let inner = self.inner.clone();
        tokio::spawn(async move { inner.refresh_if_needed().await })
            .await
            .map_err(|e| OAuthError::Config(format!("the refresh task failed: {e}")))?
    }

    /// Refreshes the access token now, whatever its expiry.
    pub async fn refresh(&self) -> Result<(), OAuthError> {
        let token = self.inner.state.lock().await.tokens.access_token.clone();
        *self.inner.refused.lock().unwrap_or_else(|p| p.into_inner()) = Some(token);
        self.access_token().await.map(drop)
    }

    /// Ends the connection and forgets its tokens (the user disconnected).
    pub async fn disconnect(&self) -> Result<(), OAuthError> {
        let mut state = self.inner.state.lock().await;
        state.ended = Some("it was disconnected".to_owned());
        self.inner.refreshable.store(false, Ordering::Relaxed);
        self.inner.store.remove(&self.inner.id).await?;
        Ok(())
    }
}

impl Inner {
    /// Whether the current token will do (peeking at a refusal, not taking it).
    fn decide(&self, state: &State) -> Result<Decision, OAuthError> {
        if let Some(reason) = &state.ended {
            return Err(self.ended(reason.clone()));
        }
        let refused = self
            .refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .is_some_and(|token| *token == state.tokens.access_token);
        let now = self.client.now();
        let expiring = state
            .tokens
            .expires_within(self.client.refresh_margin(), now);
        if !refused && !expiring {
            return Ok(Decision::Use(state.tokens.access_token.clone()));
        }
        if state.tokens.refresh_token.is_some() {
            return Ok(Decision::Refresh);
        }
        if refused {
            return Err(self.cannot_refresh("was refused"));
        }
        if state.tokens.expires_within(Duration::ZERO, now) {
            return Err(self.cannot_refresh("expired"));
        }
        // Still good for a little while, and nothing can replace it.
        Ok(Decision::Use(state.tokens.access_token.clone()))
    }

    /// Refreshes unless a call that held the lock first already did.
    async fn refresh_if_needed(&self) -> Result<Secret, OAuthError> {
        let mut state = self.state.lock().await;
        if let Decision::Use(token) = self.decide(&state)? {
            return Ok(token);
        }
        // A refusal of an older token was answered by the refresh that replaced it.
        self.refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        let refresh_token = state
            .tokens
            .refresh_token
            .clone()
            .ok_or_else(|| self.cannot_refresh("expired"))?;
        match self.client.refresh(&refresh_token, None).await {
            Ok(fresh) => {
                let tokens = state.tokens.refreshed(fresh);
                self.adopt(&mut state, tokens);
                self.refreshes.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(connection = %self.id, "refreshed the access token");
                state.unsaved = true;
                self.save_if_unsaved(&mut state).await;
                Ok(state.tokens.access_token.clone())
            }
            Err(error) if error.ends_connection() => {
                // Another process may have rotated the token: take the store's, if newer.
                if let Ok(Some(stored)) = self.store.load(&self.id).await
                    && stored.refresh_token != state.tokens.refresh_token
                {
                    tracing::debug!(connection = %self.id, "took newer tokens from the store");
                    self.adopt(&mut state, stored);
                    return match self.decide(&state)? {
                        Decision::Use(token) => Ok(token),
                        Decision::Refresh => Err(error),
                    };
                }
                state.ended = Some(error.to_string());
                self.refreshable.store(false, Ordering::Relaxed);
                if let Err(store_error) = self.store.remove(&self.id).await {
                    tracing::warn!(connection = %self.id, %store_error, "cannot forget an ended connection");
                }
                tracing::warn!(connection = %self.id, %error, "the connection has ended");
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// Makes `tokens` the current ones.
    fn adopt(&self, state: &mut State, tokens: TokenSet) {
        *self.base_url.lock().unwrap_or_else(|p| p.into_inner()) =
            base_url_of(&self.client, &tokens);
        self.refreshable
            .store(tokens.refresh_token.is_some(), Ordering::Relaxed);
        state.tokens = tokens;
    }

    /// Saves tokens the store does not have yet; a store that fails is logged and tried
    /// again on the next call, and the tokens are used meanwhile.
    async fn save_if_unsaved(&self, state: &mut State) {
        if !state.unsaved {
            return;
        }
        match self.store.save(&self.id, &state.tokens).await {
            Ok(()) => state.unsaved = false,
            Err(error) => {
                tracing::warn!(connection = %self.id, %error, "cannot save refreshed tokens; will try again")
            }
        }
    }

    fn ended(&self, reason: String) -> OAuthError {
        OAuthError::Ended {
            connection: self.id.clone(),
            reason,
        }
    }

    fn cannot_refresh(&self, why: &'static str) -> OAuthError {
        OAuthError::CannotRefresh {
            connection: self.id.clone(),
            why,
        }
    }
}

impl CredentialSource for Connection {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async move { super::bearer(self.access_token().await) })
    }

    fn refused(&self, credential: &Credential) -> bool {
        super::remember_refused(&self.inner.refused, credential)
            && self.inner.refreshable.load(Ordering::Relaxed)
    }
}

impl From<OAuthError> for CredentialError {
    fn from(error: OAuthError) -> Self {
        let message = error.to_string();
        let out = if error.is_temporary() {
            CredentialError::temporary(message)
        } else {
            CredentialError::permanent(message)
        };
        out.with_source(error)
    }
}
