//! The `Client` and the static description of the API the runtime reads.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Emitter;
use crate::emit::docs::escape;
use crate::emit::idents::lit;
use crate::ir::{ApiKeyLocation, SecurityKind, SecurityScheme};
use crate::manifest::OAuthClientAuth;

impl Emitter<'_> {
    pub(crate) fn client(&self) -> TokenStream {
        let rt = &self.runtime;
        let api = self.api;
        let methods = api.operations.iter().map(|op| self.client_method(op));
        let title = format!("{} {}", api.title, api.version).trim().to_owned();
        let client_doc = lit(&format!(" A client for {}.", escape(&title)));
        let server_doc = match api.servers.first() {
            Some(server) => format!(
                " Requests go to `{}` unless the builder is given another base URL{}.",
                server.url.replace('`', "'"),
                match &api.provider.base_url_env {
                    Some(var) => format!(" or `{var}` is set"),
                    None => String::new(),
                }
            ),
            None => " The spec names no server: give the builder a base URL.".to_owned(),
        };
        let server_doc = lit(&server_doc);
        let auth_doc = auth_doc(&api.security_schemes)
            .iter()
            .map(|line| {
                let line = lit(line);
                quote!(#[doc = #line])
            })
            .collect::<Vec<_>>();
        let verbs = self.client_verbs();
        let api_static = self.api_static();
        let oauth_static = self.oauth_static();
        let env_static = self.env_static();
        quote! {
            #[doc = #client_doc]
            ///
            #[doc = #server_doc]
            /// Build one with [`Client::builder`], which takes credentials, timeouts and
            /// default headers; cloning a client is cheap and shares its connections.
            #(#auth_doc)*
            #[derive(::std::clone::Clone, ::std::fmt::Debug)]
            pub struct Client {
                runtime: #rt::Client,
            }

            impl Client {
                /// A builder for this API's client, set up with its servers and auth schemes.
                pub fn builder() -> #rt::ClientBuilder<Self> {
                    #rt::ClientBuilder::new(&API)
                }

                /// The runtime client requests are sent with.
                pub fn runtime(&self) -> &#rt::Client {
                    &self.runtime
                }

                #(#methods)*

                #verbs
            }

            impl ::std::convert::From<#rt::Client> for Client {
                fn from(runtime: #rt::Client) -> Self {
                    Client { runtime }
                }
            }

            #api_static
            #oauth_static
            #env_static
        }
    }

    /// `OAUTH`: the provider's OAuth 2.0 server, for the runtime's OAuth client.
    fn oauth_static(&self) -> TokenStream {
        let rt = &self.runtime;
        let Some(oauth) = &self.api.provider.oauth else {
            return TokenStream::new();
        };
        let name = lit(&self.api.provider.name);
        let (authorize, token) = (lit(&oauth.authorize_url), lit(&oauth.token_url));
        let mut chain = vec![quote!(#rt::OAuthProvider::new(#name, #authorize, #token))];
        if oauth.scope_separator != " " {
            let separator = lit(&oauth.scope_separator);
            chain.push(quote!(.scope_separator(#separator)));
        }
        if !oauth.authorize_params.is_empty() {
            let params = oauth.authorize_params.iter().map(|(name, value)| {
                let (name, value) = (lit(name), lit(value));
                quote!((#name, #value))
            });
            chain.push(quote!(.authorize_params(&[#(#params),*])));
        }
        match oauth.client_auth {
            OAuthClientAuth::Body => {}
            OAuthClientAuth::Basic => chain.push(quote!(.client_auth(#rt::ClientAuth::Basic))),
            OAuthClientAuth::Json => chain.push(quote!(.client_auth(#rt::ClientAuth::Json))),
        }
        if !oauth.pkce {
            chain.push(quote!(.pkce(false)));
        }
        if let Some(field) = &oauth.base_url_field {
            let field = lit(field);
            chain.push(quote!(.base_url_field(#field)));
        }
        quote! {
            /// The provider's OAuth 2.0 authorization server: what
            /// `integrations_runtime::oauth::OAuthClient::builder` takes (with the runtime's
            /// `oauth` feature) to connect users and refresh their tokens.
            pub static OAUTH: #rt::OAuthProvider = #(#chain)*;
        }
    }

    fn api_static(&self) -> TokenStream {
        let rt = &self.runtime;
        let api = self.api;
        let provider = &api.provider;
        let name = lit(&provider.name);
        let version = lit(&api.version);
        let mut chain = vec![quote!(#rt::ApiDescription::new(#name, #version))];
        if !api.servers.is_empty() {
            let servers = api.servers.iter().map(|s| lit(&s.url));
            chain.push(quote!(.servers(&[#(#servers),*])));
        }
        let mut operation_servers: Vec<&str> = api
            .operations
            .iter()
            .filter_map(|op| op.server.as_deref())
            .collect();
        operation_servers.sort_unstable();
        operation_servers.dedup();
        if !operation_servers.is_empty() {
            let servers = operation_servers.iter().map(|s| lit(s));
            chain.push(quote!(.operation_servers(&[#(#servers),*])));
        }
        if let Some(variable) = &provider.base_url_env {
            let variable = lit(variable);
            chain.push(quote!(.base_url_env(#variable)));
        }
        if !provider.headers.is_empty() {
            let headers = provider.headers.iter().map(|(name, value)| {
                let (name, value) = (lit(name), lit(value));
                quote!((#name, #value))
            });
            chain.push(quote!(.default_headers(&[#(#headers),*])));
        }
        if !api.security_schemes.is_empty() {
            let schemes = api.security_schemes.iter().map(|scheme| {
                let key = lit(&scheme.key);
                let kind = match &scheme.kind {
                    SecurityKind::Bearer
                    | SecurityKind::OAuth2 { .. }
                    | SecurityKind::OpenIdConnect { .. } => quote!(#rt::SchemeKind::Bearer),
                    SecurityKind::Basic => quote!(#rt::SchemeKind::Basic),
                    SecurityKind::ApiKey { location, name } => {
                        let name = lit(name);
                        let location = match location {
                            ApiKeyLocation::Header => quote!(#rt::ApiKeyLocation::Header),
                            ApiKeyLocation::Query => quote!(#rt::ApiKeyLocation::Query),
                            ApiKeyLocation::Cookie => quote!(#rt::ApiKeyLocation::Cookie),
                        };
                        quote!(#rt::SchemeKind::api_key(#location, #name))
                    }
                    SecurityKind::Unsupported { .. } => quote!(#rt::SchemeKind::Unsupported),
                };
                quote!(#rt::SecurityScheme::new(#key, #kind))
            });
            chain.push(quote!(.security_schemes(&[#(#schemes),*])));
        }
        let mut errors = vec![quote!(#rt::ErrorConvention::new())];
        for (method, pointer) in [
            ("code", &provider.error_code),
            ("code_fallback", &provider.error_code_fallback),
            ("message", &provider.error_message),
            ("success_flag", &provider.success_flag),
        ] {
            if let Some(pointer) = pointer {
                let method = crate::emit::idents::ident(method);
                let pointer = lit(pointer);
                errors.push(quote!(.#method(#pointer)));
            }
        }
        if errors.len() > 1 {
            chain.push(quote!(.errors(#(#errors)*)));
        }
        let retry = &provider.retry;
        if retry.should_retry_header.is_some()
            || !retry.retry_codes.is_empty()
            || !retry.quota_codes.is_empty()
            || !retry.quota_headers.is_empty()
        {
            let mut convention = vec![quote!(#rt::RetryConvention::new())];
            if let Some(header) = &retry.should_retry_header {
                let header = lit(header);
                convention.push(quote!(.should_retry_header(#header)));
            }
            if !retry.retry_codes.is_empty() {
                let codes = retry.retry_codes.iter().map(|c| lit(c));
                convention.push(quote!(.retry_codes(&[#(#codes),*])));
            }
            if !retry.quota_codes.is_empty() {
                let codes = retry.quota_codes.iter().map(|c| lit(c));
                convention.push(quote!(.quota_codes(&[#(#codes),*])));
            }
            if !retry.quota_headers.is_empty() {
                let headers = retry.quota_headers.iter().map(|h| lit(h));
                convention.push(quote!(.quota_headers(&[#(#headers),*])));
            }
            chain.push(quote!(.retry(#(#convention)*)));
        }
        match &provider.idempotency {
            Some(crate::ir::Idempotency::Header(header)) => {
                let header = lit(header);
                chain.push(quote!(.idempotency(#rt::Idempotency::Header(#header))));
            }
            Some(crate::ir::Idempotency::BodyField(field)) => {
                let field = lit(field);
                chain.push(quote!(.idempotency(#rt::Idempotency::BodyField(#field))));
            }
            None => {}
        }
        if let Some((requests, window_millis)) = provider.rate_limit {
            chain.push(quote!(.rate_limit(#requests, #window_millis)));
        }
        quote! {
            /// What the runtime needs to know about this API: servers, auth schemes, how
            /// errors are reported, and what its provider says about retries, idempotency
            /// and rate limits.
            pub static API: #rt::ApiDescription = #(#chain)*;
        }
    }
}

/// The lines of the client's docs that say how it authenticates: each scheme, how to
/// give its credential, and for OAuth 2.0 where tokens come from.
fn auth_doc(schemes: &[SecurityScheme]) -> Vec<String> {
    if schemes.is_empty() {
        return Vec::new();
    }
    let code = |text: &str| format!("`{}`", text.replace('`', "'"));
    let mut lines = vec![String::new(), " # Auth".to_owned(), String::new()];
    for scheme in schemes {
        let key = code(&scheme.key);
        let how = match &scheme.kind {
            SecurityKind::ApiKey { location, name } => {
                let place = match location {
                    ApiKeyLocation::Header => "header",
                    ApiKeyLocation::Query => "query parameter",
                    ApiKeyLocation::Cookie => "cookie",
                };
                format!("an API key in the {place} {} (`api_key`).", code(name))
            }
            SecurityKind::Bearer => "a bearer token (`bearer_token`).".to_owned(),
            SecurityKind::Basic => "HTTP Basic (`basic_auth`).".to_owned(),
            SecurityKind::OAuth2 { flows } => {
                lines.push(format!(
                    " - {key}: OAuth 2.0, an access token (`bearer_token`, or a refreshing `bearer_source`):"
                ));
                for flow in flows {
                    let mut parts = Vec::new();
                    if let Some(url) = &flow.authorization_url {
                        parts.push(format!("authorization at {}", code(url)));
                    }
                    if let Some(url) = &flow.token_url {
                        parts.push(format!("tokens from {}", code(url)));
                    }
                    if let Some(url) = &flow.refresh_url {
                        parts.push(format!("refreshed at {}", code(url)));
                    }
                    if !flow.scopes.is_empty() {
                        let scopes: Vec<String> =
                            flow.scopes.iter().map(|(scope, _)| code(scope)).collect();
                        parts.push(format!("scopes {}", scopes.join(", ")));
                    }
                    lines.push(format!(
                        "   - {}: {}.",
                        flow.grant.describe(),
                        parts.join("; ")
                    ));
                }
                continue;
            }
            SecurityKind::OpenIdConnect { discovery_url } => format!(
                "OpenID Connect (discovery at {}): an access token (`bearer_token`, or a refreshing `bearer_source`).",
                code(discovery_url)
            ),
            SecurityKind::Unsupported { declared } => {
                format!(
                    "{} is not supported: requests go without it.",
                    code(declared)
                )
            }
        };
        lines.push(format!(" - {key}: {how}"));
    }
    lines
}
