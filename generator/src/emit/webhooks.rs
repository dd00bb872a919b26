//! The webhooks' events: `WebhookEvent`, one variant per event of the spec holding its body's
//! type, and `Other` for events the spec does not list; and how the runtime's
//! `WebhookReceiver` (`generator/runtime/src/webhook.rs`) checks and decodes a delivery of them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, rust_type};
use crate::model::{Api, Webhooks};
use crate::names;

/// The enum of events and its impl of the runtime's `WebhookEvents`.
pub fn items(api: &Api, webhooks: &Webhooks) -> Vec<TokenStream> {
    let name = format_ident!("{}", names::WEBHOOK_EVENT);
    let other = format_ident!("{}", names::OTHER_EVENT);
    let variants = webhooks.events.iter().map(|event| {
        let ident = format_ident!("{}", event.ident);
        let ty = rust_type::tokens(&event.ty);
        let when = if event.doc.trim().is_empty() { String::new() } else { docs::prose(event.doc.trim()) };
        let doc = docs::outer(&docs::paragraphs([format!("The `{}` event.", event.wire).as_str(), when.as_str()]));
        quote!(#doc #ident(Box<#ty>),)
    });
    let arms = webhooks.events.iter().map(|event| {
        let (wire, ident) = (&event.wire, format_ident!("{}", event.ident));
        quote!(#wire => Self::#ident(crate::webhook::decode(name, body, strict)?),)
    });
    let scheme = scheme(webhooks);
    let doc = docs::outer(&enum_doc(api, webhooks));
    vec![quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An event this version of the crate does not list, with its whole body.
            #other {
                /// The event's name.
                event: String,
                /// The delivery's body.
                body: ::serde_json::Value,
            },
        }

        impl crate::WebhookEvents for #name {
            const SCHEME: crate::webhook::Scheme = #scheme;

            fn decode(name: &str, body: &[u8], strict: bool) -> Result<Self, crate::WebhookError> {
                Ok(match name {
                    #(#arms)*
                    _ => Self::#other { event: name.to_string(), body: crate::webhook::decode(name, body, false)? },
                })
            }
        }
    }]
}

fn scheme(webhooks: &Webhooks) -> TokenStream {
    let (signature, prefix, event) = (&webhooks.signature_header, &webhooks.signature_prefix, &webhooks.event_header);
    let delivery = super::crate_root::optional(webhooks.delivery_header.as_deref());
    quote! {
        crate::webhook::Scheme {
            signature_header: #signature,
            signature_prefix: #prefix,
            event_header: #event,
            delivery_header: #delivery,
        }
    }
}

fn enum_doc(api: &Api, webhooks: &Webhooks) -> String {
    let crate_name = &api.crate_name;
    let delivery = match &webhooks.delivery_header {
        Some(header) => format!(
            " The delivery's id (`{header}`) is [`Delivery::id`](crate::Delivery::id): to drop a \
             redelivery, keep the ids of the last few thousand deliveries and skip one already seen."
        ),
        None => String::new(),
    };
    let intro = format!(
        "An event the API's webhooks deliver, by the name in its `{event}` header.\n\n\
         A [`WebhookReceiver`](crate::WebhookReceiver) checks each delivery's `{signature}` header (an \
         HMAC-SHA256 of the raw body with the webhook's secret) before decoding it into this enum; pass \
         it the body's bytes exactly as received.{delivery}",
        event = webhooks.event_header,
        signature = webhooks.signature_header,
    );
    let example = format!(
        "```no_run\n\
         # fn example(headers: &{crate_name}::HeaderMap, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {{\n\
         use {crate_name}::{{WebhookEvent, WebhookReceiver}};\n\n\
         let receiver = WebhookReceiver::<WebhookEvent>::new(\"the webhook's secret\");\n\
         match receiver.receive(headers, body)?.event {{\n\
         \x20   WebhookEvent::{first}(event) => println!(\"{{event:?}}\"),\n\
         \x20   other => println!(\"not handled: {{other:?}}\"),\n\
         }}\n\
         # Ok(())\n\
         # }}\n\
         ```",
        first = webhooks.events.first().map_or(names::OTHER_EVENT, |e| e.ident.as_str()),
    );
    docs::paragraphs([intro.as_str(), webhooks.doc.trim(), example.as_str()])
}
