//! `yaml-rust2`'s events for the first document of a text, pulled one at a time, that stop where
//! lists and mappings nest deeper than a limit.
//!
//! Why pull rather than let the parser push events into a receiver (`Parser::load`)? `load`
//! recurses once per level and cannot be stopped, and the scanner's time per token grows with
//! the depth of `[`/`{` nesting (it rechecks every open level): a bracket bomb costs the square
//! of its depth. Stopping at the limit bounds both, whatever the text hides in quotes or block
//! scalars, since the parser itself decides what nests.

use std::str::Chars;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError};

/// The scanner's message when `[` and `{` nest past its own limit.
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// Why the events ended before the document did.
#[derive(Debug)]
pub enum Stop {
    /// The text is not valid YAML here.
    Syntax(ScanError),
    /// A list or mapping opens here one level deeper than the limit.
    TooDeep(Marker),
}

/// The events, each with where it starts.
pub struct Events<'a> {
    parser: Parser<Chars<'a>>,
    depth: usize,
    limit: usize,
    finished: bool,
}

impl<'a> Events<'a> {
    /// The events of `text`'s first document, refusing to nest deeper than `limit`.
    pub fn new(text: &'a str, limit: usize) -> Events<'a> {
        Events { parser: Parser::new_from_str(text), depth: 0, limit, finished: false }
    }
}

impl Iterator for Events<'_> {
    type Item = Result<(Event, Marker), Stop>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let (event, mark) = match self.parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                self.finished = true;
                // The scanner reads a whole `[…]` ahead before the parser sees its first event,
                // and stops itself at 256 levels of them: that is too deep as well.
                if e.info() == RECURSION_LIMIT {
                    return Some(Err(Stop::TooDeep(*e.marker())));
                }
                return Some(Err(Stop::Syntax(e)));
            }
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                self.depth += 1;
                if self.depth > self.limit {
                    self.finished = true;
                    return Some(Err(Stop::TooDeep(mark)));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => self.depth = self.depth.saturating_sub(1),
            // Only the first document is read, as `serde_yaml` reads only one.
            Event::DocumentEnd | Event::StreamEnd => self.finished = true,
            _ => {}
        }
        Some(Ok((event, mark)))
    }
}

/// Where a marker (1-based line, 0-based column in characters) is in the text, in bytes.
pub fn offset(text: &str, lines: &crate::line_index::LineIndex, mark: &Marker) -> usize {
    lines.offset_of(text, mark.line().saturating_sub(1), mark.col())
}

/// Where the first list or mapping deeper than `limit` opens in `text`, if one does; `Err` if
/// the text is not valid YAML before that.
pub fn too_deep(text: &str, limit: usize) -> Result<Option<Marker>, ScanError> {
    for event in Events::new(text, limit) {
        match event {
            Ok(_) => {}
            Err(Stop::TooDeep(mark)) => return Ok(Some(mark)),
            Err(Stop::Syntax(e)) => return Err(e),
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
        assert_eq!(mark.line(), 1);
    }

    /// The text pre-scan this replaces took the `"` that opens a block scalar's line for a
    /// quote, and missed every bracket after it.
    #[test]
    fn quotes_in_block_scalars_hide_nothing() {
        let text = format!("description: |\n  \"\nx: {}{}\n", "[".repeat(100), "]".repeat(100));
        let mark = too_deep(&text, 64).unwrap().expect("too deep");
        // The document's mapping is the first level, so the 64th bracket opens the 65th.
        assert_eq!((mark.line(), mark.col()), (3, 3 + 63));
    }
}
