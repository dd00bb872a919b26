//! `yaml-rust2`'s events for the first document of a text, pulled one at a time, that stop where
//! lists and mappings nest deeper than a limit.
//!
//! Why pull rather than let the parser push events into a receiver (`Parser::load`)? `load`
//! recurses once per level and cannot be stopped, and the scanner's time per token grows with
//! the depth of `[`/`{` nesting (it rechecks every open level): a bracket bomb costs the square
//! of its depth. Stopping at the limit bounds both, whatever the text hides in quotes or block
//! scalars, since the parser itself decides what nests.

use std::iter::Chain;
use std::str::Chars;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::line_index::LineIndex;

/// The scanner's message when `[` and `{` nest past its own limit.
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// What a document whose root is `{…}` or `[…]` (JSON) is read after. A collection that starts
/// the text could be a mapping's key (`{a: 1}: b`), so the scanner would queue every token of
/// it, the whole document, before the first event; after `--- ` on the same line no key can
/// start, and the tokens go as they come.
const FLOW_ROOT: &str = "--- ";

/// Where an event or error is in the text: 0-based line, 0-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The line, from 0.
    pub line: usize,
    /// The column in characters, from 0.
    pub col: usize,
}

impl Mark {
    /// The byte offset in `text`, whose lines are `lines`.
    pub fn offset(&self, text: &str, lines: &LineIndex) -> usize {
        lines.offset_of(text, self.line, self.col)
    }
}

/// Why the events ended before the document did.
#[derive(Debug)]
pub enum Stop {
    /// The text is not valid YAML here: the parser's message, and where.
    Syntax(String, Mark),
    /// A list or mapping opens here one level deeper than the limit.
    TooDeep(Mark),
}

/// The events, each with where it starts.
pub struct Events<'a> {
    parser: Parser<Chain<Chars<'static>, Chars<'a>>>,
    /// How many characters were put before the first line (see [`FLOW_ROOT`]).
    shift: usize,
    /// How many characters were taken from its start: a byte-order mark, which the parser would
    /// read as text.
    skipped: usize,
    depth: usize,
    limit: usize,
    /// Whether the documents after the first are read too.
    every_document: bool,
    finished: bool,
}

impl<'a> Events<'a> {
    /// The events of `text`'s first document, refusing to nest deeper than `limit`.
    pub fn new(text: &'a str, limit: usize) -> Events<'a> {
        let (text, skipped) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, 1),
            None => (text, 0),
        };
        let prefix = if text.starts_with(['{', '[']) { FLOW_ROOT } else { "" };
        let parser = Parser::new(prefix.chars().chain(text.chars()));
        Events { parser, shift: prefix.len(), skipped, depth: 0, limit, every_document: false, finished: false }
    }

    /// The events of every document of `text`, to the end of the stream, refusing to nest
    /// deeper than `limit`: for a reader that must tell a second document from the end.
    pub fn stream(text: &'a str, limit: usize) -> Events<'a> {
        Events { every_document: true, ..Events::new(text, limit) }
    }

    /// A marker of the parser's as a place in the text.
    fn mark(&self, marker: &Marker) -> Mark {
        let line = marker.line().saturating_sub(1);
        let col = if line == 0 { (marker.col() + self.skipped).saturating_sub(self.shift) } else { marker.col() };
        Mark { line, col }
    }
}

impl Iterator for Events<'_> {
    type Item = Result<(Event, Mark), Stop>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let (event, marker) = match self.parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                self.finished = true;
                // The scanner reads a whole `[…]` ahead before the parser sees its first event,
                // and stops itself at 256 levels of them: that is too deep as well.
                let at = self.mark(e.marker());
                if e.info() == RECURSION_LIMIT {
                    return Some(Err(Stop::TooDeep(at)));
                }
                return Some(Err(Stop::Syntax(e.info().to_string(), at)));
            }
        };
        let mark = self.mark(&marker);
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                self.depth += 1;
                if self.depth > self.limit {
                    self.finished = true;
                    return Some(Err(Stop::TooDeep(mark)));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => self.depth = self.depth.saturating_sub(1),
            // Only the first document is read unless asked: a spec file is one document.
            Event::DocumentEnd if !self.every_document => self.finished = true,
            Event::StreamEnd => self.finished = true,
            _ => {}
        }
        Some(Ok((event, mark)))
    }
}

/// Where the first list or mapping deeper than `limit` opens in `text`, if one does; `Err` if
/// the text is not valid YAML before that.
pub fn too_deep(text: &str, limit: usize) -> Result<Option<Mark>, String> {
    for event in Events::new(text, limit) {
        match event {
            Ok(_) => {}
            Err(Stop::TooDeep(mark)) => return Ok(Some(mark)),
            Err(Stop::Syntax(message, _)) => return Err(message),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_limit_in_any_style() {
        let flow = format!("a: {}", "[".repeat(10));
        let block: String = (0..10).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        let compact = format!("{}1\n", "- ".repeat(10));
        for text in [&flow, &block, &compact] {
            assert!(too_deep(text, 4).unwrap().is_some(), "{text}");
        }
        assert!(too_deep(&compact, 10).unwrap().is_none());
    }

    /// Past 256 levels the scanner refuses `[` itself, before the parser sees a level.
    #[test]
    fn the_scanner_s_own_limit_is_too_deep() {
        let text = format!("a: {}", "[".repeat(100_000));
        let mark = too_deep(&text, 64).unwrap().expect("too deep");
        assert_eq!(mark.line, 0);
    }

    /// The text pre-scan this replaces took the `"` that opens a block scalar's line for a
    /// quote, and missed every bracket after it.
    #[test]
    fn quotes_in_block_scalars_hide_nothing() {
        let text = format!("description: |\n  \"\nx: {}{}\n", "[".repeat(100), "]".repeat(100));
        let mark = too_deep(&text, 64).unwrap().expect("too deep");
        // The document's mapping is the first level, so the 64th bracket opens the 65th.
        assert_eq!((mark.line, mark.col), (2, 3 + 63));
    }

    /// A JSON document is read as if after `--- `, and positions are those of its own text.
    #[test]
    fn a_flow_root_keeps_its_columns() {
        let text = "{\"a\": [1, {\"b\": 2}]}";
        let columns: Vec<usize> = Events::new(text, 8).filter_map(Result::ok).map(|(_, mark)| mark.col).collect();
        // Stream, document, `{`, `"a"`, `[`, `1`, `{`, `"b"`, `2`.
        assert_eq!(columns[2..9], [0, 1, 6, 7, 10, 11, 16]);
    }
}
