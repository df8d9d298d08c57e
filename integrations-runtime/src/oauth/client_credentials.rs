//! An application's own token (the client-credentials grant), fetched when needed and
//! cached until it expires.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use super::{OAuthClient, OAuthError, TokenSet};
use crate::BoxFuture;
use crate::client::Credential;
use crate::seams::{CredentialError, CredentialSource};
use crate::secret::Secret;

/// The application's own access token (PayPal's), as a bearer source for a generated
/// client: fetched on the first call, reused until it is about to expire (or the provider
/// refuses it), and fetched once for any number of calls waiting for it.
#[derive(Clone)]
pub struct ClientCredentials {
    inner: Arc<Inner>,
}

struct Inner {
    client: OAuthClient,
    scopes: Vec<String>,
    cached: tokio::sync::Mutex<Option<TokenSet>>,
    refused: Mutex<Option<Secret>>,
    fetches: AtomicU32,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client", &self.inner.client)
            .field("scopes", &self.inner.scopes)
            .field("fetches", &self.fetches())
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// Tokens for `scopes` (none: what the provider grants the application by default).
    pub fn new(client: OAuthClient, scopes: &[&str]) -> Self {
        ClientCredentials {
            inner: Arc::new(Inner {
                client,
                scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
                cached: tokio::sync::Mutex::new(None),
                refused: Mutex::new(None),
                fetches: AtomicU32::new(0),
            }),
        }
    }

    /// How many tokens have been fetched.
    pub fn fetches(&self) -> u32 {
        self.inner.fetches.load(Ordering::Relaxed)
    }

    /// A token good for a call now.
    pub async fn access_token(&self) -> Result<Secret, OAuthError> {
        let inner = &*self.inner;
        let mut cached = inner.cached.lock().await;
        let refused = inner
            .refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        let now = inner.client.now();
        let margin = inner.client.refresh_margin();
        if let Some(tokens) = cached.as_ref() {
            let was_refused = refused.is_some_and(|token| token == tokens.access_token);
            if !was_refused && !tokens.expires_within(margin, now) {
                return Ok(tokens.access_token.clone());
            }
        }
        let scopes: Vec<&str> = inner.scopes.iter().map(String::as_str).collect();
        let tokens = inner.client.client_credentials(&scopes).await?;
        inner.fetches.fetch_add(1, Ordering::Relaxed);
        let token = tokens.access_token.clone();
        *cached = Some(tokens);
        Ok(token)
    }
}

impl CredentialSource for ClientCredentials {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async move { super::bearer(self.access_token().await) })
    }

    fn refused(&self, credential: &Credential) -> bool {
        super::remember_refused(&self.inner.refused, credential)
    }
}
