//! `new` for every generated struct (request bodies, query parameters, named types): required
//! fields are its arguments, the others start unset. One function, so that all three agree.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, rust_type};
use crate::model::{Presence, Ty};

/// A field as the constructor sees it.
pub struct Part<'a> {
    /// The field's Rust name.
    pub ident: &'a str,
    /// Its type.
    pub ty: &'a Ty,
    /// Required ones are arguments of `new` (an `Option` when also nullable); others are `unset`.
    pub presence: Presence,
    /// The value of an optional field until it is set (`None`, `Patch::Keep`).
    pub unset: TokenStream,
}

/// `new`, and the `Default,` to derive when there is nothing to require (then `new` is
/// `<Self as Default>::default()`, which a field named `default` cannot shadow).
pub struct Constructor {
    /// `Default,` or nothing, for the struct's `#[derive]`.
    pub derive_default: TokenStream,
    /// The `new` function.
    pub function: TokenStream,
}

/// The constructor of a struct with `parts`, documented with `doc`.
pub fn new(doc: &str, parts: &[Part<'_>]) -> Constructor {
    let doc = docs::outer(doc);
    let required: Vec<&Part> = parts.iter().filter(|p| p.presence.is_required()).collect();
    if required.is_empty() {
        return Constructor {
            derive_default: quote!(Default,),
            function: quote! {
                #doc
                #[must_use]
                pub fn new() -> Self {
                    <Self as Default>::default()
                }
            },
        };
    }
    let args = required.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        let ty = rust_type::into_argument(p.ty);
        if p.presence.is_nullable() { quote!(#ident: Option<#ty>) } else { quote!(#ident: #ty) }
    });
    let values = parts.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        match (p.presence, p.ty) {
            (Presence::Optional | Presence::OptionalNullable, _) => {
                let unset = &p.unset;
                quote!(#ident: #unset,)
            }
            (Presence::Required, Ty::String) => quote!(#ident: #ident.into(),),
            (Presence::RequiredNullable, Ty::String) => quote!(#ident: #ident.map(Into::into),),
            (Presence::Required | Presence::RequiredNullable, _) => quote!(#ident,),
        }
    });
    // Response types list every key the server always sends, often twenty or more: one argument
    // each is what `new` promises, so clippy's limit does not apply.
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Constructor {
        derive_default: quote!(),
        function: quote! {
            #doc
            #allow
            #[must_use]
            pub fn new(#(#args),*) -> Self {
                Self { #(#values)* }
            }
        },
    }
}
