//! PayPal: `PAYPAL-TRANSMISSION-SIG`, an RSA signature (SHA256withRSA) by the key of the
//! certificate at `PAYPAL-CERT-URL`, over
//! `<transmission id>|<transmission time>|<webhook id>|<CRC32 of the body, decimal>`.

use std::sync::Arc;
use std::time::SystemTime;

use super::Verifier;
use crate::BoxFuture;
use crate::webhooks::certificates::{CertificateCache, CertificateSource, HostRule, check_url};
use crate::webhooks::crypto::base64_decode;
use crate::webhooks::{Delivery, HttpsCertificates, WebhookError};

const SIGNATURE: &str = "PAYPAL-TRANSMISSION-SIG";
const TRANSMISSION_ID: &str = "PAYPAL-TRANSMISSION-ID";
const TRANSMISSION_TIME: &str = "PAYPAL-TRANSMISSION-TIME";
const CERT_URL: &str = "PAYPAL-CERT-URL";
const AUTH_ALGO: &str = "PAYPAL-AUTH-ALGO";

/// The hosts PayPal serves its signing certificates from (live and sandbox).
const HOSTS: &[&str] = &[
    "api.paypal.com",
    "api-m.paypal.com",
    "api.sandbox.paypal.com",
    "api-m.sandbox.paypal.com",
];

/// Verifies PayPal's signature for one webhook (its id, as the dashboard shows it): the
/// certificate must come over HTTPS from PayPal's API host, be valid now, and be issued
/// to a `*.paypal.com` name, as PayPal's own SDK checks.
#[derive(Debug, Clone)]
pub struct PayPalSignature {
    webhook_id: String,
    certificates: CertificateCache,
}

impl PayPalSignature {
    /// For the webhook `webhook_id`, fetching certificates over HTTPS.
    pub fn new(webhook_id: impl Into<String>) -> Result<Self, WebhookError> {
        Ok(PayPalSignature::with_certificates(
            webhook_id,
            Arc::new(HttpsCertificates::new()?),
        ))
    }

    /// For the webhook `webhook_id`, with certificates from `source` (a cache shared by
    /// several processes, or a test's).
    pub fn with_certificates(
        webhook_id: impl Into<String>,
        source: Arc<dyn CertificateSource>,
    ) -> Self {
        PayPalSignature {
            webhook_id: webhook_id.into(),
            certificates: CertificateCache::new(source),
        }
    }
}

impl Verifier for PayPalSignature {
    fn prepare<'a>(
        &'a self,
        delivery: &'a Delivery<'a>,
    ) -> BoxFuture<'a, Result<(), WebhookError>> {
        Box::pin(async move {
            let url = delivery.required(CERT_URL)?;
            check_url(url, HostRule::Exactly(HOSTS), CERT_URL)?;
            self.certificates.load(url).await
        })
    }

    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        let signature =
            base64_decode(delivery.required(SIGNATURE)?).ok_or(WebhookError::BadSignature)?;
        let transmission_id = delivery.required(TRANSMISSION_ID)?;
        let transmission_time = delivery.required(TRANSMISSION_TIME)?;
        let url = delivery.required(CERT_URL)?;
        check_url(url, HostRule::Exactly(HOSTS), CERT_URL)?;
        let sha1 = match delivery.header(AUTH_ALGO).map(str::trim) {
            None | Some("SHA256withRSA") => false,
            Some("SHA1withRSA") => true,
            Some(other) => {
                return Err(WebhookError::Malformed {
                    header: AUTH_ALGO,
                    what: format!("unknown algorithm `{other}`"),
                });
            }
        };
        let certificate = self.certificates.get(url)?;
        let crc = crc32fast::hash(delivery.body);
        let message = format!(
            "{transmission_id}|{transmission_time}|{}|{crc}",
            self.webhook_id
        );
        certificate.verify_rsa(message.as_bytes(), &signature, sha1)?;
        // After the signature, so that a forgery learns nothing from these.
        if !certificate
            .common_name
            .to_ascii_lowercase()
            .ends_with(".paypal.com")
        {
            return Err(WebhookError::Certificate(format!(
                "issued to `{}`, not a paypal.com name",
                certificate.common_name
            )));
        }
        certificate.check_validity(now)
    }
}
