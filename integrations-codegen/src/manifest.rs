//! `provider.toml`: what a provider's OpenAPI spec does not say.
//!
//! The manifest sits next to the spec (`specs/<provider>/provider.toml`). So far it says
//! who the provider is, which environment variable overrides the base URL, how its
//! errors look (where the code and message sit in an error body, and, for APIs that
//! answer errors with a 2xx status such as Slack's `{"ok": false}`, which flag marks
//! success), and *patches*: JSON-Patch-like edits that fix known errors in the provider's
//! spec before anything reads it. Unknown keys are errors, so a typo does not silently
//! change nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostics, Location};

/// A parsed `provider.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Who the provider is.
    #[serde(default)]
    pub provider: ProviderSection,
    /// How the provider reports errors.
    #[serde(default)]
    pub errors: ErrorsSection,
    /// How requests are written where the spec does not say.
    #[serde(default)]
    pub requests: RequestsSection,
    /// What the provider says about retrying.
    #[serde(default)]
    pub retry: RetrySection,
    /// How a create is made safe to retry.
    #[serde(default)]
    pub idempotency: IdempotencySection,
    /// The provider's request budget, enforced before sending.
    #[serde(default)]
    pub rate_limit: RateLimitSection,
    /// The provider's OAuth 2.0 authorization server, where the spec says too little.
    pub oauth: Option<OAuthSection>,
    /// The webhook events the provider sends, where the spec does not describe them.
    #[serde(default)]
    pub webhooks: WebhooksSection,
    /// How the provider's list operations page.
    #[serde(default)]
    pub pagination: PaginationSection,
    /// Resources and their verbs: `[resources.customers] create = "PostCustomers"` gives
    /// the client `customers()`, whose `create` calls that operation.
    #[serde(default)]
    pub resources: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// Verbs on the client itself: `send = "chat_postMessage"` gives it `send`.
    #[serde(default)]
    pub verbs: std::collections::BTreeMap<String, String>,
    /// The environment variables `Client::from_env` reads credentials from.
    #[serde(default)]
    pub env: EnvSection,
    /// Fixes to the provider's spec, applied in order after loading.
    #[serde(default)]
    pub patches: Vec<Patch>,
}

/// One edit of the loaded spec (which is in the OpenAPI 3 shape, also for 2.0 input).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    /// `add` (create or replace a member), `replace` (an existing node), `remove`, or
    /// `move` (from `from` to `path`).
    pub op: PatchOp,
    /// JSON Pointer of the node.
    pub path: String,
    /// The new value (`add`, `replace`).
    pub value: Option<serde_json::Value>,
    /// Where a `move` takes its node from.
    pub from: Option<String>,
    /// Skip the patch where the node it changes is not there (a spec trimmed to fewer
    /// operations than the one the patch was written for), rather than failing.
    #[serde(default)]
    pub optional: bool,
    /// Skip the patch where this pointer exists (the fix is already there: a spec derived
    /// with the patches applied), so that a patch applies once however often it is run.
    pub skip_if_exists: Option<String>,
    /// Why the patch exists (the spec error it fixes).
    pub reason: Option<String>,
}

/// What a [`Patch`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PatchOp {
    /// Create or replace an object member or insert into an array.
    Add,
    /// Replace an existing node.
    Replace,
    /// Remove an existing node.
    Remove,
    /// Move a node from `from` to `path`.
    Move,
    /// Copy a node from `from` to `path` (the original stays).
    Copy,
}

/// `[provider]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSection {
    /// Display name (`Stripe`).
    pub name: Option<String>,
    /// Environment variable that overrides the base URL (`STRIPE_BASE_URL`).
    pub base_url_env: Option<String>,
    /// Headers every request carries (Square's `Square-Version`), overridable per client.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
}

