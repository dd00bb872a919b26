//! Doc comments. Text from the spec goes in as string literals, one attribute per line, so any
//! character (backticks, `*/`, HTML, non-ASCII) is carried through unharmed.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes for `text`, one per line, rendered by prettyplease as `///` lines.
pub fn outer(text: &str) -> TokenStream {
    lines(text).map(|line| quote!(#[doc = #line])).collect()
}

/// `#![doc = "…"]` attributes, rendered as `//!` lines.
pub fn inner(text: &str) -> TokenStream {
    lines(text).map(|line| quote!(#![doc = #line])).collect()
}

/// Lines with the single leading space that `///` comments conventionally carry.
fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.trim_end().lines().map(|line| if line.is_empty() { String::new() } else { format!(" {}", line.trim_end()) })
}

/// Joins non-empty paragraphs with blank lines.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
}
