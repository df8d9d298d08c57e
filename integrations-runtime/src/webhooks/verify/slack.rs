//! Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:ts:body">` with
//! `X-Slack-Request-Timestamp` in seconds.

use std::time::{Duration, SystemTime};

use super::{DEFAULT_WINDOW, Verifier, timestamp, within_window};
use crate::secret::Secret;
use crate::webhooks::crypto::{hex_decode, hmac_sha256, mac_matches};
use crate::webhooks::{Delivery, WebhookError};

const SIGNATURE: &str = "X-Slack-Signature";
const TIMESTAMP: &str = "X-Slack-Request-Timestamp";

/// Verifies Slack's signature with the app's signing secret.
#[derive(Debug, Clone)]
pub struct SlackSignature {
    secret: Secret,
    window: Duration,
}

impl SlackSignature {
    /// With the signing secret and Slack's 5-minute window.
    pub fn new(signing_secret: impl Into<Secret>) -> Self {
        SlackSignature {
            secret: signing_secret.into(),
            window: DEFAULT_WINDOW,
        }
    }

    /// How far the signed timestamp may be from now.
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }
}

impl Verifier for SlackSignature {
    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        let signature = delivery.required(SIGNATURE)?;
        let signed_at = delivery.required(TIMESTAMP)?;
        let signature = signature
            .strip_prefix("v0=")
            .and_then(hex_decode)
            .ok_or(WebhookError::BadSignature)?;
        let mac = hmac_sha256(
            self.secret.expose().as_bytes(),
            &[b"v0:", signed_at.as_bytes(), b":", delivery.body],
        );
        if !mac_matches(mac, &signature) {
            return Err(WebhookError::BadSignature);
        }
        within_window(timestamp(TIMESTAMP, signed_at, 1000)?, now, self.window)
    }
}