/// `[requests]`: how requests are written where the spec does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequestsSection {
    /// The style of form body properties the spec's `encoding` does not mention: `form`
    /// (OpenAPI's default: `a=1&a=2`) or `deepObject` (`a[0]=1`, `a[k]=v`).
    pub form_style: Option<FormStyle>,
    /// Parameters the credential already carries (Slack's `token`, which its bearer token
    /// is): dropped from every operation, so that a caller is not asked for it twice.
    #[serde(default)]
    pub credential_params: Vec<String>,
}

/// A form body style a manifest can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FormStyle {
    /// `a=1&a=2`, objects as their properties.
    Form,
    /// Brackets: `a[0]=1`, `a[k]=v`.
    DeepObject,
}

impl RequestsSection {
    /// The parameter style it names.
    pub fn form_style(&self) -> Option<crate::ir::ParamStyle> {
        self.form_style.map(|style| match style {
            FormStyle::Form => crate::ir::ParamStyle::Form,
            FormStyle::DeepObject => crate::ir::ParamStyle::DeepObject,
        })
    }
}

/// `[retry]`: what the provider says about retrying.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySection {
    /// A header whose `true`/`false` overrides the status (`Stripe-Should-Retry`).
    pub should_retry_header: Option<String>,
    /// Error codes (where `[errors] code` points) that mean "try again later".
    #[serde(default)]
    pub retry_codes: Vec<String>,
    /// Error codes of an exhausted quota, which no short wait restores.
    #[serde(default)]
    pub quota_codes: Vec<String>,
    /// Headers counting what is left of a long (daily) quota; `0` on a refusal means the
    /// quota is spent (`x-daily-requests-left`).
    #[serde(default)]
    pub quota_headers: Vec<String>,
}

/// `[idempotency]`: how a create is made safe to retry (one of the two, or neither).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IdempotencySection {
    /// A header holding a key the provider remembers (`Idempotency-Key`).
    pub header: Option<String>,
    /// A top-level JSON body field holding the key (`idempotency_key`).
    pub body_field: Option<String>,
}

/// `[rate_limit]`: `requests` per `window_ms` milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSection {
    /// Requests per window.
    pub requests: Option<u32>,
    /// The window, in milliseconds.
    pub window_ms: Option<u64>,
}

/// `[oauth]`: how an application connects to the provider with OAuth 2.0. URLs left out
/// are taken from the spec's authorization-code (or client-credentials) flow.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthSection {
    /// The authorization endpoint.
    pub authorize_url: Option<String>,
    /// The token endpoint.
    pub token_url: Option<String>,
    /// What joins scopes (default: a space).
    pub scope_separator: Option<String>,
    /// Parameters every authorization URL carries (`access_type = "offline"`).
    #[serde(default)]
    pub authorize_params: std::collections::BTreeMap<String, String>,
    /// How the application authenticates at the token endpoint (default: `body`).
    pub client_auth: Option<OAuthClientAuth>,
    /// Whether authorization requests carry a PKCE challenge (default: true).
    pub pkce: Option<bool>,
    /// A JSON Pointer into the token response to the connection's base URL
    /// (`/instance_url`).
    pub base_url_field: Option<String>,
}

/// `[webhooks]`: typed events for the kinds of event a provider sends, when its spec
/// does not describe them as OpenAPI 3.1 `webhooks` (Stripe lists its event types only
/// as an enum, and documents which object each carries).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WebhooksSection {
    /// A JSON Pointer to where, in each event, the object its type describes sits
    /// (`/data/object`); the whole event when absent.
    pub object: Option<String>,
    /// Each event kind (`payment_intent.succeeded`), and the schema of its object as a
    /// local reference (`#/components/schemas/payment_intent`).
    #[serde(default)]
    pub events: std::collections::BTreeMap<String, String>,
}

/// How an application authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OAuthClientAuth {
    /// `client_id` and `client_secret` in the form body.
    Body,
    /// HTTP Basic.
    Basic,
    /// The whole request as JSON, with the id and secret in it.
    Json,
}

