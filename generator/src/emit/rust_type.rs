//! Spec types as Rust types. Outside the prelude, paths are fully qualified, so generated code
//! never depends on what is imported around it; prelude types (`Option`, `String`, `Vec`) are
//! named as they are, which keeps the code short, and spec types may not take their names.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Ty;

/// The Rust type that holds a value of `ty`, as written in generated code.
pub fn text(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Number => "f64".into(),
        Ty::Boolean => "bool".into(),
        Ty::Uuid => "::uuid::Uuid".into(),
        Ty::DateTime => "::chrono::DateTime<::chrono::Utc>".into(),
        Ty::Date => "::chrono::NaiveDate".into(),
        Ty::Json => "::serde_json::Value".into(),
        Ty::File => "crate::Upload".into(),
        Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) | Ty::Id(name) | Ty::Key(name) => format!("crate::{name}"),
        Ty::List(inner) => format!("Vec<{}>", text(inner)),
        Ty::Map(inner) => format!("::std::collections::BTreeMap<String, {}>", text(inner)),
    }
}

/// [`text`] as tokens. (It is made of names the model has checked, so it always lexes; were it
/// not to, the empty stream would fail the parse of the item, reported as the generator's bug.)
pub fn tokens(ty: &Ty) -> TokenStream {
    text(ty).parse().unwrap_or_default()
}

/// The type of a field holding `ty` (an id, or a list of ids) that may expand into `object`:
/// the runtime's `Expandable` of the two.
pub fn expandable(ty: &Ty, object: &str) -> TokenStream {
    let text = match ty {
        Ty::List(item) => format!("Vec<crate::Expandable<{}, crate::{object}>>", text(item)),
        id => format!("crate::Expandable<{}, crate::{object}>", text(id)),
    };
    text.parse().unwrap_or_default()
}

/// The type a function takes for an argument of `ty`: strings and keys are borrowed.
pub fn argument(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(&str),
        Ty::Key(_) => {
            let key = tokens(ty);
            quote!(&#key)
        }
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
        Ty::File => "file ([`Upload`](crate::Upload))".into(),
        Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) | Ty::Id(name) | Ty::Key(name) => {
            format!("[`{name}`](crate::{name})")
        }
        Ty::List(inner) => format!("list of {}", prose(inner)),
        Ty::Map(inner) => format!("map of string to {}", prose(inner)),
    }
}
