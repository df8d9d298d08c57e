//! Stripe: `Stripe-Signature: t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">[,v1=…]`.

use std::time::{Duration, SystemTime};

use super::{DEFAULT_WINDOW, Verifier, timestamp, within_window};
use crate::secret::Secret;
use crate::webhooks::crypto::{hex_decode, hmac_sha256, mac_matches};
use crate::webhooks::{Delivery, WebhookError};

const HEADER: &str = "Stripe-Signature";

/// Verifies Stripe's signature with one or more endpoint secrets (`whsec_…`): several
/// during a secret's rotation, when Stripe signs with the old and new secrets (several
/// `v1` entries) and either may match.
#[derive(Debug, Clone)]
pub struct StripeSignature {
    secrets: Vec<Secret>,
    window: Duration,
}

impl StripeSignature {
    /// With the endpoint secret, and Stripe's 5-minute tolerance.
    pub fn new(secret: impl Into<Secret>) -> Self {
        StripeSignature {
            secrets: vec![secret.into()],
            window: DEFAULT_WINDOW,
        }
    }

    /// Also accepts signatures made with `secret` (the other one, while rotating).
    pub fn or_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.secrets.push(secret.into());
        self
    }

    /// How far the signed timestamp may be from now.
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }
}

impl Verifier for StripeSignature {
    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        let header = delivery.required(HEADER)?;
        let mut signed_at = None;
        let mut signatures = Vec::new();
        for item in header.split(',') {
            match item.trim().split_once('=') {
                Some(("t", value)) => signed_at = Some(value),
                // A signature that is not hex cannot match: skip it, as another may.
                Some(("v1", value)) => signatures.extend(hex_decode(value)),
                _ => {}
            }
        }
        let signed_at = signed_at.ok_or_else(|| WebhookError::Malformed {
            header: HEADER,
            what: "no `t=` timestamp".to_owned(),
        })?;
        if signatures.is_empty() {
            return Err(WebhookError::BadSignature);
        }
        let genuine = self.secrets.iter().any(|secret| {
            let mac = hmac_sha256(
                secret.expose().as_bytes(),
                &[signed_at.as_bytes(), b".", delivery.body],
            );
            signatures
                .iter()
                .any(|signature| mac_matches(mac.clone(), signature))
        });
        if !genuine {
            return Err(WebhookError::BadSignature);
        }
        within_window(timestamp(HEADER, signed_at, 1000)?, now, self.window)
    }
}
