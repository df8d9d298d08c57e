//! The dispatcher: verifies a delivery, reads its events, skips the ones already
//! handled, and calls the handler registered for each event's kind.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use super::envelope::Reply;
use futures_util::FutureExt;

use super::seen::{Claim, MemorySeen, SeenStore};
use super::{Delivery, Envelope, Event, RawEvent, Verifier, WebhookError};
use crate::BoxFuture;
use crate::seams::BoxError;
use crate::time::{Timer, TokioTimer};

/// The body size a receiver accepts by default (1 MiB: larger than any provider's
/// deliveries).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// A handler that failed.
#[derive(Debug)]
pub struct HandlerError {
    retry: bool,
    source: BoxError,
}

impl HandlerError {
    /// Failed, and the provider should deliver the event again: the receiver answers
    /// with an error status, and the event is not remembered as handled.
    pub fn retry(error: impl Into<BoxError>) -> Self {
        HandlerError {
            retry: true,
            source: error.into(),
        }
    }

    /// Failed for good (a delivery the application will never be able to use): logged,
    /// remembered as handled, and acknowledged so the provider stops sending it.
    pub fn give_up(error: impl Into<BoxError>) -> Self {
        HandlerError {
            retry: false,
            source: error.into(),
        }
    }

    /// Whether the handler asked for the delivery again.
    pub fn wants_retry(&self) -> bool {
        self.retry
    }
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.source, f)
    }
}

impl std::error::Error for HandlerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

type Handler = Arc<dyn Fn(RawEvent) -> BoxFuture<'static, Result<(), HandlerError>> + Send + Sync>;

/// What became of one event of a delivery.
#[derive(Debug)]
#[non_exhaustive]
pub enum Handled {
    /// Its handler ran and succeeded.
    Done {
        /// The event's kind.
        kind: String,
    },
    /// No handler is registered for its kind (and no catch-all).
    Ignored {
        /// The event's kind.
        kind: String,
    },
    /// Its id was handled before: not handled again.
    Duplicate {
        /// The event's id.
        id: String,
    },
    /// Another attempt is handling it right now: the provider is asked to send it again
    /// later (503), when that attempt will have finished one way or the other.
    Busy {
        /// The event's id.
        id: String,
    },
    /// Its handler failed.
    Failed {
        /// The event's kind.
        kind: String,
        /// Why.
        error: HandlerError,
    },
}

/// The answer to one delivery, and what became of it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Outcome {
    /// What to answer the provider with.
    pub reply: Reply,
    /// Why the delivery was refused or failed, when it was.
    pub error: Option<WebhookError>,
    /// What became of each of its events, in order.
    pub events: Vec<Handled>,
}

impl Outcome {
    fn refused(error: WebhookError) -> Self {
        let status = match &error {
            WebhookError::TooLarge { .. } => 413,
            WebhookError::Body(_) => 400,
            WebhookError::Config(_) | WebhookError::Handler(_) => 500,
            _ => 401,
        };
        tracing::warn!(%error, status, "webhook delivery refused");
        Outcome {
            reply: Reply::text(status, "text/plain; charset=utf-8", status_text(status)),
            error: Some(error),
            events: Vec::new(),
        }
    }
}

fn status_text(status: u16) -> &'static str {
    match status {
        400 => "the delivery cannot be read",
        401 => "the delivery is not genuine",
        413 => "the delivery is too large",
        503 => "an event of the delivery is being handled; send it again later",
        _ => "the delivery could not be handled; send it again",
    }
}

/// A webhook receiver for one provider: verification, de-duplication and dispatch to
/// typed handlers.
///
/// ```no_run
/// # use integrations_runtime::webhooks::{Webhooks, Envelope, HandlerError, RawEvent};
/// # use integrations_runtime::webhooks::verify::StripeSignature;
/// let webhooks = Webhooks::new(Envelope::Stripe, StripeSignature::new("whsec_…"))
///     .any(|event: RawEvent| async move {
///         println!("{} {}", event.kind, event.payload["id"]);
///         Ok::<(), HandlerError>(())
///     });
/// ```
#[derive(Clone)]
pub struct Webhooks {
    envelope: Envelope,
    verifier: Arc<dyn Verifier>,
    handlers: HashMap<String, Handler>,
    fallback: Option<Handler>,
    seen: Arc<dyn SeenStore>,
    body_limit: usize,
    timer: Arc<dyn Timer>,
    public_url: Option<String>,
    /// A mistake made while building the receiver (a typed handler for another
    /// provider's events): every delivery is answered 500 with it, so none is lost.
    misconfigured: Option<String>,
}

