//! The client: one request path for every operation of an API.
//!
//! - [`builder`]: configuration (base URL, credentials, timeouts, retries, rate limit,
//!   cache) and building the HTTP client underneath;
//! - [`auth`]: credentials, made ready to send once and chosen per request;
//! - [`pipeline`]: the calls themselves, attempt by attempt: take a turn from the rate
//!   limiter, authenticate, send, classify the answer, and retry what is worth retrying
//!   after the wait the policy and the provider ask for;
//! - [`url`], [`cache`]: a request's URL, and the opt-in response cache.

mod auth;
mod builder;
mod cache;
mod compress;
mod env;
mod env_server;
mod pipeline;
mod resumable;
mod url;

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::api::ApiDescription;
use crate::error::{DecodeError, Error};
use crate::limiter::RateLimiter;
use crate::request::Request;
use crate::response::{BufferedResponse, Response};
use crate::retry::RetryPolicy;
use crate::time::Timer;

pub use auth::Credential;
pub use builder::ClientBuilder;
pub use env::{EnvOAuth, EnvProblem, EnvVars, FromEnvError};
pub use env_server::EnvServer;
pub use resumable::ResumableUpload;

pub(crate) struct Inner {
    api: &'static ApiDescription,
    http: reqwest::Client,
    /// The base URL without a trailing `/`, as given.
    base_url: String,
    /// The same, parsed once: a request's URL is this with its path and query set, so
    /// that the scheme and host are not parsed again for every request.
    base: reqwest::Url,
    /// Where each of the API's operation servers is reached: the spec's URL, and the
    /// base URL used for it (as text and parsed).
    operation_bases: Vec<(&'static str, String, reqwest::Url)>,
    timeout: Option<Duration>,
    /// The largest body read into memory.
    max_response_bytes: Option<usize>,
    /// Headers sent with every request, when the HTTP client does not send them itself.
    default_headers: HeaderMap,
    /// Credentials by scheme key, ready to send (or to ask for).
    credentials: Vec<(&'static str, auth::Slot)>,
    /// A bearer or basic credential for APIs that declare no scheme of its kind.
    fallback: Option<auth::Slot>,
    /// Hooks run on each attempt just before it is sent, in order.
    before_send: Vec<Arc<dyn crate::seams::BeforeSend>>,
    retry: RetryPolicy,
    limiter: Option<Arc<dyn RateLimiter>>,
    cache: Option<cache::Cache>,
    timer: Arc<dyn Timer>,
}

/// A client of one API. Cheap to clone: clones share one connection pool, one rate
/// limiter and one cache.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let schemes: Vec<&str> = self.inner.credentials.iter().map(|(key, _)| *key).collect();
        f.debug_struct("Client")
            .field("api", &self.inner.api.name)
            .field("base_url", &self.inner.base_url)
            .field("credentials_for", &schemes)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder for a client of `api`.
    pub fn builder(api: &'static ApiDescription) -> ClientBuilder<Client> {
        ClientBuilder::new(api)
    }

    /// The API this client talks to.
    pub fn api(&self) -> &'static ApiDescription {
        self.inner.api
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends `request`, retrying as the client's (or the call's) policy allows, and
    /// classifies the answer: a 2xx is returned for decoding (unless the API's success
    /// flag says the call failed); anything else is an [`Error::Api`] with the provider's
    /// code and message and the body decoded by `decode_error` when it decodes (one of
    /// [`crate::decode`]'s decoders, or a by-status enum's).
    pub async fn execute<E>(
        &self,
        request: Request,
        decode_error: fn(&BufferedResponse) -> Result<E, DecodeError>,
    ) -> Result<Response, Error<E>> {
        // `run` is the one request path, compiled once whatever the operation's error type.
        self.run(request)
            .await
            .map_err(|failure| failure.decode(decode_error))
    }

    /// Sends `request` (or fails with the error that kept it from being built) and keeps
    /// a successful answer as it came: every 2xx is `Ok`, its body read but not decoded,
    /// whatever the spec declared. Generated builders' `send_raw` calls it.
    pub fn execute_raw<'a, E: Send + 'a>(
        &'a self,
        request: Result<Request, crate::error::EncodeError>,
        decode_error: fn(&BufferedResponse) -> Result<E, DecodeError>,
    ) -> crate::BoxFuture<'a, Result<crate::response::Reply<bytes::Bytes>, Error<E>>> {
        Box::pin(async move {
            let response = self.execute(request?, decode_error).await?;
            let body = response.read().await?;
            let raw = body.body().clone();
            Ok(crate::response::Reply::new(body, raw))
        })
    }
}
