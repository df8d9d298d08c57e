//! Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256 of "url + body">` under
//! the subscription's signature key.

use std::time::SystemTime;

use super::Verifier;
use crate::secret::Secret;
use crate::webhooks::crypto::{base64_decode, hmac_sha256, mac_matches};
use crate::webhooks::{Delivery, WebhookError};

const HEADER: &str = "x-square-hmacsha256-signature";

/// Verifies Square's signature with the subscription's signature key and its
/// notification URL (exactly as registered with Square; by default the delivery's URL).
#[derive(Debug, Clone)]
pub struct SquareSignature {
    key: Secret,
    notification_url: Option<String>,
}

impl SquareSignature {
    /// With the signature key; the URL signed is the delivery's.
    pub fn new(signature_key: impl Into<Secret>) -> Self {
        SquareSignature {
            key: signature_key.into(),
            notification_url: None,
        }
    }

    /// The notification URL as registered with Square (when the server sees another).
    pub fn notification_url(mut self, url: impl Into<String>) -> Self {
        self.notification_url = Some(url.into());
        self
    }
}

impl Verifier for SquareSignature {
    fn signs_url(&self) -> bool {
        self.notification_url.is_none()
    }

    fn verify(&self, delivery: &Delivery<'_>, _now: SystemTime) -> Result<(), WebhookError> {
        let signature =
            base64_decode(delivery.required(HEADER)?).ok_or(WebhookError::BadSignature)?;
        let url = self.notification_url.as_deref().unwrap_or(delivery.url);
        let mac = hmac_sha256(
            self.key.expose().as_bytes(),
            &[url.as_bytes(), delivery.body],
        );
        if mac_matches(mac, &signature) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}
