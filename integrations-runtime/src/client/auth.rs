//! Credentials: what a client is given (a credential, made ready to send once, or a
//! [`CredentialSource`] asked on every attempt), and chosen per request by the operation's
//! security alternatives.

use std::sync::Arc;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::api::{ApiKeyLocation, SchemeKind};
use crate::error::BuildError;
use crate::request::PATH_SEGMENT;
use crate::seams::{CredentialError, CredentialSource};
use crate::secret::Secret;

use super::Client;

/// A credential for one auth scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credential {
    /// A bearer token (HTTP bearer, or an OAuth 2.0 access token).
    Bearer(Secret),
    /// HTTP Basic user and password (Twilio's Account SID and Auth Token).
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: Secret,
    },
    /// An API key, sent where the scheme says.
    ApiKey(Secret),
}

impl Credential {
    /// A bearer token.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Credential::Bearer(token.into())
    }

    /// HTTP Basic credentials.
    pub fn basic(user: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credential::Basic {
            user: user.into(),
            password: password.into(),
        }
    }

    /// An API key.
    pub fn api_key(key: impl Into<Secret>) -> Self {
        Credential::ApiKey(key.into())
    }
}

/// Where a credential applies: one scheme, or every scheme of its kind.
#[derive(Debug, Clone)]
pub(super) enum Target {
    Scheme(String),
    AllOfKind,
}

/// What the builder was given for a scheme.
pub(super) enum Given {
    /// A credential that does not change.
    Fixed(Credential),
    /// A source asked on every attempt, for bearer schemes (an OAuth 2.0 token) unless a
    /// scheme is named.
    Source(Arc<dyn CredentialSource>),
}

/// A scheme's credential, as the client keeps it.
pub(super) enum Slot {
    /// Made ready to send when the client was built.
    Fixed(Prepared),
    /// Asked for on every attempt, then made ready to send.
    Source(Sourced),
}

/// A credential a [`CredentialSource`] gives on every attempt, for one scheme.
pub(super) struct Sourced {
    pub(super) source: Arc<dyn CredentialSource>,
    pub(super) key: &'static str,
    pub(super) kind: Option<&'static SchemeKind>,
}

impl Sourced {
    /// Asks the source for this attempt's credential and applies it to the headers, query
    /// or cookies; returns it with its source, to be told when the provider refuses it.
    pub(super) async fn apply(
        &self,
        headers: &mut HeaderMap,
        query: &mut Vec<(String, String)>,
        cookies: &mut Vec<(String, String)>,
    ) -> Result<(Arc<dyn CredentialSource>, Credential), CredentialError> {
        let key = self.key;
        let credential = self
            .source
            .credential()
            .await
            .map_err(|e| e.for_scheme(key))?;
        Prepared::new(&credential, self.kind)
            .map_err(|e| CredentialError::permanent(e.0).for_scheme(key))?
            .apply(headers, query, cookies);
        Ok((self.source.clone(), credential))
    }
}

