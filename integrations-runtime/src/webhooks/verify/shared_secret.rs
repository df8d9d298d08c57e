//! Providers that authenticate deliveries with a shared secret rather than a signature:
//! Google Drive's channel token, Pipedrive's HTTP Basic credentials, and the organization
//! id in a Salesforce Outbound Message.

use std::time::SystemTime;

use super::Verifier;
use crate::secret::Secret;
use crate::webhooks::crypto::{base64_decode, equal};
use crate::webhooks::{Delivery, WebhookError};

/// Google Drive push notifications: `X-Goog-Channel-Token` must be the token given when
/// the channel was made (`files.watch`).
#[derive(Debug, Clone)]
pub struct ChannelToken {
    token: Secret,
}

impl ChannelToken {
    /// With the channel's token.
    pub fn new(token: impl Into<Secret>) -> Self {
        ChannelToken {
            token: token.into(),
        }
    }
}

impl Verifier for ChannelToken {
    fn verify(&self, delivery: &Delivery<'_>, _now: SystemTime) -> Result<(), WebhookError> {
        let given = delivery.required("X-Goog-Channel-Token")?;
        if equal(given.as_bytes(), self.token.expose().as_bytes()) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}

/// Pipedrive webhooks: the HTTP Basic user and password set on the webhook.
#[derive(Debug, Clone)]
pub struct BasicAuthSecret {
    user: String,
    password: Secret,
}

impl BasicAuthSecret {
    /// With the webhook's user and password.
    pub fn new(user: impl Into<String>, password: impl Into<Secret>) -> Self {
        BasicAuthSecret {
            user: user.into(),
            password: password.into(),
        }
    }
}

impl Verifier for BasicAuthSecret {
    fn verify(&self, delivery: &Delivery<'_>, _now: SystemTime) -> Result<(), WebhookError> {
        let given = delivery.required("Authorization")?;
        let decoded = given
            .strip_prefix("Basic ")
            .and_then(base64_decode)
            .ok_or(WebhookError::BadSignature)?;
        let expected = format!("{}:{}", self.user, self.password.expose());
        if equal(&decoded, expected.as_bytes()) {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}

/// Salesforce Outbound Messages: the SOAP body's `OrganizationId` must be the expected
/// org's (15 or 18 characters; the first 15 identify it). Outbound Messages carry no
/// signature: pair this with TLS and, where possible, Salesforce's client certificate.
#[derive(Debug, Clone)]
pub struct SalesforceOrganization {
    organization_id: String,
}

impl SalesforceOrganization {
    /// With the organization id (`00D…`).
    pub fn new(organization_id: impl Into<String>) -> Self {
        SalesforceOrganization {
            organization_id: organization_id.into(),
        }
    }
}

impl Verifier for SalesforceOrganization {
    fn verify(&self, delivery: &Delivery<'_>, _now: SystemTime) -> Result<(), WebhookError> {
        let given = crate::webhooks::salesforce_soap::organization_id(delivery.body)?.ok_or(
            WebhookError::MissingSignature {
                header: "OrganizationId",
            },
        )?;
        let short = |id: &str| id.chars().take(15).collect::<String>();
        if given.len() >= 15
            && equal(
                short(&given).as_bytes(),
                short(&self.organization_id).as_bytes(),
            )
        {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}
