//! The axum endpoint: a router that receives one provider's deliveries with a
//! [`Webhooks`] dispatcher.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;

use super::{Delivery, Webhooks};

impl Webhooks {
    /// A router answering deliveries at `path`, to merge into an application's:
    /// `app.merge(webhooks.router("/hooks/stripe"))`.
    ///
    /// The body is read up to the receiver's limit (a larger one is answered 413 before
    /// the rest arrives). The URL verifiers sign is the
    /// [`public_url`](Webhooks::public_url) with the request's query; a receiver whose
    /// verifier signs the URL (Twilio, Square, HubSpot) and has no public URL answers
    /// every delivery with a 500 and logs why, rather than trust the `Host` header.
    /// Other verifiers do not read the URL; it is then rebuilt from `Host` for handlers
    /// to see.
    pub fn router<S>(self, path: &str) -> Router<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        Router::new()
            .route(path, any(endpoint))
            .with_state(Arc::new(self))
    }
}

async fn endpoint(State(webhooks): State<Arc<Webhooks>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or_else(|| parts.uri.clone(), |original| original.0.clone());
    let bytes = match to_bytes(body, webhooks.configured_body_limit()).await {
        Ok(bytes) => bytes,
        Err(error) => {
            let too_large = std::error::Error::source(&error)
                .is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
            return if too_large {
                (StatusCode::PAYLOAD_TOO_LARGE, "the delivery is too large").into_response()
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    "the delivery's body did not arrive in full",
                )
                    .into_response()
            };
        }
    };
    if webhooks.needs_public_url() && webhooks.configured_public_url().is_none() {
        tracing::error!(
            "this webhook receiver's provider signs the URL it calls: give it `public_url`"
        );
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the receiver is not configured with its public URL",
        )
            .into_response();
    }
    let url = match webhooks.configured_public_url() {
        Some(base) => match uri.query() {
            Some(query) if !base.contains('?') => format!("{base}?{query}"),
            _ => base.to_owned(),
        },
        None => {
            let host = parts
                .headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .or_else(|| uri.authority().map(|a| a.as_str()))
                .unwrap_or("localhost");
            let path = uri.path_and_query().map_or("/", |p| p.as_str());
            format!("http://{host}{path}")
        }
    };
    let delivery = Delivery::new(parts.method.as_str(), &url, &parts.headers, &bytes);
    let outcome = webhooks.receive(&delivery).await;
    let status = StatusCode::from_u16(outcome.reply.status).unwrap_or(StatusCode::OK);
    let mut response = Response::new(Body::from(outcome.reply.body));
    *response.status_mut() = status;
    if let Some(content_type) = outcome.reply.content_type {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    // Dropbox asks for it on the challenge's answer; harmless elsewhere.
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
