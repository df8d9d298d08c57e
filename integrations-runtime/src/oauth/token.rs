//! The tokens of one grant, read from a token response and kept in a store.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

use crate::secret::Secret;

/// The tokens of one grant: the access token, and what came with it.
///
/// `Debug` shows neither token nor the values of the other fields of the response (some
/// hold tokens too: Slack's `authed_user`, an OpenID Connect `id_token`).
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenSet {
    /// The token sent with API calls.
    pub access_token: Secret,
    /// `token_type` as the provider spelled it (`Bearer`, `bearer`, Slack's `bot`).
    pub token_type: Option<String>,
    /// The token that gets a new access token, when the grant has one.
    pub refresh_token: Option<Secret>,
    /// When the access token expires, from `expires_in` (`None`: the provider did not
    /// say, as Salesforce does not).
    pub expires_at: Option<SystemTime>,
    /// The granted scopes as the provider wrote them (space- or comma-separated).
    pub scope: Option<String>,
    /// Every other field of the token response (Salesforce `instance_url` and `id`,
    /// Pipedrive `api_domain`, Slack `team` and `authed_user`), kept as sent.
    pub extra: Map<String, Value>,
}

impl TokenSet {
    /// An access token with nothing else known.
    pub fn new(access_token: impl Into<Secret>) -> Self {
        TokenSet {
            access_token: access_token.into(),
            token_type: None,
            refresh_token: None,
            expires_at: None,
            scope: None,
            extra: Map::new(),
        }
    }

    /// With a refresh token.
    pub fn with_refresh_token(mut self, token: impl Into<Secret>) -> Self {
        self.refresh_token = Some(token.into());
        self
    }

    /// Expiring at `at`.
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// Reads a successful token response received at `now`. Slack's user-token-only
    /// answer (the token inside `authed_user`) is read from there.
    pub(super) fn from_response(
        mut body: Map<String, Value>,
        now: SystemTime,
    ) -> Result<Self, String> {
        // Slack's user-token-only answer keeps the token inside `authed_user`: read the
        // token fields from there, and put the rest of `authed_user` (its `id`) back.
        let nested = match body.get("authed_user") {
            Some(Value::Object(user))
                if !body.contains_key("access_token") && user.contains_key("access_token") =>
            {
                match body.remove("authed_user") {
                    Some(Value::Object(user)) => Some(user),
                    _ => None,
                }
            }
            _ => None,
        };
        let mut source = nested.unwrap_or_default();
        let from_nested = !source.is_empty();
        let fields = if from_nested { &mut source } else { &mut body };
        let access_token = take_text(fields, "access_token")?
            .ok_or_else(|| "there is no `access_token`".to_owned())?;
        let token_type = take_text(fields, "token_type")?;
        let refresh_token = take_text(fields, "refresh_token")?;
        let expires_in = match fields.remove("expires_in") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(
                n.as_u64()
                    .ok_or_else(|| format!("`expires_in` is {n}, not a number of seconds"))?,
            ),
            // Some servers send the number as a string.
            Some(Value::String(text)) => Some(
                text.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("`expires_in` is \"{text}\", not a number of seconds"))?,
            ),
            Some(other) => return Err(format!("`expires_in` is {other}, not a number")),
        };
        // Square says when instead of how long: `expires_at`, an RFC 3339 time.
        let expires_at = match (expires_in, fields.get("expires_at")) {
            (None, Some(Value::String(at))) => {
                let at = at.clone();
                fields.remove("expires_at");
                Some(parse_rfc3339(&at)?)
            }
            _ => None,
        };
        let scope = take_text(fields, "scope")?;
        if from_nested {
            body.insert("authed_user".to_owned(), Value::Object(source));
        }
        if access_token.is_empty() {
            return Err("`access_token` is empty".to_owned());
        }
        Ok(TokenSet {
            access_token: Secret::new(access_token),
            token_type,
            refresh_token: refresh_token.filter(|t| !t.is_empty()).map(Secret::new),
            // Whole seconds, as `expires_in` counts and as the stores keep it.
            expires_at: expires_in
                .map(|seconds| whole_seconds(now) + Duration::from_secs(seconds))
                .or(expires_at),
            scope,
            extra: body,
        })
    }

    /// A field of the token response other than the tokens, by JSON Pointer
    /// (`/instance_url`, `/authed_user/id`).
    pub fn field(&self, pointer: &str) -> Option<&Value> {
        let (first, rest) = match pointer.strip_prefix('/')?.split_once('/') {
            Some((first, rest)) => (first, Some(rest)),
            None => (pointer.strip_prefix('/')?, None),
        };
        let value = self.extra.get(first)?;
        match rest {
            Some(rest) => value.pointer(&format!("/{rest}")),
            None => Some(value),
        }
    }

    /// Whether the access token expires within `margin` of `now` (or has expired).
    pub fn expires_within(&self, margin: Duration, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|at| at <= now + margin)
    }

    /// The tokens after a refresh answered with `fresh`: a refresh response without a
    /// refresh token keeps the old one (providers that do not rotate), and fields it
    /// does not repeat (Salesforce's `instance_url`) are kept.
    pub(super) fn refreshed(&self, mut fresh: TokenSet) -> TokenSet {
        if fresh.refresh_token.is_none() {
            fresh.refresh_token = self.refresh_token.clone();
        }
        if fresh.scope.is_none() {
            fresh.scope = self.scope.clone();
        }
        for (key, value) in &self.extra {
            fresh
                .extra
                .entry(key.clone())
                .or_insert_with(|| value.clone());
        }
        fresh
    }

    /// The form the token stores keep: every field as plain JSON.
    pub(super) fn to_stored(&self) -> Value {
        let mut out = Map::new();
        out.insert("access_token".into(), self.access_token.expose().into());
        if let Some(kind) = &self.token_type {
            out.insert("token_type".into(), kind.clone().into());
        }
        if let Some(token) = &self.refresh_token {
            out.insert("refresh_token".into(), token.expose().into());
        }
        if let Some(at) = self.expires_at {
            let seconds = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
            out.insert("expires_at".into(), seconds.into());
        }
        if let Some(scope) = &self.scope {
            out.insert("scope".into(), scope.clone().into());
        }
        out.insert("extra".into(), Value::Object(self.extra.clone()));
        Value::Object(out)
    }

    /// Reads what [`to_stored`](Self::to_stored) wrote.
    pub(super) fn from_stored(value: &Value) -> Result<Self, String> {
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        Ok(TokenSet {
            access_token: Secret::new(
                text("access_token").ok_or("a stored token set has no `access_token`")?,
            ),
            token_type: text("token_type"),
            refresh_token: text("refresh_token").map(Secret::new),
            expires_at: value
                .get("expires_at")
                .and_then(Value::as_u64)
                .map(|seconds| UNIX_EPOCH + Duration::from_secs(seconds)),
            scope: text("scope"),
            extra: value
                .get("extra")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        })
    }
}

