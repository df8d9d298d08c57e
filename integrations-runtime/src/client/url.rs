//! A request's URL: the base URL parsed once, with the request's path and query set.

use crate::error::EncodeError;
use crate::request::Request;

use super::Client;

impl Client {
    /// The full URL of `request`, with `extra` query pairs (a credential sent in the
    /// query) after its own.
    pub(super) fn url(
        &self,
        request: &Request,
        extra: &[(String, String)],
    ) -> Result<reqwest::Url, EncodeError> {
        let (base_url, base) = self.base_of(request)?;
        if let Some(page) = &request.options.page_url {
            return page_url(&base, page, request, extra);
        }
        // The common case: only the path and query change. A path template holding `?`
        // or `#` (or a base URL with a query) is joined as text and parsed whole.
        if base.query().is_none() && base.fragment().is_none() && !request.path.contains(['?', '#'])
        {
            let mut url = base.as_ref().clone();
            let base_path = base.path().trim_end_matches('/');
            let mut path = String::with_capacity(base_path.len() + request.path.len() + 1);
            path.push_str(base_path);
            if !request.path.starts_with('/') {
                path.push('/');
            }
            path.push_str(&request.path);
            url.set_path(&path);
            if let Some(query) = query_text(request, extra) {
                url.set_query(Some(&query));
            }
            return Ok(url);
        }
        url_from_text(base_url, request, extra)
    }

    /// The base URL `request` goes to, as text and parsed: its operation's server, or the
    /// client's.
    fn base_of(
        &self,
        request: &Request,
    ) -> Result<(&str, std::borrow::Cow<'_, reqwest::Url>), EncodeError> {
        let Some(server) = request.server else {
            return Ok((
                &self.inner.base_url,
                std::borrow::Cow::Borrowed(&self.inner.base),
            ));
        };
        if let Some((_, text, parsed)) = self
            .inner
            .operation_bases
            .iter()
            .find(|(known, _, _)| *known == server)
        {
            return Ok((text, std::borrow::Cow::Borrowed(parsed)));
        }
        // A server the API description does not list: sent to as it is.
        let parsed = reqwest::Url::parse(server).map_err(|e| {
            EncodeError::new(request.operation, format!("the server `{server}`"), e)
        })?;
        Ok((
            server.trim_end_matches('/'),
            std::borrow::Cow::Owned(parsed),
        ))
    }
}

/// The request's URL, joined as text to `base_url` and parsed.
fn url_from_text(
    base_url: &str,
    request: &Request,
    extra: &[(String, String)],
) -> Result<reqwest::Url, EncodeError> {
    let mut url = base_url.to_owned();
    if !request.path.starts_with('/') {
        url.push('/');
    }
    url.push_str(&request.path);
    if let Some(query) = query_text(request, extra) {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query);
    }
    reqwest::Url::parse(&url).map_err(|e| {
        // Named without its query, which may hold an API key.
        let shown = url.split('?').next().unwrap_or_default();
        EncodeError::new(request.operation, format!("the URL `{shown}`"), e)
    })
}

/// The encoded query of `request` and `extra`, if there is any.
fn query_text(request: &Request, extra: &[(String, String)]) -> Option<String> {
    match (request.query.is_empty(), extra.is_empty()) {
        (true, true) => None,
        (false, true) => Some(crate::encode::form::encode(&request.query)),
        _ => {
            let all: Vec<(String, String)> = request.query.iter().chain(extra).cloned().collect();
            Some(crate::encode::form::encode(&all))
        }
    }
}

/// The URL of a page the previous answer pointed to, resolved against `base`, with the
/// credential's `extra` query pairs added. It must stay on the base URL's origin.
fn page_url(
    base: &reqwest::Url,
    page: &str,
    request: &Request,
    extra: &[(String, String)],
) -> Result<reqwest::Url, EncodeError> {
    let shown = || page.split('?').next().unwrap_or_default().to_owned();
    let mut url = base.join(page).map_err(|e| {
        EncodeError::new(
            request.operation,
            format!("the next page's URL `{}`", shown()),
            e,
        )
    })?;
    if url.origin() != base.origin() {
        return Err(EncodeError::new(
            request.operation,
            format!("the next page's URL `{}`", shown()),
            format!(
                "it is not on the API's origin {} (credentials are sent only there)",
                base.origin().ascii_serialization()
            ),
        ));
    }
    if !extra.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (name, value) in extra {
            pairs.append_pair(name, value);
        }
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use crate::api::ApiDescription;
    use crate::client::{Client, ClientBuilder};
    use crate::request::Request;

    static API: ApiDescription = ApiDescription::new("URL test", "1");

    /// Setting the path and query on the parsed base gives the URL that parsing the
    /// joined text gives, for every shape of base and path.
    #[test]
    fn urls_from_the_parsed_base_match_urls_parsed_whole() {
        let bases = [
            "http://127.0.0.1:8080",
            "https://api.example.com/",
            "https://slack.com/api",
            "https://slack.com/api/",
            "https://example.com/a%20b/v1",
            "https://user@example.com:444/base//",
        ];
        let paths = [
            "/v2/customers/JDKY%2F1",
            "items",
            "/",
            "/files/photos/2024/a.jpg",
            "/with space/and\\backslash/ü",
            "/x/../y",
        ];
        let queries: [&[(&str, &str)]; 3] = [
            &[],
            &[("expand[]", "data.customer"), ("q", "a b&c")],
            &[("empty", "")],
        ];
        let extra = [("api_key".to_owned(), "k&1".to_owned())];
        for base in bases {
            let client: Client = ClientBuilder::new(&API).base_url(base).build().unwrap();
            for path in paths {
                for query in queries {
                    let mut request = Request::new("op", crate::Method::Get, path, &[]);
                    request.query = query
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                        .collect();
                    for extra in [&extra[..], &[]] {
                        let fast = client.url(&request, extra).unwrap();
                        let whole =
                            super::url_from_text(&client.inner.base_url, &request, extra).unwrap();
                        assert_eq!(fast.as_str(), whole.as_str(), "{base} + {path} + {query:?}");
                    }
                }
            }
        }
        // A template with a literal query joins as text.
        let client: Client = ClientBuilder::new(&API)
            .base_url("https://s3.example.com")
            .build()
            .unwrap();
        let mut request = Request::new("op", crate::Method::Get, "/bucket?list-type=2", &[]);
        request.query = vec![("prefix".to_owned(), "a/b".to_owned())];
        assert_eq!(
            client.url(&request, &[]).unwrap().as_str(),
            "https://s3.example.com/bucket?list-type=2&prefix=a%2Fb"
        );
    }
}