/// `[errors]`: JSON Pointers into error bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorsSection {
    /// Where the provider's error code is (`/error/code`).
    pub code: Option<String>,
    /// Where the code is when `code` finds none (PayPal: the detail's `/details/0/issue`,
    /// else the error's `/name`).
    pub code_fallback: Option<String>,
    /// Where the human-readable message is (`/error/message`).
    pub message: Option<String>,
    /// A boolean in 2xx JSON bodies that is `false` when the call failed (`/ok`).
    pub success_flag: Option<String>,
}

/// `[pagination]`: where a list operation's page says the next page is. The keys at the
/// top are defaults for every operation in `[pagination.operations]`, which lists the
/// operations that page (by `operationId`) with what differs for each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationSection {
    /// Where a page's items are (`/data`).
    pub items: Option<String>,
    /// The query parameter that asks for the page after a cursor (`starting_after`).
    pub cursor_param: Option<String>,
    /// Where a page holds the next page's cursor (`/response_metadata/next_cursor`).
    pub cursor: Option<String>,
    /// The next cursor is this field of the page's last item (`/id`).
    pub cursor_from_last_item: Option<String>,
    /// Where a page holds the next page's URL (`/nextRecordsUrl`).
    pub next_url: Option<String>,
    /// A flag that is `true` while more pages exist (`/has_more`).
    pub has_more: Option<String>,
    /// The next page is asked for by calling this operation (Dropbox's
    /// `files_list_folder_continue`) with the cursor in its body property `cursor_param`,
    /// rather than by calling the same operation again.
    pub continue_with: Option<String>,
    /// The operations that page, with what differs from the defaults above.
    #[serde(default)]
    pub operations: std::collections::BTreeMap<String, PagingEntry>,
}

/// One paging operation in `[pagination.operations]`: the keys of [`PaginationSection`]
/// that differ for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PagingEntry {
    /// Where a page's items are.
    pub items: Option<String>,
    /// The query parameter that asks for the page after a cursor.
    pub cursor_param: Option<String>,
    /// Where a page holds the next page's cursor.
    pub cursor: Option<String>,
    /// The next cursor is this field of the page's last item.
    pub cursor_from_last_item: Option<String>,
    /// Where a page holds the next page's URL.
    pub next_url: Option<String>,
    /// A flag that is `true` while more pages exist.
    pub has_more: Option<String>,
    /// The operation that gives the next page, given the cursor in its body.
    pub continue_with: Option<String>,
}

impl PaginationSection {
    /// The paging of `operation`: its entry, with the section's defaults where it is
    /// silent (a way to the next page the entry names replaces the default's).
    pub fn resolved(&self, entry: &PagingEntry) -> PagingEntry {
        let names_a_way = entry.cursor.is_some()
            || entry.cursor_from_last_item.is_some()
            || entry.next_url.is_some();
        let default = |own: &Option<String>, fallback: &Option<String>, way: bool| {
            own.clone().or_else(|| {
                if names_a_way && way {
                    None
                } else {
                    fallback.clone()
                }
            })
        };
        PagingEntry {
            items: default(&entry.items, &self.items, false),
            cursor_param: default(&entry.cursor_param, &self.cursor_param, false),
            cursor: default(&entry.cursor, &self.cursor, true),
            cursor_from_last_item: default(
                &entry.cursor_from_last_item,
                &self.cursor_from_last_item,
                true,
            ),
            next_url: default(&entry.next_url, &self.next_url, true),
            has_more: default(&entry.has_more, &self.has_more, false),
            continue_with: default(&entry.continue_with, &self.continue_with, false),
        }
    }
}

