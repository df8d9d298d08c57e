//! How each provider packs events into a delivery, and the handshakes some of them ask a
//! receiver to answer: reading a verified delivery into [`RawEvent`]s and a [`Reply`].

use serde_json::{Map, Value};

use super::salesforce_soap;
use super::{Delivery, RawEvent, WebhookError};

/// How a provider packs its events into deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Envelope {
    /// One JSON event: kind at `/type`, id at `/id`.
    Stripe,
    /// Events API: `event_callback` with the event at `/event` (kind `/event/type`, id
    /// `/event_id`); `url_verification` answered with its challenge.
    Slack,
    /// One JSON event: kind at `/type`, id at `/event_id`.
    Square,
    /// A JSON array of events: kind at `subscriptionType`; id from `portalId`,
    /// `subscriptionId`, `eventId`, `objectId` and `occurredAt` (`eventId` alone is not
    /// unique).
    HubSpot,
    /// A JSON array of events: kind at `event`, id at `sg_event_id`.
    SendGrid,
    /// A JSON notification (kind `list_folder`, no id), and the `GET ?challenge=`
    /// handshake answered by echoing the challenge.
    Dropbox,
    /// A form-encoded callback (or a GET's query): kind `message.<MessageStatus>`,
    /// `call.<CallStatus>`, or `message.received`; id the message's or call's sid and the
    /// status. A body whose `bodySHA256` the URL carries is Event Streams' CloudEvents:
    /// kind at `/type`, id at `/id`.
    Twilio,
    /// A JSON event: v2 `meta.action` + `meta.entity` (`create.person`), or v1's `event`
    /// (`added.person`); no id.
    Pipedrive,
    /// Google Drive push notifications: no body; kind from `X-Goog-Resource-State`, id
    /// from the channel id and `X-Goog-Message-Number`.
    GoogleDrive,
    /// Salesforce Outbound Messages: a SOAP `notifications` envelope, one event per
    /// `Notification` (kind `sobject.<Type>`, id its `Id`), answered with the SOAP ack.
    Salesforce,
    /// One JSON event: kind at `/event_type`, id at `/id`.
    PayPal,
    /// Amazon SNS: a `Notification` whose message is an S3 event notification gives one
    /// event per record (kind `s3:<eventName>`, id the message id and the record's
    /// index; S3's test message is `s3:TestEvent`), any other message one
    /// `sns.Notification`; a `SubscriptionConfirmation` is an event of its own
    /// (`sns.SubscriptionConfirmation`, with the `SubscribeURL` to visit to confirm).
    Sns,
}

/// What the receiver answers once every event of a delivery was handled.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` of the body, when there is one.
    pub content_type: Option<&'static str>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// `200 OK` with no body.
    pub fn ok() -> Self {
        Reply {
            status: 200,
            content_type: None,
            body: Vec::new(),
        }
    }

    /// A reply with `status` and a text body.
    pub(crate) fn text(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type: Some(content_type),
            body: body.into(),
        }
    }
}

/// A verified delivery, read.
#[derive(Debug)]
pub(crate) struct Reading {
    pub(crate) events: Vec<RawEvent>,
    /// The answer when all events were handled (a handshake's answer, or a plain 200).
    pub(crate) reply: Reply,
}

/// The SOAP answer that tells Salesforce the Outbound Message arrived.
const SALESFORCE_ACK: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">"#,
    r#"<soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">"#,
    r#"<Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>"#
);

