//! The named types of the spec: objects, decoded leniently so that a missing optional field or a
//! field the server adds later never breaks a call, and string enums that keep values they do not
//! know instead of failing.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::constructor::{self, Constructor, Part};
use super::{docs, rust_type};
use crate::model::{EnumDef, Field, Presence, TypeDef, UnionDef};

/// One struct per named type, one enum per union, then one enum per enumeration.
pub fn items(types: &[&TypeDef], unions: &[&UnionDef], enums: &[&EnumDef]) -> Vec<TokenStream> {
    let types = types.iter().map(|t| type_def(t));
    types.chain(unions.iter().map(|u| union_def(u))).chain(enums.iter().map(|e| enum_def(e))).collect()
}

/// An untagged enum: serde tries the variants in the spec's order and keeps the first that
/// decodes. Not `#[non_exhaustive]`, so that a `match` needs no catch-all arm; a variant the spec
/// adds later is a breaking change, as it is for any Rust enum.
fn union_def(def: &UnionDef) -> TokenStream {
    let ident = format_ident!("{}", def.ident);
    let doc = docs::outer(&docs::paragraphs([
        def.doc.as_str(),
        "Decoded by trying each variant in the order listed; the first that fits wins.",
    ]));
    let variants = def.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.ident);
        let ty = rust_type::tokens(&v.ty);
        let doc = docs::outer(&format!("The `{}` alternative.", v.name));
        quote!(#doc #variant(#ty),)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        pub enum #ident {
            #(#variants)*
        }
    }
}

fn enum_def(def: &EnumDef) -> TokenStream {
    let ident = format_ident!("{}", def.ident);
    let impls = crate::runtime::internal::string_enum_impls();
    let doc = docs::outer(&docs::paragraphs([
        def.doc.as_str(),
        "A value that this version of the crate does not list decodes as `Unknown`, keeping the text, so a \
         server that adds a value does not break decoding. Match on the named variants and treat `Unknown` \
         as \"something else\": a later version may give it a name.",
    ]));
    let variants = def.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.ident);
        let doc = docs::outer(&if v.doc.trim().is_empty() {
            format!("`{}`.", v.wire)
        } else {
            format!("`{}`: {}", v.wire, docs::prose(v.doc.trim()))
        });
        quote!(#doc #variant,)
    });
    let to_wire = def.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.ident);
        let wire = &v.wire;
        quote!(Self::#variant => #wire,)
    });
    let from_wire = def.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.ident);
        let wire = &v.wire;
        quote!(#wire => Self::#variant,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A value this version of the crate does not know, as received.
            Unknown(String),
        }

        impl #ident {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_wire)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        #impls!(#ident);
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    let ident = format_ident!("{}", def.ident);
    // A type the spec leaves undescribed (a warning) still needs docs: the crate denies missing ones.
    let fallback = format!("`{}`.", def.spec_name);
    let doc = docs::outer(&docs::paragraphs([if def.doc.trim().is_empty() { &fallback } else { def.doc.as_str() }]));
    let fields = def.fields.iter().map(field);
    let parts: Vec<Part> = def
        .fields
        .iter()
        .map(|f| Part { ident: &f.ident, ty: &f.ty, presence: f.presence, unset: quote!(None) })
        .collect();
    let Constructor { derive_default, function: new } = constructor::new(
        "A value with the required fields given and the others `None`; set those directly, as the \
         fields are public. (The type is `#[non_exhaustive]`, so that fields the spec adds later do not \
         break code that builds one.)",
        &parts,
    );
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derive_default ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }

        impl #ident {
            #new
        }
    }
}

/// A field that is always present and never null holds its value; any other is an `Option`.
fn field(field: &Field) -> TokenStream {
    let ident = format_ident!("{}", field.ident);
    let ty = rust_type::tokens(&field.ty);
    // An absent value is left out when the type is sent (some types are parts of request
    // bodies), and an absent optional field decodes as `None`. A required nullable field must be
    // there, even as `null`: serde treats an `Option` as optional unless it is deserialized
    // through a function, and the trait's own function is the plainest one.
    let (ty, skip) = match field.presence {
        Presence::Required => (ty, quote!()),
        Presence::RequiredNullable => {
            (quote!(Option<#ty>), quote!(#[serde(deserialize_with = "::serde::Deserialize::deserialize")]))
        }
        Presence::Optional | Presence::OptionalNullable => {
            (quote!(Option<#ty>), quote!(#[serde(skip_serializing_if = "Option::is_none")]))
        }
    };
    let doc = docs::outer(&field_doc(field));
    let rename = rename(field);
    quote! {
        #doc
        #rename
        #skip
        pub #ident: #ty,
    }
}

/// The field's description, and when the server may leave it out or send `null`.
pub fn field_doc(field: &Field) -> String {
    let presence = match field.presence {
        Presence::Required => "",
        Presence::RequiredNullable => "Always sent; may be `null`.",
        Presence::Optional => "May be absent.",
        Presence::OptionalNullable => "May be absent or `null`.",
    };
    let doc = if field.doc.trim().is_empty() { format!("`{}`.", field.wire) } else { field.doc.clone() };
    docs::paragraphs([doc.as_str(), presence])
}

/// `#[serde(rename = "…")]` when the Rust name differs from the JSON key.
pub fn rename(field: &Field) -> TokenStream {
    let wire = &field.wire;
    if field.bare_ident() == wire { quote!() } else { quote!(#[serde(rename = #wire)]) }
}
