//! Errors and warnings about a spec, reported the way `rustc` reports code: a message, the file,
//! line and column, the offending line with a caret under the span, and a hint where one is likely.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec is usable but probably not what its author meant.
    Warning,
    /// The spec cannot be generated from.
    Error,
}

/// A place in a spec file, with the line it is on so the diagnostic can show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it, e.g. `spec/customers.yaml`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    line_text: String,
    /// The span in `line_text`, in bytes.
    span: Range<usize>,
}

impl Location {
    /// The location of the byte range `span` of `text`, the contents of the file at `path`.
    pub fn new(path: &str, text: &str, span: Range<usize>) -> Location {
        Location::on_line(path, text, span, |line_start| text[..line_start].matches('\n').count())
    }

    /// Like [`Location::new`], with the 0-based line of an offset found by `line_of` (a large
    /// file's line index finds it without counting the lines before it).
    pub fn on_line(path: &str, text: &str, span: Range<usize>, line_of: impl FnOnce(usize) -> usize) -> Location {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r').to_string();
        let end = floor_char_boundary(text, span.end.clamp(start, line_end)).min(line_start + line_text.len());
        Location {
            path: path.to_string(),
            line: line_of(line_start) + 1,
            column: text[line_start..start].chars().count() + 1,
            span: (start - line_start)..(end.max(start) - line_start),
            line_text,
        }
    }

    /// A location for a whole file, or for a file that could not be read as text.
    pub fn file(path: &str) -> Location {
        Location { path: path.to_string(), line: 1, column: 1, line_text: String::new(), span: 0..0 }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// Where, when it can be pinned down.
    pub location: Option<Location>,
    /// A likely fix.
    pub help: Option<String>,
    /// More context, such as where in an imported document the problem is (a JSON pointer).
    pub note: Option<String>,
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message: message.into(), location: None, help: None, note: None }
    }

    /// A warning with no location yet.
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, message: message.into(), location: None, help: None, note: None }
    }

    /// Pins the diagnostic to a place.
    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// Adds a hint.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds context beyond the location.
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// Whether this stops generation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as `rustc` would, without colour.
    pub fn render(&self) -> String {
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let mut message = level.title(&self.message);
        // A whole-file location (an unreadable file, a missing block) has no line to show.
        let file_only = self.location.as_ref().filter(|l| l.line_text.is_empty());
        if let Some(location) = self.location.as_ref().filter(|l| !l.line_text.is_empty()) {
            let snippet = Snippet::source(&location.line_text)
                .line_start(location.line)
                .origin(&location.path)
                .annotation(level.span(location.span.clone()));
            message = message.snippet(snippet);
        }
        if let Some(note) = &self.note {
            message = message.footer(Level::Note.title(note));
        }
        if let Some(help) = &self.help {
            message = message.footer(Level::Help.title(help));
        }
        let rendered = Renderer::plain().render(message).to_string();
        match file_only {
            Some(location) => {
                let (title, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
                let rest = if rest.is_empty() { String::new() } else { format!("\n{rest}") };
                format!("{title}\n --> {}{rest}", location.path)
            }
            None => rendered,
        }
    }
}

/// The short form, `FILE:LINE:COLUMN: message`, for logs and tests.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = &self.location {
            write!(f, "{}:{}:{}: ", l.path, l.line, l.column)?;
        }
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_character_columns() {
        let text = "a: 1\nbé: { type: Custmer }\n";
        let start = text.find("Custmer").unwrap();
        let location = Location::new("spec/x.yaml", text, start..start + 7);
        assert_eq!((location.line, location.column), (2, 13), "{location:?}");
        assert_eq!(location.line_text, "bé: { type: Custmer }");
    }

    #[test]
    fn renders_like_rustc() {
        let text = "types:\n  A: { type: Custmer }\n";
        let start = text.find("Custmer").unwrap();
        let diagnostic = Diagnostic::error("unknown type `Custmer`")
            .at(Location::new("spec/a.yaml", text, start..start + 7))
            .help("did you mean `Customer`?");
        let rendered = diagnostic.render();
        assert!(rendered.starts_with("error: unknown type `Custmer`"), "{rendered}");
        assert!(rendered.contains("--> spec/a.yaml:2:14"), "{rendered}");
        assert!(rendered.contains("2 |   A: { type: Custmer }"), "{rendered}");
        assert!(rendered.contains("^^^^^^^"), "{rendered}");
        assert!(rendered.contains("help: did you mean `Customer`?"), "{rendered}");
        assert_eq!(diagnostic.to_string(), "spec/a.yaml:2:14: unknown type `Custmer`");
    }
}