impl fmt::Debug for Webhooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kinds: Vec<&String> = self.handlers.keys().collect();
        kinds.sort();
        f.debug_struct("Webhooks")
            .field("provider", &self.envelope.provider())
            .field("verifier", &self.verifier)
            .field("kinds", &kinds)
            .field("catch_all", &self.fallback.is_some())
            .field("body_limit", &self.body_limit)
            .finish_non_exhaustive()
    }
}

impl Webhooks {
    /// A receiver of `envelope`'s deliveries, accepting those `verifier` accepts.
    pub fn new(envelope: Envelope, verifier: impl Verifier + 'static) -> Self {
        Webhooks {
            envelope,
            verifier: Arc::new(verifier),
            handlers: HashMap::new(),
            fallback: None,
            seen: Arc::new(MemorySeen::new()),
            body_limit: DEFAULT_BODY_LIMIT,
            timer: Arc::new(TokioTimer),
            public_url: None,
            misconfigured: None,
        }
    }

    /// Calls `handler` with each event of kind `E::KIND`, read as `E`.
    ///
    /// An event of that kind whose payload does not read as `E` is not handled: the
    /// delivery is answered with an error (so the provider sends it again, and nothing
    /// is lost while the type is fixed) and the error is logged.
    ///
    /// `E` must be an event of this receiver's provider; when it is another's, the
    /// receiver answers every delivery with a 500 naming the mistake (and logs it), so
    /// that nothing is acknowledged unhandled.
    #[must_use]
    pub fn on<E, F, Fut>(mut self, handler: F) -> Self
    where
        E: Event,
        F: Fn(E) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
    {
        if E::PROVIDER != self.envelope.provider() {
            let mistake = format!(
                "`{}` is a {} event, and this receiver takes {} deliveries",
                std::any::type_name::<E>(),
                E::PROVIDER,
                self.envelope.provider()
            );
            tracing::error!("{mistake}");
            self.misconfigured.get_or_insert(mistake);
            return self;
        }
        let handler = Arc::new(handler);
        self.handlers.insert(
            E::KIND.to_owned(),
            Arc::new(move |raw: RawEvent| {
                let handler = handler.clone();
                Box::pin(async move {
                    let event = E::from_raw(&raw).map_err(|e| {
                        HandlerError::retry(format!(
                            "a `{}` event does not read as {}: {e}",
                            raw.kind,
                            std::any::type_name::<E>()
                        ))
                    })?;
                    handler(event).await
                })
            }),
        );
        self
    }

