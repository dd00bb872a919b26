//! Errors and warnings about a spec, reported the way `rustc` reports code: a message, the file,
//! line and column, the offending line with a caret under the span, and a hint where one is likely.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

use crate::line_index::LineIndex;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec is usable but probably not what its author meant.
    Warning,
    /// The spec cannot be generated from.
    Error,
}

/// A place in a spec file, with the part of its line that the diagnostic shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it, e.g. `spec/customers.yaml`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The line, or a window of it around the span when the line is long (a minified document
    /// is one line: a copy of it in each of many diagnostics would dwarf the document).
    excerpt: String,
    /// The span in `excerpt`, in bytes.
    span: Range<usize>,
}

/// A line up to this many bytes is shown whole; a longer one as a window around the span.
const WHOLE_LINE: usize = 160;
/// How many bytes of a long line the window shows before the span's start, and from it on.
const BEFORE: usize = 40;
const AFTER: usize = 80;
/// What marks where a window cut its line.
const CUT: &str = "...";

impl Location {
    /// The location of the byte range `span` of `text`, the contents of the file at `path`. Reads
    /// the whole text: for many locations in one file, index it once and use [`Location::indexed`].
    pub fn new(path: &str, text: &str, span: Range<usize>) -> Location {
        Location::indexed(path, text, &LineIndex::new(text), span)
    }

    /// Like [`Location::new`], with the text's lines already indexed.
    pub fn indexed(path: &str, text: &str, lines: &LineIndex, span: Range<usize>) -> Location {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line_start = lines.line_start(lines.line_of(start));
        let line_end = lines.line_end(start);
        let line_end = if text[..line_end].ends_with('\r') { line_end - 1 } else { line_end };
        let end = floor_char_boundary(text, span.end.clamp(start, line_end.max(start)));
        let (excerpt, span) = excerpt(text, line_start..line_end, start..end);
        Location {
            path: path.to_string(),
            line: lines.line_of(start) + 1,
            column: lines.column_of(text, start) + 1,
            excerpt,
            span,
        }
    }

    /// A location for a whole file, or for a file that could not be read as text.
    pub fn file(path: &str) -> Location {
        Location { path: path.to_string(), line: 1, column: 1, excerpt: String::new(), span: 0..0 }
    }

    /// The part of the line shown, and the span in it.
    pub fn excerpt(&self) -> (&str, Range<usize>) {
        (&self.excerpt, self.span.clone())
    }
}

/// The `line` of `text` that holds `span` (byte ranges of `text`), with the span moved into it:
/// whole when short, else a window around the span's start marked with [`CUT`] where cut.
fn excerpt(text: &str, line: Range<usize>, span: Range<usize>) -> (String, Range<usize>) {
    if line.len() <= WHOLE_LINE {
        return (text[line.clone()].to_string(), span.start - line.start..span.end - line.start);
    }
    let from = floor_char_boundary(text, span.start.saturating_sub(BEFORE).max(line.start));
    let to = floor_char_boundary(text, span.start.saturating_add(AFTER).min(line.end)).max(span.start);
    let mut shown = String::with_capacity(to - from + 2 * CUT.len());
    if from > line.start {
        shown.push_str(CUT);
    }
    let shift = shown.len();
    shown.push_str(&text[from..to]);
    if to < line.end {
        shown.push_str(CUT);
    }
    (shown, span.start - from + shift..span.end.min(to) - from + shift)
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
        let shown = self.location.as_ref().filter(|l| !l.excerpt.is_empty());
        if let Some(location) = shown {
            let snippet = Snippet::source(&location.excerpt)
                .line_start(location.line)
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
        // The `-->` line is written here, not by the renderer, which would count the column in
        // the excerpt rather than in the line. It is indented as wide as the line numbers.
        let arrow = match (&self.location, shown) {
            (_, Some(l)) => format!("{:width$}--> {}:{}:{}", "", l.path, l.line, l.column, width = digits(l.line)),
            (Some(l), None) => format!(" --> {}", l.path),
            (None, None) => return rendered,
        };
        let (title, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
        let rest = if rest.is_empty() { String::new() } else { format!("\n{rest}") };
        format!("{title}\n{arrow}{rest}")
    }
}

/// How many diagnostics of each severity a run keeps whole; past that they are only counted.
/// The command line shows 50 ([`crate::cli::MAX_SHOWN`]), errors first; a thousand of each is
/// plenty for a tool or a test that reads them all, and at most a few MB whatever the input
/// (a hostile spec of 16 MB gives 700,000 warnings, which kept whole took 1 GB).
pub const KEPT: usize = 1_000;

/// The diagnostics of a run, in the order found: the first [`KEPT`] errors and the first
/// [`KEPT`] warnings whole, and how many there are of each in all. Reads as a slice of the kept
/// ones; [`Diagnostics::errors`] and [`Diagnostics::warnings`] count every one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    errors: usize,
    warnings: usize,
}