/// An RFC 3339 time (`2026-01-02T15:04:05Z`) as a system time, to the second.
fn parse_rfc3339(text: &str) -> Result<SystemTime, String> {
    let at = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|e| format!("`expires_at` is \"{text}\", not an RFC 3339 time: {e}"))?;
    let seconds = u64::try_from(at.unix_timestamp())
        .map_err(|_| format!("`expires_at` is \"{text}\", before 1970"))?;
    Ok(UNIX_EPOCH + Duration::from_secs(seconds))
}

/// `at` without its fraction of a second.
fn whole_seconds(at: SystemTime) -> SystemTime {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    UNIX_EPOCH + Duration::from_secs(since.as_secs())
}

/// Removes the text field `key` from `map`.
fn take_text(map: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        // The value itself is not quoted: it may be a token in an unexpected shape.
        Some(other) => Err(format!(
            "`{key}` is {}, not a string",
            crate::encode::kind_of(&other)
        )),
    }
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &self.access_token)
            .field("token_type", &self.token_type)
            .field("refresh_token", &self.refresh_token)
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .field("extra", &self.extra.keys().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(body: Value) -> Result<TokenSet, String> {
        let Value::Object(map) = body else {
            return Err("not an object".into());
        };
        TokenSet::from_response(map, UNIX_EPOCH + Duration::from_secs(1_000))
    }

    #[test]
    fn a_salesforce_response_keeps_its_instance_url() {
        // Salesforce's web-server flow answer: no `expires_in`.
        let tokens = read(json!({
            "access_token": "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nt1u44zU31IbYNNJguseu",
            "signature": "qxUiaYTFNRsK31Z2YcEkvqfhXj0hJJ4e1xB1qA66EaM=",
            "scope": "refresh_token api",
            "refresh_token": "5Aep861HDR3iASSXIX6hI5Etvj8Iw5.WjrEcHjFlv8Xgk6YQhtfrPYxOJeFHI8KE0Fmrm8RbXtN5TuEUIlVbD7Y",
            "instance_url": "https://yourInstance.salesforce.com",
            "id": "https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001Sv6AAAS",
            "token_type": "Bearer",
            "issued_at": "1278448384422"
        }))
        .expect("a token response");
        assert!(tokens.access_token.expose().starts_with("00Dxx0000001gPL!"));
        assert_eq!(tokens.expires_at, None);
        assert_eq!(
            tokens.field("/instance_url"),
            Some(&json!("https://yourInstance.salesforce.com"))
        );
        assert_eq!(tokens.scope.as_deref(), Some("refresh_token api"));
        // The tokens are not in `extra`, and not in `Debug`.
        assert!(tokens.extra.get("access_token").is_none());
        let debug = format!("{tokens:?}");
        assert!(
            !debug.contains("00Dxx") && !debug.contains("5Aep8"),
            "{debug}"
        );
    }

    #[test]
    fn a_slack_user_only_response_is_read_from_authed_user() {
        let tokens = read(json!({
            "ok": true,
            "app_id": "A0KRD7HC3",
            "authed_user": {
                "id": "U1234",
                "scope": "chat:write",
                "access_token": "xoxp-1234",
                "token_type": "user"
            },
            "team": {"id": "T9TK3CUKW", "name": "Slack Softball Team"},
            "enterprise": null,
            "is_enterprise_install": false
        }))
        .expect("a token response");
        assert_eq!(tokens.access_token.expose(), "xoxp-1234");
        assert_eq!(tokens.token_type.as_deref(), Some("user"));
        assert_eq!(tokens.scope.as_deref(), Some("chat:write"));
        assert_eq!(tokens.field("/authed_user/id"), Some(&json!("U1234")));
        assert_eq!(
            tokens.field("/team/name"),
            Some(&json!("Slack Softball Team"))
        );
    }

    #[test]
    fn a_square_response_says_when_it_expires() {
        // Square's ObtainToken answer: `expires_at` instead of `expires_in`.
        let tokens = read(json!({
            "access_token": "EAAl3ikZIe18J4OHd-0udT1U-LdagnHUUeoqTIAYMSBEr1ESOn1WWdkLPvZBNBZWn",
            "token_type": "bearer",
            "expires_at": "2006-01-02T15:04:05Z",
            "merchant_id": "MERCHANT_ID",
            "refresh_token": "EQAAl3ikZIe18J4OHd-0udT1U-LdagnHUUeoqTIAYMSBEr1ESOn1WWdkLPvZBNBZWn",
            "short_lived": false
        }))
        .expect("a token response");
        assert_eq!(
            tokens.expires_at,
            Some(UNIX_EPOCH + Duration::from_secs(1_136_214_245))
        );
        assert_eq!(tokens.field("/merchant_id"), Some(&json!("MERCHANT_ID")));
        assert_eq!(tokens.field("/expires_at"), None);
        let error =
            read(json!({"access_token": "a", "expires_at": "tomorrow"})).expect_err("bad time");
        assert!(error.contains("not an RFC 3339 time"), "{error}");
    }

    #[test]
    fn expiry_is_counted_from_receipt_and_may_be_a_string() {
        let tokens = read(json!({"access_token": "a", "expires_in": "3600"})).expect("tokens");
        assert_eq!(
            tokens.expires_at,
            Some(UNIX_EPOCH + Duration::from_secs(4_600))
        );
        let now = UNIX_EPOCH + Duration::from_secs(4_000);
        assert!(!tokens.expires_within(Duration::from_secs(60), now));
        assert!(tokens.expires_within(Duration::from_secs(600), now));
    }

    #[test]
    fn malformed_responses_say_what_is_wrong() {
        for (body, says) in [
            (json!({"token_type": "Bearer"}), "no `access_token`"),
            (json!({"access_token": ""}), "empty"),
            (
                json!({"access_token": 12}),
                "`access_token` is a number, not",
            ),
            (
                json!({"access_token": "a", "expires_in": "soon"}),
                "`expires_in` is \"soon\"",
            ),
            (
                json!({"access_token": "a", "expires_in": -5}),
                "`expires_in` is -5",
            ),
        ] {
            let error = read(body).expect_err("malformed");
            assert!(error.contains(says), "{error} should say {says}");
        }
    }

    #[test]
    fn a_refresh_keeps_what_it_does_not_repeat() {
        let old = read(json!({
            "access_token": "old", "refresh_token": "r1", "scope": "api",
            "instance_url": "https://na1.salesforce.com"
        }))
        .expect("tokens");
        let fresh = read(json!({"access_token": "new"})).expect("tokens");
        let merged = old.refreshed(fresh);
        assert_eq!(merged.access_token.expose(), "new");
        assert_eq!(
            merged.refresh_token.as_ref().map(Secret::expose),
            Some("r1")
        );
        assert_eq!(merged.scope.as_deref(), Some("api"));
        assert_eq!(
            merged.field("/instance_url"),
            Some(&json!("https://na1.salesforce.com"))
        );
        // A rotated refresh token replaces the old one.
        let rotated = old.refreshed(
            read(json!({"access_token": "new", "refresh_token": "r2"})).expect("tokens"),
        );
        assert_eq!(
            rotated.refresh_token.as_ref().map(Secret::expose),
            Some("r2")
        );
    }

    #[test]
    fn stored_form_round_trips() {
        let tokens = read(json!({
            "access_token": "a", "refresh_token": "r", "expires_in": 60, "scope": "x y",
            "token_type": "Bearer", "api_domain": "https://acme.pipedrive.com"
        }))
        .expect("tokens");
        let back = TokenSet::from_stored(&tokens.to_stored()).expect("stored form");
        assert_eq!(back, tokens);
    }
}
