//! Webhook events: the typed events of a spec's OpenAPI 3.1 `webhooks` section, and the
//! kinds `[webhooks.events]` of `provider.toml` maps to the spec's schemas (Stripe's
//! event types). A webhook that cannot be typed is a located warning, not silence.
//!
//! A 3.1 webhook's key is its event's kind: OpenAPI gives a webhook no other name, so a
//! receiver's envelope must name its events the same way (or `provider.toml` types the
//! provider's own kinds instead).

use serde_json::Value;

use super::MediaKind;
use super::WebhookEvent;
use super::builder::Builder;
use super::doc::summarize;
use super::names::{self, NameSet};
use super::operations::media_kind;
use crate::manifest::WebhooksSection;
use crate::spec::pointer;

/// The methods a webhook's request can use, in the order they are looked for.
const METHODS: &[&str] = &["post", "put", "patch"];

impl<'s> Builder<'s> {
    /// The typed events of the spec's `webhooks` and of `section`, in that order; names
    /// are unique within the generated `events` module.
    pub(crate) fn webhook_events(&mut self, section: &WebhooksSection) -> Vec<WebhookEvent> {
        let mut names = NameSet::default();
        let mut events = Vec::new();
        let hooks: Vec<(&'s String, &'s Value)> = match self.spec.get("/webhooks") {
            Some(Value::Object(hooks)) => hooks.iter().collect(),
            _ => Vec::new(),
        };
        for (key, item) in hooks {
            if let Some(event) = self.spec_webhook(key, item, &mut names) {
                events.push(event);
            }
        }
        let object_pointer = section.object.clone().unwrap_or_default();
        if !object_pointer.is_empty() && !object_pointer.starts_with('/') {
            self.error(
                "",
                format!(
                    "`[webhooks] object` in provider.toml is `{object_pointer}`, which is not a JSON Pointer (it starts with `/`)"
                ),
            );
            return events;
        }
        for (kind, reference) in &section.events {
            let target = reference
                .strip_prefix('#')
                .map(pointer::decode_fragment)
                .unwrap_or_default();
            let node = if target.is_empty() {
                None
            } else {
                self.spec.get(&target)
            };
            let Some(schema) = node else {
                self.error(
                    "",
                    format!(
                        "`[webhooks.events]` in provider.toml gives `{kind}` the schema `{reference}`, which the spec does not have (a local reference such as `#/components/schemas/event` is expected)"
                    ),
                );
                continue;
            };
            let name = names.claim(&names::upper_camel(kind, "Event"));
            let ty = self.schema_type(schema, &target, &name).ty;
            events.push(WebhookEvent {
                kind: kind.clone(),
                name,
                doc: None,
                object_pointer: object_pointer.clone(),
                ty,
            });
        }
        events
    }

    /// The event of the 3.1 webhook `key`, whose path item is `item`; `None` (with a
    /// warning) when it has no JSON request body to type.
    fn spec_webhook(
        &mut self,
        key: &str,
        item: &'s Value,
        names: &mut NameSet,
    ) -> Option<WebhookEvent> {
        let at = pointer::push("/webhooks", key);
        let (item, item_at) = self.follow(item, &at)?;
        let Some((method, operation)) = METHODS
            .iter()
            .find_map(|method| item.get(*method).map(|op| (*method, op)))
        else {
            self.warn(
                &item_at,
                format!("webhook `{key}` has no POST, PUT or PATCH request; no typed event is generated for it"),
            );
            return None;
        };
        let op_at = format!("{item_at}/{method}");
        let Some(body) = operation.get("requestBody") else {
            self.warn(
                &op_at,
                format!("webhook `{key}` has no request body; no typed event is generated for it"),
            );
            return None;
        };
        let (body, body_at) = self.follow(body, &format!("{op_at}/requestBody"))?;
        let json = body
            .get("content")
            .and_then(Value::as_object)
            .and_then(|content| {
                content
                    .iter()
                    .find(|(media, _)| media_kind(media) == Some(MediaKind::Json))
            });
        let Some((media, content)) = json else {
            self.warn(
                &body_at,
                format!(
                    "webhook `{key}` has no JSON request body; no typed event is generated for it"
                ),
            );
            return None;
        };
        let schema_at = format!("{body_at}/content/{}/schema", pointer::escape(media));
        let Some(schema) = content.get("schema") else {
            self.warn(
                &schema_at,
                format!("webhook `{key}` has a JSON body without a schema; no typed event is generated for it"),
            );
            return None;
        };
        let name = names.claim(&names::upper_camel(key, "Event"));
        let ty = self
            .schema_type(schema, &schema_at, &format!("{name}Payload"))
            .ty;
        let text = |field: &str| operation.get(field).and_then(Value::as_str);
        let doc = text("summary")
            .or_else(|| text("description"))
            .and_then(summarize);
        Some(WebhookEvent {
            kind: key.to_owned(),
            name,
            doc,
            object_pointer: String::new(),
            ty,
        })
    }
}
