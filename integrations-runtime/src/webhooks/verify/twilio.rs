//! Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1>` under the auth token, over the full
//! URL followed by the form parameters sorted by name (each name then its value); for a
//! JSON body, over the URL alone, which carries `bodySHA256`, the body's hex SHA-256.

use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::Verifier;
use crate::secret::Secret;
use crate::webhooks::crypto::{base64_decode, equal, hex_encode, hmac_sha1, mac_matches};
use crate::webhooks::{Delivery, WebhookError};

const HEADER: &str = "X-Twilio-Signature";

/// Verifies Twilio's signature with the account's auth token (Twilio signs no timestamp).
#[derive(Debug, Clone)]
pub struct TwilioSignature {
    auth_token: Secret,
}

impl TwilioSignature {
    /// With the auth token.
    pub fn new(auth_token: impl Into<Secret>) -> Self {
        TwilioSignature {
            auth_token: auth_token.into(),
        }
    }
}

impl Verifier for TwilioSignature {
    fn signs_url(&self) -> bool {
        true
    }

    fn verify(&self, delivery: &Delivery<'_>, _now: SystemTime) -> Result<(), WebhookError> {
        let signature =
            base64_decode(delivery.required(HEADER)?).ok_or(WebhookError::BadSignature)?;
        let key = self.auth_token.expose().as_bytes();
        if let Some(expected) = delivery.query_param("bodySHA256") {
            // A JSON body: the URL (with the body's digest) is signed, and the digest
            // must be the body's.
            let mac = hmac_sha1(key, &[delivery.url.as_bytes()]);
            let digest = hex_encode(&Sha256::digest(delivery.body));
            if mac_matches(mac, &signature)
                && equal(digest.as_bytes(), expected.to_ascii_lowercase().as_bytes())
            {
                return Ok(());
            }
            return Err(WebhookError::BadSignature);
        }
        let form = delivery.header("Content-Type").is_some_and(|t| {
            t.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
        let mut params: Vec<(String, String)> = if form {
            form_urlencoded::parse(delivery.body).into_owned().collect()
        } else if delivery.body.is_empty() {
            // A GET callback: its parameters are in the URL, which is signed.
            Vec::new()
        } else {
            // Neither form parameters nor a `bodySHA256`: the signature would cover the
            // URL only, and nothing of this body.
            return Err(WebhookError::BadSignature);
        };
        params.sort();
        let mut signed = Vec::with_capacity(delivery.url.len() + delivery.body.len());
        signed.extend_from_slice(delivery.url.as_bytes());
        for (name, value) in &params {
            signed.extend_from_slice(name.as_bytes());
            signed.extend_from_slice(value.as_bytes());
        }
        if mac_matches(hmac_sha1(key, &[&signed]), &signature) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}