impl Envelope {
    /// The provider's name.
    pub fn provider(self) -> &'static str {
        match self {
            Envelope::Stripe => "Stripe",
            Envelope::Slack => "Slack",
            Envelope::Square => "Square",
            Envelope::HubSpot => "HubSpot",
            Envelope::SendGrid => "SendGrid",
            Envelope::Dropbox => "Dropbox",
            Envelope::Twilio => "Twilio",
            Envelope::Pipedrive => "Pipedrive",
            Envelope::GoogleDrive => "Google Drive",
            Envelope::Salesforce => "Salesforce",
            Envelope::PayPal => "PayPal",
            Envelope::Sns => "Amazon SNS",
        }
    }

    /// The answer to an unsigned handshake, which comes before any signed delivery:
    /// Dropbox's `GET ?challenge=` (echoed as plain text, so the endpoint proves it is
    /// ours; it reveals nothing and triggers nothing). `None` for anything else, which
    /// must be verified.
    pub(crate) fn handshake(self, delivery: &Delivery<'_>) -> Option<Result<Reply, WebhookError>> {
        if self != Envelope::Dropbox || !delivery.method.eq_ignore_ascii_case("GET") {
            return None;
        }
        Some(match delivery.query_param("challenge") {
            Some(challenge) if challenge.len() <= 1024 => {
                Ok(Reply::text(200, "text/plain", challenge))
            }
            Some(_) => Err(WebhookError::Body(
                "the challenge is longer than 1024 bytes".to_owned(),
            )),
            None => Err(WebhookError::Body(
                "a GET without a `challenge` parameter".to_owned(),
            )),
        })
    }

    /// Reads a delivery whose signature was checked.
    pub(crate) fn read(self, delivery: &Delivery<'_>) -> Result<Reading, WebhookError> {
        let provider = self.provider();
        let plain = |events| Reading {
            events,
            reply: Reply::ok(),
        };
        match self {
            Envelope::Stripe => {
                let event = json_object(delivery)?;
                Ok(plain(vec![event_at(provider, event, "/type", "/id")?]))
            }
            Envelope::Square => {
                let event = json_object(delivery)?;
                Ok(plain(vec![event_at(
                    provider,
                    event,
                    "/type",
                    "/event_id",
                )?]))
            }
            Envelope::HubSpot => Ok(plain(
                json_array(delivery)?
                    .into_iter()
                    .map(|event| {
                        // HubSpot says `eventId` alone is not guaranteed unique: the id
                        // is every field that names the occurrence (not `attemptNumber`,
                        // which a retry changes).
                        let part = |name: &str| match event.get(name) {
                            Some(Value::String(text)) => text.clone(),
                            Some(Value::Number(n)) => n.to_string(),
                            _ => String::new(),
                        };
                        let id = [
                            "portalId",
                            "subscriptionId",
                            "eventId",
                            "objectId",
                            "occurredAt",
                        ]
                        .map(part)
                        .join("/");
                        let has_event_id = event.get("eventId").is_some();
                        let mut raw = event_at(provider, event, "/subscriptionType", "/eventId")?;
                        raw.id = has_event_id.then_some(id);
                        Ok(raw)
                    })
                    .collect::<Result<_, WebhookError>>()?,
            )),
            Envelope::SendGrid => Ok(plain(
                json_array(delivery)?
                    .into_iter()
                    .map(|event| event_at(provider, event, "/event", "/sg_event_id"))
                    .collect::<Result<_, _>>()?,
            )),
            Envelope::Slack => read_slack(delivery),
            Envelope::Dropbox => {
                let event = json_object(delivery)?;
                Ok(plain(vec![RawEvent::new(provider, "list_folder", event)]))
            }
            Envelope::Twilio => {
                // Read what the signature covered: a body whose digest the URL carries
                // (Event Streams), form parameters, or the URL's own parameters.
                if delivery.query_param("bodySHA256").is_none() {
                    return Ok(plain(vec![read_twilio_form(delivery)]));
                }
                // Event Streams: CloudEvents, one or an array of them.
                let events = match self::json(delivery)? {
                    Value::Array(events) => events,
                    event @ Value::Object(_) => vec![event],
                    other => {
                        return Err(WebhookError::Body(format!(
                            "the body is {}, not CloudEvents",
                            crate::encode::kind_of(&other)
                        )));
                    }
                };
                Ok(plain(
                    events
                        .into_iter()
                        .map(|event| event_at(provider, event, "/type", "/id"))
                        .collect::<Result<_, _>>()?,
                ))
            }
            Envelope::Pipedrive => {
                let event = json_object(delivery)?;
                let text = |pointer| event.pointer(pointer).and_then(Value::as_str);
                let kind = match (text("/meta/action"), text("/meta/entity"), text("/event")) {
                    (Some(action), Some(entity), _) => format!("{action}.{entity}"),
                    (_, _, Some(event)) => event.to_owned(),
                    _ => {
                        return Err(WebhookError::Body(
                            "neither `meta.action` and `meta.entity` nor `event` is present"
                                .to_owned(),
                        ));
                    }
                };
                Ok(plain(vec![RawEvent::new(provider, kind, event)]))
            }
            Envelope::GoogleDrive => {
                let state = delivery.required("x-goog-resource-state")?.to_owned();
                let mut headers = Map::new();
                for (name, value) in delivery.headers {
                    if name.as_str().starts_with("x-goog-")
                        && let Ok(value) = value.to_str()
                    {
                        headers.insert(name.as_str().to_owned(), Value::String(value.to_owned()));
                    }
                }
                let mut event = RawEvent::new(provider, state, Value::Object(headers));
                if let (Some(channel), Some(number)) = (
                    delivery.header("x-goog-channel-id"),
                    delivery.header("x-goog-message-number"),
                ) {
                    event = event.with_id(format!("{channel}/{number}"));
                }
                Ok(plain(vec![event]))
            }
            Envelope::PayPal => {
                let event = json_object(delivery)?;
                Ok(plain(vec![event_at(
                    provider,
                    event,
                    "/event_type",
                    "/id",
                )?]))
            }
            Envelope::Sns => Ok(plain(read_sns(delivery)?)),
            Envelope::Salesforce => Ok(Reading {
                events: salesforce_soap::notifications(delivery.body)?,
                reply: Reply::text(200, "text/xml; charset=utf-8", SALESFORCE_ACK),
            }),
        }
    }
}

