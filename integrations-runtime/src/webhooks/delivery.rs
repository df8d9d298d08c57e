//! One webhook delivery as it arrived: method, URL, headers and the raw body, before
//! anything parses it.

use reqwest::header::HeaderMap;

use super::WebhookError;

/// A delivery as the provider sent it. Verifiers read the raw body bytes; nothing is
/// parsed until the signature has been checked.
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    /// The HTTP method (`POST`; `GET` for Dropbox's challenge).
    pub method: &'a str,
    /// The full URL the provider called, as it knows it (scheme, host, path and query):
    /// Twilio, Square and HubSpot sign it. Behind a proxy this is the public URL, not the
    /// one the server saw.
    pub url: &'a str,
    /// The request headers.
    pub headers: &'a HeaderMap,
    /// The raw body.
    pub body: &'a [u8],
}

impl<'a> Delivery<'a> {
    /// A delivery of `body` with `headers`, sent with `method` to `url`.
    pub fn new(method: &'a str, url: &'a str, headers: &'a HeaderMap, body: &'a [u8]) -> Self {
        Delivery {
            method,
            url,
            headers,
            body,
        }
    }

    /// A header's value as text, if present (a value that is not text counts as absent
    /// where a verifier needs text: it cannot hold a valid signature).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// A header a verifier needs.
    pub(crate) fn required(&self, name: &'static str) -> Result<&'a str, WebhookError> {
        self.header(name)
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .ok_or(WebhookError::MissingSignature { header: name })
    }

    /// A query parameter of the URL.
    pub fn query_param(&self, name: &str) -> Option<String> {
        let query = self.url.split_once('?')?.1;
        let query = query.split('#').next().unwrap_or(query);
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }
}