/// `[env]`: the environment variables `Client::from_env` reads (the base URL's is
/// `[provider] base_url_env`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnvSection {
    /// A bearer token, for every bearer and OAuth 2.0 scheme (`STRIPE_API_KEY`).
    pub bearer: Option<String>,
    /// HTTP Basic user and password (`["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"]`).
    pub basic: Option<[String; 2]>,
    /// An API key, for every API key scheme (`PIPEDRIVE_API_TOKEN`).
    pub api_key: Option<String>,
    /// A variable choosing the environment (`PAYPAL_MODE=sandbox|live`), each mode's
    /// base URL, used when the base URL variable is not set.
    pub mode: Option<ModeSection>,
    /// The application's credentials, from which the client fetches its own tokens at
    /// `[oauth] token_url` when the bearer variable is not set.
    pub oauth: Option<EnvOAuthSection>,
    /// A variable for each server some operations are sent to instead of the base URL
    /// (`"https://content.dropboxapi.com/2" = "DROPBOX_CONTENT_BASE_URL"`).
    #[serde(default)]
    pub servers: std::collections::BTreeMap<String, String>,
    /// The spec's server filled from variables when the base URL variable is not set
    /// (Salesforce's org host and API version).
    pub server: Option<EnvServerSection>,
    /// A variable for each header sent on every request when it is set
    /// (`"Stripe-Version" = "STRIPE_API_VERSION"`).
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
}

/// `[env.server]`: the spec's first server, its origin and variables from the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnvServerSection {
    /// A variable holding a URL whose scheme, host and port replace the server's
    /// (`SALESFORCE_INSTANCE_URL`).
    pub origin: Option<String>,
    /// Whether the origin variable must be set when the base URL variable is not.
    #[serde(default)]
    pub origin_required: bool,
    /// For each of the server's variables, the environment variable holding its value
    /// (`version = "SALESFORCE_API_VERSION"`).
    #[serde(default)]
    pub variables: std::collections::BTreeMap<String, String>,
}

/// `[env.oauth]`: where the application's id, secret and (for providers that give no
/// client-credentials grant) a refresh token are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnvOAuthSection {
    /// The client id (`PAYPAL_CLIENT_ID`).
    pub client_id: String,
    /// The client secret (`PAYPAL_CLIENT_SECRET`).
    pub client_secret: String,
    /// A refresh token (`GOOGLE_REFRESH_TOKEN`); without one, the client-credentials
    /// grant.
    pub refresh_token: Option<String>,
    /// A variable holding the URL of another authorization server of the provider, whose
    /// scheme, host and port replace the token endpoint's (`SALESFORCE_LOGIN_URL`).
    pub token_origin: Option<String>,
}

/// `[env.mode]`: the variable that chooses an environment, and the base URL of each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModeSection {
    /// The variable (`PAYPAL_MODE`).
    pub variable: String,
    /// The base URL of each mode (`sandbox = "https://api-m.sandbox.paypal.com"`).
    pub urls: std::collections::BTreeMap<String, String>,
}

