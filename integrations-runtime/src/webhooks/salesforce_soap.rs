//! Reading a Salesforce Outbound Message: the SOAP `notifications` envelope, one event
//! per `Notification`, with the record's fields as they were sent.

use quick_xml::events::{BytesStart, Event as Xml};
use quick_xml::{Reader, XmlVersion};
use serde_json::{Map, Value};

use super::{RawEvent, WebhookError};

fn malformed(what: impl Into<String>) -> WebhookError {
    WebhookError::Body(format!("the Outbound Message {}", what.into()))
}

/// The local name of an element (`sf:Amount` → `Amount`).
fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

/// Whether the element says `xsi:nil="true"`, and its `xsi:type` without a prefix.
fn nil_and_type(start: &BytesStart<'_>) -> Result<(bool, Option<String>), WebhookError> {
    let mut nil = false;
    let mut kind = None;
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| malformed(format!("has a bad attribute: {e}")))?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| malformed(format!("has a bad attribute value: {e}")))?;
        match attribute.key.local_name().as_ref() {
            "nil" => nil = value == "true",
            "type" => kind = Some(value.rsplit(':').next().unwrap_or(&value).to_owned()),
            _ => {}
        }
    }
    Ok((nil, kind))
}

/// Where the reader is.
enum At {
    /// Anywhere outside a `Notification`.
    Outside,
    /// In a `Notification`, outside its `sObject`.
    Notification,
    /// In an `sObject`.
    Record,
}

/// One event per `Notification` of a `notifications` SOAP body.
pub(crate) fn notifications(body: &[u8]) -> Result<Vec<RawEvent>, WebhookError> {
    read(body).map(|(_, events)| events)
}

/// The organization id an Outbound Message names (read as the events are, so that the
/// verifier and the reader cannot disagree on where it is).
pub(crate) fn organization_id(body: &[u8]) -> Result<Option<String>, WebhookError> {
    let (header, _) = read(body)?;
    Ok(header
        .get("OrganizationId")
        .and_then(Value::as_str)
        .map(str::to_owned))
}

/// The message's own fields (organization, action, URLs) and its events.
fn read(body: &[u8]) -> Result<(Map<String, Value>, Vec<RawEvent>), WebhookError> {
    let text = std::str::from_utf8(body).map_err(|_| malformed("is not UTF-8"))?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut header = Map::new();
    let mut events = Vec::new();
    let mut at = At::Outside;
    let mut notification = Map::new();
    let mut record = Map::new();
    let mut record_type: Option<String> = None;
    // The element whose text is being read, and the text so far.
    let mut open: Option<(String, String, bool)> = None;
    let mut saw_envelope = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("is not well-formed XML: {e}")))?;
        match event {
            Xml::Start(start) | Xml::Empty(start) if open.is_some() => {
                return Err(malformed(format!(
                    "nests `{}` inside a field, which Outbound Messages do not",
                    local_name(&start)
                )));
            }
            Xml::Start(ref start) | Xml::Empty(ref start) => {
                let empty = matches!(event, Xml::Empty(_));
                let name = local_name(start);
                let (nil, kind) = nil_and_type(start)?;
                match (&at, name.as_str()) {
                    (_, "notifications") => saw_envelope = true,
                    (At::Outside, "Notification") => {
                        at = At::Notification;
                        notification = Map::new();
                        record = Map::new();
                        record_type = None;
                    }
                    (At::Notification, "sObject") => {
                        record_type = kind;
                        if !empty {
                            at = At::Record;
                        }
                    }
                    (At::Outside, "Envelope" | "Body") => {}
                    _ if empty => {
                        let value = if nil {
                            Value::Null
                        } else {
                            Value::String(String::new())
                        };
                        store(
                            &at,
                            &mut header,
                            &mut notification,
                            &mut record,
                            name,
                            value,
                        );
                    }
                    _ => open = Some((name, String::new(), nil)),
                }
            }
            Xml::Text(text) => {
                if let Some((_, so_far, _)) = &mut open {
                    so_far.push_str(&text.xml10_content());
                }
            }
            Xml::CData(data) => {
                if let Some((_, so_far, _)) = &mut open {
                    so_far.push_str(&data.xml10_content());
                }
            }
            Xml::GeneralRef(reference) => {
                if let Some((_, so_far, _)) = &mut open {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(ch)) => ch.to_string(),
                        _ => {
                            let name = reference.xml10_content();
                            quick_xml::escape::resolve_predefined_entity(&name)
                                .ok_or_else(|| {
                                    malformed(format!("uses the unknown entity &{name};"))
                                })?
                                .to_owned()
                        }
                    };
                    so_far.push_str(&resolved);
                }
            }
            Xml::End(end) => {
                if let Some((name, text, nil)) = open.take() {
                    let value = if nil {
                        Value::Null
                    } else {
                        Value::String(text)
                    };
                    store(
                        &at,
                        &mut header,
                        &mut notification,
                        &mut record,
                        name,
                        value,
                    );
                    continue;
                }
                match (&at, end.local_name().as_ref()) {
                    (At::Record, "sObject") => at = At::Notification,
                    (At::Notification, "Notification") => {
                        at = At::Outside;
                        let id = match notification.get("Id") {
                            Some(Value::String(id)) if !id.is_empty() => id.clone(),
                            _ => return Err(malformed("has a Notification without an `Id`")),
                        };
                        let kind = record_type.take().ok_or_else(|| {
                            malformed("has a Notification without a typed sObject")
                        })?;
                        let mut payload = header.clone();
                        payload.extend(std::mem::take(&mut notification));
                        let mut object = std::mem::take(&mut record);
                        object.insert("type".to_owned(), Value::String(kind.clone()));
                        payload.insert("sObject".to_owned(), Value::Object(object));
                        events.push(
                            RawEvent::new(
                                "Salesforce",
                                format!("sobject.{kind}"),
                                Value::Object(payload),
                            )
                            .with_id(id),
                        );
                    }
                    _ => {}
                }
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    if !saw_envelope {
        return Err(malformed("has no `notifications` element"));
    }
    Ok((header, events))
}

