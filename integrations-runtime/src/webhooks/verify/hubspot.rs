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

/// Verifies HubSpot's signatures with the app's client secret: v3 only, unless
/// [`with_legacy_signatures`](Self::with_legacy_signatures) says otherwise.
#[derive(Debug, Clone)]
pub struct HubSpotSignature {
    secret: Secret,
    window: Duration,
    legacy: bool,
}

impl HubSpotSignature {
    /// With the client secret and HubSpot's 5-minute window; v3 signatures only.
    pub fn new(client_secret: impl Into<Secret>) -> Self {
        HubSpotSignature {
            secret: client_secret.into(),
            window: DEFAULT_WINDOW,
            legacy: false,
        }
    }

    /// Also accepts v1 and v2 signatures when a delivery has no v3 one (HubSpot's
    /// workflow webhooks and older apps send only those). They sign no timestamp, so a
    /// captured delivery stays valid for ever: de-duplication is then the only guard
    /// against its replay, and HubSpot sends v1/v2 beside v3, so stripping the v3
    /// headers turns a v3 delivery into one of these.
    pub fn with_legacy_signatures(mut self) -> Self {
        self.legacy = true;
        self
    }
}

/// The URI as HubSpot signs it in v3: with these escapes decoded (HubSpot's own list),
/// and every other one left as sent.
fn v3_uri(url: &str) -> String {
    const DECODED: &[(&str, char)] = &[
        ("%3A", ':'),
        ("%2F", '/'),
        ("%3F", '?'),
        ("%40", '@'),
        ("%21", '!'),
        ("%24", '$'),
        ("%27", '\''),
        ("%28", '('),
        ("%29", ')'),
        ("%2A", '*'),
        ("%2C", ','),
        ("%3B", ';'),
    ];
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let escape = rest.get(at..at + 3).unwrap_or(&rest[at..]);
        match DECODED
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(escape))
        {
            Some((_, decoded)) => {
                out.push(*decoded);
                rest = &rest[at + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl Verifier for HubSpotSignature {
    fn signs_url(&self) -> bool {
        true
    }

    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        let secret = self.secret.expose().as_bytes();
        if delivery.header(V3).is_some() || !self.legacy {
            let signature =
                base64_decode(delivery.required(V3)?).ok_or(WebhookError::BadSignature)?;
            let signed_at = delivery.required(V3_TIMESTAMP)?;
            let mac = hmac_sha256(
                secret,
                &[
                    delivery.method.as_bytes(),
                    v3_uri(delivery.url).as_bytes(),
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

#[cfg(test)]
mod tests {
    use super::v3_uri;

    #[test]
    fn v3_decodes_hubspot_s_list_of_escapes_and_no_other() {
        assert_eq!(
            v3_uri("https://example.com/hook?id=a%3Ab%2Fc%40d%20e%25f%3bg%"),
            "https://example.com/hook?id=a:b/c@d%20e%25f;g%"
        );
        assert_eq!(
            v3_uri("https://example.com/plain"),
            "https://example.com/plain"
        );
    }
}
