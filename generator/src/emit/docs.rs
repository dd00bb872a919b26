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

/// The width generated files are laid out to, as rustfmt's default.
const WIDTH: usize = 100;

/// Lays out the printed file as people write Rust: the `/** … */` and `/*! … */` doc blocks
/// prettyplease prints for multi-line docs become `///` and `//!` lines at the block's
/// indentation, doc prose is wrapped at 100 columns, and a blank line follows the end of each
/// top-level item (not of each member of an `impl`: a builder's dozens of setters would grow by a
/// tenth).
pub fn line_comments(printed: &str) -> String {
    let mut out = String::with_capacity(printed.len() + printed.len() / 8);
    let mut block: Option<(String, &str)> = None;
    let mut fence = false;
    let mut after_item = false;
    for line in printed.lines() {
        let (indent, prefix, rest) = match &block {
            Some((indent, prefix)) => (indent.clone(), *prefix, line),
            None => {
                let trimmed = line.trim_start();
                let indent = &line[..line.len() - trimmed.len()];
                if after_item && !trimmed.is_empty() && !trimmed.starts_with('}') {
                    out.push('\n');
                }
                // The closing brace of a top-level item.
                after_item = line == "}";
                match (trimmed.strip_prefix("/**"), trimmed.strip_prefix("/*!")) {
                    (Some(rest), _) => (indent.to_string(), "///", rest),
                    (_, Some(rest)) => (indent.to_string(), "//!", rest),
                    _ => {
                        match (trimmed.strip_prefix("///"), trimmed.strip_prefix("//!")) {
                            (Some(content), _) => push_doc(&mut out, indent, "///", content, &mut fence),
                            (_, Some(content)) => push_doc(&mut out, indent, "//!", content, &mut fence),
                            _ => {
                                out.push_str(line);
                                out.push('\n');
                            }
                        }
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
            push_doc(&mut out, &indent, prefix, content, &mut fence);
        }
        block = if closed { None } else { Some((indent, prefix)) };
    }
    out
}

/// One line of docs, wrapped at [`WIDTH`] where it is prose: code blocks (tracked in `fence`),
/// tables, headings and indented code are kept as they are, and a list item's continuation lines
/// are indented under its text.
fn push_doc(out: &mut String, indent: &str, prefix: &str, content: &str, fence: &mut bool) {
    let content = content.trim_end();
    let text = content.strip_prefix(' ').unwrap_or(content);
    let is_fence = text.trim_start().starts_with("```");
    if is_fence {
        *fence = !*fence;
    }
    let width = WIDTH.saturating_sub(indent.len() + prefix.len() + 1);
    let verbatim = *fence || is_fence || text.starts_with(['|', '#']) || text.starts_with("    ");
    if verbatim || text.chars().count() <= width {
        out.extend([indent, prefix, content, "\n"]);
        return;
    }
    let hang = list_marker(text).map_or(0, str::len);
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.extend([indent, prefix, " ", &line, "\n"]);
            line = " ".repeat(hang);
        } else if !line.trim_start().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.extend([indent, prefix, " ", &line, "\n"]);
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
    fn prose_is_wrapped_at_100_columns_and_code_is_not() {
        let long = "word ".repeat(30);
        let code = format!("/// let x = \"{long}\";");
        let table = format!("/// | {long} |");
        let printed = format!("/// {long}\n/// - {long}\n/// ```\n{code}\n/// ```\n{table}\nstruct A;\n");
        let out = super::line_comments(&printed);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.contains(&code.as_str()) && lines.contains(&table.as_str()), "code and tables are kept: {out}");
        let prose = lines.iter().filter(|l| **l != code && **l != table);
        assert!(prose.clone().all(|l| l.len() <= 100), "{out}");
        assert!(prose.clone().any(|l| l.starts_with("/// - word")), "{out}");
        assert!(prose.clone().any(|l| l.starts_with("///   word")), "a list item's lines hang under its text: {out}");
    }

    #[test]
    fn top_level_items_are_separated_by_a_blank_line() {
        let printed =
            "struct A;\nimpl A {\n    fn a() {}\n    fn b() {\n        x();\n    }\n    fn c() {}\n}\nimpl B {}\n";
        assert_eq!(
            super::line_comments(printed),
            "struct A;\nimpl A {\n    fn a() {}\n    fn b() {\n        x();\n    }\n    fn c() {}\n}\n\nimpl B {}\n"
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
