//! A provider's OAuth 2.0 endpoints and conventions, as static data: what generated code
//! says about a provider's authorization server (its `OAUTH` static), for the `oauth`
//! module's clients. Always compiled, so that a generated crate can name it whether or
//! not the `oauth` feature is on.

/// How an OAuth 2.0 application proves who it is at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_id` and `client_secret` as form fields of the request body
    /// (`client_secret_post`: Salesforce, HubSpot, Slack, Google).
    Body,
    /// HTTP Basic with the client id and secret (`client_secret_basic`: PayPal,
    /// Pipedrive, Slack).
    Basic,
    /// The whole token request as a JSON object, the client id and secret among its
    /// fields (Square).
    Json,
}

/// Where a provider's OAuth 2.0 endpoints are and what its requests need.
///
/// Generated code builds one per provider from `provider.toml`; a caller can build one
/// for any other authorization server. Built with [`OAuthProvider::new`] and chained
/// `const fn`s, so that it can be a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuthProvider {
    /// Display name, used in errors.
    pub name: &'static str,
    /// The authorization endpoint the user's browser is sent to (empty for a provider
    /// with only the client-credentials grant).
    pub authorize_url: &'static str,
    /// The token endpoint (code exchange, refresh, client credentials).
    pub token_url: &'static str,
    /// What joins scopes in the `scope` parameter: a space (RFC 6749), or a comma
    /// (Slack).
    pub scope_separator: &'static str,
    /// Parameters every authorization URL carries (`access_type=offline`,
    /// `token_access_type=offline`, `prompt=consent`).
    pub authorize_params: &'static [(&'static str, &'static str)],
    /// How the application authenticates at the token endpoint.
    pub client_auth: ClientAuth,
    /// Whether authorization requests carry a PKCE challenge (S256).
    pub pkce: bool,
    /// A JSON Pointer into the token response to the base URL the API is called at for
    /// this connection (Salesforce `/instance_url`, Pipedrive `/api_domain`).
    pub base_url_field: Option<&'static str>,
}

impl OAuthProvider {
    /// A provider with these endpoints, space-separated scopes, the client secret in the
    /// request body, and PKCE.
    pub const fn new(
        name: &'static str,
        authorize_url: &'static str,
        token_url: &'static str,
    ) -> Self {
        OAuthProvider {
            name,
            authorize_url,
            token_url,
            scope_separator: " ",
            authorize_params: &[],
            client_auth: ClientAuth::Body,
            pkce: true,
            base_url_field: None,
        }
    }

    /// Scopes joined by `separator`.
    pub const fn scope_separator(mut self, separator: &'static str) -> Self {
        self.scope_separator = separator;
        self
    }

    /// Parameters every authorization URL carries.
    pub const fn authorize_params(
        mut self,
        params: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.authorize_params = params;
        self
    }

    /// The application authenticates as `auth` says.
    pub const fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.client_auth = auth;
        self
    }

    /// Whether authorization requests carry a PKCE challenge.
    pub const fn pkce(mut self, pkce: bool) -> Self {
        self.pkce = pkce;
        self
    }

    /// The token response names the connection's base URL at `pointer`.
    pub const fn base_url_field(mut self, pointer: &'static str) -> Self {
        self.base_url_field = Some(pointer);
        self
    }
}
