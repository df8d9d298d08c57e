//! OAuth 2.0 connections: what a client needs to act for a user of a provider, or as
//! itself.
//!
//! - [`OAuthProvider`]: a provider's endpoints and quirks (scope separator, extra
//!   authorization parameters, how the client authenticates, where the token response
//!   says the API lives), as generated code or a caller describes them.
//! - [`OAuthClient`]: one registered application at one provider. It starts the
//!   authorization-code flow ([`OAuthClient::authorize`]: PKCE S256 and a single-use,
//!   expiring `state`), finishes it ([`OAuthClient::callback`]), refreshes tokens and asks
//!   for client-credentials tokens.
//! - [`Connection`]: one user's tokens, kept in a [`TokenStore`] and handed to generated
//!   clients as a [`CredentialSource`](crate::CredentialSource): refreshed ahead of
//!   expiry or when the provider refuses the token, once for any number of concurrent
//!   calls, and ended (never retried in a loop) when the grant is gone.
//! - [`ClientCredentials`]: an application's own token (PayPal), cached until it expires.
//! - [`TokenStore`]: where tokens live: [`MemoryStore`], or [`EncryptedFileStore`]
//!   (XChaCha20-Poly1305 with a key the caller supplies).
//!
//! The token endpoint is spoken here rather than through the `oauth2` crate: the
//! providers' responses need what a generic client does not keep (Salesforce's
//! `instance_url`, Pipedrive's `api_domain`, Slack's nested `authed_user` and its
//! `ok: false` errors sent with HTTP 200), the requests go through the same `reqwest`
//! stack as every call, and the protocol itself is three form posts.

mod client;
mod client_credentials;
mod connection;
mod error;
mod pkce;
mod store;
mod token;

pub use crate::oauth_provider::{ClientAuth, OAuthProvider};
pub use client::{Authorization, OAuthClient, OAuthClientBuilder};
pub use client_credentials::ClientCredentials;
pub use connection::Connection;
pub use error::{GrantError, OAuthError};
pub use store::{EncryptedFileStore, MemoryStore, StoreError, TokenStore};
pub use token::TokenSet;

use std::sync::Mutex;

use crate::client::Credential;
use crate::seams::CredentialError;
use crate::secret::Secret;

/// An access token as the credential a client sends (a bearer token).
fn bearer(token: Result<Secret, OAuthError>) -> Result<Credential, CredentialError> {
    token.map(Credential::Bearer).map_err(CredentialError::from)
}

/// Remembers in `slot` the access token the provider refused, so that the next call gets
/// another; `false` when `credential` is not one of ours (not a bearer token).
fn remember_refused(slot: &Mutex<Option<Secret>>, credential: &Credential) -> bool {
    let Credential::Bearer(token) = credential else {
        return false;
    };
    *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
    true
}
