//! Connecting a HubSpot account with OAuth 2.0, as a small axum app:
//!
//! - `GET /connect?user=ada`: sends the browser to HubSpot's consent page (PKCE and a
//!   single-use `state`, from the runtime's OAuth client).
//! - `GET /callback?code=…&state=…`: where HubSpot sends the browser back; the code is
//!   exchanged for tokens, which are kept in the token store under the user's id.
//! - `GET /account?user=ada`: a HubSpot call with the user's token, refreshed when it is
//!   about to expire (the connection is the API client's bearer source).
//!
//! [`App`] holds what the routes share; `main.rs` builds it from environment variables,
//! and the tests build it against a local authorization server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Query, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use integrations_runtime::oauth::{OAuthClient, OAuthError, TokenStore};
use integrations_runtime::{
    ApiDescription, Client, Method, OAuthProvider, Request, SchemeKind, SecurityScheme,
};
use serde::Deserialize;

/// HubSpot's OAuth 2.0 server (the client id and secret go in the token request's body).
pub const HUBSPOT_OAUTH: OAuthProvider = OAuthProvider::new(
    "HubSpot",
    "https://app.hubspot.com/oauth/authorize",
    "https://api.hubapi.com/oauth/v1/token",
);

/// The one HubSpot API this example calls, and how it authenticates.
static HUBSPOT_API: ApiDescription = ApiDescription::new("HubSpot", "v3")
    .servers(&["https://api.hubapi.com"])
    .security_schemes(&[SecurityScheme::new("oauth2", SchemeKind::Bearer)]);

/// What the routes share.
#[derive(Clone)]
pub struct App {
    oauth: OAuthClient,
    store: Arc<dyn TokenStore>,
    scopes: Vec<String>,
    api_base: String,
    /// Which user started each authorization request, by its `state`.
    waiting: Arc<Mutex<HashMap<String, String>>>,
}

impl App {
    /// An app that connects users with `oauth`, asking for `scopes`, keeps their tokens in
    /// `store`, and calls the API at `api_base`.
    pub fn new(
        oauth: OAuthClient,
        store: Arc<dyn TokenStore>,
        scopes: &[&str],
        api_base: impl Into<String>,
    ) -> Self {
        App {
            oauth,
            store,
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            api_base: api_base.into(),
            waiting: Arc::default(),
        }
    }

    /// Serves the routes on `listener` until the task is dropped.
    pub async fn serve(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        axum::serve(listener, self.router()).await
    }

    /// The routes.
    pub fn router(self) -> Router {
        Router::new()
            .route("/connect", get(connect))
            .route("/callback", get(callback))
            .route("/account", get(account))
            .with_state(self)
    }
}

#[derive(Deserialize)]
struct User {
    user: String,
}

/// What went wrong, as the browser sees it.
struct Failure(StatusCode, String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.0, self.1).into_response()
    }
}

impl From<OAuthError> for Failure {
    fn from(error: OAuthError) -> Self {
        let status = match error {
            OAuthError::UnknownState | OAuthError::ExpiredState | OAuthError::MissingCode => {
                StatusCode::BAD_REQUEST
            }
            OAuthError::Refused { .. } => StatusCode::FORBIDDEN,
            _ => StatusCode::BAD_GATEWAY,
        };
        Failure(status, error.to_string())
    }
}

async fn connect(
    State(app): State<App>,
    Query(User { user }): Query<User>,
) -> Result<Response, Failure> {
    let scopes: Vec<&str> = app.scopes.iter().map(String::as_str).collect();
    let start = app.oauth.authorize(&scopes)?;
    app.waiting
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(start.state.clone(), user);
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, start.url)]).into_response())
}

async fn callback(State(app): State<App>, RawQuery(query): RawQuery) -> Result<String, Failure> {
    let query = query.unwrap_or_default();
    let state = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("state="))
        .unwrap_or_default()
        .to_owned();
    let user = app
        .waiting
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&state);
    // The OAuth client checks the state too (issued by it, once, not expired).
    let tokens = app.oauth.callback(&query).await?;
    let user = user.ok_or(Failure(StatusCode::BAD_REQUEST, "unknown state".to_owned()))?;
    app.oauth
        .connect(user.clone(), tokens, app.store.clone())
        .await?;
    Ok(format!("{user} is connected"))
}

async fn account(
    State(app): State<App>,
    Query(User { user }): Query<User>,
) -> Result<Response, Failure> {
    let connection = app
        .oauth
        .restore(user.clone(), app.store.clone())
        .await?
        .ok_or_else(|| Failure(StatusCode::NOT_FOUND, format!("{user} has not connected")))?;
    let client = Client::builder(&HUBSPOT_API)
        .base_url(app.api_base.clone())
        .bearer_source(Arc::new(connection))
        .build()
        .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let request = Request::new(
        "getAccountDetails",
        Method::Get,
        "/account-info/v3/details",
        &[&["oauth2"]],
    );
    let reply = async {
        let response = client
            .execute(
                request,
                integrations_runtime::decode::json::<serde_json::Value>,
            )
            .await?;
        response
            .decode::<serde_json::Value, serde_json::Value>(integrations_runtime::decode::json)
            .await
    };
    let details = reply
        .await
        .map_err(|e| Failure(StatusCode::BAD_GATEWAY, e.to_string()))?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        details.to_string(),
    )
        .into_response())
}
