//! Operations: a method on `Client` per operation, and its request builder.
//!
//! The method takes what the request cannot go without (path parameters, required
//! query and header parameters, a required body) and returns a builder; optional
//! parameters are chained setters; `.send()` or `.await` sends it. The builder's `send`
//! is the whole of the per-operation code: it describes the request (method, path
//! template, parameters with their OpenAPI style, body encoding, auth schemes) and hands
//! it to the runtime's one `execute`, then decodes the response as the spec declares.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Emitter;
use crate::emit::docs::{doc, escape};
use crate::emit::idents::{ident, lit};
use crate::ir::{
    FieldHolding, MediaKind, NextPage, Operation, Outcome, Param, ParamLocation, ParamStyle,
    SecurityRequirement, TypeKind, TypeRef,
};

/// How many method arguments clippy accepts before `too_many_arguments` (with `&self`).
const CLIPPY_MAX_ARGUMENTS: usize = 6;

impl Emitter<'_> {
    /// The path from a request builder's module to the generated items' root.
    fn types_prefix(&self) -> TokenStream {
        if self.operations_in_modules() {
            quote!(super::super::)
        } else {
            quote!(super::)
        }
    }

    /// The visibility of a builder's fields: the `Client` at the root fills them in.
    fn root_visibility(&self) -> TokenStream {
        if self.operations_in_modules() {
            quote!(pub(in super::super))
        } else {
            quote!(pub(super))
        }
    }

    /// Whether the body is a method argument rather than a setter: always for the
    /// methods that send one (`POST`, `PUT`, `PATCH`), whatever the spec's `required`
    /// says, so that a user need not look it up; for others only when required.
    fn body_is_argument(op: &Operation) -> bool {
        op.body.as_ref().is_some_and(|body| {
            body.required
                || matches!(
                    op.method,
                    crate::ir::Method::Post | crate::ir::Method::Put | crate::ir::Method::Patch
                )
        })
    }

    /// The Rust type of a parameter as the builder stores it.
    fn param_type(&self, param: &Param) -> TokenStream {
        self.type_ref(&param.ty, &self.types_prefix(), false)
    }

    /// The body type as the builder stores it.
    fn body_type(&self, op: &Operation) -> Option<TokenStream> {
        let rt = &self.runtime;
        let body = op.body.as_ref()?;
        Some(match body.media {
            MediaKind::Binary => quote!(#rt::Body),
            _ => self.type_ref(&body.ty, &self.types_prefix(), false),
        })
    }

    /// The type a successful call returns.
    pub(crate) fn success_type(&self, op: &Operation, prefix: &TokenStream) -> TokenStream {
        let rt = &self.runtime;
        match &op.success {
            Outcome::Unspecified => quote!(()),
            Outcome::Single(response) => match (&response.ty, response.media) {
                (None, _) => quote!(()),
                (Some(_), Some(MediaKind::Binary)) => quote!(#rt::ByteStream),
                (Some(ty), _) => self.type_ref(ty, prefix, false),
            },
            Outcome::ByStatus(id) => {
                let name = ident(&self.api.ty(*id).name);
                quote!(#prefix #name)
            }
        }
    }

    /// The type of a decoded error body.
    pub(crate) fn error_type(&self, op: &Operation, prefix: &TokenStream) -> TokenStream {
        let rt = &self.runtime;
        match &op.error {
            Outcome::Unspecified => quote!(#rt::serde_json::Value),
            Outcome::Single(response) => match &response.ty {
                None => quote!(#rt::serde_json::Value),
                Some(ty) => self.type_ref(ty, prefix, false),
            },
            Outcome::ByStatus(id) => {
                let name = ident(&self.api.ty(*id).name);
                quote!(#prefix #name)
            }
        }
    }

    /// The decoder of an operation's error bodies.
    fn error_decoder(&self, op: &Operation, error: &TokenStream) -> TokenStream {
        let rt = &self.runtime;
        match &op.error {
            Outcome::Single(crate::ir::Response {
                ty: Some(_),
                media: Some(media),
                ..
            }) => self.decoder(*media, error),
            Outcome::ByStatus(_) => quote!(<#error as #rt::DecodeResponse>::decode_response),
            _ => self.decoder(MediaKind::AsSent, error),
        }
    }

    /// The arguments of an operation's method: path parameters in the order they appear
    /// in the path (so `/repos/{owner}/{repo}` takes `owner, repo` however the spec lists
    /// them), then required query, header and cookie parameters in spec order.
    fn required_params<'o>(&self, op: &'o Operation) -> Vec<&'o Param> {
        let order = |p: &&Param| match p.location {
            ParamLocation::Path => (
                0,
                op.path
                    .find(&format!("{{{}}}", p.wire_name))
                    .unwrap_or(usize::MAX),
            ),
            ParamLocation::Query => (1, 0),
            ParamLocation::Header => (2, 0),
            ParamLocation::Cookie => (3, 0),
        };
        let mut required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
        required.sort_by_key(order);
        required
    }

    /// The request builder of one operation (in the `operations` module).
    pub(crate) fn operation_builder(&self, op: &Operation) -> TokenStream {
        let rt = &self.runtime;
        let builder = ident(&op.builder);
        let prefix = self.types_prefix();
        let method_name = &op.name;
        let root = if self.operations_in_modules() {
            "super::super"
        } else {
            "super"
        };
        let builder_doc = lit(&format!(
            " Request builder for [`Client::{}`]({root}::Client::{}): `{} {}`.",
            crate::ir::names::unraw(method_name),
            crate::ir::names::unraw(method_name),
            op.method.as_str(),
            op.path
        ));
        let vis = self.root_visibility();
        let mut fields = vec![
            quote!(#vis client: &'a #prefix Client,),
            quote!(#vis options: #rt::CallOptions,),
        ];
        let mut setters = Vec::new();
        for param in op.params.iter().filter(|p| p.constant.is_none()) {
            let name = ident(&param.name);
            let ty = self.param_type(param);
            if param.required {
                fields.push(quote!(#vis #name: #ty,));
            } else {
                fields.push(quote!(#vis #name: ::std::option::Option<#ty>,));
                let docs = doc(
                    param.doc.as_deref(),
                    &format!(
                        "Sets the `{}` {} parameter.",
                        param.wire_name,
                        location_word(param.location)
                    ),
                    &[],
                );
                setters.push(quote! {
                    #docs
                    pub fn #name(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                        self.#name = ::std::option::Option::Some(value.into());
                        self
                    }
                });
            }
        }
        if let (Some(body), Some(ty)) = (&op.body, self.body_type(op)) {
            if Self::body_is_argument(op) {
                fields.push(quote!(#vis body: #ty,));
            } else {
                fields.push(quote!(#vis body: ::std::option::Option<#ty>,));
                let docs = doc(body.doc.as_deref(), "Sets the request body.", &[]);
                setters.push(quote! {
                    #docs
                    pub fn body(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                        self.body = ::std::option::Option::Some(value.into());
                        self
                    }
                });
            }
        }

        let id = lit(&op.id);
        let method = ident(match op.method {
            crate::ir::Method::Get => "Get",
            crate::ir::Method::Put => "Put",
            crate::ir::Method::Post => "Post",
            crate::ir::Method::Delete => "Delete",
            crate::ir::Method::Options => "Options",
            crate::ir::Method::Head => "Head",
            crate::ir::Method::Patch => "Patch",
            crate::ir::Method::Trace => "Trace",
        });
        let path = lit(&op.path);
        let security = op.security.iter().map(|set| {
            let names = set.iter().map(|s| lit(&s.scheme));
            quote!(&[#(#names),*])
        });
        let encode_params = op.params.iter().map(|param| {
            let name = ident(&param.name);
            let value = match (&param.constant, param.as_json) {
                (Some(constant), _) => constant_tokens(constant),
                (None, true) => quote!(#rt::AsJson(&self.#name)),
                (None, false) => quote!(self.#name),
            };
            let wire = lit(&param.wire_name);
            let explode = param.explode;
            let style = style_tokens(rt, param.style);
            match param.location {
                ParamLocation::Path if param.allow_reserved => {
                    quote!(request.path_param_allow_reserved(#wire, &#value, #style, #explode)?;)
                }
                ParamLocation::Path => {
                    quote!(request.path_param(#wire, &#value, #style, #explode)?;)
                }
                ParamLocation::Query => {
                    quote!(request.query_param(#wire, &#value, #style, #explode)?;)
                }
                ParamLocation::Header => quote!(request.header_param(#wire, &#value, #explode)?;),
                ParamLocation::Cookie => quote!(request.cookie_param(#wire, &#value, #explode)?;),
            }
        });
        let encode_body = op.body.as_ref().map(|body| {
            let content_type = lit(&body.content_type);
            let call = |value: TokenStream| match body.media {
                // The IR gives request bodies a concrete media type; `AsSent` is only
                // for responses, and JSON is what it would mean here.
                MediaKind::Json | MediaKind::AsSent => {
                    quote!(request.json(&#value, #content_type)?;)
                }
                MediaKind::Form => {
                    let encoding = self.form_encoding_tokens(body.form.as_ref());
                    quote!(request.form_encoded(&#value, #content_type, &#encoding)?;)
                }
                MediaKind::Xml => {
                    let root = lit(&self.xml_root(&body.ty));
                    quote!(request.xml(&#value, #root, #content_type)?;)
                }
                MediaKind::Text => quote!(request.text(#value, #content_type);),
                MediaKind::Binary => quote!(request.body(#value, #content_type);),
                MediaKind::Multipart | MediaKind::Related if !body.part_types.is_empty() => {
                    let types = body.part_types.iter().map(|(property, content_type)| {
                        let (property, content_type) = (lit(property), lit(content_type));
                        quote!((#property, #content_type))
                    });
                    let related = body.media == MediaKind::Related;
                    quote!(request.multipart_with_part_types(#value, #related, &[#(#types),*])?;)
                }
                MediaKind::Multipart => quote!(request.multipart(#value)?;),
                MediaKind::Related => quote!(request.multipart_related(#value)?;),
            };
            if Self::body_is_argument(op) {
                call(quote!(self.body))
            } else {
                let inner = call(quote!(body));
                quote!(if let ::std::option::Option::Some(body) = self.body { #inner })
            }
        });
        let success = self.success_type(op, &prefix);
        let error = self.error_type(op, &prefix);
        let decode_error = self.error_decoder(op, &error);
        // The body is read by one non-generic function, then decoded by the decoder the
        // declared media type needs: no async code is compiled per response type.
        let decode_with = |decoder: TokenStream| {
            quote! {
                let body = response.read().await?;
                let value = #decoder(&body)?;
                ::std::result::Result::Ok(#rt::Reply::new(body, value))
            }
        };
        let nothing = quote! {
            let body = response.read().await?;
            ::std::result::Result::Ok(#rt::Reply::new(body, ()))
        };
        let stream_response = matches!(
            &op.success,
            Outcome::Single(crate::ir::Response {
                ty: Some(_),
                media: Some(MediaKind::Binary),
                ..
            })
        )
        .then(|| quote!(let mut request = request; request.stream_response();));
        let decode = match &op.success {
            Outcome::Unspecified => nothing,
            Outcome::Single(response) => match (&response.ty, response.media) {
                (None, _) | (_, None) => nothing,
                (Some(_), Some(MediaKind::Binary)) => {
                    quote!(::std::result::Result::Ok(response.into_stream_reply()))
                }
                (Some(_), Some(media)) => decode_with(self.decoder(media, &success)),
            },
            Outcome::ByStatus(_) => {
                decode_with(quote!(<#success as #rt::DecodeResponse>::decode_response))
            }
        };
        let send_doc = lit(&format!(
            " Sends `{} {}` and decodes the response.",
            op.method.as_str(),
            op.path
        ));
        let send_full_doc = lit(&format!(
            " Sends `{} {}` and decodes the response, keeping its status and headers.",
            op.method.as_str(),
            op.path
        ));
        let server = op.server.as_deref().map(|server| {
            let server = lit(server);
            quote!(request.server(#server);)
        });
        let paging = self.paging_methods(op, &success, &error);
        let derive_clone = op.paging.is_some().then(|| quote!(::std::clone::Clone,));
        quote! {
            #[doc = #builder_doc]
            #[derive(#derive_clone ::std::fmt::Debug)]
            #[must_use = "a request is sent only when it is awaited or `send` is called"]
            pub struct #builder<'a> { #(#fields)* }

            impl<'a> #builder<'a> {
                #(#setters)*

                /// Adds a header to this call (it wins over a default of the same name).
                pub fn header(mut self, name: impl ::std::convert::Into<::std::string::String>, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.options.header(name, value);
                    self
                }

                /// The longest each attempt of this call may take.
                pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                    self.options.timeout(timeout);
                    self
                }

                /// How this call is retried (instead of the client's policy).
                pub fn retry(mut self, policy: #rt::RetryPolicy) -> Self {
                    self.options.retry(policy);
                    self
                }

                /// The idempotency key of this call, when the API takes one (one is made up
                /// otherwise, and reused on every attempt).
                pub fn idempotency_key(mut self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.options.idempotency_key(key);
                    self
                }

                #[doc = #send_doc]
                pub async fn send(self) -> ::std::result::Result<#success, #rt::Error<#error>> {
                    self.send_full().await.map(#rt::Reply::into_body)
                }

                #[doc = #send_full_doc]
                pub async fn send_full(self) -> ::std::result::Result<#rt::Reply<#success>, #rt::Error<#error>> {
                    let client = self.client;
                    let request = self.request()?;
                    #stream_response
                    let response = client.runtime().execute(request, #decode_error).await?;
                    #decode
                }

                /// Sends the request and keeps the answer as it came: every 2xx is a
                /// success, with its status, headers and body undecoded (an undeclared
                /// status or an empty body included); only a failure is an error.
                pub fn send_raw(self) -> #rt::BoxFuture<'a, ::std::result::Result<#rt::Reply<#rt::Bytes>, #rt::Error<#error>>> {
                    let client = self.client;
                    client.runtime().execute_raw(self.request(), #decode_error)
                }

                /// The request this builder describes.
                fn request(self) -> ::std::result::Result<#rt::Request, #rt::EncodeError> {
                    let mut request = #rt::Request::new(#id, #rt::Method::#method, #path, &[#(#security),*]);
                    #server
                    request.set_options(self.options);
                    #(#encode_params)*
                    #encode_body
                    ::std::result::Result::Ok(request)
                }

                #paging
            }

            impl<'a> ::std::future::IntoFuture for #builder<'a> {
                type Output = ::std::result::Result<#success, #rt::Error<#error>>;
                type IntoFuture = #rt::BoxFuture<'a, Self::Output>;

                fn into_future(self) -> Self::IntoFuture {
                    ::std::boxed::Box::pin(self.send())
                }
            }
        }
    }

    /// `pages()` and `items()` of a list operation's builder.
    fn paging_methods(
        &self,
        op: &Operation,
        success: &TokenStream,
        error: &TokenStream,
    ) -> TokenStream {
        let rt = &self.runtime;
        let Some(paging) = &op.paging else {
            return TokenStream::new();
        };
        let mut constructor = match &paging.next {
            NextPage::Cursor { pointer } => {
                let pointer = lit(pointer);
                quote!(#rt::Paging::cursor(#pointer))
            }
            NextPage::LastItem { field } => {
                let (items, field) = (lit(&paging.items.pointer), lit(field));
                quote!(#rt::Paging::last_item(#items, #field))
            }
            NextPage::Url { pointer } => {
                let pointer = lit(pointer);
                quote!(#rt::Paging::url(#pointer))
            }
        };
        if let Some(flag) = &paging.has_more {
            let flag = lit(flag);
            constructor = quote!(#constructor.has_more(#flag));
        }
        let apply = match &paging.cursor_param {
            Some(param) => {
                let param = ident(param);
                quote!(next.apply(&mut call.#param, &mut call.options))
            }
            None => quote!(next.apply_url(&mut call.options)),
        };
        let fetch = match &paging.continue_with {
            // The next page comes from another operation, given the cursor in its body.
            Some(continuing) => {
                let then = &self.api.operations[continuing.operation];
                let method = ident(&then.name);
                let field = lit(&continuing.field);
                let body = then.body.as_ref().map(|body| {
                    let ty = self.type_ref(&body.ty, &self.types_prefix(), false);
                    quote!(::<#ty, _>)
                });
                quote! {
                    move |next| match next {
                        ::std::option::Option::None => ::std::boxed::Box::pin(self.clone().send_full()),
                        ::std::option::Option::Some(next) => match next.body #body (#field) {
                            ::std::result::Result::Ok(body) => {
                                let mut call = self.client.#method(body);
                                call.options = self.options.clone();
                                ::std::boxed::Box::pin(call.send_full())
                            }
                            ::std::result::Result::Err(error) => {
                                ::std::boxed::Box::pin(async move { ::std::result::Result::Err(error) })
                            }
                        },
                    }
                }
            }
            None => quote! {
                move |next| {
                    let mut call = self.clone();
                    let applied = match next {
                        ::std::option::Option::Some(next) => #apply,
                        ::std::option::Option::None => ::std::result::Result::Ok(()),
                    };
                    if let ::std::result::Result::Err(error) = applied {
                        return ::std::boxed::Box::pin(async move { ::std::result::Result::Err(error) });
                    }
                    ::std::boxed::Box::pin(call.send_full())
                }
            },
        };
        let item = self.type_ref(&paging.items.item, &self.types_prefix(), false);
        let mut extract = quote!(page);
        let mut optional = false;
        for (field, holding) in &paging.items.steps {
            let field = ident(field);
            extract = match (optional, holding) {
                (false, FieldHolding::Plain) => quote!(#extract.#field),
                (false, FieldHolding::Optional) => quote!(#extract.#field),
                (false, FieldHolding::Nullable) => quote!(#extract.#field.into_option()),
                (true, FieldHolding::Plain) => quote!(#extract.map(|value| value.#field)),
                (true, FieldHolding::Optional) => quote!(#extract.and_then(|value| value.#field)),
                (true, FieldHolding::Nullable) => {
                    quote!(#extract.and_then(|value| value.#field.into_option()))
                }
            };
            optional |= *holding != FieldHolding::Plain;
        }
        if optional {
            extract = quote!(#extract.unwrap_or_default());
        }
        // Items of a type of the caller's own, read from the page's JSON.
        let json_pages = matches!(
            &op.success,
            Outcome::Single(crate::ir::Response {
                media: Some(MediaKind::Json | MediaKind::AsSent),
                ..
            })
        );
        let items_as = json_pages.then(|| {
            let pointer = lit(&paging.items.pointer);
            let doc = lit(&format!(
                " Every item of every page (`{}` of each), decoded as a type of the caller's own (a record with the fields a query selects) rather than as the spec's item type.",
                paging.items.pointer
            ));
            quote! {
                #[doc = #doc]
                pub fn items_as<T>(self) -> #rt::Items<'a, T, #error>
                where
                    T: #rt::serde::de::DeserializeOwned + ::std::marker::Send + 'a,
                {
                    #rt::Items::from_json(self.pages(), #pointer)
                }
            }
        });
        let items_doc = lit(&format!(
            " Every item of every page (`{}` of each), fetching the next page only when the items before run out.",
            paging.items.pointer
        ));
        quote! {
            /// Every page of the list, starting with the one this builder asks for, each
            /// fetched only when the stream is polled past the one before.
            pub fn pages(self) -> #rt::Pages<'a, #success, #error> {
                static PAGING: #rt::Paging = #constructor;
                #rt::Pages::new(&PAGING, #fetch)
            }

            #[doc = #items_doc]
            pub fn items(self) -> #rt::Items<'a, #item, #error> {
                #rt::Items::new(self.pages(), |page: #success| #extract)
            }

            #items_as
        }
    }

    /// The XML root element of a body type.
    fn xml_root(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) => {
                let def = self.api.ty(*id);
                match &def.kind {
                    TypeKind::Struct(s) => s.xml_name.clone().unwrap_or_else(|| def.name.clone()),
                    _ => def.name.clone(),
                }
            }
            _ => "root".to_owned(),
        }
    }

    /// The arguments of an operation's method (types written from the module `prefix`
    /// leads to the root from) and the builder's field initialisers.
    pub(crate) fn method_parts(
        &self,
        op: &Operation,
        prefix: &TokenStream,
    ) -> (Vec<TokenStream>, Vec<TokenStream>) {
        let mut args = Vec::new();
        let mut inits = vec![quote!(options: ::std::default::Default::default())];
        for param in self
            .required_params(op)
            .into_iter()
            .filter(|p| p.constant.is_none())
        {
            let arg = ident(&param.name);
            let ty = self.type_ref(&param.ty, prefix, false);
            args.push(quote!(#arg: impl ::std::convert::Into<#ty>));
            inits.push(quote!(#arg: #arg.into()));
        }
        for param in op
            .params
            .iter()
            .filter(|p| !p.required && p.constant.is_none())
        {
            let field = ident(&param.name);
            inits.push(quote!(#field: ::std::option::Option::None));
        }
        if let Some(body) = &op.body {
            if Self::body_is_argument(op) {
                let ty = match body.media {
                    MediaKind::Binary => {
                        let rt = &self.runtime;
                        quote!(#rt::Body)
                    }
                    _ => self.type_ref(&body.ty, prefix, false),
                };
                args.push(quote!(body: impl ::std::convert::Into<#ty>));
                inits.push(quote!(body: body.into()));
            } else {
                inits.push(quote!(body: ::std::option::Option::None));
            }
        }
        (args, inits)
    }

    /// The attributes of a method calling `op` with `arguments` arguments: deprecated when
    /// the API says so, and clippy's argument count allowed when over its limit.
    pub(crate) fn method_attributes(op: &Operation, arguments: usize) -> TokenStream {
        let deprecated = op
            .deprecated
            .then(|| quote!(#[deprecated = "the API marks this operation deprecated"]));
        let allow = (arguments > CLIPPY_MAX_ARGUMENTS)
            .then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote!(#deprecated #allow)
    }

    /// The `Client` method of one operation.
    pub(crate) fn client_method(&self, op: &Operation) -> TokenStream {
        let name = ident(&op.name);
        let builder = ident(&op.builder);
        let (args, inits) = self.method_parts(op, &TokenStream::new());
        let mut extra = vec![format!("`{} {}`", op.method.as_str(), escape(&op.path))];
        if let Some(auth) = auth_doc(&op.security) {
            extra.push(auth);
        }
        if let Some(body) = &op.body
            && !body.other_content_types.is_empty()
        {
            let others: Vec<String> = body
                .other_content_types
                .iter()
                .map(|t| format!("`{t}`"))
                .collect();
            extra.push(format!(
                "The body is sent as `{}`; the API also accepts {}.",
                body.content_type,
                others.join(", ")
            ));
        }
        if op.paging.is_some() {
            extra.push(
                "It pages: the builder's `items()` streams every item, `pages()` every page."
                    .to_owned(),
            );
        }
        if let Some(server) = &op.server {
            extra.push(format!(
                "Sent to `{}`, this operation's own server (moved with an overridden base URL; see `ClientBuilder::operation_server`).",
                server.replace('`', "'")
            ));
        }
        let docs = doc(
            op.doc.as_deref(),
            &format!("Calls the `{}` operation.", op.id),
            &extra,
        );
        let attributes = Self::method_attributes(op, args.len());
        quote! {
            #docs
            #attributes
            pub fn #name(&self, #(#args),*) -> operations::#builder<'_> {
                operations::#builder { client: self, #(#inits,)* }
            }
        }
    }
}

impl Emitter<'_> {
    /// A form body's encoding as a `FormEncoding` constant expression.
    fn form_encoding_tokens(&self, form: Option<&crate::ir::FormEncoding>) -> TokenStream {
        let rt = &self.runtime;
        let (style, explode, properties) = match form {
            Some(form) => (form.style, form.explode, form.properties.as_slice()),
            None => (ParamStyle::Form, true, &[][..]),
        };
        let style = style_tokens(rt, style);
        let properties = properties.iter().map(|(name, style, explode)| {
            let name = lit(name);
            let style = style_tokens(rt, *style);
            quote!((#name, #style, #explode))
        });
        quote!(#rt::FormEncoding::new(#style, #explode, &[#(#properties),*]))
    }
}

/// A constant parameter value as a literal.
fn constant_tokens(value: &serde_json::Value) -> TokenStream {
    match value {
        serde_json::Value::Bool(b) => quote!(#b),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => quote!(#i),
            (None, Some(f)) => quote!(#f),
            (None, None) => {
                let text = lit(&n.to_string());
                quote!(#text)
            }
        },
        serde_json::Value::String(s) => {
            let text = lit(s);
            quote!(#text)
        }
        _ => quote!(()),
    }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn style_tokens(rt: &TokenStream, style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form => quote!(#rt::ParamStyle::Form),
        ParamStyle::Simple => quote!(#rt::ParamStyle::Simple),
        ParamStyle::Label => quote!(#rt::ParamStyle::Label),
        ParamStyle::Matrix => quote!(#rt::ParamStyle::Matrix),
        ParamStyle::SpaceDelimited => quote!(#rt::ParamStyle::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(#rt::ParamStyle::PipeDelimited),
        ParamStyle::DeepObject => quote!(#rt::ParamStyle::DeepObject),
    }
}

/// What an operation's docs say about its auth: each alternative, with the scopes it
/// needs (`None` when the operation needs none).
fn auth_doc(security: &[Vec<SecurityRequirement>]) -> Option<String> {
    if security.is_empty() {
        return None;
    }
    let alternatives: Vec<String> = security
        .iter()
        .map(|set| {
            if set.is_empty() {
                return "no credentials".to_owned();
            }
            let schemes: Vec<String> = set
                .iter()
                .map(|requirement| {
                    let scopes: Vec<String> = requirement
                        .scopes
                        .iter()
                        .map(|scope| format!("`{}`", scope.replace('`', "'")))
                        .collect();
                    let scheme = requirement.scheme.replace('`', "'");
                    match scopes.len() {
                        0 => format!("`{scheme}`"),
                        1 => format!("`{scheme}` with scope {}", scopes[0]),
                        _ => format!("`{scheme}` with scopes {}", scopes.join(", ")),
                    }
                })
                .collect();
            schemes.join(" and ")
        })
        .collect();
    Some(format!("Auth: {}.", alternatives.join("; or ")))
}