impl Manifest {
    /// Reads the manifest at `path`. Problems are recorded with the key at fault.
    pub fn load(path: &Path, diagnostics: &mut Diagnostics) -> Option<Manifest> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                diagnostics.error(
                    Location::new(path, ""),
                    format!("cannot read the manifest: {e}"),
                );
                return None;
            }
        };
        Manifest::parse(path, &text, diagnostics)
    }

    /// Parses manifest text; `path` is used in messages.
    pub fn parse(path: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<Manifest> {
        match toml::from_str::<Manifest>(text) {
            Ok(manifest) => {
                manifest.check(path, diagnostics);
                Some(manifest)
            }
            Err(e) => {
                let where_ = e
                    .span()
                    .map(|span| {
                        let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                        format!(" (line {line})")
                    })
                    .unwrap_or_default();
                diagnostics.error(
                    Location::new(path, ""),
                    format!("invalid provider manifest{where_}: {}", e.message()),
                );
                None
            }
        }
    }

    /// Applies the patches to `doc`. A patch that does not apply is an error naming the
    /// manifest entry.
    pub fn apply_patches(
        &self,
        manifest_path: &Path,
        doc: &mut serde_json::Value,
        diagnostics: &mut Diagnostics,
    ) {
        for (i, patch) in self.patches.iter().enumerate() {
            if let Err(message) = apply(doc, patch) {
                diagnostics.error(
                    Location::new(manifest_path, format!("/patches/{i}")),
                    format!(
                        "patch `{:?} {}` does not apply: {message}",
                        patch.op, patch.path
                    ),
                );
            }
        }
    }

    fn check(&self, path: &Path, diagnostics: &mut Diagnostics) {
        let base_url_field = self.oauth.as_ref().and_then(|o| o.base_url_field.clone());
        let pointers = [
            ("errors.code", &self.errors.code),
            ("errors.code_fallback", &self.errors.code_fallback),
            ("errors.message", &self.errors.message),
            ("errors.success_flag", &self.errors.success_flag),
            ("oauth.base_url_field", &base_url_field),
        ];
        let mut paging = vec![
            ("pagination.items".to_owned(), self.pagination.items.clone()),
            (
                "pagination.cursor".to_owned(),
                self.pagination.cursor.clone(),
            ),
            (
                "pagination.cursor_from_last_item".to_owned(),
                self.pagination.cursor_from_last_item.clone(),
            ),
            (
                "pagination.next_url".to_owned(),
                self.pagination.next_url.clone(),
            ),
            (
                "pagination.has_more".to_owned(),
                self.pagination.has_more.clone(),
            ),
        ];
        for (operation, entry) in &self.pagination.operations {
            let key = |name: &str| format!("pagination.operations.{operation}.{name}");
            paging.extend([
                (key("items"), entry.items.clone()),
                (key("cursor"), entry.cursor.clone()),
                (
                    key("cursor_from_last_item"),
                    entry.cursor_from_last_item.clone(),
                ),
                (key("next_url"), entry.next_url.clone()),
                (key("has_more"), entry.has_more.clone()),
            ]);
        }
        let paging: Vec<(&str, &Option<String>)> = paging
            .iter()
            .map(|(key, value)| (key.as_str(), value))
            .collect();
        for (key, value) in pointers.into_iter().chain(paging) {
            if let Some(pointer) = value
                && !pointer.is_empty()
                && !pointer.starts_with('/')
            {
                diagnostics.error(
                    Location::new(path, format!("/{}", key.replace('.', "/"))),
                    format!(
                        "`{key}` must be a JSON Pointer such as `/error/code`, found `{pointer}`"
                    ),
                );
            }
        }
        if self.env.oauth.is_some() {
            if self.env.bearer.is_none() {
                diagnostics.error(
                    Location::new(path, "/env/oauth"),
                    "`[env.oauth]` fetches a bearer token when `[env] bearer` is not set: name that variable too",
                );
            }
            if self
                .oauth
                .as_ref()
                .and_then(|o| o.token_url.as_ref())
                .is_none()
            {
                diagnostics.error(
                    Location::new(path, "/env/oauth"),
                    "`[env.oauth]` needs the token endpoint: `[oauth] token_url`",
                );
            }
        }
        if let Some(mode) = &self.env.mode {
            if mode.urls.is_empty() {
                diagnostics.error(
                    Location::new(path, "/env/mode/urls"),
                    format!("`{}` chooses among no environments: name each one's base URL in `[env.mode.urls]`", mode.variable),
                );
            }
            for (name, url) in &mode.urls {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    diagnostics.error(
                        Location::new(path, format!("/env/mode/urls/{name}")),
                        format!("the base URL of `{name}` must be an http:// or https:// URL, found `{url}`"),
                    );
                }
            }
        }
    }
}