impl Diagnostics {
    /// None yet.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Counts `diagnostic`, and keeps it if fewer than [`KEPT`] of its severity are kept.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.counts(diagnostic.severity) {
            self.kept.push(diagnostic);
        }
    }

    /// Counts one more diagnostic of `severity`; returns whether it is to be kept. For a caller
    /// that can skip building a diagnostic that would only be counted.
    pub fn counts(&mut self, severity: Severity) -> bool {
        let count = match severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
        };
        *count += 1;
        *count <= KEPT
    }

    /// Keeps `diagnostic`, already counted by [`Diagnostics::counts`], which said to keep it.
    pub fn keep(&mut self, diagnostic: Diagnostic) {
        self.kept.push(diagnostic);
    }

    /// Moves every diagnostic of `other` to the end of these, counts included.
    pub fn append(&mut self, other: &mut Diagnostics) {
        let other = std::mem::take(other);
        let kept_errors = other.kept.iter().filter(|d| d.is_error()).count();
        let kept_warnings = other.kept.len() - kept_errors;
        self.extend(other.kept);
        // Those `other` only counted, counted here too.
        self.errors += other.errors - kept_errors;
        self.warnings += other.warnings - kept_warnings;
    }

    /// How many errors, kept or not.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// How many warnings, kept or not.
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// Whether there is any error.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// How many diagnostics, kept or not.
    pub fn total(&self) -> usize {
        self.errors + self.warnings
    }

    /// The kept diagnostics.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.kept
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];

    fn deref(&self) -> &[Diagnostic] {
        &self.kept
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, diagnostics: I) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(diagnostics: I) -> Diagnostics {
        let mut all = Diagnostics::new();
        all.extend(diagnostics);
        all
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Diagnostics {
        diagnostics.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.kept.iter()
    }
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
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
        assert_eq!(location.excerpt(), ("bé: { type: Custmer }", 13..20));
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

    /// Past [`KEPT`] of a severity, diagnostics are counted and dropped; the other severity's
    /// are still kept, so an error after a flood of warnings is not lost.
    #[test]
    fn diagnostics_keep_the_first_of_each_severity_and_count_the_rest() {
        let mut all: Diagnostics = (0..KEPT + 5).map(|i| Diagnostic::warning(format!("w{i}"))).collect();
        all.push(Diagnostic::error("e"));
        let mut more: Diagnostics = (0..KEPT + 2).map(|i| Diagnostic::error(format!("e{i}"))).collect();
        all.append(&mut more);
        assert_eq!((all.warnings(), all.errors(), all.total()), (KEPT + 5, KEPT + 3, 2 * KEPT + 8));
        assert_eq!(all.len(), 2 * KEPT);
        assert!(all.has_errors() && more.is_empty() && more.total() == 0);
        assert_eq!(all[KEPT].message, "e");
        assert_eq!(all.last().map(|d| d.message.as_str()), Some("e998"));
    }

    /// A minified document is one long line: each diagnostic keeps a window of it, not a copy,
    /// and still counts its column in the whole line.
    #[test]
    fn a_long_line_is_shown_as_a_window() {
        let text = format!("{{\"a\": [{}\"Custmer\"]}}", "\"é\", ".repeat(10_000));
        let start = text.find("Custmer").unwrap();
        let location = Location::new("a.json", &text, start..start + 7);
        let (excerpt, span) = location.excerpt();
        assert!(excerpt.len() <= WHOLE_LINE, "{excerpt}");
        assert_eq!(&excerpt[span], "Custmer");
        assert_eq!((location.line, location.column), (1, 7 + 5 * 10_000 + 2));
        let rendered = Diagnostic::error("unknown type").at(location).render();
        assert!(rendered.contains(&format!("--> a.json:1:{}", 7 + 5 * 10_000 + 2)), "{rendered}");
        assert!(rendered.contains("1 | ...") && rendered.contains("\"é\", \"Custmer\"]}"), "{rendered}");
    }
}
