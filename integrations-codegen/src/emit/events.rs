//! The `events` module: one type per webhook event kind, implementing the runtime's
//! `Event` so a webhook receiver can hand it to a typed handler.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Emitter;
use crate::emit::docs::{doc, escape};
use crate::emit::idents::{ident, lit};
use crate::ir::WebhookEvent;

impl Emitter<'_> {
    /// The `events` module, or nothing when the API describes no webhook event.
    pub(crate) fn events_module(&self) -> TokenStream {
        if self.api.events.is_empty() {
            return TokenStream::new();
        }
        let events = self.api.events.iter().map(|event| self.event(event));
        let provider = escape(&self.api.provider.name);
        let module_doc = lit(&format!(
            " Typed webhook events of {provider}: register a handler for one with the \
             runtime's `Webhooks::on` (feature `webhooks`); a kind not listed here reaches \
             the catch-all as a `RawEvent`."
        ));
        quote! {
            #[doc = #module_doc]
            pub mod events {
                #(#events)*
            }
        }
    }

    fn event(&self, event: &WebhookEvent) -> TokenStream {
        let rt = &self.runtime;
        let name = ident(&event.name);
        let kind = lit(&event.kind);
        let provider = lit(&self.api.provider.name);
        let ty = self.type_ref(&event.ty, &quote!(super::), false);
        let where_ = if event.object_pointer.is_empty() {
            "the whole event".to_owned()
        } else {
            format!("at `{}` in the event", event.object_pointer)
        };
        let docs = doc(
            event.doc.as_deref(),
            &format!("The `{}` event.", event.kind.replace('`', "'")),
            &[format!("Kind `{}`.", event.kind.replace('`', "'"))],
        );
        let object_doc = lit(&format!(" What the event carries ({where_}), typed."));
        let read = if event.object_pointer.is_empty() {
            quote!(raw.payload_as()?)
        } else {
            let pointer = lit(&event.object_pointer);
            quote!(raw.payload_at(#pointer)?)
        };
        quote! {
            #docs
            #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
            #[non_exhaustive]
            pub struct #name {
                /// The provider's id of the event, when it gives one.
                pub id: ::std::option::Option<::std::string::String>,
                #[doc = #object_doc]
                pub object: #ty,
                /// The whole event, as delivered.
                pub payload: #rt::serde_json::Value,
            }

            impl #rt::events::Event for #name {
                const PROVIDER: &'static str = #provider;
                const KIND: &'static str = #kind;

                fn from_raw(
                    raw: &#rt::events::RawEvent,
                ) -> ::std::result::Result<Self, #rt::serde_json::Error> {
                    ::std::result::Result::Ok(#name {
                        id: raw.id.clone(),
                        object: #read,
                        payload: raw.payload.clone(),
                    })
                }
            }
        }
    }
}
