//! Signature verification, one module per provider scheme. Every verifier reads the raw
//! body (and the headers and URL the scheme signs) before anything is parsed, compares
//! in constant time, and checks the signed timestamp against a replay window where the
//! scheme has one, after the signature (so that a forged delivery learns nothing about
//! the window).

mod dropbox;
mod hubspot;
mod paypal;
mod sendgrid;
mod shared_secret;
mod slack;
mod sns;
mod square;
mod stripe;
mod twilio;

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use dropbox::DropboxSignature;
pub use hubspot::HubSpotSignature;
pub use paypal::PayPalSignature;
pub use sendgrid::SendGridSignature;
pub use shared_secret::{BasicAuthSecret, ChannelToken, SalesforceOrganization};
pub use slack::SlackSignature;
pub use sns::SnsSignature;
pub use square::SquareSignature;
pub use stripe::StripeSignature;
pub use twilio::TwilioSignature;

use super::{Delivery, WebhookError};

/// Checks that a delivery is genuine, and fresh at `now`.
pub trait Verifier: Send + Sync + fmt::Debug {
    /// `Ok` for a genuine delivery; the reason otherwise.
    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError>;

    /// Gets what [`verify`](Self::verify) needs from elsewhere, before it runs: the
    /// signing certificate a PayPal or Amazon SNS delivery names (fetched once, from an
    /// allowed HTTPS host only). Nothing for the schemes with a shared secret.
    fn prepare<'a>(
        &'a self,
        delivery: &'a Delivery<'a>,
    ) -> crate::BoxFuture<'a, Result<(), WebhookError>> {
        let _ = delivery;
        Box::pin(async { Ok(()) })
    }

    /// Whether the signature covers the URL the provider called (Twilio, Square, HubSpot
    /// v3), so that a receiver must know that URL as the provider does rather than
    /// rebuild it from the request (a `Host` header anyone can set; `http` behind a TLS
    /// proxy).
    fn signs_url(&self) -> bool {
        false
    }
}

/// The default replay window of the schemes that sign a timestamp (Stripe, Slack and
/// HubSpot use 5 minutes).
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(5 * 60);

/// Refuses a timestamp (milliseconds since the epoch) further than `window` from `now`,
/// in either direction.
pub(crate) fn within_window(
    signed_at_millis: i128,
    now: SystemTime,
    window: Duration,
) -> Result<(), WebhookError> {
    let now_millis = match now.duration_since(UNIX_EPOCH) {
        Ok(since) => since.as_millis() as i128,
        Err(before) => -(before.duration().as_millis() as i128),
    };
    let age_millis = (now_millis - signed_at_millis).unsigned_abs();
    let age = Duration::from_millis(u64::try_from(age_millis).unwrap_or(u64::MAX));
    if age > window {
        return Err(WebhookError::Stale { age, window });
    }
    Ok(())
}

/// A timestamp header in whole seconds (or milliseconds), parsed.
pub(crate) fn timestamp(
    header: &'static str,
    text: &str,
    unit_millis: i128,
) -> Result<i128, WebhookError> {
    text.trim()
        .parse::<i64>()
        .map(|n| i128::from(n) * unit_millis)
        .map_err(|_| WebhookError::Malformed {
            header,
            what: format!("`{text}` is not a number"),
        })
}
