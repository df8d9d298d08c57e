//! Why a delivery was not accepted, or not handled.

use std::time::Duration;

use crate::seams::BoxError;

/// A delivery refused, or a handler that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature header (or a header the scheme signs with) is absent.
    #[error("the delivery has no `{header}` header")]
    MissingSignature {
        /// The header.
        header: &'static str,
    },
    /// A signature or timestamp header that does not parse.
    #[error("the `{header}` header is malformed: {what}")]
    Malformed {
        /// The header.
        header: &'static str,
        /// What is wrong with it.
        what: String,
    },
    /// The signature does not match the body (or URL, or timestamp) with any configured
    /// secret: the delivery is forged, altered, or signed with another secret.
    #[error("the signature does not match")]
    BadSignature,
    /// The signed timestamp is outside the replay window.
    #[error("the delivery was signed {age:?} away from now, outside the {window:?} window")]
    Stale {
        /// How far the timestamp is from now (either way).
        age: Duration,
        /// The window.
        window: Duration,
    },
    /// The body is larger than the receiver accepts.
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// An event already handled (the same event id), delivered again.
    #[error("event `{id}` was already handled")]
    Replayed {
        /// The event id.
        id: String,
    },
    /// A verified body that is not what the provider sends.
    #[error("the body cannot be read: {0}")]
    Body(String),
    /// The signing certificate a delivery names cannot be fetched or used (PayPal,
    /// Amazon SNS).
    #[error("the signing certificate cannot be used: {0}")]
    Certificate(String),
    /// The receiver is configured wrongly (a public key that does not parse).
    #[error("webhook configuration: {0}")]
    Config(String),
    /// A handler failed and asked the provider to deliver again.
    #[error("the handler failed: {0}")]
    Handler(BoxError),
}

impl WebhookError {
    /// Whether the delivery was refused as not genuine (missing, malformed or wrong
    /// signature, stale, replayed), as opposed to a genuine one that failed.
    pub fn is_rejection(&self) -> bool {
        matches!(
            self,
            WebhookError::MissingSignature { .. }
                | WebhookError::Malformed { .. }
                | WebhookError::BadSignature
                | WebhookError::Stale { .. }
                | WebhookError::TooLarge { .. }
                | WebhookError::Replayed { .. }
        )
    }
}