fn json(delivery: &Delivery<'_>) -> Result<Value, WebhookError> {
    serde_json::from_slice(delivery.body)
        .map_err(|e| WebhookError::Body(format!("the body is not JSON: {e}")))
}

fn json_object(delivery: &Delivery<'_>) -> Result<Value, WebhookError> {
    match json(delivery)? {
        object @ Value::Object(_) => Ok(object),
        other => Err(WebhookError::Body(format!(
            "the body is {}, not a JSON object",
            crate::encode::kind_of(&other)
        ))),
    }
}

fn json_array(delivery: &Delivery<'_>) -> Result<Vec<Value>, WebhookError> {
    match json(delivery)? {
        Value::Array(events) => Ok(events),
        other => Err(WebhookError::Body(format!(
            "the body is {}, not a JSON array of events",
            crate::encode::kind_of(&other)
        ))),
    }
}

/// An event whose kind is the text at `kind` and whose id is the text or number at `id`.
fn event_at(
    provider: &'static str,
    event: Value,
    kind: &str,
    id: &str,
) -> Result<RawEvent, WebhookError> {
    let Some(Value::String(name)) = event.pointer(kind) else {
        return Err(WebhookError::Body(format!(
            "an event without a text `{}`",
            kind.trim_start_matches('/')
        )));
    };
    let name = name.clone();
    let id = match event.pointer(id) {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(id)) => Some(id.to_string()),
        _ => None,
    };
    let mut out = RawEvent::new(provider, name, event);
    out.id = id;
    Ok(out)
}

