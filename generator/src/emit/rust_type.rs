//! Spec types as Rust types. Outside the prelude, paths are fully qualified, so generated code
//! never depends on what is imported around it; prelude types (`Option`, `String`, `Vec`) are
//! named as they are, which keeps the code short, and spec types may not take their names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Ty;

/// The Rust type that holds a value of `ty`.
pub fn tokens(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Uuid => quote!(::uuid::Uuid),
        Ty::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        Ty::Date => quote!(::chrono::NaiveDate),
        Ty::Json => quote!(::serde_json::Value),
        Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) => {
            let ident = format_ident!("{}", name);
            quote!(crate::#ident)
        }
        Ty::List(inner) => {
            let inner = tokens(inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = tokens(inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
    }
}

/// The type a function takes for an argument of `ty`: strings are borrowed.
pub fn argument(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(&str),
        other => tokens(other),
    }
}

/// The type a constructor or setter takes for a value of `ty`: strings as anything that turns
/// into a `String`.
pub fn into_argument(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(impl Into<String>),
        other => tokens(other),
    }
}

/// How `ty` reads in prose, e.g. in a doc comment.
pub fn prose(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Uuid => "UUID".into(),
        Ty::DateTime => "RFC 3339 date-time".into(),
        Ty::Date => "date".into(),
        Ty::Json => "any JSON value".into(),
        Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) => format!("[`{name}`](crate::{name})"),
        Ty::List(inner) => format!("list of {}", prose(inner)),
        Ty::Map(inner) => format!("map of string to {}", prose(inner)),
    }
}
