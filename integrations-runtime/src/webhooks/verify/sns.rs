//! Amazon SNS (S3 event notifications through SNS): the message's `Signature`, an RSA
//! signature by the key of the certificate at `SigningCertURL` (an
//! `sns.<region>.amazonaws.com` host), over the message's own fields as SNS lists them
//! for its `Type`; `SignatureVersion` 1 is SHA1withRSA, 2 SHA256withRSA.

use std::sync::Arc;
use std::time::SystemTime;

use serde::Deserialize;

use super::Verifier;
use crate::BoxFuture;
use crate::webhooks::certificates::{CertificateCache, CertificateSource, HostRule, check_url};
use crate::webhooks::crypto::base64_decode;
use crate::webhooks::{Delivery, HttpsCertificates, WebhookError};

/// The message fields the signature covers, and the signature's own.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Message {
    #[serde(rename = "Type")]
    kind: String,
    message_id: String,
    message: String,
    subject: Option<String>,
    timestamp: String,
    topic_arn: String,
    token: Option<String>,
    #[serde(rename = "SubscribeURL")]
    subscribe_url: Option<String>,
    signature_version: String,
    signature: String,
    #[serde(rename = "SigningCertURL")]
    signing_cert_url: String,
}

impl Message {
    fn read(body: &[u8]) -> Result<Message, WebhookError> {
        serde_json::from_slice(body)
            .map_err(|e| WebhookError::Body(format!("not an Amazon SNS message: {e}")))
    }

    /// The text SNS signs: `Name\nvalue\n` for each field its type covers, in order.
    fn signed_text(&self) -> Result<String, WebhookError> {
        let mut out = String::new();
        let mut field = |name: &str, value: &str| {
            out.push_str(name);
            out.push('\n');
            out.push_str(value);
            out.push('\n');
        };
        let missing =
            |name: &str| WebhookError::Body(format!("a `{}` message without `{name}`", self.kind));
        match self.kind.as_str() {
            "Notification" => {
                field("Message", &self.message);
                field("MessageId", &self.message_id);
                if let Some(subject) = &self.subject {
                    field("Subject", subject);
                }
                field("Timestamp", &self.timestamp);
                field("TopicArn", &self.topic_arn);
                field("Type", &self.kind);
            }
            "SubscriptionConfirmation" | "UnsubscribeConfirmation" => {
                let subscribe_url = self
                    .subscribe_url
                    .as_deref()
                    .ok_or_else(|| missing("SubscribeURL"))?;
                let token = self.token.as_deref().ok_or_else(|| missing("Token"))?;
                field("Message", &self.message);
                field("MessageId", &self.message_id);
                field("SubscribeURL", subscribe_url);
                field("Timestamp", &self.timestamp);
                field("Token", token);
                field("TopicArn", &self.topic_arn);
                field("Type", &self.kind);
            }
            other => {
                return Err(WebhookError::Body(format!(
                    "an Amazon SNS message of unknown type `{other}`"
                )));
            }
        }
        Ok(out)
    }
}

/// Verifies Amazon SNS messages, optionally only those of the topics named.
#[derive(Debug, Clone)]
pub struct SnsSignature {
    topics: Vec<String>,
    certificates: CertificateCache,
}

impl SnsSignature {
    /// Fetching certificates over HTTPS; every topic accepted until
    /// [`topic`](Self::topic) names one.
    pub fn new() -> Result<Self, WebhookError> {
        Ok(SnsSignature::with_certificates(Arc::new(
            HttpsCertificates::new()?,
        )))
    }

    /// With certificates from `source`.
    pub fn with_certificates(source: Arc<dyn CertificateSource>) -> Self {
        SnsSignature {
            topics: Vec::new(),
            certificates: CertificateCache::new(source),
        }
    }

    /// Accepts messages of the topic `arn` (and of the others named so); anyone can
    /// point an SNS topic of their own at a public endpoint.
    #[must_use]
    pub fn topic(mut self, arn: impl Into<String>) -> Self {
        self.topics.push(arn.into());
        self
    }
}

impl Verifier for SnsSignature {
    fn prepare<'a>(
        &'a self,
        delivery: &'a Delivery<'a>,
    ) -> BoxFuture<'a, Result<(), WebhookError>> {
        Box::pin(async move {
            let message = Message::read(delivery.body)?;
            check_url(
                &message.signing_cert_url,
                HostRule::AmazonSns,
                "SigningCertURL",
            )?;
            self.certificates.load(&message.signing_cert_url).await
        })
    }

    fn verify(&self, delivery: &Delivery<'_>, now: SystemTime) -> Result<(), WebhookError> {
        let message = Message::read(delivery.body)?;
        check_url(
            &message.signing_cert_url,
            HostRule::AmazonSns,
            "SigningCertURL",
        )?;
        let sha1 = match message.signature_version.as_str() {
            "1" => true,
            "2" => false,
            other => {
                return Err(WebhookError::Malformed {
                    header: "SignatureVersion",
                    what: format!("unknown version `{other}`"),
                });
            }
        };
        let signature = base64_decode(&message.signature).ok_or(WebhookError::BadSignature)?;
        let certificate = self.certificates.get(&message.signing_cert_url)?;
        certificate.verify_rsa(message.signed_text()?.as_bytes(), &signature, sha1)?;
        certificate.check_validity(now)?;
        if !self.topics.is_empty() && !self.topics.contains(&message.topic_arn) {
            return Err(WebhookError::Body(format!(
                "topic `{}` is not one this receiver takes",
                message.topic_arn
            )));
        }
        Ok(())
    }
}