fn apply(doc: &mut serde_json::Value, patch: &Patch) -> Result<(), String> {
    use serde_json::Value;
    let changed = match (patch.op, &patch.from) {
        (PatchOp::Move | PatchOp::Copy, Some(from)) => from.as_str(),
        (PatchOp::Move, None) => return Err("`move` needs a `from`".to_owned()),
        (PatchOp::Copy, None) => return Err("`copy` needs a `from`".to_owned()),
        (PatchOp::Add, _) => patch.path.rsplit_once('/').map_or("", |(parent, _)| parent),
        _ => patch.path.as_str(),
    };
    if patch.optional && doc.pointer(changed).is_none() {
        return Ok(());
    }
    if let Some(done) = &patch.skip_if_exists
        && doc.pointer(done).is_some()
    {
        return Ok(());
    }
    if matches!(patch.op, PatchOp::Copy | PatchOp::Move) {
        let value = doc
            .pointer(changed)
            .cloned()
            .ok_or_else(|| format!("`{changed}` does not exist"))?;
        let step = |op, path: &str, value| Patch {
            op,
            path: path.to_owned(),
            value,
            from: None,
            optional: false,
            skip_if_exists: None,
            reason: None,
        };
        if patch.op == PatchOp::Move {
            apply(doc, &step(PatchOp::Remove, changed, None))?;
        }
        return apply(doc, &step(PatchOp::Add, &patch.path, Some(value)));
    }
    let (parent, last) = match patch.path.rsplit_once('/') {
        Some(split) if patch.path.starts_with('/') => split,
        _ => return Err("the path must be a JSON Pointer below the root".to_owned()),
    };
    let key = crate::spec::pointer::unescape(last);
    let value = || {
        patch
            .value
            .clone()
            .ok_or_else(|| "it needs a `value`".to_owned())
    };
    if patch.op == PatchOp::Replace {
        let new = value()?;
        let node = doc
            .pointer_mut(&patch.path)
            .ok_or_else(|| format!("`{}` does not exist", patch.path))?;
        *node = new;
        return Ok(());
    }
    let Some(parent_node) = doc.pointer_mut(parent) else {
        return Err(format!("`{parent}` does not exist"));
    };
    match (patch.op, parent_node) {
        (PatchOp::Add, Value::Object(map)) => {
            map.insert(key, value()?);
        }
        (PatchOp::Add, Value::Array(items)) => {
            let index = if key == "-" {
                items.len()
            } else {
                key.parse::<usize>().map_err(|e| e.to_string())?
            };
            if index > items.len() {
                return Err(format!("index {index} is past the end"));
            }
            items.insert(index, value()?);
        }
        (PatchOp::Remove, Value::Object(map)) => {
            map.shift_remove(&key)
                .ok_or_else(|| format!("`{}` does not exist", patch.path))?;
        }
        (PatchOp::Remove, Value::Array(items)) => {
            let index = key.parse::<usize>().map_err(|e| e.to_string())?;
            if index >= items.len() {
                return Err(format!("`{}` does not exist", patch.path));
            }
            items.remove(index);
        }
        (_, _) => return Err(format!("`{parent}` is neither an object nor an array")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_oauth_needs_a_bearer_variable_and_a_token_endpoint() {
        let mut d = Diagnostics::new();
        Manifest::parse(
            Path::new("provider.toml"),
            "[env.oauth]\nclient_id = \"X_ID\"\nclient_secret = \"X_SECRET\"\n",
            &mut d,
        );
        let said = d.to_string();
        assert!(said.contains("provider.toml#/env/oauth"), "{said}");
        assert!(said.contains("name that variable too"), "{said}");
        assert!(said.contains("`[oauth] token_url`"), "{said}");

        let mut d = Diagnostics::new();
        let m = Manifest::parse(
            Path::new("provider.toml"),
            "[env]\nbearer = \"X_TOKEN\"\n[env.oauth]\nclient_id = \"X_ID\"\nclient_secret = \"X_SECRET\"\nrefresh_token = \"X_REFRESH\"\n[oauth]\ntoken_url = \"https://x.example/token\"\n",
            &mut d,
        )
        .expect("a manifest");
        assert!(!d.has_errors(), "{d}");
        assert_eq!(
            m.env.oauth.and_then(|o| o.refresh_token).as_deref(),
            Some("X_REFRESH")
        );
    }

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let mut d = Diagnostics::new();
        let m = Manifest::parse(
            Path::new("provider.toml"),
            "[provider]\nname = \"Slack\"\n[errors]\ncode = \"/error\"\nsuccess_flag = \"/ok\"\n",
            &mut d,
        )
        .unwrap();
        assert_eq!(m.errors.success_flag.as_deref(), Some("/ok"));
        assert!(d.is_empty());
        let bad = Manifest::parse(
            Path::new("provider.toml"),
            "[errors]\nsucess_flag = \"/ok\"\n",
            &mut d,
        );
        assert!(bad.is_none());
        assert!(d.to_string().contains("unknown field `sucess_flag`"), "{d}");
        let mut d = Diagnostics::new();
        Manifest::parse(
            Path::new("p.toml"),
            "[errors]\ncode = \"error.code\"\n",
            &mut d,
        );
        assert!(d.to_string().contains("p.toml#/errors/code"), "{d}");
    }

    #[test]
    fn patches_apply_or_say_why_not() {
        let text = r#"
[[patches]]
op = "add"
path = "/components/schemas/Toggle"
value = { type = "string", enum = ["NO", "YES"] }
[[patches]]
op = "remove"
path = "/paths/~1old"
[[patches]]
op = "replace"
path = "/nope/x"
value = 1
"#;
        let mut d = Diagnostics::new();
        let manifest = Manifest::parse(Path::new("provider.toml"), text, &mut d).unwrap();
        let mut doc =
            serde_json::json!({"components": {"schemas": {}}, "paths": {"/old": {}, "/new": {}}});
        manifest.apply_patches(Path::new("provider.toml"), &mut doc, &mut d);
        assert_eq!(doc["components"]["schemas"]["Toggle"]["enum"][1], "YES");
        assert!(doc["paths"].get("/old").is_none() && doc["paths"].get("/new").is_some());
        assert_eq!(d.error_count(), 1);
        assert!(d.to_string().contains("provider.toml#/patches/2"), "{d}");
    }

    #[test]
    fn moves_and_optional_patches() {
        let text = r#"
[[patches]]
op = "move"
from = "/s/items"
path = "/s/anyOf"
[[patches]]
op = "move"
from = "/absent/items"
path = "/absent/anyOf"
optional = true
[[patches]]
op = "remove"
path = "/absent"
optional = true
[[patches]]
op = "move"
from = "/absent/items"
path = "/absent/anyOf"
"#;
        let mut d = Diagnostics::new();
        let manifest = Manifest::parse(Path::new("provider.toml"), text, &mut d).unwrap();
        let mut doc = serde_json::json!({"s": {"items": [{"type": "string"}, {"type": "null"}]}});
        manifest.apply_patches(Path::new("provider.toml"), &mut doc, &mut d);
        assert_eq!(
            doc,
            serde_json::json!({"s": {"anyOf": [{"type": "string"}, {"type": "null"}]}})
        );
        // Only the last, not optional, fails.
        assert_eq!(d.error_count(), 1, "{d}");
        assert!(d.to_string().contains("provider.toml#/patches/3"), "{d}");
    }

    #[test]
    fn copies_keep_the_original() {
        let text = r#"
[[patches]]
op = "copy"
from = "/responses/201"
path = "/responses/200"
[[patches]]
op = "copy"
from = "/responses/202"
path = "/responses/203"
[[patches]]
op = "copy"
path = "/responses/204"
"#;
        let mut d = Diagnostics::new();
        let manifest = Manifest::parse(Path::new("provider.toml"), text, &mut d).unwrap();
        let mut doc = serde_json::json!({"responses": {"201": {"$ref": "#/c"}}});
        manifest.apply_patches(Path::new("provider.toml"), &mut doc, &mut d);
        assert_eq!(
            doc,
            serde_json::json!({"responses": {"201": {"$ref": "#/c"}, "200": {"$ref": "#/c"}}})
        );
        // A copy from nowhere, and one without `from`, each fail with their reason.
        assert_eq!(d.error_count(), 2, "{d}");
        let text = d.to_string();
        assert!(text.contains("`/responses/202` does not exist"), "{text}");
        assert!(text.contains("`copy` needs a `from`"), "{text}");
    }
}
