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

/// Prose from the spec, made safe for rustdoc: a code fence without a language would be compiled
/// as a Rust doc test, so it is marked `text`; a fence left open is closed at the end.
pub fn prose(text: &str) -> String {
    let mut open = false;
    let mut out: Vec<String> = text
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if !trimmed.starts_with("```") {
                return line.to_string();
            }
            open = !open;
            let info = trimmed.trim_start_matches('`').trim();
            if open && info.is_empty() { format!("{line}text") } else { line.to_string() }
        })
        .collect();
    if open {
        out.push("```".to_string());
    }
    out.join("\n")
}

/// Lines with the single leading space that `///` comments conventionally carry.
fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.trim_end().lines().map(|line| if line.is_empty() { String::new() } else { format!(" {}", line.trim_end()) })
}

/// Joins non-empty paragraphs with blank lines, each made safe with [`prose`] so that one
/// paragraph's open code fence cannot swallow the next.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(prose).collect::<Vec<_>>().join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::prose;

    #[test]
    fn fences_never_become_doc_tests() {
        assert_eq!(prose("a\n```\nx\n```"), "a\n```text\nx\n```");
        assert_eq!(prose("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(prose("open ```\n```\nnever closed"), "open ```\n```text\nnever closed\n```");
        assert_eq!(prose("*/ <p> `x` é"), "*/ <p> `x` é");
    }
}