    /// Calls `handler` with every event no typed handler takes (including kinds the
    /// spec does not describe), as it arrived.
    #[must_use]
    pub fn any<F, Fut>(mut self, handler: F) -> Self
    where
        F: Fn(RawEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
    {
        let handler = Arc::new(handler);
        self.fallback = Some(Arc::new(move |raw| {
            let handler = handler.clone();
            Box::pin(async move { handler(raw).await })
        }));
        self
    }

    /// Remembers handled events in `store` (by default in memory, for 24 hours).
    #[must_use]
    pub fn seen_store(mut self, store: Arc<dyn SeenStore>) -> Self {
        self.seen = store;
        self
    }

    /// Refuses bodies larger than `bytes` (default [`DEFAULT_BODY_LIMIT`]).
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The clock signatures' timestamps are judged by (tests give a
    /// [`ManualTimer`](crate::time::ManualTimer)).
    #[must_use]
    pub fn timer(mut self, timer: Arc<dyn Timer>) -> Self {
        self.timer = timer;
        self
    }

    /// The URL the provider calls, as it knows it (`https://example.com/hooks/twilio`):
    /// Twilio, Square and HubSpot sign it, and behind a proxy or a load balancer the
    /// server sees another. Used by the axum endpoint; the request's query is appended.
    #[must_use]
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into());
        self
    }

    /// The configured public URL.
    pub fn configured_public_url(&self) -> Option<&str> {
        self.public_url.as_deref()
    }

    /// The body limit.
    pub fn configured_body_limit(&self) -> usize {
        self.body_limit
    }

    /// Whether the verifier signs the URL the provider called, so that an endpoint must
    /// be told it ([`public_url`](Self::public_url)).
    pub fn needs_public_url(&self) -> bool {
        self.verifier.signs_url()
    }

    /// Receives one delivery: refuses it unless it is genuine and fresh, then hands each
    /// of its events not handled before to its handler, once.
    ///
    /// The answer is a 2xx once every event was handled, ignored, a duplicate, or given
    /// up on by its handler; a 500 when a handler asked for a retry (events of the same
    /// delivery that succeeded are remembered, so the retry runs only the others); a 503
    /// when another attempt is handling one of its events right now; 401 for a delivery
    /// that is not genuine or is stale, 413 for one too large, 400 for one that cannot be
    /// read.
    pub async fn receive(&self, delivery: &Delivery<'_>) -> Outcome {
        if let Some(mistake) = &self.misconfigured {
            return Outcome::refused(WebhookError::Config(mistake.clone()));
        }
        if delivery.body.len() > self.body_limit {
            return Outcome::refused(WebhookError::TooLarge {
                limit: self.body_limit,
            });
        }
        if let Some(handshake) = self.envelope.handshake(delivery) {
            return match handshake {
                Ok(reply) => Outcome {
                    reply,
                    error: None,
                    events: Vec::new(),
                },
                Err(error) => Outcome::refused(error),
            };
        }
        if let Err(error) = self.verifier.prepare(delivery).await {
            return Outcome::refused(error);
        }
        if let Err(error) = self.verifier.verify(delivery, self.timer.system_now()) {
            return Outcome::refused(error);
        }
        let reading = match self.envelope.read(delivery) {
            Ok(reading) => reading,
            Err(error) => return Outcome::refused(error),
        };
        let mut events = Vec::with_capacity(reading.events.len());
        let mut retry = None;
        for event in reading.events {
            let handled = self.handle(event).await;
            if let Handled::Failed { kind, error } = &handled {
                if error.wants_retry() {
                    tracing::warn!(kind, %error, "webhook handler failed; asking for a retry");
                    retry.get_or_insert_with(|| format!("the `{kind}` handler failed: {error}"));
                } else {
                    tracing::warn!(kind, %error, "webhook handler gave up on an event");
                }
            }
            events.push(handled);
        }
        // A delivery whose every event was handled before is a replay (or a retry of a
        // delivery that succeeded): acknowledged, so the provider stops, and reported.
        let replayed = match events.as_slice() {
            [Handled::Duplicate { id }, rest @ ..]
                if rest.iter().all(|h| matches!(h, Handled::Duplicate { .. })) =>
            {
                Some(WebhookError::Replayed { id: id.clone() })
            }
            _ => None,
        };
        let busy = events.iter().any(|h| matches!(h, Handled::Busy { .. }));
        if retry.is_none() && busy {
            return Outcome {
                reply: Reply::text(503, "text/plain; charset=utf-8", status_text(503)),
                error: None,
                events,
            };
        }
        match retry {
            Some(what) => Outcome {
                reply: Reply::text(500, "text/plain; charset=utf-8", status_text(500)),
                error: Some(WebhookError::Handler(what.into())),
                events,
            },
            None => Outcome {
                reply: reading.reply,
                error: replayed,
                events,
            },
        }
    }

    async fn handle(&self, event: RawEvent) -> Handled {
        let kind = event.kind.clone();
        let Some(handler) = self.handlers.get(&kind).or(self.fallback.as_ref()) else {
            return Handled::Ignored { kind };
        };
        // The kind is part of the key: ids are unique per event, but a provider's own
        // samples reuse placeholder ids across kinds (SendGrid's `sg_event_id`). Each
        // part is length-prefixed, so no two (provider, kind, id) make one key.
        let key = event.id.as_ref().map(|id| {
            let provider = event.provider;
            format!(
                "{}:{provider}{}:{kind}{}:{id}",
                provider.len(),
                kind.len(),
                id.len()
            )
        });
        if let Some(key) = &key {
            let id = event.id.clone().unwrap_or_default();
            match self.seen.claim(key, self.timer.system_now()).await {
                Ok(Claim::Fresh) => {}
                Ok(Claim::Done) => {
                    tracing::debug!(kind, id, "webhook event already handled");
                    return Handled::Duplicate { id };
                }
                Ok(Claim::InProgress) => {
                    tracing::debug!(kind, id, "webhook event being handled by another attempt");
                    return Handled::Busy { id };
                }
                Err(error) => {
                    return Handled::Failed {
                        kind,
                        error: HandlerError::retry(error),
                    };
                }
            }
        }
        // A handler that panics has failed and gets the delivery again; one whose future
        // is dropped (the connection closed) leaves its claim to run out its lease.
        let outcome = std::panic::AssertUnwindSafe(handler(event))
            .catch_unwind()
            .await
            .unwrap_or_else(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_owned());
                Err(HandlerError::retry(format!("the handler panicked: {what}")))
            });
        let Some(key) = key else {
            return match outcome {
                Ok(()) => Handled::Done { kind },
                Err(error) => Handled::Failed { kind, error },
            };
        };
        let retry = outcome.as_ref().is_err_and(HandlerError::wants_retry);
        let recorded = if retry {
            self.seen.release(&key).await
        } else {
            self.seen.complete(&key, self.timer.system_now()).await
        };
        if let Err(store_error) = recorded {
            // The claim stays leased, and runs out: the event is handled again then
            // rather than lost.
            tracing::warn!(%store_error, kind, "cannot record a handled event's outcome");
        }
        match outcome {
            Ok(()) => Handled::Done { kind },
            Err(error) => Handled::Failed { kind, error },
        }
    }
}
