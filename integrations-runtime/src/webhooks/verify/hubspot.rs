//! HubSpot: v3 (`X-HubSpot-Signature-v3`: base64 HMAC-SHA256 under the client secret of
//! method + URI + body + timestamp, with `X-HubSpot-Request-Timestamp` in milliseconds),
//! and the older v1 (hex SHA-256 of secret + body) and v2 (hex SHA-256 of secret + method
//! + URI + body) named by `X-HubSpot-Signature-Version`.

use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use super::{DEFAULT_WINDOW, Verifier, timestamp, within_window};
use crate::secret::Secret;
use crate::webhooks::crypto::{base64_decode, equal, hex_decode, hmac_sha256, mac_matches};
use crate::webhooks::{Delivery, WebhookError};

const V3: &str = "X-HubSpot-Signature-v3";
const V3_TIMESTAMP: &str = "X-HubSpot-Request-Timestamp";
const V1_V2: &str = "X-HubSpot-Signature";
const VERSION: &str = "X-HubSpot-Signature-Version";

/// Verifies HubSpot's signatures with the app's client secret. v1 and v2 sign no
/// timestamp; [`v3_only`](Self::v3_only) refuses them.
#[derive(Debug, Clone)]
pub struct HubSpotSignature {
    secret: Secret,
    window: Duration,
    v3_only: bool,
}

impl HubSpotSignature {
    /// With the client secret, HubSpot's 5-minute window, and every version accepted.
    pub fn new(client_secret: impl Into<Secret>) -> Self {
        HubSpotSignature {
            secret: client_secret.into(),
            window: DEFAULT_WINDOW,
            v3_only: false,
        }
    }

    /// Refuses v1 and v2 signatures, which can be replayed at any time.
    pub fn v3_only(mut self) -> Self {
        self.v3_only = true;
        self
    }
}

impl Verifier for HubSpotSignature {
    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        let secret = self.secret.expose().as_bytes();
        if delivery.header(V3).is_some() || self.v3_only {
            let signature =
                base64_decode(delivery.required(V3)?).ok_or(WebhookError::BadSignature)?;
            let signed_at = delivery.required(V3_TIMESTAMP)?;
            let mac = hmac_sha256(
                secret,
                &[
                    delivery.method.as_bytes(),
                    delivery.url.as_bytes(),
                    delivery.body,
                    signed_at.as_bytes(),
                ],
            );
            if !mac_matches(mac, &signature) {
                return Err(WebhookError::BadSignature);
            }
            return within_window(timestamp(V3_TIMESTAMP, signed_at, 1)?, now, self.window);
        }
        let signature = delivery
            .header(V1_V2)
            .filter(|s| !s.trim().is_empty())
            .ok_or(WebhookError::MissingSignature { header: V3 })?;
        let signature = hex_decode(signature.trim()).ok_or(WebhookError::BadSignature)?;
        let mut digest = Sha256::new();
        digest.update(secret);
        match delivery.header(VERSION).map(str::trim).unwrap_or("v1") {
            "v1" => {}
            "v2" => {
                digest.update(delivery.method.as_bytes());
                digest.update(delivery.url.as_bytes());
            }
            other => {
                return Err(WebhookError::Malformed {
                    header: VERSION,
                    what: format!("unknown version `{other}`"),
                });
            }
        }
        digest.update(delivery.body);
        if equal(&digest.finalize(), &signature) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}
