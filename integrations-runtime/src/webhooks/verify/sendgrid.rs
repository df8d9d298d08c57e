//! SendGrid's signed Event Webhook: `X-Twilio-Email-Event-Webhook-Signature` (base64 DER
//! ECDSA P-256 / SHA-256 signature) over `X-Twilio-Email-Event-Webhook-Timestamp`
//! followed by the body, checked with the public key SendGrid shows for the webhook.

use std::time::{Duration, SystemTime};

use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey;

use super::{Verifier, timestamp, within_window};
use crate::webhooks::crypto::base64_decode;
use crate::webhooks::{Delivery, WebhookError};

const SIGNATURE: &str = "X-Twilio-Email-Event-Webhook-Signature";
const TIMESTAMP: &str = "X-Twilio-Email-Event-Webhook-Timestamp";

/// Verifies SendGrid's ECDSA signature with the webhook's public key. SendGrid documents
/// no replay window; [`window`](Self::window) sets one.
#[derive(Debug, Clone)]
pub struct SendGridSignature {
    key: VerifyingKey,
    window: Option<Duration>,
}

impl SendGridSignature {
    /// With the public key as SendGrid shows it (base64 of the DER
    /// SubjectPublicKeyInfo); a key that does not parse is an error here.
    pub fn new(public_key: &str) -> Result<Self, WebhookError> {
        let der = base64_decode(public_key).ok_or_else(|| {
            WebhookError::Config("the SendGrid public key is not base64".to_owned())
        })?;
        let key = VerifyingKey::from_public_key_der(&der).map_err(|e| {
            WebhookError::Config(format!("the SendGrid public key is not a P-256 key: {e}"))
        })?;
        Ok(SendGridSignature { key, window: None })
    }

    /// Refuses deliveries signed further than `window` from now.
    pub fn window(mut self, window: Duration) -> Self {
        self.window = Some(window);
        self
    }
}

impl Verifier for SendGridSignature {
    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        let signature = delivery.required(SIGNATURE)?;
        let signed_at = delivery.required(TIMESTAMP)?;
        let signature = base64_decode(signature)
            .and_then(|der| Signature::from_der(&der).ok())
            .ok_or(WebhookError::BadSignature)?;
        let mut message = Vec::with_capacity(signed_at.len() + delivery.body.len());
        message.extend_from_slice(signed_at.as_bytes());
        message.extend_from_slice(delivery.body);
        // A signature with a high S is as valid as its low-S twin.
        let signature = signature.normalize_s();
        self.key
            .verify(&message, &signature)
            .map_err(|_| WebhookError::BadSignature)?;
        match self.window {
            Some(window) => within_window(timestamp(TIMESTAMP, signed_at, 1000)?, now, window),
            None => Ok(()),
        }
    }
}
