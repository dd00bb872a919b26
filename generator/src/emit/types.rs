//! The named types of the spec: response objects, decoded leniently so that a missing optional
//! field or a field the server adds later never breaks a call.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, rust_type};
use crate::model::{Field, TypeDef};

/// One struct per named type.
pub fn items(types: &[TypeDef]) -> Vec<TokenStream> {
    types.iter().map(type_def).collect()
}

fn type_def(def: &TypeDef) -> TokenStream {
    let ident = format_ident!("{}", def.ident);
    let doc = docs::outer(&docs::paragraphs([def.doc.as_str()]));
    let fields = def.fields.iter().map(field);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }
    }
}

/// A field that is always present and never null holds its value; any other is an `Option`.
fn field(field: &Field) -> TokenStream {
    let ident = format_ident!("{}", field.ident);
    let ty = rust_type::tokens(&field.ty);
    let ty = if field.required && !field.nullable { ty } else { quote!(::std::option::Option<#ty>) };
    let doc = docs::outer(&field_doc(field));
    let rename = rename(field);
    quote! {
        #doc
        #rename
        pub #ident: #ty,
    }
}

/// The field's description, and when the server may leave it out or send `null`.
pub fn field_doc(field: &Field) -> String {
    let presence = match (field.required, field.nullable) {
        (true, false) => "",
        (true, true) => "Always sent; may be `null`.",
        (false, false) => "May be absent.",
        (false, true) => "May be absent or `null`.",
    };
    let doc = if field.doc.trim().is_empty() { format!("`{}`.", field.wire) } else { field.doc.clone() };
    docs::paragraphs([doc.as_str(), presence])
}

/// `#[serde(rename = "…")]` when the Rust name differs from the JSON key.
pub fn rename(field: &Field) -> TokenStream {
    let wire = &field.wire;
    if crate::names::bare(&field.ident) == wire { quote!() } else { quote!(#[serde(rename = #wire)]) }
}
