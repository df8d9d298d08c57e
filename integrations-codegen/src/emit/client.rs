//! The `Client` and the static description of the API the runtime reads.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Emitter;
use crate::emit::docs::escape;
use crate::emit::idents::lit;
use crate::ir::{ApiKeyLocation, SecurityKind};

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
        let api_static = self.api_static();
        quote! {
            #[doc = #client_doc]
            ///
            #[doc = #server_doc]
            /// Build one with [`Client::builder`], which takes credentials, timeouts and
            /// default headers; cloning a client is cheap and shares its connections.
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
            }

            impl ::std::convert::From<#rt::Client> for Client {
                fn from(runtime: #rt::Client) -> Self {
                    Client { runtime }
                }
            }

            #api_static
        }
    }

    fn api_static(&self) -> TokenStream {
        let rt = &self.runtime;
        let api = self.api;
        let name = lit(&api.provider.name);
        let version = lit(&api.version);
        let servers = api.servers.iter().map(|s| lit(&s.url));
        let schemes = api.security_schemes.iter().map(|scheme| {
            let key = lit(&scheme.key);
            let kind = match &scheme.kind {
                SecurityKind::Bearer => quote!(#rt::SchemeKind::Bearer),
                SecurityKind::Basic => quote!(#rt::SchemeKind::Basic),
                SecurityKind::ApiKey { location, name } => {
                    let name = lit(name);
                    let location = match location {
                        ApiKeyLocation::Header => quote!(#rt::ApiKeyLocation::Header),
                        ApiKeyLocation::Query => quote!(#rt::ApiKeyLocation::Query),
                        ApiKeyLocation::Cookie => quote!(#rt::ApiKeyLocation::Cookie),
                    };
                    quote!(#rt::SchemeKind::ApiKey { location: #location, name: #name })
                }
                SecurityKind::Unsupported { .. } => quote!(#rt::SchemeKind::Unsupported),
            };
            quote!(#rt::SecurityScheme { key: #key, kind: #kind })
        });
        let option = |value: &Option<String>| match value {
            Some(v) => {
                let v = lit(v);
                quote!(::std::option::Option::Some(#v))
            }
            None => quote!(::std::option::Option::None),
        };
        let base_url_env = option(&api.provider.base_url_env);
        let headers = api.provider.headers.iter().map(|(name, value)| {
            let (name, value) = (lit(name), lit(value));
            quote!((#name, #value))
        });
        let code = option(&api.provider.error_code);
        let message = option(&api.provider.error_message);
        let success_flag = option(&api.provider.success_flag);
        quote! {
            /// What the runtime needs to know about this API: servers, auth schemes and how
            /// errors are reported.
            pub static API: #rt::ApiDescription = #rt::ApiDescription {
                name: #name,
                version: #version,
                servers: &[#(#servers),*],
                base_url_env: #base_url_env,
                default_headers: &[#(#headers),*],
                security_schemes: &[#(#schemes),*],
                errors: #rt::ErrorConvention {
                    code: #code,
                    message: #message,
                    success_flag: #success_flag,
                },
            };
        }
    }
}
