//! Webhook events as handlers receive them: the raw event every provider's envelope
//! yields, and the trait a typed event implements. Always compiled, because generated
//! clients implement [`Event`] for the events their spec describes; receiving them takes
//! the `webhooks` feature.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// One event of a verified delivery, as the provider's envelope names it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RawEvent {
    /// The provider (`Stripe`, `Slack`, …).
    pub provider: &'static str,
    /// The event's kind as the provider spells it (`payment_intent.succeeded`,
    /// `message`, `contact.creation`).
    pub kind: String,
    /// The provider's id of the event, when it gives one: what de-duplication keys on.
    pub id: Option<String>,
    /// The event as the provider sent it (for a form-encoded or XML delivery, its fields
    /// as a JSON object).
    pub payload: Value,
}

impl RawEvent {
    /// An event of `kind` from `provider`.
    pub fn new(provider: &'static str, kind: impl Into<String>, payload: Value) -> Self {
        RawEvent {
            provider,
            kind: kind.into(),
            id: None,
            payload,
        }
    }

    /// With the provider's id of the event.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The typed event `E`, read from this one.
    pub fn decode<E: Event>(&self) -> Result<E, serde_json::Error> {
        E::from_raw(self)
    }

    /// The whole payload, read as `T`.
    pub fn payload_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(&self.payload)
    }

    /// The part of the payload at the JSON Pointer `pointer` (`/data/object`), read as
    /// `T`; an error when the payload has nothing there.
    pub fn payload_at<T: DeserializeOwned>(&self, pointer: &str) -> Result<T, serde_json::Error> {
        match self.payload.pointer(pointer) {
            Some(part) => T::deserialize(part),
            None => Err(serde::de::Error::custom(format!(
                "the `{}` event has nothing at `{pointer}`",
                self.kind
            ))),
        }
    }
}

/// A typed event: one kind of one provider's events, with the Rust type it reads into.
/// Generated clients implement it for the events their spec describes; an application
/// can implement it for any other (usually with [`RawEvent::payload_as`]).
pub trait Event: Sized + Send + 'static {
    /// The provider whose event this is (as [`RawEvent::provider`] names it).
    const PROVIDER: &'static str;
    /// The kind, as the provider spells it (`payment_intent.succeeded`).
    const KIND: &'static str;

    /// Reads the event from a raw one of its kind.
    fn from_raw(raw: &RawEvent) -> Result<Self, serde_json::Error>;
}