/// A credential made ready to send when the client is built, so that requests only copy
/// it (and a credential that cannot be sent is a build error, not a failed request).
#[derive(Clone)]
pub(super) enum Prepared {
    Header(HeaderName, HeaderValue),
    Query(&'static str, Secret),
    Cookie(&'static str, Secret),
}

impl Prepared {
    pub(super) fn new(
        credential: &Credential,
        kind: Option<&SchemeKind>,
    ) -> Result<Prepared, BuildError> {
        let sensitive = |text: &str| {
            HeaderValue::from_str(text)
                .map(|mut value| {
                    value.set_sensitive(true);
                    value
                })
                .map_err(|_| BuildError("a credential is not a valid header value".to_owned()))
        };
        Ok(match (credential, kind) {
            (Credential::Bearer(token), _) => Prepared::Header(
                AUTHORIZATION,
                sensitive(&format!("Bearer {}", token.expose()))?,
            ),
            (Credential::Basic { user, password }, _) => {
                let encoded = base64_encode(format!("{user}:{}", password.expose()).as_bytes());
                Prepared::Header(AUTHORIZATION, sensitive(&format!("Basic {encoded}"))?)
            }
            (Credential::ApiKey(key), Some(SchemeKind::ApiKey { location, name })) => {
                match location {
                    ApiKeyLocation::Header => {
                        let header = HeaderName::from_bytes(name.as_bytes())
                            .map_err(|e| BuildError(format!("API key header `{name}`: {e}")))?;
                        Prepared::Header(header, sensitive(key.expose())?)
                    }
                    ApiKeyLocation::Query => Prepared::Query(name, key.clone()),
                    // Percent-encoded like every cookie value, so that a `;` in a key
                    // cannot end its cookie.
                    ApiKeyLocation::Cookie => Prepared::Cookie(
                        name,
                        Secret::new(
                            percent_encoding::utf8_percent_encode(key.expose(), PATH_SEGMENT)
                                .to_string(),
                        ),
                    ),
                }
            }
            (Credential::ApiKey(_), _) => {
                return Err(BuildError(
                    "an API key needs an API key scheme to say where it goes".to_owned(),
                ));
            }
        })
    }

    /// Adds the credential to one attempt's headers, query or cookies.
    pub(super) fn apply(
        &self,
        headers: &mut HeaderMap,
        query: &mut Vec<(String, String)>,
        cookies: &mut Vec<(String, String)>,
    ) {
        match self {
            Prepared::Header(name, value) => {
                headers.insert(name.clone(), value.clone());
            }
            Prepared::Query(name, key) => query.push(((*name).to_owned(), key.expose().to_owned())),
            Prepared::Cookie(name, key) => {
                cookies.push(((*name).to_owned(), key.expose().to_owned()))
            }
        }
    }
}

pub(super) fn kind_matches(kind: &SchemeKind, credential: &Credential) -> bool {
    matches!(
        (kind, credential),
        (SchemeKind::Bearer, Credential::Bearer(_))
            | (SchemeKind::Basic, Credential::Basic { .. })
            | (SchemeKind::ApiKey { .. }, Credential::ApiKey(_))
    )
}

impl Client {
    /// The credentials of the first security alternative that has them all (an empty
    /// alternative, `{}`: "no auth is fine too", only when no configured one fits).
    ///
    /// When none fits: a client with no credentials for any scheme sends its fallback
    /// credential (one given for a kind of scheme the spec does not declare) or nothing
    /// (a mock server, an endpoint that is public after all); a client with credentials,
    /// none of which the operation accepts, is an error rather than a request sent
    /// without them.
    pub(super) fn credentials_for(
        &self,
        operation: &str,
        security: &'static [&'static [&'static str]],
    ) -> Result<impl Iterator<Item = &Slot> + '_, CredentialError> {
        let inner = &*self.inner;
        let credential_of = move |key: &str| {
            inner
                .credentials
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, c)| c)
        };
        // A scheme the runtime cannot apply asks for nothing it could be given.
        let unsupported = |key: &str| {
            inner
                .api
                .security_schemes
                .iter()
                .any(|s| s.key == key && s.kind == SchemeKind::Unsupported)
        };
        // An alternative whose credentials are all configured wins over one that can
        // only be "met" by skipping schemes the runtime cannot apply: otherwise
        // `[[mutualTLS], [bearer]]` would send nothing from a client holding a token.
        let held_all = |alternative: &&&[&str]| {
            !alternative.is_empty() && alternative.iter().all(|key| credential_of(key).is_some())
        };
        let held_or_unsupported = |alternative: &&&[&str]| {
            alternative
                .iter()
                .all(|key| credential_of(key).is_some() || unsupported(key))
        };
        let chosen = security
            .iter()
            .find(held_all)
            .or_else(|| security.iter().find(|alternative| alternative.is_empty()))
            .or_else(|| security.iter().find(held_or_unsupported));
        if chosen.is_none() && !security.is_empty() && !inner.credentials.is_empty() {
            let wanted: Vec<String> = security
                .iter()
                .map(|alternative| {
                    let keys: Vec<String> = alternative.iter().map(|k| format!("`{k}`")).collect();
                    keys.join(" and ")
                })
                .collect();
            let held: Vec<String> = inner
                .credentials
                .iter()
                .map(|(key, _)| format!("`{key}`"))
                .collect();
            return Err(CredentialError::permanent(format!(
                "`{operation}` accepts {}, and this client has credentials for {} only; \
                 nothing was sent",
                wanted.join(" or "),
                held.join(", ")
            )));
        }
        // Nothing configured fits: send the fallback credential, if any, and let the API
        // say what it thinks.
        let fallback = if chosen.is_none() {
            inner.fallback.as_ref()
        } else {
            None
        };
        Ok(chosen
            .into_iter()
            .flat_map(move |alternative| {
                alternative.iter().filter_map(move |key| credential_of(key))
            })
            .chain(fallback))
    }
}

/// Standard base64 with padding (for HTTP Basic).
pub(super) fn base64_encode(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(input.as_bytes()), expected);
        }
        assert_eq!(base64_encode(b"AC123:token"), "QUMxMjM6dG9rZW4=");
    }
}
