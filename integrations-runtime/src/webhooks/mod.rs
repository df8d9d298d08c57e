//! Webhooks: receiving a provider's deliveries, accepting only genuine ones, once each.
//!
//! - [`verify`]: one [`Verifier`] per provider scheme (Stripe, Slack, Twilio, SendGrid,
//!   HubSpot, Square, Dropbox, Google Drive, Pipedrive, Salesforce, PayPal, Amazon SNS),
//!   checking the raw body before anything parses it, in constant time, with a replay
//!   window where the scheme signs a timestamp; PayPal's and SNS's signing certificates
//!   come from [`CertificateSource`] (HTTPS, from the provider's hosts only).
//! - [`Delivery`]: a delivery as it arrived; [`WebhookError`]: why one was refused.
//! - [`Envelope`]: how each provider packs events into a delivery, and the handshakes
//!   (Slack `url_verification`, the Dropbox challenge, the Salesforce SOAP ack).
//! - [`Webhooks`]: the dispatcher — verification, a body limit, de-duplication by event
//!   id ([`SeenStore`]), typed handlers ([`Event`]) and a catch-all ([`RawEvent`]).
//! - With the `webhooks-axum` feature, [`Webhooks::router`]: an axum endpoint.

#[cfg(feature = "webhooks-axum")]
mod axum;
mod certificates;
mod crypto;
mod delivery;
mod dispatch;
mod envelope;
mod error;
pub(crate) mod salesforce_soap;
mod seen;
pub mod verify;

pub use crate::events::{Event, RawEvent};
pub use certificates::{CertificateSource, HttpsCertificates};
pub use delivery::Delivery;
pub use dispatch::{DEFAULT_BODY_LIMIT, Handled, HandlerError, Outcome, Webhooks};
pub use envelope::{Envelope, Reply};
pub use error::WebhookError;
pub use seen::{Claim, MemorySeen, SeenStore, SeenStoreError};
pub use verify::Verifier;
