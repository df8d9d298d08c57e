//! Webhooks: receiving a provider's deliveries, accepting only genuine ones, once each.
//!
//! - [`verify`]: one [`Verifier`] per provider scheme (Stripe, Slack, Twilio, SendGrid,
//!   HubSpot, Square, Dropbox, Google Drive, Pipedrive, Salesforce), checking the raw body
//!   before anything parses it, in constant time, with a replay window where the scheme
//!   signs a timestamp.
//! - [`Delivery`]: a delivery as it arrived; [`WebhookError`]: why one was refused.

mod crypto;
mod delivery;
mod error;
pub mod verify;

pub use delivery::Delivery;
pub use error::WebhookError;
pub use verify::Verifier;
