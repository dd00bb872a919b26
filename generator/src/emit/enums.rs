//! The spec's unions (untagged enums, decoded by trying each variant in order) and string enums,
//! which keep values they do not know instead of failing.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, rust_type};
use crate::model::{EnumDef, Repr, UnionDef};

/// One enum per union, then one per enumeration.
pub fn items(unions: &[&UnionDef], enums: &[&EnumDef]) -> Vec<TokenStream> {
    unions.iter().map(|u| union_def(u)).chain(enums.iter().map(|e| enum_def(e))).collect()
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
    // A union of single values may be a parameter: sent as the text of the value it holds.
    let param = def.variants.iter().all(|v| v.ty.is_scalar()).then(|| {
        let param = crate::runtime::internal::param_trait();
        let arms = def.variants.iter().map(|v| {
            let variant = format_ident!("{}", v.ident);
            quote!(Self::#variant(value) => #param::to_param(value),)
        });
        quote! {
            impl #param for #ident {
                fn to_param(&self) -> String {
                    match self { #(#arms)* }
                }
            }
        }
    });
    quote! {
        #param
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant, reason = "a value decoded once and matched; a box in a variant would be in every match")]
        pub enum #ident {
            #(#variants)*
        }
    }
}

fn enum_def(def: &EnumDef) -> TokenStream {
    if def.repr == Repr::Integer {
        return code_enum_def(def);
    }
    let ident = format_ident!("{}", def.ident);
    let impls = crate::runtime::internal::string_enum_impls();
    let doc = docs::outer(&docs::paragraphs([
        def.doc.as_str(),
        "A value that this version of the crate does not list decodes as `Unknown`, keeping the text, so a \
         server that adds a value does not break decoding. Match on the named variants and treat `Unknown` \
         as \"something else\": a later version may give it a name.",
    ]));
    let variants = variants(def);
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

/// The variants with their docs: the value on the wire, then what it means.
fn variants(def: &EnumDef) -> impl Iterator<Item = TokenStream> + '_ {
    def.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.ident);
        let doc = docs::outer(&if v.doc.trim().is_empty() {
            format!("`{}`.", v.wire)
        } else {
            format!("`{}`: {}", v.wire, docs::prose(v.doc.trim()))
        });
        quote!(#doc #variant,)
    })
}

/// An enum of integer codes: `Copy`, with `code()` and `From<i64>`, keeping a code it does not
/// know in `Unknown`.
fn code_enum_def(def: &EnumDef) -> TokenStream {
    let ident = format_ident!("{}", def.ident);
    let impls = crate::runtime::internal::code_enum_impls();
    let doc = docs::outer(&docs::paragraphs([
        def.doc.as_str(),
        "Sent and received as an integer. A code that this version of the crate does not list decodes \
         as `Unknown`, keeping the number, so a server that adds one does not break decoding.",
    ]));
    let variants = variants(def);
    // The model's codes were `i64`s in the spec, written in decimal, so they parse back.
    let code = |v: &crate::model::Variant| proc_macro2::Literal::i64_unsuffixed(v.wire.parse().unwrap_or_default());
    let to_code = def.variants.iter().map(|v| {
        let (variant, code) = (format_ident!("{}", v.ident), code(v));
        quote!(Self::#variant => #code,)
    });
    let from_code = def.variants.iter().map(|v| {
        let (variant, code) = (format_ident!("{}", v.ident), code(v));
        quote!(#code => Self::#variant,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A code this version of the crate does not know, as received.
            Unknown(i64),
        }

        impl #ident {
            /// The code as sent on the wire.
            pub fn code(self) -> i64 {
                match self {
                    #(#to_code)*
                    Self::Unknown(code) => code,
                }
            }
        }

        impl ::std::convert::From<i64> for #ident {
            fn from(code: i64) -> Self {
                match code {
                    #(#from_code)*
                    other => Self::Unknown(other),
                }
            }
        }

        #impls!(#ident);
    }
}
