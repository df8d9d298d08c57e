//! Verbs: the client's own (`send`), resource accessors (`customers()`) with theirs, and
//! `from_env`. A verb takes what its operation's method takes and returns the same
//! request builder, so per-call options, optional parameters and paging work the same
//! through either.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Emitter;
use crate::emit::docs::escape;
use crate::emit::idents::{ident, lit};
use crate::ir::Verb;

/// Where a verb method sits.
enum Home {
    /// On `Client`.
    Client,
    /// On a resource, in the `resources` module.
    Resource,
}

impl Emitter<'_> {
    /// The verb methods and resource accessors of `Client`, and `from_env`.
    pub(crate) fn client_verbs(&self) -> TokenStream {
        let verbs = self
            .api
            .verbs
            .iter()
            .map(|verb| self.verb_method(verb, &Home::Client));
        let accessors = self.api.resources.iter().map(|resource| {
            let name = ident(&resource.name);
            let ty = ident(&resource.type_name);
            let list: Vec<String> = resource
                .verbs
                .iter()
                .map(|verb| format!("`{}`", verb.name))
                .collect();
            let doc = lit(&format!(
                " The `{}` resource: {}.",
                crate::ir::names::unraw(&resource.name),
                list.join(", ")
            ));
            quote! {
                #[doc = #doc]
                pub fn #name(&self) -> resources::#ty<'_> {
                    resources::#ty { client: self }
                }
            }
        });
        let from_env = self.env_constructor();
        quote!(#(#verbs)* #(#accessors)* #from_env)
    }

    /// The `resources` module (nothing when the API has no resources).
    pub(crate) fn resources_module(&self) -> TokenStream {
        if self.api.resources.is_empty() {
            return TokenStream::new();
        }
        let resources = self.api.resources.iter().map(|resource| {
            let ty = ident(&resource.type_name);
            let doc = lit(&format!(
                " The `{}` resource of a [`Client`](super::Client), from `Client::{}`.",
                crate::ir::names::unraw(&resource.name),
                crate::ir::names::unraw(&resource.name)
            ));
            let verbs = resource
                .verbs
                .iter()
                .map(|verb| self.verb_method(verb, &Home::Resource));
            quote! {
                #[doc = #doc]
                #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug)]
                pub struct #ty<'a> {
                    pub(super) client: &'a super::Client,
                }

                impl<'a> #ty<'a> {
                    #(#verbs)*
                }
            }
        });
        quote! {
            /// Resources: groups of verbs (`create`, `get`, `list`, …), each returning the
            /// request builder of the operation it calls.
            pub mod resources {
                #(#resources)*
            }
        }
    }

    fn verb_method(&self, verb: &Verb, home: &Home) -> TokenStream {
        let op = &self.api.operations[verb.operation];
        let (prefix, operations, lifetime, client, root) = match home {
            Home::Client => (
                TokenStream::new(),
                quote!(operations),
                quote!('_),
                quote!(self),
                "",
            ),
            Home::Resource => (
                quote!(super::),
                quote!(super::operations),
                quote!('a),
                quote!(self.client),
                "super::",
            ),
        };
        let (args, inits) = self.method_parts(op, &prefix);
        let name = ident(&verb.name);
        let builder = ident(&op.builder);
        let method = crate::ir::names::unraw(&op.name);
        let mut lines = vec![format!(
            " Calls [`Client::{method}`]({root}Client::{method}): `{} {}`.",
            op.method.as_str(),
            escape(&op.path)
        )];
        if let Some(summary) = &op.doc {
            lines.push(String::new());
            lines.extend(summary.lines().map(|line| format!(" {line}")));
        }
        if op.paging.is_some() {
            lines.push(String::new());
            lines.push(
                " It pages: the builder's `items()` streams every item, `pages()` every page."
                    .to_owned(),
            );
        }
        let docs = lines.iter().map(|line| {
            let line = lit(line);
            quote!(#[doc = #line])
        });
        let attributes = Self::method_attributes(op, args.len());
        quote! {
            #(#docs)*
            #attributes
            pub fn #name(&self, #(#args),*) -> #operations::#builder<#lifetime> {
                #operations::#builder { client: #client, #(#inits,)* }
            }
        }
    }

    /// The variables `from_env` reads: `[env]` of `provider.toml`, described for docs.
    fn env_vars(&self) -> Option<(TokenStream, Vec<String>)> {
        let rt = &self.runtime;
        let env = &self.api.provider.env;
        let mut chain = vec![quote!(#rt::EnvVars::new())];
        let mut described = Vec::new();
        if let Some(variable) = &env.bearer {
            let lit_var = lit(variable);
            chain.push(quote!(.bearer(#lit_var)));
            described.push(format!("the bearer token in `{variable}`"));
        }
        if let Some([user, password]) = &env.basic {
            let (lit_user, lit_password) = (lit(user), lit(password));
            chain.push(quote!(.basic(#lit_user, #lit_password)));
            described.push(format!(
                "the HTTP Basic user in `{user}` and password in `{password}`"
            ));
        }
        if let Some(variable) = &env.api_key {
            let lit_var = lit(variable);
            chain.push(quote!(.api_key(#lit_var)));
            described.push(format!("the API key in `{variable}`"));
        }
        if let (Some(oauth), Some(_)) = (&env.oauth, &self.api.provider.oauth) {
            let (id, secret) = (lit(&oauth.client_id), lit(&oauth.client_secret));
            let token_origin = oauth.token_origin.as_ref().map(|variable| {
                let lit_var = lit(variable);
                quote!(.token_origin(#lit_var))
            });
            match &oauth.refresh_token {
                Some(refresh) => {
                    let refresh_lit = lit(refresh);
                    chain.push(quote!(.oauth(
                        #rt::EnvOAuth::refresh(&OAUTH, #id, #secret, #refresh_lit)#token_origin
                    )));
                    described.push(format!(
                        "or else a token refreshed from `{refresh}` with the application's `{}` and `{}` (with the runtime's `oauth` feature)",
                        oauth.client_id, oauth.client_secret
                    ));
                }
                None => {
                    chain.push(quote!(.oauth(
                        #rt::EnvOAuth::client_credentials(&OAUTH, #id, #secret)#token_origin
                    )));
                    described.push(format!(
                        "or else a token fetched with the application's `{}` and `{}` (client credentials, with the runtime's `oauth` feature)",
                        oauth.client_id, oauth.client_secret
                    ));
                }
            }
        }
        if let (Some(oauth), Some(_)) = (&env.oauth, &self.api.provider.oauth)
            && let Some(variable) = &oauth.token_origin
        {
            described.push(format!(
                "the authorization server in `{variable}` when it is set"
            ));
        }
        if let Some(variable) = &self.api.provider.base_url_env {
            described.push(format!("the base URL in `{variable}` when it is set"));
        }
        if let (Some(section), Some(server)) = (&env.server, self.api.servers.first()) {
            // The variables no environment variable fills are filled here, with their
            // defaults.
            let mut template = server.template.clone();
            for (name, default) in &server.variables {
                if !section.variables.contains_key(name) {
                    template = template.replace(&format!("{{{name}}}"), default);
                }
            }
            let shown = template.clone();
            let template = lit(&template);
            let mut filled = quote!(#rt::EnvServer::new(#template));
            let mut parts = Vec::new();
            if let Some(variable) = &section.origin {
                let (lit_var, required) = (lit(variable), section.origin_required);
                filled = quote!(#filled.origin(#lit_var, #required));
                parts.push(format!("the host in `{variable}`"));
            }
            let mut variables = Vec::new();
            for (name, variable) in &section.variables {
                let Some((_, default)) = server.variables.iter().find(|(known, _)| known == name)
                else {
                    continue;
                };
                parts.push(format!("`{{{name}}}` from `{variable}` (else `{default}`)"));
                let (name, variable, default) = (lit(name), lit(variable), lit(default));
                variables.push(quote!((#name, #variable, #default)));
            }
            if !variables.is_empty() {
                filled = quote!(#filled.variables(&[#(#variables),*]));
            }
            chain.push(quote!(.server(#filled)));
            described.push(format!("otherwise `{shown}` with {}", parts.join(" and ")));
        }
        if !env.servers.is_empty() {
            let servers = named_variables(&env.servers, &mut described, |server, variable| {
                format!("the URL of `{server}` in `{variable}` when it is set")
            });
            chain.push(quote!(.servers(#servers)));
        }
        if !env.headers.is_empty() {
            let headers = named_variables(&env.headers, &mut described, |header, variable| {
                format!("the `{header}` header from `{variable}` when it is set")
            });
            chain.push(quote!(.headers(#headers)));
        }
        if let Some(mode) = &env.mode {
            let variable = lit(&mode.variable);
            let choices = mode.urls.iter().map(|(name, url)| {
                let (name, url) = (lit(name), lit(url));
                quote!((#name, #url))
            });
            chain.push(quote!(.mode(#variable, &[#(#choices),*])));
            let names: Vec<String> = mode.urls.keys().map(|name| format!("`{name}`")).collect();
            described.push(format!(
                "otherwise the environment in `{}` ({})",
                mode.variable,
                names.join(" or ")
            ));
        }
        (chain.len() > 1).then(|| (quote!(#(#chain)*), described))
    }

    /// `ENV`: the environment variables `Client::from_env` reads.
    pub(crate) fn env_static(&self) -> TokenStream {
        let rt = &self.runtime;
        let Some((chain, described)) = self.env_vars() else {
            return TokenStream::new();
        };
        let doc = lit(&format!(
            " The environment variables [`Client::from_env`] reads: {}.",
            described.join(", ")
        ));
        quote! {
            #[doc = #doc]
            pub static ENV: #rt::EnvVars = #chain;
        }
    }

    /// `Client::from_env`, when `provider.toml` names the variables credentials are in.
    fn env_constructor(&self) -> TokenStream {
        let rt = &self.runtime;
        let Some((_, described)) = self.env_vars() else {
            return TokenStream::new();
        };
        let doc = lit(&format!(
            " A client configured from the environment: {}.",
            described.join(", ")
        ));
        quote! {
            #[doc = #doc]
            ///
            /// A variable that is missing, empty or malformed (a credential holding white
            /// space or quotes, a base URL that is not an `http(s)` URL) is an error naming
            /// it. Use [`Client::builder`] to configure a client explicitly, or
            /// `Client::builder().from_env_with(&ENV, ..)` to read the variables from
            /// elsewhere.
            pub fn from_env() -> ::std::result::Result<Self, #rt::FromEnvError> {
                ::std::result::Result::Ok(Self::builder().from_env(&ENV)?.build()?)
            }
        }
    }
}

/// `(name, variable)` pairs as a static slice (`&[("Stripe-Version", "STRIPE_API_VERSION")]`),
/// each described for the rustdoc by `describe`.
fn named_variables(
    pairs: &std::collections::BTreeMap<String, String>,
    described: &mut Vec<String>,
    describe: impl Fn(&str, &str) -> String,
) -> TokenStream {
    let items = pairs.iter().map(|(name, variable)| {
        described.push(describe(name, variable));
        let (name, variable) = (lit(name), lit(variable));
        quote!((#name, #variable))
    });
    let items: Vec<TokenStream> = items.collect();
    quote!(&[#(#items),*])
}
