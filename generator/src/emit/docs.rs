//! Doc comments. Text from the spec goes in as string literals, one attribute per line, so any
//! character (backticks, `*/`, HTML, non-ASCII) is carried through unharmed, and prettyplease
//! prints them as `///` and `//!` lines.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes for `text`, one per line, which prettyplease prints as `///` lines
/// (one attribute of several lines it would print as a `/** … */` block). Prose is wrapped to fit
/// 100 columns at a member's indentation.
pub fn outer(text: &str) -> TokenStream {
    let lines = wrapped(text);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc = "…"]` attributes for `text`, printed as `//!` lines.
pub fn inner(text: &str) -> TokenStream {
    let lines = wrapped(text);
    quote!(#(#![doc = #lines])*)
}

/// The width generated files are laid out to, as rustfmt's default.
const WIDTH: usize = 100;

/// How much of a line a member's doc comment leaves for its text: four spaces and `/// `.
const TEXT_WIDTH: usize = WIDTH - 8;

/// The lines of `text` as doc attributes carry them: each with the single leading space that
/// `///` comments conventionally have, prose wrapped at [`TEXT_WIDTH`]. Code blocks (tracked in
/// `fence`), tables, headings and indented code are kept as they are, and a list item's
/// continuation lines are indented under its text.
fn wrapped(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence = false;
    for line in text.trim_end().lines() {
        // A carriage return may not stand alone in a doc comment.
        let line = line.trim_end().replace('\r', " ");
        let is_fence = line.trim_start().starts_with("```");
        if is_fence {
            fence = !fence;
        }
        let verbatim = fence || is_fence || line.starts_with(['|', '#']) || line.starts_with("    ");
        if verbatim || line.chars().count() <= TEXT_WIDTH {
            out.push(if line.is_empty() { line } else { format!(" {line}") });
        } else {
            wrap(&line, &mut out);
        }
    }
    out
}

/// A line of prose as lines of at most [`TEXT_WIDTH`] characters (but for single long words).
fn wrap(text: &str, out: &mut Vec<String>) {
    let hang = list_marker(text).map_or(0, str::len);
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > TEXT_WIDTH {
            out.push(format!(" {line}"));
            line = " ".repeat(hang);
        } else if !line.trim_start().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push(format!(" {line}"));
}

/// The marker of a Markdown list item at the start of `text` (`- `, `* `, `1. `), if it is one.
fn list_marker(text: &str) -> Option<&str> {
    if text.starts_with("- ") || text.starts_with("* ") {
        return Some(&text[..2]);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && text[digits..].starts_with(". ")).then(|| &text[..digits + 2])
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

/// Text from the spec on one line, for a parameter's short description.
pub fn one_line(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() { "no description.".to_string() } else { text }
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
    fn prose_is_wrapped_and_code_is_not() {
        let long = "word ".repeat(30);
        let code = format!("let x = \"{long}\";");
        let table = format!("| {long} |");
        let text = format!("{long}\n- {long}\n\n```\n{code}\n```\n{table}");
        let lines = super::wrapped(&text);
        let kept = |line: &String| line.trim_start() == code.trim_end() || line.trim_start() == table.trim_end();
        assert_eq!(lines.iter().filter(|l| kept(l)).count(), 2, "code and tables are kept: {lines:#?}");
        assert!(lines.iter().filter(|l| !kept(l)).all(|l| l.len() <= 1 + super::TEXT_WIDTH), "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with(" - word")), "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("   word")), "a list item's lines hang under its text: {lines:#?}");
        assert!(lines.contains(&String::new()), "a blank line stays blank: {lines:#?}");
    }

    #[test]
    fn fences_never_become_doc_tests() {
        assert_eq!(prose("a\n```\nx\n```"), "a\n```text\nx\n```");
        assert_eq!(prose("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(prose("open ```\n```\nnever closed"), "open ```\n```text\nnever closed\n```");
        assert_eq!(prose("*/ <p> `x` é"), "*/ <p> `x` é");
    }
}
