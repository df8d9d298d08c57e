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
/// ([`ClientBuilder::bearer_source`](crate::ClientBuilder::bearer_source)), it hands out
/// the access token and refreshes it when it is about to expire (within the client's
/// refresh margin) or when the provider refused it (a 401, which the client then replays
/// once). Refreshes are single-flight: calls that need a token while one is being
/// refreshed wait for it, so any number of concurrent calls cause one refresh. A refresh
/// response without a refresh token keeps the old one; one with a new refresh token
/// replaces it (rotation), and the store is updated before the new token is used. When
/// the provider refuses the grant (`invalid_grant`), the connection ends: it is removed
/// from the store and every later call fails at once with [`OAuthError::Ended`], without
/// asking the provider again.
#[derive(Clone)]
pub struct Connection {
    inner: Arc<Inner>,
}

struct Inner {
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

/// The base URL `tokens` name for `client`'s provider.
fn base_url_of(client: &OAuthClient, tokens: &TokenSet) -> Option<String> {
    let pointer = client.provider().base_url_field?;
    tokens
        .field(pointer)
        .and_then(|value| value.as_str())
        .map(|url| url.trim_end_matches('/').to_owned())
}

struct State {
    tokens: TokenSet,
    ended: Option<String>,
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
                }),
                refused: Mutex::new(None),
                refreshes: AtomicU32::new(0),
            }),
        }
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
        let inner = &*self.inner;
        let mut state = inner.state.lock().await;
        if let Some(reason) = &state.ended {
            return Err(self.ended(reason.clone()));
        }
        let refused = {
            let mut refused = inner.refused.lock().unwrap_or_else(|p| p.into_inner());
            // A refusal of an older token was answered by the refresh that replaced it.
            refused
                .take()
                .is_some_and(|token| token == state.tokens.access_token)
        };
        let client = &inner.client;
        let now = client.now();
        let expiring = state.tokens.expires_within(client.refresh_margin(), now);
        if !refused && !expiring {
            return Ok(state.tokens.access_token.clone());
        }
        let Some(refresh_token) = state.tokens.refresh_token.clone() else {
            if refused {
                return Err(self.cannot_refresh("was refused"));
            }
            if state.tokens.expires_within(Duration::ZERO, now) {
                return Err(self.cannot_refresh("expired"));
            }
            // Still good for a little while, and nothing can replace it.
            return Ok(state.tokens.access_token.clone());
        };
        match client.refresh(&refresh_token, None).await {
            Ok(fresh) => {
                let tokens = state.tokens.refreshed(fresh);
                inner.store.save(&inner.id, &tokens).await?;
                inner
                    .refreshable
                    .store(tokens.refresh_token.is_some(), Ordering::Relaxed);
                *inner.base_url.lock().unwrap_or_else(|p| p.into_inner()) =
                    base_url_of(client, &tokens);
                state.tokens = tokens;
                inner.refreshes.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(connection = %inner.id, "refreshed the access token");
                Ok(state.tokens.access_token.clone())
            }
            Err(error) if error.ends_connection() => {
                state.ended = Some(error.to_string());
                inner.refreshable.store(false, Ordering::Relaxed);
                inner.store.remove(&inner.id).await?;
                tracing::warn!(connection = %inner.id, %error, "the connection has ended");
                Err(error)
            }
            Err(error) => Err(error),
        }
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

    fn ended(&self, reason: String) -> OAuthError {
        OAuthError::Ended {
            connection: self.inner.id.clone(),
            reason,
        }
    }

    fn cannot_refresh(&self, why: &'static str) -> OAuthError {
        OAuthError::CannotRefresh {
            connection: self.inner.id.clone(),
            why,
        }
    }
}

impl CredentialSource for Connection {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async move {
            self.access_token()
                .await
                .map(Credential::Bearer)
                .map_err(CredentialError::from)
        })
    }

    fn refused(&self, credential: &Credential) -> bool {
        let Credential::Bearer(token) = credential else {
            return false;
        };
        *self.inner.refused.lock().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        self.inner.refreshable.load(Ordering::Relaxed)
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