/// Keeps a field where the reader is: a record field, a notification's own field, or
/// one of the message's (organization, action, URLs) that every event carries.
fn store(
    at: &At,
    header: &mut Map<String, Value>,
    notification: &mut Map<String, Value>,
    record: &mut Map<String, Value>,
    name: String,
    value: Value,
) {
    let map = match at {
        At::Outside => header,
        At::Notification => notification,
        At::Record => record,
    };
    map.insert(name, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An Outbound Message shaped as the SOAP API developer guide documents it, with an
    /// escaped name and a nil field.
    const GUIDE_EXAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
 xmlns:xsd="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>00Dx0000000J1RrEAK</OrganizationId>
   <ActionId>04kx00000008OKCAA2</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://na1-api.salesforce.com/services/Soap/c/13.0/00Dx0000000J1Rr</EnterpriseUrl>
   <PartnerUrl>https://na1-api.salesforce.com/services/Soap/u/13.0/00Dx0000000J1Rr</PartnerUrl>
   <Notification>
    <Id>04lx0000000BQaoAAG</Id>
    <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>006x0000004cYgMAAU</sf:Id>
     <sf:Amount>20000.0</sf:Amount>
     <sf:Name>Acme &amp; Sons &#8211; 200 units</sf:Name>
     <sf:StageName>Closed Won</sf:StageName>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>"#;

    #[test]
    fn the_guide_s_outbound_message_reads_in_full() {
        let events = notifications(GUIDE_EXAMPLE.as_bytes()).expect("reads");
        assert_eq!(events.len(), 1);
        let event = &events[0];
        assert_eq!(event.kind, "sobject.Opportunity");
        assert_eq!(event.id.as_deref(), Some("04lx0000000BQaoAAG"));
        assert_eq!(
            event.payload,
            serde_json::json!({
                "OrganizationId": "00Dx0000000J1RrEAK",
                "ActionId": "04kx00000008OKCAA2",
                "SessionId": null,
                "EnterpriseUrl": "https://na1-api.salesforce.com/services/Soap/c/13.0/00Dx0000000J1Rr",
                "PartnerUrl": "https://na1-api.salesforce.com/services/Soap/u/13.0/00Dx0000000J1Rr",
                "Id": "04lx0000000BQaoAAG",
                "sObject": {
                    "type": "Opportunity",
                    "Id": "006x0000004cYgMAAU",
                    "Amount": "20000.0",
                    "Name": "Acme & Sons \u{2013} 200 units",
                    "StageName": "Closed Won"
                }
            })
        );
    }

    #[test]
    fn what_is_not_an_outbound_message_is_an_error() {
        for (body, says) in [
            ("<notifications><x></y></notifications>", "not well-formed"),
            ("<Envelope/>", "no `notifications`"),
            (
                "<notifications><Notification><sObject xsi:type='sf:Lead'/></Notification></notifications>",
                "without an `Id`",
            ),
            (
                "<notifications><Notification><Id>1</Id><sObject xsi:type='sf:Lead'><sf:A><b/></sf:A></sObject></Notification></notifications>",
                "nests `b`",
            ),
            (
                "<notifications><Notification><Id>1</Id><sObject xsi:type='sf:Lead'><sf:A>&bogus;</sf:A></sObject></Notification></notifications>",
                "unknown entity",
            ),
        ] {
            let error = notifications(body.as_bytes()).expect_err(body).to_string();
            assert!(error.contains(says), "{body}: {error}");
        }
    }
}