fn read_slack(delivery: &Delivery<'_>) -> Result<Reading, WebhookError> {
    let body = json_object(delivery)?;
    match body.get("type").and_then(Value::as_str) {
        Some("url_verification") => {
            let challenge = body
                .get("challenge")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    WebhookError::Body("a `url_verification` without a challenge".to_owned())
                })?;
            Ok(Reading {
                events: Vec::new(),
                reply: Reply::text(200, "text/plain", challenge),
            })
        }
        Some("event_callback") => {
            let kind = body
                .pointer("/event/type")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    WebhookError::Body("an `event_callback` without `event.type`".to_owned())
                })?
                .to_owned();
            let mut event = RawEvent::new("Slack", kind, body.clone());
            event.id = body
                .get("event_id")
                .and_then(Value::as_str)
                .map(str::to_owned);
            Ok(Reading {
                events: vec![event],
                reply: Reply::ok(),
            })
        }
        Some(other) => Ok(Reading {
            events: vec![RawEvent::new("Slack", other, body.clone())],
            reply: Reply::ok(),
        }),
        None => Err(WebhookError::Body("a Slack body without `type`".to_owned())),
    }
}

fn read_twilio_form(delivery: &Delivery<'_>) -> RawEvent {
    let form = delivery.header("content-type").is_some_and(|t| {
        t.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    });
    let query = delivery
        .url
        .split_once('?')
        .map_or("", |(_, query)| query.split('#').next().unwrap_or(query));
    let source = if form {
        delivery.body
    } else {
        query.as_bytes()
    };
    let fields: Map<String, Value> = form_urlencoded::parse(source)
        .map(|(name, value)| (name.into_owned(), Value::String(value.into_owned())))
        .collect();
    let text = |name: &str| fields.get(name).and_then(Value::as_str);
    let kind = match (
        text("MessageStatus"),
        text("CallStatus"),
        text("MessageSid"),
    ) {
        (Some(status), _, _) => format!("message.{status}"),
        (None, Some(status), _) => format!("call.{status}"),
        (None, None, Some(_)) => "message.received".to_owned(),
        (None, None, None) => "unknown".to_owned(),
    };
    // The id comes from signed fields (Twilio's `I-Twilio-Idempotency-Token` header is
    // not signed, so a replay could carry a fresh one): a message or call and the status
    // a callback reports happen once.
    let sid = text("MessageSid")
        .or_else(|| text("SmsSid"))
        .or_else(|| text("CallSid"));
    let status = text("MessageStatus").or_else(|| text("CallStatus"));
    let id = match (sid, status) {
        (Some(sid), Some(status)) => Some(format!("{sid}/{status}")),
        (Some(sid), None) => Some(sid.to_owned()),
        (None, _) => None,
    };
    let mut event = RawEvent::new("Twilio", kind, Value::Object(fields));
    event.id = id;
    event
}

fn read_sns(delivery: &Delivery<'_>) -> Result<Vec<RawEvent>, WebhookError> {
    let envelope = json_object(delivery)?;
    let text = |name: &str| {
        envelope
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let kind = text("Type")
        .ok_or_else(|| WebhookError::Body("an SNS message without `Type`".to_owned()))?;
    let id = text("MessageId");
    if kind != "Notification" {
        let mut event = RawEvent::new("Amazon SNS", format!("sns.{kind}"), envelope);
        event.id = id;
        return Ok(vec![event]);
    }
    let message: Option<Value> = text("Message").and_then(|m| serde_json::from_str(&m).ok());
    if let Some(Value::Array(records)) = message.as_ref().and_then(|m| m.get("Records")) {
        return Ok(records
            .iter()
            .enumerate()
            .map(|(index, record)| {
                let name = record
                    .get("eventName")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown");
                let mut event = RawEvent::new("Amazon SNS", format!("s3:{name}"), record.clone());
                event.id = id.as_ref().map(|id| format!("{id}/{index}"));
                event
            })
            .collect());
    }
    if let Some(test) = message
        .as_ref()
        .and_then(|m| m.get("Event"))
        .and_then(Value::as_str)
        .filter(|event| *event == "s3:TestEvent")
    {
        let mut event = RawEvent::new("Amazon SNS", test, message.clone().unwrap_or(Value::Null));
        event.id = id;
        return Ok(vec![event]);
    }
    let mut event = RawEvent::new("Amazon SNS", "sns.Notification", envelope);
    event.id = id;
    Ok(vec![event])
}
