//! The pipeline's seams: where a caller (or a later part of this runtime: OAuth, SigV4)
//! plugs into every attempt of a call.
//!
//! - [`CredentialSource`]: a credential resolved for each attempt, asynchronously, so that
//!   a token can be fetched, cached and refreshed between attempts; and told when the
//!   provider refused it, so that one fresh credential can be tried at once.
//! - [`BeforeSend`]: a hook that sees the assembled request (credentials applied) just
//!   before it is sent, and may change it (sign it, add a header) or refuse to send it.

use std::fmt;

use crate::BoxFuture;
use crate::client::Credential;

/// Any error, boxed: what a seam reports when it fails.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Supplies the credential of one auth scheme, for each attempt.
pub trait CredentialSource: Send + Sync + fmt::Debug {
    /// The credential for the next attempt: a cached one, or a fresh one.
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>>;

    /// The provider refused `credential` (HTTP 401). Returns whether a different
    /// credential is now worth one immediate replay of the request (a source that
    /// refreshes marks the token stale and says `true`); the default says `false`, and the
    /// 401 ends the call.
    fn refused(&self, credential: &Credential) -> bool {
        let _ = credential;
        false
    }
}

/// A credential that could not be obtained (a token endpoint that failed, a grant that
/// was revoked).
#[derive(Debug, thiserror::Error)]
#[error("cannot obtain a credential for {}: {message}", scheme.as_deref().unwrap_or("the request"))]
#[non_exhaustive]
pub struct CredentialError {
    /// The auth scheme (its key in the spec), when known.
    pub scheme: Option<String>,
    /// What went wrong.
    pub message: String,
    /// Whether trying again later may succeed (a token endpoint that timed out), as
    /// opposed to a credential that is gone (`invalid_grant`).
    pub temporary: bool,
    /// The underlying error.
    #[source]
    pub source: Option<BoxError>,
    /// How many attempts the call had made when it failed.
    pub attempts: u32,
}

impl CredentialError {
    /// A credential that is gone: trying again will not help.
    pub fn permanent(message: impl Into<String>) -> Self {
        CredentialError {
            scheme: None,
            message: message.into(),
            temporary: false,
            source: None,
            attempts: 0,
        }
    }

    /// A failure that may pass (the token endpoint is down).
    pub fn temporary(message: impl Into<String>) -> Self {
        CredentialError {
            temporary: true,
            ..Self::permanent(message)
        }
    }

    /// With the error underneath.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// For the scheme `key` (the pipeline says which scheme it was resolving).
    pub(crate) fn for_scheme(mut self, key: &str) -> Self {
        if self.scheme.is_none() {
            self.scheme = Some(key.to_owned());
        }
        self
    }
}

/// Runs just before each attempt is sent: it sees the request as it will go out
/// (credentials applied) and may change it, or refuse to send it.
pub trait BeforeSend: Send + Sync + fmt::Debug {
    /// Prepares `request` for `attempt`; an error ends the call with nothing sent.
    fn before_send<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        attempt: &'a Attempt,
    ) -> BoxFuture<'a, Result<(), BoxError>>;
}

/// Which attempt of which call a hook is preparing.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Attempt {
    /// The operation (its `operationId`).
    pub operation: &'static str,
    /// 1 for the first attempt.
    pub number: u32,
}
