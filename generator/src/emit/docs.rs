//! Doc comments. Text from the spec goes in as string literals, one attribute per line, so any
//! character (backticks, `*/`, HTML, non-ASCII) is carried through unharmed.

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc = "…"]` attribute for `text`. One attribute rather than one per line parses
/// faster (docs are a third of the generated lines); prettyplease prints a multi-line doc as a
/// `/** … */` block, which [`line_comments`] turns back into `///` lines.
pub fn outer(text: &str) -> TokenStream {
    let text = lines(text).collect::<Vec<_>>().join("\n");
    if text.is_empty() { TokenStream::new() } else { quote!(#[doc = #text]) }
}

/// One `#![doc = "…"]` attribute, printed as `//!` lines in the end.
pub fn inner(text: &str) -> TokenStream {
    let text = lines(text).collect::<Vec<_>>().join("\n");
    if text.is_empty() { TokenStream::new() } else { quote!(#![doc = #text]) }
}

/// Rewrites the `/** … */` and `/*! … */` doc blocks prettyplease prints for multi-line docs as
/// `///` and `//!` lines at the block's indentation, the form people write.
pub fn line_comments(printed: &str) -> String {
    let mut out = String::with_capacity(printed.len() + printed.len() / 8);
    let mut block: Option<(String, &str)> = None;
    for line in printed.lines() {
        let (indent, prefix, rest) = match &block {
            Some((indent, prefix)) => (indent.clone(), *prefix, line),
            None => {
                let trimmed = line.trim_start();
                let indent = &line[..line.len() - trimmed.len()];
                match (trimmed.strip_prefix("/**"), trimmed.strip_prefix("/*!")) {
                    (Some(rest), _) => (indent.to_string(), "///", rest),
                    (_, Some(rest)) => (indent.to_string(), "//!", rest),
                    _ => {
                        out.push_str(line);
                        out.push('\n');
                        continue;
                    }
                }
            }
        };
        let (content, closed) = match rest.strip_suffix("*/") {
            Some(content) => (content, true),
            None => (rest, false),
        };
        if !(closed && content.trim().is_empty() && block.is_some()) {
            out.push_str(&indent);
            out.push_str(prefix);
            out.push_str(content.trim_end());
            out.push('\n');
        }
        block = if closed { None } else { Some((indent, prefix)) };
    }
    out
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
    fn doc_blocks_become_line_comments() {
        let printed = "/*! Module.\n\n More.*/\nstruct A;\n    /** One\n\n Two\n */\n    fn f() {}\n/// Already.\n";
        assert_eq!(
            super::line_comments(printed),
            "//! Module.\n//!\n//! More.\nstruct A;\n    /// One\n    ///\n    /// Two\n    fn f() {}\n/// Already.\n"
        );
    }

    #[test]
    fn fences_never_become_doc_tests() {
        assert_eq!(prose("a\n```\nx\n```"), "a\n```text\nx\n```");
        assert_eq!(prose("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(prose("open ```\n```\nnever closed"), "open ```\n```text\nnever closed\n```");
        assert_eq!(prose("*/ <p> `x` é"), "*/ <p> `x` é");
    }
}
