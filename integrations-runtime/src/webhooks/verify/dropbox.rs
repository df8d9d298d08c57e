//! Dropbox: `X-Dropbox-Signature: <hex HMAC-SHA256 of the body>` under the app secret.

use std::time::SystemTime;

use super::Verifier;
use crate::secret::Secret;
use crate::webhooks::crypto::{hex_decode, hmac_sha256, mac_matches};
use crate::webhooks::{Delivery, WebhookError};

const HEADER: &str = "X-Dropbox-Signature";

/// Verifies Dropbox's signature with the app secret (Dropbox signs no timestamp; its
/// notifications carry no id either, and only say which accounts changed).
#[derive(Debug, Clone)]
pub struct DropboxSignature {
    secret: Secret,
}

impl DropboxSignature {
    /// With the app secret.
    pub fn new(app_secret: impl Into<Secret>) -> Self {
        DropboxSignature {
            secret: app_secret.into(),
        }
    }
}

impl Verifier for DropboxSignature {
    fn verify(&self, delivery: &Delivery<'_>, _now: SystemTime) -> Result<(), WebhookError> {
        let signature = hex_decode(delivery.required(HEADER)?).ok_or(WebhookError::BadSignature)?;
        let mac = hmac_sha256(self.secret.expose().as_bytes(), &[delivery.body]);
        if mac_matches(mac, &signature) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}
