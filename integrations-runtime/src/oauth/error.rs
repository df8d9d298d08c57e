//! What can go wrong in an OAuth 2.0 flow, typed so that a caller can tell a user who
//! must reconnect from a provider that is briefly down.

/// The error codes of RFC 6749 §5.2 (token endpoint) and §4.1.2.1 (authorization
/// endpoint), with the provider's own code kept when it is another.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GrantError {
    /// `invalid_request`: a parameter is missing, repeated or malformed.
    InvalidRequest,
    /// `invalid_client`: the client id or secret is wrong.
    InvalidClient,
    /// `invalid_grant`: the code or refresh token is invalid, expired, revoked, already
    /// used, or was issued for another redirect URI or PKCE verifier.
    InvalidGrant,
    /// `unauthorized_client`: this client may not use this grant.
    UnauthorizedClient,
    /// `unsupported_grant_type`.
    UnsupportedGrantType,
    /// `invalid_scope`: a scope is unknown, or wider than the grant.
    InvalidScope,
    /// `access_denied`: the user (or the server) refused the authorization.
    AccessDenied,
    /// Any other code (Slack's `invalid_code`, `bad_redirect_uri`, …).
    Other(String),
}

impl GrantError {
    /// The code as the provider sent it.
    pub fn parse(code: &str) -> Self {
        match code {
            "invalid_request" => GrantError::InvalidRequest,
            "invalid_client" => GrantError::InvalidClient,
            "invalid_grant" => GrantError::InvalidGrant,
            "unauthorized_client" => GrantError::UnauthorizedClient,
            "unsupported_grant_type" => GrantError::UnsupportedGrantType,
            "invalid_scope" => GrantError::InvalidScope,
            "access_denied" => GrantError::AccessDenied,
            other => GrantError::Other(other.to_owned()),
        }
    }

    /// The code, as RFC 6749 (or the provider) spells it.
    pub fn code(&self) -> &str {
        match self {
            GrantError::InvalidRequest => "invalid_request",
            GrantError::InvalidClient => "invalid_client",
            GrantError::InvalidGrant => "invalid_grant",
            GrantError::UnauthorizedClient => "unauthorized_client",
            GrantError::UnsupportedGrantType => "unsupported_grant_type",
            GrantError::InvalidScope => "invalid_scope",
            GrantError::AccessDenied => "access_denied",
            GrantError::Other(code) => code,
        }
    }
}

impl std::fmt::Display for GrantError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// An OAuth 2.0 flow that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OAuthError {
    /// The provider refused: the token endpoint answered with an error, or the
    /// authorization redirect carried one.
    #[error("{provider} refused: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Refused {
        /// The provider's name.
        provider: &'static str,
        /// The error code.
        error: GrantError,
        /// The provider's `error_description`, when it gave one.
        description: Option<String>,
        /// The HTTP status (200 for Slack's `ok: false`; `None` for an authorization
        /// redirect).
        status: Option<u16>,
    },
    /// The callback's `state` is not one this client issued, was already used, or is
    /// missing: the callback is not the answer to our own authorization request.
    #[error("the callback's `state` was not issued by this client, or was already used")]
    UnknownState,
    /// The callback's `state` was issued, but longer ago than allowed.
    #[error("the authorization request expired before the user came back; start again")]
    ExpiredState,
    /// Too many authorization requests are waiting for their callback.
    #[error("{limit} authorization requests are waiting for their callback already")]
    TooManyPending {
        /// The limit.
        limit: usize,
    },
    /// The callback carries neither a code nor an error.
    #[error("the callback carries no authorization code")]
    MissingCode,
    /// The connection ended earlier (its grant was refused); the user must connect again.
    #[error("connection `{connection}` has ended: {reason}; the user must connect again")]
    Ended {
        /// The connection's id.
        connection: String,
        /// Why it ended.
        reason: String,
    },
    /// The provider refused the access token and there is no refresh token to get
    /// another.
    #[error("connection `{connection}` has no refresh token, and its access token {why}")]
    CannotRefresh {
        /// The connection's id.
        connection: String,
        /// `expired` or `was refused`.
        why: &'static str,
    },
    /// The token endpoint could not be reached, or did not answer in full.
    #[error("cannot reach {provider}'s token endpoint: {source}")]
    Transport {
        /// The provider's name.
        provider: &'static str,
        /// What failed.
        #[source]
        source: reqwest::Error,
    },
    /// The token endpoint answered with something that is not a token response.
    #[error("{provider}'s token endpoint answered HTTP {status} with {what}")]
    Malformed {
        /// The provider's name.
        provider: &'static str,
        /// The HTTP status.
        status: u16,
        /// What was wrong with the body.
        what: String,
    },
    /// The client is configured wrongly (a missing redirect URI, a URL that does not
    /// parse).
    #[error("OAuth client configuration: {0}")]
    Config(String),
    /// The token store failed.
    #[error(transparent)]
    Store(#[from] super::StoreError),
}

impl OAuthError {
    /// The provider's error code, when it refused.
    pub fn grant_error(&self) -> Option<&GrantError> {
        match self {
            OAuthError::Refused { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether the grant behind a connection is gone for good, so that the connection
    /// must end: the provider said `invalid_grant` (a wrong client secret, by contrast,
    /// is the application's to fix, and ends nobody's connection).
    pub fn ends_connection(&self) -> bool {
        matches!(self.grant_error(), Some(GrantError::InvalidGrant))
            || matches!(
                self,
                OAuthError::Ended { .. } | OAuthError::CannotRefresh { .. }
            )
    }

    /// Whether trying again later may succeed: the endpoint could not be reached, or
    /// answered with a server error.
    pub fn is_temporary(&self) -> bool {
        let busy = |status: u16| status >= 500 || status == 429;
        match self {
            OAuthError::Transport { .. }
            | OAuthError::Store(_)
            | OAuthError::TooManyPending { .. } => true,
            OAuthError::Malformed { status, .. } => busy(*status),
            OAuthError::Refused { error, status, .. } => {
                status.is_some_and(busy)
                    || matches!(
                        error.code(),
                        "temporarily_unavailable" | "server_error" | "ratelimited"
                    )
            }
            _ => false,
        }
    }
}
